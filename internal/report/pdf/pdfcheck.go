package pdf

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"strconv"
)

// When gofpdi cannot import a PDF, the packet must say why, truly: a file
// that is damaged is listed as damaged at the byte where it stops making
// sense, an encrypted one as encrypted, and a valid one that gofpdi cannot
// copy as using a feature we cannot print — never "damaged" for a valid
// file. gofpdi's errors cannot tell these apart (it fails the same way on a
// cut file and on syntax it does not know), so pdfStructure checks the
// file's skeleton on its own: the end marker and startxref, the
// cross-reference table or stream it points to, every object a classic
// table lists, and every Flate stream with a direct length.

// structure is what pdfStructure found.
type structure struct {
	encrypted bool
	damaged   bool
	at        int64 // where parsing failed, when damaged
	why       string
}

var (
	reStartXrefAny = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF`)
	reObjHead      = regexp.MustCompile(`^\s*(\d+)\s+(\d+)\s+obj\b`)
	reSubsection   = regexp.MustCompile(`^(\d+) (\d+)\s*\r?\n?`)
	reDirectLength = regexp.MustCompile(`/Length\s+(\d+)(\s+\d+\s+R)?`)
	reStreamKw     = regexp.MustCompile(`(?s)^(.*?)\bstream(\r\n|\n|\r)`)
)

// maxInflate bounds the bytes the Flate check inflates in all: a small
// file can inflate to gigabytes.
const maxInflate = 256 << 20

func pdfStructure(data []byte) structure {
	damaged := func(at int, why string) structure { return structure{damaged: true, at: int64(at), why: why} }
	tail := data[max(0, len(data)-2048):]
	ms := reStartXrefAny.FindAllSubmatchIndex(tail, -1)
	if ms == nil {
		// Cut short (or never finished): where the file ends.
		return damaged(len(data), "no startxref and %%EOF at the end")
	}
	m := ms[len(ms)-1]
	kw := len(data) - len(tail) + m[0]
	xref, err := strconv.Atoi(string(tail[m[2]:m[3]]))
	if err != nil || xref <= 0 || xref >= len(data) {
		return damaged(kw, "startxref points outside the file")
	}
	at := data[xref:]
	var trailer []byte
	switch {
	case bytes.HasPrefix(at, []byte("xref")):
		objs, t, bad := classicXref(data, xref)
		if bad >= 0 {
			return damaged(bad, "cross-reference table")
		}
		trailer = t
		for _, off := range objs {
			if off <= 0 || off >= len(data) || !reObjHead.Match(data[off:min(len(data), off+40)]) {
				return damaged(off, "object not where the cross-reference table says")
			}
		}
		// An encrypted file's streams are ciphertext: inflating them
		// would only find "damage" in valid files.
		left := maxInflate
		if bytes.Contains(trailer, []byte("/Encrypt")) {
			left = 0
		}
		for _, off := range objs {
			if s, ok := checkFlate(data, off, &left); !ok {
				return damaged(s, "compressed stream")
			}
		}
	case reObjHead.Match(at[:min(len(at), 40)]):
		// A cross-reference stream: its dictionary is the trailer.
		end := bytes.Index(at, []byte("stream"))
		if end < 0 {
			return damaged(xref, "cross-reference stream")
		}
		trailer = at[:end]
	default:
		return damaged(xref, "no cross-reference table where startxref points")
	}
	return structure{encrypted: bytes.Contains(trailer, []byte("/Encrypt"))}
}

// classicXref reads the table at off and every older one its trailers
// chain to (/Prev), and returns the offsets of the objects in use, the
// newest trailer, and -1 — or the offset where the table cannot be read.
func classicXref(data []byte, off int) (objs []int, trailer []byte, bad int) {
	seen := map[int]bool{}
	for n := 0; n < 64 && off > 0 && !seen[off]; n++ {
		seen[off] = true
		if off >= len(data) || !bytes.HasPrefix(data[off:], []byte("xref")) {
			return nil, nil, off
		}
		p := off + 4
		for {
			for p < len(data) && isPDFSpace(data[p]) {
				p++
			}
			if bytes.HasPrefix(data[p:], []byte("trailer")) {
				break
			}
			m := reSubsection.FindSubmatch(data[p:min(len(data), p+40)])
			if m == nil {
				return nil, nil, p
			}
			count, _ := strconv.Atoi(string(m[2]))
			p += len(m[0])
			if count < 0 || p+20*count > len(data) {
				return nil, nil, p
			}
			for i := 0; i < count; i++ {
				e := data[p : p+20]
				o, err := strconv.Atoi(string(e[:10]))
				if err != nil || (e[17] != 'n' && e[17] != 'f') {
					return nil, nil, p
				}
				if e[17] == 'n' {
					objs = append(objs, o)
				}
				p += 20
			}
		}
		end := bytes.Index(data[p:], []byte("startxref"))
		if end < 0 {
			return nil, nil, p
		}
		t := data[p : p+end]
		if trailer == nil {
			trailer = t
		}
		prev := regexp.MustCompile(`/Prev\s+(\d+)`).FindSubmatch(t)
		if prev == nil {
			break
		}
		off, _ = strconv.Atoi(string(prev[1]))
	}
	return objs, trailer, -1
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// checkFlate inflates the object's stream at off when its dictionary has
// /FlateDecode as its only filter and a direct /Length; it returns the
// stream's offset and false when the data does not inflate. left bounds
// the total inflated.
func checkFlate(data []byte, off int, left *int) (int, bool) {
	head := data[off:min(len(data), off+4096)]
	m := reStreamKw.FindSubmatchIndex(head)
	if m == nil {
		return 0, true // not a stream object
	}
	dict := head[:m[3]]
	if !bytes.Contains(dict, []byte("/FlateDecode")) || bytes.Contains(dict, []byte("[")) && bytes.Contains(dict, []byte("/Filter [")) || bytes.Contains(dict, []byte("/DecodeParms")) {
		return 0, true
	}
	// Only the object's own dictionary: stop at the first "endobj".
	if e := bytes.Index(dict, []byte("endobj")); e >= 0 {
		return 0, true
	}
	l := reDirectLength.FindSubmatch(dict)
	if l == nil || l[2] != nil {
		return 0, true // indirect length: not checked here
	}
	n, err := strconv.Atoi(string(l[1]))
	start := off + m[1]
	if err != nil || start+n > len(data) {
		return start, false
	}
	if *left <= 0 {
		return 0, true
	}
	zr, err := zlib.NewReader(bytes.NewReader(data[start : start+n]))
	if err != nil {
		return 0, true // raw deflate or another oddity viewers accept
	}
	got, err := io.Copy(io.Discard, io.LimitReader(zr, int64(*left)))
	*left -= int(got)
	// Only data that cannot be inflated is damage; a missing checksum or
	// a stream cut at its end, viewers show.
	var corrupt flate.CorruptInputError
	if errors.As(err, &corrupt) {
		return start + int(corrupt), false
	}
	return 0, true
}
