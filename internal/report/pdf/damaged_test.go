package pdf

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"leakdesk/internal/incident/exhibit"
	"leakdesk/internal/report"
)

// TestDamagedImagesKeepPacketValid (issue 10): a truncated or damaged
// picture used to be passed through as it was, and qpdf --check then
// failed on the whole packet ("invalid jpeg data"). Every picture is now
// decoded first: what decodes is printed, the rest is listed, and the
// packet stays valid.
func TestDamagedImagesKeepPacketValid(t *testing.T) {
	needTool(t, "qpdf")
	needTool(t, "pdfimages")
	needTool(t, "pdftotext")
	p, _ := fixturePacket(t)
	jpg := testJPEG(t, 320, 240, 7)
	pngb := testPNG(t, 300, 200)
	flipped := append([]byte(nil), jpg...)
	for i := len(flipped) / 2; i < len(flipped)/2+64; i++ {
		flipped[i] ^= 0x5A
	}
	// Single bits flipped in the image data: the structure stays whole,
	// the data may not (issue 10: these used to print with smeared
	// blocks). Each is printed only if every code of it reads.
	sos := bytes.LastIndex(jpg, []byte{0xFF, 0xDA})
	var single [][]byte
	for pos := sos + 40; pos < len(jpg)-4 && len(single) < 6; pos += (len(jpg) - sos) / 7 {
		b := bytes.Clone(jpg)
		b[pos] ^= 0x08
		single = append(single, b)
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"jpeg-ok", jpg},
		{"jpeg-cut-30", jpg[:len(jpg)*3/10]},
		{"jpeg-cut-90", jpg[:len(jpg)*9/10]},
		{"jpeg-cut-before-eoi", jpg[:len(jpg)-2]},
		{"jpeg-bits-flipped", flipped},
		{"png-ok", pngb},
		{"png-cut-80", pngb[:len(pngb)*8/10]},
	}
	for i, b := range single {
		cases = append(cases, struct {
			name string
			data []byte
		}{fmt.Sprintf("jpeg-one-bit-%d", i), b})
	}
	src := memSource{}
	p.Exhibits = nil
	for i, c := range cases {
		id := int64(i + 1)
		src[id] = c.data
		p.Exhibits = append(p.Exhibits, report.ExhibitRef{ID: id, Number: int(id), Label: fmt.Sprintf("证据%d", id), Title: c.name,
			SHA256: sha(c.data), Render: report.RenderImage, Format: "image", Size: int64(len(c.data))})
	}
	out := render(t, p, src)
	// The intact photo's capture-time verdict (issue 10 §5), given to
	// every exhibit: it counts only for the bytes whose hash it names, so
	// the damaged ones are still refused and the packet is the same byte
	// for byte.
	verdict := exhibit.IntactVerdict(jpg, sha(jpg))
	if verdict == "" {
		t.Fatal("no verdict for the intact photo")
	}
	for i := range p.Exhibits {
		p.Exhibits[i].PrintCheck = verdict
	}
	if !bytes.Equal(render(t, p, src), out) {
		t.Error("the packet changed with the verdicts")
	}
	path := writeTemp(t, out)
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	// Each exhibit is either printed (one image on its page) or listed.
	images := regexp.MustCompile(`(?m)^\s*\d+\s+\d+\s+image\s+(\d+)\s+(\d+)`).FindAllStringSubmatch(run(t, "pdfimages", "-list", path), -1)
	txt := squash(run(t, "pdftotext", path, "-"))
	notes := strings.Count(txt, "该文件无法在本材料中呈现")
	// A flipped bit that breaks the data is listed with where.
	if n := strings.Count(txt, "字节起无法解析"); n < 2 {
		t.Errorf("%d exhibits listed as damaged at a byte, want the cut and flipped JPEGs", n)
	}
	if len(images)+notes != len(cases) {
		t.Errorf("%d images printed + %d listed, want %d in all", len(images), notes, len(cases))
	}
	if len(images) < 2 || notes < 3 {
		t.Errorf("printed %d, listed %d: the intact files must print and the cut ones must be listed", len(images), notes)
	}
	t.Logf("printed %d, listed %d", len(images), notes)
}
