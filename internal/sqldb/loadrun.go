package sqldb

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"slices"
	"time"

	"tuyengiao"
)

// What load runs (internal/loadrun) need of a database made for them, and nothing else does.

// noPassword is the hash of the accounts MemberSessions makes: no password verifies against it.
const noPassword = "no-login"

// MemberSessions gives each of the first n active party members, in id order, an account with
// the member role at their unit and an open web session, and returns the people's ids and the
// sessions' tokens in the same order: for load runs only, on a database made for them. The
// accounts have no password, so none can log in, and nothing is audited: thousands of members
// are set up in seconds instead of hashing a password for each.
func (db *DB) MemberSessions(ctx context.Context, n int) ([]int64, []string, error) {
	rows, err := db.query(ctx, `SELECT id, unit_id FROM people WHERE category = ? AND status = ? ORDER BY id LIMIT ?`,
		tuyengiao.CategoryMember, tuyengiao.StatusActive, n)
	if err != nil {
		return nil, nil, err
	}
	var people, units []int64
	for rows.Next() {
		var id, unit int64
		if err := rows.Scan(&id, &unit); err != nil {
			rows.Close()
			return nil, nil, err
		}
		people, units = append(people, id), append(units, unit)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	tokens := make([]string, len(people))
	now := db.now()
	err = db.update(ctx, func(tx *Tx) error {
		for start := 0; start < len(people); start += rosterBatch {
			end := min(start+rosterBatch, len(people))
			var users, grants, sessions []any
			for i := start; i < end; i++ {
				users = append(users, fmt.Sprintf("load.%d", people[i]), "", noPassword, people[i], now, now)
			}
			ids, err := insertReturningIDs(ctx, tx, `INSERT INTO users (login, display_name, password_hash, person_id, created_at, updated_at)
				VALUES `+valueRows(6, end-start)+` RETURNING id`, users...)
			if err != nil {
				return err
			}
			sortIDs(ids)
			for k, id := range ids {
				b := make([]byte, 32)
				rand.Read(b)
				tokens[start+k] = base64.RawURLEncoding.EncodeToString(b)
				grants = append(grants, id, tuyengiao.RoleMember, units[start+k], now)
				sessions = append(sessions, tokenID(tokens[start+k]), id, tuyengiao.SessionWeb, now, now, now.Add(tuyengiao.AbsoluteTimeout))
			}
			if _, err := tx.exec(ctx, `INSERT INTO grants (user_id, role, unit_id, created_at) VALUES `+valueRows(4, len(ids)), grants...); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO sessions (id, user_id, kind, created_at, last_seen_at, expires_at) VALUES `+
				valueRows(6, len(ids)), sessions...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	// With the statistics the server's tables have after a while (BulkLoad.Vacuum): without
	// them the planner takes these tables for the few rows they had, and reads a session by a
	// plan for an empty table.
	q := `ANALYZE users, grants, sessions`
	if !db.postgres {
		q = optimizeSQL
	}
	_, err = db.write.ExecContext(ctx, q)
	return people, tokens, err
}

// sortIDs puts the ids an insert of many rows returned (insertReturningIDs) in the order of
// its rows: the ids of one statement increase with its rows, and RETURNING need not list them
// so.
func sortIDs(ids []any) {
	slices.SortFunc(ids, func(a, b any) int { return cmp.Compare(a.(int64), b.(int64)) })
}

// Engine describes the database as load runs print it beside their figures: the engine, its
// version and how durable a commit is on the connection, and on PostgreSQL how the connection
// reaches the server (a Unix socket, or TCP with TLS or without). It asks the connection that
// commits the writes.
func (db *DB) Engine(ctx context.Context) (string, error) {
	var version, durability string
	if !db.postgres {
		var journal string
		var sync int
		if err := db.write.QueryRowContext(ctx, `SELECT sqlite_version(), (SELECT journal_mode FROM pragma_journal_mode),
			(SELECT synchronous FROM pragma_synchronous)`).Scan(&version, &journal, &sync); err != nil {
			return "", err
		}
		if levels := []string{"OFF", "NORMAL", "FULL", "EXTRA"}; sync >= 0 && sync < len(levels) {
			durability = levels[sync]
		}
		return "SQLite " + version + ", journal_mode=" + journal + ", synchronous=" + durability, nil
	}
	var host string
	var tls bool
	if err := db.write.QueryRowContext(ctx, `SELECT current_setting('server_version'), current_setting('synchronous_commit'),
		COALESCE(host(inet_server_addr()), ''), COALESCE((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)`).
		Scan(&version, &durability, &host, &tls); err != nil {
		return "", err
	}
	switch {
	case host == "":
		host = "socket Unix / Unix socket"
	case tls:
		host = "TCP " + host + ", TLS"
	default:
		host = "TCP " + host + ", không TLS / no TLS"
	}
	return "PostgreSQL " + version + ", " + host + ", synchronous_commit=" + durability, nil
}

// CommitFloor measures the floor of a durable write on the database, for load runs: for d, one
// row per transaction from one writer, into a table of its own dropped after. It returns the
// commits made.
func (db *DB) CommitFloor(ctx context.Context, d time.Duration) (int, error) {
	for _, q := range []string{`DROP TABLE IF EXISTS load_floor`, `CREATE TABLE load_floor (id INTEGER PRIMARY KEY, at TIMESTAMP NOT NULL)`} {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			return 0, err
		}
	}
	n := 0
	for stop := time.Now().Add(d); time.Now().Before(stop); n++ {
		tx, err := db.write.BeginTx(ctx, nil)
		if err != nil {
			return n, err
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO load_floor (id, at) VALUES (?, ?)`), n+1, time.Now().UTC()); err != nil {
			tx.Rollback()
			return n, err
		}
		if err := tx.Commit(); err != nil {
			return n, err
		}
	}
	_, err := db.write.ExecContext(ctx, `DROP TABLE load_floor`)
	return n, err
}

// ConferenceRecords returns, for load runs to check against the check-ins they were told were
// recorded, how many attendance records and how many audit records of a check-in each person
// has at a conference.
func (db *DB) ConferenceRecords(ctx context.Context, conferenceID int64) (records, audited map[int64]int, err error) {
	records, audited = map[int64]int{}, map[int64]int{}
	if err := db.countByID(ctx, `SELECT person_id, COUNT(*) FROM attendance WHERE conference_id = ? GROUP BY person_id`,
		records, conferenceID); err != nil {
		return nil, nil, err
	}
	err = db.countByID(ctx, `SELECT CAST(SUBSTR(detail, 8) AS BIGINT), COUNT(*) FROM audit_log
		WHERE action = 'attendance.checkin' AND object = ? AND outcome = 'ok' AND detail LIKE 'person:%' GROUP BY detail`,
		audited, conferenceObject(conferenceID))
	return records, audited, err
}

// countByID reads the rows of (id, count) of q into counts.
func (db *DB) countByID(ctx context.Context, q string, counts map[int64]int, args ...any) error {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		counts[id] = n
	}
	return rows.Err()
}
