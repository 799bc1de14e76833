//go:build linux

package session

import (
	"bufio"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// privateBus starts a dbus-daemon of its own for the test and returns its
// address; the desktop's buses are never touched.
func privateBus(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Skip("dbus-daemon is not installed (Makefile TEST_DEPS: dbus-daemon)")
	}
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(line)
}

func connect(t *testing.T, addr string) *dbus.Conn {
	t.Helper()
	c, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// The signals a desktop sends reach onLock with the right reason, and
// those that do not ask for a lock (waking up, a screen saver switching
// off, another session's lock) do not.
func TestWatchLocksOnSleepAndScreenLock(t *testing.T) {
	addr := privateBus(t)
	system, sess, emitter := connect(t, addr), connect(t, addr), connect(t, addr)
	const ours = dbus.ObjectPath("/org/freedesktop/login1/session/_32")
	got := make(chan Reason, 8)
	stop := watchConns(system, sess, ours, func(r Reason) { got <- r })
	defer stop()

	for _, tc := range []struct {
		path dbus.ObjectPath
		name string
		body []any
		want Reason // "" = no lock
	}{
		{login1Path, sigPrepareForSleep, []any{false}, ""},
		{login1Path, sigPrepareForSleep, []any{true}, Sleep},
		{"/org/freedesktop/login1/session/_99", sigSessionLock, nil, ""},
		{ours, sigSessionLock, nil, LockScreen},
		{"/org/freedesktop/ScreenSaver", sigScreenSaver, []any{false}, ""},
		{"/org/freedesktop/ScreenSaver", sigScreenSaver, []any{true}, LockScreen},
		{"/org/gnome/ScreenSaver", sigGnomeSaver, []any{true}, LockScreen},
	} {
		if err := emitter.Emit(tc.path, tc.name, tc.body...); err != nil {
			t.Fatal(err)
		}
		select {
		case r := <-got:
			if r != tc.want {
				t.Errorf("%s %v on %s: lock %q, want %q", tc.name, tc.body, tc.path, r, tc.want)
			}
		case <-time.After(500 * time.Millisecond):
			if tc.want != "" {
				t.Errorf("%s %v on %s: no lock, want %q", tc.name, tc.body, tc.path, tc.want)
			}
		}
	}
	stop()
	if err := emitter.Emit(login1Path, sigPrepareForSleep, true); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-got:
		t.Errorf("lock %q after stop", r)
	case <-time.After(200 * time.Millisecond):
	}
}
