package sqlite

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"hash"

	"leakdesk/internal/incident"
)

// macSealer is a Sealer that also keys the hashes kept beside sealed
// values. Identity (and test sealers) do not: their stores hash with plain
// SHA-256, which hides nothing that is not already in the clear.
type macSealer interface {
	newMAC(caseID int64, purpose string) (func() hash.Hash, error)
}

// chainPurpose names the key of a case's event chain.
const chainPurpose = "event chain"

func chainHashOf(s Sealer, caseID int64) (func() hash.Hash, error) {
	if m, ok := s.(macSealer); ok {
		return m.newMAC(caseID, chainPurpose)
	}
	return sha256.New, nil
}

// ChainHash is the hash of caseID's event chain: HMAC under a subkey of
// the case key in an encrypted store, plain SHA-256 otherwise.
func (t *tx) ChainHash(caseID int64) (func() hash.Hash, error) {
	h, err := chainHashOf(t.sealer, caseID)
	if err != nil {
		return nil, sealErr(err, "event", "hash", caseID)
	}
	return h, nil
}

func (s *vaultSealer) newMAC(caseID int64, purpose string) (func() hash.Hash, error) {
	k, err := s.key(caseID, false)
	if err != nil {
		return nil, err
	}
	h, err := k.NewMAC(purpose)
	return h, vaultErr(err)
}

// withoutEventTrigger runs fn with the append-only trigger on events
// dropped; it comes back with its exact stored text, in the same
// transaction, so no commit ever sees the table unguarded.
func withoutEventTrigger(t *tx, fn func() error) error {
	var trig string
	if err := t.queryRow("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'event_no_update'").Scan(&trig); err != nil {
		return err
	}
	if _, err := t.exec("DROP TRIGGER event_no_update"); err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(t.ctx, trig)
	return err
}

// rechain re-hashes every case's event chain from from's hash to to's,
// opening the event data with open. incident.Rechain keeps a chain that no
// longer checks out broken at the same event, so the switch never hides a
// change. The caller has dropped the append-only trigger.
func rechain(t *tx, open, from, to Sealer) error {
	rows, err := t.query("SELECT DISTINCT case_id FROM event ORDER BY 1")
	if err != nil {
		return err
	}
	var cases []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		cases = append(cases, id)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, id := range cases {
		events, err := listRows(t, eventSelect+" WHERE case_id = ? ORDER BY seq", id, func(r interface{ Scan(...any) error }) (incident.Event, error) {
			return scanEventWith(r, open)
		})
		if err != nil {
			return err
		}
		fh, err := chainHashOf(from, id)
		if err != nil {
			return sealErr(err, "event", "hash", id)
		}
		th, err := chainHashOf(to, id)
		if err != nil {
			return sealErr(err, "event", "hash", id)
		}
		out, n := incident.Rechain(events, fh, th)
		for _, e := range out[:n] {
			if _, err := t.exec("UPDATE event SET prev_hash = ?, hash = ? WHERE id = ?", e.PrevHash, e.Hash, e.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// sealPending finishes migrations 0005 and 0008 in an encrypted store, in
// the caller's transaction: meta, written in the clear by SQL, is sealed;
// after 0005 the event chains, plain SHA-256 until then, are keyed and the
// settings that must be sealed or authenticated are; the marks go. The
// rows changed, so the case manifests (0007) are made again. vs must hold
// the vault.
func (s *Store) sealPending(t *tx, vs *vaultSealer) error {
	rows, err := t.query("SELECT version FROM seal_pending")
	if err != nil {
		return err
	}
	pending := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return err
		}
		pending[v] = true
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil || len(pending) == 0 {
		return err
	}
	var tables []sealedTable
	if pending[5] {
		tables = append(tables,
			sealedTable{"cases", "id", []string{"meta"}},
			sealedTable{"leaked_data", "case_id", []string{"meta"}},
			sealedTable{"exhibit", "case_id", []string{"meta"}})
	}
	if pending[8] {
		tables = append(tables,
			sealedTable{"step", "case_id", []string{"meta"}},
			sealedTable{"communication", "case_id", []string{"meta"}},
			sealedTable{"account", "case_id", []string{"meta"}},
			sealedTable{"event", "case_id", []string{"meta"}})
	}
	err = withoutEventTrigger(t, func() error {
		for _, st := range tables {
			if err := resealTable(t, st, Identity{}, vs); err != nil {
				return err
			}
		}
		s.hook("seal-pending-meta")
		if !pending[5] {
			return nil
		}
		return rechain(t, vs, Identity{}, vs)
	})
	if err != nil {
		return err
	}
	if pending[5] {
		if err := resealSettings(t, vs, vs, true); err != nil {
			return err
		}
	}
	if manifestsOn(t, vs) {
		if err := establishManifests(t, vs); err != nil {
			return err
		}
	}
	_, err = t.exec("DELETE FROM seal_pending")
	s.hook("seal-pending-done")
	return err
}

// decodeEventData reads an event's opened data; a changed byte that broke
// the JSON gives the raw text under a key no event uses, so the history
// still lists and the chain check names this event as changed.
func decodeEventData(data []byte) map[string]string {
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return map[string]string{undecodableKey: string(data)}
	}
	return m
}
