package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// goodDB returns the bytes of a closed, healthy store with a few cases and
// some evidence, so it spans many pages.
func goodDB(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{})
	for i := range 20 {
		id, err := svc.CreateCase(t.Context(), incident.Case{Title: strings.Repeat("案件", 50+i), Narrative: strings.Repeat("经过", 500)})
		if err != nil {
			t.Fatal(err)
		}
		data := bytes.Repeat([]byte{byte(i), 1, 2, 3}, 20_000+i)
		if _, err := svc.AddExhibit(t.Context(), id, "f.bin", bytes.NewReader(data), int64(len(data)), incident.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, DBName))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// flipPageHeader corrupts the b-tree header of a page in the middle of the
// file: a structural change quick_check must see. (A flipped byte inside a
// text value is invisible to quick_check; the event chain and evidence
// hashes catch those, see tamper_test.go.)
func flipPageHeader(t *testing.T, b []byte) []byte {
	t.Helper()
	out := slices.Clone(b)
	pageSize := int(binary.BigEndian.Uint16(out[16:18]))
	for p := len(out)/pageSize/2 + 1; p < len(out)/pageSize; p++ {
		off := p * pageSize
		switch out[off] {
		case 0x02, 0x05, 0x0a, 0x0d: // b-tree page types
			out[off+3] ^= 0x40 // the cell count
			out[off+5] ^= 0x10 // the cell content area
			return out
		}
	}
	t.Fatal("no b-tree page found")
	return nil
}

func otherAppDB(t *testing.T, appID int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes(body) VALUES ('hello')"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if appID != 0 {
		if _, err := db.Exec("PRAGMA application_id = 12345"); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDamagedFilesAreRefusedUntouched is R4.
func TestDamagedFilesAreRefusedUntouched(t *testing.T) {
	good := goodDB(t)
	pageSize := int(binary.BigEndian.Uint16(good[16:18]))
	garbage := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range garbage {
		garbage[i] = byte(r.Uint32())
	}
	headerOnly := slices.Clone(good[:100])
	fixtures := map[string][]byte{
		"zero-byte":               {},
		"truncated-at-page":       good[:len(good)/pageSize/2*pageSize],
		"truncated-mid-page":      good[:len(good)/2+123],
		"header-only":             headerOnly,
		"garbage":                 garbage,
		"bit-flipped-page":        flipPageHeader(t, good),
		"other-app":               otherAppDB(t, 12345),
		"other-app-no-id":         otherAppDB(t, 0),
		"garbage-after-our-magic": append(slices.Clone(good[:100]), garbage[:pageSize*3-100]...),
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for name, content := range fixtures {
		for _, withBackup := range []bool{false, true} {
			t.Run(name+map[bool]string{true: "-with-backup"}[withBackup], func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, DBName)
				if err := os.WriteFile(path, content, 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(path, old, old); err != nil {
					t.Fatal(err)
				}
				var backup string
				if withBackup {
					if err := os.MkdirAll(filepath.Join(dir, BackupsDir), 0o700); err != nil {
						t.Fatal(err)
					}
					// An older, damaged backup and a newer good one: the
					// message must name the good one.
					backup = filepath.Join(dir, BackupsDir, "leakdesk-20250101-080000.db")
					if err := os.WriteFile(backup, good, 0o600); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, BackupsDir, "leakdesk-20250102-080000.db"), garbage, 0o600); err != nil {
						t.Fatal(err)
					}
				}
				sum := fileSHA(t, path)
				_, err := Open(dir, Options{NoAutoBackup: true, Clock: testClock()})
				de := wantCode(t, err, incident.CodeDamaged)
				t.Logf("cause: %v", de.Err)
				if !strings.Contains(de.EN, path) || !strings.Contains(de.ZH, "已损坏") {
					t.Errorf("message does not name the file: %q / %q", de.EN, de.ZH)
				}
				if withBackup && (!strings.Contains(de.EN, backup) || !strings.Contains(de.ZH, backup)) {
					t.Errorf("message does not name the good backup %s: %q", backup, de.EN)
				}
				if !withBackup && !strings.Contains(de.EN, "No good backup") {
					t.Errorf("message: %q", de.EN)
				}
				if got := fileSHA(t, path); got != sum {
					t.Error("the file's bytes changed")
				}
				fi, err := os.Stat(path)
				if err != nil || !fi.ModTime().Equal(old) {
					t.Errorf("mtime changed: %v, %v", fi.ModTime(), err)
				}
				for _, suffix := range []string{"-wal", "-shm", "-journal"} {
					if _, err := os.Stat(path + suffix); !os.IsNotExist(err) {
						t.Errorf("%s created beside a damaged file", suffix)
					}
				}
				// The lock is released: a second attempt says damaged, not busy.
				_, err = Open(dir, Options{NoAutoBackup: true, Clock: testClock()})
				wantCode(t, err, incident.CodeDamaged)
			})
		}
	}
}

// A journal without its database is never replayed into a new file.
func TestOrphanWALIsNotReplayed(t *testing.T) {
	dir := t.TempDir()
	wal := filepath.Join(dir, DBName+"-wal")
	if err := os.WriteFile(wal, []byte("not empty"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir, Options{NoAutoBackup: true})
	wantCode(t, err, incident.CodeDamaged)
	if _, err := os.Stat(filepath.Join(dir, DBName)); !os.IsNotExist(err) {
		t.Error("a database was created beside an orphan WAL")
	}
	if b, _ := os.ReadFile(wal); string(b) != "not empty" {
		t.Error("the orphan WAL was changed")
	}
}
