package tuyengiao

// The figures of a unit and the units right below it that the pages of a capability show
// (a campaign's dashboard, the people of a unit, the essays of a campaign), as the figure
// service rolls them up the unit tree.

// CampaignParticipation is a campaign's dashboard at a unit: the participation of the unit's
// whole subtree, of each unit right below it, and the units of the subtree that must organise
// the study and have not. The records of closed units count where they were made.
type CampaignParticipation struct {
	// AsOf is the day the people are counted on (CampaignCounts.AsOf).
	AsOf  Date             `json:"as_of"`
	Total ParticipationRow `json:"total"`
	// Own is the unit's own part of Total: its people and records not under any unit below
	// it (the city committee's own cadres), so that Own and the units below add up to Total.
	Own ParticipationRow `json:"own"`
	// Children are the units right below, in tree order, but those with nothing to show.
	Children []ParticipationRow `json:"children"`
	// Late are the open units of the subtree that must organise the study and have not, in
	// tree order: UnitID, UnitCode and UnitName only.
	Late []ParticipationRow `json:"late"`
	// Idle counts the units right below left out of Children: nobody of the audiences,
	// nothing to organise and no conference in their subtree (residential groups, most often).
	Idle int `json:"idle"`
}

// UnitPeople is a unit's line of PeopleCounts: the people active on the day of each
// category, in the order of Categories, at the unit itself and in its whole subtree.
type UnitPeople struct {
	Unit        *Unit   `json:"unit"`
	Depth       int     `json:"depth"` // below the unit asked: 0 for it
	HasChildren bool    `json:"has_children"`
	Own         []int64 `json:"own"`
	Total       []int64 `json:"total"`
}

// PeopleCounts is the people of a unit's subtree by category on a day, counted at the unit
// each belongs to and rolled up: a person counts once. The people of closed units count.
type PeopleCounts struct {
	AsOf Date `json:"as_of"`
	// Units are the unit asked, then the units below it down to the depth asked, closed ones
	// included, in tree order. The unit's Own line is its own people: with its children's
	// totals it makes its total.
	Units []UnitPeople `json:"units"`
}

// EssayRow is a unit's line of a campaign's essay counts: the essays of its whole subtree.
type EssayRow struct {
	UnitID      int64  `json:"unit_id"`
	UnitCode    string `json:"unit_code"`
	UnitName    string `json:"unit_name"`
	HasChildren bool   `json:"has_children"`
	Submitted   int64  `json:"submitted"` // waiting for a grade
	Returned    int64  `json:"returned"`  // returned for revision
	// Graded are the essays graded at each of the campaign's levels, in its order (Levels).
	Graded []int64 `json:"graded"`
	// Total is every essay handed in, those graded at a level the campaign no longer has
	// included.
	Total int64 `json:"total"`
}

// EssayFigures is the essays of a campaign in a unit's subtree, by status and level: the
// unit's whole subtree and each unit right below it, in tree order.
type EssayFigures struct {
	Levels   []string   `json:"levels"` // the campaign's levels, best first
	Total    EssayRow   `json:"total"`
	Children []EssayRow `json:"children"`
}
