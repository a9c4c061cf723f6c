package main

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/figures"
)

// reporting returns the reporting service of the app, checking codes against its catalogue.
func (a *testApp) reporting() tuyengiao.ReportingService {
	return a.db.Reporting(newFigures(a.db).Indicators)
}

// reportingIndicator defines a fresh reported indicator, a flow summed.
func reportingIndicator(f *fixture) string {
	ind := &tuyengiao.Indicator{Code: f.code("matrix.i"), Name: "Buổi sinh hoạt " + f.code(""), Measure: "buổi",
		Aggregation: tuyengiao.AggregateSum}
	if err := f.a.reporting().SaveReportedIndicator(f.a.admin(), ind, false); err != nil {
		f.a.t.Fatal(err)
	}
	return ind.Code
}

// reportingSet defines a fresh data set of a fresh indicator that cells report monthly, due
// a year after the month, so that the last month's form is open.
func reportingSet(f *fixture) *tuyengiao.DataSet {
	ds := &tuyengiao.DataSet{Name: "Bộ biểu mẫu " + f.code(""), Indicators: []string{reportingIndicator(f)},
		UnitKinds: []string{"chi_bo"}, PeriodKind: tuyengiao.PeriodMonth, DeadlineDays: 366}
	if err := f.a.reporting().SaveDataSet(f.a.admin(), ds); err != nil {
		f.a.t.Fatal(err)
	}
	return ds
}

// reportingCSV is a file of values of the data set for the fresh unit.
func reportingCSV(f *fixture, ds *tuyengiao.DataSet) []byte {
	return []byte("Mã đơn vị;" + ds.Indicators[0] + "\n" + f.Unit().Code + ";7\n")
}

// reportingUpload stores the file for the caller, as a checked upload of the page.
func reportingUpload(f *fixture, ds *tuyengiao.DataSet) int64 {
	ctx := tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{UserID: f.caller.ID, Login: f.caller.Login})
	up := &tuyengiao.Upload{Kind: "report", Filename: "bao-cao.csv", Content: reportingCSV(f, ds)}
	if err := f.a.db.SaveUpload(ctx, up); err != nil {
		f.a.t.Fatal(err)
	}
	return up.ID
}

// formPath is the address of the fresh unit's form of the data set, under prefix.
func formPath(prefix string, f *fixture, ds *tuyengiao.DataSet) string {
	return fmt.Sprintf("%s/data-sets/%d/units/%d", prefix, ds.ID, f.Unit().ID)
}

// reportingMatrix holds the requests of the reporting routes for the authorization matrix.
var reportingMatrix = map[string]func(f *fixture) *matrixReq{
	"GET /reporting":                  func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/reporting"} },
	"GET /api/v1/reported-indicators": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/api/v1/reported-indicators"} },
	"GET /api/v1/data-sets":           func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/api/v1/data-sets"} },
	"GET /api/v1/data-sets/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: fmt.Sprintf("/api/v1/data-sets/%d", reportingSet(f).ID)}
	},
	// Reported indicators and data sets are system-wide: ActionIndicatorManage, which no
	// unit grant gives, defines them.
	"POST /reporting/indicators": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/reporting/indicators", form: url.Values{"code": {f.code("matrix.new")}, "name": {"Tổ tự quản"},
			"measure": {"tổ"}, "aggregation": {"sum"}, "stock": {"1"}}}
	},
	"POST /reporting/indicators/{code}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/reporting/indicators/" + reportingIndicator(f), form: url.Values{"name": {"Tên mới"},
			"measure": {"buổi"}, "aggregation": {"sum"}}}
	},
	"POST /api/v1/reported-indicators": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/reported-indicators", json: map[string]any{"code": f.code("matrix.new"),
			"name": "Tổ tự quản", "measure": "tổ", "aggregation": "sum", "stock": true}}
	},
	"PUT /api/v1/reported-indicators/{code}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PUT", path: "/api/v1/reported-indicators/" + reportingIndicator(f), json: map[string]any{
			"name": "Tên mới", "measure": "buổi", "aggregation": "sum"}}
	},
	"POST /reporting/data-sets": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/reporting/data-sets", form: url.Values{"set_name": {f.code("Bộ mới ")},
			"indicators": {reportingIndicator(f)}, "unit_kinds": {"chi_bo"}, "set_period_kind": {"quarter"}, "set_deadline_days": {"15"}}}
	},
	"POST /reporting/data-sets/{id}": func(f *fixture) *matrixReq {
		ds := reportingSet(f)
		return &matrixReq{method: "POST", path: fmt.Sprintf("/reporting/data-sets/%d", ds.ID), form: url.Values{"set_name": {ds.Name},
			"indicators": ds.Indicators, "unit_kinds": {"chi_bo"}, "set_period_kind": {"month"}, "set_deadline_days": {"20"}}}
	},
	"POST /api/v1/data-sets": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/data-sets", json: map[string]any{"name": f.code("Bộ mới "),
			"indicators": []string{reportingIndicator(f)}, "unit_kinds": []string{"chi_bo"}, "period_kind": "quarter", "deadline_days": 15}}
	},
	"PUT /api/v1/data-sets/{id}": func(f *fixture) *matrixReq {
		ds := reportingSet(f)
		return &matrixReq{method: "PUT", path: fmt.Sprintf("/api/v1/data-sets/%d", ds.ID), json: map[string]any{"name": ds.Name,
			"indicators": ds.Indicators, "unit_kinds": []string{"chi_bo"}, "period_kind": "month", "deadline_days": 20}}
	},

	"GET /reporting/data-sets/{id}/units/{unit}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: formPath("/reporting", f, reportingSet(f))}
	},
	"POST /reporting/data-sets/{id}/units/{unit}": func(f *fixture) *matrixReq {
		ds := reportingSet(f)
		return &matrixReq{method: "POST", path: formPath("/reporting", f, ds), form: url.Values{"v." + ds.Indicators[0]: {"12"}}}
	},
	// The form is open, so that a caller who may reopen it hears it needs no reopening.
	"POST /reporting/data-sets/{id}/units/{unit}/reopen": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: formPath("/reporting", f, reportingSet(f)) + "/reopen", form: url.Values{}}
	},
	"GET /reporting/data-sets/{id}/completeness": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: fmt.Sprintf("/reporting/data-sets/%d/completeness?unit=%d", reportingSet(f).ID, f.Unit().ID)}
	},
	"GET /reporting/data-sets/{id}/template.xlsx": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: fmt.Sprintf("/reporting/data-sets/%d/template.xlsx?unit=%d", reportingSet(f).ID, f.Unit().ID)}
	},
	"POST /reporting/data-sets/{id}/import": func(f *fixture) *matrixReq {
		ds := reportingSet(f)
		return &matrixReq{method: "POST", path: fmt.Sprintf("/reporting/data-sets/%d/import?unit=%d", ds.ID, f.Unit().ID), form: url.Values{}, file: reportingCSV(f, ds)}
	},
	"POST /reporting/data-sets/{id}/import/{upload}/commit": func(f *fixture) *matrixReq {
		ds := reportingSet(f)
		return &matrixReq{method: "POST", path: fmt.Sprintf("/reporting/data-sets/%d/import/%d/commit?unit=%d", ds.ID, reportingUpload(f, ds), f.Unit().ID), form: url.Values{}}
	},
	"GET /api/v1/data-sets/{id}/units/{unit}/form": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: formPath("/api/v1", f, reportingSet(f)) + "/form"}
	},
	"PUT /api/v1/data-sets/{id}/units/{unit}/form": func(f *fixture) *matrixReq {
		ds := reportingSet(f)
		return &matrixReq{method: "PUT", path: formPath("/api/v1", f, ds) + "/form", json: map[string]any{"values": []map[string]any{{"code": ds.Indicators[0], "value": 12}}}}
	},
	"POST /api/v1/data-sets/{id}/units/{unit}/reopen": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: formPath("/api/v1", f, reportingSet(f)) + "/reopen", json: map[string]any{}}
	},
	"GET /api/v1/data-sets/{id}/completeness": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: fmt.Sprintf("/api/v1/data-sets/%d/completeness?unit=%d", reportingSet(f).ID, f.Unit().ID)}
	},
	"GET /api/v1/data-sets/{id}/template": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: fmt.Sprintf("/api/v1/data-sets/%d/template?unit=%d", reportingSet(f).ID, f.Unit().ID)}
	},
	"POST /api/v1/data-sets/{id}/import": func(f *fixture) *matrixReq {
		ds := reportingSet(f)
		return &matrixReq{method: "POST", path: fmt.Sprintf("/api/v1/data-sets/%d/import?unit=%d&commit=true", ds.ID, f.Unit().ID), form: url.Values{}, file: reportingCSV(f, ds)}
	},
}

func init() {
	for key, build := range reportingMatrix {
		matrix[key] = build
	}
}

// TestReportingPages enters a ward's form from the ward, sees the district's rates change,
// has the district enter another ward's form on its behalf, and keeps an editor of another
// district out of both.
func TestReportingPages(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
		d1 := a.unit(city, "Q1", "Quận ủy 1", "quan_uy")
		w1 := a.unit(d1, "Q1P1", "Đảng ủy phường 1", "dang_uy_phuong")
		w2 := a.unit(d1, "Q1P2", "Đảng ủy phường 2", "dang_uy_phuong")
		d2 := a.unit(city, "Q2", "Quận ủy 2", "quan_uy")
		rep := a.reporting()
		ind := &tuyengiao.Indicator{Code: "security.teams", Name: "Tổ tự quản an ninh", Measure: "tổ", Aggregation: tuyengiao.AggregateSum, Stock: true}
		if err := rep.SaveReportedIndicator(a.admin(), ind, false); err != nil {
			t.Fatal(err)
		}
		ds := &tuyengiao.DataSet{Name: "Báo cáo tháng", Indicators: []string{ind.Code}, Computed: []string{"people.member"},
			UnitKinds: []string{"dang_uy_phuong"}, PeriodKind: tuyengiao.PeriodMonth, DeadlineDays: 366}
		if err := rep.SaveDataSet(a.admin(), ds); err != nil {
			t.Fatal(err)
		}
		a.user("bt.p1", tuyengiao.RoleEditor, w1)
		a.user("bt.q1", tuyengiao.RoleEditor, d1)
		a.user("bt.q2", tuyengiao.RoleEditor, d2)
		ward, district, other := a.login("bt.p1"), a.login("bt.q1"), a.login("bt.q2")
		rates := fmt.Sprintf("/reporting/data-sets/%d/completeness?unit=%d", ds.ID, d1.ID)
		form := func(u *tuyengiao.Unit) string { return fmt.Sprintf("/reporting/data-sets/%d/units/%d", ds.ID, u.ID) }

		t.Run("a ward enters its form and the district sees it reported", func(t *testing.T) {
			if res := ward.get(form(w1)); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Tổ tự quản an ninh") {
				t.Fatalf("form: %d %s", res.StatusCode, res.message())
			}
			if res := ward.post(form(w1), url.Values{"v.security.teams": {"12"}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("enter: %d %s", res.StatusCode, res.message())
			}
			res := district.get(rates)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `<b id="on-time">1</b>`) || !strings.Contains(res.body, `<b id="missing">1</b>`) {
				t.Errorf("rates: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("the district enters the other ward's form on its behalf", func(t *testing.T) {
			res := a.api("bt.q1").json("PUT", fmt.Sprintf("/api/v1/data-sets/%d/units/%d/form", ds.ID, w2.ID),
				map[string]any{"values": []map[string]any{{"code": ind.Code, "value": 3}}})
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `"on_behalf":true`) {
				t.Errorf("enter on behalf: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("the district imports a file all or nothing, naming a bad row and column", func(t *testing.T) {
			if res := district.get(fmt.Sprintf("/reporting/data-sets/%d/template.xlsx?unit=%d", ds.ID, d1.ID)); res.StatusCode != http.StatusOK ||
				!strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
				t.Fatalf("template: %d", res.StatusCode)
			}
			imp := fmt.Sprintf("/reporting/data-sets/%d/import?unit=%d", ds.ID, d1.ID)
			res := district.upload(imp, url.Values{}, "bao-cao.csv", []byte("Mã đơn vị;security.teams\nQ1P1;20\nQ1P2;-4\n"))
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Dòng 3, cột security.teams") {
				t.Fatalf("bad file: %d %s", res.StatusCode, res.message())
			}
			f, err := rep.Form(a.admin(), ds.ID, w1.ID, tuyengiao.PeriodContaining(tuyengiao.PeriodMonth, tuyengiao.DateOf(a.db.Now())).Previous())
			if err != nil || f.Values[0].Num != 12 {
				t.Errorf("a bad file wrote: %+v (%v)", f, err)
			}
			res = district.upload(imp, url.Values{}, "bao-cao.csv", []byte("Mã đơn vị;security.teams\nQ1P1;20\nQ1P2;4\n"))
			commit := regexp.MustCompile(`action="(/reporting/data-sets/[^"]+/commit[^"]*)"`).FindStringSubmatch(res.body)
			if commit == nil {
				t.Fatalf("no commit form: %d %s", res.StatusCode, res.message())
			}
			if res := district.post(html.UnescapeString(commit[1]), url.Values{}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("commit: %d %s", res.StatusCode, res.message())
			}
			f, err = rep.Form(a.admin(), ds.ID, w1.ID, f.Period)
			if err != nil || f.Values[0].Num != 20 || !f.Values[0].OnBehalf {
				t.Errorf("after the import: %+v (%v)", f, err)
			}
		})

		t.Run("the system administrator edits the definitions on the page, told what is wrong", func(t *testing.T) {
			a.user("qt.tp", tuyengiao.RoleSysadmin, nil)
			admin := a.login("qt.tp")
			res := admin.get(fmt.Sprintf("/reporting?indicator=%s&set=%d", ind.Code, ds.ID))
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `action="/reporting/indicators/security.teams"`) ||
				!strings.Contains(res.body, fmt.Sprintf(`action="/reporting/data-sets/%d"`, ds.ID)) {
				t.Fatalf("edit forms: %d %s", res.StatusCode, res.message())
			}
			res = admin.post("/reporting/indicators", url.Values{"code": {"Tổ An Ninh"}, "name": {"Tổ"}, "measure": {"tổ"}, "aggregation": {"sum"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Mã chỉ tiêu") {
				t.Errorf("bad code: %d %s", res.StatusCode, res.message())
			}
			res = admin.post("/reporting/data-sets", url.Values{"set_name": {"Bộ khác"}, "indicators": {ind.Code}, "unit_kinds": {"quan_uy"},
				"set_period_kind": {"quarter"}, "set_deadline_days": {"10"}})
			if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "đã thuộc bộ biểu mẫu") {
				t.Errorf("an indicator of two sets: %d %s", res.StatusCode, res.message())
			}
			// A refused change stays a change of that data set, with what was typed, and the
			// indicator form keeps its own fields.
			res = admin.post(fmt.Sprintf("/reporting/data-sets/%d", ds.ID), url.Values{"set_name": {"Bộ đổi tên"}, "indicators": {ind.Code},
				"unit_kinds": {"quan_uy"}, "set_period_kind": {"month"}, "set_deadline_days": {"mười"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, fmt.Sprintf(`action="/reporting/data-sets/%d"`, ds.ID)) ||
				!strings.Contains(res.body, `name="set_name" value="Bộ đổi tên"`) || strings.Contains(res.body, `id="ind-name" name="name" value="Bộ đổi tên"`) ||
				!strings.Contains(res.body, `value="quan_uy" checked`) {
				t.Errorf("a refused change of a data set: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("a value that breaks a validation rule is flagged on the form and in the data-quality view", func(t *testing.T) {
			message := "Số tổ tự quản không vượt số đảng viên (quy tắc thử)."
			rule := &tuyengiao.ValidationRule{Left: "security.teams", Op: "<=", Right: "people.member", Message: message}
			rules := &figures.Quality{Figures: newFigures(a.db), Store: a.db.Quality()}
			if err := rules.CreateValidationRule(a.admin(), rule); err != nil {
				t.Fatal(err)
			}
			if res := ward.post(form(w1), url.Values{"v.security.teams": {"13"}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("enter: %d %s", res.StatusCode, res.message())
			}
			if res := ward.get(form(w1)); !strings.Contains(res.body, `id="violations"`) || !strings.Contains(res.body, message) {
				t.Errorf("the form does not flag the value: %s", res.body)
			}
			month := tuyengiao.PeriodContaining(tuyengiao.PeriodMonth, tuyengiao.DateOf(a.db.Now())).Previous()
			if res := district.get("/quality?unit=" + id(d1.ID) + "&period=" + month.String()); !strings.Contains(res.body, message) {
				t.Errorf("the data-quality view does not list it: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("an editor of another district neither reads nor enters the forms", func(t *testing.T) {
			if res := other.get(form(w1)); res.StatusCode != http.StatusForbidden {
				t.Errorf("read: %d", res.StatusCode)
			}
			if res := other.post(form(w1), url.Values{"v.security.teams": {"1"}}); res.StatusCode != http.StatusForbidden {
				t.Errorf("enter: %d", res.StatusCode)
			}
			if res := other.get(rates); res.StatusCode != http.StatusForbidden {
				t.Errorf("rates: %d", res.StatusCode)
			}
		})
	})
}
