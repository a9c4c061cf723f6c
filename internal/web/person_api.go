package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// maxExport is the most lines one export writes: the people of a whole city, several times over.
const maxExport = 200_000

func (s *Server) apiPeople(w http.ResponseWriter, r *http.Request) error {
	f, err := personFilter(r.URL.Query())
	if err != nil {
		return err
	}
	people, total, err := s.People.FindPeople(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(people, total))
	return nil
}

func (s *Server) apiPersonCreate(w http.ResponseWriter, r *http.Request) error {
	var in tuyengiao.Person
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	// The unit may be named by its code, as in a spreadsheet; what the server sets is not
	// taken from the request.
	if in.UnitID == 0 && in.UnitCode != "" {
		u, err := s.unitByCode(r, "unit_code", in.UnitCode)
		if err != nil {
			return err
		}
		in.UnitID = u.ID
	}
	p := &tuyengiao.Person{UnitID: in.UnitID, FullName: in.FullName, BirthYear: in.BirthYear, BirthDate: in.BirthDate,
		Gender: in.Gender, Category: in.Category, Position: in.Position, Phone: in.Phone, PartyCard: in.PartyCard,
		Status: in.Status, StatusDate: in.StatusDate}
	if err := s.People.CreatePerson(r.Context(), p); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

func (s *Server) apiPerson(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.People.FindPersonByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (s *Server) apiPersonUpdate(w http.ResponseWriter, r *http.Request) error {
	var upd tuyengiao.PersonUpdate
	id, err := jsonID(r, &upd)
	if err != nil {
		return err
	}
	p, err := s.People.UpdatePerson(r.Context(), id, upd)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (s *Server) apiPersonStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// The day is read here rather than as a tuyengiao.Date so that a bad one names the field
	// "on", and so that 31/01/2023 is taken as well as 2023-01-31.
	var in struct {
		Status tuyengiao.PersonStatus `json:"status"`
		On     string                 `json:"on"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	var on tuyengiao.Date
	if strings.TrimSpace(in.On) == "" {
		return tuyengiao.FieldError("on", "Chưa nhập ngày.")
	} else if t, err := vn.ParseDate(in.On); err != nil {
		return tuyengiao.FieldError("on", "Ngày %q không hợp lệ (ví dụ 2023-01-31).", in.On)
	} else {
		on = tuyengiao.GivenDate(t)
	}
	p, err := s.People.ChangePersonStatus(r.Context(), id, in.Status, on)
	if err != nil {
		return renameField(err, "status_date", "on")
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

// importResultBody is the JSON form of an import's outcome: the ImportResult schema, whose
// errors carry the row, the field and the message.
type importResultBody struct {
	Rows       int                         `json:"rows"`
	Valid      int                         `json:"valid"`
	Committed  bool                        `json:"committed"`
	Created    int                         `json:"created"`
	Errors     []importRowBody             `json:"errors"`
	Duplicates []tuyengiao.ImportDuplicate `json:"duplicates"`
	Dropped    int                         `json:"dropped"`
	Undecided  int                         `json:"undecided"`
}

type importRowBody struct {
	Row     int    `json:"row"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func newImportResultBody(lang string, res *tuyengiao.ImportResult) importResultBody {
	b := importResultBody{Rows: res.Rows, Valid: res.Valid, Committed: res.Committed, Created: res.Created,
		Errors: make([]importRowBody, len(res.Errors)), Duplicates: res.Duplicates, Dropped: res.Dropped, Undecided: res.Undecided}
	if b.Duplicates == nil {
		b.Duplicates = []tuyengiao.ImportDuplicate{}
	}
	for i, e := range res.Errors {
		b.Errors[i] = importRowBody{Row: e.Row, Field: e.Field, Message: message(lang, e)}
	}
	return b
}

// apiPeopleImport checks, and with commit=true imports, a spreadsheet in one request. Bad
// rows and unanswered duplicates are not a failure of the request: the answer lists them and
// says nothing was written. keep= and drop= answer the duplicates: row numbers separated by
// commas.
func (s *Server) apiPeopleImport(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	rootID, err := queryInt(q, "root")
	if err != nil {
		return err
	} else if rootID == 0 {
		return tuyengiao.FieldError("root", "Chưa chọn đơn vị nhập (tham số root).")
	}
	commit, err := commitParam(r)
	if err != nil {
		return err
	}
	up, err := readUpload(r)
	if err != nil {
		return err
	}
	rows, err := s.ReadPeople(bytes.NewReader(up.Content), int64(len(up.Content)))
	if err != nil {
		return err
	}
	req := tuyengiao.ImportRequest{RootID: rootID, Rows: rows, Commit: commit}
	if req.Keep, err = rowList(q, "keep"); err != nil {
		return err
	}
	if req.Drop, err = rowList(q, "drop"); err != nil {
		return err
	}
	res, err := s.People.ImportPeople(r.Context(), req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newImportResultBody(answerLang(r), res))
	return nil
}

// rowList reads the row numbers of the query parameter name, separated by commas.
func rowList(q url.Values, name string) ([]int, error) {
	var rows []int
	for _, f := range strings.FieldsFunc(q.Get(name), func(r rune) bool { return r == ',' || r == ' ' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, tuyengiao.FieldError(name, "Tham số %s phải là các số dòng cách nhau bởi dấu phẩy.", name)
		}
		rows = append(rows, n)
	}
	return rows, nil
}

// commitParam reads ?commit= of an import: true or 1 writes, false, 0 or none only checks.
func commitParam(r *http.Request) (bool, error) {
	switch r.URL.Query().Get("commit") {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, tuyengiao.FieldError("commit", "Tham số commit phải là true hoặc false.")
}

func (s *Server) peopleTemplate(w http.ResponseWriter, r *http.Request) error {
	var buf bytes.Buffer
	if err := s.PeopleTemplate(&buf); err != nil {
		return err
	}
	sendXLSX(w, "mau-nhap-nhan-su.xlsx", &buf)
	return nil
}

// peopleExport writes every person of the list filter (all pages) as XLSX. An export is a
// read of personal data in bulk: it is audited with its size before the file is sent.
func (s *Server) peopleExport(w http.ResponseWriter, r *http.Request) error {
	f, err := personFilter(r.URL.Query())
	if err != nil {
		return err
	}
	people, err := allPages(func(offset, limit int) ([]*tuyengiao.Person, int, error) {
		f.Offset, f.Limit = offset, limit
		return s.People.FindPeople(r.Context(), f)
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.ExportPeople(&buf, people); err != nil {
		return err
	}
	if err := s.auditExport(r, "people", f.RootID, len(people), f.Category, f.Status, f.Query != ""); err != nil {
		return err
	}
	sendXLSX(w, "danh-sach-nhan-su.xlsx", &buf)
	return nil
}

// auditExport records the export of count people of a list of object at the unit, under
// "person.export", with the list's filter: its category, status and whether it was searched.
func (s *Server) auditExport(r *http.Request, object string, unitID int64, count int, cat tuyengiao.Category, status tuyengiao.PersonStatus, query bool) error {
	return s.Audit.RecordAudit(r.Context(), &tuyengiao.AuditRecord{Action: "person.export", Object: object, UnitID: unitID,
		Detail: fmt.Sprintf("count=%d category=%s status=%s query=%t", count, cat, status, query)})
}

// allPages reads the items of a list (people, records) page by page, as many as it holds, or
// ETOOLARGE when they are more than maxExport.
func allPages[T any](page func(offset, limit int) ([]T, int, error)) ([]T, error) {
	var items []T
	for {
		batch, total, err := page(len(items), maxLimit)
		if err != nil {
			return nil, err
		}
		if total > maxExport {
			return nil, tuyengiao.Errorf(tuyengiao.ETOOLARGE, "Danh sách có %d dòng, quá giới hạn %d dòng của một lần xuất. Hãy chọn đơn vị nhỏ hơn hoặc lọc thêm.",
				total, maxExport)
		}
		items = append(items, batch...)
		if len(batch) == 0 || len(items) >= total {
			return items, nil
		}
	}
}

// sendXLSX sends a workbook as a download that no cache keeps.
func sendXLSX(w http.ResponseWriter, filename string, buf *bytes.Buffer) {
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	buf.WriteTo(w)
}
