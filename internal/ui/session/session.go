// Package session tells the app when the desktop wants it locked: the
// machine is about to sleep or hibernate, or the user's session or screen
// was locked (issue 17, F8). Keys left in memory through a suspend end up in
// the hibernation image, and a laptop whose lid was shut wakes up unlocked
// for the rest of the idle window; the idle timer alone cannot know either.
//
// Linux: logind's PrepareForSleep and the session's Lock signal on the
// system bus, the freedesktop and GNOME ScreenSaver ActiveChanged signals
// on the session bus (github.com/godbus/dbus/v5). Windows: the session
// notifications (WTS_SESSION_LOCK) and power broadcasts (PBT_APMSUSPEND)
// to a hidden window (watch_windows.go). macOS: nothing yet (Watch returns
// a no-op); see watch_other.go.
package session

// Reason says why the desktop asked for a lock.
type Reason string

const (
	Sleep      Reason = "sleep"       // suspend or hibernate is about to happen
	LockScreen Reason = "lock-screen" // the session or its screen was locked
)
