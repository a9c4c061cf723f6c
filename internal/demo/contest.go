package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// demoQuestions is the bank of the demo contest: a text, its options, the right one first
// (the draw shuffles them), the category.
var demoQuestions = []struct{ category, text, explanation string }{
	{"Nghị quyết 35-NQ/TW", "Nghị quyết số 35-NQ/TW của Bộ Chính trị bàn về vấn đề gì?|Tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới|Đổi mới công tác thi đua, khen thưởng|Phát triển văn hóa đọc|Công tác dân vận của chính quyền", "Nghị quyết ban hành ngày 22/10/2018."},
	{"Nghị quyết 35-NQ/TW", "Nghị quyết số 35-NQ/TW được Bộ Chính trị ban hành năm nào?|2018|2016|2020|2021", "Ngày 22/10/2018."},
	{"Nghị quyết 35-NQ/TW", "Nền tảng tư tưởng của Đảng là gì?|Chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh|Cương lĩnh chính trị|Điều lệ Đảng|Hiến pháp", "Theo Cương lĩnh và Điều lệ Đảng."},
	{"Nghị quyết 35-NQ/TW", "Lực lượng nòng cốt trong bảo vệ nền tảng tư tưởng của Đảng ở cơ sở gồm những ai?|Ban Chỉ đạo 35 các cấp và lực lượng chuyên trách, cộng tác viên|Chỉ riêng cán bộ tuyên giáo|Chỉ riêng báo chí|Chỉ riêng đoàn viên thanh niên", ""},
	{"Nghị quyết 35-NQ/TW", "Hình thức nào giúp cán bộ, đảng viên lan tỏa thông tin tích cực trên mạng xã hội?|Chia sẻ tin, bài chính thống của cơ quan báo chí, trang của Đảng bộ|Bình luận tin đồn chưa kiểm chứng|Chia sẻ tài liệu không rõ nguồn|Im lặng trước thông tin sai trái", ""},
	{"Nghị quyết 35-NQ/TW", "Nghị quyết 35-NQ/TW xác định trách nhiệm bảo vệ nền tảng tư tưởng của Đảng thuộc về ai?|Của cả hệ thống chính trị, mà trực tiếp là cấp ủy, tổ chức đảng các cấp|Chỉ của Ban Tuyên giáo|Chỉ của lực lượng công an|Chỉ của cơ quan báo chí", ""},
	{"Đại hội Đảng bộ thành phố", "Đại hội Đảng bộ thành phố Hoa Sơn lần thứ XX diễn ra vào năm nào?|2020|2015|2021|2025", "Nhiệm kỳ 2020 - 2025."},
	{"Đại hội Đảng bộ thành phố", "Nhiệm kỳ của Đại hội Đảng bộ thành phố lần thứ XX là?|2020 - 2025|2015 - 2020|2021 - 2026|2025 - 2030", ""},
	{"Đại hội Đảng bộ thành phố", "Văn bản nào của Thành ủy cụ thể hóa Nghị quyết Đại hội XIII của Đảng?|Chương trình hành động số 12-CTr/TU|Quyết định số 12-QĐ/TU|Thông báo số 12-TB/TU|Công văn số 12-CV/TU", "Cập nhật Chương trình hành động 02-CTr/TU."},
	{"Đại hội Đảng bộ thành phố", "Fanpage nào của thành phố đăng tin, bài tuyên truyền của Đảng bộ?|Hoa Hướng Dương|Hoa Sơn Today|Tin nhanh Hoa Sơn|Cổng thông tin Hoa Sơn", ""},
	{"Đại hội Đảng bộ thành phố", "Học tập, quán triệt nghị quyết ở chi bộ gắn với việc nào?|Xây dựng chương trình, kế hoạch hành động sát thực tiễn đơn vị|Chỉ đọc văn bản|Chỉ phát tài liệu|Chỉ báo cáo số lượng", ""},
	{"Đại hội Đảng bộ thành phố", "Đảng viên viết bài thu hoạch sau khi học tập nghị quyết nhằm mục đích gì?|Liên hệ trách nhiệm bản thân và đề ra giải pháp thực hiện|Để chấm điểm thi đua của chi bộ|Để nộp cho cấp trên lưu trữ|Để thay cho sinh hoạt chi bộ", ""},
}

// createContest organises the city's online contest on the city congress and Resolution 35,
// in four weekly rounds from 17 days ago: the first two closed and ranked, the third open
// now (opened three days ago, whatever the time of the load), the fourth to come. A few hundred people of the wards took part, one in three twice a
// round, answering as people do (most right, some not), so that every page of the contest,
// its results and its figures can be tried.
func createContest(ctx context.Context, s Services, clock clock, p *plan, ids []int64, now time.Time) error {
	cs := s.Contests
	r := rand.New(rand.NewPCG(seed1, seed2+13))
	first := time.Date(p.today.Year(), p.today.Month(), p.today.Day()-17, 8, 0, 0, 0, vn.Zone)
	clock.at(first.Add(-24 * time.Hour))
	c := &tuyengiao.Contest{UnitID: ids[0], Title: "Cuộc thi trực tuyến tìm hiểu Nghị quyết Đại hội Đảng bộ thành phố lần thứ XX và Nghị quyết 35-NQ/TW",
		Rules: "Cuộc thi gồm 4 vòng, mỗi tuần một vòng. Mỗi lượt thi gồm 5 câu hỏi trắc nghiệm và một câu hỏi dự đoán, làm trong 10 phút.\n" +
			"Mỗi người được thi 2 lượt mỗi vòng; lượt có kết quả cao nhất được tính. Xếp hạng theo số câu trả lời đúng, " +
			"rồi theo độ chính xác của câu dự đoán, rồi theo thời gian làm bài.",
		Consent:       "Tôi đồng ý để Ban Tổ chức lưu họ tên, năm sinh, số điện thoại và đơn vị của tôi để xét giải, trong 180 ngày sau khi cuộc thi kết thúc.",
		RetentionDays: 180, TimeLimit: 600, AttemptsPerRound: 2, Counts: tuyengiao.CountBest, ShowAnswers: tuyengiao.AnswersAfterClose,
		Prediction: tuyengiao.PredictAllCorrect, PredictionText: "Dự đoán có bao nhiêu bài dự thi trả lời đúng cả 5 câu trong vòng này?",
		Ranking:   []tuyengiao.RankKey{tuyengiao.RankScore, tuyengiao.RankPrediction, tuyengiao.RankDuration, tuyengiao.RankSubmitted},
		Prizes:    []tuyengiao.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 2}, {Name: "Giải Ba", Count: 3}, {Name: "Giải Khuyến khích", Count: 5}},
		UnitPrize: tuyengiao.UnitPrizeShare, UnitPrizes: 3}
	var rounds []tuyengiao.Round
	for w := range 4 {
		opens := first.AddDate(0, 0, 7*w)
		rounds = append(rounds, tuyengiao.Round{OpensAt: opens, ClosesAt: opens.AddDate(0, 0, 7).Add(-time.Hour)})
	}
	if err := cs.CreateContest(ctx, c, rounds); err != nil {
		return fmt.Errorf("demo: contest: %w", err)
	}
	if err := contestBank(ctx, cs, c, rounds); err != nil {
		return err
	}
	people, err := contestants(ctx, cs, clock, r, p, ids, c.ID, first)
	if err != nil {
		return err
	}
	for w, round := range c.Rounds[:3] {
		end := round.ClosesAt
		if w == 2 {
			end = now.Add(-time.Hour)
		}
		if err := contestEntries(ctx, cs, clock, r, people, round.OpensAt, end); err != nil {
			return err
		}
		if w < 2 {
			clock.at(round.ClosesAt.Add(time.Hour))
			if err := cs.CloseRound(ctx, round.ID); err != nil {
				return fmt.Errorf("demo: close round %d: %w", round.Number, err)
			}
		}
	}
	return nil
}

// contestBank imports the bank and draws 3 questions of Resolution 35 and 2 of the congress.
func contestBank(ctx context.Context, cs tuyengiao.ContestService, c *tuyengiao.Contest, rounds []tuyengiao.Round) error {
	var qs []*tuyengiao.Question
	for _, d := range demoQuestions {
		parts := strings.Split(d.text, "|")
		q := &tuyengiao.Question{Category: d.category, Text: parts[0], Explanation: d.explanation}
		for i, o := range parts[1:] {
			q.Options = append(q.Options, tuyengiao.Option{Text: o, Correct: i == 0})
		}
		qs = append(qs, q)
	}
	if err := cs.ImportQuestions(ctx, c.ID, qs); err != nil {
		return fmt.Errorf("demo: contest questions: %w", err)
	}
	cats, err := cs.Categories(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, k := range cats {
		n := 2
		if k.Name == "Nghị quyết 35-NQ/TW" {
			n = 3
		}
		c.Draw = append(c.Draw, tuyengiao.DrawRule{CategoryID: k.ID, Count: n})
	}
	if err := cs.UpdateContest(ctx, c, rounds); err != nil {
		return fmt.Errorf("demo: contest draw: %w", err)
	}
	return nil
}

// contestants registers 300 people of the wards, over the days before the first round.
func contestants(ctx context.Context, cs tuyengiao.ContestService, clock clock, r *rand.Rand, p *plan, ids []int64, contestID int64, first time.Time) ([]int64, error) {
	var wards []int
	for i, u := range p.units {
		if grassrootsKinds[u.kind] {
			wards = append(wards, i)
		}
	}
	out := make([]int64, 300)
	for i := range out {
		clock.at(first.Add(-time.Duration(300-i) * 4 * time.Minute))
		g := []tuyengiao.Gender{tuyengiao.GenderMale, tuyengiao.GenderFemale}[r.IntN(2)]
		born := 1960 + r.IntN(45)
		c := &tuyengiao.Contestant{ContestID: contestID, FullName: cityNames.FullName(r, g, born), BirthYear: born,
			Phone: fmt.Sprintf("09%d%07d", 1+r.IntN(8), 1000000+i*7919%9000000), Client: fmt.Sprintf("198.51.100.%d", i%200)}
		if i%10 == 0 {
			c.Address = "Khu phố " + fmt.Sprint(1+r.IntN(12)) + ", thành phố Hoa Sơn"
		} else {
			c.UnitID = ids[wards[r.IntN(len(wards))]]
		}
		if err := cs.Register(ctx, c, fmt.Sprintf("%06d", r.IntN(1000000))); err != nil {
			return nil, fmt.Errorf("demo: contestant %d: %w", i, err)
		}
		out[i] = c.ID
	}
	return out, nil
}

// contestEntries has most contestants take part between from and to, a third of them twice.
func contestEntries(ctx context.Context, cs tuyengiao.ContestService, clock clock, r *rand.Rand, people []int64, from, to time.Time) error {
	right := map[string]string{} // the right option of each question, by its text
	for _, d := range demoQuestions {
		parts := strings.Split(d.text, "|")
		right[parts[0]] = parts[1]
	}
	span := to.Sub(from)
	for i, who := range people {
		if r.IntN(4) == 0 {
			continue
		}
		for k := range 1 + i%3/2 {
			start := from.Add(time.Duration(r.Int64N(int64(span-time.Hour))) + time.Duration(k)*30*time.Minute)
			clock.at(start)
			a, err := cs.StartAttempt(ctx, who)
			if err != nil {
				return fmt.Errorf("demo: attempt: %w", err)
			}
			for pos, q := range a.Questions {
				choice := r.IntN(len(q.Options))
				if r.IntN(10) < 8 { // most know the answer
					choice = slices.Index(q.Options, right[q.Text])
				}
				if err := cs.SaveAnswer(ctx, who, a.ID, pos, 1<<choice); err != nil {
					return err
				}
			}
			clock.at(start.Add(time.Duration(60+r.IntN(400)) * time.Second))
			if _, err := cs.Submit(ctx, who, a.ID, int64(60+r.IntN(120))); err != nil {
				return fmt.Errorf("demo: submit: %w", err)
			}
		}
	}
	return nil
}
