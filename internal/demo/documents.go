package demo

import (
	"context"
	"fmt"
	"time"

	"tuyengiao"
)

// demoDocument is a document of the demo registry; parent is the index of the document it
// stands in relation rel to, or -1.
type demoDocument struct {
	symbol, issued, term, title string
	fields                      []string
	parent                      int
	rel                         tuyengiao.RelationKind
}

// documents are the chain of the seed articles: central resolutions and directives, the
// city's action programmes and project that carry them out.
var documents = []demoDocument{
	{"35-NQ/TW", "2018-10-22", "XII", "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới", []string{"tu_tuong_ly_luan"}, -1, ""},
	{"05-CT/TW", "2016-05-15", "XII", "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", []string{"tu_tuong_ly_luan", "tuyen_truyen"}, -1, ""},
	{"01-KL/TW", "2021-05-18", "XIII", "Về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị", []string{"tu_tuong_ly_luan"}, 1, tuyengiao.RelContinues},
	{"02-CTr/TU", "2020-12-28", "XVI", "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ thành phố", []string{"xay_dung_dang"}, -1, ""},
	{"12-CTr/TU", "2021-07-03", "XVI", "Chương trình hành động thực hiện Nghị quyết Đại hội XIII của Đảng (cập nhật)", []string{"xay_dung_dang"}, 3, tuyengiao.RelUpdates},
	{"03-ĐA/TU", "2021-09-07", "XVI", "Tiếp tục đổi mới và nâng cao chất lượng, hiệu quả công tác học tập, quán triệt và tuyên truyền triển khai thực hiện các chỉ thị, nghị quyết của Đảng giai đoạn 2021 – 2025", []string{"tuyen_truyen"}, 0, tuyengiao.RelImplements},
	{"138-KH/QU", "2021-10-12", "XVI", "Kế hoạch thực hiện Đề án số 03-ĐA/TU của Ban Thường vụ Thành ủy", []string{"tuyen_truyen"}, 5, tuyengiao.RelImplements},
}

// createDocuments registers the demo documents at the city, relates them and returns their IDs
// in the order of documents.
func createDocuments(ctx context.Context, docs tuyengiao.DocumentService, cityID int64) ([]int64, error) {
	ids := make([]int64, len(documents))
	for i, d := range documents {
		issued, err := time.Parse(time.DateOnly, d.issued)
		if err != nil {
			return nil, err
		}
		doc := &tuyengiao.Document{Symbol: d.symbol, IssuedOn: tuyengiao.Date{Time: issued}, Term: d.term,
			Title: d.title, Fields: d.fields, UnitID: cityID}
		if err := docs.CreateDocument(ctx, doc); err != nil {
			return nil, fmt.Errorf("demo: document %s: %w", d.symbol, err)
		}
		ids[i] = doc.ID
		if d.parent >= 0 {
			if err := docs.RelateDocuments(ctx, doc.ID, ids[d.parent], d.rel); err != nil {
				return nil, fmt.Errorf("demo: relate %s: %w", d.symbol, err)
			}
		}
	}
	return ids, nil
}
