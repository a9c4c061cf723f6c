package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
	"tuyengiao/internal/web"
)

// matrixReq is one request of the authorization matrix.
type matrixReq struct {
	method, path string
	form         url.Values // a page form
	json         any        // an API body
	file         []byte     // a multipart upload in field "file", with form as its other fields
}

// fixture makes, on demand, fresh objects inside the target unit of one case, so that no case
// depends on what another changed.
type fixture struct {
	a       *testApp
	target  *tuyengiao.Unit
	account *tuyengiao.User // shared by the cases of the target: access depends only on where its grants are
	caller  *tuyengiao.User
	n       int
	unit    *tuyengiao.Unit
	person  *tuyengiao.Person
	doc     *tuyengiao.Document
	camp    *tuyengiao.Campaign
	conf    *tuyengiao.Conference
	record  *tuyengiao.Record // of the one kind of the case's route
	contest *contestFixture   // see matrix_contests_test.go
}

// Campaign returns a fresh campaign organised by the fresh unit, which must organise it, for
// its party members (roster) and the people (headcount), running from a month ago for two
// months.
func (f *fixture) Campaign() *tuyengiao.Campaign {
	if f.camp == nil {
		today := f.a.db.Now().UTC().Truncate(24 * time.Hour)
		f.camp = &tuyengiao.Campaign{UnitID: f.Unit().ID, Title: "Học tập, quán triệt nghị quyết " + f.code(""),
			Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 90},
				{Category: tuyengiao.CategoryMasses, Headcount: true, Target: 80}},
			StartOn: tuyengiao.Date{Time: today.AddDate(0, -1, 0)}, EndOn: tuyengiao.Date{Time: today.AddDate(0, 1, 0)},
			UnitIDs: []int64{f.Unit().ID}, DocumentIDs: []int64{}}
		if err := f.a.db.CreateCampaign(f.a.admin(), f.camp); err != nil {
			f.a.t.Fatal(err)
		}
	}
	return f.camp
}

// Conference returns a fresh conference of the fresh campaign held yesterday by the fresh
// unit, with one bridge point there expecting 50 of the people.
func (f *fixture) Conference() *tuyengiao.Conference {
	if f.conf == nil {
		start := f.a.db.Now().UTC().Add(-24 * time.Hour).Truncate(time.Hour)
		f.conf = &tuyengiao.Conference{CampaignID: f.Campaign().ID, UnitID: f.Unit().ID, Title: "Hội nghị quán triệt " + f.code(""),
			StartsAt: start, EndsAt: start.Add(3 * time.Hour), Form: tuyengiao.FormInPerson, Presenters: []tuyengiao.Presenter{},
			BridgePoints: []tuyengiao.BridgePoint{{UnitID: f.Unit().ID, Place: "Hội trường",
				Expected: map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 50}, Counted: map[tuyengiao.Category]int64{}}}}
		if err := f.a.db.CreateConference(f.a.admin(), f.conf); err != nil {
			f.a.t.Fatal(err)
		}
	}
	return f.conf
}

func (f *fixture) code(prefix string) string { return prefix + strconv.Itoa(f.n) }

// Unit returns a fresh open unit under the target.
func (f *fixture) Unit() *tuyengiao.Unit {
	if f.unit == nil {
		f.unit = f.a.unit(f.target, f.code("U"), "Chi bộ "+f.code(""), "chi_bo")
	}
	return f.unit
}

// Closed returns a fresh closed unit under the target.
func (f *fixture) Closed() *tuyengiao.Unit {
	u := f.a.unit(f.target, f.code("X"), "Chi bộ đã đóng "+f.code(""), "chi_bo")
	if _, err := f.a.db.CloseUnit(f.a.admin(), u.ID, f.a.db.Now()); err != nil {
		f.a.t.Fatal(err)
	}
	return u
}

// Other returns a second fresh unit under the target, to move into.
func (f *fixture) Other() *tuyengiao.Unit {
	return f.a.unit(f.target, f.code("V"), "Chi bộ khác "+f.code(""), "chi_bo")
}

func (f *fixture) Person() *tuyengiao.Person {
	if f.person == nil {
		f.person = f.a.person(f.Unit(), "Lê Thị Hoa "+f.code(""), tuyengiao.CategoryMember)
	}
	return f.person
}

// Document returns a fresh document registered at the fresh unit.
func (f *fixture) Document() *tuyengiao.Document {
	if f.doc == nil {
		f.doc = f.document(fmt.Sprintf("%d-KH/CB", f.n))
	}
	return f.doc
}

// OtherDocument returns a second fresh document, for a relation to point to.
func (f *fixture) OtherDocument() *tuyengiao.Document {
	return f.document(fmt.Sprintf("%d-NQ/CB", f.n))
}

func (f *fixture) document(symbol string) *tuyengiao.Document {
	d := &tuyengiao.Document{Symbol: symbol, Title: "Kế hoạch thực hiện nghị quyết " + f.code(""), Fields: []string{"tuyen_truyen"},
		UnitID: f.Unit().ID, IssuingUnitID: f.Unit().ID}
	if err := f.a.db.CreateDocument(f.a.admin(), d); err != nil {
		f.a.t.Fatal(err)
	}
	return d
}

// Related returns the fresh document related to another one, and that other one.
func (f *fixture) Related() (from, to *tuyengiao.Document) {
	from, to = f.Document(), f.OtherDocument()
	if err := f.a.db.RelateDocuments(f.a.admin(), from.ID, to.ID, tuyengiao.RelImplements); err != nil {
		f.a.t.Fatal(err)
	}
	return from, to
}

// File returns a PDF attached to the fresh document.
func (f *fixture) File() int64 {
	file, err := f.a.db.AddDocumentFile(f.a.admin(), f.Document().ID, "ke-hoach.pdf", matrixPDF)
	if err != nil {
		f.a.t.Fatal(err)
	}
	return file.ID
}

// Rule returns a fresh validation rule added by a system administrator.
func (f *fixture) Rule() int64 {
	r := &tuyengiao.ValidationRule{Left: "people.member", Op: tuyengiao.RuleAtMost, Right: "people.key_cadre", Message: "Quy tắc thử " + f.code("")}
	if err := f.a.db.Quality().CreateValidationRule(f.a.admin(), r); err != nil {
		f.a.t.Fatal(err)
	}
	return r.ID
}

// matrixPDF is the smallest content the registry takes as a PDF.
var matrixPDF = []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

// Grant returns a fresh grant of the shared account at the fresh unit.
func (f *fixture) Grant() int64 {
	g := &tuyengiao.Grant{UserID: f.account.ID, Role: tuyengiao.RoleViewer, UnitID: f.Unit().ID}
	if err := f.a.db.AddGrant(f.a.admin(), g); err != nil {
		f.a.t.Fatal(err)
	}
	return g.ID
}

// Upload returns an upload of the caller holding one good row for the fresh unit.
func (f *fixture) Upload() int64 { return f.upload("people", f.CSV()) }

// upload stores content as the caller's upload of the kind, and returns its id.
func (f *fixture) upload(kind string, content []byte) int64 {
	ctx := tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{UserID: f.caller.ID, Login: f.caller.Login})
	up := &tuyengiao.Upload{Kind: kind, Filename: "a.csv", Content: content}
	if err := f.a.db.SaveUpload(ctx, up); err != nil {
		f.a.t.Fatal(err)
	}
	return up.ID
}

// BridgeCSV returns a file of bridge points with one good row, at the fresh unit.
func (f *fixture) BridgeCSV() []byte {
	return []byte("Mã đơn vị;Địa điểm;Quần chúng\n" + f.Unit().Code + ";Hội trường;40\n")
}

// CSV returns a people file with one good row for the fresh unit.
func (f *fixture) CSV() []byte {
	return []byte("Mã đơn vị;Họ và tên;Năm sinh;Đối tượng\n" + f.Unit().Code + ";Phạm Văn Nam " + f.code("") + ";1985;Đảng viên\n")
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// matrixCampaignForm is the campaign form filled for a campaign organised by u.
func matrixCampaignForm(u *tuyengiao.Unit) url.Values {
	return url.Values{"unit_id": {id(u.ID)}, "title": {"Học tập chuyên đề năm 2026"}, "start_on": {"01/11/2026"},
		"end_on": {"31/12/2026"}, "audiences": {"member"}, "target_member": {"95"}}
}

// matrixConferenceForm is the conference form filled for a conference of c held today at the
// fresh unit.
func matrixConferenceForm(f *fixture, c *tuyengiao.Campaign) url.Values {
	day := f.a.db.Now().In(vn.Zone).Format("02/01/2006")
	return url.Values{"campaign_id": {id(c.ID)}, "unit_id": {id(f.Unit().ID)}, "title": {"Hội nghị quán triệt"},
		"day": {day}, "from": {"07:30"}, "to": {"11:00"}, "form": {"in_person"}}
}

// matrix holds a request for every route; nil marks a route whose access is not about a unit
// and is tested elsewhere, with the reason.
var matrix = map[string]func(f *fixture) *matrixReq{
	"GET /healthz":               nil, // public; TestShell
	"GET /metrics":               nil, // local host or sysadmin; TestMetrics
	"GET /login":                 nil, // public
	"GET /licenses":              nil, // public; TestFigurePages
	"POST /login":                nil, // public; TestShell
	"POST /logout":               nil, // own session; TestShell
	"GET /password":              nil, // own account; TestAccount
	"POST /password":             nil, // own account; TestAccount
	"POST /lang":                 nil, // a preference cookie
	"GET /api/v1/openapi.json":   nil, // public; TestOpenAPI
	"POST /api/v1/auth/login":    nil, // public; TestShell
	"POST /api/v1/auth/logout":   nil, // own token; TestShell
	"POST /api/v1/auth/password": nil, // own account; TestAccount
	"GET /people/suggest":        nil, // the caller's whole view; TestBridgePointImport

	// The contests' public pages: no account, the contestant known by a signed cookie;
	// TestContestPublic.
	"GET /thi":                              nil,
	"GET /thi/{id}":                         nil,
	"GET /thi/{id}/dang-ky":                 nil,
	"POST /thi/{id}/dang-ky":                nil,
	"GET /thi/{id}/don-vi":                  nil,
	"GET /thi/{id}/vao-thi":                 nil,
	"POST /thi/{id}/vao-thi":                nil,
	"POST /thi/{id}/thoat":                  nil,
	"POST /thi/{id}/bat-dau":                nil,
	"GET /thi/{id}/luot/{attempt}":          nil,
	"POST /thi/{id}/luot/{attempt}/tra-loi": nil,
	"POST /thi/{id}/luot/{attempt}/nop":     nil,
	"GET /thi/{id}/ket-qua/{round}":         nil,

	"GET /{$}":                  func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/"} },
	"GET /api/v1/me":            func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/api/v1/me"} },
	"GET /people/template.xlsx": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/people/template.xlsx"} },
	"GET /kinds":                func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/kinds"} },
	"GET /api/v1/unit-kinds":    func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/api/v1/unit-kinds"} },
	"POST /kinds": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/kinds", form: url.Values{"code": {f.code("k")}, "name": {"Khu phố"}, "group": {"residential"}}}
	},
	"POST /api/v1/unit-kinds": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/unit-kinds", json: map[string]any{"code": f.code("k"), "name": "Khu phố", "group": "residential"}}
	},

	"GET /units": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/units?root=" + id(f.Unit().ID)} },
	"GET /units/new": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/units/new?parent=" + id(f.Unit().ID)}
	},
	"POST /units": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/units", form: url.Values{"parent": {id(f.Unit().ID)}, "code": {f.code("N")}, "name": {"Chi bộ mới"}, "kind": {"chi_bo"}}}
	},
	"GET /units/{id}": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/units/" + id(f.Unit().ID)} },
	"POST /units/{id}": func(f *fixture) *matrixReq {
		u := f.Unit()
		return &matrixReq{method: "POST", path: "/units/" + id(u.ID), form: url.Values{"code": {u.Code}, "name": {"Tên mới"}, "kind": {"chi_bo"}, "sort_order": {"5"}}}
	},
	"POST /units/{id}/move": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/units/" + id(f.Unit().ID) + "/move", form: url.Values{"parent_code": {f.Other().Code}}}
	},
	"POST /units/{id}/close": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/units/" + id(f.Unit().ID) + "/close", form: url.Values{}}
	},
	"POST /units/{id}/reopen": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/units/" + id(f.Closed().ID) + "/reopen", form: url.Values{}}
	},
	"GET /api/v1/units": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/units?root=" + id(f.Unit().ID)}
	},
	"POST /api/v1/units": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/units", json: map[string]any{"parent_id": f.Unit().ID, "code": f.code("N"), "name": "Chi bộ mới", "kind": "chi_bo"}}
	},
	"GET /api/v1/units/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/units/" + id(f.Unit().ID)}
	},
	"PATCH /api/v1/units/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PATCH", path: "/api/v1/units/" + id(f.Unit().ID), json: map[string]any{"name": "Tên mới"}}
	},
	"POST /api/v1/units/{id}/move": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/units/" + id(f.Unit().ID) + "/move", json: map[string]any{"parent_id": f.Other().ID}}
	},
	"POST /api/v1/units/{id}/close": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/units/" + id(f.Unit().ID) + "/close"}
	},
	"POST /api/v1/units/{id}/reopen": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/units/" + id(f.Closed().ID) + "/reopen"}
	},
	"GET /api/v1/units/{id}/counts": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/units/" + id(f.Unit().ID) + "/counts"}
	},

	"GET /people": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/people?root=" + id(f.Unit().ID)} },
	"GET /people/new": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/people/new?unit=" + id(f.Unit().ID)}
	},
	"POST /people": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/people", form: url.Values{"unit_code": {f.Unit().Code}, "full_name": {"Trần Văn Bình"}, "category": {"member"}, "birth_year": {"1980"}}}
	},
	"GET /people/{id}": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/people/" + id(f.Person().ID)} },
	"POST /people/{id}": func(f *fixture) *matrixReq {
		p := f.Person()
		return &matrixReq{method: "POST", path: "/people/" + id(p.ID), form: url.Values{"unit_code": {f.Unit().Code}, "full_name": {"Lê Thị Hoa"}, "category": {"member"}, "birth_year": {"1981"}}}
	},
	"POST /people/{id}/status": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/people/" + id(f.Person().ID) + "/status", form: url.Values{"status": {"moved_out"}, "on": {"01/06/2026"}}}
	},
	"GET /people/import": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/people/import?root=" + id(f.Unit().ID)}
	},
	"POST /people/import": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/people/import", form: url.Values{"root": {id(f.Unit().ID)}}, file: f.CSV()}
	},
	"POST /people/import/{upload}/commit": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/people/import/" + id(f.Upload()) + "/commit", form: url.Values{"root": {id(f.Unit().ID)}}}
	},
	"GET /people/import/{upload}/errors.xlsx": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/people/import/" + id(f.Upload()) + "/errors.xlsx?root=" + id(f.Unit().ID)}
	},
	"GET /people/export.xlsx": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/people/export.xlsx?root=" + id(f.Unit().ID)}
	},
	"GET /api/v1/people": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/people?root=" + id(f.Unit().ID)}
	},
	"POST /api/v1/people": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/people", json: map[string]any{"unit_id": f.Unit().ID, "full_name": "Trần Văn Bình", "category": "member"}}
	},
	"GET /api/v1/people/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/people/" + id(f.Person().ID)}
	},
	"PATCH /api/v1/people/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PATCH", path: "/api/v1/people/" + id(f.Person().ID), json: map[string]any{"position": "Bí thư"}}
	},
	"POST /api/v1/people/{id}/status": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/people/" + id(f.Person().ID) + "/status", json: map[string]any{"status": "moved_out", "on": "2026-06-01"}}
	},
	"POST /api/v1/people/import": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/people/import?root=" + id(f.Unit().ID), form: url.Values{}, file: f.CSV()}
	},
	"GET /api/v1/people/export": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/people/export?root=" + id(f.Unit().ID)}
	},

	"GET /accounts": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/accounts?root=" + id(f.Unit().ID)}
	},
	"GET /accounts/new": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/accounts/new?unit=" + id(f.Unit().ID)}
	},
	"POST /accounts": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/accounts", form: url.Values{"login": {f.code("tk")}, "display_name": {"Tài khoản mới"},
			"role": {"viewer"}, "unit_code": {f.Unit().Code}, "password": {"mat-khau-moi-123"}}}
	},
	"GET /accounts/{id}": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/accounts/" + id(f.account.ID)} },
	"POST /accounts/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/accounts/" + id(f.account.ID), form: url.Values{"display_name": {"Tên mới"}}}
	},
	"POST /accounts/{id}/grants": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/accounts/" + id(f.account.ID) + "/grants", form: url.Values{"role": {"viewer"}, "unit_code": {f.Unit().Code}}}
	},
	"POST /accounts/{id}/grants/{grant}/delete": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/accounts/" + id(f.account.ID) + "/grants/" + id(f.Grant()) + "/delete", form: url.Values{}}
	},
	"POST /accounts/{id}/disable": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/accounts/" + id(f.account.ID) + "/disable", form: url.Values{}}
	},
	"POST /accounts/{id}/enable": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/accounts/" + id(f.account.ID) + "/enable", form: url.Values{}}
	},
	"POST /accounts/{id}/password": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/accounts/" + id(f.account.ID) + "/password", form: url.Values{}}
	},
	"GET /api/v1/users": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/users?root=" + id(f.Unit().ID)}
	},
	"POST /api/v1/users": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/users", json: map[string]any{"login": f.code("tk"), "display_name": "Tài khoản mới",
			"password": "mat-khau-moi-123", "grants": []map[string]any{{"role": "viewer", "unit_id": f.Unit().ID}}}}
	},
	"GET /api/v1/users/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/users/" + id(f.account.ID)}
	},
	"PATCH /api/v1/users/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PATCH", path: "/api/v1/users/" + id(f.account.ID), json: map[string]any{"display_name": "Tên mới"}}
	},
	"POST /api/v1/users/{id}/grants": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/users/" + id(f.account.ID) + "/grants", json: map[string]any{"role": "viewer", "unit_id": f.Unit().ID}}
	},
	"DELETE /api/v1/users/{id}/grants/{grant}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "DELETE", path: "/api/v1/users/" + id(f.account.ID) + "/grants/" + id(f.Grant())}
	},
	"POST /api/v1/users/{id}/disable": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/users/" + id(f.account.ID) + "/disable"}
	},
	"POST /api/v1/users/{id}/enable": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/users/" + id(f.account.ID) + "/enable"}
	},
	"POST /api/v1/users/{id}/password": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/users/" + id(f.account.ID) + "/password", json: map[string]any{"password": "mat-khau-dat-lai-1"}}
	},

	"GET /documents": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/documents?q=" + url.QueryEscape(f.Document().Symbol)}
	},
	"GET /documents/new": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/documents/new?unit=" + id(f.Unit().ID)}
	},
	"POST /documents": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/documents", form: url.Values{"unit_id": {id(f.Unit().ID)}, "issuing_unit_id": {id(f.Unit().ID)}, "symbol": {fmt.Sprintf("%d-CTr/CB", f.n)},
			"title": {"Chương trình hành động"}, "issued_on": {"15/03/2021"}, "fields": {"tuyen_truyen"}}}
	},
	"GET /documents/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/documents/" + id(f.Document().ID)}
	},
	"POST /documents/{id}": func(f *fixture) *matrixReq {
		d := f.Document()
		return &matrixReq{method: "POST", path: "/documents/" + id(d.ID), form: url.Values{"symbol": {d.Symbol}, "title": {"Trích yếu mới"}, "term": {"XIII"}}}
	},
	"POST /documents/{id}/files": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/documents/" + id(f.Document().ID) + "/files", form: url.Values{}, file: matrixPDF}
	},
	"GET /documents/files/{file}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/documents/files/" + id(f.File())}
	},
	"POST /documents/{id}/relations": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/documents/" + id(f.Document().ID) + "/relations", form: url.Values{"to_symbol": {f.OtherDocument().Symbol}, "kind": {"implements"}}}
	},
	"POST /documents/{id}/relations/delete": func(f *fixture) *matrixReq {
		from, to := f.Related()
		return &matrixReq{method: "POST", path: "/documents/" + id(from.ID) + "/relations/delete", form: url.Values{"to_id": {id(to.ID)}, "kind": {"implements"}}}
	},
	// The vocabulary of documents is system-wide, as the unit kinds are: open to read, and
	// ActionVocabularyManage, which no unit grant gives, to extend.
	"GET /vocabulary": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/vocabulary"} },
	"POST /vocabulary/types": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/vocabulary/types", form: url.Values{"kind": {"party"}, "code": {vocabTypeCode(f.n)}, "name": {"Nhận xét"}}}
	},
	"POST /vocabulary/issuers": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/vocabulary/issuers", form: url.Values{"kind": {"party"}, "code": {f.code("BTGX")}, "name": {"Ban Tuyên giáo"}}}
	},
	// The kinds QU has by default, so that no other request finds them changed.
	"POST /vocabulary/issuers/unit-kinds": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/vocabulary/issuers/unit-kinds", form: url.Values{"kind": {"party"}, "code": {"QU"}, "unit_kinds": {"quan_uy"}}}
	},
	"GET /campaigns": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/campaigns?unit=" + id(f.Campaign().UnitID)}
	},
	"GET /campaigns/new": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/campaigns/new?unit=" + id(f.Unit().ID)}
	},
	"POST /campaigns": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/campaigns", form: matrixCampaignForm(f.Unit())}
	},
	"GET /campaigns/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/campaigns/" + id(f.Campaign().ID)}
	},
	"GET /campaigns/{id}/edit": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/campaigns/" + id(f.Campaign().ID) + "/edit"}
	},
	"POST /campaigns/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/campaigns/" + id(f.Campaign().ID), form: matrixCampaignForm(f.Unit())}
	},
	"GET /campaigns/{id}/export.xlsx": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/campaigns/" + id(f.Campaign().ID) + "/export.xlsx"}
	},
	"GET /campaigns/{id}/not-attended": func(f *fixture) *matrixReq {
		f.Person()
		return &matrixReq{method: "GET", path: "/campaigns/" + id(f.Campaign().ID) + "/not-attended"}
	},
	"GET /campaigns/{id}/not-attended.xlsx": func(f *fixture) *matrixReq {
		f.Person()
		return &matrixReq{method: "GET", path: "/campaigns/" + id(f.Campaign().ID) + "/not-attended.xlsx"}
	},
	"GET /campaigns/{id}/conferences/new": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/campaigns/" + id(f.Campaign().ID) + "/conferences/new"}
	},
	"POST /conferences": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/conferences", form: matrixConferenceForm(f, f.Campaign())}
	},
	"GET /conferences": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/conferences?unit=" + id(f.Conference().UnitID)}
	},
	"GET /conferences/attended": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/conferences/attended?unit=" + id(f.Conference().UnitID)}
	},
	"GET /conferences/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/conferences/" + id(f.Conference().ID)}
	},
	"GET /conferences/{id}/edit": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/conferences/" + id(f.Conference().ID) + "/edit"}
	},
	"POST /conferences/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/conferences/" + id(f.Conference().ID), form: matrixConferenceForm(f, f.Campaign())}
	},
	"GET /conferences/{id}/bridge-points.xlsx": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/conferences/" + id(f.Conference().ID) + "/bridge-points.xlsx"}
	},
	"GET /conferences/{id}/bridge-points/import": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/conferences/" + id(f.Conference().ID) + "/bridge-points/import"}
	},
	"POST /conferences/{id}/bridge-points/import": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/conferences/" + id(f.Conference().ID) + "/bridge-points/import", form: url.Values{}, file: f.BridgeCSV()}
	},
	"POST /conferences/{id}/bridge-points/import/{upload}/commit": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/conferences/" + id(f.Conference().ID) + "/bridge-points/import/" + id(f.upload("bridge", f.BridgeCSV())) + "/commit", form: url.Values{}}
	},
	"GET /conferences/{id}/qr.png": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/conferences/" + id(f.Conference().ID) + "/qr.png"}
	},
	"GET /conferences/{id}/roster": func(f *fixture) *matrixReq {
		f.Person()
		return &matrixReq{method: "GET", path: "/conferences/" + id(f.Conference().ID) + "/roster?unit=" + id(f.Unit().ID)}
	},
	"POST /conferences/{id}/roster": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/conferences/" + id(f.Conference().ID) + "/roster?unit=" + id(f.Unit().ID),
			form: url.Values{"present": {id(f.Person().ID)}}}
	},
	"POST /bridge-points/{id}/headcount": func(f *fixture) *matrixReq {
		conf, err := f.a.db.FindConferenceByID(f.a.admin(), f.Conference().ID)
		if err != nil {
			f.a.t.Fatal(err)
		}
		return &matrixReq{method: "POST", path: "/bridge-points/" + id(conf.BridgePoints[0].ID) + "/headcount",
			form: url.Values{"conference_id": {id(conf.ID)}, "counted_masses": {"42"}}}
	},

	"GET /api/v1/documents": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/documents?q=" + url.QueryEscape(f.Document().Symbol)}
	},
	"POST /api/v1/documents": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/documents", json: map[string]any{"unit_id": f.Unit().ID, "issuing_unit_id": f.Unit().ID, "symbol": fmt.Sprintf("%d-CTr/CB", f.n),
			"title": "Chương trình hành động", "issued_on": "2021-03-15", "fields": []string{"tuyen_truyen"}}}
	},
	"GET /api/v1/documents/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/documents/" + id(f.Document().ID)}
	},
	"PATCH /api/v1/documents/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PATCH", path: "/api/v1/documents/" + id(f.Document().ID), json: map[string]any{"title": "Trích yếu mới"}}
	},
	"POST /api/v1/documents/{id}/files": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/documents/" + id(f.Document().ID) + "/files", form: url.Values{}, file: matrixPDF}
	},
	"GET /api/v1/documents/{id}/implementation": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/documents/" + id(f.Document().ID) + "/implementation"}
	},
	"GET /api/v1/documents/{id}/chain": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/documents/" + id(f.Document().ID) + "/chain"}
	},
	"POST /api/v1/documents/{id}/relations": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/documents/" + id(f.Document().ID) + "/relations", json: map[string]any{"to_id": f.OtherDocument().ID, "kind": "implements"}}
	},
	"POST /api/v1/documents/{id}/relations/delete": func(f *fixture) *matrixReq {
		from, to := f.Related()
		return &matrixReq{method: "POST", path: "/api/v1/documents/" + id(from.ID) + "/relations/delete", json: map[string]any{"to_id": to.ID, "kind": "implements"}}
	},
	"GET /api/v1/document-files/{file}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/document-files/" + id(f.File())}
	},
	"GET /api/v1/document-types":   func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/api/v1/document-types"} },
	"GET /api/v1/document-issuers": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/api/v1/document-issuers"} },
	"POST /api/v1/document-types": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/document-types", json: map[string]any{"kind": "state", "code": vocabTypeCode(f.n), "name": "Nhận xét"}}
	},
	"POST /api/v1/document-issuers": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/document-issuers", json: map[string]any{"kind": "state", "code": f.code("SX"), "name": "Sở"}}
	},
	"PUT /api/v1/document-issuers/{kind}/{code}/unit-kinds": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PUT", path: "/api/v1/document-issuers/party/QU/unit-kinds", json: map[string]any{"unit_kinds": []string{"quan_uy"}}}
	},

	// A member's own study, essay and check-in are about their person, not a unit; an
	// essay's text and the list of a unit's essays follow the exact-unit rule of
	// AuthorizeEssay, which a subtree matrix cannot express: TestEssayPages, TestEssayAPI
	// and TestMemberStudy test them.
	"GET /me/study":                         nil,
	"GET /me/essays/{campaign}":             nil,
	"POST /me/essays/{campaign}":            nil,
	"GET /checkin/{conference}":             nil,
	"POST /checkin/{conference}":            nil,
	"GET /essays/{id}":                      nil,
	"POST /essays/{id}/review":              nil,
	"GET /essays/{id}/file":                 nil,
	"GET /api/v1/me/study":                  nil,
	"GET /api/v1/campaigns/{id}/essay":      nil,
	"POST /api/v1/campaigns/{id}/essay":     nil,
	"GET /api/v1/campaigns/{id}/essays":     nil,
	"GET /api/v1/essays/{id}":               nil,
	"GET /api/v1/essays/{id}/file":          nil,
	"POST /api/v1/essays/{id}/review":       nil,
	"POST /api/v1/conferences/{id}/checkin": nil,
	"GET /campaigns/{id}/essays": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/campaigns/" + id(f.Campaign().ID) + "/essays?unit=" + id(f.Unit().ID)}
	},
	"GET /api/v1/campaigns/{id}/essay-counts": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/campaigns/" + id(f.Campaign().ID) + "/essay-counts?unit=" + id(f.Unit().ID)}
	},

	"GET /api/v1/campaigns": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/campaigns?unit=" + id(f.Campaign().UnitID)}
	},
	"POST /api/v1/campaigns": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/campaigns", json: matrixCampaignBody(f, true)}
	},
	"GET /api/v1/campaigns/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/campaigns/" + id(f.Campaign().ID)}
	},
	"PUT /api/v1/campaigns/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PUT", path: "/api/v1/campaigns/" + id(f.Campaign().ID), json: matrixCampaignBody(f, false)}
	},
	"GET /api/v1/campaigns/{id}/participation": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/campaigns/" + id(f.Campaign().ID) + "/participation"}
	},
	"GET /api/v1/campaigns/{id}/not-attended": func(f *fixture) *matrixReq {
		f.Person()
		return &matrixReq{method: "GET", path: "/api/v1/campaigns/" + id(f.Campaign().ID) + "/not-attended"}
	},
	"GET /api/v1/campaigns/{id}/conferences": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/campaigns/" + id(f.Conference().CampaignID) + "/conferences"}
	},
	"GET /api/v1/conferences": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/conferences?unit=" + id(f.Conference().UnitID)}
	},
	"GET /api/v1/conferences/attended": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/conferences/attended?unit=" + id(f.Conference().UnitID)}
	},
	"POST /api/v1/conferences": func(f *fixture) *matrixReq {
		body := matrixConferenceBody(f)
		body["campaign_id"], body["unit_id"] = f.Campaign().ID, f.Unit().ID
		return &matrixReq{method: "POST", path: "/api/v1/conferences", json: body}
	},
	"GET /api/v1/conferences/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/conferences/" + id(f.Conference().ID)}
	},
	"PUT /api/v1/conferences/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PUT", path: "/api/v1/conferences/" + id(f.Conference().ID), json: matrixConferenceBody(f)}
	},
	"GET /api/v1/conferences/{id}/roster": func(f *fixture) *matrixReq {
		f.Person()
		return &matrixReq{method: "GET", path: "/api/v1/conferences/" + id(f.Conference().ID) + "/roster?unit=" + id(f.Unit().ID)}
	},
	"PUT /api/v1/conferences/{id}/roster": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PUT", path: "/api/v1/conferences/" + id(f.Conference().ID) + "/roster?unit=" + id(f.Unit().ID),
			json: map[string]any{"present": []int64{f.Person().ID}}}
	},
	"GET /api/v1/conferences/{id}/checkin-code": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/conferences/" + id(f.Conference().ID) + "/checkin-code"}
	},
	"PUT /api/v1/bridge-points/{id}/headcount": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PUT", path: "/api/v1/bridge-points/" + id(f.Conference().BridgePoints[0].ID) + "/headcount",
			json: map[string]any{"counted": map[string]int{"masses": 40}}}
	},

	"GET /figures": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/figures?unit=" + id(f.Unit().ID)}
	},
	"GET /figures/export.xlsx": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/figures/export.xlsx?unit=" + id(f.Unit().ID)}
	},
	"GET /dashboard": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/dashboard?unit=" + id(f.Unit().ID)}
	},
	"GET /api/v1/figures": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/figures?unit=" + id(f.Unit().ID)}
	},
	// The catalogue and the periods are the same for everyone logged in.
	"GET /api/v1/indicators": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/api/v1/indicators"} },
	"GET /api/v1/periods":    func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/api/v1/periods?year=2026"} },

	"GET /audit": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/audit?root=" + id(f.Unit().ID)} },

	"GET /targets": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/targets?unit=" + id(f.Unit().ID) + "&indicator=people.member&period=2026"}
	},
	"POST /targets": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/targets", form: url.Values{"unit": {id(f.Unit().ID)}, "indicator": {"people.member"},
			"period": {"2026"}, "target_" + id(f.Unit().ID): {"25"}}}
	},
	"GET /quality": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/quality?unit=" + id(f.Unit().ID) + "&period=2026-Q2"}
	},
	"POST /quality/confirm": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/quality/confirm", form: url.Values{"unit_id": {id(f.Unit().ID)}, "indicator": {"people.member"},
			"period": {"2026-Q2"}, "value": {"0"}, "comment": {"Đã kiểm tra lại sổ sách."}, "back": {"unit=" + id(f.Unit().ID)}}}
	},
	// Validation rules hold for every unit: open to read, and ActionIndicatorManage, which
	// no unit grant gives, to change.
	"GET /quality/rules": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/quality/rules"} },
	"POST /quality/rules": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/quality/rules", form: url.Values{"left": {"people.member"}, "op": {"<="},
			"right": {"people.key_cadre"}, "message": {"Quy tắc thử"}}}
	},
	"POST /quality/rules/{id}/delete": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/quality/rules/" + id(f.Rule()) + "/delete", form: url.Values{}}
	},
	"GET /api/v1/targets": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/targets?unit=" + id(f.Unit().ID) + "&indicator=people.member&period=2026"}
	},
	"PUT /api/v1/targets": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PUT", path: "/api/v1/targets", json: map[string]any{"indicator": "people.member", "period": "2026",
			"targets": []map[string]any{{"unit_id": f.Unit().ID, "value": 25}}}}
	},
	"GET /api/v1/quality": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/quality?unit=" + id(f.Unit().ID) + "&period=2026-Q2"}
	},
	"POST /api/v1/quality/confirmations": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/quality/confirmations", json: map[string]any{"unit_id": f.Unit().ID,
			"indicator": "people.member", "period": "2026-Q2", "value": 0, "comment": "Đã kiểm tra lại sổ sách."}}
	},
	"GET /api/v1/validation-rules": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/api/v1/validation-rules"} },
	"POST /api/v1/validation-rules": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/validation-rules", json: map[string]any{"left": "people.member", "op": "<=",
			"right": "people.key_cadre", "message": "Quy tắc thử"}}
	},
	"DELETE /api/v1/validation-rules/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "DELETE", path: "/api/v1/validation-rules/" + id(f.Rule())}
	},
	"GET /api/v1/audit": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/audit?root=" + id(f.Unit().ID)}
	},
}

// send issues the request as the client: a page client posts forms, an API client JSON.
func (c *client) send(m *matrixReq) *response {
	c.t.Helper()
	switch {
	case m.file != nil:
		return c.upload(m.path, m.form, "nhan-su.csv", m.file)
	case m.form != nil:
		return c.post(m.path, m.form)
	case m.method == "GET":
		return c.get(m.path)
	}
	return c.json(m.method, m.path, m.json)
}

// TestAuthorizationMatrix sends every route as every role held at a district, against objects
// in its own subtree, in a sibling district and in the city above, and as an account with no
// role: what the access rules allow must succeed and nothing else may.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
		d1 := a.unit(city, "Q1", "Quận ủy 1", "quan_uy")
		w1 := a.unit(d1, "Q1P1", "Đảng ủy phường 1", "dang_uy_phuong")
		d2 := a.unit(city, "Q2", "Quận ủy 2", "quan_uy")
		targets := map[string]*tuyengiao.Unit{"own subtree": w1, "sibling subtree": d2, "ancestor": city}
		accounts := map[string]*tuyengiao.User{}
		for name, u := range targets {
			accounts[name] = a.user("acc-"+strings.ReplaceAll(name, " ", "-"), tuyengiao.RoleViewer, u)
		}
		type caller struct {
			user      *tuyengiao.User
			principal *tuyengiao.Principal
			page, api *client
		}
		var callers []caller
		for _, role := range append(tuyengiao.Roles, "") {
			login := "role-" + string(role)
			if role == "" {
				login = "role-none"
			}
			u := matrixCaller(a, login, role, d1)
			callers = append(callers, caller{user: u, principal: matrixPrincipal(role, d1), page: a.login(login), api: a.api(login)})
		}
		n := 0
		for _, rt := range web.Routes() {
			key := rt.Method + " " + rt.Pattern
			build, listed := matrix[key]
			if !listed {
				t.Errorf("route %s is missing from the authorization matrix", key)
				continue
			}
			if build == nil {
				continue
			}
			for tname, target := range targets {
				for _, c := range callers {
					n++
					f := &fixture{a: a, target: target, account: accounts[tname], caller: c.user, n: n}
					req := build(f)
					cl := c.page
					if strings.HasPrefix(rt.Pattern, "/api/") {
						cl = c.api
					}
					res := cl.send(req)
					checkAccess(t, rt, tname, c.user.Login, c.principal, f, res)
				}
			}
		}
		for key := range matrix {
			if !routeExists(key) {
				t.Errorf("the matrix lists %s, which is no route", key)
			}
		}
	})
}

// matrixCaller creates the account of the login holding the role at the unit (sysadmin
// everywhere; "" for none). A reviewer is a person of the unit, as the reviewer role asks.
func matrixCaller(a *testApp, login string, role tuyengiao.Role, at *tuyengiao.Unit) *tuyengiao.User {
	a.t.Helper()
	switch role {
	case "":
		// An account must be created with a role; taking it away leaves one with none.
		u := a.user(login, tuyengiao.RoleViewer, at)
		if err := a.db.RemoveGrant(a.admin(), u.Grants[0].ID); err != nil {
			a.t.Fatal(err)
		}
		return u
	case tuyengiao.RoleSysadmin:
		return a.user(login, role, nil)
	case tuyengiao.RoleReviewer:
		return a.reviewerAccount(login, "Người chấm "+login, at)
	}
	return a.user(login, role, at)
}

// matrixPrincipal is the principal of the account matrixCaller makes, for
// tuyengiao.Authorize to say what it may do.
func matrixPrincipal(role tuyengiao.Role, at *tuyengiao.Unit) *tuyengiao.Principal {
	switch role {
	case "":
		return &tuyengiao.Principal{}
	case tuyengiao.RoleSysadmin:
		return &tuyengiao.Principal{Grants: []tuyengiao.Grant{{Role: role, UnitPath: "/"}}}
	}
	return &tuyengiao.Principal{Grants: []tuyengiao.Grant{{Role: role, UnitID: at.ID, UnitPath: at.Path}}}
}

// TestGrantMatrix extends the authorization matrix to what a subtree cannot express: every
// role held at a district asks, by the pages and the API, for every role for its own account
// at a cell of the district, links its own account to a person of the cell who has none,
// and links a second account to a person who has one. Nobody widens their own rights nor
// acts as a person through their own account, a system administrator included, and a person
// keeps one account: those who manage accounts there get a conflict on person_id, the
// others a refusal.
func TestGrantMatrix(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
		d1 := a.unit(city, "Q1", "Quận ủy 1", "quan_uy")
		cell := a.unit(d1, "Q1CB1", "Chi bộ 1", "chi_bo")
		owner := a.memberAccount("chu.ho.so", a.person(cell, "Nguyễn Thị Chủ", tuyengiao.CategoryMember))
		spare := a.user("tk.du", tuyengiao.RoleMember, cell)
		free := a.person(cell, "Lê Văn Chưa Có", tuyengiao.CategoryMember)
		for i, role := range append(tuyengiao.Roles, "") {
			login := "vai-tro-" + strconv.Itoa(i)
			u := matrixCaller(a, login, role, d1)
			page, api := a.login(login), a.api(login)
			own := "/api/v1/users/" + id(u.ID) + "/grants"
			for _, r := range tuyengiao.Roles {
				body := map[string]any{"role": r, "unit_id": cell.ID}
				form := url.Values{"role": {string(r)}, "unit_code": {cell.Code}}
				if r == tuyengiao.RoleSysadmin {
					delete(body, "unit_id")
					form.Set("unit_code", "")
				}
				if res := api.json("POST", own, body); res.StatusCode != http.StatusForbidden {
					t.Errorf("%q grants itself %s by the API: %d %s", role, r, res.StatusCode, res.body)
				}
				if res := page.post("/accounts/"+id(u.ID)+"/grants", form); res.StatusCode != http.StatusForbidden {
					t.Errorf("%q grants itself %s on the page: %d %s", role, r, res.StatusCode, res.message())
				}
			}
			if res := api.json("PATCH", "/api/v1/users/"+id(u.ID), map[string]any{"person_id": free.ID}); res.StatusCode != http.StatusForbidden {
				t.Errorf("%q links its own account to a person: %d %s", role, res.StatusCode, res.body)
			}
			manages := tuyengiao.AuthorizeGrant(matrixPrincipal(role, d1), tuyengiao.Grant{Role: tuyengiao.RoleMember, UnitPath: cell.Path}) == nil
			second := map[string]any{"login": "thu-hai-" + strconv.Itoa(i), "display_name": "Tài khoản thứ hai", "password": "mat-khau-moi-123",
				"person_id": owner.PersonID, "grants": []map[string]any{{"role": "member", "unit_id": cell.ID}}}
			checkLink(t, fmt.Sprintf("%q creates a second account of the person", role), manages, api.json("POST", "/api/v1/users", second))
			checkLink(t, fmt.Sprintf("%q links another account to the person", role), manages,
				api.json("PATCH", "/api/v1/users/"+id(spare.ID), map[string]any{"person_id": owner.PersonID}))
		}
	})
}

// checkLink checks the answer to linking a second account to a person: a conflict on
// person_id for a caller who manages the accounts, a refusal for any other.
func checkLink(t *testing.T, what string, manages bool, res *response) {
	t.Helper()
	switch {
	case manages && (res.StatusCode != http.StatusConflict || !strings.Contains(res.body, `"field":"person_id"`)):
		t.Errorf("%s: %d %s, want a conflict on person_id", what, res.StatusCode, res.body)
	case !manages && res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound:
		t.Errorf("%s: %d %s, want a refusal", what, res.StatusCode, res.body)
	}
}

// checkAccess compares the answer with what tuyengiao.Authorize allows for the route's action
// at the fixture's unit.
func checkAccess(t *testing.T, rt web.RouteInfo, target, login string, p *tuyengiao.Principal, f *fixture, res *response) {
	t.Helper()
	allowed := true
	if rt.Action != "" {
		path := f.target.Path + "0/" // any unit inside the target
		allowed = tuyengiao.Authorize(p, rt.Action, path) == nil
	}
	loc := res.Header.Get("Location")
	refused := res.StatusCode == http.StatusForbidden || res.StatusCode == http.StatusUnauthorized ||
		res.StatusCode == http.StatusNotFound || strings.HasPrefix(loc, "/login")
	what := fmt.Sprintf("%s %s as %s on the %s", rt.Method, rt.Pattern, login, target)
	switch {
	case res.StatusCode >= 500:
		t.Errorf("%s: status %d: %s", what, res.StatusCode, res.message())
	case allowed && refused:
		t.Errorf("%s: refused (%d %s), expected allowed: %s", what, res.StatusCode, loc, res.message())
	case !allowed && !refused:
		t.Errorf("%s: UNEXPECTED SUCCESS (%d %s)", what, res.StatusCode, loc)
	}
}

func routeExists(key string) bool {
	for _, rt := range web.Routes() {
		if rt.Method+" "+rt.Pattern == key {
			return true
		}
	}
	return false
}
