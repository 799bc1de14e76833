package exhibit

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"
)

// jpegWithCaptureTime returns jpg with an EXIF block whose Exif IFD holds
// DateTimeOriginal (and OffsetTimeOriginal when offset is not empty), laid
// out as cameras write it: IFD0 points at the Exif IFD, the values follow.
func jpegWithCaptureTime(jpg []byte, bigEndian bool, when, offset string) []byte {
	var bo binary.AppendByteOrder = binary.LittleEndian
	tiff := []byte("II*\x00")
	if bigEndian {
		bo, tiff = binary.BigEndian, []byte("MM\x00*")
	}
	tiff = bo.AppendUint32(tiff, 8)
	// IFD0 at 8: one entry (Exif IFD pointer), next-IFD 0.
	exifAt := uint32(8 + 2 + 12 + 4)
	tiff = bo.AppendUint16(tiff, 1)
	tiff = bo.AppendUint16(tiff, tagExifIFD)
	tiff = bo.AppendUint16(tiff, 4)
	tiff = bo.AppendUint32(tiff, 1)
	tiff = bo.AppendUint32(tiff, exifAt)
	tiff = bo.AppendUint32(tiff, 0)
	n := uint16(1)
	if offset != "" {
		n = 2
	}
	valuesAt := exifAt + 2 + uint32(n)*12 + 4
	tiff = bo.AppendUint16(tiff, n)
	whenZ := append([]byte(when), 0)
	tiff = bo.AppendUint16(tiff, tagDateTimeOriginal)
	tiff = bo.AppendUint16(tiff, 2)
	tiff = bo.AppendUint32(tiff, uint32(len(whenZ)))
	tiff = bo.AppendUint32(tiff, valuesAt)
	offZ := append([]byte(offset), 0)
	if offset != "" {
		tiff = bo.AppendUint16(tiff, tagOffsetTimeOriginal)
		tiff = bo.AppendUint16(tiff, 2)
		tiff = bo.AppendUint32(tiff, uint32(len(offZ)))
		tiff = bo.AppendUint32(tiff, valuesAt+uint32(len(whenZ)))
	}
	tiff = bo.AppendUint32(tiff, 0)
	tiff = append(tiff, whenZ...)
	if offset != "" {
		tiff = append(tiff, offZ...)
	}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, append(seg, payload...)...)
	return append(out, jpg[2:]...)
}

func TestCaptureTime(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	jpg := encJPEG(t, 4, 4)
	tests := []struct {
		name string
		file []byte
		want time.Time
		ok   bool
	}{
		{"little-endian, no offset: the case's zone", jpegWithCaptureTime(jpg, false, "2026:11:25 14:02:11", ""),
			time.Date(2026, 11, 25, 14, 2, 11, 0, shanghai), true},
		{"big-endian", jpegWithCaptureTime(jpg, true, "2026:11:25 14:02:11", ""),
			time.Date(2026, 11, 25, 14, 2, 11, 0, shanghai), true},
		{"with its own offset", jpegWithCaptureTime(jpg, false, "2026:11:25 14:02:11", "+09:00"),
			time.Date(2026, 11, 25, 5, 2, 11, 0, time.UTC), true},
		{"clock never set", jpegWithCaptureTime(jpg, false, "0000:00:00 00:00:00", ""), time.Time{}, false},
		{"orientation only", withEXIF(jpg, false, 6), time.Time{}, false},
		{"no EXIF", jpg, time.Time{}, false},
		{"a PNG", encPNG(t, gradient(2, 2)), time.Time{}, false},
		{"truncated", jpegWithCaptureTime(jpg, false, "2026:11:25 14:02:11", "")[:40], time.Time{}, false},
	}
	for _, tc := range tests {
		got, ok := CaptureTime(bytes.NewReader(tc.file), shanghai)
		if ok != tc.ok || !got.Equal(tc.want) {
			t.Errorf("%s: CaptureTime = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzCaptureTime: hostile EXIF never panics or reads out of bounds.
func FuzzCaptureTime(f *testing.F) {
	f.Add(jpegWithCaptureTime(encJPEG(f, 2, 2), false, "2026:11:25 14:02:11", "+08:00"))
	f.Add(jpegWithCaptureTime(encJPEG(f, 2, 2), true, "2026:11:25 14:02:11", ""))
	f.Fuzz(func(t *testing.T, b []byte) {
		CaptureTime(bytes.NewReader(b), time.UTC)
	})
}
