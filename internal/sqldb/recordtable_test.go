package sqldb

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"tuyengiao"
)

// conventionTypes are the declared types of the columns of a kind's table (RecordStore's
// convention) on SQLite and on PostgreSQL (as information_schema names them), with NOT
// NULL where they have it.
var conventionTypes = map[string][2]string{
	"id": {"INTEGER NOT NULL", "bigint NOT NULL"}, "unit_id": {"INTEGER NOT NULL", "bigint NOT NULL"},
	"search": {"TEXT NOT NULL", "text NOT NULL"}, "version": {"INTEGER NOT NULL", "integer NOT NULL"},
	"created_at": {"TIMESTAMP NOT NULL", "timestamp with time zone NOT NULL"}, "created_by": {"INTEGER", "bigint"},
	"updated_at": {"TIMESTAMP NOT NULL", "timestamp with time zone NOT NULL"}, "updated_by": {"INTEGER", "bigint"},
	"deleted_at": {"TIMESTAMP", "timestamp with time zone"}, "deleted_by": {"INTEGER", "bigint"},
}

// fieldTypes are the declared types of the column of a field of each type.
var fieldTypes = map[tuyengiao.FieldType][2]string{
	tuyengiao.FieldText: {"TEXT NOT NULL", "text NOT NULL"}, tuyengiao.FieldNote: {"TEXT NOT NULL", "text NOT NULL"},
	tuyengiao.FieldChoice: {"TEXT NOT NULL", "text NOT NULL"}, tuyengiao.FieldLink: {"TEXT NOT NULL", "text NOT NULL"},
	tuyengiao.FieldDay: {"TEXT NOT NULL", "text NOT NULL"}, tuyengiao.FieldCount: {"INTEGER NOT NULL", "bigint NOT NULL"},
	tuyengiao.FieldMoney: {"INTEGER NOT NULL", "bigint NOT NULL"}, tuyengiao.FieldYesNo: {"BOOLEAN NOT NULL", "boolean NOT NULL"},
	tuyengiao.FieldRef: {"INTEGER NOT NULL", "bigint NOT NULL"}, tuyengiao.FieldPerson: {"INTEGER NOT NULL", "bigint NOT NULL"},
}

// tableColumns returns the columns of a table with their declared types and NOT NULL, and
// its indexes with their columns ("media_items_unit(unit_id,day)").
func tableColumns(t *testing.T, db *DB, table string) (columns map[string]string, indexes []string) {
	t.Helper()
	colQ := `SELECT name, type || CASE WHEN "notnull" = 1 OR pk > 0 THEN ' NOT NULL' ELSE '' END FROM pragma_table_info(?)`
	idxQ := `SELECT il.name || '(' || (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) || ')'
		FROM pragma_index_list(?) il WHERE il.origin = 'c'`
	if db.postgres {
		colQ = `SELECT column_name, data_type || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END
			FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`
		idxQ = `SELECT i.relname || '(' || string_agg(a.attname, ',' ORDER BY k.n) || ')'
			FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
			CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY k(attnum, n)
			JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
			WHERE c.relname = ? AND c.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary GROUP BY i.relname`
	}
	columns = map[string]string{}
	for _, row := range schemaRows(t, db, colQ, table) {
		columns[row[0]] = row[1]
	}
	for _, row := range schemaRows(t, db, idxQ, table) {
		indexes = append(indexes, row[0])
	}
	slices.Sort(indexes)
	return columns, indexes
}

// schemaRows runs q with arg and returns its rows of two texts, or of one.
func schemaRows(t *testing.T, db *DB, q string, arg any) [][2]string {
	t.Helper()
	rows, err := db.query(context.Background(), q, arg)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][2]string
	cols, _ := rows.Columns()
	for rows.Next() {
		var row [2]string
		dest := []any{&row[0], &row[1]}[:len(cols)]
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRecordTables checks that the table of every declared kind follows the convention of
// RecordStore on both engines: the convention's columns and one per field, of the field's
// type, nothing else, the two indexes on the day field and one on each ref and person field.
func TestRecordTables(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		engine := 0
		if db.postgres {
			engine = 1
		}
		for _, k := range tuyengiao.RecordKinds() {
			t.Run(k.Code, func(t *testing.T) {
				if _, err := tableOf(k); err != nil {
					t.Fatal(err)
				}
				want := map[string]string{}
				for name, types := range conventionTypes {
					want[name] = types[engine]
				}
				for _, f := range k.Fields {
					want[f.Name] = fieldTypes[f.Type][engine]
				}
				columns, indexes := tableColumns(t, db, k.Table)
				for _, name := range slices.Sorted(maps.Keys(want)) {
					if got, ok := columns[name]; !ok {
						t.Errorf("%s: no column %s %s", k.Table, name, want[name])
					} else if !strings.EqualFold(got, want[name]) {
						t.Errorf("%s.%s: %s, want %s", k.Table, name, got, want[name])
					}
				}
				for name := range columns {
					if _, ok := want[name]; !ok {
						t.Errorf("%s.%s: a column the convention does not have", k.Table, name)
					}
				}
				wantIndexes := []string{fmt.Sprintf("%s_day(%s)", k.Table, k.Day), fmt.Sprintf("%s_unit(unit_id,%s)", k.Table, k.Day)}
				for _, f := range k.Fields {
					if f.Type == tuyengiao.FieldRef || f.Type == tuyengiao.FieldPerson {
						wantIndexes = append(wantIndexes, fmt.Sprintf("%s_%s(%s)", k.Table, f.Name, f.Name))
					}
				}
				slices.Sort(wantIndexes)
				if !slices.Equal(indexes, wantIndexes) {
					t.Errorf("%s: indexes %q, want %q", k.Table, indexes, wantIndexes)
				}
			})
		}
	})
}

// everyType is a kind, not declared, with a field of every type, over a table the test
// makes by the convention.
var everyType = &tuyengiao.RecordKind{
	Code: "test-every-type", Name: "Mọi kiểu", NameEn: "Every type", One: "bản ghi thử", OneEn: "test record",
	Area: "test", Table: "test_every_type", Day: "held_on", Title: "name",
	Fields: []tuyengiao.RecordField{
		{Name: "held_on", Label: "Ngày", Type: tuyengiao.FieldDay, Required: true},
		{Name: "name", Label: "Tên", Type: tuyengiao.FieldText, Required: true},
		{Name: "notes", Label: "Ghi chú", Type: tuyengiao.FieldNote},
		{Name: "closed_on", Label: "Ngày đóng", Type: tuyengiao.FieldDay},
		{Name: "value", Label: "Giá trị", Type: tuyengiao.FieldMoney},
		{Name: "done", Label: "Xong", Type: tuyengiao.FieldYesNo},
		{Name: "order", Label: "Thứ tự", Type: tuyengiao.FieldCount}, // a word both engines reserve
	},
	Indicators: []tuyengiao.RecordIndicator{{Code: "test.value", Name: "Giá trị", Measure: "đồng", Sum: []string{"value", "order"}}},
}

// createEveryTypeTable makes the table of everyType by the convention.
func createEveryTypeTable(t *testing.T, db *DB) {
	t.Helper()
	id, big, ts := "INTEGER PRIMARY KEY", "INTEGER", "TIMESTAMP"
	if db.postgres {
		id, big, ts = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BIGINT", "TIMESTAMPTZ"
	}
	q := fmt.Sprintf(`CREATE TABLE test_every_type (id %[1]s, unit_id %[2]s NOT NULL REFERENCES units (id),
		held_on TEXT NOT NULL, name TEXT NOT NULL, notes TEXT NOT NULL, closed_on TEXT NOT NULL, value %[2]s NOT NULL,
		done BOOLEAN NOT NULL, "order" %[2]s NOT NULL, search TEXT NOT NULL, version INTEGER NOT NULL,
		created_at %[3]s NOT NULL, created_by %[2]s REFERENCES users (id), updated_at %[3]s NOT NULL,
		updated_by %[2]s REFERENCES users (id), deleted_at %[3]s, deleted_by %[2]s REFERENCES users (id))`, id, big, ts)
	if _, err := db.write.Exec(q); err != nil {
		t.Fatal(err)
	}
}

func TestRecordEveryFieldType(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		createEveryTypeTable(t, db)
		admin := sysadminCtx()
		r := &tuyengiao.Record{UnitID: c.p1.ID, Values: tuyengiao.RecordValues{
			"held_on": personDate(t, "2026-03-02"), "name": "Công trình chào mừng Đại hội",
			"notes": "Đoạn một.\r\n\r\n\r\nĐoạn  hai.", "value": int64(626_000_000_000_000), "done": true, "order": int64(2)}}

		t.Run("every type is stored and read back as its Go type; a day not given is the zero day", func(t *testing.T) {
			if err := c.store.CreateRecord(admin, everyType, r); err != nil {
				t.Fatal(err)
			}
			want := tuyengiao.RecordValues{"held_on": personDate(t, "2026-03-02"), "name": "Công trình chào mừng Đại hội",
				"notes": "Đoạn một.\n\nĐoạn hai.", "closed_on": tuyengiao.Date{}, "value": int64(626_000_000_000_000),
				"done": true, "order": int64(2)}
			if !maps.Equal(r.Values, want) {
				t.Errorf("read back %v, want %v", r.Values, want)
			}
		})
		t.Run("an update of a yes/no and a day writes them as the audit reads them", func(t *testing.T) {
			r.Values["done"], r.Values["closed_on"] = false, personDate(t, "2026-03-30")
			if err := c.store.UpdateRecord(admin, everyType, r); err != nil {
				t.Fatal(err)
			}
			want := `Sửa bản ghi thử "Công trình chào mừng Đại hội": Ngày đóng: "" → "2026-03-30"; Xong: có → không`
			if d := lastDetail(t, db, "record.update"); d != want || r.Values["done"] != false {
				t.Errorf("audit %q, want %q; values %v", d, want, r.Values)
			}
		})
		t.Run("a sum of several fields counts in đồng exactly", func(t *testing.T) {
			vs, err := db.RecordFigures().kindValues(context.Background(), everyType, []*tuyengiao.RecordIndicator{&everyType.Indicators[0]},
				c.city.Path, false, tuyengiao.MonthPeriod(2026, 3))
			if err != nil || len(vs) != 1 || vs[0].UnitID != c.p1.ID || vs[0].Num != 626_000_000_000_002 {
				t.Errorf("values %+v, %v", vs, err)
			}
		})
	})
}
