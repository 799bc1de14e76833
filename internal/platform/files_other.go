//go:build !unix && !windows

package platform

import "os"

// On systems that are neither Unix nor Windows (none is released) the Unix
// modes are asked for and a failure to set them is not fatal.

func PrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	_ = os.Chmod(dir, 0o700)
	return nil
}

func MakePrivate(f *os.File) error { _ = f.Chmod(0o600); return nil }

func MakePrivatePath(path string) error {
	if _, err := os.Stat(path); err != nil {
		return err
	}
	_ = os.Chmod(path, 0o600)
	return nil
}

func Rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }

func SyncDir(dir string) error {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		f.Close()
	}
	return nil
}
