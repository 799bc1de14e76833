package exhibit

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Bounds for .docx files, which are zip archives of XML: a hostile one can
// declare millions of entries, inflate a few KB into GBs (a zip bomb) or
// nest elements without end.
const (
	maxDocxEntries  = 5000
	maxDocxXMLBytes = 64 << 20 // word/document.xml after inflating
	maxDocxDepth    = 256
	maxDocxTokens   = 4_000_000
)

// Errors of DocxText.
var (
	ErrNotDocx     = errors.New("exhibit: not a Word document")
	ErrDocxTooBig  = errors.New("exhibit: Word document exceeds the safety bounds")
	ErrDocxDamaged = errors.New("exhibit: Word document is damaged")
)

// Docx is the text of a Word (or WPS) document, for preview and printing.
type Docx struct {
	// Text has one line per paragraph; table cells are separated by
	// spaces and rows by line breaks. Valid UTF-8, at most MaxEmailText bytes.
	Text      string
	Truncated bool
}

// DocxText extracts the text of the .docx in r (size bytes). It reads the
// zip directory only after checking the declared entry count, inflates
// word/document.xml through a hard byte cap whatever size the entry
// declares, and walks the XML with depth and token caps.
func DocxText(r io.ReaderAt, size int64) (d Docx, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = Docx{}, fmt.Errorf("%w: %v", ErrDocxDamaged, p)
		}
	}()
	if n, err := zipEntryCount(r, size); err != nil {
		return Docx{}, err
	} else if n > maxDocxEntries {
		return Docx{}, ErrDocxTooBig
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return Docx{}, ErrNotDocx
	}
	if len(zr.File) > maxDocxEntries {
		return Docx{}, ErrDocxTooBig
	}
	var doc *zip.File
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, "word/document.xml") {
			doc = f
			break
		}
	}
	if doc == nil {
		return Docx{}, ErrNotDocx
	}
	if doc.UncompressedSize64 > maxDocxXMLBytes {
		return Docx{}, ErrDocxTooBig
	}
	rc, err := doc.Open()
	if err != nil {
		return Docx{}, ErrDocxDamaged
	}
	defer rc.Close()
	// The declared size may lie; the cap holds regardless.
	lr := &io.LimitedReader{R: rc, N: maxDocxXMLBytes + 1}
	d, err = docxXMLText(lr)
	if lr.N <= 0 {
		return Docx{}, ErrDocxTooBig
	}
	return d, err
}

// zipEntryCount reads the end-of-central-directory record's entry count
// before archive/zip allocates one struct per entry.
func zipEntryCount(r io.ReaderAt, size int64) (int, error) {
	const eocdLen = 22
	if size < eocdLen {
		return 0, ErrNotDocx
	}
	tail := min(size, eocdLen+0xFFFF)
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && !errors.Is(err, io.EOF) {
		return 0, ErrDocxDamaged
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || i+eocdLen > len(buf) {
		return 0, ErrNotDocx
	}
	n := int(binary.LittleEndian.Uint16(buf[i+10:]))
	if n == 0xFFFF {
		return 0, ErrDocxTooBig // zip64: no Word document needs it
	}
	return n, nil
}

// docxXMLText walks WordprocessingML: w:t is text, w:tab a tab, w:br and
// w:cr line breaks, w:p ends a paragraph, w:tc and w:tr lay out tables.
func docxXMLText(r io.Reader) (Docx, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	var b strings.Builder
	depth, tokens := 0, 0
	inText := false
	var d Docx
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			if b.Len() == 0 {
				return Docx{}, ErrDocxDamaged
			}
			d.Truncated = true
			break
		}
		tokens++
		if tokens > maxDocxTokens {
			d.Truncated = true
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDocxDepth {
				return Docx{}, ErrDocxTooBig
			}
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				b.WriteByte('\t')
			case "br", "cr":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				b.WriteByte('\n')
			case "tc":
				b.WriteString("　")
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
		if b.Len() > MaxEmailText {
			d.Truncated = true
			break
		}
	}
	s := strings.ToValidUTF8(b.String(), "\uFFFD")
	s = normalizeText(s)
	if len(s) > MaxEmailText {
		s = truncateUTF8(s, MaxEmailText)
		d.Truncated = true
	}
	// Collapse runs of empty paragraphs that Word uses for spacing.
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, ln := range lines {
		ln = strings.TrimRight(ln, " \t　")
		if ln == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, ln)
	}
	d.Text = strings.TrimSpace(strings.Join(out, "\n"))
	if !utf8.ValidString(d.Text) {
		d.Text = strings.ToValidUTF8(d.Text, "\uFFFD")
	}
	return d, nil
}
