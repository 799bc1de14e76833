//go:build windows

package session

import (
	"errors"
	"runtime"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Windows tells a window, not a process: the session's lock arrives as
// WM_WTSSESSION_CHANGE once the window is registered with
// WTSRegisterSessionNotification, and an imminent sleep as
// WM_POWERBROADCAST/PBT_APMSUSPEND. Power broadcasts go to top-level
// windows only (never to message-only ones), so the app keeps a hidden
// top-level window, never shown, on a goroutine locked to its OS thread
// with its own message loop. RegisterSuspendResumeNotification adds the
// modern-standby (S0ix) suspend, which some laptops report only that way.

const (
	wmDestroy            = 0x0002
	wmClose              = 0x0010
	wmPowerBroadcast     = 0x0218
	wmWTSSessionChange   = 0x02B1
	pbtAPMSuspend        = 0x0004
	wtsSessionLock       = 0x7
	notifyForThisSession = 0
	deviceNotifyWindow   = 0
)

var (
	user32                = windows.NewLazySystemDLL("user32.dll")
	wtsapi32              = windows.NewLazySystemDLL("wtsapi32.dll")
	kernel32              = windows.NewLazySystemDLL("kernel32.dll")
	procRegisterClassExW  = user32.NewProc("RegisterClassExW")
	procCreateWindowExW   = user32.NewProc("CreateWindowExW")
	procDefWindowProcW    = user32.NewProc("DefWindowProcW")
	procDestroyWindow     = user32.NewProc("DestroyWindow")
	procGetMessageW       = user32.NewProc("GetMessageW")
	procTranslateMessage  = user32.NewProc("TranslateMessage")
	procDispatchMessageW  = user32.NewProc("DispatchMessageW")
	procPostMessageW      = user32.NewProc("PostMessageW")
	procPostQuitMessage   = user32.NewProc("PostQuitMessage")
	procRegisterSuspend   = user32.NewProc("RegisterSuspendResumeNotification")
	procUnregisterSuspend = user32.NewProc("UnregisterSuspendResumeNotification")
	procWTSRegister       = wtsapi32.NewProc("WTSRegisterSessionNotification")
	procWTSUnRegister     = wtsapi32.NewProc("WTSUnRegisterSessionNotification")
	procGetModuleHandleW  = kernel32.NewProc("GetModuleHandleW")
	className, _          = syscall.UTF16PtrFromString("leakdesk-session-watch")
	registerOnce          sync.Once
	registerErr           error
	watchersMu            sync.Mutex
	watchers              = map[uintptr]func(Reason){}
	wndProcCallback       = windows.NewCallback(wndProc)
)

type wndClassEx struct {
	size       uint32
	style      uint32
	wndProc    uintptr
	clsExtra   int32
	wndExtra   int32
	instance   windows.Handle
	icon       windows.Handle
	cursor     windows.Handle
	background windows.Handle
	menuName   *uint16
	className  *uint16
	iconSm     windows.Handle
}

type msg struct {
	hwnd    uintptr
	message uint32
	wParam  uintptr
	lParam  uintptr
	time    uint32
	pt      struct{ x, y int32 }
}

func wndProc(hwnd, message, wParam, lParam uintptr) uintptr {
	switch uint32(message) {
	case wmWTSSessionChange:
		if wParam == wtsSessionLock {
			notify(hwnd, LockScreen)
		}
	case wmPowerBroadcast:
		if wParam == pbtAPMSuspend {
			notify(hwnd, Sleep)
		}
		return 1 // TRUE: the request is granted
	case wmClose:
		procDestroyWindow.Call(hwnd)
		return 0
	case wmDestroy:
		procPostQuitMessage.Call(0)
		return 0
	}
	r, _, _ := procDefWindowProcW.Call(hwnd, message, wParam, lParam)
	return r
}

func notify(hwnd uintptr, why Reason) {
	watchersMu.Lock()
	f := watchers[hwnd]
	watchersMu.Unlock()
	if f != nil {
		// The message loop must not wait on the UI: onLock hands over.
		go f(why)
	}
}

// Watch calls onLock (from another goroutine) when the session is locked
// or the machine is about to sleep, until stop is called. If the window
// cannot be made (no desktop, a service session) Watch does nothing: the
// idle timer still works.
func Watch(onLock func(Reason)) (stop func()) {
	hwnd, done, err := startWindow(onLock)
	if err != nil {
		return func() {}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			procPostMessageW.Call(hwnd, wmClose, 0, 0)
			<-done
		})
	}
}

// startWindow makes the hidden window on its own locked thread and runs
// its message loop there until the window is closed.
func startWindow(onLock func(Reason)) (uintptr, chan struct{}, error) {
	type started struct {
		hwnd uintptr
		err  error
	}
	ready := make(chan started, 1)
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		defer close(done)
		hwnd, err := createWindow()
		if err != nil {
			ready <- started{err: err}
			return
		}
		watchersMu.Lock()
		watchers[hwnd] = onLock
		watchersMu.Unlock()
		defer func() {
			watchersMu.Lock()
			delete(watchers, hwnd)
			watchersMu.Unlock()
		}()
		// Either registration may fail (no session service, an old
		// Windows); the other still counts.
		wtsOK, _, _ := procWTSRegister.Call(hwnd, notifyForThisSession)
		var suspend uintptr
		if procRegisterSuspend.Find() == nil {
			suspend, _, _ = procRegisterSuspend.Call(hwnd, deviceNotifyWindow)
		}
		ready <- started{hwnd: hwnd}
		var m msg
		for {
			r, _, _ := procGetMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0)
			if int32(r) <= 0 { // WM_QUIT, or an error
				break
			}
			procTranslateMessage.Call(uintptr(unsafe.Pointer(&m)))
			procDispatchMessageW.Call(uintptr(unsafe.Pointer(&m)))
		}
		if wtsOK != 0 {
			procWTSUnRegister.Call(hwnd)
		}
		if suspend != 0 {
			procUnregisterSuspend.Call(suspend)
		}
	}()
	s := <-ready
	return s.hwnd, done, s.err
}

func createWindow() (uintptr, error) {
	inst, _, _ := procGetModuleHandleW.Call(0)
	registerOnce.Do(func() {
		wc := wndClassEx{wndProc: wndProcCallback, instance: windows.Handle(inst), className: className}
		wc.size = uint32(unsafe.Sizeof(wc))
		if r, _, err := procRegisterClassExW.Call(uintptr(unsafe.Pointer(&wc))); r == 0 {
			registerErr = err
		}
	})
	if registerErr != nil {
		return 0, registerErr
	}
	// A top-level window (no parent), never shown: WS_OVERLAPPED, no
	// WS_VISIBLE. Message-only windows (HWND_MESSAGE) get no broadcasts.
	hwnd, _, err := procCreateWindowExW.Call(0, uintptr(unsafe.Pointer(className)), uintptr(unsafe.Pointer(className)),
		0, 0, 0, 0, 0, 0, 0, inst, 0)
	if hwnd == 0 {
		if err == nil {
			err = errors.New("CreateWindowExW failed")
		}
		return 0, err
	}
	return hwnd, nil
}
