package main

import (
	"bytes"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// figureCells returns the texts of the value cells of the figures table of a page, in order,
// the small "x/y" of a rate left out.
func figureCells(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<td class="num"[^>]*>(.*?)</td>`).FindAllStringSubmatch(page, -1) {
		cell, _, _ := strings.Cut(m[1], "<br>")
		out = append(out, html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(cell, "")))
	}
	return out
}

// hrefTo returns the first link of page whose address starts with prefix, unescaped.
func hrefTo(t *testing.T, page, prefix string) string {
	t.Helper()
	m := regexp.MustCompile(`href="(` + regexp.QuoteMeta(prefix) + `[^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no link to %s in the page", prefix)
	}
	return html.UnescapeString(m[1])
}

func TestFigurePages(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
		d1 := a.unit(city, "Q1", "Quận ủy 1", "quan_uy")
		w1 := a.unit(d1, "Q1P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
		c1 := a.unit(w1, "Q1P1C1", "Chi bộ khu phố 1", "chi_bo")
		w2 := a.unit(d1, "Q1P2", "Đảng ủy phường Hòa Bình", "dang_uy_phuong")
		d2 := a.unit(city, "Q2", "Quận ủy 2", "quan_uy")
		a.person(d1, "Trần Văn Bí Thư", tuyengiao.CategoryKeyCadre)
		a.person(w1, "Lê Thị Một", tuyengiao.CategoryMember)
		a.person(c1, "Phạm Văn Hai", tuyengiao.CategoryMember)
		a.person(c1, "Ngô Thị Ba", tuyengiao.CategoryMember)
		a.person(w2, "Đỗ Văn Bốn", tuyengiao.CategoryMember)
		a.person(d2, "Vũ Thị Năm", tuyengiao.CategoryMember)
		a.user("xem.q1", tuyengiao.RoleViewer, d1)
		page, api := a.login("xem.q1"), a.api("xem.q1")
		half := tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, tuyengiao.Date{Time: a.db.Now().In(vn.Zone)})
		ask := "unit=" + id(d1.ID) + "&indicator=people.member&indicator=people.key_cadre&period=" + half.String() + "&period=" + half.YearBefore().String()

		var table tuyengiao.FigureTable
		res := api.get("/api/v1/figures?" + ask)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("api: %d %s", res.StatusCode, res.body)
		}
		res.decode(&table)
		shown := page.get("/figures?" + ask)
		if shown.StatusCode != http.StatusOK {
			t.Fatalf("page: %d %s", shown.StatusCode, shown.message())
		}

		t.Run("the API rolls up a unit's subtree, with the unit's own line", func(t *testing.T) {
			var names []string
			for _, u := range table.Units {
				names = append(names, u.Label())
			}
			want := []string{"Quận ủy 1", "Quận ủy 1: " + tuyengiao.OwnLineLabel, "Đảng ủy phường Bình An", "Đảng ủy phường Hòa Bình"}
			if strings.Join(names, "|") != strings.Join(want, "|") {
				t.Fatalf("rows %q, want %q", names, want)
			}
			if v := table.Value(0, 0, 0); v.Num != 4 {
				t.Errorf("members of the district: %d, want 4", v.Num)
			}
			if v := table.Value(2, 0, 0); v.Num != 3 {
				t.Errorf("members of the ward with a cell: %d, want 3", v.Num)
			}
			if v := table.Value(1, 1, 0); v.Num != 1 {
				t.Errorf("key cadres at the district itself: %d, want 1", v.Num)
			}
		})

		t.Run("the table page shows the API's numbers, says what they count and as of when", func(t *testing.T) {
			var want []string
			for u := range table.Units {
				for i := range table.Indicators {
					for p := range table.Periods {
						want = append(want, vn.Int(table.Value(u, i, p).Num))
					}
				}
			}
			if got := figureCells(shown.body); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("page cells %q, want %q", got, want)
			}
			for _, s := range []string{"Số liệu tính đến", "Đơn vị tính: người", tuyengiao.OwnLineLabel, half.Label(), half.YearBefore().Label()} {
				if !strings.Contains(shown.body, s) {
					t.Errorf("the page does not say %q", s)
				}
			}
			if !strings.Contains(shown.body, `href="/people?root=`+id(w1.ID)+`&amp;category=member"`) {
				t.Error("a value does not link to the records behind it")
			}
		})

		t.Run("a unit with units below opens the same table one level down", func(t *testing.T) {
			down := hrefTo(t, shown.body, "/figures?depth=")
			if !strings.Contains(down, "unit="+id(w1.ID)) || !strings.Contains(down, "period="+half.String()) || !strings.Contains(down, "indicator=people.key_cadre") {
				t.Fatalf("drill-down %q", down)
			}
			res := page.get(down)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Bảng số liệu: Đảng ủy phường Bình An") || !strings.Contains(res.body, "Chi bộ khu phố 1") {
				t.Fatalf("one level down: %d %s", res.StatusCode, res.message())
			}
			if strings.Contains(res.body, "Đảng ủy phường Hòa Bình") {
				t.Error("one level down still lists a sibling of the unit")
			}
		})

		t.Run("the export opens as a spreadsheet with the same numbers", func(t *testing.T) {
			res := page.get(hrefTo(t, shown.body, "/figures/export.xlsx"))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("export: %d %s", res.StatusCode, res.message())
			}
			f, err := excelize.OpenReader(bytes.NewReader([]byte(res.body)))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(table.Units)+1 {
				t.Fatalf("%d rows for %d units", len(rows), len(table.Units))
			}
			if !strings.Contains(rows[0][2], "Số đảng viên") || !strings.Contains(rows[0][2], half.Label()) {
				t.Errorf("header %q does not name the indicator and period", rows[0][2])
			}
			for u, unit := range table.Units {
				row := rows[u+1]
				if row[1] != unit.Label() {
					t.Errorf("row %d is %q, want %q", u+1, row[1], unit.Label())
				}
				for i := range table.Indicators {
					for p := range table.Periods {
						cell := row[2+i*len(table.Periods)+p]
						if cell != strconv.FormatInt(table.Value(u, i, p).Num, 10) {
							t.Errorf("row %q column %d: %s, want %d", unit.Label(), 2+i*len(table.Periods)+p, cell, table.Value(u, i, p).Num)
						}
					}
				}
			}
		})

		t.Run("the dashboard shows the key figures with their change and SVG charts", func(t *testing.T) {
			res := page.get("/dashboard?unit=" + id(d1.ID) + "&period=" + half.String())
			if res.StatusCode != http.StatusOK {
				t.Fatalf("dashboard: %d %s", res.StatusCode, res.message())
			}
			// The units below by the first key figure and by the first rate, and the
			// attendances (a flow) over the months.
			if n := strings.Count(res.body, "<svg"); n != 3 || !strings.Contains(res.body, "theo đơn vị trực thuộc") {
				t.Errorf("%d charts, want the units below by a figure and by a rate, and the months", n)
			}
			if strings.Contains(res.body, `style="`) {
				t.Error("a chart has inline styles, which the Content-Security-Policy blocks")
			}
			for _, s := range []string{"Số đảng viên trong danh sách", "<b>4</b>", "so với kỳ trước", "so với cùng kỳ", "Đảng ủy phường Bình An"} {
				if !strings.Contains(res.body, s) {
					t.Errorf("the dashboard lacks %q", s)
				}
			}
			// People registered today were not there in the periods before.
			if !strings.Contains(html.UnescapeString(res.body), `class="delta up">+4 <span class="muted">so với kỳ trước`) {
				t.Error("the dashboard does not show the change of the members against the period before")
			}
		})

		t.Run("staff reach the dashboard from their home page", func(t *testing.T) {
			if home := page.get("/"); !strings.Contains(home.body, `href="/dashboard?unit=`+id(d1.ID)+`"`) {
				t.Error("no link to the dashboard on the home page")
			}
		})

		t.Run("a unit is picked by its code", func(t *testing.T) {
			res := page.get("/figures?unit_code=Q1P1&period=" + half.String())
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Bảng số liệu: Đảng ủy phường Bình An") {
				t.Errorf("by code: %d %s", res.StatusCode, res.message())
			}
			if res := page.get("/dashboard?unit_code=Q2"); res.StatusCode == http.StatusOK || strings.Contains(res.body, "Vũ Thị Năm") {
				t.Errorf("another district by code: %d", res.StatusCode)
			}
		})

		t.Run("a viewer of one district cannot see another's figures", func(t *testing.T) {
			other := "unit=" + id(d2.ID) + "&period=" + half.String()
			for _, res := range []*response{page.get("/figures?" + other), page.get("/figures/export.xlsx?" + other),
				page.get("/dashboard?" + other), api.get("/api/v1/figures?" + other)} {
				if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
					t.Errorf("%s: %d, want a refusal", res.Request.URL, res.StatusCode)
				}
				if strings.Contains(res.body, "Vũ Thị Năm") || strings.Contains(res.body, "Quận ủy 2") {
					t.Errorf("%s shows the other district", res.Request.URL)
				}
			}
		})

		t.Run("a bad period is refused naming the field", func(t *testing.T) {
			res := api.get("/api/v1/figures?unit=" + id(d1.ID) + "&period=2026-H3")
			if res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `"field":"period"`) {
				t.Errorf("bad period: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("the period picker builds the period and its comparisons", func(t *testing.T) {
			res := page.get("/figures?unit=" + id(d1.ID) + "&kind=quarter&year=2026&n=2&prev=1&yoy=1")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("picker: %d %s", res.StatusCode, res.message())
			}
			for _, label := range []string{"Quý II/2026", "Quý I/2026", "Quý II/2025"} {
				if !strings.Contains(res.body, `<th class="num period">`+label+`</th>`) {
					t.Errorf("no column of %s", label)
				}
			}
			if res := page.get("/figures?unit=" + id(d1.ID) + "&kind=quarter&year=2026&n=5"); res.StatusCode != http.StatusUnprocessableEntity ||
				!strings.Contains(res.body, "Quý phải có số thứ tự từ 1 đến 4") {
				t.Errorf("quarter 5: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("the licence of the charts' font is shipped", func(t *testing.T) {
			if res := a.anonymous().get("/licenses"); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "SIL OPEN FONT LICENSE") {
				t.Errorf("licences: %d %.200s", res.StatusCode, res.body)
			}
		})

		t.Run("the catalogue and the periods are listed", func(t *testing.T) {
			var inds struct{ Items []tuyengiao.Indicator }
			api.get("/api/v1/indicators").decode(&inds)
			if len(inds.Items) == 0 || inds.Items[0].Measure == "" {
				t.Errorf("catalogue %+v", inds)
			}
			var periods struct {
				Items []struct{ Code, Label string }
			}
			api.get("/api/v1/periods?kind=half&year=2026").decode(&periods)
			if len(periods.Items) != 2 || periods.Items[0].Code != "2026-H1" || periods.Items[0].Label != "6 tháng đầu năm 2026" {
				t.Errorf("halves of 2026: %+v", periods.Items)
			}
		})
	})
}
