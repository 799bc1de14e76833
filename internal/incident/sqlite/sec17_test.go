package sqlite

import (
	"bytes"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/bundle"
	"leakdesk/internal/incident"
)

// The tests in this file each reproduce one finding of the 2026-12
// security review (issue 17) and fail on the code it reviewed.

// encryptedFullCase is an encrypted store holding buildFullCase's case
// plus intake answers and leaked data that identify the victim.
func encryptedFullCase(t *testing.T, dir string) (*Store, *incident.Service, *fullCase) {
	t.Helper()
	s, svc := openVaultTest(t, dir)
	ctx := t.Context()
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	f := buildFullCase(t, svc)
	if _, err := svc.RunIntake(ctx, f.id, incident.Intake{Leaked: []string{"health"}, Happened: []string{"money-lost"},
		SourceKind: "hospital", Insider: "yes", GainsYuan: 4242421, UsedFor: map[string][]string{"health": {"posted"}}}); err != nil {
		t.Fatal(err)
	}
	l := incident.LeakedData{CaseID: f.id, Category: "health", Count: 31337}
	if err := svc.SaveLeaked(ctx, &l, incident.ValidCategory); err != nil {
		t.Fatal(err)
	}
	// A photo's capture time (its file's mtime) narrows down which file it is.
	if _, err := svc.AddExhibit(ctx, f.id, "photo.jpg", strings.NewReader("not really a photo"), 18,
		incident.ImportOptions{CapturedAt: time.Date(2019, 7, 14, 21, 3, 59, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return s, svc, f
}

// F3: the intake answers, leaked categories and counts, and each
// exhibit's SHA-256, size, type and capture time are sealed.
func TestSealedStoreHidesWhatIdentifies(t *testing.T) {
	dir := t.TempDir()
	s, svc, f := encryptedFullCase(t, dir)
	// A photo keeps the print check's verdict (issue 10): it tells that
	// the file is a whole JPEG, and its hash.
	photo, err := svc.AddExhibit(t.Context(), f.id, "photo-2.jpg", bytes.NewReader(testPhoto(t, 3)), -1, incident.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if photo.PrintCheck == "" {
		t.Fatal("no print check verdict for a whole JPEG")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// What the plan and the history say about her situation (F3's
	// leftovers, migration 0008): no clear column holds it any more.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, DBName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"SELECT count(*) FROM step WHERE kind <> '' OR channel <> '' OR completed_at IS NOT NULL OR follow_up_estimate <> 0",
		"SELECT count(*) FROM communication WHERE at IS NOT NULL OR direction <> '' OR channel <> ''",
		"SELECT count(*) FROM account WHERE password_changed + two_factor + sessions_revoked + deletion_requested <> 0",
		"SELECT count(*) FROM event WHERE at <> '' OR kind <> '' OR subject <> ''",
	} {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			t.Errorf("%d rows in the clear: %s", n, q)
		}
	}
	for _, needle := range []string{
		"case.created", "step.updated", // event kinds: what she did, and when
		f.file.SHA256, f.record.SHA256, // names the file to anyone holding a copy
		"4242421",    // gains in yuan
		`"insider"`,  // the intake's JSON
		`"used_for"`, // what each leaked item was used for (issue 9)
		"money-lost", // what happened
		"hospital",   // the kind of source
		"31337",      // a leaked count
		`"health"`,   // a leaked category
		"text/plain", // exhibit type
		"2019-07-14", // exhibit capture time

		photo.SHA256, "jpeg-intact", "print_check", // the print check's verdict (issue 10)
	} {
		if hits := fileHas(t, dir, needle); len(hits) > 0 {
			t.Errorf("%q is in the clear in %v", needle, hits)
		}
	}
}

// F4: no stored hash is plain SHA-256 over the sealed data, which would
// let anyone test guesses of that data (an SMS number, a file) offline.
func TestEventChainIsNoOracle(t *testing.T) {
	s, svc, f := encryptedFullCase(t, t.TempDir())
	ctx := t.Context()
	events, err := svc.Events(ctx, f.id)
	if err != nil || len(events) < 5 {
		t.Fatalf("events: %d, %v", len(events), err)
	}
	for _, e := range events {
		if e.ComputeHash() == e.Hash {
			t.Errorf("event %d (%s): its hash is plain SHA-256 of the plaintext behind it", e.Seq, e.Kind)
		}
	}
	if rep, err := svc.Verify(ctx, 0); err != nil || !rep.OK() {
		t.Errorf("verify while unlocked: %+v, %v", rep, err)
	}
	s.Lock()
	_, err = svc.Verify(ctx, 0)
	wantCode(t, err, incident.CodeLocked)
}

// rawExec runs SQL on a closed store's file, as someone with write access
// to the data folder and no passphrase would.
func rawExec(t *testing.T, dir string, stmts ...string) {
	t.Helper()
	db, err := openPool(filepath.Join(dir, DBName), false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// F6: a sealed setting never accepts a clear value, so the install's
// receiving key pair cannot be swapped without the passphrase, and a lock
// setting changed without it is ignored.
func TestSealedSettingRefusesClearValue(t *testing.T) {
	dir := t.TempDir()
	s, svc := openVaultTest(t, dir)
	ctx := t.Context()
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"handoff.age_secret": "AGE-SECRET-KEY-GENUINE", incident.SettingAgePublic: "age1genuine",
		"lock.idle_minutes": "5"} {
		if err := svc.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rawExec(t, dir,
		"UPDATE setting SET value = 'AGE-SECRET-KEY-ATTACKER' WHERE key = 'handoff.age_secret'",
		"UPDATE setting SET value = 'age1attacker' WHERE key = '"+incident.SettingAgePublic+"'",
		"UPDATE setting SET value = '0' WHERE key = 'lock.idle_minutes'")
	s, svc = openVaultTest(t, dir)
	if err := s.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"handoff.age_secret", incident.SettingAgePublic} {
		v, err := svc.Setting(ctx, k, "")
		if err == nil {
			t.Errorf("%s: a clear value planted without the passphrase was accepted: %q", k, v)
		}
	}
	if v, err := svc.Setting(ctx, "lock.idle_minutes", "default"); err != nil || v != "default" {
		t.Errorf("lock.idle_minutes changed without the passphrase reads %q (%v), want the default", v, err)
	}
}

// F7: evidence over 16 MiB is read without a plaintext copy in $TMPDIR.
func TestLargeExhibitLeavesNoPlaintextFile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s, svc := openVaultTest(t, t.TempDir())
	ctx := t.Context()
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	id, err := svc.CreateCase(ctx, incident.Case{Title: "big"})
	if err != nil {
		t.Fatal(err)
	}
	line := []byte("CANARY-BIGEVID-d00d 0123456789abcdef\n")
	data := bytes.Repeat(line, (17<<20)/len(line)+1)
	e, err := svc.AddExhibit(ctx, id, "big.txt", bytes.NewReader(data), int64(len(data)), incident.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := svc.OpenExhibit(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Read across a chunk boundary, seek back, read to the end.
	head := make([]byte, incident.ChunkSize+10)
	if _, err := io.ReadFull(r, head); err != nil || !bytes.Equal(head, data[:len(head)]) {
		t.Fatalf("head: %v", err)
	}
	entries, _ := os.ReadDir(tmp)
	for _, en := range entries {
		b, _ := os.ReadFile(filepath.Join(tmp, en.Name()))
		if bytes.Contains(b, line[:19]) || strings.HasPrefix(en.Name(), "leakdesk-exhibit-") {
			t.Errorf("plaintext evidence in $TMPDIR while the exhibit is open: %s", en.Name())
		}
	}
	if _, err := r.Seek(-100, io.SeekEnd); err != nil {
		t.Fatal(err)
	}
	tail, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(tail, data[len(data)-100:]) {
		t.Fatalf("tail: %q, %v", tail, err)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	all, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(all, data) {
		t.Fatalf("whole: %d bytes, %v", len(all), err)
	}
	r.Close()
}

// F14: a file whose schema was changed behind leakdesk's back (here a
// trigger keeping every case key that a purge deletes) is refused at open,
// untouched.
func TestOpenRefusesForeignSchema(t *testing.T) {
	for name, q := range map[string]string{
		"shadow trigger": `CREATE TABLE kept (case_id INTEGER, wrapped BLOB);
			CREATE TRIGGER keep_keys BEFORE DELETE ON case_key BEGIN INSERT INTO kept VALUES (OLD.case_id, OLD.wrapped); END`,
		"dropped trigger": "DROP TRIGGER event_no_update",
		"extra index":     "CREATE INDEX spy ON event(hash)",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			s, svc := openVaultTest(t, dir)
			if _, err := svc.CreateCase(t.Context(), incident.Case{Title: "x"}); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			rawExec(t, dir, q)
			before, _ := os.ReadFile(filepath.Join(dir, DBName))
			_, err := Open(dir, Options{NoAutoBackup: true})
			wantCode(t, err, incident.CodeDamaged)
			if after, _ := os.ReadFile(filepath.Join(dir, DBName)); !bytes.Equal(before, after) {
				t.Error("the refused file was changed")
			}
		})
	}
}

// F6: the public receiving key is bound to the sealed secret: one that does
// not belong to it (swapped before the store was upgraded, say) is replaced
// by the key derived from the secret.
func TestAgeIdentityPublicBoundToSecret(t *testing.T) {
	s, svc := openVaultTest(t, t.TempDir())
	ctx := t.Context()
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	sec, pub, err := svc.AgeIdentity(ctx, bundle.GenerateIdentity, bundle.PublicKeyOf)
	if err != nil {
		t.Fatal(err)
	}
	_, other, _ := bundle.GenerateIdentity()
	if err := svc.SetSetting(ctx, incident.SettingAgePublic, other); err != nil {
		t.Fatal(err)
	}
	sec2, pub2, err := svc.AgeIdentity(ctx, bundle.GenerateIdentity, bundle.PublicKeyOf)
	if err != nil || sec2 != sec || pub2 != pub {
		t.Fatalf("after a swapped public key: same secret %v, public %q (want %q), %v", sec2 == sec, pub2, pub, err)
	}
	if v, _ := svc.Setting(ctx, incident.SettingAgePublic, ""); v != pub {
		t.Errorf("stored public key not repaired: %q", v)
	}
}
