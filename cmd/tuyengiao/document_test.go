package main

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// escapeHTML escapes text as html/template does in the body of a page.
var escapeHTML = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace

func TestDocumentPages(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		district := a.unit(city, "Q1", "Quận ủy Đông Hải", "quan_uy")
		a.user("bientap", tuyengiao.RoleEditor, district)
		a.user("xem", tuyengiao.RoleViewer, district)
		ed := a.login("bientap")

		// The central resolution, registered at the city.
		nq := &tuyengiao.Document{Symbol: "35-NQ/TW", Title: "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng",
			IssuedOn: tuyengiao.Date{Time: time.Date(2018, 10, 22, 0, 0, 0, 0, time.UTC)}, Term: "XII",
			Fields: []string{"tu_tuong_ly_luan"}, UnitID: city.ID}
		if err := a.db.CreateDocument(a.admin(), nq); err != nil {
			t.Fatal(err)
		}

		// An editor of the district registers the city's programme, issued by the city, and
		// sees it.
		res := ed.get("/documents")
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `href="/documents/new"`) {
			t.Fatalf("documents page: %d, link to register: %t", res.StatusCode, strings.Contains(res.body, `href="/documents/new"`))
		}
		res = ed.get("/documents/new")
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Quận ủy Đông Hải") {
			t.Fatalf("new document form: %d %s", res.StatusCode, res.message())
		}
		if !strings.Contains(res.body, `<option value="`+unitID(city)+`" >Thành ủy Hoa Sơn (TP)</option>`) {
			t.Error("the new document form does not offer the city, above the editor's unit, as issuing unit")
		}
		form := url.Values{"unit_id": {unitID(district)}, "issuing_unit_id": {unitID(city)}, "symbol": {"12-CTr/TU"}, "issued_on": {"15/03/2021"}, "term": {"XIII"},
			"title": {"Chương trình hành động thực hiện Nghị quyết 35"}, "fields": {"tuyen_truyen", "tu_tuong_ly_luan"}}
		res = ed.post("/documents", form)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("register 12-CTr/TU: %d %s", res.StatusCode, res.message())
		}
		ctrPath, _, _ := strings.Cut(res.Header.Get("Location"), "?")
		res = ed.get(ctrPath)
		for _, want := range []string{"12-CTr/TU", "15/03/2021", "Chương trình hành động thực hiện Nghị quyết 35", "Tuyên truyền", "XIII",
			"<dt>Đơn vị ban hành</dt><dd>Thành ủy Hoa Sơn</dd>"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the page of 12-CTr/TU does not show %q", want)
			}
		}
		if res = ed.get("/documents"); !strings.Contains(res.body, "12-CTr/TU") {
			t.Error("the list does not show 12-CTr/TU")
		}

		// A symbol that does not parse: the parser's message on the field, the title kept.
		bad := "35/NQ-TW-"
		_, perr := vn.ParseSymbol(bad, vn.DefaultVocabulary())
		var se *vn.SymbolError
		if !errors.As(perr, &se) {
			t.Fatalf("%q parses: %v", bad, perr)
		}
		res = ed.post("/documents", url.Values{"unit_id": {unitID(district)}, "symbol": {bad}, "title": {"Kế hoạch tuyên truyền kỷ niệm"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("bad symbol: status %d", res.StatusCode)
		}
		if !strings.Contains(res.body, `id="symbol-error">`+escapeHTML(se.Error())) {
			t.Errorf("bad symbol: the form does not show %q on the symbol: %s", se.Error(), res.message())
		}
		if !strings.Contains(res.body, "Kế hoạch tuyên truyền kỷ niệm") {
			t.Error("bad symbol: the typed title is lost")
		}

		// Search without diacritics.
		res = ed.get("/documents?q=" + url.QueryEscape("nghi quyet 35"))
		if !strings.Contains(res.body, ">35-NQ/TW<") {
			t.Errorf("search 'nghi quyet 35' does not find 35-NQ/TW: %s", res.message())
		}
		if res = ed.get("/documents?q=dang"); !strings.Contains(res.body, ">35-NQ/TW<") {
			t.Error("search 'dang' does not find 35-NQ/TW (Đảng)")
		}

		// The chain: 138-KH/QU implements 12-CTr/TU, which implements 35-NQ/TW.
		res = ed.post("/documents", url.Values{"unit_id": {unitID(district)}, "issuing_unit_id": {unitID(district)}, "symbol": {"138-KH/QU"}, "issued_on": {"02/06/2021"},
			"title": {"Kế hoạch thực hiện Chương trình hành động 12-CTr/TU"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("register 138-KH/QU: %d %s", res.StatusCode, res.message())
		}
		khPath, _, _ := strings.Cut(res.Header.Get("Location"), "?")
		if res = ed.post(ctrPath+"/relations", url.Values{"to_symbol": {"35-NQ/TW"}, "kind": {"implements"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("relate 12-CTr/TU: %d %s", res.StatusCode, res.message())
		}
		if res = ed.post(khPath+"/relations", url.Values{"to_symbol": {"12-ctr/tu"}, "kind": {"implements"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("relate 138-KH/QU: %d %s", res.StatusCode, res.message())
		}
		res = ed.get(khPath)
		_, chain, _ := strings.Cut(res.body, "Chuỗi văn bản")
		top, ctr, kh := strings.Index(chain, "35-NQ/TW"), strings.Index(chain, "12-CTr/TU"), strings.Index(chain, "138-KH/QU")
		if top < 0 || ctr < 0 || kh < 0 || !(top < ctr && ctr < kh) {
			t.Errorf("the chain of 138-KH/QU does not go 35-NQ/TW, 12-CTr/TU, 138-KH/QU (%d, %d, %d)", top, ctr, kh)
		}
		if !strings.Contains(chain, "thực hiện") {
			t.Error("the chain does not name the relation")
		}
		if !strings.Contains(res.body, "Kế hoạch (KH)") || !strings.Contains(res.body, "Quận ủy (QU)") {
			t.Error("the page does not name the type and the issuer of 138-KH/QU")
		}

		// A PDF attaches and downloads with the same bytes.
		pdf := []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
		res = ed.upload(ctrPath+"/files", url.Values{}, "Chương trình 12.pdf", pdf)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("attach a PDF: %d %s", res.StatusCode, res.message())
		}
		res = ed.get(ctrPath)
		m := regexp.MustCompile(`href="(/documents/files/\d+)"`).FindStringSubmatch(res.body)
		if m == nil {
			t.Fatal("the page shows no download link")
		}
		if !strings.Contains(res.body, "SHA-256") {
			t.Error("the page does not show the checksum")
		}
		res = ed.get(m[1])
		if res.StatusCode != http.StatusOK || res.body != string(pdf) {
			t.Errorf("download: %d, same bytes: %t", res.StatusCode, res.body == string(pdf))
		}
		if ct := res.Header.Get("Content-Type"); ct != "application/pdf" {
			t.Errorf("download Content-Type %q", ct)
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
			t.Errorf("download Content-Disposition %q", cd)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Error("download without nosniff")
		}

		// A viewer reads but does not register.
		xem := a.login("xem")
		if res = xem.get(khPath); res.StatusCode != http.StatusOK {
			t.Errorf("viewer reads a document: %d", res.StatusCode)
		}
		res = xem.post("/documents", url.Values{"unit_id": {unitID(district)}, "symbol": {"139-KH/QU"}, "title": {"Kế hoạch"}})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("viewer registers a document: status %d", res.StatusCode)
		}

		// The API registers a document.
		api := a.api("bientap")
		res = api.json("POST", "/api/v1/documents", map[string]any{"symbol": "05-ct/tw", "title": "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
			"issued_on": "2016-05-15", "unit_id": district.ID, "fields": []string{"tu_tuong_ly_luan"}})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("API create: %d %s", res.StatusCode, res.message())
		}
		var doc tuyengiao.Document
		res.decode(&doc)
		if doc.ID == 0 || doc.Symbol != "05-CT/TW" || doc.Type != "CT" || doc.Issuer != "TW" {
			t.Errorf("API create: %+v", doc)
		}
	})
}

// TestDocumentsOfTwoCommittees: two district committees each register their own 08-CTr/QU,
// and wherever the symbol is typed the user is asked which one.
func TestDocumentsOfTwoCommittees(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		east := a.unit(city, "Q1", "Quận ủy Đông Hải", "quan_uy")
		west := a.unit(city, "Q2", "Quận ủy Tây Sơn", "quan_uy")
		a.user("dong", tuyengiao.RoleEditor, east)
		a.user("tay", tuyengiao.RoleEditor, west)
		a.user("thanhpho", tuyengiao.RoleEditor, city)
		dong, tay, tp := a.login("dong"), a.login("tay"), a.login("thanhpho")
		register := func(c *client, u *tuyengiao.Unit, issuing string) *response {
			return c.post("/documents", url.Values{"unit_id": {unitID(u)}, "issuing_unit_id": {issuing}, "symbol": {"08-CTr/QU"},
				"issued_on": {"01/04/2021"}, "title": {"Chương trình hành động của " + u.Name}})
		}

		res := register(dong, east, unitID(east))
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("Đông Hải registers 08-CTr/QU: %d %s", res.StatusCode, res.message())
		}
		eastPath := location(res)
		if res = register(tay, west, unitID(west)); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("Tây Sơn registers its own 08-CTr/QU: %d %s", res.StatusCode, res.message())
		}
		westPath := location(res)

		t.Run("the same committee registering it again is refused on the symbol, naming the committee", func(t *testing.T) {
			res := register(dong, east, unitID(east))
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="symbol-error">Văn bản số 08-CTr/QU của Quận ủy Đông Hải đã có`) {
				t.Errorf("a second 08-CTr/QU of Đông Hải: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("a committee's document without its issuing unit is refused on that field", func(t *testing.T) {
			res := register(dong, east, "")
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="issuing_unit_id-error">`) {
				t.Errorf("08-CTr/QU without issuing unit: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("a district naming its sibling as the issuer is refused on the page and the API, and never offered it", func(t *testing.T) {
			res := dong.post("/documents", url.Values{"unit_id": {unitID(east)}, "issuing_unit_id": {unitID(west)}, "symbol": {"777-KH/QU"},
				"title": {"Kế hoạch của Tây Sơn"}})
			if res.StatusCode != http.StatusUnprocessableEntity ||
				!strings.Contains(res.body, `id="issuing_unit_id-error">Quận ủy Đông Hải không đăng ký được văn bản do Quận ủy Tây Sơn ban hành`) {
				t.Errorf("Đông Hải registers Tây Sơn's 777-KH/QU: %d %s", res.StatusCode, res.message())
			}
			if res := dong.get("/documents/new"); res.StatusCode != http.StatusOK || strings.Contains(res.body, "Quận ủy Tây Sơn") ||
				!strings.Contains(res.body, ">Thành ủy Hoa Sơn (TP)</option>") {
				t.Errorf("the form's issuers for Đông Hải: %d %s", res.StatusCode, res.message())
			}
			var e struct {
				Error struct{ Field string } `json:"error"`
			}
			res = a.api("dong").json("POST", "/api/v1/documents", map[string]any{"symbol": "777-KH/QU", "title": "Kế hoạch của Tây Sơn",
				"unit_id": east.ID, "issuing_unit_id": west.ID})
			if res.decode(&e); res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != "issuing_unit_id" {
				t.Errorf("API: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("a committee registering the number the city registered for it is told the city did", func(t *testing.T) {
			form := url.Values{"unit_id": {unitID(city)}, "issuing_unit_id": {unitID(west)}, "symbol": {"15-KH/QU"}, "title": {"Kế hoạch của Tây Sơn"}}
			if res := tp.post("/documents", form); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("the city registers Tây Sơn's 15-KH/QU: %d %s", res.StatusCode, res.message())
			}
			form.Set("unit_id", unitID(west))
			res := tay.post("/documents", form)
			if res.StatusCode != http.StatusUnprocessableEntity ||
				!strings.Contains(res.body, `id="symbol-error">Văn bản số 15-KH/QU của Quận ủy Tây Sơn đã có trong hệ thống, do Thành ủy Hoa Sơn đăng ký.`) {
				t.Errorf("Tây Sơn registers its 15-KH/QU: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("a city editor registering at a district is offered the district as issuing unit", func(t *testing.T) {
			res := tp.get("/documents/new?unit=" + unitID(east))
			if !strings.Contains(res.body, `<option value="`+unitID(east)+`" >Quận ủy Đông Hải (Q1)</option>`) {
				t.Errorf("the form does not offer Đông Hải: %s", res.message())
			}
		})

		t.Run("the document page and the list show the issuing unit", func(t *testing.T) {
			if res := tay.get(westPath); !strings.Contains(res.body, "<dt>Đơn vị ban hành</dt><dd>Quận ủy Tây Sơn</dd>") {
				t.Errorf("the page of Tây Sơn's 08-CTr/QU does not name it: %s", res.message())
			}
			res := tp.get("/documents?q=" + url.QueryEscape("08-CTr/QU"))
			if !strings.Contains(res.body, "Quận ủy Đông Hải") || !strings.Contains(res.body, "Quận ủy Tây Sơn") {
				t.Error("the list does not tell the two 08-CTr/QU apart")
			}
		})

		// The city's plan implements one of them.
		res = tp.post("/documents", url.Values{"unit_id": {unitID(city)}, "issuing_unit_id": {unitID(city)}, "symbol": {"20-KH/TU"},
			"title": {"Kế hoạch kiểm tra việc thực hiện"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("register 20-KH/TU: %d %s", res.StatusCode, res.message())
		}
		planPath := location(res)
		eastID, westID := strings.TrimPrefix(eastPath, "/documents/"), strings.TrimPrefix(westPath, "/documents/")

		t.Run("a relation to the shared symbol offers both committees' documents", func(t *testing.T) {
			res := tp.post(planPath+"/relations", url.Values{"to_symbol": {"8-ctr/qu"}, "kind": {"implements"}})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("relate to 08-CTr/QU: %d %s", res.StatusCode, res.message())
			}
			for _, id := range []string{eastID, westID} {
				if !strings.Contains(res.body, `name="to_symbol" value="08-CTr/QU #`+id+`"`) {
					t.Errorf("the form does not offer 08-CTr/QU #%s", id)
				}
			}
			if !strings.Contains(res.body, "Quận ủy Đông Hải") || !strings.Contains(res.body, "Quận ủy Tây Sơn") {
				t.Error("the choices do not name the committees")
			}
			res = tp.post(planPath+"/relations", url.Values{"to_symbol": {"08-CTr/QU #" + westID}, "kind": {"implements"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("relate to Tây Sơn's 08-CTr/QU: %d %s", res.StatusCode, res.message())
			}
			_, chain, _ := strings.Cut(tp.get(planPath).body, "Chuỗi văn bản")
			if !strings.Contains(chain, `href="`+westPath+`"`) || strings.Contains(chain, `href="`+eastPath+`"`) {
				t.Error("the chain does not hold Tây Sơn's 08-CTr/QU alone")
			}
		})

		t.Run("a campaign form asks which 08-CTr/QU and takes the one written with its number", func(t *testing.T) {
			today := a.db.Now().In(vn.Zone)
			form := url.Values{"unit_id": {unitID(city)}, "title": {"Quán triệt Chương trình 08"}, "documents": {"08-CTr/QU"},
				"start_on": {vn.Date(today.AddDate(0, 0, -7))}, "end_on": {vn.Date(today.AddDate(0, 1, 0))},
				"audiences": {"member"}, "target_member": {"95"}}
			res := tp.post("/campaigns", form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "<code>08-CTr/QU #"+eastID+"</code>") {
				t.Fatalf("a campaign of the shared symbol: %d %s", res.StatusCode, res.message())
			}
			form.Set("documents", "08-CTr/QU #"+eastID)
			if res = tp.post("/campaigns", form); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("a campaign of Đông Hải's 08-CTr/QU: %d %s", res.StatusCode, res.message())
			}
			res = tp.get(location(res) + "/edit")
			if !strings.Contains(res.body, "08-CTr/QU #"+eastID+"</textarea>") {
				t.Errorf("the edit form does not keep which 08-CTr/QU: %s", res.message())
			}
		})

		t.Run("the API lists both with their issuing units and requires one for a committee's symbol", func(t *testing.T) {
			api := a.api("dong")
			res := api.json("GET", "/api/v1/documents?q="+url.QueryEscape("08-CTr/QU"), nil)
			var list struct {
				Items []tuyengiao.Document `json:"items"`
			}
			res.decode(&list)
			if len(list.Items) != 2 || list.Items[0].IssuingUnit == "" || list.Items[0].IssuingUnitID == list.Items[1].IssuingUnitID {
				t.Errorf("API list: %+v", list.Items)
			}
			res = api.json("POST", "/api/v1/documents", map[string]any{"symbol": "09-CTr/QU", "title": "Chương trình", "unit_id": east.ID})
			var e struct {
				Error struct{ Field string } `json:"error"`
			}
			res.decode(&e)
			if res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != "issuing_unit_id" {
				t.Errorf("API without issuing unit: %d %s", res.StatusCode, res.body)
			}
			res = api.json("POST", "/api/v1/documents", map[string]any{"symbol": "09-CTr/QU", "title": "Chương trình", "unit_id": east.ID, "issuing_unit_id": east.ID})
			if res.StatusCode != http.StatusCreated {
				t.Errorf("API with issuing unit: %d %s", res.StatusCode, res.body)
			}
		})
	})
}
