package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// kindLabels name the kinds of document symbol, for the groups of the lists.
var kindLabels = map[string]string{
	tuyengiao.PartyDocument: "Văn bản của Đảng",
	tuyengiao.StateDocument: "Văn bản của Nhà nước",
}

// vocabEntry is a type or an issuer as the vocabulary page and the list filter show it.
type vocabEntry struct {
	Code, Name string
	OtherNames []string
	Term       bool     // an issuer whose number after the code is the term
	Local      bool     // an issuer whose code every committee of a rank writes
	UnitKinds  []string // the codes of the unit kinds that issue under a local code
	Builtin    bool
	Selected   bool // the value of the list filter
}

// HasKind reports whether the unit kind of the code issues under the entry's local code.
func (e vocabEntry) HasKind(code string) bool { return slices.Contains(e.UnitKinds, code) }

// vocabGroup is the entries of one kind of symbol.
type vocabGroup struct {
	Kind, Label string
	Entries     []vocabEntry
}

// docVocabulary is the vocabulary of document types and issuers, each grouped Party then
// State, and as vn reads symbols with it.
type docVocabulary struct {
	Types, Issuers []vocabGroup
	symbols        vn.Vocabulary
}

// names names the type and the issuer of a registered symbol, the additions of an
// administrator included; "" for what is not known.
func (v *docVocabulary) names(symbol string) docNames {
	s, err := vn.ParseSymbol(symbol, &v.symbols)
	if err != nil {
		return docNames{}
	}
	t, i := v.symbols.Names(s)
	return docNames{Type: t, Issuer: i}
}

// documentVocabulary reads the vocabulary from the service.
func (s *Server) documentVocabulary(r *http.Request) (*docVocabulary, error) {
	types, err := s.Documents.DocumentTypes(r.Context())
	if err != nil {
		return nil, err
	}
	issuers, err := s.Documents.DocumentIssuers(r.Context())
	if err != nil {
		return nil, err
	}
	v := &docVocabulary{}
	// The service stores only what vn takes, so adding cannot fail.
	for _, t := range types {
		_ = v.symbols.AddType(vn.DocType{Kind: vn.SymbolKind(t.Kind), Code: t.Code, Name: t.Name, OtherNames: t.OtherNames})
		v.Types = addEntry(v.Types, t.Kind, vocabEntry{Code: t.Code, Name: t.Name, OtherNames: t.OtherNames, Builtin: t.Builtin})
	}
	for _, i := range issuers {
		_ = v.symbols.AddIssuer(vn.Issuer{Kind: vn.SymbolKind(i.Kind), Code: i.Code, Name: i.Name, OtherNames: i.OtherNames, Term: i.Term})
		v.Issuers = addEntry(v.Issuers, i.Kind, vocabEntry{Code: i.Code, Name: i.Name, OtherNames: i.OtherNames, Term: i.Term, Local: i.Local,
			UnitKinds: i.UnitKinds, Builtin: i.Builtin})
	}
	return v, nil
}

// addEntry appends e to the group of the kind, which it opens after the others if missing.
func addEntry(groups []vocabGroup, kind string, e vocabEntry) []vocabGroup {
	if n := len(groups); n > 0 && groups[n-1].Kind == kind {
		groups[n-1].Entries = append(groups[n-1].Entries, e)
		return groups
	}
	return append(groups, vocabGroup{Kind: kind, Label: kindLabels[kind], Entries: []vocabEntry{e}})
}

// filterChoices returns the coded entries of the groups for a select of the list filter,
// the first one whose code is value selected, and value itself when none has it.
func filterChoices(groups []vocabGroup, value string) (out []vocabGroup, other string) {
	found := value == ""
	for _, g := range groups {
		c := vocabGroup{Kind: g.Kind, Label: g.Label}
		for _, e := range g.Entries {
			if e.Code == "" {
				continue // a type without code (Luật) is never in a symbol
			}
			e.Selected = !found && e.Code == value
			found = found || e.Selected
			c.Entries = append(c.Entries, e)
		}
		out = append(out, c)
	}
	if !found {
		other = value
	}
	return out, other
}

// vocabularyData is what the vocabulary page shows; Which names the form an error is about:
// "type", "issuer", or the kind and code of the issuer whose unit kinds were set.
type vocabularyData struct {
	*docVocabulary
	Which     string
	Kinds     []*tuyengiao.UnitKind // the unit kinds a local issuer may name, in order
	KindNames map[string]string     // their names in the page's language
}

func (s *Server) vocabularyPage(w http.ResponseWriter, r *http.Request) error {
	return s.vocabularyForm(w, r, nil, http.StatusOK, "")
}

// vocabularyForm shows the vocabulary with the error of the form which ("type" or
// "issuer"), if any.
func (s *Server) vocabularyForm(w http.ResponseWriter, r *http.Request, err error, code int, which string) error {
	v, verr := s.documentVocabulary(r)
	if verr != nil {
		return verr
	}
	d := &vocabularyData{docVocabulary: v, Which: which}
	if d.Kinds, verr = s.Units.FindUnitKinds(r.Context()); verr != nil {
		return verr
	}
	if d.KindNames, verr = s.kindNames(r, lang(r)); verr != nil {
		return verr
	}
	p := &page{Title: "Danh mục văn bản", Nav: "documents", Data: d, Form: r.PostForm}
	return s.renderForm(w, r, "vocabulary", p, err, code)
}

// otherNames reads the other names of an entry, one a line.
func otherNames(f url.Values) []string {
	return strings.Split(strings.ReplaceAll(f.Get("other_names"), "\r\n", "\n"), "\n")
}

func (s *Server) documentTypeCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	t := &tuyengiao.DocumentType{Kind: f.Get("kind"), Code: strings.TrimSpace(f.Get("code")), Name: f.Get("name"), OtherNames: otherNames(f)}
	if err := s.Documents.CreateDocumentType(r.Context(), t); err != nil {
		return formError(err, func(err error, code int) error { return s.vocabularyForm(w, r, err, code, "type") })
	}
	http.Redirect(w, r, "/vocabulary?ok=created", http.StatusSeeOther)
	return nil
}

func (s *Server) documentIssuerCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	i := &tuyengiao.DocumentIssuer{Kind: f.Get("kind"), Code: strings.TrimSpace(f.Get("code")), Name: f.Get("name"),
		OtherNames: otherNames(f), Term: f.Get("term") != "", Local: f.Get("local") != "", UnitKinds: f["unit_kinds"]}
	if err := s.Documents.CreateDocumentIssuer(r.Context(), i); err != nil {
		return formError(err, func(err error, code int) error { return s.vocabularyForm(w, r, err, code, "issuer") })
	}
	http.Redirect(w, r, "/vocabulary?ok=created", http.StatusSeeOther)
	return nil
}

// documentIssuerUnitKinds sets the unit kinds of the local issuer of the form's kind and
// code.
func (s *Server) documentIssuerUnitKinds(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	if _, err := s.Documents.SetIssuerUnitKinds(r.Context(), f.Get("kind"), f.Get("code"), f["unit_kinds"]); err != nil {
		return formError(err, func(err error, code int) error {
			return s.vocabularyForm(w, r, err, code, f.Get("kind")+":"+f.Get("code"))
		})
	}
	http.Redirect(w, r, "/vocabulary?ok=saved#issuers", http.StatusSeeOther)
	return nil
}

func (s *Server) apiDocumentTypes(w http.ResponseWriter, r *http.Request) error {
	types, err := s.Documents.DocumentTypes(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(types, len(types)))
	return nil
}

func (s *Server) apiDocumentIssuers(w http.ResponseWriter, r *http.Request) error {
	issuers, err := s.Documents.DocumentIssuers(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(issuers, len(issuers)))
	return nil
}

// apiDocumentTypeCreate adds a type; the service sets Builtin, whatever the body says.
func (s *Server) apiDocumentTypeCreate(w http.ResponseWriter, r *http.Request) error {
	var t tuyengiao.DocumentType
	if err := decodeJSON(r, &t); err != nil {
		return err
	}
	if err := s.Documents.CreateDocumentType(r.Context(), &t); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, &t)
	return nil
}

// issuerUnitKindsBody is the body of apiDocumentIssuerUnitKinds.
type issuerUnitKindsBody struct {
	UnitKinds []string `json:"unit_kinds"`
}

// apiDocumentIssuerUnitKinds sets the unit kinds of the local issuer of the path.
func (s *Server) apiDocumentIssuerUnitKinds(w http.ResponseWriter, r *http.Request) error {
	var in issuerUnitKindsBody
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	i, err := s.Documents.SetIssuerUnitKinds(r.Context(), r.PathValue("kind"), r.PathValue("code"), in.UnitKinds)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, i)
	return nil
}

// apiDocumentIssuerCreate adds an issuer, as apiDocumentTypeCreate adds a type.
func (s *Server) apiDocumentIssuerCreate(w http.ResponseWriter, r *http.Request) error {
	var i tuyengiao.DocumentIssuer
	if err := decodeJSON(r, &i); err != nil {
		return err
	}
	if err := s.Documents.CreateDocumentIssuer(r.Context(), &i); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, &i)
	return nil
}
