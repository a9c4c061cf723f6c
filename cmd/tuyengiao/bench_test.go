package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/dbtest"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/xlsximport"
)

// importRows is the size of the spreadsheet of BenchmarkImportXLSX100k.
const importRows = 100_000

// BenchmarkImportXLSX100k measures the whole import of a large spreadsheet as the web upload
// does it: xlsximport.ReadPeople, then ImportPeople with commit into a fresh database holding a
// city of 70 wards with 4 cells each. The workbook is written once, outside the timer; each
// iteration gets a fresh database, also outside the timer. It reports rows/s over read and
// commit, the milliseconds of each step, the peak Go heap and the peak resident memory of the
// process (see peakMemory). With TUYENGIAO_TEST_POSTGRES it runs on PostgreSQL too, each
// iteration in a fresh schema.
func BenchmarkImportXLSX100k(b *testing.B) {
	file, err := peopleWorkbook()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("workbook: %d rows, %.1f MB", importRows, float64(len(file))/(1<<20))
	benchEngines(b, func(b *testing.B, fresh func() *sqldb.DB) {
		var readTime, importTime time.Duration
		var peak memoryPeak
		for b.Loop() {
			b.StopTimer()
			db := fresh()
			cityID := benchTree(b, db)
			runtime.GC() // the peaks start from the live heap alone
			stop := peak.sample()
			b.StartTimer()
			start := time.Now()
			rows, err := xlsximport.ReadPeople(bytes.NewReader(file), int64(len(file)), xlsximport.DefaultLimits())
			if err != nil || len(rows) != importRows {
				b.Fatalf("read %d rows: %v", len(rows), err)
			}
			read := time.Now()
			// Namesakes born the same year in one cell are different people: the user keeps them.
			keep := make([]int, len(rows))
			for i, r := range rows {
				keep[i] = r.Row
			}
			res, err := db.ImportPeople(adminContext(), tuyengiao.ImportRequest{RootID: cityID, Rows: rows, Commit: true, Keep: keep})
			if err != nil {
				b.Fatal(err)
			} else if !res.Committed {
				b.Fatalf("not committed: %v", res.Errors[:min(3, len(res.Errors))])
			}
			readTime, importTime = readTime+read.Sub(start), importTime+time.Since(read)
			b.StopTimer()
			stop()
			db.Close()
			b.StartTimer()
		}
		n := float64(b.N)
		b.ReportMetric(n*importRows/(readTime+importTime).Seconds(), "rows/s")
		b.ReportMetric(float64(readTime.Milliseconds())/n, "ms-read/op")
		b.ReportMetric(float64(importTime.Milliseconds())/n, "ms-import/op")
		b.ReportMetric(float64(peak.heap)/(1<<20), "MB-peak-heap")
		b.ReportMetric(float64(peak.rss)/(1<<20), "MB-peak-rss")
	})
}

// peopleWorkbook writes, once, a workbook of importRows people in the columns of the
// template, spread over the cells of benchTree: a fifth of each category, party cards unique
// for party members and key cadres.
var peopleWorkbook = sync.OnceValues(func() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return nil, err
	}
	header := []any{"Mã đơn vị", "Họ và tên", "Năm sinh", "Giới tính", "Đối tượng", "Chức vụ", "Số điện thoại", "Số thẻ đảng viên"}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, err
	}
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"}
	given := []string{"An", "Bình", "Dũng", "Đức", "Hà", "Hải", "Hương", "Lan", "Minh", "Nam", "Ngọc", "Thảo", "Trang", "Tuấn"}
	categories := []string{"Cán bộ chủ chốt", "Đảng viên", "Đảng viên dự bị", "Đoàn viên/Hội viên", "Quần chúng"}
	codes := benchCellCodes()
	for i := range importRows {
		category, card := categories[i%len(categories)], ""
		if i%len(categories) < 2 {
			card = fmt.Sprintf("%08d", 70_000_000+i)
		}
		row := []any{codes[i%len(codes)], family[i%len(family)] + " Văn " + given[i/7%len(given)],
			1945 + i%60, []string{"Nam", "Nữ"}[i%2], category, "", fmt.Sprintf("09%08d", i), card}
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

// cellCode is the code of the c-th cell of the w-th ward of benchTree.
func cellCode(w, c int) string { return fmt.Sprintf("TP-P%02d-CB%d", w, c) }

// benchCellCodes returns the codes of the cells of benchTree.
func benchCellCodes() []string {
	var codes []string
	for w := 1; w <= 70; w++ {
		for c := 1; c <= 4; c++ {
			codes = append(codes, cellCode(w, c))
		}
	}
	return codes
}

// benchTree creates through the unit service a city with 70 wards of 4 cells each, the
// cells coded by cellCode, and returns the city's ID.
func benchTree(b *testing.B, db *sqldb.DB) int64 {
	ctx := adminContext()
	create := func(parentID int64, code, name, kind string) int64 {
		u := &tuyengiao.Unit{ParentID: parentID, Code: code, Name: name, Kind: kind}
		if err := db.CreateUnit(ctx, u); err != nil {
			b.Fatal(err)
		}
		return u.ID
	}
	city := create(0, "TP", "Thành ủy", "thanh_uy")
	for w := 1; w <= 70; w++ {
		ward := create(city, fmt.Sprintf("TP-P%02d", w), fmt.Sprintf("Đảng ủy phường %d", w), "dang_uy_phuong")
		for c := 1; c <= 4; c++ {
			create(ward, cellCode(w, c), fmt.Sprintf("Chi bộ khu phố %d", c), "chi_bo")
		}
	}
	return city
}

// adminContext acts as a system administrator.
func adminContext() context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{Login: "bench",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
}

// benchEngines runs fn on SQLite and, when TUYENGIAO_TEST_POSTGRES holds a URL, on PostgreSQL;
// fresh opens a new, migrated, empty database: a file, or a schema dropped at the end.
func benchEngines(b *testing.B, fn func(b *testing.B, fresh func() *sqldb.DB)) {
	b.Run("sqlite", func(b *testing.B) {
		fn(b, func() *sqldb.DB { return dbtest.Open(b, sqldbtest.SQLite(b)) })
	})
	if os.Getenv(sqldbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) {
			fn(b, func() *sqldb.DB { return dbtest.Open(b, sqldbtest.Postgres(b)) })
		})
	}
}

// memoryPeak is the highest memory seen while sampling, over all samplings.
//
// heap is the Go heap above its size when sampling started, from the runtime/metrics
// "/memory/classes/heap/objects:bytes" (live objects and garbage not yet swept, HeapAlloc
// in MemStats terms): what one import adds with the default GOGC, about twice its live data.
// Unlike runtime.ReadMemStats, reading it does not stop the world, so sampling every
// millisecond barely disturbs the timing. It leaves out SQLite's own memory (page cache,
// sorter), which modernc.org/libc allocates outside the Go heap, and PostgreSQL's, in
// another process.
//
// rss is the resident memory of the whole process (Linux /proc/self/statm; 0 elsewhere), the
// file, the Go runtime and SQLite's memory included: what the machine must have.
type memoryPeak struct {
	heap, rss uint64
}

// sample samples the memory every millisecond until stop is called.
func (p *memoryPeak) sample() (stop func()) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > base && v-base > p.heap {
				p.heap = v - base
			}
			p.rss = max(p.rss, residentBytes())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// residentBytes returns the resident memory of the process, or 0 where /proc/self/statm is
// not available.
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(b))
	if len(fields) < 2 {
		return 0
	}
	pages, _ := strconv.ParseUint(fields[1], 10, 64)
	return pages * uint64(os.Getpagesize())
}
