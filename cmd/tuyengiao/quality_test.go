package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuyengiao"
)

// TestTargetsAndQuality drives the targets and data-quality pages and API as their users
// do: a system administrator adds a rule over the people figures, a district's editor sees
// what breaks it, sets targets and confirms a value, and a viewer of the other district
// reaches none of it.
func TestTargetsAndQuality(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
		d1 := a.unit(city, "Q1", "Quận ủy 1", "quan_uy")
		ward := a.unit(d1, "Q1P1", "Đảng ủy phường Bến Nghé", "dang_uy_phuong")
		d2 := a.unit(city, "Q2", "Quận ủy 2", "quan_uy")
		for _, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"} {
			a.person(ward, name, tuyengiao.CategoryMember)
		}
		a.user("quan-tri", tuyengiao.RoleSysadmin, nil)
		a.user("bien-tap-q1", tuyengiao.RoleEditor, d1)
		a.user("xem-q2", tuyengiao.RoleViewer, d2)
		admin, editor, editorAPI, other := a.api("quan-tri"), a.login("bien-tap-q1"), a.api("bien-tap-q1"), a.api("xem-q2")
		quarter := tuyengiao.PeriodContaining(tuyengiao.PeriodQuarter, tuyengiao.DateOf(a.db.Now())).String()
		year := tuyengiao.PeriodContaining(tuyengiao.PeriodYear, tuyengiao.DateOf(a.db.Now())).String()
		message := "Số đảng viên không được vượt số cán bộ chủ chốt (quy tắc thử)."

		res := admin.json("POST", "/api/v1/validation-rules", map[string]any{"left": "people.member", "op": "<=", "right": "people.key_cadre", "message": message})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("add rule: %d %s", res.StatusCode, res.body)
		}

		t.Run("a value that breaks a rule is listed in the data-quality view", func(t *testing.T) {
			page := editor.get("/quality?unit=" + id(d1.ID) + "&period=" + quarter)
			if page.StatusCode != http.StatusOK || !strings.Contains(page.body, message) || !strings.Contains(page.body, ward.Name) {
				t.Errorf("page: %d %s", page.StatusCode, page.message())
			}
			// The same quarter picked with the period picker's fields, as the page's form sends it.
			q, _ := tuyengiao.ParsePeriod("period", quarter)
			picked := editor.get(fmt.Sprintf("/quality?unit=%d&kind=quarter&year=%d&n=%d", d1.ID, q.From.Year(), (int(q.From.Month())+2)/3))
			if picked.StatusCode != http.StatusOK || !strings.Contains(picked.body, message) || !strings.Contains(picked.body, `name="kind"`) {
				t.Errorf("picked: %d %s", picked.StatusCode, picked.message())
			}
			var rep tuyengiao.QualityReport
			editorAPI.get("/api/v1/quality?unit=" + id(d1.ID) + "&period=" + quarter).decode(&rep)
			var at []string
			for _, v := range rep.Violations {
				at = append(at, v.Unit.Code)
			}
			if strings.Join(at, " ") != "Q1 Q1P1" {
				t.Errorf("violations at %v, want Q1 Q1P1", at)
			}
		})

		t.Run("the targets set on the page come back with the figures", func(t *testing.T) {
			form := url.Values{"unit": {id(d1.ID)}, "indicator": {"people.member"}, "period": {year},
				"target_" + id(d1.ID): {"40"}, "target_" + id(ward.ID): {"1.200"}}
			if res := editor.post("/targets", form); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d %s", res.StatusCode, res.message())
			}
			var tb tuyengiao.FigureTable
			editorAPI.get("/api/v1/targets?unit=" + id(d1.ID) + "&indicator=people.member&period=" + year).decode(&tb)
			got := map[string]int64{}
			for u, fu := range tb.Units {
				if !fu.Own {
					got[fu.Code] = tb.Targets[u].Num
				}
			}
			if got["Q1"] != 40 || got["Q1P1"] != 1200 {
				t.Errorf("targets %v", got)
			}
			dash := editor.get("/dashboard?unit=" + id(d1.ID) + "&period=" + year + "&indicator=people.member")
			if !strings.Contains(dash.body, "Đơn vị còn xa chỉ tiêu nhất") || !strings.Contains(dash.body, ward.Name) {
				t.Errorf("the dashboard does not list the ward far from its target: %d %s", dash.StatusCode, dash.message())
			}
		})

		t.Run("a target that is no number is refused naming its row, and nothing changes", func(t *testing.T) {
			form := url.Values{"unit": {id(d1.ID)}, "indicator": {"people.member"}, "period": {year},
				"target_" + id(d1.ID): {"50"}, "target_" + id(ward.ID): {"nhiều"}}
			res := editor.post("/targets", form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Số &#34;nhiều&#34; không hợp lệ") {
				t.Errorf("got %d %s", res.StatusCode, res.message())
			}
			var tb tuyengiao.FigureTable
			editorAPI.get("/api/v1/targets?unit=" + id(d1.ID) + "&indicator=people.member&period=" + year).decode(&tb)
			if tb.Targets[0].Num != 40 {
				t.Errorf("the district's target is now %d", tb.Targets[0].Num)
			}
		})

		t.Run("confirming a value is audited", func(t *testing.T) {
			form := url.Values{"unit_id": {id(ward.ID)}, "indicator": {"people.member"}, "period": {quarter}, "value": {"4"},
				"comment": {"Đã đối chiếu danh sách đảng viên."}, "back": {"unit=" + id(d1.ID)}}
			if res := editor.post("/quality/confirm", form); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("confirm: %d %s", res.StatusCode, res.message())
			}
			recs, _, err := a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Action: "outlier.confirm", Limit: 10})
			if err != nil || len(recs) != 1 || recs[0].Login != "bien-tap-q1" || recs[0].UnitID != ward.ID {
				t.Errorf("audit %+v, %v", recs, err)
			}
		})

		t.Run("a cell far from its sibling cells is flagged, and confirming it on the page takes it off the open list", func(t *testing.T) {
			var far *tuyengiao.Unit
			for i, n := range []int{3, 4, 5, 4, 40} {
				cell := a.unit(ward, "Q1P1CB"+id(int64(i+1)), "Chi bộ khu phố "+id(int64(i+1)), "chi_bo")
				for j := range n {
					a.person(cell, "Đảng viên "+id(int64(j+1)), tuyengiao.CategoryMember)
				}
				far = cell
			}
			open := func() (open, confirmed []string) {
				var rep tuyengiao.QualityReport
				editorAPI.get("/api/v1/quality?unit=" + id(ward.ID) + "&period=" + quarter).decode(&rep)
				for _, o := range rep.Outliers {
					open = append(open, o.Unit.Code+" "+o.Indicator.Code)
				}
				for _, o := range rep.Confirmed {
					confirmed = append(confirmed, o.Unit.Code+" "+o.Indicator.Code+" "+o.Confirmation.ConfirmedBy)
				}
				return open, confirmed
			}
			if got, _ := open(); strings.Join(got, ",") != far.Code+" people.member" {
				t.Fatalf("open outliers %v", got)
			}
			page := editor.get("/quality?unit=" + id(ward.ID) + "&period=" + quarter)
			if !strings.Contains(page.body, `action="/quality/confirm"`) || !strings.Contains(page.body, far.Name) {
				t.Errorf("no confirm form on the page: %d %s", page.StatusCode, page.message())
			}
			form := url.Values{"unit_id": {id(far.ID)}, "indicator": {"people.member"}, "period": {quarter}, "value": {"40"},
				"comment": {"Chi bộ cơ quan, đông đảng viên."}, "back": {"unit=" + id(ward.ID) + "&period=" + quarter}}
			res := editor.post("/quality/confirm", form)
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/quality?") {
				t.Fatalf("confirm: %d %s", res.StatusCode, res.message())
			}
			if got, done := open(); len(got) != 0 || strings.Join(done, ",") != far.Code+" people.member bien-tap-q1" {
				t.Errorf("open %v, confirmed %v", got, done)
			}
			if page := editor.get(res.Header.Get("Location")); !strings.Contains(page.body, "Chi bộ cơ quan, đông đảng viên.") {
				t.Errorf("the confirmation is not on the page: %d %s", page.StatusCode, page.message())
			}
		})

		t.Run("a viewer of another district can neither see nor set the district's targets and quality", func(t *testing.T) {
			for _, res := range []*response{
				other.get("/api/v1/quality?unit=" + id(d1.ID)),
				other.get("/api/v1/targets?unit=" + id(d1.ID)),
				other.json("PUT", "/api/v1/targets", map[string]any{"indicator": "people.member", "period": year,
					"targets": []map[string]any{{"unit_id": ward.ID, "value": 1}}}),
				other.json("POST", "/api/v1/quality/confirmations", map[string]any{"unit_id": ward.ID, "indicator": "people.member",
					"period": quarter, "value": 4, "comment": "Thử."}),
			} {
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("%s %s: %d %s", res.Request.Method, res.Request.URL.Path, res.StatusCode, res.body)
				}
			}
		})
	})
}
