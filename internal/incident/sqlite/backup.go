package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/platform"
	"leakdesk/internal/vault"
)

const (
	backupPrefix  = "leakdesk-"
	damagedPrefix = "damaged-"        // never pruned, never offered as a good backup
	backupLayout  = "20060102-150405" // UTC
	keepBackups   = 7
)

// BackupInfo describes one automatic backup.
type BackupInfo struct {
	Path string
	Time time.Time // UTC, from the name
	Size int64
}

// Backup writes a checked snapshot of the store to path: VACUUM INTO a
// temporary file beside path, quick_check and application_id on the copy,
// fsync, rename. path is replaced only by a good, complete copy; a plain
// file copy of a live database would not be one.
func (s *Store) Backup(ctx context.Context, path string) (err error) {
	defer func() { err = spaceErr(err, s.dir, filepath.Dir(path)) }()
	// A connection of its own: the readers are query_only, which refuses
	// VACUUM INTO, and the writer may be busy with a long import.
	db, err := openPool(s.path, false)
	if err != nil {
		return mapErr(err)
	}
	defer db.Close()
	return backupInto(ctx, db, path)
}

// AutoBackup makes today's automatic backup in <dir>/backups unless one
// exists from today (local calendar day), and keeps the newest seven.
func (s *Store) AutoBackup(ctx context.Context) error {
	return s.autoBackup(ctx, false)
}

func (s *Store) autoBackup(ctx context.Context, force bool) error {
	now := s.clock.Now()
	if !force {
		if list, err := Backups(s.dir); err == nil && len(list) > 0 {
			y1, m1, d1 := list[0].Time.Local().Date()
			y2, m2, d2 := now.Local().Date()
			if y1 == y2 && m1 == m2 && d1 == d2 {
				return nil
			}
		}
	}
	path, err := newBackupPath(s.dir, now, backupPrefix)
	if err != nil {
		return mapErr(err)
	}
	if err := s.Backup(ctx, path); err != nil {
		return err
	}
	return pruneBackups(s.dir)
}

// newBackupPath returns an unused name prefix+time[-N].db in the backups
// dir, creating the dir 0700.
func newBackupPath(dir string, now time.Time, prefix string) (string, error) {
	bdir := filepath.Join(dir, BackupsDir)
	if err := ensureDir(bdir); err != nil {
		return "", err
	}
	base := prefix + now.UTC().Format(backupLayout)
	for i := 1; ; i++ {
		name := base + ".db"
		if i > 1 {
			name = base + "-" + strconv.Itoa(i) + ".db"
		}
		p := filepath.Join(bdir, name)
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p, nil
		} else if err != nil {
			return "", err
		}
	}
}

// backupInto snapshots db into dest atomically.
func backupInto(ctx context.Context, db *sql.DB, dest string) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	dir := filepath.Dir(dest)
	// VACUUM INTO accepts an existing empty file, so we create it 0600
	// first rather than letting SQLite create it with the umask's mode.
	tmp, err := createPrivate(dir, filepath.Base(dest)+tempMarker)
	if err != nil {
		return mapErr(err)
	}
	ok := false
	defer func() {
		if !ok {
			removeWithJournals(tmp)
		}
	}()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return mapErr(err)
	}
	if err := checkFile(tmp); err != nil {
		return incident.Errorf(incident.CodeInternal, "备份未通过校验，没有保存。", "The backup failed its check and was not kept.", err)
	}
	if err := fsyncFile(tmp); err != nil {
		return mapErr(err)
	}
	if err := renameFile(tmp, dest); err != nil {
		return mapErr(err)
	}
	ok = true
	return mapErr(fsyncDir(dir))
}

// Backups lists the automatic backups in dir, newest first.
func Backups(dir string) ([]BackupInfo, error) {
	bdir, entries, err := backupDirEntries(dir)
	if err != nil {
		return nil, err
	}
	var out []BackupInfo
	for _, e := range entries {
		t, ok := parseBackupName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{Path: filepath.Join(bdir, e.Name()), Time: t, Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// backupDirEntries reads the backups folder of the data folder dir: the one
// listing behind Backups (what Restore offers) and backupFiles (what
// deletion and re-keying reach). No folder yet means no backups.
func backupDirEntries(dir string) (string, []os.DirEntry, error) {
	bdir := filepath.Join(dir, BackupsDir)
	entries, err := os.ReadDir(bdir)
	if errors.Is(err, os.ErrNotExist) {
		return bdir, nil, nil
	}
	return bdir, entries, err
}

// parseBackupName accepts leakdesk-YYYYMMDD-HHMMSS.db and
// leakdesk-YYYYMMDD-HHMMSS-N.db (a second backup within one second).
func parseBackupName(name string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(name, backupPrefix)
	if !ok {
		return time.Time{}, false
	}
	rest, ok = strings.CutSuffix(rest, ".db")
	if !ok || len(rest) < len(backupLayout) {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(backupLayout, rest[:len(backupLayout)], time.UTC)
	if err != nil {
		return time.Time{}, false
	}
	if tail := rest[len(backupLayout):]; tail != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(tail, "-"))
		if !strings.HasPrefix(tail, "-") || err != nil || n < 2 {
			return time.Time{}, false
		}
	}
	return t, true
}

func pruneBackups(dir string) error {
	list, err := Backups(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, b := range list[min(len(list), keepBackups):] {
		errs = append(errs, os.Remove(b.Path))
	}
	return errors.Join(errs...)
}

// Restore replaces the store in dir with snapshot. The store must be closed:
// Restore takes the dir lock itself (CodeBusy otherwise). It checks the
// snapshot, backs up the current database first (a damaged one is copied
// byte for byte as backups/damaged-*.db), and swaps the files with a rename,
// so a crash leaves the old or the new database. The next Open migrates the
// snapshot if it is from an older version.
//
// A clear snapshot is refused with ErrClearRestore when the current data is
// encrypted: restoring it would silently turn encryption off (issue 17,
// F9). RestoreEncrypted restores it and encrypts it again.
//
// clock names the backup of the current database, as the store's clock
// names its other backups (nil: the system clock).
func Restore(dir, snapshot string, clocks ...incident.Clock) error {
	var clock incident.Clock
	if len(clocks) > 0 {
		clock = clocks[0]
	}
	return RestoreContext(context.Background(), dir, snapshot, RestoreOptions{Clock: clock})
}

// RestoreOptions are a restore's clock and the caller's view of it.
type RestoreOptions struct {
	// Clock names the backup of the current database (nil: the system clock).
	Clock incident.Clock
	// Progress, when set, hears the share of the restore done (0 to 1) as
	// each of its stages starts: checking the backup, copying it, backing
	// up the current data, swapping the files. Each stage is one SQLite
	// statement that reports nothing while it runs, so the share moves in
	// steps, weighted by what each stage reads on a large store.
	Progress func(done float64)
}

// RestoreContext is Restore for the window: ctx cancels it (the window
// locks, or closes) up to the swap, leaving the current data as it was;
// the answer is then incident.ErrCancelled.
func RestoreContext(ctx context.Context, dir, snapshot string, o RestoreOptions) error {
	// A relative path would become a file: URI whose first element SQLite
	// reads as an authority, and a good backup would be called damaged.
	snapshot, err := filepath.Abs(snapshot)
	if err != nil {
		return err
	}
	dir, lk, err := lockForRestore(dir)
	if err != nil {
		return err
	}
	defer lk.unlock()
	if snapshotSealed(ctx, snapshot) == snapshotIsClear && currentEncrypted(dir) {
		return ErrClearRestore
	}
	return restoreLocked(ctx, dir, snapshot, o)
}

// ErrClearRestore: the backup is not encrypted but the data is. The
// domain owns it, so the window can tell it apart and ask for the
// passphrase (RestoreEncrypted) as the command line does.
var ErrClearRestore = incident.ErrClearRestore

// RestoreEncrypted restores a clear snapshot into a data dir whose data is
// encrypted, encrypting it with the current passphrase before it takes the
// store's place: the restored cases are never in the clear at the store's
// path. It returns the new recovery key (a new vault key is made).
// Errors: CodeWrongPassphrase, CodeDamaged.
func RestoreEncrypted(dir, snapshot string, passphrase []byte, opts Options) (string, error) {
	snapshot, err := filepath.Abs(snapshot)
	if err != nil {
		return "", err
	}
	dir, lk, err := lockForRestore(dir)
	if err != nil {
		return "", err
	}
	defer lk.unlock()
	ctx := context.Background()
	cur, err := currentHeader(dir)
	if err != nil {
		return "", err
	}
	if cur != nil {
		h, err := parseHeader(cur)
		if err != nil {
			return "", err
		}
		v, err := vault.Unlock(h, passphrase)
		if err != nil {
			return "", unlockErr(err)
		}
		v.Close()
	}
	// Encrypt in a scratch data dir beside the store; a crash leaves only
	// that dir, which the next open or restore removes.
	tmp, err := os.MkdirTemp(dir, "restore"+tempMarker)
	if err != nil {
		return "", mapErr(err)
	}
	defer os.RemoveAll(tmp)
	if err := Restore(tmp, snapshot, opts.Clock); err != nil {
		return "", err
	}
	opts.NoAutoBackup = true
	st, err := Open(tmp, opts)
	if err != nil {
		return "", err
	}
	recovery, err := st.EnableEncryption(ctx, passphrase)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	return recovery, restoreLocked(ctx, dir, filepath.Join(tmp, DBName), RestoreOptions{Clock: opts.Clock})
}

func lockForRestore(dir string) (string, *dirLock, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", nil, err
	}
	if err := ensureDir(dir); err != nil {
		return "", nil, mapErr(err)
	}
	enableOFDLocks()
	lk, err := lockDir(dir)
	if err != nil {
		return "", nil, err
	}
	removeStaleTemps(dir)
	return dir, lk, nil
}

// currentHeader reads the vault header of the store in dir without
// changing anything; nil when there is no store or it is clear.
func currentHeader(dir string) ([]byte, error) {
	path := filepath.Join(dir, DBName)
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if checkFile(path) != nil {
		return nil, nil
	}
	db, err := sql.Open("sqlite", snapshotDSN(path))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'vault'").Scan(&n); err != nil || n == 0 {
		return nil, nil
	}
	return readHeader(context.Background(), db)
}

// currentEncrypted reports whether the store in dir is encrypted; a
// damaged one counts as encrypted when it carries a vault header's magic,
// so a clear backup is not let in on a guess.
func currentEncrypted(dir string) bool {
	if h, err := currentHeader(dir); err == nil && h != nil {
		return true
	}
	path := filepath.Join(dir, DBName)
	return checkFile(path) != nil && hasVaultMagic(path)
}

// hasVaultMagic reports whether a file contains a vault header's magic:
// how a damaged copy, which SQLite cannot be trusted to read, is told to
// be (or not be) a copy of an encrypted store.
func hasVaultMagic(path string) bool {
	b, err := os.ReadFile(path)
	return err == nil && bytes.Contains(b, []byte("LDVH\x01"))
}

// restoreLocked is Restore with the dir lock held.
func restoreLocked(ctx context.Context, dir, snapshot string, o RestoreOptions) error {
	clock := o.Clock
	if clock == nil {
		clock = incident.SystemClock{}
	}
	// stage reports the share done and stops here when ctx has ended.
	stage := func(done float64) error {
		if ctx.Err() != nil {
			return incident.ErrCancelled
		}
		if o.Progress != nil {
			o.Progress(done)
		}
		return nil
	}
	if err := stage(0); err != nil {
		return err
	}
	if err := checkFile(snapshot); err != nil {
		return incident.Errorf(incident.CodeDamaged,
			fmt.Sprintf("备份文件 %s 已损坏或不是 leakdesk 的备份，没有恢复。", snapshot),
			fmt.Sprintf("The backup %s is damaged or is not a leakdesk backup; nothing was restored.", snapshot), err)
	}
	if err := stage(0.25); err != nil {
		return err
	}
	// Copy through SQLite rather than byte for byte, so committed
	// transactions in a -wal beside the snapshot come along.
	src, err := sql.Open("sqlite", snapshotDSN(snapshot))
	if err != nil {
		return err
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	if v, err := userVersion(ctx, src); err != nil {
		return mapErr(err)
	} else if v > latestVersion() {
		return incident.Errorf(incident.CodeConflict,
			"这个备份由更新版本的 leakdesk 创建，请先升级 leakdesk。",
			"This backup was made by a newer leakdesk; update leakdesk first.", nil)
	}
	path := filepath.Join(dir, DBName)
	tmp := filepath.Join(dir, DBName+tempMarker+"restore")
	removeWithJournals(tmp)
	if err := backupInto(ctx, src, tmp); err != nil {
		return cancelledOr(ctx, err)
	}
	ok := false
	defer func() {
		if !ok {
			removeWithJournals(tmp)
		}
	}()
	if err := stage(0.6); err != nil {
		return err
	}
	now := clock.Now()
	if _, err := os.Lstat(path); err == nil {
		if err := backupCurrent(ctx, dir, path, now); err != nil {
			return cancelledOr(ctx, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return mapErr(err)
	}
	// The last moment a cancel is heard: from here the files are swapped.
	if err := stage(0.95); err != nil {
		return err
	}
	// The WAL and shm belong to the old file: replayed onto the restored
	// one they would corrupt it. The old file's WAL content is in the
	// backup made above.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return mapErr(err)
		}
	}
	if err := renameFile(tmp, path); err != nil {
		return mapErr(err)
	}
	ok = true
	if err := fsyncDir(dir); err != nil {
		return mapErr(err)
	}
	if o.Progress != nil {
		o.Progress(1)
	}
	return nil
}

// cancelledOr is err, or incident.ErrCancelled when ctx has ended (SQLite
// stops a statement whose context ends with its own error).
func cancelledOr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return incident.ErrCancelled
	}
	return err
}

func snapshotDSN(path string) string {
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return walReadDSN(path)
	}
	return checkDSN(path)
}

// backupCurrent saves the database Restore is about to replace.
func backupCurrent(ctx context.Context, dir, path string, now time.Time) error {
	if checkFile(path) == nil {
		dest, err := newBackupPath(dir, now, backupPrefix)
		if err != nil {
			return mapErr(err)
		}
		db, err := openPool(path, false)
		if err != nil {
			return mapErr(err)
		}
		err = backupInto(ctx, db, dest)
		// Closing checkpoints the WAL into the file and removes it.
		if cerr := db.Close(); err == nil {
			err = mapErr(cerr)
		}
		return err
	}
	// Damaged: keep its exact bytes, WAL included, for a rescue later.
	dest, err := newBackupPath(dir, now, damagedPrefix)
	if err != nil {
		return mapErr(err)
	}
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(path+suffix, dest+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return mapErr(err)
		}
	}
	return nil
}

// copyFile copies src to a new file dst (0600) and fsyncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	err = errors.Join(err, platform.MakePrivate(out), out.Sync(), out.Close())
	if err != nil {
		os.Remove(dst)
	}
	return err
}
