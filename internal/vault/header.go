package vault

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/text/unicode/norm"
)

// Params are the Argon2id cost parameters. They are stored in the header so
// that a vault created on a fast machine still opens on a slow one, and so
// that the defaults can rise later without breaking old vaults.
type Params struct {
	Time      uint32 // passes over memory
	MemoryKiB uint32 // memory in KiB
	Threads   uint8  // lanes
}

// DefaultParams is the cost used for new vaults: t=3, 64 MiB, p=4
// (RFC 9106's second recommended option, and what KeePassXC ships).
func DefaultParams() Params { return Params{Time: 3, MemoryKiB: 64 * 1024, Threads: 4} }

// Caps on parameters read from a header. A header is data an attacker may
// have written (a doctored backup, a shared file); without caps it could ask
// for terabytes of memory or hours of work before the passphrase is checked.
const (
	MaxTime      = 20
	MaxMemoryKiB = 1 << 20 // 1 GiB
	MaxThreads   = 16
)

// Validate reports whether p is usable and within the caps.
func (p Params) Validate() error {
	switch {
	case p.Time < 1 || p.Time > MaxTime:
		return fmt.Errorf("%w: time %d outside 1..%d", ErrKDFParams, p.Time, MaxTime)
	case p.Threads < 1 || p.Threads > MaxThreads:
		return fmt.Errorf("%w: threads %d outside 1..%d", ErrKDFParams, p.Threads, MaxThreads)
	case p.MemoryKiB > MaxMemoryKiB:
		return fmt.Errorf("%w: memory %d KiB above the cap of %d KiB", ErrKDFParams, p.MemoryKiB, MaxMemoryKiB)
	case p.MemoryKiB < 8*uint32(p.Threads):
		// Argon2 needs at least 8 KiB per lane; x/crypto silently raises it,
		// which would make the stored parameters lie.
		return fmt.Errorf("%w: memory %d KiB below 8 KiB per thread", ErrKDFParams, p.MemoryKiB)
	}
	return nil
}

// kek derives the key-encryption key from a passphrase. The passphrase is
// put in Unicode NFC first: the same words typed on another OS or input
// method can arrive composed differently, and must still unlock.
func (p Params) kek(pass, salt []byte) []byte {
	n := norm.NFC.Bytes(pass)
	k := argon2.IDKey(n, salt, p.Time, p.MemoryKiB, p.Threads, chacha20poly1305.KeySize)
	if len(pass) > 0 && &n[0] != &pass[0] {
		zero(n)
	}
	return k
}

const (
	headerMagic   = "LDVH"
	headerVersion = 1
	kdfArgon2id   = 1
	// wrapLen is a 24-byte nonce followed by a sealed 32-byte key and its tag.
	wrapLen = chacha20poly1305.NonceSizeX + keyLen + chacha20poly1305.Overhead
	macLen  = 32
	keyLen  = 32
)

// Header is everything needed to unlock a vault, stored in the clear
// next to the data. It holds no secret in the clear: both copies of the
// vault key are wrapped, and a MAC under a key derived from the vault key
// covers every byte, so any change is caught once the vault key is known.
type Header struct {
	Version      uint8
	KDF          Params
	Salt         []byte // 16 or 32 bytes
	PassWrap     []byte // vault key wrapped by the passphrase KEK
	RecoveryWrap []byte // vault key wrapped by the recovery KEK
	MAC          []byte // HMAC-SHA256 over the encoding of all the above
}

// MarshalBinary encodes the header canonically:
//
//	"LDVH" | version u8 | kdf id u8 | time u32 | memory KiB u32 | threads u8 |
//	salt len u8 | salt | PassWrap (72) | RecoveryWrap (72) | MAC (32)
//
// Integers are big-endian. The same bytes minus the MAC are what the MAC
// covers, so there is exactly one encoding of a valid header.
func (h Header) MarshalBinary() ([]byte, error) {
	if err := h.check(); err != nil {
		return nil, err
	}
	return append(h.signed(), h.MAC...), nil
}

// UnmarshalBinary parses a header strictly: wrong lengths, unknown
// versions, trailing bytes and out-of-cap parameters are refused before any
// key derivation runs.
func (h *Header) UnmarshalBinary(b []byte) error {
	const fixed = len(headerMagic) + 1 + 1 + 4 + 4 + 1 + 1
	if len(b) < fixed || string(b[:len(headerMagic)]) != headerMagic {
		return fmt.Errorf("%w: not a leakdesk vault header", ErrBadHeader)
	}
	b = b[len(headerMagic):]
	if b[0] != headerVersion {
		return fmt.Errorf("%w: version %d not supported", ErrBadHeader, b[0])
	}
	if b[1] != kdfArgon2id {
		return fmt.Errorf("%w: unknown KDF %d", ErrBadHeader, b[1])
	}
	var n Header
	n.Version = b[0]
	n.KDF.Time = binary.BigEndian.Uint32(b[2:])
	n.KDF.MemoryKiB = binary.BigEndian.Uint32(b[6:])
	n.KDF.Threads = b[10]
	saltLen := int(b[11])
	b = b[12:]
	if len(b) != saltLen+2*wrapLen+macLen {
		return fmt.Errorf("%w: length %d does not match", ErrBadHeader, len(b)+fixed)
	}
	n.Salt = clone(b[:saltLen])
	b = b[saltLen:]
	n.PassWrap = clone(b[:wrapLen])
	n.RecoveryWrap = clone(b[wrapLen : 2*wrapLen])
	n.MAC = clone(b[2*wrapLen:])
	if err := n.check(); err != nil {
		return err
	}
	*h = n
	return nil
}

// MarshalText makes a Header a JSON string (base64 of the binary form), so
// that decoding JSON always goes through the strict binary parser.
func (h Header) MarshalText() ([]byte, error) {
	b, err := h.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return []byte(base64.StdEncoding.EncodeToString(b)), nil
}

// UnmarshalText is the inverse of MarshalText.
func (h *Header) UnmarshalText(t []byte) error {
	b, err := base64.StdEncoding.Strict().DecodeString(string(t))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadHeader, err)
	}
	return h.UnmarshalBinary(b)
}

// ParseHeader is UnmarshalBinary as a function.
func ParseHeader(b []byte) (Header, error) {
	var h Header
	err := h.UnmarshalBinary(b)
	return h, err
}

// check validates the shape of h; it is the gate before any Argon2 run.
func (h Header) check() error {
	if h.Version != headerVersion {
		return fmt.Errorf("%w: version %d not supported", ErrBadHeader, h.Version)
	}
	if len(h.Salt) != 16 && len(h.Salt) != 32 {
		return fmt.Errorf("%w: salt length %d (want 16 or 32)", ErrKDFParams, len(h.Salt))
	}
	if err := h.KDF.Validate(); err != nil {
		return err
	}
	if len(h.PassWrap) != wrapLen || len(h.RecoveryWrap) != wrapLen || len(h.MAC) != macLen {
		return fmt.Errorf("%w: wrapped key or MAC has the wrong length", ErrBadHeader)
	}
	return nil
}

// kdfPart is the encoding of the fields the passphrase wrap depends on.
func (h Header) kdfPart() []byte {
	b := make([]byte, 0, 64)
	b = append(b, headerMagic...)
	b = append(b, h.Version, kdfArgon2id)
	b = binary.BigEndian.AppendUint32(b, h.KDF.Time)
	b = binary.BigEndian.AppendUint32(b, h.KDF.MemoryKiB)
	b = append(b, h.KDF.Threads, byte(len(h.Salt)))
	return append(b, h.Salt...)
}

// signed is the encoding covered by the MAC: everything but the MAC.
func (h Header) signed() []byte {
	b := h.kdfPart()
	b = append(b, h.PassWrap...)
	return append(b, h.RecoveryWrap...)
}

// passAD binds the passphrase wrap to the KDF parameters and salt: a header
// with lowered parameters fails to unwrap rather than unwrapping weakly.
func (h Header) passAD() []byte {
	return append([]byte("leakdesk vault passphrase wrap\x00"), h.kdfPart()...)
}

// recoveryAD cannot include the salt or parameters, because changing the
// passphrase replaces them while the recovery wrap (made with a key we no
// longer have) must stay valid. The header MAC binds it to the rest.
func recoveryAD(version uint8) []byte {
	return append([]byte("leakdesk vault recovery wrap\x00"+headerMagic), version)
}

// Errors returned by the package. Compare with errors.Is.
var (
	// ErrWrongPassphrase: the passphrase is wrong or the header was changed.
	// The two are deliberately indistinguishable.
	ErrWrongPassphrase = errors.New("vault: wrong passphrase (or the vault header is damaged)")
	// ErrWrongRecoveryKey: a well-formed recovery key that does not open this
	// vault (or a changed header).
	ErrWrongRecoveryKey = errors.New("vault: this recovery key does not open this vault (or the vault header is damaged)")
	// ErrBadRecoveryKey: the text is not a recovery key (typo: bad length,
	// character or checksum). Checked without touching the vault.
	ErrBadRecoveryKey = errors.New("vault: not a valid recovery key; check for typos")
	// ErrBadHeader: the stored header is not one this version can read.
	ErrBadHeader = errors.New("vault: header is malformed")
	// ErrKDFParams: Argon2id parameters are unusable or above the caps.
	ErrKDFParams = errors.New("vault: key-derivation parameters refused")
	// ErrLocked: the vault (or the case key) has been closed.
	ErrLocked = errors.New("vault: locked")
	// ErrAuth: a sealed value failed authentication: damaged, tampered
	// with, or copied from another row, column or case.
	ErrAuth = errors.New("vault: sealed value failed authentication")
	// ErrWrongCase: a case key was asked to seal or open another case's
	// value; this is a programming error in the caller.
	ErrWrongCase = errors.New("vault: associated data names a different case than the key")
)

func clone(b []byte) []byte { return append([]byte(nil), b...) }
