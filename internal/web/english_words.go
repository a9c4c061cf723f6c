package web

// wordsEnglish translates the hints on the words a report's text names its unit's bodies
// with and on the sentences left out for want of a figure.
var wordsEnglish = map[string]string{
	"{body}, {committee}, {cells} ghi đảng bộ, cấp ủy và các chi bộ theo cấp của đơn vị (“toàn đảng bộ”, “đảng bộ phường”, “chi bộ”). Câu có mọi số liệu bằng 0 được lược khỏi báo cáo và tự hiện lại khi có số liệu.": "{body}, {committee} and {cells} name the party organisation, its committee and its cells in the words of the unit’s level (“toàn đảng bộ”, “đảng bộ phường”, “chi bộ”). A sentence whose every figure is 0 is left out of the report and comes back by itself once there is a figure.",
}

func init() { joinEnglish(wordsEnglish) }
