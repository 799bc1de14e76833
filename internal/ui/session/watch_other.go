//go:build !linux && !windows

package session

// Watch does nothing on macOS (and other systems) yet; the idle timer (on
// the wall clock, so sleep counts as idle) and "lock when minimised" still
// apply.
//
// Not done (issue 17, F8): macOS needs NSWorkspaceWillSleepNotification
// and the com.apple.screenIsLocked distributed notification, through cgo
// and Objective-C, which the cross-built release cannot link today.
func Watch(onLock func(Reason)) (stop func()) { return func() {} }
