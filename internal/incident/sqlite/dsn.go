package sqlite

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Connection settings go in the DSN, never through Exec("PRAGMA ..."), which
// reaches one pooled connection only. The values run as SQL, so they are
// constants.
const (
	// Wait up to 5 s for a lock held by another connection before
	// SQLITE_BUSY; first, so the pragmas below wait too.
	pragmaBusyTimeout = "busy_timeout(5000)"
	// Enforce REFERENCES: deleting a case takes everything it holds along,
	// and no row can point at a missing case.
	pragmaForeignKeys = "foreign_keys(1)"
	// WAL: readers never block the writer, and a crash leaves the last
	// committed state.
	pragmaJournalWAL = "journal_mode(WAL)"
	// FULL: a commit is on disk (WAL fsynced) before it is acknowledged; a
	// power cut must not lose a case the user saw saved.
	pragmaSynchronous = "synchronous(FULL)"
	// Writers take the write lock at BEGIN, so a transaction never fails
	// halfway with SQLITE_BUSY when it upgrades from reading to writing.
	txLockImmediate = "immediate"
	// Deleted rows are overwritten with zeros in the file rather than left
	// in free pages: a purged case must not be readable from the disk.
	// (The WAL still holds old page images until a TRUNCATE checkpoint.)
	pragmaSecureDelete = "secure_delete(1)"
	// Read connections cannot write, even by mistake inside View.
	pragmaQueryOnly = "query_only(1)"
	// 16 MiB of page cache per reader (default 2 MiB), so the case list and
	// deadlines at 10,000 cases are served from memory after the first read.
	pragmaReadCache = "cache_size(-16384)"

	readConns = 4
)

// fileURI turns a path into a file: URI. Only the URI form passes mode=ro
// and immutable to SQLite (a plain path drops them and opens read-write),
// and it survives '?' and '#' in a user's folder names.
func fileURI(path string, query string) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p // file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: query}
	s := u.String()
	if !strings.HasPrefix(s, "file://") {
		// url.URL omits the empty authority for some paths; SQLite wants it.
		s = "file://" + strings.TrimPrefix(s, "file:")
	}
	return s
}

func dsn(path string, readOnly bool) string {
	q := []string{
		"_pragma=" + pragmaBusyTimeout,
		"_pragma=" + pragmaForeignKeys,
		"_pragma=" + pragmaJournalWAL,
		"_pragma=" + pragmaSynchronous,
		"_pragma=" + pragmaSecureDelete,
		"_txlock=" + txLockImmediate,
	}
	if readOnly {
		q = append(q, "_pragma="+pragmaQueryOnly, "_pragma="+pragmaReadCache)
	}
	return fileURI(path, strings.Join(q, "&"))
}

// checkDSN opens a file for inspection without writing to it or creating
// anything beside it: immutable tells SQLite the file cannot change, so it
// takes no locks and ignores (and never creates) -wal and -shm.
func checkDSN(path string) string {
	return fileURI(path, "mode=ro&immutable=1")
}

// walReadDSN opens a database read-only but with its WAL, for a file of ours
// that a crash left with committed transactions in -wal.
func walReadDSN(path string) string {
	return fileURI(path, "mode=ro&_pragma="+pragmaBusyTimeout)
}

func openPool(path string, readOnly bool) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(path, readOnly))
	if err != nil {
		return nil, err
	}
	if readOnly {
		db.SetMaxOpenConns(readConns)
		db.SetMaxIdleConns(readConns)
	} else {
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
	}
	// Keep connections: reopening one re-runs the pragmas and re-reads the
	// schema.
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func userVersion(ctx context.Context, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}
