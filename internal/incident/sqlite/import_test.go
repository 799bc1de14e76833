package sqlite

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"leakdesk/internal/incident"
)

var r9 = flag.Bool("r9", false, "import a 500 MB file and check memory stays bounded (R9); slow, not for CI")

// writeFile creates a file of n bytes of the given pattern in dir.
func writeFile(t testing.TB, dir, name string, n int64, random bool) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	for written := int64(0); written < n; {
		chunk := buf[:min(int64(len(buf)), n-written)]
		if random {
			rand.Read(chunk)
		} else {
			for i := range chunk {
				chunk[i] = byte((written + int64(i)) * 7)
			}
		}
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
		written += int64(len(chunk))
	}
	return path
}

func exhibitCount(t testing.TB, svc *incident.Service, caseID int64) int {
	t.Helper()
	cf, err := svc.CaseFile(context.Background(), caseID)
	if err != nil {
		t.Fatal(err)
	}
	return len(cf.Exhibits)
}

// R9: a large import reports progress, holds about one chunk in memory, and
// a cancel part-way leaves nothing behind. The full 500 MB runs with -r9.
func TestLargeImportProgressMemoryCancel(t *testing.T) {
	size := int64(24 << 20)
	if *r9 {
		size = 500 << 20
	}
	ctx := context.Background()
	_, svc := openTest(t, Options{})
	if err := svc.SetSetting(ctx, incident.SettingMaxEvidenceSize, fmt.Sprint(size+1)); err != nil {
		t.Fatal(err)
	}
	id, err := svc.CreateCase(ctx, incident.Case{Title: "大文件"})
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, t.TempDir(), "recording.mp4", size, false)

	cancel := make(chan struct{})
	var calls int
	_, err = svc.AddExhibitPath(ctx, id, path, incident.ImportOptions{
		Progress: func(done int64) {
			calls++
			if done >= size/2 {
				select {
				case <-cancel:
				default:
					close(cancel)
				}
			}
		},
		Cancel: cancel,
	})
	wantCode(t, err, incident.CodeCancelled)
	if n := exhibitCount(t, svc, id); n != 0 {
		t.Fatalf("a cancelled import left %d exhibits", n)
	}

	base, baseRSS := heapInUse(), residentBytes()
	var peak, peakRSS uint64
	var last int64
	e, err := svc.AddExhibitPath(ctx, id, path, incident.ImportOptions{Progress: func(done int64) {
		if done/(8<<20) != last/(8<<20) {
			peak = max(peak, heapInUse())
			peakRSS = max(peakRSS, residentBytes())
		}
		last = done
	}})
	if err != nil {
		t.Fatal(err)
	}
	if e.Size != size || last != size || calls == 0 {
		t.Fatalf("size %d, progress ended at %d (%d calls before), want %d", e.Size, last, calls, size)
	}
	// SQLite's own allocations are outside the Go heap, so the resident
	// size is checked too (where /proc tells it).
	// docs/architecture.md, "Evidence": baseline + 64 MiB for a large file;
	// for the smaller file CI imports, a quarter of its size, so holding the
	// whole file (or half of it) in memory fails the test.
	budget := min(uint64(64<<20), uint64(size)/4)
	if peak > base+budget || baseRSS > 0 && peakRSS > baseRSS+budget {
		t.Fatalf("memory grew while importing %d MiB: heap %d → %d MiB, resident %d → %d MiB",
			size>>20, base>>20, peak>>20, baseRSS>>20, peakRSS>>20)
	}
	t.Logf("imported %d MiB: heap %d → %d MiB, resident %d → %d MiB", size>>20, base>>20, peak>>20, baseRSS>>20, peakRSS>>20)
}

// residentBytes is the process's resident set size from /proc, 0 elsewhere.
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var size, rss uint64
	if _, err := fmt.Sscan(string(b), &size, &rss); err != nil {
		return 0
	}
	return rss * uint64(os.Getpagesize())
}

// A file over the cap is refused before anything is read or stored.
func TestImportOverCapNamesTheCap(t *testing.T) {
	ctx := context.Background()
	_, svc := openTest(t, Options{})
	if err := svc.SetSetting(ctx, incident.SettingMaxEvidenceSize, fmt.Sprint(1<<20)); err != nil {
		t.Fatal(err)
	}
	id, _ := svc.CreateCase(ctx, incident.Case{Title: "cap"})
	path := writeFile(t, t.TempDir(), "big.bin", 2<<20, false)
	_, err := svc.AddExhibitPath(ctx, id, path, incident.ImportOptions{})
	de := wantCode(t, err, incident.CodeTooLarge)
	if msg := de.Message("zh"); !strings.Contains(msg, "1 MB") {
		t.Fatalf("message does not name the cap: %q", msg)
	}
	for _, bad := range []string{t.TempDir(), filepath.Join(t.TempDir(), "missing.png"), writeFile(t, t.TempDir(), "empty.png", 0, false)} {
		_, err := svc.AddExhibitPath(ctx, id, bad, incident.ImportOptions{})
		wantCode(t, err, incident.CodeInvalid)
	}
	if n := exhibitCount(t, svc, id); n != 0 {
		t.Fatalf("refused files left %d exhibits", n)
	}
}

// BenchmarkImport100Photos imports 100 photo-sized files (~30 MB) and, in
// the same run, does what sha256sum + cp would do to the same files: the
// issue's goal is at most 3× that.
func BenchmarkImport100Photos(b *testing.B) {
	src := b.TempDir()
	var paths []string
	for i := range 100 {
		paths = append(paths, writeFile(b, src, fmt.Sprintf("IMG_%04d.jpg", i), 300<<10, true))
	}
	b.Run("leakdesk", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			_, svc := openTest(b, Options{})
			id, err := svc.CreateCase(context.Background(), incident.Case{Title: "photos"})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			for _, p := range paths {
				if _, err := svc.AddExhibitPath(context.Background(), id, p, incident.ImportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.SetBytes(100 * 300 << 10)
	})
	b.Run("sha256sum+cp", func(b *testing.B) {
		if _, err := exec.LookPath("sha256sum"); err != nil {
			b.Skip("sha256sum not installed")
		}
		for b.Loop() {
			b.StopTimer()
			dst := b.TempDir()
			b.StartTimer()
			args := append([]string{}, paths...)
			if err := exec.Command("sha256sum", args...).Run(); err != nil {
				b.Fatal(err)
			}
			if err := exec.Command("cp", append(args, dst)...).Run(); err != nil {
				b.Fatal(err)
			}
			// cp leaves the data in the page cache; the store's fsync is part of its cost.
			if err := exec.Command("sync", "-f", dst).Run(); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(100 * 300 << 10)
	})
}

// An import whose context ends halfway (the window closed the case or
// locked) stops like a cancelled one and stores nothing.
func TestImportStopsWhenItsContextEnds(t *testing.T) {
	_, svc := openTest(t, Options{})
	id, err := svc.CreateCase(t.Context(), incident.Case{Title: "案件"})
	if err != nil {
		t.Fatal(err)
	}
	const size = 4 << 20
	path := writeFile(t, t.TempDir(), "photo.jpg", size, false)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	_, err = svc.AddExhibitPath(ctx, id, path, incident.ImportOptions{Progress: func(done int64) {
		if done >= size/2 {
			cancel()
		}
	}})
	wantCode(t, err, incident.CodeCancelled)
	if n := exhibitCount(t, svc, id); n != 0 {
		t.Fatalf("an import stopped by its context left %d exhibits", n)
	}
}
