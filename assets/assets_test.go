package assets

import (
	"bytes"
	"strings"
	"testing"
)

func TestCJKFontIsPlainTrueType(t *testing.T) {
	b := CJKFont()
	if len(b) < 1<<20 {
		t.Fatalf("font is %d bytes; expected the full face", len(b))
	}
	// 0x00010000 is a TrueType outline font; "ttcf" would be a collection,
	// which gofpdf and Fyne reject.
	if !bytes.Equal(b[:4], []byte{0, 1, 0, 0}) {
		t.Fatalf("font starts with %q; want a plain TrueType face", b[:4])
	}
}

func TestFontLicence(t *testing.T) {
	l := FontLicence()
	for _, want := range []string{"WenQuanYi", "Apache", "GPL-3+ with Font exception"} {
		if !strings.Contains(l, want) {
			t.Errorf("licence text lacks %q", want)
		}
	}
}
