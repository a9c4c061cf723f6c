package demo

import (
	"context"
	"fmt"

	"tuyengiao"
)

// essayTexts are the reflection essays of the demo cell, each ending with its author's pledge.
var essayTexts = []string{
	"Qua học tập Nghị quyết 35-NQ/TW, tôi nhận thức rõ bảo vệ nền tảng tư tưởng của Đảng là nhiệm vụ của mỗi đảng viên. Ở khu phố, tôi sẽ cùng tổ dân phố tuyên truyền cho bà con hiểu đúng chủ trương của Đảng, chính sách của Nhà nước.",
	"Nghị quyết chỉ rõ các biểu hiện suy thoái về tư tưởng chính trị. Bản thân tôi sẽ thường xuyên tự phê bình, giữ gìn phẩm chất đạo đức, gương mẫu trong sinh hoạt chi bộ và ở nơi cư trú.",
	"Tôi học được cách nhận diện thông tin sai lệch và sẽ chủ động cung cấp thông tin chính thống cho người thân, hàng xóm; tham gia đầy đủ các buổi sinh hoạt chuyên đề của chi bộ.",
	"Là đảng viên cao tuổi, tôi sẽ kể cho con cháu về truyền thống cách mạng của quê hương, giúp các cháu đoàn viên thanh niên vững vàng trước những luận điệu xuyên tạc.",
	"Nội dung cốt lõi của Nghị quyết là chủ động, kiên quyết bảo vệ nền tảng tư tưởng. Ở cơ quan, tôi sẽ góp ý xây dựng chi bộ, thực hiện tốt nhiệm vụ được giao.",
	"Tôi nhận thức sâu sắc hơn về trách nhiệm nêu gương của đảng viên và sẽ cụ thể hóa bằng việc tham gia vận động nhân dân thực hiện nếp sống văn minh đô thị.",
}

// historyEssays are the reflection essays of the campaigns of the history, on whatever
// document they studied.
var historyEssays = []string{
	"Qua đợt học tập, tôi nắm được những nội dung cốt lõi của văn bản và trách nhiệm của đảng viên trong việc tổ chức thực hiện. Tôi sẽ tuyên truyền cho gia đình và bà con khu dân cư cùng thực hiện.",
	"Tôi nhận thức rõ hơn yêu cầu nêu gương của cán bộ, đảng viên. Bản thân tôi sẽ tham gia đầy đủ sinh hoạt chi bộ và hoàn thành tốt nhiệm vụ được giao ở cơ quan.",
	"Đợt học tập giúp tôi hiểu rõ quan điểm, mục tiêu của Đảng. Tôi sẽ liên hệ với công việc chuyên môn, đề xuất giải pháp cụ thể trong chương trình công tác của chi bộ.",
	"Là đảng viên nghỉ hưu, tôi sẽ tích cực tham gia các phong trào ở địa phương, vận động con cháu chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
	"Tôi sẽ chủ động nghiên cứu thêm tài liệu, cung cấp thông tin chính thống trên mạng xã hội và trong sinh hoạt tổ dân phố, góp phần tạo sự đồng thuận trong nhân dân.",
	"Sau học tập, tôi xây dựng kế hoạch tu dưỡng, rèn luyện của bản thân, gắn với thực hiện nhiệm vụ chính trị của chi bộ và địa phương.",
}

// essayGrades are the levels given to the essays in turn; "" leaves an essay waiting for its
// review, "return" sends it back for revision.
var essayGrades = []string{"Tốt", "Khá", "Tốt", "", "Đạt", "return"}

// writeEssays has some members of a cell, of the roster entries, hand in their reflection
// essays, the texts in turn, each as themselves, and the cell's reviewer, the person
// reviewerID, grade most of them, so that the essay pages and their counts show every status.
// The person memberID writes none.
func writeEssays(ctx context.Context, s Services, c *tuyengiao.Campaign, cellID int64, entries []tuyengiao.RosterEntry, memberID, reviewerID int64, texts []string) error {
	cell, err := s.Units.FindUnitByID(ctx, cellID)
	if err != nil {
		return err
	}
	reviewer := tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "demo", PersonID: reviewerID,
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleReviewer, UnitID: cell.ID, UnitPath: cell.Path}}})
	n := 0
	for _, e := range entries {
		if n == len(texts) {
			break
		}
		// The member writes theirs in the demo, and the reviewer grades none of their own.
		if e.PersonID == memberID || e.PersonID == reviewerID || e.UnitID != cellID || e.Category != tuyengiao.CategoryMember {
			continue
		}
		author := tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "demo", PersonID: e.PersonID,
			Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleMember, UnitID: cell.ID, UnitPath: cell.Path}}})
		essay, err := s.Essays.SubmitEssay(author, c.ID, tuyengiao.EssaySubmission{Text: texts[n]})
		if err != nil {
			return fmt.Errorf("demo: essay of %s: %w", e.FullName, err)
		}
		if err := review(reviewer, s.Essays, c, essay.ID, essayGrades[n]); err != nil {
			return fmt.Errorf("demo: review of %s: %w", e.FullName, err)
		}
		n++
	}
	return nil
}

// review grades the essay at the level on every criterion, or returns it for revision.
func review(ctx context.Context, essays tuyengiao.EssayService, c *tuyengiao.Campaign, id int64, level string) error {
	switch level {
	case "":
		return nil
	case "return":
		_, err := essays.ReviewEssay(ctx, id, tuyengiao.EssayReview{Return: true,
			Comment: "Đề nghị đồng chí bổ sung phần liên hệ bản thân và giải pháp cụ thể."})
		return err
	}
	r := tuyengiao.EssayReview{Level: level, Comment: "Bài viết nghiêm túc, có liên hệ thực tiễn."}
	for _, crit := range c.Criteria() {
		r.Scores = append(r.Scores, tuyengiao.Score{Criterion: crit, Level: level})
	}
	_, err := essays.ReviewEssay(ctx, id, r)
	return err
}
