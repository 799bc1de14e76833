package exhibit

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

// Fixtures are generated in code so testdata stays empty and every byte of
// a fixture is visible in review.

// Tiny WebP files (1×1) in the three encodings: lossless, lossy, lossy with
// alpha (VP8X + ALPH).
const (
	webpLossless = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="
	webpLossy    = "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA"
	webpAlpha    = "UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA=="
)

func b64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func gradient(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.RGBA{uint8(x * 255 / max(1, w-1)), uint8(y * 255 / max(1, h-1)), uint8((x ^ y) & 0xFF), 0xFF})
		}
	}
	return m
}

func encJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, gradient(w, h), &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encPNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func png16(t testing.TB) []byte {
	m := image.NewRGBA64(image.Rect(0, 0, 6, 4))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 7)
	}
	for y := 0; y < 4; y++ {
		for x := 0; x < 6; x++ {
			c := m.RGBA64At(x, y)
			c.A = 0xFFFF
			m.SetRGBA64(x, y, c)
		}
	}
	return encPNG(t, m)
}

func pngAlpha(t testing.TB) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, 5, 3))
	for i := range m.Pix {
		m.Pix[i] = 0x80
	}
	return encPNG(t, m)
}

func encGIF(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := gif.Encode(&buf, gradient(7, 5), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encBMP(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := bmp.Encode(&buf, gradient(9, 4)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encTIFF(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := tiff.Encode(&buf, gradient(8, 3), &tiff.Options{Compression: tiff.Deflate}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngChunk(typ string, data []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	return b.Bytes()
}

func ihdr(w, h uint32, depth, colorType, interlace byte) []byte {
	d := make([]byte, 13)
	binary.BigEndian.PutUint32(d[0:], w)
	binary.BigEndian.PutUint32(d[4:], h)
	d[8], d[9], d[12] = depth, colorType, interlace
	return pngChunk("IHDR", d)
}

// interlacedPNG writes an Adam7 RGB PNG by hand; image/png cannot encode one.
func interlacedPNG(w, h int) []byte {
	src := gradient(w, h)
	passes := [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
	var raw bytes.Buffer
	for _, p := range passes {
		if p[0] >= w || p[1] >= h {
			continue
		}
		for y := p[1]; y < h; y += p[3] {
			raw.WriteByte(0)
			for x := p[0]; x < w; x += p[2] {
				c := src.RGBAAt(x, y)
				raw.Write([]byte{c.R, c.G, c.B})
			}
		}
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, ihdr(uint32(w), uint32(h), 8, 2, 1)...)
	out = append(out, pngChunk("IDAT", z.Bytes())...)
	return append(out, pngChunk("IEND", nil)...)
}

// bombPNG is ~100 bytes declaring width×height RGB pixels.
func bombPNG(w, h uint32) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 64))
	zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, ihdr(w, h, 8, 2, 0)...)
	out = append(out, pngChunk("IDAT", z.Bytes())...)
	return append(out, pngChunk("IEND", nil)...)
}

// exifTIFF builds a TIFF structure whose IFD0 holds only Orientation.
func exifTIFF(bigEndian bool, orientation uint16) []byte {
	var bo binary.AppendByteOrder = binary.LittleEndian
	b := []byte("II*\x00")
	if bigEndian {
		bo, b = binary.BigEndian, []byte("MM\x00*")
	}
	b = bo.AppendUint32(b, 8)
	b = bo.AppendUint16(b, 2)
	// An unrelated tag first, so the parser has to walk the IFD.
	b = bo.AppendUint16(b, 0x010F) // Make
	b = bo.AppendUint16(b, 2)
	b = bo.AppendUint32(b, 4)
	b = append(b, 'G', 'o', 0, 0)
	b = bo.AppendUint16(b, 0x0112)
	b = bo.AppendUint16(b, 3)
	b = bo.AppendUint32(b, 1)
	b = bo.AppendUint16(b, orientation)
	b = bo.AppendUint16(b, 0)
	return bo.AppendUint32(b, 0)
}

// withEXIF inserts an APP1 EXIF segment right after SOI.
func withEXIF(jpg []byte, bigEndian bool, orientation uint16) []byte {
	payload := append([]byte("Exif\x00\x00"), exifTIFF(bigEndian, orientation)...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// webpWithEXIF wraps a lossless 1×1 bitstream in VP8X with an EXIF chunk.
func webpWithEXIF(t testing.TB, orientation uint16) []byte {
	simple := b64(t, webpLossless)
	vp8l := simple[12:] // "VP8L" chunk with header
	vp8x := []byte("VP8X\x0a\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	exif := append([]byte("Exif\x00\x00"), exifTIFF(false, orientation)...)
	ex := []byte("EXIF")
	ex = binary.LittleEndian.AppendUint32(ex, uint32(len(exif)))
	ex = append(ex, exif...)
	if len(exif)%2 == 1 {
		ex = append(ex, 0)
	}
	body := append([]byte("WEBP"), vp8x...)
	body = append(body, vp8l...)
	body = append(body, ex...)
	out := []byte("RIFF")
	out = binary.LittleEndian.AppendUint32(out, uint32(len(body)))
	return append(out, body...)
}
