package sqlite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"leakdesk/internal/incident"
	"leakdesk/internal/vault"
)

// fastKDF keeps tests quick; TestDefaultKDFUnlock covers the real cost.
func fastKDF() vault.Params { return vault.Params{Time: 1, MemoryKiB: 64, Threads: 1} }

var (
	testPass  = []byte("correct horse 电池 staple")
	testPass2 = []byte("另一个 much longer passphrase")
)

func openVaultTest(t testing.TB, dir string) (*Store, *incident.Service) {
	t.Helper()
	return openTestDir(t, dir, Options{KDF: fastKDF(), Clock: testClock(), NoAutoBackup: true})
}

// fileHas reports whether any of the store's files (and its backups)
// contain needle.
func fileHas(t testing.TB, dir string, needle string) []string {
	t.Helper()
	var hits []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(needle)) {
			hits = append(hits, p)
		}
		return nil
	})
	return hits
}

func TestEncryptionLifecycle(t *testing.T) {
	dir := t.TempDir()
	s, svc := openVaultTest(t, dir)
	ctx := t.Context()
	f := buildFullCase(t, svc)
	if err := svc.SetSetting(ctx, "ui.intake.draft", canary("draft")); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetSetting(ctx, "ui.lang", "zh"); err != nil {
		t.Fatal(err)
	}
	// An automatic backup in the clear, which enabling must not leave behind.
	if err := s.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	before, err := svc.CaseFile(ctx, f.id)
	if err != nil {
		t.Fatal(err)
	}
	if s.Encrypted() || s.Locked() {
		t.Fatal("a new store is encrypted or locked")
	}
	wantCode(t, s.Unlock(testPass), incident.CodeInvalid)

	recovery, err := s.EnableEncryption(ctx, testPass)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Encrypted() || s.Locked() {
		t.Fatal("after enabling: want encrypted and unlocked")
	}
	_, err = s.EnableEncryption(ctx, testPass)
	wantCode(t, err, incident.CodeInvalid)
	after, err := svc.CaseFile(ctx, f.id)
	if err != nil {
		t.Fatal(err)
	}
	// The chain is keyed now (F4): every hash changed, nothing else did.
	if p := incident.CheckChain(f.id, after.Events); p == nil {
		t.Error("the encrypted store's chain still checks out as plain SHA-256")
	}
	if rechained, n := incident.Rechain(before.Events, nil, keyedHashOf(t, s, f.id)); n != len(before.Events) || !reflect.DeepEqual(rechained, after.Events) {
		t.Errorf("events after encrypting are not the keyed chain of the same content (%d re-hashed)", n)
	}
	after.Events = before.Events
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("case changed by encrypting: %v\n%+v\n%+v", err, before, after)
	}
	if v, _ := svc.Setting(ctx, "ui.intake.draft", ""); v != canary("draft") {
		t.Errorf("draft setting = %q", v)
	}
	// Work on a sealed store: a new case, evidence, a deleted case.
	id2, err := svc.CreateCase(ctx, incident.Case{Title: canary("second"), Victim: incident.Victim{Name: canary("second-name")}})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if _, err := svc.WriteExhibitContent(ctx, f.file.ID, &got); err != nil || !bytes.Equal(got.Bytes(), f.fileData) {
		t.Fatalf("evidence after encrypting: %v", err)
	}
	if rep, err := svc.Verify(ctx, 0); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}

	s.Lock()
	if !s.Locked() {
		t.Fatal("not locked")
	}
	_, err = svc.Cases(ctx, incident.CaseFilter{})
	wantCode(t, err, incident.CodeLocked)
	_, err = svc.CaseFile(ctx, f.id)
	wantCode(t, err, incident.CodeLocked)
	_, err = svc.Deadlines(ctx)
	wantCode(t, err, incident.CodeLocked)
	_, err = svc.Setting(ctx, "ui.intake.draft", "")
	wantCode(t, err, incident.CodeLocked)
	if v, err := svc.Setting(ctx, "ui.lang", ""); err != nil || v != "zh" {
		t.Errorf("ui.lang while locked = %q, %v", v, err)
	}
	err = svc.SetCaseStatus(ctx, id2, incident.CaseClosed)
	wantCode(t, err, incident.CodeLocked)
	for _, wrong := range [][]byte{testPass2, nil, []byte("correct horse 电池 staplE")} {
		wantCode(t, s.Unlock(wrong), incident.CodeWrongPassphrase)
		if !s.Locked() {
			t.Fatal("a wrong passphrase unlocked")
		}
	}
	wantCode(t, s.UnlockRecovery("ABCD-EFGH"), incident.CodeWrongPassphrase)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Nothing personal in the files, backups included.
	for _, c := range []string{canary("name"), "11010519491231002X", canary("evidence-bytes"), canary("file-name"),
		canary("draft"), canary("second"), canary("step-notes"), canary("summary")} {
		if hits := fileHas(t, dir, c); len(hits) > 0 {
			t.Errorf("%q found in %v", c, hits)
		}
	}
	list, _ := Backups(dir)
	if len(list) != 1 {
		t.Errorf("want exactly the sealed backup, got %v", list)
	}

	// Reopened: locked until unlocked, then the same data.
	s, svc = openVaultTest(t, dir)
	if !s.Encrypted() || !s.Locked() {
		t.Fatal("reopened store is not locked")
	}
	if err := s.UnlockRecovery(recovery); err != nil {
		t.Fatal(err)
	}
	s.Lock()
	if err := s.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	if after, err := svc.CaseFile(ctx, f.id); err != nil || !reflect.DeepEqual(before.Case, after.Case) {
		t.Fatalf("after reopening: %v", err)
	}

	_, err = s.ChangePassphrase(ctx, testPass2, testPass)
	wantCode(t, err, incident.CodeWrongPassphrase)
	recovery2, err := s.ChangePassphrase(ctx, testPass, testPass2)
	if err != nil {
		t.Fatal(err)
	}
	s.Lock()
	wantCode(t, s.Unlock(testPass), incident.CodeWrongPassphrase)
	if err := s.Unlock(testPass2); err != nil {
		t.Fatal(err)
	}
	s.Lock()
	// A change revokes: the old recovery key goes with the old vault key.
	wantCode(t, s.UnlockRecovery(recovery), incident.CodeWrongPassphrase)
	if err := s.UnlockRecovery(recovery2); err != nil {
		t.Fatalf("the new recovery key does not work: %v", err)
	}

	// The backups were re-keyed: a restored one opens with the current
	// passphrase only.
	list, _ = Backups(dir)
	bdir := t.TempDir()
	if err := Restore(bdir, list[0].Path, nil); err != nil {
		t.Fatal(err)
	}
	bs, _ := openVaultTest(t, bdir)
	wantCode(t, bs.Unlock(testPass), incident.CodeWrongPassphrase)
	if err := bs.Unlock(testPass2); err != nil {
		t.Fatal(err)
	}

	// Off again.
	wantCode(t, s.DisableEncryption(ctx, testPass), incident.CodeWrongPassphrase)
	if err := s.DisableEncryption(ctx, testPass2); err != nil {
		t.Fatal(err)
	}
	if s.Encrypted() || s.Locked() {
		t.Fatal("still encrypted")
	}
	if after, err := svc.CaseFile(ctx, f.id); err != nil || !reflect.DeepEqual(before.Case, after.Case) {
		t.Fatalf("after disabling: %v\n%+v\n%+v", err, before.Case, after.Case)
	}
	if v, _ := svc.Setting(ctx, "ui.intake.draft", ""); v != canary("draft") {
		t.Errorf("draft setting after disabling = %q", v)
	}
	if rep, err := svc.Verify(ctx, 0); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	var n int
	if err := s.rdb.QueryRow("SELECT (SELECT count(*) FROM case_key) + (SELECT count(*) FROM vault)").Scan(&n); err != nil || n != 0 {
		t.Errorf("vault rows left: %d %v", n, err)
	}
	integrityOK(t, s.rdb)
}

// sealedStore is an encrypted, unlocked store with the full case.
func sealedStore(t *testing.T) (*Store, *incident.Service, *fullCase) {
	t.Helper()
	s, svc := openVaultTest(t, t.TempDir())
	if _, err := s.EnableEncryption(t.Context(), testPass); err != nil {
		t.Fatal(err)
	}
	return s, svc, buildFullCase(t, svc)
}

// TestSealedBitFlips flips every bit of sealed values, one at a time,
// behind the store's back: every read fails with CodeDamaged naming the
// place, never returning changed content.
func TestSealedBitFlips(t *testing.T) {
	s, svc, f := sealedStore(t)
	ctx := t.Context()
	for _, tc := range []struct {
		table, col, where string
		arg               int64
		read              func() error
		every             int // flip every n-th bit (1: all of them)
	}{
		{"cases", "victim_name", "id = ?", f.id, func() error { _, err := svc.Case(ctx, f.id); return err }, 1},
		{"cases", "title", "id = ?", f.id, func() error { _, err := svc.Cases(ctx, incident.CaseFilter{}); return err }, 1},
		{"step", "notes", "id = ?", f.step.ID, func() error { _, err := svc.CaseFile(ctx, f.id); return err }, 1},
		{"event", "data", "case_id = " + fmt.Sprint(f.id) + " AND seq = ?", 1, func() error { _, err := svc.Events(ctx, f.id); return err }, 1},
		{"exhibit", "file_name", "id = ?", f.file.ID, func() error { _, err := svc.Exhibit(ctx, f.file.ID); return err }, 1},
		{"case_key", "wrapped", "case_id = ?", f.id, func() error { s.Lock(); s.Unlock(testPass); _, err := svc.Case(ctx, f.id); return err }, 1},
		{"exhibit_chunk", "data", "seq = 1 AND exhibit_id = ?", f.file.ID, func() error {
			_, err := svc.WriteExhibitContent(ctx, f.file.ID, &bytes.Buffer{})
			return err
		}, 997},
	} {
		t.Run(tc.table+"."+tc.col, func(t *testing.T) {
			var orig []byte
			q := "SELECT " + tc.col + " FROM " + tc.table + " WHERE " + tc.where
			if err := s.wdb.QueryRowContext(ctx, q, tc.arg).Scan(&orig); err != nil {
				t.Fatal(err)
			}
			upd := "UPDATE " + tc.table + " SET " + tc.col + " = ? WHERE " + tc.where
			if tc.table == "event" {
				s.wdb.ExecContext(ctx, "DROP TRIGGER event_no_update")
			}
			flips := 0
			for bit := 0; bit < len(orig)*8; bit += tc.every {
				b := bytes.Clone(orig)
				b[bit/8] ^= 1 << (bit % 8)
				if _, err := s.wdb.ExecContext(ctx, upd, b, tc.arg); err != nil {
					t.Fatal(err)
				}
				err := tc.read()
				if incident.ErrorCode(err) != incident.CodeDamaged {
					t.Fatalf("bit %d: read gave %v, want CodeDamaged", bit, err)
				}
				flips++
			}
			if _, err := s.wdb.ExecContext(ctx, upd, orig, tc.arg); err != nil {
				t.Fatal(err)
			}
			if err := tc.read(); err != nil {
				t.Fatalf("restored value: %v", err)
			}
			t.Logf("%d flips refused", flips)
		})
	}
	// Verify names the exhibit whose chunk changed.
	var data []byte
	s.wdb.QueryRowContext(ctx, "SELECT data FROM exhibit_chunk WHERE exhibit_id = ? AND seq = 0", f.file.ID).Scan(&data)
	data[len(data)/2] ^= 0x40
	s.wdb.ExecContext(ctx, "UPDATE exhibit_chunk SET data = ? WHERE exhibit_id = ? AND seq = 0", data, f.file.ID)
	rep, err := svc.Verify(ctx, f.id)
	if err != nil || len(rep.Problems) != 1 || rep.Problems[0].Exhibit != f.file.Number {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}

// TestSealedSwaps moves valid ciphertexts to other rows, columns, cases
// and chunk positions: each must fail to open.
func TestSealedSwaps(t *testing.T) {
	s, svc, f := sealedStore(t)
	ctx := t.Context()
	other := buildFullCase(t, svc)
	get := func(q string, args ...any) []byte {
		var b []byte
		if err := s.wdb.QueryRowContext(ctx, q, args...).Scan(&b); err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tc := range []struct {
		name string
		src  func() []byte
		set  string
		args []any
		read func() error
	}{
		{"column to column", func() []byte { return get("SELECT victim_phone FROM cases WHERE id = ?", f.id) },
			"UPDATE cases SET victim_name = ? WHERE id = ?", []any{f.id}, func() error { _, err := svc.Case(ctx, f.id); return err }},
		{"case to case", func() []byte { return get("SELECT victim_name FROM cases WHERE id = ?", other.id) },
			"UPDATE cases SET victim_name = ? WHERE id = ?", []any{f.id}, func() error { _, err := svc.Case(ctx, f.id); return err }},
		{"row to row, other case", func() []byte { return get("SELECT notes FROM step WHERE id = ?", other.step.ID) },
			"UPDATE step SET notes = ? WHERE id = ?", []any{f.step.ID}, func() error { _, err := svc.CaseFile(ctx, f.id); return err }},
		{"table to table", func() []byte { return get("SELECT reference FROM communication WHERE id = ?", f.comm.ID) },
			"UPDATE step SET reference = ? WHERE id = ?", []any{f.step.ID}, func() error { _, err := svc.CaseFile(ctx, f.id); return err }},
		{"chunk order", func() []byte {
			return get("SELECT data FROM exhibit_chunk WHERE exhibit_id = ? AND seq = 0", f.file.ID)
		},
			"UPDATE exhibit_chunk SET data = ? WHERE exhibit_id = ? AND seq = 1", []any{f.file.ID}, func() error {
				_, err := svc.WriteExhibitContent(ctx, f.file.ID, &bytes.Buffer{})
				return err
			}},
		{"chunk to other exhibit", func() []byte {
			return get("SELECT data FROM exhibit_chunk WHERE exhibit_id = ? AND seq = 0", other.file.ID)
		},
			"UPDATE exhibit_chunk SET data = ? WHERE exhibit_id = ? AND seq = 0", []any{f.file.ID}, func() error {
				_, err := svc.WriteExhibitContent(ctx, f.file.ID, &bytes.Buffer{})
				return err
			}},
		{"case key to other case", func() []byte { return get("SELECT wrapped FROM case_key WHERE case_id = ?", other.id) },
			"UPDATE case_key SET wrapped = ? WHERE case_id = ?", []any{f.id}, func() error {
				s.Lock()
				s.Unlock(testPass)
				_, err := svc.Case(ctx, f.id)
				return err
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.src()
			if _, err := s.wdb.ExecContext(ctx, tc.set, append([]any{b}, tc.args...)...); err != nil {
				t.Fatal(err)
			}
			if err := tc.read(); incident.ErrorCode(err) != incident.CodeDamaged {
				t.Fatalf("read gave %v, want CodeDamaged", err)
			}
		})
	}
}

// TestVaultHeaderFlips: any change to the stored header refuses the
// passphrase with the one generic answer (or as damaged, for its shape),
// and never unlocks.
func TestVaultHeaderFlips(t *testing.T) {
	dir := t.TempDir()
	s, _ := openVaultTest(t, dir)
	if _, err := s.EnableEncryption(t.Context(), testPass); err != nil {
		t.Fatal(err)
	}
	hb := s.ring.Load().header
	for bit := 0; bit < len(hb)*8; bit++ {
		b := bytes.Clone(hb)
		b[bit/8] ^= 1 << (bit % 8)
		r := &keyring{header: b}
		s.ring.Store(r)
		err := s.Unlock(testPass)
		if c := incident.ErrorCode(err); c != incident.CodeWrongPassphrase && c != incident.CodeDamaged {
			t.Fatalf("bit %d: %v", bit, err)
		}
	}
}

// TestDeleteCaseDestroysKey: purging a case removes its wrapped key and
// scrubs the files, so its sealed bytes are gone from the WAL and DB.
func TestDeleteCaseDestroysKey(t *testing.T) {
	dir := t.TempDir()
	s, svc := openVaultTest(t, dir)
	ctx := t.Context()
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	f := buildFullCase(t, svc)
	var wrapped []byte
	if err := s.rdb.QueryRow("SELECT wrapped FROM case_key WHERE case_id = ?", f.id).Scan(&wrapped); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteCase(ctx, f.id); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.PurgeDeleted(ctx, testNow()); err != nil || n != 1 {
		t.Fatalf("purge: %d %v", n, err)
	}
	for _, p := range []string{dbPath(s), dbPath(s) + "-wal"} {
		b, _ := os.ReadFile(p)
		if bytes.Contains(b, wrapped) {
			t.Errorf("the deleted case's wrapped key is still in %s", filepath.Base(p))
		}
	}
	if fi, err := os.Stat(dbPath(s) + "-wal"); err == nil && fi.Size() > 0 {
		t.Errorf("WAL not truncated: %d bytes", fi.Size())
	}
}

// TestDefaultKDFUnlock measures an unlock at the default Argon2id cost.
func TestDefaultKDFUnlock(t *testing.T) {
	if testing.Short() {
		t.Skip("default Argon2id cost (64 MiB)")
	}
	s, _ := openTestDir(t, t.TempDir(), Options{Clock: testClock(), NoAutoBackup: true})
	if _, err := s.EnableEncryption(t.Context(), testPass); err != nil {
		t.Fatal(err)
	}
	h, _ := vault.ParseHeader(s.ring.Load().header)
	if h.KDF != vault.DefaultParams() {
		t.Fatalf("KDF = %+v", h.KDF)
	}
	s.Lock()
	if err := s.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkUnlock is one unlock at the default cost (t=3, 64 MiB, p=4).
func BenchmarkUnlock(b *testing.B) {
	s, _ := openTestDir(b, b.TempDir(), Options{Clock: testClock(), NoAutoBackup: true})
	if _, err := s.EnableEncryption(b.Context(), testPass); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.Lock()
		if err := s.Unlock(testPass); err != nil {
			b.Fatal(err)
		}
	}
}

// childVault turns encryption on (mode "enable") or changes the passphrase
// ("change") and stops dead at the named stage until killed.
func childVault(dir string) error {
	at := os.Getenv("LEAKDESK_SQLITE_CHILD_HOOK")
	hook := func(stage string) {
		if stage == at {
			fmt.Println("at " + at)
			var b [1]byte
			os.Stdin.Read(b[:]) // until killed
		}
	}
	s, err := Open(dir, Options{NoAutoBackup: true, KDF: fastKDF(), vaultHook: hook})
	if err != nil {
		return err
	}
	defer s.Close()
	switch os.Getenv("LEAKDESK_SQLITE_CHILD_OP") {
	case "enable":
		_, err = s.EnableEncryption(context.Background(), testPass)
	case "disable":
		err = s.DisableEncryption(context.Background(), testPass)
	case "change":
		_, err = s.ChangePassphrase(context.Background(), testPass, testPass2)
	case "unlock":
		err = s.Unlock(testPass)
	}
	if err != nil {
		return err
	}
	fmt.Println("done")
	return nil
}

// TestKillDuringVaultChanges: killed inside the encryption migration (both
// ways) or a passphrase change, the store is entirely old or entirely new,
// opens, unlocks with the matching passphrase, and reads back whole.
func TestKillDuringVaultChanges(t *testing.T) {
	for _, tc := range []struct {
		op, stage string
		encrypted bool   // before
		wantPass  []byte // to unlock after the kill; nil: not encrypted
	}{
		{"enable", "reseal-cases", false, nil},
		{"enable", "reseal-done", false, nil},
		{"disable", "reseal-cases", true, testPass},
		{"disable", "reseal-done", true, testPass},
		{"enable", "enable-committed", false, testPass},
		{"disable", "disable-committed", true, nil},
		{"change", "passphrase", true, testPass},
		{"change", "passphrase-committed", true, testPass2},
	} {
		t.Run(tc.op+"-"+tc.stage, func(t *testing.T) {
			dir := t.TempDir()
			s, svc := openVaultTest(t, dir)
			f := buildFullCase(t, svc)
			want, err := svc.CaseFile(t.Context(), f.id)
			if err != nil {
				t.Fatal(err)
			}
			if tc.encrypted {
				if _, err := s.EnableEncryption(t.Context(), testPass); err != nil {
					t.Fatal(err)
				}
			}
			s.Close()
			c := startChild(t, "vault", dir, "LEAKDESK_SQLITE_CHILD_HOOK="+tc.stage, "LEAKDESK_SQLITE_CHILD_OP="+tc.op)
			if line, _ := c.next(); !strings.HasPrefix(line, "at ") {
				t.Fatalf("child: %q; stderr: %s", line, c.errb)
			}
			_ = c.cmd.Process.Kill()
			_ = c.cmd.Wait()

			s, svc = openVaultTest(t, dir)
			if s.Encrypted() != (tc.wantPass != nil) {
				t.Fatalf("encrypted = %v after the kill", s.Encrypted())
			}
			if tc.wantPass != nil {
				if err := s.Unlock(tc.wantPass); err != nil {
					t.Fatalf("unlock with the old passphrase: %v", err)
				}
			}
			got, err := svc.CaseFile(t.Context(), f.id)
			if err != nil || !reflect.DeepEqual(want.Case, got.Case) || !reflect.DeepEqual(want.Steps, got.Steps) {
				t.Fatalf("data after the kill: %v", err)
			}
			if rep, err := svc.Verify(t.Context(), 0); err != nil || !rep.OK() {
				t.Fatalf("verify: %+v %v", rep, err)
			}
			integrityOK(t, s.rdb)
			assertAllSealedOrClear(t, s, tc.wantPass != nil)
		})
	}
}

// assertAllSealedOrClear checks every personal value is in one state: the
// victim's name column either opens with the identity (clear) everywhere
// or nowhere.
func assertAllSealedOrClear(t *testing.T, s *Store, sealed bool) {
	t.Helper()
	for _, st := range sealedTables() {
		for _, c := range st.cols {
			var n int
			// A sealed value starts with version byte 1 and is at least
			// SealedOverhead long; a clear one here is text.
			q := fmt.Sprintf("SELECT count(*) FROM %s WHERE length(%s) >= %d AND substr(%s, 1, 1) = x'01'", st.name, c, vault.SealedOverhead, c)
			if err := s.rdb.QueryRow(q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			var total int
			s.rdb.QueryRow("SELECT count(*) FROM " + st.name).Scan(&total)
			if sealed && n != total || !sealed && n != 0 {
				t.Errorf("%s.%s: %d of %d values look sealed (want all sealed: %v)", st.name, c, n, total, sealed)
			}
		}
	}
}

// A crash after sealing the store but before its clear backups were
// replaced must not leave them behind: the next open removes them.
func TestOpenRemovesClearBackupsOfSealedStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, svc := openVaultTest(t, dir)
	if _, err := svc.CreateCase(ctx, incident.Case{Title: "CANARY-BACKUP", SourceKind: incident.SourceUnknown}); err != nil {
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
	// Put a clear backup back, as a crash before afterEncrypt would leave it,
	// plus an unreadable file that must be kept.
	stale := filepath.Join(dir, BackupsDir, "leakdesk-20250101-000000.db")
	if err := copyFile(clearCopy, stale); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, BackupsDir, "leakdesk-20250102-000000.db")
	if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	openVaultTest(t, dir)
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("clear backup still present: %v", err)
	}
	if _, err := os.Stat(junk); err != nil {
		t.Fatalf("an unreadable backup was removed on a guess: %v", err)
	}
	if hits := fileHas(t, dir, "CANARY-BACKUP"); len(hits) != 0 {
		t.Fatalf("canary found in %v", hits)
	}
}
