package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuyengiao"
)

// issuedDoc registers a document issued by the unit on the day, as the system administrator.
func (a *testApp) issuedDoc(u *tuyengiao.Unit, symbol, day, title string, fields ...string) *tuyengiao.Document {
	a.t.Helper()
	on, err := tuyengiao.ParseDate(day)
	if err != nil {
		a.t.Fatal(err)
	}
	d := &tuyengiao.Document{Symbol: symbol, Title: title, IssuedOn: on, UnitID: u.ID, IssuingUnitID: u.ID, Fields: fields}
	if err := a.db.CreateDocument(a.admin(), d); err != nil {
		a.t.Fatalf("%s: %v", symbol, err)
	}
	return d
}

func TestDocumentImplementationShare(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		q1 := a.unit(city, "Q1", "Quận ủy Đông Hải", "quan_uy")
		q2 := a.unit(city, "Q2", "Quận ủy Tây Sơn", "quan_uy")
		a.unit(city, "Q3", "Quận ủy Nam Giang", "quan_uy")
		a.user("xem.tp", tuyengiao.RoleViewer, city)
		a.user("xem.q2", tuyengiao.RoleViewer, q2)
		ctr := a.issuedDoc(city, "12-CTr/TU", "2026-03-02", "Chương trình thực hiện Nghị quyết", "tuyen_truyen")
		for _, d := range []*tuyengiao.Document{a.issuedDoc(q1, "08-KH/QU", "2026-04-01", "Kế hoạch của Quận ủy Đông Hải"),
			a.issuedDoc(q2, "09-KH/QU", "2026-04-02", "Kế hoạch của Quận ủy Tây Sơn")} {
			if err := a.db.RelateDocuments(a.admin(), d.ID, ctr.ID, tuyengiao.RelImplements); err != nil {
				t.Fatal(err)
			}
		}
		path := "/documents/" + id(ctr.ID)

		t.Run("the page of the city's programme shows 2 of 3 districts, the missing one marked", func(t *testing.T) {
			res := a.login("xem.tp").get(path)
			for _, want := range []string{"Đã có <b>2/3</b> cấp ủy trực thuộc ban hành văn bản triển khai (66,7%)",
				`<span class="badge warn">chưa có văn bản triển khai</span> Quận ủy Nam Giang`,
				`Quận ủy Đông Hải: <a href="/documents/`, ">08-KH/QU</a> (01/04/2026)"} {
				if !strings.Contains(res.body, want) {
					t.Errorf("the page does not show %q", want)
				}
			}
		})
		t.Run("the API gives the same list and share", func(t *testing.T) {
			res := a.api("xem.tp").get("/api/v1/documents/" + id(ctr.ID) + "/implementation")
			var im tuyengiao.DocumentImplementation
			res.decode(&im)
			if res.StatusCode != http.StatusOK || im.Share != (tuyengiao.Value{Num: 2, Den: 3}) || len(im.Units) != 3 ||
				im.Units[2].Name != "Quận ủy Nam Giang" || len(im.Units[2].Documents) != 0 {
				t.Fatalf("implementation: %d %s", res.StatusCode, res.body)
			}
		})
		t.Run("a viewer of a district cannot read the list of the city's document", func(t *testing.T) {
			if res := a.api("xem.q2").get("/api/v1/documents/" + id(ctr.ID) + "/implementation"); res.StatusCode != http.StatusForbidden {
				t.Fatalf("API: %d %s", res.StatusCode, res.body)
			}
			res := a.login("xem.q2").get(path)
			if res.StatusCode != http.StatusOK || strings.Contains(res.body, `id="implementation"`) || strings.Contains(res.body, "Nam Giang") {
				t.Fatalf("page: %d, shows the list: %t", res.StatusCode, strings.Contains(res.body, `id="implementation"`))
			}
		})
		t.Run("the figure service rolls the documents up to the city", func(t *testing.T) {
			table, err := newFigures(a.db).Figures(a.admin(), tuyengiao.FigureQuery{UnitID: city.ID,
				Codes:   []string{"documents.issued", "documents.issued.kh", "documents.field.tuyen_truyen", "documents.implemented"},
				Periods: []tuyengiao.Period{tuyengiao.HalfPeriod(2026, 1), tuyengiao.HalfPeriod(2025, 1)}})
			if err != nil {
				t.Fatal(err)
			}
			got := []tuyengiao.Value{table.Value(0, 0, 0), table.Value(0, 1, 0), table.Value(0, 2, 0), table.Value(0, 3, 0), table.Value(0, 0, 1)}
			want := []tuyengiao.Value{{Num: 3}, {Num: 2}, {Num: 1}, {Num: 2, Den: 3}, {}}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("values = %+v, want %+v", got, want)
				}
			}
		})
		t.Run("the records of the district's figure are its documents of the period", func(t *testing.T) {
			res := a.login("xem.tp").get("/documents?" + url.Values{"issuing_root": {id(q1.ID)}, "from": {"2026-01-01"}, "to": {"2026-06-30"}}.Encode())
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "08-KH/QU") || strings.Contains(res.body, "12-CTr/TU") ||
				!strings.Contains(res.body, "Văn bản do <b>Quận ủy Đông Hải</b>") {
				t.Fatalf("records: %d %s", res.StatusCode, res.message())
			}
			if res := a.login("xem.tp").get("/documents?from=31/02/2026"); res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("a bad day: %d", res.StatusCode)
			}
		})
	})
}

func TestDocumentContentsForms(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		a.user("bientap", tuyengiao.RoleEditor, city)
		ed, api := a.login("bientap"), a.api("bientap")
		kh := a.issuedDoc(city, "15-KH/TU", "2026-02-10", "Kế hoạch thực hiện nhiệm vụ năm 2026")
		path := "/documents/" + id(kh.ID)
		form := url.Values{"form_sent": {"1"}, "symbol": {"15-KH/TU"}, "issuing_unit_id": {id(city.ID)}, "issued_on": {"10/02/2026"},
			"title": {kh.Title}, "content_kind": {"key", "key", "breakthrough", "key"},
			"content_text": {"Nâng cao chất lượng học tập nghị quyết", "Đấu tranh phản bác quan điểm sai trái", "Chuyển đổi số trong tuyên truyền", ""}}

		t.Run("an editor lists the contents on the form and the page counts them", func(t *testing.T) {
			if res := ed.post(path, form); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d %s", res.StatusCode, res.message())
			}
			res := ed.get(path)
			for _, want := range []string{"Trọng tâm: <b>2</b> · Đột phá: <b>1</b>", `<span class="badge">Đột phá</span> Chuyển đổi số trong tuyên truyền`,
				`name="content_text" value="Đấu tranh phản bác quan điểm sai trái"`} {
				if !strings.Contains(res.body, want) {
					t.Errorf("the page does not show %q", want)
				}
			}
		})
		t.Run("a row too long is refused by its number and the form keeps what was typed", func(t *testing.T) {
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad["content_text"] = []string{"Một", strings.Repeat("x", 501), "Ba"}
			res := ed.post(path, bad)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="contents-error">Nội dung thứ 2 dài quá 500 ký tự.`) ||
				!strings.Contains(res.body, `value="Một"`) {
				t.Fatalf("too long: %d %s", res.StatusCode, res.message())
			}
		})
		t.Run("the API reads and replaces the contents", func(t *testing.T) {
			var d tuyengiao.Document
			api.get("/api/v1/documents/" + id(kh.ID)).decode(&d)
			if len(d.Contents) != 3 || d.Contents[2] != (tuyengiao.DocumentContent{Position: 3, Kind: "breakthrough", Text: "Chuyển đổi số trong tuyên truyền"}) {
				t.Fatalf("contents = %+v", d.Contents)
			}
			res := api.json("PATCH", "/api/v1/documents/"+id(kh.ID), map[string]any{"contents": []map[string]string{{"kind": "breakthrough", "text": "Cải cách hành chính"}}})
			res.decode(&d)
			if res.StatusCode != http.StatusOK || len(d.Contents) != 1 || d.Contents[0].Kind != tuyengiao.ContentBreakthrough {
				t.Fatalf("patch: %d %s", res.StatusCode, res.body)
			}
			res = api.json("PATCH", "/api/v1/documents/"+id(kh.ID), map[string]any{"contents": []map[string]string{{"kind": "key", "text": "Một"}, {"kind": "chinh", "text": "Hai"}}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `Nội dung thứ 2: loại \"chinh\" không hợp lệ`) {
				t.Fatalf("bad kind: %d %s", res.StatusCode, res.body)
			}
		})
		t.Run("the contents count at the issuing unit", func(t *testing.T) {
			table, err := newFigures(a.db).Figures(a.admin(), tuyengiao.FigureQuery{UnitID: city.ID,
				Codes: []string{"documents.contents.key", "documents.contents.breakthrough"}, Periods: []tuyengiao.Period{tuyengiao.YearPeriod(2026)}})
			if err != nil {
				t.Fatal(err)
			}
			if key, br := table.Value(0, 0, 0), table.Value(0, 1, 0); key.Num != 0 || br.Num != 1 {
				t.Fatalf("key %+v, breakthrough %+v", key, br)
			}
		})
	})
}
