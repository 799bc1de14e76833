package exhibit

import (
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"time"
)

// Exif tags read for the capture time.
const (
	tagExifIFD            = 0x8769 // IFD0: offset of the Exif sub-IFD
	tagDateTimeOriginal   = 0x9003 // Exif IFD: when the picture was taken
	tagOffsetTimeOriginal = 0x9011 // Exif IFD: its UTC offset, "+08:00" (Exif 2.31)
)

// CaptureTime returns when a photo was taken, from the EXIF
// DateTimeOriginal of a JPEG or WebP, and false when the file has none
// (screenshots usually have none). EXIF times carry no zone unless
// OffsetTimeOriginal is present; without it the time is taken as a wall
// time in loc, the case's zone, since that is where the phone was.
func CaptureTime(r io.Reader, loc *time.Location) (time.Time, bool) {
	br := io.LimitReader(r, 4<<20)
	head := make([]byte, 12)
	n, _ := io.ReadFull(br, head)
	head = head[:n]
	rest := io.MultiReader(bytes.NewReader(head), br)
	var payload []byte
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8}):
		payload = exifFromJPEG(rest)
	case len(head) == 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		payload = exifFromWebP(rest)
		if len(payload) >= 6 && string(payload[:6]) == "Exif\x00\x00" {
			payload = payload[6:]
		}
	default:
		return time.Time{}, false
	}
	return dateTimeOriginal(payload, loc)
}

// ifdEntries returns the 12-byte entries of the IFD at off in a TIFF body.
func ifdEntries(b []byte, bo binary.ByteOrder, off uint64) [][]byte {
	if off < 8 || off+2 > uint64(len(b)) {
		return nil
	}
	n := min(uint64(bo.Uint16(b[off:])), maxIFDEntries)
	body := b[off+2:]
	n = min(n, uint64(len(body))/12)
	out := make([][]byte, 0, n)
	for i := uint64(0); i < n; i++ {
		out = append(out, body[i*12:i*12+12])
	}
	return out
}

// asciiValue is an ASCII entry's text (inline when 4 bytes or fewer).
func asciiValue(b []byte, bo binary.ByteOrder, e []byte) string {
	if bo.Uint16(e[2:4]) != 2 {
		return ""
	}
	count := uint64(bo.Uint32(e[4:8]))
	var v []byte
	if count <= 4 {
		v = e[8 : 8+count]
	} else {
		off := uint64(bo.Uint32(e[8:12]))
		if count > 64 || off+count > uint64(len(b)) {
			return ""
		}
		v = b[off : off+count]
	}
	return strings.TrimRight(string(v), "\x00 ")
}

// dateTimeOriginal reads DateTimeOriginal (and its offset) from a TIFF body.
func dateTimeOriginal(b []byte, loc *time.Location) (time.Time, bool) {
	if len(b) < 8 {
		return time.Time{}, false
	}
	var bo binary.ByteOrder
	switch string(b[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return time.Time{}, false
	}
	var exifOff uint64
	for _, e := range ifdEntries(b, bo, uint64(bo.Uint32(b[4:8]))) {
		if bo.Uint16(e[0:2]) == tagExifIFD {
			exifOff = uint64(bo.Uint32(e[8:12]))
		}
	}
	var when, offset string
	for _, e := range ifdEntries(b, bo, exifOff) {
		switch bo.Uint16(e[0:2]) {
		case tagDateTimeOriginal:
			when = asciiValue(b, bo, e)
		case tagOffsetTimeOriginal:
			offset = asciiValue(b, bo, e)
		}
	}
	if when == "" {
		return time.Time{}, false
	}
	if offset != "" {
		if t, err := time.Parse("2006:01:02 15:04:05-07:00", when+offset); err == nil {
			return t, true
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation("2006:01:02 15:04:05", when, loc)
	// Cameras without a set clock write 0000:00:00 or the 1970s.
	if err != nil || t.Year() < 1990 {
		return time.Time{}, false
	}
	return t, true
}
