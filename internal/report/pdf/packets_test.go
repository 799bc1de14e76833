package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"leakdesk/internal/report"
	"leakdesk/internal/report/reporttest"
)

func buildKind(t testing.TB, kind string, o report.Options) (report.Packet, reporttest.Source) {
	t.Helper()
	cf, src := reporttest.Case()
	p, err := report.Build(cf, kind, o, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	return p, src
}

// TestPacketsPDF checks every packet kind of the demo-like case end to end.
func TestPacketsPDF(t *testing.T) {
	needTool(t, "pdftotext")
	needTool(t, "qpdf")
	needTool(t, "pdffonts")
	needTool(t, "pdfinfo")
	for _, kind := range report.Kinds() {
		t.Run(kind, func(t *testing.T) {
			p, src := buildKind(t, kind, report.Options{IncludeExhibits: true, Instructions: true})
			out := render(t, p, src)
			if dir := os.Getenv("LEAKDESK_PDF_DIR"); dir != "" {
				os.WriteFile(filepath.Join(dir, kind+".pdf"), out, 0o644)
			}
			path := writeTemp(t, out)
			run(t, "qpdf", "--check", path)
			if !strings.Contains(run(t, "pdffonts", path), "utf8wqy") {
				t.Error("CJK font missing")
			}
			txt := pdfText(t, path, p)
			for _, para := range paragraphs(p) {
				if want := squash(para); want != "" && !strings.Contains(txt, want) {
					t.Errorf("paragraph missing or damaged:\n%s", para)
				}
			}
			for _, e := range p.Exhibits {
				if !strings.Contains(txt, e.SHA256) {
					t.Errorf("hash of %s missing", e.Label)
				}
				if !strings.Contains(txt, e.Label) {
					t.Errorf("%s missing", e.Label)
				}
			}
			if p.Closing.ChainHead != "" && !strings.Contains(txt, p.Closing.ChainHead) {
				t.Error("event-chain head missing")
			}
			info := run(t, "pdfinfo", path)
			n, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)[1])
			if want := "共" + strconv.Itoa(n-1) + "页"; !strings.Contains(txt, want) {
				t.Errorf("footer total %q does not match %d pages", want, n)
			}
			checkMasked(t, kind, p, path)
		})
	}
}

// checkMasked is R12: a number the packet masks appears neither in the
// extracted text nor anywhere in the decompressed file.
func checkMasked(t *testing.T, kind string, p report.Packet, path string) {
	t.Helper()
	var hidden []string
	if p.Mask.ID {
		hidden = append(hidden, reporttest.IDNumber)
	}
	if p.Mask.Phone {
		hidden = append(hidden, reporttest.Phone)
	}
	if p.Mask.Card {
		hidden = append(hidden, reporttest.Card)
	}
	for _, leak := range maskLeaks(t, path, hidden) {
		t.Errorf("%s: %s", kind, leak)
	}
}

// maskLeaks says where in the PDF at path each of the numbers appears: in
// the text pdftotext extracts, and in the decompressed file. The file is
// searched in every form a number can take there: gofpdf writes the text
// drawn in the CJK font as hex UTF-16BE glyph strings (<00330033...> Tj),
// which is where a number typeset unmasked is (a search for its plain
// digits found nothing even in an unmasked packet: issue 11 §5); literal
// strings (metadata, bookmarks) hold it as plain digits or UTF-16BE bytes.
// TestMaskLeaksFindsUnmaskedNumbers shows each half finds an unmasked ID.
func maskLeaks(t testing.TB, path string, numbers []string) []string {
	t.Helper()
	if len(numbers) == 0 {
		return nil
	}
	txt := squash(run(t, "pdftotext", path, "-"))
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	run(t, "qpdf", "--qdf", "--object-streams=disable", path, qdf)
	raw, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	lower := bytes.ToLower(raw)
	var leaks []string
	for _, n := range numbers {
		if strings.Contains(txt, n) {
			leaks = append(leaks, "masked number "+n+" in the text")
		}
		u16 := utf16.Encode([]rune(n))
		var be []byte
		var hex strings.Builder
		for _, c := range u16 {
			be = append(be, byte(c>>8), byte(c))
			fmt.Fprintf(&hex, "%04x", c)
		}
		switch {
		case bytes.Contains(lower, []byte(hex.String())):
			leaks = append(leaks, "masked number "+n+" in a content stream (hex UTF-16BE)")
		case bytes.Contains(raw, []byte(n)), bytes.Contains(raw, be):
			leaks = append(leaks, "masked number "+n+" in the raw PDF")
		}
	}
	return leaks
}

// TestMaskLeaksFindsUnmaskedNumbers is the control for checkMasked: with
// masking off, the ID, phone and card numbers are printed, and both the
// text half and the decompressed-file half must report each of them.
func TestMaskLeaksFindsUnmaskedNumbers(t *testing.T) {
	needTool(t, "pdftotext")
	needTool(t, "qpdf")
	p, src := buildKind(t, report.KindPolice, report.Options{IncludeExhibits: true, Mask: &report.Masking{}})
	path := writeTemp(t, render(t, p, src))
	for _, n := range []string{reporttest.IDNumber, reporttest.Phone, reporttest.Card} {
		leaks := strings.Join(maskLeaks(t, path, []string{n}), "\n")
		if !strings.Contains(leaks, "in the text") {
			t.Errorf("unmasked %s: the text half did not find it (%q)", n, leaks)
		}
		if !strings.Contains(leaks, "content stream") {
			t.Errorf("unmasked %s: the decompressed-file half did not find it (%q)", n, leaks)
		}
	}
}

func TestPacketMaskedExhibitText(t *testing.T) {
	needTool(t, "pdftotext")
	needTool(t, "qpdf")
	// All masking on, all exhibits: the e-mail's body carries the ID and
	// phone numbers, which must be masked when typeset.
	p, src := buildKind(t, report.KindPolice, report.Options{IncludeExhibits: true, Mask: &report.Masking{ID: true, Phone: true, Card: true}})
	path := writeTemp(t, render(t, p, src))
	txt := squash(run(t, "pdftotext", path, "-"))
	if !strings.Contains(txt, "330106********002X") {
		t.Error("masked ID from the e-mail exhibit not printed")
	}
	checkMasked(t, "police-masked", p, path)
}

func TestPacketsDeterministic(t *testing.T) {
	cf, src := reporttest.Case()
	var ids []int64
	for _, e := range cf.Exhibits {
		if e.ContentType != "application/pdf" {
			ids = append(ids, e.ID)
		}
	}
	for _, kind := range report.Kinds() {
		p, err := report.Build(cf, kind, report.Options{IncludeExhibits: true, Exhibits: ids}, reporttest.Now)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(render(t, p, src), render(t, p, src)) {
			t.Errorf("%s: same input, different bytes", kind)
		}
	}
}
