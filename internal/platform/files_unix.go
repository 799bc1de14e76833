//go:build unix

package platform

import (
	"errors"
	"os"
	"strings"
)

// PrivateDir creates dir 0700 and tightens an existing one: the data dir
// holds ID numbers and scam evidence, and umask must not decide who reads it.
func PrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}

// MakePrivate makes an open file 0600 regardless of umask.
func MakePrivate(f *os.File) error { return f.Chmod(0o600) }

// MakePrivatePath makes the file at path 0600.
func MakePrivatePath(path string) error { return os.Chmod(path, 0o600) }

// Rename moves oldpath to newpath, replacing it. The rename is durable only
// after SyncDir of newpath's directory.
func Rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }

// SyncDir makes a rename or create in dir durable. A directory that cannot
// be opened, or a file system that cannot sync one, is not an error: the
// data itself was synced before.
func SyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	err = f.Sync()
	f.Close()
	if err != nil && isUnsupportedSync(err) {
		return nil
	}
	return err
}

func isUnsupportedSync(err error) bool {
	var pe *os.PathError
	return errors.As(err, &pe) && (strings.Contains(pe.Err.Error(), "invalid argument") || strings.Contains(pe.Err.Error(), "not supported"))
}
