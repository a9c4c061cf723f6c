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
