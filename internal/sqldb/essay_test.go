package sqldb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// essayTestCampaign inserts a campaign with SQL, so that these tests do not depend on the
// campaign service: organised at the unit, for the audiences, with the essay due on the given
// day (zero for none) and the default rubric unless levels and criteria are given.
func essayTestCampaign(t testing.TB, db *DB, unitID int64, due tuyengiao.Date, cats []tuyengiao.Category, criteria, levels string) int64 {
	t.Helper()
	if criteria == "" {
		criteria = "[]"
	}
	if levels == "" {
		levels = "[]"
	}
	ctx := context.Background()
	today := db.today()
	now := db.now()
	var id int64
	err := db.update(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO campaigns (unit_id, title, search, start_on, end_on, essay_due, essay_criteria,
			essay_levels, created_at, updated_at) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			unitID, "Học tập Nghị quyết 35", dateText(tuyengiao.Date{Time: today.AddDate(0, -1, 0)}),
			dateText(tuyengiao.Date{Time: today.AddDate(0, 1, 0)}), dateText(due), criteria, levels, now, now).Scan(&id)
		if err != nil {
			return err
		}
		for _, c := range cats {
			if _, err := tx.exec(ctx, `INSERT INTO campaign_audiences (campaign_id, category) VALUES (?, ?)`, id, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// memberCtx acts as the member account of the person, holding the member role at the unit.
func memberCtx(personID, unitID int64, path string) context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{
		UserID: 0, Login: "test-member", PersonID: personID, Address: "127.0.0.1",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleMember, UnitID: unitID, UnitPath: path}},
	})
}

// reviewerCtx acts as the account of the person that reviews the essays of the unit, the
// person's own: a reviewer's grant opens essays only to a person of that unit.
func reviewerCtx(personID, unitID int64, path string) context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{
		UserID: 0, Login: "test-reviewer", PersonID: personID, Address: "127.0.0.1",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleReviewer, UnitID: unitID, UnitPath: path}},
	})
}

// essayPDF is a small PDF essay file.
var essayPDF = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func essayDay(d tuyengiao.Date, days int) tuyengiao.Date {
	return tuyengiao.Date{Time: d.AddDate(0, 0, days)}
}

// essayCount returns how many essays of the unit, status and level the counts hold.
func essayCount(counts []tuyengiao.EssayCount, unitID int64, status tuyengiao.EssayStatus, level string) int64 {
	for _, c := range counts {
		if c.UnitID == unitID && c.Status == status && c.Level == level {
			return c.Count
		}
	}
	return 0
}

// essayGrade is a grade of every default criterion at the level.
func essayGrade(level string) tuyengiao.EssayReview {
	r := tuyengiao.EssayReview{Level: level, Comment: "Bài viết có liên hệ thực tiễn."}
	for _, c := range tuyengiao.DefaultEssayCriteria {
		r.Scores = append(r.Scores, tuyengiao.Score{Criterion: c, Level: level})
	}
	return r
}

func TestEssays(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := personTestUnit(t, db, 1, "/", "TP")
		district := personTestUnit(t, db, 2, city, "Q1")
		ward := personTestUnit(t, db, 3, district, "P1") // the grassroots organisation
		cellA := personTestUnit(t, db, 4, ward, "CBA")   // the author's cell
		cellB := personTestUnit(t, db, 5, ward, "CBB")   // a sibling cell
		other := personTestUnit(t, db, 6, city, "Q2")    // another district
		author := createTestPerson(t, db, 4, "Nguyễn Thị Lan", "")
		neighbour := createTestPerson(t, db, 4, "Trần Văn An", "")
		inB := createTestPerson(t, db, 5, "Phạm Văn Bình", "")
		movedOut := createTestPerson(t, db, 4, "Hoàng Văn Chuyển", "")
		if _, err := db.ChangePersonStatus(sysadminCtx(), movedOut.ID, tuyengiao.StatusMovedOut, db.today()); err != nil {
			t.Fatal(err)
		}
		masses := &tuyengiao.Person{UnitID: 4, FullName: "Lê Văn Cường", Category: tuyengiao.CategoryMasses}
		if err := db.CreatePerson(sysadminCtx(), masses); err != nil {
			t.Fatal(err)
		}
		today := db.today()
		members := []tuyengiao.Category{tuyengiao.CategoryMember, tuyengiao.CategoryProbation}
		nq35 := essayTestCampaign(t, db, 2, essayDay(today, 10), members, "", "")
		authorCtx := memberCtx(author.ID, 4, cellA)
		secretary := createTestPerson(t, db, 4, "Đỗ Văn Bí Thư", "")
		reviewerA := reviewerCtx(secretary.ID, 4, cellA)
		var essay *tuyengiao.Essay

		t.Run("a member hands in an essay for a campaign of the district, kept in NFC with its paragraphs", func(t *testing.T) {
			text := norm.NFD.String("Nhận thức về Nghị quyết 35.\r\n\r\n\r\nLiên hệ với chi bộ:   bảo vệ nền tảng tư tưởng.")
			var err error
			essay, err = db.SubmitEssay(authorCtx, nq35, tuyengiao.EssaySubmission{Text: text})
			if err != nil {
				t.Fatal(err)
			}
			want := "Nhận thức về Nghị quyết 35.\n\nLiên hệ với chi bộ: bảo vệ nền tảng tư tưởng."
			if essay.Text != want || essay.Status != tuyengiao.EssaySubmitted || essay.Revision != 1 ||
				essay.PersonID != author.ID || essay.UnitID != 4 || essay.File != nil || essay.FullName != "Nguyễn Thị Lan" {
				t.Fatalf("essay %+v", essay)
			}
			if n := personAuditCount(t, db, "essay.submit", essayObject(essay.ID), tuyengiao.OutcomeOK); n != 1 {
				t.Fatalf("essay.submit records = %d", n)
			}
			mine, err := db.MyEssay(authorCtx, nq35)
			if err != nil || mine.ID != essay.ID || mine.Text != want {
				t.Fatalf("my essay: %v %+v", err, mine)
			}
		})

		t.Run("handing in again before the review replaces the essay, still the first revision", func(t *testing.T) {
			e, err := db.SubmitEssay(authorCtx, nq35, tuyengiao.EssaySubmission{Text: "Bài viết sửa lại.", FileName: `C:\Bài\thu-hoach.pdf`, File: essayPDF})
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(essayPDF)
			if e.ID != essay.ID || e.Revision != 1 || e.Text != "Bài viết sửa lại." || e.File == nil ||
				e.File.Name != "thu-hoach.pdf" || e.File.ContentType != "application/pdf" ||
				e.File.SHA256 != hex.EncodeToString(sum[:]) || e.File.Size != int64(len(essayPDF)) {
				t.Fatalf("essay %+v file %+v", e, e.File)
			}
			essay = e
		})

		t.Run("the audit record of a file names its hash, not the file name a member may have put their name in", func(t *testing.T) {
			var detail string
			db.queryRow(context.Background(), `SELECT detail FROM audit_log WHERE action = 'essay.submit' AND object = ? ORDER BY id DESC LIMIT 1`,
				essayObject(essay.ID)).Scan(&detail)
			if !strings.Contains(detail, essay.File.SHA256) || strings.Contains(detail, "thu-hoach") {
				t.Fatalf("detail %q", detail)
			}
		})

		t.Run("the file must be a PDF or a DOCX by content and within the limit", func(t *testing.T) {
			_, err := db.SubmitEssay(authorCtx, nq35, tuyengiao.EssaySubmission{Text: "Bài", FileName: "bai.pdf", File: []byte("MZ\x90\x00 not a pdf")})
			docField(t, err, "file")
			big := make([]byte, tuyengiao.MaxEssayFileBytes+1)
			copy(big, "%PDF-1.7\n")
			_, err = db.SubmitEssay(authorCtx, nq35, tuyengiao.EssaySubmission{FileName: "bai.pdf", File: big})
			wantCode(t, err, tuyengiao.ETOOLARGE)
			e, err := db.SubmitEssay(memberCtx(neighbour.ID, 4, cellA), nq35, tuyengiao.EssaySubmission{FileName: "bai.docx", File: docDOCX(t)})
			if err != nil || e.File == nil || e.File.ContentType != contentTypeDOCX || e.Text != "" {
				t.Fatalf("a DOCX alone: %v %+v", err, e)
			}
		})

		t.Run("an empty essay or a text over the limit is refused on the text", func(t *testing.T) {
			_, err := db.SubmitEssay(authorCtx, nq35, tuyengiao.EssaySubmission{Text: " \n\n "})
			docField(t, err, "text")
			_, err = db.SubmitEssay(authorCtx, nq35, tuyengiao.EssaySubmission{Text: strings.Repeat("ầ", tuyengiao.MaxEssayTextRunes+1)})
			docField(t, err, "text")
		})

		t.Run("a campaign that asks no essay, or whose due day has passed in Vietnam, takes none", func(t *testing.T) {
			none := essayTestCampaign(t, db, 2, tuyengiao.Date{}, members, "", "")
			_, err := db.SubmitEssay(authorCtx, none, tuyengiao.EssaySubmission{Text: "Bài"})
			docField(t, err, "text")
			late := essayTestCampaign(t, db, 2, essayDay(today, -1), members, "", "")
			_, err = db.SubmitEssay(authorCtx, late, tuyengiao.EssaySubmission{Text: "Bài"})
			docField(t, err, "text")
			dueToday := essayTestCampaign(t, db, 2, today, members, "", "")
			if _, err := db.SubmitEssay(authorCtx, dueToday, tuyengiao.EssaySubmission{Text: "Bài"}); err != nil {
				t.Fatalf("on the due day itself: %v", err)
			}
		})

		t.Run("only the caller's own person writes, for a campaign that reaches them", func(t *testing.T) {
			_, err := db.SubmitEssay(roleCtx(tuyengiao.RoleMember, 4, cellA), nq35, tuyengiao.EssaySubmission{Text: "Bài"})
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			_, err = db.SubmitEssay(context.Background(), nq35, tuyengiao.EssaySubmission{Text: "Bài"})
			wantCode(t, err, tuyengiao.EUNAUTHORIZED)
			ofB := essayTestCampaign(t, db, 5, essayDay(today, 3), members, "", "")
			_, err = db.SubmitEssay(authorCtx, ofB, tuyengiao.EssaySubmission{Text: "Bài"})
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			_, err = db.SubmitEssay(memberCtx(masses.ID, 4, cellA), nq35, tuyengiao.EssaySubmission{Text: "Bài"})
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			if n := personAuditCount(t, db, "essay.submit", campaignObject(nq35), tuyengiao.OutcomeDenied); n != 2 {
				t.Fatalf("refused submissions audited: %d", n)
			}
			moved := createTestPerson(t, db, 4, "Đỗ Văn Dũng", "2020-01-01")
			if _, err := db.ChangePersonStatus(sysadminCtx(), moved.ID, tuyengiao.StatusMovedOut, today); err != nil {
				t.Fatal(err)
			}
			_, err = db.SubmitEssay(memberCtx(moved.ID, 4, cellA), nq35, tuyengiao.EssaySubmission{Text: "Bài"})
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			_, err = db.SubmitEssay(authorCtx, 9999, tuyengiao.EssaySubmission{Text: "Bài"})
			wantCode(t, err, tuyengiao.ENOTFOUND)
		})

		t.Run("the text and the file are read by the author and the reviewer of the cell only; the reviewer's reads are audited", func(t *testing.T) {
			reads := personAuditCount(t, db, "essay.view", essayObject(essay.ID), tuyengiao.OutcomeOK)
			for name, ctx := range map[string]context.Context{"the author": authorCtx, "the reviewer of the cell": reviewerA} {
				e, err := db.FindEssayByID(ctx, essay.ID)
				if err != nil || e.Text != "Bài viết sửa lại." {
					t.Fatalf("%s reads the text: %v %+v", name, err, e)
				}
				f, content, err := db.EssayFileContent(ctx, essay.ID)
				if err != nil || !bytes.Equal(content, essayPDF) || f.Name != "thu-hoach.pdf" {
					t.Fatalf("%s reads the file: %v %+v", name, err, f)
				}
			}
			if n := personAuditCount(t, db, "essay.view", essayObject(essay.ID), tuyengiao.OutcomeOK); n != reads+2 {
				t.Fatalf("reads audited: %d, want %d", n, reads+2)
			}
			refused := map[string]context.Context{
				"the reviewer of the grassroots organisation above": roleCtx(tuyengiao.RoleReviewer, 3, ward),
				"the reviewer of a sibling cell":                    reviewerCtx(inB.ID, 5, cellB),
				"a reviewer of the cell who is no person of it":     roleCtx(tuyengiao.RoleReviewer, 4, cellA),
				"a reviewer of the cell who has moved out of it":    reviewerCtx(movedOut.ID, 4, cellA),
				"the editor of the cell":                            roleCtx(tuyengiao.RoleEditor, 4, cellA),
				"the viewer of the cell":                            roleCtx(tuyengiao.RoleViewer, 4, cellA),
				"the unit administrator of the cell":                roleCtx(tuyengiao.RoleUnitAdmin, 4, cellA),
				"the editor above":                                  roleCtx(tuyengiao.RoleEditor, 3, ward),
				"the viewer of the district":                        roleCtx(tuyengiao.RoleViewer, 2, district),
				"the unit administrator of the city":                roleCtx(tuyengiao.RoleUnitAdmin, 1, city),
				"a system administrator":                            sysadminCtx(),
				"another member of the cell":                        memberCtx(neighbour.ID, 4, cellA),
			}
			denied := personAuditCount(t, db, "essay.view", essayObject(essay.ID), tuyengiao.OutcomeDenied)
			// A refusal reads exactly as a missing essay, so that nobody learns which IDs
			// are essays of other people; it is audited all the same.
			_, missing := db.FindEssayByID(reviewerA, essay.ID+1000)
			wantCode(t, missing, tuyengiao.ENOTFOUND)
			unseen := func(what string, err error) {
				t.Helper()
				if tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND || vn.Message(err) != vn.Message(missing) {
					t.Errorf("%s: %v, want the answer about a missing essay", what, err)
				}
			}
			for name, ctx := range refused {
				_, err := db.FindEssayByID(ctx, essay.ID)
				unseen(name+" reads the text", err)
				_, _, err = db.EssayFileContent(ctx, essay.ID)
				unseen(name+" reads the file", err)
				_, err = db.FindEssays(ctx, nq35, 4)
				if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
					t.Errorf("%s lists the essays of the cell: %v", name, err)
				}
				_, err = db.ReviewEssay(ctx, essay.ID, essayGrade("Tốt"))
				unseen(name+" grades the essay", err)
				_, err = db.EssayAccess(ctx, essay.ID)
				unseen(name+" asks who read the essay", err)
			}
			if n := personAuditCount(t, db, "essay.view", essayObject(essay.ID), tuyengiao.OutcomeDenied); n != denied+2*len(refused) {
				t.Fatalf("refused reads audited: %d, want %d", n, denied+2*len(refused))
			}
			_, err := db.FindEssayByID(context.Background(), essay.ID)
			wantCode(t, err, tuyengiao.EUNAUTHORIZED)
		})

		t.Run("a viewer above sees the counts and the grades, never a text", func(t *testing.T) {
			counts, err := db.EssayCounts(roleCtx(tuyengiao.RoleViewer, 2, district), nq35, 2)
			if err != nil {
				t.Fatal(err)
			}
			if n := essayCount(counts, 4, tuyengiao.EssaySubmitted, ""); n != 2 || len(counts) != 1 {
				t.Fatalf("counts %+v", counts)
			}
			_, err = db.EssayCounts(roleCtx(tuyengiao.RoleViewer, 6, other), nq35, 2)
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			counts, err = db.EssayCounts(roleCtx(tuyengiao.RoleViewer, 6, other), nq35, 6)
			if err != nil || len(counts) != 0 {
				t.Fatalf("another district: %v %+v", err, counts)
			}
		})

		t.Run("the reviewer of the cell lists its essays without their text", func(t *testing.T) {
			list, err := db.FindEssays(reviewerA, nq35, 4)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 || list[0].FullName != "Trần Văn An" || list[1].FullName != "Nguyễn Thị Lan" { // given name first
				t.Fatalf("list %+v", list)
			}
			for _, e := range list {
				if e.Text != "" {
					t.Fatalf("the list carries the text of %d", e.ID)
				}
			}
			if list[1].File == nil || list[1].File.Name != "thu-hoach.pdf" {
				t.Fatalf("the list does not say the essay has a file: %+v", list[1])
			}
			if _, err := db.FindEssays(reviewerCtx(inB.ID, 5, cellB), nq35, 5); err != nil {
				t.Fatalf("the reviewer of cell B lists cell B: %v", err)
			}
		})

		t.Run("a grade keeps to the campaign's rubric", func(t *testing.T) {
			_, err := db.ReviewEssay(reviewerA, essay.ID, essayGrade("Xuất sắc"))
			docField(t, err, "level")
			r := essayGrade("Khá")
			r.Scores[0].Criterion = "Văn phong"
			_, err = db.ReviewEssay(reviewerA, essay.ID, r)
			docField(t, err, "scores")
			r = essayGrade("Khá")
			r.Scores[1].Level = "Xuất sắc"
			_, err = db.ReviewEssay(reviewerA, essay.ID, r)
			docField(t, err, "scores")
			r = essayGrade("Khá")
			r.Scores = r.Scores[:2]
			_, err = db.ReviewEssay(reviewerA, essay.ID, r)
			docField(t, err, "scores")
			r = essayGrade("Khá")
			r.Scores[2] = r.Scores[0]
			_, err = db.ReviewEssay(reviewerA, essay.ID, r)
			docField(t, err, "scores")
			_, err = db.ReviewEssay(reviewerA, essay.ID, tuyengiao.EssayReview{Return: true})
			docField(t, err, "comment")
			e, err := db.FindEssayByID(authorCtx, essay.ID)
			if err != nil || e.Status != tuyengiao.EssaySubmitted {
				t.Fatalf("a refused grade changed the essay: %v %+v", err, e)
			}
		})

		t.Run("a grade of a text the author has replaced since the reviewer read it is refused", func(t *testing.T) {
			read, err := db.FindEssayByID(reviewerA, essay.ID)
			if err != nil {
				t.Fatal(err)
			}
			now := db.Now
			db.Now = func() time.Time { return now().Add(time.Minute) }
			defer func() { db.Now = now }()
			if _, err := db.SubmitEssay(authorCtx, nq35, tuyengiao.EssaySubmission{Text: "Bài viết sửa lại trước khi chấm."}); err != nil {
				t.Fatal(err)
			}
			r := essayGrade("Tốt")
			r.SubmittedAt = read.SubmittedAt
			_, err = db.ReviewEssay(reviewerA, essay.ID, r)
			wantCode(t, err, tuyengiao.ECONFLICT)
			if e, _ := db.FindEssayByID(reviewerA, essay.ID); e.Status != tuyengiao.EssaySubmitted {
				t.Fatalf("the replaced text was graded: %+v", e)
			}
		})

		t.Run("a returned essay comes back as the next revision, then is graded and stays", func(t *testing.T) {
			e, err := db.ReviewEssay(reviewerA, essay.ID, tuyengiao.EssayReview{Return: true, Comment: "Cần liên hệ cụ thể hơn với công việc của chi bộ."})
			if err != nil || e.Status != tuyengiao.EssayReturned || e.Comment == "" || e.Level != "" {
				t.Fatalf("return: %v %+v", err, e)
			}
			e, err = db.SubmitEssay(authorCtx, nq35, tuyengiao.EssaySubmission{Text: "Bài viết lần hai, liên hệ với chi bộ."})
			if err != nil || e.Status != tuyengiao.EssaySubmitted || e.Revision != 2 || e.File != nil {
				t.Fatalf("resubmit: %v %+v", err, e)
			}
			_, err = db.ReviewEssay(memberCtx(author.ID, 4, cellA), essay.ID, essayGrade("Tốt"))
			wantCode(t, err, tuyengiao.ENOTFOUND)
			r := essayGrade("Khá")
			r.Scores = []tuyengiao.Score{r.Scores[2], r.Scores[0], {Criterion: r.Scores[1].Criterion, Level: "Tốt"}}
			e, err = db.ReviewEssay(reviewerA, essay.ID, r)
			if err != nil || e.Status != tuyengiao.EssayGraded || e.Level != "Khá" || len(e.Scores) != 3 ||
				e.Scores[0].Criterion != tuyengiao.DefaultEssayCriteria[0] || e.Scores[1].Level != "Tốt" || e.ReviewedAt.IsZero() {
				t.Fatalf("grade: %v %+v", err, e)
			}
			if n := personAuditCount(t, db, "essay.review", essayObject(essay.ID), tuyengiao.OutcomeOK); n != 2 {
				t.Fatalf("reviews audited: %d", n)
			}
			_, err = db.SubmitEssay(authorCtx, nq35, tuyengiao.EssaySubmission{Text: "Sửa sau khi chấm"})
			wantCode(t, err, tuyengiao.ECONFLICT)
			_, err = db.ReviewEssay(reviewerA, essay.ID, essayGrade("Tốt"))
			wantCode(t, err, tuyengiao.ECONFLICT)
			mine, err := db.MyEssay(authorCtx, nq35)
			if err != nil || mine.Text != "Bài viết lần hai, liên hệ với chi bộ." || mine.Level != "Khá" {
				t.Fatalf("the author's view after grading: %v %+v", err, mine)
			}
		})

		t.Run("the counts add the grades by unit, status and level over the subtree", func(t *testing.T) {
			if _, err := db.SubmitEssay(memberCtx(inB.ID, 5, cellB), nq35, tuyengiao.EssaySubmission{Text: "Bài của chi bộ B"}); err != nil {
				t.Fatal(err)
			}
			counts, err := db.EssayCounts(roleCtx(tuyengiao.RoleViewer, 3, ward), nq35, 3)
			if err != nil {
				t.Fatal(err)
			}
			if essayCount(counts, 4, tuyengiao.EssayGraded, "Khá") != 1 || essayCount(counts, 4, tuyengiao.EssaySubmitted, "") != 1 ||
				essayCount(counts, 5, tuyengiao.EssaySubmitted, "") != 1 || len(counts) != 3 {
				t.Fatalf("counts %+v", counts)
			}
			counts, err = db.EssayCounts(roleCtx(tuyengiao.RoleMember, 5, cellB), nq35, 5)
			if err != nil || len(counts) != 1 {
				t.Fatalf("the cell's own counts: %v %+v", err, counts)
			}
		})

		t.Run("a campaign's own levels and criteria make its rubric", func(t *testing.T) {
			own := essayTestCampaign(t, db, 1, essayDay(today, 5), members, `["Nội dung","Hình thức"]`, `["Đạt","Chưa đạt"]`)
			e, err := db.SubmitEssay(authorCtx, own, tuyengiao.EssaySubmission{Text: "Bài"})
			if err != nil {
				t.Fatal(err)
			}
			_, err = db.ReviewEssay(reviewerA, e.ID, essayGrade("Tốt"))
			docField(t, err, "level")
			e, err = db.ReviewEssay(reviewerA, e.ID, tuyengiao.EssayReview{Level: "Đạt",
				Scores: []tuyengiao.Score{{Criterion: "Nội dung", Level: "Đạt"}, {Criterion: "Hình thức", Level: "Chưa đạt"}}})
			if err != nil || e.Level != "Đạt" {
				t.Fatalf("grade on the campaign's rubric: %v %+v", err, e)
			}
		})

	})
}

// BenchmarkEssayCounts measures the counts of a campaign's essays over a city of 70 wards
// where every person has handed one in, a third graded and a third returned
// (TUYENGIAO_BENCH_PEOPLE people, 8.000 by default).
func BenchmarkEssayCounts(b *testing.B) {
	size := 8_000
	if s := os.Getenv("TUYENGIAO_BENCH_PEOPLE"); s != "" {
		var err error
		if size, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	benchEngines(b, func(b *testing.B, db *DB) {
		benchCity(b, db, size)
		members := []tuyengiao.Category{tuyengiao.CategoryMember}
		camp := essayTestCampaign(b, db, 1, essayDay(db.today(), 10), members, "", "")
		_, err := db.write.Exec(db.rebind(`INSERT INTO essays (campaign_id, person_id, unit_id, text, status, level, submitted_at)
			SELECT ?, id, unit_id, 'Bài thu hoạch',
				CASE id % 3 WHEN 0 THEN 'graded' WHEN 1 THEN 'returned' ELSE 'submitted' END,
				CASE id % 3 WHEN 0 THEN CASE id % 4 WHEN 0 THEN 'Tốt' WHEN 1 THEN 'Khá' ELSE 'Đạt' END ELSE '' END, ?
			FROM people`), camp, db.now())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.write.Exec(`ANALYZE`); err != nil {
			b.Fatal(err)
		}
		var rows int
		for b.Loop() {
			counts, err := db.EssayCounts(sysadminCtx(), camp, 1)
			if err != nil {
				b.Fatal(err)
			}
			rows = len(counts)
		}
		b.ReportMetric(float64(rows), "rows")
	})
}

// essayAccountCtx creates the account of the person with the role at the unit and acts as
// it, as a session of it would.
func essayAccountCtx(t *testing.T, db *DB, login string, person *tuyengiao.Person, role tuyengiao.Role, unitID int64, path string) context.Context {
	t.Helper()
	u := &tuyengiao.User{Login: login, DisplayName: login, PersonID: person.ID, Grants: []tuyengiao.Grant{{Role: role, UnitID: unitID}}}
	if err := db.CreateUser(sysadminCtx(), u, "mật khẩu ban đầu"); err != nil {
		t.Fatal(err)
	}
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{UserID: u.ID, Login: login, PersonID: person.ID,
		Address: "192.0.2.20", Grants: []tuyengiao.Grant{{Role: role, UnitID: unitID, UnitPath: path}}})
}

func TestEssayAccess(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := personTestUnit(t, db, 1, "/", "TP")
		cell := personTestUnit(t, db, 2, city, "CB1")
		sibling := personTestUnit(t, db, 3, city, "CB2")
		author := createTestPerson(t, db, 2, "Nguyễn Thị Lan", "")
		secretary := createTestPerson(t, db, 2, "Phạm Văn Bí Thư", "")
		other := createTestPerson(t, db, 3, "Đỗ Văn Khác", "")
		authorCtx := essayAccountCtx(t, db, "lan.cb1", author, tuyengiao.RoleMember, 2, cell)
		reviewer := essayAccountCtx(t, db, "bithu.cb1", secretary, tuyengiao.RoleReviewer, 2, cell)
		essayAccountCtx(t, db, "cham.cb2", other, tuyengiao.RoleReviewer, 3, sibling)
		campaign := essayTestCampaign(t, db, 1, essayDay(db.today(), 10), []tuyengiao.Category{tuyengiao.CategoryMember}, "", "")
		essay, err := db.SubmitEssay(authorCtx, campaign, tuyengiao.EssaySubmission{Text: "Bài thu hoạch.", FileName: "bai.pdf", File: essayPDF})
		if err != nil {
			t.Fatal(err)
		}

		t.Run("the author sees the reviewers of the cell by name, and nobody else", func(t *testing.T) {
			access, err := db.EssayAccess(authorCtx, essay.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(access.Readers) != 1 || access.Readers[0].Name != "Phạm Văn Bí Thư" || len(access.Reads) != 0 {
				t.Fatalf("access %+v", access)
			}
		})

		t.Run("every read by the reviewer shows, newest first, and the author's own do not", func(t *testing.T) {
			if _, err := db.MyEssay(authorCtx, campaign); err != nil {
				t.Fatal(err)
			}
			if _, err := db.FindEssayByID(reviewer, essay.ID); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.EssayFileContent(reviewer, essay.ID); err != nil {
				t.Fatal(err)
			}
			access, err := db.EssayAccess(authorCtx, essay.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(access.Reads) != 2 || access.Reads[0].What != "file" || access.Reads[1].What != "text" ||
				access.Reads[0].Name != "Phạm Văn Bí Thư" || access.Reads[0].At.IsZero() {
				t.Fatalf("reads %+v", access.Reads)
			}
		})

		t.Run("only the author asks, which is not audited; a refusal is", func(t *testing.T) {
			_, err := db.EssayAccess(reviewer, essay.ID)
			wantCode(t, err, tuyengiao.ENOTFOUND)
			if n := personAuditCount(t, db, "essay.access.view", essayObject(essay.ID), tuyengiao.OutcomeOK); n != 0 {
				t.Fatalf("essay.access.view records: %d", n)
			}
			if n := personAuditCount(t, db, "essay.access.view", essayObject(essay.ID), tuyengiao.OutcomeDenied); n != 1 {
				t.Fatalf("denied essay.access.view records: %d", n)
			}
		})
	})
}

// loggedIn logs in as the account with the password and returns a context acting as it, with
// the principal the server would build (its person and grants as stored now).
func loggedIn(t *testing.T, db *DB, login, pw string) context.Context {
	t.Helper()
	p, err := db.Authenticate(context.Background(), acctLogin(t, db, login, pw, "192.0.2.50"), "192.0.2.50")
	if err != nil {
		t.Fatal(err)
	}
	return tuyengiao.NewContext(context.Background(), p)
}

// essayChanges lists the changes of an essay's access as "change login", newest first.
func essayChanges(a *tuyengiao.EssayAccess) string {
	out := make([]string, len(a.Changes))
	for i, c := range a.Changes {
		out[i] = c.Change + " " + c.Login
	}
	return strings.Join(out, ", ")
}

// TestEssayThroughTheLink is the attack of a unit administrator who moves the link of the
// author's person to an account they hold, to read the essay as its author or hand one in
// in the author's name: it is refused where it can be, and shown to the author where not.
func TestEssayThroughTheLink(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := acctUnit(t, db, nil, "TP")
		ward := acctUnit(t, db, city, "P1")
		cell := acctUnit(t, db, ward, "CB1")
		author := createTestPerson(t, db, cell.id, "Nguyễn Thị Lan", "")
		adminPerson := createTestPerson(t, db, cell.id, "Trần Văn Quản", "")
		lan := &tuyengiao.User{Login: "lan", DisplayName: "Nguyễn Thị Lan", PersonID: author.ID,
			Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleMember, cell)}}
		admin := &tuyengiao.User{Login: "p1.admin", DisplayName: "Quản trị P1", PersonID: adminPerson.ID,
			Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleUnitAdmin, ward)}}
		for _, u := range []*tuyengiao.User{lan, admin} {
			if err := db.CreateUser(sysadminCtx(), u, acctPassword); err != nil {
				t.Fatal(err)
			}
		}
		campaign := essayTestCampaign(t, db, ward.id, essayDay(db.today(), 10), []tuyengiao.Category{tuyengiao.CategoryMember}, "", "")
		essay, err := db.SubmitEssay(loggedIn(t, db, "lan", acctPassword), campaign, tuyengiao.EssaySubmission{Text: "Bài của Lan."})
		if err != nil {
			t.Fatal(err)
		}
		adminCtx := loggedIn(t, db, "p1.admin", acctPassword)
		none := int64(0)

		t.Run("an administrator cannot link their own account to the author, and the attempt is audited", func(t *testing.T) {
			if _, err := db.UpdateUser(adminCtx, lan.ID, tuyengiao.UserUpdate{PersonID: &none}); err != nil {
				t.Fatal(err)
			}
			_, err := db.UpdateUser(adminCtx, admin.ID, tuyengiao.UserUpdate{PersonID: &author.ID})
			acctWant(t, err, tuyengiao.EFORBIDDEN)
			if !strings.Contains(vn.Message(err), "chính mình") {
				t.Fatalf("message %q does not say why", vn.Message(err))
			}
			if d := acctAuditDetail(t, db, "essay.access.link", personObject(author.ID), tuyengiao.OutcomeDenied); !strings.Contains(d, "self-link") {
				t.Fatalf("denied record %q", d)
			}
			if u, _ := db.loadUser(context.Background(), admin.ID); u.PersonID != adminPerson.ID {
				t.Fatalf("the administrator's account is linked to person %d", u.PersonID)
			}
		})

		t.Run("nor unlink their own account", func(t *testing.T) {
			_, err := db.UpdateUser(adminCtx, admin.ID, tuyengiao.UserUpdate{PersonID: &none})
			acctWant(t, err, tuyengiao.EFORBIDDEN)
		})

		fresh := &tuyengiao.User{Login: "lan.moi", DisplayName: "Nguyễn Thị Lan", PersonID: author.ID,
			Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleMember, cell)}}
		t.Run("a fresh account linked to the author does not read the essay handed in before", func(t *testing.T) {
			if err := db.CreateUser(adminCtx, fresh, "mật khẩu của kẻ gian"); err != nil {
				t.Fatal(err)
			}
			ctx := loggedIn(t, db, "lan.moi", "mật khẩu của kẻ gian")
			if _, err := db.FindEssayByID(ctx, essay.ID); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Fatalf("read through the fresh account: %v", err)
			}
			if _, _, err := db.EssayFileContent(ctx, essay.ID); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Fatalf("file through the fresh account: %v", err)
			}
			mine, err := db.MyEssay(ctx, campaign)
			if err != nil || !mine.Withheld || mine.Text != "" {
				t.Fatalf("the author's page through the fresh account: %v %+v", err, mine)
			}
		})

		t.Run("it can still hand in an essay in the author's name", func(t *testing.T) {
			ctx := loggedIn(t, db, "lan.moi", "mật khẩu của kẻ gian")
			if _, err := db.SubmitEssay(ctx, campaign, tuyengiao.EssaySubmission{Text: "Bài do người khác viết."}); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("the author, linked again, sees every change of the link and the submission by the other account", func(t *testing.T) {
			if err := db.ResetPassword(adminCtx, fresh.ID, "mật khẩu đặt lại"); err != nil {
				t.Fatal(err)
			} else if _, err := db.UpdateUser(adminCtx, fresh.ID, tuyengiao.UserUpdate{PersonID: &none}); err != nil {
				t.Fatal(err)
			} else if _, err := db.UpdateUser(adminCtx, lan.ID, tuyengiao.UserUpdate{PersonID: &author.ID}); err != nil {
				t.Fatal(err)
			}
			ctx := loggedIn(t, db, "lan", acctPassword)
			access, err := db.EssayAccess(ctx, essay.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := "link lan, unlink lan.moi, password lan.moi, link lan.moi, unlink lan, link lan"
			if got := essayChanges(access); got != want {
				t.Fatalf("changes %q, want %q", got, want)
			}
			if c := access.Changes[0]; c.By != "Trần Văn Quản" || c.UserID != lan.ID {
				t.Fatalf("the link is told as %+v", c)
			}
			if len(access.Reads) != 1 || access.Reads[0].What != "submit" || access.Reads[0].UserID != fresh.ID {
				t.Fatalf("reads %+v", access.Reads)
			}
			mine, err := db.MyEssay(ctx, campaign)
			if err != nil || !mine.Withheld {
				t.Fatalf("the essay another account handed in is shown to the author: %v %+v", err, mine)
			}
		})

		t.Run("the author's own essay stays readable to the account that handed it in, linked again", func(t *testing.T) {
			ctx := loggedIn(t, db, "lan", acctPassword)
			if _, err := db.SubmitEssay(ctx, campaign, tuyengiao.EssaySubmission{Text: "Bài của Lan, nộp lại."}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.UpdateUser(adminCtx, lan.ID, tuyengiao.UserUpdate{PersonID: &none}); err != nil {
				t.Fatal(err)
			} else if _, err := db.UpdateUser(adminCtx, lan.ID, tuyengiao.UserUpdate{PersonID: &author.ID}); err != nil {
				t.Fatal(err)
			}
			ctx = loggedIn(t, db, "lan", acctPassword)
			if e, err := db.FindEssayByID(ctx, essay.ID); err != nil || e.Text != "Bài của Lan, nộp lại." {
				t.Fatalf("the author's read: %v %+v", err, e)
			}
		})
	})
}
