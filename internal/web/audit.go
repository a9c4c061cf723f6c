package web

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// auditActions names the audited actions in Vietnamese. Refusals are recorded under the
// action that was checked (unit.edit, account.view, ...), so those have names too; a code
// missing here is shown as it is (TestEveryAuditActionHasAName keeps none missing).
var auditActions = map[string]string{
	"contest.edit":            "Tổ chức cuộc thi",
	"contest.create":          "Tạo cuộc thi",
	"contest.update":          "Sửa cuộc thi",
	"contest.category":        "Lưu chủ đề câu hỏi",
	"contest.question":        "Lưu câu hỏi thi",
	"contest.import":          "Nhập ngân hàng câu hỏi",
	"contest.register":        "Đăng ký dự thi",
	"contest.signin":          "Vào thi bằng mã PIN",
	"contest.reset_pin":       "Đặt lại mã PIN người dự thi",
	"contest.start":           "Bắt đầu lượt thi",
	"contest.submit":          "Nộp bài thi",
	"contest.late":            "Đóng lượt thi hết giờ",
	"contest.close":           "Tổng hợp kết quả vòng thi",
	"contest.contestants":     "Xem danh sách người dự thi",
	"contest.suspicious":      "Xem đăng ký đáng ngờ",
	"contest.purge":           "Xóa thông tin cá nhân người dự thi",
	"auth.login":              "Đăng nhập",
	"auth.logout":             "Đăng xuất",
	"unit.view":               "Xem đơn vị",
	"unit.edit":               "Sửa đơn vị",
	"unit.create":             "Tạo đơn vị",
	"unit.update":             "Sửa thông tin đơn vị",
	"unit.move":               "Chuyển đơn vị",
	"unit.close":              "Đóng đơn vị",
	"unit.reopen":             "Mở lại đơn vị",
	"unit_kind.create":        "Thêm loại đơn vị",
	"kind.manage":             "Quản lý loại đơn vị",
	"vocabulary.manage":       "Quản lý danh mục văn bản",
	"doc_type.create":         "Thêm loại văn bản",
	"doc_issuer.create":       "Thêm cơ quan ban hành",
	"person.view":             "Xem hồ sơ",
	"person.search":           "Tra cứu danh sách nhân sự",
	"person.export":           "Xuất danh sách",
	"person.edit":             "Cập nhật nhân sự",
	"person.create":           "Thêm nhân sự",
	"person.update":           "Sửa hồ sơ",
	"person.status":           "Cập nhật trạng thái nhân sự",
	"person.import":           "Nhập nhân sự từ tệp Excel",
	"account.view":            "Xem tài khoản",
	"account.edit":            "Quản lý tài khoản",
	"account.create":          "Tạo tài khoản",
	"account.update":          "Sửa tài khoản",
	"account.grant":           "Cấp vai trò",
	"account.revoke":          "Thu hồi vai trò",
	"account.disable":         "Khóa tài khoản",
	"account.enable":          "Mở khóa tài khoản",
	"account.reset_password":  "Đặt lại mật khẩu",
	"account.password":        "Đổi mật khẩu",
	"audit.view":              "Xem nhật ký",
	"audit.verify":            "Kiểm tra chuỗi nhật ký",
	"audit.verify_full":       "Kiểm tra toàn bộ chuỗi nhật ký",
	"indicator.manage":        "Quản lý chỉ tiêu báo cáo, quy tắc kiểm tra số liệu",
	"indicator.create":        "Thêm chỉ tiêu báo cáo",
	"indicator.update":        "Sửa chỉ tiêu báo cáo",
	"data_set.create":         "Thêm bộ biểu mẫu báo cáo",
	"data_set.update":         "Sửa bộ biểu mẫu báo cáo",
	"report.enter":            "Nhập số liệu báo cáo",
	"report.reopen":           "Mở lại biểu mẫu báo cáo",
	"report.draft":            "Lập dự thảo báo cáo",
	"report.edit":             "Sửa dự thảo báo cáo",
	"report.refresh":          "Cập nhật số liệu dự thảo báo cáo",
	"report.sign":             "Ký báo cáo",
	"report.finalise":         "Ký ban hành báo cáo",
	"report.submit":           "Gửi báo cáo lên cấp trên",
	"report.template":         "Quản lý mẫu báo cáo",
	"report.signers":          "Phân công người ký báo cáo",
	"figure.edit":             "Cập nhật số liệu",
	"target.set":              "Đặt chỉ tiêu kế hoạch",
	"target.remove":           "Bỏ chỉ tiêu kế hoạch",
	"outlier.confirm":         "Xác nhận số liệu bất thường",
	"validation_rule.create":  "Thêm quy tắc kiểm tra số liệu",
	"validation_rule.delete":  "Xóa quy tắc kiểm tra số liệu",
	"doc_issuer.unit_kinds":   "Sửa loại đơn vị ban hành của cơ quan",
	"document.edit":           "Cập nhật văn bản",
	"document.create":         "Đăng ký văn bản",
	"document.update":         "Sửa thông tin văn bản",
	"document.file":           "Đính kèm tệp văn bản",
	"document.relate":         "Ghi quan hệ văn bản",
	"document.unrelate":       "Bỏ quan hệ văn bản",
	"campaign.edit":           "Quản lý đợt học tập, hội nghị",
	"campaign.create":         "Tạo đợt học tập",
	"campaign.update":         "Sửa đợt học tập",
	"conference.create":       "Tạo hội nghị",
	"conference.update":       "Sửa hội nghị",
	"bridge_point.headcount":  "Ghi số người có mặt ở điểm cầu",
	"attendance.edit":         "Điểm danh",
	"attendance.roster":       "Xem danh sách điểm danh",
	"attendance.mark":         "Lưu điểm danh",
	"attendance.checkin":      "Tự điểm danh bằng mã QR",
	"attendance.attended":     "Xem danh sách đã dự hội nghị",
	"attendance.not_attended": "Xem danh sách chưa tham gia",
	"essay.review":            "Chấm bài thu hoạch",
	"essay.submit":            "Nộp bài thu hoạch",
	"essay.view":              "Đọc bài thu hoạch",
	"essay.list":              "Xem danh sách bài thu hoạch",
	"essay.access.view":       "Xem ai được đọc bài thu hoạch",
	"essay.access.grant":      "Cấp quyền chấm bài thu hoạch",
	"essay.access.revoke":     "Thu hồi quyền chấm bài thu hoạch",
	"essay.access.link":       "Gắn tài khoản với hồ sơ",
	"essay.access.unlink":     "Bỏ gắn tài khoản với hồ sơ",
	"essay.access.password":   "Đặt mật khẩu tài khoản gắn với hồ sơ",
	"record.edit":             "Cập nhật bản ghi công tác",
	"record.create":           "Thêm bản ghi công tác",
	"record.update":           "Sửa bản ghi công tác",
	"record.delete":           "Xóa bản ghi công tác",
	"record.import":           "Nhập bản ghi công tác từ tệp Excel",
	"record.export":           "Xuất danh sách bản ghi công tác",
	"record.note.add":         "Thêm ghi nhận diễn biến, minh chứng vào bản ghi công tác",
	"record.note.delete":      "Xóa ghi nhận diễn biến, minh chứng của bản ghi công tác",
}

// auditFaults say in words what the verification of the chain found wrong with a record
// (sqldb.AuditFault).
var auditFaults = map[string]string{
	"altered":      "nội dung không khớp mã băm: bản ghi đã bị sửa",
	"relinked":     "bản ghi liền trước đã bị xóa hoặc có bản ghi bị chèn thêm",
	"unsealed":     "bản ghi không có mã băm: được ghi ngoài chuỗi",
	"head-missing": "chuỗi không còn bản ghi cuối đã kiểm tra: phần cuối đã bị cắt hoặc bị ghi lại",
}

// auditGroups are the areas the audit page filters by, with their names; auditAreas holds
// the action prefixes of each.
var auditGroups = []auditChoice{
	{"auth", "Đăng nhập, đăng xuất"},
	{"units", "Đơn vị"},
	{"people", "Nhân sự"},
	{"accounts", "Tài khoản"},
	{"documents", "Văn bản"},
	{"campaigns", "Đợt học tập, hội nghị"},
	{"attendance", "Điểm danh"},
	{"essays", "Bài thu hoạch"},
	{"figures", "Số liệu, chỉ tiêu kế hoạch"},
	{"reporting", "Báo cáo từ các đơn vị"},
	{"records", "Bản ghi công tác"},
	{"contests", "Cuộc thi trực tuyến"},
	{"audit", "Nhật ký"},
}

// auditAreas are the action prefixes of each area of auditGroups, joined with commas as
// tuyengiao.AuditFilter.Action takes them.
var auditAreas = map[string]string{
	"auth":       "auth.",
	"units":      "unit.,unit_kind.,kind.",
	"people":     "person.",
	"accounts":   "account.",
	"documents":  "document.,doc_type.,doc_issuer.,vocabulary.",
	"campaigns":  "campaign.,conference.,bridge_point.",
	"attendance": "attendance.",
	"essays":     "essay.",
	"figures":    "figure.,target.,outlier.,validation_rule.",
	"reporting":  "report.,indicator.,data_set.",
	"records":    "record.",
	"contests":   "contest.",
	"audit":      "audit.",
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
	Details    []auditPart // the detail, read (auditDetail)
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
		d.Groups = append(d.Groups, auditChoice{a, cmp.Or(auditActions[a], a)})
	}
	p := &page{Title: "Nhật ký hoạt động", Nav: "audit", Data: d, Form: q}
	f, err := auditFilter(q)
	code := http.StatusOK
	if err == nil {
		f.Login = strings.ToLower(f.Login)
		f.Action = cmp.Or(auditAreas[f.Action], f.Action)
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
			Link: objectLink(rec.Object), Details: auditDetail(rec.Detail)}
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
	case "document":
		return "/documents/" + id
	case "campaign":
		return "/campaigns/" + id
	case "conference":
		return "/conferences/" + id
	case "validation_rule":
		return "/quality/rules"
	}
	// A record of a declared kind is object "<kind code>:<id>" (tuyengiao.RecordService).
	if tuyengiao.RecordKindByCode(kind) != nil {
		return "/records/" + kind + "/" + id
	}
	return ""
}

// auditPart is one piece of a record's detail as the page shows it: a name (none for a
// piece that is plain text) and a value, both in Vietnamese to be translated.
type auditPart struct{ Label, Value string }

// auditLabels name the keys of the details the services write ("category=member",
// "title: …"); a key missing here is shown as it is.
var auditLabels = map[string]string{
	"category":      "Đối tượng",
	"status":        "Trạng thái",
	"query":         "Tìm theo tên",
	"offset":        "Bỏ qua",
	"returned":      "Số dòng trả về",
	"total":         "Tổng số",
	"from":          "Từ",
	"to":            "Đến",
	"on":            "Ngày",
	"rows":          "Số dòng",
	"added":         "Thêm có mặt",
	"removed":       "Bỏ có mặt",
	"kept":          "Giữ nguyên",
	"still_absent":  "Vẫn vắng",
	"fields":        "Các trường đã sửa",
	"campaign":      "Đợt học tập",
	"conference":    "Hội nghị",
	"title":         "Tiêu đề",
	"bridge points": "Số điểm cầu",
	"counted":       "Số người có mặt",
	"presenters":    "Báo cáo viên",
	"symbol":        "Số, ký hiệu",
	"issuing_unit":  "Đơn vị ban hành",
	"contents":      "Nội dung",
	"file":          "Tệp",
	"name":          "Tên",
	"size":          "Dung lượng (byte)",
	"file size":     "Dung lượng tệp (byte)",
	"revision":      "Lần nộp",
	"text":          "Bài viết",
	"level":         "Xếp loại",
	"essays":        "Số bài",
	"readers":       "Người được đọc",
	"reads":         "Lượt đọc",
	"changes":       "Lần đổi quyền",
	"code":          "Mã",
	"kind":          "Loại",
	"path":          "Đường dẫn",
	"parent_id":     "Đơn vị cấp trên",
	"units":         "Số đơn vị",
	"closed_at":     "Ngày đóng",
}

// auditValues name the coded values of the details: categories, statuses, yes and no.
var auditValues = func() map[string]string {
	m := map[string]string{"true": "có", "false": "không", "back-dated": "ghi lùi ngày", "web": "trang web"}
	for _, c := range tuyengiao.Categories {
		m[string(c)] = c.Name()
	}
	for _, s := range []tuyengiao.PersonStatus{tuyengiao.StatusActive, tuyengiao.StatusMovedOut, tuyengiao.StatusDeceased} {
		m[string(s)] = s.Name()
	}
	for _, s := range []tuyengiao.EssayStatus{tuyengiao.EssaySubmitted, tuyengiao.EssayReturned, tuyengiao.EssayGraded} {
		m[string(s)] = s.Name()
	}
	return m
}()

// auditDetail reads a record's detail into named parts: words (the searches'
// "category=member status= offset=0 limit=50 returned=50 total=883") when the first is
// "key=value", else "key: value" pieces separated by "; ". Empty values, the page size and a zero offset say nothing and are left
// out; codes, numbers and days are written as the pages write them. Anything else stays as
// plain text.
func auditDetail(detail string) []auditPart {
	var pieces []string
	var sep string
	if words := strings.Fields(detail); len(words) > 0 && strings.Contains(words[0], "=") {
		pieces, sep = words, "="
	} else if detail != "" {
		pieces, sep = strings.Split(detail, "; "), ": "
	}
	var parts []auditPart
	for _, piece := range pieces {
		key, value, ok := strings.Cut(piece, sep)
		label := auditLabels[key]
		switch {
		case ok && (value == "" || key == "limit" || key == "offset" && value == "0" || key == "query" && value == "false"):
		case !ok || label == "":
			parts = append(parts, auditPart{Value: auditValue(piece)})
		default:
			parts = append(parts, auditPart{Label: label, Value: auditValue(value)})
		}
	}
	return parts
}

// auditValue writes a value of a detail: a code by its name, a number with its thousands
// grouped, a day as dd/mm/yyyy.
func auditValue(v string) string {
	if name, ok := auditValues[v]; ok {
		return name
	} else if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return vn.Int(n)
	} else if t, err := time.Parse(time.DateOnly, v); err == nil {
		return vn.Date(t)
	} else if t, err := time.Parse(time.RFC3339, v); err == nil {
		return vn.DateTime(t)
	}
	return v
}
