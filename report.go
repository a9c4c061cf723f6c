package tuyengiao

import (
	"context"
	"time"
)

// The actions on reports. Drafting, editing, refreshing and submitting a report is
// ActionReportEdit at its unit; finalising it (số hiệu, ngày ký, người ký) is ActionReportSign,
// held by the accounts the unit names to sign or, when it names none, by its unit
// administrators; editing the templates every unit drafts from is ActionReportTemplate, held
// by no role but the system administrator.
const (
	ActionReportEdit     Action = "report.edit"
	ActionReportSign     Action = "report.sign"
	ActionReportTemplate Action = "report.template"
)

// The states of a report. A draft changes; a final report is signed and frozen, its
// figures kept as they were at its cut-off; a final report may then be submitted to the
// unit above (SubmittedAt).
const (
	ReportDraft = "draft" // dự thảo
	ReportFinal = "final" // đã ký
)

// ReportTemplate is the outline a unit drafts a report from: the sơ kết 6 tháng, the tổng
// kết năm, or a report for any period. It is an ordered list of sections.
type ReportTemplate struct {
	ID   int64  `json:"id"`
	Code string `json:"code"` // "so-ket-6-thang", "tong-ket-nam", "bao-cao-ky"
	Name string `json:"name"` // "Báo cáo sơ kết 6 tháng"
	// PeriodKind is the kind of period the template reports on (half, year), or "" for any.
	PeriodKind PeriodKind `json:"period_kind,omitempty"`
	// Subject is the subject line under the title, with the tokens of ReportSection.Text
	// ("Sơ kết công tác tuyên giáo {period}, phương hướng nhiệm vụ {next}").
	Subject   string            `json:"subject"`
	Sections  []ReportSection   `json:"sections"`
	UpdatedAt time.Time         `json:"updated_at"`
	Signing   ReportSigningPart `json:"signing"`
}

// ReportSigningPart is the part of a report's head and foot that names who issues and
// signs it, defaulted by the template and set on finalising.
type ReportSigningPart struct {
	// Superior and Issuer are the two lines top left: the body above ("THÀNH ỦY HOA SƠN")
	// and the issuing body ("BAN TUYÊN GIÁO"); empty Superior: the unit's parent's name.
	Superior string `json:"superior"`
	Issuer   string `json:"issuer"`
	// SignFor is the line above the signer's title ("T/M BAN TUYÊN GIÁO"), SignerTitle the
	// title ("TRƯỞNG BAN"), Signer the name of who signs.
	SignFor     string   `json:"sign_for"`
	SignerTitle string   `json:"signer_title"`
	Signer      string   `json:"signer"`
	Recipients  []string `json:"recipients"` // Nơi nhận, one per line
	Place       string   `json:"place"`      // "Hoa Sơn", before ", ngày … tháng … năm …"
}

// ReportSection is a section of a template or of a report: a title, narrative text, and
// optionally a table of the units right below and a chart by month.
//
// Text is paragraphs separated by blank lines; a line starting "- " is an item of a list.
// A figure is written in the text as a token that stays linked to the data: {code} is the
// value of indicator code for the report's unit and period ("25", "97,4%"), and
// {code:form} writes it in another form: approx ("gần 8.000", "trên 34.300": rounded as
// the articles do), change ("tăng 12,5% so với cùng kỳ"), previous ("tăng 3,1% so với 6 tháng
// cuối năm 2025"), num and base (a ratio's numerator and denominator), some (the value, but
// for zero nothing: the item of a list it starts goes, up to the next punctuation, with the
// comma or "và" before it, and with the words leading into the list when no item is left:
// "; trong đó có {a:some} kế hoạch, {b:some} hướng dẫn." reads "; trong đó có 10 kế hoạch."
// or nothing). {unit}, {period}, {previous} and {next} write the unit's name and the
// periods' names. {body}, {committee} and {cells} name the unit's party body, its committee
// and its cells in the words of its kind, capitalised when they start a sentence: a city's
// "toàn đảng bộ", "cấp ủy các cấp", "các chi bộ"; a ward's "đảng bộ phường", "đảng ủy",
// "các chi bộ"; a cell's "chi bộ" for all three. A sentence (up to ". ", "? " or "! ") whose
// every figure is zero for the period is left out of the report, and a paragraph or item
// left empty with it; the text keeps it, so that it reads again once a figure is counted.
// Refreshing a report recounts the figures and keeps the text as it is.
type ReportSection struct {
	Title string `json:"title"`
	Text  string `json:"text"`
	// Table lists the indicators of a table with a row per unit right below and a total;
	// none: no table.
	Table []string `json:"table,omitempty"`
	// Chart is the indicator drawn month by month over the period; "": no chart.
	Chart string `json:"chart,omitempty"`
}

// Report is the report of a unit for a period, drafted from a template.
type Report struct {
	ID         int64  `json:"id"`
	UnitID     int64  `json:"unit_id"`
	UnitName   string `json:"unit_name"`
	TemplateID int64  `json:"template_id"`
	Period     Period `json:"period"`
	Status     string `json:"status"`
	// Version counts the saved states of the report, from 1; saving with a version other
	// than the current one is ECONFLICT (someone else saved in between).
	Version  int             `json:"version"`
	Subject  string          `json:"subject"`
	Sections []ReportSection `json:"sections"`
	ReportSigningPart
	// Number is the symbol of a final report ("12-BC/BTGTU"), SignedOn its date.
	Number   string `json:"number,omitempty"`
	SignedOn *Date  `json:"signed_on,omitempty"`
	// Figures are the values the text, tables and charts show, counted at Figures.AsOf
	// (the cut-off, "số liệu tính đến"): kept as they are until the draft is refreshed, and
	// for ever once the report is final.
	Figures     ReportFigures `json:"figures"`
	CreatedAt   time.Time     `json:"created_at"`
	UpdatedAt   time.Time     `json:"updated_at"`
	UpdatedBy   string        `json:"updated_by"`
	FinalisedAt *time.Time    `json:"finalised_at,omitempty"`
	FinalisedBy string        `json:"finalised_by,omitempty"`
	SubmittedAt *time.Time    `json:"submitted_at,omitempty"`
	SubmittedBy string        `json:"submitted_by,omitempty"`
}

// ReportFigures are the figures a report shows. Main holds every indicator its text,
// subject and tables name, for the unit (row 0), its own line where it has one, and the
// units right below, for the periods: the report's, the one before it and the same one a
// year before (in that order). Months holds the charts' indicators for the unit alone, for
// each month of the period. Both are tables of the figure service, as it answered.
type ReportFigures struct {
	Main   *FigureTable `json:"main"`
	Months *FigureTable `json:"months,omitempty"`
}

// ReportEdit is what an editor changes in a draft.
type ReportEdit struct {
	Version  int             `json:"version"` // the version the edit was made on
	Subject  string          `json:"subject"`
	Sections []ReportSection `json:"sections"`
	ReportSigningPart
}

// ReportSigning finalises a report: its symbol, the day it is signed and who signs.
type ReportSigning struct {
	Version     int    `json:"version"`
	Number      string `json:"number"`
	SignedOn    Date   `json:"signed_on"`
	SignFor     string `json:"sign_for"`
	SignerTitle string `json:"signer_title"`
	Signer      string `json:"signer"`
}

// ReportVersion is one saved state of a report: who saved it, when, and why.
type ReportVersion struct {
	Version int       `json:"version"`
	Action  string    `json:"action"` // "create", "edit", "refresh", "finalise", "submit"
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

// ReportFilter asks for the reports of a unit, and with Below those of its whole subtree;
// UnitID 0 asks for every report the caller may see.
type ReportFilter struct {
	UnitID int64
	Below  bool
	Period *Period // only reports of this period; nil: any
}

// ReportSubmission is how a unit right below the asked unit stands with its report of a
// template and period: none yet, a draft, final, or submitted (Report set when any).
type ReportSubmission struct {
	UnitID   int64   `json:"unit_id"`
	UnitName string  `json:"unit_name"`
	Report   *Report `json:"report,omitempty"`
}

// ReportStore keeps templates and reports, checking access, auditing every write and
// keeping every version. It counts no figure: ReportService does, and stores what it
// counted.
type ReportStore interface {
	Templates(ctx context.Context) ([]ReportTemplate, error)
	Template(ctx context.Context, id int64) (*ReportTemplate, error)
	// SaveTemplate creates (ID 0) or replaces a template: ActionReportTemplate.
	SaveTemplate(ctx context.Context, t *ReportTemplate) error
	// CreateReport stores a new draft (version 1): ActionReportEdit at r.UnitID.
	CreateReport(ctx context.Context, r *Report) error
	// Report returns a report the caller may see (ActionUnitView at its unit), else ENOTFOUND.
	Report(ctx context.Context, id int64) (*Report, error)
	// Reports lists the reports f asks for, the newest period first, without their figures
	// and sections (Report reads them).
	Reports(ctx context.Context, f ReportFilter) ([]Report, error)
	// UpdateReport stores r as its next version, recorded as action: ECONFLICT when
	// r.Version is not the stored version (it is raised on success); EINVALID for a change
	// to a final report other than submitting it; the right the action needs.
	UpdateReport(ctx context.Context, r *Report, action string) error
	Versions(ctx context.Context, id int64) ([]ReportVersion, error)
	// ReportAt returns version v of a report.
	ReportAt(ctx context.Context, id int64, v int) (*Report, error)
	// Submissions lists the units right below unitID with their latest report of the
	// template and period (the submitted one, else a final one, else the newest draft),
	// without its figures and sections.
	Submissions(ctx context.Context, unitID, templateID int64, p Period) ([]ReportSubmission, error)
	// Signers returns the accounts unitID names to sign its reports (none: its unit
	// administrators sign); SetSigners replaces them: ActionAccountEdit at the unit.
	Signers(ctx context.Context, unitID int64) ([]User, error)
	SetSigners(ctx context.Context, unitID int64, userIDs []int64) error
}

// ReportService drafts, edits, refreshes, finalises and submits reports, and assembles
// them for the page and the encoders.
type ReportService interface {
	Templates(ctx context.Context) ([]ReportTemplate, error)
	Template(ctx context.Context, id int64) (*ReportTemplate, error)
	SaveTemplate(ctx context.Context, t *ReportTemplate) error
	// Draft creates the report of unitID for period p from template templateID, every
	// figure counted now.
	Draft(ctx context.Context, unitID, templateID int64, p Period) (*Report, error)
	Report(ctx context.Context, id int64) (*Report, error)
	Reports(ctx context.Context, f ReportFilter) ([]Report, error)
	// Edit saves the editor's text of a draft, keeping its figures.
	Edit(ctx context.Context, id int64, e ReportEdit) (*Report, error)
	// Refresh recounts the figures of a draft, keeping its text.
	Refresh(ctx context.Context, id int64, version int) (*Report, error)
	Finalise(ctx context.Context, id int64, s ReportSigning) (*Report, error)
	// Submit hands a final report to the unit above.
	Submit(ctx context.Context, id int64) (*Report, error)
	Versions(ctx context.Context, id int64) ([]ReportVersion, error)
	ReportAt(ctx context.Context, id int64, v int) (*Report, error)
	Submissions(ctx context.Context, unitID, templateID int64, p Period) ([]ReportSubmission, error)
	Signers(ctx context.Context, unitID int64) ([]User, error)
	SetSigners(ctx context.Context, unitID int64, userIDs []int64) error
	// Assemble lays out report r (a version of it) for the page and the encoders. For a
	// final report it also counts its figures as of now and marks those that differ.
	Assemble(ctx context.Context, r *Report) (*ReportDocument, error)
}

// ReportDocument is a report laid out, format-neutral: what the page shows and the DOCX,
// PDF and XLSX encoders write, without querying anything. All text is NFC.
type ReportDocument struct {
	Superior    string // "THÀNH ỦY HOA SƠN"
	Issuer      string // "BAN TUYÊN GIÁO"
	Number      string // "Số 12-BC/BTGTU", or "Số      -BC/BTGTU" for a draft
	Motto       string // "ĐẢNG CỘNG SẢN VIỆT NAM"
	PlaceDate   string // "Hoa Sơn, ngày 15 tháng 6 năm 2026"
	Title       string // "BÁO CÁO"
	Subject     string
	Draft       bool   // not final: marked "DỰ THẢO"
	AsOf        string // "Số liệu tính đến 16 giờ 30 ngày 15/6/2026"
	Blocks      []ReportBlock
	SignFor     string // "T/M BAN TUYÊN GIÁO"
	SignerTitle string // "TRƯỞNG BAN"
	Signer      string
	// Recipients are the lines of "Nơi nhận:".
	Recipients []string
	FileName   string // without extension: "bao-cao-12-BC-BTGTU"
}

// The kinds of ReportBlock.
const (
	BlockHeading   = "heading"
	BlockParagraph = "paragraph"
	BlockItem      = "item" // an item of a list ("- ")
	BlockTable     = "table"
	BlockChart     = "chart"
)

// ReportBlock is a heading, a paragraph, a list item, a table or a chart. The runs of an item
// start with its "- ", as the text has it; the encoders write them as they are.
type ReportBlock struct {
	Kind  string
	Runs  []ReportRun // heading, paragraph, item
	Table *ReportTable
	Chart *ReportChart
}

// ReportRun is a piece of text of a paragraph; a figure's run says where it came from.
type ReportRun struct {
	Text   string
	Bold   bool
	Italic bool
	Figure *ReportFigureRef
}

// ReportFigureRef is where a figure in the text came from: the indicator, the unit and
// period, the page of the records behind it, and for a final report the value as of now
// when it differs from the one signed.
type ReportFigureRef struct {
	Code      string
	Indicator string // its name
	UnitID    int64
	Period    Period
	Records   string // the records page, "" for a reported figure
	Live      string // the value as of now, formatted, when it differs; else ""
	// Missing marks a token whose indicator the catalogue did not know when the figures
	// were counted (one a later capability registers): the text shows "…" in its place.
	Missing bool
}

// ReportTable is a table of figures: a caption, the header, rows of formatted cells, and the
// total row last. Numeric marks the columns aligned right.
type ReportTable struct {
	Caption string
	Header  []string
	Rows    [][]string
	Total   []string
	Numeric []bool
	// Values holds the numbers of Rows and then of Total, row by row, for the XLSX (nil for
	// a text cell): what the cells show, unformatted; a ratio as a fraction (0,974).
	Values [][]*float64
	// Live holds, for a final report, the value as of now of each cell of Rows and then of
	// Total, formatted, where it differs from the one signed ("" where it does not, and for
	// the label); nil when no cell differs. The page marks them; the encoders print the
	// figures signed.
	Live [][]string
}

// ReportChart is a bar chart of one indicator: a bar per label.
type ReportChart struct {
	Caption string
	Labels  []string
	Values  []float64
	Percent bool // values are percents
}

// LiveAt returns the value as of now of cell col of row (Rows, then Total as row
// len(Rows)) of a final report's table, or "" when it is the one signed.
func (t *ReportTable) LiveAt(row, col int) string {
	if row < len(t.Live) && col < len(t.Live[row]) {
		return t.Live[row][col]
	}
	return ""
}
