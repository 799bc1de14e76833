package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"

	"leakdesk/internal/incident"
)

// save inserts (id 0: allocates and returns the new id) or updates a row of
// a case.
func (t *tx) save(table, kind string, caseID, id int64, cols []col) (int64, error) {
	if id != 0 {
		ok, err := t.updateRow(table, caseID, id, cols)
		if err == nil && !ok {
			return 0, incident.NotFound(kind, id)
		}
		return id, err
	}
	if err := t.requireCase(caseID); err != nil {
		return 0, err
	}
	id, err := t.nextID(table)
	if err != nil {
		return 0, err
	}
	return id, t.insertRow(table, caseID, id, append(cols, clearCol("case_id", caseID)))
}

func (t *tx) remove(table, kind string, id int64) error {
	ok, err := t.deleteRow(table, id)
	if err == nil && !ok {
		return incident.NotFound(kind, id)
	}
	return err
}

// --- leaked data

// SaveLeaked inserts or updates l.
func (t *tx) SaveLeaked(l *incident.LeakedData) error {
	// The category (health, bank card…) and count are sensitive and sealed
	// in meta; the clear columns they replaced stay empty.
	meta, err := json.Marshal(leakedMeta{l.Category, l.Count})
	if err != nil {
		return err
	}
	metaS := string(meta)
	id, err := t.save("leaked_data", "leaked data", l.CaseID, l.ID, []col{
		clearCol("category", ""),
		sealedCol("description", &l.Description),
		clearCol("count", 0),
		sealedCol("meta", &metaS),
	})
	if err == nil {
		l.ID = id
	}
	return err
}

// DeleteLeaked removes one leaked-data row.
func (t *tx) DeleteLeaked(id int64) error { return t.remove("leaked_data", "leaked data", id) }

type leakedMeta struct {
	Category string `json:"category"`
	Count    int64  `json:"count"`
}

const leakedSelect = "SELECT id, case_id, description, meta FROM leaked_data"

func (t *tx) scanLeaked(r interface{ Scan(...any) error }) (incident.LeakedData, error) {
	var l incident.LeakedData
	var desc, rawMeta []byte
	if err := r.Scan(&l.ID, &l.CaseID, &desc, &rawMeta); err != nil {
		return l, err
	}
	var meta string
	if err := t.openAll("leaked_data", l.CaseID, l.ID, opened{"description", desc, &l.Description}, opened{"meta", rawMeta, &meta}); err != nil {
		return l, err
	}
	var m leakedMeta
	if err := json.Unmarshal([]byte(meta), &m); err != nil {
		return l, fmt.Errorf("leaked data %d: %w", l.ID, err)
	}
	l.Category, l.Count = m.Category, m.Count
	return l, nil
}

// GetLeaked loads one leaked-data row.
func (t *tx) GetLeaked(id int64) (*incident.LeakedData, error) {
	l, err := t.scanLeaked(t.queryRow(leakedSelect+" WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "leaked data", id)
	}
	return &l, nil
}

// ListLeaked lists a case's leaked data in the order entered.
func (t *tx) ListLeaked(caseID int64) ([]incident.LeakedData, error) {
	return listRows(t, leakedSelect+" WHERE case_id = ? ORDER BY id", caseID, t.scanLeaked)
}

// listRows runs a query of one case and scans every row.
func listRows[T any](t *tx, q string, caseID int64, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	rows, err := t.query(q, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// --- accounts

// SaveAccount inserts or updates a.
func (t *tx) SaveAccount(a *incident.Account) error {
	// What the victim has done about an account says how exposed it is:
	// the flags are sealed in meta (migration 0008).
	meta, err := jsonString(accountMeta{PasswordChanged: a.PasswordChanged, TwoFactor: a.TwoFactor,
		SessionsRevoked: a.SessionsRevoked, DeletionRequested: a.DeletionRequested})
	if err != nil {
		return err
	}
	id, err := t.save("account", "account", a.CaseID, a.ID, []col{
		sealedCol("service", &a.Service),
		sealedCol("login", &a.Login),
		sealedCol("exposed", &a.Exposed),
		clearCol("password_changed", 0),
		clearCol("two_factor", 0),
		clearCol("sessions_revoked", 0),
		clearCol("deletion_requested", 0),
		sealedCol("meta", &meta),
		sealedCol("notes", &a.Notes),
	})
	if err == nil {
		a.ID = id
	}
	return err
}

// DeleteAccount removes one account.
func (t *tx) DeleteAccount(id int64) error { return t.remove("account", "account", id) }

type accountMeta struct {
	PasswordChanged   bool `json:"password_changed"`
	TwoFactor         bool `json:"two_factor"`
	SessionsRevoked   bool `json:"sessions_revoked"`
	DeletionRequested bool `json:"deletion_requested"`
}

// UnmarshalJSON takes the flags as the app writes them (true/false) and
// as migration 0008 moved them (0/1).
func (m *accountMeta) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	flag := func(k string) bool { v := string(raw[k]); return v == "true" || v == "1" }
	m.PasswordChanged, m.TwoFactor = flag("password_changed"), flag("two_factor")
	m.SessionsRevoked, m.DeletionRequested = flag("sessions_revoked"), flag("deletion_requested")
	return nil
}

func jsonString(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// openMeta opens a row's sealed meta JSON into v; an empty one (a row
// the store has not rewritten yet) leaves v as it is.
func (t *tx) openMeta(table string, caseID, id int64, raw []byte, v any) error {
	var s string
	if err := t.openAll(table, caseID, id, opened{"meta", raw, &s}); err != nil {
		return err
	}
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("%s %d meta: %w", table, id, err)
	}
	return nil
}

const accountSelect = `SELECT id, case_id, service, login, exposed, meta, notes FROM account`

func (t *tx) scanAccount(r interface{ Scan(...any) error }) (incident.Account, error) {
	var a incident.Account
	var service, login, exposed, notes, raw []byte
	if err := r.Scan(&a.ID, &a.CaseID, &service, &login, &exposed, &raw, &notes); err != nil {
		return a, err
	}
	var m accountMeta
	if err := t.openMeta("account", a.CaseID, a.ID, raw, &m); err != nil {
		return a, err
	}
	a.PasswordChanged, a.TwoFactor, a.SessionsRevoked, a.DeletionRequested = m.PasswordChanged, m.TwoFactor, m.SessionsRevoked, m.DeletionRequested
	return a, t.openAll("account", a.CaseID, a.ID,
		opened{"service", service, &a.Service},
		opened{"login", login, &a.Login},
		opened{"exposed", exposed, &a.Exposed},
		opened{"notes", notes, &a.Notes})
}

// GetAccount loads one account.
func (t *tx) GetAccount(id int64) (*incident.Account, error) {
	a, err := t.scanAccount(t.queryRow(accountSelect+" WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "account", id)
	}
	return &a, nil
}

// ListAccounts lists a case's accounts in the order entered.
func (t *tx) ListAccounts(caseID int64) ([]incident.Account, error) {
	return listRows(t, accountSelect+" WHERE case_id = ? ORDER BY id", caseID, t.scanAccount)
}

// --- steps

// SaveStep inserts or updates s.
func (t *tx) SaveStep(s *incident.Step) error {
	// The kind of a step (a police report, a bank freeze), its channel and
	// when it was done tell the victim's situation: sealed in meta. Status,
	// retired, follow-up and position stay clear for the case list's
	// summary triggers and the follow-up list (migration 0008).
	m := stepMeta{Kind: s.Kind, Channel: s.Channel, FollowUpEstimate: s.FollowUpEstimate}
	if !s.CompletedAt.IsZero() {
		m.CompletedAt = formatTime(s.CompletedAt)
	}
	meta, err := jsonString(m)
	if err != nil {
		return err
	}
	id, err := t.save("step", "step", s.CaseID, s.ID, []col{
		clearCol("kind", ""),
		clearCol("position", int64(s.Position)),
		sealedCol("title", &s.Title),
		sealedCol("why", &s.Why),
		clearCol("status", string(s.Status)),
		clearCol("follow_up", dateArg(s.FollowUp)),
		clearCol("follow_up_estimate", 0),
		clearCol("completed_at", nil),
		sealedCol("notes", &s.Notes),
		sealedCol("organisation", &s.Organisation),
		clearCol("channel", ""),
		sealedCol("reference", &s.Reference),
		clearCol("retired", boolArg(s.Retired)),
		sealedCol("meta", &meta),
	})
	if err == nil {
		s.ID = id
	}
	return err
}

// DeleteStep removes a step; communications that pointed at it keep
// existing, unlinked.
func (t *tx) DeleteStep(id int64) error { return t.remove("step", "step", id) }

type stepMeta struct {
	Kind             string `json:"kind"`
	Channel          string `json:"channel"`
	CompletedAt      string `json:"completed_at"`
	FollowUpEstimate bool   `json:"follow_up_estimate"`
}

// UnmarshalJSON takes follow_up_estimate as the app writes it (a bool)
// and as migration 0008 moved it (0/1), and a null completion time.
func (m *stepMeta) UnmarshalJSON(b []byte) error {
	var raw struct {
		Kind             string          `json:"kind"`
		Channel          string          `json:"channel"`
		CompletedAt      *string         `json:"completed_at"`
		FollowUpEstimate json.RawMessage `json:"follow_up_estimate"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	m.Kind, m.Channel = raw.Kind, raw.Channel
	if raw.CompletedAt != nil {
		m.CompletedAt = *raw.CompletedAt
	}
	e := string(raw.FollowUpEstimate)
	m.FollowUpEstimate = e == "true" || e == "1"
	return nil
}

const stepSelect = `SELECT id, case_id, position, title, why, status, follow_up,
	meta, notes, organisation, reference, retired FROM step`

func (t *tx) scanStep(r interface{ Scan(...any) error }) (incident.Step, error) {
	var s incident.Step
	var title, why, notes, org, ref, raw []byte
	var follow sql.NullString
	var retired int64
	if err := r.Scan(&s.ID, &s.CaseID, &s.Position, &title, &why, &s.Status, &follow,
		&raw, &notes, &org, &ref, &retired); err != nil {
		return s, err
	}
	var m stepMeta
	if err := t.openMeta("step", s.CaseID, s.ID, raw, &m); err != nil {
		return s, err
	}
	s.Kind, s.Channel, s.FollowUpEstimate, s.Retired = m.Kind, m.Channel, m.FollowUpEstimate, retired != 0
	var err error
	if s.FollowUp, err = parseDate(follow); err != nil {
		return s, err
	}
	if s.CompletedAt, err = parseTime(sql.NullString{String: m.CompletedAt, Valid: m.CompletedAt != ""}); err != nil {
		return s, err
	}
	return s, t.openAll("step", s.CaseID, s.ID,
		opened{"title", title, &s.Title},
		opened{"why", why, &s.Why},
		opened{"notes", notes, &s.Notes},
		opened{"organisation", org, &s.Organisation},
		opened{"reference", ref, &s.Reference})
}

// GetStep loads one step.
func (t *tx) GetStep(id int64) (*incident.Step, error) {
	s, err := t.scanStep(t.queryRow(stepSelect+" WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "step", id)
	}
	return &s, nil
}

// ListSteps lists a case's steps by position.
func (t *tx) ListSteps(caseID int64) ([]incident.Step, error) {
	return listRows(t, stepSelect+" WHERE case_id = ? ORDER BY position, id", caseID, t.scanStep)
}

// --- communications

// SaveCommunication inserts or updates c.
func (t *tx) SaveCommunication(c *incident.Communication) error {
	// When, which way and how the victim was contacted: sealed in meta
	// (migration 0008); contacts are ordered in memory.
	m := commMeta{Direction: string(c.Direction), Channel: c.Channel}
	if !c.At.IsZero() {
		m.At = formatTime(c.At)
	}
	meta, err := jsonString(m)
	if err != nil {
		return err
	}
	id, err := t.save("communication", "communication", c.CaseID, c.ID, []col{
		clearCol("at", nil),
		clearCol("direction", ""),
		clearCol("channel", ""),
		sealedCol("meta", &meta),
		sealedCol("counterpart", &c.Counterpart),
		sealedCol("summary", &c.Summary),
		sealedCol("reference", &c.Reference),
		clearCol("step_id", nullID(c.StepID)),
	})
	if err == nil {
		c.ID = id
	}
	return err
}

// DeleteCommunication removes one communication.
func (t *tx) DeleteCommunication(id int64) error {
	return t.remove("communication", "communication", id)
}

type commMeta struct {
	At        string `json:"at"`
	Direction string `json:"direction"`
	Channel   string `json:"channel"`
}

// UnmarshalJSON takes a null time, as migration 0008 moved an unknown one.
func (m *commMeta) UnmarshalJSON(b []byte) error {
	var raw struct {
		At        *string `json:"at"`
		Direction string  `json:"direction"`
		Channel   string  `json:"channel"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	m.Direction, m.Channel = raw.Direction, raw.Channel
	if raw.At != nil {
		m.At = *raw.At
	}
	return nil
}

const commSelect = `SELECT id, case_id, meta, counterpart, summary, reference, step_id FROM communication`

func (t *tx) scanComm(r interface{ Scan(...any) error }) (incident.Communication, error) {
	var c incident.Communication
	var cp, sum, ref, raw []byte
	var step sql.NullInt64
	if err := r.Scan(&c.ID, &c.CaseID, &raw, &cp, &sum, &ref, &step); err != nil {
		return c, err
	}
	c.StepID = step.Int64
	var m commMeta
	if err := t.openMeta("communication", c.CaseID, c.ID, raw, &m); err != nil {
		return c, err
	}
	c.Direction, c.Channel = incident.Direction(m.Direction), m.Channel
	var err error
	if c.At, err = parseTime(sql.NullString{String: m.At, Valid: m.At != ""}); err != nil {
		return c, err
	}
	return c, t.openAll("communication", c.CaseID, c.ID,
		opened{"counterpart", cp, &c.Counterpart},
		opened{"summary", sum, &c.Summary},
		opened{"reference", ref, &c.Reference})
}

// GetCommunication loads one communication.
func (t *tx) GetCommunication(id int64) (*incident.Communication, error) {
	c, err := t.scanComm(t.queryRow(commSelect+" WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "communication", id)
	}
	return &c, nil
}

// ListCommunications lists a case's communications oldest first.
func (t *tx) ListCommunications(caseID int64) ([]incident.Communication, error) {
	list, err := listRows(t, commSelect+" WHERE case_id = ? ORDER BY id", caseID, t.scanComm)
	if err != nil {
		return nil, err
	}
	// As SQL ordered them when the time was clear: unknown times (NULL)
	// first, then by time, then by id.
	sort.SliceStable(list, func(i, j int) bool { return list[i].At.Before(list[j].At) })
	return list, nil
}
