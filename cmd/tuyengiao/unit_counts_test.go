package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"tuyengiao"
)

func TestUnitCounts(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		district := a.unit(nil, "Q1", "Quận ủy Đông Hải", "quan_uy")
		ward := a.unit(district, "P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
		closed := a.unit(district, "P9", "Đảng ủy phường Cũ", "dang_uy_phuong")
		other := a.unit(nil, "Q2", "Quận ủy Tây Sơn", "quan_uy")
		for range 2 {
			a.person(district, "Nguyễn Văn An", tuyengiao.CategoryKeyCadre)
		}
		for range 3 {
			a.person(ward, "Trần Thị Bình", tuyengiao.CategoryMember)
		}
		a.person(closed, "Lê Văn Cường", tuyengiao.CategoryMember)
		a.person(other, "Phạm Thị Dung", tuyengiao.CategoryMember)
		if _, err := a.db.CloseUnit(a.admin(), closed.ID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		a.user("xemquan", tuyengiao.RoleViewer, district)
		viewer := a.login("xemquan")

		t.Run("the unit page shows the unit's own people on a line of their own", func(t *testing.T) {
			res := viewer.get("/units/" + unitID(district))
			if !strings.Contains(res.body, `<td class="name">Trực tiếp tại Quận ủy Đông Hải</td><td></td><td class="num" data-label="Tổng số">2</td>`) {
				t.Errorf("no line of the district's own 2 people: %s", res.message())
			}
			if !strings.Contains(res.body, `<b>6</b><span>Tổng số người</span>`) {
				t.Errorf("the district's total is not its own 2, the ward's 3 and the closed ward's 1: %s", res.message())
			}
		})

		t.Run("the tree hides a closed unit but counts its people", func(t *testing.T) {
			res := viewer.get("/units?root=" + unitID(district))
			if strings.Contains(res.body, "Đảng ủy phường Cũ") || !strings.Contains(res.body, `<b>6</b><span>Tổng số người</span>`) {
				t.Errorf("tree without closed units: %s", res.message())
			}
			if res := viewer.get("/units?root=" + unitID(district) + "&closed=1"); !strings.Contains(res.body, "Đảng ủy phường Cũ") {
				t.Errorf("tree with closed units: %s", res.message())
			}
		})

		t.Run("the API gives each unit's own people and its subtree's", func(t *testing.T) {
			var body struct {
				Units []struct {
					Unit       tuyengiao.Unit
					Own, Total map[tuyengiao.Category]int64
				}
			}
			res := a.api("xemquan").get("/api/v1/units/" + unitID(district) + "/counts?depth=1")
			res.decode(&body)
			if res.StatusCode != http.StatusOK || len(body.Units) != 3 {
				t.Fatalf("counts: %d %s", res.StatusCode, res.message())
			}
			top := body.Units[0]
			if top.Unit.ID != district.ID || top.Own[tuyengiao.CategoryKeyCadre] != 2 || top.Own[tuyengiao.CategoryMember] != 0 ||
				top.Total[tuyengiao.CategoryMember] != 4 {
				t.Errorf("the district's line: %+v", top)
			}
		})

		t.Run("a viewer of one district cannot read another's counts", func(t *testing.T) {
			if res := viewer.get("/units/" + unitID(other)); res.StatusCode != http.StatusForbidden {
				t.Errorf("unit page of another district: %d", res.StatusCode)
			}
			if res := a.api("xemquan").get("/api/v1/units/" + unitID(other) + "/counts"); res.StatusCode != http.StatusForbidden {
				t.Errorf("counts of another district: %d %s", res.StatusCode, res.message())
			}
		})
	})
}
