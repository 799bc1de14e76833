package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"leakdesk/internal/incident"
)

// SaveExhibit inserts or updates e's metadata and replaces its links.
func (t *tx) SaveExhibit(e *incident.Exhibit) error {
	// The SHA-256 names the file to anyone holding a copy, and size, type
	// and capture time narrow it down: they are sealed in meta, and the
	// clear columns they replaced stay empty. Duplicates are found in
	// memory, so no index needs the hash.
	m := exhibitMeta{Size: e.Size, ContentType: e.ContentType, SHA256: e.SHA256, DurationMS: e.Duration.Milliseconds(),
		CapturedFrom: string(e.CapturedFrom), PrintCheck: e.PrintCheck}
	if !e.CapturedAt.IsZero() {
		m.CapturedAt = formatTime(e.CapturedAt)
	}
	meta, err := json.Marshal(m)
	if err != nil {
		return err
	}
	metaS := string(meta)
	id, err := t.save("exhibit", "exhibit", e.CaseID, e.ID, []col{
		clearCol("number", int64(e.Number)),
		clearCol("kind", string(e.Kind)),
		sealedCol("title", &e.Title),
		sealedCol("source", &e.Source),
		sealedCol("proves", &e.Proves),
		clearCol("captured_at", nil),
		clearCol("imported_at", timeArg(e.ImportedAt)),
		sealedCol("file_name", &e.FileName),
		clearCol("size", 0),
		clearCol("content_type", ""),
		clearCol("sha256", ""),
		sealedCol("meta", &metaS),
		sealedCol("record_number", &e.RecordNumber),
		sealedCol("record_url", &e.RecordURL),
		sealedCol("record_text", &e.RecordText),
	})
	if err != nil {
		return err
	}
	e.ID = id
	if err := t.saveTranscript(e); err != nil {
		return err
	}
	return t.saveLinks(e)
}

// saveTranscript writes or removes the exhibit's transcript row.
func (t *tx) saveTranscript(e *incident.Exhibit) error {
	if e.Transcript == nil {
		_, err := t.exec("DELETE FROM exhibit_transcript WHERE id = ?", e.ID)
		return err
	}
	js, err := json.Marshal(e.Transcript)
	if err != nil {
		return err
	}
	body, err := t.seal("exhibit_transcript", "body", e.CaseID, e.ID, string(js))
	if err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO exhibit_transcript (id, case_id, body) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET body = excluded.body`, e.ID, e.CaseID, body)
	return err
}

// loadTranscripts fills the transcripts of list from the rows where matches.
func (t *tx) loadTranscripts(list []incident.Exhibit, where string, arg int64) error {
	if len(list) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(list))
	for i, e := range list {
		idx[e.ID] = i
	}
	rows, err := t.query("SELECT id, case_id, body FROM exhibit_transcript WHERE "+where, arg)
	if err != nil {
		return err
	}
	type row struct {
		id, caseID int64
		body       []byte
	}
	var found []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.caseID, &r.body); err != nil {
			rows.Close()
			return err
		}
		found = append(found, r)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, r := range found {
		i, ok := idx[r.id]
		if !ok {
			continue
		}
		js, err := t.open("exhibit_transcript", "body", r.caseID, r.id, r.body)
		if err != nil {
			return err
		}
		var tr incident.Transcript
		if err := json.Unmarshal([]byte(js), &tr); err != nil {
			return incident.Errorf(incident.CodeDamaged,
				fmt.Sprintf("证据（编号 %d）的文字整理稿已损坏。", r.id),
				fmt.Sprintf("The transcript of exhibit %d is damaged.", r.id), err)
		}
		list[i].Transcript = &tr
	}
	return nil
}

// saveLinks replaces the exhibit's links; a step or communication that is
// missing or belongs to another case is NotFound.
func (t *tx) saveLinks(e *incident.Exhibit) error {
	for _, l := range []struct {
		table, col, target, kind string
		ids                      []int64
	}{
		{"exhibit_step", "step_id", "step", "step", e.StepIDs},
		{"exhibit_communication", "communication_id", "communication", "communication", e.CommIDs},
	} {
		if _, err := t.exec("DELETE FROM "+l.table+" WHERE exhibit_id = ?", e.ID); err != nil {
			return err
		}
		for _, id := range l.ids {
			res, err := t.exec("INSERT OR IGNORE INTO "+l.table+" (exhibit_id, "+l.col+") SELECT ?, id FROM "+l.target+" WHERE id = ? AND case_id = ?", e.ID, id, e.CaseID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				var one int
				err := t.queryRow("SELECT 1 FROM "+l.table+" WHERE exhibit_id = ? AND "+l.col+" = ?", e.ID, id).Scan(&one)
				if errors.Is(err, sql.ErrNoRows) {
					return incident.NotFound(l.kind, id)
				} else if err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// DeleteExhibit removes an exhibit with its bytes and links.
func (t *tx) DeleteExhibit(id int64) error {
	err := t.remove("exhibit", "exhibit", id)
	if err == nil {
		t.deletedExhibits = append(t.deletedExhibits, id)
	}
	return err
}

type exhibitMeta struct {
	CapturedAt  string `json:"captured_at"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
	SHA256      string `json:"sha256"`
	// DurationMS is a recording's length (issue 16); 0 when unknown.
	DurationMS int64 `json:"duration_ms,omitempty"`
	// CapturedFrom is incident.Exhibit.CapturedFrom (issue 15): where a
	// capture time the user did not type came from. Older rows lack it and
	// read as typed, which is what they were treated as.
	CapturedFrom string `json:"captured_from,omitempty"`
	// PrintCheck is incident.Exhibit.PrintCheck. It is sealed with the
	// rest: it tells the file's format, that it is whole, and its hash.
	PrintCheck string `json:"print_check,omitempty"`
}

const exhibitSelect = `SELECT id, case_id, number, kind, title, source, proves, imported_at,
	file_name, meta, record_number, record_url, record_text FROM exhibit`

func (t *tx) scanExhibit(r interface{ Scan(...any) error }) (incident.Exhibit, error) {
	var e incident.Exhibit
	var title, source, proves, fname, rawMeta, rnum, rurl, rtext []byte
	var imported sql.NullString
	if err := r.Scan(&e.ID, &e.CaseID, &e.Number, &e.Kind, &title, &source, &proves, &imported,
		&fname, &rawMeta, &rnum, &rurl, &rtext); err != nil {
		return e, err
	}
	var err error
	if e.ImportedAt, err = parseTime(imported); err != nil {
		return e, err
	}
	var meta string
	if err := t.openAll("exhibit", e.CaseID, e.ID, opened{"meta", rawMeta, &meta}); err != nil {
		return e, err
	}
	var m exhibitMeta
	if err := json.Unmarshal([]byte(meta), &m); err != nil {
		return e, fmt.Errorf("exhibit %d: %w", e.ID, err)
	}
	e.Size, e.ContentType, e.SHA256 = m.Size, m.ContentType, m.SHA256
	e.Duration = time.Duration(m.DurationMS) * time.Millisecond
	e.CapturedFrom = incident.CaptureSource(m.CapturedFrom)
	e.PrintCheck = m.PrintCheck
	if e.CapturedAt, err = parseTime(sql.NullString{String: m.CapturedAt, Valid: m.CapturedAt != ""}); err != nil {
		return e, err
	}
	return e, t.openAll("exhibit", e.CaseID, e.ID,
		opened{"title", title, &e.Title},
		opened{"source", source, &e.Source},
		opened{"proves", proves, &e.Proves},
		opened{"file_name", fname, &e.FileName},
		opened{"record_number", rnum, &e.RecordNumber},
		opened{"record_url", rurl, &e.RecordURL},
		opened{"record_text", rtext, &e.RecordText})
}

// GetExhibit loads one exhibit's metadata and links.
func (t *tx) GetExhibit(id int64) (*incident.Exhibit, error) {
	e, err := t.scanExhibit(t.queryRow(exhibitSelect+" WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "exhibit", id)
	}
	list := []incident.Exhibit{e}
	if err := t.loadLinks(list, "exhibit_id = ?", id); err != nil {
		return nil, err
	}
	if err := t.loadTranscripts(list, "id = ?", id); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// ListExhibits lists a case's exhibits by number.
func (t *tx) ListExhibits(caseID int64) ([]incident.Exhibit, error) {
	list, err := listRows(t, exhibitSelect+" WHERE case_id = ? ORDER BY number, id", caseID, t.scanExhibit)
	if err != nil {
		return nil, err
	}
	if err := t.loadTranscripts(list, "case_id = ?", caseID); err != nil {
		return nil, err
	}
	return list, t.loadLinks(list, "exhibit_id IN (SELECT id FROM exhibit WHERE case_id = ?)", caseID)
}

func (t *tx) loadLinks(list []incident.Exhibit, where string, arg int64) error {
	if len(list) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(list))
	for i, e := range list {
		idx[e.ID] = i
	}
	for _, l := range []struct {
		q    string
		step bool
	}{
		{"SELECT exhibit_id, step_id FROM exhibit_step WHERE " + where + " ORDER BY exhibit_id, step_id", true},
		{"SELECT exhibit_id, communication_id FROM exhibit_communication WHERE " + where + " ORDER BY exhibit_id, communication_id", false},
	} {
		rows, err := t.query(l.q, arg)
		if err != nil {
			return err
		}
		for rows.Next() {
			var eid, id int64
			if err := rows.Scan(&eid, &id); err != nil {
				rows.Close()
				return err
			}
			i, ok := idx[eid]
			if !ok {
				continue
			}
			if l.step {
				list[i].StepIDs = append(list[i].StepIDs, id)
			} else {
				list[i].CommIDs = append(list[i].CommIDs, id)
			}
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) exhibitCase(id int64) (int64, error) {
	var caseID int64
	err := t.queryRow("SELECT case_id FROM exhibit WHERE id = ?", id).Scan(&caseID)
	return caseID, notFound(err, "exhibit", id)
}

// WriteExhibitContent stores r's bytes in chunks of at most ChunkSize, in
// the caller's transaction: the exhibit is whole or absent after a crash.
// Memory stays at one chunk whatever the file's size.
func (t *tx) WriteExhibitContent(exhibitID int64, r io.Reader) (int64, error) {
	caseID, err := t.exhibitCase(exhibitID)
	if err != nil {
		return 0, err
	}
	if err := t.touch(caseID); err != nil {
		return 0, err
	}
	var one int
	err = t.queryRow("SELECT 1 FROM exhibit_chunk WHERE exhibit_id = ? LIMIT 1", exhibitID).Scan(&one)
	if err == nil {
		return 0, incident.Errorf(incident.CodeConflict, "这份证据的内容已经保存过，原始内容不会被改写。",
			"This exhibit's content is already stored; original bytes are never rewritten.", nil)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	buf := make([]byte, incident.ChunkSize)
	var total int64
	for seq := int64(0); ; seq++ {
		n, rerr := io.ReadFull(r, buf)
		if n > 0 {
			sealed, err := t.sealer.Seal("exhibit_chunk", chunkColumn(seq), caseID, exhibitID, buf[:n])
			if err != nil {
				return total, sealErr(err, "exhibit_chunk", chunkColumn(seq), exhibitID)
			}
			if _, err := t.exec("INSERT INTO exhibit_chunk (exhibit_id, seq, data) VALUES (?, ?, ?)", exhibitID, seq, sealed); err != nil {
				return total, err
			}
			total += int64(n)
		}
		switch {
		case rerr == io.EOF || rerr == io.ErrUnexpectedEOF:
			return total, nil
		case rerr != nil:
			return total, rerr
		}
	}
}

// ReadExhibitContent streams the stored bytes to w one chunk at a time.
func (t *tx) ReadExhibitContent(exhibitID int64, w io.Writer) (int64, error) {
	caseID, err := t.exhibitCase(exhibitID)
	if err != nil {
		return 0, err
	}
	rows, err := t.query("SELECT seq, data FROM exhibit_chunk WHERE exhibit_id = ? ORDER BY seq", exhibitID)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var total int64
	// RawBytes: the driver's copy of the chunk, valid until the next row,
	// is opened and written at once, not copied again (an export reads
	// every exhibit, megabytes a photo).
	var data sql.RawBytes
	for want := int64(0); rows.Next(); want++ {
		var seq int64
		if err := rows.Scan(&seq, &data); err != nil {
			return total, err
		}
		if seq != want {
			return total, incident.Errorf(incident.CodeDamaged,
				fmt.Sprintf("证据（编号 %d）的内容不完整：缺少第 %d 块。", exhibitID, want),
				fmt.Sprintf("The content of exhibit %d is incomplete: chunk %d is missing.", exhibitID, want), nil)
		}
		plain, err := t.sealer.Open("exhibit_chunk", chunkColumn(seq), caseID, exhibitID, data)
		if err != nil {
			return total, sealErr(err, "exhibit_chunk", chunkColumn(seq), exhibitID)
		}
		n, err := w.Write(plain)
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
	return total, rows.Err()
}

// ReadExhibitChunk opens one stored chunk, for reading evidence piecewise
// without a plaintext copy anywhere but memory.
func (t *tx) ReadExhibitChunk(exhibitID, seq int64) ([]byte, error) {
	caseID, err := t.exhibitCase(exhibitID)
	if err != nil {
		return nil, err
	}
	var data []byte
	if err := t.queryRow("SELECT data FROM exhibit_chunk WHERE exhibit_id = ? AND seq = ?", exhibitID, seq).Scan(&data); err != nil {
		return nil, notFound(err, "exhibit chunk", seq)
	}
	plain, err := t.sealer.Open("exhibit_chunk", chunkColumn(seq), caseID, exhibitID, data)
	if err != nil {
		return nil, sealErr(err, "exhibit_chunk", chunkColumn(seq), exhibitID)
	}
	return plain, nil
}
