package web

import (
	"net/http"

	"tuyengiao"
)

// apiRoutes lists the JSON API. Each route names its request and response schemas (keys of
// schemas in openapi.go) and its query parameters, for the OpenAPI document.
func apiRoutes() []route {
	unitQ := []string{"root", "parent", "q", "kind", "closed", "offset", "limit"}
	personQ := []string{"root", "q", "category", "status", "offset", "limit"}
	documentQ := []string{"q", "type", "issuer", "field", "year", "issuing_root", "from", "to", "offset", "limit"}
	return []route{
		{method: "GET", pattern: "/api/v1/openapi.json", summary: "This OpenAPI document", handle: h((*Server).openAPI), api: &apiDoc{resp: "object"}},
		{method: "POST", pattern: "/api/v1/auth/login", summary: "Log in and get a Bearer token", passwordGate: true, handle: h((*Server).apiLogin), api: &apiDoc{req: "LoginRequest", resp: "Token"}},
		{method: "POST", pattern: "/api/v1/auth/logout", summary: "Revoke the Bearer token of this request", login: true, passwordGate: true, handle: h((*Server).apiLogout), api: &apiDoc{}},
		{method: "POST", pattern: "/api/v1/auth/password", summary: "Change the caller's own password", login: true, passwordGate: true, handle: h((*Server).apiPassword), api: &apiDoc{req: "PasswordChange"}},
		{method: "GET", pattern: "/api/v1/me", summary: "The caller's account and grants", login: true, handle: h((*Server).apiMe), api: &apiDoc{resp: "Me"}},

		{method: "GET", pattern: "/api/v1/units", summary: "List units in tree order", login: true, action: uv, handle: h((*Server).apiUnits), api: &apiDoc{resp: "UnitList", query: unitQ}},
		{method: "POST", pattern: "/api/v1/units", summary: "Create a unit", login: true, action: ue, handle: h((*Server).apiUnitCreate), api: &apiDoc{req: "UnitInput", resp: "Unit", created: true}},
		{method: "GET", pattern: "/api/v1/units/{id}", summary: "Get a unit", login: true, action: uv, handle: h((*Server).apiUnit), api: &apiDoc{resp: "Unit"}},
		{method: "PATCH", pattern: "/api/v1/units/{id}", summary: "Change a unit's code, name, kind or order", login: true, action: ue, handle: h((*Server).apiUnitUpdate), api: &apiDoc{req: "UnitUpdate", resp: "Unit"}},
		{method: "POST", pattern: "/api/v1/units/{id}/move", summary: "Move a unit and its subtree", login: true, action: ue, handle: h((*Server).apiUnitMove), api: &apiDoc{req: "UnitMove", resp: "Unit"}},
		{method: "POST", pattern: "/api/v1/units/{id}/close", summary: "Close a unit and its subtree", login: true, action: ue, handle: h((*Server).apiUnitClose), api: &apiDoc{resp: "Unit"}},
		{method: "POST", pattern: "/api/v1/units/{id}/reopen", summary: "Reopen a closed unit", login: true, action: ue, handle: h((*Server).apiUnitReopen), api: &apiDoc{resp: "Unit"}},
		{method: "GET", pattern: "/api/v1/units/{id}/counts", summary: "People per category for each unit of the subtree, rolled up", login: true, action: uv, handle: h((*Server).apiUnitCounts), api: &apiDoc{resp: "UnitCounts", query: []string{"as_of", "depth"}}},
		{method: "GET", pattern: "/api/v1/unit-kinds", summary: "List unit kinds", login: true, handle: h((*Server).apiKinds), api: &apiDoc{resp: "UnitKindList"}},
		{method: "POST", pattern: "/api/v1/unit-kinds", summary: "Add a unit kind", login: true, action: km, handle: h((*Server).apiKindCreate), api: &apiDoc{req: "UnitKind", resp: "UnitKind", created: true}},

		{method: "GET", pattern: "/api/v1/people", summary: "List people (audited)", login: true, action: pv, handle: h((*Server).apiPeople), api: &apiDoc{resp: "PersonList", query: personQ}},
		{method: "POST", pattern: "/api/v1/people", summary: "Create a person", login: true, action: pe, handle: h((*Server).apiPersonCreate), api: &apiDoc{req: "Person", resp: "Person", created: true}},
		{method: "GET", pattern: "/api/v1/people/{id}", summary: "Get a person (audited)", login: true, action: pv, handle: h((*Server).apiPerson), api: &apiDoc{resp: "Person"}},
		{method: "PATCH", pattern: "/api/v1/people/{id}", summary: "Change a person", login: true, action: pe, handle: h((*Server).apiPersonUpdate), api: &apiDoc{req: "PersonUpdate", resp: "Person"}},
		{method: "POST", pattern: "/api/v1/people/{id}/status", summary: "Record a change of status from a date on", login: true, action: pe, handle: h((*Server).apiPersonStatus), api: &apiDoc{req: "StatusChange", resp: "Person"}},
		{method: "POST", pattern: "/api/v1/people/import", summary: "Check (and with commit=true import) a people spreadsheet, all or nothing; likely duplicates not kept (exact repeats, party cards already held, rows in drop) are dropped, counted in dropped", login: true, action: pe, upload: true, handle: h((*Server).apiPeopleImport), api: &apiDoc{req: "multipart", resp: "ImportResult", query: []string{"root", "commit", "keep", "drop"}}},
		{method: "GET", pattern: "/api/v1/people/export", summary: "Export people as XLSX (audited)", login: true, action: pv, handle: h((*Server).peopleExport), api: &apiDoc{resp: "xlsx", query: personQ}},

		{method: "GET", pattern: "/api/v1/users", summary: "List accounts", login: true, action: av, handle: h((*Server).apiUsers), api: &apiDoc{resp: "UserList", query: []string{"root", "q", "offset", "limit"}}},
		{method: "POST", pattern: "/api/v1/users", summary: "Create an account with its grants", login: true, action: ae, handle: h((*Server).apiUserCreate), api: &apiDoc{req: "UserInput", resp: "User", created: true}},
		{method: "GET", pattern: "/api/v1/users/{id}", summary: "Get an account", login: true, action: av, handle: h((*Server).apiUser), api: &apiDoc{resp: "User"}},
		{method: "PATCH", pattern: "/api/v1/users/{id}", summary: "Change an account's name or person", login: true, action: ae, handle: h((*Server).apiUserUpdate), api: &apiDoc{req: "UserUpdate", resp: "User"}},
		{method: "POST", pattern: "/api/v1/users/{id}/grants", summary: "Grant a role at a unit", login: true, action: ae, handle: h((*Server).apiGrantAdd), api: &apiDoc{req: "GrantInput", resp: "Grant", created: true}},
		{method: "DELETE", pattern: "/api/v1/users/{id}/grants/{grant}", summary: "Revoke a grant", login: true, action: ae, handle: h((*Server).apiGrantRemove), api: &apiDoc{}},
		{method: "POST", pattern: "/api/v1/users/{id}/disable", summary: "Disable an account and end its sessions", login: true, action: ae, handle: h((*Server).apiUserDisable), api: &apiDoc{}},
		{method: "POST", pattern: "/api/v1/users/{id}/enable", summary: "Enable an account", login: true, action: ae, handle: h((*Server).apiUserEnable), api: &apiDoc{}},
		{method: "POST", pattern: "/api/v1/users/{id}/password", summary: "Set a new password that must be changed at next login", login: true, action: ae, handle: h((*Server).apiUserPassword), api: &apiDoc{req: "PasswordReset"}},

		{method: "GET", pattern: "/api/v1/documents", summary: "Search the document registry, newest first", login: true, handle: h((*Server).apiDocuments), api: &apiDoc{resp: "DocumentList", query: documentQ}},
		{method: "POST", pattern: "/api/v1/documents", summary: "Register a document", login: true, action: de, handle: h((*Server).apiDocumentCreate), api: &apiDoc{req: "DocumentInput", resp: "Document", created: true}},
		{method: "GET", pattern: "/api/v1/documents/{id}", summary: "Get a document with its files and relations", login: true, handle: h((*Server).apiDocument), api: &apiDoc{resp: "Document"}},
		{method: "PATCH", pattern: "/api/v1/documents/{id}", summary: "Change a document", login: true, action: de, handle: h((*Server).apiDocumentUpdate), api: &apiDoc{req: "DocumentUpdate", resp: "Document"}},
		{method: "POST", pattern: "/api/v1/documents/{id}/files", summary: "Attach a PDF or DOCX file to a document", login: true, action: de, upload: true, maxBody: maxDocumentFileBytes, handle: h((*Server).apiDocumentFile), api: &apiDoc{req: "multipart", resp: "DocumentFile", created: true}},
		{method: "GET", pattern: "/api/v1/documents/{id}/implementation", summary: "Which units right below the issuing unit have issued their own document implementing the document, and the share of them", login: true, action: uv, handle: h((*Server).apiDocumentImplementation), api: &apiDoc{resp: "DocumentImplementation"}},
		{method: "GET", pattern: "/api/v1/documents/{id}/chain", summary: "The documents linked to a document through relations, both ways", login: true, handle: h((*Server).apiDocumentChain), api: &apiDoc{resp: "DocumentChain"}},
		{method: "POST", pattern: "/api/v1/documents/{id}/relations", summary: "Record that the document stands in a relation to another", login: true, action: de, handle: h((*Server).apiDocumentRelate), api: &apiDoc{req: "DocumentRelationInput", resp: "DocumentRelation", created: true}},
		{method: "POST", pattern: "/api/v1/documents/{id}/relations/delete", summary: "Remove a relation of the document to another", login: true, action: de, handle: h((*Server).apiDocumentUnrelate), api: &apiDoc{req: "DocumentRelationInput"}},
		{method: "GET", pattern: "/api/v1/document-files/{file}", summary: "Download a file attached to a document", login: true, handle: h((*Server).documentFileDownload), api: &apiDoc{resp: "file"}},
		{method: "GET", pattern: "/api/v1/document-types", summary: "List the vocabulary of document types, the Party's then the State's", login: true, handle: h((*Server).apiDocumentTypes), api: &apiDoc{resp: "DocumentTypeList"}},
		{method: "POST", pattern: "/api/v1/document-types", summary: "Add a document type to the vocabulary (system administrator)", login: true, action: vm, handle: h((*Server).apiDocumentTypeCreate), api: &apiDoc{req: "DocumentType", resp: "DocumentType", created: true}},
		{method: "GET", pattern: "/api/v1/document-issuers", summary: "List the vocabulary of issuing bodies, the Party's then the State's", login: true, handle: h((*Server).apiDocumentIssuers), api: &apiDoc{resp: "DocumentIssuerList"}},
		{method: "POST", pattern: "/api/v1/document-issuers", summary: "Add an issuing body to the vocabulary (system administrator)", login: true, action: vm, handle: h((*Server).apiDocumentIssuerCreate), api: &apiDoc{req: "DocumentIssuer", resp: "DocumentIssuer", created: true}},
		{method: "PUT", pattern: "/api/v1/document-issuers/{kind}/{code}/unit-kinds", summary: "Set the kinds of unit that issue under a local issuer's code (system administrator)", login: true, action: vm, handle: h((*Server).apiDocumentIssuerUnitKinds), api: &apiDoc{req: "IssuerUnitKinds", resp: "DocumentIssuer"}},

		{method: "GET", pattern: "/api/v1/me/study", summary: "The caller's own study: the campaigns reaching them with their documents, their essay and their conferences from now on", login: true, handle: h((*Server).apiStudy), api: &apiDoc{resp: "Study"}},
		{method: "GET", pattern: "/api/v1/campaigns/{id}/essay", summary: "The caller's own reflection essay for a campaign, with who may read it (the reviewers of the cell) and every read of it by them (the read is audited)", login: true, handle: h((*Server).apiMyEssay), api: &apiDoc{resp: "MyEssay"}},
		{method: "POST", pattern: "/api/v1/campaigns/{id}/essay", summary: "Hand in, or replace while not graded, the caller's own essay up to the due day: a form with text and an optional PDF/DOCX file (keep_file=1 keeps the one handed in), or JSON with the text alone", login: true, upload: true, maxBody: maxEssayBodyBytes, handle: h((*Server).apiEssaySubmit), api: &apiDoc{req: "EssayForm", resp: "Essay"}},
		{method: "GET", pattern: "/api/v1/campaigns/{id}/essays", summary: "The essays of a unit, without their text, for the reviewers of exactly that unit (audited)", login: true, action: er, handle: h((*Server).apiCampaignEssays), api: &apiDoc{resp: "EssayList", query: []string{"unit"}}},
		{method: "GET", pattern: "/api/v1/campaigns/{id}/essay-counts", summary: "Numbers of essays by unit, status and grade in a unit's subtree, never their text", login: true, action: uv, handle: h((*Server).apiEssayCounts), api: &apiDoc{resp: "EssayCountList", query: []string{"unit"}}},
		{method: "GET", pattern: "/api/v1/essays/{id}", summary: "An essay with its text, for its author and the reviewers of exactly its unit (audited)", login: true, handle: h((*Server).apiEssay), api: &apiDoc{resp: "Essay"}},
		{method: "GET", pattern: "/api/v1/essays/{id}/file", summary: "The file of an essay, under the same rule (audited)", login: true, handle: h((*Server).essayFileDownload), api: &apiDoc{resp: "file"}},
		{method: "POST", pattern: "/api/v1/essays/{id}/review", summary: "Grade an essay on the campaign's rubric, or return it for revision with a comment", login: true, action: er, handle: h((*Server).apiEssayReview), api: &apiDoc{req: "EssayReview", resp: "Essay"}},
		{method: "POST", pattern: "/api/v1/conferences/{id}/checkin", summary: "Check the caller in to a conference with the code of its QR", login: true, handle: h((*Server).apiCheckIn), api: &apiDoc{req: "CheckIn", resp: "RosterEntry", created: true}},

		{method: "GET", pattern: "/api/v1/campaigns", summary: "List the study campaigns reaching a unit (or the caller's units; organised=1: those organised in the unit's subtree only), that start from one day to another, latest start first", login: true, action: uv, handle: h((*Server).apiCampaigns), api: &apiDoc{resp: "CampaignList", query: []string{"unit", "organised", "q", "active_on", "from", "to", "offset", "limit"}}},
		{method: "POST", pattern: "/api/v1/campaigns", summary: "Plan a study campaign at a unit", login: true, action: ce, handle: h((*Server).apiCampaignCreate), api: &apiDoc{req: "CampaignInput", resp: "Campaign", created: true}},
		{method: "GET", pattern: "/api/v1/campaigns/{id}", summary: "Get a study campaign", login: true, action: uv, handle: h((*Server).apiCampaign), api: &apiDoc{resp: "Campaign"}},
		{method: "PUT", pattern: "/api/v1/campaigns/{id}", summary: "Replace the editable fields of a study campaign", login: true, action: ce, handle: h((*Server).apiCampaignUpdate), api: &apiDoc{req: "CampaignUpdate", resp: "Campaign"}},
		{method: "GET", pattern: "/api/v1/campaigns/{id}/participation", summary: "Participation by audience of a unit (default: the organiser, or the top of the caller's view below it) and of its children, rolled up, and the units late to organise the study", login: true, action: uv, handle: h((*Server).apiCampaignParticipation), api: &apiDoc{resp: "Participation", query: []string{"unit", "sort", "desc"}}},
		{method: "GET", pattern: "/api/v1/campaigns/{id}/not-attended", summary: "People of a unit's subtree (default as for participation) in the campaign's roster audiences who have not attended yet (audited)", login: true, action: pv, handle: h((*Server).apiCampaignNotAttended), api: &apiDoc{resp: "PersonList", query: []string{"unit", "category", "offset", "limit"}}},
		{method: "GET", pattern: "/api/v1/campaigns/{id}/conferences", summary: "The conferences of a campaign, soonest first", login: true, action: uv, handle: h((*Server).apiCampaignConferences), api: &apiDoc{resp: "ConferenceList"}},
		{method: "GET", pattern: "/api/v1/conferences", summary: "The conferences and classes held from one day to another (Vietnam days, by their start) that a unit's subtree organised, hosted a bridge point of or attended, with the subtree's bridge points, attendances and headcount at each, and the totals of them all: the records behind the unit's study figures", login: true, action: uv, handle: h((*Server).apiConferences), api: &apiDoc{resp: "HeldList", query: []string{"unit", "from", "to", "offset", "limit"}}},
		{method: "GET", pattern: "/api/v1/conferences/attended", summary: "The people now in a unit's subtree who were recorded there as attending a conference held from one day to another, in name order (audited): the people behind study.participants", login: true, action: pv, handle: h((*Server).apiAttended), api: &apiDoc{resp: "PersonList", query: []string{"unit", "from", "to", "offset", "limit"}}},
		{method: "POST", pattern: "/api/v1/conferences", summary: "Plan a conference of a campaign with its bridge points", login: true, action: ce, maxBody: maxConferenceBytes, handle: h((*Server).apiConferenceCreate), api: &apiDoc{req: "ConferenceInput", resp: "Conference", created: true}},
		{method: "GET", pattern: "/api/v1/conferences/{id}", summary: "Get a conference with its presenters and bridge points", login: true, action: uv, handle: h((*Server).apiConference), api: &apiDoc{resp: "Conference"}},
		{method: "PUT", pattern: "/api/v1/conferences/{id}", summary: "Replace the editable fields, presenters and bridge points of a conference", login: true, action: ce, maxBody: maxConferenceBytes, handle: h((*Server).apiConferenceUpdate), api: &apiDoc{req: "ConferenceUpdate", resp: "Conference"}},
		{method: "GET", pattern: "/api/v1/conferences/{id}/roster", summary: "The roster of a unit's subtree (default: the organiser) at a conference, with who attended (audited)", login: true, action: pv, handle: h((*Server).apiRoster), api: &apiDoc{resp: "RosterList", query: []string{"unit"}}},
		{method: "PUT", pattern: "/api/v1/conferences/{id}/roster", summary: "Save the rows of a unit's roster that changed (marked present, marked absent), all or none; the rest of the roster is untouched; returns the roster after, who was kept present and who stayed absent", login: true, action: te, handle: h((*Server).apiRosterMark), api: &apiDoc{req: "RosterChange", resp: "RosterSaved", query: []string{"unit"}}},
		{method: "GET", pattern: "/api/v1/conferences/{id}/checkin-code", summary: "The signed QR check-in code of a conference and the address it opens (organisers and bridge point hosts)", login: true, action: te, handle: h((*Server).apiCheckInCode), api: &apiDoc{resp: "CheckInCode"}},
		{method: "PUT", pattern: "/api/v1/bridge-points/{id}/headcount", summary: "Record the numbers counted at a bridge point, by audience", login: true, action: te, handle: h((*Server).apiHeadcount), api: &apiDoc{req: "Headcount"}},

		{method: "GET", pattern: "/api/v1/reported-indicators", summary: "List the reported indicators", login: true, handle: h((*Server).apiReportedIndicators), api: &apiDoc{resp: "IndicatorList"}},
		{method: "POST", pattern: "/api/v1/reported-indicators", summary: "Define a reported indicator (system administrator)", login: true, action: im, handle: h((*Server).apiReportedIndicatorCreate), api: &apiDoc{req: "Indicator", resp: "Indicator", created: true}},
		{method: "PUT", pattern: "/api/v1/reported-indicators/{code}", summary: "Change a reported indicator (system administrator)", login: true, action: im, handle: h((*Server).apiReportedIndicatorUpdate), api: &apiDoc{req: "IndicatorUpdate", resp: "Indicator"}},
		{method: "GET", pattern: "/api/v1/data-sets", summary: "List the data sets the units report", login: true, handle: h((*Server).apiDataSets), api: &apiDoc{resp: "DataSetList"}},
		{method: "POST", pattern: "/api/v1/data-sets", summary: "Define a data set (system administrator)", login: true, action: im, handle: h((*Server).apiDataSetCreate), api: &apiDoc{req: "DataSet", resp: "DataSet", created: true}},
		{method: "GET", pattern: "/api/v1/data-sets/{id}", summary: "Get a data set", login: true, handle: h((*Server).apiDataSet), api: &apiDoc{resp: "DataSet"}},
		{method: "PUT", pattern: "/api/v1/data-sets/{id}", summary: "Change a data set (system administrator)", login: true, action: im, handle: h((*Server).apiDataSetUpdate), api: &apiDoc{req: "DataSet", resp: "DataSet"}},
		{method: "GET", pattern: "/api/v1/data-sets/{id}/units/{unit}/form", summary: "The form of a unit for a period (default: the last ended), with the computed figures shown beside it", login: true, action: uv, handle: h((*Server).apiReportForm), api: &apiDoc{resp: "ReportForm", query: []string{"period"}}},
		{method: "PUT", pattern: "/api/v1/data-sets/{id}/units/{unit}/form", summary: "Enter values in a unit's form, its own or on behalf of a unit below; refused (409) once the form is locked after its deadline", login: true, action: re, handle: h((*Server).apiReportFormEnter), api: &apiDoc{req: "ReportValues", resp: "ReportForm", query: []string{"period"}}},
		{method: "POST", pattern: "/api/v1/data-sets/{id}/units/{unit}/reopen", summary: "Reopen the locked form of a unit below, until a day (audited)", login: true, action: re, handle: h((*Server).apiReportReopen), api: &apiDoc{req: "ReportReopen", resp: "Form", query: []string{"period"}}},
		{method: "GET", pattern: "/api/v1/data-sets/{id}/completeness", summary: "Which units below a unit reported a period on time, late or not at all, rolled up to its children", login: true, action: uv, handle: h((*Server).apiCompleteness), api: &apiDoc{resp: "Completeness", query: []string{"unit", "period"}}},
		{method: "GET", pattern: "/api/v1/data-sets/{id}/template", summary: "The XLSX to fill in for the units below that report the data set", login: true, action: uv, handle: h((*Server).reportTemplate), api: &apiDoc{resp: "xlsx", query: []string{"unit", "period"}}},
		{method: "POST", pattern: "/api/v1/data-sets/{id}/import", summary: "Check (and with commit=true write) a spreadsheet of the values of the units below, one row per unit, all or nothing", login: true, action: re, upload: true, handle: h((*Server).apiReportImport), api: &apiDoc{req: "multipart", resp: "ReportImportResult", query: []string{"unit", "period", "commit"}}},
		{method: "GET", pattern: "/api/v1/indicators", summary: "The catalogue of indicators: every figure the system produces, what it counts and how it adds up", login: true, handle: h((*Server).apiIndicators), api: &apiDoc{resp: "IndicatorList"}},
		{method: "GET", pattern: "/api/v1/periods", summary: "The reporting periods of a year (this year by default), of one kind or all, with their codes and labels; or the one period a code names", login: true, handle: h((*Server).apiPeriods), api: &apiDoc{resp: "PeriodList", query: []string{"kind", "year", "code"}}},
		{method: "GET", pattern: "/api/v1/figures", summary: "The values of indicators for a unit (default: the top of the caller's view) and the units below it down to depth (default 1, at most 3), for periods (repeated codes; default this half-year and the same half of last year), rolled up; the unit's own line makes its children add up to it; targets=1 adds the targets set for the values", login: true, action: uv, handle: h((*Server).apiFigures), api: &apiDoc{resp: "FigureTable", query: []string{"unit", "depth", "indicator", "period", "targets"}}},

		{method: "GET", pattern: "/api/v1/reports", summary: "The six-month, annual and other reports of a unit (default: the top of the caller's view), below=1 with those of its subtree, of a period when given, newest period first", login: true, action: uv, handle: h((*Server).apiReports), api: &apiDoc{resp: "ReportList", query: []string{"unit", "below", "period"}}},
		{method: "POST", pattern: "/api/v1/reports", summary: "Draft the report of a unit for a period from a template, every figure counted now", login: true, action: rd, handle: h((*Server).apiReportDraft), api: &apiDoc{req: "ReportDraft", resp: "Report", created: true}},
		{method: "GET", pattern: "/api/v1/reports/{id}", summary: "A report with its text and the figures it was counted with, or an earlier version of it", login: true, action: uv, handle: h((*Server).apiReport), api: &apiDoc{resp: "Report", query: []string{"version"}}},
		{method: "PUT", pattern: "/api/v1/reports/{id}", summary: "Save the text of a draft, keeping its figures; refused (409) when the version is not the current one", login: true, action: rd, handle: h((*Server).apiReportEdit), api: &apiDoc{req: "ReportEdit", resp: "Report"}},
		{method: "POST", pattern: "/api/v1/reports/{id}/refresh", summary: "Recount the figures of a draft, keeping its text", login: true, action: rd, handle: h((*Server).apiReportRefresh), api: &apiDoc{req: "ReportVersionInput", resp: "Report"}},
		{method: "POST", pattern: "/api/v1/reports/{id}/finalise", summary: "Finalise a draft with its number, the day it is signed and who signs (the unit's signers, else its unit administrators); its figures are then frozen", login: true, action: rs, handle: h((*Server).apiReportFinalise), api: &apiDoc{req: "ReportSigning", resp: "Report"}},
		{method: "POST", pattern: "/api/v1/reports/{id}/submit", summary: "Hand a final report to the unit above", login: true, action: rd, handle: h((*Server).apiReportSubmit), api: &apiDoc{resp: "Report"}},
		{method: "GET", pattern: "/api/v1/reports/{id}/versions", summary: "The saved states of a report, oldest first", login: true, action: uv, handle: h((*Server).apiReportVersions), api: &apiDoc{resp: "ReportVersionList"}},
		{method: "GET", pattern: "/api/v1/reports/{id}/docx", summary: "A report (or a version of it) in the official layout as DOCX", login: true, action: uv, handle: h((*Server).reportDOCX), api: &apiDoc{resp: "file", query: []string{"version"}}},
		{method: "GET", pattern: "/api/v1/reports/{id}/pdf", summary: "A report (or a version of it) in the official layout as PDF", login: true, action: uv, handle: h((*Server).reportPDF), api: &apiDoc{resp: "file", query: []string{"version"}}},
		{method: "GET", pattern: "/api/v1/reports/{id}/xlsx", summary: "The tables of a report (or a version of it) as XLSX, a sheet each; refused (422) for a report without a table", login: true, action: uv, handle: h((*Server).reportXLSX), api: &apiDoc{resp: "xlsx", query: []string{"version"}}},
		{method: "GET", pattern: "/api/v1/report-submissions", summary: "How the units right below a unit stand with their report of a template (default: the first) for a period (default: the template's): none, a draft, final or submitted", login: true, action: uv, handle: h((*Server).apiReportSubmissions), api: &apiDoc{resp: "ReportSubmissionList", query: []string{"unit", "template_id", "period"}}},
		{method: "GET", pattern: "/api/v1/report-templates", summary: "The templates units draft their reports from", login: true, handle: h((*Server).apiReportTemplates), api: &apiDoc{resp: "ReportTemplateList"}},
		{method: "POST", pattern: "/api/v1/report-templates", summary: "Add a report template (system administrator)", login: true, action: rt, handle: h((*Server).apiReportTemplateCreate), api: &apiDoc{req: "ReportTemplate", resp: "ReportTemplate", created: true}},
		{method: "GET", pattern: "/api/v1/report-templates/{id}", summary: "A report template", login: true, handle: h((*Server).apiReportTemplate), api: &apiDoc{resp: "ReportTemplate"}},
		{method: "PUT", pattern: "/api/v1/report-templates/{id}", summary: "Replace a report template (system administrator)", login: true, action: rt, handle: h((*Server).apiReportTemplateUpdate), api: &apiDoc{req: "ReportTemplate", resp: "ReportTemplate"}},
		{method: "GET", pattern: "/api/v1/units/{id}/signers", summary: "The accounts a unit names to sign its reports; none: its unit administrators sign", login: true, action: uv, handle: h((*Server).apiSigners), api: &apiDoc{resp: "UserList"}},
		{method: "PUT", pattern: "/api/v1/units/{id}/signers", summary: "Name the accounts that sign a unit's reports, replacing those named; none leaves it to its unit administrators", login: true, action: ae, handle: h((*Server).apiSignersSet), api: &apiDoc{req: "Signers", resp: "UserList"}},

		{method: "GET", pattern: "/api/v1/audit", summary: "Browse the audit log of the caller's subtree", login: true, action: au, handle: h((*Server).apiAudit), api: &apiDoc{resp: "AuditList", query: []string{"root", "login", "action", "outcome", "from", "to", "offset", "limit"}}},

		{method: "GET", pattern: "/api/v1/targets", summary: "The values and targets of an indicator (default: the catalogue's first) for a period (default: this year) at a unit (default: the caller's first) and its children", login: true, action: uv, handle: h((*Server).apiTargets), api: &apiDoc{resp: "FigureTable", query: []string{"unit", "indicator", "period"}}},
		{method: "PUT", pattern: "/api/v1/targets", summary: "Set the targets of an indicator for a period at units (the caller's units or below), all or none; a zero value removes a target", login: true, action: fe, handle: h((*Server).apiTargetsSet), api: &apiDoc{req: "TargetsInput"}},
		{method: "GET", pattern: "/api/v1/quality", summary: "Validation rule violations and outliers of a unit and the units below it (depth levels, default 1) for a period (default: this quarter)", login: true, action: uv, handle: h((*Server).apiQuality), api: &apiDoc{resp: "QualityReport", query: []string{"unit", "period", "depth"}}},
		{method: "POST", pattern: "/api/v1/quality/confirmations", summary: "Confirm that a value flagged as an outlier is right, with a comment (audited)", login: true, action: fe, handle: h((*Server).apiConfirmOutlier), api: &apiDoc{req: "OutlierConfirmation", resp: "OutlierConfirmation", created: true}},
		{method: "GET", pattern: "/api/v1/validation-rules", summary: "The validation rules: the defaults declared in code, then those a system administrator added", login: true, handle: h((*Server).apiRules), api: &apiDoc{resp: "ValidationRuleList"}},
		{method: "POST", pattern: "/api/v1/validation-rules", summary: "Add a validation rule (system administrator)", login: true, action: im, handle: h((*Server).apiRuleCreate), api: &apiDoc{req: "ValidationRuleInput", resp: "ValidationRule", created: true}},
		{method: "DELETE", pattern: "/api/v1/validation-rules/{id}", summary: "Remove a validation rule a system administrator added", login: true, action: im, handle: h((*Server).apiRuleDelete), api: &apiDoc{}},
	}
}

// recordAPIRoutes lists the calls of the records of every declared kind, at
// /api/v1/records/<kind code>, each with the kind's own schemas and operation names, so that
// a kind declared later gets them with no change here.
func recordAPIRoutes() []route {
	recordQ := []string{"unit", "from", "to", "q", "offset", "limit"}
	var out []route
	for _, k := range tuyengiao.RecordKinds() {
		base, name, what := "/api/v1/records/"+k.Code, schemaName(k), k.NameEn+" ("+k.Code+")"
		q := recordQ
		if len(k.Views) > 0 {
			q = append(q[:len(q):len(q)], "view")
		}
		for _, f := range k.Fields {
			switch f.Type {
			case tuyengiao.FieldChoice, tuyengiao.FieldYesNo, tuyengiao.FieldRef:
				q = append(q[:len(q):len(q)], f.Name)
			}
		}
		out = append(out,
			route{method: "GET", pattern: base, summary: "List the records of " + what + " of a unit's subtree (default: the top of the caller's view), the latest day first; a choice field's name filters by its codes, a yes/no field's by yes or no, a ref field's by none or record numbers (each given once or more), view by one of the kind's views as of today, q by words of the text fields", login: true, action: uv, handle: withKind(k, (*Server).apiRecords), api: &apiDoc{resp: name + "List", query: q, id: "list" + name}},
			route{method: "POST", pattern: base, summary: "Create a record of " + what, login: true, action: rw, handle: withKind(k, (*Server).apiRecordCreate), api: &apiDoc{req: name + "Input", resp: name, created: true, id: "create" + name}},
			route{method: "GET", pattern: base + "/{id}", summary: "Get a record of " + what, login: true, action: uv, handle: withKind(k, (*Server).apiRecord), api: &apiDoc{resp: name, id: "get" + name}},
			route{method: "PUT", pattern: base + "/{id}", summary: "Replace the values of a record of " + what + " at its version, moving it to unit_id when given; refused (409) when it was saved since", login: true, action: rw, handle: withKind(k, (*Server).apiRecordUpdate), api: &apiDoc{req: name + "Update", resp: name, id: "update" + name}},
			route{method: "DELETE", pattern: base + "/{id}", summary: "Delete a record of " + what + " at its version; refused (409) when it was saved since", login: true, action: rw, handle: withKind(k, (*Server).apiRecordDelete), api: &apiDoc{query: []string{"version"}, id: "delete" + name}},
			route{method: "POST", pattern: base + "/import", summary: "Check (and with commit=true store) a spreadsheet of records of " + what + " for a unit and the units below it, all or nothing", login: true, action: rw, upload: true, handle: withKind(k, (*Server).apiRecordImport), api: &apiDoc{req: "multipart", resp: "RecordImportResult", query: []string{"unit", "commit"}, id: "import" + name}},
			route{method: "GET", pattern: base + "/export", summary: "Export the records of " + what + " of a list as XLSX, in the template's columns (audited)", login: true, action: uv, handle: withKind(k, (*Server).recordExport), api: &apiDoc{resp: "xlsx", query: q, id: "export" + name}},
			route{method: "GET", pattern: base + "/template", summary: "The XLSX template to import records of " + what, login: true, handle: withKind(k, (*Server).recordTemplate), api: &apiDoc{resp: "xlsx", id: "template" + name}},
			route{method: "GET", pattern: base + "/{id}/notes", summary: "The dated progress notes and evidence files of a record of " + what + ", the latest day first", login: true, action: uv, handle: withKind(k, (*Server).apiRecordNotes), api: &apiDoc{resp: "RecordNoteList", id: "listNotes" + name}},
			route{method: "POST", pattern: base + "/{id}/notes", summary: "Add a dated note to a record of " + what + ": a form with day (default today), text and an optional file (PDF, DOCX, JPEG or PNG, at most 10 MB), or JSON with day and text alone; a text or a file is needed", login: true, action: rw, upload: true, maxBody: maxRecordNoteBodyBytes, handle: withKind(k, (*Server).apiRecordNoteCreate), api: &apiDoc{req: "RecordNoteForm", resp: "RecordNote", created: true, id: "addNote" + name}},
			route{method: "GET", pattern: base + "/{id}/notes/{note}/file", summary: "The file of a note on a record of " + what, login: true, action: uv, handle: withKind(k, (*Server).recordNoteFile), api: &apiDoc{resp: "noteFile", id: "noteFile" + name}},
			route{method: "DELETE", pattern: base + "/{id}/notes/{note}", summary: "Delete a note on a record of " + what + " (kept, marked deleted, out of the list)", login: true, action: rw, handle: withKind(k, (*Server).apiRecordNoteDelete), api: &apiDoc{id: "deleteNote" + name}},
		)
		if k.HandDown != nil {
			out = append(out, route{method: "POST", pattern: base + "/{id}/hand-down", summary: "Hand a record of " + what + " down to units right below its own, all or none: each gets a copy naming it; answers with every copy", login: true, action: rw, handle: withKind(k, (*Server).apiRecordHandDown), api: &apiDoc{req: name + "HandDown", resp: name + "Copies", id: "handDown" + name}})
		}
	}
	return out
}

func noContent(w http.ResponseWriter) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Login    string `json:"login"`
		Password secret `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	tok, err := s.Auth.Login(r.Context(), in.Login, string(in.Password), clientAddress(r), tuyengiao.SessionAPI)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": tok, "expires_at": s.Now().UTC().Add(tuyengiao.AbsoluteTimeout)})
	return nil
}

func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) error {
	tok, _ := token(r)
	if err := s.Auth.Logout(r.Context(), tok); err != nil {
		return err
	}
	return noContent(w)
}

func (s *Server) apiPassword(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Old secret `json:"old_password"`
		New secret `json:"new_password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if err := s.Users.ChangePassword(r.Context(), string(in.Old), string(in.New)); err != nil {
		return err
	}
	return noContent(w)
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	p := tuyengiao.PrincipalFrom(r.Context())
	writeJSON(w, http.StatusOK, map[string]any{"user_id": p.UserID, "login": p.Login, "name": p.Name, "person_id": p.PersonID, "grants": p.Grants})
	return nil
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) error {
	f, err := auditFilter(r.URL.Query())
	if err != nil {
		return err
	}
	recs, total, err := s.Audit.FindAuditRecords(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(recs, total))
	return nil
}
