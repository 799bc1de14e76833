package ui

import (
	"bytes"
	"errors"
	"log"
	"os"
	"strings"
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
