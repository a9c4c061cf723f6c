package web

import (
	"bytes"
	"embed"
	"errors"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

//go:embed templates/*.html templates/parts/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// page is what every template receives. Form holds what the user typed, so that a form shown
// again after an error keeps it; Errors names the wrong fields.
type page struct {
	Title     string
	Nav       string // the active section of the navigation
	Lang      string // "vi" or "en"
	Path      string // the request URI, to come back to after switching language
	Principal *tuyengiao.Principal
	Message   string            // the message of the error page
	Flash     string            // a confirmation after a change
	Error     string            // an error about the whole form
	Errors    map[string]string // field → message
	Form      url.Values
	Data      any

	err error // the error setError records, written into Error or Errors in the page's language

	// MustChangePassword hides the menu while the password must be changed first.
	MustChangePassword bool
}

// T translates a Vietnamese text of the interface into the page's language.
func (p *page) T(vi string) string { return inLang(p.Lang, vi) }

// inLang translates a Vietnamese text into the language lang ("vi" or "en"); a text without
// English stays in Vietnamese.
func inLang(lang, vi string) string {
	if lang == "en" {
		if en, ok := english[vi]; ok {
			return en
		}
	}
	return vi
}

// Msg writes an error in the page's language.
func (p *page) Msg(err error) string { return message(p.Lang, err) }

// V returns the value the user typed in a field, or def when the form was not sent.
func (p *page) V(field, def string) string {
	if p.Form != nil {
		if _, ok := p.Form[field]; ok {
			return p.Form.Get(field)
		}
	}
	return def
}

// FieldError returns the message about a field, or "".
func (p *page) FieldError(field string) string { return p.Errors[field] }

// setError records err on the page, to be written in the page's language when it is
// rendered (showError).
func (p *page) setError(err error) { p.err = err }

// showError writes the recorded error in the page's language: a field error under its field
// (the form then says to look at the marked fields), anything else as the form's error.
func (p *page) showError() {
	var e *tuyengiao.Error
	if errors.As(p.err, &e) && e.Field != "" {
		if p.Errors == nil {
			p.Errors = map[string]string{}
		}
		p.Errors[e.Field] = message(p.Lang, e)
		p.Error = p.T("Chưa lưu được: vui lòng sửa các ô được đánh dấu đỏ.")
		return
	}
	p.Error = message(p.Lang, p.err)
}

// Can reports whether the user holds the action anywhere: it decides which links and
// buttons are shown, never what is allowed (the services decide that).
func (p *page) Can(action string) bool {
	return len(p.Principal.Scope(tuyengiao.Action(action))) > 0
}

// menuItem is a link of the layout's menu to the section nav: shown to a member (an account
// with a person record) alone when member, and only to those who may do action when set.
type menuItem struct {
	nav, href, label string
	member           bool
	action           tuyengiao.Action
}

// menu is the layout's menu, in its order.
var menu = []menuItem{
	{nav: "home", href: "/", label: "Trang chủ"},
	{nav: "study", href: "/me/study", label: "Học tập của tôi", member: true},
	{nav: "units", href: "/units", label: "Đơn vị"},
	{nav: "people", href: "/people", label: "Nhân sự", action: tuyengiao.ActionPersonView},
	{nav: "documents", href: "/documents", label: "Văn bản"},
	{nav: "campaigns", href: "/campaigns", label: "Học tập"},
	{nav: "contests", href: "/contests", label: "Cuộc thi", action: tuyengiao.ActionUnitView},
	{nav: "records", href: "/records", label: "Công tác", action: tuyengiao.ActionUnitView},
	{nav: "reporting", href: "/reporting", label: "Báo cáo"},
	{nav: "reports", href: "/reports", label: "Sơ kết, tổng kết", action: tuyengiao.ActionPersonView},
	{nav: "figures", href: "/figures", label: "Số liệu", action: tuyengiao.ActionUnitView},
	{nav: "accounts", href: "/accounts", label: "Tài khoản", action: tuyengiao.ActionAccountView},
	{nav: "audit", href: "/audit", label: "Nhật ký", action: tuyengiao.ActionAuditView},
}

// Menu returns the layout's menu for the page's principal, in the page's language, with the
// page's section marked. It is written here rather than in the layout because every page
// shows it, and the template spent two or three calls through reflection on each link.
func (p *page) Menu() template.HTML {
	var b strings.Builder
	b.WriteString(`<nav class="nav" aria-label="` + html.EscapeString(p.T("Điều hướng")) + `">`)
	for _, m := range menu {
		if (m.member && p.Principal.PersonID == 0) || (m.action != "" && len(p.Principal.Scope(m.action)) == 0) {
			continue
		}
		b.WriteString(`<a href="` + m.href + `"`)
		if m.nav == p.Nav {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(`>` + html.EscapeString(p.T(m.label)) + `</a>`)
	}
	b.WriteString(`</nav>`)
	return template.HTML(b.String())
}

// CanAt reports whether the user may do the action at the unit with the given path; like
// Can, it only decides what is shown.
func (p *page) CanAt(action, path string) bool {
	return tuyengiao.Authorize(p.Principal, tuyengiao.Action(action), path) == nil
}

// Categories lists the categories of people, in report order.
func (p *page) Categories() []tuyengiao.Category { return tuyengiao.Categories }

// Cat, Role and Status name a category, a role and a status in the page's language.
func (p *page) Cat(c tuyengiao.Category) string        { return p.T(c.Name()) }
func (p *page) Role(r tuyengiao.Role) string           { return p.T(roleNames[r]) }
func (p *page) Status(s tuyengiao.PersonStatus) string { return p.T(s.Name()) }

var roleNames = map[tuyengiao.Role]string{
	tuyengiao.RoleSysadmin:  "Quản trị hệ thống",
	tuyengiao.RoleUnitAdmin: "Quản trị đơn vị",
	tuyengiao.RoleEditor:    "Cập nhật dữ liệu",
	tuyengiao.RoleViewer:    "Xem báo cáo",
	tuyengiao.RoleReviewer:  "Chấm bài thu hoạch",
	tuyengiao.RoleMember:    "Đảng viên (cá nhân)",
}

var groupNames = map[string]string{
	"party": "Tổ chức đảng", "commission": "Cơ quan tham mưu", "mass": "Mặt trận, đoàn thể", "residential": "Thôn, tổ dân phố",
}

var funcs = template.FuncMap{
	"num":       func(n any) string { return formatInt(toInt64(n)) },
	"pct":       func(a, b int64) string { return vn.Percent(a, b) },
	"pctf":      func(x float64) string { return vn.Decimal(x, 1) + "%" },
	"date":      func(t time.Time) string { return vn.Date(t) },
	"phone":     vn.PhoneText,
	"datetime":  func(t time.Time) string { return vn.DateTime(t) },
	"query":     func(s string) string { return url.QueryEscape(s) },
	"add":       func(a, b int) int { return a + b },
	"args":      func(v ...any) []any { return v },
	"deref":     func(t *time.Time) time.Time { return *t },
	"groups":    func() []string { return []string{"party", "commission", "mass", "residential"} },
	"groupName": func(g string) string { return groupNames[g] },
	"asset":     staticAssets.url,
}

func formatInt(n int64) string { return vn.Int(n) }

// docNames are the Vietnamese names of a document's type and issuer; "" when not known.
type docNames struct{ Type, Issuer string }

func toInt64(n any) int64 {
	switch v := n.(type) {
	case int:
		return int64(v)
	case int64:
		return v
	}
	return 0
}

// pageSet holds one template per page and language, each page joined with its layout. The
// texts a template writes as constants are translated once, when the language's templates are
// parsed (translateTexts), at its first page.
type pageSet struct {
	vi, en func() map[string]*template.Template
}

// newPageSet returns the page set whose templates of a language parse returns.
func newPageSet(parse func(lang string) map[string]*template.Template) *pageSet {
	return &pageSet{
		vi: sync.OnceValue(func() map[string]*template.Template { return parse("vi") }),
		en: sync.OnceValue(func() map[string]*template.Template { return parse("en") }),
	}
}

// page returns the template of the page name in the language lang ("vi" or "en").
func (ps *pageSet) page(lang, name string) *template.Template {
	if lang == "en" {
		return ps.en()[name]
	}
	return ps.vi()[name]
}

// parsePages parses each of the pages (file names under templates/) with the layout and
// its parts, its constant texts translated into lang, by the page's name.
func parsePages(lang string, pages []string, layout string, parts ...string) map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, n := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		t := template.Must(template.New(layout).Funcs(funcs).ParseFS(templateFS, append(append([]string{"templates/" + layout}, parts...), n)...))
		translateTexts(lang, t)
		out[name] = t
	}
	return out
}

// mustParsePages returns the pages of the application, each with layout.html, the Vietnamese
// ones parsed already, so that a template that does not parse stops the server before any page
// is served.
func mustParsePages() *pageSet {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	names = slices.DeleteFunc(names, func(n string) bool { return n == "templates/layout.html" })
	ps := newPageSet(func(lang string) map[string]*template.Template {
		return parsePages(lang, names, "layout.html", "templates/parts/*.html")
	})
	ps.vi()
	return ps
}

// lang returns the interface language of the request: Vietnamese unless the user chose
// English.
func lang(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && c.Value == "en" {
		return "en"
	}
	return "vi"
}

// formError shows a form again with an error the user can correct there — bad input, a
// clash with existing data, or a refusal about one field (a role or unit they may not
// grant) — and returns any other error as it is.
func formError(err error, show func(error, int) error) error {
	var e *tuyengiao.Error
	switch code := tuyengiao.ErrorCode(err); {
	case code == tuyengiao.EINVALID, code == tuyengiao.ECONFLICT:
		return show(err, status(code))
	case code == tuyengiao.EFORBIDDEN && errors.As(err, &e) && e.Field != "":
		return show(err, status(code))
	}
	return err
}

// render shows the page with status 200.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, p *page) error {
	return s.renderCode(w, r, name, p, http.StatusOK)
}

// renderForm shows a form page again with the status code and, when err is set, its error
// on the form.
func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, name string, p *page, err error, code int) error {
	if err != nil {
		p.setError(err)
	}
	return s.renderCode(w, r, name, p, code)
}

// renderCode executes the page template into a buffer first, so that a template error gives
// a clean error page instead of half a page, then sends it with the status code.
func (s *Server) renderCode(w http.ResponseWriter, r *http.Request, name string, p *page, code int) error {
	return s.execute(w, r, name, "layout.html", p, code)
}

// renderPart sends the template part of the page name alone, without the layout: a piece of
// the page that its script fetches to show more of it.
func (s *Server) renderPart(w http.ResponseWriter, r *http.Request, name, part string, p *page) error {
	return s.execute(w, r, name, part, p, http.StatusOK)
}

// execute runs the template tmpl of the page name into a buffer, then sends it with the
// status code.
func (s *Server) execute(w http.ResponseWriter, r *http.Request, name, tmpl string, p *page, code int) error {
	p.Lang, p.Path = lang(r), r.URL.RequestURI()
	p.Principal = tuyengiao.PrincipalFrom(r.Context())
	p.MustChangePassword = info(r).mustChangePassword
	if p.err != nil {
		p.showError()
	}
	if f := r.URL.Query().Get("ok"); f != "" && p.Flash == "" {
		p.Flash = flashes[f]
	}
	var buf bytes.Buffer
	if err := s.pages.page(p.Lang, name).ExecuteTemplate(&buf, tmpl, p); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, err := buf.WriteTo(w)
	return err
}

// flashes are the confirmations a redirect after a change can show, by key (?ok=saved).
var flashes = map[string]string{
	"saved":     "Đã lưu.",
	"created":   "Đã tạo mới.",
	"moved":     "Đã chuyển đơn vị.",
	"closed":    "Đã đóng đơn vị.",
	"reopened":  "Đã mở lại đơn vị.",
	"imported":  "Đã nhập dữ liệu.",
	"password":  "Đã đổi mật khẩu.",
	"disabled":  "Đã khóa tài khoản.",
	"enabled":   "Đã mở khóa tài khoản.",
	"granted":   "Đã cấp vai trò.",
	"revoked":   "Đã thu hồi vai trò.",
	"reset":     "Đã đặt lại mật khẩu.",
	"attached":  "Đã đính kèm tệp.",
	"related":   "Đã ghi quan hệ văn bản.",
	"unrelated": "Đã bỏ quan hệ văn bản.",
	"marked":    "Đã lưu điểm danh.",
	"counted":   "Đã ghi số người có mặt.",
	"unlocked":  "Đã mở lại biểu mẫu.",
	"confirmed": "Đã xác nhận số liệu.",
	"deleted":   "Đã xóa.",
	"handed":    "Đã giao cho các đơn vị cấp dưới.",
	"noted":     "Đã thêm ghi nhận.",
	"drafted":   "Đã soạn dự thảo báo cáo.",
	"refreshed": "Đã cập nhật số liệu, giữ nguyên lời văn.",
	"finalised": "Đã ký ban hành báo cáo.",
	"submitted": "Đã gửi báo cáo lên cấp trên.",
}
