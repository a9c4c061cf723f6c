package web

// participationEnglish translates the texts of a campaign's dashboard, its not-attended
// list and a conference's attendance; it joins english when the package starts.
var participationEnglish = map[string]string{
	"Số người trong danh sách tính đến ngày": "People on the register as of",
	"Người: mỗi người tính một lần dù dự nhiều buổi. Lượt người: mỗi người dự một buổi tính một lượt (một người dự ba buổi là ba lượt).": "People: each person counts once however many sessions they attended. Attendances: each person at each session counts once (one person at three sessions is three attendances).",
	"lượt người": "attendances",
	"lượt":       "attendances",
	"Tỷ lệ trên số lượt người dự kiến tại các điểm cầu": "Rate of the attendances expected at the bridge points",
	"lượt người tham dự":                                   "attendances",
	"tỷ lệ trên số người trong danh sách":                  "rate of the people on the register",
	"hội nghị, lớp học do đơn vị và cấp dưới tổ chức":      "conferences and classes organised by the unit and the units below",
	"Hội nghị, lớp học do đơn vị và cấp dưới tổ chức":      "Conferences and classes organised by the unit and the units below",
	"Hội nghị do cấp trên tổ chức, đơn vị dự tại điểm cầu": "Conferences organised above, attended here at a bridge point",
	"Xem người chưa tham gia":                              "See who has not attended",
	"lượt có mặt / dự kiến":                                "attendances present / expected",
	"người đã học / danh sách":                             "people who attended / on the register",
	"Hội nghị":                                             "Conferences",
	"Người chưa tham gia":                                  "Not attended",
	"Xem danh sách":                                        "See the list",
	"Tham dự":                                              "Attendance",
	"Có mặt / dự kiến tại các điểm cầu. Đối tượng điểm danh theo danh sách: số người được đánh dấu trên danh sách cộng số người tự điểm danh bằng mã QR; đối tượng đếm số lượng: số người đếm tại điểm cầu.": "Present / expected at the bridge points. Roster audiences: the people ticked on the roster plus those who checked in with the QR code; headcount audiences: the people counted at the bridge point.",
	"có mặt / dự kiến":   "present / expected",
	"Ngoài các điểm cầu": "At no bridge point",
	"đếm tại điểm cầu":   "counted at the bridge point",
}

func init() {
	for vi, en := range participationEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
