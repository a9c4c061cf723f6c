package loadrun

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"tuyengiao"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/report"
	"tuyengiao/internal/vn"
)

// Reports measures the reports as the server makes them, with svc built as the server builds
// it, on a database filled by "tuyengiao gen" (each draft is stored there):
//
//   - the annual report (template "tong-ket-nam") of the root of the tree for year: drafted
//     with its figures counted afresh (a new figure service, its tree loaded before the clock
//     starts, as after a write), assembled, and written as DOCX and as PDF; n rounds after a
//     first, of which the median and the fastest of each step are printed;
//   - the six-month report (template "so-ket-6-thang") of half of each grassroots party
//     organisation of the tree (the ward, commune and agency committees, not the cells), up
//     to limit of them, drafted, assembled and written as DOCX and PDF one after another on
//     one figure service: their rate.
func Reports(ctx context.Context, svc *report.Service, year, half tuyengiao.Period, n, limit int, out io.Writer) error {
	ctx = tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "loadrun",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
	figs, ok := svc.Figures.(*figures.Service)
	if !ok {
		return fmt.Errorf("bench reports: the report service counts with %T, not the figure service", svc.Figures)
	}
	tree, err := figs.Tree(ctx)
	if err != nil {
		return err
	}
	annual, err := templateID(ctx, svc, "tong-ket-nam")
	if err != nil {
		return err
	}
	sixMonth, err := templateID(ctx, svc, "so-ket-6-thang")
	if err != nil {
		return err
	}
	root := tree.Unit(0)
	steps, err := annualSteps(ctx, svc, figs, root.ID, annual, year, n)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s, %s (%s đơn vị)\n\n%-34s %12s %12s %12s\n", root.Name, year.Label(),
		vn.Int(int64(tree.Len())), "báo cáo tổng kết năm / annual", "first", "median", "min")
	for _, m := range steps {
		fmt.Fprintf(out, "%-34s %12s %12s %12s\n", m.name, ms(m.first), ms(median(m.times)), ms(slices.Min(m.times)))
	}
	var units []int64
	for i := range tree.Len() {
		if u := tree.Unit(i); tuyengiao.GrassrootsKind(u.Kind) && u.Kind != "chi_bo" && len(units) < limit {
			units = append(units, u.ID)
		}
	}
	sums := make([]time.Duration, 4)
	start := time.Now()
	for _, id := range units {
		times, err := reportOnce(ctx, svc, id, sixMonth, half)
		if err != nil {
			return err
		}
		for i, d := range times {
			sums[i] += d
		}
	}
	took, each := time.Since(start), time.Duration(max(len(units), 1))
	fmt.Fprintf(out, "\nbáo cáo sơ kết %s của %s tổ chức cơ sở đảng / grassroots reports: %s, %s báo cáo/giây (reports/s)\n",
		half.Label(), vn.Int(int64(len(units))), took.Round(time.Millisecond), vn.Decimal(float64(len(units))/took.Seconds(), 1))
	for i, name := range stepNames[:4] {
		fmt.Fprintf(out, "%-34s %12s mỗi báo cáo (each)\n", name, ms(sums[i]/each))
	}
	return nil
}

// stepNames names the steps reportOnce times, and their sum.
var stepNames = []string{"  draft (figures counted)", "  assemble", "  DOCX", "  PDF", "draft + assemble + DOCX + PDF",
	"the same, figures already counted"}

// annualSteps times the annual report of unit id: n+1 rounds of its draft on a fresh figure
// service, its assembly, its DOCX and its PDF, the four together, and the four again on the
// same service (the figures in its memo, as for a second report while nothing is written);
// the first round apart.
func annualSteps(ctx context.Context, svc *report.Service, figs *figures.Service, id, template int64, year tuyengiao.Period, n int) ([]*measure, error) {
	steps := make([]*measure, len(stepNames))
	for i, name := range stepNames {
		steps[i] = &measure{name: name}
	}
	for round := range n + 1 {
		fresh := *svc
		fresh.Figures = &figures.Service{Store: figs.Store, Sources: figs.Sources, Targets: figs.Targets, Now: figs.Now}
		if _, err := fresh.Figures.(*figures.Service).Tree(ctx); err != nil {
			return nil, err
		}
		times, err := reportOnce(ctx, &fresh, id, template, year)
		if err != nil {
			return nil, err
		}
		again, err := reportOnce(ctx, &fresh, id, template, year)
		if err != nil {
			return nil, err
		}
		times = append(times, times[0]+times[1]+times[2]+times[3], again[0]+again[1]+again[2]+again[3])
		for i, d := range times {
			if round == 0 {
				steps[i].first = d
			} else {
				steps[i].times = append(steps[i].times, d)
			}
		}
	}
	return steps, nil
}

// reportOnce drafts the report of unit id for period p from the template, assembles it and
// writes it as DOCX and PDF, and returns the time of each of the four steps.
func reportOnce(ctx context.Context, svc *report.Service, id, template int64, p tuyengiao.Period) ([]time.Duration, error) {
	var times []time.Duration
	start := time.Now()
	lap := func() {
		times = append(times, time.Since(start))
		start = time.Now()
	}
	r, err := svc.Draft(ctx, id, template, p)
	if err != nil {
		return nil, fmt.Errorf("draft of unit %d: %w", id, err)
	}
	lap()
	d, err := svc.Assemble(ctx, r)
	if err != nil {
		return nil, err
	}
	lap()
	var buf bytes.Buffer
	if err := report.WriteDOCX(&buf, d); err != nil {
		return nil, err
	}
	lap()
	buf.Reset()
	if err := report.WritePDF(&buf, d); err != nil {
		return nil, err
	}
	lap()
	return times, nil
}

// templateID returns the ID of the template with the code.
func templateID(ctx context.Context, svc *report.Service, code string) (int64, error) {
	ts, err := svc.Templates(ctx)
	if err != nil {
		return 0, err
	}
	for _, t := range ts {
		if t.Code == code {
			return t.ID, nil
		}
	}
	return 0, fmt.Errorf("bench reports: no template %q (the server adds the default templates at start)", code)
}
