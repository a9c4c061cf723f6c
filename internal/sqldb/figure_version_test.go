package sqldb

import (
	"context"
	"errors"
	"slices"
	"testing"

	"tuyengiao"
)

// TestFigureVersions checks the contract the figure service's memo keeps answers on: a write
// to what a source counts raises that source's version, and only its own, in the write's
// transaction; a write rolled back raises none.
func TestFigureVersions(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		admin := sysadminCtx()
		sources := map[string]interface {
			Version(context.Context) (int64, error)
		}{"people": db.PeopleFigures(), "study": db.StudyFigures(), "documents": db.DocumentFigures(), "reported": db.ReportedFigures(),
			"records": db.RecordFigures()}
		versions := func() map[string]int64 {
			t.Helper()
			out := map[string]int64{}
			for name, src := range sources {
				v, err := src.Version(admin)
				if err != nil {
					t.Fatal(err)
				}
				out[name] = v
			}
			return out
		}
		raised := func(write func() error, want ...string) {
			t.Helper()
			before := versions()
			if err := write(); err != nil {
				t.Fatal(err)
			}
			after := versions()
			for name := range sources {
				up := after[name] > before[name]
				if wanted := slices.Contains(want, name); up != wanted {
					t.Errorf("%s raised: %v, want %v", name, up, wanted)
				}
			}
		}
		city := kindTestUnit(t, db, 1, "/", "TU", "thanh_uy")
		kindTestUnit(t, db, 2, city, "QU1", "quan_uy")
		person := &tuyengiao.Person{UnitID: 2, FullName: "Nguyễn Văn An", Category: tuyengiao.CategoryMember}
		t.Run("a person counts in the people and the study figures", func(t *testing.T) {
			raised(func() error { return db.CreatePerson(admin, person) }, "people", "study")
		})
		t.Run("a document counts in the document figures alone", func(t *testing.T) {
			raised(func() error { docCreate(t, admin, db, 1, "12-CTr/TU", "2026-03-02", "Chương trình"); return nil }, "documents")
		})
		t.Run("a reported indicator changes the reported figures' catalogue", func(t *testing.T) {
			ind := &tuyengiao.Indicator{Code: "security.teams", Name: "Tổ tự quản an ninh", Measure: "tổ", Aggregation: tuyengiao.AggregateSum}
			raised(func() error {
				return db.Reporting(db.ReportedFigures().Indicators).SaveReportedIndicator(admin, ind, false)
			}, "reported")
		})
		t.Run("a record of a declared kind counts in the record figures alone", func(t *testing.T) {
			r := &tuyengiao.Record{UnitID: 2, Values: tuyengiao.RecordValues{"day": db.today(), "channel": "press", "form": "article",
				"title": "Bài báo"}}
			raised(func() error { return db.RecordStore().CreateRecord(admin, tuyengiao.MediaItems, r) }, "records")
			raised(func() error { return db.RecordStore().DeleteRecord(admin, tuyengiao.MediaItems, r.ID, r.Version) }, "records")
		})
		t.Run("a write rolled back raises nothing", func(t *testing.T) {
			refused := errors.New("refused")
			raised(func() error {
				err := db.update(admin, func(tx *Tx) error {
					if _, err := tx.exec(admin, `UPDATE people SET full_name = 'Trần Thị Bình'`); err != nil {
						return err
					}
					return refused
				})
				if !errors.Is(err, refused) {
					return err
				}
				return nil
			})
		})
		t.Run("a write of many rows raises each version, once on PostgreSQL", func(t *testing.T) {
			before := versions()
			if err := db.update(admin, func(tx *Tx) error {
				for range 3 {
					if _, err := tx.exec(admin, `UPDATE people SET full_name = 'Trần Thị Bình'`); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			after := versions()
			if after["people"] <= before["people"] || after["study"] <= before["study"] {
				t.Errorf("versions %v, then %v", before, after)
			}
			if db.postgres && after["people"] != before["people"]+1 {
				t.Errorf("people raised by %d, want 1", after["people"]-before["people"])
			}
		})
	})
}
