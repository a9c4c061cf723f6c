package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"tuyengiao"
)

// TestEveryTextHasEnglish fails when a text of the interface has no English translation, so
// that the English locale never shows half the page in Vietnamese.
func TestEveryTextHasEnglish(t *testing.T) {
	literal := regexp.MustCompile(`\.T "([^"]+)"`)
	names, _ := fs.Glob(templateFS, "templates/*.html")
	parts, _ := fs.Glob(templateFS, "templates/parts/*.html")
	names = append(names, parts...)
	var texts []string
	for _, n := range names {
		b, _ := fs.ReadFile(templateFS, n)
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			texts = append(texts, m[1])
		}
	}
	// Page titles are translated by the layout.
	title := regexp.MustCompile(`Title: +"([^"]+)"`)
	sources, _ := filepath.Glob("*.go")
	for _, n := range sources {
		b, _ := os.ReadFile(n)
		for _, m := range title.FindAllStringSubmatch(string(b), -1) {
			texts = append(texts, m[1])
		}
	}
	for _, m := range []map[string]string{flashes, groupNames, reportActions} {
		for _, v := range m {
			texts = append(texts, v)
		}
	}
	texts = append(texts, "Điều hướng") // the menu's name
	for _, m := range menu {
		texts = append(texts, m.label)
	}
	for _, v := range roleNames {
		texts = append(texts, v)
	}
	texts = append(texts, tuyengiao.ExceededNote)
	for _, c := range tuyengiao.Categories {
		texts = append(texts, c.Name())
	}
	for _, s := range []tuyengiao.PersonStatus{tuyengiao.StatusActive, tuyengiao.StatusMovedOut, tuyengiao.StatusDeceased} {
		texts = append(texts, s.Name())
	}
	for _, s := range texts {
		if _, ok := english[s]; !ok {
			t.Errorf("no English for %q", s)
		}
	}
}
