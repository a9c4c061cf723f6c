package report

import (
	"tuyengiao"
)

// ReportTemplate returns the sheets of the template of a data set's import: the sheet "Số
// liệu" with a row per unit (code and name filled in) and a column per indicator
// (tuyengiao.ReportColumns), and the sheet "Hướng dẫn" naming each column's indicator.
func ReportTemplate(ds *tuyengiao.DataSet, p tuyengiao.Period, inds []tuyengiao.Indicator, units []*tuyengiao.Unit) []Table {
	cols := tuyengiao.ReportColumns(inds)
	values := Table{Title: "Số liệu", Columns: []Column{{Header: "Mã đơn vị", Kind: Text}, {Header: "Tên đơn vị", Kind: Text}}}
	for _, c := range cols {
		values.Columns = append(values.Columns, Column{Header: c.Header, Kind: Integer})
	}
	for _, u := range units {
		row := make([]any, len(values.Columns))
		row[0], row[1] = u.Code, u.Name
		values.Rows = append(values.Rows, row)
	}
	guide := Table{Title: "Hướng dẫn", Columns: []Column{{Header: "Cột", Kind: Text}, {Header: "Chỉ tiêu", Kind: Text},
		{Header: "Đơn vị tính", Kind: Text}, {Header: "Cách ghi", Kind: Text}}}
	guide.Rows = append(guide.Rows, []any{"Mã đơn vị", ds.Name + ", " + p.Label(), "", "Mã của đơn vị báo cáo; mỗi đơn vị một dòng. Để trống ô nào thì chỉ tiêu đó không thay đổi."})
	byCode := map[string]tuyengiao.Indicator{}
	for _, ind := range inds {
		byCode[ind.Code] = ind
	}
	for _, c := range cols {
		ind, how := byCode[c.Code], "Số nguyên không âm."
		if c.Base {
			how = "Mẫu số của tỷ lệ: " + ind.Base + "."
		} else if ind.Stock {
			how = "Số có đến ngày cuối kỳ."
		}
		guide.Rows = append(guide.Rows, []any{c.Header, ind.Name, ind.Measure, how})
	}
	return []Table{values, guide}
}
