package synthetic

import (
	"context"
	"errors"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// The records Generate writes with the history: for every declared kind
// (tuyengiao.RecordKinds), from January of last year to the day of the generation, each unit
// keeps in a month a random number of records of the kind, about its level's rate
// (recordRate); their values are drawn from the types and options of the kind's fields
// alone (recordValues), so that a kind declared later gets its records with no change here.
// A province of 5.000 units keeps some 26.000 records of each kind a year, the seeds' city
// some 2.000.

// recordRate returns the mean number of records of each kind that unit u keeps in a month:
// the root committee's commission the most, a party cell one every four months.
func recordRate(u *genUnit) float64 {
	if u.parentID == 0 {
		return 20
	}
	return map[int8]float64{levelProvince: 20, levelDistrict: 5, levelGrassroots: 1, levelCell: 0.25}[u.level]
}

// records writes the records of every declared kind, kind by kind and month by month, so
// that each table is filled in the order of its days.
func (g *genLoad) records(ctx context.Context, plan *genPlan, spec Spec) (int64, error) {
	if !spec.History {
		return 0, nil
	}
	r := mrand.New(mrand.NewPCG(spec.Seed, 47))
	y, m, d := g.now.In(vn.Zone).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var n int64
	for _, k := range tuyengiao.RecordKinds() {
		for month := time.Date(y-1, 1, 1, 0, 0, 0, 0, time.UTC); !month.After(today); month = month.AddDate(0, 1, 0) {
			last := month.AddDate(0, 1, -1)
			if last.After(today) {
				last = today
			}
			// The month under way gets its share of the month's records.
			share := float64(last.Day()) / float64(month.AddDate(0, 1, -1).Day())
			var rs []*tuyengiao.Record
			for _, u := range plan.units {
				for range poisson(r, recordRate(u)*share) {
					day := month.AddDate(0, 0, r.IntN(last.Day()))
					v, err := recordValues(r, k, tuyengiao.Date{Time: day}, tuyengiao.Date{Time: today})
					if err != nil {
						return 0, err
					}
					rs = append(rs, &tuyengiao.Record{UnitID: u.id, Values: v})
				}
			}
			if err := g.load.InsertRecords(ctx, k, rs); err != nil {
				return 0, fmt.Errorf("%s: %w", k.Code, err)
			}
			n += int64(len(rs))
		}
	}
	return n, nil
}

// poisson draws a number of events of mean mean (Knuth's method, for the small means of
// recordRate).
func poisson(r *mrand.Rand, mean float64) int {
	limit, p, k := math.Exp(-mean), r.Float64(), 0
	for p > limit {
		p *= r.Float64()
		k++
	}
	return k
}

// recordValues returns valid values of a record of kind k dated day, as of today: each
// field drawn by fieldValue, a quarter of the optional ones and every ref and person left empty. A field the kind's
// checks refuse is then left empty, as a user told of it would, and the values are drawn
// afresh when that is not enough.
func recordValues(r *mrand.Rand, k *tuyengiao.RecordKind, day, today tuyengiao.Date) (tuyengiao.RecordValues, error) {
	var err error
	for range 50 {
		v := tuyengiao.RecordValues{}
		for i := range k.Fields {
			f := &k.Fields[i]
			switch {
			case f.Name == k.Day:
				v[f.Name] = day
			case f.Type == tuyengiao.FieldRef || f.Type == tuyengiao.FieldPerson:
				// No record or person is drawn to be named: the records of a kind are generated alone.
			case f.Required || r.IntN(4) > 0:
				v[f.Name] = fieldValue(r, f, day)
			}
		}
		emptied := map[string]bool{}
		for {
			err = k.Validate(v, today)
			var e *tuyengiao.Error
			if err == nil {
				return v, nil
			} else if !errors.As(err, &e) || k.Field(e.Field) == nil || e.Field == k.Day || emptied[e.Field] {
				break
			}
			emptied[e.Field] = true
			delete(v, e.Field) // Validate gives it its zero
		}
	}
	return nil, fmt.Errorf("%s: no valid values drawn: %w", k.Code, err)
}

// fieldValue draws a value of field f of a record dated day: a text of recordWords within
// its limit, a note of one or two such sentences, an option (the first ones likelier), a
// link, a day in the month from day (an end, a closing), a count from 1 to 500 (most of them
// small), an amount from 10 million to 50 billion đồng in whole millions, yes or no.
func fieldValue(r *mrand.Rand, f *tuyengiao.RecordField, day tuyengiao.Date) any {
	switch f.Type {
	case tuyengiao.FieldText:
		return sentence(r, f.Max)
	case tuyengiao.FieldNote:
		parts := make([]string, 1+r.IntN(2))
		for i := range parts {
			parts[i] = sentence(r, 0) + "."
		}
		return strings.Join(parts, " ")
	case tuyengiao.FieldChoice:
		// Option i is drawn with a weight of 1/(i+1).
		x := r.Float64() * harmonic(len(f.Options))
		for i, o := range f.Options {
			if x -= 1 / float64(i+1); x < 0 {
				return o.Code
			}
		}
		return f.Options[len(f.Options)-1].Code
	case tuyengiao.FieldLink:
		return fmt.Sprintf("https://%s/tin-tuc/%d", recordHosts[r.IntN(len(recordHosts))], 100_000+r.IntN(900_000))
	case tuyengiao.FieldDay:
		return tuyengiao.Date{Time: day.AddDate(0, 0, r.IntN(31))}
	case tuyengiao.FieldCount:
		return int64(math.Exp(r.Float64() * math.Log(500)))
	case tuyengiao.FieldMoney:
		return int64(math.Exp(math.Log(10)+r.Float64()*math.Log(5000))) * 1_000_000
	case tuyengiao.FieldYesNo:
		return r.IntN(2) == 0
	}
	return nil
}

// harmonic returns 1 + 1/2 + … + 1/n.
func harmonic(n int) float64 {
	var h float64
	for i := 1; i <= n; i++ {
		h += 1 / float64(i)
	}
	return h
}

// sentence returns an opening of recordOpenings followed by three to six phrases of
// recordWords, cut to the last whole phrase within limit runes (within 100 when limit is 0).
func sentence(r *mrand.Rand, limit int) string {
	if limit == 0 || limit > 100 {
		limit = 100
	}
	s := recordOpenings[r.IntN(len(recordOpenings))]
	for range 3 + r.IntN(4) {
		next := s + " " + recordWords[r.IntN(len(recordWords))]
		if utf8.RuneCountInString(next) > limit {
			break
		}
		s = next
	}
	return s
}

// recordOpenings begin the texts of the generated records, recordWords continue them.
var (
	recordOpenings = []string{"Tuyên truyền", "Học tập", "Quán triệt", "Hội nghị", "Tọa đàm", "Sinh hoạt chuyên đề",
		"Triển khai", "Sơ kết", "Tổng kết", "Phát động", "Kiểm tra", "Giám sát", "Tập huấn", "Biểu dương"}
	recordWords = []string{"nghị quyết", "chỉ thị", "kết luận", "của Bộ Chính trị", "của Ban Bí thư", "của Tỉnh ủy",
		"về xây dựng Đảng", "chỉnh đốn Đảng", "học tập và làm theo", "tư tưởng, đạo đức, phong cách Hồ Chí Minh",
		"bảo vệ nền tảng tư tưởng của Đảng", "cho đảng viên", "ở khu dân cư", "tại chi bộ", "xây dựng nông thôn mới",
		"đô thị văn minh", "chuyển đổi số", "cải cách hành chính", "an sinh xã hội", "phòng, chống tham nhũng",
		"kỷ niệm ngày thành lập Đảng", "chào mừng đại hội", "phong trào thi đua", "gương người tốt, việc tốt",
		"nhiệm kỳ mới", "đợt 1", "đợt 2", "cho đoàn viên, hội viên",
		"cho cán bộ chủ chốt", "trong thanh niên", "ở cơ sở", "toàn tỉnh", "trên không gian mạng", "bằng hình thức trực tuyến"}
	recordHosts = []string{"tuyengiao.vn", "baodientu.vn", "dangcongsan.vn", "tinhuy.gov.vn", "facebook.com/tuyengiao"}
)
