package web

import "testing"

// TestPagesParse fails when a template does not parse, or calls a function the page set
// lacks, before any page is served.
func TestPagesParse(t *testing.T) {
	ps := mustParsePages()
	for _, name := range []string{"login", "home", "units", "unit", "people", "person", "import", "accounts", "audit", "documents", "document"} {
		if ps.byName[name] == nil {
			t.Errorf("no page %q", name)
		}
	}
}
