package sqldb

import (
	"context"
	"slices"
	"strings"

	"tuyengiao/internal/vn"
)

// People are searched by the folded name, the phone and the party card, each containing
// what was typed (peopleWhere). So that a search reads the people it finds rather than every
// person of the caller's units, the candidates come from indexes first and the condition is
// then checked on them alone:
//
//   - person_name_terms holds each name from the start of each of its words ("nguyen van an",
//     "van an", "an"): a query that begins a word of the name is a range of it. A query that
//     begins inside a word ("guyen van") is a range for each word of person_name_words that
//     ends in its first word ("nguyen van"), or, typed as one word, contains it.
//   - phones and party cards by their trigrams: FTS5 on SQLite (people_numbers), pg_trgm on
//     PostgreSQL. Phones are digits only (tuyengiao.Person.Validate), so a query with
//     anything else finds no phone.
//
// The terms carry the person's unit, so a search in a province keeps the candidates of its
// units before reading a person; the code that writes a person's name or unit writes them
// (writeNameTerms), the generator for everyone at once. A query in too many names to gather
// them first (maxNameCandidates) is checked on every person of the caller's units, as all
// were before.

// maxRune is above every character a term holds: the end of the range of the terms that
// begin with a prefix.
const maxRune = "\U0010FFFF"

// spaceAt is the SQL position of the first space in term, 0 when it has none.
func (db *DB) spaceAt(term string) string {
	if db.postgres {
		return "strpos(" + term + ", ' ')"
	}
	return "instr(" + term + ", ' ')"
}

// writeNameTerms writes the name terms of the people of ids, from their folded name and
// unit as stored now, and adds their words to person_name_words.
func (db *DB) writeNameTerms(ctx context.Context, tx *Tx, ids []any) error {
	_, err := tx.exec(ctx, db.nameTermsSQL(`id IN (`+placeholders(len(ids))+`)`), ids...)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, db.nameWordsSQL(`person_id IN (`+placeholders(len(ids))+`)`), ids...)
	return err
}

// deleteNameTerms deletes the name terms of the person, from their folded name as stored
// now: before the name or the unit changes, for writeNameTerms to write them again.
func (db *DB) deleteNameTerms(ctx context.Context, tx *Tx, id int64) error {
	at := db.spaceAt("term")
	_, err := tx.exec(ctx, `WITH RECURSIVE t (term) AS (
			SELECT name_folded FROM people WHERE id = ?
			UNION ALL SELECT substr(term, `+at+` + 1) FROM t WHERE `+at+` > 0)
		DELETE FROM person_name_terms WHERE person_id = ? AND term IN (SELECT term FROM t)`, id, id)
	return err
}

// nameTermsSQL is the statement that writes the name terms of the people of the condition
// on people.
func (db *DB) nameTermsSQL(where string) string {
	at := db.spaceAt("term")
	return `WITH RECURSIVE t (person_id, unit_id, term) AS (
			SELECT id, unit_id, name_folded FROM people WHERE ` + where + `
			UNION ALL SELECT person_id, unit_id, substr(term, ` + at + ` + 1) FROM t WHERE ` + at + ` > 0)
		INSERT INTO person_name_terms (term, person_id, unit_id) SELECT term, person_id, unit_id FROM t ORDER BY term, person_id`
}

// nameWordsSQL is the statement that adds the words of the name terms of the condition on
// person_name_terms to person_name_words: the first word of each term.
func (db *DB) nameWordsSQL(where string) string {
	at := db.spaceAt("term")
	return `INSERT INTO person_name_words (word)
		SELECT DISTINCT CASE WHEN ` + at + ` > 0 THEN substr(term, 1, ` + at + ` - 1) ELSE term END
		FROM person_name_terms WHERE ` + where + ` ON CONFLICT (word) DO NOTHING`
}

// maxNameCandidates bounds the name terms a search reads before it leaves them for the scan
// of the caller's units: a query most names contain ("an" is in van, thanh, hoang…) finds
// its people sooner by checking each than by gathering millions of candidates first.
const maxNameCandidates = 200_000

// maxInsideWords bounds the words a query that begins inside a word extends to before it
// is left for the scan.
const maxInsideWords = 100

// nameRanges returns the prefixes of the terms of the names that contain the folded name:
// the name itself, and the name from the start of each word of person_name_words it begins
// inside; false when there are more than maxInsideWords of those. The words are read first,
// so that each prefix is a range of the key on either engine (PostgreSQL's planner joined
// the words with every term of a province).
func (db *DB) nameRanges(ctx context.Context, name string) ([]string, bool, error) {
	pattern, rest := "_%"+likeEscape(name)+"%", ""
	if first, r, ok := strings.Cut(name, " "); ok {
		pattern, rest = "%_"+likeEscape(first), " "+r
	}
	rows, err := db.query(ctx, `SELECT word FROM person_name_words WHERE word LIKE ? ESCAPE '\' LIMIT ?`, pattern, maxInsideWords+1)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	prefixes := []string{name}
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, false, err
		}
		prefixes = append(prefixes, w+rest)
	}
	return prefixes, len(prefixes) <= maxInsideWords+1, rows.Err()
}

// termRanges returns the selects, joined by op, of column from the terms t that begin with
// each prefix and satisfy the condition and, and their arguments.
func termRanges(column, op, and string, andArgs []any, prefixes []string) (string, []any) {
	parts := make([]string, len(prefixes))
	var args []any
	for i, p := range prefixes {
		parts[i] = `SELECT ` + column + ` FROM person_name_terms t` + and + ` AND t.term >= ? AND t.term < ?`
		args = append(append(args, andArgs...), p, p+maxRune)
	}
	return strings.Join(parts, op), args
}

// fewNameCandidates reports whether the names beginning with the prefixes have fewer than
// maxNameCandidates terms.
func (db *DB) fewNameCandidates(ctx context.Context, prefixes []string) (bool, error) {
	q, args := termRanges("1", " UNION ALL ", " WHERE 1 = 1", nil, prefixes)
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM (`+q+` LIMIT ?) c`, append(args, maxNameCandidates)...).Scan(&n)
	return n < maxNameCandidates, err
}

// personCandidates returns a query of the ids of the people in the units of the scope (a
// condition on tu.path and its arguments, or "" for every unit) whose name, phone or card may
// contain the folded name, the phone digits and the card typed, and its arguments: every
// person who does, and few who do not. It returns false when no index serves the query: when it is empty
// (which everyone contains), holds a character FTS5 cannot take without an ESCAPE clause, or
// is in too many names.
func (db *DB) personCandidates(ctx context.Context, name, phone, card, scope string, scopeArgs []any) (string, []any, bool, error) {
	if name == "" || phone == "" || card == "" || !db.postgres && strings.ContainsAny(phone+card, `%_\`) {
		return "", nil, false, nil
	}
	prefixes, ok, err := db.nameRanges(ctx, name)
	if !ok || err != nil {
		return "", nil, false, err
	}
	if few, err := db.fewNameCandidates(ctx, prefixes); !few || err != nil {
		return "", nil, false, err
	}
	inScope := " WHERE 1 = 1"
	if scope != "" {
		inScope = " JOIN units tu ON tu.id = t.unit_id WHERE " + scope
	}
	terms, args := termRanges("t.person_id", " UNION ", inScope, scopeArgs, prefixes)
	parts := []string{terms}
	numbers := func(column, value string) {
		if db.postgres {
			parts = append(parts, `SELECT id FROM people WHERE `+column+` LIKE ? ESCAPE '\'`)
			args = append(args, "%"+likeEscape(value)+"%")
			return
		}
		parts = append(parts, `SELECT rowid FROM people_numbers WHERE `+column+` LIKE ?`)
		args = append(args, "%"+value+"%")
	}
	if strings.Trim(phone, "0123456789") == "" {
		numbers("phone", phone)
	}
	numbers("party_card", card)
	return strings.Join(parts, " UNION "), args, true, nil
}

// scanBelow is the number of people under which the caller's units are searched person by
// person rather than through the terms: a district's few thousand are read sooner (27–46 ms
// on the national data set) than the terms of a common name in the whole country are
// gathered and kept to it (1,2 s on PostgreSQL, whose planner takes a range of terms for one
// row). Tests lower it, to search their few people through the terms.
var scanBelow = 20_000

// fewPeople reports whether the units of the scope (a condition on the path of a unit tu)
// hold fewer than scanBelow people, counting no further.
func (db *DB) fewPeople(ctx context.Context, scope string, scopeArgs []any) (bool, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM people p JOIN units tu ON tu.id = p.unit_id WHERE `+scope+
		` LIMIT ?) c`, append(slices.Clone(scopeArgs), scanBelow)...).Scan(&n)
	return n < scanBelow, err
}

// personQuery returns the condition over personFrom that the name, phone or party card of
// the person contains what was typed, q in NFC, with its arguments, and whether it keeps the
// people to candidates found through the indexes (at most some maxNameCandidates). scope is
// the condition on the path of a unit tu that keeps the caller's units, for the candidates,
// or "" when they are every unit (whose people are not counted: they are many); with scan,
// there are none, and the condition is checked on every person.
func (db *DB) personQuery(ctx context.Context, q, scope string, scopeArgs []any, scan bool) (string, []any, bool, error) {
	name, phone := vn.Fold(q), vn.Phone(q)
	// The name is matched in folded form, the phone by its digits as stored (so that
	// "0912 345 678" and "+84912345678" find 0912345678), the card as typed.
	where := ` AND (p.name_folded LIKE ? ESCAPE '\' OR p.phone LIKE ? ESCAPE '\' OR p.party_card LIKE ? ESCAPE '\')`
	args := []any{"%" + likeEscape(name) + "%", "%" + likeEscape(phone) + "%", "%" + likeEscape(q) + "%"}
	if scan {
		return where, args, false, nil
	}
	if scope != "" {
		if few, err := db.fewPeople(ctx, scope, scopeArgs); few || err != nil {
			return where, args, false, err
		}
	}
	ids, idArgs, ok, err := db.personCandidates(ctx, name, phone, q, scope, scopeArgs)
	switch {
	case ok && db.postgres:
		// An array is gathered before the people are read, and then read by their key:
		// PostgreSQL otherwise joins the candidates with every person of the caller's units.
		where += ` AND p.id = ANY (ARRAY(` + ids + `))`
		args = append(args, idArgs...)
	case ok:
		where += ` AND p.id IN (` + ids + `)`
		args = append(args, idArgs...)
	}
	return where, args, ok, err
}
