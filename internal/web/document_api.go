package web

import (
	"net/http"

	"tuyengiao"
)

func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) error {
	f, err := documentFilter(r.URL.Query())
	if err != nil {
		return err
	}
	docs, total, err := s.Documents.FindDocuments(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(docs, total))
	return nil
}

// documentInput is the JSON body that registers a document: what the server sets (the
// parsed parts of the symbol, the files, the relations) is not taken from the request.
type documentInput struct {
	Symbol   string         `json:"symbol"`
	IssuedOn tuyengiao.Date `json:"issued_on"`
	Term     string         `json:"term"`
	Title    string         `json:"title"`
	Summary  string         `json:"summary"`
	Fields   []string       `json:"fields"`
	UnitID   int64          `json:"unit_id"`
	// IssuingUnitID is the unit that issued a local issuer's document (08-CTr/QU): each
	// Quận ủy numbers its own.
	IssuingUnitID int64 `json:"issuing_unit_id"`
	// Contents are the contents the document lists, in their order.
	Contents []tuyengiao.DocumentContent `json:"contents"`
}

func (s *Server) apiDocumentCreate(w http.ResponseWriter, r *http.Request) error {
	var in documentInput
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if in.Fields == nil {
		in.Fields = []string{}
	}
	d := &tuyengiao.Document{Symbol: in.Symbol, IssuedOn: in.IssuedOn, Term: in.Term, Title: in.Title, Summary: in.Summary,
		Fields: in.Fields, UnitID: in.UnitID, IssuingUnitID: in.IssuingUnitID, Contents: in.Contents}
	if err := s.Documents.CreateDocument(r.Context(), d); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, d)
	return nil
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d, err := s.Documents.FindDocumentByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (s *Server) apiDocumentUpdate(w http.ResponseWriter, r *http.Request) error {
	var upd tuyengiao.DocumentUpdate
	id, err := jsonID(r, &upd)
	if err != nil {
		return err
	}
	d, err := s.Documents.UpdateDocument(r.Context(), id, upd)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (s *Server) apiDocumentFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	up, err := readDocumentFile(r)
	if err != nil {
		return err
	}
	f, err := s.Documents.AddDocumentFile(r.Context(), id, up.Filename, up.Content)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, f)
	return nil
}

// documentChainBody is the JSON form of a document's chain: the DocumentChain schema.
type documentChainBody struct {
	Documents []*tuyengiao.Document        `json:"documents"`
	Relations []tuyengiao.DocumentRelation `json:"relations"`
}

func (s *Server) apiDocumentChain(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	docs, rels, err := s.Documents.DocumentChain(r.Context(), id)
	if err != nil {
		return err
	}
	if rels == nil {
		rels = []tuyengiao.DocumentRelation{}
	}
	writeJSON(w, http.StatusOK, documentChainBody{Documents: docs, Relations: rels})
	return nil
}

// relationInput is the JSON body of a relation from the document of the path.
type relationInput struct {
	ToID int64                  `json:"to_id"`
	Kind tuyengiao.RelationKind `json:"kind"`
}

func (s *Server) apiDocumentRelate(w http.ResponseWriter, r *http.Request) error {
	var in relationInput
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	if err := s.Documents.RelateDocuments(r.Context(), id, in.ToID, in.Kind); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, tuyengiao.DocumentRelation{FromID: id, ToID: in.ToID, Kind: in.Kind})
	return nil
}

func (s *Server) apiDocumentUnrelate(w http.ResponseWriter, r *http.Request) error {
	var in relationInput
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	if err := s.Documents.UnrelateDocuments(r.Context(), id, in.ToID, in.Kind); err != nil {
		return err
	}
	return noContent(w)
}

func (s *Server) apiDocumentImplementation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	im, err := s.Documents.Implementation(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, im)
	return nil
}
