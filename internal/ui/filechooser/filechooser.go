// Package filechooser shows the desktop's own file dialog: the one a user
// knows from every other program, with its path box, bookmarks, several
// files at once and the system's language (issue 15 item 6). On Linux it
// asks the XDG desktop portal over D-Bus (GNOME, KDE and others provide
// it), on Windows it shows the common file dialog; elsewhere (macOS), or
// when the desktop has no portal, Ask reports ErrUnavailable and the
// caller shows Fyne's dialog instead.
//
// It never touches the app's data: it only returns the paths chosen.
package filechooser

import (
	"context"
	"errors"
)

// ErrUnavailable means there is no native dialog to show here; the caller
// falls back to its own.
var ErrUnavailable = errors.New("filechooser: no native file dialog")

// Filter offers a subset of files by name, e.g. {"PDF", {"*.pdf"}}.
type Filter struct {
	Name     string
	Patterns []string
}

// Request describes one dialog.
type Request struct {
	Title       string
	AcceptLabel string // the confirm button; empty: the dialog's own
	Save        bool   // ask where to write a new file, not for files to read
	Multiple    bool   // several files at once (reading only)
	Directory   bool   // a folder, not files (reading only)
	Folder      string // the folder it opens in; empty: the dialog's choice
	Name        string // saving: the suggested file name
	Filters     []Filter
	// Parent is the window the dialog belongs to, as the platform names
	// it: an X11 window id or a Windows HWND; 0 when unknown.
	Parent uintptr
	// Wayland is set when Parent is not an X11 window (the portal then
	// cannot place the dialog over it, and is given no parent).
	Wayland bool
}

// Ask shows the dialog and waits for the answer: the chosen paths, or none
// and no error when the user cancelled. Cancelling ctx closes the dialog
// (the app locking while it is open).
func Ask(ctx context.Context, r Request) ([]string, error) { return ask(ctx, r) }
