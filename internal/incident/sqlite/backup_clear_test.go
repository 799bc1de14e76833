package sqlite

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"leakdesk/internal/incident"
)

// TestDamagedClearCopyGoesWithEncryption is issue 17's F9, first half: a
// clear damaged-*.db copy kept by a restore must not survive setting a
// passphrase.
func TestDamagedClearCopyGoesWithEncryption(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	s, svc := openVaultTest(t, dir)
	if _, err := svc.CreateCase(ctx, incident.Case{Title: canary("damaged-copy"), SourceKind: incident.SourceUnknown}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, err := os.ReadFile(filepath.Join(dir, DBName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, BackupsDir), 0o700); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(dir, BackupsDir, "damaged-20250310-000000.db")
	if err := os.WriteFile(damaged, b[:len(b)-100], 0o600); err != nil {
		t.Fatal(err)
	}
	s, _ = openVaultTest(t, dir)
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	if hits := fileHas(t, dir, canary("damaged-copy")); len(hits) > 0 {
		t.Fatalf("clear copy left in %v", hits)
	}
	if _, err := os.Stat(damaged); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("damaged clear copy kept: %v", err)
	}
}

// TestClearRestoreIntoEncrypted is F9's second half: restoring a clear
// backup into encrypted data is refused as it stands, and with the current
// passphrase it is restored encrypted, never in the clear at the store.
func TestClearRestoreIntoEncrypted(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	s, svc := openVaultTest(t, dir)
	id, err := svc.CreateCase(ctx, incident.Case{Title: canary("restored"), SourceKind: incident.SourceUnknown})
	if err != nil {
		t.Fatal(err)
	}
	clearCopy := filepath.Join(t.TempDir(), "clear.db")
	if err := s.Backup(ctx, clearCopy); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	s.Close()

	if err := Restore(dir, clearCopy, nil); !errors.Is(err, ErrClearRestore) {
		t.Fatalf("clear restore into encrypted data: %v", err)
	}
	s, _ = openVaultTest(t, dir)
	if !s.Encrypted() {
		t.Fatal("a refused restore turned encryption off")
	}
	s.Close()
	_, err = RestoreEncrypted(dir, clearCopy, testPass2, Options{KDF: fastKDF(), Clock: testClock()})
	wantCode(t, err, incident.CodeWrongPassphrase)
	rec, err := RestoreEncrypted(dir, clearCopy, testPass, Options{KDF: fastKDF(), Clock: testClock()})
	if err != nil {
		t.Fatal(err)
	}
	if hits := fileHas(t, dir, canary("restored")); len(hits) > 0 {
		t.Fatalf("clear data in %v", hits)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() && e.Name() != BackupsDir {
			t.Errorf("scratch dir left: %s", e.Name())
		}
	}
	s, svc = openVaultTest(t, dir)
	if !s.Encrypted() || !s.Locked() {
		t.Fatal("restored data is not encrypted")
	}
	if err := s.UnlockRecovery(rec); err != nil {
		t.Fatal(err)
	}
	if c, err := svc.Case(ctx, id); err != nil || c.Title != canary("restored") {
		t.Fatalf("restored case: %v", err)
	}
}
