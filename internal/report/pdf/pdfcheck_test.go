package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"leakdesk/internal/report"
)

// TestPDFReasonsTrue (issue 10 §2): a PDF that cannot be embedded is listed
// with the real reason — encrypted, damaged at the byte where parsing
// failed, or using a feature we cannot print — and a valid file is never
// called damaged. Each damaged variant names the byte our own structure
// check stopped at.
func TestPDFReasonsTrue(t *testing.T) {
	needTool(t, "pdftotext")
	good := testPDF(t)
	// gofpdf writes "3 0 obj" for the first page's content stream.
	obj := bytes.Index(good, []byte("\n3 0 obj")) + 1
	stream := bytes.Index(good[obj:], []byte("stream\n")) + obj + len("stream\n")
	headerGone := bytes.Clone(good)
	copy(headerGone[obj:], "X 0 xyz")
	flate := bytes.Clone(good)
	for i := stream + 2; i < stream+12; i++ {
		flate[i] ^= 0xA5
	}
	xrefAt, _ := strconv.Atoi(string(regexp.MustCompile(`startxref\n(\d+)`).FindSubmatch(good)[1]))
	wrongXref := bytes.Replace(good, []byte(fmt.Sprintf("startxref\n%d", xrefAt)), []byte(fmt.Sprintf("startxref\n%d", xrefAt-7)), 1)
	cases := []struct {
		name string
		data []byte
		want string // the reason as printed
	}{
		{"cut short", good[:len(good)*2/3], damagedAt(len(good) * 2 / 3)},
		{"object header overwritten", headerGone, damagedAt(obj)},
		{"startxref off by 7", wrongXref, damagedAt(xrefAt - 7)},
		{"compressed stream damaged", flate, "自第"},
		{"encrypted", encryptedPDF(t, good), "文件已加密"},
	}
	p, _ := fixturePacket(t)
	p.Exhibits = nil
	src := memSource{}
	for i, c := range cases {
		id := int64(i + 1)
		src[id] = c.data
		p.Exhibits = append(p.Exhibits, report.ExhibitRef{ID: id, Number: int(id), Label: fmt.Sprintf("证据%d", id), Title: c.name,
			SHA256: sha(c.data), Render: report.RenderPDF, Format: "application/pdf", Size: int64(len(c.data))})
	}
	txt := squash(run(t, "pdftotext", writeTemp(t, render(t, p, src)), "-"))
	for i, c := range cases {
		// Each exhibit's page: from its title to the next one's.
		from := strings.LastIndex(txt, squash(c.name))
		to := len(txt)
		if i+1 < len(cases) {
			to = strings.LastIndex(txt, squash(cases[i+1].name))
		}
		if from < 0 || to < from {
			t.Fatalf("%s: no page in the packet", c.name)
		}
		page := txt[from:to]
		if !strings.Contains(page, c.want) {
			t.Errorf("%s: page says\n%s\nwant %q", c.name, page, c.want)
		}
	}
	// The valid file is printed, not listed.
	if st := pdfStructure(good); st.damaged || st.encrypted {
		t.Errorf("valid PDF: %+v", st)
	}
}

func damagedAt(n int) string {
	return squash(fmt.Sprintf(report.ZHLabels().Reasons["damaged_at"], n))
}

// TestPDFStructureCorpus: no PDF of the corpus (every producer and qpdf
// variant) is found damaged or encrypted by the structure check.
func TestPDFStructureCorpus(t *testing.T) {
	for name, data := range pdfCorpus(t) {
		if st := pdfStructure(data); st.damaged || st.encrypted {
			t.Errorf("%s: %+v", name, st)
		}
	}
}
