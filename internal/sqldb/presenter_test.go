package sqldb

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// presenterAudit returns the details of the "person.view" records of the object with the
// outcome, oldest first.
func presenterAudit(t *testing.T, db *DB, object, outcome string) []string {
	t.Helper()
	rows, err := db.query(context.Background(), `SELECT detail FROM audit_log WHERE action = 'person.view' AND object = ? AND outcome = ?
		ORDER BY id`, object, outcome)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

func TestConferencePresenters(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập, quán triệt Nghị quyết 35"))
		ward2Editor := roleCtx(tuyengiao.RoleEditor, 2, w.ward2)
		own := createTestPerson(t, db, 4, "Nguyễn Văn Giảng", "")
		outside := createTestPerson(t, db, 5, "Trần Thị Bí Mật", "")
		conference := func(presenters ...*tuyengiao.Person) *tuyengiao.Conference {
			c := &tuyengiao.Conference{CampaignID: plan.ID, UnitID: 2, Title: "Hội nghị phường 2", Form: tuyengiao.FormInPerson,
				StartsAt: time.Date(2025, 6, 20, 1, 0, 0, 0, time.UTC), EndsAt: time.Date(2025, 6, 20, 4, 0, 0, 0, time.UTC),
				Presenters: []tuyengiao.Presenter{}}
			for _, p := range presenters {
				c.Presenters = append(c.Presenters, tuyengiao.Presenter{PersonID: p.ID})
			}
			return c
		}

		t.Run("a person outside the editor's view is refused as one that does not exist, audited", func(t *testing.T) {
			err := db.CreateConference(ward2Editor, conference(outside))
			docField(t, err, "presenters")
			missing := db.CreateConference(ward2Editor, &tuyengiao.Conference{CampaignID: plan.ID, UnitID: 2, Title: "Hội nghị",
				Form: tuyengiao.FormOnline, StartsAt: time.Date(2025, 6, 20, 1, 0, 0, 0, time.UTC), EndsAt: time.Date(2025, 6, 20, 2, 0, 0, 0, time.UTC),
				Presenters: []tuyengiao.Presenter{{PersonID: outside.ID + 1000}}})
			// The two answers differ only by the ID typed.
			shape := func(err error, id int64) string {
				return strings.ReplaceAll(vn.Message(err), strconv.FormatInt(id, 10), "N")
			}
			if shape(err, outside.ID) != shape(missing, outside.ID+1000) || strings.Contains(vn.Message(err), "Bí Mật") {
				t.Fatalf("the refusal %q differs from the answer about a missing person %q", vn.Message(err), vn.Message(missing))
			}
			if len(presenterAudit(t, db, personObject(outside.ID), tuyengiao.OutcomeDenied)) != 1 {
				t.Fatal("the refusal is not audited")
			}
		})

		var c *tuyengiao.Conference
		t.Run("a person in the editor's view presents, and naming them is audited as a read", func(t *testing.T) {
			c = conference(own)
			if err := db.CreateConference(ward2Editor, c); err != nil {
				t.Fatal(err)
			}
			if c.Presenters[0].FullName != "Nguyễn Văn Giảng" {
				t.Fatalf("presenters %+v", c.Presenters)
			}
			if _, err := db.FindConferenceByID(roleCtx(tuyengiao.RoleMember, 4, w.cell4), c.ID); err != nil {
				t.Fatal(err)
			}
			reads := presenterAudit(t, db, conferenceObject(c.ID), tuyengiao.OutcomeOK)
			if len(reads) != 2 || !strings.Contains(reads[1], personObject(own.ID)) {
				t.Fatalf("reads of the presenters %q", reads)
			}
			if _, err := db.FindConferences(ward2Editor, tuyengiao.ConferenceFilter{CampaignID: plan.ID}); err != nil {
				t.Fatal(err)
			}
			if len(presenterAudit(t, db, "conferences", tuyengiao.OutcomeOK)) != 1 {
				t.Fatal("the list naming the presenters is not audited")
			}
		})

		t.Run("an update keeps a presenter someone with a wider view picked, but adds none outside", func(t *testing.T) {
			c.Presenters = []tuyengiao.Presenter{{PersonID: own.ID}, {PersonID: outside.ID}}
			if err := db.UpdateConference(roleCtx(tuyengiao.RoleEditor, 1, w.city), c); err != nil {
				t.Fatal(err)
			}
			c.Title = "Hội nghị phường 2 (dời lịch)"
			if err := db.UpdateConference(ward2Editor, c); err != nil {
				t.Fatalf("the ward's editor changes the title: %v", err)
			}
			third := createTestPerson(t, db, 5, "Lê Văn Ngoài", "")
			c.Presenters = append(c.Presenters, tuyengiao.Presenter{PersonID: third.ID})
			docField(t, db.UpdateConference(ward2Editor, c), "presenters")
		})

		t.Run("a conference whose record of the presenters cannot be written is neither created nor changed", func(t *testing.T) {
			refuseAudit(t, db, "person.view")
			count := func() int {
				var n int
				if err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM conferences WHERE campaign_id = ?`, plan.ID).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			before := count()
			if err := db.CreateConference(ward2Editor, conference(own)); err == nil {
				t.Fatal("created without its audit record")
			}
			if n := count(); n != before {
				t.Fatalf("%d conferences after the failed create, %d before: a retry would make another", n, before)
			}
			c.Title = "Hội nghị không ghi được"
			if err := db.UpdateConference(ward2Editor, c); err == nil {
				t.Fatal("changed without its audit record")
			}
			var title string
			if err := db.queryRow(context.Background(), `SELECT title FROM conferences WHERE id = ?`, c.ID).Scan(&title); err != nil || title == c.Title {
				t.Fatalf("the title after the failed update: %q %v", title, err)
			}
		})
	})
}

// refuseAudit makes the database refuse every audit record of the action from now on, as a
// failing write of the record would.
func refuseAudit(t *testing.T, db *DB, action string) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.action = '` + action + `'
		BEGIN SELECT RAISE(ABORT, 'audit refused'); END`}
	if db.postgres {
		stmts = []string{`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN IF NEW.action = '` + action + `' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$`,
			`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()`}
	}
	for _, q := range stmts {
		if _, err := db.write.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}
