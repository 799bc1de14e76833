package sqlite

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"leakdesk/internal/incident"
	"leakdesk/internal/vault"
)

// encryptFixtureV4 turns a schema-4 fixture into what schema 4's
// EnableEncryption made of it: every sealed column of the time (all but
// meta) sealed under a new vault, the chain plain SHA-256, and the
// settings schema 4 kept in the clear.
func encryptFixtureV4(t *testing.T, dir string) {
	t.Helper()
	ctx := t.Context()
	db, err := openPool(filepath.Join(dir, DBName), false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h, _, v, err := vault.Create(testPass, fastKDF())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	hb, _ := h.MarshalBinary()
	vs := newVaultSealer(&keyring{header: hb, v: v, wrapped: map[int64][]byte{}, keys: map[int64]*vault.CaseKey{}})
	sqlTx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sqlTx.Rollback()
	tt := newTx(ctx, sqlTx, vs)
	vs.t = tt
	err = withoutEventTrigger(tt, func() error {
		if _, err := tt.exec("INSERT INTO vault (id, header) VALUES (1, ?)", hb); err != nil {
			return err
		}
		for _, st := range sealedTables() {
			st.cols = slices.DeleteFunc(slices.Clone(st.cols), func(c string) bool { return c == "meta" })
			if err := resealTable(tt, st, Identity{}, vs); err != nil {
				return err
			}
		}
		if err := resealChunks(tt, Identity{}, vs); err != nil {
			return err
		}
		_, err := tt.exec(`INSERT INTO setting (key, value) VALUES ('handoff.age_public', 'age1legacy'), ('lock.idle_minutes', '7')`)
		return err
	})
	tt.close()
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlTx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func sealPendingCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.rdb.QueryRow("SELECT count(*) FROM seal_pending").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// checkUpgraded checks an upgraded, unlocked store: the fixture's data
// whole, the chain keyed, the legacy clear settings kept, nothing that
// identifies left in the clear once closed.
func checkUpgraded(t *testing.T, s *Store, svc *incident.Service, dir string) {
	t.Helper()
	ctx := t.Context()
	checkFixture(t, svc, 4)
	if n := sealPendingCount(t, s); n != 0 {
		t.Errorf("seal_pending still has %d rows", n)
	}
	evs, err := svc.Events(ctx, 1)
	if err != nil || len(evs) != 1 || evs[0].ComputeHash() == evs[0].Hash {
		t.Errorf("chain not keyed after the upgrade: %+v %v", evs, err)
	}
	for k, want := range map[string]string{"lock.idle_minutes": "7", incident.SettingAgePublic: "age1legacy"} {
		if v, err := svc.Setting(ctx, k, ""); err != nil || v != want {
			t.Errorf("setting %s after the upgrade: %q, %v", k, v, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(fixtureEvidence))
	for _, needle := range []string{hex.EncodeToString(sum[:]), `"insider"`, "courier", "text/plain", "age1legacy"} {
		hits := slices.DeleteFunc(fileHas(t, dir, needle), func(p string) bool {
			// The backup taken before migrating is the old store as it was.
			return strings.Contains(p, BackupsDir)
		})
		if len(hits) > 0 {
			t.Errorf("%q still in the clear after the upgrade: %v", needle, hits)
		}
	}
}

// TestUpgradeSealsEncryptedV4Store: an encrypted store from schema 4 gets
// its identifying metadata sealed and its chain keyed at the first unlock.
func TestUpgradeSealsEncryptedV4Store(t *testing.T) {
	dir := t.TempDir()
	buildFixture(t, dir, 4)
	encryptFixtureV4(t, dir)
	s, svc := openVaultTest(t, dir)
	// Two marks: 0005's and 0008's.
	if !s.Encrypted() || !s.Locked() || sealPendingCount(t, s) != 2 {
		t.Fatalf("after migrating: encrypted %v locked %v pending %d", s.Encrypted(), s.Locked(), sealPendingCount(t, s))
	}
	_, err := svc.CaseFile(t.Context(), 1)
	wantCode(t, err, incident.CodeLocked)
	if err := s.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	checkUpgraded(t, s, svc, dir)
}

// TestUpgradeSealsEncryptedV4StoreDisable: turning encryption off before
// ever unlocking finishes the upgrade first, then opens everything.
func TestUpgradeSealsEncryptedV4StoreDisable(t *testing.T) {
	dir := t.TempDir()
	buildFixture(t, dir, 4)
	encryptFixtureV4(t, dir)
	s, svc := openVaultTest(t, dir)
	if err := s.DisableEncryption(t.Context(), testPass); err != nil {
		t.Fatal(err)
	}
	checkFixture(t, svc, 4)
	if evs, _ := svc.Events(t.Context(), 1); len(evs) != 1 || evs[0].ComputeHash() != evs[0].Hash {
		t.Errorf("a clear store's chain is not plain SHA-256: %+v", evs)
	}
}

// TestKillDuringUpgradeSeal is R6 for the sealing half of migration 0005:
// killed inside the unlock's transaction, the store still has the mark and
// the clear metadata, and the next unlock does it all.
func TestKillDuringUpgradeSeal(t *testing.T) {
	for _, stage := range []string{"seal-pending-meta", "seal-pending-done"} {
		t.Run(stage, func(t *testing.T) {
			dir := t.TempDir()
			buildFixture(t, dir, 4)
			encryptFixtureV4(t, dir)
			c := startChild(t, "vault", dir, "LEAKDESK_SQLITE_CHILD_HOOK="+stage, "LEAKDESK_SQLITE_CHILD_OP=unlock")
			if line, _ := c.next(); !strings.HasPrefix(line, "at ") {
				t.Fatalf("child: %q; stderr: %s", line, c.errb)
			}
			_ = c.cmd.Process.Kill()
			_ = c.cmd.Wait()
			s, svc := openVaultTest(t, dir)
			if n := sealPendingCount(t, s); n != 2 {
				t.Fatalf("after the kill seal_pending has %d rows, want 2", n)
			}
			if err := s.Unlock(testPass); err != nil {
				t.Fatal(err)
			}
			checkUpgraded(t, s, svc, dir)
		})
	}
}
