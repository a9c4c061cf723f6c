package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryAuditActionHasAName fails when an action the services record (a refusal of an
// action of access.go, or an action an audit record is written under) has no Vietnamese
// name or no English one, or lies in no area of the audit page's filter.
func TestEveryAuditActionHasAName(t *testing.T) {
	written := regexp.MustCompile(`(?:Action: *|action(?:, \w+)? :?= )"([a-z_]+\.[a-z_.]+)"|Action += "([a-z_]+\.[a-z_]+)"`)
	sources, _ := filepath.Glob("../sqldb/*.go")
	sources = append(sources, "../../access.go")
	actions := map[string]bool{}
	for _, n := range sources {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(n)
		for _, m := range written.FindAllStringSubmatch(string(b), -1) {
			if a := m[1] + m[2]; !strings.HasSuffix(a, ".") {
				actions[a] = true
			}
		}
	}
	// Made of a prefix and a verb (grantAction, linkRecord).
	for _, a := range []string{"account.grant", "account.revoke", "essay.access.grant", "essay.access.revoke",
		"essay.access.link", "essay.access.unlink", "essay.access.password"} {
		actions[a] = true
	}
	if len(actions) < 60 {
		t.Fatalf("only %d actions found: %v", len(actions), actions)
	}
	for a := range actions {
		name, ok := auditActions[a]
		if !ok {
			t.Errorf("no name for %q", a)
		} else if _, ok := english[name]; !ok {
			t.Errorf("no English for %q (%s)", name, a)
		}
		area := ""
		for _, g := range auditGroups {
			for _, prefix := range strings.Split(auditAreas[g.Value], ",") {
				if strings.HasPrefix(a, prefix) {
					area = g.Value
				}
			}
		}
		if area == "" {
			t.Errorf("%q lies in no area of the filter", a)
		}
	}
	for _, g := range auditGroups {
		if _, ok := english[g.Label]; !ok {
			t.Errorf("no English for the area %q", g.Label)
		}
	}
	for _, m := range []map[string]string{auditLabels, auditValues} {
		for _, v := range m {
			if _, ok := english[v]; !ok {
				t.Errorf("no English for %q", v)
			}
		}
	}
}

func TestAuditDetail(t *testing.T) {
	for detail, want := range map[string]string{
		"category=member status= query=false offset=0 limit=2000 returned=41 total=1500": "Đối tượng: Đảng viên|Số dòng trả về: 41|Tổng số: 1.500",
		"from=2026-12-01 to=2026-12-31 offset=50 limit=50 returned=50 total=371":         "Từ: 01/12/2026|Đến: 31/12/2026|Bỏ qua: 50|Số dòng trả về: 50|Tổng số: 371",
		"status=deceased on=2026-12-01 back-dated":                                       "Trạng thái: Đã từ trần|Ngày: 01/12/2026|ghi lùi ngày",
		"status: graded; revision: 1; level: Tốt":                                        "Trạng thái: Đã chấm|Lần nộp: 1|Xếp loại: Tốt",
		"200-KH/TU implements 05-CT/TW (document:2)":                                     "200-KH/TU implements 05-CT/TW (document:2)",
		"": "",
	} {
		var got []string
		for _, p := range auditDetail(detail) {
			if p.Label != "" {
				got = append(got, p.Label+": "+p.Value)
			} else {
				got = append(got, p.Value)
			}
		}
		if g := strings.Join(got, "|"); g != want {
			t.Errorf("%q: got %q, want %q", detail, g, want)
		}
	}
}
