package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

func init() { maps.Copy(matrix, reportMatrix) }

// reportTemplate returns the first template, which units draft from by default.
func (f *fixture) reportTemplate() *tuyengiao.ReportTemplate {
	ts, err := f.a.reports.Templates(f.a.admin())
	if err != nil || len(ts) == 0 {
		f.a.t.Fatalf("templates: %v %d", err, len(ts))
	}
	return &ts[0]
}

// Report returns a fresh draft of the fresh unit for the first half of 2026, stored as it is
// without counting its figures: the matrix asks who may reach a report, which its figures do
// not change, and drafting one per case was a fifth of its time.
func (f *fixture) Report() *tuyengiao.Report {
	r := &tuyengiao.Report{UnitID: f.Unit().ID, TemplateID: f.reportTemplate().ID, Period: tuyengiao.HalfPeriod(2026, 1),
		Subject: "Sơ kết công tác tuyên giáo 6 tháng đầu năm 2026", Sections: []tuyengiao.ReportSection{{Title: "I. Tình hình chung"}}}
	if err := f.a.db.ReportStore().CreateReport(f.a.admin(), r); err != nil {
		f.a.t.Fatal(err)
	}
	return r
}

// Final returns a fresh report of the fresh unit, signed today.
func (f *fixture) Final() *tuyengiao.Report {
	r := f.Report()
	r, err := f.a.reports.Finalise(f.a.admin(), r.ID, tuyengiao.ReportSigning{Version: r.Version,
		Number: f.code("") + "-BC/CB", SignedOn: tuyengiao.DateOf(f.a.db.Now()), Signer: "Nguyễn Văn An"})
	if err != nil {
		f.a.t.Fatal(err)
	}
	return r
}

// reportForm is the edit form of a report filled with its text as it is.
func reportForm(r *tuyengiao.Report) url.Values {
	v := url.Values{"version": {fmt.Sprint(r.Version)}, "subject": {r.Subject}}
	addSections(v, r.Sections)
	addSigning(v, r.ReportSigningPart)
	return v
}

// templateForm is the form of a template filled as it is, sent to be saved.
func templateForm(t *tuyengiao.ReportTemplate) url.Values {
	v := url.Values{"code": {t.Code}, "name": {t.Name}, "period_kind": {string(t.PeriodKind)}, "subject": {t.Subject}, "op": {"save"}}
	addSections(v, t.Sections)
	addSigning(v, t.Signing)
	return v
}

func addSections(v url.Values, secs []tuyengiao.ReportSection) {
	for _, s := range secs {
		v.Add("section_title", s.Title)
		v.Add("section_text", s.Text)
		v.Add("section_table", strings.Join(s.Table, ","))
		v.Add("section_chart", s.Chart)
	}
}

func addSigning(v url.Values, s tuyengiao.ReportSigningPart) {
	v.Set("superior", s.Superior)
	v.Set("issuer", s.Issuer)
	v.Set("sign_for", s.SignFor)
	v.Set("signer_title", s.SignerTitle)
	v.Set("signer", s.Signer)
	v.Set("place", s.Place)
	v.Set("recipients", strings.Join(s.Recipients, "\n"))
}

// reportEdit is the API's edit of a report with its text as it is.
func reportEdit(r *tuyengiao.Report) tuyengiao.ReportEdit {
	return tuyengiao.ReportEdit{Version: r.Version, Subject: r.Subject, Sections: r.Sections, ReportSigningPart: r.ReportSigningPart}
}

// reportMatrix holds the routes of the reports in the authorization matrix: reading is
// viewing the unit; drafting, editing, refreshing and submitting ActionReportEdit;
// finalising ActionReportSign (the unit names no signers here: TestReportSigners tests named
// ones); templates ActionReportTemplate, which no unit grant gives.
var reportMatrix = map[string]func(f *fixture) *matrixReq{
	"GET /reports": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/reports?unit=" + id(f.Unit().ID)}
	},
	"POST /reports": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/reports", form: url.Values{"unit": {id(f.Unit().ID)},
			"template_id": {id(f.reportTemplate().ID)}, "draft_period": {"2026-H1"}}}
	},
	"GET /reports/{id}": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/reports/" + id(f.Report().ID)} },
	"POST /reports/{id}": func(f *fixture) *matrixReq {
		r := f.Report()
		return &matrixReq{method: "POST", path: "/reports/" + id(r.ID), form: reportForm(r)}
	},
	"GET /reports/{id}/edit": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/reports/" + id(f.Report().ID) + "/edit"}
	},
	"GET /reports/{id}/versions": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/reports/" + id(f.Report().ID) + "/versions"}
	},
	"POST /reports/{id}/refresh": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/reports/" + id(f.Report().ID) + "/refresh", form: url.Values{"version": {"1"}}}
	},
	"GET /reports/{id}/finalise": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/reports/" + id(f.Report().ID) + "/finalise"}
	},
	"POST /reports/{id}/finalise": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/reports/" + id(f.Report().ID) + "/finalise", form: url.Values{"version": {"1"},
			"number": {f.code("") + "-BC/CB"}, "signed_on": {f.a.db.Now().In(vn.Zone).Format("02/01/2006")}, "signer": {"Nguyễn Văn An"}}}
	},
	"POST /reports/{id}/submit": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/reports/" + id(f.Final().ID) + "/submit", form: url.Values{}}
	},
	"GET /reports/{id}/report.docx": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/reports/" + id(f.Report().ID) + "/report.docx"}
	},
	"GET /reports/{id}/report.pdf": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/reports/" + id(f.Report().ID) + "/report.pdf"}
	},
	"GET /reports/{id}/report.xlsx": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/reports/" + id(f.Report().ID) + "/report.xlsx"}
	},
	// Every account reads the templates; ActionReportTemplate changes them.
	"GET /report-templates": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/report-templates"} },
	"GET /report-templates/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/report-templates/" + id(f.reportTemplate().ID)}
	},
	"POST /report-templates/{id}": func(f *fixture) *matrixReq {
		t := f.reportTemplate()
		return &matrixReq{method: "POST", path: "/report-templates/" + id(t.ID), form: templateForm(t)}
	},
	"GET /units/{id}/signers": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/units/" + id(f.Unit().ID) + "/signers"}
	},
	"POST /units/{id}/signers": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/units/" + id(f.Unit().ID) + "/signers", form: url.Values{"user": {id(f.account.ID)}}}
	},

	"GET /api/v1/reports": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/reports?unit=" + id(f.Report().UnitID)}
	},
	"POST /api/v1/reports": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/reports", json: map[string]any{"unit_id": f.Unit().ID,
			"template_id": f.reportTemplate().ID, "period": "2026-H1"}}
	},
	"GET /api/v1/reports/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/reports/" + id(f.Report().ID)}
	},
	"PUT /api/v1/reports/{id}": func(f *fixture) *matrixReq {
		r := f.Report()
		return &matrixReq{method: "PUT", path: "/api/v1/reports/" + id(r.ID), json: reportEdit(r)}
	},
	"POST /api/v1/reports/{id}/refresh": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/reports/" + id(f.Report().ID) + "/refresh", json: map[string]any{"version": 1}}
	},
	"POST /api/v1/reports/{id}/finalise": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/reports/" + id(f.Report().ID) + "/finalise", json: map[string]any{"version": 1,
			"number": f.code("") + "-BC/CB", "signed_on": f.a.db.Now().In(vn.Zone).Format("2006-01-02"), "signer": "Nguyễn Văn An"}}
	},
	"POST /api/v1/reports/{id}/submit": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/reports/" + id(f.Final().ID) + "/submit"}
	},
	"GET /api/v1/reports/{id}/versions": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/reports/" + id(f.Report().ID) + "/versions"}
	},
	"GET /api/v1/reports/{id}/docx": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/reports/" + id(f.Report().ID) + "/docx"}
	},
	"GET /api/v1/reports/{id}/pdf": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/reports/" + id(f.Report().ID) + "/pdf"}
	},
	"GET /api/v1/reports/{id}/xlsx": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/reports/" + id(f.Report().ID) + "/xlsx"}
	},
	"GET /api/v1/report-submissions": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/report-submissions?unit=" + id(f.Unit().ID) + "&period=2026-H1"}
	},
	"GET /api/v1/report-templates": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: "/api/v1/report-templates"} },
	"POST /api/v1/report-templates": func(f *fixture) *matrixReq {
		return &matrixReq{method: "POST", path: "/api/v1/report-templates", json: map[string]any{"code": f.code("mau-"), "name": "Báo cáo chuyên đề " + f.code(""),
			"subject": "Kết quả {period}", "sections": []map[string]any{{"title": "I. Kết quả", "text": "Tổ chức {study.conferences} hội nghị."}}}}
	},
	"GET /api/v1/report-templates/{id}": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/report-templates/" + id(f.reportTemplate().ID)}
	},
	"PUT /api/v1/report-templates/{id}": func(f *fixture) *matrixReq {
		t := f.reportTemplate()
		return &matrixReq{method: "PUT", path: "/api/v1/report-templates/" + id(t.ID), json: t}
	},
	"GET /api/v1/units/{id}/signers": func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/api/v1/units/" + id(f.Unit().ID) + "/signers"}
	},
	"PUT /api/v1/units/{id}/signers": func(f *fixture) *matrixReq {
		return &matrixReq{method: "PUT", path: "/api/v1/units/" + id(f.Unit().ID) + "/signers", json: map[string]any{"user_ids": []int64{f.account.ID}}}
	},
}

// memberTemplate is a template of one section whose sentence and table name the party
// members, counted from the people recorded.
var memberTemplate = map[string]any{"code": "dang-vien", "name": "Báo cáo đảng viên", "period_kind": "half",
	"subject":  "Tình hình đảng viên {period}",
	"sections": []map[string]any{{"title": "I. Tình hình chung", "text": "Toàn đảng bộ có {people.member} đảng viên.", "table": []string{"people.member"}}}}

// TestReportFigures drafts a report of a district from its people as recorded and checks
// that the same figures come out in the page, the DOCX, the PDF and the XLSX; that an edited
// paragraph survives a refresh that recounts them; and that a signed report keeps its
// figures when the records change, saying beside each what it is now.
func TestReportFigures(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
		d1 := a.unit(city, "Q1", "Quận ủy 1", "quan_uy")
		w1 := a.unit(d1, "Q1P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
		w2 := a.unit(d1, "Q1P2", "Đảng ủy phường Hòa Bình", "dang_uy_phuong")
		for i := range 13 {
			a.person(w1, fmt.Sprintf("Lê Văn Bình %d", i), tuyengiao.CategoryMember)
		}
		for i := range 7 {
			a.person(w2, fmt.Sprintf("Trần Thị Hòa %d", i), tuyengiao.CategoryMember)
		}
		a.user("quan.tri", tuyengiao.RoleSysadmin, nil)
		a.user("cap.nhat.q1", tuyengiao.RoleEditor, d1)
		a.user("quan.tri.q1", tuyengiao.RoleUnitAdmin, d1)
		var tmpl tuyengiao.ReportTemplate
		if res := a.api("quan.tri").json("POST", "/api/v1/report-templates", memberTemplate); res.StatusCode != http.StatusCreated {
			t.Fatalf("template: %d %s", res.StatusCode, res.body)
		} else {
			res.decode(&tmpl)
		}
		half := tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, tuyengiao.DateOf(a.db.Now().In(vn.Zone)))
		editor, api := a.login("cap.nhat.q1"), a.api("cap.nhat.q1")
		res := editor.post("/reports", url.Values{"unit": {id(d1.ID)}, "template_id": {id(tmpl.ID)}, "draft_period": {half.String()}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("draft: %d %s", res.StatusCode, res.message())
		}
		report := strings.TrimSuffix(res.Header.Get("Location"), "?ok=drafted")
		sentence := regexp.MustCompile(`Toàn đảng bộ có <span class="figure"><a href="[^"]*" title="[^"]*">(\d+)</a>`)

		t.Run("the page, the DOCX, the PDF and the XLSX say the same figures", func(t *testing.T) {
			page := editor.get(report)
			if m := sentence.FindStringSubmatch(page.body); m == nil || m[1] != "20" {
				t.Fatalf("the page's sentence: %v", m)
			}
			for _, want := range []string{"<td class=\"num\">13</td>", "<td class=\"num\">7</td>", "<td class=\"num\"><b>20</b></td>"} {
				if !strings.Contains(page.body, want) {
					t.Errorf("the page's table has no %s", want)
				}
			}
			docx := docxText(t, editor.get(report+"/report.docx"))
			mustContain(t, "the DOCX", docx, "Toàn đảng bộ có 20 đảng viên.")
			mustContain(t, "the DOCX's table", docx, "Đảng ủy phường Bình An 13")
			pdf := pdfText(t, editor.get(report+"/report.pdf"))
			mustContain(t, "the PDF", pdf, "Toàn đảng bộ có 20 đảng viên.")
			mustContain(t, "the PDF's table", pdf, "Đảng ủy phường Bình An 13")
			rows := xlsxRows(t, editor.get(report+"/report.xlsx"))
			mustContain(t, "the XLSX", rows, "Đảng ủy phường Bình An|13")
			mustContain(t, "the XLSX", rows, "Đảng ủy phường Hòa Bình|7")
		})

		t.Run("refreshing recounts the figures and keeps an edited paragraph", func(t *testing.T) {
			var r tuyengiao.Report
			api.get("/api/v1" + report).decode(&r)
			r.Sections[0].Text = "Toàn đảng bộ hiện có {people.member} đảng viên, sinh hoạt đều đặn."
			if res := editor.post(report, reportForm(&r)); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("edit: %d %s", res.StatusCode, res.message())
			}
			a.person(w1, "Nguyễn Văn Mới", tuyengiao.CategoryMember)
			if res := editor.post(report+"/refresh", url.Values{"version": {fmt.Sprint(r.Version + 1)}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("refresh: %d %s", res.StatusCode, res.message())
			}
			page := editor.get(report)
			mustContain(t, "the refreshed page", page.body, "Toàn đảng bộ hiện có")
			mustContain(t, "the refreshed page", page.body, ">21</a></span> đảng viên, sinh hoạt đều đặn.")
		})

		t.Run("every saved state is kept and can be read again", func(t *testing.T) {
			versions := editor.get(report + "/versions")
			for _, want := range []string{"Soạn dự thảo", "Sửa nội dung", "Cập nhật số liệu", `href="` + report + `?version=1"`} {
				mustContain(t, "the versions", versions.body, want)
			}
			first := editor.get(report + "?version=1")
			mustContain(t, "the first version", first.body, "Đây là phiên bản")
			mustContain(t, "the first version", first.body, "Toàn đảng bộ có <span")
			if strings.Contains(first.body, `id="edit"`) {
				t.Error("an old version offers to be edited")
			}
		})

		t.Run("a stale edit is refused and keeps what was typed", func(t *testing.T) {
			var r tuyengiao.Report
			api.get("/api/v1" + report).decode(&r)
			form := reportForm(&r)
			form.Set("version", fmt.Sprint(r.Version-1))
			form.Set("subject", "Trích yếu gõ dở")
			res := editor.post(report, form)
			if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "Trích yếu gõ dở") {
				t.Fatalf("stale edit: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("a signed report keeps its figures and says what they are now", func(t *testing.T) {
			admin := a.login("quan.tri.q1")
			var r tuyengiao.Report
			a.api("quan.tri.q1").get("/api/v1" + report).decode(&r)
			res := admin.post(report+"/finalise", url.Values{"version": {fmt.Sprint(r.Version)}, "number": {"12-BC/BTGQU"},
				"signed_on": {a.db.Now().In(vn.Zone).Format("02/01/2006")}, "signer": {"Nguyễn Văn An"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("finalise: %d %s", res.StatusCode, res.message())
			}
			a.person(w2, "Phạm Thị Sau", tuyengiao.CategoryMember)
			page := admin.get(report)
			mustContain(t, "the signed page", page.body, ">21</a> <span class=\"live\">(số liệu hiện nay: 22)</span>")
			mustContain(t, "the signed page", page.body, "Số 12-BC/BTGQU")
			if strings.Contains(page.body, `id="edit"`) || strings.Contains(page.body, `id="refresh"`) {
				t.Error("a signed report still offers to be edited or refreshed")
			}
			mustContain(t, "the signed DOCX", docxText(t, admin.get(report+"/report.docx")), "hiện có 21 đảng viên")
			if res := api.json("PUT", "/api/v1"+report, reportEdit(&r)); res.StatusCode < 400 {
				t.Errorf("a signed report took an edit: %d", res.StatusCode)
			}
		})

		t.Run("the unit above sees who has submitted", func(t *testing.T) {
			if res := editor.post(report+"/submit", url.Values{}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("submit: %d %s", res.StatusCode, res.message())
			}
			page := a.login("quan.tri").get("/reports?unit=" + id(city.ID) + "&template_id=" + id(tmpl.ID) + "&draft_period=" + half.String())
			mustContain(t, "the city's page", page.body, `<b id="submitted">1</b>/1`)
			mustContain(t, "the city's page", page.body, `href="`+report+`">Đã gửi cấp trên</a>`)
		})
	})
}

// TestReportSigners checks that the accounts a unit names to sign its reports replace its
// unit administrators: an editor named signs, the unit administrator no longer may, and the
// page offers the signing to the one who may only.
func TestReportSigners(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
		d1 := a.unit(city, "Q1", "Quận ủy 1", "quan_uy")
		signer := a.user("truong.ban", tuyengiao.RoleEditor, d1)
		a.user("quan.tri.q1", tuyengiao.RoleUnitAdmin, d1)
		admin := a.login("quan.tri.q1")
		if res := admin.post("/units/"+id(d1.ID)+"/signers", url.Values{"user": {id(signer.ID)}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("signers: %d %s", res.StatusCode, res.message())
		}
		f := &fixture{a: a, target: d1, n: 1}
		f.unit = d1
		r := f.Report()
		report := "/reports/" + id(r.ID)
		form := url.Values{"version": {fmt.Sprint(r.Version)}, "number": {"3-BC/BTGQU"}, "signed_on": {a.db.Now().In(vn.Zone).Format("02/01/2006")}}

		if strings.Contains(admin.get(report).body, `id="finalise"`) {
			t.Error("the page offers the signing to a unit administrator when the unit names its signers")
		}
		if res := admin.post(report+"/finalise", form); res.StatusCode != http.StatusForbidden {
			t.Errorf("the unit administrator signs: %d %s", res.StatusCode, res.message())
		}
		page := a.login("truong.ban")
		if !strings.Contains(page.get(report).body, `id="finalise"`) {
			t.Error("the page does not offer the signing to the signer named")
		}
		if res := page.post(report+"/finalise", form); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the signer named cannot sign: %d %s", res.StatusCode, res.message())
		}
	})
}

// docxText returns the text of a DOCX answer's body: its runs joined, a space between
// paragraphs (and between the cells of a table).
func docxText(t *testing.T, res *response) string {
	t.Helper()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("docx: %d %s", res.StatusCode, res.message())
	}
	zr, err := zip.NewReader(strings.NewReader(res.body), int64(len(res.body)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	var out strings.Builder
	for _, m := range regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>|</w:p>`).FindAllStringSubmatch(string(b), -1) {
		if m[0] == "</w:p>" {
			out.WriteString(" ")
		}
		out.WriteString(m[1])
	}
	return vn.NFC(out.String())
}

// pdfText returns the text pdftotext reads in a PDF answer.
func pdfText(t *testing.T, res *response) string {
	t.Helper()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.body, "%PDF") {
		t.Fatalf("pdf: %d %s", res.StatusCode, res.message())
	}
	path := filepath.Join(t.TempDir(), "bao-cao.pdf")
	if err := os.WriteFile(path, []byte(res.body), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils): %v", err)
	}
	// Justified lines space their words out: one space stands for any run of them.
	return regexp.MustCompile(` {2,}`).ReplaceAllString(vn.NFC(string(out)), " ")
}

// xlsxRows returns the rows of every sheet of an XLSX answer, a line each, cells joined by |.
func xlsxRows(t *testing.T, res *response) string {
	t.Helper()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("xlsx: %d %s", res.StatusCode, res.message())
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(res.body)))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	return out.String()
}

// TestReportTemplateForm edits a template on its page as a system administrator: a section
// added is shown to fill in without saving anything, and saving keeps the change.
func TestReportTemplateForm(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		a.user("quan.tri", tuyengiao.RoleSysadmin, nil)
		page := a.login("quan.tri")
		tmpl := (&fixture{a: a}).reportTemplate()
		path := "/report-templates/" + id(tmpl.ID)
		form := templateForm(tmpl)
		form.Set("op", "add")
		res := page.post(path, form)
		if got := strings.Count(res.body, `<fieldset class="section">`); res.StatusCode != http.StatusOK || got != len(tmpl.Sections)+1 {
			t.Fatalf("add: %d, %d sections shown, want %d", res.StatusCode, got, len(tmpl.Sections)+1)
		}
		if got := (&fixture{a: a}).reportTemplate(); len(got.Sections) != len(tmpl.Sections) {
			t.Errorf("adding a section to the form saved it: %d sections", len(got.Sections))
		}
		form.Set("op", "save")
		form.Set("name", "Báo cáo sơ kết 6 tháng (mẫu mới)")
		if res := page.post(path, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d %s", res.StatusCode, res.message())
		}
		if got := (&fixture{a: a}).reportTemplate(); got.Name != "Báo cáo sơ kết 6 tháng (mẫu mới)" {
			t.Errorf("the template is named %q after saving", got.Name)
		}
	})
}
