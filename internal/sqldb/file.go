package sqldb

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	_ "image/jpeg" // the photos a note takes
	_ "image/png"
	"strings"
	"unicode/utf8"

	"tuyengiao"
	"tuyengiao/internal/ooxml"
	"tuyengiao/internal/vn"
)

// The content types of the files taken from users (document files, essay files), decided
// by content.
const (
	contentTypePDF  = "application/pdf"
	contentTypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	contentTypeJPEG = "image/jpeg"
	contentTypePNG  = "image/png"
)

// checkedFile is a file a user sent, checked: its cleaned name, its type by content, its
// size and SHA-256 in hex.
type checkedFile struct {
	Name, ContentType string
	Size              int64
	SHA256            string
}

// docxUnpackedBytes bounds what the parts of a DOCX unpack to: ten times the largest file
// taken, since text compresses about that much and pictures not at all.
const docxUnpackedBytes = 10 * tuyengiao.MaxDocumentFileBytes

// checkFile checks a PDF or DOCX file a user sent, for every kind of record that takes one:
// at most maxBytes (ETOOLARGE), a PDF or a DOCX by its content (documentFileType), a name
// without folders, control or direction characters; the errors name the field "file" (the
// name, "name").
func checkFile(name string, content []byte, maxBytes int) (checkedFile, error) {
	return checkFileOf(name, content, maxBytes, documentFileType)
}

// checkEvidenceFile checks a file a note on a record takes, as checkFile does, but for its
// type: a JPEG or PNG photo as well as a PDF or a DOCX (evidenceFileType).
func checkEvidenceFile(name string, content []byte, maxBytes int) (checkedFile, error) {
	return checkFileOf(name, content, maxBytes, evidenceFileType)
}

// checkFileOf checks a file a user sent as checkFile does, its type decided by typeOf.
func checkFileOf(name string, content []byte, maxBytes int, typeOf func([]byte) (string, error)) (checkedFile, error) {
	if len(content) > maxBytes {
		return checkedFile{}, &tuyengiao.Error{Code: tuyengiao.ETOOLARGE, Field: "file",
			Key: "Tệp lớn quá %d MB.", Args: []any{maxBytes >> 20}}
	}
	f := checkedFile{Size: int64(len(content))}
	var err error
	if f.ContentType, err = typeOf(content); err != nil {
		return checkedFile{}, err
	}
	if f.Name, err = documentFileName(name); err != nil {
		return checkedFile{}, err
	}
	sum := sha256.Sum256(content)
	f.SHA256 = hex.EncodeToString(sum[:])
	return f, nil
}

// documentFileType returns the content type of a PDF or of a DOCX: a zip holding
// word/document.xml and no macros (word/vbaProject.bin: a .docm renamed), whatever the case
// of the names, whose parts unpack, by their declared and their actual sizes, to at most
// docxUnpackedBytes (ETOOLARGE). The DOCX is unpacked here because nobody else does before a
// reader downloads it. Anything else is refused, naming the field "file".
func documentFileType(content []byte) (string, error) {
	if bytes.HasPrefix(content, []byte("%PDF-")) {
		return contentTypePDF, nil
	}
	notDocument := tuyengiao.FieldError("file", "Chỉ nhận tệp PDF hoặc DOCX")
	if !bytes.HasPrefix(content, []byte("PK\x03\x04")) {
		return "", notDocument
	}
	// One reading of the zip directory for every check, so that they all see the same parts
	// under the same rule for names: Word finds "Word/vbaProject.bin" as well.
	a, err := ooxml.Open(content, docxUnpackedBytes)
	switch {
	case errors.Is(err, ooxml.ErrBroken):
		return "", notDocument
	case err == nil && (!a.Has("word/document.xml") || a.Has("word/vbaProject.bin")):
		return "", notDocument
	case err == nil:
		err = a.Verify()
	}
	switch {
	case err == nil:
		return contentTypeDOCX, nil
	case errors.Is(err, ooxml.ErrTooLarge):
		return "", &tuyengiao.Error{Code: tuyengiao.ETOOLARGE, Field: "file",
			Key: "Tệp DOCX khi giải nén vượt quá giới hạn %d MB.", Args: []any{docxUnpackedBytes >> 20}}
	}
	return "", tuyengiao.FieldError("file", "Tệp DOCX bị hỏng, không giải nén được.")
}

// evidenceFileType returns the content type of a file a note takes: a JPEG or PNG photo
// whose header reads as one (a name alone does not make a photo), or a PDF or a DOCX as
// documentFileType takes them. Anything else is refused, naming the field "file".
func evidenceFileType(content []byte) (string, error) {
	switch {
	case bytes.HasPrefix(content, []byte("%PDF-")), bytes.HasPrefix(content, []byte("PK\x03\x04")):
		return documentFileType(content)
	case bytes.HasPrefix(content, []byte("\xff\xd8\xff")), bytes.HasPrefix(content, []byte("\x89PNG\r\n\x1a\n")):
		if _, format, err := image.DecodeConfig(bytes.NewReader(content)); err == nil {
			return map[string]string{"jpeg": contentTypeJPEG, "png": contentTypePNG}[format], nil
		}
		return "", tuyengiao.FieldError("file", "Tệp ảnh bị hỏng, không đọc được.")
	}
	return "", tuyengiao.FieldError("file", "Chỉ nhận tệp PDF, DOCX hoặc ảnh JPEG, PNG.")
}

// documentFileName returns the name of an attached file in NFC, without the folder some
// browsers send with it and without control or direction characters (vn.NFC).
func documentFileName(name string) (string, error) {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = vn.NFC(name)
	if name == "" || name == "." || name == ".." {
		return "", tuyengiao.FieldError("name", "Tệp chưa có tên.")
	} else if utf8.RuneCountInString(name) > 255 {
		return "", tuyengiao.FieldError("name", "Tên tệp dài quá 255 ký tự.")
	}
	return name, nil
}
