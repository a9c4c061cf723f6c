// Package xlsximport reads the spreadsheets that the staff of the commission fill in (for now
// the people of the units) from XLSX or CSV files, recognised by their content and read within
// limits, so that an upload can neither exhaust the server nor be misread in silence.
package xlsximport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/ooxml"
	"tuyengiao/internal/vn"
)

// Limits bound what a reader accepts. A zero field takes its value from DefaultLimits.
type Limits struct {
	UploadBytes   int64 // the file as sent
	UnpackedBytes int64 // all the parts of an XLSX once unzipped
	Rows          int   // data rows, not counting the header and empty rows
}

// DefaultLimits returns the limits of an upload of people: 10 MiB sent, 100 MiB unpacked and
// 200.000 data rows, several times the largest party organisation.
func DefaultLimits() Limits {
	return Limits{UploadBytes: 10 << 20, UnpackedBytes: 100 << 20, Rows: 200_000}
}

func (l Limits) orDefaults() Limits {
	d := DefaultLimits()
	if l.UploadBytes <= 0 {
		l.UploadBytes = d.UploadBytes
	}
	if l.UnpackedBytes <= 0 {
		l.UnpackedBytes = d.UnpackedBytes
	}
	if l.Rows <= 0 {
		l.Rows = d.Rows
	}
	return l
}

// notSpreadsheet starts every message about a file of the wrong kind.
const notSpreadsheet = "Tệp không phải XLSX hay CSV"

// saveAsXLSX tells the user how to turn most other files into one the reader accepts.
const saveAsXLSX = "Hãy mở tệp bằng Excel rồi lưu lại dạng Excel Workbook (.xlsx)."

// ReadPeople reads the people of a spreadsheet: the first sheet of an XLSX or a CSV, told apart
// by their content, never by the file name. size is the length of the upload when the caller
// knows it (a multipart header), or -1; it only refuses a too large file before reading, since
// the limit is enforced on the bytes actually read.
//
// The columns are found by their header (see PeopleTemplate), in any order, written with or
// without diacritics, in Vietnamese or English; other columns are ignored. Every data row gives
// one ImportRow in sheet order, with Row its number as the user sees it; a cell that cannot be
// read sets the row's Err and the other rows are still returned. Rows whose known columns are all
// empty are skipped.
//
// The errors are *tuyengiao.Error, EINVALID for a file of another kind, a broken file or a
// missing required column and ETOOLARGE for a file beyond limits, except an error of r, which
// is returned as it is.
func ReadPeople(r io.Reader, size int64, limits Limits) ([]tuyengiao.ImportRow, error) {
	limits = limits.orDefaults()
	return readFile(r, size, limits, func(s *sheet) ([]tuyengiao.ImportRow, error) {
		return readTable(s, limits)
	})
}

// rowSource yields the rows of a sheet one by one, each with its number as the user sees
// it, and io.EOF after the last.
type rowSource func() (int, []string, error)

// sheet is the first sheet of a file being read.
type sheet struct {
	next     rowSource
	date1904 bool
	charset  string // the encoding of a CSV that was not UTF-8, or ""
	legacy   legacyText
	// converted names what the text of the row read last was converted from: a legacy font,
	// or the charset; "" for Unicode.
	converted string
}

// row is the rowSource of the sheet, its cells in a legacy font converted to Unicode.
func (s *sheet) row() (int, []string, error) {
	n, cells, err := s.next()
	if err == nil {
		s.converted = s.charset
		if font := s.legacy.convert(cells); font != "" {
			s.converted = font
		}
	}
	return n, cells, err
}

// readFile reads the first sheet of an XLSX or a CSV, told apart by content within limits
// (see ReadPeople), and hands its rows to table.
func readFile[T any](r io.Reader, size int64, limits Limits, table func(s *sheet) (T, error)) (T, error) {
	var none T
	if size > limits.UploadBytes {
		return none, uploadTooLarge(limits)
	}
	b, err := io.ReadAll(io.LimitReader(r, limits.UploadBytes+1))
	if err != nil {
		return none, err
	} else if int64(len(b)) > limits.UploadBytes {
		return none, uploadTooLarge(limits)
	}
	xlsx, err := detect(b, limits)
	if err != nil {
		return none, err
	} else if xlsx {
		return readXLSX(b, limits, table)
	}
	return readCSV(b, table)
}

func uploadTooLarge(l Limits) error {
	return tuyengiao.Errorf(tuyengiao.ETOOLARGE, "Tệp vượt quá giới hạn %s.", bytesText(l.UploadBytes))
}

// bytesText writes a size for users: "10 MB", "1,5 MB", "800 KB".
func bytesText(n int64) string {
	if n >= 1<<20 {
		return vn.Decimal(float64(n)/(1<<20), 1) + " MB"
	}
	return vn.Decimal(float64(n)/(1<<10), 1) + " KB"
}

var (
	zipMagic  = []byte("PK\x03\x04")
	oleMagic  = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") // Excel 97-2003 and encrypted OOXML
	utf8BOM   = []byte("\xef\xbb\xbf")
	encrypted = utf16le("EncryptionInfo") // a stream name of an OLE file holding an encrypted XLSX
)

// detect tells whether b is an XLSX (true) or a CSV (false), and refuses anything else with a
// message naming what the file seems to be, so that a user who renamed a file knows what to do.
func detect(b []byte, limits Limits) (xlsx bool, err error) {
	switch {
	case len(b) == 0:
		return false, tuyengiao.Errorf(tuyengiao.EINVALID, "Tệp rỗng.")
	case bytes.HasPrefix(b, zipMagic):
		return true, detectZip(b, limits)
	case bytes.HasPrefix(b, oleMagic) && bytes.Contains(b, encrypted):
		return false, tuyengiao.Errorf(tuyengiao.EINVALID, "%s: tệp Excel đã đặt mật khẩu. Hãy bỏ mật khẩu rồi lưu lại dạng .xlsx.", notSpreadsheet)
	case bytes.HasPrefix(b, oleMagic):
		return false, tuyengiao.Errorf(tuyengiao.EINVALID, "%s: đây là tệp Excel 97-2003 (.xls). %s", notSpreadsheet, saveAsXLSX)
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return false, tuyengiao.Errorf(tuyengiao.EINVALID, "%s: đây là tệp PDF, không đọc được dữ liệu bảng. Hãy tải lên tệp Excel gốc.", notSpreadsheet)
	case bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")):
		return false, tuyengiao.Errorf(tuyengiao.EINVALID, "%s: đây là tệp văn bản UTF-16 (Unicode Text). Hãy lưu lại dạng CSV UTF-8 hoặc .xlsx.", notSpreadsheet)
	}
	text := bytes.TrimPrefix(b, utf8BOM)
	switch {
	case bytes.IndexByte(text, 0) >= 0:
		return false, tuyengiao.Errorf(tuyengiao.EINVALID, "%s.", notSpreadsheet)
	case bytes.HasPrefix(bytes.TrimSpace(text), []byte("<")):
		// Some software exports HTML or XML Spreadsheet 2003 under the name .xls.
		return false, tuyengiao.Errorf(tuyengiao.EINVALID, "%s: đây là trang HTML hoặc XML. %s", notSpreadsheet, saveAsXLSX)
	}
	return false, nil
}

// zipKinds names the zip files that are not workbooks by a part only they hold.
var zipKinds = []struct{ part, kind string }{
	{"xl/workbook.bin", "tệp Excel nhị phân (.xlsb)"},
	{"mimetype", "tệp OpenDocument (.ods, .odt) của LibreOffice"},
	{"word/document.xml", "tệp Word (.docx)"},
	{"ppt/presentation.xml", "tệp PowerPoint (.pptx)"},
}

// detectZip checks that the zip b holds a workbook, and that its parts unpacked stay within the
// limit. The sizes in the zip directory are enough (ooxml.Open): excelize reads the parts
// through archive/zip, which fails a part that unpacks to more than its declared size.
func detectZip(b []byte, limits Limits) error {
	a, err := ooxml.Open(b, limits.UnpackedBytes)
	if errors.Is(err, ooxml.ErrTooLarge) {
		return unpackedTooLarge(limits)
	} else if err != nil {
		return tuyengiao.Errorf(tuyengiao.EINVALID, "%s: tệp nén bị hỏng.", notSpreadsheet)
	}
	if a.Has("xl/workbook.xml") {
		return nil
	}
	for _, k := range zipKinds {
		if a.Has(k.part) {
			return tuyengiao.Errorf(tuyengiao.EINVALID, "%s: đây là %s. %s", notSpreadsheet, k.kind, saveAsXLSX)
		}
	}
	return tuyengiao.Errorf(tuyengiao.EINVALID, "%s: đây là tệp nén ZIP.", notSpreadsheet)
}

func unpackedTooLarge(l Limits) error {
	return tuyengiao.Errorf(tuyengiao.ETOOLARGE, "Tệp XLSX khi giải nén vượt quá giới hạn %s.", bytesText(l.UnpackedBytes))
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// sheetInMemory is the largest sheet or shared-string part read from memory.
const sheetInMemory = 16 << 20

// readXLSX reads the first sheet of the workbook b, row by row.
func readXLSX[T any](b []byte, limits Limits, table func(s *sheet) (T, error)) (T, error) {
	var none T
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		// Raw values: excelize would format a date cell month first ("01-31-90") and a long
		// number in scientific notation; the cell parsers read the raw values instead.
		RawCellValue:   true,
		UnzipSizeLimit: limits.UnpackedBytes,
		// A sheet larger than this is unzipped to a temporary file and read from there, which
		// halves the memory of a large import (the sheet of 100.000 people is 50 MB of XML).
		// Close removes the file; the upload itself is kept in the database anyway.
		UnzipXMLSizeLimit: min(sheetInMemory, limits.UnpackedBytes),
	})
	if err != nil {
		return none, brokenXLSX()
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return none, brokenXLSX()
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return none, brokenXLSX()
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return none, brokenXLSX()
	}
	defer rows.Close()
	n := 0
	next := func() (int, []string, error) {
		if !rows.Next() {
			if rows.Error() != nil {
				return 0, nil, brokenXLSX()
			}
			return 0, nil, io.EOF
		}
		// Next moves one sheet row at a time, also over rows absent from the file, so counting
		// its calls gives the row number.
		n++
		cells, err := rows.Columns()
		if err != nil {
			return 0, nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Tệp XLSX bị hỏng ở dòng %v.", n)
		}
		return n, cells, nil
	}
	return table(&sheet{next: next, date1904: props.Date1904 != nil && *props.Date1904})
}

func brokenXLSX() error {
	return tuyengiao.Errorf(tuyengiao.EINVALID, "Tệp XLSX bị hỏng hoặc không đọc được. %s", saveAsXLSX)
}

// readCSV reads the CSV b, in UTF-8 or a legacy charset (decodeText). The row number of a
// record is the line where it starts: the row Excel shows, unless a cell above holds a line
// break.
func readCSV[T any](b []byte, table func(s *sheet) (T, error)) (T, error) {
	b, charset, err := decodeText(b)
	if err != nil {
		var none T
		return none, err
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = sniffComma(b)
	r.FieldsPerRecord = -1 // rows may be shorter or longer than the header
	r.LazyQuotes = true    // a stray quote inside a name is the user's text, not an error
	r.ReuseRecord = true
	next := func() (int, []string, error) {
		rec, err := r.Read()
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return 0, nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Tệp CSV bị lỗi ở dòng %v.", perr.StartLine)
		} else if err != nil {
			return 0, nil, err
		}
		line, _ := r.FieldPos(0)
		return line, rec, nil
	}
	return table(&sheet{next: next, charset: charset})
}

// sniffComma returns the separator of the CSV b: ';' when the first line that holds a ',' or
// a ';' outside quotes holds more ';', since Excel set to Vietnamese writes CSV with ';' (the
// comma being the decimal mark there); ',' otherwise.
func sniffComma(b []byte) rune {
	for line := range bytes.Lines(b) {
		commas, semis, quoted := 0, 0, false
		for _, c := range line {
			switch {
			case c == '"':
				quoted = !quoted
			case c == ',' && !quoted:
				commas++
			case c == ';' && !quoted:
				semis++
			}
		}
		if semis > commas {
			return ';'
		} else if commas > 0 {
			return ','
		}
	}
	return ','
}
