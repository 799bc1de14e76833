package platform

import (
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a file next to path and renames it into place, so
// a failure (full disk, I/O error, a cancelled export) never leaves a
// partial file at path and never damages an existing one. The file is
// private (0600): what leakdesk writes is personal data. The CLI and the
// window write PDFs' siblings, bundles and case files through it.
func WriteFileAtomic(path string, write func(f *os.File) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = MakePrivate(f); err != nil {
		return err
	}
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = Rename(tmp, path); err != nil {
		return err
	}
	// Best effort: the file is whole either way, only the rename might not
	// survive a power cut on a file system that cannot sync a directory.
	_ = SyncDir(dir)
	return nil
}
