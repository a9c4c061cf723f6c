package xlsximport

import (
	"testing"

	"tuyengiao"
)

// TestRecordColumnsOfEveryKind guards the declared kinds: each field's column is found by its
// label in either language and by its name, none taken by another column of its kind.
func TestRecordColumnsOfEveryKind(t *testing.T) {
	for _, k := range tuyengiao.RecordKinds() {
		set := recordColumns(k)
		for i, f := range k.Fields {
			for _, name := range []string{f.Label, f.LabelEn, f.Name, f.Label + " *"} {
				if j, ok := set.aliases[set.fold(name)]; !ok || j != i+1 {
					t.Errorf("%s: the header %q finds column %d, want that of %s", k.Code, name, j, f.Name)
				}
			}
		}
	}
}
