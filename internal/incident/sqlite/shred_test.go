package sqlite

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leakdesk/internal/incident"
)

// TestExhibitDeleteAndEditsShredded is issue 17's F13: with the store still
// open (what a sync client or a copy of the folder sees), a deleted
// exhibit's bytes and an edited field's old value are gone from the main
// file at once, and the deleted exhibit is gone from the backups too.
func TestExhibitDeleteAndEditsShredded(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{Clock: testClock()})
	id, err := svc.CreateCase(ctx, incident.Case{Title: "shred", Narrative: "CANARY-OLD-NARRATIVE-4411", SourceKind: incident.SourceUnknown})
	if err != nil {
		t.Fatal(err)
	}
	wrong := []byte(strings.Repeat("CANARY-WRONGPHOTO-4411 someone else's ID card\n", 100))
	x, err := svc.AddExhibit(ctx, id, "wrong.txt", bytes.NewReader(wrong), int64(len(wrong)), incident.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteExhibit(ctx, x.ID); err != nil {
		t.Fatal(err)
	}
	c, err := svc.Case(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	c.Narrative = "the corrected narrative"
	if err := svc.UpdateCase(ctx, *c); err != nil {
		t.Fatal(err)
	}
	main, err := os.ReadFile(filepath.Join(dir, DBName))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"CANARY-WRONGPHOTO-4411", "CANARY-OLD-NARRATIVE-4411"} {
		if bytes.Contains(main, []byte(c)) {
			t.Errorf("%s still in the main file of the open store", c)
		}
		if wal, _ := os.ReadFile(filepath.Join(dir, DBName+"-wal")); bytes.Contains(wal, []byte(c)) {
			t.Errorf("%s still in the WAL of the open store", c)
		}
	}
	if hits := fileHas(t, filepath.Join(dir, BackupsDir), "CANARY-WRONGPHOTO-4411"); len(hits) > 0 {
		t.Errorf("deleted exhibit still in backups %v", hits)
	}
	if list, _ := Backups(dir); len(list) != 1 {
		t.Errorf("backups: %v", list)
	}
}
