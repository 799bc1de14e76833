package pdf

import (
	"bytes"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"leakdesk/internal/report"
)

// jpegKinds are JPEGs whose headers differ in what gofpdf reads: Go's
// encoder (no JFIF segment, so DecodeConfig reads on to the first scan),
// and the exhibit package's committed fixtures (JFIF, grey, CMYK with an
// Adobe segment, restart markers, progressive).
func jpegKinds(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{"go.jpg": testJPEG(t, 120, 80, 1)}
	names, _ := filepath.Glob("../../incident/exhibit/testdata/jpeg/*.jpg")
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			out[filepath.Base(n)] = b
		}
	}
	if len(out) < 8 {
		t.Fatalf("JPEG kinds: %d", len(out))
	}
	return out
}

// TestJPEGStubReadsAsTheFile: gofpdf learns a picture's size and colour
// model from its stub (image/jpeg's DecodeConfig) exactly as from the
// whole file, and the stub names its exhibit.
func TestJPEGStubReadsAsTheFile(t *testing.T) {
	for name, b := range jpegKinds(t) {
		want, err := jpeg.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			continue // arith.jpg: neither Go nor gofpdf reads it
		}
		stub := jpegStub(b, 42)
		if stub == nil {
			t.Errorf("%s: no stub", name)
			continue
		}
		got, err := jpeg.DecodeConfig(bytes.NewReader(stub))
		if err != nil || got != want {
			t.Errorf("%s: stub reads as %+v (%v), the file as %+v", name, got, err, want)
		}
		if n, ok := stubOf(stub); !ok || n != 42 {
			t.Errorf("%s: stub names exhibit %d, %v", name, n, ok)
		}
		if len(stub) > 1024 {
			t.Errorf("%s: stub of %d bytes", name, len(stub))
		}
	}
	if jpegStub([]byte("\xff\xd8\xff\xda\x00\x02"), 1) != nil {
		t.Error("a stub for a scan before any frame header")
	}
}

// TestJPEGsPrintedFromStubs: every JPEG exhibit is printed from its own
// bytes, exactly once and as they are, in place of its stub — also two
// photos whose headers are the same byte for byte (same size and
// encoder), which must not share one picture — and the packet is valid.
func TestJPEGsPrintedFromStubs(t *testing.T) {
	needTool(t, "qpdf")
	needTool(t, "pdfimages")
	p, src := fixturePacket(t)
	kinds := jpegKinds(t)
	files := [][]byte{testJPEG(t, 300, 200, 7), testJPEG(t, 300, 200, 8), kinds["gray.jpg"], kinds["cmyk.jpg"], kinds["prog2.jpg"], kinds["rst1.jpg"]}
	p.Exhibits = nil
	for i, b := range files {
		id := int64(100 + i)
		src[id] = b
		p.Exhibits = append(p.Exhibits, report.ExhibitRef{ID: id, Number: i + 1, Label: "证据" + strconv.Itoa(i+1), Title: "照片",
			Source: "本人拍摄", SHA256: sha(b), ContentType: "image/jpeg", Kind: "file", Format: "JPEG", Size: int64(len(b)),
			Render: report.RenderImage})
	}
	out := render(t, p, src)
	path := writeTemp(t, out)
	run(t, "qpdf", "--check", path)
	if bytes.Contains(out, []byte(stubTag)) {
		t.Error("a stub is left in the packet")
	}
	// pdfimages lists the pictures page by page with their object
	// numbers; exhibit i's page shows exhibit i's bytes.
	list := run(t, "pdfimages", "-list", path)
	rows := regexp.MustCompile(`(?m)^\s*(\d+)\s+\d+\s+image\s+\d+\s+\d+\s+\S+\s+\d+\s+\d+\s+jpeg\s+\S+\s+(\d+)\s+0\s`).FindAllStringSubmatch(list, -1)
	if len(rows) != len(files) {
		t.Fatalf("%d JPEG pictures, want %d:\n%s", len(rows), len(files), list)
	}
	for i, r := range rows {
		got := run(t, "qpdf", "--show-object="+r[2], "--raw-stream-data", path)
		if got != string(files[i]) {
			t.Errorf("picture %d (page %s, object %s) is not exhibit %d's file (%d bytes, want %d)", i+1, r[1], r[2], i+1, len(got), len(files[i]))
		}
		if n := bytes.Count(out, files[i]); n != 1 {
			t.Errorf("exhibit %d's bytes appear %d times", i+1, n)
		}
	}
}

// Issue 13: a JPEG that is its exhibit's file is not held between reading
// and writing (only its header, the stub), so a joint document of many
// victims' photos needs memory for one at a time; its bytes are read
// again, and checked again, as the file is written.
func TestJPEGsNotHeldUntilWritten(t *testing.T) {
	p, src := fixturePacket(t)
	files := [][]byte{testJPEG(t, 300, 200, 7), testJPEG(t, 300, 200, 8)}
	p.Exhibits = nil
	for i, b := range files {
		id := int64(100 + i)
		src[id] = b
		p.Exhibits = append(p.Exhibits, report.ExhibitRef{ID: id, Number: i + 1, Label: "证据" + strconv.Itoa(i+1), Title: "照片",
			SHA256: sha(b), ContentType: "image/jpeg", Kind: "file", Format: "JPEG", Size: int64(len(b)), Render: report.RenderImage})
	}
	exs, err := prepareExhibits(&p, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range exs {
		if x.mode != modeImage || x.data != nil || x.stub == nil {
			t.Errorf("exhibit %d: mode %q, %d bytes held, stub %v", x.ref.Number, x.mode, len(x.data), x.stub != nil)
		}
	}
	out := render(t, p, src)
	for i, b := range files {
		if n := bytes.Count(out, b); n != 1 {
			t.Errorf("exhibit %d's bytes appear %d times", i+1, n)
		}
	}
	// Changed after it was read for the layout: the file is refused
	// rather than print other bytes than the list's hash.
	changing := &changingSource{memSource: src, id: 101, from: 2}
	var buf bytes.Buffer
	if err := Render(&buf, p, changing); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Errorf("a picture changed while writing: err %v", err)
	}
}
