//go:build unix

package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"fyne.io/fyne/v2/test"
)

// Unix only: the mode bits and the umask are what keep these files
// private there; on Windows the data folder's ACL does (docs/windows.md).

// F12: files the GUI writes itself (the recovery-key file, "Save original
// as…") are 0600 whatever the umask.
func TestGUIFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, "")
	path := filepath.Join(t.TempDir(), "leakdesk-recovery-key.txt")
	// As the save dialog leaves it: created with the umask's mode.
	if err := os.WriteFile(path, []byte("old content, longer than the key"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.u.writeRecoveryKey(path, "ABCD-EFGH-JKMN")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("recovery-key file mode %v, want 0600", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); !bytes.Contains(b, []byte("ABCD-EFGH-JKMN")) || bytes.Contains(b, []byte("old content")) {
		t.Errorf("file content %q", b)
	}
}
