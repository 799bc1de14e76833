package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

const testCase = `{"format":"leakdesk-case","title":"张三 被冒名贷款","id_number":"110101199003078888"}`

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func entries(data ...[]byte) []Entry {
	var es []Entry
	for i, d := range data {
		es = append(es, Entry{
			Name: fmt.Sprintf("evidence/%04d", i+1), Size: int64(len(d)), SHA256: sha(d),
			Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(d)), nil },
		})
	}
	return es
}

// evidenceData spans several age chunks so cuts can land between them.
func evidenceData() [][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	big := make([]byte, 3*chunkSize+1234)
	for i := range big {
		big[i] = byte(rng.Uint32())
	}
	return [][]byte{[]byte("CANARY-screenshot-bytes"), {}, big}
}

type keys struct {
	id  Identity
	rcp Recipient
}

func newKeys(t testing.TB) keys {
	t.Helper()
	sk, pk, err := GenerateIdentity()
	if err != nil {
		t.Fatal(err)
	}
	id, err := X25519Identity(sk)
	if err != nil {
		t.Fatal(err)
	}
	rcp, err := X25519Recipient(pk)
	if err != nil {
		t.Fatal(err)
	}
	return keys{id, rcp}
}

func write(t testing.TB, rcp Recipient, data ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, rcp, strings.NewReader(testCase), entries(data...)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// limits puts the spool under a test directory so leftovers are visible.
func limits(t testing.TB) Limits {
	return Limits{TempDir: t.TempDir()}
}

func assertEmpty(t testing.TB, dir string) {
	t.Helper()
	left, _ := os.ReadDir(dir)
	if len(left) != 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}

func checkContents(t *testing.T, c *Contents, data [][]byte) {
	t.Helper()
	rc, _ := c.CaseJSON()
	cj, _ := io.ReadAll(rc)
	if string(cj) != testCase {
		t.Fatalf("case JSON: %q", cj)
	}
	if len(c.Manifest.Evidence) != len(data) {
		t.Fatalf("manifest: %+v", c.Manifest)
	}
	for i, d := range data {
		name := fmt.Sprintf("evidence/%04d", i+1)
		r, err := c.Evidence(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		r.Close()
		if err != nil || !bytes.Equal(got, d) {
			t.Fatalf("%s: %d bytes, %v", name, len(got), err)
		}
		if c.Manifest.Evidence[i].SHA256 != sha(d) {
			t.Fatalf("%s: manifest hash", name)
		}
	}
}

func TestRoundTripX25519(t *testing.T) {
	k := newKeys(t)
	data := evidenceData()
	file := write(t, k.rcp, data...)
	lim := limits(t)
	c, err := Read(bytes.NewReader(file), k.id, lim)
	if err != nil {
		t.Fatal(err)
	}
	checkContents(t, c, data)

	// The spool is private and holds no plaintext.
	st, err := os.Stat(c.dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("spool dir: %v %v", st.Mode(), err)
	}
	files, _ := os.ReadDir(c.dir)
	if len(files) != len(data) {
		t.Fatalf("spool holds %d files", len(files))
	}
	for _, f := range files {
		p := filepath.Join(c.dir, f.Name())
		st, _ := os.Stat(p)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v", p, st.Mode())
		}
		raw, _ := os.ReadFile(p)
		if bytes.Contains(raw, []byte("CANARY")) || bytes.Contains(raw, data[2][:64]) {
			t.Errorf("%s holds plaintext", p)
		}
	}
	if _, err := c.Evidence("evidence/9999"); err == nil {
		t.Error("unknown entry opened")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	assertEmpty(t, lim.TempDir)
	if _, err := c.Evidence("evidence/0001"); err == nil {
		t.Error("entry readable after Close")
	}
}

func TestRoundTripPassphrase(t *testing.T) {
	rcp, err := passphraseRecipient("同事 约好的 口令 2024", 10)
	if err != nil {
		t.Fatal(err)
	}
	data := evidenceData()[:2]
	file := write(t, rcp, data...)
	id, _ := PassphraseIdentity("同事 约好的 口令 2024")
	c, err := Read(bytes.NewReader(file), id, limits(t))
	if err != nil {
		t.Fatal(err)
	}
	checkContents(t, c, data)
	c.Close()

	wrong, _ := PassphraseIdentity("wrong")
	if _, err := Read(bytes.NewReader(file), wrong, limits(t)); !errors.Is(err, ErrWrongKey) {
		t.Errorf("wrong passphrase: %v", err)
	}
	if _, err := Read(bytes.NewReader(file), newKeys(t).id, limits(t)); !errors.Is(err, ErrWrongKey) {
		t.Errorf("X25519 key on a passphrase file: %v", err)
	}
	// A file demanding more scrypt work than the identity allows is refused
	// before the work is done.
	capped, _ := PassphraseIdentity("同事 约好的 口令 2024")
	capped.ids[0].(*age.ScryptIdentity).SetMaxWorkFactor(9)
	if _, err := Read(bytes.NewReader(file), capped, limits(t)); err == nil {
		t.Error("work factor above the cap accepted")
	}
	if _, err := PassphraseRecipient(""); err == nil {
		t.Error("empty passphrase accepted")
	}
}

func TestWrongKey(t *testing.T) {
	file := write(t, newKeys(t).rcp, []byte("x"))
	lim := limits(t)
	if _, err := Read(bytes.NewReader(file), newKeys(t).id, lim); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("got %v", err)
	}
	pid, _ := PassphraseIdentity("x")
	if _, err := Read(bytes.NewReader(file), pid, lim); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("passphrase on a key file: %v", err)
	}
	assertEmpty(t, lim.TempDir)
}

func TestKeyParsing(t *testing.T) {
	if _, err := X25519Recipient("age1notakey"); err == nil {
		t.Error("bad public key accepted")
	}
	if _, err := X25519Identity("AGE-SECRET-KEY-1NOPE"); err == nil {
		t.Error("bad secret key accepted")
	}
	sk, pk, _ := GenerateIdentity()
	if !strings.HasPrefix(pk, "age1") || !strings.HasPrefix(sk, "AGE-SECRET-KEY-1") {
		t.Errorf("%q %q", pk, sk[:16])
	}
	if _, err := X25519Recipient(" " + pk + "\n"); err != nil {
		t.Errorf("pasted key with whitespace: %v", err)
	}
}

// Every byte of a small bundle, and a sample across a multi-chunk one,
// is covered by authentication: any change is refused and nothing is left
// on disk.
func TestFlippedByte(t *testing.T) {
	k := newKeys(t)
	lim := limits(t)
	small := write(t, k.rcp, []byte("evidence one"), []byte("evidence two"))
	for i := range small {
		b := bytes.Clone(small)
		b[i] ^= 1 << (i % 8)
		if c, err := Read(bytes.NewReader(b), k.id, lim); err == nil {
			c.Close()
			t.Fatalf("byte %d: changed file accepted", i)
		}
	}
	big := write(t, k.rcp, evidenceData()...)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		i := rng.IntN(len(big))
		b := bytes.Clone(big)
		b[i] ^= byte(1 + rng.IntN(255))
		c, err := Read(bytes.NewReader(b), k.id, lim)
		if err == nil {
			c.Close()
			t.Fatalf("byte %d: changed file accepted", i)
		}
		if i > 200 && !errors.Is(err, ErrTampered) && !errors.Is(err, ErrWrongKey) {
			t.Fatalf("byte %d: %v", i, err)
		}
	}
	assertEmpty(t, lim.TempDir)
}

// payloadStart is where age's first chunk begins (after header and nonce).
func payloadStart(t *testing.T, file []byte) int {
	t.Helper()
	i := bytes.Index(file, []byte("\n--- "))
	j := bytes.IndexByte(file[i+1:], '\n')
	return i + 1 + j + 1 + 16
}

func TestTruncated(t *testing.T) {
	k := newKeys(t)
	lim := limits(t)
	file := write(t, k.rcp, evidenceData()...)
	p := payloadStart(t, file)
	enc := chunkSize + 16
	for _, c := range []struct {
		at   int
		want error // nil: ErrTruncated or ErrTampered
	}{
		{0, ErrTruncated},
		{10, ErrTruncated},
		{p - 30, nil},
		{p - 16, nil},
		{p, ErrTruncated},
		{p + 100, nil}, // inside the first and only-so-far chunk: age cannot tell
		{p + enc, ErrTruncated},
		{p + enc + 5000, ErrTruncated},
		{p + 2*enc, ErrTruncated},
		{p + 3*enc, nil},
		{len(file) - 1, nil},
		{len(file) - 17, nil},
	} {
		c2, err := Read(bytes.NewReader(file[:c.at]), k.id, lim)
		switch {
		case err == nil:
			c2.Close()
			t.Errorf("cut at %d of %d: accepted", c.at, len(file))
		case c.want != nil && !errors.Is(err, c.want):
			t.Errorf("cut at %d of %d: %v, want %v", c.at, len(file), err, c.want)
		case !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrTampered):
			t.Errorf("cut at %d of %d: %v", c.at, len(file), err)
		}
	}
	// Bytes after the end are refused too.
	if _, err := Read(bytes.NewReader(append(bytes.Clone(file), 0)), k.id, lim); !errors.Is(err, ErrTampered) {
		t.Errorf("trailing byte: %v", err)
	}
	assertEmpty(t, lim.TempDir)
}

func TestNotABundle(t *testing.T) {
	k := newKeys(t)
	for _, b := range [][]byte{[]byte("PK\x03\x04 a zip file, not ours"), []byte("{\"format\":\"leakdesk-case\"}")} {
		if _, err := Read(bytes.NewReader(b), k.id, limits(t)); !errors.Is(err, ErrNotBundle) {
			t.Errorf("%q: %v", b[:8], err)
		}
	}
	// A valid age file whose content is not our archive.
	if _, err := Read(bytes.NewReader(encrypt(t, k, []byte("hello"))), k.id, limits(t)); !errors.Is(err, ErrNotBundle) {
		t.Errorf("plain age file: %v", err)
	}
}

// The hostile tests build the plaintext by hand and encrypt it properly:
// the sender holds the recipient's public key, so authentication alone
// does not make content trustworthy.

type frame struct {
	name string
	data []byte
	size int64 // -1: len(data)
}

func plain(m any, frames ...frame) []byte {
	var b bytes.Buffer
	b.WriteString(magic)
	mj, ok := m.([]byte)
	if !ok {
		mj, _ = json.Marshal(m)
	}
	frames = append([]frame{{manifestName, mj, -1}}, frames...)
	for _, f := range frames {
		b.Write(binary.BigEndian.AppendUint16(nil, uint16(len(f.name))))
		b.WriteString(f.name)
		size := f.size
		if size < 0 {
			size = int64(len(f.data))
		}
		b.Write(binary.BigEndian.AppendUint64(nil, uint64(size)))
		b.Write(f.data)
	}
	return b.Bytes()
}

func encrypt(t testing.TB, k keys, p []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, k.rcp.r)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(p)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// validPlain returns a correct manifest and frames for two entries, for the
// hostile cases to bend one thing at a time.
func validPlain() (Manifest, []frame) {
	cj := []byte(testCase)
	e1, e2 := []byte("first"), []byte("second")
	m := Manifest{Format: Format, Version: Version,
		Case: EntryInfo{caseName, int64(len(cj)), sha(cj)},
		Evidence: []EntryInfo{
			{"evidence/0001", int64(len(e1)), sha(e1)},
			{"evidence/0002", int64(len(e2)), sha(e2)},
		}}
	return m, []frame{{caseName, cj, -1}, {"evidence/0001", e1, -1}, {"evidence/0002", e2, -1}}
}

func TestHostile(t *testing.T) {
	k := newKeys(t)
	lim := Limits{TempDir: t.TempDir(), MaxEntries: 100, MaxEntry: 1 << 20, MaxTotal: 2 << 20, MaxCaseJSON: 1 << 16}
	type tc struct {
		name string
		mod  func(m *Manifest, f []frame) (any, []frame)
		want error
	}
	rename := func(n string) func(m *Manifest, f []frame) (any, []frame) {
		return func(m *Manifest, f []frame) (any, []frame) {
			m.Evidence[0].Name, f[1].name = n, n
			return m, f
		}
	}
	cases := []tc{
		{"valid", func(m *Manifest, f []frame) (any, []frame) { return m, f }, nil},
		{"dotdot", rename("../../.bashrc"), ErrBadName},
		{"evidence dotdot", rename("evidence/../../x"), ErrBadName},
		{"absolute", rename("/etc/passwd"), ErrBadName},
		{"windows", rename(`C:\evidence\0001`), ErrBadName},
		{"short number", rename("evidence/1"), ErrBadName},
		{"nul", rename("evidence/0001\x00"), ErrBadName},
		{"case renamed", func(m *Manifest, f []frame) (any, []frame) {
			m.Case.Name, f[0].name = "../case.json", "../case.json"
			return m, f
		}, ErrBadName},
		{"duplicate", func(m *Manifest, f []frame) (any, []frame) {
			m.Evidence[1] = m.Evidence[0]
			f[2] = f[1]
			return m, f
		}, ErrBadName},
		{"frame name differs", func(m *Manifest, f []frame) (any, []frame) {
			f[1].name = "evidence/0009"
			return m, f
		}, ErrBadName},
		{"frames reordered", func(m *Manifest, f []frame) (any, []frame) {
			f[1], f[2] = f[2], f[1]
			return m, f
		}, ErrBadName},
		{"extra entry", func(m *Manifest, f []frame) (any, []frame) {
			return m, append(f, frame{"evidence/0003", []byte("smuggled"), -1})
		}, ErrBadName},
		{"missing entry", func(m *Manifest, f []frame) (any, []frame) { return m, f[:2] }, ErrTampered},
		{"frame size lies", func(m *Manifest, f []frame) (any, []frame) {
			f[1].size = 3
			return m, f
		}, ErrTampered},
		{"manifest size lies", func(m *Manifest, f []frame) (any, []frame) {
			m.Evidence[0].Size, f[1].size = 4, 4
			return m, f
		}, ErrTampered},
		{"manifest size too big", func(m *Manifest, f []frame) (any, []frame) {
			m.Evidence[1].Size, f[2].size = 100, 100
			return m, f
		}, ErrTampered},
		{"hash", func(m *Manifest, f []frame) (any, []frame) {
			f[1].data = []byte("FIRST")
			return m, f
		}, ErrTampered},
		{"case hash", func(m *Manifest, f []frame) (any, []frame) {
			m.Case.SHA256 = sha([]byte("other"))
			return m, f
		}, ErrTampered},
		{"uppercase hash", func(m *Manifest, f []frame) (any, []frame) {
			m.Evidence[0].SHA256 = strings.ToUpper(m.Evidence[0].SHA256)
			return m, f
		}, ErrTampered},
		{"negative size", func(m *Manifest, f []frame) (any, []frame) {
			m.Evidence[0].Size = -1
			return m, f
		}, ErrTampered},
		{"huge entry", func(m *Manifest, f []frame) (any, []frame) {
			m.Evidence[0].Size, f[1].size = 1<<40, 1<<40
			return m, f
		}, ErrTooLarge},
		{"huge case", func(m *Manifest, f []frame) (any, []frame) {
			m.Case.Size = 1 << 30
			return m, f
		}, ErrTooLarge},
		{"total", func(m *Manifest, f []frame) (any, []frame) {
			for i := 3; len(m.Evidence) < 4; i++ {
				m.Evidence = append(m.Evidence, EntryInfo{fmt.Sprintf("evidence/%04d", i), 1 << 20, sha(nil)})
			}
			return m, f
		}, ErrTooLarge},
		{"too many", func(m *Manifest, f []frame) (any, []frame) {
			for i := 3; len(m.Evidence) <= 100; i++ {
				m.Evidence = append(m.Evidence, EntryInfo{fmt.Sprintf("evidence/%04d", i), 0, sha(nil)})
			}
			return m, f
		}, ErrTooLarge},
		{"frame declares 2^62+1", func(m *Manifest, f []frame) (any, []frame) {
			f[1].size = 1<<62 + 1
			return m, f
		}, ErrTooLarge},
		{"format", func(m *Manifest, f []frame) (any, []frame) {
			m.Format = "tar"
			return m, f
		}, ErrNotBundle},
		{"newer", func(m *Manifest, f []frame) (any, []frame) {
			m.Version = 2
			return m, f
		}, ErrVersion},
		{"unknown field", func(m *Manifest, f []frame) (any, []frame) {
			j, _ := json.Marshal(m)
			return append(j[:len(j)-1], []byte(`,"links":["/etc"]}`)...), f
		}, ErrTampered},
		{"two manifests", func(m *Manifest, f []frame) (any, []frame) {
			j, _ := json.Marshal(m)
			return append(j, j...), f
		}, ErrTampered},
		{"not json", func(m *Manifest, f []frame) (any, []frame) { return []byte("\x00\xff"), f }, ErrTampered},
		{"empty name", func(m *Manifest, f []frame) (any, []frame) {
			f[1].name = ""
			return m, f
		}, ErrBadName},
		{"long name", func(m *Manifest, f []frame) (any, []frame) {
			f[1].name = strings.Repeat("a", 65000)
			return m, f
		}, ErrBadName},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, f := validPlain()
			mm, ff := c.mod(&m, f)
			c2, err := Read(bytes.NewReader(encrypt(t, k, plain(mm, ff...))), k.id, lim)
			if c.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				c2.Close()
				return
			}
			if err == nil {
				c2.Close()
				t.Fatal("accepted")
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			assertEmpty(t, lim.TempDir)
		})
	}

	// A manifest frame larger than any allowed manifest is refused before
	// it is read into memory.
	huge := []byte(magic + "\x00\x0dmanifest.json\x00\x00\x00\x01\x00\x00\x00\x00")
	if _, err := Read(bytes.NewReader(encrypt(t, k, huge)), k.id, lim); !errors.Is(err, ErrTooLarge) {
		t.Errorf("huge manifest: %v", err)
	}
	// Wrong archive magic inside a valid age file.
	if _, err := Read(bytes.NewReader(encrypt(t, k, []byte("LDBUNDL\x02rest"))), k.id, lim); !errors.Is(err, ErrNotBundle) {
		t.Errorf("magic: %v", err)
	}
}

func TestWriteRefuses(t *testing.T) {
	k := newKeys(t)
	good := entries([]byte("abc"))
	for name, es := range map[string][]Entry{
		"name":      {{Name: "photo.jpg", Size: 3, SHA256: good[0].SHA256, Open: good[0].Open}},
		"duplicate": {good[0], good[0]},
		"bad hash":  {{Name: "evidence/0001", Size: 3, SHA256: "abc", Open: good[0].Open}},
	} {
		if err := Write(io.Discard, k.rcp, strings.NewReader(testCase), es); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// The store's copy no longer matches its record: the export fails and
	// what was written is not a readable bundle.
	for name, e := range map[string]Entry{
		"changed": {Name: "evidence/0001", Size: 3, SHA256: sha([]byte("abd")), Open: good[0].Open},
		"shorter": {Name: "evidence/0001", Size: 4, SHA256: sha([]byte("abc")), Open: good[0].Open},
		"longer":  {Name: "evidence/0001", Size: 2, SHA256: sha([]byte("ab")), Open: good[0].Open},
	} {
		var buf bytes.Buffer
		err := Write(&buf, k.rcp, strings.NewReader(testCase), []Entry{e})
		if !errors.Is(err, ErrTampered) {
			t.Errorf("%s: %v", name, err)
		}
		if _, err := Read(bytes.NewReader(buf.Bytes()), k.id, limits(t)); err == nil {
			t.Errorf("%s: partial output readable", name)
		}
	}
	if err := Write(io.Discard, Recipient{}, strings.NewReader(testCase), nil); err == nil {
		t.Error("no recipient accepted")
	}
}

func TestEmptyBundle(t *testing.T) {
	k := newKeys(t)
	c, err := Read(bytes.NewReader(write(t, k.rcp)), k.id, limits(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	checkContents(t, c, nil)
}

func BenchmarkRoundTrip8MiB(b *testing.B) {
	k := newKeys(b)
	data := make([]byte, 8<<20)
	lim := Limits{TempDir: b.TempDir()}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, k.rcp, strings.NewReader(testCase), entries(data)); err != nil {
			b.Fatal(err)
		}
		c, err := Read(&buf, k.id, lim)
		if err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
}
