package main

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
)

// TestDayOne: the day 01/01/0001 typed into a form or sent in JSON is a day, refused as
// implausible naming the field, never taken for a day not given.
func TestDayOne(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		a.unit(city, "CB1", "Chi bộ khu phố 1", "chi_bo")
		a.user("bithu", tuyengiao.RoleEditor, city)
		refused := func(t *testing.T, res *response, says string) {
			t.Helper()
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, says) {
				t.Errorf("status %d, want 422 saying %q: %s", res.StatusCode, says, res.message())
			}
		}

		t.Run("a person's status_date 0001-01-01 is refused, null is today", func(t *testing.T) {
			api := a.api("bithu")
			person := map[string]any{"unit_code": "CB1", "full_name": "Trần Thị Lan", "category": "masses", "status_date": "0001-01-01"}
			refused(t, api.json("POST", "/api/v1/people", person), "Ngày bắt đầu trạng thái 01/01/0001 không hợp lệ")
			person["status_date"] = nil
			if res := api.json("POST", "/api/v1/people", person); res.StatusCode != http.StatusCreated || strings.Contains(res.body, "0001") {
				t.Errorf("status %d: %s", res.StatusCode, res.body)
			}
		})

		t.Run("a document's issued_on 0001-01-01 is refused in JSON and 01/01/0001 in the form", func(t *testing.T) {
			doc := map[string]any{"symbol": "05-CT/TW", "title": "Chỉ thị", "unit_id": city.ID, "issued_on": "0001-01-01"}
			refused(t, a.api("bithu").json("POST", "/api/v1/documents", doc), "Ngày ban hành 01/01/0001 không hợp lệ")
			form := url.Values{"unit_id": {strconv.FormatInt(city.ID, 10)}, "symbol": {"05-CT/TW"}, "title": {"Chỉ thị"}, "issued_on": {"01/01/0001"}}
			refused(t, a.login("bithu").post("/documents", form), "Ngày ban hành 01/01/0001 không hợp lệ")
		})

		t.Run("a status change on 01/01/0001 is refused in the form and the API", func(t *testing.T) {
			p := a.person(city, "Lê Văn Chuyển", tuyengiao.CategoryMember)
			path := "/people/" + strconv.FormatInt(p.ID, 10) + "/status"
			refused(t, a.login("bithu").post(path, url.Values{"status": {"moved_out"}, "on": {"01/01/0001"}}), "01/01/0001 không hợp lệ")
			refused(t, a.api("bithu").json("POST", "/api/v1"+path, map[string]any{"status": "moved_out", "on": "0001-01-01"}), "01/01/0001 không hợp lệ")
		})

		t.Run("a party member born this year is refused naming the birth year", func(t *testing.T) {
			res := a.api("bithu").json("POST", "/api/v1/people", map[string]any{"unit_code": "CB1", "full_name": "Phạm Văn Trẻ",
				"category": "member", "birth_year": time.Now().Year()})
			refused(t, res, `"field":"birth_year"`)
		})
	})
}
