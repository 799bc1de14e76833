package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"leakdesk/internal/report"
)

// gofpdf copies a JPEG it is given about four times before the packet is
// written (into its reader buffer, through a gob encoding to name it by
// its SHA-1, into the document buffer as a string, and again as that
// buffer grows): for 40 phone photos that was most of the export's memory
// and a sixth of its time. It only reads the header (image/jpeg's
// DecodeConfig), so it gets a stub — the start of the file to the frame
// header, with a comment naming the exhibit — and attachedWriter writes
// the real bytes in place of the stub's as it writes the file.

// stubTag starts the comment that names a stub's exhibit.
const stubTag = "leakdesk stub of exhibit "

// jpegStub returns the stub for exhibit n's JPEG b: SOI, a comment with
// the tag, the JFIF and Adobe segments (DecodeConfig reads the colour
// model from them), the frame header and the first scan's header
// (DecodeConfig reads up to it unless the file is JFIF). nil when b has
// no frame header before its first scan; the caller then hands gofpdf the
// whole file.
func jpegStub(b []byte, n int) []byte {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil
	}
	tag := stubTag + strconv.Itoa(n)
	out := []byte{0xFF, 0xD8, 0xFF, 0xFE, 0, 0}
	binary.BigEndian.PutUint16(out[4:], uint16(2+len(tag)))
	out = append(out, tag...)
	sof := false
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return nil
		}
		m := b[i+1]
		if m == 0xFF { // fill byte
			i++
			continue
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if m == 0xD8 || m == 0x01 || m >= 0xD0 && m <= 0xD9 || n < 2 || i+2+n > len(b) {
			return nil
		}
		seg := b[i : i+2+n]
		switch {
		case m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC: // frame header
			out = append(out, seg...)
			sof = true
		case m == 0xE0 || m == 0xEE: // JFIF, Adobe
			out = append(out, seg...)
		case m == 0xDA: // the first scan
			if !sof {
				return nil
			}
			return append(out, seg...)
		}
		i += 2 + n
	}
	return nil
}

// stubOf reads the exhibit number from a stream that starts like a stub.
func stubOf(stream []byte) (int, bool) {
	if len(stream) < 6+len(stubTag) || !bytes.HasPrefix(stream, []byte{0xFF, 0xD8, 0xFF, 0xFE}) {
		return 0, false
	}
	l := int(binary.BigEndian.Uint16(stream[4:]))
	if l < 2+len(stubTag) || 4+l > len(stream) || !bytes.HasPrefix(stream[6:], []byte(stubTag)) {
		return 0, false
	}
	n, err := strconv.Atoi(string(stream[6+len(stubTag) : 4+l]))
	return n, err == nil
}

// imageHead is how gofpdf starts an image XObject, after "N 0 obj\n".
var imageHead = []byte("<</Type /XObject\n/Subtype /Image\n")

// stubbed is the picture of one stub: its bytes when held, else the
// exhibit to read them from (its size and hash as recorded).
type stubbed struct {
	ref  report.ExhibitRef
	data []byte
}

// size is the length of the picture's stream.
func (s stubbed) size() int64 {
	if s.data != nil {
		return int64(len(s.data))
	}
	return s.ref.Size
}

// write writes the picture: the bytes held, or the exhibit's read from
// src and checked against its recorded size and SHA-256 on the way (the
// file being written is then refused rather than carry other bytes than
// the evidence list's hash).
func (s stubbed) write(w io.Writer, src ExhibitSource) error {
	if s.data != nil {
		_, err := w.Write(s.data)
		return err
	}
	if src == nil {
		return fmt.Errorf("pdf: no source for exhibit %d's picture", s.ref.Number)
	}
	h := sha256.New()
	n, err := copyExhibit(src, s.ref.ID, io.MultiWriter(w, h))
	if err != nil {
		return fmt.Errorf("pdf: exhibit %d's picture: %w", s.ref.Number, err)
	}
	if n != s.ref.Size || !strings.EqualFold(hex.EncodeToString(h.Sum(nil)), s.ref.SHA256) {
		return fmt.Errorf("pdf: exhibit %d changed while the packet was written", s.ref.Number)
	}
	return nil
}

// writeWithImages writes doc (gofpdf's objects, in file order, up to its
// catalog) to w with every stub's stream replaced by its JPEG from images
// (held, or read from src one at a time), and moves the offsets of the
// objects after each replaced stream by the bytes it added. Every stub
// must be replaced: a stub left in the packet would print nothing.
func writeWithImages(w io.Writer, doc []byte, offsets []int64, images map[int]stubbed, src ExhibitSource) error {
	type span struct {
		at         int64 // where the object starts
		lenAt, end int   // "/Length N>>\nstream\n" + stub: doc[lenAt:end]
		pic        stubbed
	}
	var spans []span
	for obj, at := range offsets {
		if obj == 0 || at <= 0 || at >= int64(len(doc)) {
			continue
		}
		rest := doc[at:]
		nl := bytes.IndexByte(rest[:min(len(rest), 24)], '\n')
		if nl < 0 || !bytes.HasPrefix(rest[nl+1:], imageHead) {
			continue
		}
		dictEnd := bytes.Index(rest, []byte(">>\nstream\n"))
		if dictEnd < 0 {
			continue
		}
		lenAt := bytes.LastIndex(rest[:dictEnd], []byte("/Length "))
		if lenAt < 0 {
			continue
		}
		length, err := strconv.Atoi(string(rest[lenAt+len("/Length ") : dictEnd]))
		streamAt := dictEnd + len(">>\nstream\n")
		if err != nil || length < 0 || streamAt+length > len(rest) {
			continue
		}
		n, ok := stubOf(rest[streamAt : streamAt+length])
		if !ok {
			continue
		}
		pic, ok := images[n]
		if !ok {
			return fmt.Errorf("pdf: image stub of exhibit %d without its picture", n)
		}
		spans = append(spans, span{at: at, lenAt: int(at) + lenAt, end: int(at) + streamAt + length, pic: pic})
	}
	if len(spans) != len(images) {
		return fmt.Errorf("pdf: %d image stubs found in the document for %d pictures", len(spans), len(images))
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].at < spans[j].at }) // file order
	old := append([]int64(nil), offsets...)
	prev := 0
	for _, s := range spans {
		if _, err := w.Write(doc[prev:s.lenAt]); err != nil {
			return err
		}
		head := fmt.Sprintf("/Length %d>>\nstream\n", s.pic.size())
		if _, err := io.WriteString(w, head); err != nil {
			return err
		}
		if err := s.pic.write(w, src); err != nil {
			return err
		}
		added := int64(len(head)) + s.pic.size() - int64(s.end-s.lenAt)
		for obj, at := range old {
			if at > s.at {
				offsets[obj] += added
			}
		}
		prev = s.end
	}
	_, err := w.Write(doc[prev:])
	return err
}
