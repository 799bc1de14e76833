package sqlite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// tempMarker is in the name of every file we write before renaming it into
// place; one left by a crash is removed at the next open (under the lock).
const tempMarker = ".tmp-"

// ensureDir creates dir 0700 and tightens an existing one: the data dir
// holds ID numbers and scam evidence, and umask must not decide who reads it.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}

// createPrivate creates a new, empty file named prefix+random in dir with
// mode 0600 regardless of umask and returns its path.
func createPrivate(dir, prefix string) (string, error) {
	f, err := os.CreateTemp(dir, prefix+"*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	err = errors.Join(f.Chmod(0o600), f.Close())
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

func chmodIfExists(path string, mode os.FileMode) error {
	err := os.Chmod(path, mode)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

func fsyncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// fsyncDir makes a rename durable. Windows cannot open directories for
// syncing and does not need it.
func fsyncDir(dir string) error {
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

func removeWithJournals(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		_ = os.Remove(path + suffix)
	}
}

// removeStaleTemps deletes temporary files a crash left in the data dir and
// its backups dir. Called with the dir lock held, so no one is writing them.
func removeStaleTemps(dir string) {
	for _, d := range []string{dir, filepath.Join(dir, BackupsDir)} {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if strings.Contains(e.Name(), tempMarker) && e.Type().IsRegular() {
				_ = os.Remove(filepath.Join(d, e.Name()))
			}
		}
	}
}
