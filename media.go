package tuyengiao

// The channels and forms of a unit's media output.
var (
	mediaChannels = []RecordOption{
		{Code: "fanpage", Name: "Trang Facebook (fanpage)", NameEn: "Facebook page"},
		{Code: "website", Name: "Trang thông tin điện tử", NameEn: "Website"},
		{Code: "press", Name: "Báo chí", NameEn: "Press"},
		{Code: "bulletin", Name: "Bản tin", NameEn: "Bulletin"},
		{Code: "radio", Name: "Đài truyền thanh", NameEn: "Radio"},
		{Code: "zalo", Name: "Nhóm Zalo", NameEn: "Zalo group"},
		{Code: "visual", Name: "Cổ động trực quan (pa nô, băng rôn)", NameEn: "Visual (posters, banners)"},
	}
	mediaForms = []RecordOption{
		{Code: "post", Name: "Tin, bài đăng mới", NameEn: "Original post"},
		{Code: "share", Name: "Chia sẻ lại", NameEn: "Share"},
		{Code: "article", Name: "Bài viết, phóng sự", NameEn: "Article or feature"},
		{Code: "broadcast", Name: "Chương trình phát thanh", NameEn: "Broadcast"},
		{Code: "issue", Name: "Số bản tin", NameEn: "Bulletin issue"},
		{Code: "visual", Name: "Sản phẩm cổ động", NameEn: "Visual item"},
	}
	// mediaOriginal are the forms a unit makes itself, as against what it shares.
	mediaOriginal = []string{"post", "article", "broadcast", "issue", "visual"}
)

// MediaItems is the unit's own media output: a post, a share, an article, a broadcast or a
// bulletin issue on one of its channels, one at a time, or, for busy channels, counted for a
// period (a quantity above one, dated on the period's last day); and the press items
// published about its work. "906 tin, bài đăng và 152 lượt chia sẻ trên fanpage; 286 tin, bài
// trên báo chí".
var MediaItems = declareRecordKind(&RecordKind{
	Code: "media-items", Name: "Tin, bài, sản phẩm truyền thông", NameEn: "Media output",
	One: "tin, bài", OneEn: "media item", Area: "media", Table: "media_items",
	Fields: []RecordField{
		{Name: "day", Label: "Ngày đăng", LabelEn: "Date", Type: FieldDay, Required: true,
			Hint: "Ngày đăng; với số đếm theo kỳ, ngày cuối kỳ.", HintEn: "The day published; for a count over a period, its last day."},
		{Name: "channel", Label: "Kênh", LabelEn: "Channel", Type: FieldChoice, Required: true, Options: mediaChannels},
		{Name: "form", Label: "Loại", LabelEn: "Kind", Type: FieldChoice, Required: true, Options: mediaForms},
		{Name: "title", Label: "Tiêu đề", LabelEn: "Title", Type: FieldText,
			Hint: "Bắt buộc với một tin, bài; có thể để trống khi nhập số đếm.", HintEn: "Required for a single item; may be left blank for a count."},
		{Name: "quantity", Label: "Số lượng", LabelEn: "Quantity", Type: FieldCount,
			Hint: "1 cho một tin, bài; nhiều hơn khi nhập số đếm của cả kỳ.", HintEn: "1 for a single item; more for a count over a period."},
		{Name: "outlet", Label: "Tên báo, đài, trang", LabelEn: "Outlet", Type: FieldText, Max: 200},
		{Name: "link", Label: "Đường dẫn", LabelEn: "Link", Type: FieldLink, Max: 2000},
	},
	Day: "day", Title: "title",
	Indicators: []RecordIndicator{
		{Code: "media.items", Name: "Số tin, bài, sản phẩm truyền thông", NameEn: "Media items",
			Measure: "tin, bài", MeasureEn: "items", Sum: []string{"quantity"}},
		{Code: "media.original", Name: "Số tin, bài, sản phẩm đơn vị tự thực hiện", NameEn: "Media items made by the unit",
			Measure: "tin, bài", MeasureEn: "items", Sum: []string{"quantity"},
			Where: []RecordMatch{{Field: "form", Options: mediaOriginal}}},
		{Code: "media.shares", Name: "Số lượt chia sẻ tin, bài", NameEn: "Shares",
			Measure: "lượt", MeasureEn: "shares", Sum: []string{"quantity"},
			Where: []RecordMatch{{Field: "form", Options: []string{"share"}}}},
		{Code: "media.fanpage.posts", Name: "Số tin, bài đăng trên fanpage", NameEn: "Posts on the Facebook page",
			Measure: "tin, bài", MeasureEn: "items", Sum: []string{"quantity"},
			Where: []RecordMatch{{Field: "channel", Options: []string{"fanpage"}}, {Field: "form", Options: mediaOriginal}}},
		{Code: "media.fanpage.shares", Name: "Số lượt chia sẻ trên fanpage", NameEn: "Shares on the Facebook page",
			Measure: "lượt", MeasureEn: "shares", Sum: []string{"quantity"},
			Where: []RecordMatch{{Field: "channel", Options: []string{"fanpage"}}, {Field: "form", Options: []string{"share"}}}},
		{Code: "media.press", Name: "Số tin, bài trên báo chí", NameEn: "Press items",
			Measure: "tin, bài", MeasureEn: "items", Sum: []string{"quantity"},
			Where: []RecordMatch{{Field: "channel", Options: []string{"press"}}}},
	},
	Check: checkMediaItem,
})

// checkMediaItem sets a quantity left at zero to one, and asks a single item for its title.
func checkMediaItem(v RecordValues) error {
	if v.Number("quantity") == 0 {
		v["quantity"] = int64(1)
	}
	if v.Number("quantity") == 1 && v.Text("title") == "" {
		return FieldError("title", "Chưa nhập tiêu đề của tin, bài (chỉ để trống khi nhập số đếm của cả kỳ).")
	}
	return nil
}
