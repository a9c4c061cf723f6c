package web

import (
	"net/http"
	"slices"

	"tuyengiao"
)

// route is one URL of the application. Every URL is listed in routes(); the OpenAPI document
// and the authorization matrix test are generated from the same list.
type route struct {
	method, pattern string
	summary         string           // English, for the OpenAPI document
	login           bool             // the caller must be logged in
	action          tuyengiao.Action // what the services check for the target unit ("" when none)
	upload          bool             // the body may be a file (larger limit)
	maxBody         int64            // the limit of an upload's body, when not maxUploadBytes
	passwordGate    bool             // reachable while the password must still be changed
	handle          func(s *Server, w http.ResponseWriter, r *http.Request) error
	api             *apiDoc // request and response of an /api/v1 route
}

func (rt route) isAPI() bool { return len(rt.pattern) > 8 && rt.pattern[:8] == "/api/v1/" }

// h adapts a method expression to the route's handler type.
func h(f func(*Server, http.ResponseWriter, *http.Request) error) func(*Server, http.ResponseWriter, *http.Request) error {
	return f
}

// Short names of the actions, to keep the route table readable.
const (
	uv = tuyengiao.ActionUnitView
	ue = tuyengiao.ActionUnitEdit
	km = tuyengiao.ActionKindManage
	pv = tuyengiao.ActionPersonView
	pe = tuyengiao.ActionPersonEdit
	av = tuyengiao.ActionAccountView
	ae = tuyengiao.ActionAccountEdit
	au = tuyengiao.ActionAuditView
	de = tuyengiao.ActionDocumentEdit
	ce = tuyengiao.ActionCampaignEdit
	te = tuyengiao.ActionAttendanceEdit
	er = tuyengiao.ActionEssayReview
	vm = tuyengiao.ActionVocabularyManage
	fe = tuyengiao.ActionFigureEdit
	im = tuyengiao.ActionIndicatorManage
	re = tuyengiao.ActionReportEnter
	rd = tuyengiao.ActionReportEdit
	rs = tuyengiao.ActionReportSign
	rt = tuyengiao.ActionReportTemplate
	rw = tuyengiao.ActionRecordEdit
	cx = tuyengiao.ActionContestEdit
)

// routes lists every URL of the application: the pages, then the JSON API; each with those
// of the declared kinds of record; then the contests' pages for their organisers and for the
// public.
func routes() []route {
	return slices.Concat(pageRoutes(), recordPageRoutes(), apiRoutes(), recordAPIRoutes(), contestRoutes(), contestPublicRoutes())
}

func pageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/healthz", handle: h((*Server).healthz)},
		{method: "GET", pattern: "/metrics", handle: h((*Server).serveMetrics)},
		{method: "GET", pattern: "/licenses", handle: h((*Server).licenses)},
		{method: "GET", pattern: "/{$}", login: true, handle: h((*Server).home)},
		{method: "GET", pattern: "/login", passwordGate: true, handle: h((*Server).loginPage)},
		{method: "POST", pattern: "/login", passwordGate: true, handle: h((*Server).loginSubmit)},
		{method: "POST", pattern: "/logout", passwordGate: true, handle: h((*Server).logout)},
		{method: "GET", pattern: "/password", login: true, passwordGate: true, handle: h((*Server).passwordPage)},
		{method: "POST", pattern: "/password", login: true, passwordGate: true, handle: h((*Server).passwordSubmit)},
		{method: "POST", pattern: "/lang", passwordGate: true, handle: h((*Server).setLang)},

		{method: "GET", pattern: "/units", login: true, action: uv, handle: h((*Server).unitsPage)},
		{method: "GET", pattern: "/units/new", login: true, action: ue, handle: h((*Server).unitNewPage)},
		{method: "POST", pattern: "/units", login: true, action: ue, handle: h((*Server).unitCreate)},
		{method: "GET", pattern: "/units/{id}", login: true, action: uv, handle: h((*Server).unitPage)},
		{method: "POST", pattern: "/units/{id}", login: true, action: ue, handle: h((*Server).unitUpdate)},
		{method: "POST", pattern: "/units/{id}/move", login: true, action: ue, handle: h((*Server).unitMove)},
		{method: "POST", pattern: "/units/{id}/close", login: true, action: ue, handle: h((*Server).unitClose)},
		{method: "POST", pattern: "/units/{id}/reopen", login: true, action: ue, handle: h((*Server).unitReopen)},
		{method: "GET", pattern: "/kinds", login: true, handle: h((*Server).kindsPage)},
		{method: "POST", pattern: "/kinds", login: true, action: km, handle: h((*Server).kindCreate)},

		{method: "GET", pattern: "/people", login: true, action: pv, handle: h((*Server).peoplePage)},
		{method: "GET", pattern: "/people/new", login: true, action: pe, handle: h((*Server).personNewPage)},
		{method: "POST", pattern: "/people", login: true, action: pe, handle: h((*Server).personCreate)},
		{method: "GET", pattern: "/people/{id}", login: true, action: pv, handle: h((*Server).personPage)},
		{method: "POST", pattern: "/people/{id}", login: true, action: pe, handle: h((*Server).personUpdate)},
		{method: "POST", pattern: "/people/{id}/status", login: true, action: pe, handle: h((*Server).personStatus)},
		{method: "GET", pattern: "/people/import", login: true, action: pe, handle: h((*Server).importPage)},
		{method: "POST", pattern: "/people/import", login: true, action: pe, upload: true, handle: h((*Server).importUpload)},
		{method: "POST", pattern: "/people/import/{upload}/commit", login: true, action: pe, handle: h((*Server).importCommit)},
		{method: "GET", pattern: "/people/import/{upload}/errors.xlsx", login: true, action: pe, handle: h((*Server).importBadRows)},
		{method: "GET", pattern: "/people/template.xlsx", login: true, handle: h((*Server).peopleTemplate)},
		{method: "GET", pattern: "/people/export.xlsx", login: true, action: pv, handle: h((*Server).peopleExport)},

		{method: "GET", pattern: "/accounts", login: true, action: av, handle: h((*Server).accountsPage)},
		{method: "GET", pattern: "/accounts/new", login: true, action: ae, handle: h((*Server).accountNewPage)},
		{method: "POST", pattern: "/accounts", login: true, action: ae, handle: h((*Server).accountCreate)},
		{method: "GET", pattern: "/accounts/{id}", login: true, action: av, handle: h((*Server).accountPage)},
		{method: "POST", pattern: "/accounts/{id}", login: true, action: ae, handle: h((*Server).accountUpdate)},
		{method: "POST", pattern: "/accounts/{id}/grants", login: true, action: ae, handle: h((*Server).accountGrant)},
		{method: "POST", pattern: "/accounts/{id}/grants/{grant}/delete", login: true, action: ae, handle: h((*Server).accountRevoke)},
		{method: "POST", pattern: "/accounts/{id}/disable", login: true, action: ae, handle: h((*Server).accountDisable)},
		{method: "POST", pattern: "/accounts/{id}/enable", login: true, action: ae, handle: h((*Server).accountEnable)},
		{method: "POST", pattern: "/accounts/{id}/password", login: true, action: ae, handle: h((*Server).accountResetPassword)},

		{method: "GET", pattern: "/documents", login: true, handle: h((*Server).documentsPage)},
		{method: "GET", pattern: "/documents/new", login: true, action: de, handle: h((*Server).documentNewPage)},
		{method: "POST", pattern: "/documents", login: true, action: de, handle: h((*Server).documentCreate)},
		{method: "GET", pattern: "/documents/{id}", login: true, handle: h((*Server).documentPage)},
		{method: "POST", pattern: "/documents/{id}", login: true, action: de, handle: h((*Server).documentUpdate)},
		{method: "POST", pattern: "/documents/{id}/files", login: true, action: de, upload: true, maxBody: maxDocumentFileBytes, handle: h((*Server).documentFileUpload)},
		{method: "GET", pattern: "/documents/files/{file}", login: true, handle: h((*Server).documentFileDownload)},
		{method: "POST", pattern: "/documents/{id}/relations", login: true, action: de, handle: h((*Server).documentRelate)},
		{method: "POST", pattern: "/documents/{id}/relations/delete", login: true, action: de, handle: h((*Server).documentUnrelate)},
		{method: "GET", pattern: "/vocabulary", login: true, handle: h((*Server).vocabularyPage)},
		{method: "POST", pattern: "/vocabulary/types", login: true, action: vm, handle: h((*Server).documentTypeCreate)},
		{method: "POST", pattern: "/vocabulary/issuers", login: true, action: vm, handle: h((*Server).documentIssuerCreate)},
		{method: "POST", pattern: "/vocabulary/issuers/unit-kinds", login: true, action: vm, handle: h((*Server).documentIssuerUnitKinds)},

		// The member's own study, essays and check-in: the services check that the caller is
		// the person; the essays of a unit: the services check the exact-unit rule of
		// tuyengiao.AuthorizeEssay besides the action.
		{method: "GET", pattern: "/me/study", login: true, handle: h((*Server).memberStudy)},
		{method: "GET", pattern: "/me/essays/{campaign}", login: true, handle: h((*Server).myEssayPage)},
		{method: "POST", pattern: "/me/essays/{campaign}", login: true, upload: true, maxBody: maxEssayBodyBytes, handle: h((*Server).myEssaySubmit)},
		{method: "GET", pattern: "/checkin/{conference}", login: true, handle: h((*Server).checkinPage)},
		{method: "POST", pattern: "/checkin/{conference}", login: true, handle: h((*Server).checkinSubmit)},
		{method: "GET", pattern: "/campaigns/{id}/essays", login: true, action: uv, handle: h((*Server).campaignEssaysPage)},
		{method: "GET", pattern: "/essays/{id}", login: true, handle: h((*Server).essayPage)},
		{method: "POST", pattern: "/essays/{id}/review", login: true, action: er, handle: h((*Server).essayReview)},
		{method: "GET", pattern: "/essays/{id}/file", login: true, handle: h((*Server).essayFileDownload)},

		{method: "GET", pattern: "/campaigns", login: true, action: uv, handle: h((*Server).campaignsPage)},
		{method: "GET", pattern: "/campaigns/new", login: true, action: ce, handle: h((*Server).campaignNewPage)},
		{method: "POST", pattern: "/campaigns", login: true, action: ce, handle: h((*Server).campaignCreate)},
		{method: "GET", pattern: "/campaigns/{id}", login: true, action: uv, handle: h((*Server).campaignPage)},
		{method: "GET", pattern: "/campaigns/{id}/edit", login: true, action: ce, handle: h((*Server).campaignEditPage)},
		{method: "POST", pattern: "/campaigns/{id}", login: true, action: ce, handle: h((*Server).campaignUpdate)},
		{method: "GET", pattern: "/campaigns/{id}/export.xlsx", login: true, action: uv, handle: h((*Server).campaignExport)},
		{method: "GET", pattern: "/campaigns/{id}/not-attended", login: true, action: pv, handle: h((*Server).notAttendedPage)},
		{method: "GET", pattern: "/campaigns/{id}/not-attended.xlsx", login: true, action: pv, handle: h((*Server).notAttendedExport)},
		{method: "GET", pattern: "/campaigns/{id}/conferences/new", login: true, action: ce, handle: h((*Server).conferenceNewPage)},
		{method: "GET", pattern: "/conferences", login: true, action: uv, handle: h((*Server).conferencesPage)},
		{method: "GET", pattern: "/conferences/attended", login: true, action: pv, handle: h((*Server).attendedPage)},
		{method: "POST", pattern: "/conferences", login: true, action: ce, maxBody: maxConferenceBytes, handle: h((*Server).conferenceCreate)},
		{method: "GET", pattern: "/conferences/{id}", login: true, action: uv, handle: h((*Server).conferencePage)},
		{method: "GET", pattern: "/conferences/{id}/edit", login: true, action: ce, handle: h((*Server).conferenceEditPage)},
		{method: "POST", pattern: "/conferences/{id}", login: true, action: ce, maxBody: maxConferenceBytes, handle: h((*Server).conferenceUpdate)},
		{method: "GET", pattern: "/conferences/{id}/bridge-points.xlsx", login: true, action: ce, handle: h((*Server).bridgeTemplate)},
		{method: "GET", pattern: "/conferences/{id}/bridge-points/import", login: true, action: ce, handle: h((*Server).bridgeImportPage)},
		{method: "POST", pattern: "/conferences/{id}/bridge-points/import", login: true, action: ce, upload: true, handle: h((*Server).bridgeImportUpload)},
		{method: "POST", pattern: "/conferences/{id}/bridge-points/import/{upload}/commit", login: true, action: ce, handle: h((*Server).bridgeImportCommit)},
		{method: "GET", pattern: "/people/suggest", login: true, action: pv, handle: h((*Server).peopleSuggest)},
		{method: "GET", pattern: "/conferences/{id}/qr.png", login: true, action: te, handle: h((*Server).conferenceQR)},
		{method: "GET", pattern: "/conferences/{id}/roster", login: true, action: pv, handle: h((*Server).rosterPage)},
		{method: "POST", pattern: "/conferences/{id}/roster", login: true, action: te, handle: h((*Server).rosterSubmit)},
		{method: "POST", pattern: "/bridge-points/{id}/headcount", login: true, action: te, handle: h((*Server).headcountSubmit)},

		// Reporting from the units: the form of a unit and the rates of the units below.
		{method: "GET", pattern: "/reporting", login: true, handle: h((*Server).reportingPage)},
		{method: "POST", pattern: "/reporting/indicators", login: true, action: im, handle: h((*Server).reportedIndicatorCreate)},
		{method: "POST", pattern: "/reporting/indicators/{code}", login: true, action: im, handle: h((*Server).reportedIndicatorUpdate)},
		{method: "POST", pattern: "/reporting/data-sets", login: true, action: im, handle: h((*Server).dataSetCreate)},
		{method: "POST", pattern: "/reporting/data-sets/{id}", login: true, action: im, handle: h((*Server).dataSetUpdate)},
		{method: "GET", pattern: "/reporting/data-sets/{id}/units/{unit}", login: true, action: uv, handle: h((*Server).reportFormPage)},
		{method: "POST", pattern: "/reporting/data-sets/{id}/units/{unit}", login: true, action: re, handle: h((*Server).reportFormSubmit)},
		{method: "POST", pattern: "/reporting/data-sets/{id}/units/{unit}/reopen", login: true, action: re, handle: h((*Server).reportReopen)},
		{method: "GET", pattern: "/reporting/data-sets/{id}/completeness", login: true, action: uv, handle: h((*Server).completenessPage)},
		{method: "GET", pattern: "/reporting/data-sets/{id}/template.xlsx", login: true, action: uv, handle: h((*Server).reportTemplate)},
		{method: "POST", pattern: "/reporting/data-sets/{id}/import", login: true, action: re, upload: true, handle: h((*Server).reportImportUpload)},
		{method: "POST", pattern: "/reporting/data-sets/{id}/import/{upload}/commit", login: true, action: re, handle: h((*Server).reportImportCommit)},
		{method: "GET", pattern: "/figures", login: true, action: uv, handle: h((*Server).figuresPage)},
		{method: "GET", pattern: "/figures/export.xlsx", login: true, action: uv, handle: h((*Server).figuresExport)},
		{method: "GET", pattern: "/dashboard", login: true, action: uv, handle: h((*Server).dashboardPage)},

		// The six-month and annual reports: drafted, edited, refreshed and submitted by the
		// unit's editors, finalised by its signers, read by whoever views the unit.
		{method: "GET", pattern: "/reports", login: true, action: uv, handle: h((*Server).reportsPage)},
		{method: "POST", pattern: "/reports", login: true, action: rd, handle: h((*Server).reportDraft)},
		{method: "GET", pattern: "/reports/{id}", login: true, action: uv, handle: h((*Server).reportPage)},
		{method: "POST", pattern: "/reports/{id}", login: true, action: rd, handle: h((*Server).reportSave)},
		{method: "GET", pattern: "/reports/{id}/edit", login: true, action: rd, handle: h((*Server).reportEditPage)},
		{method: "GET", pattern: "/reports/{id}/versions", login: true, action: uv, handle: h((*Server).reportVersionsPage)},
		{method: "POST", pattern: "/reports/{id}/refresh", login: true, action: rd, handle: h((*Server).reportRefresh)},
		{method: "GET", pattern: "/reports/{id}/finalise", login: true, action: rs, handle: h((*Server).reportSignPage)},
		{method: "POST", pattern: "/reports/{id}/finalise", login: true, action: rs, handle: h((*Server).reportFinalise)},
		{method: "POST", pattern: "/reports/{id}/submit", login: true, action: rd, handle: h((*Server).reportSubmit)},
		{method: "GET", pattern: "/reports/{id}/report.docx", login: true, action: uv, handle: h((*Server).reportDOCX)},
		{method: "GET", pattern: "/reports/{id}/report.pdf", login: true, action: uv, handle: h((*Server).reportPDF)},
		{method: "GET", pattern: "/reports/{id}/report.xlsx", login: true, action: uv, handle: h((*Server).reportXLSX)},
		{method: "GET", pattern: "/report-templates", login: true, handle: h((*Server).reportTemplatesPage)},
		{method: "GET", pattern: "/report-templates/{id}", login: true, handle: h((*Server).reportTemplatePage)},
		{method: "POST", pattern: "/report-templates/{id}", login: true, action: rt, handle: h((*Server).reportTemplateSave)},
		{method: "GET", pattern: "/units/{id}/signers", login: true, action: av, handle: h((*Server).signersPage)},
		{method: "POST", pattern: "/units/{id}/signers", login: true, action: ae, handle: h((*Server).signersSave)},

		{method: "GET", pattern: "/audit", login: true, action: au, handle: h((*Server).auditPage)},

		{method: "GET", pattern: "/targets", login: true, action: uv, handle: h((*Server).targetsPage)},
		{method: "POST", pattern: "/targets", login: true, action: fe, handle: h((*Server).targetsSubmit)},
		{method: "GET", pattern: "/quality", login: true, action: uv, handle: h((*Server).qualityPage)},
		{method: "POST", pattern: "/quality/confirm", login: true, action: fe, handle: h((*Server).qualityConfirm)},
		{method: "GET", pattern: "/quality/rules", login: true, handle: h((*Server).rulesPage)},
		{method: "POST", pattern: "/quality/rules", login: true, action: im, handle: h((*Server).ruleCreate)},
		{method: "POST", pattern: "/quality/rules/{id}/delete", login: true, action: im, handle: h((*Server).ruleDelete)},
	}
}

// recordPageRoutes lists the pages of the records: the kinds by area, then the same pages
// for every declared kind at /records/<kind code>, so that a kind declared later gets them
// with no change here. A kind's fields must not be named unit, unit_code, from, to, q, page,
// offset, limit or version, which the pages' forms and filters use.
func recordPageRoutes() []route {
	out := []route{{method: "GET", pattern: "/records", login: true, action: uv, handle: h((*Server).recordsPage)}}
	for _, k := range tuyengiao.RecordKinds() {
		base := "/records/" + k.Code
		out = append(out,
			route{method: "GET", pattern: base, login: true, action: uv, handle: withKind(k, (*Server).recordListPage)},
			route{method: "GET", pattern: base + "/new", login: true, action: rw, handle: withKind(k, (*Server).recordNewPage)},
			route{method: "POST", pattern: base, login: true, action: rw, handle: withKind(k, (*Server).recordCreate)},
			route{method: "GET", pattern: base + "/{id}", login: true, action: uv, handle: withKind(k, (*Server).recordPage)},
			route{method: "GET", pattern: base + "/{id}/edit", login: true, action: rw, handle: withKind(k, (*Server).recordEditPage)},
			route{method: "POST", pattern: base + "/{id}", login: true, action: rw, handle: withKind(k, (*Server).recordUpdate)},
			route{method: "POST", pattern: base + "/{id}/delete", login: true, action: rw, handle: withKind(k, (*Server).recordDelete)},
			route{method: "GET", pattern: base + "/export.xlsx", login: true, action: uv, handle: withKind(k, (*Server).recordExport)},
			route{method: "GET", pattern: base + "/template.xlsx", login: true, handle: withKind(k, (*Server).recordTemplate)},
			route{method: "GET", pattern: base + "/import", login: true, action: rw, handle: withKind(k, (*Server).recordImportPage)},
			route{method: "POST", pattern: base + "/import", login: true, action: rw, upload: true, handle: withKind(k, (*Server).recordImportUpload)},
			route{method: "POST", pattern: base + "/import/{upload}/commit", login: true, action: rw, handle: withKind(k, (*Server).recordImportCommit)},
			route{method: "POST", pattern: base + "/{id}/notes", login: true, action: rw, upload: true, maxBody: maxRecordNoteBodyBytes, handle: withKind(k, (*Server).recordNoteCreate)},
			route{method: "GET", pattern: base + "/{id}/notes/{note}/file", login: true, action: uv, handle: withKind(k, (*Server).recordNoteFile)},
			route{method: "POST", pattern: base + "/{id}/notes/{note}/delete", login: true, action: rw, handle: withKind(k, (*Server).recordNoteDelete)},
		)
		if k.HandDown != nil {
			out = append(out, route{method: "POST", pattern: base + "/{id}/hand-down", login: true, action: rw,
				handle: withKind(k, (*Server).recordHandDown)})
		}
	}
	return out
}

// RouteInfo describes a route for tests and documentation: its method, its pattern, whether
// it needs a login, the action the services check for its target unit, and whether it reads
// a JSON body.
type RouteInfo struct {
	Method, Pattern string
	Login           bool
	Action          tuyengiao.Action
	JSONBody        bool
}

// Routes lists every route of the application.
func Routes() []RouteInfo {
	var out []RouteInfo
	for _, rt := range routes() {
		jsonBody := rt.api != nil && rt.api.req != "" && rt.api.req != "multipart"
		out = append(out, RouteInfo{Method: rt.method, Pattern: rt.pattern, Login: rt.login, Action: rt.action, JSONBody: jsonBody})
	}
	return out
}
