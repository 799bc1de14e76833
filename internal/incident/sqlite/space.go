package sqlite

import (
	"errors"

	"leakdesk/internal/incident"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// lowSpace is how little room left on a file system counts as full: SQLite
// needs a few pages of WAL and shared memory for even a small write.
const lowSpace = 1 << 20

// spaceErr reports an I/O error as a full disk when one of dirs is out of
// room: SQLite gives a full disk as a plain I/O error (growing -shm or
// -wal), which would otherwise reach the user as "something went wrong".
func spaceErr(err error, dirs ...string) error {
	var de *incident.Error
	var se *msqlite.Error
	if err == nil || errors.As(err, &de) || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_IOERR {
		return err
	}
	for _, d := range dirs {
		if free, ok := freeBytes(d); ok && free < lowSpace {
			return diskFull(err)
		}
	}
	return err
}
