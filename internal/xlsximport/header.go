package xlsximport

import (
	"io"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// fold folds a header or a value for matching: without diacritics, lower case, and every run
// of other characters than letters and digits made one space, so that "HỌ VÀ TÊN", "Họ và
// tên *" and "ho va ten" match.
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(vn.Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// key folds as fold does, a parenthesised note dropped first, so that "Họ và tên (*)" and "Họ
// và tên" match, as do "Đoàn viên/Hội viên" and "Đoàn viên, Hội viên".
func key(s string) string {
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	return fold(s)
}

// columnSet is the columns a reader knows, found in a header row by their aliases.
type columnSet struct {
	columns []column
	// fold folds a header for matching with the aliases.
	fold    func(string) string
	aliases map[string]int // folded header → index in columns
	// noHeader is the error of a sheet whose first rows hold no header row.
	noHeader func() error
}

// newColumnSet returns the set of cols whose aliases are folded by fold. An alias of two
// columns names the first.
func newColumnSet(cols []column, fold func(string) string, noHeader func() error) *columnSet {
	s := &columnSet{columns: cols, fold: fold, aliases: map[string]int{}, noHeader: noHeader}
	for i, c := range cols {
		for _, a := range c.aliases {
			if _, taken := s.aliases[a]; !taken {
				s.aliases[a] = i
			}
		}
	}
	return s
}

// header is where each column of a set is in the rows of a sheet.
type header struct {
	col   []int    // by column of the set, the index of its cell, -1 when the sheet lacks it
	title []string // by column of the set, the header as written (columnTitle), to name it in messages
}

// headerSearch is how many non-empty rows may come before the header row: a title such as
// "DANH SÁCH ĐẢNG VIÊN CHI BỘ 3" often sits above it.
const headerSearch = 10

// findHeader reads rows up to the header row: the first non-empty row that names at least two
// columns of set (a title row names none), and checks that no column appears twice and that
// the required columns are there.
func (set *columnSet) findHeader(next rowSource) (*header, error) {
	for seen := 0; seen < headerSearch; {
		_, cells, err := next()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		if isEmpty(cells) {
			continue
		}
		seen++
		if h, known, err := set.parseHeader(cells); err != nil {
			return nil, err
		} else if known >= 2 {
			return h, set.checkRequired(h)
		}
	}
	return nil, set.noHeader()
}

func isEmpty(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parseHeader returns where each column of set is in cells and how many there are; a column
// named twice is an error, since either could be the one the user meant.
func (set *columnSet) parseHeader(cells []string) (*header, int, error) {
	h, known := &header{col: make([]int, len(set.columns)), title: make([]string, len(set.columns))}, 0
	for f := range h.col {
		h.col[f] = -1
	}
	for i, c := range cells {
		f, ok := set.aliases[set.fold(c)]
		if !ok {
			continue
		} else if j := h.col[f]; j >= 0 {
			return nil, 0, tuyengiao.Errorf(tuyengiao.EINVALID, "Có hai cột %s (cột %s và cột %s); hãy xóa một cột.",
				set.columns[f].title, columnName(j), columnName(i))
		}
		h.col[f], h.title[f] = i, columnTitle(c)
		known++
	}
	return h, known, nil
}

// columnTitle returns the header cell as messages name its column: as written, but for the
// mark of a required column ("Câu hỏi *", "Họ và tên (*)"), which is no part of its name.
func columnTitle(cell string) string {
	s := vn.NFC(cell)
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimRight(s, " *"), "(*)"))
}

// checkRequired returns an error naming the required columns of set that h lacks.
func (set *columnSet) checkRequired(h *header) error {
	var missing []string
	for f, c := range set.columns {
		if c.required && h.col[f] < 0 {
			missing = append(missing, c.title)
		}
	}
	if len(missing) > 0 {
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Thiếu cột %s ở dòng tiêu đề.", strings.Join(missing, ", "))
	}
	return nil
}

// cells returns the cells of the columns of h in a row, in the order of the set, in NFC ("" where
// the row or the sheet lacks one), and whether they are all empty.
func (h *header) cells(row []string) ([]string, bool) {
	v, empty := make([]string, len(h.col)), true
	for f, i := range h.col {
		if i >= 0 && i < len(row) {
			v[f] = vn.NFC(row[i])
			empty = empty && v[f] == ""
		}
	}
	return v, empty
}

// columnName returns the letters of the column of cell index i: 0 → "A".
func columnName(i int) string {
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}
