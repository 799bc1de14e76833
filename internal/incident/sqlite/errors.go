package sqlite

import (
	"context"
	"errors"
	"syscall"

	"leakdesk/internal/incident"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// mapErr turns SQLite and file-system errors that the user can act on into
// domain errors; the rest pass through for the log.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var de *incident.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return incident.ErrCancelled
	}
	if errors.Is(err, syscall.ENOSPC) {
		return diskFull(err)
	}
	var se *msqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return diskFull(err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return incident.Errorf(incident.CodeBusy,
				"数据正被另一个 leakdesk 窗口使用，请稍后再试。",
				"The data is in use by another leakdesk window; try again in a moment.", err)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return incident.Errorf(incident.CodeDamaged,
				"数据文件已损坏，本次改动没有保存。请从备份恢复。",
				"The data file is damaged; this change was not saved. Restore a backup.", err)
		case sqlite3.SQLITE_INTERRUPT:
			return incident.ErrCancelled
		}
	}
	return err
}

func diskFull(err error) *incident.Error {
	return incident.Errorf(incident.CodeDiskFull,
		"磁盘空间不足，本次改动没有保存。请腾出空间后再试。",
		"The disk is full; this change was not saved. Free some space and try again.", err)
}
