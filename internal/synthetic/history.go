package synthetic

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"time"

	"tuyengiao"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/vn"
)

// The history Generate writes before the campaign under way: from January of last year, a
// campaign every two months organised at the root, each with a conference of the root for the
// key cadres, followed at a bridge point in every district, and classes the month after in a
// third of the grassroots organisations (all of them for the year's theme in January) for
// their key cadres and party members; the documents of each (the central one studied, the
// root's plan, the districts' plans, the grassroots plans for the year's theme) and the
// root's monthly notices and the half-year reports of the root and the districts.

// historyCampaigns returns the start days of the campaigns of the history: every two months
// from January of last year, those that end before the campaign under way starts.
func (g *genLoad) historyCampaigns() []time.Time {
	var out []time.Time
	first := time.Date(g.now.In(vn.Zone).Year()-1, 1, 3, 0, 0, 0, 0, time.UTC)
	for k := 0; ; k++ {
		start := first.AddDate(0, 2*k, 0)
		if !campaignEnd(start).Before(g.startOn) {
			return out
		}
		out = append(out, start)
	}
}

// campaignEnd returns the last day of a campaign of the history that starts on start.
func campaignEnd(start time.Time) time.Time { return start.AddDate(0, 2, -3) }

// fullCampaign reports whether the k-th campaign of the history is the year's theme, which
// every grassroots organisation studies in a class.
func fullCampaign(k int) bool { return k%6 == 0 }

// historyDocuments writes the documents of the history and keeps, for each campaign, the
// central document it studies.
func (g *genLoad) historyDocuments(ctx context.Context, plan *genPlan, spec Spec) (int64, error) {
	starts := g.historyCampaigns()
	if !spec.History || len(starts) == 0 {
		return 0, nil
	}
	r := mrand.New(mrand.NewPCG(spec.Seed, 45))
	root := plan.units[0]
	var relations [][]any
	add := func(on time.Time, u *genUnit, symbol, term, title string, fields []string, rel tuyengiao.RelationKind, to int64) (int64, error) {
		g.nextDoc++
		d := &tuyengiao.Document{Symbol: symbol, IssuedOn: tuyengiao.Date{Time: on}, Term: term, Title: title, Fields: fields, UnitID: root.id}
		if u != nil && u.kind != "trung_uong" { // the Central Committee's are told by their symbol
			d.UnitID, d.IssuingUnitID = u.id, u.id
		}
		if err := g.load.InsertDocument(ctx, g.nextDoc, d); err != nil {
			return 0, fmt.Errorf("%s: %w", symbol, err)
		}
		if rel != "" {
			relations = append(relations, []any{g.nextDoc, to, string(rel)})
		}
		return g.nextDoc, nil
	}
	field := func(i int) []string { return []string{tuyengiao.DocumentFields[i%len(tuyengiao.DocumentFields)].Code} }
	for k, start := range starts {
		number := 60 + k
		central, err := add(start.AddDate(0, 0, -40), nil, fmt.Sprintf("%d-NQ/TW", number), "XIII",
			fmt.Sprintf("Nghị quyết số %d-NQ/TW của Bộ Chính trị (dữ liệu giả lập)", number), field(k), "", 0)
		if err != nil {
			return 0, err
		}
		g.studied = append(g.studied, central)
		rootPlan, err := add(start.AddDate(0, 0, -7), root, fmt.Sprintf("%d-KH/%s", 100+k, issuerCode(root)), "XVI",
			fmt.Sprintf("Kế hoạch học tập, quán triệt Nghị quyết số %d-NQ/TW", number), field(k), tuyengiao.RelImplements, central)
		if err != nil {
			return 0, err
		}
		plans := map[int64]int64{} // the plan of each district that issued one, by its id
		for _, u := range plan.units {
			switch {
			case u.level == levelDistrict && r.IntN(10) < 9:
				on := start.AddDate(0, 0, 3+r.IntN(10))
				if plans[u.id], err = add(on, u, fmt.Sprintf("%d-KH/%s", 50+k, issuerCode(u)), "", "Kế hoạch thực hiện Kế hoạch số "+
					fmt.Sprint(100+k)+"-KH/"+issuerCode(root), field(k), tuyengiao.RelImplements, rootPlan); err != nil {
					return 0, err
				}
			case u.level == levelGrassroots && fullCampaign(k) && r.IntN(10) < 7:
				to, ok := plans[u.parentID]
				if !ok {
					continue
				}
				on := start.AddDate(0, 0, 14+r.IntN(14))
				if _, err := add(on, u, fmt.Sprintf("%d-KH/%s", 20+k, issuerCode(u)), "", "Kế hoạch tổ chức học tập chuyên đề năm "+
					fmt.Sprint(on.Year()), field(k+1), tuyengiao.RelImplements, to); err != nil {
					return 0, err
				}
			}
		}
	}
	end := g.startOn
	for m, on := 0, starts[0].AddDate(0, 0, 2); on.Before(end); m, on = m+1, on.AddDate(0, 1, 0) {
		if _, err := add(on, root, fmt.Sprintf("%d-TB/%s", 100+m, issuerCode(root)), "XVI",
			fmt.Sprintf("Thông báo định hướng công tác tuyên truyền tháng %d/%d", on.Month(), on.Year()), field(2), "", 0); err != nil {
			return 0, err
		}
	}
	for h, on := 0, starts[0].AddDate(0, 5, 17); on.Before(end); h, on = h+1, on.AddDate(0, 6, 0) {
		for _, u := range plan.units {
			number := 60 + h
			if u.level == levelProvince {
				number = 400 + h
			} else if u.level != levelDistrict {
				continue
			}
			if _, err := add(on.AddDate(0, 0, -int(u.id%5)), u, fmt.Sprintf("%d-BC/%s", number, issuerCode(u)), "",
				"Báo cáo kết quả công tác tuyên giáo "+tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, tuyengiao.Date{Time: on}).Label(),
				field(7), "", 0); err != nil {
				return 0, err
			}
		}
	}
	return g.nextDoc - 1 + int64(len(relations)), g.load.Insert(ctx, "document_relations", []string{"from_id", "to_id", "kind"}, relations)
}

// issuerCode returns the code under which the committee u issues its documents.
func issuerCode(u *genUnit) string {
	switch u.kind {
	case "trung_uong":
		return "TW"
	case "tinh_uy", "thanh_uy":
		return "TU"
	case "quan_uy":
		return "QU"
	case "huyen_uy":
		return "HU"
	case "thi_uy":
		return "TXU"
	case "chi_bo_co_so":
		return "CB"
	}
	return "ĐU"
}

// historyConferences writes the campaigns of the history, their conferences and classes with
// their bridge points, and notes who was invited to each for the attendance.
func (g *genLoad) historyConferences(ctx context.Context, plan *genPlan, spec Spec) (int64, error) {
	if !spec.History {
		return 0, nil
	}
	r := mrand.New(mrand.NewPCG(spec.Seed, 46))
	root := plan.units[0]
	var audiences, required, conferences, bps, counts [][]any
	conference := func(campaignID int64, u *genUnit, title string, starts time.Time, d time.Duration, form tuyengiao.ConferenceForm) int64 {
		g.nextConf++
		secret := make([]byte, 32)
		rand.Read(secret)
		conferences = append(conferences, []any{g.nextConf, campaignID, u.id, title, starts, starts.Add(d), string(form), "",
			hex.EncodeToString(secret), g.now, g.now})
		return g.nextConf
	}
	bridge := func(confID int64, u *genUnit) {
		g.nextBP++
		bps = append(bps, []any{g.nextBP, confID, u.id, "Hội trường " + u.name})
	}
	for k, start := range g.historyCampaigns() {
		id := int64(k + 2) // campaign 1 is the one under way
		title := fmt.Sprintf("Học tập, quán triệt Nghị quyết số %d-NQ/TW", 60+k)
		c := &tuyengiao.Campaign{ID: id, UnitID: root.id, Title: title, Description: "Dữ liệu giả lập.",
			StartOn: tuyengiao.Date{Time: start}, EndOn: tuyengiao.Date{Time: campaignEnd(start)}}
		if err := g.load.InsertCampaign(ctx, c, fmt.Sprintf("%d-NQ/TW", 60+k)); err != nil {
			return 0, err
		}
		audiences = append(audiences, []any{id, string(tuyengiao.CategoryKeyCadre), false, 1000},
			[]any{id, string(tuyengiao.CategoryMember), false, 950}, []any{id, string(tuyengiao.CategoryUnion), true, 850})
		if err := g.load.Insert(ctx, "campaign_documents", []string{"campaign_id", "document_id"}, [][]any{{id, g.studied[k]}}); err != nil {
			return 0, err
		}
		// The root's conference for the key cadres, at 8 in Vietnam, followed in every district.
		conf := conference(id, root, "Hội nghị cán bộ chủ chốt "+title, start.AddDate(0, 0, 8).Add(time.Hour), 3*time.Hour, tuyengiao.FormBoth)
		g.confs = append(g.confs, sqldb.ConferencePeople{ConferenceID: conf, First: 1, Last: plan.people + 1,
			Categories: []tuyengiao.Category{tuyengiao.CategoryKeyCadre}, Salt: conf})
		gi := 0
		for i, u := range plan.units {
			switch u.level {
			case levelDistrict:
				bridge(conf, u)
				expected := int64(100 + r.IntN(400))
				counts = append(counts, []any{g.nextBP, string(tuyengiao.CategoryUnion), expected, expected * int64(75+r.IntN(25)) / 100})
			case levelGrassroots:
				required = append(required, []any{id, u.id})
				gi++
				if !fullCampaign(k) && (gi+k)%3 != 0 {
					continue
				}
				// A class at 14:00 in Vietnam, some day of the month after, for the organisation's people.
				day := start.AddDate(0, 1, gi%24)
				class := conference(id, u, "Lớp học tập "+title, day.Add(7*time.Hour), 150*time.Minute, tuyengiao.FormInPerson)
				bridge(class, u)
				last := plan.people + 1
				if u.end < len(plan.units) {
					last = plan.units[u.end].firstID
				}
				g.confs = append(g.confs, sqldb.ConferencePeople{ConferenceID: class, First: u.firstID, Last: last, Salt: class + int64(i)})
			}
		}
	}
	steps := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"campaign_audiences", []string{"campaign_id", "category", "headcount", "target"}, audiences},
		{"campaign_units", []string{"campaign_id", "unit_id"}, required},
		{"conferences", []string{"id", "campaign_id", "unit_id", "title", "starts_at", "ends_at", "form", "materials", "secret", "created_at", "updated_at"}, conferences},
		{"bridge_points", []string{"id", "conference_id", "unit_id", "place"}, bps},
		{"bridge_point_counts", []string{"bridge_point_id", "category", "expected", "counted"}, counts},
	}
	var n int64
	for _, s := range steps {
		if err := g.load.Insert(ctx, s.table, s.cols, s.rows); err != nil {
			return 0, err
		}
		n += int64(len(s.rows))
	}
	return n, nil
}
