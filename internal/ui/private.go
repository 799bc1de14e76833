package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"leakdesk/internal/incident"
)

// Side channels outside the store (issue 17, F12): the journal, file
// modes, the clipboard.

// logError records what failed on stderr, which a desktop session sends
// to the system journal that other accounts (adm, wheel,
// systemd-journal) can read. Only the domain code and the Go types of the
// error chain go there, never the text: messages carry case titles, file
// names and paths.
func logError(what string, err error) {
	if err == nil {
		return
	}
	var types []string
	for e := err; e != nil; e = errors.Unwrap(e) {
		types = append(types, fmt.Sprintf("%T", e))
	}
	fyne.LogError(what, fmt.Errorf("code %s (%s)", incident.ErrorCode(err), strings.Join(types, " < ")))
}

// privateFile opens path for writing as a file only its owner can read:
// a save dialog (Fyne's uses os.Create) leaves it readable by every
// account under the usual umask. The mode narrows before the file is
// emptied and written, so no byte is ever readable by others.
func privateFile(path string) (io.WriteCloser, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Truncate(0); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// clipboardClearAfter is how long a copied secret stays on the clipboard:
// time to paste it into a password manager, not to linger in a clipboard
// history or a cloud-synced clipboard.
const clipboardClearAfter = time.Minute

// copySecret puts s on the clipboard and takes it off again after
// clipboardClearAfter, and when the app locks, unless something else was
// copied meanwhile.
func (u *appUI) copySecret(s string) {
	cb := u.app.Clipboard()
	cb.SetContent(s)
	u.clipSecret = s
	u.clipGen++
	gen := u.clipGen
	after := u.clipAfter
	if after == nil {
		after = func(d time.Duration, f func()) { time.AfterFunc(d, func() { fyne.Do(f) }) }
	}
	after(clipboardClearAfter, func() {
		if gen == u.clipGen {
			u.clearSecretClipboard()
		}
	})
}

// clearSecretClipboard empties the clipboard if it still holds the secret.
func (u *appUI) clearSecretClipboard() {
	if u.clipSecret == "" {
		return
	}
	if cb := u.app.Clipboard(); cb.Content() == u.clipSecret {
		cb.SetContent("")
	}
	u.clipSecret = ""
}
