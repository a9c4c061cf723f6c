package web

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"tuyengiao"
)

type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tuyengiao_http_requests_total", Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tuyengiao_http_request_duration_seconds", Help: "HTTP request duration by route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
	}
	m.registry.MustRegister(m.requests, m.duration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// requestInfo travels in the context so that the outer middleware learns the route pattern
// the mux matched and the handlers learn the request id and the client (Server.client).
type requestInfo struct {
	id      string
	route   string
	address string
	https   bool
	// mustChangePassword: the caller is logged in but must change the password before
	// anything else, so a page shows no menu (every link of it leads back to /password).
	mustChangePassword bool
}

type infoKey struct{}

func info(r *http.Request) *requestInfo {
	if ri, ok := r.Context().Value(infoKey{}).(*requestInfo); ok {
		return ri
	}
	return &requestInfo{}
}

func setRoute(r *http.Request, pattern string) { info(r).route = pattern }

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe gives each request an id, recovers from panics, counts and times it, and logs one
// line with method, route pattern (never the query, which may hold personal data), status
// and duration.
func (s *Server) observe(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &requestInfo{id: newRequestID(), route: "unmatched"}
		ri.address, ri.https = s.client(r)
		r = r.WithContext(context.WithValue(r.Context(), infoKey{}, ri))
		sw := &statusWriter{ResponseWriter: w}
		sw.Header().Set("X-Request-Id", ri.id)
		defer func() {
			if v := recover(); v != nil {
				s.Logger.Error("panic", "request_id", ri.id, "panic", v)
				if sw.status == 0 {
					s.fail(sw, r, tuyengiao.Errorf(tuyengiao.EINTERNAL, "Lỗi hệ thống."))
				}
			}
			d := time.Since(start)
			status := strconv.Itoa(max(sw.status, http.StatusOK))
			s.metrics.requests.WithLabelValues(ri.route, r.Method, status).Inc()
			s.metrics.duration.WithLabelValues(ri.route).Observe(d.Seconds())
			s.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("request_id", ri.id),
				slog.String("method", r.Method), slog.String("route", ri.route), slog.String("status", status),
				slog.Duration("duration", d))
		}()
		h.ServeHTTP(sw, r)
	})
}

// serveMetrics serves Prometheus metrics to the local host and to system administrators.
// Behind a trusted proxy on the same host, a remote client is not the local host.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	if addr := clientAddress(r); addr != "127.0.0.1" && addr != "::1" {
		if !tuyengiao.PrincipalFrom(r.Context()).IsSysadmin() {
			return tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Chỉ quản trị hệ thống được xem số liệu vận hành.")
		}
	}
	promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}).ServeHTTP(w, r)
	return nil
}

// healthz answers 200 when the database answers, 503 otherwise.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.Ping(ctx); err != nil {
		s.Logger.Error("healthz", "request_id", info(r).id, "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return nil
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("ok\n"))
	return err
}
