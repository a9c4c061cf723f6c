// Package ooxmltest makes the zip bombs that the tests of the readers of uploaded files
// (internal/ooxml and its users) refuse.
package ooxmltest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"testing"
)

// Bomb returns a DOCX-like zip ([Content_Types].xml and word/document.xml), each part of
// which unpacks to real bytes of zeros while the directory declares declared bytes: an
// honest bomb when they are equal, a lying one when declared is smaller.
func Bomb(t testing.TB, real int, declared uint64) []byte {
	t.Helper()
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	zeros := make([]byte, real)
	fw.Write(zeros)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(zeros),
			CompressedSize64: uint64(deflated.Len()), UncompressedSize64: declared}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(deflated.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
