package report

import (
	"strings"
	"testing"

	"tuyengiao"
)

func TestFigureTable(t *testing.T) {
	ft := &tuyengiao.FigureTable{
		Indicators: []tuyengiao.Indicator{
			{Code: "study.attendances", Name: "Lượt người dự học tập", Measure: "lượt", Aggregation: tuyengiao.AggregateSum},
			{Code: "study.participation.member", Name: "Tỉ lệ đảng viên tham gia", Measure: "người", Base: "đảng viên trong danh sách", Aggregation: tuyengiao.AggregateRatio},
		},
		Periods: []tuyengiao.Period{tuyengiao.HalfPeriod(2026, 1)},
		Units: []tuyengiao.FigureUnit{{ID: 1, Code: "Q1", Name: "Quận ủy 1"},
			{ID: 1, Code: "Q1", Name: "Quận ủy 1", Own: true}},
		Values: []tuyengiao.Value{{Num: 20012}, {Num: 974, Den: 1000}, {Num: 12}, {Num: 0, Den: 0}},
	}
	table := FigureTable("Số liệu", ft)
	if err := table.check(); err != nil {
		t.Fatal(err)
	}
	t.Run("a count takes a column, a rate three: the people, the base and the rate", func(t *testing.T) {
		var heads []string
		for _, c := range table.Columns {
			heads = append(heads, c.Header)
		}
		want := []string{"Mã đơn vị", "Đơn vị", "Lượt người dự học tập – 6 tháng đầu năm 2026 (lượt)",
			"Tỉ lệ đảng viên tham gia – 6 tháng đầu năm 2026: số người", "Tỉ lệ đảng viên tham gia – 6 tháng đầu năm 2026: đảng viên trong danh sách",
			"Tỉ lệ đảng viên tham gia – 6 tháng đầu năm 2026: tỉ lệ"}
		if strings.Join(heads, "|") != strings.Join(want, "|") {
			t.Errorf("headers %q", heads)
		}
	})
	t.Run("the own line is named as on the page", func(t *testing.T) {
		if got := table.Rows[1][1]; got != "Quận ủy 1: "+tuyengiao.OwnLineLabel {
			t.Errorf("own line %q", got)
		}
		if r := table.Rows[0][5]; r != (Ratio{974, 1000}) {
			t.Errorf("rate %v", r)
		}
	})
}
