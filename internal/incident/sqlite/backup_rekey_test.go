package sqlite

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leakdesk/internal/incident"
	"leakdesk/internal/vault"
)

// TestPassphraseChangeRevokes is issue 17's F2 (the review's R2): after a
// passphrase change, the old header (as a backup kept it) with the old
// passphrase or the old recovery key opens nothing current, the old header
// is in no file the app keeps, and putting it back into the store (a
// rollback) does not make the app accept the old passphrase again.
func TestPassphraseChangeRevokes(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{KDF: fastKDF(), Clock: testClock()})
	recovery, err := s.EnableEncryption(ctx, testPass)
	if err != nil {
		t.Fatal(err)
	}
	f := buildFullCase(t, svc)
	if err := svc.SetSetting(ctx, "ui.intake.draft", canary("draft")); err != nil {
		t.Fatal(err)
	}
	if err := s.autoBackup(ctx, true); err != nil {
		t.Fatal(err)
	}
	oldHeader := bytes.Clone(s.ring.Load().header)
	if _, err := s.ChangePassphrase(ctx, testPass, testPass2); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateCase(ctx, incident.Case{Title: canary("after-change"), SourceKind: incident.SourceUnknown}); err != nil {
		t.Fatal(err)
	}
	if c, err := svc.Case(ctx, f.id); err != nil || c.Victim.Name != canary("name") {
		t.Fatalf("the case after the change: %v", err)
	}
	s.Close()

	// The old header is in no file of the data dir: the backups were
	// re-keyed, not left opening with the old passphrase.
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, oldHeader) {
				t.Errorf("the old header is still in %s", p)
			}
		}
		return nil
	})
	if list, _ := Backups(dir); len(list) < 2 {
		t.Fatalf("backups were dropped rather than re-keyed: %v", list)
	}

	// The attacker's tool: old header + old passphrase (or old recovery
	// key) against the current file opens no case key and no setting.
	h0, err := vault.ParseHeader(oldHeader)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", checkDSN(filepath.Join(dir, DBName)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for name, open := range map[string]func() (*vault.Vault, error){
		"passphrase": func() (*vault.Vault, error) { return vault.Unlock(h0, testPass) },
		"recovery":   func() (*vault.Vault, error) { return vault.UnlockRecovery(h0, recovery) },
	} {
		v, err := open()
		if err != nil {
			t.Fatalf("%s: the old header no longer opens at all: %v", name, err)
		}
		rows, err := db.Query("SELECT case_id, wrapped FROM case_key")
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var id int64
			var w []byte
			rows.Scan(&id, &w)
			n++
			if _, err := v.UnwrapCaseKey(id, w); err == nil {
				t.Errorf("%s: old header opens the current key of case %d", name, id)
			}
		}
		rows.Close()
		if n != 2 {
			t.Fatalf("%d case keys", n)
		}
		var val string
		if err := db.QueryRow("SELECT value FROM setting WHERE key = 'ui.intake.draft'").Scan(&val); err != nil {
			t.Fatal(err)
		}
		if _, err := openSetting(&vaultSealer{ring: &keyring{v: v}}, "ui.intake.draft", val, false); err == nil {
			t.Errorf("%s: old header opens a current sealed setting", name)
		}
		v.Close()
	}
	db.Close()

	// Rollback: the old header written back into the store.
	w, err := openPool(filepath.Join(dir, DBName), false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Exec("UPDATE vault SET header = ? WHERE id = 1", oldHeader); err != nil {
		t.Fatal(err)
	}
	w.Close()
	s, svc = openTestDir(t, dir, Options{KDF: fastKDF(), Clock: testClock(), NoAutoBackup: true})
	wantCode(t, s.Unlock(testPass), incident.CodeWrongPassphrase)
	wantCode(t, s.UnlockRecovery(recovery), incident.CodeWrongPassphrase)
	if _, err := svc.Cases(ctx, incident.CaseFilter{}); err == nil {
		t.Fatal("cases listed after a header rollback")
	}
}

// TestNewRecoveryKey: the recovery key can be rotated; the old one stops
// opening the store and its backups, the passphrase stays.
func TestNewRecoveryKey(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{KDF: fastKDF(), Clock: testClock()})
	old, err := s.EnableEncryption(ctx, testPass)
	if err != nil {
		t.Fatal(err)
	}
	f := buildFullCase(t, svc)
	_, err = s.NewRecoveryKey(ctx, testPass2)
	wantCode(t, err, incident.CodeWrongPassphrase)
	rec, err := s.NewRecoveryKey(ctx, testPass)
	if err != nil {
		t.Fatal(err)
	}
	if rec == old || len(strings.Split(rec, "-")) < 4 {
		t.Fatalf("new recovery key %q", rec)
	}
	// Still unlocked, with the new key in the ring.
	if c, err := svc.Case(ctx, f.id); err != nil || c.Title != canary("title") {
		t.Fatalf("after rotation: %v", err)
	}
	s.Lock()
	wantCode(t, s.UnlockRecovery(old), incident.CodeWrongPassphrase)
	if err := s.UnlockRecovery(rec); err != nil {
		t.Fatal(err)
	}
	s.Lock()
	if err := s.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	list, _ := Backups(dir)
	for _, b := range list {
		rdir := t.TempDir()
		if err := Restore(rdir, b.Path, nil); err != nil {
			t.Fatal(err)
		}
		rs, _ := openTestDir(t, rdir, Options{KDF: fastKDF(), Clock: testClock(), NoAutoBackup: true})
		wantCode(t, rs.UnlockRecovery(old), incident.CodeWrongPassphrase)
		if err := rs.UnlockRecovery(rec); err != nil {
			t.Errorf("backup %s: new recovery key: %v", filepath.Base(b.Path), err)
		}
		rs.Close()
	}
}

// A crash after the store was re-keyed but before its backups were: the
// backups still under the old header are removed at the next open (after
// a fresh backup under the new key).
func TestOpenDropsRevokedBackups(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{KDF: fastKDF(), Clock: testClock()})
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	buildFullCase(t, svc)
	stale := filepath.Join(t.TempDir(), "stale.db")
	if err := s.Backup(ctx, stale); err != nil {
		t.Fatal(err)
	}
	oldHeader := bytes.Clone(s.ring.Load().header)
	if _, err := s.ChangePassphrase(ctx, testPass, testPass2); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// As if the re-keying of this backup had not happened.
	put := filepath.Join(dir, BackupsDir, "leakdesk-20250101-000000.db")
	if err := copyFile(stale, put); err != nil {
		t.Fatal(err)
	}
	s, _ = openTestDir(t, dir, Options{KDF: fastKDF(), Clock: testClock()})
	if _, err := os.Stat(put); !os.IsNotExist(err) {
		t.Fatalf("backup under the revoked header kept: %v", err)
	}
	if list, _ := Backups(dir); len(list) == 0 {
		t.Fatal("no backup left")
	}
	if hits := fileHas(t, dir, string(oldHeader)); len(hits) > 0 {
		t.Fatalf("old header in %v", hits)
	}
	if err := s.Unlock(testPass2); err != nil {
		t.Fatal(err)
	}
}
