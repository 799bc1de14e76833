// Package bundle reads and writes .leakcase files: one case and its
// evidence, encrypted with age (filippo.io/age) to a colleague's X25519
// public key or to a passphrase, for handing a case to another install.
//
// Inside the age stream the plaintext is a small archive of our own
// (simpler to check than tar, which brings links, sparse files and PAX
// headers we would only have to refuse):
//
//	"LDBUNDL\x01"
//	frame("manifest.json")          JSON Manifest
//	frame("case.json")              the case in the JSON case format
//	frame("evidence/0001") ...      evidence bytes, in manifest order
//	end of the age stream
//
//	frame(name) = name length u16 | name | size u64 | size bytes   (big-endian)
//
// [Read] checks the whole file (age authentication to the final chunk,
// names, sizes, SHA-256 of every entry, limits) before it returns anything,
// so an importer never sees part of a damaged or hostile bundle.
package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
)

// Errors a caller maps to user messages; compare with errors.Is. The
// returned errors wrap one of these with details for the log.
var (
	// ErrWrongKey: the bundle is not for this key or passphrase. age cannot
	// tell this apart from a damaged recipient line in the file header.
	ErrWrongKey = errors.New("bundle: not encrypted to this key or passphrase")
	// ErrTampered: the file fails authentication, or its content does not
	// match its manifest (hash, size, structure).
	ErrTampered = errors.New("bundle: file is damaged or was altered")
	// ErrTruncated: the file ends early (an incomplete copy or download).
	// A cut inside the final 64 KiB chunk is reported as ErrTampered: age
	// cannot tell it from a changed byte there.
	ErrTruncated = errors.New("bundle: file is incomplete")
	// ErrTooLarge: the bundle declares more entries or bytes than the
	// caller's Limits allow.
	ErrTooLarge = errors.New("bundle: larger than allowed")
	// ErrBadName: an entry name that is not allowed, duplicated, or not the
	// one the manifest announced at that place.
	ErrBadName = errors.New("bundle: unexpected or forbidden entry name")
	// ErrNotBundle: an age file that is not a leakdesk bundle, or not an
	// age file at all.
	ErrNotBundle = errors.New("bundle: not a leakdesk case bundle")
	// ErrVersion: a bundle from a newer leakdesk.
	ErrVersion = errors.New("bundle: made by a newer version of leakdesk")
)

// Format and Version identify the manifest.
const (
	Format  = "leakdesk-bundle"
	Version = 1
)

const (
	magic        = "LDBUNDL\x01"
	manifestName = "manifest.json"
	caseName     = "case.json"
	maxNameLen   = 64
	// writeScryptLogN is age's default cost (about 1 s); readScryptLogN caps
	// what a received file may demand (2^19 × 1 KiB = 512 MiB of memory).
	writeScryptLogN = 18
	readScryptLogN  = 19
)

// evidenceName is the only shape an evidence entry may have. Original file
// names travel inside case.json, never as archive paths.
// It is "evidence/" and 4 to 9 ASCII digits.
func evidenceName(s string) bool {
	d, ok := strings.CutPrefix(s, "evidence/")
	return ok && len(d) >= 4 && len(d) <= 9 && strings.Trim(d, "0123456789") == ""
}

// Manifest is the first entry of a bundle.
type Manifest struct {
	Format   string      `json:"format"`
	Version  int         `json:"version"`
	Case     EntryInfo   `json:"case"`
	Evidence []EntryInfo `json:"evidence"`
}

// EntryInfo describes one entry: its name, exact size and lowercase hex
// SHA-256.
type EntryInfo struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Entry is one evidence file to write. Open is called once, while writing;
// the bytes it yields must match Size and SHA256 or Write fails.
type Entry struct {
	Name   string
	Size   int64
	SHA256 string
	Open   func() (io.ReadCloser, error)
}

func validSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f')
	}) < 0
}

// Limits bound what Read accepts. A zero field takes its default from
// DefaultLimits.
type Limits struct {
	MaxEntries  int    // evidence entries
	MaxEntry    int64  // bytes of one evidence entry
	MaxCaseJSON int64  // bytes of case.json (held in memory)
	MaxTotal    int64  // bytes of all entries together (spooled to TempDir)
	TempDir     string // where verified entries wait, encrypted; "" = os.TempDir()
}

// DefaultLimits suits a desktop: the evidence size cap of the store with
// room to spare, and a few GiB of temporary disk at most.
func DefaultLimits() Limits {
	return Limits{
		MaxEntries:  10000,
		MaxEntry:    1 << 30,
		MaxCaseJSON: 32 << 20,
		MaxTotal:    8 << 30,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxEntry <= 0 {
		l.MaxEntry = d.MaxEntry
	}
	if l.MaxCaseJSON <= 0 {
		l.MaxCaseJSON = d.MaxCaseJSON
	}
	if l.MaxTotal <= 0 {
		l.MaxTotal = d.MaxTotal
	}
	// Keeps every sum below overflow: 2^50 bytes is a petabyte.
	l.MaxEntry = min(l.MaxEntry, 1<<50)
	l.MaxCaseJSON = min(l.MaxCaseJSON, 1<<40)
	l.MaxTotal = min(l.MaxTotal, 1<<50)
	l.MaxEntries = min(l.MaxEntries, 1<<24)
	return l
}

// manifestCap is the largest manifest accepted: a fixed part and about
// 200 bytes of JSON per evidence entry.
func (l Limits) manifestCap() int64 { return 4096 + 256*int64(l.MaxEntries) }

// Recipient is who a bundle is encrypted to.
type Recipient struct{ r age.Recipient }

// X25519Recipient parses a colleague's public key ("age1...").
func X25519Recipient(publicKey string) (Recipient, error) {
	r, err := age.ParseX25519Recipient(strings.TrimSpace(publicKey))
	if err != nil {
		return Recipient{}, fmt.Errorf("bundle: not an age public key: %w", err)
	}
	return Recipient{r}, nil
}

// PassphraseRecipient encrypts to a passphrase (age's scrypt recipient,
// work factor 2^18). The passphrase has to reach the colleague by another
// channel than the file.
func PassphraseRecipient(passphrase string) (Recipient, error) {
	return passphraseRecipient(passphrase, writeScryptLogN)
}

func passphraseRecipient(passphrase string, logN int) (Recipient, error) {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return Recipient{}, fmt.Errorf("bundle: %w", err)
	}
	r.SetWorkFactor(logN)
	return Recipient{r}, nil
}

// Identity is what opens a bundle.
type Identity struct{ ids []age.Identity }

// X25519Identity parses this install's secret key ("AGE-SECRET-KEY-1...").
func X25519Identity(secretKey string) (Identity, error) {
	id, err := age.ParseX25519Identity(strings.TrimSpace(secretKey))
	if err != nil {
		// age's message quotes no key material, but keep ours generic anyway.
		return Identity{}, errors.New("bundle: not an age secret key")
	}
	return Identity{[]age.Identity{id}}, nil
}

// PassphraseIdentity opens passphrase bundles. It refuses files that ask
// for more than 2^19 scrypt work, so a hostile file cannot make the import
// allocate gigabytes.
func PassphraseIdentity(passphrase string) (Identity, error) {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return Identity{}, fmt.Errorf("bundle: %w", err)
	}
	id.SetMaxWorkFactor(readScryptLogN)
	return Identity{[]age.Identity{id}}, nil
}

// GenerateIdentity makes a new X25519 key pair for an install: the secret
// string is stored by the caller (sealed in the vault), the public key is
// what colleagues encrypt to.
func GenerateIdentity() (identity, publicKey string, err error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return "", "", err
	}
	return id.String(), id.Recipient().String(), nil
}

// PublicKeyOf derives the public key of an identity made by GenerateIdentity.
func PublicKeyOf(identity string) (string, error) {
	id, err := age.ParseX25519Identity(identity)
	if err != nil {
		return "", err
	}
	return id.Recipient().String(), nil
}

// NeedsPassphrase reports whether the bundle read from r is encrypted to a
// passphrase rather than to a key: age names the scrypt recipient in its
// plain-text header, which comes first. The window asks for the passphrase
// only then.
func NeedsPassphrase(r io.Reader) (bool, error) {
	head := make([]byte, 1024)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return false, err
	}
	return bytes.Contains(head[:n], []byte("\n-> scrypt ")), nil
}
