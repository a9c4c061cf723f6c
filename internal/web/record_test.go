package web

import (
	"testing"

	"tuyengiao"
)

// TestRecordKindsFitThePages: the pages and the API of the records are generated from the
// declared kinds, so a kind must leave them the names of their forms and filters, and its
// schemas and operations must not take another kind's names.
func TestRecordKindsFitThePages(t *testing.T) {
	named := map[string]string{}
	for _, k := range tuyengiao.RecordKinds() {
		for _, f := range k.Fields {
			switch f.Name {
			case "unit", "unit_code", "from", "to", "q", "page", "offset", "limit", "version", "commit":
				t.Errorf("kind %s: field %s takes a name of the pages' forms or filters", k.Code, f.Name)
			}
		}
		if other, ok := named[schemaName(k)]; ok {
			t.Errorf("kinds %s and %s are both %s in the OpenAPI document", k.Code, other, schemaName(k))
		}
		named[schemaName(k)] = k.Code
	}
	if got := schemaName(tuyengiao.MediaItems); got != "MediaItems" {
		t.Errorf("media-items is %s in the OpenAPI document", got)
	}
}
