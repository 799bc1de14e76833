package exhibit

import (
	"bufio"
	"encoding/binary"
	"io"
)

// EXIF orientation is read by hand: only tag 0x0112 of IFD0 is needed, and a
// full EXIF library would parse far more hostile structure than that.

const (
	maxJPEGSegments = 64      // markers scanned before giving up
	maxExifBytes    = 1 << 16 // an APP1 segment cannot be larger anyway
	maxIFDEntries   = 1024
	maxRIFFChunks   = 64
)

// orientationFromTIFF returns the orientation in a TIFF structure (the body
// of an EXIF block, or the start of a TIFF file), 1 if absent or invalid.
func orientationFromTIFF(b []byte) int {
	if len(b) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(b[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 1
	}
	off := uint64(bo.Uint32(b[4:8]))
	if off < 8 || off+2 > uint64(len(b)) {
		return 1
	}
	n := uint64(bo.Uint16(b[off:]))
	entries := b[off+2:]
	if n > maxIFDEntries || n*12 > uint64(len(entries)) {
		n = min(uint64(len(entries))/12, maxIFDEntries)
	}
	for i := uint64(0); i < n; i++ {
		e := entries[i*12 : i*12+12]
		if bo.Uint16(e[0:2]) != 0x0112 {
			continue
		}
		var v uint32
		switch bo.Uint16(e[2:4]) {
		case 3: // SHORT, the type the standard prescribes
			v = uint32(bo.Uint16(e[8:10]))
		case 4, 9: // LONG/SLONG from sloppy writers
			v = bo.Uint32(e[8:12])
		default:
			return 1
		}
		if v >= 1 && v <= 8 {
			return int(v)
		}
		return 1
	}
	return 1
}

// orientationFromExifPayload accepts an EXIF block with or without the
// "Exif\0\0" prefix (WebP writers disagree on it).
func orientationFromExifPayload(b []byte) int {
	if len(b) >= 6 && string(b[:6]) == "Exif\x00\x00" {
		b = b[6:]
	}
	return orientationFromTIFF(b)
}

// orientationFromJPEG reads the orientation of a JPEG's EXIF block.
func orientationFromJPEG(r io.Reader) int { return orientationFromTIFF(exifFromJPEG(r)) }

// exifFromJPEG scans JPEG markers up to the start of scan for an EXIF APP1
// segment and returns its TIFF body, nil when there is none.
func exifFromJPEG(r io.Reader) []byte {
	br := bufio.NewReaderSize(r, 4096)
	var hdr [2]byte
	if _, err := io.ReadFull(br, hdr[:]); err != nil || hdr[0] != 0xFF || hdr[1] != 0xD8 {
		return nil
	}
	for seg := 0; seg < maxJPEGSegments; seg++ {
		// Markers may be preceded by fill bytes 0xFF.
		c, err := br.ReadByte()
		if err != nil || c != 0xFF {
			return nil
		}
		for c == 0xFF {
			if c, err = br.ReadByte(); err != nil {
				return nil
			}
		}
		marker := c
		switch {
		case marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01:
			continue // no length
		case marker == 0xDA || marker == 0xD9:
			return nil // image data or end: EXIF must come before
		}
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			return nil
		}
		n := int(binary.BigEndian.Uint16(hdr[:]))
		if n < 2 {
			return nil
		}
		n -= 2
		if marker == 0xE1 && n >= 6 {
			buf := make([]byte, min(n, maxExifBytes))
			if _, err := io.ReadFull(br, buf); err != nil {
				return nil
			}
			if string(buf[:6]) == "Exif\x00\x00" {
				return buf[6:]
			}
			// XMP or another APP1: keep looking.
			continue
		}
		if _, err := br.Discard(n); err != nil {
			return nil
		}
	}
	return nil
}

// orientationFromWebP reads the orientation of a WebP's EXIF chunk.
func orientationFromWebP(r io.Reader) int { return orientationFromExifPayload(exifFromWebP(r)) }

// exifFromWebP walks RIFF chunks for an EXIF chunk and returns it as
// stored (with or without the "Exif\0\0" prefix), nil when there is none.
func exifFromWebP(r io.Reader) []byte {
	br := bufio.NewReaderSize(r, 4096)
	var hdr [12]byte
	if _, err := io.ReadFull(br, hdr[:]); err != nil || string(hdr[:4]) != "RIFF" || string(hdr[8:12]) != "WEBP" {
		return nil
	}
	for i := 0; i < maxRIFFChunks; i++ {
		var ch [8]byte
		if _, err := io.ReadFull(br, ch[:]); err != nil {
			return nil
		}
		size := uint64(binary.LittleEndian.Uint32(ch[4:8]))
		padded := size + size&1
		if string(ch[:4]) == "EXIF" {
			buf := make([]byte, min(size, maxExifBytes))
			if _, err := io.ReadFull(br, buf); err != nil {
				return nil
			}
			return buf
		}
		if padded > 1<<31 {
			return nil
		}
		if _, err := br.Discard(int(padded)); err != nil {
			return nil
		}
	}
	return nil
}

// orientationFromTIFFFile reads IFD0 of a TIFF file through random access,
// since IFD0 may sit anywhere in the file (often at the end).
func orientationFromTIFFFile(ra io.ReaderAt, size int64) int {
	var hdr [8]byte
	if _, err := ra.ReadAt(hdr[:], 0); err != nil {
		return 1
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if hdr[0] == 'M' {
		bo = binary.BigEndian
	}
	off := int64(bo.Uint32(hdr[4:8]))
	if off < 8 || off+2 > size {
		return 1
	}
	var cnt [2]byte
	if _, err := ra.ReadAt(cnt[:], off); err != nil {
		return 1
	}
	n := int64(min(bo.Uint16(cnt[:]), maxIFDEntries))
	n = min(n, (size-off-2)/12)
	if n <= 0 {
		return 1
	}
	// Rebuild a compact TIFF with IFD0 at offset 8 so one parser serves all.
	buf := make([]byte, 8+2+n*12)
	copy(buf, hdr[:4])
	bo.PutUint32(buf[4:8], 8)
	bo.PutUint16(buf[8:10], uint16(n))
	if _, err := ra.ReadAt(buf[10:], off+2); err != nil && err != io.EOF {
		return 1
	}
	return orientationFromTIFF(buf)
}
