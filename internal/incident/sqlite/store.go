// Package sqlite keeps leakdesk's cases in one SQLite file per data dir, on
// modernc.org/sqlite (no cgo).
//
// The file is ours only after it has passed the checks in check.go; a file
// that fails them is never written to. Personal content passes through a
// Sealer on its way in and out, so encryption at rest can be added without
// changing the schema's users.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"leakdesk/internal/incident"
	"leakdesk/internal/vault"

	msqlite "modernc.org/sqlite"
)

// File names inside the data dir.
const (
	DBName     = "leakdesk.db"
	LockName   = "leakdesk.lock"
	BackupsDir = "backups"
)

// Options tune Open. The zero value is what the app uses.
type Options struct {
	// Sealer seals personal content; nil means stored as given (Identity).
	Sealer Sealer
	// Clock names backups and decides whether today's automatic backup is
	// due; nil means the system clock.
	Clock incident.Clock
	// NoAutoBackup skips the daily backup at open (tests and benchmarks);
	// the backup before a migration is made regardless.
	NoAutoBackup bool
	// Logf receives problems that do not stop the store from opening, such
	// as a failed daily backup; nil discards them.
	Logf func(format string, args ...any)

	// KDF is the Argon2id cost for a new or changed passphrase; zero means
	// vault.DefaultParams. Tests use small values; the cost of an existing
	// vault is read from its header.
	KDF vault.Params

	// vaultHook, when set (tests only), runs at named points inside the
	// transactions that change the vault; the crash tests kill the
	// process there.
	vaultHook func(stage string)

	// migrateHook, when set (tests only), runs inside each migration's
	// transaction before it commits and again after; the R6 test kills the
	// process there.
	migrateHook func(version int, committed bool)
}

// Store is the SQLite implementation of incident.Store.
type Store struct {
	dir    string
	path   string
	sealer Sealer
	clock  incident.Clock
	opts   Options
	lock   *dirLock

	// One writer connection: writes queue in Go instead of failing with
	// SQLITE_BUSY after busy_timeout while a long evidence import runs.
	wdb *sql.DB
	// Readers run deferred read-only transactions beside the writer (WAL).
	rdb *sql.DB

	// Every transaction holds modeMu for reading; turning encryption on or
	// off holds it for writing, so no transaction sees half of the switch.
	modeMu sync.RWMutex
	// ring is the vault state; nil when the store is not encrypted.
	ring atomic.Pointer[keyring]

	closeOnce sync.Once
	closeErr  error
}

var _ incident.Store = (*Store)(nil)

// Open opens (creating when missing) the store in dir. A second Open of the
// same dir, in this process or another, fails with CodeBusy; a file that is
// not a healthy leakdesk database fails with CodeDamaged and is left
// untouched.
func Open(dir string, opts Options) (*Store, error) {
	if opts.Sealer == nil {
		opts.Sealer = Identity{}
	}
	if opts.Clock == nil {
		opts.Clock = incident.SystemClock{}
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := ensureDir(dir); err != nil {
		return nil, mapErr(err)
	}
	enableOFDLocks()
	lk, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	s := &Store{dir: dir, path: filepath.Join(dir, DBName), sealer: opts.Sealer, clock: opts.Clock, opts: opts, lock: lk}
	if err := s.open(); err != nil {
		s.closeDBs()
		lk.unlock()
		return nil, spaceErr(err, dir)
	}
	return s, nil
}

func (s *Store) open() error {
	removeStaleTemps(s.dir)
	created := false
	if _, err := os.Lstat(s.path); errors.Is(err, os.ErrNotExist) {
		if err := s.create(); err != nil {
			return err
		}
		created = true
	} else if err != nil {
		return mapErr(err)
	} else if err := checkFile(s.path); err != nil {
		return damagedError(s.dir, err)
	}
	var err error
	if s.wdb, err = openPool(s.path, false); err != nil {
		return mapErr(err)
	}
	if s.rdb, err = openPool(s.path, true); err != nil {
		return mapErr(err)
	}
	// WAL and shm files inherit the database file's mode from SQLite, but
	// chmod them anyway in case they were left by something else.
	if err := s.wdb.Ping(); err != nil {
		return mapErr(err)
	}
	ctx := context.Background()
	version, err := userVersion(ctx, s.wdb)
	if err != nil {
		return mapErr(err)
	}
	if version > latestVersion() {
		return incident.Errorf(incident.CodeConflict,
			fmt.Sprintf("数据文件由更新版本的 leakdesk 创建（结构版本 %d），请升级 leakdesk 后再打开。", version),
			fmt.Sprintf("The data was written by a newer leakdesk (schema %d); update leakdesk to open it.", version), nil)
	}
	if err := checkSchema(ctx, s.wdb, version); err != nil {
		if isSchemaErr(err) {
			return damagedError(s.dir, err)
		}
		return mapErr(err)
	}
	if !created {
		// Before any backup of this start: a case whose undo window has
		// passed must not be copied into another backup (issue 17, F1).
		if _, err := s.PurgeDeleted(ctx, incident.PurgeCutoff(s.clock.Now())); err != nil {
			return err
		}
	}
	if version < latestVersion() {
		if err := s.autoBackup(ctx, true); err != nil {
			return err
		}
		if err := migrate(ctx, s.wdb, version, s.clock, s.opts.migrateHook); err != nil {
			return err
		}
	} else if !created && !s.opts.NoAutoBackup {
		if err := s.autoBackup(ctx, false); err != nil {
			s.opts.Logf("leakdesk: daily backup failed: %v", err)
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := makePrivateIfExists(s.path + suffix); err != nil {
			return mapErr(err)
		}
	}
	h, err := readHeader(ctx, s.wdb)
	if err != nil {
		return mapErr(err)
	}
	if h != nil {
		if err := s.canEncrypt(); err != nil {
			return err
		}
		s.ring.Store(&keyring{header: h})
		s.dropClearBackups(ctx)
		s.dropRevokedBackups(ctx)
	}
	return nil
}

// create builds a new database under a temporary name and renames it into
// place, so leakdesk.db is never a half-initialised or zero-byte file of
// ours: a zero-byte leakdesk.db is always someone else's damage.
func (s *Store) create() error {
	for _, suffix := range []string{"-wal", "-shm"} {
		if fi, err := os.Stat(s.path + suffix); err == nil && fi.Size() > 0 {
			// A journal without its database: never let SQLite replay it
			// into a fresh file, and never delete it.
			return damagedError(s.dir, fmt.Errorf("%s exists without %s", filepath.Base(s.path+suffix), DBName))
		}
	}
	tmp, err := createPrivate(s.dir, DBName+tempMarker)
	if err != nil {
		return mapErr(err)
	}
	ok := false
	defer func() {
		if !ok {
			removeWithJournals(tmp)
		}
	}()
	db, err := openPool(tmp, false)
	if err != nil {
		return mapErr(err)
	}
	err = migrate(context.Background(), db, 0, s.clock, s.opts.migrateHook)
	if cerr := db.Close(); err == nil && cerr != nil {
		err = mapErr(cerr)
	}
	if err != nil {
		return err
	}
	// Closing the last connection checkpointed and removed the WAL, so the
	// file alone is the whole database.
	if err := fsyncFile(tmp); err != nil {
		return mapErr(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		_ = os.Remove(s.path + suffix)
	}
	if err := renameFile(tmp, s.path); err != nil {
		return mapErr(err)
	}
	ok = true
	return mapErr(fsyncDir(s.dir))
}

// Dir returns the data dir.
func (s *Store) Dir() string { return s.dir }

// Close closes the database and releases the data dir.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.closeErr = s.closeDBs()
		if err := s.lock.unlock(); s.closeErr == nil {
			s.closeErr = err
		}
	})
	return s.closeErr
}

func (s *Store) closeDBs() error {
	s.Lock()
	var errs []error
	// Readers first, so the writer's close is the last connection and
	// checkpoints the WAL into the file.
	if s.rdb != nil {
		errs = append(errs, s.rdb.Close())
	}
	if s.wdb != nil {
		errs = append(errs, s.wdb.Close())
	}
	return errors.Join(errs...)
}

// View runs fn in a read-only transaction.
func (s *Store) View(ctx context.Context, fn func(incident.Tx) error) (err error) {
	defer func() { err = spaceErr(err, s.dir) }()
	s.modeMu.RLock()
	defer s.modeMu.RUnlock()
	tx, err := s.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return mapErr(err)
	}
	t, vs := s.newTx(ctx, tx)
	defer t.close()
	defer tx.Rollback()
	err = fn(t)
	if vs != nil {
		// A read never makes a key, but it may have cached some.
		vs.rolledBack()
	}
	return mapErr(err)
}

// newTx returns a transaction with the sealer the store uses now.
func (s *Store) newTx(ctx context.Context, tx *sql.Tx) (*tx, *vaultSealer) {
	r := s.ring.Load()
	if r == nil {
		return newTx(ctx, tx, s.sealer), nil
	}
	vs := newVaultSealer(r)
	t := newTx(ctx, tx, vs)
	vs.t = t
	return t, vs
}

// Update runs fn in one write transaction and commits when fn returns nil.
// The transaction itself ignores ctx's cancellation once it has begun: a
// cancelled COMMIT would leave the caller unsure what was saved. Long work
// inside fn (an import) watches ctx itself.
func (s *Store) Update(ctx context.Context, fn func(incident.Tx) error) (err error) {
	defer func() { err = spaceErr(err, s.dir) }()
	if ctx.Err() != nil {
		return incident.ErrCancelled
	}
	s.modeMu.RLock()
	defer s.modeMu.RUnlock()
	dbctx := context.WithoutCancel(ctx)
	tx, err := s.wdb.BeginTx(dbctx, nil)
	if err != nil {
		return mapErr(err)
	}
	t, vs := s.newTx(dbctx, tx)
	done := false
	defer func() {
		t.close()
		if !done {
			_ = tx.Rollback()
			if vs != nil {
				vs.rolledBack()
			}
		}
	}()
	if err := fn(t); err != nil {
		return mapErr(err)
	}
	if err := t.finishManifests(); err != nil {
		return mapErr(err)
	}
	t.close()
	done = true
	if err := tx.Commit(); err != nil {
		if vs != nil {
			vs.rolledBack()
		}
		return mapErr(err)
	}
	if vs != nil {
		vs.committed(t.deleted)
	}
	switch {
	case len(t.deleted) > 0:
		// The deleted case's rows (and its wrapped key) are zeroed in the
		// file by secure_delete but their old pages are still in the WAL.
		s.scrub(dbctx)
	case t.shred:
		// A deleted exhibit or an edited field: secure_delete zeroes the
		// old bytes in the new page image, which reaches the main file
		// only at a checkpoint; until then the file (what a sync client
		// or a copy of it sees) holds the old page.
		if _, err := s.wdb.ExecContext(dbctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			s.opts.Logf("leakdesk: checkpoint after a change: %v", err)
		}
	}
	if len(t.deletedExhibits) > 0 {
		if err := s.deleteFromBackups(dbctx, "exhibit", t.deletedExhibits); err != nil {
			s.opts.Logf("leakdesk: removing deleted exhibits from backups: %v", err)
		}
	}
	return nil
}

// enableOFDLocks makes SQLite's locks survive an os.Open+Close of the
// database file elsewhere in the process (checks, hashing, backups); with
// POSIX locks any such close silently drops them. It must happen before the
// first database is opened; later calls with the same value are harmless,
// and other platforms have no OFD locks.
func enableOFDLocks() {
	_, _ = msqlite.OFDLocking(true)
}
