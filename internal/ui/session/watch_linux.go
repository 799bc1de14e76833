//go:build linux

package session

import (
	"os"
	"sync"

	"github.com/godbus/dbus/v5"
)

// Signal names, as godbus reports them (interface + "." + member).
const (
	sigPrepareForSleep = "org.freedesktop.login1.Manager.PrepareForSleep"
	sigSessionLock     = "org.freedesktop.login1.Session.Lock"
	sigScreenSaver     = "org.freedesktop.ScreenSaver.ActiveChanged"
	sigGnomeSaver      = "org.gnome.ScreenSaver.ActiveChanged"
	login1Path         = dbus.ObjectPath("/org/freedesktop/login1")
)

// Watch calls onLock (from another goroutine) whenever the desktop asks
// for a lock, until stop is called. Buses that cannot be reached (no
// desktop session, a sandbox) are skipped: the idle timer still works.
func Watch(onLock func(Reason)) (stop func()) {
	var system, sess *dbus.Conn
	if c, err := dbus.ConnectSystemBus(); err == nil {
		system = c
	}
	if c, err := dbus.ConnectSessionBus(); err == nil {
		sess = c
	}
	var path dbus.ObjectPath
	if system != nil {
		// Only our own session's Lock counts; another user's does not.
		_ = system.Object("org.freedesktop.login1", login1Path).
			Call("org.freedesktop.login1.Manager.GetSessionByPID", 0, uint32(os.Getpid())).Store(&path)
	}
	stopWatch := watchConns(system, sess, path, onLock)
	return func() {
		stopWatch()
		for _, c := range []*dbus.Conn{system, sess} {
			if c != nil {
				c.Close()
			}
		}
	}
}

// watchConns subscribes to the lock signals on the given connections
// (either may be nil); sessionPath is the login1 session whose Lock
// counts ("" ignores Lock). Tests pass connections to a private bus.
func watchConns(system, sess *dbus.Conn, sessionPath dbus.ObjectPath, onLock func(Reason)) (stop func()) {
	ch := make(chan *dbus.Signal, 16)
	var conns []*dbus.Conn
	if system != nil {
		ok := system.AddMatchSignal(dbus.WithMatchObjectPath(login1Path),
			dbus.WithMatchInterface("org.freedesktop.login1.Manager"), dbus.WithMatchMember("PrepareForSleep")) == nil
		if sessionPath != "" && system.AddMatchSignal(dbus.WithMatchObjectPath(sessionPath),
			dbus.WithMatchInterface("org.freedesktop.login1.Session"), dbus.WithMatchMember("Lock")) == nil {
			ok = true
		}
		if ok {
			conns = append(conns, system)
		}
	}
	if sess != nil {
		ok := false
		for _, iface := range []string{"org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"} {
			if sess.AddMatchSignal(dbus.WithMatchInterface(iface), dbus.WithMatchMember("ActiveChanged")) == nil {
				ok = true
			}
		}
		if ok {
			conns = append(conns, sess)
		}
	}
	for _, c := range conns {
		c.Signal(ch)
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case sig := <-ch:
				if r, ok := reason(sig, sessionPath); ok {
					onLock(r)
				}
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			for _, c := range conns {
				c.RemoveSignal(ch)
			}
			close(done)
		})
	}
}

// reason decides whether a signal asks for a lock: sleep starting (not
// ending), our session locked, a screen saver switching on.
func reason(sig *dbus.Signal, sessionPath dbus.ObjectPath) (Reason, bool) {
	if sig == nil {
		return "", false
	}
	first := func() bool {
		if len(sig.Body) == 0 {
			return false
		}
		b, ok := sig.Body[0].(bool)
		return ok && b
	}
	switch sig.Name {
	case sigPrepareForSleep:
		if sig.Path == login1Path && first() {
			return Sleep, true
		}
	case sigSessionLock:
		if sessionPath != "" && sig.Path == sessionPath {
			return LockScreen, true
		}
	case sigScreenSaver, sigGnomeSaver:
		if first() {
			return LockScreen, true
		}
	}
	return "", false
}
