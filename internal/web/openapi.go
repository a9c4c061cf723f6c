package web

import (
	"cmp"
	"maps"
	"net/http"
	"regexp"
	"strings"
	"sync"
)

// apiDoc describes an API route for the OpenAPI document: the schema of the JSON request and
// response ("" for none; "multipart" and "xlsx" for files), the query parameters, whether
// success is 201 Created rather than 200, and the operationId of a route made for each
// declared kind of record (the others' are in operationIDs).
type apiDoc struct {
	req, resp string
	query     []string
	created   bool
	id        string
}

type obj = map[string]any

func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

func props(required []string, p obj) obj {
	o := obj{"type": "object", "properties": p}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

var (
	str     = obj{"type": "string"}
	integer = obj{"type": "integer", "format": "int64"}
	boolean = obj{"type": "boolean"}
	day     = obj{"type": "string", "format": "date", "nullable": true} // null: none
	instant = obj{"type": "string", "format": "date-time"}
)

func listOf(item string) obj {
	return props([]string{"items", "total"}, obj{"items": obj{"type": "array", "items": ref(item)}, "total": integer})
}

func enum(values ...string) obj { return obj{"type": "string", "enum": values} }

var categoryEnum = enum("key_cadre", "member", "probation", "union", "masses")
var relationEnum = enum("implements", "updates", "replaces", "continues", "guides")

// unitKindsProp is the unit kinds of a local issuer: a document's issuing unit must be of one.
var unitKindsProp = obj{"type": "array", "items": str,
	"description": "codes of the unit kinds that issue under a local code (quan_uy for QU); none lets any unit issue"}

// contentsProp is the contents a document lists: its key and breakthrough contents.
var contentsProp = obj{"type": "array", "items": ref("DocumentContent"), "maxItems": 100}

var roleEnum = enum("sysadmin", "unitadmin", "editor", "viewer", "reviewer", "member")

// schemas are the components of the OpenAPI document, by the names the routes use.
var schemas = obj{
	"Error": props([]string{"error"}, obj{"error": props([]string{"code", "message"}, obj{
		"code": str, "message": obj{"type": "string", "description": "ready to show: Vietnamese, or English when the request asks for it first (Accept-Language: en) or the lang cookie says en"},
		"field": str, "row": obj{"type": "integer", "description": "spreadsheet row of an import"}})}),
	"LoginRequest":   props([]string{"login", "password"}, obj{"login": str, "password": str}),
	"Token":          props([]string{"token"}, obj{"token": str, "expires_at": instant}),
	"PasswordChange": props([]string{"old_password", "new_password"}, obj{"old_password": str, "new_password": str}),
	"PasswordReset":  props([]string{"password"}, obj{"password": str}),
	"Grant":          props(nil, obj{"id": integer, "user_id": integer, "role": roleEnum, "unit_id": integer, "unit_code": str, "unit_name": str}),
	"GrantInput":     props([]string{"role"}, obj{"role": roleEnum, "unit_id": integer}),
	"Me":             props(nil, obj{"user_id": integer, "login": str, "name": str, "person_id": integer, "grants": obj{"type": "array", "items": ref("Grant")}}),
	"Unit": props(nil, obj{"id": integer, "parent_id": integer, "path": str, "code": str, "name": str, "kind": str,
		"sort_order": integer, "closed_at": instant, "created_at": instant, "updated_at": instant}),
	"UnitInput":  props([]string{"code", "name", "kind"}, obj{"parent_id": integer, "code": str, "name": str, "kind": str, "sort_order": integer}),
	"UnitUpdate": props(nil, obj{"code": str, "name": str, "kind": str, "sort_order": integer}),
	"UnitMove":   props([]string{"parent_id"}, obj{"parent_id": integer}),
	"UnitList":   listOf("Unit"),
	"UnitKind": props([]string{"code", "name", "group"}, obj{"code": str, "name": str, "name_en": str,
		"group": enum("party", "commission", "mass", "residential"), "sort_order": integer, "builtin": boolean}),
	"UnitKindList": listOf("UnitKind"),
	"UnitCounts": props(nil, obj{"as_of": day, "units": obj{"type": "array", "items": props(nil, obj{
		"unit": ref("Unit"), "own": obj{"type": "object", "additionalProperties": integer},
		"total": obj{"type": "object", "additionalProperties": integer}})}}),
	"Person": props([]string{"full_name", "category"}, obj{"id": integer, "unit_id": integer,
		"unit_code": obj{"type": "string", "description": "names the unit instead of unit_id in a request, as in a spreadsheet"},
		"unit_name": str, "full_name": str, "birth_year": integer, "birth_date": day, "gender": enum("male", "female"),
		"category": categoryEnum, "position": str, "phone": str, "party_card": str,
		"status": enum("active", "moved_out", "deceased"), "status_date": day, "created_at": instant, "updated_at": instant}),
	"PersonUpdate": props(nil, obj{"unit_id": integer, "full_name": str, "birth_year": integer, "birth_date": day,
		"gender": enum("male", "female"), "category": categoryEnum, "position": str, "phone": str, "party_card": str}),
	"PersonList": listOf("Person"),
	"StatusChange": props([]string{"status", "on"}, obj{"status": enum("active", "moved_out", "deceased"),
		"on": obj{"type": "string", "description": "the day: 2023-01-31 or 31/01/2023"}}),
	"ImportResult": props(nil, obj{"rows": integer, "valid": integer, "committed": boolean, "created": integer,
		"errors":  obj{"type": "array", "items": obj{"type": "object", "properties": obj{"row": integer, "field": str, "message": str}}},
		"dropped": obj{"type": "integer", "format": "int64", "description": "rows left out as likely duplicates, each listed in duplicates with drop true; with commit, exact repeats and rows whose party card is already held are dropped unless listed in keep"}, "undecided": integer, "duplicates": obj{"type": "array", "items": obj{"type": "object", "properties": obj{
			"row": integer, "full_name": str, "of": integer, "person_id": integer, "exact": boolean, "reason": str,
			"can_keep": boolean, "drop": boolean, "undecided": boolean}}}}),
	"User": props(nil, obj{"id": integer, "login": str, "display_name": str, "person_id": integer, "must_change_password": boolean,
		"disabled_at": instant, "last_login_at": instant, "created_at": instant, "grants": obj{"type": "array", "items": ref("Grant")}}),
	"UserInput": props([]string{"login", "display_name", "password"}, obj{"login": str, "display_name": str, "password": str,
		"person_id": integer, "must_change_password": boolean, "grants": obj{"type": "array", "items": ref("GrantInput")}}),
	"UserUpdate": props(nil, obj{"display_name": str, "person_id": integer}),
	"UserList":   listOf("User"),
	"AuditRecord": props(nil, obj{"id": integer, "at": instant, "user_id": integer, "login": str, "action": str,
		"object": str, "unit_id": integer, "outcome": enum("ok", "denied", "failed"), "address": str, "detail": str}),
	"AuditList": listOf("AuditRecord"),
	"Document": props(nil, obj{"id": integer, "symbol": str, "number": str, "type": str, "issuer": str, "year": integer,
		"issued_on": day, "term": str, "title": str, "summary": str, "fields": obj{"type": "array", "items": str},
		"unit_id": integer, "created_at": instant, "updated_at": instant,
		"issuing_unit_id": obj{"type": "integer", "description": "the unit that issued a local issuer's document (each Quận ủy numbers its own 08-CTr/QU); absent for a central or State body"},
		"issuing_unit":    obj{"type": "string", "readOnly": true, "description": "the name of the issuing unit"},
		"issuing_unit_unknown": obj{"type": "boolean", "readOnly": true,
			"description": "a local issuer's document registered before issuing units were recorded, whose issuing unit could not be told: its next change must name it"},
		"files": obj{"type": "array", "items": ref("DocumentFile")}, "relations": obj{"type": "array", "items": ref("DocumentRelation")},
		"contents": contentsProp}),
	"DocumentContent": props([]string{"kind", "text"}, obj{"position": obj{"type": "integer", "readOnly": true, "description": "from 1, in the order given"},
		"kind": enum("key", "breakthrough", "other"), "text": obj{"type": "string", "maxLength": 500}}),
	"DocumentImplementation": props([]string{"document_id", "units", "share"}, obj{"document_id": integer, "issuing_unit_id": integer,
		"issuing_unit": str, "units": obj{"type": "array", "items": props(nil, obj{"id": integer, "code": str, "name": str,
			"documents": obj{"type": "array", "description": "its own documents implementing it; none: not yet",
				"items": props(nil, obj{"id": integer, "symbol": str, "title": str, "issued_on": day})}})},
		"share": props(nil, obj{"value": obj{"type": "integer", "description": "units that have issued a document implementing it"},
			"base": obj{"type": "integer", "description": "units right below the issuing unit that must"}})}),
	"DocumentInput": props([]string{"symbol", "title", "unit_id"}, obj{"symbol": str, "issued_on": day, "term": str, "title": str,
		"summary": str, "fields": obj{"type": "array", "items": str}, "unit_id": integer,
		"issuing_unit_id": obj{"type": "integer", "description": "required when the symbol's issuer is local (TU, QU, ĐU, UBND…), refused otherwise"},
		"contents":        contentsProp}),
	"DocumentUpdate": props(nil, obj{"symbol": str, "issued_on": day, "term": str, "title": str, "summary": str,
		"fields": obj{"type": "array", "items": str}, "issuing_unit_id": obj{"type": "integer", "description": "0 clears it"},
		"contents": obj{"type": "array", "items": ref("DocumentContent"), "maxItems": 100, "description": "replaces the list; [] clears it"}}),
	"DocumentList": listOf("Document"),
	"DocumentFile": props(nil, obj{"id": integer, "document_id": integer, "name": str,
		"content_type": enum("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
		"size":         integer, "sha256": str, "created_at": instant}),
	"DocumentRelation": props(nil, obj{"from_id": integer, "to_id": integer, "kind": relationEnum,
		"from_symbol": str, "to_symbol": str, "from_title": str, "to_title": str}),
	"DocumentRelationInput": props([]string{"to_id", "kind"}, obj{"to_id": integer, "kind": relationEnum}),
	"DocumentChain": props([]string{"documents", "relations"}, obj{"documents": obj{"type": "array", "items": ref("Document")},
		"relations": obj{"type": "array", "items": ref("DocumentRelation")}}),
	"DocumentType": props([]string{"kind", "name"}, obj{"kind": enum("party", "state"), "code": str, "name": str,
		"other_names": obj{"type": "array", "items": str}, "builtin": obj{"type": "boolean", "readOnly": true}}),
	"DocumentTypeList": listOf("DocumentType"),
	"DocumentIssuer": props([]string{"kind", "code", "name"}, obj{"kind": enum("party", "state"), "code": str, "name": str,
		"other_names": obj{"type": "array", "items": str}, "term": boolean,
		"local":      obj{"type": "boolean", "description": "every committee of a rank writes this code: a document of it names its issuing unit"},
		"unit_kinds": unitKindsProp,
		"builtin":    obj{"type": "boolean", "readOnly": true}}),
	"DocumentIssuerList": listOf("DocumentIssuer"),
	"IssuerUnitKinds":    props([]string{"unit_kinds"}, obj{"unit_kinds": unitKindsProp}),

	"CampaignAudience": props([]string{"category"}, obj{"category": categoryEnum,
		"headcount": obj{"type": "boolean", "description": "counted by the numbers at the bridge points rather than person by person"},
		"target":    obj{"type": "number", "description": "the participation aimed at, percent"}}),
	"Campaign": props(nil, obj{"id": integer, "unit_id": integer, "unit_name": str, "title": str, "description": str,
		"document_ids": obj{"type": "array", "items": integer},
		"documents":    obj{"type": "array", "items": props(nil, obj{"id": integer, "symbol": str, "title": str})},
		"audiences":    obj{"type": "array", "items": ref("CampaignAudience")}, "start_on": day, "end_on": day,
		"unit_ids":  obj{"type": "array", "items": integer, "description": "the units that must organise the study"},
		"essay_due": day, "essay_criteria": obj{"type": "array", "items": str}, "essay_levels": obj{"type": "array", "items": str},
		"created_at": instant, "updated_at": instant}),
	"CampaignInput":  props([]string{"unit_id", "title", "start_on", "end_on", "audiences"}, campaignFieldsSchema(true)),
	"CampaignUpdate": props([]string{"title", "start_on", "end_on", "audiences"}, campaignFieldsSchema(false)),
	"CampaignList":   listOf("Campaign"),
	"AudienceRate": props(nil, obj{"category": categoryEnum, "took": integer, "base": integer,
		"headcount":   obj{"type": "boolean", "description": "counted at the bridge points: took and attendances are the attendances counted (lượt), base those expected there; otherwise took is the distinct people (người) and base the people on the register"},
		"attendances": obj{"type": "integer", "format": "int64", "description": "attendance records (lượt người): one person at three sessions counts three"},
		"target":      obj{"type": "number", "description": "percent"},
		"exceeded":    obj{"type": "boolean", "description": "took is above base (over 100%): a figure to check, shown as a warning instead of a rate"}}),
	"ParticipationRow": props(nil, obj{"unit_id": integer, "unit_code": str, "unit_name": str, "has_children": boolean,
		"audiences": obj{"type": "array", "items": ref("AudienceRate")}, "required": integer, "organised": integer, "conferences": integer}),
	"Indicator":       props([]string{"code", "name", "measure", "aggregation"}, indicatorFields()),
	"IndicatorUpdate": props([]string{"name", "measure", "aggregation"}, indicatorFields()),
	"IndicatorList":   listOf("Indicator"),
	"Period": props([]string{"kind", "from", "to"}, obj{"kind": enum("month", "quarter", "half", "nine", "year", "range"),
		"from": day, "to": day, "code": obj{"type": "string", "description": "2026, 2026-H1, 2026-Q3, 2026-9M, 2026-09 or 2026-01-15..2026-03-31"},
		"label": obj{"type": "string", "description": "in the words of the reports: 6 tháng đầu năm 2026"}}),
	"PeriodList":  listOf("Period"),
	"FigureValue": props([]string{"value"}, obj{"value": integer, "base": obj{"type": "integer", "format": "int64", "description": "the denominator of a ratio: the rate is value/base"}}),
	"FigureTable": props([]string{"indicators", "periods", "units", "values", "as_of"}, obj{
		"indicators": obj{"type": "array", "items": ref("Indicator")}, "periods": obj{"type": "array", "items": ref("Period")},
		"units": obj{"type": "array", "items": props(nil, obj{"id": integer, "code": str, "name": str, "kind": str,
			"depth": obj{"type": "integer", "description": "levels below the unit asked: 0 for it"}, "has_children": boolean,
			"own": obj{"type": "boolean", "description": "the unit's own records alone, without the units below"}})},
		"values": obj{"type": "array", "items": ref("FigureValue"),
			"description": "the value of unit row u, indicator i and period p at (u*len(indicators)+i)*len(periods)+p"},
		"targets": obj{"type": "array", "items": ref("FigureValue"), "description": "the targets, indexed as values, when asked"},
		"as_of":   instant}),
	"Participation": props([]string{"as_of", "total", "children", "late"}, obj{"as_of": day, "total": ref("ParticipationRow"),
		"own": ref("ParticipationRow"), "idle": integer,
		"children": obj{"type": "array", "items": ref("ParticipationRow")},
		"late":     obj{"type": "array", "items": ref("ParticipationRow"), "description": "units that must organise the study and have not (unit fields only)"}}),
	"BridgePoint": props(nil, obj{"id": integer, "unit_id": integer, "unit_name": str, "place": str,
		"expected": categoryCounts, "counted": categoryCounts, "attended": ref("AttendanceCounts")}),
	"AttendanceCounts": props(nil, obj{"roster": categoryCounts, "checkin": categoryCounts}),
	"Conference": props(nil, obj{"id": integer, "campaign_id": integer, "unit_id": integer, "unit_name": str, "title": str,
		"starts_at": instant, "ends_at": instant, "form": formEnum, "materials": str,
		"presenters":    obj{"type": "array", "items": props(nil, obj{"person_id": integer, "full_name": str})},
		"bridge_points": obj{"type": "array", "items": ref("BridgePoint")}, "created_at": instant, "updated_at": instant,
		"attended_at": instant, "attended": ref("AttendanceCounts"), "organised_here": boolean}),
	"ConferenceInput":  props([]string{"campaign_id", "unit_id", "title", "starts_at", "ends_at", "form"}, conferenceFieldsSchema(true)),
	"ConferenceUpdate": props([]string{"title", "starts_at", "ends_at", "form"}, conferenceFieldsSchema(false)),
	"ConferenceList":   listOf("Conference"),
	"HeldConference": props(nil, obj{"id": integer, "title": str, "campaign_id": integer, "campaign_title": str,
		"unit_id": integer, "unit_name": str, "starts_at": instant, "form": formEnum,
		"organised_here": obj{"type": "boolean", "description": "organised by a unit of the subtree: counted in its study.conferences"},
		"bridge_points":  integer, "attendances": integer, "headcount": integer, "expected": integer}),
	"HeldTotals": props(nil, obj{"total": integer, "organised": integer, "bridge_points": integer, "attendances": integer,
		"headcount": integer, "expected": integer}),
	"HeldList": props([]string{"items", "total", "totals"}, obj{"items": obj{"type": "array", "items": ref("HeldConference")},
		"total": integer, "totals": ref("HeldTotals")}),
	"RosterEntry": props(nil, obj{"person_id": integer, "full_name": str, "unit_id": integer, "unit_name": str,
		"category": categoryEnum, "has_phone": boolean, "present": boolean, "method": enum("roster", "checkin"), "recorded_at": instant}),
	"RosterList": props([]string{"items", "total", "opened_at"}, obj{"items": obj{"type": "array", "items": ref("RosterEntry")}, "total": integer,
		"opened_at": obj{"type": "string", "format": "date-time", "description": "when the roster was read; send it back with a change"}}),
	"RosterChange": props(nil, obj{
		"present": obj{"type": "array", "items": integer,
			"description": "ids of the people marked present; already present stays as it is; one whose roster record was removed at or after opened_at stays absent (without opened_at, every one is marked)"},
		"absent": obj{"type": "array", "items": integer,
			"description": "ids of the people marked absent: their roster record is removed unless made at or after opened_at; check-ins stay"},
		"opened_at": obj{"type": "string", "format": "date-time", "description": "opened_at of the roster read the change was made on; required with absent"}}),
	"RosterSaved": props([]string{"items", "total", "opened_at"}, obj{"items": obj{"type": "array", "items": ref("RosterEntry")}, "total": integer,
		"opened_at": instant, "kept": obj{"type": "array", "items": integer,
			"description": "ids of the people marked absent whose record stayed: a check-in, or recorded after opened_at"},
		"still_absent": obj{"type": "array", "items": integer,
			"description": "ids of the people marked present who stayed absent: someone marked them absent at or after opened_at; mark them again on a roster read since"}}),
	"CheckInCode": props([]string{"code", "url"}, obj{"code": str, "url": str}),
	"Headcount":   props([]string{"counted"}, obj{"counted": categoryCounts}),

	"Essay": props(nil, obj{"id": integer, "campaign_id": integer, "person_id": integer, "full_name": str, "unit_id": integer,
		"text": obj{"type": "string", "description": "empty in lists"},
		"file": props(nil, obj{"name": str, "content_type": enum("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
			"size": integer, "sha256": str}),
		"status": essayStatusEnum, "level": str, "scores": obj{"type": "array", "items": ref("Score")}, "comment": str,
		"reviewer_id": integer, "revision": obj{"type": "integer", "description": "1 for the first submission, one more after each return"},
		"submitted_at": instant, "reviewed_at": instant,
		"withheld": obj{"type": "boolean", "description": "on the caller's own essay handed in by another account linked to them before: text, file and comment are left out"}}),
	"MyEssay": obj{"allOf": []obj{ref("Essay"), props([]string{"access"}, obj{"access": ref("EssayAccess")})}},
	"EssayAccess": props([]string{"readers", "reads", "changes"}, obj{
		"readers": obj{"type": "array", "description": "the reviewers of the essay's unit, who may read it",
			"items": props(nil, obj{"user_id": integer, "name": str})},
		"reads": obj{"type": "array", "description": "every read of the text or file, and every submission, by an account but the author's present one, newest first",
			"items": props(nil, obj{"at": instant, "user_id": integer, "name": str, "what": enum("text", "file", "submit")})},
		"changes": obj{"type": "array", "description": "accounts linked to the author's person, unlinked from it, or given a password by someone else, newest first",
			"items": props(nil, obj{"at": instant, "change": enum("link", "unlink", "password"), "user_id": integer, "login": str, "by": str})}}),
	"EssayList": listOf("Essay"),
	"Score":     props([]string{"criterion", "level"}, obj{"criterion": str, "level": str}),
	"EssayForm": props(nil, obj{"text": str, "file": obj{"type": "string", "format": "binary", "description": "PDF or DOCX, at most 10 MB"},
		"keep_file": obj{"type": "string", "description": "1 to hand in again the file already handed in when no file is sent"}}),
	"EssayInput": props([]string{"text"}, obj{"text": str}),
	"RecordNote": props(nil, obj{"id": integer, "kind": str, "record_id": integer, "day": day,
		"text": obj{"type": "string", "description": "paragraphs separated by line breaks"},
		"file": props(nil, obj{"name": str, "content_type": enum("application/pdf",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "image/jpeg", "image/png"),
			"size": integer, "sha256": str}),
		"created_at": instant, "created_by": str}),
	"RecordNoteList": listOf("RecordNote"),
	"RecordNoteInput": props(nil, obj{"day": obj{"type": "string", "format": "date", "nullable": true, "description": "up to today; default today"},
		"text": obj{"type": "string", "description": "at most 10.000 characters, paragraphs kept"}}),
	"RecordNoteForm": props(nil, obj{"day": obj{"type": "string", "description": "31/01/2026 or 2026-01-31, up to today; default today"},
		"text": obj{"type": "string", "description": "at most 10.000 characters, paragraphs kept; a text or a file is needed"},
		"file": obj{"type": "string", "format": "binary", "description": "PDF, DOCX, JPEG or PNG by its content, at most 10 MB"}}),
	"EssayReview": props(nil, obj{"level": obj{"type": "string", "description": "one of the campaign's levels"},
		"scores":  obj{"type": "array", "items": ref("Score"), "description": "one per criterion of the campaign's rubric"},
		"comment": str, "return": obj{"type": "boolean", "description": "return for revision (needs a comment) instead of grading"},
		"submitted_at": obj{"type": "string", "format": "date-time",
			"description": "submitted_at of the essay as read; a review of a text handed in again since is refused (409)"}}),
	"EssayCount":     props(nil, obj{"unit_id": integer, "status": essayStatusEnum, "level": str, "count": integer}),
	"EssayCountList": listOf("EssayCount"),
	"CheckIn":        props([]string{"code"}, obj{"code": obj{"type": "string", "description": "the code of the conference's QR"}}),
	"Study": props([]string{"campaigns", "conferences"}, obj{
		"campaigns": obj{"type": "array", "items": props(nil, obj{"campaign": ref("Campaign"), "essay_open": boolean,
			"essay":       props(nil, obj{"id": integer, "status": essayStatusEnum, "level": str, "revision": integer, "submitted_at": instant}),
			"conferences": obj{"type": "array", "items": ref("StudyConference")}})},
		"conferences": obj{"type": "array", "items": ref("StudyConference"), "description": "of campaigns not listed"}}),
	"StudyConference": props(nil, obj{"conference": ref("Conference"), "checkin": enum("soon", "open", "over")}),

	"DataSet": props([]string{"name", "indicators", "unit_kinds", "period_kind", "deadline_days"}, obj{"id": integer, "name": str,
		"indicators":    obj{"type": "array", "items": str, "description": "codes of reported indicators, each in one data set only"},
		"computed":      obj{"type": "array", "items": str, "description": "codes of computed indicators shown beside the form"},
		"unit_kinds":    obj{"type": "array", "items": str, "description": "codes of the unit kinds that must report"},
		"period_kind":   enum("month", "quarter", "half", "nine", "year"),
		"deadline_days": obj{"type": "integer", "description": "days after the period's last day; the form is locked after"}}),
	"DataSetList": listOf("DataSet"),
	"ReportedValue": props(nil, obj{"code": str, "value": integer, "base": integer, "entered_by": integer, "entered_login": str,
		"entered_at": instant, "on_behalf": boolean, "late": boolean}),
	"Form": props(nil, obj{"data_set": ref("DataSet"), "unit": ref("Unit"), "period": ref("Period"), "deadline": day,
		"values": obj{"type": "array", "items": ref("ReportedValue")}, "status": formStatusEnum, "reported_at": instant,
		"locked": boolean, "locked_why": str, "reopened_until": day}),
	"ReportForm": obj{"allOf": []obj{ref("Form"), props(nil, obj{
		"lines": obj{"type": "array", "items": props(nil, obj{"indicator": ref("Indicator"), "value": ref("ReportedValue")})},
		"computed": obj{"type": "array", "items": props(nil, obj{"indicator": ref("Indicator"),
			"computed": props(nil, obj{"value": integer, "base": integer})})}})}},
	"ReportValues":      props([]string{"values"}, obj{"values": obj{"type": "array", "items": props([]string{"code", "value"}, obj{"code": str, "value": integer, "base": integer})}}),
	"ReportReopen":      props(nil, obj{"until": obj{"type": "string", "format": "date", "description": "last day the form takes values; none: as many days as the deadline"}}),
	"CompletenessCount": props(nil, obj{"expected": integer, "on_time": integer, "late": integer, "missing": integer}),
	"Completeness": props(nil, obj{"data_set": ref("DataSet"), "unit": ref("Unit"), "period": ref("Period"), "deadline": day,
		"total": ref("CompletenessCount"), "lines": obj{"type": "array", "items": props(nil, obj{"unit": ref("Unit"),
			"status": formStatusEnum, "reported_at": instant, "count": ref("CompletenessCount")})}}),
	"ReportImportResult": props(nil, obj{"forms": integer, "written": boolean,
		"errors": obj{"type": "array", "items": obj{"type": "object", "properties": obj{"row": integer, "field": str, "message": str}}}}),
	"FigureUnit": props(nil, obj{"id": integer, "code": str, "name": str, "kind": str, "depth": integer, "has_children": boolean,
		"own": obj{"type": "boolean", "description": "the unit's own records alone, the line that makes its children add up to its total"}}),
	"TargetsInput": props([]string{"indicator", "period", "targets"}, obj{"indicator": str,
		"period": obj{"type": "string", "description": "2026, 2026-H1, 2026-Q3, 2026-9M, 2026-09: a target holds for that very period"},
		"targets": obj{"type": "array", "items": props([]string{"unit_id", "value"}, obj{"unit_id": integer, "value": integer,
			"base": obj{"type": "integer", "format": "int64", "description": "for a ratio: 974 and 1000 for 97,4%"}})}}),
	"ValidationRuleInput": props([]string{"left", "op", "right", "message"}, obj{
		"left":  obj{"type": "string", "description": "indicator codes joined by +; code:base is the denominator of a ratio"},
		"op":    enum(">=", "<=", "=="),
		"right": obj{"type": "string", "description": "as left"}, "message": str}),
	"ValidationRule": props(nil, obj{"id": integer, "left": str, "op": enum(">=", "<=", "=="), "right": str, "message": str,
		"builtin": boolean, "created_by": str, "created_at": instant}),
	"ValidationRuleList": listOf("ValidationRule"),
	"Violation": props(nil, obj{"rule": ref("ValidationRule"), "unit": ref("FigureUnit"), "period": ref("Period"),
		"left": integer, "right": integer}),
	"OutlierConfirmation": props([]string{"indicator", "unit_id", "period", "value", "comment"}, obj{"indicator": str,
		"unit_id": integer, "period": str, "value": integer, "comment": str,
		"confirmed_by": obj{"type": "string", "readOnly": true}, "confirmed_at": obj{"type": "string", "format": "date-time", "readOnly": true}}),
	"Outlier": props(nil, obj{"indicator": ref("Indicator"), "unit": ref("FigureUnit"), "period": ref("Period"), "value": integer,
		"against": enum("history", "siblings"), "test": enum("spread", "jump"), "median": integer,
		"spread":   obj{"type": "integer", "format": "int64", "description": "median absolute deviation of what it was compared with"},
		"compared": integer, "confirmation": ref("OutlierConfirmation")}),
	"QualityReport": props(nil, obj{"unit": ref("FigureUnit"), "period": ref("Period"),
		"violations": obj{"type": "array", "items": ref("Violation")},
		"outliers":   obj{"type": "array", "items": ref("Outlier"), "description": "not confirmed"},
		"confirmed":  obj{"type": "array", "items": ref("Outlier")},
		"skipped":    obj{"type": "array", "items": str, "description": "rules left out: an indicator they name is not in the catalogue"},
		"as_of":      instant}),

	"ReportSection": props(nil, obj{"title": str,
		"text":  obj{"type": "string", "description": "paragraphs separated by blank lines, a line starting \"- \" an item; figures as tokens: {code}, {code:approx|change|previous|num|base|some}, {unit}, {period}, {previous}, {next}, {body}, {committee}, {cells}; a sentence whose every figure is zero is left out of the report"},
		"table": obj{"type": "array", "items": str, "description": "indicator codes of a table with a row per unit right below and a total"},
		"chart": obj{"type": "string", "description": "the indicator drawn month by month over the period"}}),
	"ReportTemplate": props([]string{"code", "name"}, obj{"id": integer, "code": str, "name": str,
		"period_kind": obj{"type": "string", "enum": []string{"half", "year", "month", "quarter", "nine", ""}, "description": "the kind of period reported on; empty: any"},
		"subject":     str, "sections": obj{"type": "array", "items": ref("ReportSection")}, "updated_at": instant,
		"signing": ref("ReportSigningPart")}),
	"ReportTemplateList": listOf("ReportTemplate"),
	"ReportSigningPart":  props(nil, reportSigningFields()),
	"Report": props(nil, mergeObj(reportSigningFields(), obj{"id": integer, "unit_id": integer, "unit_name": str, "template_id": integer,
		"period": ref("Period"), "status": enum("draft", "final"),
		"version": obj{"type": "integer", "description": "counts the saved states from 1; send it back with a change"},
		"subject": str, "sections": obj{"type": "array", "items": ref("ReportSection")},
		"number": obj{"type": "string", "description": "the symbol of a final report: 12-BC/BTGTU"}, "signed_on": day,
		"figures": props(nil, obj{"main": obj{"nullable": true, "allOf": []obj{ref("FigureTable")},
			"description": "the figures the report shows, as counted at as_of; null in a list, which leaves them out"},
			"months": ref("FigureTable")}),
		"created_at": instant, "updated_at": instant, "updated_by": str, "finalised_at": instant, "finalised_by": str,
		"submitted_at": instant, "submitted_by": str})),
	"ReportList": listOf("Report"),
	"ReportDraft": props([]string{"unit_id", "template_id", "period"}, obj{"unit_id": integer, "template_id": integer,
		"period": obj{"type": "string", "description": "a period code: 2026-H1, 2026"}}),
	"ReportEdit": props([]string{"version"}, mergeObj(reportSigningFields(), obj{"version": integer, "subject": str,
		"sections": obj{"type": "array", "items": ref("ReportSection")}})),
	"ReportVersionInput": props([]string{"version"}, obj{"version": integer}),
	"ReportSigning": props([]string{"version", "number", "signed_on"}, obj{"version": integer, "number": str, "signed_on": day,
		"sign_for": str, "signer_title": str, "signer": str}),
	"ReportVersion": props(nil, obj{"version": integer, "action": enum("create", "edit", "refresh", "finalise", "submit"),
		"by": str, "at": instant}),
	"ReportVersionList": listOf("ReportVersion"),
	"ReportSubmission":  props(nil, obj{"unit_id": integer, "unit_name": str, "report": ref("Report")}),
	"ReportSubmissionList": props([]string{"items", "total"}, obj{"template_id": integer, "period": ref("Period"),
		"items": obj{"type": "array", "items": ref("ReportSubmission")}, "total": integer}),
	"Signers": props([]string{"user_ids"}, obj{"user_ids": obj{"type": "array", "items": integer}}),
}

// reportSigningFields are the fields of the part of a report that names who issues and
// signs it.
func reportSigningFields() obj {
	return obj{"superior": str, "issuer": str, "sign_for": str, "signer_title": str, "signer": str,
		"recipients": obj{"type": "array", "items": str}, "place": str}
}

// mergeObj returns the properties of a and b together.
func mergeObj(a, b obj) obj {
	maps.Copy(a, b)
	return a
}

var formStatusEnum = enum("on_time", "late", "missing")

var essayStatusEnum = enum("submitted", "returned", "graded")

var formEnum = enum("in_person", "online", "both")

// categoryCounts is a number of people by category (key_cadre, member, probation, union,
// masses).
var categoryCounts = obj{"type": "object", "additionalProperties": integer, "description": "people by category"}

// indicatorFields is the fields of an indicator.
func indicatorFields() obj {
	return obj{"code": str, "name": str, "name_en": str,
		"measure":    obj{"type": "string", "description": "what one counts: người (distinct people), lượt (attendances), hội nghị, văn bản, %…"},
		"measure_en": str, "group": str, "aggregation": enum("sum", "ratio"),
		"source": obj{"type": "string", "enum": []string{"computed", "reported"}, "readOnly": true},
		"stock":  obj{"type": "boolean", "description": "a value held at a moment, taken on the period's last day; otherwise a flow that adds up over time"},
		"base":   obj{"type": "string", "description": "what the denominator of a ratio counts"}, "base_en": str,
		"records": obj{"type": "string", "description": "the page of the records behind a value, with {unit}, {from} and {to} to fill in"}}
}

// campaignFieldsSchema is the editable fields of a campaign, with the organising unit when
// it is created.
func campaignFieldsSchema(create bool) obj {
	p := obj{"title": str, "description": str, "document_ids": obj{"type": "array", "items": integer},
		"audiences": obj{"type": "array", "items": ref("CampaignAudience")}, "start_on": day, "end_on": day,
		"unit_ids": obj{"type": "array", "items": integer}, "essay_due": day,
		"essay_criteria": obj{"type": "array", "items": str}, "essay_levels": obj{"type": "array", "items": str}}
	if create {
		p["unit_id"] = integer
	}
	return p
}

// conferenceFieldsSchema is the editable fields of a conference, with its campaign and
// organising unit when it is created.
func conferenceFieldsSchema(create bool) obj {
	p := obj{"title": str, "starts_at": instant, "ends_at": instant, "form": formEnum, "materials": str,
		"presenters": obj{"type": "array", "items": props([]string{"person_id"}, obj{"person_id": integer})},
		"bridge_points": obj{"type": "array", "items": props([]string{"unit_id"}, obj{"unit_id": integer, "place": str,
			"expected": categoryCounts})}}
	if create {
		p["campaign_id"], p["unit_id"] = integer, integer
	}
	return p
}

// allSchemas returns schemas with those of the declared kinds of record.
func allSchemas() obj {
	out := maps.Clone(schemas)
	maps.Copy(out, recordSchemas())
	return out
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// openAPIDocument builds the OpenAPI 3 document from the route table, so that the two cannot
// disagree.
func openAPIDocument() obj {
	paths := obj{}
	for _, rt := range routes() {
		if rt.api == nil {
			continue
		}
		item, _ := paths[rt.pattern].(obj)
		if item == nil {
			item = obj{}
			paths[rt.pattern] = item
		}
		item[strings.ToLower(rt.method)] = operation(rt)
	}
	return obj{
		"openapi": "3.0.3",
		"info": obj{"title": "tuyengiao API", "version": "1",
			"description": "Units, people, accounts, the document registry and the audit log. Log in with POST /api/v1/auth/login and send the token as `Authorization: Bearer <token>`. Errors carry a code and a message in Vietnamese, or in English for a request with Accept-Language: en."},
		"servers":    []obj{{"url": "/"}},
		"paths":      paths,
		"components": obj{"schemas": nullableArrays(allSchemas()), "responses": errorResponses, "securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer"}}},
	}
}

// operationIDs names each operation of the API for generated clients: a stable camelCase
// name, by the route's method and pattern. Every API route has one (TestOpenAPI).
var operationIDs = map[string]string{
	"GET /api/v1/openapi.json":                              "getOpenAPI",
	"POST /api/v1/auth/login":                               "login",
	"POST /api/v1/auth/logout":                              "logout",
	"POST /api/v1/auth/password":                            "changePassword",
	"GET /api/v1/me":                                        "getMe",
	"GET /api/v1/units":                                     "listUnits",
	"POST /api/v1/units":                                    "createUnit",
	"GET /api/v1/units/{id}":                                "getUnit",
	"PATCH /api/v1/units/{id}":                              "updateUnit",
	"POST /api/v1/units/{id}/move":                          "moveUnit",
	"POST /api/v1/units/{id}/close":                         "closeUnit",
	"POST /api/v1/units/{id}/reopen":                        "reopenUnit",
	"GET /api/v1/units/{id}/counts":                         "getUnitCounts",
	"GET /api/v1/unit-kinds":                                "listUnitKinds",
	"POST /api/v1/unit-kinds":                               "createUnitKind",
	"GET /api/v1/people":                                    "listPeople",
	"POST /api/v1/people":                                   "createPerson",
	"GET /api/v1/people/{id}":                               "getPerson",
	"PATCH /api/v1/people/{id}":                             "updatePerson",
	"POST /api/v1/people/{id}/status":                       "changePersonStatus",
	"POST /api/v1/people/import":                            "importPeople",
	"GET /api/v1/people/export":                             "exportPeople",
	"GET /api/v1/users":                                     "listUsers",
	"POST /api/v1/users":                                    "createUser",
	"GET /api/v1/users/{id}":                                "getUser",
	"PATCH /api/v1/users/{id}":                              "updateUser",
	"POST /api/v1/users/{id}/grants":                        "addGrant",
	"DELETE /api/v1/users/{id}/grants/{grant}":              "removeGrant",
	"POST /api/v1/users/{id}/disable":                       "disableUser",
	"POST /api/v1/users/{id}/enable":                        "enableUser",
	"POST /api/v1/users/{id}/password":                      "resetUserPassword",
	"GET /api/v1/documents":                                 "listDocuments",
	"POST /api/v1/documents":                                "createDocument",
	"GET /api/v1/documents/{id}":                            "getDocument",
	"PATCH /api/v1/documents/{id}":                          "updateDocument",
	"POST /api/v1/documents/{id}/files":                     "attachDocumentFile",
	"GET /api/v1/documents/{id}/implementation":             "getDocumentImplementation",
	"GET /api/v1/documents/{id}/chain":                      "getDocumentChain",
	"POST /api/v1/documents/{id}/relations":                 "addDocumentRelation",
	"POST /api/v1/documents/{id}/relations/delete":          "removeDocumentRelation",
	"GET /api/v1/document-files/{file}":                     "downloadDocumentFile",
	"GET /api/v1/document-types":                            "listDocumentTypes",
	"POST /api/v1/document-types":                           "createDocumentType",
	"GET /api/v1/document-issuers":                          "listDocumentIssuers",
	"POST /api/v1/document-issuers":                         "createDocumentIssuer",
	"PUT /api/v1/document-issuers/{kind}/{code}/unit-kinds": "setDocumentIssuerUnitKinds",
	"GET /api/v1/me/study":                                  "getMyStudy",
	"GET /api/v1/campaigns/{id}/essay":                      "getMyEssay",
	"POST /api/v1/campaigns/{id}/essay":                     "submitEssay",
	"GET /api/v1/campaigns/{id}/essays":                     "listCampaignEssays",
	"GET /api/v1/campaigns/{id}/essay-counts":               "countCampaignEssays",
	"GET /api/v1/essays/{id}":                               "getEssay",
	"GET /api/v1/essays/{id}/file":                          "downloadEssayFile",
	"POST /api/v1/essays/{id}/review":                       "reviewEssay",
	"POST /api/v1/conferences/{id}/checkin":                 "checkIn",
	"GET /api/v1/campaigns":                                 "listCampaigns",
	"POST /api/v1/campaigns":                                "createCampaign",
	"GET /api/v1/campaigns/{id}":                            "getCampaign",
	"PUT /api/v1/campaigns/{id}":                            "updateCampaign",
	"GET /api/v1/campaigns/{id}/participation":              "getCampaignParticipation",
	"GET /api/v1/campaigns/{id}/not-attended":               "listCampaignNotAttended",
	"GET /api/v1/campaigns/{id}/conferences":                "listCampaignConferences",
	"GET /api/v1/conferences":                               "listConferences",
	"GET /api/v1/conferences/attended":                      "listAttended",
	"POST /api/v1/conferences":                              "createConference",
	"GET /api/v1/conferences/{id}":                          "getConference",
	"PUT /api/v1/conferences/{id}":                          "updateConference",
	"GET /api/v1/conferences/{id}/roster":                   "getRoster",
	"PUT /api/v1/conferences/{id}/roster":                   "markRoster",
	"GET /api/v1/conferences/{id}/checkin-code":             "getCheckInCode",
	"PUT /api/v1/bridge-points/{id}/headcount":              "setHeadcount",
	"GET /api/v1/reported-indicators":                       "listReportedIndicators",
	"POST /api/v1/reported-indicators":                      "createReportedIndicator",
	"PUT /api/v1/reported-indicators/{code}":                "updateReportedIndicator",
	"GET /api/v1/data-sets":                                 "listDataSets",
	"POST /api/v1/data-sets":                                "createDataSet",
	"GET /api/v1/data-sets/{id}":                            "getDataSet",
	"PUT /api/v1/data-sets/{id}":                            "updateDataSet",
	"GET /api/v1/data-sets/{id}/units/{unit}/form":          "getReportForm",
	"PUT /api/v1/data-sets/{id}/units/{unit}/form":          "enterReportForm",
	"POST /api/v1/data-sets/{id}/units/{unit}/reopen":       "reopenReportForm",
	"GET /api/v1/data-sets/{id}/completeness":               "getCompleteness",
	"GET /api/v1/data-sets/{id}/template":                   "downloadReportTemplate",
	"POST /api/v1/data-sets/{id}/import":                    "importReport",
	"GET /api/v1/indicators":                                "listIndicators",
	"GET /api/v1/periods":                                   "listPeriods",
	"GET /api/v1/figures":                                   "getFigures",
	"GET /api/v1/audit":                                     "listAuditRecords",
	"GET /api/v1/targets":                                   "getTargets",
	"PUT /api/v1/targets":                                   "setTargets",
	"GET /api/v1/quality":                                   "getQuality",
	"POST /api/v1/quality/confirmations":                    "confirmOutlier",
	"GET /api/v1/validation-rules":                          "listValidationRules",
	"POST /api/v1/validation-rules":                         "createValidationRule",
	"DELETE /api/v1/validation-rules/{id}":                  "deleteValidationRule",
	"GET /api/v1/reports":                                   "listReports",
	"POST /api/v1/reports":                                  "draftReport",
	"GET /api/v1/reports/{id}":                              "getReport",
	"PUT /api/v1/reports/{id}":                              "editReport",
	"POST /api/v1/reports/{id}/refresh":                     "refreshReport",
	"POST /api/v1/reports/{id}/finalise":                    "finaliseReport",
	"POST /api/v1/reports/{id}/submit":                      "submitReport",
	"GET /api/v1/reports/{id}/versions":                     "listReportVersions",
	"GET /api/v1/reports/{id}/docx":                         "downloadReportDOCX",
	"GET /api/v1/reports/{id}/pdf":                          "downloadReportPDF",
	"GET /api/v1/reports/{id}/xlsx":                         "downloadReportXLSX",
	"GET /api/v1/report-submissions":                        "listReportSubmissions",
	"GET /api/v1/report-templates":                          "listReportTemplates",
	"POST /api/v1/report-templates":                         "createReportTemplate",
	"GET /api/v1/report-templates/{id}":                     "getReportTemplate",
	"PUT /api/v1/report-templates/{id}":                     "updateReportTemplate",
	"GET /api/v1/units/{id}/signers":                        "getUnitSigners",
	"PUT /api/v1/units/{id}/signers":                        "setUnitSigners",
}

// nullableArrays marks every array of the schemas nullable, as the server writes an empty
// list as null as well as [] and takes null for none in a request.
func nullableArrays(schema obj) obj {
	out := obj{}
	for k, v := range schema {
		switch v := v.(type) {
		case obj:
			v = nullableArrays(v)
			if v["type"] == "array" {
				v["nullable"] = true
			}
			out[k] = v
		case []obj:
			all := make([]obj, len(v))
			for i, x := range v {
				all[i] = nullableArrays(x)
			}
			out[k] = all
		default:
			out[k] = v
		}
	}
	return out
}

func operation(rt route) obj {
	op := obj{"operationId": cmp.Or(operationIDs[rt.method+" "+rt.pattern], rt.api.id), "summary": rt.summary, "responses": responses(rt)}
	var params []obj
	for _, m := range pathParam.FindAllStringSubmatch(rt.pattern, -1) {
		schema := integer
		if m[1] == "code" || m[1] == "kind" {
			schema = str
		}
		params = append(params, obj{"name": m[1], "in": "path", "required": true, "schema": schema})
	}
	for _, q := range rt.api.query {
		params = append(params, obj{"name": q, "in": "query", "schema": str})
	}
	if params != nil {
		op["parameters"] = params
	}
	if rt.login {
		op["security"] = []obj{{"bearer": []string{}}}
	} else {
		op["security"] = []obj{}
	}
	switch rt.api.req {
	case "":
	case "multipart":
		op["requestBody"] = obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": props([]string{"file"},
			obj{"file": obj{"type": "string", "format": "binary"}})}}}
	case "RecordNoteForm":
		// A note comes as a form with its optional file, or as JSON without one.
		op["requestBody"] = obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": ref("RecordNoteForm")},
			"application/json": obj{"schema": ref("RecordNoteInput")}}}
	case "EssayForm":
		// An essay comes as a form with its optional file, or as JSON with its text alone.
		op["requestBody"] = obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": ref("EssayForm")},
			"application/json": obj{"schema": ref("EssayInput")}}}
	default:
		op["requestBody"] = obj{"required": true, "content": obj{"application/json": obj{"schema": ref(rt.api.req)}}}
	}
	return op
}

// errorResponses are the error answers of the API by status, each the Error body with its
// code (status in errors.go).
var errorResponses = obj{
	"Unauthorized": errorResponse("not logged in, or the token has expired or was revoked (unauthorized); at login, a wrong login or password"),
	"Forbidden":    errorResponse("the caller may not do this here (forbidden), or must change their password first (password_change_required)"),
	"NotFound":     errorResponse("what the address or a parameter names does not exist, or is outside what the caller may see (not_found)"),
	"Conflict":     errorResponse("the change conflicts with the data as it is now (conflict)"),
	"TooLarge":     errorResponse("the body is over the route's limit (too_large)"),
	"Invalid":      errorResponse("a field, parameter or row is not valid; field or row names it (invalid)"),
	"TooMany":      errorResponse("too many failed logins lately: try again later (too_many)"),
	"Busy":         busyResponse(),
}

// busyResponse is the answer of a request the server had no capacity for in time: the same
// request may succeed after the seconds of Retry-After (busy).
func busyResponse() obj {
	r := errorResponse("the server is at its capacity: try again after the seconds of Retry-After (busy)")
	r["headers"] = obj{"Retry-After": obj{"description": "seconds to wait before trying again", "schema": obj{"type": "integer"}}}
	return r
}

func errorResponse(description string) obj {
	return obj{"description": description, "content": obj{"application/json": obj{"schema": ref("Error")}}}
}

func errorRef(name string) obj { return obj{"$ref": "#/components/responses/" + name} }

// responses are the answers of a route: its success, the 4xx it may answer by what it takes
// (a login, an action, parameters, a body), and any other error as default.
func responses(rt route) obj {
	out := obj{"default": errorResponse("an unexpected error (internal)")}
	takesParams := pathParam.MatchString(rt.pattern) || len(rt.api.query) > 0 || rt.api.req != ""
	if rt.login {
		out["401"], out["403"] = errorRef("Unauthorized"), errorRef("Forbidden")
		if takesParams {
			out["404"] = errorRef("NotFound")
		}
		if rt.method != http.MethodGet {
			out["409"] = errorRef("Conflict")
		}
	}
	if rt.api.req != "" {
		out["413"] = errorRef("TooLarge")
	}
	if takesParams {
		out["422"] = errorRef("Invalid")
	}
	if rt.pattern == "/api/v1/auth/login" {
		out["401"], out["429"], out["503"] = errorRef("Unauthorized"), errorRef("TooMany"), errorRef("Busy")
	}
	switch rt.api.resp {
	case "":
		out["204"] = obj{"description": "done"}
	case "object":
		out["200"] = obj{"description": "ok", "content": obj{"application/json": obj{"schema": obj{"type": "object"}}}}
	case "file":
		binary := obj{"schema": obj{"type": "string", "format": "binary"}}
		out["200"] = obj{"description": "the file, PDF or DOCX", "content": obj{"application/pdf": binary,
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document": binary}}
	case "noteFile":
		binary := obj{"schema": obj{"type": "string", "format": "binary"}}
		out["200"] = obj{"description": "the file, PDF, DOCX, JPEG or PNG", "content": obj{"application/pdf": binary,
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document": binary, "image/jpeg": binary, "image/png": binary}}
	case "xlsx":
		out["200"] = obj{"description": "XLSX file", "content": obj{
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": obj{"schema": obj{"type": "string", "format": "binary"}}}}
	default:
		code := "200"
		if rt.api.created {
			code = "201"
		}
		out[code] = obj{"description": "ok", "content": obj{"application/json": obj{"schema": ref(rt.api.resp)}}}
	}
	return out
}

var (
	openAPIOnce sync.Once
	openAPIDoc  obj
)

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	openAPIOnce.Do(func() { openAPIDoc = openAPIDocument() })
	writeJSON(w, http.StatusOK, openAPIDoc)
	return nil
}
