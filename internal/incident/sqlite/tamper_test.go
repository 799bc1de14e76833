package sqlite

import (
	"bytes"
	"testing"

	"leakdesk/internal/incident"
)

// TestTamperIsFound is R8: changes made directly in SQL, behind the
// store's back, are found by the service's Verify at the right place.
func TestTamperIsFound(t *testing.T) {
	for _, tc := range []struct {
		name       string
		sql        func(f *fullCase) (string, []any)
		event      int64 // want a problem at this event seq
		exhibitNum int   // or at this exhibit number
	}{
		{"edited event kind", func(f *fullCase) (string, []any) {
			// The kind is in meta since 0008 (sealed in an encrypted store).
			return "UPDATE event SET meta = CAST(json_set(CAST(meta AS TEXT), '$.kind', 'case.tampered') AS BLOB) WHERE case_id = ? AND seq = 3", []any{f.id}
		}, 3, 0},
		{"edited event data", func(f *fullCase) (string, []any) {
			return "UPDATE event SET data = CAST('{\"status\":\"closed\"}' AS BLOB) WHERE case_id = ? AND seq = 1", []any{f.id}
		}, 1, 0},
		{"broken event data", func(f *fullCase) (string, []any) {
			return "UPDATE event SET data = CAST('{\"stat' AS BLOB) WHERE case_id = ? AND seq = 2", []any{f.id}
		}, 2, 0},
		{"deleted event", func(f *fullCase) (string, []any) {
			return "DELETE FROM event WHERE case_id = ? AND seq = 4", []any{f.id}
		}, 5, 0},
		{"reordered events", func(f *fullCase) (string, []any) {
			// Through negative numbers: (case_id, seq) is unique row by row.
			return `UPDATE event SET seq = -seq WHERE case_id = ?1 AND seq IN (2, 3);
				UPDATE event SET seq = CASE seq WHEN -2 THEN 3 ELSE 2 END WHERE case_id = ?1 AND seq IN (-2, -3)`, []any{f.id}
		}, 2, 0},
		{"flipped evidence bit", func(f *fullCase) (string, []any) {
			// Bit 0 of byte 100 of the second chunk (stored unsealed here).
			data := bytes.Clone(f.fileData[incident.ChunkSize:])
			data[100] ^= 1
			return "UPDATE exhibit_chunk SET data = ? WHERE exhibit_id = ? AND seq = 1", []any{data, f.file.ID}
		}, 0, 1},
		{"deleted evidence chunk", func(f *fullCase) (string, []any) {
			return "DELETE FROM exhibit_chunk WHERE exhibit_id = ? AND seq = 1", []any{f.file.ID}
		}, 0, 1},
		{"changed record text", func(f *fullCase) (string, []any) {
			return "UPDATE exhibit_chunk SET data = CAST('forged' AS BLOB) WHERE exhibit_id = ?", []any{f.record.ID}
		}, 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s, svc := openTestDir(t, dir, Options{})
			f := buildFullCase(t, svc)
			if rep, err := svc.Verify(t.Context(), f.id); err != nil || !rep.OK() {
				t.Fatalf("before tampering: %+v %v", rep, err)
			}
			// Whoever edits the file can drop the triggers; they guard
			// against mistakes, the hashes against intent.
			q, args := tc.sql(f)
			for _, stmt := range []string{"DROP TRIGGER event_no_update", "DROP TRIGGER event_no_delete", "DROP TRIGGER event_append_only_seq"} {
				if _, err := s.wdb.ExecContext(t.Context(), stmt); err != nil {
					t.Fatal(err)
				}
			}
			if res, err := s.wdb.ExecContext(t.Context(), q, args...); err != nil {
				t.Fatal(err)
			} else if n, _ := res.RowsAffected(); n == 0 {
				t.Fatal("the tampering changed nothing")
			}
			rep, err := svc.Verify(t.Context(), f.id)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Problems) != 1 {
				t.Fatalf("problems = %+v", rep.Problems)
			}
			p := rep.Problems[0]
			if p.Event != tc.event || p.Exhibit != tc.exhibitNum || p.CaseID != f.id {
				t.Errorf("problem at event %d exhibit %d, want event %d exhibit %d: %s", p.Event, p.Exhibit, tc.event, tc.exhibitNum, p.EN)
			}
			if tc.event != 0 {
				events, err := s.listEventsForTest(t, f.id)
				if err != nil {
					t.Fatal(err)
				}
				if cp := incident.CheckChain(f.id, events); cp == nil || cp.Seq != tc.event {
					t.Errorf("CheckChain = %v", cp)
				}
			}
		})
	}
}

func (s *Store) listEventsForTest(t *testing.T, caseID int64) ([]incident.Event, error) {
	var ev []incident.Event
	err := s.View(t.Context(), func(tx incident.Tx) error {
		var err error
		ev, err = tx.ListEvents(caseID)
		return err
	})
	return ev, err
}
