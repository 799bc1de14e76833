package sqlite

import (
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"leakdesk/internal/incident"
)

// F14: rows (or a whole case) put back from an older backup of the same
// data open like any others, since a sealed value is bound to its row but
// not to a version. These tests play the attacker with write access to the
// data folder: raw SQL, no key.

// tamper runs statements on a closed store's file with a copy attached as
// "o", foreign keys and triggers as plain SQLite has them (no cascade on
// a replaced row).
func tamper(t *testing.T, dir, copyPath string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, DBName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if copyPath != "" {
		if _, err := db.Exec("ATTACH DATABASE ? AS o", copyPath); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
}

// outsideCopy is a backup the attacker kept (or "leakdesk backup --out"),
// beyond the app's reach.
func outsideCopy(t *testing.T, s *Store) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "old.db")
	if err := s.Backup(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

func reopenUnlocked(t *testing.T, dir string) (*Store, *incident.Service) {
	t.Helper()
	s, svc := openVaultTest(t, dir)
	if err := s.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	return s, svc
}

// wantInconsistent checks that the case still loads (nothing is lost) but
// says what differs, in both languages, and that verify reports it.
func wantInconsistent(t *testing.T, svc *incident.Service, caseID int64, enParts ...string) *incident.CaseFile {
	t.Helper()
	cf, err := svc.CaseFile(t.Context(), caseID)
	if err != nil {
		t.Fatalf("the case no longer loads: %v", err)
	}
	if cf.Integrity == nil {
		t.Fatalf("case %d: no integrity problem reported", caseID)
	}
	if cf.Integrity.Code != incident.CodeDamaged || cf.Integrity.ZH == "" || !strings.Contains(cf.Integrity.ZH, "不一致") {
		t.Errorf("problem: %+v", cf.Integrity)
	}
	for _, p := range enParts {
		if !strings.Contains(cf.Integrity.EN, p) {
			t.Errorf("problem %q does not say %q", cf.Integrity.EN, p)
		}
	}
	rep, err := svc.Verify(t.Context(), caseID)
	if err != nil || rep.OK() {
		t.Errorf("verify: %+v, %v; want a problem", rep, err)
	}
	return cf
}

func wantConsistent(t *testing.T, svc *incident.Service, caseID int64) {
	t.Helper()
	cf, err := svc.CaseFile(t.Context(), caseID)
	if err != nil {
		t.Fatal(err)
	}
	if cf.Integrity != nil {
		t.Errorf("case %d: false alarm: %s", caseID, cf.Integrity.EN)
	}
	if rep, err := svc.Verify(t.Context(), caseID); err != nil || !rep.OK() {
		t.Errorf("verify: %+v, %v", rep, err)
	}
}

// TestRollbackFromBackupDetected replaces a case's rows with those of an
// older backup: the rows alone (the manifest is newer), and the rows with
// the old manifest (the whole case is an older version).
func TestRollbackFromBackupDetected(t *testing.T) {
	for _, withManifest := range []bool{false, true} {
		name := "rows"
		if withManifest {
			name = "rows-and-manifest"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			s, svc, f := encryptedFullCase(t, dir)
			ctx := t.Context()
			old := outsideCopy(t, s)
			// What the victim did since: a step done, the story corrected.
			st := f.step
			st.Status = incident.StepDone
			st.Notes = "police accepted the report"
			if err := svc.SaveStep(ctx, &st); err != nil {
				t.Fatal(err)
			}
			c, err := svc.Case(ctx, f.id)
			if err != nil {
				t.Fatal(err)
			}
			c.Narrative = "corrected narrative"
			if err := svc.UpdateCase(ctx, *c); err != nil {
				t.Fatal(err)
			}
			wantConsistent(t, svc, f.id)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			stmts := []string{
				"REPLACE INTO main.cases SELECT * FROM o.cases WHERE id = 1",
				"REPLACE INTO main.step SELECT * FROM o.step WHERE case_id = 1",
			}
			if withManifest {
				stmts = append(stmts, "REPLACE INTO main.case_manifest SELECT * FROM o.case_manifest WHERE case_id = 1")
			}
			tamper(t, dir, old, stmts...)
			_, svc = reopenUnlocked(t, dir)
			want := []string{"step (record", "the case details", "older"}
			if withManifest {
				want = []string{"the whole case is a different version"}
			}
			cf := wantInconsistent(t, svc, f.id, want...)
			// Readable where safe: the old values open, and the user sees them.
			if cf.Case.Narrative != f.caseIn.Narrative || cf.Steps[0].Status != incident.StepTodo {
				t.Errorf("old rows not shown: %q %s", cf.Case.Narrative, cf.Steps[0].Status)
			}
			// A later change does not make the mismatch vanish.
			st = cf.Steps[0]
			st.Notes = "edited after the rollback"
			if err := svc.SaveStep(ctx, &st); err != nil {
				t.Fatal(err)
			}
			wantInconsistent(t, svc, f.id)
		})
	}
}

// TestReplayDeletedExhibitDetected puts a deleted exhibit (row and bytes)
// back from a copy made before the deletion.
func TestReplayDeletedExhibitDetected(t *testing.T) {
	dir := t.TempDir()
	s, svc, f := encryptedFullCase(t, dir)
	ctx := t.Context()
	old := outsideCopy(t, s)
	if err := svc.DeleteExhibit(ctx, f.file.ID); err != nil {
		t.Fatal(err)
	}
	wantConsistent(t, svc, f.id)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	id := f.file.ID
	tamper(t, dir, old,
		"INSERT INTO main.exhibit SELECT * FROM o.exhibit WHERE id = "+itoa(id),
		"INSERT INTO main.exhibit_chunk SELECT * FROM o.exhibit_chunk WHERE exhibit_id = "+itoa(id))
	_, svc = reopenUnlocked(t, dir)
	cf := wantInconsistent(t, svc, f.id, "exhibit (record "+itoa(id)+") is not in the last saved state",
		"content of exhibit (record "+itoa(id)+")")
	found := false
	for _, e := range cf.Exhibits {
		found = found || e.ID == id
	}
	if !found {
		t.Error("the put-back exhibit is hidden; the user must see what she is told about")
	}
}

// TestReplayPurgedCaseDetected puts a purged case back whole, its wrapped
// key and its manifest included.
func TestReplayPurgedCaseDetected(t *testing.T) {
	dir := t.TempDir()
	s, svc, f := encryptedFullCase(t, dir)
	ctx := t.Context()
	other, err := svc.CreateCase(ctx, incident.Case{Title: "kept"})
	if err != nil {
		t.Fatal(err)
	}
	old := outsideCopy(t, s)
	if err := s.PurgeCase(ctx, f.id); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	id := itoa(f.id)
	var stmts []string
	for _, q := range []string{
		"INSERT INTO main.cases SELECT * FROM o.cases WHERE id = %",
		"INSERT INTO main.case_key SELECT * FROM o.case_key WHERE case_id = %",
		"INSERT INTO main.case_manifest SELECT * FROM o.case_manifest WHERE case_id = %",
		"INSERT INTO main.leaked_data SELECT * FROM o.leaked_data WHERE case_id = %",
		"INSERT INTO main.step SELECT * FROM o.step WHERE case_id = %",
		"INSERT INTO main.exhibit SELECT * FROM o.exhibit WHERE case_id = %",
		"INSERT INTO main.exhibit_chunk SELECT * FROM o.exhibit_chunk WHERE exhibit_id IN (SELECT id FROM o.exhibit WHERE case_id = %)",
		"INSERT INTO main.event SELECT * FROM o.event WHERE case_id = % ORDER BY seq",
	} {
		stmts = append(stmts, strings.ReplaceAll(q, "%", id))
	}
	tamper(t, dir, old, stmts...)
	_, svc = reopenUnlocked(t, dir)
	cf := wantInconsistent(t, svc, f.id, "not on the data's list of cases")
	if cf.Case.Title != f.caseIn.Title {
		t.Errorf("the put-back case is not shown as it is: %q", cf.Case.Title)
	}
	wantConsistent(t, svc, other)
}

// TestManifestNoFalseAlarms: what the app itself does (edits, deletions
// reaching the backups, a passphrase change, lock and unlock) never looks
// like tampering, in the store or in any of its backups once restored.
func TestManifestNoFalseAlarms(t *testing.T) {
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{KDF: fastKDF(), Clock: testClock()})
	ctx := t.Context()
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	f := buildFullCase(t, svc)
	if err := s.Backup(ctx, filepath.Join(dir, BackupsDir, "leakdesk-20250310-000001.db")); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteExhibit(ctx, f.file.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangePassphrase(ctx, testPass, testPass2); err != nil {
		t.Fatal(err)
	}
	s.Lock()
	if err := s.Unlock(testPass2); err != nil {
		t.Fatal(err)
	}
	st := f.step
	st.Status = incident.StepDoing
	if err := svc.SaveStep(ctx, &st); err != nil {
		t.Fatal(err)
	}
	wantConsistent(t, svc, f.id)
	files, err := backupFiles(dir)
	if err != nil || len(files) == 0 {
		t.Fatalf("backups: %v %v", files, err)
	}
	for _, p := range files {
		d := t.TempDir()
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, DBName), b, 0o600); err != nil {
			t.Fatal(err)
		}
		bs, bsvc := openVaultTest(t, d)
		if err := bs.Unlock(testPass2); err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
		list, err := bsvc.Cases(ctx, incident.CaseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range list {
			wantConsistent(t, bsvc, c.ID)
		}
	}
}

// TestUpgradeMakesManifests: an encrypted store from before schema 7 gets
// its manifests at the first unlock, takes what it holds as it is, and
// from then on notices a row put back.
func TestUpgradeMakesManifests(t *testing.T) {
	dir := t.TempDir()
	s, svc, f := encryptedFullCase(t, dir)
	ctx := t.Context()
	old := outsideCopy(t, s)
	if err := svc.DeleteExhibit(ctx, f.file.ID); err != nil {
		t.Fatal(err)
	}
	// Back to what an encrypted store upgraded from schema 6 holds before
	// its first unlock: no manifests, no list, the v1 check.
	vs := newVaultSealer(s.ring.Load())
	err := s.rawUpdate(ctx, func(sqlTx *sql.Tx) error {
		tt := newTx(ctx, sqlTx, vs)
		defer tt.close()
		vs.t = tt
		if _, err := tt.exec("DELETE FROM case_manifest; DELETE FROM setting WHERE key = '" + settingManifest + "'"); err != nil {
			return err
		}
		return writeVaultCheck(tt, vs)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, svc = reopenUnlocked(t, dir)
	wantConsistent(t, svc, f.id)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	tamper(t, dir, old,
		"INSERT INTO main.exhibit SELECT * FROM o.exhibit WHERE id = "+itoa(f.file.ID))
	_, svc = reopenUnlocked(t, dir)
	wantInconsistent(t, svc, f.id, "is not in the last saved state")
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
