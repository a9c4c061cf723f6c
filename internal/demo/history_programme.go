package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"tuyengiao"
)

// task is an item of a work programme as the demo plans it: a task or, with tasks, a task
// group. down marks a task the city hands down to the wards; from is, in a ward's copy, the
// number of the city's task it was handed down from.
type task struct {
	title, area string
	deadline    time.Time
	adHoc, down bool
	from        int64
	tasks       []task
}

// programme writes the work programmes of the city and of its wards and communes for last
// year and this one, each adopted in the second week of January and written as it stands
// at the history's end (historian.progress): the city's some 85 tasks and task groups a
// year, of which it hands a few down to every ward, and each ward's 25 to 40 of its own with
// the copies of those. Over a half-year about seven in ten of the tasks and groups due are
// done by its end, as the seeds' "60/85".
func (h *historian) programme(ctx context.Context) error {
	r := rand.New(rand.NewPCG(seed1, seed2+12))
	for year := h.first.Year(); year <= h.end.Year(); year++ {
		adopted := time.Date(year, 1, 8, 9, 0, 0, 0, time.UTC)
		h.clk.at(earliest(adopted, h.end))
		down, err := h.writeProgramme(ctx, r, h.ids[0], h.cityProgramme(r, year), cityLeads, cityPartners)
		if err != nil {
			return err
		}
		h.clk.at(earliest(adopted.AddDate(0, 0, 5), h.end))
		for _, w := range h.p.wards() {
			if _, err := h.writeProgramme(ctx, r, h.ids[w], append(h.wardProgramme(r, w, year), down...), wardLeads, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeProgramme writes the programme ts of the unit unitID, with the leads and partners of
// its tasks by area: each task group and each task it hands down by itself, as their
// numbers are needed, the rest in one import. It returns the copies to hand down, naming the
// tasks they come from.
func (h *historian) writeProgramme(ctx context.Context, r *rand.Rand, unitID int64, ts []task, leads, partners map[string]string) ([]task, error) {
	var rest []*tuyengiao.Record
	var down []task
	for _, t := range ts {
		rec := h.taskRecord(r, unitID, t, leads, partners)
		if len(t.tasks) == 0 && !t.down {
			rest = append(rest, rec)
			continue
		}
		var subtasks []*tuyengiao.Record
		for _, sub := range t.tasks {
			subtasks = append(subtasks, h.taskRecord(r, unitID, sub, leads, partners))
		}
		if len(subtasks) > 0 {
			groupProgress(rec.Values, subtasks)
		}
		if err := h.s.Records.CreateRecord(ctx, tuyengiao.WorkTasks, rec); err != nil {
			return nil, fmt.Errorf("demo: task %q: %w", t.title, err)
		}
		for _, sub := range subtasks {
			sub.Values["task_group"] = rec.ID
		}
		rest = append(rest, subtasks...)
		if t.down {
			down = append(down, task{title: t.title, area: t.area, deadline: t.deadline, adHoc: t.adHoc, from: rec.ID})
		}
	}
	if err := h.s.Records.ImportRecords(ctx, tuyengiao.WorkTasks, rest, 1, 0); err != nil {
		return nil, fmt.Errorf("demo: the work programme of unit %d: %w", unitID, err)
	}
	return down, nil
}

// taskRecord returns the record of task t at the unit unitID, at the stage it has reached.
func (h *historian) taskRecord(r *rand.Rand, unitID int64, t task, leads, partners map[string]string) *tuyengiao.Record {
	v := tuyengiao.RecordValues{"title": t.title, "area": t.area, "lead": leads[t.area], "deadline": tuyengiao.Date{Time: t.deadline},
		"ad_hoc": t.adHoc}
	if t.from != 0 {
		v["handed_from"] = t.from
	}
	if p := partners[t.area]; p != "" {
		v["partners"] = p
	}
	status, done := h.progress(r, t.deadline)
	v["status"] = status
	if status == "done" {
		v["done_day"] = tuyengiao.Date{Time: done}
	}
	switch {
	case status == "done" && done.After(t.deadline):
		v["result"] = "Hoàn thành chậm so với thời hạn do trùng với các hoạt động lớn của địa phương."
	case status == "cancelled":
		v["result"] = "Không thực hiện do điều chỉnh theo chỉ đạo của cấp trên."
	case status == "in_progress" && t.deadline.Before(h.end):
		v["result"] = "Đang triển khai, chậm so với kế hoạch."
	case status == "not_started" && t.deadline.Before(h.end):
		v["result"] = "Chưa triển khai, chờ ý kiến chỉ đạo của cấp ủy."
	}
	return &tuyengiao.Record{Kind: tuyengiao.WorkTasks.Code, UnitID: unitID, Values: v}
}

// progress returns the stage, as the history ends, of a task due on deadline, and the day it
// was done: of those past their deadline, about half done by it, nearly two in five done a
// few days to three months late, some stuck for longer (still open, so overdue, when that is
// after the history's end) and a few cancelled; of those to come, most due within six weeks
// under way and one in ten done already, the later ones mostly not started.
func (h *historian) progress(r *rand.Rand, deadline time.Time) (string, time.Time) {
	yearStart := time.Date(deadline.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	if !deadline.Before(h.end) {
		soon := deadline.Before(h.end.AddDate(0, 0, 42))
		switch n := r.IntN(10); {
		case soon && n == 0:
			return "done", latest(h.end.AddDate(0, 0, -r.IntN(10)), yearStart)
		case soon && n < 7 || n < 2:
			return "in_progress", time.Time{}
		}
		return "not_started", time.Time{}
	}
	var late int
	switch n := r.IntN(100); {
	case n < 4:
		return "cancelled", time.Time{}
	case n < 50:
		return "done", latest(deadline.AddDate(0, 0, -r.IntN(20)), yearStart)
	case n < 88:
		late = 7 + r.IntN(114)
	default:
		late = 90 + r.IntN(120)
	}
	if done := deadline.AddDate(0, 0, late); !done.After(h.end) {
		return "done", done
	}
	if r.IntN(3) == 0 {
		return "not_started", time.Time{}
	}
	return "in_progress", time.Time{}
}

// groupProgress sets in v, the values of a task group, its stage from its tasks', the day it
// was done and its result: done, on the day of the last, when every task is done or
// cancelled and one done; cancelled when all are; under way once one is, not started before.
func groupProgress(v tuyengiao.RecordValues, tasks []*tuyengiao.Record) {
	var last time.Time
	var done, cancelled, started int
	for _, t := range tasks {
		switch t.Values.Text("status") {
		case "done":
			done++
			last = latest(last, t.Values.Day("done_day").Time)
		case "cancelled":
			cancelled++
		case "in_progress":
			started++
		}
	}
	delete(v, "done_day")
	v["result"] = fmt.Sprintf("Đã hoàn thành %d/%d nhiệm vụ của nhóm.", done, len(tasks))
	switch {
	case cancelled == len(tasks):
		v["status"], v["result"] = "cancelled", "Không thực hiện do điều chỉnh theo chỉ đạo của cấp trên."
	case done+cancelled == len(tasks):
		v["status"], v["done_day"] = "done", tuyengiao.Date{Time: last}
	case done+started > 0:
		v["status"] = "in_progress"
	default:
		v["status"] = "not_started"
		delete(v, "result")
	}
}

// earliest returns the earlier of a and b.
func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// latest returns the later of a and b.
func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// cityLeads are the departments of the city commission that lead its tasks, by area.
var cityLeads = map[string]string{
	"study":      "Phòng Lý luận chính trị – Lịch sử Đảng",
	"propaganda": "Phòng Tuyên truyền – Báo chí",
	"ideology":   "Phòng Lý luận chính trị – Lịch sử Đảng",
	"opinion":    "Bộ phận Nghiên cứu dư luận xã hội",
	"theory":     "Phòng Lý luận chính trị – Lịch sử Đảng",
	"press":      "Phòng Tuyên truyền – Báo chí",
	"culture":    "Phòng Văn hóa – Văn nghệ",
	"education":  "Phòng Khoa giáo",
	"history":    "Phòng Lý luận chính trị – Lịch sử Đảng",
	"inspection": "Văn phòng Ban",
	"other":      "Văn phòng Ban",
}

// cityPartners are the units the city commission works with on its tasks, by area.
var cityPartners = map[string]string{
	"study":      "Các đảng bộ, chi bộ trực thuộc Thành ủy",
	"propaganda": "Ủy ban Mặt trận Tổ quốc thành phố, các đoàn thể chính trị – xã hội",
	"ideology":   "Công an thành phố, Báo Hoa Sơn",
	"opinion":    "Đội ngũ cộng tác viên dư luận xã hội",
	"theory":     "Trung tâm Chính trị thành phố",
	"press":      "Báo Hoa Sơn, Phòng Văn hóa và Thông tin thành phố",
	"culture":    "Phòng Văn hóa và Thông tin thành phố, Hội Văn học – Nghệ thuật",
	"education":  "Phòng Giáo dục và Đào tạo, Trung tâm Y tế thành phố",
	"history":    "Hội Cựu chiến binh thành phố",
	"inspection": "Ủy ban Kiểm tra Thành ủy",
}

// wardLeads are who leads the tasks of a ward's or commune's party committee, by area.
var wardLeads = map[string]string{
	"study":      "Ban Xây dựng Đảng",
	"propaganda": "Ban Xây dựng Đảng",
	"ideology":   "Ban Xây dựng Đảng",
	"opinion":    "Văn phòng Đảng ủy",
	"theory":     "Ban Xây dựng Đảng",
	"press":      "Văn phòng Đảng ủy",
	"culture":    "Ủy ban Mặt trận Tổ quốc",
	"education":  "Ủy ban nhân dân",
	"history":    "Ban Xây dựng Đảng",
	"inspection": "Ủy ban Kiểm tra Đảng ủy",
	"other":      "Văn phòng Đảng ủy",
}

// dated is a task of every year's programme: its deadline's month and day, its area and its
// title, where "{năm}" is the year and "{năm sau}" the next.
type dated struct {
	month, day  int
	area, title string
}

// on returns the day of d in year.
func (d dated) on(year int) time.Time {
	return time.Date(year, time.Month(d.month), d.day, 0, 0, 0, 0, time.UTC)
}

// task returns d as a task of the programme of year.
func (d dated) task(year int) task {
	title := strings.NewReplacer("{năm sau}", fmt.Sprint(year+1), "{năm}", fmt.Sprint(year)).Replace(d.title)
	return task{title: title, area: d.area, deadline: d.on(year)}
}

// anniversary is a day the commissions' programmes have the people told of: the year it
// recalls, and whether the city hands it down to the wards.
type anniversary struct {
	dated
	since int
	down  bool
}

// anniversaries are the year's great days, their title after "Tuyên truyền kỷ niệm N năm".
var anniversaries = []anniversary{
	{dated{2, 3, "propaganda", "Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/{năm})"}, 1930, true},
	{dated{3, 26, "propaganda", "Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh (26/3/1931 – 26/3/{năm})"}, 1931, false},
	{dated{4, 30, "history", "Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/{năm})"}, 1975, false},
	{dated{5, 19, "propaganda", "Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/{năm})"}, 1890, true},
	{dated{6, 21, "press", "Ngày Báo chí cách mạng Việt Nam (21/6/1925 – 21/6/{năm})"}, 1925, false},
	{dated{7, 27, "propaganda", "Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/{năm})"}, 1947, true},
	{dated{8, 1, "history", "Ngày truyền thống ngành Tuyên giáo của Đảng (1/8/1930 – 1/8/{năm})"}, 1930, false},
	{dated{9, 2, "propaganda", "Cách mạng Tháng Tám và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (2/9/1945 – 2/9/{năm})"}, 1945, true},
	{dated{11, 18, "culture", "Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11/1930 – 18/11/{năm})"}, 1930, false},
	{dated{12, 22, "history", "Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – 22/12/{năm})"}, 1944, false},
}

// task returns the anniversary as a task of the programme of year.
func (a anniversary) task(year int) task {
	t := a.dated.task(year)
	t.title = fmt.Sprintf("Tuyên truyền kỷ niệm %d năm %s", year-a.since, t.title)
	t.down = a.down
	return t
}

// cityTasks are the city commission's tasks of every year besides its monthly ones, its
// campaigns and the anniversaries.
var cityTasks = []dated{
	{1, 20, "study", "Hướng dẫn sinh hoạt chi bộ chuyên đề năm {năm}"},
	{1, 31, "propaganda", "Tuyên truyền Tết Nguyên đán, mừng Đảng, mừng Xuân {năm}"},
	{2, 15, "theory", "Xây dựng kế hoạch đào tạo, bồi dưỡng lý luận chính trị năm {năm}"},
	{2, 28, "propaganda", "Kiện toàn đội ngũ báo cáo viên, tuyên truyền viên của Thành ủy"},
	{3, 15, "other", "Báo cáo công tác tuyên giáo quý I năm {năm}"},
	{3, 31, "theory", "Phối hợp Trung tâm Chính trị thành phố mở lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú"},
	{4, 21, "culture", "Tuyên truyền Ngày Sách và Văn hóa đọc Việt Nam năm {năm}"},
	{5, 15, "opinion", "Tổ chức hội nghị cộng tác viên dư luận xã hội thành phố"},
	{5, 18, "education", "Tuyên truyền Ngày Khoa học và Công nghệ Việt Nam năm {năm}"},
	{5, 31, "inspection", "Kiểm tra việc thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị tại một số đảng bộ trực thuộc"},
	{6, 10, "other", "Báo cáo sơ kết công tác tuyên giáo 6 tháng đầu năm {năm}"},
	{6, 20, "education", "Tuyên truyền kỳ thi tốt nghiệp trung học phổ thông năm {năm}"},
	{6, 30, "study", "Sơ kết 6 tháng việc thực hiện Chỉ thị 05-CT/TW năm {năm}"},
	{6, 28, "culture", "Tuyên truyền Ngày Gia đình Việt Nam năm {năm}"},
	{7, 15, "press", "Tổ chức Giải báo chí về xây dựng Đảng của thành phố năm {năm}"},
	{7, 31, "theory", "Bồi dưỡng nghiệp vụ cho cán bộ làm công tác tuyên giáo ở cơ sở"},
	{8, 15, "culture", "Hướng dẫn xây dựng đời sống văn hóa ở khu dân cư, thôn"},
	{8, 25, "education", "Tuyên truyền chuẩn bị năm học mới {năm}–{năm sau}"},
	{8, 31, "ideology", "Tổ chức cuộc thi chính luận về bảo vệ nền tảng tư tưởng của Đảng năm {năm}"},
	{9, 15, "other", "Báo cáo công tác tuyên giáo 9 tháng năm {năm}"},
	{9, 20, "press", "Sơ kết việc thực hiện quy chế phát ngôn và cung cấp thông tin cho báo chí của thành phố"},
	{9, 30, "education", "Tham mưu thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"},
	{10, 10, "propaganda", "Tổ chức Hội thi tuyên truyền viên giỏi thành phố năm {năm}"},
	{10, 20, "opinion", "Điều tra dư luận xã hội về cải cách hành chính trên địa bàn thành phố"},
	{10, 31, "theory", "Phối hợp Trung tâm Chính trị thành phố mở lớp bồi dưỡng lý luận chính trị cho đảng viên mới"},
	{11, 5, "theory", "Tổ chức Hội thi giảng viên lý luận chính trị giỏi thành phố năm {năm}"},
	{11, 15, "history", "Hướng dẫn biên soạn lịch sử đảng bộ các phường, xã"},
	{11, 30, "inspection", "Giám sát việc tổ chức sinh hoạt chi bộ chuyên đề ở các chi bộ khu dân cư"},
	{12, 5, "culture", "Tổng kết cuộc vận động sáng tác văn học, nghệ thuật về học tập và làm theo Bác năm {năm}"},
	{12, 10, "other", "Báo cáo tổng kết công tác tuyên giáo năm {năm}, phương hướng, nhiệm vụ năm {năm sau}"},
	{12, 20, "study", "Tổng kết việc thực hiện Chỉ thị 05-CT/TW năm {năm}"},
	{12, 25, "other", "Xây dựng chương trình công tác tuyên giáo năm {năm sau}"},
	{12, 31, "ideology", "Tổng kết hoạt động của Ban Chỉ đạo 35 thành phố năm {năm}"},
}

// cityGroups are the city's task groups of every year besides its campaigns: their title,
// area and tasks, the group due with its last.
var cityGroups = []struct {
	area, title string
	tasks       []dated
}{
	{"press", "Biên soạn, phát hành Bản tin Sinh hoạt chi bộ năm {năm}", []dated{
		{3, 31, "press", "Phát hành Bản tin Sinh hoạt chi bộ các số quý I"}, {6, 30, "press", "Phát hành Bản tin Sinh hoạt chi bộ các số quý II"},
		{9, 30, "press", "Phát hành Bản tin Sinh hoạt chi bộ các số quý III"}, {12, 31, "press", "Phát hành Bản tin Sinh hoạt chi bộ các số quý IV"}}},
	{"propaganda", "Tổ chức hội nghị báo cáo viên Thành ủy năm {năm}", []dated{
		{3, 25, "propaganda", "Hội nghị báo cáo viên Thành ủy quý I"}, {6, 25, "propaganda", "Hội nghị báo cáo viên Thành ủy quý II"},
		{9, 25, "propaganda", "Hội nghị báo cáo viên Thành ủy quý III"}, {12, 15, "propaganda", "Hội nghị báo cáo viên Thành ủy quý IV"}}},
	{"ideology", "Triển khai Nghị quyết số 35-NQ/TW về bảo vệ nền tảng tư tưởng của Đảng năm {năm}", []dated{
		{3, 31, "ideology", "Kiện toàn Ban Chỉ đạo 35 và lực lượng nòng cốt đấu tranh trên không gian mạng"},
		{6, 30, "ideology", "Tập huấn kỹ năng đấu tranh, phản bác các quan điểm sai trái, thù địch trên không gian mạng"},
		{7, 15, "ideology", "Sơ kết 6 tháng hoạt động của Ban Chỉ đạo 35 thành phố"}}},
}

// adHocTasks are the tasks the committee adds during a year; the first two the city hands
// down to the wards when it has them.
var adHocTasks = []task{
	{title: "Tuyên truyền, vận động Nhân dân chủ động phòng, chống thiên tai, bão lũ", area: "propaganda"},
	{title: "Tổ chức lấy ý kiến góp ý của cán bộ, đảng viên và Nhân dân vào dự thảo văn kiện trình đại hội", area: "study"},
	{title: "Nắm tình hình dư luận xã hội về việc sắp xếp tổ dân phố, thôn", area: "opinion"},
	{title: "Tham mưu văn bản định hướng thông tin về vụ việc gây bức xúc trên mạng xã hội", area: "ideology"},
	{title: "Tuyên truyền phòng, chống dịch sốt xuất huyết và tay chân miệng", area: "education"},
	{title: "Báo cáo nhanh tình hình tư tưởng của cán bộ, đảng viên khi sắp xếp tổ chức bộ máy", area: "opinion"},
	{title: "Tuyên truyền hưởng ứng phong trào thi đua chung tay xóa nhà tạm, nhà dột nát", area: "propaganda"},
	{title: "Tuyên truyền kỳ họp Hội đồng nhân dân thành phố", area: "propaganda"},
	{title: "Tuyên truyền Luật Đất đai và các văn bản hướng dẫn thi hành", area: "propaganda"},
	{title: "Phối hợp tổ chức triển lãm ảnh về thành tựu phát triển của thành phố", area: "culture"},
}

// adHoc returns n of the ad-hoc tasks for the programme of year, each due on a day of it;
// the city's (city) may hand theirs down, a ward's not.
func adHoc(r *rand.Rand, year, n int, city bool) []task {
	var out []task
	for _, i := range r.Perm(len(adHocTasks))[:n] {
		t := adHocTasks[i]
		t.adHoc, t.down = true, city && i < 2
		t.deadline = time.Date(year, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		out = append(out, t)
	}
	return out
}

// cityProgramme returns the city commission's programme of year: its monthly guidance and
// opinion summaries, a task group for each campaign of the year, its other groups and tasks,
// the anniversaries and six to nine ad-hoc tasks, some 85 tasks and groups in all.
func (h *historian) cityProgramme(r *rand.Rand, year int) []task {
	var out []task
	for m := 1; m <= 12; m++ {
		out = append(out,
			dated{m, 5, "propaganda", fmt.Sprintf("Hướng dẫn tuyên truyền các ngày lễ, sự kiện chính trị tháng %d/{năm}", m)}.task(year),
			dated{m, 25, "opinion", fmt.Sprintf("Tổng hợp tình hình dư luận xã hội tháng %d/{năm}", m)}.task(year))
	}
	for j := range 6 {
		out = append(out, h.campaignGroup(r, year, j))
	}
	for _, g := range cityGroups {
		group := dated{area: g.area, title: g.title}.task(year)
		for _, d := range g.tasks {
			group.tasks = append(group.tasks, d.task(year))
		}
		group.deadline = group.tasks[len(group.tasks)-1].deadline
		out = append(out, group)
	}
	for _, d := range cityTasks {
		out = append(out, d.task(year))
	}
	for _, a := range anniversaries {
		out = append(out, a.task(year))
	}
	return append(out, adHoc(r, year, 6+r.IntN(4), true)...)
}

// campaignGroup returns the city's task group for the j-th campaign of year (one every two
// months, from the third of January): planning, the conference, guidance or material for the
// units below, and the summary of results, three to five of them, the group due as the
// campaign ends.
func (h *historian) campaignGroup(r *rand.Rand, year, j int) task {
	t := topics[((year-h.first.Year())*6+j)%len(topics)]
	start := time.Date(year, time.Month(2*j+1), 3, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 2, -3)
	what, conference := "học tập, quán triệt và triển khai thực hiện "+t.document(), "Tổ chức hội nghị "+lowerFirst(t.campaign)
	if t.full {
		what = strings.Replace(lowerFirst(t.campaign), "năm", fmt.Sprintf("năm %d", year), 1)
		conference = "Tổ chức hội nghị " + what + " cho cán bộ, đảng viên"
	}
	tasks := []task{
		{title: "Tham mưu kế hoạch " + what, area: "study", deadline: start},
		{title: conference, area: "study", deadline: start.AddDate(0, 0, 8)},
		{title: "Biên soạn tài liệu tuyên truyền, hỏi – đáp về " + t.document(), area: "propaganda", deadline: start.AddDate(0, 0, 20)},
		{title: "Hướng dẫn các đảng bộ, chi bộ trực thuộc tổ chức " + what, area: "study", deadline: start.AddDate(0, 1, 0)},
		{title: "Tổng hợp kết quả " + what + ", báo cáo Ban Thường vụ Thành ủy", area: "study", deadline: end},
	}
	if n := 3 + r.IntN(3); n < len(tasks) {
		tasks = slices.Delete(tasks, 2, 2+len(tasks)-n)
	}
	return task{title: "Tổ chức " + what, area: "study", deadline: end, tasks: tasks}
}

// wardTasks are the tasks a ward's programme draws its own from, besides those of every
// ward; "{nơi}" is the ward or commune.
var wardTasks = []dated{
	{2, 10, "propaganda", "Tuyên truyền tuyển chọn, gọi công dân nhập ngũ năm {năm}"},
	{2, 28, "propaganda", "Kiện toàn đội ngũ tuyên truyền viên của đảng bộ"},
	{3, 31, "culture", "Tuyên truyền, vận động Nhân dân xây dựng khu dân cư văn hóa"},
	{4, 15, "propaganda", "Tuyên truyền bảo đảm trật tự an toàn giao thông"},
	{4, 30, "theory", "Tổ chức học tập lý luận chính trị cho đảng viên mới"},
	{5, 15, "education", "Vận động Nhân dân hưởng ứng Tháng hành động vì an toàn thực phẩm"},
	{5, 31, "inspection", "Giám sát việc thực hiện sinh hoạt chi bộ chuyên đề ở các chi bộ trực thuộc"},
	{6, 26, "education", "Tuyên truyền phòng, chống tác hại của ma túy trong thanh, thiếu niên"},
	{7, 31, "opinion", "Nắm tình hình tư tưởng của cán bộ, đảng viên và Nhân dân ở các khu dân cư"},
	{8, 31, "education", "Tuyên truyền chuyển đổi số, thanh toán không dùng tiền mặt ở khu dân cư"},
	{9, 15, "theory", "Bồi dưỡng kỹ năng tuyên truyền miệng cho tuyên truyền viên ở khu dân cư"},
	{9, 30, "study", "Xây dựng, nhân rộng mô hình điển hình học tập và làm theo Bác ở {nơi}"},
	{10, 15, "propaganda", "Tuyên truyền pháp luật về đất đai, xây dựng cho Nhân dân"},
	{10, 31, "inspection", "Kiểm tra việc ghi sổ sinh hoạt chi bộ, sổ tay đảng viên"},
	{11, 18, "culture", "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư"},
	{11, 30, "inspection", "Giám sát việc thực hiện sinh hoạt chi bộ chuyên đề cuối năm"},
	{11, 30, "culture", "Vận động thực hiện nếp sống văn minh trong việc cưới, việc tang"},
	{12, 10, "history", "Tổ chức tọa đàm về truyền thống cách mạng của {nơi}"},
	{12, 15, "history", "Sưu tầm tư liệu biên soạn lịch sử đảng bộ {nơi}"},
	{12, 20, "study", "Tổng kết việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {năm}"},
}

// wardProgramme returns the programme of year of the ward or commune with plan index w, some
// 25 to 40 tasks and groups of its own: the study of each campaign's document, quarterly
// opinion reports, the thematic cell meetings as a group, one ward in two the great days as
// another, its half-year and year reports, tasks drawn from wardTasks and one to three
// ad-hoc ones.
func (h *historian) wardProgramme(r *rand.Rand, w, year int) []task {
	place := h.placeOf(w)
	var out []task
	for j := range 6 {
		t := topics[((year-h.first.Year())*6+j)%len(topics)]
		what := "học tập, quán triệt " + t.document()
		if t.full {
			what = strings.Replace(lowerFirst(t.campaign), "năm", fmt.Sprintf("năm %d", year), 1)
		}
		out = append(out, task{title: "Tổ chức " + what + " cho cán bộ, đảng viên", area: "study",
			deadline: time.Date(year, time.Month(2*j+1), 28, 0, 0, 0, 0, time.UTC)})
	}
	meetings := task{title: fmt.Sprintf("Hướng dẫn các chi bộ sinh hoạt chuyên đề năm %d", year), area: "study",
		deadline: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)}
	for q, roman := range []string{"I", "II", "III", "IV"} {
		quarterEnd := time.Date(year, time.Month(3*q+4), 0, 0, 0, 0, 0, time.UTC)
		out = append(out, task{title: fmt.Sprintf("Báo cáo tình hình tư tưởng, dư luận xã hội quý %s năm %d", roman, year), area: "opinion",
			deadline: quarterEnd.AddDate(0, 0, -5)})
		meetings.tasks = append(meetings.tasks, task{title: "Sinh hoạt chuyên đề quý " + roman + " ở các chi bộ trực thuộc", area: "study",
			deadline: quarterEnd})
	}
	out = append(out, meetings,
		dated{6, 5, "other", "Báo cáo sơ kết công tác tuyên giáo 6 tháng đầu năm {năm}"}.task(year),
		dated{12, 5, "other", "Báo cáo tổng kết công tác tuyên giáo năm {năm}"}.task(year))
	if r.IntN(2) == 0 {
		days := task{title: fmt.Sprintf("Tổ chức các hoạt động kỷ niệm các ngày lễ lớn năm %d", year), area: "propaganda"}
		for _, i := range r.Perm(len(anniversaries))[:2+r.IntN(5)] {
			if a := anniversaries[i]; !a.down {
				days.tasks = append(days.tasks, a.task(year))
			}
		}
		if len(days.tasks) >= 2 {
			slices.SortFunc(days.tasks, func(a, b task) int { return a.deadline.Compare(b.deadline) })
			days.deadline = days.tasks[len(days.tasks)-1].deadline
			out = append(out, days)
		}
	}
	own := 25 + r.IntN(12) - len(out)
	for _, i := range r.Perm(len(wardTasks))[:min(own, len(wardTasks))] {
		t := wardTasks[i].task(year)
		t.title = strings.ReplaceAll(t.title, "{nơi}", place)
		out = append(out, t)
	}
	return append(out, adHoc(r, year, 1+r.IntN(3), false)...)
}
