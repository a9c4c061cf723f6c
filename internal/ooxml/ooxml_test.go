package ooxml

import (
	"errors"
	"testing"

	"tuyengiao/internal/ooxml/ooxmltest"
)

func TestOpen(t *testing.T) {
	const limit = 4 << 20
	t.Run("a file whose parts declare 1 GB is refused from its directory alone", func(t *testing.T) {
		b := ooxmltest.Bomb(t, 1<<10, 1<<30)
		if _, err := Open(b, limit); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("parts that add up beyond the limit are refused", func(t *testing.T) {
		b := ooxmltest.Bomb(t, 1<<10, limit/2+1)
		if _, err := Open(b, limit); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a part that unpacks to more than it declares is refused when verified", func(t *testing.T) {
		b := ooxmltest.Bomb(t, 8<<20, 1<<10)
		a, err := Open(b, limit)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Verify(); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("an honest file within the limit opens and verifies, its parts found whatever their case", func(t *testing.T) {
		a, err := Open(ooxmltest.Bomb(t, 1<<20, 1<<20), limit)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Verify(); err != nil || !a.Has("Word/Document.xml") || a.Has("xl/workbook.xml") {
			t.Fatalf("verify: %v", err)
		}
	})
	t.Run("a part with a wrong checksum is broken", func(t *testing.T) {
		b := ooxmltest.Bomb(t, 1<<10, 1<<10)
		a, err := Open(b, limit)
		if err != nil {
			t.Fatal(err)
		}
		a.files[1].CRC32++
		if err := a.Verify(); !errors.Is(err, ErrBroken) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("what is not a zip file is broken", func(t *testing.T) {
		if _, err := Open([]byte("PK\x03\x04 not really"), limit); !errors.Is(err, ErrBroken) {
			t.Fatalf("err = %v", err)
		}
	})
}

// FuzzOpen feeds Open and Verify with anything: they never panic and answer one of their
// errors.
func FuzzOpen(f *testing.F) {
	f.Add(ooxmltest.Bomb(f, 1<<10, 1<<10))
	f.Add(ooxmltest.Bomb(f, 1<<12, 1<<8))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := Open(b, 1<<20)
		if err == nil {
			err = a.Verify()
		}
		if err != nil && !errors.Is(err, ErrBroken) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v", err)
		}
	})
}
