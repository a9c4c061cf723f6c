// Package web serves tuyengiao over HTTP: server-rendered pages in Vietnamese (English as a
// second locale) and the JSON API under /api/v1. Both call the same services; access is
// decided by the services through tuyengiao.Authorize, never by a handler.
package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"
	"unicode"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// Limits on request bodies.
const (
	maxFormBytes   = 1 << 20  // an ordinary form or JSON body
	maxUploadBytes = 10 << 20 // a spreadsheet upload
	// maxConferenceBytes takes a conference with the most bridge points a conference holds,
	// 20.000 (tuyengiao.Conference.Validate), at about 150 bytes each.
	maxConferenceBytes = 4 << 20
)

// Server holds the services the handlers call and the adapters main wires in.
type Server struct {
	Units   tuyengiao.UnitService
	People  tuyengiao.PersonService
	Users   tuyengiao.UserService
	Auth    tuyengiao.AuthService
	Audit   tuyengiao.AuditService
	Uploads tuyengiao.UploadService
	// Documents keeps the document registry.
	Documents tuyengiao.DocumentService
	// Campaigns keeps study campaigns, conferences and attendance; Essays the reflection
	// essays.
	Campaigns tuyengiao.CampaignService
	Essays    tuyengiao.EssayService
	// Ping answers whether the database is up, for /healthz.
	Ping func(ctx context.Context) error
	// ReadPeople reads an uploaded people spreadsheet (XLSX or CSV, by content).
	ReadPeople func(r io.Reader, size int64) ([]tuyengiao.ImportRow, error)
	// PeopleTemplate writes the XLSX template of a people import.
	PeopleTemplate func(w io.Writer) error
	// ExportPeople writes people as an XLSX file.
	ExportPeople func(w io.Writer, people []*tuyengiao.Person) error
	// ExportParticipation writes the lines of a campaign's dashboard as an XLSX file.
	ExportParticipation func(w io.Writer, c *tuyengiao.Campaign, rows []tuyengiao.ParticipationRow) error
	Logger              *slog.Logger
	// TrustedProxies are the addresses of the reverse proxies in front of the server (see
	// ParseTrustedProxies): only for a request from one of them are X-Forwarded-For and
	// X-Forwarded-Proto believed.
	TrustedProxies []netip.Prefix
	// Now returns the current time; tests replace it.
	Now func() time.Time

	pages   *pageSet
	metrics *metrics
}

// Handler returns the HTTP handler of the whole application: every route of routes(), with
// request ids, logging, metrics, panic recovery, security headers and CSRF protection.
func (s *Server) Handler() http.Handler {
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	s.pages = mustParsePages()
	s.metrics = newMetrics()
	mux := http.NewServeMux()
	for _, rt := range routes() {
		mux.Handle(rt.method+" "+rt.pattern, s.wrap(rt))
	}
	mux.Handle("GET /static/", staticHandler())
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Yêu cầu từ trang web khác bị từ chối (CSRF)."))
	}))
	return s.observe(csrf.Handler(securityHeaders(s.unrouted(mux))))
}

// wrap turns a route into a handler: it authenticates the caller, enforces the route's
// login requirement and the must-change-password gate, limits the body, cleans a form, and
// maps the handler's error to a response.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setRoute(r, rt.pattern)
		limit := int64(maxFormBytes)
		if rt.maxBody > 0 {
			limit = rt.maxBody
		} else if rt.upload {
			limit = maxUploadBytes
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		ctx, err := s.authenticate(r)
		if ferr := cleanForm(r); ferr != nil {
			err = ferr
		}
		if err == nil && rt.login && tuyengiao.PrincipalFrom(ctx) == nil {
			err = tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
		}
		if tuyengiao.ErrorCode(err) == tuyengiao.EPASSWORD && rt.passwordGate {
			err = nil
		}
		if err == nil {
			err = rt.handle(s, w, r.WithContext(ctx))
		}
		if err != nil {
			s.fail(w, r.WithContext(ctx), err)
		}
	})
}

// cleanForm parses a form body (application/x-www-form-urlencoded) and cleans every value
// of it and of the query (vn.Clean), so that no handler sees a control or direction
// character; a handler's own ParseForm then finds the form parsed. Multipart bodies are read
// by the upload handlers, whose file names and texts pass through vn.NFC.
func cleanForm(r *http.Request) error {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/x-www-form-urlencoded" {
		return nil
	}
	if err := r.ParseForm(); err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			return err
		}
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Không đọc được dữ liệu biểu mẫu gửi lên.")
	}
	for _, form := range []url.Values{r.Form, r.PostForm} {
		for _, values := range form {
			for i, v := range values {
				values[i] = vn.Clean(v)
			}
		}
	}
	return nil
}

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
// separated by commas or spaces ("127.0.0.1, 10.0.0.0/8"). An empty setting trusts none.
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

func newRequestID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
		h.ServeHTTP(w, r)
	})
}
