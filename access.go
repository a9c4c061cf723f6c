package tuyengiao

import "strings"

// Role is what an account may do at a unit and its whole subtree.
type Role string

// The roles, by the names used on the command line and in the API.
const (
	RoleSysadmin  Role = "sysadmin"  // everything, everywhere
	RoleUnitAdmin Role = "unitadmin" // accounts, units and records of the subtree
	RoleEditor    Role = "editor"    // records of the subtree
	RoleViewer    Role = "viewer"    // dashboards, reports and records of the subtree, read only
	RoleReviewer  Role = "reviewer"  // the essays of a cell, and its people, read only
	RoleMember    Role = "member"    // their own attendance, essays and contest entries
)

// Roles lists every role, strongest first.
var Roles = []Role{RoleSysadmin, RoleUnitAdmin, RoleEditor, RoleViewer, RoleReviewer, RoleMember}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Action is something a principal asks to do to an object of a unit.
type Action string

// The actions. A ".view" action reads, every other action writes.
const (
	ActionUnitView     Action = "unit.view"
	ActionUnitEdit     Action = "unit.edit"   // create, rename, reorder, move, close
	ActionKindManage   Action = "kind.manage" // extend the vocabulary of unit kinds
	ActionPersonView   Action = "person.view" // personal data: audited on every read
	ActionPersonEdit   Action = "person.edit" // create, change, import
	ActionAccountView  Action = "account.view"
	ActionAccountEdit  Action = "account.edit" // create, grant, revoke, disable
	ActionAuditView    Action = "audit.view"
	ActionDocumentEdit Action = "document.edit" // register documents, attach files, relate them
	ActionCampaignEdit Action = "campaign.edit" // plan campaigns, conferences and bridge points
	// ActionAttendanceEdit records who attended: the roster and the headcount.
	ActionAttendanceEdit Action = "attendance.edit"
	ActionEssayReview    Action = "essay.review" // grade the essays of the unit
	// ActionVocabularyManage extends the vocabulary of document types and issuers, which
	// every unit reads symbols against: no role holds it but the system administrator.
	ActionVocabularyManage Action = "vocabulary.manage"
	// ActionFigureEdit enters figures of a unit: its reported values, its targets, the
	// confirmation of a value flagged as an outlier.
	ActionFigureEdit Action = "figure.edit"
	// ActionIndicatorManage defines the reported indicators, the data sets every unit reports
	// and the validation rules its figures are checked against: no role holds it but the
	// system administrator, since every unit reports against the same catalogue.
	ActionIndicatorManage Action = "indicator.manage"
	// ActionRecordEdit creates, changes, deletes and imports the records of the declared
	// kinds (RecordKind): media output, outreach sessions, commendations…
	ActionRecordEdit Action = "record.edit"
	// ActionContestEdit sets up the unit's contests, keeps their question banks, closes
	// their rounds and reads their contestants.
	ActionContestEdit Action = "contest.edit"
)

// Scope tells whether an action reads (view scope) or writes (enter scope).
func (a Action) Scope() string {
	if strings.HasSuffix(string(a), ".view") {
		return "view"
	}
	return "enter"
}

// rights lists the actions of each role; sysadmin holds them all.
var rights = map[Role][]Action{
	RoleUnitAdmin: {ActionUnitView, ActionUnitEdit, ActionPersonView, ActionPersonEdit,
		ActionAccountView, ActionAccountEdit, ActionAuditView, ActionDocumentEdit,
		ActionCampaignEdit, ActionAttendanceEdit, ActionFigureEdit, ActionReportEdit, ActionReportSign, ActionRecordEdit, ActionContestEdit},
	RoleEditor: {ActionUnitView, ActionPersonView, ActionPersonEdit, ActionDocumentEdit,
		ActionCampaignEdit, ActionAttendanceEdit, ActionFigureEdit, ActionReportEdit, ActionRecordEdit, ActionContestEdit},
	RoleViewer:   {ActionUnitView, ActionPersonView},
	RoleReviewer: {ActionUnitView, ActionPersonView, ActionAttendanceEdit, ActionEssayReview},
	RoleMember:   {ActionUnitView},
}

// Permits reports whether the role allows the action (anywhere in its subtree).
func (r Role) Permits(a Action) bool {
	if r == RoleSysadmin {
		return true
	}
	for _, x := range rights[r] {
		if x == a {
			return true
		}
	}
	return false
}

// covers tells which roles a holder of r may grant to others in r's subtree.
func (r Role) covers(other Role) bool {
	switch r {
	case RoleSysadmin:
		return true
	case RoleUnitAdmin:
		return other != RoleSysadmin
	}
	return r == other
}

// Grant is a role held at a unit; it reaches the unit's whole subtree. UnitPath is the
// materialised path of the unit (for example "/1/5/23/"); a sysadmin grant has UnitID 0 and
// the path "/", which holds every unit.
type Grant struct {
	ID       int64  `json:"id"`
	UserID   int64  `json:"user_id"`
	Role     Role   `json:"role"`
	UnitID   int64  `json:"unit_id,omitempty"`
	UnitPath string `json:"-"`
	UnitCode string `json:"unit_code,omitempty"`
	UnitName string `json:"unit_name,omitempty"`
}

// Principal is the account on whose behalf a request runs, with its grants.
type Principal struct {
	UserID int64
	Login  string
	// Name is how the account is shown: its display name, or else the full name of its
	// person, or else its login.
	Name      string
	PersonID  int64 // the person record of a member account, 0 when none
	Grants    []Grant
	SessionID string // hash of the session token, to end this session only
	Address   string // client address, for the audit log
}

// InSubtree reports whether the unit at path lies in the subtree rooted at root (both
// materialised paths ending in "/").
func InSubtree(path, root string) bool {
	return strings.HasPrefix(path, root)
}

// Authorize is the one access check of the system: it returns nil when p may do the action on
// an object of the unit at unitPath, and an EFORBIDDEN (or, with no principal, EUNAUTHORIZED)
// error otherwise. Every route reaches it; no handler decides access on its own.
func Authorize(p *Principal, action Action, unitPath string) error {
	if p == nil {
		return Errorf(EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	for _, g := range p.Grants {
		if g.Role == RoleSysadmin || g.Role.Permits(action) && InSubtree(unitPath, g.UnitPath) {
			return nil
		}
	}
	return Errorf(EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này tại đơn vị này.")
}

// AuthorizeEssay is the access check for the text of a reflection essay written by the person
// authorID at the unit at unitPath and handed in by the account submittedBy: only its author
// (IsEssayAuthor) and the reviewers of that very unit may read it. A reviewer of a unit
// above, and every other role at any level, a system administrator included, sees counts and
// grades only (DESIGN.md §1). The storage checks besides that a reviewer is an active person
// of that unit, which the principal does not carry.
func AuthorizeEssay(p *Principal, unitPath string, authorID, submittedBy int64) error {
	if p == nil {
		return Errorf(EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	if IsEssayAuthor(p, authorID, submittedBy) {
		return nil
	}
	for _, g := range p.Grants {
		if g.Role == RoleReviewer && g.UnitPath == unitPath {
			return nil
		}
	}
	return Errorf(EFORBIDDEN, "Bài thu hoạch chỉ tác giả và người chấm của chi bộ được xem.")
}

// IsEssayAuthor reports whether p reads an essay of the person authorID, handed in by the
// account submittedBy, as its author: p is linked to that person and is the account that
// handed the essay in. An account linked to the person after another one (an administrator
// moved the link) does not read what was handed in before the link, so that moving the link
// opens no essay; it still hands in a new revision, which the author's view lists.
func IsEssayAuthor(p *Principal, authorID, submittedBy int64) bool {
	return p != nil && p.PersonID != 0 && p.PersonID == authorID && p.UserID == submittedBy
}

// AuthorizeGrant checks that p may give the grant g, its role at the unit at g.UnitPath, to
// the account g.UserID (0 for an account being created), or take it back: p must be allowed
// to manage accounts there and must itself hold, at that unit or above, a role that covers
// the one given (a unit administrator gives every role but sysadmin). Nobody, a system
// administrator included, gives or takes back a grant of their own account: rights are
// widened by someone else, so that nobody opens the essays of a cell to themselves.
func AuthorizeGrant(p *Principal, g Grant) error {
	if err := Authorize(p, ActionAccountEdit, g.UnitPath); err != nil {
		return err
	}
	if g.UserID != 0 && g.UserID == p.UserID {
		return Errorf(EFORBIDDEN, "Không ai được tự cấp hay thu hồi vai trò của chính mình, kể cả quản trị hệ thống; hãy đề nghị một quản trị viên khác.")
	}
	for _, held := range p.Grants {
		if held.Role.covers(g.Role) && InSubtree(g.UnitPath, held.UnitPath) {
			return nil
		}
	}
	return Errorf(EFORBIDDEN, "Bạn chỉ được cấp vai trò và đơn vị mà chính bạn nắm giữ.")
}

// Scope returns the paths of the subtree roots where p may perform the action: the view scope
// for a reading action, the enter scope for a writing one. Nested roots are dropped, so the
// result is the smallest set of subtrees that covers the scope.
func (p *Principal) Scope(action Action) []string {
	if p == nil {
		return nil
	}
	var roots []string
	for _, g := range p.Grants {
		if g.Role.Permits(action) {
			roots = append(roots, g.UnitPath)
		}
	}
	var out []string
	for i, r := range roots {
		nested := false
		for j, o := range roots {
			if i != j && InSubtree(r, o) && (r != o || j < i) {
				nested = true
				break
			}
		}
		if !nested {
			out = append(out, r)
		}
	}
	return out
}

// IsSysadmin reports whether p holds the system administrator role.
func (p *Principal) IsSysadmin() bool {
	if p == nil {
		return false
	}
	for _, g := range p.Grants {
		if g.Role == RoleSysadmin {
			return true
		}
	}
	return false
}
