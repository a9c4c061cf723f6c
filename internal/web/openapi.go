package web

import (
	"net/http"
	"regexp"
	"strings"
	"sync"
)

// apiDoc describes an API route for the OpenAPI document: the schema of the JSON request and
// response ("" for none; "multipart" and "xlsx" for files), the query parameters, and whether
// success is 201 Created rather than 200.
type apiDoc struct {
	req, resp string
	query     []string
	created   bool
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
	day     = obj{"type": "string", "format": "date"}
	instant = obj{"type": "string", "format": "date-time"}
)

func listOf(item string) obj {
	return props([]string{"items", "total"}, obj{"items": obj{"type": "array", "items": ref(item)}, "total": integer})
}

func enum(values ...string) obj { return obj{"type": "string", "enum": values} }

var categoryEnum = enum("key_cadre", "member", "probation", "union", "masses")
var relationEnum = enum("implements", "updates", "replaces", "continues", "guides")
var roleEnum = enum("sysadmin", "unitadmin", "editor", "viewer", "reviewer", "member")

// schemas are the components of the OpenAPI document, by the names the routes use.
var schemas = obj{
	"Error": props([]string{"error"}, obj{"error": props([]string{"code", "message"}, obj{
		"code": str, "message": obj{"type": "string", "description": "Vietnamese, ready to show"},
		"field": str, "row": obj{"type": "integer", "description": "spreadsheet row of an import"}})}),
	"LoginRequest":   props([]string{"login", "password"}, obj{"login": str, "password": str}),
	"Token":          props([]string{"token"}, obj{"token": str, "expires_at": instant}),
	"PasswordChange": props([]string{"old_password", "new_password"}, obj{"old_password": str, "new_password": str}),
	"PasswordReset":  props([]string{"password"}, obj{"password": str}),
	"Grant":          props(nil, obj{"id": integer, "user_id": integer, "role": roleEnum, "unit_id": integer, "unit_code": str, "unit_name": str}),
	"GrantInput":     props([]string{"role"}, obj{"role": roleEnum, "unit_id": integer}),
	"Me":             props(nil, obj{"user_id": integer, "login": str, "person_id": integer, "grants": obj{"type": "array", "items": ref("Grant")}}),
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
	"Person": props([]string{"unit_id", "full_name", "category"}, obj{"id": integer, "unit_id": integer, "unit_code": str,
		"unit_name": str, "full_name": str, "birth_year": integer, "birth_date": day, "gender": enum("male", "female"),
		"category": categoryEnum, "position": str, "phone": str, "party_card": str,
		"status": enum("active", "moved_out", "deceased"), "status_date": day, "created_at": instant, "updated_at": instant}),
	"PersonUpdate": props(nil, obj{"unit_id": integer, "full_name": str, "birth_year": integer, "birth_date": day,
		"gender": enum("male", "female"), "category": categoryEnum, "position": str, "phone": str, "party_card": str}),
	"PersonList":   listOf("Person"),
	"StatusChange": props([]string{"status", "on"}, obj{"status": enum("active", "moved_out", "deceased"), "on": day}),
	"ImportResult": props(nil, obj{"rows": integer, "valid": integer, "committed": boolean, "created": integer,
		"errors": obj{"type": "array", "items": obj{"type": "object", "properties": obj{"row": integer, "field": str, "message": str}}}}),
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
		"files": obj{"type": "array", "items": ref("DocumentFile")}, "relations": obj{"type": "array", "items": ref("DocumentRelation")}}),
	"DocumentInput": props([]string{"symbol", "title", "unit_id"}, obj{"symbol": str, "issued_on": day, "term": str, "title": str,
		"summary": str, "fields": obj{"type": "array", "items": str}, "unit_id": integer}),
	"DocumentUpdate": props(nil, obj{"symbol": str, "issued_on": day, "term": str, "title": str, "summary": str,
		"fields": obj{"type": "array", "items": str}}),
	"DocumentList": listOf("Document"),
	"DocumentFile": props(nil, obj{"id": integer, "document_id": integer, "name": str,
		"content_type": enum("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
		"size":         integer, "sha256": str, "created_at": instant}),
	"DocumentRelation": props(nil, obj{"from_id": integer, "to_id": integer, "kind": relationEnum,
		"from_symbol": str, "to_symbol": str, "from_title": str, "to_title": str}),
	"DocumentRelationInput": props([]string{"to_id", "kind"}, obj{"to_id": integer, "kind": relationEnum}),
	"DocumentChain": props([]string{"documents", "relations"}, obj{"documents": obj{"type": "array", "items": ref("Document")},
		"relations": obj{"type": "array", "items": ref("DocumentRelation")}}),
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
			"description": "Units, people, accounts, the document registry and the audit log. Log in with POST /api/v1/auth/login and send the token as `Authorization: Bearer <token>`. Errors carry a code and a Vietnamese message."},
		"servers":    []obj{{"url": "/"}},
		"paths":      paths,
		"components": obj{"schemas": schemas, "securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer"}}},
	}
}

func operation(rt route) obj {
	op := obj{"summary": rt.summary, "responses": responses(rt)}
	var params []obj
	for _, m := range pathParam.FindAllStringSubmatch(rt.pattern, -1) {
		params = append(params, obj{"name": m[1], "in": "path", "required": true, "schema": integer})
	}
	for _, q := range rt.api.query {
		params = append(params, obj{"name": q, "in": "query", "schema": str})
	}
	if params != nil {
		op["parameters"] = params
	}
	if rt.login {
		op["security"] = []obj{{"bearer": []string{}}}
	}
	switch rt.api.req {
	case "":
	case "multipart":
		op["requestBody"] = obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": props([]string{"file"},
			obj{"file": obj{"type": "string", "format": "binary"}})}}}
	default:
		op["requestBody"] = obj{"required": true, "content": obj{"application/json": obj{"schema": ref(rt.api.req)}}}
	}
	return op
}

func responses(rt route) obj {
	errResp := obj{"description": "error", "content": obj{"application/json": obj{"schema": ref("Error")}}}
	out := obj{"default": errResp}
	switch rt.api.resp {
	case "":
		out["204"] = obj{"description": "done"}
	case "object":
		out["200"] = obj{"description": "ok", "content": obj{"application/json": obj{"schema": obj{"type": "object"}}}}
	case "file":
		out["200"] = obj{"description": "the file, with its stored content type", "content": obj{
			"application/octet-stream": obj{"schema": obj{"type": "string", "format": "binary"}}}}
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
