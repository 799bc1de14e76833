//go:build windows

package filechooser

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// The Windows common file dialog (GetOpenFileNameW / GetSaveFileNameW):
// without a hook or template Windows shows its current Explorer-style
// dialog, in the system's language, with the address bar, Quick access and
// several files at once.

var (
	comdlg32             = windows.NewLazySystemDLL("comdlg32.dll")
	procGetOpenFileName  = comdlg32.NewProc("GetOpenFileNameW")
	procGetSaveFileName  = comdlg32.NewProc("GetSaveFileNameW")
	procExtendedError    = comdlg32.NewProc("CommDlgExtendedError")
	user32               = windows.NewLazySystemDLL("user32.dll")
	procEnumThreadWindow = user32.NewProc("EnumThreadWindows")
	procGetClassName     = user32.NewProc("GetClassNameW")
	procPostMessage      = user32.NewProc("PostMessageW")
)

// openFileName is OPENFILENAMEW; Go lays it out as C does on amd64.
type openFileName struct {
	structSize    uint32
	owner         uintptr
	instance      uintptr
	filter        *uint16
	customFilter  *uint16
	maxCustFilter uint32
	filterIndex   uint32
	file          *uint16
	maxFile       uint32
	fileTitle     *uint16
	maxFileTitle  uint32
	initialDir    *uint16
	title         *uint16
	flags         uint32
	fileOffset    uint16
	fileExtension uint16
	defExt        *uint16
	custData      uintptr
	hook          uintptr
	templateName  *uint16
	reserved      uintptr
	reserved2     uint32
	flagsEx       uint32
}

const (
	ofnOverwritePrompt  = 0x00000002
	ofnNoChangeDir      = 0x00000008
	ofnAllowMultiSelect = 0x00000200
	ofnPathMustExist    = 0x00000800
	ofnFileMustExist    = 0x00001000
	ofnExplorer         = 0x00080000
	ofnLongNames        = 0x00200000
	// fileBuffer holds the chosen paths (UTF-16 units): several hundred
	// long names at once.
	fileBuffer = 1 << 16
	wmClose    = 0x0010
)

func ask(ctx context.Context, r Request) ([]string, error) {
	if r.Directory {
		// The common file dialog picks files only; Fyne's folder dialog
		// is shown instead.
		return nil, ErrUnavailable
	}
	type answer struct {
		paths []string
		err   error
	}
	got := make(chan answer, 1)
	tid := make(chan uint32, 1)
	go func() {
		// The dialog belongs to the thread that opens it; closing it
		// (ctx) finds it by that thread.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid <- windows.GetCurrentThreadId()
		p, err := show(r)
		got <- answer{p, err}
	}()
	thread := <-tid
	select {
	case a := <-got:
		return a.paths, a.err
	case <-ctx.Done():
		// Close the dialog until it is gone (it may not be up yet).
		for {
			closeThreadDialogs(thread)
			select {
			case <-got:
				return nil, ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
}

func show(r Request) ([]string, error) {
	buf := make([]uint16, fileBuffer)
	if r.Save && r.Name != "" {
		name, err := syscall.UTF16FromString(r.Name)
		if err == nil && len(name) < len(buf) {
			copy(buf, name)
		}
	}
	ofn := openFileName{
		structSize: uint32(unsafe.Sizeof(openFileName{})),
		owner:      r.Parent,
		file:       &buf[0],
		maxFile:    uint32(len(buf)),
		flags:      ofnExplorer | ofnLongNames | ofnNoChangeDir | ofnPathMustExist,
	}
	if f := comdlgFilter(r.Filters); f != "" {
		ofn.filter = wideString(f)
		ofn.filterIndex = 1
	}
	if r.Folder != "" {
		ofn.initialDir = wideString(r.Folder)
	}
	if r.Title != "" {
		ofn.title = wideString(r.Title)
	}
	proc := procGetOpenFileName
	if r.Save {
		proc = procGetSaveFileName
		ofn.flags |= ofnOverwritePrompt
		if ext := defaultExt(r.Filters); ext != "" {
			ofn.defExt = wideString(ext)
		}
	} else {
		ofn.flags |= ofnFileMustExist
		if r.Multiple {
			ofn.flags |= ofnAllowMultiSelect
		}
	}
	if err := proc.Find(); err != nil {
		return nil, ErrUnavailable
	}
	ok, _, _ := proc.Call(uintptr(unsafe.Pointer(&ofn)))
	runtime.KeepAlive(&ofn)
	if ok == 0 {
		code, _, _ := procExtendedError.Call()
		if code == 0 {
			return nil, nil // cancelled
		}
		return nil, fmt.Errorf("filechooser: common dialog error %#x", code)
	}
	return comdlgPaths(splitNUL(buf)), nil
}

// defaultExt is the extension the save dialog adds when the user types a
// name without one: the first filter's first pattern ("*.pdf" → "pdf").
func defaultExt(fs []Filter) string {
	if len(fs) == 0 || len(fs[0].Patterns) == 0 {
		return ""
	}
	ext := strings.TrimPrefix(fs[0].Patterns[0], "*.")
	if strings.ContainsAny(ext, "*?") {
		return ""
	}
	return ext
}

func wideString(s string) *uint16 {
	p, err := syscall.UTF16PtrFromString(s)
	if err != nil {
		return nil
	}
	return p
}

// closeThreadDialogs posts WM_CLOSE to the dialog windows (class #32770)
// of the thread.
func closeThreadDialogs(thread uint32) {
	procEnumThreadWindow.Call(uintptr(thread), closeDialogCallback, 0)
}

// closeDialogCallback is made once: Windows callbacks are a limited
// resource that is never freed.
var closeDialogCallback = syscall.NewCallback(func(hwnd uintptr, _ uintptr) uintptr {
	if isDialog(hwnd) {
		procPostMessage.Call(hwnd, wmClose, 0, 0)
	}
	return 1
})

// isDialog reports whether the window is a dialog box (class #32770).
func isDialog(hwnd uintptr) bool {
	name := make([]uint16, 64)
	n, _, _ := procGetClassName.Call(hwnd, uintptr(unsafe.Pointer(&name[0])), uintptr(len(name)))
	return syscall.UTF16ToString(name[:n]) == "#32770"
}
