package pdf

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"leakdesk/internal/report"
)

// needTool skips a test when a command-line tool is missing, except in CI,
// where the tools are installed and the test must run.
func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI: %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
}

func render(t testing.TB, p report.Packet, src ExhibitSource) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, p, src); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("LEAKDESK_PDF_OUT"); out != "" {
		os.WriteFile(out, buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

func writeTemp(t testing.TB, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "packet.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

var spaceRE = regexp.MustCompile(`\s+`)

func squash(s string) string { return spaceRE.ReplaceAllString(s, "") }

// pdfText returns the text of the PDF without whitespace and without the
// running headers and page footers, so that a paragraph that crosses a page
// reads as one string.
//
// Both poppler modes are read and joined: the raw mode keeps a paragraph's
// lines together, the layout mode keeps a wrapped labelled value beside
// its label.
func pdfText(t testing.TB, path string, p report.Packet) string {
	t.Helper()
	footer := regexp.MustCompile(`第\d+页/共\d+页`)
	clean := func(txt string) string {
		txt = footer.ReplaceAllString(squash(txt), "")
		return strings.ReplaceAll(txt, squash(p.Title)+squash(p.CaseNumber), "")
	}
	return clean(run(t, "pdftotext", "-enc", "UTF-8", path, "-")) + "\n" +
		clean(run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"))
}

// paragraphs lists every text of the model that must come back whole.
func paragraphs(p report.Packet) []string {
	var out []string
	for _, s := range p.Sections {
		if s.Heading != "" {
			out = append(out, s.Heading)
		}
		for _, b := range s.Blocks {
			switch b.Kind {
			case report.BlockParagraph, report.BlockHeading:
				out = append(out, b.Text)
			case report.BlockList:
				out = append(out, b.Items...)
			case report.BlockKV:
				for _, kv := range b.KV {
					out = append(out, kv.Value)
				}
			case report.BlockSignature:
				out = append(out, b.Signature.Salutation...)
				out = append(out, b.Signature.Date)
			}
		}
	}
	out = append(out, p.Cover.Title, p.Cover.Subtitle, p.Cover.Recipient)
	return out
}

func TestRenderTextComplete(t *testing.T) {
	needTool(t, "pdftotext")
	p, src := fixturePacket(t)
	path := writeTemp(t, render(t, p, src))
	txt := pdfText(t, path, p)
	for _, para := range paragraphs(p) {
		if want := squash(para); want != "" && !strings.Contains(txt, want) {
			t.Errorf("paragraph missing or damaged in the PDF text:\n%s", para)
		}
	}
	for _, e := range p.Exhibits {
		if !strings.Contains(txt, e.SHA256) {
			t.Errorf("hash of %s missing", e.Label)
		}
		if e.Render != report.RenderSeparate && (!strings.Contains(txt, squash(e.Label)) || !strings.Contains(txt, squash(e.Title))) {
			t.Errorf("exhibit header %s missing", e.Label)
		}
	}
	for _, want := range []string{"Importedexhibitpage1", "Importedexhibitpage2", "理赔通知", "文件已损坏", "文件已加密", p.Closing.ChainHead} {
		if !strings.Contains(txt, want) {
			t.Errorf("%q missing", want)
		}
	}
}

func TestRenderQPDFCheckAndFonts(t *testing.T) {
	needTool(t, "qpdf")
	needTool(t, "pdffonts")
	needTool(t, "pdfinfo")
	p, src := fixturePacket(t)
	path := writeTemp(t, render(t, p, src))
	run(t, "qpdf", "--check", path)
	fonts := run(t, "pdffonts", path)
	for _, line := range strings.Split(fonts, "\n") {
		if strings.Contains(line, "utf8wqy") {
			f := strings.Fields(line)
			// name type... encoding emb sub uni: emb and uni must be yes.
			if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
				t.Errorf("CJK font not embedded with ToUnicode: %q", line)
			}
			goto pages
		}
	}
	t.Fatalf("CJK font not found:\n%s", fonts)
pages:
	info := run(t, "pdfinfo", path)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	n, _ := strconv.Atoi(m[1])
	// instructions + cover + TOC + body + exhibits + closing: the footer
	// total counts all but the instructions page.
	txt := squash(run(t, "pdftotext", path, "-"))
	if want := "共" + strconv.Itoa(n-1) + "页"; !strings.Contains(txt, want) {
		t.Errorf("page total %q not printed (PDF has %d pages)", want, n)
	}
	for _, bad := range []string{"/Author", "/home/", "/tmp/", "/root/"} {
		if strings.Contains(info, bad) {
			t.Errorf("metadata contains %q", bad)
		}
	}
}

func TestRenderDeterministic(t *testing.T) {
	p, src := fixturePacket(t)
	// Imported PDF pages are kept by gofpdf in a map, so their object
	// order varies between runs; everything else must be byte-identical.
	var keep []report.ExhibitRef
	for _, e := range p.Exhibits {
		if e.Render != report.RenderPDF {
			keep = append(keep, e)
		}
	}
	p.Exhibits = keep
	a := render(t, p, src)
	b := render(t, p, src)
	if !bytes.Equal(a, b) {
		t.Fatal("same packet rendered to different bytes")
	}
}

func TestRenderHostileExhibits(t *testing.T) {
	p, src := fixturePacket(t)
	garbage := []byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nstartxref\n999999\n%%EOF")
	cases := map[string][]byte{
		"empty":       {},
		"garbage-pdf": garbage,
		"loop-xref":   []byte("%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer << /Size 1 /Prev 9 >>\nstartxref\n9\n%%EOF"),
		"png-bomb":    pngBomb(),
		"truncated":   testJPEG(t, 64, 64, 3)[:200],
	}
	id := int64(100)
	for name, b := range cases {
		src[id] = b
		render := report.RenderPDF
		if !strings.Contains(name, "pdf") && name != "loop-xref" && name != "empty" {
			render = report.RenderImage
		}
		p.Exhibits = append(p.Exhibits, report.ExhibitRef{ID: id, Number: int(id), Label: name, Title: name, SHA256: sha(b), Render: render, Format: "x"})
		id++
	}
	// A hash that does not match the bytes must not be printed as the
	// exhibit.
	p.Exhibits = append(p.Exhibits, report.ExhibitRef{ID: 1, Number: 200, Label: "mismatch", Title: "mismatch", SHA256: strings.Repeat("0", 64), Render: report.RenderImage})
	// A source that fails.
	p.Exhibits = append(p.Exhibits, report.ExhibitRef{ID: 999, Number: 201, Label: "missing", Title: "missing", SHA256: strings.Repeat("1", 64), Render: report.RenderImage})
	out := render(t, p, src)
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Fatal("no PDF")
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt := squash(run(t, "pdftotext", writeTemp(t, out), "-"))
		if n := strings.Count(txt, "该文件无法在本材料中呈现"); n < 8 {
			t.Errorf("expected every hostile exhibit to be listed as not reproduced, got %d notes", n)
		}
		if !strings.Contains(txt, "文件内容与登记的哈希值不符") {
			t.Error("hash mismatch not reported")
		}
	}
}

// pngBomb is a tiny PNG header declaring 20000 × 20000 pixels.
func pngBomb() []byte {
	b := testPNG(nil, 1, 1)
	// IHDR width and height at offsets 16 and 20.
	copy(b[16:], []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20})
	return b
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, errors.New("disk full")
	}
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteFileAtomic(t *testing.T) {
	p, src := fixturePacket(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "packet.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A render error leaves the old file and no temporary file.
	bad := p
	bad.Date = "not a date"
	if _, err := WriteFile(path, bad, src); err == nil {
		t.Fatal("expected an error")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatal("old file changed by a failed export")
	}
	sum, err := WriteFile(path, p, src)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if sha(b) != sum {
		t.Fatal("returned hash does not match the file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("leftover files: %v", entries)
	}
	// A writer that fails part-way reports the error.
	if err := Render(&failingWriter{n: 1000}, p, src); err == nil {
		t.Fatal("write error not reported")
	}
	_ = io.Discard
}

func TestCheckFont(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty": nil, "ttc": []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"), "otf": []byte("OTTO\x00\x01\x00\x00\x00\x00\x00\x00"), "junk": []byte("<html>hello</html>"),
	} {
		if checkFont(b) == nil {
			t.Errorf("%s accepted", name)
		}
	}
}
