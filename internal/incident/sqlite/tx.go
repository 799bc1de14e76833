package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"leakdesk/internal/incident"
)

// tx implements incident.Tx over one database/sql transaction.
type tx struct {
	ctx    context.Context
	tx     *sql.Tx
	sealer Sealer
	// Statements are prepared once per transaction: a list or an import
	// runs the same few statements many times.
	stmts map[string]*sql.Stmt
	// deleted lists the cases this transaction deleted: after the commit
	// their keys are dropped and the file is scrubbed.
	deleted []int64
	// deletedExhibits lists the exhibits this transaction deleted: after
	// the commit they are deleted from the backups too.
	deletedExhibits []int64
	// shred is set when a row was changed or deleted: after the commit the
	// WAL is checkpointed and truncated, so the old bytes (a deleted
	// exhibit, the earlier version of an edited field) leave the main file
	// and the WAL at once rather than at some later checkpoint (issue 17,
	// F13).
	shred bool
	// touched holds the cases this transaction writes to, with what was
	// found before the first write; their manifests are rewritten before
	// the commit (manifest.go, issue 17 F14).
	touched map[int64]*touchState
	// noManifest is set on transactions that rewrite the whole store
	// (sealing, re-keying), which make the manifests afresh themselves.
	noManifest bool
}

var _ incident.Tx = (*tx)(nil)

func newTx(ctx context.Context, t *sql.Tx, s Sealer) *tx {
	return &tx{ctx: ctx, tx: t, sealer: s, stmts: map[string]*sql.Stmt{}}
}

func (t *tx) close() {
	for _, st := range t.stmts {
		st.Close()
	}
	clear(t.stmts)
}

func (t *tx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, err
	}
	t.stmts[query] = st
	return st, nil
}

func (t *tx) exec(query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.ctx, args...)
}

func (t *tx) query(query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(t.ctx, args...)
}

func (t *tx) queryRow(query string, args ...any) *sql.Row {
	st, err := t.stmt(query)
	if err != nil {
		// Surface the prepare error through Row.Scan.
		return t.tx.QueryRowContext(t.ctx, query, args...)
	}
	return st.QueryRowContext(t.ctx, args...)
}

// col is one column of a row being written; plain != nil marks a sealed one.
type col struct {
	name  string
	v     any
	plain *string
}

func clearCol(name string, v any) col      { return col{name: name, v: v} }
func sealedCol(name string, s *string) col { return col{name: name, plain: s} }

func (t *tx) values(table string, caseID, id int64, cols []col) ([]any, error) {
	args := make([]any, 0, len(cols)+2)
	for _, c := range cols {
		if c.plain == nil {
			args = append(args, c.v)
			continue
		}
		b, err := t.seal(table, c.name, caseID, id, *c.plain)
		if err != nil {
			return nil, err
		}
		args = append(args, b)
	}
	return args, nil
}

// nextID allocates the id of a new row, so sealed values can be bound to it
// before the row is written. The write transaction holds the only write
// lock, so no one else can take the id meanwhile.
func (t *tx) nextID(table string) (int64, error) {
	var id int64
	err := t.queryRow(`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '` + table + `'), 0),
		coalesce((SELECT max(id) FROM ` + table + `), 0)) + 1`).Scan(&id)
	return id, err
}

// insertRow writes a new row with the given id.
func (t *tx) insertRow(table string, caseID, id int64, cols []col) error {
	if table == "cases" {
		t.touchNew(id)
	} else if err := t.touch(caseID); err != nil {
		return err
	}
	args, err := t.values(table, caseID, id, cols)
	if err != nil {
		return err
	}
	var names strings.Builder
	names.WriteString("id")
	for _, c := range cols {
		names.WriteString(", ")
		names.WriteString(c.name)
	}
	q := "INSERT INTO " + table + " (" + names.String() + ") VALUES (?" + strings.Repeat(", ?", len(cols)) + ")"
	_, err = t.exec(q, append([]any{id}, args...)...)
	return err
}

// updateRow rewrites a row of a case; false when no such row exists in that
// case (a record never moves between cases: its sealed values are bound to
// the case).
func (t *tx) updateRow(table string, caseID, id int64, cols []col) (bool, error) {
	if err := t.touch(caseID); err != nil {
		return false, err
	}
	args, err := t.values(table, caseID, id, cols)
	if err != nil {
		return false, err
	}
	var set strings.Builder
	for i, c := range cols {
		if i > 0 {
			set.WriteString(", ")
		}
		set.WriteString(c.name)
		set.WriteString(" = ?")
	}
	q := "UPDATE " + table + " SET " + set.String() + " WHERE id = ?"
	args = append(args, id)
	t.shred = true
	if table != "cases" {
		q += " AND case_id = ?"
		args = append(args, caseID)
	}
	res, err := t.exec(q, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// deleteRow removes one row; false when it did not exist.
func (t *tx) deleteRow(table string, id int64) (bool, error) {
	if err := t.touchRow(table, id); err != nil {
		return false, err
	}
	t.shred = true
	res, err := t.exec("DELETE FROM "+table+" WHERE id = ?", id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// requireCase fails with NotFound unless the case exists, so a new record
// never points at a missing case (a clearer message than the foreign key's).
func (t *tx) requireCase(id int64) error {
	var one int
	err := t.queryRow("SELECT 1 FROM cases WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return incident.NotFound("case", id)
	}
	return err
}

// opened is one sealed column read from a row, to be opened into dst.
type opened struct {
	col string
	raw []byte
	dst *string
}

func (t *tx) openAll(table string, caseID, id int64, cols ...opened) error {
	for _, c := range cols {
		s, err := t.open(table, c.col, caseID, id, c.raw)
		if err != nil {
			return err
		}
		*c.dst = s
	}
	return nil
}

// notFound turns sql.ErrNoRows into the domain's not-found error.
func notFound(err error, kind string, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return incident.NotFound(kind, id)
	}
	return err
}

// Times are UTC RFC 3339 text; zero is NULL. Dates are YYYY-MM-DD in their
// own calendar and read back as UTC midnight.
const dateLayout = "2006-01-02"

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

func dateArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(dateLayout)
}

func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s.String, err)
	}
	return t.UTC(), nil
}

func parseDate(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored date %q: %w", s.String, err)
	}
	return t, nil
}

func boolArg(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Setting returns a stored setting, opened when it is sealed.
func (t *tx) Setting(key string) (string, bool, error) {
	var v string
	err := t.queryRow("SELECT value FROM setting WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	v, err = openSetting(t.sealer, key, v, false)
	if errors.Is(err, errSettingTampered) {
		return "", false, nil
	}
	return v, err == nil, err
}

// SetSetting stores a setting, sealed or authenticated in an encrypted
// store as incident.ClassifySetting declares.
func (t *tx) SetSetting(key, value string) error {
	v, err := sealSetting(t.sealer, key, value)
	if err != nil {
		return err
	}
	_, err = t.exec("INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, v)
	return err
}

// requireUnlocked refuses work that would show anything personal (case
// titles in a list) from a locked store, even when there is nothing to open.
func (t *tx) requireUnlocked() error {
	if vs, ok := t.sealer.(*vaultSealer); ok && vs.ring.locked() {
		return incident.ErrLocked
	}
	return nil
}
