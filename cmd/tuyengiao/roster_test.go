package main

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// wardRoster is a ward of 20 cells whose members are on the roster of a conference the ward
// organises: its editor "phuong" takes attendance for the whole ward, "chibo" for the third
// cell.
type wardRoster struct {
	a     *testApp
	ward  *tuyengiao.Unit
	cells []*tuyengiao.Unit
	conf  *tuyengiao.Conference
	names map[int64]string // the members by id
}

// newWardRoster imports members people into the cells of a new ward, in turn.
func newWardRoster(a *testApp, members int) *wardRoster {
	t := a.t
	t.Helper()
	w := &wardRoster{a: a, names: map[int64]string{}}
	district := a.unit(nil, "Q1", "Quận ủy Đông Hải", "quan_uy")
	w.ward = a.unit(district, "P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
	for i := range 20 {
		w.cells = append(w.cells, a.unit(w.ward, fmt.Sprintf("P1CB%02d", i+1), fmt.Sprintf("Chi bộ khu phố %02d", i+1), "chi_bo"))
	}
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"}
	middle := []string{"Văn", "Thị", "Đức", "Minh"}
	given := []string{"An", "Bình", "Dũng", "Đức", "Hà", "Hải", "Hương", "Lan", "Minh", "Nam", "Ngọc", "Thảo", "Trang", "Tuấn", "Anh"}
	var rows []tuyengiao.ImportRow
	for i := range members {
		rows = append(rows, tuyengiao.ImportRow{Row: i + 2, UnitCode: w.cells[i%len(w.cells)].Code,
			FullName:  family[i%len(family)] + " " + middle[i/len(family)%len(middle)] + " " + given[i/7%len(given)],
			BirthYear: 1950 + i%50, Gender: tuyengiao.GenderMale, Category: tuyengiao.CategoryMember})
	}
	res, err := a.db.ImportPeople(a.admin(), tuyengiao.ImportRequest{RootID: w.ward.ID, Rows: rows, Commit: true})
	if err != nil || !res.Committed {
		t.Fatalf("import: %+v, %v", res, err)
	}
	today := a.db.Now().In(vn.Zone)
	camp := &tuyengiao.Campaign{UnitID: w.ward.ID, Title: "Học tập Nghị quyết 35",
		Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 95}},
		StartOn:   tuyengiao.Date{Time: today.AddDate(0, 0, -7)}, EndOn: tuyengiao.Date{Time: today.AddDate(0, 1, 0)}}
	if err := a.db.CreateCampaign(a.admin(), camp); err != nil {
		t.Fatal(err)
	}
	w.conf = &tuyengiao.Conference{CampaignID: camp.ID, UnitID: w.ward.ID, Title: "Hội nghị học tập Nghị quyết 35",
		StartsAt: today.Add(-time.Hour).UTC(), EndsAt: today.Add(time.Hour).UTC(), Form: tuyengiao.FormInPerson}
	if err := a.db.CreateConference(a.admin(), w.conf); err != nil {
		t.Fatal(err)
	}
	roster, err := a.db.Roster(a.admin(), w.conf.ID, w.ward.ID)
	if err != nil || len(roster.Entries) != members {
		t.Fatalf("the roster has %d people, %v", len(roster.Entries), err)
	}
	for _, e := range roster.Entries {
		w.names[e.PersonID] = e.FullName
	}
	a.user("phuong", tuyengiao.RoleEditor, w.ward)
	a.user("chibo", tuyengiao.RoleEditor, w.cells[2])
	return w
}

// path is the roster page of the unit.
func (w *wardRoster) path(u *tuyengiao.Unit) string {
	return fmt.Sprintf("/conferences/%d/roster?unit=%d", w.conf.ID, u.ID)
}

// mark saves a change of the ward's roster as the administrator.
func (w *wardRoster) mark(ch tuyengiao.RosterChange) {
	w.a.t.Helper()
	if _, err := w.a.db.MarkAttendance(w.a.admin(), w.conf.ID, w.ward.ID, ch); err != nil {
		w.a.t.Fatal(err)
	}
}

// present returns the set of the ward's people present.
func (w *wardRoster) present() map[int64]bool {
	w.a.t.Helper()
	roster, err := w.a.db.Roster(w.a.admin(), w.conf.ID, w.ward.ID)
	if err != nil {
		w.a.t.Fatal(err)
	}
	out := map[int64]bool{}
	for _, e := range roster.Entries {
		if e.Present {
			out[e.PersonID] = true
		}
	}
	return out
}

// matching returns the ids of the people whose name holds every word of the search, as the
// page's search folds them.
func (w *wardRoster) matching(search string) map[int64]bool {
	out := map[int64]bool{}
	for id, name := range w.names {
		folded := vn.Fold(name)
		if !slices.ContainsFunc(strings.Fields(vn.Fold(search)), func(word string) bool { return !strings.Contains(folded, word) }) {
			out[id] = true
		}
	}
	return out
}

// rosterRow reads a row of the roster page (its number, the person's id), rosterOption an
// option of its unit selector, sheetRow a row of the printed sheet (number, name, unit).
var (
	rosterRow    = regexp.MustCompile(`<tr><td>(\d+)</td><td><label>(?:<input type="hidden"[^>]*>)?<input type="checkbox" name="present" value="(\d+)"`)
	rosterOption = regexp.MustCompile(`<option value="\d+" ?(?:selected)?>([^<]*)</option>`)
	sheetRow     = regexp.MustCompile(`<tr><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td><td></td></tr>`)
)

// TestRosterOfWard takes a ward's roster of 2.000 members a cell at a time: where it opens
// for each, the cells offered with their counts, the sheet printed for signing and read back
// by its numbers, and a save of the rows changed alone; it logs how long the whole ward's
// page takes and its size, and how long a save of 2.000 rows.
func TestRosterOfWard(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		w := newWardRoster(a, 2000)
		ward, secretary := a.login("phuong"), a.login("chibo")

		t.Run("the ward's editor opens the first cell, with every cell and its counts offered", func(t *testing.T) {
			w.mark(tuyengiao.RosterChange{Present: w.idsOfCell(t, w.cells[0])[:40]})
			res := ward.get(fmt.Sprintf("/conferences/%d/roster", w.conf.ID))
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Điểm danh: Chi bộ khu phố 01") {
				t.Fatalf("roster: %d %s", res.StatusCode, res.message())
			}
			if rows := rosterRow.FindAllStringSubmatch(res.body, -1); len(rows) != 100 || rows[99][1] != "100" {
				t.Fatalf("the cell's page has %d rows", len(rows))
			}
			var options []string
			for _, m := range rosterOption.FindAllStringSubmatch(res.body, -1) {
				options = append(options, m[1])
			}
			if len(options) != 21 || options[0] != "Tất cả: Đảng ủy phường Bình An (40/2.000)" ||
				options[1] != "Chi bộ khu phố 01 (40/100)" || options[20] != "Chi bộ khu phố 20 (0/100)" {
				t.Fatalf("the selector offers %d: %q", len(options), options)
			}
		})
		t.Run("a cell's secretary opens their cell", func(t *testing.T) {
			res := secretary.get(fmt.Sprintf("/conferences/%d/roster", w.conf.ID))
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Điểm danh: Chi bộ khu phố 03") {
				t.Fatalf("roster: %d %s", res.StatusCode, res.message())
			}
		})
		t.Run("the printed sheet numbers the people as the page does, with a column to sign", func(t *testing.T) {
			page := ward.get(w.path(w.cells[1])).body
			res := ward.get(w.path(w.cells[1]) + "&print=1")
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Danh sách ký tên") || !strings.Contains(res.body, ">Ký tên</th>") {
				t.Fatalf("sheet: %d %s", res.StatusCode, res.message())
			}
			rows, sheet := rosterRow.FindAllStringSubmatch(page, -1), sheetRow.FindAllStringSubmatch(res.body, -1)
			if len(sheet) != 100 || len(rows) != len(sheet) {
				t.Fatalf("the sheet has %d rows, the page %d", len(sheet), len(rows))
			}
			for i, r := range rows {
				id, _ := strconv.ParseInt(r[2], 10, 64)
				if s := sheet[i]; s[1] != r[1] || s[2] != w.names[id] || s[3] != "Chi bộ khu phố 02" {
					t.Fatalf("row %s of the page is %s, of the sheet %q", r[1], w.names[id], s[1:])
				}
			}
		})
		t.Run("a save sends the rows changed: the others, shown or not, keep their records", func(t *testing.T) {
			cell := w.idsOfCell(t, w.cells[0])
			before := w.present()
			page := ward.get(w.path(w.cells[0])).body
			// As the page's script sends it: three unticked, two ticked, nothing of the rest.
			f := rosterForm(page)
			f.Del("seen")
			for _, p := range cell[:3] {
				f.Add("seen", id(p))
			}
			f["present"] = []string{id(cell[50]), id(cell[51])}
			if res := ward.post(w.path(w.cells[0]), f); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d %s", res.StatusCode, res.message())
			}
			after := w.present()
			for p := range w.names {
				want := before[p]
				if slices.Contains(cell[:3], p) {
					want = false
				} else if p == cell[50] || p == cell[51] {
					want = true
				}
				if after[p] != want {
					t.Fatalf("%s present %v, want %v", w.names[p], after[p], want)
				}
			}
		})
		t.Run("the whole ward's page and a save of all its rows are quick", func(t *testing.T) {
			start := time.Now()
			res := ward.get(w.path(w.ward))
			took := time.Since(start)
			rows := rosterRow.FindAllStringSubmatch(res.body, -1)
			if res.StatusCode != http.StatusOK || len(rows) != 2000 {
				t.Fatalf("the ward's page: %d, %d rows", res.StatusCode, len(rows))
			}
			t.Logf("the page of a ward of 2.000: %s, %d KiB (%d bytes a row)", took.Round(time.Millisecond), len(res.body)/1024, len(res.body)/2000)
			if len(res.body) > 2000*220 {
				t.Errorf("the page takes %d bytes, %d a row", len(res.body), len(res.body)/2000)
			}
			f := rosterForm(res.body)
			for p := range w.names {
				f.Add("present", id(p))
			}
			start = time.Now()
			if res := ward.post(w.path(w.ward), f); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d %s", res.StatusCode, res.message())
			}
			t.Logf("a save of 2.000 rows ticked: %s", time.Since(start).Round(time.Millisecond))
			if n := len(w.present()); n != 2000 {
				t.Fatalf("%d present after ticking everyone", n)
			}
			f = rosterForm(ward.get(w.path(w.ward)).body) // every row seen ticked, none ticked
			start = time.Now()
			if res := ward.post(w.path(w.ward), f); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d %s", res.StatusCode, res.message())
			}
			t.Logf("a save of 2.000 rows unticked: %s", time.Since(start).Round(time.Millisecond))
			if n := len(w.present()); n != 0 {
				t.Fatalf("%d present after unticking everyone", n)
			}
		})
	})
}

// idsOfCell returns the ids of the cell's people, in roster order.
func (w *wardRoster) idsOfCell(t *testing.T, u *tuyengiao.Unit) []int64 {
	t.Helper()
	roster, err := w.a.db.Roster(w.a.admin(), w.conf.ID, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, e := range roster.Entries {
		ids = append(ids, e.PersonID)
	}
	return ids
}
