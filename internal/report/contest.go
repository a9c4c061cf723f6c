package report

import (
	"fmt"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// RankingTable returns the table of the ranking of a contest's round, first place first:
// only what the rules let the organiser publish (place, name, unit, score, time taken,
// submission, prize), never a phone nor an address. A purged contestant has no name.
func RankingTable(title string, entries []tuyengiao.RankedEntry) Table {
	t := Table{Title: title, Columns: []Column{
		{"Hạng", Integer}, {"Họ và tên", Text}, {"Đơn vị", Text}, {"Số câu đúng", Integer},
		{"Thời gian làm bài (phút:giây)", Text}, {"Nộp bài lúc", Text}, {"Giải", Text},
	}}
	t.Rows = make([][]any, len(entries))
	for i, e := range entries {
		secs := int64(e.Duration.Seconds())
		t.Rows[i] = []any{e.Rank, e.FullName, e.UnitName, e.Score, fmt.Sprintf("%d:%02d", secs/60, secs%60),
			vn.DateTime(e.SubmittedAt), e.Prize}
	}
	return t
}

// ContestantsTable returns the table of a contest's contestants for its organiser, newest
// first: what they gave at registration but their PIN, so that the organiser can reach the
// winners. A purged contestant keeps a line with nothing personal.
func ContestantsTable(title string, cs []*tuyengiao.Contestant) Table {
	t := Table{Title: title, Columns: []Column{
		{"Họ và tên", Text}, {"Năm sinh", Text}, {"Số điện thoại", Text}, {"Đơn vị", Text}, {"Địa chỉ", Text}, {"Đăng ký lúc", Text},
	}}
	t.Rows = make([][]any, len(cs))
	for i, c := range cs {
		year := ""
		if c.BirthYear != 0 {
			year = fmt.Sprint(c.BirthYear)
		}
		t.Rows[i] = []any{c.FullName, year, vn.PhoneText(c.Phone), c.UnitName, c.Address, vn.DateTime(c.RegisteredAt)}
	}
	return t
}
