package exhibit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/jpeg"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

func readJPEGFixtures(t testing.TB) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob("testdata/jpeg/*.jpg")
	if err != nil || len(names) < 12 {
		t.Fatalf("JPEG fixtures: %v (%d)", err, len(names))
	}
	out := map[string][]byte{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(n)] = b
	}
	return out
}

// TestJPEGScanCheckKinds: every sequential kind is read to its end without
// complaint (restart markers, 4:4:4 and 4:2:2, one and four components,
// one component per scan); progressive and arithmetic-coded files are
// handed to a full decode.
func TestJPEGScanCheckKinds(t *testing.T) {
	full := map[string]bool{"prog2.jpg": true, "arith.jpg": true}
	fixtures := readJPEGFixtures(t)
	fixtures["go-photo.jpg"] = encJPEG(t, 640, 480)
	for name, b := range fixtures {
		err := jpegScanCheck(b)
		switch {
		case full[name] && err != errFullDecode:
			t.Errorf("%s: %v, want a full decode", name, err)
		case !full[name] && err != nil:
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestJPEGScanCheckFlippedBits (issue 10): single bits flipped in the image
// data of every sequential kind. Whatever Go's decoder refuses, the check
// refuses too, with an offset inside the file no earlier than the code
// the flipped bit is in (a code is at most 16 bits); what
// it accepts decodes. And it never panics.
func TestJPEGScanCheckFlippedBits(t *testing.T) {
	rng := rand.New(rand.NewSource(10))
	caught, passed := 0, 0
	for name, orig := range readJPEGFixtures(t) {
		if name == "prog2.jpg" || name == "arith.jpg" {
			continue
		}
		if _, err := jpeg.Decode(bytes.NewReader(orig)); err != nil {
			// Go's decoder refuses nonint-rst.jpg (libjpeg reads it): it
			// is no yardstick there.
			continue
		}
		sos := bytes.LastIndex(orig, []byte{0xFF, 0xDA})
		for i := 0; i < 60; i++ {
			b := bytes.Clone(orig)
			pos := sos + 14 + rng.Intn(len(b)-sos-16)
			b[pos] ^= 1 << rng.Intn(8)
			if jpegComplete(b) != nil {
				continue // a marker made or broken: the structure check's case
			}
			err := jpegScanCheck(b)
			_, derr := jpeg.Decode(bytes.NewReader(b))
			var at *DamagedAtError
			switch {
			case err == nil && derr != nil:
				t.Errorf("%s, bit flipped at %d: check passed, decode failed: %v", name, pos, derr)
			case err != nil && !errors.As(err, &at):
				t.Errorf("%s, bit flipped at %d: %v, want a DamagedAtError", name, pos, err)
			case err != nil && (at.Offset < int64(pos)-2 || at.Offset > int64(len(b))):
				t.Errorf("%s, bit flipped at %d: damaged at %d", name, pos, at.Offset)
			}
			if err != nil {
				caught++
			} else {
				passed++
			}
		}
	}
	if caught == 0 || passed == 0 {
		t.Errorf("caught %d, passed %d: a flipped bit is sometimes harmless and sometimes not", caught, passed)
	}
	t.Logf("damaged data found in %d, harmless flips %d", caught, passed)
}

// TestForPDFFlippedJPEG: ForPDF refuses a JPEG with damaged image data
// (which it used to pass through by structure alone) and says where.
func TestForPDFFlippedJPEG(t *testing.T) {
	orig := encJPEG(t, 320, 240)
	sos := bytes.LastIndex(orig, []byte{0xFF, 0xDA})
	for pos := sos + 20; pos < len(orig)-4; pos += 7 {
		b := bytes.Clone(orig)
		b[pos] ^= 0x10
		if jpegScanCheck(b) == nil || jpegComplete(b) != nil {
			continue
		}
		_, _, _, err := ForPDF(bytes.NewReader(b), 40e6)
		var at *DamagedAtError
		if !errors.As(err, &at) || !errors.Is(err, ErrCannotDecode) {
			t.Fatalf("flip at %d: ForPDF = %v, want damaged at a byte", pos, err)
		}
		return
	}
	t.Fatal("no flip made the data unreadable")
}

func FuzzJPEGScanCheck(f *testing.F) {
	for _, b := range readJPEGFixtures(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if jpegComplete(b) != nil {
			return
		}
		err := jpegScanCheck(b)
		var at *DamagedAtError
		if err != nil && err != errFullDecode && (!errors.As(err, &at) || at.Offset < 0 || at.Offset > int64(len(b))) {
			t.Fatalf("jpegScanCheck = %v", err)
		}
	})
}

// noisyPhoto is a phone-photo-like JPEG (noise over gradients, the kind of
// picture scripts/bench-export.sh exports): its image data is dense, as a
// real photo's is, unlike a smooth gradient's.
func noisyPhoto(t testing.TB, w, h int, seed uint32) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	s := seed
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s = s*1664525 + 1013904223
			n := uint8(s >> 27)
			i := m.PixOffset(x, y)
			m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = uint8(200-x*80/w)+n, uint8(190-y*60/h)+n, 170+n, 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 88}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkJPEGScanCheck: the check runs on every JPEG exhibit of every
// export (issue 10's goal: an export no slower than img2pdf).
func BenchmarkJPEGScanCheck(b *testing.B) {
	photo := noisyPhoto(b, 1200, 900, 1)
	b.SetBytes(int64(len(photo)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := jpegScanCheck(photo); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJPEGDecodeTmp(b *testing.B) {
	photo := noisyPhoto(b, 1200, 900, 1)
	b.SetBytes(int64(len(photo)))
	for i := 0; i < b.N; i++ {
		if _, err := jpeg.Decode(bytes.NewReader(photo)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestJPEGScanCheckDataEndsEarly: a frame header that promises far more
// blocks than the data holds (here 65535×65535 over a 64×48 picture's
// data) is damaged where the data ends, found there and not after reading
// four billion blocks of the zero bits past the marker — wherever the
// edge of the reader's window falls (a fuzzer found that an overrun
// across that edge once went unseen).
func TestJPEGScanCheckDataEndsEarly(t *testing.T) {
	b := encJPEG(t, 64, 48)
	sof := bytes.Index(b, []byte{0xFF, 0xC0})
	if sof < 0 {
		t.Fatal("no SOF0")
	}
	binary.BigEndian.PutUint16(b[sof+5:], 65535) // height
	binary.BigEndian.PutUint16(b[sof+7:], 65535) // width
	eoi := len(b) - 2
	defer func(n int) { scanBufSize = n }(scanBufSize)
	for _, size := range append([]int{scanBufSize}, rangeInts(16, 200)...) {
		scanBufSize = size
		err := jpegScanCheck(b)
		var at *DamagedAtError
		if !errors.As(err, &at) || at.Offset != int64(eoi) {
			t.Fatalf("window of %d bytes: jpegScanCheck = %v, want damaged at the end marker (byte %d)", size, err, eoi)
		}
	}
}

// TestJPEGScanCheckWindows: every sequential kind reads the same with the
// reader's window edge anywhere.
func TestJPEGScanCheckWindows(t *testing.T) {
	defer func(n int) { scanBufSize = n }(scanBufSize)
	for name, b := range readJPEGFixtures(t) {
		want := jpegScanCheck(b)
		for _, size := range []int{16, 17, 23, 64, 100, 129, 1000} {
			scanBufSize = size
			if got := jpegScanCheck(b); got != want {
				t.Errorf("%s, window of %d bytes: %v, with the usual window %v", name, size, got, want)
			}
		}
		scanBufSize = 16 << 10
	}
}

func rangeInts(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}
