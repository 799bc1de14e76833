// Package platform holds what leakdesk does differently per operating
// system: how a private file or folder is made, how a rename is made
// durable, and which language the user's system speaks. Everything else in
// leakdesk is the same code everywhere; the differences live behind build
// tags here (files_unix.go, files_windows.go, files_other.go) so that a
// build for another system is one `go build` away.
//
// The Unix behaviour is the reference (RELIABILITY.md): data dir 0700,
// files 0600, fsync of the file and then of its directory after a rename.
// Windows has neither Unix modes nor directory fsync; docs/windows.md
// explains what stands in for them there.
package platform

import (
	"errors"
	"os"
)

// MakePrivateIfExists makes the file at path readable by the user only
// when it exists (see MakePrivate).
func MakePrivateIfExists(path string) error {
	err := MakePrivatePath(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
