package sqldb

import (
	"context"
	"testing"
	"time"

	"tuyengiao"
)

// deniedCount returns how many refusals the audit log holds.
func deniedCount(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE outcome = ?`, tuyengiao.OutcomeDenied).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestWorklist checks the counts of a home page: the attendance recorded at a unit's
// conferences, the people of a unit not attended yet, and the essays waiting for a reviewer.
func TestWorklist(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35"))
		an := createCategoryPerson(t, db, 4, "Nguyễn Thị An", tuyengiao.CategoryMember)
		binh := createCategoryPerson(t, db, 4, "Trần Văn Bình", tuyengiao.CategoryMember)
		createCategoryPerson(t, db, 4, "Lê Văn Quần", tuyengiao.CategoryMasses) // a headcount audience
		createCategoryPerson(t, db, 5, "Đỗ Văn Dũng", tuyengiao.CategoryMember) // the other ward
		conf := w.conference(t, db, plan.ID, 2, personTestNow.Add(-3*time.Hour), 2, 4)
		other := w.conference(t, db, plan.ID, 3, personTestNow.Add(-3*time.Hour), 5)
		wardEditor := roleCtx(tuyengiao.RoleEditor, 2, w.ward2)
		mark(t, db, wardEditor, conf.ID, 4, tuyengiao.RosterChange{Present: []int64{an.ID}})

		t.Run("the attendance recorded is counted by conference in the unit's subtree", func(t *testing.T) {
			got, err := db.AttendanceRecorded(wardEditor, 2, []int64{conf.ID, other.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[conf.ID] != 1 {
				t.Fatalf("recorded %v", got)
			}
			if got, _ := db.AttendanceRecorded(roleCtx(tuyengiao.RoleEditor, 5, w.cell5), 5, []int64{conf.ID}); len(got) != 0 {
				t.Fatalf("the other cell: %v", got)
			}
		})

		t.Run("the people not attended are counted as NotAttended lists them, without an audit record", func(t *testing.T) {
			n, err := db.NotAttendedCount(wardEditor, plan.ID, 2)
			if err != nil {
				t.Fatal(err)
			}
			people, total, err := db.NotAttended(wardEditor, plan.ID, 2, "", 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			if n != 1 || total != 1 || len(people) != 1 || people[0].ID != binh.ID {
				t.Fatalf("count %d, list %d %v", n, total, people)
			}
			if n, _ := db.NotAttendedCount(roleCtx(tuyengiao.RoleViewer, 1, w.city), plan.ID, 1); n != 2 {
				t.Fatalf("the city: %d", n)
			}
			if _, err := db.NotAttendedCount(roleCtx(tuyengiao.RoleEditor, 3, w.ward3), plan.ID, 2); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("another ward's editor: %v", err)
			}
		})

		t.Run("a reviewer sees the essays handed in at their cell, the longest waiting first", func(t *testing.T) {
			due := tuyengiao.Date{Time: db.today().AddDate(0, 0, 10)}
			camp := essayTestCampaign(t, db, 1, due, []tuyengiao.Category{tuyengiao.CategoryMember}, "", "")
			secretary := createCategoryPerson(t, db, 4, "Đỗ Văn Bí Thư", tuyengiao.CategoryMember)
			first, err := db.SubmitEssay(memberCtx(an.ID, 4, w.cell4), camp, tuyengiao.EssaySubmission{Text: "Bài của An."})
			if err != nil {
				t.Fatal(err)
			}
			db.Now = func() time.Time { return personTestNow.Add(time.Minute) }
			if _, err := db.SubmitEssay(memberCtx(binh.ID, 4, w.cell4), camp, tuyengiao.EssaySubmission{Text: "Bài của Bình."}); err != nil {
				t.Fatal(err)
			}
			reviewer := reviewerCtx(secretary.ID, 4, w.cell4)
			if _, err := db.ReviewEssay(reviewer, first.ID, essayGrade("Tốt")); err != nil {
				t.Fatal(err)
			}
			essays, total, err := db.WaitingEssays(reviewer, 5)
			if err != nil {
				t.Fatal(err)
			}
			if total != 1 || len(essays) != 1 || essays[0].FullName != "Trần Văn Bình" || essays[0].CampaignTitle != "Học tập Nghị quyết 35" || essays[0].Text != "" {
				t.Fatalf("waiting %d %+v", total, essays)
			}
			if personAuditCount(t, db, "essay.list", "essays:waiting", tuyengiao.OutcomeOK) != 1 {
				t.Fatal("the list of names is not audited")
			}
			if _, total, _ := db.WaitingEssays(reviewerCtx(binh.ID, 5, w.cell5), 5); total != 0 {
				t.Fatalf("a reviewer's grant at a cell they are not a person of: %d", total)
			}
		})

		t.Run("asking for the counts of what one may see writes no refusal", func(t *testing.T) {
			before := deniedCount(t, db)
			if _, total, err := db.WaitingEssays(roleCtx(tuyengiao.RoleViewer, 1, w.city), 5); err != nil || total != 0 {
				t.Fatalf("a viewer: %d %v", total, err)
			}
			if _, err := db.AttendanceRecorded(wardEditor, 2, []int64{conf.ID}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.NotAttendedCount(wardEditor, plan.ID, 2); err != nil {
				t.Fatal(err)
			}
			if after := deniedCount(t, db); after != before {
				t.Fatalf("refusals %d → %d", before, after)
			}
		})
	})
}
