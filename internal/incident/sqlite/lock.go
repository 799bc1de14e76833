package sqlite

import (
	"errors"
	"os"
	"path/filepath"

	"leakdesk/internal/incident"
	"leakdesk/internal/platform"
)

// dirLock is the single-instance lock on a data dir: an exclusive lock on
// leakdesk.lock held while the store is open (and during Restore). The
// operating system drops it when the process dies, so a crash never leaves
// the data dir locked.
type dirLock struct {
	f *os.File
}

var errLocked = errors.New("lock held by another process")

// lockDir takes the lock or fails at once with CodeBusy.
func lockDir(dir string) (*dirLock, error) {
	path := filepath.Join(dir, LockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, mapErr(err)
	}
	if err := platform.MakePrivate(f); err != nil {
		f.Close()
		return nil, mapErr(err)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, busyError(err)
		}
		return nil, mapErr(err)
	}
	return &dirLock{f: f}, nil
}

func (l *dirLock) unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	// Closing the file releases the lock.
	err := l.f.Close()
	l.f = nil
	return err
}

func busyError(cause error) *incident.Error {
	return incident.Errorf(incident.CodeBusy,
		"数据已在另一个 leakdesk 窗口中打开。",
		"The data is open in another leakdesk window.", cause)
}
