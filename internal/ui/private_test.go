package ui

import (
	"bytes"
	"errors"
	"log"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"leakdesk/internal/incident"
)

// F12 (issue 17): errors reach stderr (the system journal) without the
// titles, file names and paths their messages carry.
func TestErrorsLogNoPersonalText(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, "")
	var buf bytes.Buffer
	log.SetOutput(&buf)
	defer log.SetOutput(os.Stderr)
	f.u.showError(incident.Errorf(incident.CodeConflict, "证据“CANARY-title”已经存在。", "Exhibit \"CANARY-title\" exists.",
		errors.New("open /home/CANARY-user/Downloads/CANARY-file.jpg: permission denied")))
	logError("adding evidence", errors.New("CANARY-file.jpg: too large"))
	if strings.Contains(buf.String(), "CANARY") {
		t.Errorf("personal text in the log:\n%s", buf.String())
	}
	if !strings.Contains(buf.String(), "conflict") {
		t.Errorf("the log does not say what failed:\n%s", buf.String())
	}
}

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

// F12: the recovery key leaves the clipboard after a minute, and at lock,
// unless the user copied something else meanwhile.
func TestRecoveryKeyLeavesClipboard(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, "")
	f.enable()
	var fire func()
	var delay time.Duration
	f.u.clipAfter = func(d time.Duration, fn func()) { fire, delay = fn, d }
	const key = "ABCD-EFGH-JKMN-PQRS"
	cb := a.Clipboard()
	copyKey := func() {
		f.u.showRecoveryKey(key)
		test.Tap(f.button(f.overlay(), "Copy"))
		if cb.Content() != key {
			t.Fatalf("clipboard %q after Copy", cb.Content())
		}
	}
	copyKey()
	if fire == nil || delay != time.Minute {
		t.Fatalf("no clearing scheduled (%v)", delay)
	}
	fire()
	if cb.Content() != "" {
		t.Errorf("the recovery key is still on the clipboard after a minute")
	}
	copyKey()
	cb.SetContent("something the user copied")
	fire()
	if cb.Content() != "something the user copied" {
		t.Errorf("clearing took the user's own copy: %q", cb.Content())
	}
	copyKey()
	f.u.lockNow()
	if cb.Content() != "" {
		t.Errorf("the recovery key is still on the clipboard after locking")
	}
}
