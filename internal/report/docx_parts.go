package report

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"

	"tuyengiao"
)

// The namespaces of the parts.
const (
	docxNSW   = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	docxNSR   = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	docxNSRel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	docxXML   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// zip writes the package: the document with its body, styles, settings, footer and images.
func (x *docxWriter) zip(w io.Writer, d *tuyengiao.ReportDocument) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRootRels},
		{"docProps/core.xml", docxCore(d)},
		{"word/document.xml", x.document()},
		{"word/styles.xml", docxStyles},
		{"word/settings.xml", docxSettings},
		{"word/footer1.xml", docxFooter},
		{"word/_rels/document.xml.rels", x.rels()},
	}
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, docxXML+p.body); err != nil {
			return err
		}
	}
	for i, png := range x.images {
		// PNG is compressed already.
		f, err := z.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("word/media/chart%d.png", i+1), Method: zip.Store})
		if err != nil {
			return err
		}
		if _, err := f.Write(png); err != nil {
			return err
		}
	}
	return z.Close()
}

// document returns word/document.xml: the body, then the section of an A4 page with the
// margins of Hướng dẫn 36-HD/VPTW (20 mm top and bottom, 30 mm left, 15 mm right) and the
// footer.
func (x *docxWriter) document() string {
	return `<w:document ` + docxNSW + ` ` + docxNSR +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
		` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
		` xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>` + x.b.String() +
		`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>` +
		`<w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>` +
		`</w:sectPr></w:body></w:document>`
}

// rels returns the relationships of the document: its styles, settings, footer and images.
func (x *docxWriter) rels() string {
	var b strings.Builder
	b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdStyles" Type="` + docxNSRel + `/styles" Target="styles.xml"/>` +
		`<Relationship Id="rIdSettings" Type="` + docxNSRel + `/settings" Target="settings.xml"/>` +
		`<Relationship Id="rIdFooter" Type="` + docxNSRel + `/footer" Target="footer1.xml"/>`)
	for i := range x.images {
		fmt.Fprintf(&b, `<Relationship Id="rIdChart%[1]d" Type="`+docxNSRel+`/image" Target="media/chart%[1]d.png"/>`, i+1)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

const docxContentTypes = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Default Extension="png" ContentType="image/png"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

const docxRootRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + docxNSRel + `/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

// docxCore returns the document's properties: its title is the report's subject.
func docxCore(d *tuyengiao.ReportDocument) string {
	return `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		`<dc:title>` + docxEscape(strings.TrimSpace(d.Title+" "+d.Subject)) + `</dc:title>` +
		`<dc:creator>` + docxEscape(d.Issuer) + `</dc:creator></cp:coreProperties>`
}

// docxFooter is the footer: the page number centred, a PAGE field whose cached value is 1 and
// which is not marked dirty, so that Word does not ask to update the fields on opening.
const docxFooter = `<w:ftr ` + docxNSW + `><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
	`<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
	`<w:r><w:rPr><w:noProof/></w:rPr><w:t>1</w:t></w:r>` +
	`<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`

// docxSettings are the settings: the compatibility of Word 2013 and later, without which Word
// opens the document in compatibility mode.
const docxSettings = `<w:settings ` + docxNSW + `><w:defaultTabStop w:val="720"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/><w:compat>` +
	`<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>` +
	`</w:compat></w:settings>`

// docxStyles are the styles: Times New Roman 14 pt in Vietnamese by default; the body
// justified with its first line indented 1 cm, 6 pt after a paragraph and lines 1,2 apart;
// headings the same in bold, kept with what follows; captions centred; the text of tables.
const docxStyles = `<w:styles ` + docxNSW + `><w:docDefaults><w:rPrDefault><w:rPr>` +
	`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>` +
	`<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:widowControl/><w:spacing w:before="0" w:after="120" w:line="288" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="BodyText"/><w:next w:val="BodyText"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>` +
	`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`
