package tuyengiao

import (
	"strings"
	"testing"
)

func TestReportLimits(t *testing.T) {
	long := func(sections, chars int) *Report {
		r := &Report{Subject: "Sơ kết"}
		for range sections {
			r.Sections = append(r.Sections, ReportSection{Title: "Phần", Text: strings.Repeat("ệ", chars)})
		}
		return r
	}
	t.Run("takes a section of 100.000 characters and an annual report of many sections", func(t *testing.T) {
		for _, r := range []*Report{long(1, 100000), long(40, 12000)} {
			if err := r.Validate(); err != nil {
				t.Errorf("%d sections: %v", len(r.Sections), err)
			}
		}
	})
	t.Run("refuses a report whose sections together pass 500.000 characters, naming the sections", func(t *testing.T) {
		for _, r := range []*Report{long(200, 100000), long(6, 90000)} {
			if e, ok := r.Validate().(*Error); !ok || e.Field != "sections" || !strings.Contains(e.Key, "500.000") {
				t.Errorf("%d sections: %v", len(r.Sections), r.Validate())
			}
		}
	})
}
