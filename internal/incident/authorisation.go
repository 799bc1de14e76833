package incident

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// Agent is the volunteer who acts for victims (issue 13): her own details,
// set once in Settings, printed as 受托人/代理人 and never mixed into a
// victim's own statements.
type Agent struct {
	Name     string `json:"name"`
	Org      string `json:"org,omitempty"`
	Phone    string `json:"phone,omitempty"`
	IDNumber string `json:"id_number,omitempty"`
}

// SettingAgent holds the volunteer's details (a personal setting: sealed
// in an encrypted store).
const SettingAgent = "agent.profile"

func (a *Agent) normalize() {
	for _, f := range []*string{&a.Name, &a.Org, &a.Phone, &a.IDNumber} {
		*f = strings.TrimSpace(NormalizeNewlines(*f))
	}
}

// Validate checks the volunteer's details.
func (a Agent) Validate() error {
	if a.Name == "" {
		return invalid("agent.name", "请填写你（代理人）的姓名。", "Enter your name (the agent's).")
	}
	for _, f := range []struct{ name, v string }{{"agent.name", a.Name}, {"agent.org", a.Org}, {"agent.phone", a.Phone}, {"agent.id_number", a.IDNumber}} {
		if err := checkText(f.name, f.v, maxShort); err != nil {
			return err
		}
		if strings.Contains(f.v, "\n") {
			return invalid(f.name, "只能填写一行。", "Use one line only.")
		}
	}
	return nil
}

// Agent returns the volunteer's details; ok is false when none are set.
func (s *Service) Agent(ctx context.Context) (a Agent, ok bool, err error) {
	raw, err := s.Setting(ctx, SettingAgent, "")
	if err != nil || raw == "" {
		return Agent{}, false, err
	}
	if err := json.Unmarshal([]byte(raw), &a); err != nil {
		return Agent{}, false, nil // unreadable: treated as unset, the user sets it again
	}
	return a, a.Name != "", nil
}

// SetAgent stores the volunteer's details.
// Errors: CodeInvalid.
func (s *Service) SetAgent(ctx context.Context, a Agent) error {
	a.normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return s.SetSetting(ctx, SettingAgent, string(b))
}

// CaseAgent is the volunteer who may act for the victim of the case: her
// details from Settings when the case is in a matter; nil when it is in
// none or no details are set. Whether a packet names her also depends on
// the case's authorisation on the packet's date (report.Options.Agent).
// Errors: CodeNotFound.
func (s *Service) CaseAgent(ctx context.Context, caseID int64) (*Agent, error) {
	m, err := s.CaseMatter(ctx, caseID)
	if err != nil || m == 0 {
		return nil, err
	}
	a, ok, err := s.Agent(ctx)
	if err != nil || !ok {
		return nil, err
	}
	return &a, nil
}

// DefaultAuthorisationMonths is the term a new 授权委托书 proposes: long
// enough for a complaint's and a police report's replies and follow-ups.
// The volunteer can give another end date.
const DefaultAuthorisationMonths = 12

// AuthorisationStatus is where a victim's authorisation stands on a day.
type AuthorisationStatus string

const (
	AuthNone     AuthorisationStatus = "none"     // none made
	AuthUnsigned AuthorisationStatus = "unsigned" // made, not yet recorded as signed
	AuthValid    AuthorisationStatus = "valid"
	AuthExpired  AuthorisationStatus = "expired"
	AuthNotYet   AuthorisationStatus = "not-yet" // its term starts later
	// AuthOtherAgent: it names another agent than the volunteer set in
	// this install (a case imported from another volunteer's install).
	AuthOtherAgent AuthorisationStatus = "other-agent"
)

// StatusFor reads the authorisation on day for the agent named agent: as
// Status, except that one naming someone else is AuthOtherAgent.
func (a *Authorisation) StatusFor(agent string, day time.Time) AuthorisationStatus {
	st := a.Status(day)
	if st != AuthNone && a.Agent != agent {
		return AuthOtherAgent
	}
	return st
}

// Validate checks an authorisation read from a case file: a term with a
// start and an end not before it, and the agent it names.
func (a Authorisation) Validate() error {
	if a.IssuedOn.IsZero() || a.Until.IsZero() {
		return invalid("until", "授权委托书须有委托期限的开始和结束日期。", "An authorisation needs the start and the end of its term.")
	}
	if a.Until.Before(a.IssuedOn) {
		return invalid("until", "委托期限的结束日期不能早于开始日期。", "The term cannot end before it starts.")
	}
	if a.Agent == "" {
		return invalid("agent", "授权委托书须写明受托人。", "An authorisation names its agent.")
	}
	if strings.Contains(a.Agent, "\n") {
		return invalid("agent", "只能填写一行。", "Use one line only.")
	}
	return checkText("agent", a.Agent, maxShort)
}

// Status reads the authorisation on day, a civil date in any zone (the
// stored dates are civil dates at UTC midnight; a document's day is
// midnight in the case's zone): only year, month and day are compared.
func (a *Authorisation) Status(day time.Time) AuthorisationStatus {
	d := civil(day)
	switch {
	case a == nil:
		return AuthNone
	case a.SignedOn.IsZero():
		return AuthUnsigned
	case d > civil(a.Until):
		return AuthExpired
	case d < civil(a.IssuedOn):
		return AuthNotYet
	}
	return AuthValid
}

func civil(t time.Time) int { return t.Year()*10000 + int(t.Month())*100 + t.Day() }

// Warning says, in lang, what is wrong with the authorisation on day for
// the victim named; "" when it is valid.
func (a *Authorisation) Warning(day time.Time, victim, lang string) string {
	return a.warning(a.Status(day), victim, lang)
}

// WarningFor is Warning for the agent named agent (StatusFor).
func (a *Authorisation) WarningFor(agent string, day time.Time, victim, lang string) string {
	return a.warning(a.StatusFor(agent, day), victim, lang)
}

func (a *Authorisation) warning(st AuthorisationStatus, victim, lang string) string {
	zh, en := "", ""
	switch st {
	case AuthOtherAgent:
		zh, en = victim+"的授权委托书委托的是"+a.Agent+"，不是你（“设置”中的代理人）。", victim+"'s authorisation names "+a.Agent+", not you (the agent in Settings)."
	case AuthNone:
		zh, en = victim+"没有授权委托书：不能以代理人身份为其提交材料。", victim+" has no authorisation: you cannot file for her as agent."
	case AuthUnsigned:
		zh, en = victim+"的授权委托书还没有登记为已签署。", victim+"'s authorisation is not recorded as signed yet."
	case AuthExpired:
		zh, en = victim+"的授权委托书已于"+FormatDate(a.Until, "zh")+"到期。", victim+"'s authorisation expired on "+FormatDate(a.Until, "en")+"."
	case AuthNotYet:
		zh, en = victim+"的授权委托书自"+FormatDate(a.IssuedOn, "zh")+"起生效。", victim+"'s authorisation starts on "+FormatDate(a.IssuedOn, "en")+"."
	}
	if lang == "en" {
		return en
	}
	return zh
}

// IssueAuthorisation records a new 授权委托书 for the case, dated from
// (the start of its term) and valid until until (zero: from plus
// DefaultAuthorisationMonths), naming the volunteer set in Settings; it
// replaces an earlier one and is unsigned until MarkAuthorisationSigned.
// Errors: CodeInvalid (no volunteer details, a bad term), CodeNotFound.
func (s *Service) IssueAuthorisation(ctx context.Context, caseID int64, from, until time.Time) (*Authorisation, error) {
	agent, ok, err := s.Agent(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, invalid("agent", "请先在“设置”里填写你（代理人）的姓名、单位和电话。",
			"Enter your own details (the agent's name, organisation and phone) in Settings first.")
	}
	today := s.Today()
	if from.IsZero() {
		from = today
	}
	if until.IsZero() {
		until = from.AddDate(0, DefaultAuthorisationMonths, -1)
	}
	if until.Before(from) {
		return nil, invalid("until", "委托期限的结束日期不能早于开始日期。", "The term cannot end before it starts.")
	}
	if until.Before(today) {
		return nil, invalid("until", "委托期限已经过去了。", "That term is already over.")
	}
	a := &Authorisation{IssuedOn: from, Until: until, Agent: agent.Name}
	err = s.update(ctx, func(t *txn) error {
		c, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		c.Authorisation, c.UpdatedAt = a, t.now
		if err := t.UpdateCase(c); err != nil {
			return err
		}
		return t.record(caseID, EventAuthorisation, subject("case", caseID),
			map[string]string{"issued_on": dateString(from), "until": dateString(until), "signed": "false"})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// MarkAuthorisationSigned records that the victim signed the case's
// authorisation on day (zero: today).
// Errors: CodeInvalid (none issued, a day in the future or before it was
// made), CodeNotFound.
func (s *Service) MarkAuthorisationSigned(ctx context.Context, caseID int64, day time.Time) error {
	today := s.Today()
	if day.IsZero() {
		day = today
	}
	if day.After(today) {
		return invalid("signed", "签署日期不能在将来。", "The signing date cannot be in the future.")
	}
	return s.update(ctx, func(t *txn) error {
		c, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		if c.Authorisation == nil {
			return invalid("signed", "这个案件还没有授权委托书，请先生成。", "This case has no authorisation yet; make one first.")
		}
		a := *c.Authorisation
		a.SignedOn = day
		c.Authorisation, c.UpdatedAt = &a, t.now
		if err := t.UpdateCase(c); err != nil {
			return err
		}
		return t.record(caseID, EventAuthorisation, subject("case", caseID),
			map[string]string{"issued_on": dateString(a.IssuedOn), "until": dateString(a.Until), "signed": dateString(day)})
	})
}
