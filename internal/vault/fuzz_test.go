package vault

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParseHeader: the header is read from a file an attacker may have
// written. Parsing must not panic, must keep the caps, and must accept
// only canonical encodings (what it accepts re-encodes to the same bytes).
func FuzzParseHeader(f *testing.F) {
	h, _, v, err := Create([]byte("p"), testParams)
	if err != nil {
		f.Fatal(err)
	}
	v.Close()
	raw, _ := h.MarshalBinary()
	f.Add(raw)
	f.Add(raw[:20])
	f.Add([]byte(headerMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ParseHeader(b)
		if err != nil {
			return
		}
		if h.KDF.Validate() != nil {
			t.Fatalf("params over the caps accepted: %+v", h.KDF)
		}
		again, err := h.MarshalBinary()
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("non-canonical header accepted: %v", err)
		}
	})
}

// FuzzParseRecovery: whatever the user types, parsing must not panic, and
// an accepted key must print back as the same key.
func FuzzParseRecovery(f *testing.F) {
	secret, _ := newRecoverySecret()
	f.Add(formatRecovery(secret))
	f.Add("0000-0000-0000-0000-0000-0000-0000-0000")
	f.Add("oooo iiii llll")
	f.Fuzz(func(t *testing.T, s string) {
		secret, err := parseRecovery(s)
		if err != nil {
			return
		}
		back, err := parseRecovery(formatRecovery(secret))
		if err != nil || !bytes.Equal(back, secret) {
			t.Fatalf("%q does not round-trip: %v", s, err)
		}
		if len(strings.Split(formatRecovery(secret), "-")) != recoveryGroups {
			t.Fatal("bad grouping")
		}
	})
}
