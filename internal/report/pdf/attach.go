package pdf

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"leakdesk/internal/report"
)

// Attaching the originals (issue 10 §7) used gofpdf's SetAttachments, which
// wants every file as one []byte and deflates it into the document buffer:
// a second and third copy of every exhibit in memory and a Flate pass over
// JPEGs that gain nothing from it (the full packet of 40 photos took 2.5× the
// time of img2pdf and 90 MB more memory). So gofpdf writes the printed
// packet without attachments, and attachedWriter finishes the file: it
// writes gofpdf's objects up to its catalog, streams each original from the
// store into an embedded-file object (stored as is when it is already
// compressed, deflated on the fly otherwise), then the catalog with the
// embedded-files name tree, and one cross-reference table for it all. The
// file stays a single revision, as if gofpdf had written the attachments.

// attachment is one original to embed.
type attachment struct {
	ref report.ExhibitRef
	// verified: this render already read these bytes and found the
	// recorded hash; the others are hashed before anything is written.
	verified bool
	// data: the file itself, read and checked by this render and still
	// held for printing; written from memory instead of read again.
	data []byte
}

// attachable lists the exhibits whose originals the packet embeds: file
// exhibits (typed records have no file), in the packet's order.
func attachable(p *report.Packet, exs []*prepared) []attachment {
	ok := map[int64]*prepared{}
	for _, x := range exs {
		if x.verified {
			ok[x.ref.ID] = x
		}
	}
	var as []attachment
	for _, e := range p.Exhibits {
		if e.Kind != "file" && e.Kind != "" || e.Render == report.RenderRecord {
			continue
		}
		at := attachment{ref: e}
		if x := ok[e.ID]; x != nil {
			at.verified = true
			if x.original && int64(len(x.data)) == e.Size {
				at.data = x.data
			}
		}
		as = append(as, at)
	}
	return as
}

// attachedWriter receives gofpdf's finished document (gofpdf's Output
// hands it over in one Write from its buffer) and writes it to w with the
// JPEGs in place of their stubs (see jpegStub) and the attachments added.
type attachedWriter struct {
	w      io.Writer
	src    ExhibitSource
	as     []attachment
	images map[int]stubbed // JPEGs by exhibit number, for their stubs
	buf    []byte          // only when the document came in more than one Write

	// What start leaves for close: the objects so far, the catalog's
	// number and text, the info object's number.
	cw      *countingWriter
	offsets []int64
	root    int
	info    int
	head    string // "N 0 obj\n"
	catalog []byte // the catalog after head, a copy
	started bool
}

func (a *attachedWriter) Write(p []byte) (int, error) {
	if a.buf == nil && !a.started && bytes.HasSuffix(p, []byte("%%EOF\n")) {
		// The usual case: the whole document without a copy.
		if err := a.start(p); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	a.buf = append(a.buf, p...)
	return len(p), nil
}

// close writes the attachments, the catalog and the cross-reference
// table. It runs after gofpdf's Output has returned, so that gofpdf's
// buffers (the whole printed packet) can be freed before the originals
// are copied.
func (a *attachedWriter) close() error {
	if !a.started {
		if err := a.start(a.buf); err != nil {
			return err
		}
		a.buf = nil
	}
	return a.finish()
}

var (
	reStartXref  = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	reXrefHead   = regexp.MustCompile(`^xref\n0 (\d+)\n`)
	reTrailer    = regexp.MustCompile(`trailer\n<<\n/Size (\d+)\n/Root (\d+) 0 R\n/Info (\d+) 0 R\n>>\nstartxref`)
	emptyEFNames = []byte("/EmbeddedFiles << /Names [\n  \n] >>")
)

// start reads the end of doc (gofpdf's output, which ends with its
// catalog, a classic xref table and the trailer) and writes everything
// before the catalog.
func (a *attachedWriter) start(doc []byte) error {
	a.started = true
	tail := doc[max(0, len(doc)-64):]
	m := reStartXref.FindSubmatch(tail)
	if m == nil {
		return errors.New("pdf: attachments: no startxref at the end of the document")
	}
	xrefAt, _ := strconv.Atoi(string(m[1]))
	if xrefAt <= 0 || xrefAt >= len(doc) {
		return errors.New("pdf: attachments: startxref out of range")
	}
	h := reXrefHead.FindSubmatch(doc[xrefAt:])
	if h == nil {
		return errors.New("pdf: attachments: no classic xref table")
	}
	n, _ := strconv.Atoi(string(h[1]))
	table := doc[xrefAt+len(h[0]):]
	if n < 2 || len(table) < 20*n {
		return errors.New("pdf: attachments: short xref table")
	}
	offsets := make([]int64, n)
	for i := 1; i < n; i++ {
		line := table[20*i : 20*i+20]
		off, err := strconv.ParseInt(string(line[:10]), 10, 64)
		if err != nil || string(line[10:]) != " 00000 n \n" {
			return fmt.Errorf("pdf: attachments: xref entry %d is %q", i, line)
		}
		offsets[i] = off
	}
	t := reTrailer.FindSubmatch(table[20*n:])
	if t == nil {
		return errors.New("pdf: attachments: unexpected trailer")
	}
	size, _ := strconv.Atoi(string(t[1]))
	root, _ := strconv.Atoi(string(t[2]))
	info, _ := strconv.Atoi(string(t[3]))
	if size != n || root <= 0 || root >= n || info <= 0 || info >= n {
		return errors.New("pdf: attachments: trailer does not match the xref table")
	}
	// gofpdf writes the catalog last, right before the xref table, with
	// an empty embedded-files tree: that object is replaced.
	catAt := offsets[root]
	for _, off := range offsets[1:] {
		if off > catAt {
			return errors.New("pdf: attachments: the catalog is not the last object")
		}
	}
	cat := doc[catAt:xrefAt]
	head := fmt.Sprintf("%d 0 obj\n", root)
	if !bytes.HasPrefix(cat, []byte(head)) || len(a.as) > 0 && bytes.Count(cat, emptyEFNames) != 1 {
		return errors.New("pdf: attachments: unexpected catalog")
	}

	a.cw = &countingWriter{w: a.w}
	a.offsets, a.root, a.info, a.head = offsets, root, info, head
	a.catalog = bytes.Clone(cat[len(head):])
	return writeWithImages(a.cw, doc[:catAt], offsets, a.images, a.src)
}

// finish writes the attachments and then the catalog with their
// name tree, the cross-reference table and the trailer.
func (a *attachedWriter) finish() error {
	cw, offsets, root := a.cw, a.offsets, a.root
	next := len(offsets) // the next free object number
	newObj := func() int {
		offsets = append(offsets, cw.n)
		next++
		return next - 1
	}
	var names bytes.Buffer
	names.WriteString("/EmbeddedFiles << /Names [")
	for i, at := range a.as {
		spec, err := a.embed(cw, at, newObj)
		if err != nil {
			return err
		}
		if spec == 0 {
			continue // no longer matches its hash: left out, as before
		}
		// Name-tree keys must sort; zero-padded numbers do.
		fmt.Fprintf(&names, "\n(%04d) %d 0 R", i+1, spec)
	}
	names.WriteString("\n] >>")
	offsets[root] = cw.n
	body := a.catalog
	if len(a.as) > 0 {
		body = bytes.Replace(a.catalog, emptyEFNames, names.Bytes(), 1)
	}
	if _, err := fmt.Fprintf(cw, "%s%s", a.head, body); err != nil {
		return err
	}
	xref := cw.n
	var b bytes.Buffer
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", next)
	for _, off := range offsets[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", next, root, a.info, xref)
	_, err := cw.Write(b.Bytes())
	return err
}

// embed streams one original into an embedded-file stream and its file
// specification; it returns the specification's object number, or 0 when
// the original was left out because its bytes no longer match the hash.
func (a *attachedWriter) embed(w *countingWriter, at attachment, newObj func() int) (int, error) {
	e := at.ref
	if at.data != nil {
		return a.embedHeld(w, at, newObj)
	}
	if !at.verified && !hashMatches(a.src, e) {
		return 0, nil
	}
	params := fmt.Sprintf("/Params << /Size %d >>", e.Size)
	if st := pdfMIME(e.ContentType); st != "" {
		params = "/Subtype " + st + " " + params
	}
	sum := sha256.New()
	stream := newObj()
	var copied int64
	var err error
	if compressible(e.ContentType, func() []byte { return exhibitHead(a.src, e.ID, 64<<10) }) {
		lenObj := stream + 1 // written right after the stream
		fmt.Fprintf(w, "%d 0 obj\n<< /Type /EmbeddedFile %s /Filter /FlateDecode /Length %d 0 R >>\nstream\n", stream, params, lenObj)
		start := w.n
		zw, _ := zlib.NewWriterLevel(w, flate.BestSpeed)
		if copied, err = copyExhibit(a.src, e.ID, io.MultiWriter(zw, sum)); err == nil {
			err = zw.Close()
		}
		if err != nil {
			return 0, err
		}
		n := w.n - start
		fmt.Fprintf(w, "\nendstream\nendobj\n")
		newObj()
		fmt.Fprintf(w, "%d 0 obj\n%d\nendobj\n", lenObj, n)
	} else {
		fmt.Fprintf(w, "%d 0 obj\n<< /Type /EmbeddedFile %s /Length %d >>\nstream\n", stream, params, e.Size)
		if copied, err = copyExhibit(a.src, e.ID, io.MultiWriter(w, sum)); err != nil {
			return 0, err
		}
		fmt.Fprintf(w, "\nendstream\nendobj\n")
	}
	// The bytes are already in the file: if they changed since the check
	// the render fails (and WriteFile leaves no file), rather than hand
	// over an original that is not the one the list names.
	if copied != e.Size || !strings.EqualFold(hex.EncodeToString(sum.Sum(nil)), e.SHA256) {
		return 0, fmt.Errorf("pdf: exhibit %d changed while it was attached", e.Number)
	}
	return writeSpec(w, e, stream, newObj)
}

// embedHeld embeds an original this render holds in memory, read and
// checked against its hash when the render began.
func (a *attachedWriter) embedHeld(w *countingWriter, at attachment, newObj func() int) (int, error) {
	e := at.ref
	params := fmt.Sprintf("/Params << /Size %d >>", e.Size)
	if st := pdfMIME(e.ContentType); st != "" {
		params = "/Subtype " + st + " " + params
	}
	stream := newObj()
	if compressible(e.ContentType, func() []byte { return at.data[:min(len(at.data), 64<<10)] }) {
		lenObj := stream + 1
		fmt.Fprintf(w, "%d 0 obj\n<< /Type /EmbeddedFile %s /Filter /FlateDecode /Length %d 0 R >>\nstream\n", stream, params, lenObj)
		start := w.n
		zw, _ := zlib.NewWriterLevel(w, flate.BestSpeed)
		if _, err := zw.Write(at.data); err != nil {
			return 0, err
		}
		if err := zw.Close(); err != nil {
			return 0, err
		}
		n := w.n - start
		fmt.Fprintf(w, "\nendstream\nendobj\n")
		newObj()
		fmt.Fprintf(w, "%d 0 obj\n%d\nendobj\n", lenObj, n)
	} else {
		fmt.Fprintf(w, "%d 0 obj\n<< /Type /EmbeddedFile %s /Length %d >>\nstream\n", stream, params, e.Size)
		if _, err := w.Write(at.data); err != nil {
			return 0, err
		}
		if _, err := fmt.Fprintf(w, "\nendstream\nendobj\n"); err != nil {
			return 0, err
		}
	}
	return writeSpec(w, e, stream, newObj)
}

// writeSpec writes the file specification of an embedded file stream and
// returns its object number.
func writeSpec(w *countingWriter, e report.ExhibitRef, stream int, newObj func() int) (int, error) {
	spec := newObj()
	name := e.Label + e.FileExt
	_, err := fmt.Fprintf(w, "%d 0 obj\n<< /Type /Filespec /F (%s) /UF %s /EF << /F %d 0 R >> /Desc %s >>\nendobj\n",
		spec, asciiName(e), pdfString(name), stream,
		pdfString(e.Title+" SHA-256 "+strings.ToLower(e.SHA256)))
	return spec, err
}

// copyExhibit writes an exhibit's bytes to w: straight from the store when
// the source can (ExhibitWriter), else through Open. A source that panics
// is an error, not a crash.
func copyExhibit(src ExhibitSource, id int64, w io.Writer) (n int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reading exhibit %d: %v", id, r)
		}
	}()
	lw := &limitWriter{w: w, left: maxExhibitBytes}
	if ew, ok := src.(ExhibitWriter); ok {
		n, err = ew.WriteExhibit(id, lw)
	} else {
		var rc io.ReadSeekCloser
		if rc, err = src.Open(id); err != nil {
			return 0, err
		}
		defer rc.Close()
		n, err = io.Copy(lw, rc)
	}
	if lw.over {
		return n, errTooLarge
	}
	return n, err
}

// limitWriter refuses to write more than left bytes.
type limitWriter struct {
	w    io.Writer
	left int64
	over bool
}

var errEnough = errors.New("enough read")

func (l *limitWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.left {
		l.over = true
		return 0, errTooLarge
	}
	l.left -= int64(len(p))
	return l.w.Write(p)
}

// hashMatches reads an exhibit through SHA-256 without holding it; its
// length must be the recorded size too.
func hashMatches(src ExhibitSource, e report.ExhibitRef) bool {
	h := sha256.New()
	n, err := copyExhibit(src, e.ID, h)
	return err == nil && n == e.Size && strings.EqualFold(hex.EncodeToString(h.Sum(nil)), e.SHA256)
}

// exhibitHead returns up to n first bytes of an exhibit.
func exhibitHead(src ExhibitSource, id int64, n int) []byte {
	h := &headWriter{max: n}
	copyExhibit(src, id, h)
	return h.b
}

// headWriter keeps the first max bytes and then stops the copy.
type headWriter struct {
	b   []byte
	max int
}

func (h *headWriter) Write(p []byte) (int, error) {
	k := min(len(p), h.max-len(h.b))
	h.b = append(h.b, p[:k]...)
	if len(h.b) >= h.max {
		return k, errEnough
	}
	return k, nil
}

// compressedTypes gain nothing from Flate: their data is compressed
// already. Deflating them cost most of the time attachments took.
var compressedTypes = []string{
	"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "image/avif",
	"audio/", "video/", "application/pdf", "application/zip", "application/gzip",
	"application/x-7z", "application/x-rar", "application/vnd.openxmlformats", "application/epub",
	"application/vnd.oasis.opendocument",
}

// uncompressedAudio are the audio types that are not compressed.
var uncompressedAudio = []string{"audio/wav", "audio/x-wav", "audio/vnd.wave", "audio/aiff", "audio/x-aiff"}

// compressible says whether deflating the original is worth it: never for
// a type that is compressed already, always for text, and otherwise when
// its first bytes (head, read only then) shrink by a tenth.
func compressible(contentType string, head func() []byte) bool {
	ct := strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	for _, t := range uncompressedAudio {
		if ct == t {
			return true
		}
	}
	for _, t := range compressedTypes {
		if strings.HasPrefix(ct, t) {
			return false
		}
	}
	if strings.HasPrefix(ct, "text/") || strings.HasPrefix(ct, "message/") {
		return true
	}
	b := head()
	if len(b) < 512 {
		return false // too small to matter
	}
	c := countingWriter{w: io.Discard}
	zw, _ := flate.NewWriter(&c, flate.BestSpeed)
	zw.Write(b)
	zw.Close()
	return c.n < int64(len(b))*9/10
}

var reMIME = regexp.MustCompile(`^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$`)

// pdfMIME is the content type as a PDF name (/image#2Fjpeg), or "" when it
// is not a plain type/subtype.
func pdfMIME(contentType string) string {
	ct := strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	if !reMIME.MatchString(ct) {
		return ""
	}
	return "/" + strings.ReplaceAll(ct, "/", "#2F")
}

// asciiName is the file name for readers that only show /F, which must be
// ASCII: "exhibit-3.jpg".
func asciiName(e report.ExhibitRef) string {
	ext := e.FileExt
	for _, r := range ext {
		if r > 0x7e || r < 0x21 || strings.ContainsRune(`()\<>[]{}/%#`, r) {
			ext = ""
			break
		}
	}
	return fmt.Sprintf("exhibit-%d%s", e.Number, ext)
}

// pdfString is s as a PDF text string: UTF-16BE with a byte-order mark,
// written in hex so that no byte needs escaping.
func pdfString(s string) string {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(u))
	b[0], b[1] = 0xFE, 0xFF
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return "<" + strings.ToUpper(hex.EncodeToString(b)) + ">"
}

// countingWriter counts what passes through, for the xref offsets.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
