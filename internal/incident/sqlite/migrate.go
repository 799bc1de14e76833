package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/incident"
)

// Migrations are numbered files NNNN_name.sql, applied in order, each in its
// own transaction together with its record in schema_migration and
// PRAGMA user_version: a crash leaves the old or the new schema, never a mix.
// A released file never changes (TestMigrationFilesUnchanged).
//
// PRAGMA foreign_keys cannot change inside a transaction; a future migration
// that rebuilds a table must keep references valid as it goes (the
// foreign_key_check below refuses to commit one that does not).
//
//go:embed migration/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations parses the embedded files. It panics on a malformed name:
// that is a build mistake, caught by every test.
func migrations() []migration {
	entries, err := fs.ReadDir(migrationFS, "migration")
	if err != nil {
		panic(err)
	}
	var out []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			panic("sqlite: bad migration file name " + name)
		}
		b, err := migrationFS.ReadFile(path.Join("migration", name))
		if err != nil {
			panic(err)
		}
		out = append(out, migration{version: v, name: strings.TrimSuffix(name, ".sql"), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			panic(fmt.Sprintf("sqlite: migration %s out of sequence", m.name))
		}
	}
	return out
}

// latestVersion is the schema version this build writes.
func latestVersion() int { return len(migrations()) }

// migrate brings db from version from to the latest, one transaction per
// migration.
func migrate(ctx context.Context, db *sql.DB, from int, clock incident.Clock, hook func(int, bool)) error {
	for _, m := range migrations()[from:] {
		if err := applyMigration(ctx, db, m, clock.Now(), hook); err != nil {
			return err
		}
		if hook != nil {
			hook(m.version, true)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, m migration, now time.Time, hook func(int, bool)) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	fail := func(err error) error {
		return incident.Errorf(incident.CodeInternal,
			fmt.Sprintf("无法升级数据文件（%s），数据没有改动。", m.name),
			fmt.Sprintf("Could not upgrade the data file (%s); nothing was changed.", m.name), mapErr(err))
	}
	if m.version == 1 {
		// Inside the first transaction, so a file is never ours without a schema.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return fail(err)
		}
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migration(version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, formatTime(now)); err != nil {
		return fail(err)
	}
	// user_version lives in the header page, which the transaction covers.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return fail(err)
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fail(err)
	}
	bad := rows.Next()
	rows.Close()
	if bad {
		return fail(fmt.Errorf("foreign_key_check failed after %s", m.name))
	}
	if hook != nil {
		hook(m.version, false)
	}
	return mapErr(tx.Commit())
}
