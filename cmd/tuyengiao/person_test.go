package main

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// personFixture is a city with two wards; the first has a cell. Đức belongs to the cell, Lan
// to the first ward, Hùng to the second. bithu edits the first ward; xem views the second.
type personFixture struct {
	city, wardA, cell, wardB *tuyengiao.Unit
	duc, lan, hung           *tuyengiao.Person
}

func newPersonFixture(a *testApp) *personFixture {
	f := &personFixture{}
	f.city = a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
	f.wardA = a.unit(f.city, "P1", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
	f.cell = a.unit(f.wardA, "CB1", "Chi bộ khu phố 1", "chi_bo")
	f.wardB = a.unit(f.city, "P2", "Đảng ủy phường Tây Sơn", "dang_uy_phuong")
	f.duc = a.person(f.cell, "Nguyễn Văn Đức", tuyengiao.CategoryMember)
	f.lan = &tuyengiao.Person{UnitID: f.wardA.ID, FullName: "Trần Thị Lan", Category: tuyengiao.CategoryKeyCadre,
		StatusDate: tuyengiao.Date{Time: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}}
	if err := a.db.CreatePerson(a.admin(), f.lan); err != nil {
		a.t.Fatal(err)
	}
	f.hung = a.person(f.wardB, "Lê Văn Hùng", tuyengiao.CategoryMember)
	a.user("bithu", tuyengiao.RoleEditor, f.wardA)
	a.user("xem", tuyengiao.RoleViewer, f.wardB)
	return f
}

func personPath(p *tuyengiao.Person) string { return "/people/" + strconv.FormatInt(p.ID, 10) }

func unitID(u *tuyengiao.Unit) string { return strconv.FormatInt(u.ID, 10) }

// peopleInSubtree counts the people of every status under the unit, as the administrator.
func (a *testApp) peopleInSubtree(u *tuyengiao.Unit) int {
	a.t.Helper()
	_, total, err := a.db.FindPeople(a.admin(), tuyengiao.PersonFilter{RootID: u.ID, Status: "all", Limit: 1})
	if err != nil {
		a.t.Fatal(err)
	}
	return total
}

func TestPersonPages(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newPersonFixture(a)
		bithu := a.login("bithu")

		t.Run("a secretary lists and finds Nguyễn Văn Đức by typing nguyen van duc", func(t *testing.T) {
			res := bithu.get("/people")
			if res.StatusCode != 200 || !strings.Contains(res.body, "Trần Thị Lan") || !strings.Contains(res.body, "Nguyễn Văn Đức") ||
				strings.Contains(res.body, "Lê Văn Hùng") || !strings.Contains(res.body, "Tổng cộng <b>2</b> người") {
				t.Fatalf("list: status %d body %s", res.StatusCode, res.body)
			}
			res = bithu.get("/people?q=" + url.QueryEscape("nguyen van duc"))
			if res.StatusCode != 200 || !strings.Contains(res.body, `<a href="`+personPath(f.duc)+`">Nguyễn Văn Đức</a>`) ||
				strings.Contains(res.body, "Trần Thị Lan") || !strings.Contains(res.body, "Tìm thấy <b>1</b> người") {
				t.Fatalf("search: status %d body %s", res.StatusCode, res.body)
			}
		})

		t.Run("a viewer of a sibling ward gets 403 on a person of another ward", func(t *testing.T) {
			res := a.login("xem").get(personPath(f.duc))
			if res.StatusCode != http.StatusForbidden || strings.Contains(res.body, "Nguyễn Văn Đức") {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
		})

		t.Run("the record shows the fields and the unit trail", func(t *testing.T) {
			res := bithu.get(personPath(f.duc))
			for _, want := range []string{"Nguyễn Văn Đức", "Chi bộ khu phố 1", "Đảng ủy phường Đông Kinh", "1980", "Đang sinh hoạt từ ngày", `action="` + personPath(f.duc) + `/status"`} {
				if res.StatusCode != 200 || !strings.Contains(res.body, want) {
					t.Fatalf("%q missing: status %d body %s", want, res.StatusCode, res.body)
				}
			}
		})

		t.Run("reading a person leaves a person.view audit record", func(t *testing.T) {
			bithu.get(personPath(f.lan))
			recs, _, err := a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Action: "person.view", Login: "bithu"})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range recs {
				found = found || r.Object == "person:"+strconv.FormatInt(f.lan.ID, 10) && r.UnitID == f.wardA.ID && r.Outcome == tuyengiao.OutcomeOK
			}
			if !found {
				t.Fatalf("no person.view record of Lan among %+v", recs)
			}
		})

		t.Run("the edit form with an empty name shows the field error and keeps the other typed values", func(t *testing.T) {
			res := bithu.post(personPath(f.duc), url.Values{
				"old_unit_code": {"CB1"}, "unit_code": {"CB1"}, "full_name": {"  "}, "category": {"key_cadre"},
				"birth_year": {"1979"}, "gender": {"male"}, "position": {"Bí thư chi bộ"}, "phone": {"0912 345 678"},
			})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			for _, want := range []string{"Họ và tên không được để trống.", `id="full_name" name="full_name" value="  "`, `value="Bí thư chi bộ"`,
				`value="0912 345 678"`, `value="1979"`, `<option value="key_cadre" selected>`, `<option value="male" selected>`, "<details class=\"actions card\" open>"} {
				if !strings.Contains(res.body, want) {
					t.Fatalf("%q missing: %s", want, res.body)
				}
			}
			if !regexp.MustCompile(`id="full_name"[^>]*aria-invalid="true"`).MatchString(res.body) {
				t.Fatalf("the name is not marked: %s", res.body)
			}
			p, err := a.db.FindPersonByID(a.admin(), f.duc.ID)
			if err != nil || p.FullName != "Nguyễn Văn Đức" || p.Position != "" || p.BirthYear != 1980 {
				t.Fatalf("changed anyway: %+v %v", p, err)
			}
		})

		t.Run("a good edit is saved and moving to an unknown unit names the field", func(t *testing.T) {
			form := url.Values{"old_unit_code": {"CB1"}, "unit_code": {"CB1"}, "full_name": {"Nguyễn Văn Đức"}, "category": {"member"},
				"birth_date": {"15/03/1981"}, "position": {"Bí thư chi bộ"}, "phone": {"0912345678"}}
			if res := bithu.post(personPath(f.duc), form); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			res := bithu.get(personPath(f.duc) + "?ok=saved")
			if !strings.Contains(res.body, "15/03/1981") || !strings.Contains(res.body, "Bí thư chi bộ") || !strings.Contains(res.body, "Đã lưu.") ||
				!strings.Contains(res.body, "<dd>0912 345 678</dd>") {
				t.Fatalf("not shown: %s", res.body)
			}
			form.Set("unit_code", "KHONG-CO")
			res = bithu.post(personPath(f.duc), form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `Không có đơn vị mã &#34;KHONG-CO&#34;.`) ||
				!regexp.MustCompile(`id="unit_code"[^>]*aria-invalid="true"`).MatchString(res.body) {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
		})

		t.Run("a change of status takes a Vietnamese date and shows it", func(t *testing.T) {
			res := bithu.post(personPath(f.lan)+"/status", url.Values{"status": {"moved_out"}, "on": {"31/02/2024"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "31/02/2024") ||
				!regexp.MustCompile(`id="on"[^>]*aria-invalid="true"`).MatchString(res.body) {
				t.Fatalf("bad date: status %d body %s", res.StatusCode, res.body)
			}
			res = bithu.post(personPath(f.lan)+"/status", url.Values{"status": {"moved_out"}, "on": {"15/01/2024"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			if res := bithu.get(personPath(f.lan)); !strings.Contains(res.body, "Đã chuyển đi từ ngày 15/01/2024") {
				t.Fatalf("not shown: %s", res.body)
			}
			if res := bithu.get("/people"); strings.Contains(res.body, "Trần Thị Lan") {
				t.Fatalf("a person who moved out is still listed as active: %s", res.body)
			}
			if res := bithu.get("/people?status=moved_out"); !strings.Contains(res.body, "Trần Thị Lan") || !strings.Contains(res.body, "15/01/2024") {
				t.Fatalf("not listed among those who moved out: %s", res.body)
			}
			res = bithu.post(personPath(f.lan)+"/status", url.Values{"status": {"active"}, "on": {"01/06/2023"}})
			if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "?ok=backdated") {
				t.Fatalf("back-dated: status %d location %q", res.StatusCode, res.Header.Get("Location"))
			}
			if res := bithu.get(res.Header.Get("Location")); !strings.Contains(res.body, "Trạng thái hiện tại không đổi vì đã có thay đổi từ ngày 15/01/2024.") {
				t.Fatalf("back-dated change not explained: %s", res.body)
			}
		})

		t.Run("a secretary adds a person to a unit chosen by code, and not outside the ward", func(t *testing.T) {
			form := url.Values{"unit_code": {"cb1"}, "full_name": {"Hoàng  Văn Nam"}, "category": {"masses"}, "birth_year": {"1990"}}
			res := bithu.post("/people", form)
			if res.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/people/\d+\?ok=created$`).MatchString(res.Header.Get("Location")) {
				t.Fatalf("status %d location %q body %s", res.StatusCode, res.Header.Get("Location"), res.body)
			}
			if res := bithu.get(res.Header.Get("Location")); !strings.Contains(res.body, "Hoàng Văn Nam") || !strings.Contains(res.body, "Chi bộ khu phố 1") {
				t.Fatalf("not shown: %s", res.body)
			}
			form.Set("unit_code", "P2")
			res = bithu.post("/people", form)
			if res.StatusCode == http.StatusSeeOther || !strings.Contains(res.body, `value="Hoàng  Văn Nam"`) ||
				!regexp.MustCompile(`id="unit_code"[^>]*aria-invalid="true"`).MatchString(res.body) {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			if res := bithu.get("/people/new?unit=" + unitID(f.cell)); res.StatusCode != 200 || !strings.Contains(res.body, `name="unit" value="`+unitID(f.cell)+`"`) {
				t.Fatalf("preselected unit: status %d body %s", res.StatusCode, res.body)
			}
		})

		t.Run("a viewer sees no link to add or import", func(t *testing.T) {
			res := a.login("xem").get("/people?root=" + unitID(f.wardB))
			if res.StatusCode != 200 || !strings.Contains(res.body, "Lê Văn Hùng") || strings.Contains(res.body, "/people/new") || strings.Contains(res.body, "/people/import") {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
		})
	})
}

// peopleXLSX writes a people spreadsheet with the template's headers and the rows.
func peopleXLSX(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	return sheetXLSX(t, append([][]any{{"Mã đơn vị", "Họ và tên", "Năm sinh", "Giới tính", "Đối tượng", "Số điện thoại"}}, rows...)...)
}

// upload sends a file as a browser form on the same site does, with the other fields.
func (c *client) upload(path string, fields url.Values, filename string, content []byte) *response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		c.t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func TestPersonImport(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newPersonFixture(a)
		bithu := a.login("bithu")
		root := url.Values{"root": {unitID(f.wardA)}}
		good := [][]any{
			{"CB1", "Phạm Thị Hoa", 1985, "Nữ", "Đảng viên", "0912345678"},
			{"P1", "Võ Văn Tâm", 1990, "Nam", "Quần chúng", ""},
			{"cb1", "Đặng Thu Trang", 2001, "Nữ", "Đoàn viên/Hội viên", "0987654321"},
		}

		t.Run("the upload page links the template and explains the columns", func(t *testing.T) {
			res := bithu.get("/people/import?root=" + unitID(f.wardA))
			for _, want := range []string{`href="/people/template.xlsx"`, `enctype="multipart/form-data"`, "Số thẻ đảng viên", "Đảng ủy phường Đông Kinh"} {
				if res.StatusCode != 200 || !strings.Contains(res.body, want) {
					t.Fatalf("%q missing: status %d body %s", want, res.StatusCode, res.body)
				}
			}
			tpl := bithu.get("/people/template.xlsx")
			if tpl.StatusCode != 200 || !strings.Contains(tpl.Header.Get("Content-Disposition"), `filename="mau-nhap-nhan-su.xlsx"`) {
				t.Fatalf("template: status %d headers %v", tpl.StatusCode, tpl.Header)
			}
			if _, err := excelize.OpenReader(strings.NewReader(tpl.body)); err != nil {
				t.Fatalf("template does not open: %v", err)
			}
		})

		t.Run("a file with one bad row shows the row's reason and creates nobody", func(t *testing.T) {
			bad := append([][]any{}, good...)
			bad[1] = []any{"P1", "Võ Văn Tâm", 1990, "Nam", "Không rõ", ""}
			before := a.peopleInSubtree(f.wardA)
			res := bithu.upload("/people/import?root="+unitID(f.wardA), root, "danh-sach.xlsx", peopleXLSX(t, bad...))
			if res.StatusCode != 200 {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			for _, want := range []string{`<td class="name">Võ Văn Tâm</td><td class="num" data-label="Dòng">3</td><td data-label="Lỗi">Cột Đối tượng`, "Không rõ", "Chưa nhập ai", "<b>3</b><span>Số dòng</span>", "<b>2</b><span>Dòng hợp lệ</span>", "<b>1</b><span>Dòng có lỗi</span>"} {
				if !strings.Contains(res.body, want) {
					t.Fatalf("%q missing: %s", want, res.body)
				}
			}
			if strings.Contains(res.body, "/commit") || !regexp.MustCompile(`href="/people/import/\d+/errors.xlsx\?root=`).MatchString(res.body) {
				t.Fatalf("a file with errors can be committed: %s", res.body)
			}
			if n := a.peopleInSubtree(f.wardA); n != before {
				t.Fatalf("%d people, want %d", n, before)
			}
		})

		t.Run("the fixed file imports everyone", func(t *testing.T) {
			before := a.peopleInSubtree(f.wardA)
			res := bithu.upload("/people/import?root="+unitID(f.wardA), root, "danh-sach.xlsx", peopleXLSX(t, good...))
			m := regexp.MustCompile(`action="(/people/import/\d+/commit)"`).FindStringSubmatch(res.body)
			if res.StatusCode != 200 || m == nil || !strings.Contains(res.body, "Nhập 3 người") || !strings.Contains(res.body, "Đặng Thu Trang") {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			if n := a.peopleInSubtree(f.wardA); n != before {
				t.Fatalf("the preview wrote people: %d, want %d", n, before)
			}
			res = bithu.post(m[1], root)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/people?root="+unitID(f.wardA)+"&ok=imported&n=3" {
				t.Fatalf("commit: status %d location %q body %s", res.StatusCode, res.Header.Get("Location"), res.body)
			}
			if n := a.peopleInSubtree(f.wardA); n != before+3 {
				t.Fatalf("%d people, want %d", n, before+3)
			}
			list := bithu.get(res.Header.Get("Location"))
			if !strings.Contains(list.body, "Đã nhập 3 người.") || !strings.Contains(list.body, "Phạm Thị Hoa") {
				t.Fatalf("list after import: %s", list.body)
			}
			if res := a.login("xem").post(m[1], root); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden {
				t.Fatalf("another user committed the upload: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("a PDF renamed .xlsx is refused with a Vietnamese message on the upload page", func(t *testing.T) {
			res := bithu.upload("/people/import?root="+unitID(f.wardA), root, "danh-sach.xlsx", []byte("%PDF-1.7\n1 0 obj <<>> endobj\n"))
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Tệp không phải XLSX hay CSV") ||
				!strings.Contains(res.body, `enctype="multipart/form-data"`) || !strings.Contains(res.body, `role="alert"`) {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
		})

		t.Run("an upload without a file asks for one", func(t *testing.T) {
			res := bithu.post("/people/import?root="+unitID(f.wardA), root)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Chưa chọn tệp") {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
		})

		t.Run("the API checks, then imports with commit=true", func(t *testing.T) {
			api := a.api("bithu")
			file := peopleXLSX(t, []any{"CB1", "Bùi Minh Khoa", 1975, "Nam", "Cán bộ chủ chốt", ""}, []any{"P2", "Ngoài Phường", 1975, "Nam", "Quần chúng", ""})
			path := "/api/v1/people/import?root=" + unitID(f.wardA)
			res := api.upload(path+"&commit=true", nil, "a.xlsx", file)
			var out struct {
				Rows, Valid, Created int
				Committed            bool
				Errors               []struct {
					Row            int
					Field, Message string
				}
			}
			res.decode(&out)
			if res.StatusCode != 200 || out.Committed || out.Rows != 2 || len(out.Errors) != 1 || out.Errors[0].Row != 3 || out.Errors[0].Field != "unit_code" {
				t.Fatalf("bad rows: status %d body %s", res.StatusCode, res.body)
			}
			before := a.peopleInSubtree(f.wardA)
			file = peopleXLSX(t, []any{"CB1", "Bùi Minh Khoa", 1975, "Nam", "Cán bộ chủ chốt", ""})
			res = api.upload(path+"&commit=true", nil, "a.xlsx", file)
			res.decode(&out)
			if res.StatusCode != 200 || !out.Committed || out.Created != 1 || len(out.Errors) != 0 {
				t.Fatalf("commit: status %d body %s", res.StatusCode, res.body)
			}
			if n := a.peopleInSubtree(f.wardA); n != before+1 {
				t.Fatalf("%d people, want %d", n, before+1)
			}
			res = api.upload(path, nil, "a.pdf", []byte("%PDF-1.4"))
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"code":"invalid"`) {
				t.Fatalf("pdf: status %d body %s", res.StatusCode, res.body)
			}
		})
	})
}

// sheetXLSX returns a workbook whose first sheet holds the rows, the first one the header.
func sheetXLSX(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPersonImportOfRealSpreadsheets(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newPersonFixture(a)
		bithu := a.login("bithu")
		root := url.Values{"root": {unitID(f.wardA)}}
		header := []any{"Mã đơn vị", "Họ và tên", "Ngày sinh", "Đối tượng", "Số điện thoại"}
		file := sheetXLSX(t, header,
			[]any{"CB1", "Nguyễn Văn Đức", "1980", "Đảng viên", ""},                         // row 2: in the register
			[]any{"CB1", "NguyÔn ThÞ Hoa", "01/02/1991", "§¶ng viªn", "0912 345 678"},       // row 3: TCVN3
			[]any{"CB1", "Traàn Vaên Bình", "03/04/1992", "Ñaûng vieân", "+84 987.654.321"}, // row 4: VNI
			[]any{"CB1", "NguyÔn ThÞ Hoa", "01/02/1991", "§¶ng viªn", "0912 345 678"},       // row 5: row 3 again
		)
		var commit string

		t.Run("the preview converts the old fonts, shows dates and phones in full, warns of swapped dates and lists the duplicates", func(t *testing.T) {
			res := bithu.upload("/people/import?root="+unitID(f.wardA), root, "cu.xlsx", file)
			m := regexp.MustCompile(`action="(/people/import/\d+/commit)"`).FindStringSubmatch(res.body)
			if res.StatusCode != 200 || m == nil {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			commit = m[1]
			for _, want := range []string{
				"<td class=\"name\">Nguyễn Thị Hoa</td>", "<td class=\"name\">Trần Văn Bình</td>",
				"01/02/1991", "0912 345 678", "0987 654 321",
				"2 dòng viết bằng phông chữ Việt cũ TCVN3", "1 dòng viết bằng phông chữ Việt cũ VNI",
				"Mọi ngày sinh trong tệp đều có ngày không quá 12", "Ví dụ dòng 3: 01/02/1991 được đọc là ngày 1 tháng 2, không phải 02/01/1991",
				"Cùng họ tên và năm sinh, cùng đơn vị với Nguyễn Văn Đức (sinh năm 1980, CB1), đã có trong danh sách.", "Giống hệt dòng 3.",
				`name="dup-5" value="drop" required checked`, "<b>2</b><span>Có thể trùng</span>",
			} {
				if !strings.Contains(res.body, want) {
					t.Errorf("%q missing", want)
				}
			}
			if strings.Contains(res.body, `name="dup-2" value="keep" required checked`) || strings.Contains(res.body, `name="dup-2" value="drop" required checked`) {
				t.Errorf("the match in the register is answered before the user did")
			}
		})

		t.Run("a commit with a duplicate unanswered writes nobody and asks again, keeping the answers given", func(t *testing.T) {
			before := a.peopleInSubtree(f.wardA)
			res := bithu.post(commit, url.Values{"root": root["root"], "dup-5": {"drop"}})
			if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "hãy chọn giữ hay bỏ cho mỗi dòng có thể trùng") ||
				!strings.Contains(res.body, `name="dup-5" value="drop" required checked`) {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			if n := a.peopleInSubtree(f.wardA); n != before {
				t.Fatalf("%d people, want %d", n, before)
			}
		})

		t.Run("answered, the rows kept go in, the success says how many and how many were dropped, and the phone is found however typed", func(t *testing.T) {
			before := a.peopleInSubtree(f.wardA)
			res := bithu.post(commit, url.Values{"root": root["root"], "dup-2": {"drop"}, "dup-5": {"drop"}})
			if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "&ok=imported&n=2&dropped=2") {
				t.Fatalf("status %d location %q body %s", res.StatusCode, res.Header.Get("Location"), res.body)
			}
			if n := a.peopleInSubtree(f.wardA); n != before+2 {
				t.Fatalf("%d people, want %d", n, before+2)
			}
			if list := bithu.get(res.Header.Get("Location")); !strings.Contains(list.body, "Đã nhập 2 người; bỏ 2 dòng trùng.") {
				t.Fatalf("list: %s", list.body)
			}
			for _, q := range []string{"0912345678", "0912 345 678", "+84912345678"} {
				list := bithu.get("/people?root=" + unitID(f.wardA) + "&q=" + url.QueryEscape(q))
				if !strings.Contains(list.body, "Nguyễn Thị Hoa") || strings.Contains(list.body, "Trần Văn Bình") {
					t.Errorf("search %q: %s", q, list.body)
				}
			}
		})

		t.Run("the same file again can go in at one click dropping everyone already there", func(t *testing.T) {
			res := bithu.upload("/people/import?root="+unitID(f.wardA), root, "cu.xlsx", file)
			m := regexp.MustCompile(`action="(/people/import/\d+/commit)"`).FindStringSubmatch(res.body)
			if m == nil || !strings.Contains(res.body, `name="rest" value="drop" formnovalidate`) {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			before := a.peopleInSubtree(f.wardA)
			res = bithu.post(m[1], url.Values{"root": root["root"], "rest": {"drop"}})
			if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "&ok=imported&n=0&dropped=4") {
				t.Fatalf("status %d location %q body %s", res.StatusCode, res.Header.Get("Location"), res.body)
			}
			if list := bithu.get(res.Header.Get("Location")); !strings.Contains(list.body, "Đã nhập 0 người; bỏ 4 dòng trùng.") {
				t.Fatalf("list: %s", list.body)
			}
			if n := a.peopleInSubtree(f.wardA); n != before {
				t.Fatalf("%d people, want %d", n, before)
			}
		})

		t.Run("a Windows-1258 CSV is read; its bad row names the person and comes back as an XLSX with the reason", func(t *testing.T) {
			// "Mã đơn vị;Họ và tên;Đối tượng" then "Nguyễn Văn An" and "Lê Thị Vân" in Windows-1258.
			csv := []byte("Ma\xde \xf0\xf5n vi\xf2;Ho\xf2 v\xe0 t\xean;\xd0\xf4\xeci t\xfd\xf5\xf2ng\r\n" +
				"CB1;Nguy\xea\xden V\xe3n An;Qu\xe2\xccn chu\xecng\r\n" +
				"XX;L\xea Thi\xf2 V\xe2n;Qu\xe2\xccn chu\xecng\r\n")
			res := bithu.upload("/people/import?root="+unitID(f.wardA), root, "cu.csv", csv)
			for _, want := range []string{"Tệp CSV không mã hóa UTF-8: đã đọc theo bảng mã Windows-1258.",
				`<td class="name">Lê Thị Vân</td><td class="num" data-label="Dòng">3</td>`, "Không có đơn vị mã"} {
				if !strings.Contains(res.body, want) {
					t.Fatalf("%q missing: %s", want, res.body)
				}
			}
			m := regexp.MustCompile(`href="(/people/import/\d+/errors.xlsx\?root=\d+)"`).FindStringSubmatch(res.body)
			if m == nil {
				t.Fatalf("no download of the bad rows: %s", res.body)
			}
			x := bithu.get(m[1])
			book, err := excelize.OpenReader(strings.NewReader(x.body))
			if x.StatusCode != 200 || err != nil {
				t.Fatalf("status %d, %v", x.StatusCode, err)
			}
			rows, _ := book.GetRows(book.GetSheetList()[0])
			if len(rows) != 2 || rows[0][3] != "Lỗi" || rows[1][1] != "Lê Thị Vân" || !strings.Contains(rows[1][3], "Dòng 3: không có đơn vị mã") {
				t.Fatalf("bad rows %q", rows)
			}
			book.SetCellValue(book.GetSheetList()[0], "A2", "CB1")
			var fixed bytes.Buffer
			book.Write(&fixed)
			res = bithu.upload("/people/import?root="+unitID(f.wardA), root, "sua.xlsx", fixed.Bytes())
			if !strings.Contains(res.body, "Nhập 1 người") || !strings.Contains(res.body, "Lê Thị Vân") {
				t.Fatalf("the fixed rows: %s", res.body)
			}
		})
	})
}

func TestPersonExport(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newPersonFixture(a)
		a.person(f.cell, "=1+1", tuyengiao.CategoryMasses)
		bithu := a.login("bithu")

		open := func(t *testing.T, res *response) [][]string {
			t.Helper()
			if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), `filename="danh-sach-nhan-su.xlsx"`) {
				t.Fatalf("status %d headers %v body %.300s", res.StatusCode, res.Header, res.body)
			}
			x, err := excelize.OpenReader(strings.NewReader(res.body))
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			sheet := x.GetSheetList()[0]
			rows, err := x.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for i := range rows {
				for j := range rows[i] {
					cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if formula, _ := x.GetCellFormula(sheet, cell); formula != "" {
						t.Fatalf("cell %s is a formula: %q", cell, formula)
					}
				}
			}
			return rows
		}

		t.Run("the export opens again and holds the people, a name =1+1 as text", func(t *testing.T) {
			rows := open(t, bithu.get("/people/export.xlsx?root="+unitID(f.wardA)))
			var names []string
			for _, r := range rows[1:] {
				names = append(names, r[2])
			}
			got := strings.Join(names, "|")
			if len(rows) != 4 || !strings.Contains(got, "Nguyễn Văn Đức") || !strings.Contains(got, "Trần Thị Lan") ||
				!strings.Contains(got, "'=1+1") || strings.Contains(got, "Lê Văn Hùng") {
				t.Fatalf("rows %q", rows)
			}
		})

		t.Run("the export keeps the filters and is audited with its size", func(t *testing.T) {
			rows := open(t, bithu.get("/people/export.xlsx?q=nguyen+van&category=member"))
			if len(rows) != 2 || rows[1][2] != "Nguyễn Văn Đức" {
				t.Fatalf("rows %q", rows)
			}
			recs, _, err := a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Action: "person.export", Login: "bithu"})
			if err != nil || len(recs) != 2 || !strings.Contains(recs[0].Detail, "count=1") || !strings.Contains(recs[1].Detail, "count=3") || recs[1].UnitID != f.wardA.ID {
				t.Fatalf("audit %+v %v", recs, err)
			}
		})

		t.Run("the API exports too, and refuses a unit outside the scope", func(t *testing.T) {
			api := a.api("bithu")
			rows := open(t, api.get("/api/v1/people/export?root="+unitID(f.cell)))
			if len(rows) != 3 {
				t.Fatalf("rows %q", rows)
			}
			if res := api.get("/api/v1/people/export?root=" + unitID(f.wardB)); res.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
		})
	})
}

func TestPersonAPI(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newPersonFixture(a)
		api := a.api("bithu")
		var p tuyengiao.Person

		t.Run("creating answers 201 with the person, by unit code", func(t *testing.T) {
			res := api.json("POST", "/api/v1/people", map[string]any{"unit_code": "CB1", "full_name": "Ngô Thị Mai", "category": "union", "birth_year": 1995})
			res.decode(&p)
			if res.StatusCode != http.StatusCreated || p.ID == 0 || p.UnitID != f.cell.ID || p.BirthYear != 1995 || p.Status != tuyengiao.StatusActive {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			res = api.json("POST", "/api/v1/people", map[string]any{"unit_id": f.cell.ID, "full_name": "", "category": "union"})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"full_name"`) {
				t.Fatalf("empty name: status %d body %s", res.StatusCode, res.body)
			}
		})

		t.Run("lists, reads, changes and records a status", func(t *testing.T) {
			var list struct {
				Items []tuyengiao.Person
				Total int
			}
			res := api.get("/api/v1/people?q=mai")
			res.decode(&list)
			if res.StatusCode != 200 || list.Total != 1 || list.Items[0].ID != p.ID {
				t.Fatalf("list: status %d body %s", res.StatusCode, res.body)
			}
			if res := api.get("/api/v1/people/" + strconv.FormatInt(p.ID, 10)); res.StatusCode != 200 || !strings.Contains(res.body, `"full_name":"Ngô Thị Mai"`) {
				t.Fatalf("get: status %d body %s", res.StatusCode, res.body)
			}
			res = api.json("PATCH", "/api/v1/people/"+strconv.FormatInt(p.ID, 10), map[string]any{"position": "Bí thư chi đoàn"})
			if res.StatusCode != 200 || !strings.Contains(res.body, `"position":"Bí thư chi đoàn"`) || !strings.Contains(res.body, `"full_name":"Ngô Thị Mai"`) {
				t.Fatalf("patch: status %d body %s", res.StatusCode, res.body)
			}
			res = api.json("POST", "/api/v1/people/"+strconv.FormatInt(p.ID, 10)+"/status", map[string]any{"status": "moved_out", "on": time.Now().In(vn.Zone).Format("02/01/2006")})
			if res.StatusCode != 200 || !strings.Contains(res.body, `"status":"moved_out"`) {
				t.Fatalf("status: status %d body %s", res.StatusCode, res.body)
			}
			res = api.json("POST", "/api/v1/people/"+strconv.FormatInt(p.ID, 10)+"/status", map[string]any{"status": "active"})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"on"`) {
				t.Fatalf("no day: status %d body %s", res.StatusCode, res.body)
			}
			if res := a.api("xem").get("/api/v1/people/" + strconv.FormatInt(f.duc.ID, 10)); res.StatusCode != http.StatusForbidden {
				t.Fatalf("viewer of another ward: status %d body %s", res.StatusCode, res.body)
			}
		})
	})
}
