package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// fuzzSeeds are archive plaintexts: a valid one and the hostile shapes
// from TestHostile, for the mutator to start from.
func fuzzSeeds() [][]byte {
	m, f := validPlain()
	seeds := [][]byte{plain(m, f...), plain(m, f[:2]...), {}, []byte(magic)}
	m2, f2 := validPlain()
	m2.Evidence[0].Name, f2[1].name = "../x", "../x"
	seeds = append(seeds, plain(m2, f2...))
	m3, f3 := validPlain()
	m3.Evidence[1] = m3.Evidence[0]
	seeds = append(seeds, plain(m3, f3...))
	m4, f4 := validPlain()
	seeds = append(seeds, plain(m4, append(f4, frame{"evidence/0003", []byte("x"), -1})...))
	m5, f5 := validPlain()
	m5.Evidence = nil
	seeds = append(seeds, plain(m5, f5[:1]...))
	return seeds
}

// FuzzRead feeds arbitrary archive plaintext, properly encrypted, to Read:
// what a sender holding our public key could craft. Read must not panic,
// must stay within its limits, must leave no temporary files on failure,
// and on success must return exactly what the manifest promises.
func FuzzRead(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	k := newKeys(f)
	tmp := f.TempDir()
	lim := Limits{TempDir: tmp, MaxEntries: 8, MaxEntry: 1 << 16, MaxTotal: 1 << 17, MaxCaseJSON: 1 << 14}
	f.Fuzz(func(t *testing.T, p []byte) {
		c, err := Read(bytes.NewReader(encrypt(t, k, p)), k.id, lim)
		if err != nil {
			for _, e := range []error{ErrTampered, ErrTooLarge, ErrBadName, ErrNotBundle, ErrVersion} {
				if errors.Is(err, e) {
					assertEmpty(t, tmp)
					return
				}
			}
			t.Fatalf("unclassified error: %v", err)
		}
		defer func() {
			c.Close()
			assertEmpty(t, tmp)
		}()
		verifyContents(t, c, lim)
	})
}

// FuzzReadFile mutates whole encrypted files: mostly age's header parser
// and authentication, which must refuse everything but the seeds.
func FuzzReadFile(f *testing.F) {
	k := newKeys(f)
	var valid [][]byte
	for _, s := range fuzzSeeds()[:2] {
		b := encrypt(f, k, s)
		valid = append(valid, b)
		f.Add(b)
	}
	f.Add([]byte("age-encryption.org/v1\n-> X25519 AAAA\nAAAA\n--- AAAA\n"))
	tmp := f.TempDir()
	lim := Limits{TempDir: tmp, MaxEntries: 8, MaxEntry: 1 << 16, MaxTotal: 1 << 17}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Read(bytes.NewReader(b), k.id, lim)
		if err != nil {
			assertEmpty(t, tmp)
			return
		}
		defer func() {
			c.Close()
			assertEmpty(t, tmp)
		}()
		for _, v := range valid {
			if bytes.Equal(b, v) {
				verifyContents(t, c, lim)
				return
			}
		}
		t.Fatalf("a changed file was accepted (%d bytes)", len(b))
	})
}

func verifyContents(t *testing.T, c *Contents, lim Limits) {
	t.Helper()
	m := c.Manifest
	if m.Format != Format || m.Version != Version || m.Case.Name != caseName || len(m.Evidence) > lim.MaxEntries {
		t.Fatalf("manifest accepted: %+v", m)
	}
	rc, err := c.CaseJSON()
	if err != nil {
		t.Fatal(err)
	}
	checkReader(t, rc, m.Case)
	seen := map[string]bool{}
	total := m.Case.Size
	for _, e := range m.Evidence {
		if !evidenceName(e.Name) || seen[e.Name] || strings.Contains(e.Name, "..") {
			t.Fatalf("name accepted: %q", e.Name)
		}
		seen[e.Name] = true
		total += e.Size
		r, err := c.Evidence(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		checkReader(t, r, e)
	}
	if total > lim.MaxTotal {
		t.Fatalf("total %d over limit", total)
	}
	files, _ := os.ReadDir(c.dir)
	if len(files) != len(m.Evidence) {
		t.Fatalf("%d spool files for %d entries", len(files), len(m.Evidence))
	}
}

func checkReader(t *testing.T, r io.ReadCloser, e EntryInfo) {
	t.Helper()
	defer r.Close()
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil || n != e.Size || hex.EncodeToString(h.Sum(nil)) != e.SHA256 {
		t.Fatalf("%s: %d bytes (manifest %d), %v", e.Name, n, e.Size, err)
	}
}
