package sqlite

import (
	"errors"
	"os"
	"path/filepath"
	"time"

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

// lockRetries × lockRetryGap is how long a lock held elsewhere is waited
// for before the data counts as open in another window. A store closed a
// moment ago can still be locked: the flock belongs to the open file, and a
// child that another thread of the same process is starting (fork, then
// exec) holds a copy of every descriptor until its exec closes them. Seen
// as "open in another window" between two back-to-back commands in one
// process while the PDF checker was being started. A real second window
// still gets its answer within the wait.
const (
	lockRetries  = 40
	lockRetryGap = 50 * time.Millisecond
)

// lockDir takes the lock, or fails with CodeBusy when it stays held.
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
	err = tryLock(f)
	for i := 0; errors.Is(err, errLocked) && i < lockRetries; i++ {
		time.Sleep(lockRetryGap)
		err = tryLock(f)
	}
	if err != nil {
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
