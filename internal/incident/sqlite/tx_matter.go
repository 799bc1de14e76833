package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"leakdesk/internal/incident"
)

// A matter is no one victim's: its sealed values are bound to case 0 (the
// vault key, like settings), the matter table, the column and the row.
// matterMeta is its sealed JSON column.
type matterMeta struct {
	Kind     string   `json:"kind"`
	Contacts []string `json:"contacts,omitempty"`
}

func matterCols(m *incident.Matter) ([]col, error) {
	b, err := json.Marshal(matterMeta{Kind: string(m.Respondent.Kind), Contacts: m.Respondent.Contacts})
	if err != nil {
		return nil, err
	}
	meta := string(b)
	return []col{
		sealedCol("title", &m.Title),
		sealedCol("respondent_name", &m.Respondent.Name),
		sealedCol("respondent_addr", &m.Respondent.Addr),
		sealedCol("meta", &meta),
		clearCol("updated_at", formatTime(m.UpdatedAt)),
	}, nil
}

// CreateMatter inserts m and sets its ID.
func (t *tx) CreateMatter(m *incident.Matter) error {
	id, err := t.nextID("matter")
	if err != nil {
		return err
	}
	cols, err := matterCols(m)
	if err != nil {
		return err
	}
	if err := t.insertRow("matter", 0, id, append(cols, clearCol("created_at", formatTime(m.CreatedAt)))); err != nil {
		return err
	}
	m.ID = id
	return nil
}

// UpdateMatter rewrites a matter but its creation time.
func (t *tx) UpdateMatter(m *incident.Matter) error {
	cols, err := matterCols(m)
	if err != nil {
		return err
	}
	args, err := t.values("matter", 0, m.ID, cols)
	if err != nil {
		return err
	}
	t.shred = true
	res, err := t.exec(`UPDATE matter SET title = ?, respondent_name = ?, respondent_addr = ?, meta = ?, updated_at = ?
		WHERE id = ?`, append(args, m.ID)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.Join(err, incident.NotFound("matter", m.ID))
	}
	return nil
}

// GetMatter loads one matter.
func (t *tx) GetMatter(id int64) (*incident.Matter, error) {
	var m incident.Matter
	var title, name, addr, rawMeta []byte
	var created, updated sql.NullString
	err := t.queryRow(`SELECT id, title, respondent_name, respondent_addr, meta, created_at, updated_at FROM matter WHERE id = ?`, id).
		Scan(&m.ID, &title, &name, &addr, &rawMeta, &created, &updated)
	if err != nil {
		return nil, notFound(err, "matter", id)
	}
	var meta string
	if err := t.openAll("matter", 0, id, opened{"title", title, &m.Title}, opened{"respondent_name", name, &m.Respondent.Name},
		opened{"respondent_addr", addr, &m.Respondent.Addr}, opened{"meta", rawMeta, &meta}); err != nil {
		return nil, err
	}
	var mm matterMeta
	if err := json.Unmarshal([]byte(meta), &mm); err != nil {
		return nil, fmt.Errorf("matter %d meta: %w", id, err)
	}
	m.Respondent.Kind, m.Respondent.Contacts = incident.SourceKind(mm.Kind), mm.Contacts
	if m.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if m.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &m, nil
}

// ListMatters lists the matters, most recently changed first, each with
// its number of undeleted cases (from the matter_case index and the cases'
// primary key; no case content is opened).
func (t *tx) ListMatters() ([]incident.MatterSummary, error) {
	if err := t.requireUnlocked(); err != nil {
		return nil, err
	}
	rows, err := t.query(`SELECT m.id, m.title, m.respondent_name, m.updated_at,
	(SELECT count(*) FROM matter_case mc WHERE mc.matter_id = m.id
		AND mc.case_id NOT IN (SELECT id FROM cases INDEXED BY cases_deleted WHERE deleted_at IS NOT NULL))
FROM matter m ORDER BY m.updated_at DESC, m.id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []incident.MatterSummary
	var title, name sql.RawBytes
	var updated sql.NullString
	for rows.Next() {
		var s incident.MatterSummary
		var n int64
		if err := rows.Scan(&s.ID, &title, &name, &updated, &n); err != nil {
			return nil, err
		}
		s.Cases = int(n)
		if s.Title, err = t.open("matter", "title", 0, s.ID, title); err != nil {
			return nil, err
		}
		if s.RespondentName, err = t.open("matter", "respondent_name", 0, s.ID, name); err != nil {
			return nil, err
		}
		if s.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// DeleteMatter removes a matter; its membership rows go with it.
func (t *tx) DeleteMatter(id int64) error {
	t.shred = true
	res, err := t.exec("DELETE FROM matter WHERE id = ?", id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.Join(err, incident.NotFound("matter", id))
	}
	return nil
}

// SetCaseMatter puts a case in a matter, or in none (matterID 0).
func (t *tx) SetCaseMatter(caseID, matterID int64, at time.Time) error {
	if err := t.requireCase(caseID); err != nil {
		return err
	}
	if matterID == 0 {
		_, err := t.exec("DELETE FROM matter_case WHERE case_id = ?", caseID)
		return err
	}
	_, err := t.exec(`INSERT INTO matter_case (case_id, matter_id, joined_at) VALUES (?, ?, ?)
		ON CONFLICT(case_id) DO UPDATE SET matter_id = excluded.matter_id, joined_at = excluded.joined_at`,
		caseID, matterID, formatTime(at))
	return err
}

// CaseMatter is the matter of a case, 0 for none.
func (t *tx) CaseMatter(caseID int64) (int64, error) {
	var id int64
	err := t.queryRow("SELECT matter_id FROM matter_case WHERE case_id = ?", caseID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// MatterCaseIDs lists a matter's cases in the order they joined.
func (t *tx) MatterCaseIDs(matterID int64) ([]int64, error) {
	rows, err := t.query("SELECT case_id FROM matter_case WHERE matter_id = ? ORDER BY joined_at, case_id", matterID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
