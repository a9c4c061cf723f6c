package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"tuyengiao"
)

// recordImportData is what the import of records of a kind shows: the unit imported into,
// and after an upload every bad row, or the first rows of a good file to confirm.
type recordImportData struct {
	Kind     *tuyengiao.RecordKind
	Unit     *tuyengiao.Unit
	Limit    string
	Filename string
	Checked  bool // a file was read
	Rows     int
	Errors   []*tuyengiao.Error    // every bad row
	Sample   []tuyengiao.RecordRow // the first rows of a good file
	Upload   *tuyengiao.Upload     // a good file, to commit
}

// uploadKind is the kind of the uploads of records of k.
func uploadKind(k *tuyengiao.RecordKind) string { return "records:" + k.Code }

// recordImport loads the unit of an import of records of k (?unit=, by default the first the
// caller may edit records at), for a caller who may edit records there.
func (s *Server) recordImport(r *http.Request, k *tuyengiao.RecordKind) (*recordImportData, error) {
	unitID, err := queryInt(r.URL.Query(), "unit")
	if err != nil {
		return nil, err
	}
	if unitID == 0 {
		roots, err := s.actionRoots(r, rw)
		if err != nil {
			return nil, err
		} else if len(roots) == 0 {
			return nil, tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), rw, "")
		}
		unitID = roots[0].ID
	}
	d := &recordImportData{Kind: k, Limit: byteSize(maxUploadBytes)}
	if d.Unit, err = s.Units.FindUnitByID(r.Context(), unitID); err != nil {
		return nil, err
	}
	return d, tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), rw, d.Unit.Path)
}

func (s *Server) recordImportShow(w http.ResponseWriter, r *http.Request, d *recordImportData, err error, code int) error {
	p := &page{Title: "Nhập từ tệp Excel", Nav: "records", Data: d}
	return s.renderForm(w, r, "record_import", p, err, code)
}

func (s *Server) recordImportPage(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	d, err := s.recordImport(r, k)
	if err != nil {
		return err
	}
	return s.recordImportShow(w, r, d, nil, http.StatusOK)
}

// checkRecordUpload reads the upload up into records of the import's kind at its unit, as
// the rows name them, with the row of the file of each; every bad row goes to d.Errors.
func (s *Server) checkRecordUpload(r *http.Request, d *recordImportData, up *tuyengiao.Upload) ([]*tuyengiao.Record, []int, error) {
	rows, err := s.ReadRecords(bytes.NewReader(up.Content), int64(len(up.Content)), d.Kind, tuyengiao.Date{Time: s.today()})
	bad := tuyengiao.RowErrors(err)
	if err != nil && len(bad) == 0 {
		return nil, nil, err
	} else if len(rows) == 0 && len(bad) == 0 {
		// A template with its header alone: nothing to preview, nothing to commit.
		return nil, nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Tệp không có dòng dữ liệu nào.")
	}
	d.Filename, d.Checked, d.Rows = up.Filename, true, len(rows)
	if len(rows) == 0 {
		d.Errors = bad // the reader's errors, when it gave no rows with them
	}
	units := map[string]*tuyengiao.Unit{"": d.Unit}
	var recs []*tuyengiao.Record
	var fileRows []int
	for _, row := range rows {
		if row.Err != nil {
			d.Errors = append(d.Errors, row.Err)
			continue
		}
		u, err := s.rowUnit(r, d.Unit, units, row)
		if err != nil {
			d.Errors = append(d.Errors, err)
			continue
		}
		recs = append(recs, &tuyengiao.Record{Kind: d.Kind.Code, UnitID: u.ID, UnitName: u.Name, Values: row.Values})
		fileRows = append(fileRows, row.Row)
	}
	if len(d.Errors) == 0 {
		d.Sample = rows[:min(len(rows), sampleRows)]
	}
	return recs, fileRows, nil
}

// rowUnit returns the unit a row names by its code, the import's unit when it names none;
// a code of no unit inside the import's unit is an error of the row.
func (s *Server) rowUnit(r *http.Request, root *tuyengiao.Unit, units map[string]*tuyengiao.Unit, row tuyengiao.RecordRow) (*tuyengiao.Unit, *tuyengiao.Error) {
	if u, ok := units[row.UnitCode]; ok {
		return u, nil
	}
	u, err := s.Units.FindUnitByCode(r.Context(), row.UnitCode)
	if err != nil || !tuyengiao.InSubtree(u.Path, root.Path) {
		return nil, &tuyengiao.Error{Code: tuyengiao.EINVALID, Row: row.Row, Field: "unit_code",
			Key: "Dòng %v: không có đơn vị mã %q trong %s.", Args: []any{row.Row, row.UnitCode, root.Name}}
	}
	units[row.UnitCode] = u
	return u, nil
}

// recordImportUpload checks an uploaded file of records, storing nothing, and shows every bad
// row; a good file is kept, so that the commit stores exactly what was checked.
func (s *Server) recordImportUpload(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	d, err := s.recordImport(r, k)
	if err != nil {
		return err
	}
	return s.checkUpload(r, uploadKind(k), func(up *tuyengiao.Upload) (bool, error) {
		_, _, err := s.checkRecordUpload(r, d, up)
		return len(d.Errors) > 0, err
	}, func(kept *tuyengiao.Upload, err error, code int) error {
		d.Upload = kept
		return s.recordImportShow(w, r, d, err, code)
	})
}

// recordImportCommit stores the records of a checked upload, all or none: a file that no
// longer passes, or that the service refuses, stores nothing and shows why.
func (s *Server) recordImportCommit(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	d, err := s.recordImport(r, k)
	if err != nil {
		return err
	}
	uid, err := pathID(r, "upload")
	if err != nil {
		return err
	}
	up, err := s.Uploads.FindUpload(r.Context(), uid)
	if err != nil {
		return err
	} else if up.Kind != uploadKind(k) {
		return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy tệp đã tải lên.")
	}
	recs, rows, err := s.checkRecordUpload(r, d, up)
	if err == nil && len(d.Errors) == 0 {
		err = s.importRecords(r, d, recs, rows, up.ID)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.recordImportShow(w, r, d, err, code) })
	}
	if len(d.Errors) > 0 {
		d.Sample = nil
		return s.recordImportShow(w, r, d, nil, http.StatusConflict)
	}
	http.Redirect(w, r, fmt.Sprintf("/records/%s?unit=%d&ok=imported", k.Code, d.Unit.ID), http.StatusSeeOther)
	return nil
}

// importRecords stores recs, read from the upload uploadID (0: none kept), all or none; the
// bad rows the service finds go to d.Errors, named by the rows of the file that rows gives
// for each record.
func (s *Server) importRecords(r *http.Request, d *recordImportData, recs []*tuyengiao.Record, rows []int, uploadID int64) error {
	err := s.Records.ImportRecords(r.Context(), d.Kind, recs, 1, uploadID)
	bad := tuyengiao.RowErrors(err)
	if len(bad) == 0 {
		return err
	}
	for _, e := range bad {
		if e.Row >= 1 && e.Row <= len(rows) {
			e.Row = rows[e.Row-1]
		}
	}
	d.Errors = bad
	return nil
}

// recordTemplate sends the XLSX to fill in to import records of k.
func (s *Server) recordTemplate(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	var buf bytes.Buffer
	if err := s.WriteRecordTemplate(&buf, k); err != nil {
		return err
	}
	sendXLSX(w, "mau-nhap-"+k.Code+".xlsx", &buf)
	return nil
}

// recordExport sends the records of a list as an XLSX that imports again, and records the
// export in the audit log with the list's unit and how many records it held.
func (s *Server) recordExport(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	f, err := s.recordFilter(r, k, r.URL.Query())
	if err != nil {
		return err
	}
	recs, err := allPages(func(offset, limit int) ([]*tuyengiao.Record, int, error) {
		f.Offset, f.Limit = offset, limit
		return s.Records.FindRecords(r.Context(), k, f)
	})
	if err != nil {
		return err
	}
	codes := map[int64]*tuyengiao.Unit{}
	unitCode := func(id int64) (string, string) {
		u, ok := codes[id]
		if !ok {
			u, _ = s.Units.FindUnitByID(r.Context(), id)
			codes[id] = u
		}
		if u == nil {
			return "", ""
		}
		return u.Code, u.Name
	}
	var buf bytes.Buffer
	if err := s.WriteRecords(&buf, k, recs, unitCode, lang(r)); err != nil {
		return err
	}
	if err := s.Audit.RecordAudit(r.Context(), &tuyengiao.AuditRecord{Action: "record.export", Object: k.Code, UnitID: f.UnitID,
		Detail: "count=" + strconv.Itoa(len(recs))}); err != nil {
		return err
	}
	sendXLSX(w, k.Code+".xlsx", &buf)
	return nil
}
