//go:build !linux && !windows

package filechooser

import "context"

// No native dialog is asked for on macOS yet (it needs cgo and AppKit):
// Fyne's is shown.
func ask(context.Context, Request) ([]string, error) { return nil, ErrUnavailable }
