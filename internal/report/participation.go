package report

import (
	"tuyengiao"
	"tuyengiao/internal/vn"
)

// ParticipationTable returns the table of a campaign's dashboard export: a line per unit with,
// for each audience, how many took part, of how many, and the rate (kept as its numerator and
// denominator), or above 100% the warning tuyengiao.ExceededNote; then the units that must organise the study, those that have, and the number
// of conferences.
func ParticipationTable(title string, c *tuyengiao.Campaign, rows []tuyengiao.ParticipationRow) Table {
	t := Table{Title: title, Columns: []Column{{"Mã đơn vị", Text}, {"Đơn vị", Text}}}
	for _, a := range c.Audiences {
		name := a.Category.Name()
		t.Columns = append(t.Columns, Column{name + ": đã tham gia", Integer}, Column{name + ": tổng số", Integer},
			Column{name + ": tỉ lệ (chỉ tiêu " + vn.Decimal(a.Target, 1) + "%)", Percent})
	}
	t.Columns = append(t.Columns, Column{"Đơn vị phải tổ chức", Integer}, Column{"Đơn vị đã tổ chức", Integer},
		Column{"Số hội nghị", Integer})
	for _, r := range rows {
		line := []any{r.UnitCode, r.UnitName}
		for _, a := range r.Audiences {
			var rate any = Ratio{a.Took, a.Base}
			if a.Exceeded() {
				rate = tuyengiao.ExceededNote
			}
			line = append(line, a.Took, a.Base, rate)
		}
		t.Rows = append(t.Rows, append(line, r.Required, r.Organised, r.Conferences))
	}
	return t
}
