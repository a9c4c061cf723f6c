package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// maxRequiredCodes limits the unit codes a campaign form lists one by one; a kind of unit
// chooses more.
const maxRequiredCodes = 2000

// campaignFormData is what the new-campaign and edit-campaign forms show.
type campaignFormData struct {
	Campaign *tuyengiao.Campaign // nil for a new one
	Choices  []*tuyengiao.Unit   // the units that may organise it
	Kinds    []*tuyengiao.UnitKind
	Def      url.Values
	// Candidates are the documents registered under a symbol typed in the form, when there
	// are several to choose from.
	Candidates []*tuyengiao.Document
}

// Action is where the form posts.
func (d *campaignFormData) Action() string {
	if d.Campaign == nil {
		return "/campaigns"
	}
	return "/campaigns/" + strconv.FormatInt(d.Campaign.ID, 10)
}

func (s *Server) campaignNewPage(w http.ResponseWriter, r *http.Request) error {
	return s.campaignForm(w, r, nil, nil, http.StatusOK)
}

// organiserChoice returns the unit of ?unit= (or of the posted unit_id), checked to be one
// where the user may plan a campaign, or nil when none is named.
func (s *Server) organiserChoice(r *http.Request) (*tuyengiao.Unit, error) {
	form := shownForm(r)
	id, err := queryInt(form, "unit")
	if err == nil && id == 0 {
		id, err = queryInt(form, "unit_id")
	}
	if err != nil || id == 0 {
		return nil, err
	}
	u, err := s.Units.FindUnitByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return u, tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionCampaignEdit, u.Path)
}

func (s *Server) campaignEditPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := s.Campaigns.FindCampaignByID(r.Context(), id)
	if err != nil {
		return err
	}
	u, err := s.Units.FindUnitByID(r.Context(), c.UnitID)
	if err != nil {
		return err
	}
	if err := tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionCampaignEdit, u.Path); err != nil {
		return err
	}
	return s.campaignForm(w, r, c, nil, http.StatusOK)
}

// campaignForm shows the campaign form, for c or for a new campaign, with err.
func (s *Server) campaignForm(w http.ResponseWriter, r *http.Request, c *tuyengiao.Campaign, err error, code int) error {
	d := &campaignFormData{Campaign: c, Def: campaignValues(c)}
	var lerr error
	if c != nil {
		refs, err := s.documentRefs(r, c.Documents)
		if err != nil {
			return err
		}
		d.Def.Set("documents", refs)
	}
	var choice *documentChoice
	if errors.As(err, &choice) {
		d.Candidates = choice.Docs
	}
	if d.Choices, lerr = s.actionRoots(r, tuyengiao.ActionCampaignEdit); lerr != nil {
		return lerr
	}
	if c == nil {
		u, err := s.organiserChoice(r)
		if err != nil {
			return err
		}
		if u != nil {
			d.Def.Set("unit_id", strconv.FormatInt(u.ID, 10))
			if !slices.ContainsFunc(d.Choices, func(x *tuyengiao.Unit) bool { return x.ID == u.ID }) {
				d.Choices = append([]*tuyengiao.Unit{u}, d.Choices...)
			}
		} else if len(d.Choices) == 0 {
			return tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionCampaignEdit, "")
		}
	}
	if d.Kinds, lerr = s.Units.FindUnitKinds(r.Context()); lerr != nil {
		return lerr
	}
	title := "Tạo đợt học tập, quán triệt"
	if c != nil {
		title = "Sửa đợt học tập"
	}
	p := &page{Title: title, Nav: "campaigns", Data: d}
	if r.Method == http.MethodPost {
		p.Form = r.PostForm
	}
	return s.renderForm(w, r, "campaign_form", p, err, code)
}

// campaignValues returns the fields of a campaign as the form writes them; a new campaign
// starts with the usual audiences and targets.
func campaignValues(c *tuyengiao.Campaign) url.Values {
	v := url.Values{}
	if c == nil {
		v["audiences"] = []string{"key_cadre", "member", "probation"}
		for cat, t := range map[string]string{"key_cadre": "100", "member": "95", "probation": "95", "union": "85", "masses": "80"} {
			v.Set("target_"+cat, t)
		}
		v.Set("headcount_union", "1")
		v.Set("headcount_masses", "1")
		return v
	}
	v.Set("unit_id", strconv.FormatInt(c.UnitID, 10))
	v.Set("title", c.Title)
	v.Set("description", c.Description)
	v.Set("start_on", vn.Date(c.StartOn.Time))
	v.Set("end_on", vn.Date(c.EndOn.Time))
	if !c.EssayDue.IsZero() {
		v.Set("essay_due", vn.Date(c.EssayDue.Time))
	}
	for _, a := range c.Audiences {
		v.Add("audiences", string(a.Category))
		v.Set("target_"+string(a.Category), vn.Decimal(a.Target, 1))
		if a.Headcount {
			v.Set("headcount_"+string(a.Category), "1")
		}
	}
	v.Set("essay_criteria", strings.Join(c.EssayCriteria, "\n"))
	v.Set("essay_levels", strings.Join(c.EssayLevels, "\n"))
	return v
}

// documentRefs writes the documents of a campaign one a line, as the form reads them back:
// the symbol, with the registry number when other documents share it (documentRef). A
// symbol the vocabulary no longer reads stands alone.
func (s *Server) documentRefs(r *http.Request, docs []tuyengiao.CampaignDocument) (string, error) {
	refs := make([]string, len(docs))
	for i, doc := range docs {
		same, err := s.Documents.FindDocumentsBySymbol(r.Context(), doc.Symbol)
		if err != nil && tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
			return "", err
		}
		refs[i] = doc.Symbol
		if len(same) > 1 {
			refs[i] = documentRef(&tuyengiao.Document{ID: doc.ID, Symbol: doc.Symbol})
		}
	}
	return strings.Join(refs, "\n"), nil
}

// readCampaign reads the campaign form into c: what is left blank of the units that must
// organise it keeps c's.
func (s *Server) readCampaign(r *http.Request, c *tuyengiao.Campaign) error {
	f := r.PostForm
	var err error
	// The organiser of a campaign does not change; only a new one reads it from the form.
	if c.ID == 0 {
		if c.UnitID, err = queryInt(f, "unit_id"); err != nil {
			return err
		}
	}
	c.Title, c.Description = vn.NFC(strings.TrimSpace(f.Get("title"))), vn.NFC(strings.TrimSpace(f.Get("description")))
	for field, dst := range map[string]*tuyengiao.Date{"start_on": &c.StartOn, "end_on": &c.EndOn, "essay_due": &c.EssayDue} {
		if *dst, err = formDay(f, field); err != nil {
			return err
		}
	}
	c.EssayCriteria, c.EssayLevels = lines(f.Get("essay_criteria")), lines(f.Get("essay_levels"))
	if c.Audiences, err = readAudiences(f); err != nil {
		return err
	}
	c.DocumentIDs = nil
	for _, sym := range lines(f.Get("documents")) {
		id, err := s.documentBySymbol(r, sym, "documents")
		if err != nil {
			return err
		}
		c.DocumentIDs = append(c.DocumentIDs, id)
	}
	ids, err := s.requiredUnits(r, c.UnitID, f.Get("required_kind"), f.Get("unit_codes"))
	if err != nil || (ids == nil && c.ID != 0) {
		return err
	}
	c.UnitIDs = ids
	return nil
}

// readAudiences reads the audiences ticked on the form, with their targets ("97,4") and
// whether they are counted by headcount.
func readAudiences(f url.Values) ([]tuyengiao.CampaignAudience, error) {
	var out []tuyengiao.CampaignAudience
	for _, cat := range f["audiences"] {
		a := tuyengiao.CampaignAudience{Category: tuyengiao.Category(cat), Headcount: f.Get("headcount_"+cat) != ""}
		if s := strings.TrimSpace(f.Get("target_" + cat)); s != "" {
			t, err := strconv.ParseFloat(strings.Replace(strings.TrimSuffix(s, "%"), ",", ".", 1), 64)
			if err != nil {
				return nil, tuyengiao.FieldError("audiences", "Chỉ tiêu của %s (%q) không phải là số, ví dụ 97,4.", a.Category.Name(), s)
			}
			a.Target = t
		}
		out = append(out, a)
	}
	return out, nil
}

// requiredUnits returns the units that must organise a campaign: every unit of the kind in the
// organiser's subtree, and the units of the codes; nil when both are blank.
func (s *Server) requiredUnits(r *http.Request, organiser int64, kind, codes string) ([]int64, error) {
	var ids []int64
	if kind != "" && organiser != 0 {
		units, _, err := s.Units.FindUnits(r.Context(), tuyengiao.UnitFilter{RootID: organiser, Kind: kind})
		if err != nil {
			return nil, err
		}
		if len(units) == 0 {
			return nil, tuyengiao.FieldError("required_kind", "Đơn vị tổ chức không có đơn vị nào thuộc loại đã chọn.")
		}
		for _, u := range units {
			ids = append(ids, u.ID)
		}
	}
	list := strings.FieldsFunc(codes, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' || r == ' ' })
	if len(list) > maxRequiredCodes {
		return nil, tuyengiao.FieldError("unit_codes", "Nhiều hơn %d mã đơn vị; hãy chọn theo loại đơn vị.", maxRequiredCodes)
	}
	for _, code := range list {
		u, err := s.Units.FindUnitByCode(r.Context(), vn.NFC(code))
		if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
			return nil, tuyengiao.FieldError("unit_codes", "Không tìm thấy đơn vị mã %q.", code)
		} else if err != nil {
			return nil, err
		}
		ids = append(ids, u.ID)
	}
	return ids, nil
}

// lines returns the non-blank lines of a text area, trimmed and NFC.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = vn.NFC(strings.TrimSpace(l)); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (s *Server) campaignCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	c := &tuyengiao.Campaign{}
	err := s.readCampaign(r, c)
	if err == nil {
		err = s.Campaigns.CreateCampaign(r.Context(), c)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.campaignForm(w, r, nil, err, code) })
	}
	http.Redirect(w, r, "/campaigns/"+strconv.FormatInt(c.ID, 10)+"?ok=created", http.StatusSeeOther)
	return nil
}

func (s *Server) campaignUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	c, err := s.Campaigns.FindCampaignByID(r.Context(), id)
	if err != nil {
		return err
	}
	old := *c
	err = s.readCampaign(r, c)
	if err == nil {
		err = s.Campaigns.UpdateCampaign(r.Context(), c)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.campaignForm(w, r, &old, err, code) })
	}
	http.Redirect(w, r, "/campaigns/"+strconv.FormatInt(id, 10)+"?ok=saved", http.StatusSeeOther)
	return nil
}
