package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"leakdesk/internal/incident"
)

// caseMeta is what identifies a victim without naming her: the intake
// answers (health data leaked, money lost, an insider…), the kind of
// source and the discovery date. It is one sealed JSON value (column meta)
// since SQL never filters on it; the clear columns it replaced (intake,
// source_kind, discovered_at) stay empty.
type caseMeta struct {
	Intake       json.RawMessage `json:"intake"`
	SourceKind   string          `json:"source_kind"`
	DiscoveredAt string          `json:"discovered_at"`
	// CorrectionOrder (issue 18) rides in the sealed meta: it names an
	// authority and a document about the victim's case, and no query
	// needs it. Absent in rows written before it existed.
	CorrectionOrder *orderMeta `json:"correction_order,omitempty"`
	// Issue 13: the victim's 授权委托书 for the volunteer and her consent to
	// the matter's joint documents; absent in older rows.
	Authorisation *authMeta `json:"authorisation,omitempty"`
	JointConsent  string    `json:"joint_consent,omitempty"`
}

type authMeta struct {
	IssuedOn string `json:"issued_on"`
	SignedOn string `json:"signed_on,omitempty"`
	Until    string `json:"until"`
	Agent    string `json:"agent,omitempty"`
}

type orderMeta struct {
	Authority    string `json:"authority"`
	Reference    string `json:"reference,omitempty"`
	IssuedOn     string `json:"issued_on"`
	IgnoredSince string `json:"ignored_since,omitempty"`
	Continued    string `json:"continued,omitempty"`
	ExhibitID    int64  `json:"exhibit_id,omitempty"`
	Online       bool   `json:"online,omitempty"` // absent (false) in rows written before it existed
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

func (t *tx) caseCols(c *incident.Case) ([]col, error) {
	// The intake is stored whole as JSON (new answers need no migration)
	// except SourceOrg, which is personal and has its own sealed column.
	in := c.Intake
	in.SourceOrg = ""
	intake, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	m := caseMeta{Intake: intake, SourceKind: string(c.SourceKind)}
	if !c.DiscoveredAt.IsZero() {
		m.DiscoveredAt = c.DiscoveredAt.Format(dateLayout)
	}
	if o := c.CorrectionOrder; o != nil {
		m.CorrectionOrder = &orderMeta{Authority: o.Authority, Reference: o.Reference, IssuedOn: dateText(o.IssuedOn),
			IgnoredSince: dateText(o.IgnoredSince), Continued: o.Continued, ExhibitID: o.ExhibitID, Online: o.Online}
	}
	if a := c.Authorisation; a != nil {
		m.Authorisation = &authMeta{IssuedOn: dateText(a.IssuedOn), SignedOn: dateText(a.SignedOn), Until: dateText(a.Until), Agent: a.Agent}
	}
	m.JointConsent = dateText(c.JointConsent)
	meta, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	metaS := string(meta)
	return []col{
		sealedCol("meta", &metaS),
		clearCol("intake", "{}"),
		clearCol("source_kind", ""),
		clearCol("discovered_at", nil),
		sealedCol("title", &c.Title),
		sealedCol("victim_name", &c.Victim.Name),
		sealedCol("victim_id_number", &c.Victim.IDNumber),
		sealedCol("victim_phone", &c.Victim.Phone),
		sealedCol("victim_address", &c.Victim.Address),
		sealedCol("narrative", &c.Narrative),
		sealedCol("source_org", &c.SourceOrg),
		sealedCol("source_addr", &c.SourceAddr),
		clearCol("status", string(c.Status)),
		sealedCol("intake_source_org", &c.Intake.SourceOrg),
		clearCol("updated_at", formatTime(c.UpdatedAt)),
		clearCol("deleted_at", timeArg(c.DeletedAt)),
	}, nil
}

// CreateCase inserts c and sets its ID.
func (t *tx) CreateCase(c *incident.Case) error {
	id, err := t.nextID("cases")
	if err != nil {
		return err
	}
	cols, err := t.caseCols(c)
	if err != nil {
		return err
	}
	if err := t.insertRow("cases", id, id, append(cols, clearCol("created_at", formatTime(c.CreatedAt)))); err != nil {
		return err
	}
	c.ID = id
	return nil
}

// UpdateCase rewrites everything but the creation time.
func (t *tx) UpdateCase(c *incident.Case) error {
	cols, err := t.caseCols(c)
	if err != nil {
		return err
	}
	ok, err := t.updateRow("cases", c.ID, c.ID, cols)
	if err == nil && !ok {
		return incident.NotFound("case", c.ID)
	}
	return err
}

// decodeMeta reads a case's opened meta column; the intake goes into in,
// whose SourceOrg (its own sealed column) is kept.
func decodeMeta(id int64, meta string, in *incident.Intake) (caseMeta, error) {
	var m caseMeta
	if err := json.Unmarshal([]byte(meta), &m); err != nil {
		return m, fmt.Errorf("case %d meta: %w", id, err)
	}
	org := in.SourceOrg
	if len(m.Intake) > 0 {
		if err := json.Unmarshal(m.Intake, in); err != nil {
			return m, fmt.Errorf("case %d intake: %w", id, err)
		}
	}
	in.SourceOrg = org
	return m, nil
}

const caseSelect = `SELECT id, title, victim_name, victim_id_number, victim_phone, victim_address,
	narrative, source_org, source_addr, status, meta,
	intake_source_org, created_at, updated_at, deleted_at FROM cases`

// GetCase loads one case, deleted or not.
func (t *tx) GetCase(id int64) (*incident.Case, error) {
	var c incident.Case
	var title, name, idn, phone, addr, narr, org, saddr, iorg, rawMeta []byte
	var created, updated, deleted sql.NullString
	var meta string
	err := t.queryRow(caseSelect+" WHERE id = ?", id).Scan(&c.ID, &title, &name, &idn, &phone, &addr,
		&narr, &org, &saddr, &c.Status, &rawMeta, &iorg, &created, &updated, &deleted)
	if err != nil {
		return nil, notFound(err, "case", id)
	}
	if err := t.openAll("cases", c.ID, c.ID,
		opened{"title", title, &c.Title},
		opened{"victim_name", name, &c.Victim.Name},
		opened{"victim_id_number", idn, &c.Victim.IDNumber},
		opened{"victim_phone", phone, &c.Victim.Phone},
		opened{"victim_address", addr, &c.Victim.Address},
		opened{"narrative", narr, &c.Narrative},
		opened{"source_org", org, &c.SourceOrg},
		opened{"source_addr", saddr, &c.SourceAddr},
		opened{"intake_source_org", iorg, &c.Intake.SourceOrg},
		opened{"meta", rawMeta, &meta},
	); err != nil {
		return nil, err
	}
	m, err := decodeMeta(id, meta, &c.Intake)
	if err != nil {
		return nil, err
	}
	c.SourceKind = incident.SourceKind(m.SourceKind)
	if c.DiscoveredAt, err = parseDate(sql.NullString{String: m.DiscoveredAt, Valid: m.DiscoveredAt != ""}); err != nil {
		return nil, err
	}
	if o := m.CorrectionOrder; o != nil {
		co := &incident.CorrectionOrder{Authority: o.Authority, Reference: o.Reference, Continued: o.Continued, ExhibitID: o.ExhibitID, Online: o.Online}
		if co.IssuedOn, err = parseDate(sql.NullString{String: o.IssuedOn, Valid: o.IssuedOn != ""}); err != nil {
			return nil, err
		}
		if co.IgnoredSince, err = parseDate(sql.NullString{String: o.IgnoredSince, Valid: o.IgnoredSince != ""}); err != nil {
			return nil, err
		}
		c.CorrectionOrder = co
	}
	if a := m.Authorisation; a != nil {
		au := &incident.Authorisation{Agent: a.Agent}
		if au.IssuedOn, err = parseDate(sql.NullString{String: a.IssuedOn, Valid: a.IssuedOn != ""}); err != nil {
			return nil, err
		}
		if au.SignedOn, err = parseDate(sql.NullString{String: a.SignedOn, Valid: a.SignedOn != ""}); err != nil {
			return nil, err
		}
		if au.Until, err = parseDate(sql.NullString{String: a.Until, Valid: a.Until != ""}); err != nil {
			return nil, err
		}
		c.Authorisation = au
	}
	if c.JointConsent, err = parseDate(sql.NullString{String: m.JointConsent, Valid: m.JointConsent != ""}); err != nil {
		return nil, err
	}
	if c.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if c.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	if c.DeletedAt, err = parseTime(deleted); err != nil {
		return nil, err
	}
	return &c, nil
}

// DeleteCase removes a case; the foreign keys cascade to everything it
// holds, and the event trigger lets its events go only this way.
func (t *tx) DeleteCase(id int64) error {
	ok, err := t.deleteRow("cases", id)
	if err == nil && !ok {
		return incident.NotFound("case", id)
	}
	if err == nil {
		t.deleted = append(t.deleted, id)
	}
	return err
}

// finishedIn is the SQL list of finished step statuses, from the domain's
// own definition so the two cannot drift.
func finishedIn() string {
	var q []string
	for _, s := range incident.StepStatuses() {
		if s.Finished() {
			q = append(q, "'"+string(s)+"'")
		}
	}
	return "(" + strings.Join(q, ", ") + ")"
}

// The case list reads the cases_list index alone: the step summary is kept
// on the case row by triggers, so no step is read.
const (
	listCasesSQL = `SELECT id, title, victim_name, status, updated_at, steps_total, steps_done, next_follow_up
FROM cases INDEXED BY cases_list`
	listCasesLiveSQL = listCasesSQL + ` WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC`
	listCasesAllSQL  = listCasesSQL + ` ORDER BY updated_at DESC, id DESC`
	listCasesGoneSQL = listCasesSQL + ` WHERE deleted_at IS NOT NULL ORDER BY updated_at DESC, id DESC`
	// A matter's cases: its few rows of matter_case first, then each case
	// by its key (CROSS JOIN fixes that order).
	listCasesMatterSQL = `SELECT c.id, c.title, c.victim_name, c.status, c.updated_at, c.steps_total, c.steps_done, c.next_follow_up
FROM matter_case mc CROSS JOIN cases c WHERE mc.matter_id = ? AND c.id = mc.case_id AND c.deleted_at IS NULL
ORDER BY c.updated_at DESC, c.id DESC`
)

// ListCases returns case summaries, most recently changed first.
func (t *tx) ListCases(q incident.CaseQuery) ([]incident.CaseSummary, error) {
	if err := t.requireUnlocked(); err != nil {
		return nil, err
	}
	query := listCasesLiveSQL
	var args []any
	switch {
	case q.Matter != 0:
		query, args = listCasesMatterSQL, []any{q.Matter}
	case q.DeletedOnly:
		query = listCasesGoneSQL
	case q.IncludeDeleted:
		query = listCasesAllSQL
	}
	rows, err := t.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []incident.CaseSummary
	// RawBytes and int64 keep database/sql from copying each value and
	// from formatting and re-parsing each integer: 10,000 rows add up.
	var title, name sql.RawBytes
	var updated, next sql.NullString
	var total, done int64
	for rows.Next() {
		var s incident.CaseSummary
		if err := rows.Scan(&s.ID, &title, &name, &s.Status, &updated, &total, &done, &next); err != nil {
			return nil, err
		}
		s.StepsTotal, s.StepsDone = int(total), int(done)
		if s.Title, err = t.open("cases", "title", s.ID, s.ID, title); err != nil {
			return nil, err
		}
		if s.VictimName, err = t.open("cases", "victim_name", s.ID, s.ID, name); err != nil {
			return nil, err
		}
		if s.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, err
		}
		if s.NextFollowUp, err = parseDate(next); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// FollowUps lists awaited dates of unfinished, current steps in open,
// undeleted cases, soonest first. Retired steps are left out: the plan no
// longer suggests them. The query reads two covering indexes case by case
// (CROSS JOIN fixes the order) and never a step row; the sort happens here.
func (t *tx) FollowUps() ([]incident.FollowUp, error) {
	if err := t.requireUnlocked(); err != nil {
		return nil, err
	}
	rows, err := t.query(`SELECT c.id, c.title, c.victim_name, s.id, s.meta, s.title, s.follow_up
FROM cases c INDEXED BY cases_list CROSS JOIN step s INDEXED BY step_follow_up
WHERE c.status = '` + string(incident.CaseOpen) + `' AND c.deleted_at IS NULL
	AND s.case_id = c.id AND s.retired = 0 AND s.status NOT IN ` + finishedIn() + ` AND s.follow_up IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []incident.FollowUp
	var ctitle, victim, stitle, smeta []byte
	var due sql.NullString
	// A case's title and victim come once per follow-up, and most step
	// titles are the playbook's few: one copy of each equal string, not
	// one per row, is what the deadlines screen keeps (10,000 cases: some
	// 50,000 rows; issue 11 §7).
	seen := map[string]string{}
	intern := func(s *string) {
		if v, ok := seen[*s]; ok {
			*s = v
			return
		}
		seen[*s] = *s
	}
	for rows.Next() {
		var f incident.FollowUp
		if err := rows.Scan(&f.CaseID, &ctitle, &victim, &f.StepID, &smeta, &stitle, &due); err != nil {
			return nil, err
		}
		var m stepMeta
		if err := t.openMeta("step", f.CaseID, f.StepID, smeta, &m); err != nil {
			return nil, err
		}
		f.StepKind = m.Kind
		if err := t.openAll("cases", f.CaseID, f.CaseID, opened{"title", ctitle, &f.CaseTitle}, opened{"victim_name", victim, &f.Victim}); err != nil {
			return nil, err
		}
		if err := t.openAll("step", f.CaseID, f.StepID, opened{"title", stitle, &f.StepTitle}); err != nil {
			return nil, err
		}
		if f.Due, err = parseDate(due); err != nil {
			return nil, err
		}
		f.Estimate = m.FollowUpEstimate
		for _, s := range []*string{&f.CaseTitle, &f.Victim, &f.StepTitle, &f.StepKind} {
			intern(s)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Due.Equal(out[j].Due) {
			return out[i].Due.Before(out[j].Due)
		}
		return out[i].StepID < out[j].StepID
	})
	return out, nil
}
