// Package web serves tuyengiao over HTTP: server-rendered pages in Vietnamese (English as a
// second locale) and the JSON API under /api/v1. Both call the same services; access is
// decided by the services through tuyengiao.Authorize, never by a handler.
package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/netip"
	"net/url"
	"time"

	"tuyengiao"
	"tuyengiao/internal/contest"
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
	// Figures is where every figure comes from: indicators rolled up the unit tree.
	Figures tuyengiao.FigureService
	// Reporting keeps the reported indicators, the data sets and the units' forms.
	Reporting tuyengiao.ReportingService
	// ReadReportRows reads an uploaded spreadsheet of reported values of the indicators.
	ReadReportRows func(r io.Reader, size int64, inds []tuyengiao.Indicator) ([]tuyengiao.ReportRow, error)
	// WriteReportTemplate writes the XLSX to fill in a data set for the units.
	WriteReportTemplate func(w io.Writer, ds *tuyengiao.DataSet, p tuyengiao.Period, inds []tuyengiao.Indicator, units []*tuyengiao.Unit) error
	// ReadBridgePoints reads an uploaded spreadsheet of a conference's bridge points, with a
	// column of the number expected of each audience; WriteBridgeTemplate writes the XLSX of
	// the bridge points of a conference to fill in.
	ReadBridgePoints    func(r io.Reader, size int64, auds []tuyengiao.Category) ([]tuyengiao.BridgePointRow, error)
	WriteBridgeTemplate func(w io.Writer, c *tuyengiao.Conference, auds []tuyengiao.Category) error
	// Targets sets the targets the figures carry; Quality checks the figures against the
	// validation rules that Rules keeps, and flags outliers.
	Targets tuyengiao.TargetService
	Quality tuyengiao.QualityService
	Rules   tuyengiao.RuleService
	// Reports drafts, edits, finalises and assembles the six-month and annual reports;
	// WriteReportDOCX, WriteReportPDF and WriteReportXLSX encode an assembled report as the
	// files it is downloaded as.
	Reports         tuyengiao.ReportService
	WriteReportDOCX func(w io.Writer, d *tuyengiao.ReportDocument) error
	WriteReportPDF  func(w io.Writer, d *tuyengiao.ReportDocument) error
	WriteReportXLSX func(w io.Writer, d *tuyengiao.ReportDocument) error
	// Records keeps the records of the declared kinds (tuyengiao.RecordKinds).
	Records tuyengiao.RecordService
	// RecordNotes keeps the dated notes and evidence files on the records of every kind.
	RecordNotes tuyengiao.RecordNoteService
	// WriteRecordTemplate writes the XLSX to fill in to import records of a kind. ReadRecords
	// reads an uploaded spreadsheet (XLSX or CSV) of records of a kind into its rows, each
	// checked against the kind with its days checked around today; it may instead return
	// the errors of every bad row, joined. WriteRecords writes records of a kind as an XLSX
	// that imports again, unitCode giving the code and the name of their units, its words in
	// the language lang.
	WriteRecordTemplate func(w io.Writer, k *tuyengiao.RecordKind) error
	ReadRecords         func(r io.Reader, size int64, k *tuyengiao.RecordKind, today tuyengiao.Date) ([]tuyengiao.RecordRow, error)
	WriteRecords        func(w io.Writer, k *tuyengiao.RecordKind, rs []*tuyengiao.Record, unitCode func(id int64) (code, name string), lang string) error
	// Contests runs the public quiz contests. ContestKey returns the key, the same on every
	// node, that signs the cookie by which the public pages know a contestant's browser and
	// the proofs of work they ask, at the difficulty Pressure sets per client address.
	Contests   tuyengiao.ContestService
	ContestKey func(ctx context.Context) ([]byte, error)
	Pressure   *contest.Pressure
	// ReadQuestions reads an uploaded question bank (XLSX or CSV) into its rows, a refused
	// row with its Err; the error then joins those of every refused row.
	// WriteQuestionTemplate writes the XLSX to fill in. ExportRanking writes the ranking of a
	// round as XLSX with the fields the rules let the organiser publish, never a phone;
	// ExportContestants the contestants for the organiser, with what they registered with.
	ReadQuestions         func(r io.Reader, size int64) ([]tuyengiao.QuestionRow, error)
	WriteQuestionTemplate func(w io.Writer) error
	ExportRanking         func(w io.Writer, c *tuyengiao.Contest, r *tuyengiao.Round, entries []tuyengiao.RankedEntry) error
	ExportContestants     func(w io.Writer, c *tuyengiao.Contest, cs []*tuyengiao.Contestant) error
	// Ping answers whether the database is up, for /healthz.
	Ping func(ctx context.Context) error
	// ReadPeople reads an uploaded people spreadsheet (XLSX or CSV, by content).
	ReadPeople func(r io.Reader, size int64) ([]tuyengiao.ImportRow, error)
	// PeopleBadRows writes the rows of an uploaded people spreadsheet that reasons names by
	// row number, each with its reason, as an XLSX to fix and upload again.
	PeopleBadRows func(w io.Writer, content []byte, reasons map[int]string) error
	// PeopleTemplate writes the XLSX template of a people import.
	PeopleTemplate func(w io.Writer) error
	// ExportPeople writes people as an XLSX file.
	ExportPeople func(w io.Writer, people []*tuyengiao.Person) error
	// ExportParticipation writes the lines of a campaign's dashboard as an XLSX file.
	ExportParticipation func(w io.Writer, c *tuyengiao.Campaign, rows []tuyengiao.ParticipationRow) error
	// ExportFigures writes a table of figures as an XLSX file.
	ExportFigures func(w io.Writer, t *tuyengiao.FigureTable) error
	Logger        *slog.Logger
	// TrustedProxies are the addresses of the reverse proxies in front of the server (see
	// ParseTrustedProxies): only for a request from one of them are X-Forwarded-For and
	// X-Forwarded-Proto believed.
	TrustedProxies []netip.Prefix
	// Now returns the current time; tests replace it.
	Now func() time.Time

	pages   *pageSet
	metrics *metrics
	// contestSecrets is what the contests' public pages derive from ContestKey.
	contestSecrets contestSecrets
}

// Handler returns the HTTP handler of the whole application: every route of routes(), with
// request ids, logging, metrics, panic recovery, compression, security headers and CSRF
// protection.
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
	mux.Handle("GET /static/", staticHandler(s.notFound))
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Yêu cầu từ trang web khác bị từ chối (CSRF)."))
	}))
	return s.observe(compress(csrf.Handler(securityHeaders(s.unrouted(mux)))))
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
		// An API body is JSON whatever its declared type (curl -d says it is a form), read and
		// cleaned by the JSON decoder: parsing it as a form would consume it.
		if !rt.isAPI() {
			if ferr := cleanForm(r); ferr != nil {
				err = ferr
			}
		}
		if err == nil && rt.login && tuyengiao.PrincipalFrom(ctx) == nil {
			err = tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
		}
		if tuyengiao.ErrorCode(err) == tuyengiao.EPASSWORD && rt.passwordGate {
			err = nil
			info(r).mustChangePassword = true
		}
		if err == nil {
			err = rt.handle(s, w, r.WithContext(ctx))
		}
		if err != nil {
			s.fail(w, r.WithContext(ctx), err)
		}
	})
}

// cleanForm parses a form body (application/x-www-form-urlencoded), refuses it when a value
// of it or of the query is not text (invalid UTF-8, naming the field), and cleans every value
// but a password (passwordFields) with vn.Clean, so that no handler sees a control, direction
// or invisible character; a handler's own ParseForm then finds the form parsed.
// Multipart bodies are read by the upload handlers, whose file names and texts pass through
// vn.NFC.
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
	// What is not text is refused rather than cleaned: the characters it stood for are lost.
	if err := checkForm(r.Form); err != nil {
		return err
	}
	for _, form := range []url.Values{r.Form, r.PostForm} {
		for name, values := range form {
			if passwordFields[name] {
				continue
			}
			for i, v := range values {
				values[i] = vn.Clean(v)
			}
		}
	}
	return nil
}

// passwordFields are the names of the form fields that hold a password. A password is kept
// exactly as typed, never cleaned, on every path (the pages, the API's secret type, `tuyengiao
// user add`): it is never shown, so no control or direction character in it can mislead a
// reader, while cleaning it on some paths only would make a password set on one path fail on
// another.
var passwordFields = map[string]bool{"password": true, "old_password": true, "new_password": true, "confirm": true}

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
