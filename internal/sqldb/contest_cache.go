package sqldb

import (
	"context"
	"database/sql"
	"errors"

	"tuyengiao"
)

// A contest with its rounds and the ids of its bank is read at every attempt start, answer
// and submission: each node keeps it, checked by one read of its version (migration 00041),
// which triggers raise with every write to the contest, its rounds and its questions, and of
// the unit tree's version (the organising unit's path).

// maxCachedContests bounds the contests a node keeps.
const maxCachedContests = 200

// contestStamp is what a contest is read under.
type contestStamp struct{ contest, tree int64 }

// contestRules is a contest as kept: with its rounds, the path of its organising unit and
// its bank's question ids by category. It is shared: its readers must not change it.
type contestRules struct {
	contest *tuyengiao.Contest
	path    string
	bank    map[int64][]int64
}

const contestStampSQL = `SELECT c.version, t.version FROM contests c CROSS JOIN unit_tree_version t WHERE c.id = ? AND t.id = 1`

// rules returns the contest through the node's cache, or ENOTFOUND.
func (s *ContestStore) rules(ctx context.Context, id int64) (*contestRules, error) {
	var stamp contestStamp
	err := s.db.preparedRow(ctx, contestStampSQL, id).Scan(&stamp.contest, &stamp.tree)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy cuộc thi.")
	} else if err != nil {
		return nil, err
	}
	if r, ok := s.contests.get(id, stamp); ok {
		return r, nil
	}
	c, path, err := loadContest(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	bank, err := s.bankIDs(ctx, id)
	if err != nil {
		return nil, err
	}
	// Read after the stamp, the contest is at least as new as it: a change in between is kept
	// under the older stamp, which the next request no longer finds.
	r := &contestRules{contest: c, path: path, bank: bank}
	s.contests.put(id, stamp, r)
	return r, nil
}

// round returns the round of the contest with the id, or nil.
func (r *contestRules) round(id int64) *tuyengiao.Round {
	for i := range r.contest.Rounds {
		if r.contest.Rounds[i].ID == id {
			return &r.contest.Rounds[i]
		}
	}
	return nil
}
