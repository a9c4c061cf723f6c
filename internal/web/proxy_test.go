package web

import (
	"crypto/tls"
	"net/http/httptest"
	"testing"
)

func TestClient(t *testing.T) {
	proxies, err := ParseTrustedProxies("127.0.0.1, 10.0.0.0/8 ::1")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{TrustedProxies: proxies}
	for _, c := range []struct {
		name, peer string
		forwarded  []string
		proto      string
		address    string
		https      bool
	}{
		{"a client that is no proxy is believed only about itself", "203.0.113.5:4000", []string{"198.51.100.1"}, "https", "203.0.113.5", false},
		{"behind a trusted proxy the client is the address it forwards", "127.0.0.1:4000", []string{"203.0.113.9"}, "https", "203.0.113.9", true},
		{"an address the client wrote itself, left of the proxy's, is not believed", "127.0.0.1:4000", []string{"6.6.6.6, 203.0.113.9"}, "", "203.0.113.9", false},
		{"the same over several header lines", "127.0.0.1:4000", []string{"6.6.6.6", "203.0.113.9"}, "http", "203.0.113.9", false},
		{"trusted proxies in a chain are passed over", "127.0.0.1:4000", []string{"203.0.113.9, 10.1.2.3"}, "https", "203.0.113.9", true},
		{"a malformed hop stops at the proxy that passed it on", "127.0.0.1:4000", []string{"203.0.113.9, bogus"}, "", "127.0.0.1", false},
		{"an IPv6 client with a port is read", "[::1]:4000", []string{"[2001:db8::1]:4711"}, "HTTPS", "2001:db8::1", true},
		{"a trusted proxy without the header is the client", "127.0.0.1:4000", nil, "", "127.0.0.1", false},
		// What the README warns of: list the proxies' own addresses, not a range holding clients.
		{"a client inside a trusted range is believed like a proxy, local host included", "10.9.9.9:4000", []string{"127.0.0.1"}, "", "127.0.0.1", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = c.peer
			for _, f := range c.forwarded {
				r.Header.Add("X-Forwarded-For", f)
			}
			if c.proto != "" {
				r.Header.Set("X-Forwarded-Proto", c.proto)
			}
			if address, https := s.client(r); address != c.address || https != c.https {
				t.Fatalf("client = %q, https %v; want %q, %v", address, https, c.address, c.https)
			}
		})
	}
	t.Run("a TLS connection is HTTPS without any proxy", func(t *testing.T) {
		r := httptest.NewRequest("GET", "/", nil)
		r.TLS = &tls.ConnectionState{}
		if _, https := (&Server{}).client(r); !https {
			t.Fatal("not HTTPS")
		}
	})
	t.Run("a setting that is no address or range is refused", func(t *testing.T) {
		if _, err := ParseTrustedProxies("127.0.0.1, proxy.local"); err == nil {
			t.Fatal("accepted")
		}
	})
}
