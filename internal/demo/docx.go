package demo

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// createDocument registers doc and attaches its text as a DOCX, through the service that
// takes the files users upload, so that a member who opens a document studies a file as
// with real ones.
func createDocument(ctx context.Context, docs tuyengiao.DocumentService, doc *tuyengiao.Document) error {
	if err := docs.CreateDocument(ctx, doc); err != nil {
		return err
	}
	name := strings.NewReplacer("/", "-", " ", "-").Replace(vn.Fold(doc.Symbol)) + ".docx"
	_, err := docs.AddDocumentFile(ctx, doc.ID, name, documentText(doc))
	return err
}

// documentText is the text of a demo document as a DOCX: the heading a document of the
// Party carries, its symbol and day, its title and a note that the text is made up.
func documentText(doc *tuyengiao.Document) []byte {
	paragraphs := []string{"ĐẢNG CỘNG SẢN VIỆT NAM", "Số " + doc.Symbol}
	if !doc.IssuedOn.IsZero() {
		paragraphs = append(paragraphs, "Ngày "+vn.Date(doc.IssuedOn.Time))
	}
	paragraphs = append(paragraphs, strings.ToUpper(doc.Title),
		"Văn bản mẫu của dữ liệu thử nghiệm: tệp này do hệ thống tạo ra để thay cho toàn văn, "+
			"chỉ gồm số, ký hiệu, ngày ban hành và trích yếu của văn bản.")
	var body bytes.Buffer
	for _, p := range paragraphs {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		xml.EscapeText(&body, []byte(p))
		body.WriteString(`</w:t></w:r></w:p>`)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, part := range []struct{ name, text string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `</w:body></w:document>`},
	} {
		w, err := zw.Create(part.name)
		if err != nil {
			panic(fmt.Sprintf("demo: %s: %v", part.name, err)) // writing to memory does not fail
		}
		w.Write([]byte(part.text))
	}
	zw.Close()
	return b.Bytes()
}
