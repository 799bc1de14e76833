package incident

import (
	"strings"
	"time"

	"leakdesk/internal/incident/exhibit"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/incident/source"
)

// SourceKind is the kind of organisation suspected of leaking the data; it
// decides which regulator and which complaint channels fit. The list, its
// labels and what each kind means for the documents live in package source.
type SourceKind = source.Kind

// The source kinds (see package source).
const (
	SourceCourier    = source.Courier
	SourceEcommerce  = source.Ecommerce
	SourceBank       = source.Bank
	SourcePayment    = source.Payment
	SourceTelecom    = source.Telecom
	SourceHotel      = source.Hotel
	SourceHospital   = source.Hospital
	SourceRealEstate = source.RealEstate
	SourceEmployer   = source.Employer
	SourceEducation  = source.Education
	SourceSchool     = source.School
	SourcePlatform   = source.Platform
	SourceBusiness   = source.OtherBusiness
	SourceGovernment = source.Government
	SourceUnknown    = source.Unknown
)

// SourceKinds lists every kind in display order.
func SourceKinds() []SourceKind { return source.Kinds() }

// SourceKindInfo is the label and the document attributes of k.
func SourceKindInfo(k SourceKind) source.Info {
	in, _ := source.Lookup(k)
	return in
}

// CaseStatus is open or closed.
type CaseStatus string

const (
	CaseOpen   CaseStatus = "open"
	CaseClosed CaseStatus = "closed"
)

// Victim holds the details that letters and reports need; all optional.
type Victim struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number"`
	Phone    string `json:"phone"`
	Address  string `json:"address"`
}

// Intake holds the answers of the guided intake so it can be re-run with
// the previous answers filled in. Keys are the playbook's option keys.
type Intake struct {
	Leaked     []string `json:"leaked"`
	Happened   []string `json:"happened"`
	SourceKind string   `json:"source_kind"`
	SourceOrg  string   `json:"source_org"`
	Insider    string   `json:"insider"` // known, yes (suspected), no, unsure
	// Grounds are why the victim suspects the source (option keys of the
	// "grounds" question): how the information was given to it and what
	// points at it. Documents word the suspicion from these and nothing else.
	Grounds []string `json:"grounds,omitempty"`
	// UsedFor is what each leaked item was used for ("phone" →
	// ["harassment"]): playbook.Answers.UsedFor. Absent: not answered.
	UsedFor map[string][]string `json:"used_for,omitempty"`
	// Suspects are every organisation the victim suspects (issue 15: "the
	// courier or the shop?"), each with its own kind, name and grounds;
	// each gets its own complaint and deletion letter. The first is the
	// main one and is the same as SourceKind, SourceOrg and Grounds above
	// (NormalizeSuspects keeps them so). Empty in intakes stored before
	// there could be several: Case.SuspectList derives the one from the
	// fields above, so old cases read as one suspect.
	Suspects []Suspect `json:"suspects,omitempty"`
	// ConsumerRoute is the victim's choice between the consumer
	// association and 12315 where both fit (playbook.ConsumerRoutes' keys;
	// "" when not chosen: both are suggested). Set by ChooseConsumerRoute.
	ConsumerRoute string `json:"consumer_route,omitempty"`
	// SourceCode and SourceRep are the main suspect's 统一社会信用代码 and
	// 法定代表人 as the user entered them from the business register (issue
	// 12: the 起诉状 prints them); not intake answers, so answering again
	// keeps them. The other suspects' are on their Suspect.
	SourceCode string `json:"source_code,omitempty"`
	SourceRep  string `json:"source_rep,omitempty"`
	// LossYuan is the money the victim has lost, in yuan (0: not stated).
	LossYuan float64 `json:"loss_yuan,omitempty"`
	// Severity factors beyond the counts, set in the severity calculator.
	GainsYuan         float64 `json:"gains_yuan,omitempty"`
	PriorOffence      bool    `json:"prior_offence,omitempty"`
	UsedForCrime      bool    `json:"used_for_crime,omitempty"`
	SevereConsequence bool    `json:"severe_consequence,omitempty"`
	MajorLoss         bool    `json:"major_loss,omitempty"`
}

// Suspect is one organisation suspected of leaking the data.
type Suspect struct {
	Kind SourceKind `json:"kind"`
	Name string     `json:"name,omitempty"`
	// Addr is its address or contact for letters.
	Addr string `json:"addr,omitempty"`
	// Grounds are why it is suspected: option keys of the "grounds" question.
	Grounds []string `json:"grounds,omitempty"`
	// Code and Rep are its 统一社会信用代码 and 法定代表人, as entered from
	// the business register; "" when not entered (documents leave blanks).
	Code string `json:"code,omitempty"`
	Rep  string `json:"rep,omitempty"`
}

// Label names the suspect in a document: its name, else what kind of
// organisation it is, as the user answered.
func (s Suspect) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return source.Label(s.Kind, "zh")
}

// MaxSuspects bounds the suspects of one case: each gets its own letters.
const MaxSuspects = 8

// known reports whether the suspect says anything: a kind other than
// "I don't know", or a name.
func (s Suspect) known() bool {
	k, _ := source.Normalize(string(s.Kind))
	return (k != "" && k != SourceUnknown) || s.Name != ""
}

// NormalizeSuspects drops suspects that say nothing and makes the first
// one the intake's SourceKind, SourceOrg and Grounds, which the plan and
// the severity rules read. An intake without suspects keeps its fields;
// an empty non-nil list stays one (the user removed every suspect).
func (in *Intake) NormalizeSuspects() {
	var out []Suspect
	for _, s := range in.Suspects {
		s.Name, s.Addr = strings.TrimSpace(NormalizeNewlines(s.Name)), strings.TrimSpace(NormalizeNewlines(s.Addr))
		s.Code, s.Rep = normalizeCode(s.Code), strings.TrimSpace(NormalizeNewlines(s.Rep))
		if k, ok := source.Normalize(string(s.Kind)); ok {
			s.Kind = k
		}
		if s.known() {
			out = append(out, s)
		}
	}
	if out == nil && in.Suspects != nil {
		out = []Suspect{} // an explicit "none": the answers removed them all
	}
	in.Suspects = out
	in.SourceCode, in.SourceRep = normalizeCode(in.SourceCode), strings.TrimSpace(NormalizeNewlines(in.SourceRep))
	if len(out) > 0 {
		in.SourceKind, in.SourceOrg, in.Grounds = string(out[0].Kind), out[0].Name, out[0].Grounds
		if out[0].Code != "" || out[0].Rep != "" {
			in.SourceCode, in.SourceRep = out[0].Code, out[0].Rep
		}
	}
}

// normalizeCode writes a 统一社会信用代码 as the register does: capitals,
// no spaces.
func normalizeCode(code string) string {
	return strings.ToUpper(strings.Join(strings.Fields(code), ""))
}

// SuspectList is every suspected organisation, the main one first. A case
// stored before there could be several has its one source as the list; a
// case whose source is unknown has none. The first suspect's kind, name
// and address are the case's (the Details tab edits them).
func (c Case) SuspectList() []Suspect {
	if len(c.Intake.Suspects) == 0 {
		s := Suspect{Kind: c.SourceKind, Name: c.SourceOrg, Addr: c.SourceAddr, Grounds: c.Intake.Grounds,
			Code: c.Intake.SourceCode, Rep: c.Intake.SourceRep}
		if !s.known() {
			return nil
		}
		return []Suspect{s}
	}
	out := make([]Suspect, len(c.Intake.Suspects))
	copy(out, c.Intake.Suspects)
	out[0].Kind, out[0].Name, out[0].Addr = c.SourceKind, c.SourceOrg, c.SourceAddr
	out[0].Code, out[0].Rep = c.Intake.SourceCode, c.Intake.SourceRep
	if out[0].Kind == "" {
		out[0].Kind = SourceUnknown
	}
	return out
}

// ForSuspect is the case as seen by the letters to suspect n (1-based):
// that suspect is the source, with its own kind, name, address and
// grounds. n of 1 (or 0) is the case itself; ok is false when there is no
// suspect n.
func (c Case) ForSuspect(n int) (Case, bool) {
	list := c.SuspectList()
	if n <= 1 {
		return c, true
	}
	if n > len(list) {
		return c, false
	}
	s := list[n-1]
	c.SourceKind, c.SourceOrg, c.SourceAddr = s.Kind, s.Name, s.Addr
	c.Intake.SourceKind, c.Intake.SourceOrg, c.Intake.Grounds = string(s.Kind), s.Name, s.Grounds
	c.Intake.SourceCode, c.Intake.SourceRep = s.Code, s.Rep
	return c, true
}

// Case is one victim's incident.
type Case struct {
	ID           int64
	Title        string
	Victim       Victim
	DiscoveredAt time.Time // date only; zero when unknown
	Narrative    string
	SourceOrg    string
	SourceAddr   string // address or contact of the suspected source, for letters
	SourceKind   SourceKind
	Status       CaseStatus
	Intake       Intake
	// CorrectionOrder is the regulator's written order to the source to
	// correct and what the victim recorded of its refusal (刑法第二百八十六条之一);
	// nil when none is recorded. It changes only through SetCorrectionOrder.
	CorrectionOrder *CorrectionOrder
	// Authorisation is the victim's 授权委托书 for the volunteer (issue 13);
	// nil when none is recorded. It changes only through SetAuthorisation.
	Authorisation *Authorisation
	// JointConsent is the day the victim agreed to be named in the
	// matter's joint documents; zero when no consent is recorded. It
	// changes only through SetJointConsent.
	JointConsent time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
	DeletedAt    time.Time // set while a deletion can still be undone
}

// CorrectionOrder is a written order of the cyberspace, telecom or public
// security authority telling a network service provider to take corrective
// measures (法释〔2019〕15号 Art. 2), as the victim recorded it, and whether
// the provider has not corrected. Dates are civil dates (midnight UTC).
type CorrectionOrder struct {
	Authority string    // the authority that issued it, as written on the order
	Reference string    // its document number (文号); "" when the user has none
	IssuedOn  time.Time // the order's date
	// IgnoredSince is the day since which the provider has not corrected;
	// zero when the victim has not recorded a refusal.
	IgnoredSince time.Time
	// Continued is what went on after the order (the victim's words).
	Continued string
	// ExhibitID is the order document in the evidence locker; 0 for none.
	ExhibitID int64
	// Online: the source served the victim through an information network
	// (online banking, an app, online registration or e-government). Asked
	// only when the source's kind is a public service (source.Info.
	// PublicService), which 法释〔2019〕15号 Art. 1 item (3) counts as a
	// network service provider only then.
	Online bool
}

// Refused reports whether the victim recorded that the provider did not
// correct.
func (o *CorrectionOrder) Refused() bool { return o != nil && !o.IgnoredSince.IsZero() }

// LeakedData is one category of leaked information and how many items.
// Category is a severity key (see package severity).
type LeakedData struct {
	ID          int64
	CaseID      int64
	Category    string
	Description string
	Count       int64
}

// Account is an online account affected by the leak. The password itself is
// never stored.
type Account struct {
	ID                int64
	CaseID            int64
	Service           string
	Login             string
	Exposed           string
	PasswordChanged   bool
	TwoFactor         bool
	SessionsRevoked   bool
	DeletionRequested bool
	Notes             string
}

// StepStatus is where a plan step stands.
type StepStatus string

const (
	StepTodo          StepStatus = "todo"
	StepDoing         StepStatus = "doing"
	StepDone          StepStatus = "done"
	StepSkipped       StepStatus = "skipped"
	StepNotApplicable StepStatus = "not-applicable"
)

// StepStatuses lists every status in display order.
func StepStatuses() []StepStatus {
	return []StepStatus{StepTodo, StepDoing, StepDone, StepSkipped, StepNotApplicable}
}

// Finished reports whether the step needs no more work.
func (s StepStatus) Finished() bool {
	return s == StepDone || s == StepSkipped || s == StepNotApplicable
}

// Step is one action of the personal plan. Kind names the playbook step it
// came from ("" for a step the user added); Title and Why hold the user's own
// text for those, playbook steps take their wording from the playbook.
type Step struct {
	ID               int64
	CaseID           int64
	Kind             string
	Position         int
	Title            string
	Why              string
	Status           StepStatus
	FollowUp         time.Time // date; zero when nothing is awaited
	FollowUpEstimate bool      // the date lies outside the known holiday calendar
	CompletedAt      time.Time
	Notes            string
	Organisation     string
	Channel          string
	Reference        string // 受案回执 number, 12315 complaint number, ...
	Retired          bool   // no longer suggested by the latest intake; kept with its data
}

// Direction of a communication.
type Direction string

const (
	Incoming Direction = "in"
	Outgoing Direction = "out"
)

// Communication is one contact with an organisation, scammer or authority.
type Communication struct {
	ID          int64
	CaseID      int64
	At          time.Time
	Direction   Direction
	Channel     string // phone, sms, email, letter, in-person, online, app, other
	Counterpart string
	Summary     string
	Reference   string
	StepID      int64 // 0 when not linked
}

// CommChannels lists the channels a communication can use.
func CommChannels() []string {
	return []string{"phone", "sms", "email", "letter", "in-person", "online", "app", "other"}
}

// ExhibitKind tells a file from a typed record.
type ExhibitKind string

const (
	ExhibitFile ExhibitKind = "file"
	ExhibitCall ExhibitKind = "call"
	ExhibitSMS  ExhibitKind = "sms"
	ExhibitWeb  ExhibitKind = "web"
	ExhibitNote ExhibitKind = "note"
)

// CaptureSource is where an exhibit's capture time came from.
type CaptureSource string

const (
	CapturedEntered  CaptureSource = ""       // typed or confirmed by the user
	CapturedEXIF     CaptureSource = "exif"   // the photo's EXIF DateTimeOriginal
	CapturedFileTime CaptureSource = "file"   // the file's modification time
	CapturedImported CaptureSource = "import" // nothing better: when it was added
)

// CaptureSources lists every source, in the order of preference.
func CaptureSources() []CaptureSource {
	return []CaptureSource{CapturedEntered, CapturedEXIF, CapturedFileTime, CapturedImported}
}

// CaptureSourceNote is the mark a document prints after a capture time
// the user did not give, "" for one the user gave.
func CaptureSourceNote(s CaptureSource) string {
	switch s {
	case CapturedEXIF:
		return "（取自照片拍摄信息）"
	case CapturedFileTime:
		return "（取自文件时间）"
	case CapturedImported:
		return "（取自导入时间）"
	}
	return ""
}

// CaptureSourceLabel is CaptureSourceNote for the screen and the CLI in
// lang ("en" or Chinese).
func CaptureSourceLabel(s CaptureSource, lang string) string {
	if lang != "en" {
		return CaptureSourceNote(s)
	}
	switch s {
	case CapturedEXIF:
		return " (from the photo's own record)"
	case CapturedFileTime:
		return " (from the file's time)"
	case CapturedImported:
		return " (when it was added)"
	}
	return ""
}

// Exhibit is one piece of evidence. The bytes live in the store; for a typed
// record they are the record's canonical text, so every exhibit is hashed and
// verified the same way.
type Exhibit struct {
	ID         int64
	CaseID     int64
	Number     int // 1-based, in the order the user chose
	Kind       ExhibitKind
	Title      string
	Source     string
	Proves     string // 证明目的
	CapturedAt time.Time
	// CapturedFrom says where CapturedAt came from when the user did not
	// type it: the photo's EXIF, the file's time or the import time. The
	// packets print the default so marked ("（取自文件时间）").
	CapturedFrom CaptureSource
	ImportedAt   time.Time
	FileName     string
	Size         int64
	ContentType  string
	SHA256       string // hex
	// Typed records only.
	RecordNumber string // phone number of a call or SMS
	RecordURL    string
	RecordText   string
	StepIDs      []int64
	CommIDs      []int64
	// Duration is a recording's length read from its headers when it was
	// added; 0 when unknown or not a recording.
	Duration time.Duration
	// Transcript is a recording's 文字整理稿; nil when there is none.
	Transcript *Transcript
	// PrintCheck is the verdict of the print check on the file's bytes,
	// taken when it was added (exhibit.IntactVerdict): it names the check
	// and the SHA-256 of the bytes it ran on, and the export reuses it
	// only for bytes with that hash. "" when there is none (not a JPEG, a
	// damaged one, or an exhibit from before verdicts were kept).
	PrintCheck string
}

// TranscriptLine is one timed passage of a transcript.
type TranscriptLine = exhibit.TranscriptLine

// Transcript is the 文字整理稿 of a recording, as an officer expects it
// (../shared/legal/cn-documents.md §5.4): when and where the recording was
// made, who speaks, and timed passages. Confirmed records that the user
// declared they made it from the recording; only then does the printed page
// say "以上内容由本人根据录音整理".
type Transcript struct {
	RecordedAt time.Time        `json:"recorded_at,omitzero"`
	Place      string           `json:"place,omitempty"`
	Speakers   string           `json:"speakers,omitempty"`
	Lines      []TranscriptLine `json:"lines"`
	Confirmed  bool             `json:"confirmed,omitempty"`
}

// ShortHash is the first 12 hex digits, enough to tell exhibits apart on screen.
func (e Exhibit) ShortHash() string {
	if len(e.SHA256) < 12 {
		return e.SHA256
	}
	return e.SHA256[:12]
}

// Event is one entry of a case's append-only history. Each event stores the
// hash of the previous event of the same case, so a changed, removed or
// reordered event breaks the chain.
type Event struct {
	ID       int64
	CaseID   int64
	Seq      int64 // 1-based within the case
	At       time.Time
	Kind     string            // e.g. "case.created", "step.status"
	Subject  string            // e.g. "step:12"
	Data     map[string]string // details, may hold personal content
	PrevHash string
	Hash     string
}

// CaseFile is everything a case holds, as loaded for the workspace, exports
// and packets.
type CaseFile struct {
	Case           Case
	Leaked         []LeakedData
	Accounts       []Account
	Steps          []Step
	Communications []Communication
	Exhibits       []Exhibit
	Events         []Event
	// Matter is the matter the case is in, set only by ExportCaseFile and
	// by reading a case file (there with the exporting store's number as
	// its ID): a file carries it as a reference, never as a membership
	// (ImportCase).
	Matter *Matter `json:"-"`
	// Integrity is set when the case does not match the state the app
	// last saved (Tx.CheckCase): the content is still given, and the user
	// is told what differs.
	Integrity *Error `json:"-"`
}

// CaseSummary is one row of the case list.
type CaseSummary struct {
	ID           int64
	Title        string
	VictimName   string
	Status       CaseStatus
	StepsTotal   int // steps that count: not retired, not not-applicable
	StepsDone    int // of those, finished
	NextFollowUp time.Time
	Overdue      bool
	UpdatedAt    time.Time
}

// Progress returns the finished fraction, 0..1.
func (s CaseSummary) Progress() float64 {
	if s.StepsTotal == 0 {
		return 0
	}
	return float64(s.StepsDone) / float64(s.StepsTotal)
}

// FollowUp is one awaited date across all cases, for the deadlines view.
type FollowUp struct {
	CaseID    int64
	CaseTitle string
	Victim    string
	StepID    int64
	StepKind  string
	StepTitle string
	Due       time.Time
	Estimate  bool
	Overdue   bool
	// Spec is the playbook's wording of the step, tailored to the case's
	// answers as on its plan (set by the service; nil for a step the user
	// added or titled), shared by the rows that have the same wording.
	Spec *playbook.StepSpec
	// NextKind is the escalation rung that an overdue step leads to
	// (playbook.NextIfNoAnswer), "" for none or when not overdue.
	NextKind string
}

// Title is the step's title in lang, by the one rule (StepTitle), with the
// wording tailored to the case as on its plan.
func (f FollowUp) Title(lang string) string {
	return StepTitle(Step{Kind: f.StepKind, Title: f.StepTitle}, f.Spec, lang)
}

// CaseNumber is the number printed on packets.
func (c Case) CaseNumber() string {
	y := c.CreatedAt.Year()
	if c.CreatedAt.IsZero() {
		y = 0
	}
	return fmtCaseNumber(y, c.ID)
}

// Authorisation is a victim's 授权委托书 naming the volunteer as her agent
// (代理人) for the matter's complaints and reports, as recorded on the case
// (issue 13). Dates are civil dates.
type Authorisation struct {
	IssuedOn time.Time // its date: the first day of its term
	Until    time.Time // the last day of its term
	// SignedOn is the day the victim signed it, as the volunteer recorded;
	// zero until then.
	SignedOn time.Time
	Agent    string // the agent it names, as the volunteer's settings said then
}
