//go:build !linux

package session

// Watch does nothing yet outside Linux; the idle timer (on the wall
// clock, so sleep counts as idle) and "lock when minimised" still apply.
//
// TODO(issue 17, F8): Windows — WTSRegisterSessionNotification for
// WTS_SESSION_LOCK and WM_POWERBROADCAST/PBT_APMSUSPEND on a message-only
// window (golang.org/x/sys/windows); macOS — NSWorkspaceWillSleepNotification
// and com.apple.screenIsLocked (needs cgo and Objective-C).
func Watch(onLock func(Reason)) (stop func()) { return func() {} }
