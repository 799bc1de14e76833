package vault

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"io"
	"strings"

	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

// A recovery key is 18 random bytes (144 bits) and a 2-byte checksum,
// written as 32 Crockford base32 characters in 8 groups of 4:
//
//	7K3D-QW9A-M2XR-...
//
// Crockford's alphabet has no I, L, O or U, and reading maps the look-alikes
// (O→0, I/L→1), so a key copied from paper by hand still parses. The
// checksum catches typos before the vault is touched; it is not a secret.
const (
	recoveryRandLen = 18
	recoverySumLen  = 2
	recoveryGroups  = 8
	recoveryGroup   = 4
)

func crockford() *base32.Encoding {
	return base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)
}

func newRecoverySecret() ([]byte, error) {
	s := make([]byte, recoveryRandLen)
	if _, err := io.ReadFull(rand.Reader, s); err != nil {
		return nil, err
	}
	return s, nil
}

func recoveryChecksum(secret []byte) []byte {
	h := sha256.Sum256(append([]byte("leakdesk recovery checksum\x00"), secret...))
	return h[:recoverySumLen]
}

// formatRecovery renders a secret for the user.
func formatRecovery(secret []byte) string {
	s := crockford().EncodeToString(append(clone(secret), recoveryChecksum(secret)...))
	var b strings.Builder
	for i := 0; i < len(s); i += recoveryGroup {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s[i : i+recoveryGroup])
	}
	return b.String()
}

// parseRecovery accepts the key with any case, spaces or dashes.
func parseRecovery(s string) ([]byte, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch r {
		case '-', ' ', '\t', '\n', '\r':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	if b.Len() != recoveryGroups*recoveryGroup {
		return nil, ErrBadRecoveryKey
	}
	raw, err := crockford().DecodeString(b.String())
	if err != nil || len(raw) != recoveryRandLen+recoverySumLen {
		return nil, ErrBadRecoveryKey
	}
	secret, sum := raw[:recoveryRandLen], raw[recoveryRandLen:]
	if subtle.ConstantTimeCompare(sum, recoveryChecksum(secret)) != 1 {
		return nil, ErrBadRecoveryKey
	}
	return secret, nil
}

// recoveryKEK stretches nothing: the recovery secret is full-entropy, so a
// plain HKDF is enough, and it keeps recovery fast on any machine.
func recoveryKEK(secret []byte) []byte {
	return hkdfKey(secret, "leakdesk vault recovery kek v1")
}

// hkdfKey derives a 32-byte subkey for one purpose.
func hkdfKey(secret []byte, info string) []byte {
	k := make([]byte, chacha20poly1305.KeySize)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte(info)), k); err != nil {
		panic("vault: hkdf: " + err.Error()) // 32 bytes of HKDF-SHA256 cannot run out
	}
	return k
}
