package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"tuyengiao"
)

// TestPagesParse fails when a template does not parse, or calls a function the page set
// lacks, before any page is served.
func TestPagesParse(t *testing.T) {
	ps := mustParsePages()
	for _, name := range []string{"login", "home", "units", "unit", "people", "person", "import", "accounts", "audit", "documents", "document"} {
		if ps.page("vi", name) == nil {
			t.Errorf("no page %q", name)
		}
	}
}

// BenchmarkCheckinPage measures rendering the page a QR check-in answers with, the busiest
// page of a conference, in each language.
func BenchmarkCheckinPage(b *testing.B) {
	s := &Server{pages: mustParsePages()}
	at := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	conf := &tuyengiao.Conference{ID: 7, UnitName: "Đảng ủy phường Bến Nghé", StartsAt: at, EndsAt: at.Add(2 * time.Hour), Form: tuyengiao.FormBoth}
	conf.Title = "Hội nghị học tập Nghị quyết 35" // not a page's title, which must have English
	d := &checkinData{Conference: conf, Code: "x", Entry: &tuyengiao.RosterEntry{FullName: "Nguyễn Văn An", Present: true, RecordedAt: at}}
	member := &tuyengiao.Principal{Login: "an", Name: "Nguyễn Văn An", PersonID: 3}
	for _, lang := range []string{"vi", "en"} {
		b.Run(lang, func(b *testing.B) {
			r := httptest.NewRequest("POST", "/checkin/7", nil).WithContext(tuyengiao.NewContext(context.Background(), member))
			r.AddCookie(&http.Cookie{Name: "lang", Value: lang})
			for b.Loop() {
				w := httptest.NewRecorder()
				if err := s.render(w, r, "member_checkin", &page{Title: "Điểm danh", Nav: "study", Data: d, Flash: "Đã điểm danh."}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMenu checks the layout's menu as each kind of user sees it: a member the study page
// among the links a member's role allows, staff the links of their roles, each in its
// language, with the page's section marked.
func TestMenu(t *testing.T) {
	member := &tuyengiao.Principal{PersonID: 3, Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleMember, UnitPath: "/1/2/"}}}
	admin := &tuyengiao.Principal{Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleUnitAdmin, UnitPath: "/1/"}}}
	for _, c := range []struct {
		name       string
		p          *page
		has, hasNo []string
	}{
		{"a member on the study page", &page{Lang: "vi", Nav: "study", Principal: member},
			[]string{`<nav class="nav" aria-label="Điều hướng">`, `<a href="/me/study" aria-current="page">Học tập của tôi</a>`, `<a href="/figures">Số liệu</a>`},
			[]string{`href="/people"`, `href="/accounts"`, `href="/audit"`, `href="/reports"`}},
		{"a unit administrator, in English", &page{Lang: "en", Nav: "people", Principal: admin},
			[]string{`aria-label="Navigation"`, `<a href="/people" aria-current="page">People</a>`, `href="/accounts"`, `href="/audit"`},
			[]string{`href="/me/study"`, `aria-current="page">Home`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			menu := string(c.p.Menu())
			for _, s := range c.has {
				if !strings.Contains(menu, s) {
					t.Errorf("no %s in %s", s, menu)
				}
			}
			for _, s := range c.hasNo {
				if strings.Contains(menu, s) {
					t.Errorf("%s in %s", s, menu)
				}
			}
		})
	}
}
