package exhibit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// A JPEG whose structure is whole can still be damaged inside its image
// data: a flipped bit turns a Huffman code into one that is in no table,
// or shifts every block after it. Viewers then print grey or smeared
// blocks and libjpeg reports "Corrupt JPEG data" (qpdf --check fails on a
// packet that carries it). A full decode finds this, but costs ~15 ms per
// phone photo, most of an export's time. jpegScanCheck does the part of a
// decode that can fail — reading every Huffman code of every block, the
// restart markers and the end of each scan — without the inverse DCT and
// colour conversion that cannot, at a fraction of the cost. Progressive,
// arithmetic-coded and lossless JPEGs are decoded in full instead.

// DamagedAtError says where in a file parsing failed: the byte offset of
// the data the parser could not read, for the packet's "damaged at byte N".
type DamagedAtError struct {
	Offset int64
	Why    string
}

func (e *DamagedAtError) Error() string {
	return fmt.Sprintf("%v: %s at byte %d", ErrCannotDecode, e.Why, e.Offset)
}

func (e *DamagedAtError) Unwrap() error { return ErrCannotDecode }

// errFullDecode: a JPEG kind the scan check does not read; decode it.
var errFullDecode = errors.New("jpeg kind needs a full decode")

// fastBits is the lookahead of the decoding table: a code of up to this
// many bits is found in one lookup, which also gives how many value bits
// follow it (skipped unread: the check needs their length, not their
// value). Longer codes, rare in photos, take the canonical-code loop.
const fastBits = 11

// Entries of huffTable.fast: the bits a code and its value take together
// (low 6 bits: up to 16+16 for a DC code), how far it moves the
// coefficient index (AC: run+1, or 16 for a run of zeros), and what kind
// of symbol it is. 0: no code of up to fastBits bits starts here (or a DC
// size too large), see slow.
const (
	fastLenMask  = 63
	fastAdvShift = 6
	fastAdvMask  = 31
	fastEOB      = 1 << 11 // AC end of block
	fastZRL      = 1 << 12 // AC run of 16 zeros
)

type huffTable struct {
	fast    [1 << fastBits]uint16
	maxcode [18]int32 // by length; -1 when there is no code of that length
	valptr  [17]int32
	mincode [17]int32
	vals    []byte
	ac      bool
}

// fastEntry is the fast-table entry for symbol sym coded in l bits, or 0
// when the symbol must take the slow path (a DC size over 16, which is an
// error there).
func fastEntry(sym byte, l int, ac bool) uint16 {
	if !ac {
		if sym > 16 {
			return 0
		}
		return uint16(l + int(sym))
	}
	run, size := int(sym>>4), int(sym&15)
	switch {
	case size == 0 && run == 15:
		return uint16(l) | 16<<fastAdvShift | fastZRL
	case size == 0:
		return uint16(l) | fastEOB
	}
	return uint16(l+size) | uint16(run+1)<<fastAdvShift
}

// buildHuff builds a table from a DHT segment's counts and values; ac
// says whether a symbol's value size is its low nibble (AC) or the whole
// symbol (DC).
func buildHuff(counts []byte, vals []byte, ac bool) (*huffTable, bool) {
	h := &huffTable{vals: vals, ac: ac}
	code, k := int32(0), int32(0)
	for l := 1; l <= 16; l++ {
		n := int32(counts[l-1])
		h.valptr[l], h.mincode[l] = k, code
		for i := int32(0); i < n && l <= fastBits; i++ {
			e := fastEntry(vals[k+i], l, ac)
			// every fastBits-bit pattern that starts with this code
			base := (code + i) << (fastBits - l)
			for j := int32(0); j < 1<<(fastBits-l); j++ {
				if int(base+j) >= len(h.fast) {
					return nil, false // more codes than the length allows
				}
				h.fast[base+j] = e
			}
		}
		if n > 0 {
			h.maxcode[l] = code + n - 1
		} else {
			h.maxcode[l] = -1
		}
		code, k = (code+n)<<1, k+n
		if code > 1<<(l+1) {
			return nil, false
		}
	}
	h.maxcode[17] = 0x7fffffff
	return h, true
}

// slow decodes the code at the top of acc the canonical way and returns
// its fast-table entry (0 for no code, or a DC size over 16).
func (h *huffTable) slow(acc uint64) uint16 {
	code := int32(acc >> (64 - 16))
	for l := 1; l <= 16; l++ {
		c := code >> (16 - l)
		if h.maxcode[l] >= 0 && c <= h.maxcode[l] {
			i := h.valptr[l] + c - h.mincode[l]
			if i < 0 || int(i) >= len(h.vals) {
				return 0
			}
			return fastEntry(h.vals[i], l, h.ac)
		}
	}
	return 0
}

// scanBufSize is the size of the window of unstuffed image data the bit
// reader works on (a variable so that tests can put the window's edge
// anywhere; at least 16).
var scanBufSize = 16 << 10

// scanReader reads entropy-coded data: it copies the bytes from b[start:]
// into buf without their 0xFF 0x00 stuffing, a window at a time, up to the
// next marker; the decoding loop then loads eight bytes at a time with no
// test per byte. Past the marker it reads zero bits, as decoders do;
// having used any of them means the data ended early (overrun).
type scanReader struct {
	b     []byte
	src   int // next byte of b to copy
	start int // where this stretch of data began (scan or restart)
	// marker is the offset of the marker that ends the data (len(b) when
	// the file ends first), once the copy has reached it; -1 before.
	marker int
	buf    []byte
	base   int // unstuffed bytes before buf[0] since start
	end    int // bytes of data in buf (none once the reading is past them)
	total  int // bytes of data copied since start
	lim    int // 8-byte loads may start below lim-7
	// the bit buffer: the next n bits, left-aligned in acc; pos is the
	// next byte of buf to load.
	acc uint64
	n   uint
	pos int
}

func (r *scanReader) reset(at int) {
	*r = scanReader{b: r.b, buf: r.buf, src: at, start: at, marker: -1}
	r.more()
}

// more moves the unread bytes to the front of buf and copies more data
// behind them; once the marker is reached, zeros fill the rest of buf.
func (r *scanReader) more() {
	keep := copy(r.buf, r.buf[r.pos:max(r.pos, r.end)])
	r.base += r.pos
	r.pos, r.end = 0, keep
	for r.marker < 0 && r.end < len(r.buf) {
		chunk := r.b[r.src:min(len(r.b), r.src+len(r.buf)-r.end)]
		k := bytes.IndexByte(chunk, 0xFF)
		if k < 0 {
			k = len(chunk)
		}
		r.end += copy(r.buf[r.end:], chunk[:k])
		r.total += k
		r.src += k
		switch {
		case r.src == len(r.b):
			r.marker = len(r.b)
		case k == len(chunk):
		case r.src+1 < len(r.b) && r.b[r.src+1] == 0x00:
			r.buf[r.end] = 0xFF
			r.end++
			r.total++
			r.src += 2
		default:
			r.marker = r.src
		}
	}
	r.lim = r.end
	if r.marker >= 0 {
		clear(r.buf[r.end:])
		r.lim = len(r.buf)
	}
}

// used is the number of bits consumed since start.
func (r *scanReader) used() int { return (r.base+r.pos)*8 - int(r.n) }

// left is the number of bits of data before the marker not yet consumed
// (negative after an overrun).
func (r *scanReader) left() int { return r.total*8 - r.used() }

// at is the file offset of the byte holding the next unread bit (the
// marker after an overrun).
func (r *scanReader) at() int64 {
	bytes, i := r.used()/8, r.start
	for ; bytes > 0 && i < len(r.b); bytes-- {
		if r.b[i] == 0xFF {
			i++
		}
		i++
	}
	if r.marker >= 0 && i > r.marker {
		i = r.marker
	}
	return int64(min(i, len(r.b)))
}

// block reads the Huffman codes of one 8×8 block and skips their value
// bits. It returns false on a code in no table, a DC size over 16, or
// coefficients past the 64th; an overrun is the caller's to find.
//
// The bit buffer lives in locals and is refilled eight bytes at a time,
// which leaves at least 56 bits loaded, before the DC code (at most 32
// bits with its value) and before every second AC code: a code found in
// the fast table takes at most fastBits+15 = 26 bits with its value, so
// two fit; after a longer one (at most 16+15 bits) the next round
// refills first.
func (r *scanReader) block(dc, ac *huffTable) bool {
	acc, n, pos, buf := r.acc, r.n, r.pos, r.buf[:r.lim]
	// DC: at most 16+16 bits.
	if pos+8 > len(buf) {
		r.acc, r.n, r.pos = acc, n, pos
		r.more()
		acc, n, pos, buf = r.acc, r.n, r.pos, r.buf[:r.lim]
	}
	acc |= binary.BigEndian.Uint64(buf[pos:]) >> (n & 63)
	pos += int((63 - n) >> 3)
	n |= 56
	e := dc.fast[acc>>(64-fastBits)]
	if e == 0 {
		if e = dc.slow(acc); e == 0 {
			r.acc, r.n, r.pos = acc, n, pos
			return false
		}
	}
	acc <<= e & fastLenMask
	n -= uint(e & fastLenMask)
	k := 1
	for {
		if pos+8 > len(buf) {
			r.acc, r.n, r.pos = acc, n, pos
			r.more()
			acc, n, pos, buf = r.acc, r.n, r.pos, r.buf[:r.lim]
		}
		acc |= binary.BigEndian.Uint64(buf[pos:]) >> (n & 63)
		pos += int((63 - n) >> 3)
		n |= 56
		// first code: at least 56 bits loaded
		e := ac.fast[acc>>(64-fastBits)]
		slow := e == 0
		if slow {
			if e = ac.slow(acc); e == 0 {
				break
			}
		}
		acc <<= e & fastLenMask
		n -= uint(e & fastLenMask)
		k += int(e>>fastAdvShift) & fastAdvMask
		if e&(fastEOB|fastZRL) != 0 || k >= 64 {
			if e&fastEOB != 0 || k >= 64 && (k == 64 || e&fastZRL != 0) {
				r.acc, r.n, r.pos = acc, n, pos
				return true
			}
			if k > 64 {
				break
			}
		}
		if slow {
			continue // up to 31 bits used: refill first
		}
		// second code: at least 30 bits left, enough for one from the
		// fast table
		e = ac.fast[acc>>(64-fastBits)]
		if e == 0 {
			continue // the next round decodes it after a refill
		}
		acc <<= e & fastLenMask
		n -= uint(e & fastLenMask)
		k += int(e>>fastAdvShift) & fastAdvMask
		if e&(fastEOB|fastZRL) != 0 || k >= 64 {
			if e&fastEOB != 0 || k >= 64 && (k == 64 || e&fastZRL != 0) {
				r.acc, r.n, r.pos = acc, n, pos
				return true
			}
			if k > 64 {
				break
			}
		}
	}
	r.acc, r.n, r.pos = acc, n, pos
	return false
}

// atMarker reads up to the marker that ends the data and says whether
// what was left unread before it is at most the padding of one byte.
func (r *scanReader) atMarker() bool {
	for {
		if left := r.left(); left < 0 || left >= 8 {
			return false
		}
		if r.marker >= 0 {
			return true
		}
		r.more()
	}
}

type jpegComp struct {
	id, h, v int
}

// jpegScanCheck reads all the entropy-coded data of a sequential Huffman
// JPEG whose structure jpegComplete accepted. It returns a
// *DamagedAtError where the data cannot be read, errFullDecode for the
// JPEG kinds it does not read, or nil.
func jpegScanCheck(b []byte) error {
	var dc, ac [4]*huffTable
	var comps []jpegComp
	var width, height, hmax, vmax, ri int
	i := 2
	for {
		for i < len(b) && b[i] == 0xFF {
			i++
		}
		if i+1 > len(b) {
			return &DamagedAtError{int64(i), "jpeg cut short"}
		}
		m := b[i]
		i++
		if m == 0xD9 {
			return nil
		}
		if m == 0x01 || m >= 0xD0 && m <= 0xD7 {
			continue
		}
		if i+2 > len(b) {
			return &DamagedAtError{int64(i), "jpeg cut short"}
		}
		n := int(binary.BigEndian.Uint16(b[i:]))
		if n < 2 || i+n > len(b) {
			return &DamagedAtError{int64(i), "jpeg segment length"}
		}
		seg := b[i+2 : i+n]
		bad := func(why string) error { return &DamagedAtError{int64(i), "jpeg " + why} }
		switch {
		case m == 0xC0 || m == 0xC1: // sequential, Huffman
			if len(seg) < 6 {
				return bad("frame header")
			}
			height, width = int(binary.BigEndian.Uint16(seg[1:])), int(binary.BigEndian.Uint16(seg[3:]))
			nc := int(seg[5])
			if nc < 1 || nc > 4 || len(seg) < 6+3*nc || width == 0 || height == 0 {
				return bad("frame header")
			}
			comps = comps[:0]
			hmax, vmax = 1, 1
			for k := 0; k < nc; k++ {
				c := jpegComp{id: int(seg[6+3*k]), h: int(seg[7+3*k] >> 4), v: int(seg[7+3*k] & 15)}
				if c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 {
					return bad("sampling factors")
				}
				hmax, vmax = max(hmax, c.h), max(vmax, c.v)
				comps = append(comps, c)
			}
		case m >= 0xC2 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC:
			// progressive, lossless, hierarchical or arithmetic-coded
			return errFullDecode
		case m == 0xC4:
			for len(seg) > 0 {
				if len(seg) < 17 {
					return bad("Huffman table")
				}
				class, id := seg[0]>>4, seg[0]&15
				total := 0
				for _, c := range seg[1:17] {
					total += int(c)
				}
				if class > 1 || id > 3 || total > 256 || len(seg) < 17+total {
					return bad("Huffman table")
				}
				h, ok := buildHuff(seg[1:17], seg[17:17+total], class == 1)
				if !ok {
					return bad("Huffman table")
				}
				if class == 0 {
					dc[id] = h
				} else {
					ac[id] = h
				}
				seg = seg[17+total:]
			}
		case m == 0xDD:
			if len(seg) < 2 {
				return bad("restart interval")
			}
			ri = int(binary.BigEndian.Uint16(seg))
		case m == 0xDA:
			if comps == nil {
				return bad("scan before frame")
			}
			end, err := checkScan(b, i+n, seg, comps, dc, ac, width, height, hmax, vmax, ri)
			if err != nil {
				return err
			}
			i = end
			continue
		}
		i += n
	}
}

// checkScan reads one scan's data from b[at:] and returns the offset of the
// marker after it.
func checkScan(b []byte, at int, seg []byte, comps []jpegComp, dcT, acT [4]*huffTable, width, height, hmax, vmax, ri int) (int, error) {
	bad := func(off int64, why string) (int, error) { return 0, &DamagedAtError{off, "jpeg " + why} }
	if len(seg) < 1 {
		return bad(int64(at), "scan header")
	}
	ns := int(seg[0])
	if ns < 1 || ns > len(comps) || len(seg) < 1+2*ns+3 {
		return bad(int64(at), "scan header")
	}
	type sc struct {
		c      jpegComp
		dc, ac *huffTable
	}
	var in []sc
	for k := 0; k < ns; k++ {
		id, t := int(seg[1+2*k]), seg[2+2*k]
		var c *jpegComp
		for j := range comps {
			if comps[j].id == id {
				c = &comps[j]
			}
		}
		if c == nil || t>>4 > 3 || t&15 > 3 || dcT[t>>4] == nil || acT[t&15] == nil {
			return bad(int64(at), "scan refers to a missing component or table")
		}
		in = append(in, sc{*c, dcT[t>>4], acT[t&15]})
	}
	// units: MCUs of an interleaved scan, blocks of a single component
	var units int
	if ns == 1 {
		c := in[0].c
		cw := (width*c.h + hmax - 1) / hmax
		ch := (height*c.v + vmax - 1) / vmax
		units = ((cw + 7) / 8) * ((ch + 7) / 8)
		in[0].c.h, in[0].c.v = 1, 1
	} else {
		units = ((width + 8*hmax - 1) / (8 * hmax)) * ((height + 8*vmax - 1) / (8 * vmax))
	}
	r := &scanReader{b: b, buf: make([]byte, scanBufSize)}
	r.reset(at)
	rst := 0
	for u := 0; u < units; u++ {
		if ri > 0 && u > 0 && u%ri == 0 {
			// The data must stop at the expected restart marker.
			if !r.atMarker() || r.marker+1 >= len(b) || b[r.marker+1] != byte(0xD0+rst) {
				return bad(r.at(), "restart marker missing")
			}
			rst = (rst + 1) % 8
			r.reset(r.marker + 2)
		}
		for _, s := range in {
			for blk := 0; blk < s.c.h*s.c.v; blk++ {
				if !r.block(s.dc, s.ac) || r.left() < 0 {
					return bad(r.at(), "image data")
				}
			}
		}
	}
	// What is left before the marker is at most the padding of one byte.
	if !r.atMarker() {
		return bad(r.at(), "image data longer than the picture")
	}
	return r.marker, nil
}
