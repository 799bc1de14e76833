package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"leakdesk/internal/report"
)

// pdfCorpus writes PDFs as common producers make them: gofpdf (leakdesk's
// own packets, many Go tools), img2pdf (scanner and photo apps), Cairo
// (pdftocairo; GTK apps and Linux "print to PDF"), each also rewritten by
// qpdf with object and cross-reference streams (PDF 1.5+, as Word, Chrome
// and bank statement generators write them), linearised ("fast web view")
// and in QDF form.
func pdfCorpus(t *testing.T) map[string][]byte {
	t.Helper()
	needTool(t, "qpdf")
	needTool(t, "img2pdf")
	needTool(t, "pdftocairo")
	dir := t.TempDir()
	// With its exhibits the packet is well over 64 KB, which makes qpdf
	// write /Columns 5 in its xref streams (gofpdi refused those).
	p, src := fixturePacket(t)
	base := map[string][]byte{
		"gofpdf-small":    testPDF(t),
		"leakdesk-packet": render(t, p, src),
	}
	jpg := filepath.Join(dir, "photo.jpg")
	os.WriteFile(jpg, testJPEG(t, 800, 600, 5), 0o600)
	for name, args := range map[string][]string{
		"img2pdf": {"img2pdf", jpg, "-o", filepath.Join(dir, "img2pdf.pdf")},
	} {
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		b, err := os.ReadFile(filepath.Join(dir, name+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		base[name] = b
	}
	// Office and browser producers as people have them: LibreOffice's
	// Writer and Chromium's "save as PDF" (Skia), made here from a small
	// document with Chinese text.
	base["libreoffice"] = libreOfficePDF(t, dir)
	base["chromium"] = chromiumPDF(t, dir)
	packet := filepath.Join(dir, "packet.pdf")
	os.WriteFile(packet, base["leakdesk-packet"], 0o600)
	run(t, "pdftocairo", "-pdf", "-l", "3", packet, filepath.Join(dir, "cairo.pdf"))
	base["cairo"], _ = os.ReadFile(filepath.Join(dir, "cairo.pdf"))

	variants := map[string][]string{
		"objstm":           {"--object-streams=generate"},
		"linearized":       {"--linearize"},
		"objstm-linear":    {"--object-streams=generate", "--linearize"},
		"qdf":              {"--qdf", "--object-streams=disable"},
		"recompressed-1.7": {"--object-streams=generate", "--recompress-flate", "--compression-level=9", "--force-version=1.7"},
	}
	out := map[string][]byte{}
	for name, b := range base {
		out[name] = b
		in := filepath.Join(dir, name+".in.pdf")
		os.WriteFile(in, b, 0o600)
		for v, args := range variants {
			dst := filepath.Join(dir, name+"."+v+".pdf")
			cmd := exec.Command("qpdf", append(args, in, dst)...)
			if o, err := cmd.CombinedOutput(); err != nil {
				if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
					t.Fatalf("qpdf %v: %v\n%s", args, err, o)
				}
			}
			out[name+"/"+v], _ = os.ReadFile(dst)
		}
	}
	return out
}

const producerText = "个人信息泄露证据：银行对账单（示例）\nStatement for account 6222 0000 0000 0000\n第二段：快递单号 SF1234567890123。\n"

// libreOfficePDF converts a text document with LibreOffice Writer, in a
// private profile so that a running office or another test is not
// disturbed.
func libreOfficePDF(t *testing.T, dir string) []byte {
	needTool(t, "soffice")
	src := filepath.Join(dir, "statement.txt")
	os.WriteFile(src, []byte(producerText), 0o600)
	profile := "file://" + filepath.Join(dir, "lo-profile")
	// Tagged, as Word saves by default ("document structure tags for
	// accessibility"): a structure tree and marked content on the page.
	run(t, "soffice", "-env:UserInstallation="+profile, "--headless", "--convert-to",
		`pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}`, "--outdir", dir, src)
	b, err := os.ReadFile(filepath.Join(dir, "statement.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// chromiumPDF prints a page with Chromium's headless "print to PDF".
func chromiumPDF(t *testing.T, dir string) []byte {
	needTool(t, "chromium")
	page := filepath.Join(dir, "page.html")
	os.WriteFile(page, []byte("<!doctype html><meta charset=utf-8><title>隐私政策</title><h1>隐私政策（示例）</h1><pre>"+producerText+"</pre>"), 0o600)
	out := filepath.Join(dir, "chromium.pdf")
	run(t, "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+filepath.Join(dir, "chromium-profile"),
		"--no-pdf-header-footer", "--print-to-pdf="+out, "file://"+page)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPDFCorpusEmbeds (issue 10 §2): every valid PDF of the corpus is
// imported page by page, vector-exact, by the checker and the renderer.
func TestPDFCorpusEmbeds(t *testing.T) {
	corpus := pdfCorpus(t)
	t.Run("has what office files have", func(t *testing.T) { corpusFeatures(t, corpus) })
	for name, data := range corpus {
		t.Run(name, func(t *testing.T) {
			pages, err := checkPDF(data)
			if err != nil {
				t.Fatalf("%d bytes: %v", len(data), err)
			}
			if len(pages) == 0 {
				t.Fatal("no pages")
			}
		})
	}
	t.Run("all in one packet", func(t *testing.T) { corpusInPacket(t, corpus) })
}

// corpusInPacket puts the whole corpus into one packet: every page of
// every PDF is printed (the gofpdf ones carry a marker line per page) and
// the packet stays valid.
func corpusInPacket(t *testing.T, corpus map[string][]byte) {
	needTool(t, "pdftotext")
	p, _ := fixturePacket(t)
	p.Exhibits = nil
	src := memSource{}
	// The leakdesk packets of the corpus print the fixture's own PDF
	// exhibit and list its damaged ones, so their pages carry the marker
	// lines and "not reproduced" notes too.
	const note = "该文件无法在本材料中呈现"
	perPacket := strings.Count(squash(run(t, "pdftotext", writeTemp(t, corpus["leakdesk-packet"]), "-")), note)
	marked, packets := 0, 0
	id := int64(0)
	for name, data := range corpus {
		id++
		if strings.HasPrefix(name, "gofpdf-small") || strings.HasPrefix(name, "leakdesk-packet") {
			marked++
		}
		if strings.HasPrefix(name, "leakdesk-packet") {
			packets++
		}
		src[id] = data
		p.Exhibits = append(p.Exhibits, report.ExhibitRef{ID: id, Number: int(id), Label: fmt.Sprintf("证据%d", id), Title: name,
			SHA256: sha(data), Render: report.RenderPDF, Format: "application/pdf", Size: int64(len(data))})
	}
	path := writeTemp(t, render(t, p, src))
	run(t, "qpdf", "--check", path)
	txt := run(t, "pdftotext", path, "-")
	if n := strings.Count(squash(txt), note); n != packets*perPacket {
		t.Errorf("%d notes of files not reproduced, want the %d inside the corpus packets", n, packets*perPacket)
	}
	for _, page := range []string{"Imported exhibit page 1", "Imported exhibit page 2"} {
		if got := strings.Count(txt, page); got != marked {
			t.Errorf("%q printed %d times, want %d (once per gofpdf or packet variant)", page, got, marked)
		}
	}
}

// TestUnsupportedPDFReason: a PDF that gofpdi reads but cannot copy is
// listed as using a feature we cannot print, not as damaged.
func TestUnsupportedPDFReason(t *testing.T) {
	needTool(t, "qpdf")
	needTool(t, "pdftotext")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	os.WriteFile(in, testPDF(t), 0o600)
	run(t, "qpdf", "--object-streams=generate", in, out)
	b, _ := os.ReadFile(out)
	// A TIFF predictor (2) in the xref stream, which the importer refuses.
	tiff := bytes.Replace(b, []byte("/Predictor 12"), []byte("/Predictor 02"), 1)
	if bytes.Equal(tiff, b) {
		t.Fatal("no /Predictor 12 in qpdf's output")
	}
	p, _ := fixturePacket(t)
	p.Exhibits = []report.ExhibitRef{{ID: 1, Number: 1, Label: "证据1", Title: "tiff-predictor", SHA256: sha(tiff), Render: report.RenderPDF, Format: "application/pdf"}}
	txt := squash(run(t, "pdftotext", writeTemp(t, render(t, p, memSource{1: tiff})), "-"))
	if !strings.Contains(txt, "文件使用了本程序无法打印的PDF功能") || strings.Contains(txt, "文件已损坏") {
		t.Errorf("reason not given as an unsupported feature:\n%s", txt)
	}
}

// corpusFeatures checks that the corpus carries what Word and WPS files
// have (issue 10 §2), so that "embeds the corpus" means embedding them:
// CIDFontType2 fonts with Identity-H encoding (Chromium, as Word for
// Chinese text), a tagged structure tree (LibreOffice and Chromium, as
// Word by default), object and cross-reference streams (every qpdf
// variant). Incremental updates, hybrid references and empty-password
// encryption are in people_test.go.
func corpusFeatures(t *testing.T, corpus map[string][]byte) {
	needTool(t, "pdffonts")
	needTool(t, "pdfinfo")
	fonts := run(t, "pdffonts", writeTemp(t, corpus["chromium"]))
	if !strings.Contains(fonts, "CID TrueType") || !strings.Contains(fonts, "Identity-H") {
		t.Errorf("chromium: no CIDFontType2 font with Identity-H:\n%s", fonts)
	}
	for _, name := range []string{"chromium", "libreoffice"} {
		if info := run(t, "pdfinfo", writeTemp(t, corpus[name])); !regexp.MustCompile(`(?m)^Tagged:\s+yes`).MatchString(info) {
			t.Errorf("%s: not tagged:\n%s", name, info)
		}
		if !bytes.Contains(corpus[name], []byte("/StructTreeRoot")) {
			t.Errorf("%s: no structure tree", name)
		}
	}
	for _, name := range []string{"chromium/objstm", "libreoffice/objstm-linear"} {
		if b := corpus[name]; !bytes.Contains(b, []byte("/ObjStm")) || !bytes.Contains(b, []byte("/XRef")) {
			t.Errorf("%s: no object and xref streams", name)
		}
	}
}
