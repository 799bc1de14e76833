//go:build windows

package session

import (
	"testing"
	"time"
)

// TestWatchWindows posts to the hidden window what Windows sends on a
// session lock and before a suspend, and a session unlock and a resume,
// which must not lock. Runs on Windows (and under Wine).
func TestWatchWindows(t *testing.T) {
	got := make(chan Reason, 4)
	hwnd, done, err := startWindow(func(r Reason) { got <- r })
	if err != nil {
		t.Skipf("no window station: %v", err)
	}
	defer func() {
		procPostMessageW.Call(hwnd, wmClose, 0, 0)
		<-done
	}()
	const wtsSessionUnlock, pbtAPMResumeAutomatic = 0x8, 0x12
	for _, tc := range []struct {
		msg, wParam uintptr
		want        Reason
	}{
		{wmWTSSessionChange, wtsSessionUnlock, ""},
		{wmPowerBroadcast, pbtAPMResumeAutomatic, ""},
		{wmWTSSessionChange, wtsSessionLock, LockScreen},
		{wmPowerBroadcast, pbtAPMSuspend, Sleep},
	} {
		procPostMessageW.Call(hwnd, tc.msg, tc.wParam, 0)
		select {
		case r := <-got:
			if r != tc.want {
				t.Errorf("message %#x/%#x: lock %q, want %q", tc.msg, tc.wParam, r, tc.want)
			}
		case <-time.After(2 * time.Second):
			if tc.want != "" {
				t.Errorf("message %#x/%#x: no lock", tc.msg, tc.wParam)
			}
		}
	}
}
