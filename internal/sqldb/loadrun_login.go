package sqldb

import (
	"context"
	"fmt"
)

// LoginAccounts makes n accounts for load runs of logins, load.login.1 to load.login.n, all
// with the password hash hash, made once by the caller where CreateUser would hash for each;
// an account of those names made by an earlier run takes hash. The accounts hold no role and
// nothing is audited: for a database made for load runs only. It returns their logins.
func (db *DB) LoginAccounts(ctx context.Context, n int, hash string) ([]string, error) {
	logins := make([]string, n)
	for i := range logins {
		logins[i] = fmt.Sprintf("load.login.%d", i+1)
	}
	now := db.now()
	err := db.update(ctx, func(tx *Tx) error {
		for start := 0; start < n; start += rosterBatch {
			end := min(start+rosterBatch, n)
			var rows []any
			for _, login := range logins[start:end] {
				rows = append(rows, login, "", hash, now, now)
			}
			if _, err := tx.exec(ctx, `INSERT INTO users (login, display_name, password_hash, created_at, updated_at) VALUES `+
				valueRows(5, end-start)+` ON CONFLICT (login) DO UPDATE SET password_hash = excluded.password_hash`, rows...); err != nil {
				return err
			}
		}
		return nil
	})
	return logins, err
}
