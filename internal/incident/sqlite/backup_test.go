package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

func caseTitles(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", snapshotDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT title FROM cases ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

func TestBackupIsCheckedAndAtomic(t *testing.T) {
	s, svc := openTest(t, Options{})
	ctx := t.Context()
	if _, err := svc.CreateCase(ctx, incident.Case{Title: "A"}); err != nil {
		t.Fatal(err)
	}
	outDir := t.TempDir()
	out := filepath.Join(outDir, "snap.db")
	if err := svc.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if err := checkFile(out); err != nil {
		t.Fatal(err)
	}
	if got := caseTitles(t, out); len(got) != 1 || got[0] != "A" {
		t.Errorf("backup holds %v", got)
	}
	// Replacing an existing backup happens only with a complete copy: a
	// cancelled backup leaves the old file and no temporary.
	sum := fileSHA(t, out)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.Backup(cctx, out); err == nil {
		t.Fatal("a cancelled backup succeeded")
	}
	if fileSHA(t, out) != sum {
		t.Error("a failed backup changed the existing file")
	}
	entries, _ := os.ReadDir(outDir)
	if len(entries) != 1 {
		t.Errorf("files left in the target dir: %v", entries)
	}
	// A backup into a missing dir fails without leaving anything.
	if err := s.Backup(ctx, filepath.Join(outDir, "missing", "x.db")); err == nil {
		t.Error("backup into a missing dir succeeded")
	}
}

func TestAutoBackupDailyAndRotation(t *testing.T) {
	clock := incident.NewManualClock(time.Date(2025, 5, 1, 10, 0, 0, 0, time.UTC))
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{Clock: clock})
	if list, _ := Backups(dir); len(list) != 0 {
		t.Fatalf("a new store made a backup: %v", list)
	}
	for day := range 10 {
		clock.Set(time.Date(2025, 5, 1+day, 10, 0, 0, 0, time.UTC))
		if _, err := svc.CreateCase(t.Context(), incident.Case{Title: "x"}); err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second call of the day does nothing
			if err := s.AutoBackup(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
	}
	list, err := Backups(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != keepBackups {
		t.Fatalf("%d backups kept, want %d: %v", len(list), keepBackups, list)
	}
	for i, b := range list {
		want := time.Date(2025, 5, 10-i, 10, 0, 0, 0, time.UTC)
		if !b.Time.Equal(want) || b.Size == 0 || filepath.Base(b.Path) != "leakdesk-"+want.Format("20060102-150405")+".db" {
			t.Errorf("backup %d = %+v, want time %v", i, b, want)
		}
	}
	if got := caseTitles(t, list[0].Path); len(got) != 10 {
		t.Errorf("newest backup holds %d cases, want 10", len(got))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Opening on a new day makes that day's backup; opening again that day
	// does not.
	clock.Set(time.Date(2025, 5, 11, 9, 0, 0, 0, time.UTC))
	for range 2 {
		s2, err := Open(dir, Options{Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		s2.Close()
	}
	list, _ = Backups(dir)
	if len(list) != keepBackups || !list[0].Time.Equal(clock.Now()) {
		t.Errorf("after opening on a new day: %v", list)
	}
}

func TestRestoreRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{})
	ctx := t.Context()
	if _, err := svc.CreateCase(ctx, incident.Case{Title: "A"}); err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(t.TempDir(), "snap.db")
	if err := svc.Backup(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateCase(ctx, incident.Case{Title: "B"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// The restore's own backup is named by the clock it is given, like
	// every other backup, not by the machine's (issue 11).
	clock := testClock()
	if err := Restore(dir, snap, clock); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(filepath.Join(dir, DBName+suffix)); !os.IsNotExist(err) {
			t.Errorf("stale %s after restore", suffix)
		}
	}
	_, svc2 := openTestDir(t, dir, Options{})
	list, err := svc2.Cases(ctx, incident.CaseFilter{})
	if err != nil || len(list) != 1 || list[0].Title != "A" {
		t.Errorf("after restore: %+v %v", list, err)
	}
	// The state before the restore was backed up first.
	backups, _ := Backups(dir)
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	if !backups[0].Time.Equal(clock.Now()) {
		t.Errorf("pre-restore backup named %v, want the clock's %v", backups[0].Time, clock.Now())
	}
	if got := caseTitles(t, backups[0].Path); strings.Join(got, ",") != "A,B" {
		t.Errorf("pre-restore backup holds %v", got)
	}
}

func TestRestoreOverDamagedAndFromDamaged(t *testing.T) {
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{})
	if _, err := svc.CreateCase(t.Context(), incident.Case{Title: "A"}); err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(t.TempDir(), "snap.db")
	if err := svc.Backup(t.Context(), snap); err != nil {
		t.Fatal(err)
	}
	s.Close()
	path := filepath.Join(dir, DBName)

	// A damaged snapshot is refused and nothing changes.
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(bad, []byte("garbage garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	sum := fileSHA(t, path)
	wantCode(t, Restore(dir, bad, nil), incident.CodeDamaged)
	if fileSHA(t, path) != sum {
		t.Error("a refused restore changed the store")
	}

	// A damaged store with a WAL is kept byte for byte, then replaced.
	garbage := []byte(strings.Repeat("broken ", 1000))
	if err := os.WriteFile(path, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+"-wal", []byte("old wal"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Restore(dir, snap, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
		t.Error("the damaged store's WAL is still beside the restored file")
	}
	matches, _ := filepath.Glob(filepath.Join(dir, BackupsDir, damagedPrefix+"*.db"))
	if len(matches) != 1 {
		t.Fatalf("damaged copies: %v", matches)
	}
	if b, _ := os.ReadFile(matches[0]); string(b) != string(garbage) {
		t.Error("the damaged store was not kept byte for byte")
	}
	if b, _ := os.ReadFile(matches[0] + "-wal"); string(b) != "old wal" {
		t.Error("the damaged store's WAL was not kept")
	}
	_, svc2 := openTestDir(t, dir, Options{})
	if list, _ := svc2.Cases(t.Context(), incident.CaseFilter{}); len(list) != 1 || list[0].Title != "A" {
		t.Errorf("after restore: %+v", list)
	}
}

// Restoring an older version's backup migrates it at the next open.
func TestRestoreOlderVersion(t *testing.T) {
	old := t.TempDir()
	buildFixture(t, old, 1)
	dir := t.TempDir()
	s, _ := openTestDir(t, dir, Options{})
	s.Close()
	if err := Restore(dir, filepath.Join(old, DBName), nil); err != nil {
		t.Fatal(err)
	}
	_, svc := openTestDir(t, dir, Options{})
	checkFixture(t, svc, 1)
}

// RestoreContext reports its stages in order up to 1, and a context ended
// at any stage before the swap leaves the current data as it was, with
// ErrCancelled.
func TestRestoreContextProgressAndCancel(t *testing.T) {
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{})
	ctx := t.Context()
	if _, err := svc.CreateCase(ctx, incident.Case{Title: "A"}); err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(t.TempDir(), "snap.db")
	if err := svc.Backup(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateCase(ctx, incident.Case{Title: "B"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Cancel as each stage starts in turn (a cancel is heard when the next
	// one starts; the last, the swap, is not stopped): the data still
	// holds A and B.
	for stage := range 3 {
		cctx, cancel := context.WithCancel(ctx)
		seen := 0
		err := RestoreContext(cctx, dir, snap, RestoreOptions{Clock: testClock(), Progress: func(float64) {
			if seen == stage {
				cancel()
			}
			seen++
		}})
		cancel()
		if !errors.Is(err, incident.ErrCancelled) {
			t.Fatalf("cancelled at stage %d: %v, want ErrCancelled", stage, err)
		}
		if got := caseTitles(t, filepath.Join(dir, DBName)); strings.Join(got, ",") != "A,B" {
			t.Fatalf("cancelled at stage %d: the data holds %v, want A,B", stage, got)
		}
	}
	var steps []float64
	if err := RestoreContext(ctx, dir, snap, RestoreOptions{Clock: testClock(), Progress: func(v float64) { steps = append(steps, v) }}); err != nil {
		t.Fatal(err)
	}
	if len(steps) < 3 || steps[0] != 0 || steps[len(steps)-1] != 1 || !slices.IsSorted(steps) {
		t.Errorf("progress went %v, want rising from 0 to 1", steps)
	}
	if got := caseTitles(t, filepath.Join(dir, DBName)); strings.Join(got, ",") != "A" {
		t.Errorf("after restore: %v", got)
	}
}
