//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package sqlite

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"leakdesk/internal/incident"
)

// TestPermissions is R7: with umask 022 every directory is 0700 and every
// file 0600, the WAL, shm, lock and backups included.
func TestPermissions(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)

	dir := filepath.Join(t.TempDir(), "data")
	// An existing, too-open data dir is tightened too.
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s, svc := openTestDir(t, dir, Options{})
	if _, err := svc.CreateCase(t.Context(), incident.Case{Title: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AutoBackup(t.Context()); err != nil {
		t.Fatal(err)
	}
	outDir := t.TempDir()
	out := filepath.Join(outDir, "manual.db")
	if err := s.Backup(t.Context(), out); err != nil {
		t.Fatal(err)
	}
	check := func(path string, want os.FileMode) {
		t.Helper()
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", path, got, want)
		}
	}
	check(dir, 0o700)
	check(filepath.Join(dir, DBName), 0o600)
	check(filepath.Join(dir, DBName+"-wal"), 0o600)
	check(filepath.Join(dir, DBName+"-shm"), 0o600)
	check(filepath.Join(dir, LockName), 0o600)
	check(filepath.Join(dir, BackupsDir), 0o700)
	list, err := Backups(dir)
	if err != nil || len(list) != 1 {
		t.Fatalf("backups: %v %v", list, err)
	}
	check(list[0].Path, 0o600)
	check(out, 0o600)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			check(filepath.Join(dir, e.Name()), 0o600)
		}
	}
	// Restore keeps the modes too.
	if err := Restore(dir, out, nil); err != nil {
		t.Fatal(err)
	}
	check(filepath.Join(dir, DBName), 0o600)
	list, _ = Backups(dir)
	for _, b := range list {
		check(b.Path, 0o600)
	}
}
