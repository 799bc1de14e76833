package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	realgofpdi "github.com/phpdave11/gofpdi"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"

	"leakdesk/internal/report"
)

// Limits on what the renderer will try to reproduce. Exhibits come from
// scammers as often as from victims, so every parser is bounded; anything
// beyond a limit is listed with its hash instead of printed.
const (
	maxExhibitBytes = 200 << 20 // matches the store's default size cap
	maxPixels       = 40e6      // decoded image budget (RELIABILITY.md)
	maxPDFBytes     = 60 << 20
	maxPDFPages     = 300
	maxTextRunes    = 60000 // about 30 pages at the exhibit text size
	pdfImportTime   = 15 * time.Second
)

// failure reasons; the printed words are in report.Labels.Reasons.
const (
	failUnreadable = "unreadable"
	failHash       = "hash"
	failDamaged    = "damaged"
	failEncrypted  = "encrypted"
	failTooLarge   = "too_large"
	failFormat     = "format"
)

// mode of a prepared exhibit.
const (
	modeNone   = "" // listed only, no pages
	modeImage  = "image"
	modePDF    = "pdf"
	modeText   = "text"
	modeRecord = "record"
	modeFailed = "failed"
)

// prepared is what the renderer learnt about one exhibit before layout.
type prepared struct {
	ref    report.ExhibitRef
	mode   string
	reason string

	// images
	imgType string // gofpdf type: JPG, PNG, GIF
	pxW     float64
	pxH     float64
	orient  int
	data    []byte // image or PDF bytes, dropped once embedded

	// PDF
	pages [][2]float64 // page sizes in points

	// text
	text      string
	truncated bool
}

func (x *prepared) hasPages() bool { return x.mode != modeNone }

func prepareExhibits(p *report.Packet, src ExhibitSource) ([]*prepared, error) {
	out := make([]*prepared, 0, len(p.Exhibits))
	for _, ref := range p.Exhibits {
		x := &prepared{ref: ref}
		out = append(out, x)
		if !p.IncludeExhibits {
			continue
		}
		switch ref.Render {
		case report.RenderSeparate, "":
			continue
		case report.RenderRecord:
			x.mode = modeRecord
			continue
		}
		prepareFile(x, p, src)
	}
	return out, nil
}

func prepareFile(x *prepared, p *report.Packet, src ExhibitSource) {
	fail := func(reason string) {
		x.mode, x.reason, x.data = modeFailed, reason, nil
	}
	if src == nil {
		fail(failUnreadable)
		return
	}
	data, err := readExhibit(src, x.ref.ID)
	if err == errTooLarge {
		fail(failTooLarge)
		return
	}
	if err != nil {
		fail(failUnreadable)
		return
	}
	// Print only what matches the hash taken on capture: a packet must
	// never present altered evidence as the original.
	sum := sha256.Sum256(data)
	if !strings.EqualFold(hex.EncodeToString(sum[:]), x.ref.SHA256) {
		fail(failHash)
		return
	}
	switch x.ref.Render {
	case report.RenderImage:
		prepareImage(x, data)
	case report.RenderPDF:
		preparePDF(x, data)
	case report.RenderText:
		prepareText(x, data, p)
	default:
		fail(failFormat)
	}
}

var errTooLarge = fmt.Errorf("exhibit too large")

func readExhibit(src ExhibitSource, id int64) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reading exhibit %d: %v", id, r)
		}
	}()
	rc, err := src.Open(id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// Size the buffer from the length, so a 10 MB photo is not copied
	// through a chain of doubling buffers.
	var buf bytes.Buffer
	if n, err := rc.Seek(0, io.SeekEnd); err == nil && n >= 0 && n <= maxExhibitBytes {
		buf.Grow(int(n) + bytes.MinRead)
	}
	if _, err := rc.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	_, err = buf.ReadFrom(io.LimitReader(rc, maxExhibitBytes+1))
	data = buf.Bytes()
	if err != nil {
		return nil, err
	}
	if len(data) > maxExhibitBytes {
		return nil, errTooLarge
	}
	return data, nil
}

// prepareImage checks an image's header and pixel budget and makes sure
// gofpdf accepts it, converting formats it cannot embed (WebP, BMP, TIFF,
// interlaced or 16-bit PNG) to PNG or JPEG. JPEGs are embedded byte for byte.
func prepareImage(x *prepared, data []byte) {
	fail := func(reason string) { x.mode, x.reason, x.data = modeFailed, reason, nil }
	cfg, format, err := decodeConfig(data)
	if err != nil {
		fail(failDamaged)
		return
	}
	if float64(cfg.Width)*float64(cfg.Height) > maxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
		fail(failTooLarge)
		return
	}
	x.pxW, x.pxH = float64(cfg.Width), float64(cfg.Height)
	x.orient = 1
	switch format {
	case "jpeg":
		x.orient = jpegOrientation(data)
		// gofpdf embeds a JPEG as it is after reading its header; these
		// are the colour models it accepts, so no trial run is needed.
		switch cfg.ColorModel {
		case color.GrayModel, color.YCbCrModel, color.CMYKModel:
			x.imgType, x.data, x.mode = "JPG", data, modeImage
			return
		}
	case "png":
		x.imgType, x.data = "PNG", data
	case "gif":
		x.imgType, x.data = "GIF", data
	}
	if x.data != nil && gofpdfAccepts(x.imgType, x.data) {
		x.mode = modeImage
		return
	}
	conv, typ, err := convertImage(data, format)
	if err != nil || !gofpdfAccepts(typ, conv) {
		fail(failDamaged)
		return
	}
	x.imgType, x.data, x.mode = typ, conv, modeImage
}

func decodeConfig(data []byte) (cfg image.Config, format string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("image header: %v", r)
		}
	}()
	r := bytes.NewReader(data)
	switch {
	case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")):
		cfg, err = jpeg.DecodeConfig(r)
		return cfg, "jpeg", err
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		cfg, err = png.DecodeConfig(r)
		return cfg, "png", err
	case bytes.HasPrefix(data, []byte("GIF8")):
		cfg, err = gif.DecodeConfig(r)
		return cfg, "gif", err
	case len(data) > 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		cfg, err = webp.DecodeConfig(r)
		return cfg, "webp", err
	case bytes.HasPrefix(data, []byte("BM")):
		cfg, err = bmp.DecodeConfig(r)
		return cfg, "bmp", err
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		cfg, err = tiff.DecodeConfig(r)
		return cfg, "tiff", err
	}
	return cfg, "", fmt.Errorf("not a supported image")
}

// convertImage decodes (within the pixel budget already checked) and
// re-encodes: PNG for screenshots and small images, JPEG for large photos.
func convertImage(data []byte, format string) (out []byte, typ string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("image decode: %v", r)
		}
	}()
	r := bytes.NewReader(data)
	var img image.Image
	switch format {
	case "jpeg":
		img, err = jpeg.Decode(r)
	case "png":
		img, err = png.Decode(r)
	case "gif":
		img, err = gif.Decode(r)
	case "webp":
		img, err = webp.Decode(r)
	case "bmp":
		img, err = bmp.Decode(r)
	case "tiff":
		img, err = tiff.Decode(r)
	default:
		err = fmt.Errorf("unsupported image format %q", format)
	}
	if err != nil {
		return nil, "", err
	}
	b := img.Bounds()
	var buf bytes.Buffer
	if format == "png" || format == "gif" || b.Dx()*b.Dy() <= 4e6 {
		rgba := image.NewNRGBA(b)
		draw.Draw(rgba, b, img, b.Min, draw.Src)
		err = png.Encode(&buf, rgba)
		return buf.Bytes(), "PNG", err
	}
	err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
	return buf.Bytes(), "JPG", err
}

// gofpdfAccepts registers the image in a throwaway document: an image
// gofpdf cannot parse would otherwise put the real document in its error
// state and lose the whole packet.
func gofpdfAccepts(typ string, data []byte) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	f := gofpdf.New("P", "mm", "A4", "")
	f.RegisterImageOptionsReader("x", gofpdf.ImageOptions{ImageType: typ}, bytes.NewReader(data))
	return !f.Err()
}

// preparePDF lets a separate process import every page first (see
// checkPDF): gofpdi panics on malformed input, recurses without bound on
// cyclic page trees and xref chains (a fatal stack overflow, which recover
// cannot catch), and does not decrypt. Only a PDF that imports cleanly there
// is imported into the packet.
func preparePDF(x *prepared, data []byte) {
	fail := func(reason string) { x.mode, x.reason, x.data = modeFailed, reason, nil }
	switch {
	case !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-")):
		fail(failFormat)
		return
	case len(data) > maxPDFBytes:
		fail(failTooLarge)
		return
	case bytes.Contains(data, []byte("/Encrypt")):
		// gofpdi would copy encrypted streams as they are and print
		// garbage; a PDF with any /Encrypt is listed instead.
		fail(failEncrypted)
		return
	}
	pages, err := checkPDF(data)
	if err != nil {
		fail(failDamaged)
		return
	}
	x.mode, x.pages, x.data = modePDF, pages, data
}

// importPage does what gofpdf's contrib/gofpdi does, against a shared
// importer so that template names stay unique across several PDFs.
func importPage(f *gofpdf.Fpdf, imp *realgofpdi.Importer, page int) int {
	tpl := imp.ImportPage(page, "/MediaBox")
	f.ImportTemplates(imp.PutFormXobjectsUnordered())
	f.ImportObjects(imp.GetImportedObjectsUnordered())
	f.ImportObjPos(imp.GetImportedObjHashPos())
	return tpl
}

func useTemplate(f *gofpdf.Fpdf, imp *realgofpdi.Importer, tpl int, x, y, w, h float64) {
	name, sx, sy, tx, ty := imp.UseTemplate(tpl, x, y, w, h)
	f.UseImportedTemplate(name, sx, sy, tx, ty)
}

// prepareText decodes a text or e-mail exhibit for typesetting and masks it
// like every other string of the packet.
func prepareText(x *prepared, data []byte, p *report.Packet) {
	var s string
	if strings.HasPrefix(strings.ToLower(x.ref.ContentType), "message/rfc822") {
		s = emailForPrint(data, p.Labels.Attachment)
	} else {
		s = decodeText(data)
	}
	s = cleanText(s)
	if p.Mask.Any() {
		s = p.Mask.Apply(s)
	}
	if utf8.RuneCountInString(s) > maxTextRunes {
		r := []rune(s)
		s = string(r[:maxTextRunes])
		x.truncated = true
	}
	x.mode, x.text = modeText, s
}

// cleanText drops control characters that would print as boxes, keeping
// line breaks, and expands tabs.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r == utf8.RuneError, r < 0x20, r == 0x7F, r >= 0x80 && r < 0xA0, r == 0xFEFF:
			return -1
		}
		return r
	}, s)
}

// exhibitOf finds the prepared exhibit with this number.
func (d *doc) exhibitOf(n int) *prepared {
	for _, x := range d.exs {
		if x.ref.Number == n {
			return x
		}
	}
	return nil
}

func (d *doc) exhibitHasPages(e report.ExhibitRef) bool {
	x := d.exhibitOf(e.Number)
	return x != nil && x.hasPages()
}

func (d *doc) hasExhibitPages() bool {
	for _, x := range d.exs {
		if x.hasPages() {
			return true
		}
	}
	return false
}

func (d *doc) exhibits() {
	first := true
	var imp *realgofpdi.Importer
	for _, x := range d.exs {
		if !x.hasPages() {
			continue
		}
		d.newPage()
		if first {
			d.rec.Exhibits = d.logical()
			first = false
		}
		n := x.ref.Number
		d.rec.ExFirst[n] = d.logical()
		d.exhibitHeader(x, "")
		switch x.mode {
		case modeImage:
			d.image(x)
		case modePDF:
			if imp == nil && !d.dry {
				imp = realgofpdi.NewImporter()
			}
			d.pdfExhibit(x, imp)
		case modeText:
			d.textExhibit(x)
		case modeRecord:
			d.kv(x.ref.Record)
		case modeFailed:
			d.failedNote(x)
		}
		d.rec.ExLast[n] = d.logical()
	}
}

// exhibitHeader prints the exhibit's number, title, source, time, format
// and hash at the top of its page, so that a loose page still says what it
// is.
func (d *doc) exhibitHeader(x *prepared, cont string) {
	l := d.p.Labels
	title := x.ref.Label + "　" + x.ref.Title + cont
	d.text(title, sizeSub, 1.5, 0, "left")
	meta := []string{l.Source + "：" + x.ref.Source}
	if x.ref.Captured != "" {
		meta[0] += "　　" + l.Captured + "：" + x.ref.Captured
	}
	if cont == "" {
		meta = append(meta, l.Format+"："+x.ref.Format+"，"+humanSize(x.ref.Size))
	}
	for _, m := range meta {
		d.text(m, sizeSmall, 1.45, 0, "left")
	}
	d.setSize(sizeSmall)
	d.f.SetX(marginLeft)
	d.f.CellFormat(textW, lineH(sizeSmall, 1.45), "SHA-256："+x.ref.SHA256, "", 2, "L", false, 0, "")
	y := d.f.GetY() + 1
	d.f.SetLineWidth(0.3)
	d.f.Line(marginLeft, y, marginLeft+textW, y)
	d.f.SetY(y + 3)
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// image scales the picture to the space left on the page, keeping its
// proportions and never enlarging a small picture beyond its size at
// 96 dpi, and turns it as its EXIF orientation says (the bytes stay untouched).
func (d *doc) image(x *prepared) {
	top := d.f.GetY()
	boxW, boxH := textW, pageBottom-top
	w, h := x.pxW, x.pxH
	rot := x.orient >= 5 // 5–8 swap width and height
	if rot {
		w, h = h, w
	}
	maxW := w / 96 * 25.4 // no larger than at 96 dpi
	scale := boxW / w
	if s := boxH / h; s < scale {
		scale = s
	}
	if w*scale > maxW && maxW > 0 {
		scale = maxW / w
	}
	dw, dh := w*scale, h*scale
	cx := marginLeft + textW/2
	cy := top + dh/2
	if d.dry {
		return
	}
	name := fmt.Sprintf("ex%d", x.ref.Number)
	opt := gofpdf.ImageOptions{ImageType: x.imgType}
	d.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(x.data))
	x.data = nil
	// Draw unrotated around the centre, then let the transform turn it.
	iw, ih := dw, dh
	if rot {
		iw, ih = dh, dw
	}
	d.f.TransformBegin()
	switch x.orient {
	case 3, 4:
		d.f.TransformRotate(180, cx, cy)
	case 5, 6:
		d.f.TransformRotate(-90, cx, cy)
	case 7, 8:
		d.f.TransformRotate(90, cx, cy)
	}
	switch x.orient {
	case 2, 4, 5, 7:
		d.f.TransformMirrorHorizontal(cx)
	}
	d.f.ImageOptions(name, cx-iw/2, cy-ih/2, iw, ih, false, opt, 0, "")
	d.f.TransformEnd()
	d.f.SetDrawColor(150, 150, 150)
	d.f.SetLineWidth(0.2)
	d.f.Rect(cx-dw/2, cy-dh/2, dw, dh, "D")
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetY(top + dh)
}

// pdfExhibit puts each page of the PDF on its own page under a short
// header, scaled to fit.
func (d *doc) pdfExhibit(x *prepared, imp *realgofpdi.Importer) {
	var rs io.ReadSeeker
	ok := len(x.data) > 0
	if !d.dry && ok {
		rs = bytes.NewReader(x.data)
	}
	for i, sz := range x.pages {
		if i > 0 {
			d.newPage()
			d.exhibitHeader(x, fmt.Sprintf(d.p.Labels.PageOf, i+1, len(x.pages)))
		}
		top := d.f.GetY()
		boxW, boxH := textW, pageBottom-top
		w, h := sz[0]*ptToMM, sz[1]*ptToMM
		scale := boxW / w
		if s := boxH / h; s < scale {
			scale = s
		}
		dw, dh := w*scale, h*scale
		px := marginLeft + (textW-dw)/2
		if d.dry || !ok {
			continue
		}
		ok = d.importOne(imp, &rs, i+1, px, top, dw, dh)
		d.f.SetDrawColor(150, 150, 150)
		d.f.SetLineWidth(0.2)
		d.f.Rect(px, top, dw, dh, "D")
		d.f.SetDrawColor(0, 0, 0)
	}
	if !d.dry {
		x.data = nil
	}
}

// importOne imports one page; the PDF already imported cleanly into a
// throwaway document, so a failure here is not expected, but it must still
// not crash the app.
func (d *doc) importOne(imp *realgofpdi.Importer, rs *io.ReadSeeker, page int, x, y, w, h float64) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	imp.SetSourceStream(rs)
	tpl := importPage(d.f, imp, page)
	useTemplate(d.f, imp, tpl, x, y, w, h)
	return true
}

func (d *doc) textExhibit(x *prepared) {
	if d.p.Mask.Any() {
		d.text(d.p.Labels.Masked, sizeSmall, 1.45, 0, "left")
		d.gap(1)
	}
	d.setSize(sizeTable)
	lh := lineH(sizeTable, leadingTable)
	lines := breakLines(x.text, textW, 0, d.measure)
	for _, line := range lines {
		if d.f.GetY()+lh > pageBottom {
			d.newPage()
			d.exhibitHeader(x, d.p.Labels.Continued)
			d.setSize(sizeTable)
		}
		d.f.SetX(marginLeft)
		d.f.CellFormat(textW, lh, line, "", 2, "L", false, 0, "")
	}
	if x.truncated {
		d.gap(2)
		d.text(d.p.Labels.Truncated, sizeSmall, 1.45, 0, "left")
	}
}

func (d *doc) failedNote(x *prepared) {
	reason := d.p.Labels.Reasons[x.reason]
	if reason == "" {
		reason = d.p.Labels.Reasons[failDamaged]
	}
	d.gap(4)
	d.text(fmt.Sprintf(d.p.Labels.NotImported, reason), sizeBody, leadingBody, 0, "left")
}
