package sqldb

import (
	"errors"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/ooxml/ooxmltest"
)

// TestCheckFile covers the check every document file and essay file goes through.
func TestCheckFile(t *testing.T) {
	t.Run("a DOCX that expands to 1 GB is refused as too large", func(t *testing.T) {
		_, err := checkFile("bom.docx", ooxmltest.Bomb(t, 1<<10, 1<<30), tuyengiao.MaxEssayFileBytes)
		if e := (*tuyengiao.Error)(nil); !errors.As(err, &e) || e.Code != tuyengiao.ETOOLARGE || e.Field != "file" || e.Message != "Tệp DOCX khi giải nén vượt quá giới hạn 200 MB." {
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
	t.Run("a file name loses the direction characters that would hide its extension", func(t *testing.T) {
		f, err := checkFile("C:\\Tải về\\\u202efdp.exe\x07", []byte("%PDF-1.7\n"), tuyengiao.MaxEssayFileBytes)
		if err != nil || f.Name != "fdp.exe" {
			t.Fatalf("file %+v: %v", f, err)
		}
	})
}
