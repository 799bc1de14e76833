package exhibit

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
)

// pngDamagedAt finds where a PNG that image/png refused is damaged, for
// the packet's "damaged from byte N" (issue 10): a file cut short, a chunk
// whose checksum does not match its bytes, or compressed image data that
// stops making sense. It walks the chunks and inflates the image data
// again, bounded by the size the header promises; ok is false when the
// fault is elsewhere (a bad filter byte, say), which then stays
// "damaged" without a byte.
func pngDamagedAt(r io.Reader, size int64) (at int64, why string, ok bool) {
	br := bufio.NewReader(r)
	var sig [8]byte
	if _, err := io.ReadFull(br, sig[:]); err != nil {
		return size, "png cut short", true
	}
	if string(sig[:]) != "\x89PNG\r\n\x1a\n" {
		return 0, "", false
	}
	off := int64(8)
	var idat []pngSpan
	var raw int64 // the image data's size inflated, from the header
	for {
		var h [8]byte
		if n, _ := io.ReadFull(br, h[:]); n < 8 {
			return min(off+int64(n), size), "png cut short", true
		}
		n := int64(binary.BigEndian.Uint32(h[:4]))
		typ := string(h[4:8])
		if n > size-off-12 {
			return size, "png cut short in a chunk", true
		}
		data := make([]byte, n+4)
		if _, err := io.ReadFull(br, data); err != nil {
			return size, "png cut short in a chunk", true
		}
		crc := crc32.NewIEEE()
		crc.Write(h[4:8])
		crc.Write(data[:n])
		if crc.Sum32() != binary.BigEndian.Uint32(data[n:]) {
			return off, "png chunk checksum", true
		}
		switch typ {
		case "IHDR":
			if n < 13 {
				return 0, "", false
			}
			raw = pngRawSize(int64(binary.BigEndian.Uint32(data[0:4])), int64(binary.BigEndian.Uint32(data[4:8])),
				int64(data[8])*pngChannels(data[9]), data[12] != 0)
		case "IDAT":
			idat = append(idat, pngSpan{off + 8, data[:n]})
		case "IEND":
			return inflateDamagedAt(idat, raw)
		}
		off += 12 + n
	}
}

// pngRawSize is the size of a PNG's image data inflated: each row of each
// pass (one pass, or Adam7's seven) with its filter byte.
func pngRawSize(w, h, bitsPerPixel int64, interlaced bool) int64 {
	row := func(w int64) int64 { return 1 + (w*bitsPerPixel+7)/8 }
	if !interlaced {
		return h * row(w)
	}
	var total int64
	for _, p := range [7][4]int64{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}} {
		pw, ph := (w-p[0]+p[2]-1)/p[2], (h-p[1]+p[3]-1)/p[3]
		if pw > 0 && ph > 0 {
			total += ph * row(pw)
		}
	}
	return total
}

// pngSpan is one IDAT chunk's data and where it starts in the file.
type pngSpan struct {
	at   int64
	data []byte
}

// pngChannels is the samples per pixel of a PNG colour type.
func pngChannels(colorType byte) int64 {
	switch colorType {
	case 2:
		return 3
	case 4:
		return 2
	case 6:
		return 4
	}
	return 1
}

// inflateDamagedAt inflates the image data (want bytes, what the header
// promises: no more is read) and says at which file byte the compressed
// stream failed, or ended before the picture did.
func inflateDamagedAt(idat []pngSpan, want int64) (int64, string, bool) {
	if len(idat) == 0 || want <= 0 {
		return 0, "", false
	}
	sr := &spanReader{spans: idat}
	zr, err := zlib.NewReader(sr)
	if err == nil {
		_, err = io.CopyN(io.Discard, zr, want)
	}
	switch {
	case err == nil:
		return 0, "", false // the data is whole: the fault is elsewhere
	case errors.Is(err, io.EOF):
		return sr.at(), "png image data shorter than the picture", true
	}
	return sr.at(), "png image data", true
}

// spanReader reads the IDAT chunks' data as one stream, a byte at a time
// for flate (an io.ByteReader is not read ahead), so that where it stops
// is where the data went wrong.
type spanReader struct {
	spans []pngSpan
	i, j  int
}

func (s *spanReader) ReadByte() (byte, error) {
	for s.i < len(s.spans) && s.j >= len(s.spans[s.i].data) {
		s.i, s.j = s.i+1, 0
	}
	if s.i >= len(s.spans) {
		return 0, io.ErrUnexpectedEOF
	}
	c := s.spans[s.i].data[s.j]
	s.j++
	return c, nil
}

func (s *spanReader) Read(p []byte) (int, error) {
	for k := range p {
		c, err := s.ReadByte()
		if err != nil {
			return k, err
		}
		p[k] = c
	}
	return len(p), nil
}

// at is the file offset of the last byte read.
func (s *spanReader) at() int64 {
	i, j := s.i, s.j-1
	if i >= len(s.spans) {
		i = len(s.spans) - 1
		j = len(s.spans[i].data) - 1
	}
	return s.spans[i].at + int64(max(j, 0))
}
