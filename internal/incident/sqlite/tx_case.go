package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"leakdesk/internal/incident"
)

func (t *tx) caseCols(c *incident.Case) ([]col, error) {
	// The intake is stored whole as JSON (new answers need no migration)
	// except SourceOrg, which is personal and has its own sealed column.
	in := c.Intake
	in.SourceOrg = ""
	intake, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	return []col{
		sealedCol("title", &c.Title),
		sealedCol("victim_name", &c.Victim.Name),
		sealedCol("victim_id_number", &c.Victim.IDNumber),
		sealedCol("victim_phone", &c.Victim.Phone),
		sealedCol("victim_address", &c.Victim.Address),
		clearCol("discovered_at", dateArg(c.DiscoveredAt)),
		sealedCol("narrative", &c.Narrative),
		sealedCol("source_org", &c.SourceOrg),
		sealedCol("source_addr", &c.SourceAddr),
		clearCol("source_kind", string(c.SourceKind)),
		clearCol("status", string(c.Status)),
		clearCol("intake", string(intake)),
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

const caseSelect = `SELECT id, title, victim_name, victim_id_number, victim_phone, victim_address,
	discovered_at, narrative, source_org, source_addr, source_kind, status, intake,
	intake_source_org, created_at, updated_at, deleted_at FROM cases`

// GetCase loads one case, deleted or not.
func (t *tx) GetCase(id int64) (*incident.Case, error) {
	var c incident.Case
	var title, name, idn, phone, addr, narr, org, saddr, iorg []byte
	var disc, created, updated, deleted sql.NullString
	var intake string
	err := t.queryRow(caseSelect+" WHERE id = ?", id).Scan(&c.ID, &title, &name, &idn, &phone, &addr,
		&disc, &narr, &org, &saddr, &c.SourceKind, &c.Status, &intake, &iorg, &created, &updated, &deleted)
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
	); err != nil {
		return nil, err
	}
	intakeOrg := c.Intake.SourceOrg
	if err := json.Unmarshal([]byte(intake), &c.Intake); err != nil {
		return nil, fmt.Errorf("case %d intake: %w", id, err)
	}
	c.Intake.SourceOrg = intakeOrg
	if c.DiscoveredAt, err = parseDate(disc); err != nil {
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

// listCasesSQL computes each case's step summary in one pass over the
// step_summary index (no step rows, no sealed text are read).
func listCasesSQL() string {
	return `SELECT c.id, c.title, c.victim_name, c.status, c.updated_at,
	coalesce(s.total, 0), coalesce(s.done, 0), s.next
FROM cases c
LEFT JOIN (
	SELECT case_id,
		sum(status <> '` + string(incident.StepNotApplicable) + `') AS total,
		sum(status <> '` + string(incident.StepNotApplicable) + `' AND status IN ` + finishedIn() + `) AS done,
		min(CASE WHEN status NOT IN ` + finishedIn() + ` THEN follow_up END) AS next
	FROM step WHERE retired = 0 GROUP BY case_id
) s ON s.case_id = c.id
WHERE ? OR c.deleted_at IS NULL
ORDER BY c.updated_at DESC, c.id DESC`
}

// ListCases returns case summaries, most recently changed first.
func (t *tx) ListCases(q incident.CaseQuery) ([]incident.CaseSummary, error) {
	rows, err := t.query(listCasesSQL(), q.IncludeDeleted)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []incident.CaseSummary
	var title, name []byte
	var updated, next sql.NullString
	for rows.Next() {
		var s incident.CaseSummary
		if err := rows.Scan(&s.ID, &title, &name, &s.Status, &updated, &s.StepsTotal, &s.StepsDone, &next); err != nil {
			return nil, err
		}
		if err := t.openAll("cases", s.ID, s.ID, opened{"title", title, &s.Title}, opened{"victim_name", name, &s.VictimName}); err != nil {
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
// longer suggests them.
func (t *tx) FollowUps() ([]incident.FollowUp, error) {
	rows, err := t.query(`SELECT c.id, c.title, c.victim_name, s.id, s.kind, s.title, s.follow_up, s.follow_up_estimate
FROM step s JOIN cases c ON c.id = s.case_id
WHERE s.follow_up IS NOT NULL AND s.retired = 0 AND s.status NOT IN ` + finishedIn() + `
	AND c.status = '` + string(incident.CaseOpen) + `' AND c.deleted_at IS NULL
ORDER BY s.follow_up, s.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []incident.FollowUp
	for rows.Next() {
		var f incident.FollowUp
		var ctitle, victim, stitle []byte
		var due sql.NullString
		var est int64
		if err := rows.Scan(&f.CaseID, &ctitle, &victim, &f.StepID, &f.StepKind, &stitle, &due, &est); err != nil {
			return nil, err
		}
		if err := t.openAll("cases", f.CaseID, f.CaseID, opened{"title", ctitle, &f.CaseTitle}, opened{"victim_name", victim, &f.Victim}); err != nil {
			return nil, err
		}
		if err := t.openAll("step", f.CaseID, f.StepID, opened{"title", stitle, &f.StepTitle}); err != nil {
			return nil, err
		}
		if f.Due, err = parseDate(due); err != nil {
			return nil, err
		}
		f.Estimate = est != 0
		out = append(out, f)
	}
	return out, rows.Err()
}
