package sqlite

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// TestPurgeReachesBackups is issue 17's F1: a case deleted and purged must
// be gone from every backup in the app's care, the backup made on the
// morning of the purge included, and restoring any backup must not bring it
// back. It runs on a clear and on an encrypted store: in the clear one the
// canaries themselves are looked for, in the encrypted one the case's
// wrapped key (without it the sealed bytes are noise).
func TestPurgeReachesBackups(t *testing.T) {
	for _, encrypted := range []bool{false, true} {
		t.Run(map[bool]string{false: "clear", true: "encrypted"}[encrypted], func(t *testing.T) {
			ctx := t.Context()
			dir := t.TempDir()
			day1 := incident.FixedClock{T: testNow()}
			s, svc := openTestDir(t, dir, Options{KDF: fastKDF(), Clock: day1})
			f := buildFullCase(t, svc)
			keep, err := svc.CreateCase(ctx, incident.Case{Title: "KEEP-THIS-CASE", SourceKind: incident.SourceUnknown})
			if err != nil {
				t.Fatal(err)
			}
			if encrypted {
				if _, err := s.EnableEncryption(ctx, testPass); err != nil {
					t.Fatal(err)
				}
			}
			var wrapped []byte
			if encrypted {
				if err := s.rdb.QueryRow("SELECT wrapped FROM case_key WHERE case_id = ?", f.id).Scan(&wrapped); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.AutoBackup(ctx); err != nil {
				t.Fatal(err)
			}
			// A damaged copy kept by a restore holds the case too.
			damaged := filepath.Join(dir, BackupsDir, "damaged-20250310-000000.db")
			if err := copyFile(dbPath(s), damaged); err != nil {
				t.Fatal(err)
			}
			if err := svc.DeleteCase(ctx, f.id); err != nil {
				t.Fatal(err)
			}
			s.Close()

			// The next day but within the undo window: nothing is purged,
			// and the day's backup still holds the case (undo still works).
			s, svc = openTestDir(t, dir, Options{KDF: fastKDF(), Clock: incident.FixedClock{T: testNow().Add(20 * time.Hour)}})
			if encrypted {
				if err := s.Unlock(testPass); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := svc.Case(ctx, f.id); err != nil {
				t.Fatalf("deleted case gone within the undo window: %v", err)
			}
			s.Close()

			// After the window: the start purges before its backup.
			s, svc = openTestDir(t, dir, Options{KDF: fastKDF(), Clock: incident.FixedClock{T: testNow().Add(49 * time.Hour)}})
			if encrypted {
				if err := s.Unlock(testPass); err != nil {
					t.Fatal(err)
				}
			}
			// What the app does after opening (a no-op now: the open
			// already purged, before its backup).
			if _, err := svc.PurgeDeleted(ctx, testNow().Add(25*time.Hour)); err != nil {
				t.Fatal(err)
			}
			_, err = svc.Case(ctx, f.id)
			wantCode(t, err, incident.CodeNotFound)
			s.Close()

			list, err := Backups(dir)
			if err != nil || len(list) < 2 {
				t.Fatalf("backups: %v %v", list, err)
			}
			gone := []string{canary("name"), "11010519491231002X", canary("evidence-bytes"), canary("narrative"), canary("file-name")}
			for _, c := range gone {
				if hits := fileHas(t, dir, c); len(hits) > 0 {
					t.Errorf("%q of the purged case found in %v", c, hits)
				}
			}
			if encrypted {
				filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						if b, _ := os.ReadFile(p); bytes.Contains(b, wrapped) {
							t.Errorf("the purged case's wrapped key is still in %s", p)
						}
					}
					return nil
				})
			} else if hits := fileHas(t, filepath.Join(dir, BackupsDir), "KEEP-THIS-CASE"); len(hits) < len(list) {
				// The other case stays in every backup: the backups were
				// edited, not thrown away.
				t.Errorf("the kept case is in %d of %d backups", len(hits), len(list))
			}
			// Restoring any backup does not bring the case back.
			for _, b := range list {
				rdir := t.TempDir()
				if err := Restore(rdir, b.Path, nil); err != nil {
					t.Fatal(err)
				}
				rs, rsvc := openTestDir(t, rdir, Options{KDF: fastKDF(), Clock: testClock(), NoAutoBackup: true})
				if encrypted {
					if err := rs.Unlock(testPass); err != nil {
						t.Fatal(err)
					}
				}
				_, err := rsvc.Case(ctx, f.id)
				wantCode(t, err, incident.CodeNotFound)
				if _, err := rsvc.Case(ctx, keep); err != nil {
					t.Errorf("restored %s lost the other case: %v", filepath.Base(b.Path), err)
				}
				rs.Close()
			}
		})
	}
}

// TestPurgeCaseNow is "case delete --now": the case leaves the store and
// the backups at once, without the undo window and without unlocking.
func TestPurgeCaseNow(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{KDF: fastKDF(), Clock: testClock()})
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	f := buildFullCase(t, svc)
	var wrapped []byte
	if err := s.rdb.QueryRow("SELECT wrapped FROM case_key WHERE case_id = ?", f.id).Scan(&wrapped); err != nil {
		t.Fatal(err)
	}
	if err := s.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	s.Lock()
	if err := svc.PurgeCaseNow(ctx, f.id); err != nil {
		t.Fatal(err)
	}
	wantCode(t, svc.PurgeCaseNow(ctx, f.id), incident.CodeNotFound)
	if err := s.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	_, err := svc.Case(ctx, f.id)
	wantCode(t, err, incident.CodeNotFound)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, wrapped) {
				t.Errorf("the purged case's wrapped key is still in %s", p)
			}
		}
		return nil
	})
	list, _ := Backups(dir)
	if len(list) != 1 {
		t.Fatalf("the backup was thrown away rather than edited: %v", list)
	}
}
