package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"unicode"
)

// clientAddress returns the address of the client, for the audit log, the login limits and
// /metrics (see Server.client).
func clientAddress(r *http.Request) string { return info(r).address }

// isHTTPS tells whether the client reached the service over HTTPS, itself or through a
// trusted proxy: session cookies are then marked Secure.
func isHTTPS(r *http.Request) bool { return info(r).https }

// client returns the address of the client of r and whether it came over HTTPS. They are the
// connection's peer and TLS, unless the peer is a trusted proxy: then the address is the
// right-most one of X-Forwarded-For that is not itself a trusted proxy (those to its left
// were written by the client and prove nothing) and the scheme is the last of
// X-Forwarded-Proto. A malformed hop ends the walk at the proxy that passed it on.
func (s *Server) client(r *http.Request) (address string, https bool) {
	address, https = r.RemoteAddr, r.TLS != nil
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		address = host
	}
	if !s.trustedProxy(address) {
		return address, https
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, ok := hopAddress(hops[i])
		if !ok {
			break
		}
		address = hop
		if !s.trustedProxy(hop) {
			break
		}
	}
	if protos := r.Header.Values("X-Forwarded-Proto"); len(protos) > 0 {
		last := protos[len(protos)-1]
		https = strings.EqualFold(strings.TrimSpace(last[strings.LastIndex(last, ",")+1:]), "https")
	}
	return address, https
}

// hopAddress reads one entry of X-Forwarded-For: an IP address, possibly with a port.
func hopAddress(hop string) (string, bool) {
	hop = strings.TrimSpace(hop)
	if a, err := netip.ParseAddr(hop); err == nil {
		return a.Unmap().String(), true
	}
	if ap, err := netip.ParseAddrPort(hop); err == nil {
		return ap.Addr().Unmap().String(), true
	}
	return "", false
}

// trustedProxy tells whether address is one of the trusted proxies.
func (s *Server) trustedProxy(address string) bool {
	a, err := netip.ParseAddr(address)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range s.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ParseTrustedProxies reads the setting of trusted proxies: IP addresses or CIDR ranges,
// separated by commas or spaces ("127.0.0.1, 10.0.0.5"). An empty setting trusts none. A
// range must hold proxies only: any client in it may write X-Forwarded-For and be believed.
func ParseTrustedProxies(setting string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(setting, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
		} else if a, err := netip.ParseAddr(f); err == nil {
			a = a.Unmap()
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
		} else {
			return nil, fmt.Errorf("trusted proxy %q is neither an IP address nor a CIDR range", f)
		}
	}
	return out, nil
}
