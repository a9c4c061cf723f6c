// Package ooxml opens the zip container of the Office Open XML files users send (XLSX
// spreadsheets, DOCX documents) within a limit on what their parts unpack to, so that a file
// of a few megabytes cannot expand to gigabytes in the server's memory or on its disk.
package ooxml

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
)

// The errors of Open and Verify.
var (
	ErrBroken   = errors.New("ooxml: not a readable zip file")
	ErrTooLarge = errors.New("ooxml: the parts unpack beyond the limit")
)

// Archive is a zip file whose parts were checked against a limit.
type Archive struct {
	files []*zip.File
	names map[string]bool
}

// Open reads the zip directory of b and checks that the unpacked sizes its parts declare add
// up to at most limit bytes: ErrTooLarge otherwise, ErrBroken for what is not a zip file.
// A part can never be read past its declared size (archive/zip fails it), so the limit holds
// for whoever reads the parts later; Verify reads them all at once.
func Open(b []byte, limit int64) (*Archive, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, ErrBroken
	}
	a := &Archive{files: zr.File, names: make(map[string]bool, len(zr.File))}
	var unpacked uint64
	for _, f := range zr.File {
		// Each size is checked alone first, so that the sum cannot overflow.
		if f.UncompressedSize64 > uint64(limit) || unpacked+f.UncompressedSize64 > uint64(limit) {
			return nil, ErrTooLarge
		}
		unpacked += f.UncompressedSize64
		a.names[partName(f.Name)] = true
	}
	return a, nil
}

// partName is the name of a part as Has takes it: lower case, with forward slashes (some
// software writes backslashes).
func partName(name string) string { return strings.ToLower(strings.ReplaceAll(name, `\`, "/")) }

// Has tells whether the archive holds the part, whatever the case of its name.
func (a *Archive) Has(name string) bool { return a.names[partName(name)] }

// Verify unpacks every part, so that the sizes checked by Open are also the actual ones: a
// part that unpacks to more than it declares is ErrTooLarge, one that does not unpack or
// fails its checksum ErrBroken.
func (a *Archive) Verify() error {
	for _, f := range a.files {
		if err := verifyPart(f); err != nil {
			return err
		}
	}
	return nil
}

func verifyPart(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return ErrBroken
	}
	defer rc.Close()
	_, err = io.Copy(io.Discard, rc)
	switch {
	case errors.Is(err, zip.ErrFormat):
		// The one format error of reading a part: archive/zip stopped it at its declared size.
		return ErrTooLarge
	case err != nil:
		return ErrBroken
	}
	return nil
}
