package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
	"leakdesk/internal/report/reporttest"
)

func BenchmarkRenderFixture(b *testing.B) {
	p, src := fixturePacket(b)
	for i := 0; i < b.N; i++ {
		if err := Render(io.Discard, p, src); err != nil {
			b.Fatal(err)
		}
	}
}

// bigCase is the demo case with 40 phone-photo JPEGs (about 12 MB) and a
// narrative of about 30 pages.
func bigCase(b *testing.B) (*incident.CaseFile, reporttest.Source, [][]byte) {
	cf, src := reporttest.Case()
	cf.Exhibits = nil
	var jpegs [][]byte
	for i := 0; i < 40; i++ {
		data := reporttest.Photo(1400, 1000, int64(i+1))
		sum := sha256.Sum256(data)
		id := int64(i + 1)
		cf.Exhibits = append(cf.Exhibits, incident.Exhibit{ID: id, CaseID: 1, Number: i + 1, Kind: incident.ExhibitFile,
			Title: fmt.Sprintf("现场照片 %d", i+1), Source: "本人拍摄", Proves: "证明快递面单上的个人信息", ContentType: "image/jpeg",
			Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), CapturedAt: reporttest.Now})
		src[id] = data
		jpegs = append(jpegs, data)
	}
	para := strings.Repeat("这是一段用于测试排版性能的事实经过，其中包含中文、English words 和数字 12345，用来模拟较长的陈述。", 6)
	var sb strings.Builder
	for i := 0; i < 130; i++ {
		sb.WriteString(para + "\n")
	}
	cf.Case.Narrative = sb.String()
	return cf, src, jpegs
}

// procStatusKB reads one kB field of /proc/self/status (Linux only).
func procStatusKB(field string) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, field) {
			n, _ := strconv.Atoi(strings.Fields(l)[1])
			return n
		}
	}
	return 0
}

// BenchmarkExport40JPEG renders the police packet of bigCase and, in the
// same run, converts the same JPEGs with img2pdf for comparison.
func BenchmarkExport40JPEG(b *testing.B) {
	cf, src, jpegs := bigCase(b)
	total := 0
	for _, j := range jpegs {
		total += len(j)
	}
	p, err := report.Build(cf, report.KindPolice, report.Options{IncludeExhibits: true}, reporttest.Now)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	debug.FreeOSMemory()
	// Reset the kernel's peak-RSS mark so that it covers only the export.
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	rssBase := procStatusKB("VmRSS:")
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	// Sample the heap while rendering: the Go heap in use above what the
	// test itself holds is the export's memory cost.
	stop := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var m runtime.MemStats
		var hi uint64
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				peak <- hi
				return
			case <-t.C:
				runtime.ReadMemStats(&m)
				if m.HeapInuse > hi {
					hi = m.HeapInuse
				}
			}
		}
	}()
	var out bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out.Reset()
		if err := Render(&out, p, src); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	close(stop)
	hi := <-peak
	b.ReportMetric(float64(out.Len())/1e6, "MB-pdf")
	b.ReportMetric(float64(total)/1e6, "MB-jpeg")
	b.ReportMetric(float64(hi-min(hi, base.HeapInuse))/(1<<20), "MB-peak-heap-above-base")
	b.ReportMetric(float64(rssBase)/1024, "MB-RSS-before")
	b.ReportMetric(float64(procStatusKB("VmHWM:"))/1024, "MB-RSS-peak")
	if os.Getenv("LEAKDESK_BENCH_PDF") != "" {
		os.WriteFile(os.Getenv("LEAKDESK_BENCH_PDF"), out.Bytes(), 0o644)
	}
	if _, err := exec.LookPath("img2pdf"); err != nil {
		return
	}
	dir := b.TempDir()
	var files []string
	for i, j := range jpegs {
		f := filepath.Join(dir, fmt.Sprintf("%02d.jpg", i))
		os.WriteFile(f, j, 0o600)
		files = append(files, f)
	}
	dst := filepath.Join(dir, "img2pdf.pdf")
	// /usr/bin/time reports img2pdf's own peak RSS (a Go child's rusage
	// would include this process's memory from before exec).
	args := append(append([]string{"-f", "%M", "img2pdf", "--pagesize", "A4"}, files...), "-o", dst)
	start := time.Now()
	cmd := exec.Command("/usr/bin/time", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("img2pdf: %v %s", err, stderr.String())
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-img2pdf")
	if st, err := os.Stat(dst); err == nil {
		b.ReportMetric(float64(st.Size())/1e6, "MB-img2pdf")
	}
	lines := strings.Fields(stderr.String())
	if n, err := strconv.Atoi(lines[len(lines)-1]); err == nil {
		b.ReportMetric(float64(n)/1024, "MB-img2pdf-peakRSS")
	}
}
