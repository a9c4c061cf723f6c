package sqldb

import (
	"context"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tuyengiao/internal/sqldb/sqldbtest"
)

// TestSchemasMatch migrates a fresh database of each engine and compares what DESIGN.md §3
// asks to be the same on both: tables, columns (name, nullability, type mapped loosely),
// primary keys, indexes (by table, columns, uniqueness and whether partial, not by name),
// foreign keys (with their ON DELETE) and the number of CHECK constraints of each table.
// Triggers differ by design (SQLite needs more of them) and are left out, as are the indexes
// of the searches (FTS5 tables on SQLite, trigram indexes on PostgreSQL).
func TestSchemasMatch(t *testing.T) {
	if os.Getenv(sqldbtest.PostgresEnv) == "" {
		t.Skipf("%s is not set", sqldbtest.PostgresEnv)
	}
	t.Run("both engines migrate to the same tables, columns, keys, indexes and constraints", func(t *testing.T) {
		lite := sqliteSchema(t, openTestDB(t, sqldbtest.SQLite(t)))
		pg := postgresSchema(t, openTestDB(t, sqldbtest.Postgres(t)))
		// Counted, so that an index made twice on one engine is a difference too.
		diff := map[string]int{}
		for _, f := range lite {
			diff[f]++
		}
		for _, f := range pg {
			diff[f]--
		}
		for _, f := range slices.Sorted(maps.Keys(diff)) {
			if n := diff[f]; n > 0 {
				t.Errorf("SQLite only (%d): %s", n, f)
			} else if n < 0 {
				t.Errorf("PostgreSQL only (%d): %s", -n, f)
			}
		}
		if len(lite) < 100 {
			t.Errorf("only %d facts read from the SQLite schema", len(lite))
		}
	})
}

// typeClass maps a declared column type of either engine to what it stores: SQLite keeps
// integers and booleans as INTEGER, and both engines' times as TIMESTAMP or TIMESTAMPTZ.
func typeClass(decl string) string {
	d := strings.ToLower(decl)
	switch {
	case strings.Contains(d, "int"), d == "boolean":
		return "integer"
	case strings.Contains(d, "time"), d == "date":
		return "time"
	case strings.Contains(d, "text"), strings.Contains(d, "char"):
		return "text"
	case d == "blob", d == "bytea":
		return "bytes"
	case d == "real", strings.Contains(d, "double"), d == "numeric":
		return "number"
	}
	return "type " + d
}

// schemaFacts reads rows of strings, each row one fact, by format.
func schemaFacts(t *testing.T, db *DB, format, q string) []string {
	t.Helper()
	rows, err := db.query(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		out = append(out, fmt.Sprintf(format, vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The tables of the schema, without goose's own, nor SQLite's full-text search tables (a
// virtual table and the tables it keeps its index in, named after it).
const (
	sqliteTables = `SELECT name FROM sqlite_master m WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'goose_db_version'
		AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%'
			AND (m.name = v.name OR m.name LIKE v.name || '\_%' ESCAPE '\'))`
	postgresTables = `SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'goose_db_version'`
)

// checkConstraint finds a CHECK constraint in the CREATE TABLE statement SQLite keeps.
var checkConstraint = regexp.MustCompile(`(?i)\bCHECK\s*\(`)

func sqliteSchema(t *testing.T, db *DB) []string {
	facts := schemaFacts(t, db, "table %s", sqliteTables)
	for _, c := range schemaFacts(t, db, "%s\x00%s\x00%s\x00%d\x00%d", `SELECT m.name, p.name, p.type, p."notnull", p.pk
		FROM (`+sqliteTables+`) m, pragma_table_info(m.name) p ORDER BY m.name, p.pk, p.cid`) {
		f := strings.Split(c, "\x00")
		null := "null"
		if f[3] == "1" || f[4] != "0" {
			null = "not null"
		}
		facts = append(facts, fmt.Sprintf("column %s.%s %s %s", f[0], f[1], typeClass(f[2]), null))
	}
	facts = append(facts, schemaFacts(t, db, "primary key %s (%s)", `SELECT m.name, group_concat(p.name, ',' ORDER BY p.pk)
		FROM (`+sqliteTables+`) m, pragma_table_info(m.name) p WHERE p.pk > 0 GROUP BY m.name`)...)
	facts = append(facts, schemaFacts(t, db, "index %s (%s) unique=%d partial=%d", `SELECT m.name,
		group_concat(COALESCE(i.name, '(expression)'), ',' ORDER BY i.seqno), l."unique", l.partial
		FROM (`+sqliteTables+`) m, pragma_index_list(m.name) l, pragma_index_info(l.name) i WHERE l.origin <> 'pk' GROUP BY m.name, l.name`)...)
	for _, fk := range schemaFacts(t, db, "%s\x00%s\x00%s\x00%s\x00%s", `SELECT m.name, f."table",
		group_concat(f."from", ',' ORDER BY f.seq), group_concat(COALESCE(f."to", ''), ',' ORDER BY f.seq), f.on_delete
		FROM (`+sqliteTables+`) m, pragma_foreign_key_list(m.name) f GROUP BY m.name, f.id`) {
		f := strings.Split(fk, "\x00")
		if strings.Trim(f[3], ",") == "" {
			// A reference to the primary key names no column.
			f[3] = strings.Join(schemaFacts(t, db, "%s", `SELECT name FROM pragma_table_info('`+f[1]+`') WHERE pk > 0 ORDER BY pk`), ",")
		}
		facts = append(facts, fmt.Sprintf("foreign key %s (%s) references %s (%s) on delete %s", f[0], f[2], f[1], f[3], f[4]))
	}
	for _, tc := range schemaFacts(t, db, "%s\x00%s", `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN (`+sqliteTables+`)`) {
		name, def, _ := strings.Cut(tc, "\x00")
		if n := len(checkConstraint.FindAllString(def, -1)); n > 0 {
			facts = append(facts, fmt.Sprintf("checks %s %d", name, n))
		}
	}
	return facts
}

// postgresDeletes names the ON DELETE actions of pg_constraint.confdeltype as SQLite does.
const postgresDeletes = `CASE k.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
	WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END`

// postgresColumns lists the columns of the attribute numbers of an array, in its order.
func postgresColumns(rel, nums string) string {
	return `(SELECT string_agg(COALESCE(a.attname, '(expression)'), ',' ORDER BY u.o)
		FROM unnest(` + nums + `) WITH ORDINALITY u(n, o) LEFT JOIN pg_attribute a ON a.attrelid = ` + rel + ` AND a.attnum = u.n)`
}

func postgresSchema(t *testing.T, db *DB) []string {
	facts := schemaFacts(t, db, "table %s", `SELECT relname FROM (`+postgresTables+`) c`)
	for _, c := range schemaFacts(t, db, "%s\x00%s\x00%s\x00%v", `SELECT c.relname, a.attname, format_type(a.atttypid, NULL), a.attnotnull
		FROM (`+postgresTables+`) c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped`) {
		f := strings.Split(c, "\x00")
		null := "null"
		if f[3] == "true" {
			null = "not null"
		}
		facts = append(facts, fmt.Sprintf("column %s.%s %s %s", f[0], f[1], typeClass(f[2]), null))
	}
	// The key columns of the B-tree indexes: a column an index only INCLUDEs (to be read from
	// it) and the trigram indexes of the searches are PostgreSQL's own.
	indexes := `SELECT c.relname, ` + postgresColumns("i.indrelid", "(i.indkey::int2[])[0:i.indnkeyatts-1]") + `, i.indisunique::int, (i.indpred IS NOT NULL)::int, i.indisprimary
		FROM (` + postgresTables + `) c JOIN pg_index i ON i.indrelid = c.oid JOIN pg_class ic ON ic.oid = i.indexrelid
		JOIN pg_am am ON am.oid = ic.relam WHERE am.amname = 'btree'`
	facts = append(facts, schemaFacts(t, db, "primary key %s (%s)", `SELECT relname, cols FROM (`+indexes+`) x(relname, cols, u, p, pk) WHERE pk`)...)
	facts = append(facts, schemaFacts(t, db, "index %s (%s) unique=%d partial=%d", `SELECT relname, cols, u, p FROM (`+indexes+`) x(relname, cols, u, p, pk) WHERE NOT pk`)...)
	facts = append(facts, schemaFacts(t, db, "foreign key %s (%s) references %s (%s) on delete %s", `SELECT c.relname,
		`+postgresColumns("k.conrelid", "k.conkey")+`, r.relname, `+postgresColumns("k.confrelid", "k.confkey")+`, `+postgresDeletes+`
		FROM (`+postgresTables+`) c JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f' JOIN pg_class r ON r.oid = k.confrelid`)...)
	facts = append(facts, schemaFacts(t, db, "checks %s %d", `SELECT c.relname, COUNT(*)
		FROM (`+postgresTables+`) c JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'c' GROUP BY c.relname`)...)
	return facts
}
