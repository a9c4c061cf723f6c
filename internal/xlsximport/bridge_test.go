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

var bridgeAudiences = []tuyengiao.Category{tuyengiao.CategoryMember, tuyengiao.CategoryMasses}

func readBridge(b []byte) ([]tuyengiao.BridgePointRow, error) {
	return xlsximport.ReadBridgePoints(bytes.NewReader(b), int64(len(b)), xlsximport.DefaultLimits(), bridgeAudiences)
}

func TestReadBridgePoints(t *testing.T) {
	t.Run("reads a row per bridge point in any column order, the unit's name unread", func(t *testing.T) {
		rows, err := readBridge(xlsx(t,
			[]any{"Quần chúng", "Tên đơn vị", "Mã đơn vị", "Địa điểm", "Đảng viên"},
			[]any{"1.500", "Phường 1", "P1", " Nhà văn hóa ", 40},
			[]any{"", "", "P2", "", ""},
			[]any{"x", "", "P3", "", "-2"}))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[2].Err == nil || rows[2].Err.Row != 4 || rows[2].Err.Field != "Quần chúng" {
			t.Fatalf("rows %+v", rows)
		}
		rows[2].Err = nil
		want := []tuyengiao.BridgePointRow{
			{Row: 2, UnitCode: "P1", Place: "Nhà văn hóa", Expected: map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 1500, tuyengiao.CategoryMember: 40}},
			{Row: 3, UnitCode: "P2", Expected: map[tuyengiao.Category]int64{}},
			{Row: 4, UnitCode: "P3", Expected: map[tuyengiao.Category]int64{}},
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("rows %+v, want %+v", rows, want)
		}
	})
	t.Run("refuses a column that is no audience of the campaign, naming it", func(t *testing.T) {
		_, err := readBridge([]byte("Mã đơn vị;Địa điểm;Đoàn viên/Hội viên\nP1;Hội trường;5\n"))
		if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID || !strings.Contains(vn.Message(err), "Cột C (") {
			t.Errorf("err %v", err)
		}
	})
}
