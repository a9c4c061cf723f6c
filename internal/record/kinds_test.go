package record

import (
	"testing"

	"tuyengiao"
)

// TestEveryOptionReadsBack checks every option of every declared kind: its code and both its
// names, as a form or a spreadsheet cell gives them, read back as that option and no other,
// so that no two options of a field fold to the same name.
func TestEveryOptionReadsBack(t *testing.T) {
	for _, k := range tuyengiao.RecordKinds() {
		for i := range k.Fields {
			f := &k.Fields[i]
			for _, o := range f.Options {
				for _, s := range []string{o.Code, o.Name, o.NameEn} {
					if got, err := Parse(f, s); err != nil || got != o.Code {
						t.Errorf("%s.%s: %q reads as %v, %v; want %q", k.Code, f.Name, s, got, err, o.Code)
					}
				}
			}
		}
	}
}
