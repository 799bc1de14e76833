package ui

import (
	"context"
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"leakdesk/internal/ui/filechooser"
)

// askNative shows the desktop's own file dialog (Deps.AskFiles), opened in
// start when there is one, and hands the chosen paths to done on the UI
// goroutine; when the desktop has none,
// or the app was built without one (tests), fallback shows Fyne's instead.
// The dialog runs off the UI goroutine, since the desktop's is modal to
// the app's window but answers only when the user is done, and it closes
// when the app locks (lockNow).
func (u *appUI) askNative(r filechooser.Request, start fyne.ListableURI, done func(paths []string), fallback func()) {
	if u.deps.AskFiles == nil {
		fallback()
		return
	}
	if start != nil {
		r.Folder = start.Path()
	}
	r.Parent, r.Wayland = nativeWindow(u.win)
	ctx, cancel := context.WithCancel(u.ctx)
	if u.closeNative != nil {
		u.closeNative() // one at a time: a second click replaces the first
	}
	u.closeNative = cancel
	ask := u.deps.AskFiles
	var paths []string
	u.tasks.run(func() (err error) {
		paths, err = ask(ctx, r)
		return err
	}, func(err error) {
		if ctx.Err() != nil {
			return // locked or replaced meanwhile: nothing to hand over
		}
		cancel()
		u.closeNative = nil
		switch {
		case errors.Is(err, filechooser.ErrUnavailable):
			fallback()
		case err != nil:
			u.showError(fileDialogError(err))
		case len(paths) > 0:
			u.lastDir = filepath.Dir(paths[len(paths)-1])
			done(paths)
		}
	})
}

// nativeWindow names the app's window for the desktop's dialog, so the
// dialog opens over it: an X11 window id or a Windows HWND, or 0.
func nativeWindow(w fyne.Window) (handle uintptr, wayland bool) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return 0, false
	}
	nw.RunNative(func(c any) {
		switch c := c.(type) {
		case driver.X11WindowContext:
			handle = c.WindowHandle
		case driver.WindowsWindowContext:
			handle = c.HWND
		case driver.WaylandWindowContext:
			wayland = true
		}
	})
	return handle, wayland
}
