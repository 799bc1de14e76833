package exhibit

import (
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
// many bits, and the value bits after it when they fit too, are consumed
// in one step (most codes and values of a photo do).
const fastBits = 12

type huffTable struct {
	// fast by the next fastBits bits: bits to consume | symbol<<8 |
	// 1<<16 when that includes the value bits; 0 for a longer code.
	fast    [1 << fastBits]uint32
	maxcode [18]int32 // by length; -1 when there is no code of that length
	valptr  [17]int32
	mincode [17]int32
	vals    []byte
}

// buildHuff builds a table from a DHT segment's counts and values; ac
// says whether a symbol's value size is its low nibble (AC) or the whole
// symbol (DC).
func buildHuff(counts []byte, vals []byte, ac bool) (*huffTable, bool) {
	h := &huffTable{vals: vals}
	code, k := int32(0), int32(0)
	for l := 1; l <= 16; l++ {
		n := int32(counts[l-1])
		h.valptr[l], h.mincode[l] = k, code
		for i := int32(0); i < n && l <= fastBits; i++ {
			sym := vals[k+i]
			size := int(sym)
			if ac {
				size = int(sym & 15)
			}
			e := uint32(l) | uint32(sym)<<8
			if size > 0 && l+size <= fastBits {
				e = uint32(l+size) | uint32(sym)<<8 | 1<<16
			}
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

// scanBits reads entropy-coded data: bytes with 0xFF 0x00 stuffing, up to
// the next marker. Past the marker it feeds zero bits, as decoders do, but
// using one of them means the data ended early.
type scanBits struct {
	b      []byte
	pos    int // next byte to load
	acc    uint64
	n      uint // bits in acc
	fake   uint // of which are zero fill past the marker
	marker int  // offset of the marker that ends the data, once seen
	start  int  // where this stretch of data began (scan or restart)
	used   int  // bits consumed since start
}

func (r *scanBits) reset(at int) {
	*r = scanBits{b: r.b, pos: at, start: at, marker: -1}
}

func (r *scanBits) fill() {
	// Fast path: four bytes without an 0xFF among them load at once.
	if r.n < 32 && r.marker < 0 && r.pos+4 <= len(r.b) {
		x := binary.BigEndian.Uint32(r.b[r.pos:])
		if v := ^x; (v-0x01010101)&^v&0x80808080 == 0 {
			r.acc |= uint64(x) << (32 - r.n)
			r.n += 32
			r.pos += 4
			return
		}
	}
	for r.n <= 56 {
		var c byte
		if r.marker < 0 && r.pos < len(r.b) {
			c = r.b[r.pos]
			if c == 0xFF {
				if r.pos+1 < len(r.b) && r.b[r.pos+1] == 0x00 {
					r.pos += 2
				} else {
					r.marker = r.pos
					c, r.fake = 0, r.fake+8
				}
			} else {
				r.pos++
			}
		} else {
			if r.marker < 0 {
				r.marker = r.pos
			}
			r.fake += 8
		}
		r.acc |= uint64(c) << (56 - r.n)
		r.n += 8
	}
}

// at is the file offset of the byte holding the next unread bit.
func (r *scanBits) at() int64 {
	bytes, i := r.used/8, r.start
	for ; bytes > 0 && i < len(r.b); bytes-- {
		if r.b[i] == 0xFF {
			i++
		}
		i++
	}
	return int64(i)
}

// skip drops k ≤ 15 bits (a coefficient's value, which the check does
// not need); decode left at least that many loaded.
func (r *scanBits) skip(k uint) bool {
	if k > r.n-r.fake {
		return false
	}
	r.acc <<= k
	r.n -= k
	r.used += int(k)
	return true
}

// decode reads one Huffman code, and the value bits after it when the
// table could take them in the same step (done); it leaves at least 15
// more bits loaded (or zero fill past the marker) for skip.
func (r *scanBits) decode(h *huffTable) (sym byte, done, ok bool) {
	if r.n < 32 {
		r.fill()
	}
	if e := h.fast[r.acc>>(64-fastBits)]; e != 0 {
		l := uint(e & 31)
		if l > r.n-r.fake {
			return 0, false, false
		}
		r.acc <<= l
		r.n -= l
		r.used += int(l)
		return byte(e >> 8), e&(1<<16) != 0, true
	}
	code := int32(r.acc >> (64 - 16))
	for l := fastBits + 1; l <= 16; l++ {
		c := code >> (16 - l)
		if h.maxcode[l] >= 0 && c <= h.maxcode[l] {
			if uint(l) > r.n-r.fake {
				return 0, false, false
			}
			r.acc <<= uint(l)
			r.n -= uint(l)
			r.used += l
			i := h.valptr[l] + c - h.mincode[l]
			if int(i) >= len(h.vals) {
				return 0, false, false
			}
			return h.vals[i], false, true
		}
	}
	return 0, false, false
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
	r := &scanBits{b: b}
	r.reset(at)
	rst := 0
	for u := 0; u < units; u++ {
		if ri > 0 && u > 0 && u%ri == 0 {
			// The data must stop at the expected restart marker.
			if r.marker < 0 {
				r.fill()
			}
			if r.n-r.fake >= 8 || r.marker < 0 || r.marker+1 >= len(b) || b[r.marker+1] != byte(0xD0+rst) {
				return bad(r.at(), "restart marker missing")
			}
			rst = (rst + 1) % 8
			r.reset(r.marker + 2)
		}
		for _, s := range in {
			for blk := 0; blk < s.c.h*s.c.v; blk++ {
				t, done, ok := r.decode(s.dc)
				if !ok || t > 16 {
					return bad(r.at(), "image data")
				}
				if !done && !r.skip(uint(t)) {
					return bad(r.at(), "image data")
				}
				for k := 1; k < 64; {
					rs, done, ok := r.decode(s.ac)
					if !ok {
						return bad(r.at(), "image data")
					}
					run, size := int(rs>>4), uint(rs&15)
					if size == 0 {
						if run != 15 {
							break // end of block
						}
						k += 16
						continue
					}
					k += run
					if k > 63 {
						return bad(r.at(), "image data")
					}
					if !done && !r.skip(size) {
						return bad(r.at(), "image data")
					}
					k++
				}
			}
		}
	}
	// What is left before the marker is at most the padding of one byte.
	if r.marker < 0 {
		r.fill()
	}
	if r.n-r.fake >= 8 || r.marker < 0 {
		return bad(r.at(), "image data longer than the picture")
	}
	return r.marker, nil
}
