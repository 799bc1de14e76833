package sqlite

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

func testNow() time.Time { return time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC) }

func testClock() incident.FixedClock { return incident.FixedClock{T: testNow()} }

// openTest opens a store in a new temp dir with a fixed clock and no daily
// backup; the store is closed at the end of the test.
func openTest(t testing.TB, opts Options) (*Store, *incident.Service) {
	t.Helper()
	return openTestDir(t, t.TempDir(), opts)
}

func openTestDir(t testing.TB, dir string, opts Options) (*Store, *incident.Service) {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = testClock()
		opts.NoAutoBackup = true
	}
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s, incident.NewService(s, opts.Clock)
}

// xorSealer proves every personal column goes through the seam: it
// scrambles the bytes (so plaintext canaries vanish from the file) and
// binds table, column, case and row, failing on any mismatch as an AEAD
// would.
type xorSealer struct {
	mu   sync.Mutex
	seen map[string]bool // table.column (chunks as exhibit_chunk.data)
}

func newXORSealer() *xorSealer { return &xorSealer{seen: map[string]bool{}} }

func sealHeader(table, column string, caseID, rowID int64) []byte {
	return fmt.Appendf(nil, "X|%s|%s|%d|%d|", table, column, caseID, rowID)
}

func (x *xorSealer) note(table, column string) {
	if table == "exhibit_chunk" {
		column = "data"
	}
	x.mu.Lock()
	x.seen[table+"."+column] = true
	x.mu.Unlock()
}

func (x *xorSealer) Seal(table, column string, caseID, rowID int64, plain []byte) ([]byte, error) {
	x.note(table, column)
	out := sealHeader(table, column, caseID, rowID)
	for _, b := range plain {
		out = append(out, b^0x5A)
	}
	return out, nil
}

func (x *xorSealer) Open(table, column string, caseID, rowID int64, sealed []byte) ([]byte, error) {
	h := sealHeader(table, column, caseID, rowID)
	if !bytes.HasPrefix(sealed, h) {
		return nil, fmt.Errorf("sealed value does not belong to %s", h)
	}
	out := make([]byte, 0, len(sealed)-len(h))
	for _, b := range sealed[len(h):] {
		out = append(out, b^0x5A)
	}
	return out, nil
}

func fileSHA(t testing.TB, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func wantCode(t testing.TB, err error, code incident.Code) *incident.Error {
	t.Helper()
	var de *incident.Error
	if err == nil || !asDomain(err, &de) || de.Code != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
	return de
}

func asDomain(err error, de **incident.Error) bool {
	for err != nil {
		if e, ok := err.(*incident.Error); ok {
			*de = e
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

func dbPath(s *Store) string { return filepath.Join(s.Dir(), DBName) }

// integrityOK runs the full integrity_check, which reports problems as rows.
func integrityOK(t testing.TB, db *sql.DB) {
	t.Helper()
	rows, err := db.Query("PRAGMA integrity_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var res []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		res = append(res, s)
	}
	if len(res) != 1 || res[0] != "ok" {
		t.Fatalf("integrity_check: %v", res)
	}
}

// keyedHashOf returns the keyed chain hash of a case in an unlocked,
// encrypted store.
func keyedHashOf(t testing.TB, s *Store, caseID int64) func() hash.Hash {
	t.Helper()
	var h func() hash.Hash
	err := s.View(t.Context(), func(tx incident.Tx) error {
		var err error
		h, err = tx.ChainHash(caseID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}
