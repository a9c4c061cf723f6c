package sqldb

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/ooxml/ooxmltest"
	"tuyengiao/internal/vn"
)

// TestCheckFile covers the check every document file and essay file goes through.
func TestCheckFile(t *testing.T) {
	t.Run("a DOCX that expands to 1 GB is refused as too large", func(t *testing.T) {
		_, err := checkFile("bom.docx", ooxmltest.Bomb(t, 1<<10, 1<<30), tuyengiao.MaxEssayFileBytes)
		if e := (*tuyengiao.Error)(nil); !errors.As(err, &e) || e.Code != tuyengiao.ETOOLARGE || e.Field != "file" || vn.Message(e) != "Tệp DOCX khi giải nén vượt quá giới hạn 200 MB." {
			t.Fatalf("err = %#v", err)
		}
	})
	t.Run("a DOCX whose parts unpack to more than they declare is refused as too large", func(t *testing.T) {
		_, err := checkFile("bom.docx", ooxmltest.Bomb(t, 4<<20, 1<<10), tuyengiao.MaxEssayFileBytes)
		if e := (*tuyengiao.Error)(nil); !errors.As(err, &e) || e.Code != tuyengiao.ETOOLARGE || e.Field != "file" {
			t.Fatalf("err = %#v", err)
		}
	})
	t.Run("an ordinary DOCX is taken", func(t *testing.T) {
		f, err := checkFile("ke-hoach.docx", ooxmltest.Bomb(t, 1<<20, 1<<20), tuyengiao.MaxEssayFileBytes)
		if err != nil || f.ContentType != contentTypeDOCX {
			t.Fatalf("file %+v: %v", f, err)
		}
	})
	for _, macros := range []string{"word/vbaProject.bin", "Word/vbaProject.bin", "WORD/VBAPROJECT.BIN", `word\vbaProject.bin`} {
		t.Run("a DOCX holding macros as "+macros+" is refused", func(t *testing.T) {
			_, err := checkFile("ke-hoach.docx", zipOf(t, "[Content_Types].xml", "word/document.xml", macros), tuyengiao.MaxEssayFileBytes)
			if e := (*tuyengiao.Error)(nil); !errors.As(err, &e) || e.Code != tuyengiao.EINVALID || e.Field != "file" {
				t.Fatalf("err = %#v", err)
			}
		})
	}
	t.Run("a DOCX whose document part is named in another case is taken", func(t *testing.T) {
		f, err := checkFile("ke-hoach.docx", zipOf(t, "[Content_Types].xml", "Word/Document.xml"), tuyengiao.MaxEssayFileBytes)
		if err != nil || f.ContentType != contentTypeDOCX {
			t.Fatalf("file %+v: %v", f, err)
		}
	})
	t.Run("a zip without a document part is refused", func(t *testing.T) {
		if _, err := checkFile("anh.docx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), tuyengiao.MaxEssayFileBytes); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a file name loses the direction characters that would hide its extension", func(t *testing.T) {
		f, err := checkFile("C:\\Tải về\\\u202efdp.exe\x07", []byte("%PDF-1.7\n"), tuyengiao.MaxEssayFileBytes)
		if err != nil || f.Name != "fdp.exe" {
			t.Fatalf("file %+v: %v", f, err)
		}
	})
}

// zipOf returns a zip holding a small part under each name.
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCheckEvidenceFile covers the check of the files of notes: photos besides documents,
// each by its content.
func TestCheckEvidenceFile(t *testing.T) {
	for name, tc := range map[string]struct {
		content []byte
		want    string
	}{
		"a PNG":                           {photo(t, pngOf), contentTypePNG},
		"a JPEG":                          {photo(t, jpegOf), contentTypeJPEG},
		"a PDF":                           {[]byte("%PDF-1.7\n"), contentTypePDF},
		"a DOCX":                          {zipOf(t, "[Content_Types].xml", "word/document.xml"), contentTypeDOCX},
		"a JPEG's first bytes alone":      {[]byte("\xff\xd8\xff\xe0"), ""},
		"a PNG whose header is cut short": {photo(t, pngOf)[:20], ""},
		"a GIF":                           {[]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), ""},
		"a program":                       {[]byte("MZ\x90\x00\x03\x00\x00\x00"), ""},
	} {
		f, err := checkEvidenceFile("minh-chung.pdf", tc.content, tuyengiao.MaxRecordNoteFileBytes)
		switch {
		case tc.want != "" && (err != nil || f.ContentType != tc.want):
			t.Errorf("%s: %+v, %v", name, f, err)
		case tc.want == "" && (err == nil || tuyengiao.UserError(err).Field != "file"):
			t.Errorf("%s: taken as %+v, %v", name, f, err)
		}
	}
	if _, err := checkFile("anh.png", photo(t, pngOf), tuyengiao.MaxDocumentFileBytes); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
		t.Errorf("a document took a photo: %v", err)
	}
}
