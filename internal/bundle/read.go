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
	"os"
	"path/filepath"

	"filippo.io/age"
)

// Contents is a bundle that has been read and verified in full. Its entries
// wait in a private temporary directory, encrypted under a key that exists
// only in this value, so a crash before Close leaves nothing readable.
type Contents struct {
	Manifest Manifest

	caseJSON []byte
	dir      string
	spool    *age.X25519Identity
	files    map[string]string // evidence name → spool file
}

// CaseJSON returns the case file.
func (c *Contents) CaseJSON() (io.ReadCloser, error) {
	if c.files == nil {
		return nil, errors.New("bundle: contents closed")
	}
	return io.NopCloser(bytes.NewReader(c.caseJSON)), nil
}

// Evidence returns the bytes of the named entry (a name from
// Manifest.Evidence). Read it to EOF: the spool file is authenticated as it
// is read, and only a read that reaches EOF has seen all of it.
func (c *Contents) Evidence(name string) (io.ReadCloser, error) {
	path, ok := c.files[name]
	if !ok {
		return nil, fmt.Errorf("bundle: no evidence entry %q", name)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r, err := age.Decrypt(f, c.spool)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("bundle: temporary copy of %s: %w", name, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{r, f}, nil
}

// Close removes the temporary directory. Readers still open keep working
// on Unix until closed; on Windows removal waits for them to close.
func (c *Contents) Close() error {
	c.files, c.caseJSON, c.spool = nil, nil, nil
	if c.dir == "" {
		return nil
	}
	err := os.RemoveAll(c.dir)
	c.dir = ""
	return err
}

// Read decrypts and verifies a whole bundle from r with id, within limits,
// and only then returns its contents. The caller must Close them.
func Read(r io.Reader, id Identity, limits Limits) (*Contents, error) {
	if len(id.ids) == 0 {
		return nil, errors.New("bundle: no identity")
	}
	lim := limits.withDefaults()
	src := &sourceReader{r: r}
	ar, err := age.Decrypt(src, id.ids...)
	if err != nil {
		return nil, headerError(err, src)
	}
	pr := &plainReader{r: ar, src: src}

	spool, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(lim.TempDir, "leakdesk-import-")
	if err != nil {
		return nil, fmt.Errorf("bundle: temporary directory: %w", err)
	}
	c := &Contents{dir: dir, spool: spool, files: map[string]string{}}
	if err := c.read(pr, lim); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func (c *Contents) read(pr *plainReader, lim Limits) error {
	var mg [len(magic)]byte
	if _, err := io.ReadFull(pr, mg[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("%w: too short", ErrNotBundle)
		}
		return err
	}
	if string(mg[:]) != magic {
		return fmt.Errorf("%w: unknown archive header", ErrNotBundle)
	}

	size, err := readFrameHeader(pr, manifestName)
	if err != nil {
		return err
	}
	if size > lim.manifestCap() {
		return fmt.Errorf("%w: manifest of %d bytes", ErrTooLarge, size)
	}
	mj := make([]byte, size)
	if _, err := io.ReadFull(pr, mj); err != nil {
		return structural(err, manifestName)
	}
	m, err := parseManifest(mj, lim)
	if err != nil {
		return err
	}
	c.Manifest = m
	// From here on the plaintext length is known, which lets a cut be told
	// apart from a changed byte (see plainReader.fail).
	pr.expected = pr.n
	for _, e := range append([]EntryInfo{m.Case}, m.Evidence...) {
		pr.expected += 2 + int64(len(e.Name)) + 8 + e.Size
	}

	var cj bytes.Buffer
	if err := copyEntry(pr, m.Case, &cj); err != nil {
		return err
	}
	c.caseJSON = cj.Bytes()
	for i, e := range m.Evidence {
		path := filepath.Join(c.dir, fmt.Sprintf("%07d", i))
		if err := c.spoolEntry(pr, e, path); err != nil {
			return err
		}
		c.files[e.Name] = path
	}

	// age returns io.EOF only after authenticating the final chunk and
	// finding nothing after it; any plaintext left is an entry the
	// manifest does not name.
	switch n, err := pr.Read(make([]byte, 1)); {
	case n > 0:
		return fmt.Errorf("%w: data after the last entry in the manifest", ErrBadName)
	case err != io.EOF:
		return err
	}
	return nil
}

func (c *Contents) spoolEntry(pr *plainReader, e EntryInfo, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("bundle: temporary file: %w", err)
	}
	defer f.Close()
	w, err := age.Encrypt(f, c.spool.Recipient())
	if err != nil {
		return err
	}
	if err := copyEntry(pr, e, w); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("bundle: temporary file: %w", err)
	}
	return f.Close()
}

// copyEntry reads the frame for e and copies exactly its bytes to dst,
// checking the name, size and hash against the manifest.
func copyEntry(pr *plainReader, e EntryInfo, dst io.Writer) error {
	size, err := readFrameHeader(pr, e.Name)
	if err != nil {
		return err
	}
	if size != e.Size {
		return fmt.Errorf("%w: %s is %d bytes, the manifest says %d", ErrTampered, e.Name, size, e.Size)
	}
	h := sha256.New()
	if _, err := io.CopyN(io.MultiWriter(dst, h), pr, size); err != nil {
		if pr.err != nil {
			return pr.err
		}
		if errors.Is(err, io.EOF) {
			return structural(err, e.Name)
		}
		return fmt.Errorf("bundle: writing %s: %w", e.Name, err)
	}
	if hex.EncodeToString(h.Sum(nil)) != e.SHA256 {
		return fmt.Errorf("%w: %s does not match its SHA-256 in the manifest", ErrTampered, e.Name)
	}
	return nil
}

// readFrameHeader reads a frame header and checks that it names want.
func readFrameHeader(pr *plainReader, want string) (int64, error) {
	var l [2]byte
	if _, err := io.ReadFull(pr, l[:]); err != nil {
		return 0, structural(err, want)
	}
	n := binary.BigEndian.Uint16(l[:])
	if n == 0 || n > maxNameLen {
		return 0, fmt.Errorf("%w: entry name of %d bytes where %s was expected", ErrBadName, n, want)
	}
	name := make([]byte, n)
	if _, err := io.ReadFull(pr, name); err != nil {
		return 0, structural(err, want)
	}
	if string(name) != want {
		return 0, fmt.Errorf("%w: entry %q where the manifest expects %q", ErrBadName, name, want)
	}
	var s [8]byte
	if _, err := io.ReadFull(pr, s[:]); err != nil {
		return 0, structural(err, want)
	}
	size := binary.BigEndian.Uint64(s[:])
	if size > 1<<62 {
		return 0, fmt.Errorf("%w: %s declares %d bytes", ErrTooLarge, want, size)
	}
	return int64(size), nil
}

// structural turns an early end of the (authenticated) plaintext into a
// clear error; errors from age itself arrive already classified.
func structural(err error, where string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: archive ends inside %s", ErrTampered, where)
	}
	return err
}

func parseManifest(b []byte, lim Limits) (Manifest, error) {
	var m Manifest
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&m); err != nil {
		return Manifest{}, fmt.Errorf("%w: manifest: %v", ErrTampered, err)
	}
	if _, err := d.Token(); err != io.EOF {
		return Manifest{}, fmt.Errorf("%w: data after the manifest", ErrTampered)
	}
	if m.Format != Format {
		return Manifest{}, fmt.Errorf("%w: format %q", ErrNotBundle, m.Format)
	}
	if m.Version != Version {
		if m.Version > Version {
			return Manifest{}, fmt.Errorf("%w: version %d", ErrVersion, m.Version)
		}
		return Manifest{}, fmt.Errorf("%w: version %d", ErrNotBundle, m.Version)
	}
	if m.Case.Name != caseName {
		return Manifest{}, fmt.Errorf("%w: case entry %q", ErrBadName, m.Case.Name)
	}
	if err := checkEntry(m.Case, lim.MaxCaseJSON); err != nil {
		return Manifest{}, err
	}
	if len(m.Evidence) > lim.MaxEntries {
		return Manifest{}, fmt.Errorf("%w: %d evidence entries (limit %d)", ErrTooLarge, len(m.Evidence), lim.MaxEntries)
	}
	seen := make(map[string]bool, len(m.Evidence))
	total := m.Case.Size
	for _, e := range m.Evidence {
		if !evidenceName(e.Name) {
			return Manifest{}, fmt.Errorf("%w: %q", ErrBadName, e.Name)
		}
		if seen[e.Name] {
			return Manifest{}, fmt.Errorf("%w: %q appears twice", ErrBadName, e.Name)
		}
		seen[e.Name] = true
		if err := checkEntry(e, lim.MaxEntry); err != nil {
			return Manifest{}, err
		}
		// Sizes are capped at 2^50 each, so this cannot overflow.
		if total += e.Size; total > lim.MaxTotal {
			return Manifest{}, fmt.Errorf("%w: more than %d bytes in all", ErrTooLarge, lim.MaxTotal)
		}
	}
	return m, nil
}

func checkEntry(e EntryInfo, maxSize int64) error {
	switch {
	case e.Size < 0:
		return fmt.Errorf("%w: %s has a negative size", ErrTampered, e.Name)
	case e.Size > maxSize:
		return fmt.Errorf("%w: %s declares %d bytes (limit %d)", ErrTooLarge, e.Name, e.Size, maxSize)
	case !validSHA256(e.SHA256):
		return fmt.Errorf("%w: %s has no valid SHA-256", ErrTampered, e.Name)
	}
	return nil
}

// sourceReader remembers whether the encrypted file has ended, which is
// what separates "cut short" from "changed" when age refuses a chunk.
// It also keeps the first bytes, to tell a non-age file from a damaged one.
type sourceReader struct {
	r    io.Reader
	eof  bool
	err  error // a read error other than EOF: an I/O problem, not the file's
	head []byte
}

const ageIntro = "age-encryption.org/v1\n"

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if k := min(n, len(ageIntro)-len(s.head)); k > 0 {
		s.head = append(s.head, p[:k]...)
	}
	if err == io.EOF {
		s.eof = true
	} else if err != nil {
		s.err = err
	}
	return n, err
}

// plainReader sits on age's plaintext. It passes io.EOF through (age
// returns it only at an authenticated end) and turns every other age error
// into ErrTruncated or ErrTampered at once, so the framing code above can
// treat an early io.EOF as a malformed archive rather than a cut file.
type plainReader struct {
	r        io.Reader
	src      *sourceReader
	n        int64 // plaintext bytes read
	expected int64 // total plaintext length, once the manifest is known
	err      error // the classified age error, if any
}

// chunkSize is age's plaintext chunk (filippo.io/age/internal/stream).
const chunkSize = 64 << 10

func (p *plainReader) Read(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	n, err := p.r.Read(b)
	p.n += int64(n)
	if err != nil && err != io.EOF {
		p.err = p.fail(err)
		return n, p.err
	}
	return n, err
}

func (p *plainReader) fail(err error) error {
	switch {
	case p.src.err != nil:
		return fmt.Errorf("bundle: reading the file: %w", p.src.err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		// The file stopped at a chunk boundary without a final chunk.
		return fmt.Errorf("%w: %v", ErrTruncated, err)
	case p.src.eof && p.expected > 0 && p.n+chunkSize < p.expected:
		// A chunk failed where the file ended, but the manifest promised
		// more than one further chunk: the file was cut mid-chunk.
		return fmt.Errorf("%w: the file ends after %d of %d bytes of content", ErrTruncated, p.n, p.expected)
	}
	return fmt.Errorf("%w: %v", ErrTampered, err)
}

// headerError classifies a failure to open the age header.
func headerError(err error, src *sourceReader) error {
	var nm *age.NoIdentityMatchError
	full := len(src.head) == len(ageIntro)
	switch {
	case src.err != nil:
		return fmt.Errorf("bundle: reading the file: %w", src.err)
	case errors.As(err, &nm):
		return fmt.Errorf("%w: %v", ErrWrongKey, err)
	case !bytes.HasPrefix([]byte(ageIntro), src.head):
		return fmt.Errorf("%w: not an age-encrypted file", ErrNotBundle)
	case !full && src.eof:
		return fmt.Errorf("%w: the file ends inside its header", ErrTruncated)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%w: %v", ErrTruncated, err)
	}
	return fmt.Errorf("%w: %v", ErrTampered, err)
}
