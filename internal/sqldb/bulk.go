package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// BulkLoad writes rows in bulk into an empty database through one connection, in
// transactions it begins and commits: for the synthetic data of load runs (internal/synthetic),
// not for a database in use. The rows are written by multi-row INSERTs on SQLite, by COPY on
// PostgreSQL, and by INSERT ... SELECT for the rows derived from people, without audit
// records. During the load the SQLite connection syncs nothing and checks no foreign keys,
// and the PostgreSQL session runs with replication role "replica", which skips the
// foreign-key triggers: the writer is to keep the data consistent itself.
type BulkLoad struct {
	db      *DB
	conn    *sql.Conn
	tx      *Tx
	stmts   map[string]*sql.Stmt
	now     time.Time
	indexes []string // the CREATE statements of the indexes and triggers dropped for the load
}

// OpenBulkLoad takes a connection of db for a bulk load and prepares it for bulk writing.
// It refuses a database that has units or people (ECONFLICT). Close gives the connection back.
func (db *DB) OpenBulkLoad(ctx context.Context) (*BulkLoad, error) {
	var units, people int64
	if err := db.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM people)`).Scan(&units, &people); err != nil {
		return nil, err
	}
	if units > 0 || people > 0 {
		return nil, tuyengiao.Errorf(tuyengiao.ECONFLICT,
			"Cơ sở dữ liệu đã có %d đơn vị và %d người; chỉ sinh dữ liệu giả lập vào cơ sở dữ liệu trống.", units, people)
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, err
	}
	b := &BulkLoad{db: db, conn: conn, now: db.now()}
	if err := b.session(ctx, true); err != nil {
		conn.Close()
		return nil, err
	}
	return b, nil
}

// Close rolls back a transaction left open, restores the connection's settings and gives it back.
func (b *BulkLoad) Close() error {
	b.Rollback()
	err := b.session(context.Background(), false)
	if cerr := b.conn.Close(); err == nil {
		err = cerr
	}
	return err
}

// Now is the time of the load, as the database stores times: the created_at of its rows.
func (b *BulkLoad) Now() time.Time { return b.now }

// Postgres reports whether the load writes into PostgreSQL.
func (b *BulkLoad) Postgres() bool { return b.db.postgres }

// session prepares the connection for bulk writing (on) or restores it (off). Only the
// load's own connection is changed, and only while it writes into an empty database.
func (b *BulkLoad) session(ctx context.Context, on bool) error {
	var stmts []string
	switch {
	case !b.db.postgres && on:
		stmts = []string{"PRAGMA foreign_keys = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -1048576", "PRAGMA temp_store = MEMORY"}
	case !b.db.postgres:
		stmts = []string{"PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL", "PRAGMA cache_size = -32768", "PRAGMA temp_store = DEFAULT"}
	case on:
		stmts = []string{"SET synchronous_commit = off", "SET maintenance_work_mem = '1GB'", "SET work_mem = '256MB'"}
		// Skipping the foreign-key triggers needs a superuser; without one they run.
		if _, err := b.conn.ExecContext(ctx, "SET session_replication_role = replica"); err != nil {
			_ = err
		}
	default:
		stmts = []string{"RESET session_replication_role", "RESET synchronous_commit", "RESET maintenance_work_mem", "RESET work_mem"}
	}
	for _, s := range stmts {
		if _, err := b.conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("bulk load: %s: %w", s, err)
		}
	}
	return nil
}

// Begin begins a transaction on the load's connection; the writes of the load go in it.
func (b *BulkLoad) Begin(ctx context.Context) error {
	tx, err := b.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	b.tx, b.stmts = &Tx{tx: tx, db: b.db}, map[string]*sql.Stmt{}
	return nil
}

// Commit commits the transaction through Tx.commit, so that an audit record queued in it
// is chained rather than dropped.
func (b *BulkLoad) Commit(ctx context.Context) error {
	// The PostgreSQL session of a load skips triggers, and SQLite's of its tables of many rows
	// are dropped (DropIndexes): those of the versions of units and figures among them.
	for _, q := range []string{`UPDATE unit_tree_version SET version = version + 1`, `UPDATE figure_versions SET version = version + 1`} {
		if _, err := b.exec(ctx, q); err != nil {
			return err
		}
	}
	err := b.tx.commit(ctx)
	b.tx, b.stmts = nil, nil
	return err
}

// Rollback rolls back the transaction, if one is open.
func (b *BulkLoad) Rollback() {
	if b.tx != nil {
		b.tx.tx.Rollback()
		b.tx, b.stmts = nil, nil
	}
}

// Insert writes rows of the columns cols into table: by COPY on PostgreSQL, by multi-row
// INSERTs of as many rows as SQLite's limit of 32.766 parameters allows on SQLite.
func (b *BulkLoad) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if b.db.postgres {
		return b.conn.Raw(func(dc any) error {
			_, err := dc.(*stdlib.Conn).Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
			return err
		})
	}
	per := min(32000/len(cols), 1000)
	args := make([]any, 0, per*len(cols))
	for start := 0; start < len(rows); start += per {
		batch := rows[start:min(start+per, len(rows))]
		key := table + "/" + strconv.Itoa(len(batch))
		st := b.stmts[key]
		if st == nil {
			q := "INSERT OR FAIL INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " + valueRows(len(cols), len(batch))
			var err error
			if st, err = b.tx.tx.PrepareContext(ctx, q); err != nil {
				return err
			}
			b.stmts[key] = st
		}
		args = args[:0]
		for _, r := range batch {
			args = append(args, r...)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// exec runs one statement and returns the rows it affected.
func (b *BulkLoad) exec(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := b.tx.exec(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// AddUnitKind adds a unit kind unless one of its code exists, as not built in.
func (b *BulkLoad) AddUnitKind(ctx context.Context, k tuyengiao.UnitKind) error {
	_, err := b.exec(ctx, `INSERT INTO unit_kinds (code, name, name_en, grp, sort_order, builtin)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`, k.Code, k.Name, k.NameEN, k.Group, k.SortOrder, false)
	return err
}

// bulkTables are the tables of millions of rows whose secondary indexes are dropped while
// they are filled on SQLite and built again afterwards: building an index from sorted rows
// is several times faster than inserting every row into it, above all people's index on the
// sort key, which the rows reach in random order.
var bulkTables = []string{"people", "person_status_history", "attendance", "campaign_attendees"}

// DropIndexes drops the secondary indexes and the triggers of the tables of many rows
// (people, status history, attendance, attendees) on SQLite and keeps their definitions, as
// the migrations wrote them, for CreateIndexes; the indexes of constraints (primary keys,
// UNIQUE) stay. Without its triggers people_counts is not kept row by row during the load;
// RefreshPeopleCounts fills it once the people are in. PostgreSQL keeps its indexes, since
// COPY fills them fast enough, and its session skips the triggers. A load that fails midway
// leaves the database without them; it is to be deleted. It returns how many it dropped.
func (b *BulkLoad) DropIndexes(ctx context.Context) (int64, error) {
	if b.db.postgres {
		return 0, nil
	}
	rows, err := b.tx.query(ctx, `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')
		AND sql IS NOT NULL AND tbl_name IN (`+placeholders(len(bulkTables))+`) ORDER BY type, name`, anySlice(bulkTables)...)
	if err != nil {
		return 0, err
	}
	var drops []string
	for rows.Next() {
		var typ, name, def string
		if err := rows.Scan(&typ, &name, &def); err != nil {
			rows.Close()
			return 0, err
		}
		drops, b.indexes = append(drops, "DROP "+strings.ToUpper(typ)+" "+name), append(b.indexes, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, q := range drops {
		if _, err := b.exec(ctx, q); err != nil {
			return 0, err
		}
	}
	return int64(len(drops)), nil
}

// CreateIndexes creates again the indexes and triggers DropIndexes dropped.
func (b *BulkLoad) CreateIndexes(ctx context.Context) (int64, error) {
	for _, def := range b.indexes {
		if _, err := b.exec(ctx, def); err != nil {
			return 0, err
		}
	}
	return int64(len(b.indexes)), nil
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// RefreshPeopleCounts counts the people active now by unit and category afresh: the
// PostgreSQL session of the load runs without the triggers that keep people_counts.
func (b *BulkLoad) RefreshPeopleCounts(ctx context.Context) (int64, error) {
	if _, err := b.exec(ctx, `DELETE FROM people_counts`); err != nil {
		return 0, err
	}
	return b.exec(ctx, rebuildPeopleCountsSQL)
}

// RefreshCampaignCounts counts the campaigns' attendance records and attendees by unit and
// category afresh (campaign_counts), once the load has written them without the triggers
// that keep the counts.
func (b *BulkLoad) RefreshCampaignCounts(ctx context.Context) (int64, error) {
	if _, err := b.exec(ctx, `DELETE FROM campaign_counts`); err != nil {
		return 0, err
	}
	return b.exec(ctx, rebuildCampaignCountsSQL)
}

// WritePeopleSearch writes the name search terms and words of every person and, on SQLite,
// indexes their phones and cards afresh: the load writes people without the code and the
// triggers that keep them. It returns how many terms it wrote.
func (b *BulkLoad) WritePeopleSearch(ctx context.Context) (int64, error) {
	n, err := b.exec(ctx, b.db.nameTermsSQL("true"))
	if err != nil {
		return 0, err
	}
	if _, err := b.exec(ctx, b.db.nameWordsSQL("true")); err != nil {
		return 0, err
	}
	if !b.db.postgres {
		if _, err := b.exec(ctx, `INSERT INTO people_numbers (people_numbers) VALUES ('rebuild')`); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// WriteStatusHistory writes the first status history row of every person: their status
// from their status date, which CountPeople reads for a count as of a day before it.
func (b *BulkLoad) WriteStatusHistory(ctx context.Context) (int64, error) {
	return b.exec(ctx, `INSERT INTO person_status_history (person_id, status, on_date, recorded_at)
		SELECT id, status, status_date, created_at FROM people ORDER BY id`)
}

// InsertDocument writes d with the id, the columns derived from its symbol and words, its
// issuing unit (none when d.IssuingUnitID is 0) and its fields; its relations are rows to
// Insert into document_relations.
func (b *BulkLoad) InsertDocument(ctx context.Context, id int64, d *tuyengiao.Document) error {
	p, err := parseDocumentSymbol(d, vn.DefaultVocabulary())
	if err != nil {
		return err
	}
	var issuing any
	if d.IssuingUnitID != 0 {
		issuing = d.IssuingUnitID
	}
	_, err = b.exec(ctx, `INSERT INTO documents (id, symbol, symbol_key, number, type, issuer, year, issued_on, term, title,
		summary, search, unit_id, created_at, updated_at, series, issuing_unit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)`,
		id, d.Symbol, p.key, d.Number, d.Type, d.Issuer, d.Year, d.IssuedOn.Format(time.DateOnly), d.Term, d.Title,
		documentSearch(d, p.typeName, p.issuerName), d.UnitID, b.now, b.now, p.series, issuing)
	if err != nil {
		return err
	}
	for _, f := range d.Fields {
		if _, err := b.exec(ctx, `INSERT INTO document_fields (document_id, field) VALUES (?, ?)`, id, f); err != nil {
			return err
		}
	}
	return nil
}

// InsertCampaign writes c (its id, unit, title, description and dates) with its search
// words, which take the symbols of the documents it studies too; its documents, audiences
// and units are rows to Insert.
func (b *BulkLoad) InsertCampaign(ctx context.Context, c *tuyengiao.Campaign, symbols ...string) error {
	search := " " + strings.Join(searchWords(strings.Join(append([]string{c.Title}, symbols...), " ")), " ") + " "
	_, err := b.exec(ctx, `INSERT INTO campaigns (id, unit_id, title, description, search, start_on, end_on, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.UnitID, c.Title, c.Description,
		search, c.StartOn.Format(time.DateOnly), c.EndOn.Format(time.DateOnly), b.now, b.now)
	return err
}

// InsertRecords writes rs, records of the declared kind k that the caller has validated
// (RecordKind.Validate), into the kind's table by the convention of RecordStore: their units
// and values, version 1, made at the load's time by no user; their ids are the table's own.
// Their search text is left empty, so that no query of FindRecords finds them: folding the
// words would take longer than writing the rows. No audit record is written; Commit raises
// the records' figure version with the others.
func (b *BulkLoad) InsertRecords(ctx context.Context, k *tuyengiao.RecordKind, rs []*tuyengiao.Record) error {
	t, err := tableOf(k)
	if err != nil {
		return err
	}
	// COPY quotes the names itself; SQLite's INSERT takes them quoted, as a field may be
	// named by a keyword.
	fields := t.columns
	if b.db.postgres {
		fields = make([]string, len(k.Fields))
		for i, f := range k.Fields {
			fields[i] = f.Name
		}
	}
	cols := append(append([]string{"unit_id"}, fields...), "search", "version", "created_at", "updated_at")
	rows := make([][]any, len(rs))
	for i, r := range rs {
		row := append([]any{r.UnitID}, t.args(r.Values)...)
		rows[i] = append(row, "", 1, b.now, b.now)
	}
	return b.Insert(ctx, k.Table, cols, rows)
}

// AttendanceShare is the share of a unit's people who attended, in permille.
type AttendanceShare struct {
	UnitID int64
	Rate   int
}

// WriteAttendance records, conference by conference, the people of the conference's
// categories who attended: the share of their unit's rate in shares, picked by a hash of the
// person's id and the conference's salt, so that each conference has its own. Those with a
// phone checked in at the start four times in ten, the others were ticked on the roster at the
// end. It returns the rows written.
func (b *BulkLoad) WriteAttendance(ctx context.Context, shares []AttendanceShare, conferences []ConferencePeople) (int64, error) {
	if _, err := b.exec(ctx, `CREATE TEMP TABLE attendance_rates (unit_id BIGINT PRIMARY KEY, rate INTEGER NOT NULL)`); err != nil {
		return 0, err
	}
	rows := make([][]any, 0, len(shares))
	for _, s := range shares {
		rows = append(rows, []any{s.UnitID, s.Rate})
	}
	if err := b.Insert(ctx, "attendance_rates", []string{"unit_id", "rate"}, rows); err != nil {
		return 0, err
	}
	var n int64
	for _, c := range conferences {
		cats := c.Categories
		if len(cats) == 0 {
			cats = []tuyengiao.Category{tuyengiao.CategoryKeyCadre, tuyengiao.CategoryMember}
		}
		args := []any{c.Salt, c.Salt, c.ConferenceID, c.First, c.Last, c.Salt}
		for _, cat := range cats {
			args = append(args, string(cat))
		}
		m, err := b.exec(ctx, `INSERT INTO attendance (conference_id, person_id, campaign_id, unit_id, category, method, recorded_at)
			SELECT c.id, p.id, c.campaign_id, p.unit_id, p.category,
				CASE WHEN p.phone <> '' AND ((p.id + ?) / 7) % 10 < 4 THEN 'checkin' ELSE 'roster' END,
				CASE WHEN p.phone <> '' AND ((p.id + ?) / 7) % 10 < 4 THEN c.starts_at ELSE c.ends_at END
			FROM conferences c, people p, attendance_rates r
			WHERE c.id = ? AND p.id >= ? AND p.id < ? AND r.unit_id = p.unit_id
			AND ((p.id + ?) * 761) % 1000 < r.rate AND p.category IN (`+placeholders(len(cats))+`)
			ORDER BY p.id`, args...)
		if err != nil {
			return n, err
		}
		n += m
	}
	_, err := b.exec(ctx, `DROP TABLE attendance_rates`)
	return n, err
}

// ConferencePeople are the people invited to a conference: those of Categories (key cadres
// and party members when empty) with ids from First to before Last. Salt picks who of them
// attended (see WriteAttendance).
type ConferencePeople struct {
	ConferenceID, First, Last int64
	Categories                []tuyengiao.Category
	Salt                      int64
}

// WriteAttendees writes the distinct attendees of each campaign from its attendance, as
// MarkAttendance and CheckIn keep them: a person once per campaign however many of its
// conferences they attended, at their unit, from their first record.
func (b *BulkLoad) WriteAttendees(ctx context.Context) (int64, error) {
	return b.exec(ctx, `INSERT INTO campaign_attendees (campaign_id, person_id, unit_id, category, first_at)
		SELECT campaign_id, person_id, MIN(unit_id), MIN(category), MIN(recorded_at) FROM attendance
		GROUP BY campaign_id, person_id ORDER BY campaign_id, person_id`)
}

// FinishSequences moves PostgreSQL's identity sequences past the ids the load gave.
func (b *BulkLoad) FinishSequences(ctx context.Context) error {
	if !b.db.postgres {
		return nil
	}
	for _, t := range []string{"units", "people", "person_status_history", "documents", "campaigns", "conferences", "bridge_points"} {
		if _, err := b.exec(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT MAX(id) FROM `+t+`))`); err != nil {
			return err
		}
	}
	return nil
}

// Vacuum leaves the tables as the server would after a while: with statistics for the
// planner, on SQLite as Optimize gathers them, and on PostgreSQL with visibility maps too,
// without which counts cannot use index-only scans (VACUUM (ANALYZE), as autovacuum would).
func (b *BulkLoad) Vacuum(ctx context.Context) error {
	q := `VACUUM (ANALYZE)`
	if !b.db.postgres {
		q = optimizeSQL
	}
	_, err := b.conn.ExecContext(ctx, q)
	return err
}

// AttendeeFloor runs the floor the campaign dashboard is measured against: one plain GROUP
// BY over the campaign's distinct attendees, by unit and category, with no subtree bound
// and no access check, read into UnitCounts as the dashboard's queries are. It is for load
// runs only.
func (db *DB) AttendeeFloor(ctx context.Context, campaignID int64) ([]tuyengiao.UnitCount, error) {
	return db.unitCounts(ctx, `SELECT unit_id, category, COUNT(*) FROM campaign_attendees WHERE campaign_id = ?
		GROUP BY unit_id, category`, campaignID)
}
