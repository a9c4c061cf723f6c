package report

import (
	"strings"

	"tuyengiao"
)

// DefaultTemplates returns the templates every database starts with: the sơ kết 6 tháng
// (half-years), the tổng kết năm (years) and a report for any period. Their sections are
// those of the commissions' reports, written in their words with the tokens of the
// indicators the system counts (study, essays, documents, the register, the records of
// the roster of lecturers, outreach, training, cell meetings, meetings, media, the work
// programme, inspections, commendation and works in honour of congresses) and of the
// reported ones of the six-month form; the work no indicator counts yet (contests) has "…"
// for the staff to fill in, as paper drafts do. An indicator a later capability registers fills
// in once a template names it.
func DefaultTemplates() []tuyengiao.ReportTemplate {
	signing := tuyengiao.ReportSigningPart{Issuer: "BAN TUYÊN GIÁO", SignFor: "T/M BAN TUYÊN GIÁO", SignerTitle: "TRƯỞNG BAN",
		Recipients: []string{"- Thường trực Thành ủy (b/c),", "- Lưu VP."}}
	return []tuyengiao.ReportTemplate{
		{Code: "so-ket-6-thang", Name: "Báo cáo sơ kết 6 tháng", PeriodKind: tuyengiao.PeriodHalf,
			Subject: "Sơ kết công tác tuyên giáo {period}, phương hướng, nhiệm vụ {next}", Sections: templateSections("Phương hướng, nhiệm vụ {next}"),
			Signing: signing},
		{Code: "tong-ket-nam", Name: "Báo cáo tổng kết năm", PeriodKind: tuyengiao.PeriodYear,
			Subject: "Tổng kết công tác tuyên giáo {period}, phương hướng, nhiệm vụ {next}", Sections: templateSections("Phương hướng, nhiệm vụ {next}"),
			Signing: signing},
		{Code: "bao-cao-ky", Name: "Báo cáo công tác tuyên giáo theo kỳ",
			Subject: "Kết quả công tác tuyên giáo {period}, nhiệm vụ trọng tâm {next}", Sections: templateSections("Nhiệm vụ trọng tâm {next}"),
			Signing: signing},
	}
}

// templateSections returns the sections of a report, the last one titled ahead.
func templateSections(ahead string) []tuyengiao.ReportSection {
	return []tuyengiao.ReportSection{
		{Title: "I. Tình hình chung và công tác lãnh đạo, chỉ đạo", Text: templateLines(
			"Tính đến cuối kỳ, {body} có {people.member:approx} đảng viên chính thức và {people.probation:some} đảng viên dự bị. "+
				"{committee} tiếp tục xác định công tác tuyên giáo là nhiệm vụ quan trọng, thường xuyên; bám sát sự chỉ đạo của cấp trên, "+
				"kịp thời cụ thể hóa thành chương trình, kế hoạch phù hợp với tình hình của địa phương, đơn vị.",
			"",
			"Trong {period}, {committee} đã ban hành {documents.issued} văn bản lãnh đạo, chỉ đạo, hướng dẫn, "+
				"{documents.issued:change}; trong đó có {documents.issued.kh:some} kế hoạch, {documents.issued.hd:some} hướng dẫn.")},
		{Title: "II. Kết quả thực hiện các mặt công tác tuyên giáo"},
		{Title: "1. Công tác phổ biến, quán triệt, học tập nghị quyết của Đảng", Text: templateLines(
			"{committee} tổ chức nghiêm túc, bài bản việc học tập, quán triệt và tuyên truyền các chỉ thị, nghị quyết của Đảng, "+
				"kết hợp hình thức trực tiếp với trực tuyến. Đã triển khai {study.campaigns} đợt học tập, quán triệt. "+
				"Trong {period}, {body} tổ chức {study.conferences} hội nghị, lớp học tại {study.bridge_points} điểm cầu. Có {study.attendances:approx} "+
				"lượt cán bộ, đảng viên và quần chúng tham dự học tập, quán triệt, {study.attendances:change}.",
			"",
			"Đã có {study.participants:approx} người tham gia học tập, quán triệt, trong đó có {study.participants.member:approx} đảng viên chính thức. "+
				"Tỷ lệ đảng viên tham gia học tập đạt {study.participation.member}, {study.participation.member:change}. Tỷ lệ cán bộ chủ chốt "+
				"tham gia đạt {study.participation.key_cadre}.",
			"",
			"Sau học tập, cán bộ, đảng viên viết {essays.submitted} bài thu hoạch; đã chấm {essays.graded} bài, trong đó {essays.grade.tot:some} bài "+
				"xếp loại tốt và {essays.grade.kha:some} bài xếp loại khá. {cells} tổ chức {training.cell_meetings} buổi sinh hoạt chuyên đề "+
				"với {training.cell_meetings.attendees:approx} lượt đảng viên dự, {training.cell_meetings:change}.",
			"",
			"Mở {training.classes} lớp bồi dưỡng lý luận chính trị, tập huấn chuyên môn, nghiệp vụ với {training.learners:approx} học viên, "+
				"{training.learners:change}."),
			Table: []string{"study.conferences", "study.attendances", "study.participation.member"}, Chart: "study.attendances"},
		{Title: "2. Công tác tuyên truyền miệng, báo cáo viên, tuyên truyền viên", Text: templateLines(
			"Đội ngũ báo cáo viên, tuyên truyền viên tiếp tục được củng cố, hiện có {outreach.lecturers} báo cáo viên và "+
				"{outreach.propagandists} tuyên truyền viên. Trong {period}, "+
				"đội ngũ này tổ chức {outreach.sessions} buổi tuyên truyền, nói chuyện chuyên đề cho {outreach.listeners:approx} lượt người nghe, "+
				"{outreach.listeners:change}. Trong đó có {outreach.sessions.lecturers:some} buổi do báo cáo viên trình bày, "+
				"{outreach.sessions.propagandists:some} buổi do tuyên truyền viên trình bày. Các buổi tuyên truyền được lồng ghép trong "+
				"sinh hoạt chi bộ, sinh hoạt của Mặt trận Tổ quốc, các đoàn thể và khu dân cư.",
			"",
			"{committee} tổ chức {meetings.count} hội nghị, cuộc họp, giao ban công tác tuyên giáo, dư luận xã hội với "+
				"{meetings.participants:approx} lượt người dự, {meetings.count:change}, qua đó kịp thời nắm bắt tình hình tư tưởng "+
				"trong cán bộ, đảng viên và Nhân dân để định hướng thông tin; tham dự {meetings.attended} lượt hội nghị, cuộc họp "+
				"do nơi khác tổ chức. Có {meetings.online} hội nghị, cuộc họp được tổ chức trực tuyến hoặc kết hợp trực tuyến, giúp tiết kiệm "+
				"thời gian, triển khai đến nhiều cấp, nhiều đối tượng.")},
		{Title: "3. Công tác báo chí, xuất bản, trang thông tin điện tử", Text: templateLines(
			"Phát hành {reported.bulletins:approx} bản tin, tài liệu sinh hoạt chi bộ, {reported.bulletins:change}; duy trì "+
				"{reported.reading_corners} tủ sách, góc đọc sách pháp luật ở khu dân cư.",
			"",
			"Trang thông tin điện tử và trang mạng xã hội của {committee} đăng tải {media.original:approx} tin, bài về các sự kiện "+
				"chính trị và nhiệm vụ của địa phương, đơn vị, {media.original:change}. Riêng trên fanpage đã đăng "+
				"{media.fanpage.posts} tin, bài và chia sẻ {media.fanpage.shares} lượt bài viết tích cực, góp phần đấu tranh, "+
				"phản bác các quan điểm sai trái, thù địch. Báo chí đăng {media.press} tin, bài phản ánh hoạt động của {body}, "+
				"{media.press:change}.")},
		{Title: "4. Tổ chức các cuộc thi", Text: templateLines(
			"Tổ chức … cuộc thi tìm hiểu với … lượt người dự thi; trao … giải cho các tập thể, cá nhân có thành tích xuất sắc.")},
		{Title: "5. Thực hiện chương trình công tác", Text: templateLines(
			"Trong {period}, {committee} đã hoàn thành {programme.done}/{programme.due} nhiệm vụ, nhóm nhiệm vụ đến hạn theo chương trình " +
				"công tác đề ra từ đầu năm và nhiệm vụ đột xuất theo sự phân công của cấp ủy, đạt {programme.completion}, " +
				"{programme.completion:change}. Trong đó có {programme.ad_hoc} nhiệm vụ đột xuất; các nhiệm vụ chưa hoàn thành " +
				"đang được tiếp tục đôn đốc, triển khai.")},
		{Title: "6. Công tác kiểm tra, giám sát", Text: templateLines(
			"Thực hiện {inspections.visits} cuộc kiểm tra, giám sát việc học tập, quán triệt và triển khai thực hiện các chỉ thị, " +
				"nghị quyết của Đảng đối với {inspections.units} lượt tổ chức đảng, {inspections.visits:change}; sau kiểm tra, giám sát " +
				"đã kiến nghị khắc phục những hạn chế và theo dõi, đôn đốc việc thực hiện.")},
		{Title: "7. Công tác thi đua, khen thưởng, nhân rộng điển hình", Text: templateLines(
			"Khen thưởng {emulation.commended.collectives} tập thể, {emulation.commended.individuals} cá nhân có thành tích "+
				"trong công tác tuyên giáo và học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Ghi nhận, biểu dương "+
				"{emulation.models} mô hình, điển hình tiên tiến để nhân rộng. Vận động cán bộ, đảng viên và Nhân dân gửi "+
				"{emulation.works} tác phẩm văn học, nghệ thuật tham gia các cuộc vận động sáng tác, {emulation.works:change}.",
			"",
			"Đẩy mạnh tuyên truyền, vận động các tầng lớp Nhân dân tham gia thực hiện {congress.works} công trình, phần việc "+
				"chào mừng đại hội và các ngày lễ lớn với tổng trị giá {congress.value:approx} đồng từ ngân sách và xã hội hóa, "+
				"{congress.value:change}; đến nay đã hoàn thành {congress.completed} công trình, phần việc.")},
		{Title: "III. Hạn chế, nguyên nhân", Text: templateLines(
			"- Việc học tập, quán triệt nghị quyết ở một số chi bộ còn chậm so với kế hoạch; tỷ lệ quần chúng tham gia học tập chưa cao.",
			"- Nội dung, hình thức tuyên truyền ở một số nơi chưa phong phú; việc cập nhật số liệu chưa kịp thời.",
			"- Nguyên nhân: …")},
		{Title: "IV. " + ahead, Text: templateLines(
			"- Tiếp tục tổ chức học tập, quán triệt, tuyên truyền các chỉ thị, nghị quyết của Đảng, phấn đấu tỷ lệ đảng viên tham gia đạt trên 95%.",
			"- Đổi mới nội dung, phương thức tuyên truyền miệng; nâng cao chất lượng đội ngũ báo cáo viên, tuyên truyền viên.",
			"- Đẩy mạnh thông tin, tuyên truyền trên báo chí, trang thông tin điện tử và mạng xã hội.",
			"- Tăng cường kiểm tra, giám sát; kịp thời biểu dương, khen thưởng, nhân rộng các tập thể, cá nhân tiêu biểu.")},
	}
}

// templateLines joins the lines of a section's text.
func templateLines(lines ...string) string { return strings.Join(lines, "\n") }
