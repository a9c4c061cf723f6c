package main

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"tuyengiao"
)

// vocabTypeCode returns a type code of letters only, distinct for each n: Z and the digits
// of n as letters (12 → ZBC).
func vocabTypeCode(n int) string {
	return "Z" + strings.Map(func(r rune) rune { return 'A' + r - '0' }, strconv.Itoa(n))
}

// vocabIssuerForm is the form that adds the issuer BTGTXU, which the built-in vocabulary
// lacks: a local one, since every Thị ủy has its commission.
var vocabIssuerForm = url.Values{"kind": {"party"}, "code": {"BTGTXU"}, "name": {"Ban Tuyên giáo Thị ủy"}, "local": {"1"}}

func TestDocumentVocabularyPages(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		district := a.unit(city, "Q1", "Quận ủy Đông Hải", "quan_uy")
		a.user("quantri", tuyengiao.RoleSysadmin, nil)
		a.user("qtthanhuy", tuyengiao.RoleUnitAdmin, city)
		a.user("bientap", tuyengiao.RoleEditor, district)
		admin, unitAdmin, ed := a.login("quantri"), a.login("qtthanhuy"), a.login("bientap")
		kh := url.Values{"unit_id": {unitID(district)}, "issuing_unit_id": {unitID(district)}, "symbol": {"15-KH/BTGTXU"}, "title": {"Kế hoạch tuyên truyền kỷ niệm"}}

		t.Run("a symbol of an issuer not in the vocabulary is refused, telling where an administrator adds it", func(t *testing.T) {
			res := ed.post("/documents", kh)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "BTGTXU") || !strings.Contains(res.body, "/vocabulary") {
				t.Fatalf("register 15-KH/BTGTXU: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("an account that is not a system administrator sees the vocabulary but cannot add to it", func(t *testing.T) {
			res := unitAdmin.get("/vocabulary")
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "BTGTU") || strings.Contains(res.body, `action="/vocabulary/issuers"`) {
				t.Fatalf("vocabulary page: %d, form shown: %t", res.StatusCode, strings.Contains(res.body, `action="/vocabulary/issuers"`))
			}
			if res = unitAdmin.post("/vocabulary/issuers", vocabIssuerForm); res.StatusCode != http.StatusForbidden {
				t.Fatalf("add as a unit administrator: %d %s", res.StatusCode, res.message())
			}
			api := a.api("qtthanhuy")
			if res = api.json("POST", "/api/v1/document-issuers", map[string]any{"kind": "party", "code": "BTGTXU", "name": "X"}); res.StatusCode != http.StatusForbidden {
				t.Fatalf("add through the API: %d %s", res.StatusCode, res.message())
			}
			if res = api.get("/api/v1/document-issuers"); res.StatusCode != http.StatusOK || strings.Contains(res.body, "BTGTXU") {
				t.Fatalf("the issuers changed: %d", res.StatusCode)
			}
		})

		t.Run("a system administrator adds an issuer, then its documents register and the filter lists it", func(t *testing.T) {
			if res := admin.get("/vocabulary"); !strings.Contains(res.body, `action="/vocabulary/issuers"`) {
				t.Fatal("the administrator is not offered the form")
			}
			res := admin.post("/vocabulary/issuers", vocabIssuerForm)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/vocabulary?ok=created" {
				t.Fatalf("add BTGTXU: %d %s", res.StatusCode, res.message())
			}
			if res = ed.get("/vocabulary"); !strings.Contains(res.body, "Ban Tuyên giáo Thị ủy <span class=\"muted\">(cấp địa phương: ghi đơn vị ban hành)") {
				t.Fatal("the vocabulary page does not list the new issuer as local")
			}
			noIssuing := url.Values{}
			for k, v := range kh {
				noIssuing[k] = v
			}
			noIssuing.Del("issuing_unit_id")
			if res = ed.post("/documents", noIssuing); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="issuing_unit_id-error"`) {
				t.Fatalf("15-KH/BTGTXU without its issuing unit: %d %s", res.StatusCode, res.message())
			}
			if res = ed.post("/documents", kh); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("register 15-KH/BTGTXU: %d %s", res.StatusCode, res.message())
			}
			docPath, _, _ := strings.Cut(res.Header.Get("Location"), "?")
			if !strings.Contains(ed.get(docPath).body, "Ban Tuyên giáo Thị ủy (BTGTXU)") {
				t.Error("the document's page does not name its new issuer")
			}
			res = ed.get("/documents")
			if !strings.Contains(res.body, `<option value="BTGTXU" >BTGTXU – Ban Tuyên giáo Thị ủy</option>`) || !strings.Contains(res.body, `href="/vocabulary"`) {
				t.Fatal("the documents page does not offer BTGTXU in the filter, or does not link to the vocabulary")
			}
			res = ed.get("/documents?issuer=BTGTXU")
			if !strings.Contains(res.body, `<option value="BTGTXU" selected>`) || !strings.Contains(res.body, "15-KH/BTGTXU") {
				t.Fatal("filtering by BTGTXU does not keep the choice or does not list 15-KH/BTGTXU")
			}
		})

		t.Run("a code already in the vocabulary is refused naming the field, and nothing is added", func(t *testing.T) {
			res := admin.post("/vocabulary/issuers", url.Values{"kind": {"party"}, "code": {"btgtxu"}, "name": {"Khác"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="issuer-code-error"`) ||
				strings.Contains(res.body, `id="type-code-error"`) || !strings.Contains(res.body, `value="Khác"`) {
				t.Fatalf("duplicate on the page: %d %s", res.StatusCode, res.message())
			}
			res = a.api("quantri").json("POST", "/api/v1/document-types", map[string]any{"kind": "party", "code": "NQ", "name": "Khác"})
			var e struct{ Error tuyengiao.Error }
			if res.decode(&e); res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != "code" {
				t.Fatalf("duplicate through the API: %d %s", res.StatusCode, res.body)
			}
			if strings.Count(admin.get("/vocabulary").body, "Ban Tuyên giáo Thị ủy") != 1 {
				t.Fatal("the duplicate was added")
			}
		})

		t.Run("a system administrator adds a type through the API, not built-in, and it is listed", func(t *testing.T) {
			api := a.api("quantri")
			res := api.json("POST", "/api/v1/document-types", map[string]any{"kind": "party", "code": "NX", "name": "Nhận xét", "builtin": true})
			var got tuyengiao.DocumentType
			if res.decode(&got); res.StatusCode != http.StatusCreated || got.Builtin || got.Code != "NX" {
				t.Fatalf("add NX: %d %s", res.StatusCode, res.body)
			}
			var list struct{ Items []tuyengiao.DocumentType }
			api.get("/api/v1/document-types").decode(&list)
			if n := len(list.Items); n == 0 || list.Items[0].Code != "NQ" || !list.Items[0].Builtin {
				t.Fatalf("types: %d, first %+v", n, list.Items)
			}
			if !strings.Contains(ed.get("/documents").body, `<option value="NX" >NX – Nhận xét</option>`) {
				t.Fatal("the type filter does not offer NX")
			}
		})
	})
}
