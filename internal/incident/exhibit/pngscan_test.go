package exhibit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"math/rand"
	"testing"
)

// noisyPNG is a PNG with image data in several IDAT chunks (as phones and
// screenshot tools write them).
func noisyPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewSource(3))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.NRGBA{uint8(x), uint8(y), uint8(rng.Intn(256)), 255})
		}
	}
	b := encPNG(t, m)
	// Split the one IDAT chunk Go writes in two.
	at := bytes.Index(b, []byte("IDAT")) - 4
	n := int(binary.BigEndian.Uint32(b[at:]))
	data := b[at+8 : at+8+n]
	chunk := func(typ string, d []byte) []byte {
		out := binary.BigEndian.AppendUint32(nil, uint32(len(d)))
		out = append(out, typ...)
		out = append(out, d...)
		return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), d...)))
	}
	out := append([]byte(nil), b[:at]...)
	out = append(out, chunk("IDAT", data[:n/2])...)
	out = append(out, chunk("IDAT", data[n/2:])...)
	return append(out, b[at+12+n:]...)
}

// TestPNGDamagedAt (issue 10): a PNG that cannot be printed says from
// which byte: cut short anywhere, a chunk whose checksum fails, or image
// data that stops inflating (its checksum made to match, so only the data
// shows it) — never before the damage.
func TestPNGDamagedAt(t *testing.T) {
	orig := noisyPNG(t, 64, 48)
	if _, _, _, err := ForPDFBytes(orig, 0); err != nil {
		t.Fatalf("valid PNG: %v", err)
	}
	for n := 8; n < len(orig)-12; n += 13 {
		_, _, _, err := ForPDFBytes(orig[:n], 0)
		var at *DamagedAtError
		if !errors.As(err, &at) || at.Offset > int64(n) || !errors.Is(err, ErrCannotDecode) {
			t.Fatalf("cut to %d bytes: %v, want damaged at a byte up to %d", n, err, n)
		}
	}
	// A flipped bit in the image data, the chunk's checksum intact.
	first := bytes.Index(orig, []byte("IDAT")) + 4
	b := bytes.Clone(orig)
	b[first+40] ^= 0x08
	var at *DamagedAtError
	if _, _, _, err := ForPDFBytes(b, 0); !errors.As(err, &at) || at.Offset != int64(first-8) || at.Why != "png chunk checksum" {
		t.Errorf("flip with a wrong checksum: %v, want damaged at the chunk (byte %d)", err, first-8)
	}
	// Flips in the image data with the checksum made to match: each is
	// found at or after its byte.
	rng := rand.New(rand.NewSource(4))
	found := 0
	for i := 0; i < 200; i++ {
		b := bytes.Clone(orig)
		idat := bytes.Index(b, []byte("IDAT"))
		n := int(binary.BigEndian.Uint32(b[idat-4:]))
		pos := idat + 4 + rng.Intn(n)
		b[pos] ^= 1 << rng.Intn(8)
		binary.BigEndian.PutUint32(b[idat+4+n:], crc32.ChecksumIEEE(b[idat:idat+4+n]))
		_, _, _, err := ForPDFBytes(b, 0)
		if err == nil {
			continue
		}
		var at *DamagedAtError
		if !errors.As(err, &at) {
			continue // a fault the data does not locate (a filter byte): plain "damaged"
		}
		found++
		if at.Offset < int64(pos) || at.Offset >= int64(len(b)) {
			t.Errorf("flip at %d: damaged at %d (%s)", pos, at.Offset, at.Why)
		}
	}
	if found == 0 {
		t.Error("no flip in the image data was located")
	}
	t.Logf("%d of 200 flips located", found)
}
