package sqlite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"leakdesk/internal/platform"
)

// tempMarker is in the name of every file we write before renaming it into
// place; one left by a crash is removed at the next open (under the lock).
const tempMarker = ".tmp-"

// ensureDir creates dir 0700 and tightens an existing one: the data dir
// holds ID numbers and scam evidence, and umask must not decide who reads it.
// (On Windows: a private ACL; see internal/platform.)
func ensureDir(dir string) error { return platform.PrivateDir(dir) }

// createPrivate creates a new, empty file named prefix+random in dir with
// mode 0600 regardless of umask (on Windows: the folder's ACL) and returns
// its path.
func createPrivate(dir, prefix string) (string, error) {
	f, err := os.CreateTemp(dir, prefix+"*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	err = errors.Join(platform.MakePrivate(f), f.Close())
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// makePrivateIfExists makes a file 0600 (on Unix) when it exists.
func makePrivateIfExists(path string) error { return platform.MakePrivateIfExists(path) }

func fsyncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// renameFile replaces newpath with oldpath; fsyncDir then makes it durable.
// (Windows writes the rename through instead; see internal/platform.)
func renameFile(oldpath, newpath string) error { return platform.Rename(oldpath, newpath) }

// fsyncDir makes a rename durable.
func fsyncDir(dir string) error { return platform.SyncDir(dir) }

func removeWithJournals(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		_ = os.Remove(path + suffix)
	}
}

// staleExhibitTemps matches the plaintext evidence files that versions
// before issue 17 wrote to the system temp dir for exhibits over 16 MiB
// and left behind when killed.
const staleExhibitTemps = "leakdesk-exhibit-*"

// removeStaleTemps deletes temporary files a crash left in the data dir and
// its backups dir. Called with the dir lock held, so no one is writing them.
// Plaintext evidence an older version left in the system temp dir goes too.
func removeStaleTemps(dir string) {
	if old, err := filepath.Glob(filepath.Join(os.TempDir(), staleExhibitTemps)); err == nil {
		for _, p := range old {
			if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() {
				_ = os.Remove(p)
			}
		}
	}
	for _, d := range []string{dir, filepath.Join(dir, BackupsDir)} {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			switch {
			case !strings.Contains(e.Name(), tempMarker):
			case e.Type().IsRegular():
				_ = os.Remove(filepath.Join(d, e.Name()))
			case e.IsDir() && d == dir:
				// A scratch data dir of RestoreEncrypted.
				_ = os.RemoveAll(filepath.Join(d, e.Name()))
			}
		}
	}
}
