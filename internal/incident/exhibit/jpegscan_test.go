package exhibit

import (
	"bytes"
	"errors"
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
