package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/jung-kurt/gofpdf"
	realgofpdi "github.com/phpdave11/gofpdi"
)

// A hostile PDF can crash gofpdi in ways recover() cannot stop (a stack
// overflow from a cyclic page tree or xref chain is fatal to the process),
// or make it loop. So PDF exhibits are first imported in a child process:
// the app's own binary started again with checkerEnv set. The child either
// reports the page sizes or dies; either way the app lives.

const checkerEnv = "LEAKDESK_PDF_CHECKER"

// checkerReady is set once RunCheckerIfRequested has run in this process,
// which proves that the binary can act as a checker.
var checkerReady atomic.Bool

// RunCheckerIfRequested must be called at the very start of main (and of
// TestMain in tests). In a process started as a PDF checker it reads a PDF
// on stdin, imports every page with gofpdi into a throwaway document,
// prints the page sizes as JSON and exits; otherwise it only records that
// the checker is available and returns. Without this call PDF exhibits are
// never imported, only listed with their hashes.
func RunCheckerIfRequested() {
	if os.Getenv(checkerEnv) != "1" {
		checkerReady.Store(true)
		return
	}
	// Fail fast rather than grow a gigabyte stack or heap.
	debug.SetMaxStack(64 << 20)
	debug.SetMemoryLimit(1 << 30)
	go func() {
		time.Sleep(pdfImportTime)
		os.Exit(3)
	}()
	data, err := io.ReadAll(io.LimitReader(os.Stdin, maxPDFBytes+1))
	if err != nil || len(data) > maxPDFBytes {
		os.Exit(2)
	}
	pages, err := importAll(data)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	json.NewEncoder(os.Stdout).Encode(pages)
	os.Exit(0)
}

// errUnsupportedPDF: gofpdi read the file but refuses a structure in it
// (its errors then start with "Unsupported").
var errUnsupportedPDF = errors.New("pdf uses a feature the importer does not support")

// errEncryptedPDF: the PDF does not open without a password (or a
// certificate). One encrypted with an empty user password — bank
// statements, e-invoices: every viewer opens it without asking — is
// decrypted by the importer and is not this.
var errEncryptedPDF = errors.New("pdf needs a password to open")

// checkPDF asks a checker process for the page sizes of a PDF.
func checkPDF(data []byte) ([][2]float64, error) {
	if !checkerReady.Load() {
		return nil, errors.New("pdf checker not available (RunCheckerIfRequested not called)")
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdfImportTime+5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), checkerEnv+"=1")
	cmd.Stdin = bytes.NewReader(data)
	var out, stderr bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if bytes.Contains(stderr.Bytes(), []byte("Encrypted:")) {
			return nil, fmt.Errorf("%w: %s", errEncryptedPDF, bytes.TrimSpace(stderr.Bytes()))
		}
		if bytes.Contains(stderr.Bytes(), []byte("Unsupported")) {
			return nil, fmt.Errorf("%w: %s", errUnsupportedPDF, bytes.TrimSpace(stderr.Bytes()))
		}
		return nil, fmt.Errorf("pdf checker: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	var pages [][2]float64
	if err := json.Unmarshal(out.Bytes(), &pages); err != nil || len(pages) == 0 {
		return nil, fmt.Errorf("pdf checker output: %v", err)
	}
	return pages, nil
}

// importAll imports every page into a throwaway document and returns the
// page sizes in points.
func importAll(data []byte) (pages [][2]float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf import: %v", r)
		}
	}()
	imp := realgofpdi.NewImporter()
	var rs io.ReadSeeker = bytes.NewReader(data)
	imp.SetSourceStream(&rs)
	n := imp.GetNumPages()
	if n <= 0 || n > maxPDFPages {
		return nil, fmt.Errorf("pdf has %d pages", n)
	}
	sizes := imp.GetPageSizes()
	f := gofpdf.New("P", "pt", "A4", "")
	for i := 1; i <= n; i++ {
		box := sizes[i]["/MediaBox"]
		w, h := box["w"], box["h"]
		if w <= 0 || h <= 0 || w > 14400 || h > 14400 {
			return nil, fmt.Errorf("page %d has size %vx%v", i, w, h)
		}
		pages = append(pages, [2]float64{w, h})
		tpl := importPage(f, imp, i)
		f.AddPage()
		useTemplate(f, imp, tpl, 0, 0, 100, 0)
	}
	if f.Err() {
		return nil, f.Error()
	}
	return pages, f.Output(io.Discard)
}
