package report

import (
	"tuyengiao"
	"tuyengiao/internal/vn"
)

// ParticipationTable returns the table of a campaign's dashboard export: a line per unit with,
// for each audience, what it took part by and of how many, and the rate (kept as its
// numerator and denominator), or above 100% the warning tuyengiao.ExceededNote: for a roster
// audience the people who took part (người), their attendances (lượt người) and the people
// on the register; for a headcount audience the attendances counted at the bridge points and
// those expected there. Then the units that must organise the study, those that have, and the
// number of conferences they organised.
func ParticipationTable(title string, c *tuyengiao.Campaign, rows []tuyengiao.ParticipationRow) Table {
	t := Table{Title: title, Columns: []Column{{"Mã đơn vị", Text}, {"Đơn vị", Text}}}
	for _, a := range c.Audiences {
		name := a.Category.Name()
		if a.Headcount {
			t.Columns = append(t.Columns, Column{name + ": lượt người có mặt", Integer}, Column{name + ": lượt người dự kiến tại điểm cầu", Integer})
		} else {
			t.Columns = append(t.Columns, Column{name + ": số người đã tham gia", Integer}, Column{name + ": lượt người tham dự", Integer},
				Column{name + ": số người trong danh sách", Integer})
		}
		t.Columns = append(t.Columns, Column{name + ": tỉ lệ (chỉ tiêu " + vn.Decimal(a.Target, 1) + "%)", Percent})
	}
	t.Columns = append(t.Columns, Column{"Đơn vị phải tổ chức", Integer}, Column{"Đơn vị đã tổ chức", Integer},
		Column{"Số hội nghị do đơn vị tổ chức", Integer})
	for _, r := range rows {
		line := []any{r.UnitCode, r.UnitName}
		for _, a := range r.Audiences {
			var rate any = Ratio{a.Took, a.Base}
			if a.Exceeded() {
				rate = tuyengiao.ExceededNote
			}
			if a.Headcount {
				line = append(line, a.Took, a.Base, rate)
			} else {
				line = append(line, a.Took, a.Attendances, a.Base, rate)
			}
		}
		t.Rows = append(t.Rows, append(line, r.Required, r.Organised, r.Conferences))
	}
	return t
}
