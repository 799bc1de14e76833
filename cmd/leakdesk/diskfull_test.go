//go:build linux

package main

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// fill writes into dir until the file system refuses.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return
		}
	}
}

// R2: on a full disk every writer says so in the user's language, nothing
// committed is lost, and no existing file (PDF, backup) is truncated.
func TestDiskFull(t *testing.T) {
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=6m,mode=0700"); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("cannot mount a small tmpfs here (%v); CI runs this as root", err)
		}
		t.Fatalf("mount tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, syscall.MNT_DETACH) })
	data := filepath.Join(mnt, "data")
	mustRun(t, data, "demo")
	pdfPath := filepath.Join(mnt, "police.pdf")
	mustRun(t, data, "export", "--case", "1", "--packet", "police", "--out", pdfPath)
	backupPath := filepath.Join(mnt, "copy.db")
	mustRun(t, data, "backup", "--out", backupPath)
	pdfSum, backupSum := fileSum(t, pdfPath), fileSum(t, backupPath)
	photo := make([]byte, 512<<10)
	rand.Read(photo)
	photoPath := writeFile(t, "photo.jpg", photo)

	fill(t, mnt)
	for _, args := range [][]string{
		{"evidence", "add", "--case", "1", photoPath},
		{"export", "--case", "1", "--packet", "full", "--out", pdfPath},
		{"backup", "--out", backupPath},
	} {
		r := cliRun(t, data, "zh_CN.UTF-8", append(args, "--verbose")...)
		if r.code != 1 || !strings.Contains(r.stderr, "磁盘空间不足") {
			t.Errorf("leakdesk %s on a full disk: exit %d, stderr %q; want exit 1 saying the disk is full",
				strings.Join(args, " "), r.code, r.stderr)
		}
	}
	if fileSum(t, pdfPath) != pdfSum || fileSum(t, backupPath) != backupSum {
		t.Error("an existing file was changed by a failed write")
	}
	entries, _ := os.ReadDir(mnt)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || strings.Contains(e.Name(), ".tmp") {
			t.Errorf("a partial file was left behind: %s", e.Name())
		}
	}

	os.Remove(filepath.Join(mnt, "filler"))
	if out := mustRun(t, data, "verify"); !strings.Contains(out, "3 exhibits") {
		t.Errorf("after freeing space, verify says %q; want the 3 demo exhibits intact", out)
	}
	mustRun(t, data, "evidence", "add", "--case", "1", photoPath)
}
