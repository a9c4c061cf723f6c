package main

import (
	"database/sql"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// forgetIssuingUnit leaves the document without its issuing unit, as migration 00008 does
// with a document registered before issuing units whose unit has none of the issuer's
// kinds above it, through a connection of its own.
func forgetIssuingUnit(t *testing.T, dsn string, id string) {
	t.Helper()
	driver, source, q := "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)", `UPDATE documents SET issuing_unit_id = NULL WHERE id = ?`
	if sqldb.IsPostgres(dsn) {
		driver, source, q = "pgx", dsn, `UPDATE documents SET issuing_unit_id = NULL WHERE id = $1`
	}
	conn, err := sql.Open(driver, source)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(q, id); err != nil {
		t.Fatal(err)
	}
}

func TestDocumentIssuingUnitPages(t *testing.T) {
	t.Parallel()
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		a := newTestApp(t, dsn)
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		district := a.unit(city, "Q1", "Quận ủy Đông Hải", "quan_uy")
		ward := a.unit(district, "P1", "Đảng ủy phường An Phú", "dang_uy_phuong")
		a.user("quantri", tuyengiao.RoleSysadmin, nil)
		a.user("bientap", tuyengiao.RoleEditor, ward)
		admin, ed := a.login("quantri"), a.login("bientap")
		plan := url.Values{"unit_id": {unitID(ward)}, "issuing_unit_id": {unitID(ward)}, "symbol": {"12-KH/TU"}, "title": {"Kế hoạch của Thành ủy"}}
		var docPath string

		t.Run("a ward registering the city's plan cannot name itself as its issuer", func(t *testing.T) {
			res := ed.post("/documents", plan)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="issuing_unit_id-error"`) ||
				!strings.Contains(res.body, "do Thành ủy hoặc Tỉnh ủy ban hành; Đảng ủy phường An Phú là Đảng ủy phường.") {
				t.Fatalf("12-KH/TU issued by the ward: %d %s", res.StatusCode, res.message())
			}
			plan.Set("issuing_unit_id", unitID(city))
			if res = ed.post("/documents", plan); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("12-KH/TU issued by the city: %d %s", res.StatusCode, res.message())
			}
			docPath, _, _ = strings.Cut(res.Header.Get("Location"), "?")
		})

		t.Run("a document whose issuing unit is not known says so and its edit form asks for it", func(t *testing.T) {
			forgetIssuingUnit(t, dsn, strings.TrimPrefix(docPath, "/documents/"))
			res := ed.get(docPath)
			if !strings.Contains(res.body, "chưa xác định đơn vị ban hành") || !strings.Contains(res.body, `<details class="actions card" open>`) ||
				!strings.Contains(res.body, "hãy chọn đơn vị ban hành rồi lưu") {
				t.Fatalf("the page does not ask for the issuing unit: %d", res.StatusCode)
			}
			if res = ed.get("/documents"); !strings.Contains(res.body, "chưa xác định đơn vị ban hành") {
				t.Fatal("the list does not flag it")
			}
			edit := url.Values{"symbol": {"12-KH/TU"}, "title": {"Kế hoạch của Thành ủy"}}
			if res = ed.post(docPath, edit); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="issuing_unit_id-error"`) {
				t.Fatalf("saved without its issuing unit: %d %s", res.StatusCode, res.message())
			}
			edit.Set("issuing_unit_id", unitID(city))
			if res = ed.post(docPath, edit); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save with the city: %d %s", res.StatusCode, res.message())
			}
			if res = ed.get(docPath); strings.Contains(res.body, "chưa xác định đơn vị ban hành") || !strings.Contains(res.body, "Thành ủy Hoa Sơn") {
				t.Fatal("the issuing unit is still not known")
			}
		})

		t.Run("a system administrator sets on the vocabulary page which kinds of unit issue under a local code", func(t *testing.T) {
			quKinds := url.Values{"kind": {"party"}, "code": {"QU"}, "unit_kinds": {"quan_uy", "dang_uy_phuong"}}
			if res := ed.post("/vocabulary/issuers/unit-kinds", quKinds); res.StatusCode != http.StatusForbidden {
				t.Fatalf("an editor sets them: %d", res.StatusCode)
			}
			bad := url.Values{"kind": {"party"}, "code": {"QU"}, "unit_kinds": {"quan_uy", "khong_co"}}
			if res := admin.post("/vocabulary/issuers/unit-kinds", bad); res.StatusCode != http.StatusUnprocessableEntity ||
				!strings.Contains(res.body, "khong_co") {
				t.Fatalf("an unknown kind: %d %s", res.StatusCode, res.message())
			}
			if res := admin.get("/vocabulary"); !strings.Contains(res.body, `action="/vocabulary/issuers/unit-kinds"`) ||
				!strings.Contains(res.body, "Thành ủy, Tỉnh ủy") {
				t.Fatal("the vocabulary page does not show the unit kinds with their form")
			}
			if res := admin.post("/vocabulary/issuers/unit-kinds", quKinds); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("set QU's kinds: %d %s", res.StatusCode, res.message())
			}
			if res := ed.get("/vocabulary"); !strings.Contains(res.body, "Quận ủy, Đảng ủy phường") {
				t.Fatal("the new kinds are not shown")
			}
			own := url.Values{"unit_id": {unitID(ward)}, "issuing_unit_id": {unitID(ward)}, "symbol": {"07-KH/QU"}, "title": {"Kế hoạch"}}
			if res := ed.post("/documents", own); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("07-KH/QU issued by the ward: %d %s", res.StatusCode, res.message())
			}
			btgtxu := url.Values{"kind": {"party"}, "code": {"BTGTXU"}, "name": {"Ban Tuyên giáo Thị ủy"}, "local": {"1"}, "unit_kinds": {"thi_uy"}}
			if res := admin.post("/vocabulary/issuers", btgtxu); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("add BTGTXU: %d %s", res.StatusCode, res.message())
			}
			own.Set("symbol", "15-KH/BTGTXU")
			if res := ed.post("/documents", own); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "do Thị ủy ban hành") {
				t.Fatalf("15-KH/BTGTXU issued by the ward: %d %s", res.StatusCode, res.message())
			}
			res := a.api("quantri").json("PUT", "/api/v1/document-issuers/party/QU/unit-kinds", map[string]any{"unit_kinds": []string{"quan_uy"}})
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `"unit_kinds":["quan_uy"]`) {
				t.Fatalf("set through the API: %d %s", res.StatusCode, res.body)
			}
		})
	})
}
