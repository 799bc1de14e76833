//go:build !linux

package filechooser

import "context"

// Only the Linux desktop portal is asked so far; Windows and macOS get
// Fyne's dialog.
func ask(context.Context, Request) ([]string, error) { return nil, ErrUnavailable }
