package web

import (
	"compress/gzip"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// minCompressBytes is the smallest body worth compressing: below it the gzip header and the
// work cost more than they save.
const minCompressBytes = 1024

// compressible are the media types sent gzipped: text, whose size gzip divides by five to
// ten. Images, spreadsheets and other files are compressed already.
var compressible = map[string]bool{
	"text/html": true, "text/css": true, "text/plain": true, "text/csv": true, "text/javascript": true,
	"application/javascript": true, "application/json": true, "application/problem+json": true,
	"application/xml": true, "image/svg+xml": true,
}

// gzipWriters compress at gzip's fastest level: a page is made for one request, and on a
// page of a few KB the default level took four times the CPU for a fifth fewer bytes (a
// check-in spent 13% of its CPU in gzip). The static files are compressed once, at the best
// level (staticHandler).
var gzipWriters = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}

// compress sends a response gzipped when the client accepts gzip, its type is text
// (compressible), its body is at least minCompressBytes, and it is a whole answer (not a
// range, not already encoded); every response says it varies with Accept-Encoding.
func compress(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r.Header.Get("Accept-Encoding")) || r.Method == http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		h.ServeHTTP(gw, r)
		gw.close()
	})
}

// acceptsGzip reports whether an Accept-Encoding header takes gzip with a weight above zero:
// named, or else through "*".
func acceptsGzip(header string) bool {
	weights := map[string]float64{}
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			q, _ = strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
		weights[strings.ToLower(strings.TrimSpace(coding))] = q
	}
	if q, ok := weights["gzip"]; ok {
		return q > 0
	}
	return weights["*"] > 0
}

// gzipWriter holds back the status and the first minCompressBytes of a body, then decides
// whether to compress: once it has enough of the body, or at the end of a short one.
type gzipWriter struct {
	http.ResponseWriter
	code    int
	buf     []byte
	decided bool
	gz      *gzip.Writer
}

func (w *gzipWriter) WriteHeader(code int) {
	if w.decided || code < 200 {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	if w.code == 0 {
		w.code = code
	}
}

func (w *gzipWriter) Write(p []byte) (int, error) {
	if !w.decided {
		w.buf = append(w.buf, p...)
		if len(w.buf) < minCompressBytes {
			return len(p), nil
		}
		if err := w.decide(); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if w.gz != nil {
		return w.gz.Write(p)
	}
	return w.ResponseWriter.Write(p)
}

// decide sends the status, with the gzip headers when the response is to be compressed, and
// the body held back so far.
func (w *gzipWriter) decide() error {
	w.decided = true
	if w.code == 0 {
		w.code = http.StatusOK
	}
	hd := w.Header()
	if _, ok := hd["Content-Type"]; !ok && len(w.buf) > 0 {
		hd.Set("Content-Type", http.DetectContentType(w.buf))
	}
	mt, _, _ := mime.ParseMediaType(hd.Get("Content-Type"))
	if len(w.buf) >= minCompressBytes && compressible[mt] && hd.Get("Content-Encoding") == "" &&
		hd.Get("Content-Range") == "" && w.code != http.StatusPartialContent && w.code != http.StatusNoContent && w.code != http.StatusNotModified {
		hd.Del("Content-Length")
		hd.Set("Content-Encoding", "gzip")
		w.gz = gzipWriters.Get().(*gzip.Writer)
		w.gz.Reset(w.ResponseWriter)
	}
	w.ResponseWriter.WriteHeader(w.code)
	buf := w.buf
	w.buf = nil
	if len(buf) == 0 {
		return nil
	}
	var err error
	if w.gz != nil {
		_, err = w.gz.Write(buf)
	} else {
		_, err = w.ResponseWriter.Write(buf)
	}
	return err
}

// close ends the response: it sends what a short body held back, and the end of the gzip
// stream.
func (w *gzipWriter) close() {
	if !w.decided {
		w.decide()
	}
	if w.gz != nil {
		w.gz.Close()
		gzipWriters.Put(w.gz)
		w.gz = nil
	}
}

// Flush sends what is buffered, compressed or not, to the client.
func (w *gzipWriter) Flush() {
	if !w.decided {
		w.decide()
	}
	if w.gz != nil {
		w.gz.Flush()
	}
	http.NewResponseController(w.ResponseWriter).Flush()
}

func (w *gzipWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
