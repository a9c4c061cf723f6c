package web

import "testing"

// TestAcceptsGzip follows the weights of Accept-Encoding: gzip refused with q=0 is not sent.
func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"": false, "gzip": true, "gzip, deflate, br, zstd": true, "br;q=1.0, gzip;q=0.8": true,
		"GZIP": true, "*": true, "gzip;q=0": false, "identity": false, "br, gzip;q=0.0": false, "deflate": false,
		"*;q=0, gzip": true, "gzip;q=0, *": false,
	} {
		if got := acceptsGzip(header); got != want {
			t.Errorf("Accept-Encoding %q: gzip %v, want %v", header, got, want)
		}
	}
}
