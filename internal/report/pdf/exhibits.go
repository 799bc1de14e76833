package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	realgofpdi "github.com/phpdave11/gofpdi"

	"leakdesk/internal/incident/exhibit"
	"leakdesk/internal/report"
)

// Limits on what the renderer will try to reproduce. Exhibits come from
// scammers as often as from victims, so every parser is bounded; anything
// beyond a limit is listed with its hash instead of printed.
const (
	maxExhibitBytes = 200 << 20 // matches the store's default size cap
	maxPixels       = 40e6      // decoded image budget (docs/architecture.md, "Reliability rules")
	maxPDFBytes     = 60 << 20
	maxPDFPages     = 300
	maxTextRunes    = 60000 // about 30 pages at the exhibit text size
)

// pdfImportTime bounds the checker child's wall time (a hostile PDF can
// loop). A variable only so that race-instrumented test binaries, which run
// the same import 5–10× slower, can allow for that (race_test.go).
var pdfImportTime = 15 * time.Second

// failure reasons; the printed words are in report.Labels.Reasons.
const (
	failUnreadable = "unreadable"
	failHash       = "hash"
	failDamaged    = "damaged"
	failDamagedAt  = "damaged_at" // with the byte offset in prepared.at
	failEncrypted  = "encrypted"
	failTooLarge   = "too_large"
	failFormat     = "format"
	failFeature    = "unsupported"
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
	at     int64 // failDamagedAt: where parsing failed
	// verified: the bytes read in this render match the recorded hash
	// (so attaching the original need not hash it before writing).
	verified bool
	// hashed: the bytes read hash to ref.SHA256.
	hashed bool

	// images
	imgType string // gofpdf type: JPG, PNG, GIF
	pxW     float64
	pxH     float64
	orient  int
	// data is the image or PDF bytes, held until the packet is written:
	// a JPEG's are written into the file after gofpdf (see jpegStub), and
	// a layout pass that has to be repeated reads them again.
	data []byte
	// original: data is the exhibit's file itself (checked against its
	// hash), so attaching the original can write it from memory.
	original bool
	// stub is a JPEG's header when its bytes are not held (data nil):
	// they come from the source as the file is written.
	stub []byte

	// PDF
	pages [][2]float64 // page sizes in points

	// text
	text      string
	truncated bool
}

func (x *prepared) hasPages() bool { return x.mode != modeNone }

func prepareExhibits(p *report.Packet, src ExhibitSource) ([]*prepared, error) {
	out := make([]*prepared, 0, len(p.Exhibits))
	type job struct {
		x    *prepared
		data []byte
	}
	// Reading stays sequential (the source is the store); checking and
	// decoding, the costly part, runs on every core, each file as soon as
	// it has been read.
	next := make(chan job, 4)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				prepareFile(j.x, j.data, p)
			}
		}()
	}
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
		if data, ok := readFile(x, src); ok {
			next <- job{x, data}
		}
	}
	close(next)
	wg.Wait()
	return out, nil
}

// readFile reads an exhibit and checks it against its recorded hash; on
// failure x is marked failed with the reason.
func readFile(x *prepared, src ExhibitSource) ([]byte, bool) {
	fail := func(reason string) {
		x.mode, x.reason, x.data = modeFailed, reason, nil
	}
	if src == nil {
		fail(failUnreadable)
		return nil, false
	}
	data, err := readExhibit(src, x.ref.ID, x.ref.Size)
	if err == errTooLarge {
		fail(failTooLarge)
		return nil, false
	}
	if err != nil {
		fail(failUnreadable)
		return nil, false
	}
	// Print only what matches the hash taken on capture: a packet must
	// never present altered evidence as the original.
	sum := sha256.Sum256(data)
	if !strings.EqualFold(hex.EncodeToString(sum[:]), x.ref.SHA256) {
		fail(failHash)
		return nil, false
	}
	x.hashed = true
	x.verified = int64(len(data)) == x.ref.Size
	return data, true
}

// prepareFile turns the exhibit's bytes into what the layout prints. It
// runs on several exhibits at once and touches only x.
func prepareFile(x *prepared, data []byte, p *report.Packet) {
	switch x.ref.Render {
	case report.RenderImage:
		prepareImage(x, data)
	case report.RenderPDF:
		preparePDF(x, data)
	case report.RenderText:
		prepareText(x, data, p)
	default:
		x.mode, x.reason, x.data = modeFailed, failFormat, nil
	}
}

var errTooLarge = fmt.Errorf("exhibit too large")

// readExhibit reads a whole exhibit, size bytes by its record: into a
// buffer of that size when the source writes to it (ExhibitWriter),
// through Open otherwise.
func readExhibit(src ExhibitSource, id, size int64) (data []byte, err error) {
	if _, ok := src.(ExhibitWriter); ok && size >= 0 && size <= maxExhibitBytes {
		buf := bytes.NewBuffer(make([]byte, 0, size))
		if _, err := copyExhibit(src, id, buf); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
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

// prepareImage runs the image through exhibit.ForPDF, the bounded and
// fuzzed pipeline the rest of the app uses: it decodes the whole picture
// (a truncated or damaged file is listed, never embedded as an invalid
// stream), applies EXIF orientation to WebP, TIFF and the rest, and
// converts what gofpdf cannot embed (WebP, BMP, TIFF, GIF, interlaced,
// 16-bit or transparent PNG) to JPEG or PNG. A JPEG is embedded byte for
// byte and turned by the page transform (see image).
func prepareImage(x *prepared, data []byte) {
	fail := func(reason string) { x.mode, x.reason, x.data = modeFailed, reason, nil }
	// A capture-time verdict counts only for bytes that readFile has just
	// hashed and found equal to the recorded hash (which the verdict must
	// name too): never for bytes it was not computed on.
	verdict := ""
	if x.hashed {
		verdict = x.ref.PrintCheck
	}
	out, typ, info, err := exhibit.ForPDFBytesVerdict(data, maxPixels, verdict, x.ref.SHA256)
	var at *exhibit.DamagedAtError
	switch {
	case errors.Is(err, exhibit.ErrTooManyPixels):
		fail(failTooLarge)
		return
	case errors.As(err, &at):
		// A JPEG whose data stops making sense at a known byte (cut
		// short, or a flipped bit): say where.
		fail(failDamagedAt)
		x.at = at.Offset
		return
	case err != nil:
		fail(failDamaged)
		return
	}
	x.pxW, x.pxH, x.orient = float64(info.Width), float64(info.Height), info.Orientation
	x.imgType, x.data = strings.ToUpper(typ), out
	// A picture passed through is the file itself (ForPDFBytes).
	x.original = len(out) == len(data) && len(out) > 0 && &out[0] == &data[0]
	// gofpdf parses a PNG's chunks again; a file it rejects would put the
	// whole document in its error state, so try it on a throwaway one.
	// JPEGs it only reads the header of, which ForPDF has checked.
	if x.imgType == "PNG" && !gofpdfAccepts(x.imgType, x.data) {
		fail(failDamaged)
		return
	}
	x.mode = modeImage
	// A JPEG that is the stored file itself, checked against its hash, is
	// not held: the layout needs its header only (its stub), and its bytes
	// are read again from the source, and checked again, as the file is
	// written (writeWithImages). So memory does not grow with the
	// evidence: a joint document of 200 victims' photos holds one photo
	// at a time.
	if x.imgType == "JPG" && x.original && x.verified {
		if stub := jpegStub(x.data, x.ref.Number); stub != nil {
			x.stub, x.data = stub, nil
		}
	}
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
	}
	// gofpdi fails alike on a damaged file and on a valid one it cannot
	// copy, and copies a damaged compressed stream into the packet (which
	// then fails qpdf --check): our own look at the structure tells them
	// apart first. An encrypted PDF is imported when the empty user
	// password opens it (the patched gofpdi decrypts it as it reads; bank
	// statements are mostly so); one that needs a password is listed as
	// encrypted, which is then the true reason.
	st := pdfStructure(data)
	if st.damaged {
		fail(failDamagedAt)
		x.at = st.at
		return
	}
	pages, err := checkPDF(data)
	if errors.Is(err, errEncryptedPDF) {
		fail(failEncrypted)
		return
	}
	if err != nil {
		// A sound structure that gofpdi cannot import: a feature it
		// does not support (its errors start with "Unsupported"), or
		// one it does not know.
		fail(failFeature)
		return
	}
	x.mode, x.pages, x.data, x.original = modePDF, pages, data, true
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
	if t, ok := exhibit.PrintText(x.ref.ContentType, data, location()); ok {
		// Saved pages, Word documents, SMS backups: their readable text,
		// never the markup.
		s = t
	} else if strings.HasPrefix(strings.ToLower(x.ref.ContentType), "message/rfc822") {
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
		case r > 0xFFFF:
			return '□' // see bmp.go
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
		meta = append(meta, l.Format+"："+x.ref.Format+"，"+exhibit.FormatSize(x.ref.Size))
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
	if x.stub != nil {
		// Not held: written from the source in place of its stub.
		d.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(x.stub))
		d.stubs[x.ref.Number] = stubbed{ref: x.ref}
	} else if stub := jpegStub(x.data, x.ref.Number); x.imgType == "JPG" && stub != nil {
		// gofpdf would copy the JPEG about four times (its reader, a gob
		// encoding to hash it, the document buffer as a string and
		// again, growing): it gets the header only, and finishPDF writes
		// the picture's bytes in place of it.
		d.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(stub))
		d.stubs[x.ref.Number] = stubbed{ref: x.ref, data: x.data}
	} else {
		d.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(x.data))
	}
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
	// gofpdi names a source by the address of the *io.ReadSeeker it is
	// given (fmt "%v" of the pointer) and keeps its reader and imported
	// pages under that name. A stream variable that died with an earlier
	// call could be reallocated at the same address, and the importer
	// would then print the earlier PDF's pages for this exhibit (seen as
	// a corpus packet with one PDF's pages twice and another's missing).
	// Every stream therefore stays referenced until the document is done.
	rs := new(io.ReadSeeker)
	ok := len(x.data) > 0
	if !d.dry && ok {
		*rs = bytes.NewReader(x.data)
		d.pdfStreams = append(d.pdfStreams, rs)
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
		ok = d.importOne(imp, rs, i+1, px, top, dw, dh)
		d.f.SetDrawColor(150, 150, 150)
		d.f.SetLineWidth(0.2)
		d.f.Rect(px, top, dw, dh, "D")
		d.f.SetDrawColor(0, 0, 0)
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
	if x.reason == failDamagedAt && reason != "" {
		reason = fmt.Sprintf(reason, x.at)
	}
	if reason == "" {
		reason = d.p.Labels.Reasons[failDamaged]
	}
	d.gap(4)
	d.text(fmt.Sprintf(d.p.Labels.NotImported, reason), sizeBody, leadingBody, 0, "left")
}

// location is where printed times are shown: China, as everywhere in the
// packets (incident.Location, which this package does not import).
func location() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}
