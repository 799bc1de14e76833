package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"leakdesk/internal/incident"
)

var _ incident.Purger = (*Store)(nil)

// PurgeDeleted removes for good the cases deleted at or before cutoff, from
// the store and from every backup in its care, and returns how many went.
// It needs no key: deleted_at is clear, and deleting a case row takes its
// wrapped key along (trigger case_key_delete), which is what makes its
// sealed bytes unreadable anywhere they may remain.
func (s *Store) PurgeDeleted(ctx context.Context, cutoff time.Time) (int, error) {
	ids, err := s.expiredCases(ctx, cutoff)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return len(ids), s.purge(ctx, ids)
}

// PurgeCase removes one case for good at once, deleted or not, from the
// store and from every backup. Errors: CodeNotFound.
func (s *Store) PurgeCase(ctx context.Context, id int64) error {
	var one int
	err := s.rdb.QueryRowContext(ctx, "SELECT 1 FROM cases WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return incident.NotFound("case", id)
	} else if err != nil {
		return mapErr(err)
	}
	return s.purge(ctx, []int64{id})
}

func (s *Store) expiredCases(ctx context.Context, cutoff time.Time) ([]int64, error) {
	rows, err := s.rdb.QueryContext(ctx, "SELECT id, deleted_at FROM cases WHERE deleted_at IS NOT NULL")
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var at sql.NullString
		if err := rows.Scan(&id, &at); err != nil {
			return nil, mapErr(err)
		}
		// RFC 3339 with a variable fraction does not sort as text, so the
		// comparison happens here rather than in SQL.
		t, err := parseTime(at)
		if err != nil {
			return nil, err
		}
		if !t.After(cutoff) {
			ids = append(ids, id)
		}
	}
	return ids, mapErr(rows.Err())
}

// purge deletes the cases in one transaction (which scrubs the live file
// after the commit) and then from every backup.
func (s *Store) purge(ctx context.Context, ids []int64) error {
	err := s.Update(ctx, func(itx incident.Tx) error {
		t := itx.(*tx)
		for _, id := range ids {
			// Raw SQL rather than a read of the case first: purging must
			// work while the store is locked (at open, before the daily
			// backup).
			if _, err := t.deleteRow("cases", id); err != nil {
				return err
			}
			t.deleted = append(t.deleted, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.purgeFromBackups(ctx, ids)
}

// purgeFromBackups removes the cases from every backup in the data dir,
// damaged copies included: a backup restored later must not bring a
// purged case back, and its wrapped key must not stay on the disk in any
// file the app keeps. A copy that cannot be changed is removed instead,
// since the promise to the user is that the case is gone. Copies the
// user made elsewhere ("leakdesk backup --out") are beyond reach; the
// documentation says so.
func (s *Store) purgeFromBackups(ctx context.Context, ids []int64) error {
	return s.deleteFromBackups(ctx, "cases", ids)
}

// deleteFromBackups deletes rows of table ("cases" or "exhibit") from every
// backup, removing a backup that cannot be changed.
func (s *Store) deleteFromBackups(ctx context.Context, table string, ids []int64) error {
	files, err := backupFiles(s.dir)
	if err != nil {
		return mapErr(err)
	}
	var errs []error
	for _, p := range files {
		if err := deleteRowsIn(ctx, p, table, ids, s.ring.Load()); err != nil {
			s.opts.Logf("leakdesk: cannot remove deleted %s rows from %s; removing the backup: %v", table, filepath.Base(p), err)
			if err := removeBackupFile(p); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return incident.Errorf(incident.CodeInternal,
			"案件已从数据中删除，但有备份文件无法修改或删除；请手动删除数据目录 backups 文件夹中的旧备份。",
			"The case is gone from the data, but a backup could be neither changed nor removed; delete the old backups in the data directory's backups folder by hand.",
			errors.Join(errs...))
	}
	return nil
}

// deleteRowsIn deletes rows (cases or exhibits) from one backup file in
// place, in one transaction with secure_delete on, so the freed pages are
// zeroed; the foreign keys and triggers take every row of a case (or an
// exhibit's chunks and links) and a case's key along.
//
// Deleting an exhibit changes its case in the backup: with the keys at
// hand (ring unlocked) the case's manifest there is rewritten, so that a
// restore of that backup does not report the app's own deletion as
// tampering (manifest.go).
func deleteRowsIn(ctx context.Context, path, table string, ids []int64, ring *keyring) error {
	if err := checkFile(path); err != nil {
		return err
	}
	db, err := openPool(path, false)
	if err != nil {
		return err
	}
	err = func() error {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		var cases []int64
		for _, id := range ids {
			if table == "exhibit" {
				var c int64
				if err := tx.QueryRowContext(ctx, "SELECT case_id FROM exhibit WHERE id = ?", id).Scan(&c); err == nil {
					cases = append(cases, c)
				}
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE id = ?", id); err != nil {
				return err
			}
			if table != "cases" {
				continue
			}
			// Old backups from before the trigger existed, or a trigger
			// someone removed: the key goes explicitly as well.
			if _, err := tx.ExecContext(ctx, "DELETE FROM case_key WHERE case_id = ?", id); err != nil && !strings.Contains(err.Error(), "no such table") {
				return err
			}
		}
		if len(cases) > 0 && ring != nil && !ring.locked() {
			if err := remanifestIn(ctx, tx, ring, cases); err != nil {
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		_, err = db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		return err
	}()
	// Closing the last connection checkpoints and removes the WAL.
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = errors.Join(checkFile(path), fsyncFile(path))
	}
	return err
}

// backupFiles lists every database file in the backups dir that the app
// made: the automatic backups and the damaged copies kept by Restore.
func backupFiles(dir string) ([]string, error) {
	bdir, entries, err := backupDirEntries(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(n, ".db") || strings.Contains(n, tempMarker) {
			continue
		}
		if strings.HasPrefix(n, backupPrefix) || strings.HasPrefix(n, damagedPrefix) {
			out = append(out, filepath.Join(bdir, n))
		}
	}
	sort.Strings(out)
	return out, nil
}

// removeBackupFile removes a backup with its journals.
func removeBackupFile(p string) error {
	var errs []error
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := os.Remove(p + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
