//go:build windows

package filechooser

import (
	"context"
	"errors"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

var (
	procFindWindow = user32.NewProc("FindWindowW")
)

// The common dialog opens with the title asked for, and cancelling the
// context (the app locking) closes it. It needs a window station, so it
// runs on Windows or under Wine with a display (make test-windows).
func TestAskWindowsDialogClosesOnCancel(t *testing.T) {
	const title = "leakdesk 添加证据 test"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := Ask(ctx, Request{Title: title, Multiple: true, Filters: []Filter{{"图片", []string{"*.png"}}}})
		done <- err
	}()
	cls, _ := syscall.UTF16PtrFromString("#32770")
	name, _ := syscall.UTF16PtrFromString(title)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if h, _, _ := procFindWindow.Call(uintptr(unsafe.Pointer(cls)), uintptr(unsafe.Pointer(name))); h != 0 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the dialog ended before it was seen: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("no dialog window with the title appeared")
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v, want context.Canceled", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the dialog did not close when the context was cancelled")
	}
	if h, _, _ := procFindWindow.Call(uintptr(unsafe.Pointer(cls)), uintptr(unsafe.Pointer(name))); h != 0 {
		t.Error("the dialog window is still there")
	}
}
