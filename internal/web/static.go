package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// asset is an embedded static file with the name it is served under for a long cache: its
// name with a hash of its content before the extension (app.css → app.3f2a9c0d1e.css), which
// changes whenever the content does.
type asset struct {
	name, hashed string
	hash         string
	body         []byte
	// gz is body gzipped at the best level, or nil when that does not make it smaller or
	// its type is not text (compressible).
	gz []byte
}

// assets holds the files of static/ by their plain and their hashed names.
type assets struct{ byName, byHashed map[string]*asset }

// staticAssets are the embedded static files, hashed once at start.
var staticAssets = mustLoadAssets(staticFS)

func mustLoadAssets(fsys fs.FS) *assets {
	sub, err := fs.Sub(fsys, "static")
	if err != nil {
		panic(err)
	}
	as := &assets{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	err = fs.WalkDir(sub, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(sub, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a := &asset{name: name, hash: hex.EncodeToString(sum[:5]), body: body, gz: gzipped(name, body)}
		ext := path.Ext(name)
		a.hashed = strings.TrimSuffix(name, ext) + "." + a.hash + ext
		as.byName[name], as.byHashed[a.hashed] = a, a
		return nil
	})
	if err != nil {
		panic(err)
	}
	return as
}

// gzipped returns body, the file name, gzipped at the best level when its type is text and
// that makes it smaller, else nil.
func gzipped(name string, body []byte) []byte {
	mt, _, _ := mime.ParseMediaType(mime.TypeByExtension(path.Ext(name)))
	if !compressible[mt] || len(body) < minCompressBytes {
		return nil
	}
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(body)
	w.Close()
	if b.Len() >= len(body) {
		return nil
	}
	return b.Bytes()
}

// url returns the address of the static file name under its hashed name, for the pages to
// link; a name static/ does not hold is an error, which fails the page's rendering.
func (as *assets) url(name string) (string, error) {
	a, ok := as.byName[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + a.hashed, nil
}

// Cache lifetimes of the static files: a year, never revalidated, under a hashed name (a new
// content has a new name); five minutes under the plain name, which a page cached before a
// release may still ask for.
const (
	cacheHashed = "public, max-age=31536000, immutable"
	cachePlain  = "public, max-age=300"
)

// staticHandler serves the embedded files under /static/: under their hashed names with a
// long immutable cache, under their plain names with a short one, both with the content's
// hash as ETag. An address that names no file, a directory included (no listing is ever
// shown), is answered by notFound, as any unknown address, and is not cached.
func staticHandler(notFound http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		a, cache := staticAssets.byHashed[name], cacheHashed
		if a == nil {
			a, cache = staticAssets.byName[name], cachePlain
		}
		if a == nil {
			notFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", cache)
		body, etag := a.body, a.hash
		// The gzipped file is a representation of its own: its ETag differs, and a range
		// asks for the bytes of the file as it is, so a range is served from the plain body.
		if a.gz != nil && r.Header.Get("Range") == "" && acceptsGzip(r.Header.Get("Accept-Encoding")) {
			body, etag = a.gz, a.hash+"-gz"
			w.Header().Set("Content-Encoding", "gzip")
		}
		w.Header().Set("ETag", `"`+etag+`"`)
		http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(body))
	})
}
