package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// A file of ours holds exactly the tables, indexes and triggers its
// migrations made. Anything else was added behind leakdesk's back: a
// trigger copying case keys into a shadow table before they are deleted
// would defeat crypto-shredding for good, one logging sealed rows would
// keep old headers (issue 17, F14). Open compares sqlite_schema with the
// schema the migrations make, before migrating or writing anything.

var (
	schemaMu    sync.Mutex
	schemaCache = map[int]map[string]string{}
)

// expectedSchema returns the schema objects (keyed "type name") and their
// SQL that the first v migrations make, built once per version in memory.
func expectedSchema(ctx context.Context, v int) (map[string]string, error) {
	schemaMu.Lock()
	defer schemaMu.Unlock()
	if m, ok := schemaCache[v]; ok {
		return m, nil
	}
	db, err := sql.Open("sqlite", "file::memory:?_pragma=foreign_keys(1)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	for _, m := range migrations()[:v] {
		if err := applyMigration(ctx, db, m, time.Time{}, nil); err != nil {
			return nil, err
		}
	}
	m, err := schemaObjects(ctx, db)
	if err != nil {
		return nil, err
	}
	schemaCache[v] = m
	return m, nil
}

func schemaObjects(ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var typ, name, tbl, q string
		if err := rows.Scan(&typ, &name, &tbl, &q); err != nil {
			return nil, err
		}
		out[typ+" "+name] = tbl + "\x00" + q
	}
	return out, rows.Err()
}

// checkSchema refuses a database at version v whose schema differs from
// what the migrations make: an object added, changed or removed.
func checkSchema(ctx context.Context, db *sql.DB, v int) error {
	if v == 0 {
		return nil
	}
	want, err := expectedSchema(ctx, v)
	if err != nil {
		return err
	}
	got, err := schemaObjects(ctx, db)
	if err != nil {
		return err
	}
	var diff []string
	for k, g := range got {
		if w, ok := want[k]; !ok {
			diff = append(diff, "unexpected "+k)
		} else if w != g {
			diff = append(diff, "changed "+k)
		}
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			diff = append(diff, "missing "+k)
		}
	}
	if len(diff) == 0 {
		return nil
	}
	sort.Strings(diff)
	return errSchema{fmt.Errorf("schema is not leakdesk's: %s", strings.Join(diff, "; "))}
}

// errSchema marks a foreign schema, which Open reports as damage.
type errSchema struct{ error }

func isSchemaErr(err error) bool {
	var e errSchema
	return errors.As(err, &e)
}
