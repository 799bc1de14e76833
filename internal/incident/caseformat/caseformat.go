// Package caseformat reads and writes the leakdesk case file: one JSON
// document that holds everything a case holds, so a case can move between
// installs, be archived, or be handed to a lawyer. The format is documented
// field by field in docs/case-format.md and versioned; a reader refuses a
// version it does not know instead of guessing.
//
// Exhibit bytes travel either inline (base64 in "content", for `leakdesk
// case export`) or beside the document (for bundles), in which case the
// caller supplies them by exhibit index. Either way every byte is checked
// against the exhibit's recorded SHA-256 before anything is stored.
package caseformat

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"leakdesk/internal/incident"
)

// Format and Version identify the document; Version changes whenever the
// format does (version 2, issue 13: the victim's authorisation, her consent
// to joint documents and the matter the case was in), so an older leakdesk
// says "update" instead of naming an unknown field. Every version from 1
// up to Version is read.
const (
	Format  = "leakdesk-case"
	Version = 2
)

// Bounds keep a hostile or broken file from exhausting memory before its
// content is even looked at; they sit far above any real case.
const (
	MaxLeaked         = 1000
	MaxAccounts       = 1000
	MaxSteps          = 1000
	MaxCommunications = 100_000
	MaxExhibits       = 10_000
	MaxEvents         = 1_000_000
	MaxEventData      = 64      // keys per event
	MaxEventValue     = 100_000 // bytes per event value
	maxErrors         = 20
)

// File is the document as it appears on disk.
type File struct {
	Format         string          `json:"format"`
	Version        int             `json:"version"`
	Case           Case            `json:"case"`
	Leaked         []Leaked        `json:"leaked"`
	Accounts       []Account       `json:"accounts"`
	Steps          []Step          `json:"steps"`
	Communications []Communication `json:"communications"`
	Exhibits       []Exhibit       `json:"exhibits"`
	Events         []Event         `json:"events"`
}

// Case is the case's own details.
type Case struct {
	ID           int64   `json:"id"`
	Title        string  `json:"title"`
	Victim       Victim  `json:"victim"`
	DiscoveredAt string  `json:"discovered_at"` // YYYY-MM-DD or ""
	Narrative    string  `json:"narrative"`
	SourceOrg    string  `json:"source_org"`
	SourceAddr   string  `json:"source_addr"`
	SourceKind   string  `json:"source_kind"`
	Status       string  `json:"status"`
	Intake       *Intake `json:"intake"`
	CreatedAt    string  `json:"created_at"` // RFC 3339
	UpdatedAt    string  `json:"updated_at"`
	// CorrectionOrder (issue 18) is absent when none is recorded, so a
	// file without one still reads in versions that predate it.
	CorrectionOrder *CorrectionOrder `json:"correction_order,omitempty"`
	// Version 2 (issue 13), each absent when not recorded: the victim's
	// 授权委托书, her consent to the joint documents (YYYY-MM-DD) and the
	// matter the case was in where it was exported.
	Authorisation *Authorisation `json:"authorisation,omitempty"`
	JointConsent  string         `json:"joint_consent,omitempty"`
	Matter        *Matter        `json:"matter,omitempty"`
}

// Authorisation mirrors incident.Authorisation; dates are YYYY-MM-DD.
type Authorisation struct {
	IssuedOn string `json:"issued_on"`
	Until    string `json:"until"`
	SignedOn string `json:"signed_on"` // "" until signed
	Agent    string `json:"agent"`
}

// Matter is the matter the case was in, as the exporting store knew it:
// a reference for people (its number there) and what identifies it.
// It is not a membership: matter numbers are local to a store.
type Matter struct {
	Reference  string     `json:"reference"` // e.g. "M-3"
	Title      string     `json:"title"`
	Respondent Respondent `json:"respondent"`
}

// Respondent mirrors incident.Respondent.
type Respondent struct {
	Name     string   `json:"name"`
	Addr     string   `json:"addr,omitempty"`
	Kind     string   `json:"kind"`
	Contacts []string `json:"contacts,omitempty"`
}

// CorrectionOrder mirrors incident.CorrectionOrder; Exhibit is the id of
// an exhibit of this file (exhibits[].id), 0 for none.
type CorrectionOrder struct {
	Authority    string `json:"authority"`
	Reference    string `json:"reference"`
	IssuedOn     string `json:"issued_on"`     // YYYY-MM-DD
	IgnoredSince string `json:"ignored_since"` // YYYY-MM-DD or ""
	Continued    string `json:"continued"`
	Exhibit      int64  `json:"exhibit"`
	// Online: the source (a public service) served the victim online;
	// absent in files written before it existed, read as false.
	Online bool `json:"online,omitempty"`
}

// Victim mirrors incident.Victim.
type Victim struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number"`
	Phone    string `json:"phone"`
	Address  string `json:"address"`
}

// Intake mirrors incident.Intake.
type Intake struct {
	Leaked     []string `json:"leaked"`
	Happened   []string `json:"happened"`
	SourceKind string   `json:"source_kind"`
	SourceOrg  string   `json:"source_org"`
	Insider    string   `json:"insider"`
	Grounds    []string `json:"grounds,omitempty"`
	// UsedFor is what each leaked item was used for ("phone" →
	// ["harassment"]); absent when not answered.
	UsedFor map[string][]string `json:"used_for,omitempty"`
	// Suspects: every suspected organisation, the first being source_kind,
	// source_org and grounds (issue 15); absent in older files.
	Suspects []Suspect `json:"suspects,omitempty"`
	// SourceCode and SourceRep: the main suspect's 统一社会信用代码 and
	// 法定代表人 as entered; absent when not.
	SourceCode        string  `json:"source_code,omitempty"`
	SourceRep         string  `json:"source_rep,omitempty"`
	LossYuan          float64 `json:"loss_yuan,omitempty"`
	GainsYuan         float64 `json:"gains_yuan"`
	PriorOffence      bool    `json:"prior_offence"`
	UsedForCrime      bool    `json:"used_for_crime"`
	SevereConsequence bool    `json:"severe_consequence"`
	MajorLoss         bool    `json:"major_loss"`
}

// Suspect mirrors incident.Suspect.
type Suspect struct {
	Kind    string   `json:"kind"`
	Name    string   `json:"name,omitempty"`
	Addr    string   `json:"addr,omitempty"`
	Grounds []string `json:"grounds,omitempty"`
	Code    string   `json:"code,omitempty"`
	Rep     string   `json:"rep,omitempty"`
}

// Suspects converts the file's suspects to the domain's.
func Suspects(in []Suspect) []incident.Suspect {
	var out []incident.Suspect
	for _, s := range in {
		out = append(out, incident.Suspect{Kind: incident.SourceKind(s.Kind), Name: s.Name, Addr: s.Addr, Grounds: s.Grounds, Code: s.Code, Rep: s.Rep})
	}
	return out
}

// Leaked mirrors incident.LeakedData.
type Leaked struct {
	ID          int64  `json:"id"`
	Category    string `json:"category"`
	Description string `json:"description"`
	Count       int64  `json:"count"`
}

// Account mirrors incident.Account.
type Account struct {
	ID                int64  `json:"id"`
	Service           string `json:"service"`
	Login             string `json:"login"`
	Exposed           string `json:"exposed"`
	PasswordChanged   bool   `json:"password_changed"`
	TwoFactor         bool   `json:"two_factor"`
	SessionsRevoked   bool   `json:"sessions_revoked"`
	DeletionRequested bool   `json:"deletion_requested"`
	Notes             string `json:"notes"`
}

// Step mirrors incident.Step.
type Step struct {
	ID               int64  `json:"id"`
	Kind             string `json:"kind"`
	Position         int    `json:"position"`
	Title            string `json:"title"`
	Why              string `json:"why"`
	Status           string `json:"status"`
	FollowUp         string `json:"follow_up"` // YYYY-MM-DD or ""
	FollowUpEstimate bool   `json:"follow_up_estimate"`
	CompletedAt      string `json:"completed_at"` // RFC 3339 or ""
	Notes            string `json:"notes"`
	Organisation     string `json:"organisation"`
	Channel          string `json:"channel"`
	Reference        string `json:"reference"`
	Retired          bool   `json:"retired"`
}

// Communication mirrors incident.Communication.
type Communication struct {
	ID          int64  `json:"id"`
	At          string `json:"at"`
	Direction   string `json:"direction"`
	Channel     string `json:"channel"`
	Counterpart string `json:"counterpart"`
	Summary     string `json:"summary"`
	Reference   string `json:"reference"`
	StepID      int64  `json:"step_id"`
}

// Exhibit mirrors incident.Exhibit; Content is the original bytes (base64
// in JSON) when the file carries them inline.
type Exhibit struct {
	ID         int64  `json:"id"`
	Number     int    `json:"number"`
	Kind       string `json:"kind"`
	Title      string `json:"title"`
	Source     string `json:"source"`
	Proves     string `json:"proves"`
	CapturedAt string `json:"captured_at"`
	// CapturedFrom: "" typed by the user, "exif", "file" or "import" for a
	// default the user has not confirmed (issue 15).
	CapturedFrom string  `json:"captured_from,omitempty"`
	ImportedAt   string  `json:"imported_at"`
	FileName     string  `json:"file_name"`
	Size         int64   `json:"size"`
	ContentType  string  `json:"content_type"`
	SHA256       string  `json:"sha256"`
	RecordNumber string  `json:"record_number"`
	RecordURL    string  `json:"record_url"`
	RecordText   string  `json:"record_text"`
	StepIDs      []int64 `json:"step_ids"`
	CommIDs      []int64 `json:"communication_ids"`
	Content      []byte  `json:"content,omitempty"`
	// DurationMS and Transcript: recordings only (issue 16); absent otherwise.
	DurationMS int64                `json:"duration_ms,omitempty"`
	Transcript *incident.Transcript `json:"transcript,omitempty"`
}

// Event mirrors incident.Event. The case ID the hashes bind is case.id.
type Event struct {
	Seq      int64             `json:"seq"`
	At       string            `json:"at"`
	Kind     string            `json:"kind"`
	Subject  string            `json:"subject"`
	Data     map[string]string `json:"data"`
	PrevHash string            `json:"prev_hash"`
	Hash     string            `json:"hash"`
}

// Errors lists every problem found in a file, each naming its JSON path.
type Errors []*incident.Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap lets errors.As find the first problem, so callers that only know
// *incident.Error still get a message and a code.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Contents holds the exhibit bytes read inline from a file, by exhibit
// index; nil where the file carried none.
type Contents [][]byte

// Open returns exhibit i's bytes; it fits incident.ExhibitContent.
func (c Contents) Open(i int) (io.ReadCloser, error) {
	if i < 0 || i >= len(c) || c[i] == nil {
		return nil, fmt.Errorf("caseformat: no content for exhibit %d", i)
	}
	return io.NopCloser(bytes.NewReader(c[i])), nil
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// FromCaseFile converts a loaded case to the document form, without content.
func FromCaseFile(cf *incident.CaseFile) *File {
	c := cf.Case
	in := c.Intake
	f := &File{Format: Format, Version: Version,
		Case: Case{ID: c.ID, Title: c.Title,
			Victim:       Victim{c.Victim.Name, c.Victim.IDNumber, c.Victim.Phone, c.Victim.Address},
			DiscoveredAt: fmtDate(c.DiscoveredAt), Narrative: c.Narrative, SourceOrg: c.SourceOrg,
			SourceAddr: c.SourceAddr, SourceKind: string(c.SourceKind), Status: string(c.Status),
			Intake: &Intake{Leaked: nonNil(in.Leaked), Happened: nonNil(in.Happened), SourceKind: in.SourceKind,
				SourceOrg: in.SourceOrg, Insider: in.Insider, Grounds: in.Grounds, UsedFor: in.UsedFor, Suspects: fileSuspects(in.Suspects), LossYuan: in.LossYuan,
				SourceCode: in.SourceCode, SourceRep: in.SourceRep,
				GainsYuan: in.GainsYuan, PriorOffence: in.PriorOffence,
				UsedForCrime: in.UsedForCrime, SevereConsequence: in.SevereConsequence, MajorLoss: in.MajorLoss},
			CreatedAt: fmtTime(c.CreatedAt), UpdatedAt: fmtTime(c.UpdatedAt)},
		Leaked: []Leaked{}, Accounts: []Account{}, Steps: []Step{}, Communications: []Communication{},
		Exhibits: []Exhibit{}, Events: []Event{},
	}
	if o := c.CorrectionOrder; o != nil {
		f.Case.CorrectionOrder = &CorrectionOrder{Authority: o.Authority, Reference: o.Reference, IssuedOn: fmtDate(o.IssuedOn),
			IgnoredSince: fmtDate(o.IgnoredSince), Continued: o.Continued, Exhibit: o.ExhibitID, Online: o.Online}
	}
	if a := c.Authorisation; a != nil {
		f.Case.Authorisation = &Authorisation{IssuedOn: fmtDate(a.IssuedOn), Until: fmtDate(a.Until), SignedOn: fmtDate(a.SignedOn), Agent: a.Agent}
	}
	f.Case.JointConsent = fmtDate(c.JointConsent)
	if m := cf.Matter; m != nil {
		r := m.Respondent
		f.Case.Matter = &Matter{Reference: incident.MatterNumber(m.ID), Title: m.Title,
			Respondent: Respondent{Name: r.Name, Addr: r.Addr, Kind: string(r.Kind), Contacts: r.Contacts}}
	}
	for _, l := range cf.Leaked {
		f.Leaked = append(f.Leaked, Leaked{l.ID, l.Category, l.Description, l.Count})
	}
	for _, a := range cf.Accounts {
		f.Accounts = append(f.Accounts, Account{a.ID, a.Service, a.Login, a.Exposed, a.PasswordChanged,
			a.TwoFactor, a.SessionsRevoked, a.DeletionRequested, a.Notes})
	}
	for _, s := range cf.Steps {
		f.Steps = append(f.Steps, Step{ID: s.ID, Kind: s.Kind, Position: s.Position, Title: s.Title, Why: s.Why,
			Status: string(s.Status), FollowUp: fmtDate(s.FollowUp), FollowUpEstimate: s.FollowUpEstimate,
			CompletedAt: fmtTime(s.CompletedAt), Notes: s.Notes, Organisation: s.Organisation, Channel: s.Channel,
			Reference: s.Reference, Retired: s.Retired})
	}
	for _, m := range cf.Communications {
		f.Communications = append(f.Communications, Communication{m.ID, fmtTime(m.At), string(m.Direction),
			m.Channel, m.Counterpart, m.Summary, m.Reference, m.StepID})
	}
	for _, e := range cf.Exhibits {
		f.Exhibits = append(f.Exhibits, Exhibit{ID: e.ID, Number: e.Number, Kind: string(e.Kind), Title: e.Title,
			Source: e.Source, Proves: e.Proves, CapturedAt: fmtTime(e.CapturedAt), CapturedFrom: string(e.CapturedFrom),
			ImportedAt: fmtTime(e.ImportedAt), FileName: e.FileName, Size: e.Size, ContentType: e.ContentType, SHA256: e.SHA256,
			RecordNumber: e.RecordNumber, RecordURL: e.RecordURL, RecordText: e.RecordText,
			StepIDs: nonNil(e.StepIDs), CommIDs: nonNil(e.CommIDs),
			DurationMS: e.Duration.Milliseconds(), Transcript: e.Transcript})
	}
	for _, ev := range cf.Events {
		data := ev.Data
		if data == nil {
			data = map[string]string{}
		}
		f.Events = append(f.Events, Event{ev.Seq, fmtTime(ev.At), ev.Kind, ev.Subject, data, ev.PrevHash, ev.Hash})
	}
	return f
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Encode writes cf as a case file. With inline set, each exhibit's bytes
// are read from content(i), streamed through base64 and checked against the
// recorded size and SHA-256 on the way, so a damaged store never produces a
// file that claims to be intact; memory stays bounded whatever the sizes.
// Without inline, content is not called and the bytes travel separately.
func Encode(w io.Writer, cf *incident.CaseFile, content func(i int) (io.ReadCloser, error), inline bool) error {
	f := FromCaseFile(cf)
	bw := bufio.NewWriter(w)
	field := func(name string, v any, last bool) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "  %q: %s", name, b)
		if !last {
			bw.WriteString(",")
		}
		_, err = bw.WriteString("\n")
		return err
	}
	bw.WriteString("{\n")
	for _, kv := range []struct {
		name string
		v    any
	}{{"format", f.Format}, {"version", f.Version}, {"case", f.Case}, {"leaked", f.Leaked},
		{"accounts", f.Accounts}, {"steps", f.Steps}, {"communications", f.Communications}} {
		if err := field(kv.name, kv.v, false); err != nil {
			return err
		}
	}
	bw.WriteString("  \"exhibits\": [")
	for i, e := range f.Exhibits {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if !inline {
			bw.Write(b)
			continue
		}
		// The object without its closing brace, then the streamed content.
		bw.Write(b[:len(b)-1])
		bw.WriteString(`,"content":"`)
		if err := streamContent(bw, content, i, e); err != nil {
			return err
		}
		bw.WriteString(`"}`)
	}
	if len(f.Exhibits) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n")
	if err := field("events", f.Events, true); err != nil {
		return err
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

func streamContent(w io.Writer, content func(i int) (io.ReadCloser, error), i int, e Exhibit) error {
	if content == nil {
		return fmt.Errorf("caseformat: no content source for exhibit %d", e.Number)
	}
	rc, err := content(i)
	if err != nil {
		return err
	}
	defer rc.Close()
	enc := base64.NewEncoder(base64.StdEncoding, w)
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(enc, h), rc)
	if err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != e.SHA256 || n != e.Size {
		return incident.Errorf(incident.CodeDamaged,
			fmt.Sprintf("证据 %d 的内容与记录的 SHA-256 不符，已停止导出。请运行 “leakdesk verify” 检查。", e.Number),
			fmt.Sprintf("Exhibit %d does not match its recorded SHA-256; the export was stopped. Run \"leakdesk verify\".", e.Number), nil)
	}
	return nil
}

// Decode reads a case file of at most limit bytes, checks every field and
// returns the case with the inline exhibit bytes. All problems found are
// returned together as Errors, each naming its JSON path
// (e.g. "steps[3].status"); nothing partial is returned with them.
func Decode(r io.Reader, limit int64) (*incident.CaseFile, Contents, error) {
	lr := &io.LimitedReader{R: r, N: limit + 1}
	dec := json.NewDecoder(lr)
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		if lr.N <= 0 {
			return nil, nil, tooLarge(limit)
		}
		return nil, nil, syntaxError(err)
	}
	// Anything but whitespace after the document means it is not ours.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if lr.N <= 0 {
			return nil, nil, tooLarge(limit)
		}
		return nil, nil, Errors{fieldErr("", "文件在案件数据之后还有多余内容。", "unexpected data after the case document.")}
	}
	return f.toCaseFile()
}

func tooLarge(limit int64) error {
	return incident.Errorf(incident.CodeTooLarge,
		fmt.Sprintf("案件文件超过了 %d MB 的上限。", limit>>20),
		fmt.Sprintf("The case file is larger than the %d MB limit.", limit>>20), nil)
}

func syntaxError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		path := te.Field
		if path == "" {
			path = "(document)"
		}
		return Errors{fieldErr(path, fmt.Sprintf("类型不对（应为 %s）。", jsonType(te.Type.Kind().String())),
			fmt.Sprintf("wrong type (want %s, found %s).", jsonType(te.Type.Kind().String()), te.Value))}
	case errors.As(err, &se):
		return Errors{fieldErr("", fmt.Sprintf("不是有效的 JSON（第 %d 字节附近）。", se.Offset),
			fmt.Sprintf("not valid JSON (near byte %d).", se.Offset))}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Errors{fieldErr("", "文件不完整（可能被截断了）。", "the file is incomplete (it may have been truncated).")}
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "json: unknown field ") {
		name := strings.Trim(strings.TrimPrefix(msg, "json: unknown field "), `"`)
		return Errors{fieldErr(name, "不是这个格式的字段（文件可能来自更新的版本）。", "is not a field of this format (the file may come from a newer version).")}
	}
	if strings.Contains(msg, "base64") || strings.Contains(msg, "illegal") {
		return Errors{fieldErr("exhibits[].content", "不是有效的 base64 内容。", "is not valid base64.")}
	}
	return Errors{fieldErr("", "无法读取案件文件。", "cannot read the case file.")}
}

func jsonType(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "number"
	case kind == "slice":
		return "array"
	case kind == "struct", kind == "map":
		return "object"
	case kind == "bool":
		return "boolean"
	}
	return kind
}

func fieldErr(path, zh, en string) *incident.Error {
	return &incident.Error{Code: incident.CodeInvalid, Field: path, ZH: zh, EN: en}
}

// fileSuspects converts the domain's suspects to the file's.
func fileSuspects(in []incident.Suspect) []Suspect {
	var out []Suspect
	for _, s := range in {
		out = append(out, Suspect{Kind: string(s.Kind), Name: s.Name, Addr: s.Addr, Grounds: s.Grounds, Code: s.Code, Rep: s.Rep})
	}
	return out
}
