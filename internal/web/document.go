package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// maxDocumentFileBytes limits the body of a document file upload: the file and the form
// around it.
const maxDocumentFileBytes = tuyengiao.MaxDocumentFileBytes + 1<<20

// relationNames are the Vietnamese names of the relations between documents, as the chain
// and the forms show them.
var relationNames = map[tuyengiao.RelationKind]string{
	tuyengiao.RelImplements: "thực hiện",
	tuyengiao.RelUpdates:    "cập nhật/bổ sung",
	tuyengiao.RelReplaces:   "thay thế",
	tuyengiao.RelContinues:  "tiếp tục thực hiện",
	tuyengiao.RelGuides:     "hướng dẫn",
}

// RelationKinds lists the relations between documents, for the forms.
func (p *page) RelationKinds() []tuyengiao.RelationKind {
	return []tuyengiao.RelationKind{tuyengiao.RelImplements, tuyengiao.RelUpdates, tuyengiao.RelReplaces,
		tuyengiao.RelContinues, tuyengiao.RelGuides}
}

// Relation names a relation in the page's language.
func (p *page) Relation(k tuyengiao.RelationKind) string { return p.T(relationNames[k]) }

// DocumentFields lists the fields of work of documents.
func (p *page) DocumentFields() []tuyengiao.DocumentField { return tuyengiao.DocumentFields }

// FieldName names a field of work in the page's language.
func (p *page) FieldName(code string) string {
	for _, f := range tuyengiao.DocumentFields {
		if f.Code == code {
			return p.T(f.Name)
		}
	}
	return code
}

// Checked reports whether a checkbox of the form holds the value: what the user sent, or
// def when the form was not sent.
func (p *page) Checked(field, value string, def []string) bool {
	vals := def
	if p.Form != nil && p.Form.Get("form_sent") != "" {
		vals = p.Form[field]
	}
	for _, v := range vals {
		if v == value {
			return true
		}
	}
	return false
}

// documentsData is what the document list shows.
type documentsData struct {
	Filter    tuyengiao.DocumentFilter
	Documents []*tuyengiao.Document
	Total     int
	Page      int // 1-based
	Pages     int
	PrevURL   string
	NextURL   string
	// The choices of the type and issuer filters, and the value of each when it is none of
	// them (an address typed by hand).
	Types, Issuers         []vocabGroup
	TypeOther, IssuerOther string
	// Root is the unit of the issuing-unit filter, named by the unit service when the user
	// may see it and by its number otherwise; RootClearURL is the list without it.
	Root         *tuyengiao.IssuingUnit
	RootClearURL string
}

func (s *Server) documentsPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := documentFilter(q)
	if err != nil {
		return err
	}
	d := &documentsData{Filter: f}
	if d.Documents, d.Total, err = s.Documents.FindDocuments(r.Context(), f); err != nil {
		return err
	}
	if f.IssuingRoot != 0 {
		if d.Root, err = s.filterRoot(r, f.IssuingRoot); err != nil {
			return err
		}
		without := url.Values{}
		for k, v := range q {
			without[k] = v
		}
		without.Del("issuing_root")
		d.RootClearURL = documentsURL(without, 0)
	}
	v, err := s.documentVocabulary(r)
	if err != nil {
		return err
	}
	d.Types, d.TypeOther = filterChoices(v.Types, f.Type)
	d.Issuers, d.IssuerOther = filterChoices(v.Issuers, f.Issuer)
	d.Page, d.Pages = f.Offset/f.Limit+1, max(1, (d.Total+f.Limit-1)/f.Limit)
	if f.Offset > 0 {
		d.PrevURL = documentsURL(q, max(0, f.Offset-f.Limit))
	}
	if f.Offset+f.Limit < d.Total {
		d.NextURL = documentsURL(q, f.Offset+f.Limit)
	}
	return s.render(w, r, "documents", &page{Title: "Văn bản", Nav: "documents", Data: d, Form: q})
}

// filterRoot names the unit of the issuing-unit filter: by the unit service when the user
// may see it, by its number otherwise (the documents are read by every account).
func (s *Server) filterRoot(r *http.Request, id int64) (*tuyengiao.IssuingUnit, error) {
	u, err := s.Units.FindUnitByID(r.Context(), id)
	if c := tuyengiao.ErrorCode(err); c == tuyengiao.EFORBIDDEN || c == tuyengiao.ENOTFOUND {
		return &tuyengiao.IssuingUnit{ID: id, Name: "#" + strconv.FormatInt(id, 10)}, nil
	} else if err != nil {
		return nil, err
	}
	return &tuyengiao.IssuingUnit{ID: u.ID, Code: u.Code, Name: u.Name}, nil
}

// documentsURL returns the list address with the filter of q and the given offset; empty
// values are left out.
func documentsURL(q url.Values, offset int) string {
	v := url.Values{}
	for _, k := range []string{"q", "type", "issuer", "field", "year", "issuing_root", "from", "to", "limit"} {
		if x := strings.TrimSpace(q.Get(k)); x != "" {
			v.Set(k, x)
		}
	}
	if offset > 0 {
		v.Set("offset", strconv.Itoa(offset))
	}
	if len(v) == 0 {
		return "/documents"
	}
	return "/documents?" + v.Encode()
}

// documentFilter reads a document list filter from a query: q, type, issuer, field, year,
// issuing_root (the issuing unit and those below it), from and to (issue dates, 31/01/2023
// or 2023-01-31, as a figure's records link writes them), offset, limit.
func documentFilter(v url.Values) (tuyengiao.DocumentFilter, error) {
	var f tuyengiao.DocumentFilter
	f.Query = vn.NFC(v.Get("q"))
	f.Type, f.Issuer, f.Field = vn.NFC(strings.TrimSpace(v.Get("type"))), vn.NFC(strings.TrimSpace(v.Get("issuer"))), v.Get("field")
	year, err := queryInt(v, "year")
	if err != nil {
		return f, err
	}
	f.Year = int(year)
	if f.IssuingRoot, err = queryInt(v, "issuing_root"); err != nil {
		return f, err
	}
	if f.From, err = formDay(v, "from"); err != nil {
		return f, err
	}
	if f.To, err = formDay(v, "to"); err != nil {
		return f, err
	}
	f.Offset, f.Limit, err = pageParams(v)
	return f, err
}

// chainNode is a document of the chain with the documents that stand in a relation to it
// below it.
type chainNode struct {
	Doc      *tuyengiao.Document
	Kind     tuyengiao.RelationKind // how Doc stands to the node above; "" at the top
	Current  bool                   // the document of the page
	Children []*chainNode
}

// documentChain arranges the chain as trees: at the top the documents that stand in no
// relation to another of the chain (the central resolution), below each the documents that
// implement, update, replace, continue or guide it. Each document is shown once.
func documentChain(docs []*tuyengiao.Document, rels []tuyengiao.DocumentRelation, current int64) []*chainNode {
	byID := map[int64]*tuyengiao.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	hasParent := map[int64]bool{}
	below := map[int64][]tuyengiao.DocumentRelation{}
	for _, rel := range rels {
		if byID[rel.FromID] == nil || byID[rel.ToID] == nil {
			continue
		}
		hasParent[rel.FromID] = true
		below[rel.ToID] = append(below[rel.ToID], rel)
	}
	seen := map[int64]bool{}
	var build func(d *tuyengiao.Document, kind tuyengiao.RelationKind) *chainNode
	build = func(d *tuyengiao.Document, kind tuyengiao.RelationKind) *chainNode {
		seen[d.ID] = true
		n := &chainNode{Doc: d, Kind: kind, Current: d.ID == current}
		for _, rel := range below[d.ID] {
			if !seen[rel.FromID] {
				n.Children = append(n.Children, build(byID[rel.FromID], rel.Kind))
			}
		}
		return n
	}
	var roots []*chainNode
	for _, d := range docs {
		if !hasParent[d.ID] && !seen[d.ID] {
			roots = append(roots, build(d, ""))
		}
	}
	for _, d := range docs { // what a loop kept from the top, if any
		if !seen[d.ID] {
			roots = append(roots, build(d, ""))
		}
	}
	return roots
}

// documentData is what the document page and the new-document form show.
type documentData struct {
	Document *tuyengiao.Document
	Unit     *tuyengiao.Unit // the registering unit, when the user may see it
	Chain    []*chainNode    // the chain the document belongs to
	// Campaigns are the study campaigns of the documents of the chain, those the user sees.
	Campaigns []*tuyengiao.Campaign
	Choices   []*tuyengiao.Unit // the units a new document may be registered at
	Issuing   []tuyengiao.IssuingUnit
	// Candidates are the documents registered under the symbol typed in the relation form,
	// when there are several to choose from.
	Candidates []*tuyengiao.Document
	Def        url.Values // the values of the forms before the user types
	Fields     []string   // the fields of work before the user types
	Open       string     // the form to show open: "edit", "file" or "relation"
	Names      docNames   // of the document's type and issuer
	// Implementation is how far the units below the issuing unit have implemented the
	// document; nil when the user may not see the issuing unit.
	Implementation *tuyengiao.DocumentImplementation
}

func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) error {
	return s.documentShow(w, r, nil, http.StatusOK, "")
}

// documentShow shows the document of the path with the error of a form the user can
// correct; open names the form the error is about.
func (s *Server) documentShow(w http.ResponseWriter, r *http.Request, err error, code int, open string) error {
	id, perr := pathID(r, "id")
	if perr != nil {
		return perr
	}
	doc, perr := s.Documents.FindDocumentByID(r.Context(), id)
	if perr != nil {
		return perr
	}
	// A document whose issuing unit is not known yet opens at the form that asks for it.
	if open == "" && doc.IssuingUnitUnknown {
		open = "edit"
	}
	d := &documentData{Document: doc, Def: documentValues(doc), Fields: doc.Fields, Open: open}
	if d.Issuing, perr = s.issuingChoices(r, doc.UnitID, doc); perr != nil {
		return perr
	}
	var choice *documentChoice
	if errors.As(err, &choice) {
		d.Candidates = choice.Docs
	}
	// Documents are read by every account, their unit only by whom may see it.
	if d.Unit, perr = s.Units.VisibleUnit(r.Context(), doc.UnitID); perr != nil {
		return perr
	}
	docs, rels, perr := s.Documents.DocumentChain(r.Context(), id)
	if perr != nil {
		return perr
	}
	d.Chain = documentChain(docs, rels, id)
	if d.Campaigns, perr = s.chainCampaigns(r, docs); perr != nil {
		return perr
	}
	v, perr := s.documentVocabulary(r)
	if perr != nil {
		return perr
	}
	d.Names = v.names(doc.Symbol)
	if d.Implementation, perr = s.Documents.Implementation(r.Context(), id); tuyengiao.ErrorCode(perr) == tuyengiao.EFORBIDDEN {
		d.Implementation = nil
	} else if perr != nil {
		return perr
	}
	p := &page{Title: doc.Symbol, Nav: "documents", Data: d}
	if err != nil {
		p.Form = r.PostForm
		if r.MultipartForm != nil {
			p.Form = url.Values(r.MultipartForm.Value)
		}
		p.setError(err)
	}
	return s.renderCode(w, r, "document", p, code)
}

// chainCampaigns returns the campaigns that studied a document of the chain, as far as the
// user's view scope reaches; none for an account without one.
func (s *Server) chainCampaigns(r *http.Request, docs []*tuyengiao.Document) ([]*tuyengiao.Campaign, error) {
	f := tuyengiao.CampaignFilter{Limit: defaultLimit}
	for _, d := range docs {
		f.DocumentIDs = append(f.DocumentIDs, d.ID)
	}
	cs, _, err := s.Campaigns.FindCampaigns(r.Context(), f)
	if tuyengiao.ErrorCode(err) == tuyengiao.EFORBIDDEN {
		return nil, nil
	}
	return cs, err
}

// issuingChoices returns the units the forms offer as the issuer of a document registered
// at unitID: the service's, and doc's own issuing unit when it is not among them.
func (s *Server) issuingChoices(r *http.Request, unitID int64, doc *tuyengiao.Document) ([]tuyengiao.IssuingUnit, error) {
	units, err := s.Documents.IssuingUnits(r.Context(), unitID)
	if err != nil || doc == nil || doc.IssuingUnitID == 0 ||
		slices.ContainsFunc(units, func(u tuyengiao.IssuingUnit) bool { return u.ID == doc.IssuingUnitID }) {
		return units, err
	}
	return append([]tuyengiao.IssuingUnit{{ID: doc.IssuingUnitID, Name: doc.IssuingUnit}}, units...), nil
}

// CanEditDocument reports whether the user may change the document, for what the page
// shows; the service decides.
func (p *page) CanEditDocument(d *documentData) bool {
	if d.Unit != nil {
		return p.CanAt(string(tuyengiao.ActionDocumentEdit), d.Unit.Path)
	}
	return p.CanAt(string(tuyengiao.ActionDocumentEdit), "/")
}

// documentValues returns the fields of a document as the forms write them.
func documentValues(d *tuyengiao.Document) url.Values {
	v := url.Values{}
	v.Set("symbol", d.Symbol)
	if d.IssuingUnitID != 0 {
		v.Set("issuing_unit_id", strconv.FormatInt(d.IssuingUnitID, 10))
	}
	v.Set("issued_on", vn.Date(d.IssuedOn.Time))
	v.Set("term", d.Term)
	v.Set("title", d.Title)
	v.Set("summary", d.Summary)
	return v
}

// documentForm reads the fields of the document forms but the unit; a date that cannot be
// read is an error naming its field.
func documentForm(f url.Values) (*tuyengiao.Document, error) {
	d := &tuyengiao.Document{Symbol: vn.NFC(strings.TrimSpace(f.Get("symbol"))), Term: strings.ToUpper(strings.TrimSpace(f.Get("term"))),
		Title: vn.NFC(strings.TrimSpace(f.Get("title"))), Summary: vn.NFC(strings.TrimSpace(f.Get("summary"))), Fields: f["fields"],
		Contents: contentsForm(f)}
	if d.Fields == nil {
		d.Fields = []string{}
	}
	var err error
	if d.IssuingUnitID, err = queryInt(f, "issuing_unit_id"); err != nil {
		return nil, err
	}
	if s := strings.TrimSpace(f.Get("issued_on")); s != "" {
		t, err := vn.ParseDate(s)
		if err != nil {
			return nil, tuyengiao.FieldError("issued_on", "Ngày ban hành %q không hợp lệ (ví dụ 31/01/2023).", s)
		}
		d.IssuedOn = tuyengiao.GivenDate(t)
	}
	return d, nil
}

func (s *Server) documentUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	err = func() error {
		d, err := documentForm(r.PostForm)
		if err != nil {
			return err
		}
		_, err = s.Documents.UpdateDocument(r.Context(), id, tuyengiao.DocumentUpdate{Symbol: &d.Symbol, IssuingUnitID: &d.IssuingUnitID,
			IssuedOn: &d.IssuedOn, Term: &d.Term, Title: &d.Title, Summary: &d.Summary, Fields: &d.Fields, Contents: &d.Contents})
		return err
	}()
	if err != nil {
		return formError(err, func(err error, code int) error { return s.documentShow(w, r, err, code, "edit") })
	}
	http.Redirect(w, r, "/documents/"+strconv.FormatInt(id, 10)+"?ok=saved", http.StatusSeeOther)
	return nil
}

func (s *Server) documentNewPage(w http.ResponseWriter, r *http.Request) error {
	return s.documentNewForm(w, r, nil, http.StatusOK)
}

// documentNewForm shows the new-document form; ?unit= (or the posted unit_id) chooses the
// registering unit, which must be one where the user may edit documents.
func (s *Server) documentNewForm(w http.ResponseWriter, r *http.Request, err error, code int) error {
	form := shownForm(r)
	unitID, uerr := queryInt(form, "unit")
	if uerr != nil {
		return uerr
	}
	if unitID == 0 && r.Method == http.MethodPost {
		if unitID, uerr = queryInt(form, "unit_id"); uerr != nil {
			return uerr
		}
	}
	d := &documentData{Def: url.Values{}}
	pr := tuyengiao.PrincipalFrom(r.Context())
	if d.Choices, uerr = s.actionRoots(r, tuyengiao.ActionDocumentEdit); uerr != nil {
		return uerr
	}
	if unitID != 0 {
		u, uerr := s.Units.FindUnitByID(r.Context(), unitID)
		if uerr != nil {
			return uerr
		}
		if uerr := tuyengiao.Authorize(pr, tuyengiao.ActionDocumentEdit, u.Path); uerr != nil {
			return uerr
		}
		d.Unit = u
		listed := false
		for _, c := range d.Choices {
			listed = listed || c.ID == u.ID
		}
		if !listed {
			d.Choices = append([]*tuyengiao.Unit{u}, d.Choices...)
		}
		d.Def.Set("unit_id", strconv.FormatInt(u.ID, 10))
	} else if len(d.Choices) == 0 {
		return tuyengiao.Authorize(pr, tuyengiao.ActionDocumentEdit, "")
	} else {
		unitID = d.Choices[0].ID
		d.Def.Set("unit_id", strconv.FormatInt(unitID, 10))
	}
	// The issuers offered are those of the unit chosen to register at (?unit=, the posted
	// unit, or the first choice): a sibling's is never offered, since the service refuses it.
	if d.Issuing, uerr = s.issuingChoices(r, unitID, nil); uerr != nil {
		return uerr
	}
	p := &page{Title: "Đăng ký văn bản", Nav: "documents", Data: d}
	if r.Method == http.MethodPost {
		p.Form = form
	}
	return s.renderForm(w, r, "document_new", p, err, code)
}

func (s *Server) documentCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	var doc *tuyengiao.Document
	err := func() error {
		var err error
		if doc, err = documentForm(r.PostForm); err != nil {
			return err
		}
		if doc.UnitID, err = queryInt(r.PostForm, "unit_id"); err != nil {
			return err
		}
		return s.Documents.CreateDocument(r.Context(), doc)
	}()
	if err != nil {
		return formError(err, func(err error, code int) error { return s.documentNewForm(w, r, err, code) })
	}
	http.Redirect(w, r, "/documents/"+strconv.FormatInt(doc.ID, 10)+"?ok=created", http.StatusSeeOther)
	return nil
}

func (s *Server) documentFileUpload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	up, err := readDocumentFile(r)
	if err == nil {
		_, err = s.Documents.AddDocumentFile(r.Context(), id, up.Filename, up.Content)
	}
	if err != nil {
		if tuyengiao.ErrorCode(err) == tuyengiao.ETOOLARGE {
			err = tuyengiao.FieldError("file", "%s", err)
		}
		return formError(renameField(err, "name", "file"), func(err error, code int) error { return s.documentShow(w, r, err, code, "file") })
	}
	http.Redirect(w, r, "/documents/"+strconv.FormatInt(id, 10)+"?ok=attached", http.StatusSeeOther)
	return nil
}

// readDocumentFile reads the file of a document upload, in field "file".
func readDocumentFile(r *http.Request) (*tuyengiao.Upload, error) {
	up, err := readUploadLimit(r, maxDocumentFileBytes)
	if tuyengiao.ErrorCode(err) == tuyengiao.ETOOLARGE {
		return nil, &tuyengiao.Error{Code: tuyengiao.ETOOLARGE, Field: "file",
			Key: "Tệp lớn quá %d MB.", Args: []any{tuyengiao.MaxDocumentFileBytes >> 20}}
	} else if err != nil {
		return nil, err
	}
	up.Kind = "document"
	return up, nil
}

func (s *Server) documentFileDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "file")
	if err != nil {
		return err
	}
	f, content, err := s.Documents.DocumentFileContent(r.Context(), id)
	if err != nil {
		return err
	}
	return sendFile(w, f.Name, f.ContentType, content, "private, no-cache")
}

// sendFile answers with a stored file as a download of name, never sniffed as another type.
func sendFile(w http.ResponseWriter, name, contentType string, content []byte, cache string) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", contentDisposition(name))
	h.Set("Content-Length", strconv.Itoa(len(content)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", cache)
	_, err := w.Write(content)
	return err
}

// contentDisposition makes a download of name: an ASCII fallback for old clients and the
// name itself in UTF-8 (RFC 6266).
func contentDisposition(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r >= 0x7f || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, vn.Fold(name))
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + url.PathEscape(name)
}

// documentChoice is the error of a symbol that several documents are registered under
// (each Quận ủy's 08-CTr/QU): the form that typed it offers them to choose from.
type documentChoice struct {
	err  *tuyengiao.Error
	Docs []*tuyengiao.Document
}

func (e *documentChoice) Error() string { return e.err.Error() }
func (e *documentChoice) Unwrap() error { return e.err }

// documentBySymbol finds the document a form names by its symbol, followed by "#" and the
// document's number in the registry when several share the symbol ("08-CTr/QU #12"). A
// symbol several documents are registered under without "#" is a *documentChoice; an
// error names the field.
func (s *Server) documentBySymbol(r *http.Request, text, field string) (int64, error) {
	symbol, ref, picked := strings.Cut(vn.NFC(strings.TrimSpace(text)), "#")
	symbol = strings.TrimSpace(symbol)
	if symbol == "" {
		return 0, tuyengiao.FieldError(field, "Chưa nhập số, ký hiệu văn bản.")
	}
	docs, err := s.Documents.FindDocumentsBySymbol(r.Context(), symbol)
	if err != nil {
		return 0, renameField(err, "symbol", field)
	}
	if picked {
		for _, d := range docs {
			if strconv.FormatInt(d.ID, 10) == strings.TrimSpace(ref) {
				return d.ID, nil
			}
		}
		return 0, tuyengiao.FieldError(field, "Không có văn bản số %s mang số hiệu #%s.", symbol, strings.TrimSpace(ref))
	}
	switch len(docs) {
	case 0:
		return 0, tuyengiao.FieldError(field, "Không tìm thấy văn bản số %s.", symbol)
	case 1:
		return docs[0].ID, nil
	}
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = documentRef(d) + " (" + documentIssue(d) + ")"
	}
	return 0, &documentChoice{Docs: docs, err: tuyengiao.FieldError(field,
		"Có %d văn bản cùng số %s: %s. Hãy chọn một, hoặc ghi kèm số hiệu như %s.", len(docs), docs[0].Symbol,
		strings.Join(names, "; "), documentRef(docs[0]))}
}

// documentRef writes a document as documentBySymbol reads it without asking: its symbol
// and its number in the registry.
func documentRef(d *tuyengiao.Document) string {
	return fmt.Sprintf("%s #%d", d.Symbol, d.ID)
}

// documentIssue says who issued a document and when, to tell it from others of the same
// symbol: its issuing unit (or the body of its symbol), its term, its issue date or year.
func documentIssue(d *tuyengiao.Document) string {
	parts := []string{d.IssuingUnit}
	if d.IssuingUnit == "" {
		parts[0] = d.Issuer
	}
	if d.Term != "" {
		parts = append(parts, "khóa "+d.Term)
	}
	if !d.IssuedOn.IsZero() {
		parts = append(parts, vn.Date(d.IssuedOn.Time))
	} else if d.Year != 0 {
		parts = append(parts, "năm "+strconv.Itoa(d.Year))
	}
	return strings.Join(parts, ", ")
}

// DocumentIssue says who issued a document and when, for the choice between documents of
// the same symbol.
func (p *page) DocumentIssue(d *tuyengiao.Document) string { return documentIssue(d) }

// DocumentRef writes a document as a form that names documents by symbol reads it without
// asking which one.
func (p *page) DocumentRef(d *tuyengiao.Document) string { return documentRef(d) }

func (s *Server) documentRelate(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	err = func() error {
		to, err := s.documentBySymbol(r, r.PostForm.Get("to_symbol"), "to_symbol")
		if err != nil {
			return err
		}
		return renameField(s.Documents.RelateDocuments(r.Context(), id, to, tuyengiao.RelationKind(r.PostForm.Get("kind"))), "to_id", "to_symbol")
	}()
	if err != nil {
		return formError(err, func(err error, code int) error { return s.documentShow(w, r, err, code, "relation") })
	}
	http.Redirect(w, r, "/documents/"+strconv.FormatInt(id, 10)+"?ok=related", http.StatusSeeOther)
	return nil
}

func (s *Server) documentUnrelate(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	to, err := queryInt(r.PostForm, "to_id")
	if err != nil {
		return err
	}
	if err := s.Documents.UnrelateDocuments(r.Context(), id, to, tuyengiao.RelationKind(r.PostForm.Get("kind"))); err != nil {
		return formError(err, func(err error, code int) error { return s.documentShow(w, r, err, code, "relation") })
	}
	http.Redirect(w, r, "/documents/"+strconv.FormatInt(id, 10)+"?ok=unrelated", http.StatusSeeOther)
	return nil
}

// FileSize writes a file's size for people: bytes, KB or MB with Vietnamese digits.
func (p *page) FileSize(n int64) string {
	switch {
	case n < 1<<10:
		return formatInt(n) + " B"
	case n < 1<<20:
		return formatInt((n+1<<9)>>10) + " KB"
	}
	return vn.Decimal(float64(n)/(1<<20), 1) + " MB"
}

// contentBlankRows is the number of blank rows the contents form offers to add to.
const contentBlankRows = 3

// contentRow is a row of the contents form.
type contentRow struct{ Kind, Text string }

// contentsForm reads the rows of the contents form, content_kind and content_text side by
// side; a row left blank is no content.
func contentsForm(f url.Values) []tuyengiao.DocumentContent {
	kinds, texts := f["content_kind"], f["content_text"]
	out := []tuyengiao.DocumentContent{}
	for i, text := range texts {
		if strings.TrimSpace(text) == "" {
			continue
		}
		c := tuyengiao.DocumentContent{Kind: tuyengiao.ContentKey, Text: text}
		if i < len(kinds) {
			c.Kind = tuyengiao.ContentKind(kinds[i])
		}
		out = append(out, c)
	}
	return out
}

// ContentRows returns the rows of the contents form: what the user sent, or the contents
// before the user types, followed by blank rows to add to.
func (p *page) ContentRows(def []tuyengiao.DocumentContent) []contentRow {
	var rows []contentRow
	if p.Form != nil && p.Form.Get("form_sent") != "" {
		def = contentsForm(p.Form)
	}
	for _, c := range def {
		rows = append(rows, contentRow{Kind: string(c.Kind), Text: c.Text})
	}
	for range contentBlankRows {
		rows = append(rows, contentRow{Kind: string(tuyengiao.ContentKey)})
	}
	return rows
}

// ContentKinds lists the kinds of content, for the form.
func (p *page) ContentKinds() []tuyengiao.ContentKind { return tuyengiao.ContentKinds }

// ContentKindName names a kind of content in the page's language.
func (p *page) ContentKindName(k tuyengiao.ContentKind) string { return p.T(k.Name()) }

// contentCount is the number of a document's contents of a kind.
type contentCount struct {
	Kind tuyengiao.ContentKind
	N    int
}

// ContentCounts returns the number of contents of each kind the document has, in the order
// of the kinds.
func (p *page) ContentCounts(cs []tuyengiao.DocumentContent) []contentCount {
	var out []contentCount
	for _, k := range tuyengiao.ContentKinds {
		n := 0
		for _, c := range cs {
			if c.Kind == k {
				n++
			}
		}
		if n > 0 {
			out = append(out, contentCount{k, n})
		}
	}
	return out
}
