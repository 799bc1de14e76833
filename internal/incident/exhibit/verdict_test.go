package exhibit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

func hexSHA(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// flippedJPEG is a JPEG whose structure is whole but whose image data a
// flipped bit has made unreadable (ForPDF refuses it).
func flippedJPEG(t *testing.T) []byte {
	t.Helper()
	orig := encJPEG(t, 320, 240)
	sos := bytes.LastIndex(orig, []byte{0xFF, 0xDA})
	for pos := sos + 20; pos < len(orig)-4; pos += 7 {
		b := bytes.Clone(orig)
		b[pos] ^= 0x10
		if jpegComplete(b) == nil && jpegScanCheck(b) != nil {
			return b
		}
	}
	t.Fatal("no flip made the data unreadable")
	return nil
}

// TestIntactVerdict: a verdict is given exactly to the files ForPDF
// passes through as they are, and names their hash.
func TestIntactVerdict(t *testing.T) {
	fixtures := readJPEGFixtures(t)
	photo := encJPEG(t, 640, 480)
	cases := []struct {
		name string
		b    []byte
		want bool
	}{
		{"baseline", photo, true},
		{"progressive (decoded in full)", fixtures["prog2.jpg"], true},
		{"restart markers", fixtures["rst3-444.jpg"], true},
		{"cmyk", fixtures["cmyk.jpg"], true},
		{"arithmetic-coded (Go cannot decode it)", fixtures["arith.jpg"], false},
		{"cut short", photo[:len(photo)*2/3], false},
		{"flipped bit in the image data", flippedJPEG(t), false},
		{"png", encPNG(t, gradient(40, 30)), false},
		{"text", []byte("not really a photo"), false},
		{"empty", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sum := hexSHA(c.b)
			v := IntactVerdict(c.b, sum)
			if got := v != ""; got != c.want {
				t.Fatalf("verdict %q, want one: %v", v, c.want)
			}
			if v == "" {
				return
			}
			if !strings.HasSuffix(v, sum) || !verdictFor(v, sum) || !verdictFor(v, strings.ToUpper(sum)) {
				t.Errorf("verdict %q does not name the hash %s", v, sum)
			}
			// Whatever ForPDF makes of the file, the verdict's path makes
			// the same.
			want, wtyp, winfo, werr := ForPDFBytes(c.b, DefaultPixelBudget)
			got, typ, info, err := ForPDFBytesVerdict(c.b, DefaultPixelBudget, v, sum)
			if err != nil || werr != nil || typ != wtyp || info != winfo || !bytes.Equal(got, want) {
				t.Errorf("with verdict: %s %+v %v; without: %s %+v %v", typ, info, err, wtyp, winfo, werr)
			}
		})
	}
	if IntactVerdict(photo, "") != "" {
		t.Error("a verdict without a hash")
	}
}

// TestVerdictOnlyForItsBytes: a verdict is used only for the bytes whose
// hash it names, from the check it names. The file here is damaged; a
// verdict that applied would pass it through, so every verdict that must
// not apply leaves it refused as ForPDF refuses it.
func TestVerdictOnlyForItsBytes(t *testing.T) {
	bad := flippedJPEG(t)
	good := encJPEG(t, 320, 240)
	badSum, goodSum := hexSHA(bad), hexSHA(good)
	goodVerdict := IntactVerdict(good, goodSum)
	if goodVerdict == "" {
		t.Fatal("no verdict for a whole JPEG")
	}
	for _, c := range []struct {
		name, verdict, sum string
	}{
		{"none", "", badSum},
		{"another file's verdict, with this file's hash", goodVerdict, badSum},
		{"another file's verdict and hash", goodVerdict, goodSum[:63] + "0"},
		{"unknown check", "jpeg-intact-0:" + badSum, badSum},
		{"no check named", badSum, badSum},
		{"hash cut short", jpegIntactV1 + badSum[:40], badSum[:40]},
		{"no hash", jpegIntactV1, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, _, err := ForPDFBytesVerdict(bad, DefaultPixelBudget, c.verdict, c.sum)
			var at *DamagedAtError
			if !errors.As(err, &at) {
				t.Errorf("ForPDFBytesVerdict = %v, want damaged at a byte", err)
			}
		})
	}
	// The control: a verdict for these bytes is trusted (it was computed
	// on them when they were captured), so the check is skipped.
	if _, typ, _, err := ForPDFBytesVerdict(bad, DefaultPixelBudget, jpegIntactV1+badSum, badSum); err != nil || typ != "jpg" {
		t.Errorf("a verdict for these bytes was not used: %s %v", typ, err)
	}
	// The header is read whatever the verdict: the pixel budget holds.
	if _, _, _, err := ForPDFBytesVerdict(good, 100, goodVerdict, goodSum); !errors.Is(err, ErrTooManyPixels) {
		t.Errorf("budget with a verdict: %v", err)
	}
}
