package web

import (
	"net/http"
	"slices"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// figureData is what the table of figures shows: the table asked, its rows ready to show,
// the catalogue by group with the indicators shown checked, and the question that gave it.
type figureData struct {
	Table  *tuyengiao.FigureTable
	Query  tuyengiao.FigureQuery
	Path   []*tuyengiao.Unit // the units above the one shown, within the caller's view
	Rows   []figureRow
	Groups []indicatorGroup
	Pick   periodPick
	Export string // the address of the XLSX of the same table
}

// figureRow is a unit row of the table: its label, the address one level down (drill-down),
// and a cell per indicator and period.
type figureRow struct {
	Unit  tuyengiao.FigureUnit
	Label string
	Down  string
	Cells []figureCell
}

// figureCell is a value as shown: its text, the numerator over the base of a ratio
// ("1.520/1.560"), and the page of the records behind it.
type figureCell struct {
	Text, Base, Records string
}

// indicatorGroup is the indicators of one group of the catalogue, for the picker.
type indicatorGroup struct {
	Name  string
	Items []indicatorChoice
}

type indicatorChoice struct {
	tuyengiao.Indicator
	Checked bool
}

// indicatorGroups names the groups of indicators the capabilities declare; a group not listed
// is shown by its code.
var indicatorGroups = map[string]string{
	"people": "Nhân sự", "study": "Học tập, quán triệt", "essays": "Bài thu hoạch",
	"documents": "Văn bản", "reported": "Số liệu báo cáo",
	"media": "Truyền thông, báo chí", "outreach": "Tuyên truyền miệng", "training": "Bồi dưỡng, sinh hoạt chuyên đề",
	"meetings": "Hội nghị, giao ban", "inspections": "Kiểm tra, giám sát", "emulation": "Thi đua, khen thưởng",
	"congress": "Công trình chào mừng", "programme": "Chương trình công tác", "contests": "Cuộc thi trực tuyến",
}

func (s *Server) figuresPage(w http.ResponseWriter, r *http.Request) error {
	fq, catalogue, t, err := s.figureTable(r)
	if err != nil {
		return err
	}
	d := &figureData{Table: t, Query: fq, Pick: newPeriodPick(fq.Periods, true),
		Groups: groupIndicators(catalogue, fq.Codes), Export: figureLink("/figures/export.xlsx", fq, fq.UnitID)}
	if d.Path, err = s.unitPath(r, fq.UnitID); err != nil {
		return err
	}
	for u, unit := range t.Units {
		row := figureRow{Unit: unit, Label: unit.Label()}
		if unit.Own {
			row.Label = tuyengiao.OwnLineLabel
		}
		if u > 0 && unit.HasChildren {
			row.Down = figureLink("/figures", fq, unit.ID)
		}
		for i, ind := range t.Indicators {
			for p, period := range t.Periods {
				v := t.Value(u, i, p)
				c := figureCell{Text: figureText(ind, v)}
				if ind.Aggregation == tuyengiao.AggregateRatio {
					c.Base = vn.Int(v.Num) + "/" + vn.Int(v.Den)
				}
				if !unit.Own {
					c.Records = recordsLink(ind, unit.ID, period)
				}
				row.Cells = append(row.Cells, c)
			}
		}
		d.Rows = append(d.Rows, row)
	}
	return s.render(w, r, "figures", &page{Title: "Bảng số liệu", Nav: "figures", Data: d})
}

// figureTable answers the question of the request (figureQuery, the key figures by
// default): the page, its export and the API all show this one table.
func (s *Server) figureTable(r *http.Request) (tuyengiao.FigureQuery, []tuyengiao.Indicator, *tuyengiao.FigureTable, error) {
	fq, catalogue, err := s.figureQuery(r, defaultTable)
	if err != nil {
		return fq, nil, nil, err
	}
	t, err := s.Figures.Figures(r.Context(), fq)
	return fq, catalogue, t, err
}

// unitPath returns the units from the top of the caller's view down to unitID, that one
// included.
func (s *Server) unitPath(r *http.Request, unitID int64) ([]*tuyengiao.Unit, error) {
	u, err := s.Units.FindUnitByID(r.Context(), unitID)
	if err != nil {
		return nil, err
	}
	path, err := s.ancestors(r, u, map[int64]*tuyengiao.Unit{})
	return append(path, u), err
}

// groupIndicators returns the catalogue by group, in the catalogue's order, the indicators
// of codes checked.
func groupIndicators(catalogue []tuyengiao.Indicator, codes []string) []indicatorGroup {
	var out []indicatorGroup
	at := map[string]int{}
	for _, ind := range catalogue {
		k, ok := at[ind.Group]
		if !ok {
			k = len(out)
			at[ind.Group] = k
			out = append(out, indicatorGroup{Name: indicatorGroupName(ind.Group)})
		}
		out[k].Items = append(out[k].Items, indicatorChoice{ind, slices.Contains(codes, ind.Code)})
	}
	return out
}

func indicatorGroupName(group string) string {
	if n, ok := indicatorGroups[group]; ok {
		return n
	}
	return group
}

func (s *Server) figuresExport(w http.ResponseWriter, r *http.Request) error {
	fq, _, t, err := s.figureTable(r)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", contentDisposition("so-lieu-"+vn.Fold(t.Units[0].Code)+"-"+fq.Periods[0].String()+".xlsx"))
	h.Set("Cache-Control", "private, no-cache")
	return s.ExportFigures(w, t)
}

// apiIndicators answers the catalogue of indicators.
func (s *Server) apiIndicators(w http.ResponseWriter, r *http.Request) error {
	inds, err := s.Figures.Indicators(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(inds, len(inds)))
	return nil
}

// periodItem is a period as the API lists it: its code, its label and its days.
type periodItem struct {
	tuyengiao.Period
	Code  string `json:"code"`
	Label string `json:"label"`
}

// apiPeriods lists the periods of a year (?year=, this year by default), of one kind
// (?kind=) or of every kind; or, with ?code=, the one period a code names.
func (s *Server) apiPeriods(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var periods []tuyengiao.Period
	if q.Has("code") {
		p, err := tuyengiao.ParsePeriod("code", q.Get("code"))
		if err != nil {
			return err
		}
		periods = append(periods, p)
	} else {
		var err error
		if periods, err = s.yearPeriods(q.Get("kind"), q.Get("year")); err != nil {
			return err
		}
	}
	out := make([]periodItem, len(periods))
	for i, p := range periods {
		out[i] = periodItem{p, p.String(), p.Label()}
	}
	writeJSON(w, http.StatusOK, newList(out, len(out)))
	return nil
}

// yearPeriods returns the periods of kind (every kind when empty) in year (this year when
// empty), in calendar order within each kind.
func (s *Server) yearPeriods(kind, year string) ([]tuyengiao.Period, error) {
	y := s.today().Year()
	if year != "" {
		p, err := tuyengiao.ParsePeriod("year", year)
		if err != nil || p.Kind != tuyengiao.PeriodYear {
			return nil, tuyengiao.FieldError("year", "Năm %q không hợp lệ.", year)
		}
		y = p.From.Year()
	}
	kinds := tuyengiao.PeriodKinds
	if kind != "" {
		k := tuyengiao.PeriodKind(kind)
		if !k.Valid() || k == tuyengiao.PeriodRange {
			return nil, tuyengiao.FieldError("kind", "Loại kỳ báo cáo %q không hợp lệ: month, quarter, half, nine hoặc year.", kind)
		}
		kinds = []tuyengiao.PeriodKind{k}
	}
	var out []tuyengiao.Period
	for _, k := range kinds {
		for m := 1; m <= 12; m++ {
			p := tuyengiao.PeriodContaining(k, tuyengiao.Date{Time: tuyengiao.MonthPeriod(y, m).From.Time})
			if len(out) == 0 || out[len(out)-1] != p {
				out = append(out, p)
			}
		}
	}
	return out, nil
}

// apiFigures answers the figures a query asks for (figureQuery), as the table shows them.
func (s *Server) apiFigures(w http.ResponseWriter, r *http.Request) error {
	_, _, t, err := s.figureTable(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}
