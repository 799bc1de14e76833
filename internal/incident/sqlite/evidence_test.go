package sqlite

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"runtime"
	"syscall"
	"testing"

	"leakdesk/internal/incident"
)

// patternReader yields n deterministic bytes and samples the heap as they
// are consumed, to see what the store holds while it streams.
type patternReader struct {
	n, off  int64
	sampleN int64
	maxHeap uint64
}

func (r *patternReader) Read(p []byte) (int, error) {
	if r.off >= r.n {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), r.n-r.off)]
	for i := range p {
		p[i] = byte((r.off + int64(i)) * 31 >> 3)
	}
	if r.off/r.sampleN != (r.off+int64(len(p)))/r.sampleN {
		r.maxHeap = max(r.maxHeap, heapInUse())
	}
	r.off += int64(len(p))
	return len(p), nil
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

type hashWriter struct {
	h       io.Writer
	n       int64
	maxHeap uint64
	sampleN int64
}

func (w *hashWriter) Write(p []byte) (int, error) {
	if w.n/w.sampleN != (w.n+int64(len(p)))/w.sampleN {
		w.maxHeap = max(w.maxHeap, heapInUse())
	}
	w.n += int64(len(p))
	return w.h.Write(p)
}

// Writing and reading evidence holds about one chunk, whatever the size.
func TestEvidenceStreamsInBoundedMemory(t *testing.T) {
	size := int64(96 << 20)
	if raceBuild || testing.Short() {
		size = 24 << 20
	}
	s, svc := openTest(t, Options{})
	id, err := svc.CreateCase(t.Context(), incident.Case{Title: "big"})
	if err != nil {
		t.Fatal(err)
	}
	base := heapInUse()
	src := &patternReader{n: size, sampleN: 4 << 20}
	want := sha256.New()
	var exID int64
	err = s.Update(t.Context(), func(tx incident.Tx) error {
		e := &incident.Exhibit{CaseID: id, Number: 1, Kind: incident.ExhibitFile, Title: "big"}
		if err := tx.SaveExhibit(e); err != nil {
			return err
		}
		exID = e.ID
		n, err := tx.WriteExhibitContent(e.ID, io.TeeReader(src, want))
		if err == nil && n != size {
			err = fmt.Errorf("wrote %d of %d bytes", n, size)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got := &hashWriter{h: sha256.New(), sampleN: 4 << 20}
	err = s.View(t.Context(), func(tx incident.Tx) error {
		n, err := tx.ReadExhibitContent(exID, got)
		if err == nil && n != size {
			err = fmt.Errorf("read %d of %d bytes", n, size)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if string(got.h.(interface{ Sum([]byte) []byte }).Sum(nil)) != string(want.Sum(nil)) {
		t.Error("content read back differs")
	}
	// A few chunks of slack for buffers in flight and the page caches'
	// Go-side allocations; the file itself is 4 to 16 times larger.
	const budget = 16 << 20
	for name, peak := range map[string]uint64{"write": src.maxHeap, "read": got.maxHeap} {
		if peak > base+budget {
			t.Errorf("%s: heap in use peaked at %d MiB over a %d MiB baseline, for a %d MiB exhibit",
				name, (peak-base)>>20, base>>20, size>>20)
		}
	}
	// Content is written once.
	err = s.Update(t.Context(), func(tx incident.Tx) error {
		_, err := tx.WriteExhibitContent(exID, io.LimitReader(src, 1))
		return err
	})
	wantCode(t, err, incident.CodeConflict)
}

func TestErrorMapping(t *testing.T) {
	wantCode(t, mapErr(fmt.Errorf("write: %w", syscall.ENOSPC)), incident.CodeDiskFull)
	if mapErr(nil) != nil {
		t.Error("nil mapped to an error")
	}
	plain := errors.New("x")
	if mapErr(plain) != plain {
		t.Error("an unknown error was changed")
	}
	de := incident.NotFound("case", 1)
	if mapErr(de) != error(de) {
		t.Error("a domain error was changed")
	}
}

// A full database (SQLITE_FULL, here from max_page_count standing in for a
// full disk) is CodeDiskFull, and nothing of the failed import remains.
func TestFullDiskIsReported(t *testing.T) {
	s, svc := openTest(t, Options{})
	ctx := t.Context()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "x"})
	if err != nil {
		t.Fatal(err)
	}
	var pages int64
	if err := s.wdb.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	// The writer pool has one connection, so this reaches it.
	if _, err := s.wdb.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages+64)); err != nil {
		t.Fatal(err)
	}
	src := &patternReader{n: 4 << 20, sampleN: 1 << 30}
	_, err = svc.AddExhibit(ctx, id, "big.bin", src, src.n, incident.ImportOptions{})
	wantCode(t, err, incident.CodeDiskFull)
	cf, err := svc.CaseFile(ctx, id)
	if err != nil || len(cf.Exhibits) != 0 {
		t.Errorf("after the failed import: %d exhibits, %v", len(cf.Exhibits), err)
	}
}
