package web

import (
	"cmp"
	"net/http"
	"strings"

	"tuyengiao"
)

// auditActions names the audited actions in Vietnamese. Refusals are recorded under the
// action that was checked (unit.edit, account.view, ...), so those have names too; a code
// missing here is shown as it is.
var auditActions = map[string]string{
	"auth.login":             "Đăng nhập",
	"auth.logout":            "Đăng xuất",
	"unit.view":              "Xem đơn vị",
	"unit.edit":              "Sửa đơn vị",
	"unit.create":            "Tạo đơn vị",
	"unit.update":            "Sửa thông tin đơn vị",
	"unit.move":              "Chuyển đơn vị",
	"unit.close":             "Đóng đơn vị",
	"unit.reopen":            "Mở lại đơn vị",
	"unit_kind.create":       "Thêm loại đơn vị",
	"kind.manage":            "Quản lý loại đơn vị",
	"vocabulary.manage":      "Quản lý danh mục văn bản",
	"doc_type.create":        "Thêm loại văn bản",
	"doc_issuer.create":      "Thêm cơ quan ban hành",
	"person.view":            "Xem hồ sơ",
	"person.search":          "Tra cứu danh sách nhân sự",
	"person.export":          "Xuất danh sách",
	"person.edit":            "Cập nhật nhân sự",
	"person.create":          "Thêm nhân sự",
	"person.update":          "Sửa hồ sơ",
	"person.status":          "Cập nhật trạng thái nhân sự",
	"person.import":          "Nhập nhân sự từ tệp Excel",
	"account.view":           "Xem tài khoản",
	"account.edit":           "Quản lý tài khoản",
	"account.create":         "Tạo tài khoản",
	"account.update":         "Sửa tài khoản",
	"account.grant":          "Cấp vai trò",
	"account.revoke":         "Thu hồi vai trò",
	"account.disable":        "Khóa tài khoản",
	"account.enable":         "Mở khóa tài khoản",
	"account.reset_password": "Đặt lại mật khẩu",
	"account.password":       "Đổi mật khẩu",
	"audit.view":             "Xem nhật ký",
	"audit.verify":           "Kiểm tra chuỗi nhật ký",
	"audit.verify_full":      "Kiểm tra toàn bộ chuỗi nhật ký",
	"indicator.manage":       "Quản lý chỉ tiêu báo cáo, quy tắc kiểm tra số liệu",
	"indicator.create":       "Thêm chỉ tiêu báo cáo",
	"indicator.update":       "Sửa chỉ tiêu báo cáo",
	"data_set.create":        "Thêm bộ biểu mẫu báo cáo",
	"data_set.update":        "Sửa bộ biểu mẫu báo cáo",
	"report.enter":           "Nhập số liệu báo cáo",
	"report.reopen":          "Mở lại biểu mẫu báo cáo",
	"figure.edit":            "Cập nhật số liệu",
	"target.set":             "Đặt chỉ tiêu kế hoạch",
	"target.remove":          "Bỏ chỉ tiêu kế hoạch",
	"outlier.confirm":        "Xác nhận số liệu bất thường",
	"validation_rule.create": "Thêm quy tắc kiểm tra số liệu",
	"validation_rule.delete": "Xóa quy tắc kiểm tra số liệu",
}

// auditFaults say in words what the verification of the chain found wrong with a record
// (sqldb.AuditFault).
var auditFaults = map[string]string{
	"altered":      "nội dung không khớp mã băm: bản ghi đã bị sửa",
	"relinked":     "bản ghi liền trước đã bị xóa hoặc có bản ghi bị chèn thêm",
	"unsealed":     "bản ghi không có mã băm: được ghi ngoài chuỗi",
	"head-missing": "chuỗi không còn bản ghi cuối đã kiểm tra: phần cuối đã bị cắt hoặc bị ghi lại",
}

// auditGroups are the action prefixes the audit page filters by, with their names.
var auditGroups = []auditChoice{
	{"auth.", "Đăng nhập, đăng xuất"},
	{"unit.", "Đơn vị"},
	{"unit_kind.", "Loại đơn vị"},
	{"person.", "Nhân sự"},
	{"account.", "Tài khoản"},
	{"report.", "Báo cáo từ các đơn vị"},
}

// auditOutcomes name the outcomes, in the order the filter offers them.
var auditOutcomes = []auditChoice{
	{tuyengiao.OutcomeOK, "Thành công"},
	{tuyengiao.OutcomeDenied, "Bị từ chối"},
	{tuyengiao.OutcomeFailed, "Thất bại"},
}

// auditChoice is one option of a filter of the audit page.
type auditChoice struct{ Value, Label string }

// auditRow is a record of the audit log with the names the page shows.
type auditRow struct {
	*tuyengiao.AuditRecord
	ActionName  string // "" for an action without a Vietnamese name
	OutcomeName string
	Unit        *tuyengiao.Unit // nil when the record has none
	Link        string          // the page of the object, when it has one
	// ObjectName stands for an object that means nothing to a reader (the keyed hash of a
	// login that is no account), "" for the others.
	ObjectName string
}

// auditCheck is a verification of the chain as the audit page shows it: when, up to which
// record it found the chain whole, or which record it found broken and how.
type auditCheck struct {
	*tuyengiao.AuditRecord
	Record string // "#N"
	Fault  string // "" when the chain was whole
}

// newAuditCheck reads the detail of an audit.verify record: "#N" or "#N fault".
func newAuditCheck(r *tuyengiao.AuditRecord) *auditCheck {
	if r == nil {
		return nil
	}
	c := &auditCheck{AuditRecord: r}
	var fault string
	c.Record, fault, _ = strings.Cut(r.Detail, " ")
	if r.Outcome != tuyengiao.OutcomeOK {
		c.Fault = cmp.Or(auditFaults[fault], fault)
	}
	return c
}

// auditData is what the audit page shows.
type auditData struct {
	// The last verifications of the chain's new records and of the whole chain; nil before
	// the first.
	Check, FullCheck *auditCheck
	Records          []auditRow
	Root             *tuyengiao.Unit
	Choices          []*tuyengiao.Unit
	Groups           []auditChoice
	Outcomes         []auditChoice
	Pages            pageNav
}

// auditPage shows the audit log of the user's subtree, newest first, filtered by login,
// action prefix, outcome, days (in Vietnam's time) and unit.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := &auditData{Groups: auditGroups, Outcomes: auditOutcomes}
	if a := q.Get("action"); a != "" && !hasChoice(auditGroups, a) {
		d.Groups = append(d.Groups, auditChoice{a, a})
	}
	p := &page{Title: "Nhật ký hoạt động", Nav: "audit", Data: d, Form: q}
	f, err := auditFilter(q)
	code := http.StatusOK
	if err == nil {
		f.Login = strings.ToLower(f.Login)
		var recs []*tuyengiao.AuditRecord
		var total int
		if recs, total, err = s.Audit.FindAuditRecords(r.Context(), f); err != nil {
			return err
		}
		if d.Check, d.FullCheck, err = s.lastAuditChecks(r); err != nil {
			return err
		}
		d.Pages = newPageNav(r, f.Offset, f.Limit, total)
		if d.Records, err = s.auditRows(r, recs); err != nil {
			return err
		}
	} else if tuyengiao.ErrorCode(err) == tuyengiao.EINVALID {
		// A wrong filter shows no records, but still only to whoever may read the log there.
		if _, _, aerr := s.Audit.FindAuditRecords(r.Context(), tuyengiao.AuditFilter{RootID: f.RootID, Limit: 1}); aerr != nil {
			return aerr
		}
		p.setError(err)
		code = http.StatusUnprocessableEntity
	} else {
		return err
	}
	if d.Root, d.Choices, err = s.rootChoices(r, tuyengiao.ActionAuditView, f.RootID); err != nil {
		return err
	}
	return s.renderCode(w, r, "audit", p, code)
}

// lastAuditChecks returns the last verification of the chain's new records and the last of
// the whole chain.
func (s *Server) lastAuditChecks(r *http.Request) (*auditCheck, *auditCheck, error) {
	check, err := s.Audit.LastAuditCheck(r.Context(), false)
	if err != nil {
		return nil, nil, err
	}
	full, err := s.Audit.LastAuditCheck(r.Context(), true)
	return newAuditCheck(check), newAuditCheck(full), err
}

func hasChoice(cs []auditChoice, v string) bool {
	for _, c := range cs {
		if c.Value == v {
			return true
		}
	}
	return false
}

// auditRows names the records' actions and outcomes and looks up their units, each once.
func (s *Server) auditRows(r *http.Request, recs []*tuyengiao.AuditRecord) ([]auditRow, error) {
	outcomes := map[string]string{}
	for _, o := range auditOutcomes {
		outcomes[o.Value] = o.Label
	}
	units := map[int64]*tuyengiao.Unit{}
	rows := make([]auditRow, len(recs))
	for i, rec := range recs {
		row := auditRow{AuditRecord: rec, ActionName: auditActions[rec.Action], OutcomeName: outcomes[rec.Outcome],
			Link: objectLink(rec.Object)}
		if strings.HasPrefix(rec.Object, tuyengiao.UnknownLoginPrefix) {
			row.ObjectName = "(tên đăng nhập không tồn tại)"
		}
		if row.OutcomeName == "" {
			row.OutcomeName = rec.Outcome
		}
		if rec.UnitID != 0 {
			u, ok := units[rec.UnitID]
			if !ok {
				// The records shown lie in the user's audit scope, so their units can be seen.
				var err error
				if u, err = s.Units.FindUnitByID(r.Context(), rec.UnitID); err != nil && tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
					return nil, err
				}
				units[rec.UnitID] = u
			}
			row.Unit = u
		}
		rows[i] = row
	}
	return rows, nil
}

// objectLink returns the page of an audited object ("person:42" → /people/42), or "".
func objectLink(object string) string {
	kind, id, ok := strings.Cut(object, ":")
	if !ok || id == "" || strings.Trim(id, "0123456789") != "" {
		return ""
	}
	switch kind {
	case "person":
		return "/people/" + id
	case "unit":
		return "/units/" + id
	case "user":
		return "/accounts/" + id
	case "validation_rule":
		return "/quality/rules"
	}
	return ""
}
