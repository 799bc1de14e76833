package incident

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Matter groups the cases of several victims against one respondent
// (SCENARIOS.md §3: a volunteer helps twelve flat buyers whose details the
// same developer sold). The respondent is entered once here; the service
// writes it into every case of the matter (each case's first suspect), so
// every packet of every victim names it the same way and a case that
// leaves the matter keeps it.
type Matter struct {
	ID         int64
	Title      string
	Respondent Respondent
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Respondent is the organisation all the matter's victims complain about.
type Respondent struct {
	Name string
	Addr string
	Kind SourceKind
	// Contacts are its phone numbers, websites or other contacts, one each.
	Contacts []string
}

// AddrLine is the address and contacts as one line, as a case's
// SourceAddr ("address or contact of the suspected source, for letters")
// holds them.
func (r Respondent) AddrLine() string {
	parts := []string{}
	if r.Addr != "" {
		parts = append(parts, r.Addr)
	}
	if len(r.Contacts) > 0 {
		parts = append(parts, "联系方式："+strings.Join(r.Contacts, "、"))
	}
	return strings.Join(parts, "；")
}

// Label names the respondent in a document: its name, else its kind.
func (r Respondent) Label() string {
	return Suspect{Kind: r.Kind, Name: r.Name}.Label()
}

// MatterSummary is one row of the matter list.
type MatterSummary struct {
	ID             int64
	Title          string
	RespondentName string
	Cases          int
	UpdatedAt      time.Time
}

// MatterNumber is the matter's reference as the app shows it.
func MatterNumber(id int64) string { return "M-" + strconv.FormatInt(id, 10) }

// ParseMatterNumber reads a MatterNumber back.
func ParseMatterNumber(s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimPrefix(s, "M-"), 10, 64)
	return n, err == nil && n > 0 && strings.HasPrefix(s, "M-")
}

// MaxMatterCases bounds one matter: a joint document lists every victim.
const MaxMatterCases = 500

func (m *Matter) normalize() {
	m.Title = strings.TrimSpace(NormalizeNewlines(m.Title))
	r := &m.Respondent
	r.Name, r.Addr = strings.TrimSpace(NormalizeNewlines(r.Name)), strings.TrimSpace(NormalizeNewlines(r.Addr))
	var cs []string
	for _, c := range r.Contacts {
		if c = strings.TrimSpace(NormalizeNewlines(c)); c != "" && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	r.Contacts = cs
	if r.Kind == "" {
		r.Kind = SourceUnknown
	}
}

// Validate checks a matter as the user entered it.
func (m Matter) Validate() error {
	if m.Title == "" {
		return invalid("title", "请给这个共同事项起一个名称，例如“某楼盘业主信息泄露”。",
			"Give the matter a name, for example \"Flat buyers' details sold\".")
	}
	if m.Respondent.Name == "" {
		return invalid("respondent.name", "请填写被投诉方（泄露信息的单位）的名称。",
			"Enter the name of the respondent (the organisation that leaked the data).")
	}
	for _, f := range []struct {
		name, v string
		limit   int
	}{{"title", m.Title, maxShort}, {"respondent.name", m.Respondent.Name, maxShort},
		{"respondent.addr", m.Respondent.Addr, maxShort}} {
		if err := checkText(f.name, f.v, f.limit); err != nil {
			return err
		}
	}
	if len(m.Respondent.Contacts) > 10 {
		return invalid("respondent.contacts", "联系方式最多填写 10 条。", "Enter at most 10 contacts.")
	}
	for _, c := range m.Respondent.Contacts {
		if err := checkText("respondent.contacts", c, maxShort/2); err != nil {
			return err
		}
	}
	// The combined line goes into each case's source address.
	if err := checkText("respondent.contacts", m.Respondent.AddrLine(), maxShort*2); err != nil {
		return err
	}
	if !slices.Contains(SourceKinds(), m.Respondent.Kind) {
		return invalid("respondent.kind", "请选择被投诉方的类型。", "Choose the kind of organisation the respondent is.")
	}
	return nil
}

// MatterFile is a matter with its cases, for the matter view and the
// command line.
type MatterFile struct {
	Matter Matter
	// Cases are the matter's live cases in the order they joined.
	Cases []CaseSummary
}

// CreateMatter stores a new matter and returns its ID.
// Errors: CodeInvalid.
func (s *Service) CreateMatter(ctx context.Context, m Matter) (int64, error) {
	m.normalize()
	if err := m.Validate(); err != nil {
		return 0, err
	}
	err := s.update(ctx, func(t *txn) error {
		m.CreatedAt, m.UpdatedAt = t.now, t.now
		return t.CreateMatter(&m)
	})
	return m.ID, err
}

// UpdateMatter saves the matter's name and respondent and writes the
// respondent into every live case of the matter; it returns the cases it
// changed, so the user sees where the change applies.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) UpdateMatter(ctx context.Context, m Matter) ([]int64, error) {
	m.normalize()
	if err := m.Validate(); err != nil {
		return nil, err
	}
	var applied []int64
	err := s.update(ctx, func(t *txn) error {
		old, err := t.GetMatter(m.ID)
		if err != nil {
			return err
		}
		m.CreatedAt, m.UpdatedAt = old.CreatedAt, t.now
		if err := t.UpdateMatter(&m); err != nil {
			return err
		}
		ids, err := t.MatterCaseIDs(m.ID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			ch, err := t.applyRespondent(id, m)
			if err != nil {
				return err
			}
			if ch {
				applied = append(applied, id)
			}
		}
		return nil
	})
	return applied, err
}

// applyRespondent makes the matter's respondent the case's first suspect
// (the Details tab's source fields); true when that changed anything.
// Deleted cases are left as they are.
func (t *txn) applyRespondent(caseID int64, m Matter) (bool, error) {
	c, err := t.GetCase(caseID)
	if err != nil {
		return false, err
	}
	if !c.DeletedAt.IsZero() {
		return false, nil
	}
	r := m.Respondent
	addr := r.AddrLine()
	fields := changed(
		[3]string{"source_org", c.SourceOrg, r.Name},
		[3]string{"source_addr", c.SourceAddr, addr},
		[3]string{"source_kind", string(c.SourceKind), string(r.Kind)},
	)
	if fields == "" {
		return false, nil
	}
	c.SourceOrg, c.SourceAddr, c.SourceKind = r.Name, addr, r.Kind
	c.UpdatedAt = t.now
	if err := t.UpdateCase(c); err != nil {
		return false, err
	}
	return true, t.record(caseID, EventMatterApplied, subject("matter", m.ID), map[string]string{"fields": fields})
}

// DeleteMatter removes a matter; its cases stay, each whole, in no matter.
// Errors: CodeNotFound.
func (s *Service) DeleteMatter(ctx context.Context, id int64) error {
	return s.update(ctx, func(t *txn) error {
		ids, err := t.MatterCaseIDs(id)
		if err != nil {
			return err
		}
		for _, cid := range ids {
			if err := t.SetCaseMatter(cid, 0, t.now); err != nil {
				return err
			}
			if err := t.record(cid, EventMatterLeft, subject("matter", id), nil); err != nil {
				return err
			}
		}
		return t.DeleteMatter(id)
	})
}

// Matters lists the matters, most recently changed first.
func (s *Service) Matters(ctx context.Context) ([]MatterSummary, error) {
	var out []MatterSummary
	err := s.view(ctx, func(tx Tx) error {
		var err error
		out, err = tx.ListMatters()
		return err
	})
	return out, err
}

// Matter loads a matter and the summaries of its live cases.
// Errors: CodeNotFound.
func (s *Service) Matter(ctx context.Context, id int64) (*MatterFile, error) {
	var mf MatterFile
	err := s.view(ctx, func(tx Tx) error {
		m, err := tx.GetMatter(id)
		if err != nil {
			return err
		}
		mf.Matter = *m
		ids, err := tx.MatterCaseIDs(id)
		if err != nil || len(ids) == 0 {
			return err
		}
		// The matter's rows of the case list, not the whole list.
		all, err := tx.ListCases(CaseQuery{Matter: id})
		if err != nil {
			return err
		}
		byID := make(map[int64]CaseSummary, len(ids))
		want := make(map[int64]bool, len(ids))
		for _, id := range ids {
			want[id] = true
		}
		for _, c := range all {
			if want[c.ID] {
				byID[c.ID] = c
			}
		}
		today := s.Today()
		for _, id := range ids {
			if c, ok := byID[id]; ok {
				c.Overdue = c.Status == CaseOpen && !c.NextFollowUp.IsZero() && DaysBetween(today, c.NextFollowUp) < 0
				mf.Cases = append(mf.Cases, c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &mf, nil
}

// CaseMatter is the matter the case belongs to, 0 for none.
func (s *Service) CaseMatter(ctx context.Context, caseID int64) (int64, error) {
	var id int64
	err := s.view(ctx, func(tx Tx) error {
		if _, err := tx.GetCase(caseID); err != nil {
			return err
		}
		var err error
		id, err = tx.CaseMatter(caseID)
		return err
	})
	return id, err
}

// AddCaseToMatter puts a victim's case in the matter and writes the
// matter's respondent into it. A case belongs to one matter at most.
// Errors: CodeNotFound, CodeConflict (in another matter, or the matter is
// full), CodeInvalid (a deleted case).
func (s *Service) AddCaseToMatter(ctx context.Context, matterID, caseID int64) error {
	return s.update(ctx, func(t *txn) error {
		m, err := t.GetMatter(matterID)
		if err != nil {
			return err
		}
		c, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		if !c.DeletedAt.IsZero() {
			return invalid("case", "这个案件已被删除，不能加入共同事项。", "This case is deleted and cannot join a matter.")
		}
		cur, err := t.CaseMatter(caseID)
		if err != nil {
			return err
		}
		if cur == matterID {
			return nil
		}
		if cur != 0 {
			return Errorf(CodeConflict,
				"案件 "+c.CaseNumber()+" 已属于共同事项 "+MatterNumber(cur)+"，请先把它从那里移出。",
				"Case "+c.CaseNumber()+" already belongs to matter "+MatterNumber(cur)+"; remove it there first.", nil)
		}
		ids, err := t.MatterCaseIDs(matterID)
		if err != nil {
			return err
		}
		if len(ids) >= MaxMatterCases {
			return Errorf(CodeConflict, "一个共同事项最多包含 "+strconv.Itoa(MaxMatterCases)+" 个案件。",
				"A matter holds at most "+strconv.Itoa(MaxMatterCases)+" cases.", nil)
		}
		if err := t.SetCaseMatter(caseID, matterID, t.now); err != nil {
			return err
		}
		if err := t.record(caseID, EventMatterJoined, subject("matter", matterID), nil); err != nil {
			return err
		}
		if _, err := t.applyRespondent(caseID, *m); err != nil {
			return err
		}
		return t.touchMatter(m)
	})
}

// RemoveCaseFromMatter takes a case out of the matter. The case keeps
// everything it holds, the respondent's details included.
// Errors: CodeNotFound (no such matter, or the case is not in it).
func (s *Service) RemoveCaseFromMatter(ctx context.Context, matterID, caseID int64) error {
	return s.update(ctx, func(t *txn) error {
		m, err := t.GetMatter(matterID)
		if err != nil {
			return err
		}
		c, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		cur, err := t.CaseMatter(caseID)
		if err != nil {
			return err
		}
		if cur != matterID {
			return Errorf(CodeNotFound, "案件 "+c.CaseNumber()+" 不在共同事项 "+MatterNumber(matterID)+" 中。",
				"Case "+c.CaseNumber()+" is not in matter "+MatterNumber(matterID)+".", nil)
		}
		if err := t.SetCaseMatter(caseID, 0, t.now); err != nil {
			return err
		}
		if err := t.record(caseID, EventMatterLeft, subject("matter", matterID), nil); err != nil {
			return err
		}
		return t.touchMatter(m)
	})
}

func (t *txn) touchMatter(m *Matter) error {
	m.UpdatedAt = t.now
	return t.UpdateMatter(m)
}

// SetJointConsent records (consent true) or withdraws the victim's consent
// to be named in the matter's joint documents. Only victims whose consent
// is recorded are in a joint document.
// Errors: CodeNotFound.
func (s *Service) SetJointConsent(ctx context.Context, caseID int64, consent bool) error {
	return s.update(ctx, func(t *txn) error {
		c, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		if consent == !c.JointConsent.IsZero() {
			return nil
		}
		c.JointConsent = time.Time{}
		data := map[string]string{"consent": "withdrawn"}
		if consent {
			c.JointConsent = DateOf(t.now, t.loc)
			data["consent"] = dateString(c.JointConsent)
		}
		c.UpdatedAt = t.now
		if err := t.UpdateCase(c); err != nil {
			return err
		}
		return t.record(caseID, EventJointConsent, subject("case", caseID), data)
	})
}

// Gap is something a victim's case still lacks for the matter's documents.
type Gap string

const (
	GapIDNumber      Gap = "id-number"     // no ID number: a complaint or report needs it
	GapAuthorisation Gap = "authorisation" // no 授权委托书 made
	GapUnsigned      Gap = "unsigned"      // made, not recorded as signed
	GapExpired       Gap = "authorisation-expired"
	GapConsent       Gap = "consent"  // not agreed to the joint documents
	GapEvidence      Gap = "evidence" // no evidence at all
	GapUnlinked      Gap = "unlinked" // evidence not linked to any step
	GapLeakCounts    Gap = "counts"   // no leaked records counted (the joint severity reading)
)

// Label names the gap in lang ("en" or Chinese).
func (g Gap) Label(lang string) string {
	zh, en := string(g), string(g)
	switch g {
	case GapIDNumber:
		zh, en = "没有身份证号", "no ID number"
	case GapAuthorisation:
		zh, en = "没有授权委托书", "no authorisation"
	case GapUnsigned:
		zh, en = "授权委托书未签署", "authorisation not signed yet"
	case GapExpired:
		zh, en = "授权委托书已过期", "authorisation expired"
	case GapConsent:
		zh, en = "未同意列入联名材料", "no consent to the joint documents"
	case GapEvidence:
		zh, en = "没有证据", "no evidence"
	case GapUnlinked:
		zh, en = "有证据未关联到步骤", "evidence not linked to a step"
	case GapLeakCounts:
		zh, en = "没有登记泄露信息的条数", "no leaked records counted"
	}
	if lang == "en" {
		return en
	}
	return zh
}

// MatterVictim is one victim's row of the matter view.
type MatterVictim struct {
	Summary       CaseSummary
	JointConsent  time.Time
	Authorisation *Authorisation
	Exhibits      int
	Missing       []Gap
}

// MatterOverview is the matter view: every victim's progress and what is
// missing, and the follow-up dates of all the matter's cases together.
type MatterOverview struct {
	Matter    Matter
	Victims   []MatterVictim
	Deadlines []FollowUp
}

// MatterOverview loads the matter view.
// Errors: CodeNotFound.
func (s *Service) MatterOverview(ctx context.Context, id int64) (*MatterOverview, error) {
	mf, err := s.Matter(ctx, id)
	if err != nil {
		return nil, err
	}
	ov := &MatterOverview{Matter: mf.Matter}
	today := s.Today()
	agent, hasAgent, err := s.Agent(ctx)
	if err != nil {
		return nil, err
	}
	err = s.view(ctx, func(tx Tx) error {
		for _, sum := range mf.Cases {
			c, err := tx.GetCase(sum.ID)
			if err != nil {
				return err
			}
			v := MatterVictim{Summary: sum, JointConsent: c.JointConsent, Authorisation: c.Authorisation}
			if strings.TrimSpace(c.Victim.IDNumber) == "" {
				v.Missing = append(v.Missing, GapIDNumber)
			}
			st := c.Authorisation.Status(today)
			if hasAgent {
				st = c.Authorisation.StatusFor(agent.Name, today)
			}
			switch st {
			case AuthNone, AuthOtherAgent: // one naming someone else is none for this volunteer
				v.Missing = append(v.Missing, GapAuthorisation)
			case AuthUnsigned:
				v.Missing = append(v.Missing, GapUnsigned)
			case AuthExpired:
				v.Missing = append(v.Missing, GapExpired)
			}
			if c.JointConsent.IsZero() {
				v.Missing = append(v.Missing, GapConsent)
			}
			ex, err := tx.ListExhibits(sum.ID)
			if err != nil {
				return err
			}
			v.Exhibits = len(ex)
			if len(ex) == 0 {
				v.Missing = append(v.Missing, GapEvidence)
			}
			for _, e := range ex {
				if len(e.StepIDs) == 0 {
					v.Missing = append(v.Missing, GapUnlinked)
					break
				}
			}
			leaked, err := tx.ListLeaked(sum.ID)
			if err != nil {
				return err
			}
			counted := false
			for _, l := range leaked {
				counted = counted || l.Count > 0
			}
			if !counted {
				v.Missing = append(v.Missing, GapLeakCounts)
			}
			ov.Victims = append(ov.Victims, v)
			if c.Status != CaseOpen {
				continue
			}
			steps, err := tx.ListSteps(sum.ID)
			if err != nil {
				return err
			}
			for _, st := range steps {
				if st.Retired || st.Status.Finished() || st.FollowUp.IsZero() {
					continue
				}
				ov.Deadlines = append(ov.Deadlines, FollowUp{CaseID: sum.ID, CaseTitle: sum.Title, Victim: sum.VictimName,
					StepID: st.ID, StepKind: st.Kind, StepTitle: st.Title, Due: st.FollowUp, Estimate: st.FollowUpEstimate,
					Overdue: DaysBetween(today, st.FollowUp) < 0})
			}
		}
		return wordFollowUps(tx, ov.Deadlines)
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(ov.Deadlines, func(i, j int) bool { return ov.Deadlines[i].Due.Before(ov.Deadlines[j].Due) })
	return ov, nil
}
