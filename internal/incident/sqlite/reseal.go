package sqlite

import (
	"errors"
	"strconv"
	"strings"
)

// sealedTable names the sealed columns of one table, as listed on Sealer,
// and how to find a row's case. TestSealedColumnsListed keeps this in step
// with the schema: every BLOB column is here or is a vault column.
type sealedTable struct {
	name   string
	caseID string // SQL expression for the row's case id
	cols   []string
}

func sealedTables() []sealedTable {
	return []sealedTable{
		// cases first: sealing a case row is what makes its key.
		{"cases", "id", []string{"title", "victim_name", "victim_id_number", "victim_phone", "victim_address",
			"narrative", "source_org", "source_addr", "intake_source_org", "meta"}},
		{"leaked_data", "case_id", []string{"description", "meta"}},
		{"account", "case_id", []string{"service", "login", "exposed", "notes", "meta"}},
		{"step", "case_id", []string{"title", "why", "notes", "organisation", "reference", "meta"}},
		{"communication", "case_id", []string{"counterpart", "summary", "reference", "meta"}},
		{"exhibit", "case_id", []string{"title", "source", "proves", "file_name", "record_number", "record_url", "record_text", "meta"}},
		{"exhibit_transcript", "case_id", []string{"body"}},
		{"event", "case_id", []string{"data", "meta"}},
		// A matter is sealed under the vault key (case 0), 0009.
		{"matter", "0", []string{"title", "respondent_name", "respondent_addr", "meta"}},
	}
}

// reseal opens every sealed value with from and seals it again with to,
// inside the caller's transaction: turning encryption on or off is this
// one transaction, so a crash leaves all of the old or all of the new.
// Rows are read a page at a time and written after the page is closed, so
// no statement reads a table while it is being changed.
func (s *Store) reseal(t *tx, from, to Sealer) error {
	// Events are append-only by trigger; the trigger goes for the length of
	// this transaction. The chains are re-hashed too: keyed in an encrypted
	// store, plain in a clear one.
	err := withoutEventTrigger(t, func() error {
		for i, st := range sealedTables() {
			if err := resealTable(t, st, from, to); err != nil {
				return err
			}
			if i == 0 {
				s.hook("reseal-cases")
			}
		}
		if err := resealChunks(t, from, to); err != nil {
			return err
		}
		if err := resealSettings(t, from, to, false); err != nil {
			return err
		}
		return rechain(t, to, from, to)
	})
	if err != nil {
		return err
	}
	s.hook("reseal-done")
	return nil
}

type resealRow struct {
	id, caseID int64
	vals       [][]byte
}

func resealTable(t *tx, st sealedTable, from, to Sealer) error {
	// A table of a later migration (exhibit_transcript, 0006) is absent
	// while an earlier migration's sealing step runs; it has no rows then.
	var n int
	if err := t.queryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", st.name).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	const page = 256
	sel := "SELECT id, " + st.caseID + ", " + strings.Join(st.cols, ", ") + " FROM " + st.name +
		" WHERE id > ? ORDER BY id LIMIT " + strconv.Itoa(page)
	upd := "UPDATE " + st.name + " SET " + strings.Join(st.cols, " = ?, ") + " = ? WHERE id = ?"
	var last int64
	for {
		rows, err := t.query(sel, last)
		if err != nil {
			return err
		}
		var batch []resealRow
		for rows.Next() {
			r := resealRow{vals: make([][]byte, len(st.cols))}
			dst := []any{&r.id, &r.caseID}
			for i := range r.vals {
				dst = append(dst, &r.vals[i])
			}
			if err := rows.Scan(dst...); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, r)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		for _, r := range batch {
			args := make([]any, 0, len(st.cols)+1)
			for i, c := range st.cols {
				b, err := resealValue(from, to, st.name, c, r.caseID, r.id, r.vals[i])
				if err != nil {
					return err
				}
				args = append(args, b)
			}
			if _, err := t.exec(upd, append(args, r.id)...); err != nil {
				return err
			}
			last = r.id
		}
		if len(batch) < page {
			return nil
		}
	}
}

func resealValue(from, to Sealer, table, col string, caseID, rowID int64, raw []byte) ([]byte, error) {
	plain, err := from.Open(table, col, caseID, rowID, raw)
	if err != nil {
		return nil, sealErr(err, table, col, rowID)
	}
	// plain is not zeroed afterwards: the identity sealer returns it as the
	// value to store.
	b, err := to.Seal(table, col, caseID, rowID, plain)
	if err != nil {
		return nil, sealErr(err, table, col, rowID)
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}

// resealChunks does evidence one chunk at a time: memory stays at a chunk
// or two whatever the evidence adds up to.
func resealChunks(t *tx, from, to Sealer) error {
	type key struct{ exhibit, seq, caseID int64 }
	rows, err := t.query("SELECT c.exhibit_id, c.seq, e.case_id FROM exhibit_chunk c JOIN exhibit e ON e.id = c.exhibit_id ORDER BY 1, 2")
	if err != nil {
		return err
	}
	var keys []key
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.exhibit, &k.seq, &k.caseID); err != nil {
			rows.Close()
			return err
		}
		keys = append(keys, k)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	var data []byte
	for _, k := range keys {
		if err := t.queryRow("SELECT data FROM exhibit_chunk WHERE exhibit_id = ? AND seq = ?", k.exhibit, k.seq).Scan(&data); err != nil {
			return err
		}
		b, err := resealValue(from, to, "exhibit_chunk", chunkColumn(k.seq), k.caseID, k.exhibit, data)
		if err != nil {
			return err
		}
		if _, err := t.exec("UPDATE exhibit_chunk SET data = ? WHERE exhibit_id = ? AND seq = ?", b, k.exhibit, k.seq); err != nil {
			return err
		}
	}
	return nil
}

func resealSettings(t *tx, from, to Sealer, trustClear bool) error {
	rows, err := t.query("SELECT key, value FROM setting")
	if err != nil {
		return err
	}
	kv := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return err
		}
		kv[k] = v
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for k, v := range kv {
		plain, err := openSetting(from, k, v, trustClear)
		if errors.Is(err, errSettingTampered) {
			// Changed without the passphrase: dropped, so the default
			// applies, rather than blessed with a new seal.
			if _, err := t.exec("DELETE FROM setting WHERE key = ?", k); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		nv, err := sealSetting(to, k, plain)
		if err != nil {
			return err
		}
		if nv == v {
			continue
		}
		if _, err := t.exec("UPDATE setting SET value = ? WHERE key = ?", nv, k); err != nil {
			return err
		}
	}
	return nil
}
