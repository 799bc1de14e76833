//go:build linux

package session

import (
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"leakdesk/internal/ui/dbustest"
)

// The signals a desktop sends reach onLock with the right reason, and
// those that do not ask for a lock (waking up, a screen saver switching
// off, another session's lock) do not.
func TestWatchLocksOnSleepAndScreenLock(t *testing.T) {
	addr := dbustest.PrivateBus(t)
	system, sess, emitter := dbustest.Connect(t, addr), dbustest.Connect(t, addr), dbustest.Connect(t, addr)
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
