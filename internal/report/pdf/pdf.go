// Package pdf prints a report.Packet as an A4 PDF with gofpdf. It is the only
// package that imports gofpdf (a fork is a one-line swap here). Everything it
// prints comes from the packet; the only decisions made here are layout.
package pdf

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"leakdesk/assets"
	"leakdesk/internal/platform"
	"leakdesk/internal/report"
)

// ExhibitSource hands the renderer the original bytes of an exhibit. The
// caller adapts the case store to it, which keeps SQL out of this package.
type ExhibitSource interface {
	Open(exhibitID int64) (io.ReadSeekCloser, error)
}

// ExhibitWriter is what a source may offer besides Open: writing an
// exhibit's bytes to w as it reads them (the store, a stored chunk at a
// time). The renderer then reads into a buffer of the exhibit's size, and
// attaches an original without holding it at all; Open would first copy
// the whole file into memory.
type ExhibitWriter interface {
	WriteExhibit(exhibitID int64, w io.Writer) (int64, error)
}

// Page geometry in millimetres. The margins follow GB/T 9704-2012 (天头 37,
// 订口 28, a 156 × 225 mm text block), which citizens' documents customarily
// mirror; the wide left margin leaves room for binding on the left as police
// case files are bound (cn-documents.md §1.4, §6.1).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginTop    = 37.0
	marginBottom = 35.0
	marginLeft   = 28.0
	marginRight  = 26.0
	textW        = pageW - marginLeft - marginRight // 156
	pageBottom   = pageH - marginBottom             // 262

	ptToMM = 25.4 / 72
)

// Type sizes in points. WenQuanYi Micro Hei has no bold face, so headings are
// marked by size alone.
const (
	sizeTitle    = 22   // 二号
	sizeHeading  = 16   // 三号
	sizeSub      = 14   // 四号
	sizeBody     = 14   // 四号: 31 characters per line in the 156 mm block
	sizeTable    = 10.5 // 五号
	sizeSmall    = 9
	sizeHash     = 6.5
	sizeRunning  = 8
	leadingBody  = 1.7 // line height as a multiple of the size
	leadingTable = 1.45
)

const fontFamily = "wqy"

// Render writes the packet as a PDF to w. Exhibit bytes come from src, which
// may be nil when the packet does not include exhibits. A damaged, encrypted
// or hostile exhibit never fails the render: it is listed with the reason.
// The output is a pure function of p and the exhibit bytes, except that the
// object order of imported PDF pages varies (gofpdf keeps them in a map).
func Render(w io.Writer, p report.Packet, src ExhibitSource) error {
	if err := checkFont(assets.CJKFont()); err != nil {
		return err
	}
	date, err := time.Parse("2006-01-02", p.Date)
	if err != nil {
		return fmt.Errorf("packet date %q: %w", p.Date, err)
	}
	p = bmpOnly(p)
	// Loading the CJK font is a large part of a render, and every layout
	// pass needs a document of its own: the first two passes' documents
	// are made while the exhibits are read and checked.
	type made struct {
		f   *gofpdf.Fpdf
		err error
	}
	early := make(chan made, 2)
	for range 2 {
		go func() {
			f, err := newFpdf(&p, date)
			early <- made{f, err}
		}()
	}
	exs, err := prepareExhibits(&p, src)
	if err != nil {
		return err
	}
	// Page numbers for the table of contents, the evidence list and the
	// footer are only known after layout: a first dry pass (no image or PDF
	// bytes, placeholder numbers as wide as real ones) finds them, the
	// printing pass uses them, and if its own numbers differ it is repeated.
	var nums *pageNumbers
	var d *doc
	for pass := 0; ; pass++ {
		if pass == 5 {
			return errors.New("pdf: page layout did not settle")
		}
		var f *gofpdf.Fpdf
		if pass < 2 {
			m := <-early
			f, err = m.f, m.err
		} else {
			f, err = newFpdf(&p, date)
		}
		if err != nil {
			return err
		}
		d = newDoc(f, &p, exs, nums, nums == nil)
		got, err := d.run()
		if err != nil {
			return err
		}
		if !d.dry && got.equal(nums) {
			break
		}
		nums = got
	}
	var as []attachment
	if p.AttachOriginals && src != nil {
		as = attachable(&p, exs)
	}
	if len(as) == 0 && len(d.stubs) == 0 {
		return d.f.Output(w)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	aw := &attachedWriter{w: bw, src: src, as: as, images: d.stubs}
	if err := d.f.Output(aw); err != nil {
		return err
	}
	d, exs = nil, nil
	if err := aw.close(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteFile renders the packet to path without ever leaving a partial file
// there: it writes a temporary file in the same directory, syncs it and
// renames it over path. It returns the SHA-256 of the PDF (hex), which the
// caller records in the case history.
func WriteFile(path string, p report.Packet, src ExhibitSource) (sha string, err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := newHashWriter(tmp)
	if err = Render(h, p, src); err != nil {
		return "", err
	}
	if err = tmp.Sync(); err != nil {
		return "", err
	}
	if err = tmp.Close(); err != nil {
		return "", err
	}
	if err = platform.Rename(tmp.Name(), path); err != nil {
		return "", err
	}
	// Makes the rename durable; failure only weakens durability, so it is
	// not reported.
	_ = platform.SyncDir(dir)
	return h.sum(), nil
}

// checkFont fails fast on font bytes gofpdf cannot use: it would only print
// an error and then silently drop every glyph.
func checkFont(b []byte) error {
	if len(b) < 12 {
		return errors.New("pdf: CJK font missing")
	}
	switch string(b[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "ttcf":
		return errors.New("pdf: CJK font is a TrueType collection; gofpdf needs a single face")
	case "OTTO":
		return errors.New("pdf: CJK font has CFF outlines; gofpdf needs TrueType outlines")
	default:
		return errors.New("pdf: CJK font is not a TrueType font")
	}
	return nil
}

// pageNumbers are the logical page numbers (the cover is page 1; the
// instructions page, if any, is not counted).
type pageNumbers struct {
	Section  map[string]int
	ExFirst  map[int]int
	ExLast   map[int]int
	Exhibits int
	Closing  int
	Total    int
}

func (a *pageNumbers) equal(b *pageNumbers) bool {
	if b == nil || a.Total != b.Total || a.Closing != b.Closing || a.Exhibits != b.Exhibits ||
		len(a.Section) != len(b.Section) || len(a.ExFirst) != len(b.ExFirst) {
		return false
	}
	for k, v := range a.Section {
		if b.Section[k] != v {
			return false
		}
	}
	for k, v := range a.ExFirst {
		if b.ExFirst[k] != v || b.ExLast[k] != a.ExLast[k] {
			return false
		}
	}
	return true
}

// doc is one layout pass.
type doc struct {
	f    *gofpdf.Fpdf
	p    *report.Packet
	exs  []*prepared
	prev *pageNumbers // numbers from the previous pass; nil in the first
	rec  *pageNumbers
	dry  bool
	// offset is the number of unnumbered pages before the cover.
	offset      int
	inCover     bool
	runningHead bool
	size        float64
	// pdfStreams keeps every imported PDF's stream alive (see pdfExhibit).
	pdfStreams []*io.ReadSeeker
	// stubs are the JPEGs gofpdf got only the header of, by exhibit
	// number (see jpegStub).
	stubs map[int]stubbed
}

// newFpdf makes a gofpdf document with the packet's metadata and the CJK
// font loaded.
func newFpdf(p *report.Packet, date time.Time) (*gofpdf.Fpdf, error) {
	f := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           gofpdf.SizeType{Wd: pageW, Ht: pageH},
	})
	f.SetCatalogSort(true)
	// Midnight UTC of the packet date: the same packet gives the same
	// bytes, and the PDF tells no more about when it was made than the
	// document itself does.
	day := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(day)
	f.SetModificationDate(day)
	f.SetProducer("leakdesk", false)
	f.SetCreator("leakdesk", false)
	f.SetTitle(p.Title, true)
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, marginBottom)
	f.SetCompression(true)
	f.AddUTF8FontFromBytes(fontFamily, "", assets.CJKFont())
	if f.Err() {
		return nil, fmt.Errorf("pdf: loading the CJK font: %w", f.Error())
	}
	f.SetFont(fontFamily, "", sizeBody)
	if f.Err() || f.GetStringWidth("中") <= 0 || f.GetStringWidth("A") <= 0 {
		return nil, errors.New("pdf: the CJK font has no usable glyphs")
	}
	return f, nil
}

// newDoc sets up a layout pass on f (from newFpdf).
func newDoc(f *gofpdf.Fpdf, p *report.Packet, exs []*prepared, prev *pageNumbers, dry bool) *doc {
	d := &doc{
		f: f, p: p, exs: exs, prev: prev, dry: dry, size: sizeBody, stubs: map[int]stubbed{},
		rec: &pageNumbers{Section: map[string]int{}, ExFirst: map[int]int{}, ExLast: map[int]int{}},
	}
	if p.Instructions != nil {
		d.offset = 1
	}
	f.SetHeaderFunc(d.header)
	f.SetFooterFunc(d.footer)
	return d
}

// run lays out the whole packet and returns the page numbers it produced.
func (d *doc) run() (*pageNumbers, error) {
	if d.p.Instructions != nil {
		d.instructions()
	}
	if !d.p.Plain {
		d.cover()
	}
	if d.p.TOC {
		d.toc()
	}
	d.runningHead = true
	first := true
	for _, s := range d.p.Sections {
		if s.NewPage || first {
			d.newPage()
		}
		first = false
		d.section(s)
	}
	if d.p.IncludeExhibits {
		d.exhibits()
	}
	if !d.p.Plain {
		d.closing()
	}
	d.rec.Total = d.f.PageNo() - d.offset
	if d.f.Err() {
		return nil, fmt.Errorf("pdf: %w", d.f.Error())
	}
	return d.rec, nil
}

// logical returns the current logical page number.
func (d *doc) logical() int { return d.f.PageNo() - d.offset }

func (d *doc) total() int {
	if d.prev == nil {
		return 0
	}
	return d.prev.Total
}

func (d *doc) header() {
	if !d.runningHead {
		return
	}
	f := d.f
	f.SetFont(fontFamily, "", sizeRunning)
	f.SetTextColor(110, 110, 110)
	y := marginTop - 13
	f.SetXY(marginLeft, y)
	f.CellFormat(textW/2, 4, d.p.Title, "", 0, "L", false, 0, "")
	f.SetXY(marginLeft+textW/2, y)
	f.CellFormat(textW/2, 4, d.p.CaseNumber, "", 0, "R", false, 0, "")
	f.SetDrawColor(170, 170, 170)
	f.SetLineWidth(0.2)
	f.Line(marginLeft, y+5, marginLeft+textW, y+5)
	f.SetTextColor(0, 0, 0)
	f.SetDrawColor(0, 0, 0)
	f.SetFont(fontFamily, "", d.size)
	f.SetXY(marginLeft, marginTop)
}

func (d *doc) footer() {
	f := d.f
	f.SetFont(fontFamily, "", sizeSmall+1)
	y := pageBottom + 12
	f.SetXY(marginLeft, y)
	if f.PageNo() <= d.offset {
		f.SetTextColor(160, 0, 0)
		f.CellFormat(textW, 5, d.p.Labels.NotForSubmit, "", 0, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
	} else {
		f.CellFormat(textW, 5, fmt.Sprintf(d.p.Labels.PageFooter, d.logical(), d.total()), "", 0, "C", false, 0, "")
	}
	f.SetFont(fontFamily, "", d.size)
}

func (d *doc) newPage() {
	d.f.AddPage()
	d.f.SetXY(marginLeft, marginTop)
}

// setSize switches the font size; all text uses the one CJK face.
func (d *doc) setSize(pt float64) {
	d.size = pt
	d.f.SetFont(fontFamily, "", pt)
}

func (d *doc) measure(s string) float64 { return d.f.GetStringWidth(s) }

func lineH(pt, leading float64) float64 { return pt * ptToMM * leading }

// ensure starts a new page unless h millimetres fit below the current
// position. It reports whether a page was added.
func (d *doc) ensure(h float64) bool {
	if d.f.GetY()+h > pageBottom+1e-6 {
		d.newPage()
		return true
	}
	return false
}

// text prints wrapped text at the current position across pages.
func (d *doc) text(s string, pt, leading float64, indent float64, align string) {
	d.textAt(marginLeft, textW, s, pt, leading, indent, align)
}

func (d *doc) textAt(x, w float64, s string, pt, leading float64, indent float64, align string) {
	d.setSize(pt)
	lh := lineH(pt, leading)
	lines := breakLines(s, w, indent, d.measure)
	// Widow and orphan control: never leave the first line of a paragraph
	// alone at the foot of a page, nor its last line alone at the top of
	// the next.
	breakAt := -1
	if fit := int((pageBottom - d.f.GetY() + 1e-6) / lh); fit < len(lines) {
		switch {
		case fit == 1:
			d.newPage()
		case fit >= 3 && len(lines)-fit == 1:
			breakAt = fit - 1
		}
	}
	for i, line := range lines {
		if i == breakAt {
			d.newPage()
		}
		d.ensure(lh)
		lx, lw := x, w
		if i == 0 && indent > 0 {
			lx += indent
			lw -= indent
		}
		d.f.SetXY(lx, d.f.GetY())
		d.f.CellFormat(lw, lh, line, "", 2, alignCode(align), false, 0, "")
		d.f.SetX(x)
	}
}

func alignCode(a string) string {
	switch a {
	case "center":
		return "C"
	case "right":
		return "R"
	}
	return "L"
}

// indentWidth is the customary two-character first-line indent.
func (d *doc) indentWidth(pt float64) float64 {
	d.setSize(pt)
	return 2 * d.measure("中")
}

func (d *doc) gap(mm float64) {
	y := d.f.GetY() + mm
	if y > pageBottom {
		y = pageBottom
	}
	d.f.SetY(y)
}

func (d *doc) instructions() {
	in := d.p.Instructions
	d.newPage()
	d.f.SetFillColor(250, 235, 235)
	d.f.SetDrawColor(160, 0, 0)
	d.f.SetTextColor(160, 0, 0)
	d.setSize(sizeSub)
	d.f.SetXY(marginLeft, marginTop-12)
	d.f.CellFormat(textW, 10, in.Banner, "1", 2, "C", true, 0, "")
	d.f.SetTextColor(0, 0, 0)
	d.f.SetDrawColor(0, 0, 0)
	d.gap(6)
	d.text(in.Title, sizeHeading, 1.5, 0, "center")
	d.gap(4)
	d.list(in.Items, true, sizeBody-1)
}

func (d *doc) cover() {
	c := d.p.Cover
	d.inCover = true
	d.newPage()
	d.f.SetY(marginTop + 30)
	d.text(c.Title, sizeTitle+4, 1.4, 0, "center")
	if c.Subtitle != "" {
		d.gap(4)
		d.text(c.Subtitle, sizeHeading, 1.5, 0, "center")
	}
	d.gap(22)
	if c.Recipient != "" {
		d.text(c.Recipient, sizeSub, 1.6, 0, "center")
		d.gap(10)
	}
	fields := append([]report.KV{}, c.Fields...)
	fields = append(fields, report.KV{Key: "", Value: fmt.Sprintf(d.p.Labels.CoverPages, d.total())})
	// A centred block of labelled lines, the label column as wide as the
	// widest label.
	d.setSize(sizeSub)
	kw := 0.0
	for _, kv := range fields {
		if w := d.measure(kv.Key); w > kw {
			kw = w
		}
	}
	bw := 110.0
	x := marginLeft + (textW-bw)/2
	lh := lineH(sizeSub, 1.9)
	for _, kv := range fields {
		if kv.Key == "" {
			d.gap(4)
			d.textAt(x, bw, kv.Value, sizeSub, 1.9, 0, "center")
			continue
		}
		y := d.f.GetY()
		d.f.SetXY(x, y)
		d.f.CellFormat(kw, lh, kv.Key, "", 0, "L", false, 0, "")
		d.textAt(x+kw+2, bw-kw-2, kv.Value, sizeSub, 1.9, 0, "left")
		d.f.SetDrawColor(120, 120, 120)
		d.f.SetLineWidth(0.2)
		d.f.Line(x+kw+2, d.f.GetY()-1, x+bw, d.f.GetY()-1)
		d.f.SetDrawColor(0, 0, 0)
	}
	if c.Note != "" {
		d.f.SetY(pageBottom - 24)
		d.text(c.Note, sizeSmall+1, 1.5, 0, "center")
	}
	d.inCover = false
}

// tocEntries lists what the table of contents shows, in order.
func (d *doc) tocEntries() []report.KV {
	var out []report.KV
	for _, s := range d.p.Sections {
		if s.InTOC {
			out = append(out, report.KV{Key: s.Heading, Value: "s:" + s.ID})
		}
	}
	if d.p.IncludeExhibits && d.hasExhibitPages() {
		out = append(out, report.KV{Key: d.p.Labels.ExhibitsHead, Value: "x"})
		for _, e := range d.p.Exhibits {
			if d.exhibitHasPages(e) {
				out = append(out, report.KV{Key: "　　" + e.Label + "　" + e.Title, Value: fmt.Sprintf("e:%d", e.Number)})
			}
		}
	}
	out = append(out, report.KV{Key: d.p.Closing.Heading, Value: "c"})
	return out
}

func (d *doc) tocPage(ref string) int {
	if d.prev == nil {
		return 0
	}
	switch {
	case strings.HasPrefix(ref, "s:"):
		return d.prev.Section[ref[2:]]
	case strings.HasPrefix(ref, "e:"):
		var n int
		fmt.Sscanf(ref[2:], "%d", &n)
		return d.prev.ExFirst[n]
	case ref == "x":
		return d.prev.Exhibits
	case ref == "c":
		return d.prev.Closing
	}
	return 0
}

func (d *doc) toc() {
	d.runningHead = true
	d.newPage()
	d.text(d.p.Labels.TOC, sizeHeading, 1.6, 0, "center")
	d.gap(4)
	d.setSize(sizeSub - 1)
	lh := lineH(sizeSub-1, 1.9)
	numW := 14.0
	for _, e := range d.tocEntries() {
		page := d.tocPage(e.Value)
		num := fmt.Sprintf("%d", page)
		if d.prev == nil {
			num = "000" // as wide as any real number, so lines break the same
		}
		lines := breakLines(e.Key, textW-numW-6, 0, d.measure)
		for i, line := range lines {
			d.ensure(lh)
			y := d.f.GetY()
			d.f.SetXY(marginLeft, y)
			d.f.CellFormat(textW-numW-6, lh, line, "", 0, "L", false, 0, "")
			if i == len(lines)-1 {
				// Dot leader from the end of the text to the number.
				tw := d.measure(line) + 2
				dot := d.measure("·")
				n := int((textW - numW - tw - 2) / dot)
				if n > 0 {
					d.f.SetXY(marginLeft+tw, y)
					d.f.SetTextColor(120, 120, 120)
					d.f.CellFormat(float64(n)*dot, lh, strings.Repeat("·", n), "", 0, "L", false, 0, "")
					d.f.SetTextColor(0, 0, 0)
				}
				d.f.SetXY(marginLeft+textW-numW, y)
				d.f.CellFormat(numW, lh, num, "", 0, "R", false, 0, "")
			}
			d.f.SetXY(marginLeft, y+lh)
		}
	}
}

func (d *doc) section(s report.Section) {
	d.rec.Section[s.ID] = d.logical()
	if s.Heading != "" {
		lh := lineH(sizeHeading, 1.6)
		// Keep a heading with at least two lines of what follows (and with
		// a sub-heading that opens the section).
		keep := lh + 2*lineH(sizeBody, leadingBody)
		if len(s.Blocks) > 0 && s.Blocks[0].Kind == report.BlockHeading {
			keep += lineH(sizeSub, 1.6) + 1
		}
		if d.ensure(keep) {
			d.rec.Section[s.ID] = d.logical()
		}
		d.gap(2)
		d.text(s.Heading, sizeHeading, 1.6, 0, "left")
		d.gap(1.5)
	}
	for i, b := range s.Blocks {
		if i+1 < len(s.Blocks) && b.Kind == report.BlockHeading {
			// Keep a sub-heading with the start of what it introduces: a
			// table's header and first row take more than two lines.
			if next := s.Blocks[i+1].Kind; next == report.BlockTable || next == report.BlockKV || next == report.BlockEvidence {
				d.ensure(lineH(sizeSub+1, 1.6) + 1 + 24)
			}
		}
		if i+1 < len(s.Blocks) && b.Kind == report.BlockParagraph && s.Blocks[i+1].Kind == report.BlockSignature {
			// The page with the signature must also carry text, not the
			// signature alone (cn-documents.md §6.2): keep the closing
			// paragraph with it.
			d.setSize(sizeBody)
			n := len(breakLines(b.Text, textW, d.indentWidth(sizeBody), d.measure))
			if n <= 4 {
				d.ensure(float64(n)*lineH(sizeBody, leadingBody) + d.signatureHeight(*s.Blocks[i+1].Signature))
			}
		}
		d.block(b)
	}
}

func (d *doc) block(b report.Block) {
	switch b.Kind {
	case report.BlockParagraph:
		ind := 0.0
		if b.Indent {
			ind = d.indentWidth(sizeBody)
		}
		d.text(b.Text, sizeBody, leadingBody, ind, b.Align)
	case report.BlockTitle:
		d.gap(2)
		d.text(b.Text, sizeTitle, 1.4, 0, "center")
		d.gap(4)
	case report.BlockHeading:
		d.ensure(lineH(sizeSub, 1.6) + 2*lineH(sizeBody, leadingBody))
		d.gap(1)
		d.text(b.Text, sizeSub+1, 1.6, 0, b.Align)
	case report.BlockKV:
		d.kv(b.KV)
	case report.BlockTable:
		if b.Table != nil {
			d.table(b.Table.Columns, b.Table.Rows, nil)
		}
	case report.BlockList:
		d.list(b.Items, b.Ordered, sizeBody)
	case report.BlockSignature:
		if b.Signature != nil {
			d.signature(*b.Signature)
		}
	case report.BlockEvidence:
		if b.Evidence != nil {
			d.evidence(*b.Evidence)
		}
	case report.BlockSpacer:
		d.gap(lineH(sizeBody, leadingBody))
	}
}

// kv prints labelled values as two aligned columns; values wrap under
// themselves.
func (d *doc) kv(items []report.KV) {
	d.setSize(sizeBody)
	kw := 0.0
	for _, kv := range items {
		if w := d.measure(kv.Key); w > kw {
			kw = w
		}
	}
	if kw > textW*0.4 {
		kw = textW * 0.4
	}
	lh := lineH(sizeBody, leadingBody)
	for _, kv := range items {
		keyLines := breakLines(kv.Key, kw, 0, d.measure)
		valLines := breakLines(kv.Value, textW-kw-1, 0, d.measure)
		n := len(keyLines)
		if len(valLines) > n {
			n = len(valLines)
		}
		for i := 0; i < n; i++ {
			d.ensure(lh)
			y := d.f.GetY()
			if i < len(keyLines) {
				d.f.SetXY(marginLeft, y)
				d.f.CellFormat(kw, lh, keyLines[i], "", 0, "L", false, 0, "")
			}
			if i < len(valLines) {
				d.f.SetXY(marginLeft+kw+1, y)
				d.f.CellFormat(textW-kw-1, lh, valLines[i], "", 0, "L", false, 0, "")
			}
			d.f.SetXY(marginLeft, y+lh)
		}
	}
}

// list prints items with a hanging number or bullet.
func (d *doc) list(items []string, ordered bool, pt float64) {
	d.setSize(pt)
	lh := lineH(pt, leadingBody)
	for i, it := range items {
		mark := "・"
		if ordered {
			mark = fmt.Sprintf("%d.", i+1)
		}
		mw := d.measure("00.") + 1.5
		lines := breakLines(it, textW-mw, 0, d.measure)
		for j, line := range lines {
			d.ensure(lh)
			y := d.f.GetY()
			if j == 0 {
				d.f.SetXY(marginLeft, y)
				d.f.CellFormat(mw, lh, mark, "", 0, "L", false, 0, "")
			}
			d.f.SetXY(marginLeft+mw, y)
			d.f.CellFormat(textW-mw, lh, line, "", 0, "L", false, 0, "")
			d.f.SetXY(marginLeft, y+lh)
		}
	}
}

// signatureHeight is the height of the whole signature block.
func (d *doc) signatureHeight(s report.Signature) float64 {
	blh := lineH(sizeBody, leadingBody)
	h := float64(len(s.Lines))*13 + 4 + blh + 6 + float64(len(s.Salutation))*blh
	if s.Fingerprint != "" {
		h += 28
	}
	return h
}

// signature prints the right-aligned signature block: one line per signer
// with room to sign by hand, the fingerprint box where the police want one,
// and the date. The block is kept on one page.
func (d *doc) signature(s report.Signature) {
	d.setSize(sizeBody)
	lh := 13.0
	box := 0.0
	if s.Fingerprint != "" {
		box = 28
	}
	d.ensure(d.signatureHeight(s))
	// 此致 and the addressee stay on the page of the signature, flush left
	// as customary.
	for _, line := range s.Salutation {
		d.text(line, sizeBody, leadingBody, 0, "left")
	}
	d.gap(6)
	bw := 92.0
	x := marginLeft + textW - bw
	for _, kv := range s.Lines {
		y := d.f.GetY()
		kw := d.measure(kv.Key)
		d.f.SetXY(x, y)
		d.f.CellFormat(kw, lh, kv.Key, "", 0, "L", false, 0, "")
		if kv.Value != "" {
			d.f.SetXY(x+kw, y)
			d.f.CellFormat(bw-kw, lh, kv.Value, "", 0, "L", false, 0, "")
		} else {
			d.f.SetLineWidth(0.3)
			d.f.Line(x+kw+1, y+lh-3, x+bw, y+lh-3)
		}
		d.f.SetXY(marginLeft, y+lh)
	}
	if box > 0 {
		y := d.f.GetY() + 2
		bx := x + bw - box - 8
		d.f.SetLineWidth(0.3)
		d.f.Rect(bx, y, box, box, "D")
		d.setSize(sizeSmall)
		d.f.SetTextColor(110, 110, 110)
		d.f.SetXY(bx, y+box-7)
		d.f.CellFormat(box, 5, s.Fingerprint, "", 0, "C", false, 0, "")
		d.f.SetTextColor(0, 0, 0)
		d.setSize(sizeBody)
		d.f.SetXY(marginLeft, y+box+2)
	}
	if s.Date != "" {
		d.gap(2)
		d.text(s.Date, sizeBody, leadingBody, 0, "right")
	}
}

// hashLines breaks a hex hash into groups that fit a narrow column.
func hashLines(h string) string {
	var parts []string
	for len(h) > 16 {
		parts = append(parts, h[:16])
		h = h[16:]
	}
	return strings.Join(append(parts, h), "\n")
}

func (d *doc) evidence(ev report.Evidence) {
	var rows [][]string
	for _, e := range d.p.Exhibits {
		rows = append(rows, []string{
			fmt.Sprintf("%d", e.Number), e.Title, e.Form, e.Source, e.Proves,
			d.pagesOfElectronic(e, ev.SeparateNote), hashLines(e.SHA256),
		})
	}
	d.table(ev.Columns, rows, nil)
}

// pagesOfElectronic adds to the pages of a printed transcript that the
// recording itself is handed over electronically.
func (d *doc) pagesOfElectronic(e report.ExhibitRef, separate string) string {
	cell := d.pagesOf(e, separate)
	if e.Electronic && cell != separate {
		cell += "（原件" + separate + "）"
	}
	return cell
}

// pagesOf is the 页码 cell of an exhibit.
func (d *doc) pagesOf(e report.ExhibitRef, separate string) string {
	if !d.p.IncludeExhibits || !d.exhibitHasPages(e) {
		return separate
	}
	if d.prev == nil {
		return "000–000"
	}
	a, b := d.prev.ExFirst[e.Number], d.prev.ExLast[e.Number]
	if a == b {
		return fmt.Sprintf("%d", a)
	}
	return fmt.Sprintf("%d–%d", a, b)
}

// table prints a bordered table whose cells wrap, repeating the header row
// on each new page and splitting rows taller than a page.
func (d *doc) table(cols []report.Column, rows [][]string, _ []bool) {
	if len(cols) == 0 {
		return
	}
	total := 0.0
	for _, c := range cols {
		total += c.Width
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = textW * c.Width / total
	}
	const pad = 1.5
	sizeOf := func(c report.Column) float64 {
		if c.Small {
			return sizeHash
		}
		return sizeTable
	}
	wrap := func(cells []string, header bool) [][]string {
		out := make([][]string, len(cols))
		for i := range cols {
			pt := sizeOf(cols[i])
			if header {
				pt = sizeTable
			}
			d.setSize(pt)
			txt := ""
			if i < len(cells) {
				txt = cells[i]
			}
			out[i] = breakLines(txt, widths[i]-2*pad, 0, d.measure)
		}
		return out
	}
	lhOf := func(i int, header bool) float64 {
		if header {
			return lineH(sizeTable, leadingTable)
		}
		return lineH(sizeOf(cols[i]), leadingTable)
	}
	heightOf := func(lines [][]string, header bool) float64 {
		h := 0.0
		for i, l := range lines {
			if v := float64(len(l)) * lhOf(i, header); v > h {
				h = v
			}
		}
		return h + 2*pad
	}
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.Title
	}
	headLines := wrap(titles, true)
	headH := heightOf(headLines, true)
	drawRow := func(lines [][]string, h float64, header bool) {
		y := d.f.GetY()
		x := marginLeft
		d.f.SetLineWidth(0.25)
		for i := range cols {
			if header {
				d.f.SetFillColor(235, 235, 235)
				d.f.Rect(x, y, widths[i], h, "FD")
			} else {
				d.f.Rect(x, y, widths[i], h, "D")
			}
			pt := sizeOf(cols[i])
			if header {
				pt = sizeTable
			}
			d.setSize(pt)
			lh := lhOf(i, header)
			align := alignCode(cols[i].Align)
			if header {
				align = "C"
			}
			for j, l := range lines[i] {
				d.f.SetXY(x+pad, y+pad+float64(j)*lh)
				d.f.CellFormat(widths[i]-2*pad, lh, l, "", 0, align, false, 0, "")
			}
			x += widths[i]
		}
		d.f.SetXY(marginLeft, y+h)
	}
	header := func() {
		d.ensure(headH + lineH(sizeTable, leadingTable) + 2*pad)
		drawRow(headLines, headH, true)
	}
	header()
	for _, r := range rows {
		lines := wrap(r, false)
		h := heightOf(lines, false)
		if d.f.GetY()+h <= pageBottom {
			drawRow(lines, h, false)
			continue
		}
		if h <= pageBottom-marginTop-headH {
			d.newPage()
			header()
			drawRow(lines, h, false)
			continue
		}
		// Taller than a page: print as many lines as fit, continue the
		// rest on the next page.
		for {
			avail := pageBottom - d.f.GetY() - 2*pad
			part := make([][]string, len(cols))
			rest := make([][]string, len(cols))
			left := false
			for i, l := range lines {
				n := int(avail / lhOf(i, false))
				if n < 0 {
					n = 0
				}
				if n > len(l) {
					n = len(l)
				}
				part[i], rest[i] = l[:n], l[n:]
				if len(rest[i]) > 0 {
					left = true
				}
			}
			drawRow(part, heightOf(part, false), false)
			if !left {
				break
			}
			d.newPage()
			header()
			lines = rest
		}
	}
	d.gap(2)
}

func (d *doc) closing() {
	c := d.p.Closing
	d.newPage()
	d.rec.Closing = d.logical()
	d.text(c.Heading, sizeHeading, 1.6, 0, "left")
	d.gap(1.5)
	for _, t := range c.Text {
		d.text(t, sizeSub-2, 1.6, d.indentWidth(sizeSub-2), "left")
	}
	d.gap(3)
	var rows [][]string
	for _, e := range d.p.Exhibits {
		rows = append(rows, []string{e.Label, e.SHA256})
	}
	d.hashTable(rows)
	if c.ChainHead != "" {
		d.gap(3)
		d.hashTable([][]string{{d.p.Labels.ChainHead, c.ChainHead}})
	}
}

// hashTable prints label/hash pairs with each hash on one line, so that it
// can be read off or extracted whole.
func (d *doc) hashTable(rows [][]string) {
	d.setSize(sizeSmall)
	kw := 0.0
	for _, r := range rows {
		if w := d.measure(r[0]); w > kw {
			kw = w
		}
	}
	kw += 3
	lh := lineH(sizeSmall, 1.7)
	for _, r := range rows {
		d.ensure(lh)
		y := d.f.GetY()
		d.setSize(sizeSmall)
		d.f.SetXY(marginLeft, y)
		d.f.CellFormat(kw, lh, r[0], "", 0, "L", false, 0, "")
		d.setSize(sizeSmall - 0.5)
		d.f.SetXY(marginLeft+kw, y)
		d.f.CellFormat(textW-kw, lh, r[1], "", 0, "L", false, 0, "")
		d.f.SetXY(marginLeft, y+lh)
	}
}

// hashWriter computes the SHA-256 of what passes through.
type hashWriter struct {
	w io.Writer
	h hash.Hash
}

func newHashWriter(w io.Writer) *hashWriter { return &hashWriter{w: w, h: sha256.New()} }

func (h *hashWriter) Write(p []byte) (int, error) {
	n, err := h.w.Write(p)
	h.h.Write(p[:n])
	return n, err
}

func (h *hashWriter) sum() string { return hex.EncodeToString(h.h.Sum(nil)) }
