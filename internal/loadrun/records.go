package loadrun

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"tuyengiao"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/vn"
	"tuyengiao/internal/xlsximport"
)

// The sizes of the pages Records reads.
const (
	recordsPage = 50   // a page of a list, as the web shows it
	exportPage  = 1000 // a page of FindRecords at its largest, as an export reads them
)

// Records measures the records of every declared kind (tuyengiao.RecordKinds) on a database
// filled by "tuyengiao gen", through the record store svc and the figure service figs, built
// as the server builds them, for year:
//
//   - for each kind, the year's list at the root of the tree and at the first unit below it
//     (a district of a province): the first page of 50 records, the latest first, with their
//     total (FindRecords); and the year's indicators of the kind counted for the root afresh,
//     as after a write (a new figure service, its tree loaded before the clock starts). n
//     rounds after a first, interleaved, of which the median and the fastest are printed;
//   - an import of rows media items (50.000 for the benchmark): the root's media items of the
//     year read by pages of 1.000, as an export reads them (taken again to make rows), written
//     as an XLSX (xlsximport.WriteRecords) and read back as an upload is
//     (xlsximport.ReadRecords within the default limits), then stored by ImportRecords. The
//     import commits: the database keeps the copies, which later runs list and count with
//     the rest.
func Records(ctx context.Context, svc tuyengiao.RecordService, figs *figures.Service, year tuyengiao.Period, n, rows int, out io.Writer) error {
	ctx = tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "loadrun",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
	tree, err := figs.Tree(ctx)
	if err != nil {
		return err
	}
	if tree.Len() < 2 {
		return fmt.Errorf("bench records: the tree has no unit below its root")
	}
	root, below := tree.Unit(0), tree.Unit(1)
	fmt.Fprintf(out, "%s (%s đơn vị), %s; dưới / below: %s (%s đơn vị); trang / page %d, %d vòng / rounds\n\n",
		root.Name, vn.Int(int64(tree.Len())), year.Label(), below.Name, vn.Int(int64(tree.End(1)-1)), recordsPage, n)
	var measures []*measure
	for _, k := range tuyengiao.RecordKinds() {
		codes := make([]string, len(k.Indicators))
		for i, ind := range k.Indicators {
			codes[i] = ind.Code
		}
		measures = append(measures, listMeasure(svc, k, root.ID, year), listMeasure(svc, k, below.ID, year),
			figuresMeasure(k.Code, figs, tuyengiao.FigureQuery{Codes: codes, UnitID: root.ID, Periods: []tuyengiao.Period{year}}, true))
	}
	if err := rounds(ctx, measures, n); err != nil {
		return err
	}
	fmt.Fprintf(out, "%-18s %10s %18s %10s %18s %4s %18s\n", "median (min)", "root", "list root", "below", "list below",
		"ind.", "figures, afresh")
	for i, k := range tuyengiao.RecordKinds() {
		atRoot, atBelow, count := measures[3*i], measures[3*i+1], measures[3*i+2]
		fmt.Fprintf(out, "%-18s %10s %18s %10s %18s %4d %18s\n", k.Code, vn.Int(int64(atRoot.rows)), spread(atRoot),
			vn.Int(int64(atBelow.rows)), spread(atBelow), len(k.Indicators), spread(count))
	}
	return importRecords(ctx, svc, tree, year, rows, out)
}

// listMeasure returns the measure of the first page of the records of kind k of the subtree
// of unit id in period p, which counts their total.
func listMeasure(svc tuyengiao.RecordService, k *tuyengiao.RecordKind, id int64, p tuyengiao.Period) *measure {
	return &measure{name: k.Code, run: func(ctx context.Context) (int, error) {
		_, total, err := svc.FindRecords(ctx, k, tuyengiao.RecordFilter{UnitID: id, From: p.From, To: p.To, Limit: recordsPage})
		return total, err
	}}
}

// spread writes the median and the fastest of the times of m.
func spread(m *measure) string {
	return ms(median(m.times)) + " (" + vn.Decimal(float64(slices.Min(m.times).Microseconds())/1000, 1) + ")"
}

// importRecords reads the media items of the root of tree in year, writes rows of them as
// XLSX, reads them back and imports them, printing the time and rate of each step.
func importRecords(ctx context.Context, svc tuyengiao.RecordService, tree *figures.Tree, year tuyengiao.Period, rows int, out io.Writer) error {
	k, root := tuyengiao.MediaItems, tree.Unit(0)
	fmt.Fprintf(out, "\n%s: %s dòng / rows\n", k.Name, vn.Int(int64(rows)))
	step := func(name string, n int, start time.Time) {
		d := time.Since(start)
		fmt.Fprintf(out, "  %-60s %12s %10s dòng/s (rows/s)\n", name, ms(d), vn.Int(int64(float64(n)/d.Seconds())))
	}
	start := time.Now()
	var rs []*tuyengiao.Record
	for len(rs) < rows {
		page, _, err := svc.FindRecords(ctx, k, tuyengiao.RecordFilter{UnitID: root.ID, From: year.From, To: year.To,
			Offset: len(rs), Limit: exportPage})
		if err != nil {
			return err
		}
		rs = append(rs, page...)
		if len(page) < exportPage {
			break
		}
	}
	if len(rs) == 0 {
		return fmt.Errorf("bench records: no %s to import", k.Name)
	}
	step(fmt.Sprintf("%s read as an export (FindRecords, pages of %s)", vn.Int(int64(len(rs))), vn.Int(exportPage)), len(rs), start)
	for i, read := len(rs), len(rs); i < rows; i++ {
		rs = append(rs, rs[i%read])
	}
	rs = rs[:rows]

	start = time.Now()
	var file bytes.Buffer
	if err := xlsximport.WriteRecords(&file, k, rs, func(id int64) (string, string) {
		i, _ := tree.Index(id)
		return tree.Unit(i).Code, tree.Unit(i).Name
	}, "vi"); err != nil {
		return err
	}
	step(fmt.Sprintf("XLSX written (WriteRecords, %s MB)", vn.Decimal(float64(file.Len())/1e6, 1)), rows, start)

	start = time.Now()
	today := tuyengiao.DateOf(time.Now().In(vn.Zone))
	read, err := xlsximport.ReadRecords(bytes.NewReader(file.Bytes()), int64(file.Len()), k, today, xlsximport.DefaultLimits())
	if err != nil {
		return fmt.Errorf("bench records: reading the XLSX: %w", err)
	} else if len(read) != rows {
		return fmt.Errorf("bench records: %d rows read of %d", len(read), rows)
	}
	step("XLSX read and checked (ReadRecords)", rows, start)

	copies := make([]*tuyengiao.Record, len(rs))
	for i, r := range rs {
		copies[i] = &tuyengiao.Record{Kind: k.Code, UnitID: r.UnitID, Values: maps.Clone(r.Values)}
	}
	start = time.Now()
	if err := svc.ImportRecords(ctx, k, copies, 1, 0); err != nil {
		return err
	}
	step("stored (ImportRecords, committed: the database keeps them)", rows, start)
	return nil
}
