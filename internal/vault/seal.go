package vault

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io"

	"golang.org/x/crypto/chacha20poly1305"
)

// AD names where a sealed value lives. It is bound to the ciphertext as
// associated data, so a value copied to another row, column or case, or an
// evidence chunk moved to another position, fails to open.
type AD struct {
	Table  string // e.g. "cases", "evidence_chunks"; must not be empty
	Column string // e.g. "victim_name"; must not be empty
	CaseID int64  // 0 only for vault-level values (Vault.Seal)
	RowID  int64  // the row's primary key
	Seq    int64  // position within a multi-part value (evidence chunk number); 0 otherwise
}

// encode is the canonical, unambiguous encoding: length-prefixed strings
// and fixed-width integers, after a domain label and the format version.
func (ad AD) encode(version byte) ([]byte, error) {
	if ad.Table == "" || ad.Column == "" {
		return nil, fmt.Errorf("vault: associated data needs a table and a column")
	}
	b := make([]byte, 0, 48+len(ad.Table)+len(ad.Column))
	b = append(b, "leakdesk field\x00"...)
	b = append(b, version)
	b = binary.BigEndian.AppendUint32(b, uint32(len(ad.Table)))
	b = append(b, ad.Table...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(ad.Column)))
	b = append(b, ad.Column...)
	b = binary.BigEndian.AppendUint64(b, uint64(ad.CaseID))
	b = binary.BigEndian.AppendUint64(b, uint64(ad.RowID))
	b = binary.BigEndian.AppendUint64(b, uint64(ad.Seq))
	return b, nil
}

// sealVersion prefixes every sealed value so the format can change later
// (new AEAD, new AD layout) while old rows stay readable.
const sealVersion = 1

// SealedOverhead is how many bytes Seal adds to a plaintext.
const SealedOverhead = 1 + chacha20poly1305.NonceSizeX + chacha20poly1305.Overhead

// CaseKey is one case's key. Deleting its wrapped form from the store
// makes the case's sealed values unreadable for good.
type CaseKey struct {
	v      *Vault
	caseID int64
	key    []byte // guarded by v.mu
}

// CaseID is the case this key belongs to.
func (k *CaseKey) CaseID() int64 { return k.caseID }

// NewCaseKey makes a random key for caseID and returns it with its wrapped
// form, which the store keeps with the case (the case's id must already be
// known, since it is bound into the wrapping).
func (v *Vault) NewCaseKey(caseID int64) (*CaseKey, []byte, error) {
	key := make([]byte, keyLen)
	if _, err := io.ReadFull(rand.Reader, key); err != nil {
		return nil, nil, err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return nil, nil, ErrLocked
	}
	wrapped, err := sealWith(v.wrapKey, caseKeyAD(caseID), key)
	if err != nil {
		return nil, nil, err
	}
	return v.track(caseID, key), wrapped, nil
}

// UnwrapCaseKey opens a wrapped case key stored for caseID. A key wrapped
// for another case, or changed in any bit, gives ErrAuth.
func (v *Vault) UnwrapCaseKey(caseID int64, wrapped []byte) (*CaseKey, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return nil, ErrLocked
	}
	key, err := openWith(v.wrapKey, caseKeyAD(caseID), wrapped)
	if err != nil {
		return nil, err
	}
	if len(key) != keyLen {
		return nil, ErrAuth
	}
	return v.track(caseID, key), nil
}

func caseKeyAD(caseID int64) AD {
	return AD{Table: "case_keys", Column: "key", CaseID: caseID, RowID: caseID}
}

// track must be called with v.mu held for writing.
func (v *Vault) track(caseID int64, key []byte) *CaseKey {
	k := &CaseKey{v: v, caseID: caseID, key: key}
	v.keys[k] = struct{}{}
	return k
}

// Destroy zeroes this key (after its case is deleted, or when a view no
// longer needs it). Later Seal/Open calls return ErrLocked.
func (k *CaseKey) Destroy() {
	k.v.mu.Lock()
	defer k.v.mu.Unlock()
	zero(k.key)
	k.key = nil
	delete(k.v.keys, k)
}

// Seal encrypts plain for the place named by ad (ad.CaseID must be this
// key's case). The result is version | 24-byte random nonce | ciphertext
// and tag; two seals of the same value differ.
func (k *CaseKey) Seal(ad AD, plain []byte) ([]byte, error) {
	if ad.CaseID != k.caseID {
		return nil, ErrWrongCase
	}
	k.v.mu.RLock()
	defer k.v.mu.RUnlock()
	if k.key == nil {
		return nil, ErrLocked
	}
	return sealWith(k.key, ad, plain)
}

// Open decrypts a value sealed by Seal for the same ad. Any change to the
// value, or a different ad, gives ErrAuth.
func (k *CaseKey) Open(ad AD, sealed []byte) ([]byte, error) {
	if ad.CaseID != k.caseID {
		return nil, ErrWrongCase
	}
	k.v.mu.RLock()
	defer k.v.mu.RUnlock()
	if k.key == nil {
		return nil, ErrLocked
	}
	return openWith(k.key, ad, sealed)
}

// Seal encrypts a vault-level value (not part of any case: settings, this
// install's age identity); ad.CaseID must be 0.
func (v *Vault) Seal(ad AD, plain []byte) ([]byte, error) {
	if ad.CaseID != 0 {
		return nil, ErrWrongCase
	}
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.closed {
		return nil, ErrLocked
	}
	return sealWith(v.dataKey, ad, plain)
}

// Open decrypts a value sealed by Vault.Seal.
func (v *Vault) Open(ad AD, sealed []byte) ([]byte, error) {
	if ad.CaseID != 0 {
		return nil, ErrWrongCase
	}
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.closed {
		return nil, ErrLocked
	}
	return openWith(v.dataKey, ad, sealed)
}

func sealWith(key []byte, ad AD, plain []byte) ([]byte, error) {
	adb, err := ad.encode(sealVersion)
	if err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1+aead.NonceSize(), SealedOverhead+len(plain))
	out[0] = sealVersion
	if _, err := io.ReadFull(rand.Reader, out[1:]); err != nil {
		return nil, err
	}
	return aead.Seal(out, out[1:], plain, adb), nil
}

func openWith(key []byte, ad AD, sealed []byte) ([]byte, error) {
	if len(sealed) < SealedOverhead || sealed[0] != sealVersion {
		return nil, ErrAuth
	}
	adb, err := ad.encode(sealed[0])
	if err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	nonce := sealed[1 : 1+aead.NonceSize()]
	plain, err := aead.Open(nil, nonce, sealed[1+aead.NonceSize():], adb)
	if err != nil {
		return nil, ErrAuth
	}
	return plain, nil
}

// NewMAC returns a constructor of HMAC-SHA256 hashes keyed with a subkey of
// this case's key for one purpose (e.g. "event chain"). Hashes the store
// keeps in the clear beside sealed values (the event chain) are keyed, so
// none of them can be used to test a guess of the sealed plaintext without
// the key. The subkey is copied into the returned function: callers keep it
// no longer than one transaction.
func (k *CaseKey) NewMAC(purpose string) (func() hash.Hash, error) {
	k.v.mu.RLock()
	defer k.v.mu.RUnlock()
	if k.key == nil {
		return nil, ErrLocked
	}
	sub := hkdfKey(k.key, "leakdesk case mac v1 "+purpose)
	return func() hash.Hash { return hmac.New(sha256.New, sub) }, nil
}
