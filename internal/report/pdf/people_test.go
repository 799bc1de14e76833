package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"leakdesk/internal/report"
)

// PDFs as people have them (issue 10 §2), beyond what pdfCorpus makes:
// bank statements encrypted with an empty user password (they open in
// every viewer without asking), and files saved with incremental
// updates, as Word, WPS and Acrobat do when a document is edited or
// signed.

// emptyPasswordVariants encrypts in with qpdf the ways bank statement
// generators do: an empty user password and an owner password that only
// restricts permissions, with every cipher of the standard handler.
var emptyPasswordVariants = map[string][]string{
	"rc4-40":                {"--allow-weak-crypto", "--encrypt", "", "owner", "40", "--"},
	"rc4-128":               {"--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"},
	"aes-128":               {"--encrypt", "", "owner", "128", "--use-aes=y", "--"},
	"aes-128-clear-meta":    {"--encrypt", "", "owner", "128", "--use-aes=y", "--cleartext-metadata", "--"},
	"aes-256":               {"--encrypt", "", "owner", "256", "--"},
	"aes-256-no-print":      {"--encrypt", "", "owner", "256", "--print=none", "--extract=n", "--modify=none", "--"},
	"aes-256-objstm":        {"--object-streams=generate", "--encrypt", "", "owner", "256", "--"},
	"aes-128-objstm-linear": {"--object-streams=generate", "--linearize", "--encrypt", "", "owner", "128", "--use-aes=y", "--"},
}

func qpdfBytes(t *testing.T, in []byte, args ...string) []byte {
	t.Helper()
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	os.WriteFile(src, in, 0o600)
	if o, err := exec.Command("qpdf", append(args, src, dst)...).CombinedOutput(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
			t.Fatalf("qpdf %q: %v\n%s", args, err, o)
		}
	}
	b, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEmptyPasswordPDFsEmbed: every empty-password variant of a two-page
// PDF and of a LibreOffice statement is imported page by page and its
// text is in the packet (so it was decrypted: ciphertext would print
// nothing readable); one that needs a password is listed as encrypted —
// the one case where that is the true reason — and the packet stays
// valid.
func TestEmptyPasswordPDFsEmbed(t *testing.T) {
	needTool(t, "qpdf")
	needTool(t, "pdftotext")
	dir := t.TempDir()
	small := testPDF(t)
	statement := libreOfficePDF(t, dir)
	p, _ := fixturePacket(t)
	p.Exhibits = nil
	src := memSource{}
	add := func(name string, data []byte) {
		id := int64(len(p.Exhibits) + 1)
		src[id] = data
		p.Exhibits = append(p.Exhibits, report.ExhibitRef{ID: id, Number: int(id), Label: fmt.Sprintf("证据%d", id), Title: name,
			SHA256: sha(data), Render: report.RenderPDF, Format: "application/pdf", Size: int64(len(data))})
	}
	for v, args := range emptyPasswordVariants {
		for base, in := range map[string][]byte{"small": small, "statement": statement} {
			name := base + "-" + v
			data := qpdfBytes(t, in, args...)
			if !bytes.Contains(data, []byte("/Encrypt")) {
				t.Fatalf("%s: qpdf did not encrypt", name)
			}
			t.Run(name, func(t *testing.T) {
				pages, err := checkPDF(data)
				if err != nil || len(pages) == 0 {
					t.Fatalf("not imported: %v", err)
				}
				if st := pdfStructure(data); st.damaged {
					t.Errorf("structure check finds a valid encrypted file damaged: %+v", st)
				}
			})
			add(name, data)
		}
	}
	add("needs-password", qpdfBytes(t, small, "--encrypt", "user", "owner", "256", "--"))
	add("needs-password-rc4", qpdfBytes(t, small, "--allow-weak-crypto", "--encrypt", "user", "owner", "128", "--use-aes=n", "--"))
	path := writeTemp(t, render(t, p, src))
	run(t, "qpdf", "--check", path)
	txt := run(t, "pdftotext", path, "-")
	n := len(emptyPasswordVariants)
	for _, want := range []string{"Imported exhibit page 1", "Imported exhibit page 2", "Statement for account"} {
		if got := strings.Count(txt, want); got != n {
			t.Errorf("%q printed %d times, want %d (once per variant)", want, got, n)
		}
	}
	flat := squash(txt)
	if got := strings.Count(flat, "文件已加密"); got != 2 {
		t.Errorf("%d exhibits listed as encrypted, want the 2 that need a password", got)
	}
	if got := strings.Count(flat, "该文件无法在本材料中呈现"); got != 2 {
		t.Errorf("%d exhibits not reproduced, want 2", got)
	}
}

// incrementalUpdate appends an update to a classic-xref PDF as an editor
// that saves incrementally does: a new version of the page's content
// object (uncompressed) and a new /Info, a cross-reference section for
// them and a trailer whose /Prev points at the old table. Only a reader
// that follows the newest section prints the new text.
func incrementalUpdate(t *testing.T, pdf []byte, contentObj int, font, text string) []byte {
	t.Helper()
	m := regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no startxref at the end")
	}
	prev, _ := strconv.Atoi(string(m[1]))
	tm := regexp.MustCompile(`(?s)trailer\s*<<(.*?)>>\s*startxref`).FindAllSubmatch(pdf, -1)
	if tm == nil {
		t.Fatal("no classic trailer")
	}
	old := tm[len(tm)-1][1]
	size, _ := strconv.Atoi(string(regexp.MustCompile(`/Size\s+(\d+)`).FindSubmatch(old)[1]))
	root := regexp.MustCompile(`/Root\s+\d+\s+\d+\s+R`).Find(old)
	var b bytes.Buffer
	b.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		b.WriteByte('\n')
	}
	content := fmt.Sprintf("BT /%s 16 Tf 40 500 Td (%s) Tj ET", font, text)
	at1 := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", contentObj, len(content)+1, content)
	at2 := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Producer (Microsoft\\256 Word for Microsoft 365) /ModDate (D:20261130120000+08'00') >>\nendobj\n", size)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n%d 1\n%010d 00000 n \n", contentObj, at1, size, at2)
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", size+1, root, size, prev, xref)
	return b.Bytes()
}

// hybridUpdate appends an update the way Word writes hybrid-reference
// files: a classic cross-reference section for readers of PDF 1.4, and a
// cross-reference stream (/XRefStm) for the objects kept in an object
// stream — here a new version of page 1 (object 3) that points at new
// content. A reader that ignores /XRefStm prints the old page.
func hybridUpdate(t *testing.T, pdf []byte, font, text string) []byte {
	t.Helper()
	prev, _ := strconv.Atoi(string(regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`).FindSubmatch(pdf)[1]))
	tm := regexp.MustCompile(`(?s)trailer\s*<<(.*?)>>\s*startxref`).FindAllSubmatch(pdf, -1)
	old := tm[len(tm)-1][1]
	size, _ := strconv.Atoi(string(regexp.MustCompile(`/Size\s+(\d+)`).FindSubmatch(old)[1]))
	root := regexp.MustCompile(`/Root\s+\d+\s+\d+\s+R`).Find(old)
	page := regexp.MustCompile(`(?s)(?:^|\n)3 0 obj\s*(<<.*?>>)\s*endobj`).FindSubmatch(pdf)
	if page == nil || !bytes.Contains(page[1], []byte("/Contents 4 0 R")) {
		t.Fatal("no page object 3 with content 4")
	}
	n, stm, xs := size, size+1, size+2
	newPage := bytes.Replace(page[1], []byte("/Contents 4 0 R"), []byte(fmt.Sprintf("/Contents %d 0 R", n)), 1)
	deflate := func(b []byte) []byte {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(b)
		w.Close()
		return z.Bytes()
	}
	var b bytes.Buffer
	b.Write(pdf)
	content := fmt.Sprintf("BT /%s 16 Tf 40 500 Td (%s) Tj ET", font, text)
	atN := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", n, len(content)+1, content)
	head := "3 0 "
	body := deflate(append([]byte(head), newPage...))
	atS := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n", stm, len(head), len(body))
	b.Write(body)
	b.WriteString("\nendstream\nendobj\n")
	// W [1 4 2], /Index in two pairs as incremental updates have them:
	// object 0 (free) and object 3 (type 2, in object stream stm, index 0).
	entry := deflate([]byte{0, 0, 0, 0, 0, 0xFF, 0xFF, 2, byte(stm >> 24), byte(stm >> 16), byte(stm >> 8), byte(stm), 0, 0})
	atX := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Index [0 1 3 1] /Filter /FlateDecode /Length %d >>\nstream\n", xs, xs+1, len(entry))
	b.Write(entry)
	b.WriteString("\nendstream\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n%d 3\n%010d 00000 n \n%010d 00000 n \n%010d 00000 n \n", n, atN, atS, atX)
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s /Prev %d /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n", xs+1, root, prev, atX, xref)
	return b.Bytes()
}

// TestIncrementalUpdatePDF: a file saved with incremental updates (two,
// as after an edit and a save) prints its newest version, also when qpdf
// has rewritten it with object and xref streams, or linearised it.
func TestIncrementalUpdatePDF(t *testing.T) {
	needTool(t, "qpdf")
	needTool(t, "pdftotext")
	small := testPDF(t)
	// gofpdf writes the first page's content as object 4 and names its
	// core font in the shared resources.
	font := regexp.MustCompile(`/(F[0-9a-f]+) \d+ 0 R`).FindSubmatch(small)
	if !bytes.Contains(small, []byte("/Contents 4 0 R")) || font == nil {
		t.Fatal("gofpdf's layout changed: no content object 4 or font name")
	}
	update := func(pdf []byte, text string) []byte { return incrementalUpdate(t, pdf, 4, string(font[1]), text) }
	once := update(small, "Revised once")
	twice := update(once, "Revised exhibit page")
	files := map[string][]byte{
		"incremental":        twice,
		"hybrid-xref":        hybridUpdate(t, once, string(font[1]), "Revised exhibit page"),
		"incremental-objstm": qpdfBytes(t, twice, "--object-streams=generate"),
		"incremental-linear": qpdfBytes(t, twice, "--linearize"),
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			// The made-up updates are valid, and poppler prints their
			// newest version (so the test asks for what viewers show).
			in := writeTemp(t, data)
			if out, err := exec.Command("qpdf", "--check", in).CombinedOutput(); err != nil {
				t.Fatalf("the updated file is not valid: %v\n%s", err, out)
			}
			if txt := run(t, "pdftotext", in, "-"); !strings.Contains(txt, "Revised exhibit page") {
				t.Fatalf("poppler does not print the new version:\n%s", txt)
			}
			p, _ := fixturePacket(t)
			p.Exhibits = []report.ExhibitRef{{ID: 1, Number: 1, Label: "证据1", Title: name, SHA256: sha(data),
				Render: report.RenderPDF, Format: "application/pdf", Size: int64(len(data))}}
			path := writeTemp(t, render(t, p, memSource{1: data}))
			run(t, "qpdf", "--check", path)
			txt := run(t, "pdftotext", path, "-")
			if !strings.Contains(txt, "Revised exhibit page") || strings.Contains(txt, "Revised once") || strings.Contains(txt, "Imported exhibit page 1") {
				t.Errorf("not the newest version of page 1:\n%s", txt)
			}
			if !strings.Contains(txt, "Imported exhibit page 2") {
				t.Errorf("page 2 missing:\n%s", txt)
			}
		})
	}
}
