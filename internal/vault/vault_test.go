package vault

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// testParams keeps Argon2 cheap; the cost is irrelevant to correctness.
var testParams = Params{Time: 1, MemoryKiB: 64, Threads: 1}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// RFC 9106 §5.3's Argon2id vector uses a secret key K and associated data
// X, which golang.org/x/crypto/argon2 does not expose (its own test reaches
// them through an unexported function). These vectors come from the
// reference implementation (phc-winner-argon2, src/test.c, version 0x13).
func TestArgon2idKnownAnswer(t *testing.T) {
	for _, v := range []struct {
		t, m uint32
		p    uint8
		want string
	}{
		{2, 1 << 16, 1, "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7"},
		{2, 1 << 8, 1, "9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe"},
		{2, 1 << 8, 2, "6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037"},
		{1, 1 << 16, 1, "f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98"},
		{4, 1 << 16, 1, "9025d48e68ef7395cca9079da4c4ec3affb3c8911fe4f86d1a2520856f63172c"},
	} {
		got := argon2.IDKey([]byte("password"), []byte("somesalt"), v.t, v.m, v.p, 32)
		if !bytes.Equal(got, mustHex(t, v.want)) {
			t.Errorf("t=%d m=%d p=%d: got %x want %s", v.t, v.m, v.p, got, v.want)
		}
	}
}

// draft-irtf-cfrg-xchacha-03, appendix A.3.1.
func TestXChaCha20Poly1305KnownAnswer(t *testing.T) {
	key := mustHex(t, "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
	nonce := mustHex(t, "404142434445464748494a4b4c4d4e4f5051525354555657")
	ad := mustHex(t, "50515253c0c1c2c3c4c5c6c7")
	plain := []byte("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.")
	want := mustHex(t, "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"+
		"731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"+
		"2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"+
		"21f9664c97637da9768812f615c68b13b52e"+"c0875924c1c7987947deafd8780acf49")
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		t.Fatal(err)
	}
	if got := aead.Seal(nil, nonce, plain, ad); !bytes.Equal(got, want) {
		t.Fatalf("seal: got %x", got)
	}
	if got, err := aead.Open(nil, nonce, want, ad); err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("open: %v", err)
	}
}

func newTestVault(t *testing.T) (Header, string, *Vault) {
	t.Helper()
	h, rec, v, err := Create([]byte("correct horse battery staple"), testParams)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(v.Close)
	return h, rec, v
}

func TestCreateUnlock(t *testing.T) {
	h, _, v := newTestVault(t)
	ck, wrapped, err := v.NewCaseKey(7)
	if err != nil {
		t.Fatal(err)
	}
	ad := AD{Table: "cases", Column: "victim_name", CaseID: 7, RowID: 7}
	sealed, err := ck.Seal(ad, []byte("张三"))
	if err != nil {
		t.Fatal(err)
	}
	v.Close()

	v2, err := Unlock(h, []byte("correct horse battery staple"))
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close()
	ck2, err := v2.UnwrapCaseKey(7, wrapped)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ck2.Open(ad, sealed)
	if err != nil || string(got) != "张三" {
		t.Fatalf("open after unlock: %q %v", got, err)
	}
}

func TestPassphraseNormalised(t *testing.T) {
	// "café" composed (U+00E9) and decomposed (e + U+0301).
	h, _, v, err := Create([]byte("caf\u00e9 密码"), testParams)
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	v, err = Unlock(h, []byte("cafe\u0301 密码"))
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
}

func TestWrongPassphrase(t *testing.T) {
	h, _, _ := newTestVault(t)
	for _, p := range []string{"", "correct horse battery stapl", "Correct horse battery staple"} {
		if _, err := Unlock(h, []byte(p)); !errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("%q: got %v", p, err)
		}
	}
}

// Every bit of the stored header matters: a flip either makes the header
// unparsable or makes Unlock and UnlockRecovery fail with their generic
// errors (never a distinct "tampered" answer that could serve as an oracle).
func TestHeaderBitFlips(t *testing.T) {
	h, rec, _ := newTestVault(t)
	pass := []byte("correct horse battery staple")
	raw, err := h.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for i := range len(raw) * 8 {
		b := bytes.Clone(raw)
		b[i/8] ^= 1 << (i % 8)
		hh, err := ParseHeader(b)
		if err != nil {
			if !errors.Is(err, ErrBadHeader) && !errors.Is(err, ErrKDFParams) {
				t.Fatalf("bit %d: parse error %v", i, err)
			}
			continue
		}
		if hh.KDF.MemoryKiB > 1<<12 || hh.KDF.Time > 4 {
			// A flip in a high bit of a cost parameter stays within the caps
			// but would make this test slow; the KDF output changes all the
			// same, which the lower bits already show.
			hh.KDF = Params{Time: 2, MemoryKiB: 64, Threads: 1}
		}
		if v, err := Unlock(hh, pass); !errors.Is(err, ErrWrongPassphrase) {
			if v != nil {
				v.Close()
			}
			t.Fatalf("bit %d: Unlock: %v", i, err)
		}
		if v, err := UnlockRecovery(hh, rec); !errors.Is(err, ErrWrongRecoveryKey) {
			if v != nil {
				v.Close()
			}
			t.Fatalf("bit %d: UnlockRecovery: %v", i, err)
		}
	}
}

func TestHeaderEncoding(t *testing.T) {
	h, _, _ := newTestVault(t)
	raw, err := h.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseHeader(raw)
	if err != nil {
		t.Fatal(err)
	}
	if raw2, _ := back.MarshalBinary(); !bytes.Equal(raw, raw2) {
		t.Fatal("binary round trip differs")
	}
	j, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	var fromJSON Header
	if err := json.Unmarshal(j, &fromJSON); err != nil {
		t.Fatal(err)
	}
	if _, err := Unlock(fromJSON, []byte("correct horse battery staple")); err != nil {
		t.Fatalf("unlock after JSON round trip: %v", err)
	}
	for name, b := range map[string][]byte{
		"empty":     nil,
		"truncated": raw[:len(raw)-1],
		"trailing":  append(bytes.Clone(raw), 0),
		"magic":     append([]byte("XXXX"), raw[4:]...),
	} {
		if _, err := ParseHeader(b); !errors.Is(err, ErrBadHeader) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestKDFCaps(t *testing.T) {
	h, _, _ := newTestVault(t)
	for name, mut := range map[string]func(*Header){
		"memory":      func(h *Header) { h.KDF.MemoryKiB = MaxMemoryKiB + 1 },
		"memory huge": func(h *Header) { h.KDF.MemoryKiB = 1<<32 - 1 },
		"time":        func(h *Header) { h.KDF.Time = MaxTime + 1 },
		"time zero":   func(h *Header) { h.KDF.Time = 0 },
		"threads":     func(h *Header) { h.KDF.Threads = MaxThreads + 1 },
		"threads 0":   func(h *Header) { h.KDF.Threads = 0 },
		"mem/thread":  func(h *Header) { h.KDF.Threads, h.KDF.MemoryKiB = 4, 16 },
		"salt 8":      func(h *Header) { h.Salt = h.Salt[:8] },
		"salt 24":     func(h *Header) { h.Salt = append(bytes.Clone(h.Salt), make([]byte, 8)...) },
	} {
		hh := h
		hh.Salt = bytes.Clone(h.Salt)
		mut(&hh)
		// Unlock refuses before running Argon2 (it would take minutes or
		// gigabytes otherwise, so a pass here is also a timing check).
		if _, err := Unlock(hh, []byte("x")); !errors.Is(err, ErrKDFParams) {
			t.Errorf("%s: Unlock: %v", name, err)
		}
		// The binary parser refuses the same header.
		raw := append(hh.signed(), hh.MAC...)
		if _, err := ParseHeader(raw); !errors.Is(err, ErrKDFParams) {
			t.Errorf("%s: ParseHeader: %v", name, err)
		}
	}
	if _, _, _, err := Create([]byte("x"), Params{Time: 1, MemoryKiB: MaxMemoryKiB * 2, Threads: 1}); !errors.Is(err, ErrKDFParams) {
		t.Errorf("Create over the cap: %v", err)
	}
	if err := DefaultParams().Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

func TestRecovery(t *testing.T) {
	h, rec, v := newTestVault(t)
	if len(strings.Split(rec, "-")) != 8 {
		t.Fatalf("recovery key %q is not 8 groups", rec)
	}
	ck, wrapped, _ := v.NewCaseKey(1)
	ad := AD{Table: "cases", Column: "note", CaseID: 1, RowID: 1}
	sealed, _ := ck.Seal(ad, []byte("note"))

	// Typed sloppily: lower case, spaces instead of dashes, O for 0.
	sloppy := strings.ReplaceAll(strings.ToLower(rec), "-", " ")
	sloppy = strings.ReplaceAll(sloppy, "0", "o")
	rv, err := UnlockRecovery(h, sloppy)
	if err != nil {
		t.Fatal(err)
	}
	defer rv.Close()
	ck2, err := rv.UnwrapCaseKey(1, wrapped)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ck2.Open(ad, sealed); err != nil || string(got) != "note" {
		t.Fatalf("%q %v", got, err)
	}

	// A typo is caught by the checksum without touching the vault.
	typo := []byte(rec)
	if typo[0] == 'A' {
		typo[0] = 'B'
	} else {
		typo[0] = 'A'
	}
	if _, err := UnlockRecovery(h, string(typo)); !errors.Is(err, ErrBadRecoveryKey) {
		t.Errorf("typo: %v", err)
	}
	if _, err := UnlockRecovery(h, "short"); !errors.Is(err, ErrBadRecoveryKey) {
		t.Errorf("short: %v", err)
	}
	// Another vault's (valid) recovery key does not open this one.
	_, other, ov, _ := Create([]byte("p"), testParams)
	ov.Close()
	if _, err := UnlockRecovery(h, other); !errors.Is(err, ErrWrongRecoveryKey) {
		t.Errorf("other vault's key: %v", err)
	}

	// Rotating the recovery key retires the old one.
	h2, rec2, err := rv.NewRecoveryKey(h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := UnlockRecovery(h2, rec); !errors.Is(err, ErrWrongRecoveryKey) {
		t.Errorf("old recovery key after rotation: %v", err)
	}
	v3, err := UnlockRecovery(h2, rec2)
	if err != nil {
		t.Fatal(err)
	}
	v3.Close()
	if v4, err := Unlock(h2, []byte("correct horse battery staple")); err != nil {
		t.Fatalf("passphrase after rotation: %v", err)
	} else {
		v4.Close()
	}
}

func TestChangePassphrase(t *testing.T) {
	h, rec, v := newTestVault(t)
	ck, wrapped, _ := v.NewCaseKey(3)
	ad := AD{Table: "evidence_chunks", Column: "data", CaseID: 3, RowID: 12, Seq: 2}
	sealed, _ := ck.Seal(ad, []byte("chunk bytes"))
	vs, _ := v.Seal(AD{Table: "settings", Column: "identity"}, []byte("AGE-SECRET-KEY-1..."))

	h2, err := v.ChangePassphrase(h, []byte("new passphrase 2"), testParams)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(h2.Salt, h.Salt) {
		t.Error("salt not renewed")
	}
	if _, err := Unlock(h2, []byte("correct horse battery staple")); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("old passphrase still works: %v", err)
	}
	for name, open := range map[string]func() (*Vault, error){
		"new passphrase": func() (*Vault, error) { return Unlock(h2, []byte("new passphrase 2")) },
		"recovery":       func() (*Vault, error) { return UnlockRecovery(h2, rec) },
	} {
		nv, err := open()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ck2, err := nv.UnwrapCaseKey(3, wrapped)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, err := ck2.Open(ad, sealed); err != nil || string(got) != "chunk bytes" {
			t.Fatalf("%s: %q %v", name, got, err)
		}
		if got, err := nv.Open(AD{Table: "settings", Column: "identity"}, vs); err != nil || string(got) != "AGE-SECRET-KEY-1..." {
			t.Fatalf("%s: vault-level value: %q %v", name, got, err)
		}
		nv.Close()
	}

	// Another vault's header is refused rather than re-signed.
	oh, _, ov, _ := Create([]byte("p"), testParams)
	ov.Close()
	if _, err := v.ChangePassphrase(oh, []byte("x"), testParams); !errors.Is(err, ErrBadHeader) {
		t.Errorf("foreign header: %v", err)
	}
}

func TestSealBitFlipsAndSwaps(t *testing.T) {
	_, _, v := newTestVault(t)
	ck, _, _ := v.NewCaseKey(5)
	other, _, _ := v.NewCaseKey(6)
	ad := AD{Table: "cases", Column: "id_number", CaseID: 5, RowID: 5}
	plain := []byte("110101199003078888")
	sealed, err := ck.Seal(ad, plain)
	if err != nil {
		t.Fatal(err)
	}
	if len(sealed) != len(plain)+SealedOverhead {
		t.Errorf("overhead: %d", len(sealed)-len(plain))
	}
	for i := range len(sealed) * 8 {
		b := bytes.Clone(sealed)
		b[i/8] ^= 1 << (i % 8)
		if _, err := ck.Open(ad, b); !errors.Is(err, ErrAuth) {
			t.Fatalf("bit %d: %v", i, err)
		}
	}
	for _, n := range []int{0, 1, SealedOverhead - 1, len(sealed) - 1} {
		if _, err := ck.Open(ad, sealed[:n]); !errors.Is(err, ErrAuth) {
			t.Errorf("truncated to %d: %v", n, err)
		}
	}
	for name, moved := range map[string]AD{
		"row":    {Table: "cases", Column: "id_number", CaseID: 5, RowID: 4},
		"column": {Table: "cases", Column: "phone", CaseID: 5, RowID: 5},
		"table":  {Table: "accounts", Column: "id_number", CaseID: 5, RowID: 5},
		"seq":    {Table: "cases", Column: "id_number", CaseID: 5, RowID: 5, Seq: 1},
		// Length prefixes keep "ab"+"c" apart from "a"+"bc".
		"boundary": {Table: "casesi", Column: "d_number", CaseID: 5, RowID: 5},
	} {
		if _, err := ck.Open(moved, sealed); !errors.Is(err, ErrAuth) {
			t.Errorf("moved to another %s: %v", name, err)
		}
	}
	// Another case: its key refuses the AD, and with the AD rewritten
	// for that case the value does not authenticate.
	if _, err := other.Open(ad, sealed); !errors.Is(err, ErrWrongCase) {
		t.Errorf("other key, same AD: %v", err)
	}
	if _, err := other.Open(AD{Table: "cases", Column: "id_number", CaseID: 6, RowID: 5}, sealed); !errors.Is(err, ErrAuth) {
		t.Errorf("other case: %v", err)
	}
	if _, err := ck.Seal(AD{Table: "cases", Column: "x", CaseID: 6}, plain); !errors.Is(err, ErrWrongCase) {
		t.Errorf("seal for another case: %v", err)
	}
	if _, err := v.Open(AD{Table: "cases", Column: "id_number", RowID: 5}, sealed); !errors.Is(err, ErrAuth) {
		t.Errorf("vault key opened a case value: %v", err)
	}
}

func TestCaseKeyWrapping(t *testing.T) {
	_, _, v := newTestVault(t)
	_, w5, _ := v.NewCaseKey(5)
	if _, err := v.UnwrapCaseKey(6, w5); !errors.Is(err, ErrAuth) {
		t.Errorf("wrapped key moved to another case: %v", err)
	}
	for i := range len(w5) * 8 {
		b := bytes.Clone(w5)
		b[i/8] ^= 1 << (i % 8)
		if _, err := v.UnwrapCaseKey(5, b); !errors.Is(err, ErrAuth) {
			t.Fatalf("bit %d: %v", i, err)
		}
	}
}

func TestNoncesDiffer(t *testing.T) {
	_, _, v := newTestVault(t)
	ck, _, _ := v.NewCaseKey(1)
	ad := AD{Table: "notes", Column: "body", CaseID: 1, RowID: 9}
	a, _ := ck.Seal(ad, []byte("same"))
	b, _ := ck.Seal(ad, []byte("same"))
	if bytes.Equal(a, b) || bytes.Equal(a[1:25], b[1:25]) {
		t.Fatal("two seals share a nonce")
	}
}

func TestCloseDropsKeys(t *testing.T) {
	h, _, v := newTestVault(t)
	ck, _, _ := v.NewCaseKey(1)
	ad := AD{Table: "notes", Column: "body", CaseID: 1, RowID: 1}
	sealed, _ := ck.Seal(ad, []byte("x"))
	raw := ck.key
	v.Close()
	if !bytes.Equal(raw, make([]byte, len(raw))) {
		t.Error("case key bytes not zeroed")
	}
	if _, err := ck.Open(ad, sealed); !errors.Is(err, ErrLocked) {
		t.Errorf("case key after Close: %v", err)
	}
	if _, err := v.Seal(AD{Table: "s", Column: "c"}, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("vault after Close: %v", err)
	}
	if _, _, err := v.NewCaseKey(2); !errors.Is(err, ErrLocked) {
		t.Errorf("NewCaseKey after Close: %v", err)
	}
	if _, err := v.ChangePassphrase(h, []byte("x"), testParams); !errors.Is(err, ErrLocked) {
		t.Errorf("ChangePassphrase after Close: %v", err)
	}
	v.Close() // idempotent
	ck.Destroy()

	_, _, v2 := newTestVault(t)
	k2, _, _ := v2.NewCaseKey(1)
	k2.Destroy()
	if _, err := k2.Seal(ad, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("destroyed key: %v", err)
	}
}

func TestDefaultParamsUnlock(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MiB Argon2id")
	}
	h, _, v, err := Create([]byte("pass"), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	if h.KDF != DefaultParams() || len(h.Salt) != 16 {
		t.Fatalf("header params %+v salt %d", h.KDF, len(h.Salt))
	}
	v, err = Unlock(h, []byte("pass"))
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
}

func BenchmarkUnlockDefault(b *testing.B) {
	h, _, v, err := Create([]byte("pass"), DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	v.Close()
	b.ResetTimer()
	for b.Loop() {
		v, err := Unlock(h, []byte("pass"))
		if err != nil {
			b.Fatal(err)
		}
		v.Close()
	}
}

func BenchmarkSeal1KiB(b *testing.B) {
	_, _, v, _ := Create([]byte("p"), testParams)
	defer v.Close()
	ck, _, _ := v.NewCaseKey(1)
	plain := make([]byte, 1024)
	ad := AD{Table: "notes", Column: "body", CaseID: 1, RowID: 1}
	b.SetBytes(1024)
	for b.Loop() {
		if _, err := ck.Seal(ad, plain); err != nil {
			b.Fatal(err)
		}
	}
}
