package sqldb

import (
	"context"
	"slices"
	"testing"
	"time"

	"tuyengiao"
)

// campaignWorld is a city (1) with two wards (2, 3), a cell in each (4 under 2, 5 under 3)
// and another city (9); the city registered 35-NQ/TW and plans a campaign for it.
type campaignWorld struct {
	city, ward2, ward3, cell4, cell5, other string
	doc                                     *tuyengiao.Document
}

// newCampaignWorld builds the world on db, its clock at personTestNow.
func newCampaignWorld(t *testing.T, db *DB) *campaignWorld {
	t.Helper()
	db.Now = func() time.Time { return personTestNow }
	w := &campaignWorld{}
	w.city = personTestUnit(t, db, 1, "/", "TP")
	w.ward2 = personTestUnit(t, db, 2, w.city, "P2")
	w.ward3 = personTestUnit(t, db, 3, w.city, "P3")
	w.cell4 = personTestUnit(t, db, 4, w.ward2, "CB4")
	w.cell5 = personTestUnit(t, db, 5, w.ward3, "CB5")
	w.other = personTestUnit(t, db, 9, "/", "TK")
	w.doc = docCreate(t, sysadminCtx(), db, 1, "35-NQ/TW", "2018-10-22", "Nghị quyết về bảo vệ nền tảng tư tưởng của Đảng")
	return w
}

// newCampaign returns a campaign of the city for June 2025: party members by roster (97,4%)
// and the masses by headcount (85%), to be organised by both wards.
func (w *campaignWorld) newCampaign(title string) *tuyengiao.Campaign {
	return &tuyengiao.Campaign{UnitID: 1, Title: title, DocumentIDs: []int64{w.doc.ID},
		Audiences: []tuyengiao.CampaignAudience{
			{Category: tuyengiao.CategoryMasses, Headcount: true, Target: 85},
			{Category: tuyengiao.CategoryMember, Target: 97.4},
		},
		StartOn: tuyengiao.Date{Time: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
		EndOn:   tuyengiao.Date{Time: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)},
		UnitIDs: []int64{3, 2},
	}
}

// create stores the campaign as the city's editor and fails the test on an error.
func (w *campaignWorld) create(t *testing.T, db *DB, c *tuyengiao.Campaign) *tuyengiao.Campaign {
	t.Helper()
	if err := db.CreateCampaign(roleCtx(tuyengiao.RoleEditor, 1, w.city), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// conference creates, as the sysadmin, a conference of the campaign held by the unit from
// starts for two hours, with bridge points at the hosts.
func (w *campaignWorld) conference(t *testing.T, db *DB, campaignID, unitID int64, starts time.Time, hosts ...int64) *tuyengiao.Conference {
	t.Helper()
	c := &tuyengiao.Conference{CampaignID: campaignID, UnitID: unitID, Title: "Hội nghị học tập", StartsAt: starts,
		EndsAt: starts.Add(2 * time.Hour), Form: tuyengiao.FormBoth}
	for _, h := range hosts {
		c.BridgePoints = append(c.BridgePoints, tuyengiao.BridgePoint{UnitID: h})
	}
	if err := db.CreateConference(sysadminCtx(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// campaignTitles lists the titles of the campaigns, in their order.
func campaignTitles(cs []*tuyengiao.Campaign) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Title
	}
	return out
}

func TestCampaignService(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		admin := sysadminCtx()
		cityEditor := roleCtx(tuyengiao.RoleEditor, 1, w.city)
		plan := w.create(t, db, w.newCampaign("Học tập, quán triệt Nghị quyết 35"))

		t.Run("a campaign reads back with its documents, audiences in report order and units", func(t *testing.T) {
			got, err := db.FindCampaignByID(admin, plan.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.UnitName != "Đơn vị TP" || len(got.Documents) != 1 || got.Documents[0].Symbol != "35-NQ/TW" {
				t.Fatalf("got %+v", got)
			}
			want := []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 97.4},
				{Category: tuyengiao.CategoryMasses, Headcount: true, Target: 85}}
			if !slices.Equal(got.Audiences, want) || !slices.Equal(got.UnitIDs, []int64{2, 3}) {
				t.Fatalf("audiences %+v, units %v", got.Audiences, got.UnitIDs)
			}
			var target int
			db.queryRow(context.Background(), `SELECT target FROM campaign_audiences WHERE campaign_id = ? AND category = 'member'`, plan.ID).Scan(&target)
			if target != 974 {
				t.Fatalf("stored target %d, want 974 tenths of a percent", target)
			}
		})

		t.Run("search finds a campaign by a word of its title or the symbol of its document", func(t *testing.T) {
			w.create(t, db, &tuyengiao.Campaign{UnitID: 2, Title: "Tuyên truyền kỷ niệm ngày thành lập Đảng",
				Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember}},
				StartOn:   tuyengiao.Date{Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
				EndOn:     tuyengiao.Date{Time: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)}})
			for q, want := range map[string]int{"quan triet": 1, "nq 35": 1, "35-NQ/TW": 1, "ky niem": 1, "": 2, "35 ky": 0} {
				got, total, err := db.FindCampaigns(admin, tuyengiao.CampaignFilter{Query: q})
				if err != nil || total != want || len(got) != want {
					t.Errorf("query %q: %v (total %d), want %d; err %v", q, campaignTitles(got), total, want, err)
				}
			}
			got, _, _ := db.FindCampaigns(admin, tuyengiao.CampaignFilter{ActiveOn: personDate(t, "2025-06-15")})
			if len(got) != 1 || got[0].ID != plan.ID {
				t.Fatalf("active on 15/06: %v", campaignTitles(got))
			}
		})

		t.Run("a unit outside the organiser's subtree or a missing document is refused on its field", func(t *testing.T) {
			c := w.newCampaign("Ngoài phạm vi")
			c.UnitIDs = []int64{2, 9}
			docField(t, db.CreateCampaign(cityEditor, c), "unit_ids")
			c = w.newCampaign("Văn bản không có")
			c.DocumentIDs = []int64{w.doc.ID, 999}
			docField(t, db.CreateCampaign(cityEditor, c), "document_ids")
			c = w.newCampaign("Phường tổ chức cho thành phố")
			c.UnitID, c.UnitIDs = 2, []int64{3}
			docField(t, db.CreateCampaign(admin, c), "unit_ids")
		})

		t.Run("its summary has the documents and audiences without the units, for those it reaches", func(t *testing.T) {
			got, err := db.FindCampaignSummary(admin, plan.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != plan.Title || len(got.Documents) != 1 || len(got.Audiences) != 2 || got.UnitIDs == nil || len(got.UnitIDs) != 0 {
				t.Fatalf("got %+v", got)
			}
			if _, err := db.FindCampaignSummary(roleCtx(tuyengiao.RoleViewer, 9, w.other), plan.ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("another city: %v", err)
			}
		})

		t.Run("a cell editor sees the city's campaign but cannot change it", func(t *testing.T) {
			cell := roleCtx(tuyengiao.RoleEditor, 4, w.cell4)
			if _, err := db.FindCampaignByID(cell, plan.ID); err != nil {
				t.Fatal(err)
			}
			got, _, err := db.FindCampaigns(cell, tuyengiao.CampaignFilter{})
			if err != nil || !slices.Contains(campaignTitles(got), plan.Title) {
				t.Fatalf("list %v, err %v", campaignTitles(got), err)
			}
			c, _ := db.FindCampaignByID(cell, plan.ID)
			c.Title = "Đổi tên"
			if err := db.UpdateCampaign(cell, c); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("update by a cell editor: %v", err)
			}
			if personAuditCount(t, db, "campaign.edit", campaignObject(plan.ID), "denied") != 1 {
				t.Fatal("the refusal is not audited")
			}
		})

		t.Run("a campaign of one ward does not reach the other ward nor another city", func(t *testing.T) {
			ward := w.create(t, db, &tuyengiao.Campaign{UnitID: 2, Title: "Chuyên đề của phường 2",
				Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember}},
				StartOn:   plan.StartOn, EndOn: plan.EndOn, UnitIDs: []int64{4}})
			if _, err := db.FindCampaignByID(roleCtx(tuyengiao.RoleViewer, 5, w.cell5), ward.ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("cell of the other ward: %v", err)
			}
			other := roleCtx(tuyengiao.RoleViewer, 9, w.other)
			if _, err := db.FindCampaignByID(other, plan.ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("another city: %v", err)
			}
			if got, total, err := db.FindCampaigns(other, tuyengiao.CampaignFilter{}); err != nil || total != 0 {
				t.Fatalf("another city lists %v, err %v", campaignTitles(got), err)
			}
			got, _, err := db.FindCampaigns(admin, tuyengiao.CampaignFilter{RootID: 5})
			if err != nil || slices.Contains(campaignTitles(got), ward.Title) || !slices.Contains(campaignTitles(got), plan.Title) {
				t.Fatalf("reaching cell 5: %v, err %v", campaignTitles(got), err)
			}
		})

		t.Run("an update replaces the fields and audits their names", func(t *testing.T) {
			c, _ := db.FindCampaignByID(admin, plan.ID)
			c.Title, c.UnitIDs = "Học tập Nghị quyết 35-NQ/TW năm 2025", []int64{2}
			c.Audiences[0].Target = 98
			if err := db.UpdateCampaign(cityEditor, c); err != nil {
				t.Fatal(err)
			}
			got, _ := db.FindCampaignByID(admin, plan.ID)
			if got.Title != c.Title || !slices.Equal(got.UnitIDs, []int64{2}) || got.Audiences[0].Target != 98 || got.UnitID != 1 {
				t.Fatalf("got %+v", got)
			}
			var detail string
			db.queryRow(context.Background(), `SELECT detail FROM audit_log WHERE action = 'campaign.update' AND object = ?`, campaignObject(plan.ID)).Scan(&detail)
			if detail != "fields=title,audiences,unit_ids" {
				t.Fatalf("detail %q", detail)
			}
			if found, _, _ := db.FindCampaigns(admin, tuyengiao.CampaignFilter{Query: "nam 2025"}); len(found) != 1 {
				t.Fatal("the new title is not searchable")
			}
		})

		t.Run("a conference's unit and bridge points must lie in the campaign organiser's subtree", func(t *testing.T) {
			ward := w.create(t, db, &tuyengiao.Campaign{UnitID: 2, Title: "Chuyên đề phường 2",
				Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember}}, StartOn: plan.StartOn, EndOn: plan.EndOn})
			c := &tuyengiao.Conference{CampaignID: ward.ID, UnitID: 3, Title: "Hội nghị", Form: tuyengiao.FormOnline,
				StartsAt: personTestNow, EndsAt: personTestNow.Add(time.Hour)}
			docField(t, db.CreateConference(admin, c), "unit_id")
			c.UnitID, c.BridgePoints = 2, []tuyengiao.BridgePoint{{UnitID: 4}, {UnitID: 5}}
			docField(t, db.CreateConference(admin, c), "bridge_points")
			c.BridgePoints = []tuyengiao.BridgePoint{{UnitID: 4}}
			c.Presenters = []tuyengiao.Presenter{{PersonID: 12345}}
			docField(t, db.CreateConference(admin, c), "presenters")
			if err := db.CreateConference(roleCtx(tuyengiao.RoleEditor, 4, w.cell4), &tuyengiao.Conference{CampaignID: ward.ID, UnitID: 2,
				Title: "Hội nghị", Form: tuyengiao.FormOnline, StartsAt: personTestNow, EndsAt: personTestNow.Add(time.Hour)}); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("a cell editor plans the ward's conference: %v", err)
			}
		})

		t.Run("a conference reads back with its presenters and bridge points, and the cells find it", func(t *testing.T) {
			lecturer := createTestPerson(t, db, 2, "Nguyễn Văn Giảng", "") // a presenter is picked in the editor's view
			c := &tuyengiao.Conference{CampaignID: plan.ID, UnitID: 2, Title: "Hội nghị phường 2", Form: tuyengiao.FormBoth,
				StartsAt: time.Date(2025, 6, 20, 1, 0, 0, 0, time.UTC), EndsAt: time.Date(2025, 6, 20, 4, 0, 0, 0, time.UTC),
				Presenters: []tuyengiao.Presenter{{PersonID: lecturer.ID}},
				BridgePoints: []tuyengiao.BridgePoint{{UnitID: 2, Place: "Hội trường phường"},
					{UnitID: 4, Expected: map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 40}}}}
			if err := db.CreateConference(roleCtx(tuyengiao.RoleEditor, 2, w.ward2), c); err != nil {
				t.Fatal(err)
			}
			got, err := db.FindConferenceByID(roleCtx(tuyengiao.RoleMember, 5, w.cell5), c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Presenters[0].FullName != "Nguyễn Văn Giảng" || len(got.BridgePoints) != 2 ||
				got.BridgePoints[1].Expected[tuyengiao.CategoryMasses] != 40 || got.BridgePoints[0].Place != "Hội trường phường" {
				t.Fatalf("got %+v", got)
			}
			member := createTestPerson(t, db, 4, "Trần Văn Chi Bộ", "")
			for name, f := range map[string]tuyengiao.ConferenceFilter{
				"by person":   {PersonID: member.ID},
				"by root":     {RootID: 4},
				"by campaign": {CampaignID: plan.ID, From: time.Date(2025, 6, 20, 2, 0, 0, 0, time.UTC)},
			} {
				found, err := db.FindConferences(roleCtx(tuyengiao.RoleEditor, 4, w.cell4), f)
				if err != nil || len(found) != 1 || found[0].ID != c.ID {
					t.Errorf("%s: %d found, err %v", name, len(found), err)
				}
			}
			if found, _ := db.FindConferences(admin, tuyengiao.ConferenceFilter{RootID: 5}); len(found) != 0 {
				t.Fatalf("cell 5 finds %d", len(found))
			}
			if found, err := db.FindConferences(memberCtx(member.ID, 4, w.cell4), tuyengiao.ConferenceFilter{PersonID: member.ID}); err != nil || len(found) != 1 {
				t.Fatalf("a member's own conferences: %d, %v", len(found), err)
			}
			_, err = db.FindConferences(memberCtx(member.ID, 4, w.cell4), tuyengiao.ConferenceFilter{PersonID: lecturer.ID})
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("another person's conferences: %v", err)
			}
		})

		t.Run("an update of a conference keeps the counted numbers of the bridge points it keeps", func(t *testing.T) {
			c := w.conference(t, db, plan.ID, 3, time.Date(2025, 6, 21, 1, 0, 0, 0, time.UTC), 3, 5)
			hostEditor := roleCtx(tuyengiao.RoleEditor, 5, w.cell5)
			if err := db.RecordHeadcount(hostEditor, c.BridgePoints[1].ID, map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 35}); err != nil {
				t.Fatal(err)
			}
			if err := db.RecordHeadcount(hostEditor, c.BridgePoints[0].ID, map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 1}); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("headcount at another unit's bridge point: %v", err)
			}
			kept := c.BridgePoints[1].ID
			c.Title = "Hội nghị (dời lịch)"
			c.BridgePoints = []tuyengiao.BridgePoint{{UnitID: 5, Place: "Nhà văn hóa"}}
			if err := db.UpdateConference(roleCtx(tuyengiao.RoleEditor, 3, w.ward3), c); err != nil {
				t.Fatal(err)
			}
			got, _ := db.FindConferenceByID(admin, c.ID)
			if len(got.BridgePoints) != 1 || got.BridgePoints[0].ID != kept || got.BridgePoints[0].Counted[tuyengiao.CategoryMasses] != 35 ||
				got.BridgePoints[0].Place != "Nhà văn hóa" || got.Title != c.Title {
				t.Fatalf("got %+v", got)
			}
			if personAuditCount(t, db, "conference.update", conferenceObject(c.ID), "ok") != 1 ||
				personAuditCount(t, db, "bridge_point.headcount", bridgePointObject(kept), "ok") != 1 {
				t.Fatal("the update or the headcount is not audited")
			}
		})
	})
}
