package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"leakdesk/internal/incident"
)

// ApplicationID marks a SQLite file as leakdesk's ("LKDS"); a file without
// it is never migrated or written to.
const ApplicationID = 0x4C4B4453

const sqliteMagic = "SQLite format 3\x00"

// checkFile decides whether path is a healthy leakdesk database without
// changing it: not empty, a SQLite header, our application_id, and
// quick_check exactly "ok". The reason is returned for the log.
func checkFile(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	if fi.Size() == 0 {
		// SQLite would open it as a valid empty database.
		return errors.New("the file is empty (0 bytes)")
	}
	if err := checkHeader(path, fi.Size()); err != nil {
		return err
	}
	uri := checkDSN(path)
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		// Committed transactions may still be in the WAL after a crash: check
		// the database as SQLite will see it. Read-only: the main file is not
		// written, and the WAL already exists.
		uri = walReadDSN(path)
	}
	err = quickCheck(uri)
	if uri != checkDSN(path) {
		_ = makePrivateIfExists(path + "-shm")
	}
	return err
}

func checkHeader(path string, size int64) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return fmt.Errorf("too short for a SQLite file (%d bytes)", size)
	}
	if string(h[:16]) != sqliteMagic {
		return errors.New("not a SQLite file (header)")
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 {
		return fmt.Errorf("invalid page size %d", pageSize)
	}
	if size%pageSize != 0 {
		return fmt.Errorf("size %d is not a whole number of %d-byte pages (truncated?)", size, pageSize)
	}
	if id := binary.BigEndian.Uint32(h[68:72]); id != ApplicationID {
		return fmt.Errorf("application_id %#x is not leakdesk's (another program's database)", id)
	}
	return nil
}

// quickCheck runs PRAGMA quick_check, which reports problems as result rows
// with a nil Go error: anything but the single row "ok" fails.
func quickCheck(uri string) error {
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	var appID int64
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("reading application_id: %w", err)
	}
	if appID != ApplicationID {
		return fmt.Errorf("application_id %#x is not leakdesk's", appID)
	}
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("quick_check: %w", err)
	}
	defer rows.Close()
	var res []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("quick_check: %w", err)
		}
		if len(res) < 5 {
			res = append(res, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("quick_check: %w", err)
	}
	if len(res) != 1 || res[0] != "ok" {
		return fmt.Errorf("quick_check: %s", strings.Join(res, "; "))
	}
	return nil
}

// damagedError is the message for a data file we refuse to touch, naming
// the newest backup that passes the same checks.
func damagedError(dir string, cause error) *incident.Error {
	path := dir + string(os.PathSeparator) + DBName
	b, ok := NewestGoodBackup(dir)
	zh := fmt.Sprintf("数据文件 %s 已损坏，或不是 leakdesk 的数据文件。leakdesk 没有改动它。", path)
	en := fmt.Sprintf("The data file %s is damaged or is not a leakdesk data file. leakdesk has not changed it.", path)
	if ok {
		zh += fmt.Sprintf("最新的完好备份是 %s（%s），可以从它恢复。", b.Path, b.Time.Local().Format("2006-01-02 15:04"))
		en += fmt.Sprintf(" The newest good backup is %s (%s); you can restore it.", b.Path, b.Time.Local().Format("2006-01-02 15:04"))
	} else {
		zh += "没有找到完好的备份。请保留这个文件，不要删除。"
		en += " No good backup was found. Keep the file; do not delete it."
	}
	return incident.Errorf(incident.CodeDamaged, zh, en, cause)
}

// NewestGoodBackup returns the newest automatic backup in dir that passes
// the damaged-file checks, for offering a restore.
func NewestGoodBackup(dir string) (BackupInfo, bool) {
	list, err := Backups(dir)
	if err != nil {
		return BackupInfo{}, false
	}
	for _, b := range list {
		if checkFile(b.Path) == nil {
			return b, true
		}
	}
	return BackupInfo{}, false
}
