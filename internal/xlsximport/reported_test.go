package xlsximport_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/vn"
	"tuyengiao/internal/xlsximport"
)

var reportInds = []tuyengiao.Indicator{
	{Code: "security.teams", Name: "Tổ tự quản", Measure: "tổ", Aggregation: tuyengiao.AggregateSum, Stock: true},
	{Code: "outreach.share", Name: "Tỷ lệ hộ được tuyên truyền", Measure: "%", Aggregation: tuyengiao.AggregateRatio, Base: "hộ"},
}

func readReport(t *testing.T, b []byte) ([]tuyengiao.ReportRow, error) {
	t.Helper()
	return xlsximport.ReadReportRows(bytes.NewReader(b), int64(len(b)), xlsximport.DefaultLimits(), reportInds)
}

func TestReadReportRows(t *testing.T) {
	t.Run("reads a row per unit, a ratio with its base, blanks left out", func(t *testing.T) {
		rows, err := readReport(t, xlsx(t,
			[]any{"Mã đơn vị", "Tên đơn vị", "security.teams", "outreach.share", "outreach.share.mau_so"},
			[]any{"P1", "Phường 1", 12, 45, 50},
			[]any{"P2", "Phường 2", "1.204", "", ""}))
		if err != nil {
			t.Fatal(err)
		}
		want := []tuyengiao.ReportRow{
			{Row: 2, UnitCode: "P1", Values: []tuyengiao.UnitValue{{Code: "security.teams", Value: tuyengiao.Value{Num: 12}},
				{Code: "outreach.share", Value: tuyengiao.Value{Num: 45, Den: 50}}}},
			{Row: 3, UnitCode: "P2", Values: []tuyengiao.UnitValue{{Code: "security.teams", Value: tuyengiao.Value{Num: 1204}}}},
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("rows %+v, want %+v", rows, want)
		}
	})

	t.Run("a cell that is not a number names its row and column", func(t *testing.T) {
		rows, err := readReport(t, xlsx(t, []any{"Mã đơn vị", "security.teams"}, []any{"P1", "mười hai"}))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Err == nil || !strings.Contains(vn.Message(rows[0].Err), "Dòng 2, cột security.teams") {
			t.Errorf("rows %+v", rows)
		}
	})

	t.Run("refuses a column that is no indicator of the data set", func(t *testing.T) {
		_, err := readReport(t, xlsx(t, []any{"Mã đơn vị", "study.classes"}, []any{"P1", 3}))
		if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID || !strings.Contains(vn.Message(err), "Cột B") {
			t.Errorf("err %v", err)
		}
	})

}
