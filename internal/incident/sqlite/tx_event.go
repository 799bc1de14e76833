package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"

	"leakdesk/internal/incident"
)

// AppendEvent adds e at the end of its case's chain and sets its ID. The
// schema refuses an event that does not extend the chain, and any update or
// delete of an event other than by deleting its case.
func (t *tx) AppendEvent(e *incident.Event) error {
	if err := t.requireCase(e.CaseID); err != nil {
		return err
	}
	if err := t.touch(e.CaseID); err != nil {
		return err
	}
	id, err := t.nextID("event")
	if err != nil {
		return err
	}
	data, err := json.Marshal(e.Data)
	if err != nil {
		return err
	}
	sealed, err := t.sealer.Seal("event", "data", e.CaseID, id, data)
	if err != nil {
		return sealErr(err, "event", "data", id)
	}
	if sealed == nil {
		sealed = []byte{}
	}
	// When and what happened (a police report filed, an SMS imported) is
	// sealed in meta with the subject (migration 0008); seq and the chain
	// hashes stay clear for the append-only trigger.
	meta, err := json.Marshal(eventMeta{At: formatTime(e.At), Kind: e.Kind, Subject: e.Subject})
	if err != nil {
		return err
	}
	sealedMeta, err := t.seal("event", "meta", e.CaseID, id, string(meta))
	if err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO event (id, case_id, seq, at, kind, subject, data, meta, prev_hash, hash)
		VALUES (?, ?, ?, '', '', '', ?, ?, ?, ?)`, id, e.CaseID, e.Seq, sealed, sealedMeta, e.PrevHash, e.Hash)
	if err != nil {
		return err
	}
	e.ID = id
	return nil
}

// undecodableKey holds an event's stored data when it is no longer JSON.
const undecodableKey = "\x00undecodable"

const eventSelect = "SELECT id, case_id, seq, meta, data, prev_hash, hash FROM event"

type eventMeta struct {
	At      string `json:"at"`
	Kind    string `json:"kind"`
	Subject string `json:"subject"`
}

func (t *tx) scanEvent(r interface{ Scan(...any) error }) (incident.Event, error) {
	return scanEventWith(r, t.sealer)
}

func scanEventWith(r interface{ Scan(...any) error }, s Sealer) (incident.Event, error) {
	var e incident.Event
	var raw, rawMeta []byte
	if err := r.Scan(&e.ID, &e.CaseID, &e.Seq, &rawMeta, &raw, &e.PrevHash, &e.Hash); err != nil {
		return e, err
	}
	mb, err := s.Open("event", "meta", e.CaseID, e.ID, rawMeta)
	if err != nil {
		return e, sealErr(err, "event", "meta", e.ID)
	}
	var m eventMeta
	if err := json.Unmarshal(mb, &m); err != nil {
		// A changed byte that broke the JSON: the chain check names this
		// event as changed, since its time and kind no longer hash right.
		m = eventMeta{}
	}
	e.Kind, e.Subject = m.Kind, m.Subject
	if e.At, err = parseTime(sql.NullString{String: m.At, Valid: m.At != ""}); err != nil {
		return e, err
	}
	data, err := s.Open("event", "data", e.CaseID, e.ID, raw)
	if err != nil {
		return e, sealErr(err, "event", "data", e.ID)
	}
	// A changed byte that broke the JSON still gives an event (see
	// decodeEventData) rather than a case that fails to load.
	e.Data = decodeEventData(data)
	return e, nil
}

// LastEvent returns the newest event of a case.
func (t *tx) LastEvent(caseID int64) (incident.Event, bool, error) {
	e, err := t.scanEvent(t.queryRow(eventSelect+" WHERE case_id = ? ORDER BY seq DESC LIMIT 1", caseID))
	if errors.Is(err, sql.ErrNoRows) {
		return incident.Event{}, false, nil
	}
	if err != nil {
		return incident.Event{}, false, err
	}
	return e, true, nil
}

// ListEvents returns a case's history, oldest first.
func (t *tx) ListEvents(caseID int64) ([]incident.Event, error) {
	return listRows(t, eventSelect+" WHERE case_id = ? ORDER BY seq", caseID, t.scanEvent)
}
