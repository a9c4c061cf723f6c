package demo

import (
	"context"
	"fmt"
	"time"

	"tuyengiao"
)

// demoDocument is a document of the demo registry; parent is the index of the document it
// stands in relation rel to, or -1. by is who issued it: byCentral for a central body (told by
// its symbol), byCity for the city committee, n for the n-th ward committee (from 1); the city
// registers the central documents, every other is registered where it was issued.
type demoDocument struct {
	symbol, issued, term, title string
	fields                      []string
	parent                      int
	rel                         tuyengiao.RelationKind
	by                          int
}

const (
	byCentral = -1
	byCity    = 0
)

// documents are the chain of the seed articles: central resolutions and directives, the
// city's action programmes and project that carry them out.
var documents = []demoDocument{
	{"35-NQ/TW", "2018-10-22", "XII", "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới", []string{"tu_tuong_ly_luan"}, -1, "", byCentral},
	{"05-CT/TW", "2016-05-15", "XII", "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", []string{"tu_tuong_ly_luan", "tuyen_truyen"}, -1, "", byCentral},
	{"01-KL/TW", "2021-05-18", "XIII", "Về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị", []string{"tu_tuong_ly_luan"}, 1, tuyengiao.RelContinues, byCentral},
	{"02-CTr/TU", "2020-12-28", "XVI", "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ thành phố", []string{"xay_dung_dang"}, -1, "", byCity},
	{"12-CTr/TU", "2021-07-03", "XVI", "Chương trình hành động thực hiện Nghị quyết Đại hội XIII của Đảng (cập nhật)", []string{"xay_dung_dang"}, 3, tuyengiao.RelUpdates, byCity},
	{"03-ĐA/TU", "2021-09-07", "XVI", "Tiếp tục đổi mới và nâng cao chất lượng, hiệu quả công tác học tập, quán triệt và tuyên truyền triển khai thực hiện các chỉ thị, nghị quyết của Đảng giai đoạn 2021 – 2025", []string{"tuyen_truyen"}, 0, tuyengiao.RelImplements, byCity},
	// Two ward committees number their plans alike: each has its own 138-KH/ĐU.
	{"138-KH/ĐU", "2021-10-12", "", "Kế hoạch thực hiện Đề án số 03-ĐA/TU của Ban Thường vụ Thành ủy", []string{"tuyen_truyen"}, 5, tuyengiao.RelImplements, 1},
	{"138-KH/ĐU", "2021-10-20", "", "Kế hoạch thực hiện Đề án số 03-ĐA/TU của Ban Thường vụ Thành ủy", []string{"tuyen_truyen"}, 5, tuyengiao.RelImplements, 2},
}

// createDocuments registers the demo documents, relates them and returns their IDs in the
// order of documents; units are the plan's with their IDs.
func createDocuments(ctx context.Context, docs tuyengiao.DocumentService, units []unitSpec, unitIDs []int64) ([]int64, error) {
	var wards []int64
	for i, u := range units {
		if u.kind == "dang_uy_phuong" || u.kind == "dang_uy_xa" {
			wards = append(wards, unitIDs[i])
		}
	}
	ids := make([]int64, len(documents))
	for i, d := range documents {
		issued, err := time.Parse(time.DateOnly, d.issued)
		if err != nil {
			return nil, err
		}
		doc := &tuyengiao.Document{Symbol: d.symbol, IssuedOn: tuyengiao.Date{Time: issued}, Term: d.term,
			Title: d.title, Fields: d.fields, UnitID: unitIDs[0]}
		switch {
		case d.by == byCity:
			doc.IssuingUnitID = unitIDs[0]
		case d.by > 0:
			doc.UnitID, doc.IssuingUnitID = wards[d.by-1], wards[d.by-1]
		}
		if err := createDocument(ctx, docs, doc); err != nil {
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
