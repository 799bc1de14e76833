package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"

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
	id, err := t.save("account", "account", a.CaseID, a.ID, []col{
		sealedCol("service", &a.Service),
		sealedCol("login", &a.Login),
		sealedCol("exposed", &a.Exposed),
		clearCol("password_changed", boolArg(a.PasswordChanged)),
		clearCol("two_factor", boolArg(a.TwoFactor)),
		clearCol("sessions_revoked", boolArg(a.SessionsRevoked)),
		clearCol("deletion_requested", boolArg(a.DeletionRequested)),
		sealedCol("notes", &a.Notes),
	})
	if err == nil {
		a.ID = id
	}
	return err
}

// DeleteAccount removes one account.
func (t *tx) DeleteAccount(id int64) error { return t.remove("account", "account", id) }

const accountSelect = `SELECT id, case_id, service, login, exposed, password_changed, two_factor,
	sessions_revoked, deletion_requested, notes FROM account`

func (t *tx) scanAccount(r interface{ Scan(...any) error }) (incident.Account, error) {
	var a incident.Account
	var service, login, exposed, notes []byte
	var pc, tf, sr, dr int64
	if err := r.Scan(&a.ID, &a.CaseID, &service, &login, &exposed, &pc, &tf, &sr, &dr, &notes); err != nil {
		return a, err
	}
	a.PasswordChanged, a.TwoFactor, a.SessionsRevoked, a.DeletionRequested = pc != 0, tf != 0, sr != 0, dr != 0
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
	id, err := t.save("step", "step", s.CaseID, s.ID, []col{
		clearCol("kind", s.Kind),
		clearCol("position", int64(s.Position)),
		sealedCol("title", &s.Title),
		sealedCol("why", &s.Why),
		clearCol("status", string(s.Status)),
		clearCol("follow_up", dateArg(s.FollowUp)),
		clearCol("follow_up_estimate", boolArg(s.FollowUpEstimate)),
		clearCol("completed_at", timeArg(s.CompletedAt)),
		sealedCol("notes", &s.Notes),
		sealedCol("organisation", &s.Organisation),
		clearCol("channel", s.Channel),
		sealedCol("reference", &s.Reference),
		clearCol("retired", boolArg(s.Retired)),
	})
	if err == nil {
		s.ID = id
	}
	return err
}

// DeleteStep removes a step; communications that pointed at it keep
// existing, unlinked.
func (t *tx) DeleteStep(id int64) error { return t.remove("step", "step", id) }

const stepSelect = `SELECT id, case_id, kind, position, title, why, status, follow_up,
	follow_up_estimate, completed_at, notes, organisation, channel, reference, retired FROM step`

func (t *tx) scanStep(r interface{ Scan(...any) error }) (incident.Step, error) {
	var s incident.Step
	var title, why, notes, org, ref []byte
	var follow, completed sql.NullString
	var est, retired int64
	if err := r.Scan(&s.ID, &s.CaseID, &s.Kind, &s.Position, &title, &why, &s.Status, &follow,
		&est, &completed, &notes, &org, &s.Channel, &ref, &retired); err != nil {
		return s, err
	}
	s.FollowUpEstimate, s.Retired = est != 0, retired != 0
	var err error
	if s.FollowUp, err = parseDate(follow); err != nil {
		return s, err
	}
	if s.CompletedAt, err = parseTime(completed); err != nil {
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
	id, err := t.save("communication", "communication", c.CaseID, c.ID, []col{
		clearCol("at", timeArg(c.At)),
		clearCol("direction", string(c.Direction)),
		clearCol("channel", c.Channel),
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

const commSelect = `SELECT id, case_id, at, direction, channel, counterpart, summary, reference, step_id FROM communication`

func (t *tx) scanComm(r interface{ Scan(...any) error }) (incident.Communication, error) {
	var c incident.Communication
	var cp, sum, ref []byte
	var at sql.NullString
	var step sql.NullInt64
	if err := r.Scan(&c.ID, &c.CaseID, &at, &c.Direction, &c.Channel, &cp, &sum, &ref, &step); err != nil {
		return c, err
	}
	c.StepID = step.Int64
	var err error
	if c.At, err = parseTime(at); err != nil {
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
	return listRows(t, commSelect+" WHERE case_id = ? ORDER BY at, id", caseID, t.scanComm)
}
