package sqlite

import (
	"context"
	"database/sql"
	"errors"
)

// ReleaseMemory gives back what the connections keep between queries, chiefly
// the page cache: 16 MiB per reader (pragmaReadCache) fills while the case
// list and the deadlines of a large store are read, and would otherwise stay
// for the life of the window (issue 11 §7: at rest with 10,000 cases about
// 30 MB of the resident memory was SQLite's caches). The window calls it when
// its background work has gone quiet; the next query refills the cache it
// needs.
//
// Every idle connection is held at once, so each one is reached; a
// connection in use is left alone (work is running, so this is not rest),
// and so is one ctx gives up waiting for.
func (s *Store) ReleaseMemory(ctx context.Context) error {
	var errs []error
	for _, db := range []*sql.DB{s.rdb, s.wdb} {
		if db == nil {
			continue
		}
		errs = append(errs, shrinkIdle(ctx, db))
	}
	return errors.Join(errs...)
}

// shrinkIdle runs PRAGMA shrink_memory on every idle connection of db.
func shrinkIdle(ctx context.Context, db *sql.DB) error {
	idle := db.Stats().Idle
	held := make([]*sql.Conn, 0, idle)
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for range idle {
		// Holding each connection taken makes the pool hand out the next
		// idle one; a pool busy meanwhile may open a fresh one instead,
		// which has nothing to shrink and costs nothing to ask.
		c, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		held = append(held, c)
		if _, err := c.ExecContext(ctx, "PRAGMA shrink_memory"); err != nil {
			return err
		}
	}
	return nil
}
