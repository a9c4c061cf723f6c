package web

import "testing"

func TestSafeNext(t *testing.T) {
	for next, want := range map[string]string{
		"/units?root=1": "/units?root=1", "/": "/", "": "/", "units": "/", "/\t/evil.com": "/", "/\r\n/evil.com": "/",
		"/\\evil.com": "/", "//evil.com": "/", "/%2F%2Fevil.com": "/", "http://evil.com": "/", "/a b": "/",
	} {
		if got := safeNext(next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
	}
}
