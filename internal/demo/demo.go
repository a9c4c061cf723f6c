// Package demo loads a fictional city, Hoa Sơn, into an empty database so that the system can
// be shown and tried without real personal data: the unit tree of a city party committee with
// its 71 grassroots party organisations, about 15.000 people with Vietnamese names, a few
// party members who left, and one account per role. It writes only through the service
// interfaces, as a system administrator, so every record is checked and audited like any other.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// Services are the services Load writes through; *sqldb.DB implements them all.
type Services struct {
	Units     tuyengiao.UnitService
	People    tuyengiao.PersonService
	Users     tuyengiao.UserService
	Documents tuyengiao.DocumentService
	Campaigns tuyengiao.CampaignService
	Essays    tuyengiao.EssayService
	Reporting tuyengiao.ReportingService
	// Reports drafts, at the end of the load, the city's six-month report of the first half
	// of this year from the template so-ket-6-thang, which must be stored already (the report
	// store's EnsureReportTemplates adds it at start-up); nil: no report is drafted.
	Reports tuyengiao.ReportService
	// Records keeps the records of the declared kinds (tuyengiao.RecordKinds): media output,
	// outreach sessions, commendations…
	Records tuyengiao.RecordService
	// Contests runs the public online contests.
	Contests tuyengiao.ContestService
	// Now is the clock of the services (sqldb.DB.Now). Load sets it to the time of each
	// record of the history it writes, so that the record is dated when it happened and
	// checked as it was then (a QR check-in while its class is on, an essay before its due
	// day), and sets it back when it is done. Load refuses to start without it.
	Now *func() time.Time
}

// clock moves the services' clock to the times of the history.
type clock struct{ now *func() time.Time }

// at sets the services' clock to t.
func (c clock) at(t time.Time) { *c.now = func() time.Time { return t } }

// ErrNotEmpty is returned by Load, before it writes anything, when the database already has
// units.
var ErrNotEmpty = tuyengiao.Errorf(tuyengiao.ECONFLICT,
	"Cơ sở dữ liệu đã có đơn vị; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.")

// Load fills an empty database with the demo city and writes to out the table of the demo
// accounts with their passwords, then a one-line summary. The units and people are the same on
// every run (a fixed seed); the passwords are random, so out is the only place they are shown.
// It refuses with ErrNotEmpty a database that has units. Load is not atomic: after a failure
// midway the database keeps what was written and Load refuses it; start from a fresh one.
//
// Everyone is imported with the day they joined their unit, years ago for most and over the
// last eighteen months for the probationary members, so that the register grows; the leavers
// leave on days of the past year. Then the history of the city is written from January of last
// year up to the week before (see history), each record dated when it happened, and the study
// of Resolution 35 under way today (see createCampaign).
func Load(ctx context.Context, s Services, out io.Writer) error {
	if s.Now == nil || *s.Now == nil {
		return errors.New("demo: Services.Now, the services' clock, is required")
	}
	ctx = tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "demo",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
	if _, n, err := s.Units.FindUnits(ctx, tuyengiao.UnitFilter{IncludeClosed: true, Limit: 1}); err != nil {
		return err
	} else if n > 0 {
		return ErrNotEmpty
	}
	p := build(today((*s.Now)()))
	ids, err := createUnits(ctx, s.Units, p.units)
	if err != nil {
		return err
	}
	for _, bt := range p.batches {
		// The rows are numbered as a sheet's, and all kept: namesakes born the same year in
		// one unit are different people here.
		keep := make([]int, len(bt.rows))
		for i := range bt.rows {
			bt.rows[i].Row, keep[i] = i+2, i+2
		}
		res, err := s.People.ImportPeople(ctx, tuyengiao.ImportRequest{RootID: ids[bt.root], Rows: bt.rows, Commit: true, Keep: keep})
		if err != nil {
			return fmt.Errorf("demo: people of %s: %w", p.units[bt.root].code, err)
		} else if !res.Committed {
			return fmt.Errorf("demo: people of %s not imported: %v", p.units[bt.root].code, res.Errors)
		}
	}
	cards, err := partyCards(ctx, s.People, ids[0])
	if err != nil {
		return err
	}
	day := p.today
	for i, l := range p.leavers {
		// Spread over the past year, so that counts as of earlier dates differ.
		on := tuyengiao.Date{Time: day.AddDate(0, 0, -(1 + i*37%330))}
		if _, err := s.People.ChangePersonStatus(ctx, cards[l.card], l.status, on); err != nil {
			return fmt.Errorf("demo: party member %s leaves: %w", l.card, err)
		}
	}
	docs, err := createDocuments(ctx, s.Documents, p.units, ids)
	if err != nil {
		return err
	}
	realNow := *s.Now
	err = history(ctx, s, clock{s.Now}, p, ids, cards, docs)
	if err == nil {
		err = createContest(ctx, s, clock{s.Now}, p, ids, realNow())
	}
	*s.Now = realNow
	if err != nil {
		return err
	}
	if err := createCampaign(ctx, s, p, ids, docs[0], cards[p.member], cards[p.reviewer]); err != nil {
		return err
	}
	if err := draftReport(ctx, s.Reports, ids[0], p.today); err != nil {
		return err
	}
	accounts, err := createAccounts(ctx, s.Users, p, ids, cards[p.member], cards[p.reviewer])
	if err != nil {
		return err
	}
	printAccounts(out, accounts)
	printSummary(out, p)
	return nil
}

// createUnits creates the units of the plan in order, parents first, and returns their IDs
// by plan index.
func createUnits(ctx context.Context, units tuyengiao.UnitService, specs []unitSpec) ([]int64, error) {
	ids := make([]int64, len(specs))
	for i, s := range specs {
		u := &tuyengiao.Unit{Code: s.code, Name: s.name, Kind: s.kind}
		if s.parent >= 0 {
			u.ParentID = ids[s.parent]
		}
		if err := units.CreateUnit(ctx, u); err != nil {
			return nil, fmt.Errorf("demo: unit %s: %w", s.code, err)
		}
		ids[i] = u.ID
	}
	return ids, nil
}

// partyCards returns the IDs of the official party members of the city by party card, since
// an import does not return the IDs it creates.
func partyCards(ctx context.Context, people tuyengiao.PersonService, cityID int64) (map[string]int64, error) {
	members, _, err := people.FindPeople(ctx, tuyengiao.PersonFilter{RootID: cityID, Category: tuyengiao.CategoryMember})
	if err != nil {
		return nil, fmt.Errorf("demo: find party members: %w", err)
	}
	cards := make(map[string]int64, len(members))
	for _, m := range members {
		cards[m.PartyCard] = m.ID
	}
	return cards, nil
}

// today returns the day of now in Vietnam.
func today(now time.Time) tuyengiao.Date {
	y, m, d := now.In(vn.Zone).Date()
	return tuyengiao.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}
