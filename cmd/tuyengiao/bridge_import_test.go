package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// sheetRows reads the rows of a sheet of an XLSX, as cells to write again (xlsxOf).
func sheetRows(t *testing.T, content []byte, sheet string) [][]any {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]any, len(rows))
	for i, row := range rows {
		for _, cell := range row {
			out[i] = append(out[i], cell)
		}
	}
	return out
}

func TestBridgePointImport(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		district := a.unit(nil, "Q1", "Quận ủy Đông Hải", "quan_uy")
		ward := a.unit(district, "P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
		cellA := a.unit(ward, "P1CB1", "Chi bộ khu phố 1", "chi_bo")
		a.unit(ward, "P1CB2", "Chi bộ khu phố 2", "chi_bo")
		a.unit(ward, "P1CB3", "Chi bộ khu phố 3", "chi_bo")
		other := a.unit(district, "P2", "Đảng ủy phường Tân Lập", "dang_uy_phuong")
		a.unit(nil, "Q9", "Quận ủy khác", "quan_uy")
		presenter := a.person(cellA, "Nguyễn Thị Báo Cáo", tuyengiao.CategoryKeyCadre)
		a.person(other, "Nguyễn Văn Bên Cạnh", tuyengiao.CategoryKeyCadre)
		a.user("banquan", tuyengiao.RoleEditor, district)
		a.user("capphuong", tuyengiao.RoleEditor, ward)
		staff, wardStaff := a.login("banquan"), a.login("capphuong")
		today := a.db.Now().In(vn.Zone)

		res := staff.post("/campaigns", url.Values{"unit_id": {unitID(district)}, "title": {"Học tập Nghị quyết"},
			"start_on": {vn.Date(today.AddDate(0, 0, -7))}, "end_on": {vn.Date(today.AddDate(0, 1, 0))},
			"audiences": {"member", "masses"}, "headcount_masses": {"1"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create campaign: %d %s", res.StatusCode, res.message())
		}
		campID := strings.TrimPrefix(location(res), "/campaigns/")
		res = staff.post("/conferences", url.Values{"campaign_id": {campID}, "unit_id": {unitID(ward)}, "title": {"Hội nghị quán triệt"},
			"day": {vn.Date(today)}, "from": {"08:00"}, "to": {"10:00"}, "form": {"both"}, "presenters": {id(presenter.ID)},
			"bridge_points": {"P1CB1; Nhà văn hóa khu phố 1; 4; 100\nP1CB2; Nhà văn hóa khu phố 2; 1; 60"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create conference: %d %s", res.StatusCode, res.message())
		}
		confPath := location(res)
		confID := mustID(t, confPath)
		points := func() []tuyengiao.BridgePoint {
			c, err := a.db.FindConferenceByID(a.admin(), confID)
			if err != nil {
				t.Fatal(err)
			}
			return c.BridgePoints
		}

		var template [][]any
		t.Run("the template holds the conference's bridge points under the campaign's audiences", func(t *testing.T) {
			if res := staff.get(confPath + "/edit"); !strings.Contains(res.body, `href="`+confPath+`/bridge-points/import"`) {
				t.Errorf("the edit form does not link the import: %s", res.message())
			}
			res := staff.get(confPath + "/bridge-points.xlsx")
			if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
				t.Fatalf("template: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
			}
			template = sheetRows(t, []byte(res.body), "Điểm cầu")
			want := [][]any{{"Mã đơn vị", "Tên đơn vị", "Địa điểm", "Đảng viên", "Quần chúng"},
				{"P1CB1", "Chi bộ khu phố 1", "Nhà văn hóa khu phố 1", "4", "100"},
				{"P1CB2", "Chi bộ khu phố 2", "Nhà văn hóa khu phố 2", "1", "60"}}
			if len(template) != len(want) {
				t.Fatalf("template rows %q", template)
			}
			for i := range want {
				if fmt.Sprint(template[i]) != fmt.Sprint(want[i]) {
					t.Errorf("template row %d: %q, want %q", i+1, template[i], want[i])
				}
			}
		})

		t.Run("a file with bad rows lists every one by row and column, and changes nothing", func(t *testing.T) {
			rows := append(append([][]any{}, template...),
				[]any{"KHONG-CO", "", "Hội trường", 3, 10},
				[]any{"p1cb1", "", "Lặp lại", 1, 1},
				[]any{"P1CB3", "", "Nhà văn hóa khu phố 3", "ba", 10},
				[]any{"Q9", "", "Ngoài quận", 1, 1})
			res := staff.upload(confPath+"/bridge-points/import", nil, "diem-cau.xlsx", sheetXLSX(t, rows...))
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("bad file: %d %s", res.StatusCode, res.message())
			}
			for _, want := range []string{
				`<td class="num" data-label="Dòng">4</td><td data-label="Cột">Mã đơn vị</td><td data-label="Lỗi">Dòng 4: không tìm thấy đơn vị mã &#34;KHONG-CO&#34;.</td>`,
				`<td class="num" data-label="Dòng">5</td><td data-label="Cột">Mã đơn vị</td><td data-label="Lỗi">Dòng 5: đơn vị P1CB1 đã có điểm cầu ở dòng 2.</td>`,
				`<td class="num" data-label="Dòng">6</td><td data-label="Cột">Đảng viên</td>`,
				`<td class="num" data-label="Dòng">7</td><td data-label="Cột">Mã đơn vị</td>`,
			} {
				if !strings.Contains(res.body, want) {
					t.Errorf("the preview lacks %s", want)
				}
			}
			if strings.Contains(res.body, "/commit") {
				t.Error("a file with bad rows can be written")
			}
			if p := points(); len(p) != 2 {
				t.Errorf("after a bad file the conference has %d bridge points", len(p))
			}
		})

		t.Run("a good file replaces every bridge point, keeping nothing it leaves out", func(t *testing.T) {
			rows := [][]any{template[0], {"P1CB2", "", "Nhà văn hóa mới", 2, "1.500"}, {"P1CB3", "", "Nhà văn hóa khu phố 3", 5, ""}}
			res := staff.upload(confPath+"/bridge-points/import", nil, "diem-cau.xlsx", sheetXLSX(t, rows...))
			commit := regexp.MustCompile(`action="(` + confPath + `/bridge-points/import/\d+/commit)"`).FindStringSubmatch(res.body)
			if res.StatusCode != http.StatusOK || commit == nil || !strings.Contains(res.body, "Nhà văn hóa mới") || !strings.Contains(res.body, "1.500") {
				t.Fatalf("good file: %d %s", res.StatusCode, res.message())
			}
			if p := points(); len(p) != 2 || p[0].UnitCode != "P1CB1" {
				t.Errorf("the preview changed the bridge points: %+v", p)
			}
			res = staff.post(commit[1], nil)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != confPath+"?ok=imported" {
				t.Fatalf("commit: %d %s", res.StatusCode, res.message())
			}
			p := points()
			if len(p) != 2 || p[0].UnitCode != "P1CB2" || p[0].Place != "Nhà văn hóa mới" || p[0].Expected[tuyengiao.CategoryMasses] != 1500 ||
				p[1].UnitCode != "P1CB3" || p[1].Expected[tuyengiao.CategoryMember] != 5 {
				t.Errorf("after the commit: %+v", p)
			}
		})

		t.Run("only an editor of the organiser imports", func(t *testing.T) {
			a.user("capphuongkhac", tuyengiao.RoleEditor, other)
			if res := a.login("capphuongkhac").get(confPath + "/bridge-points/import"); res.StatusCode != http.StatusForbidden {
				t.Errorf("an editor of another ward: %d", res.StatusCode)
			}
		})

		t.Run("presenters are found by name among the people the editor may see", func(t *testing.T) {
			suggest := func(c *client, q string) []string {
				res := c.get("/people/suggest?q=" + url.QueryEscape(q))
				var body struct{ Items []struct{ Label string } }
				if err := json.Unmarshal([]byte(res.body), &body); err != nil || res.StatusCode != http.StatusOK {
					t.Fatalf("suggest %q: %d %s", q, res.StatusCode, res.body)
				}
				var labels []string
				for _, it := range body.Items {
					labels = append(labels, it.Label)
				}
				return labels
			}
			want := "Nguyễn Thị Báo Cáo – Chi bộ khu phố 1 (" + id(presenter.ID) + ")"
			if got := suggest(staff, "nguyen"); len(got) != 2 || !strings.Contains(strings.Join(got, ";"), want) {
				t.Errorf("the district's editor finds %q", got)
			}
			if got := suggest(wardStaff, "nguyen"); len(got) != 1 || got[0] != want {
				t.Errorf("the ward's editor finds %q, not only the ward's own", got)
			}
			if got := suggest(wardStaff, "n"); len(got) != 0 {
				t.Errorf("one letter finds %q", got)
			}
			res := staff.get(confPath + "/edit")
			for _, want := range []string{`id="presenter-search"`, "Nguyễn Thị Báo Cáo (" + id(presenter.ID) + ")"} {
				if !strings.Contains(res.body, want) {
					t.Errorf("the form lacks %s", want)
				}
			}
			src := regexp.MustCompile(`<script src="(/static/presenters\.[0-9a-f]{10}\.js)" defer>`).FindStringSubmatch(res.body)
			if src == nil {
				t.Fatal("the form links no script of presenters under its hashed name")
			}
			if res := staff.get(src[1]); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "/people/suggest") ||
				res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
				t.Errorf("the script: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
			}
		})
	})
}
