package xlsximport_test

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/xlsximport"
)

// FuzzReadPeople feeds arbitrary bytes to ReadPeople: it must never panic, and must answer
// with rows or with an *tuyengiao.Error, never with an internal error.
func FuzzReadPeople(f *testing.F) {
	f.Add(xlsx(f, header, []any{"CB-01", "Nguyễn Văn An", 1985, "15/03/1985", "Nam", "Đảng viên", "", "0912345678", "79012345"}))
	f.Add([]byte("\ufeffMã đơn vị;Họ và tên;Ngày sinh\r\nCB-01;Nguyễn Văn An;31/01/1990\r\n"))
	f.Add([]byte("unit code,full name,birth year,phone\nA,\"An, B\",1990,9.12345678E+08\n"))
	f.Add([]byte("%PDF-1.7\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := xlsximport.ReadPeople(bytes.NewReader(b), int64(len(b)), xlsximport.Limits{Rows: 1000})
		if code := tuyengiao.ErrorCode(err); code == tuyengiao.EINTERNAL {
			t.Fatalf("internal error %v", err)
		}
		for _, r := range rows {
			if r.Err != nil && (r.Err.Row != r.Row || r.Err.Code != tuyengiao.EINVALID) {
				t.Fatalf("row %d: %#v", r.Row, r.Err)
			}
		}
	})
}

// people100k is a workbook of 100.000 people written once with the stream writer, as a large
// export would be; its strings are inline, where Excel would share them.
var people100k = sync.OnceValues(func() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return nil, err
	}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, err
	}
	birth := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 100_000 {
		row := []any{fmt.Sprintf("CB-%03d", i%300), fmt.Sprintf("Nguyễn Văn Người %d", i), nil,
			birth.AddDate(0, 0, i%15000).Format("02/01/2006"), "Nữ", "Đảng viên", "Bí thư chi bộ",
			fmt.Sprintf("09%08d", i), fmt.Sprintf("%08d", 79000000+i)}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	return buf.Bytes(), err
})

// BenchmarkReadPeople100k reads a workbook of 100.000 people and reports rows/s and
// MB-peak-heap: the highest HeapInuse seen while reading, sampled every millisecond, above the
// heap in use before (which holds the file). HeapInuse counts garbage not yet collected too, so
// the figure is what the process needs with the default GOGC, about twice the live data.
func BenchmarkReadPeople100k(b *testing.B) {
	file, err := people100k()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(file)))
	var peak uint64
	for b.Loop() {
		runtime.GC()
		stop := sampleHeap(&peak)
		rows, err := xlsximport.ReadPeople(bytes.NewReader(file), int64(len(file)), xlsximport.Limits{})
		stop()
		if err != nil || len(rows) != 100_000 || rows[99_999].Err != nil {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
	b.ReportMetric(float64(b.N)*100_000/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
}

// sampleHeap records in peak the highest HeapInuse above the current one until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapInuse
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > base && m.HeapInuse-base > *peak {
				*peak = m.HeapInuse - base
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
