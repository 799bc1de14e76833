package vault

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io"
	"sync"

	"golang.org/x/crypto/chacha20poly1305"
)

// Vault is an unlocked vault: it holds the vault key's subkeys in memory
// until Close. It is safe for concurrent use.
type Vault struct {
	mu      sync.RWMutex
	closed  bool
	macKey  []byte // header MAC
	wrapKey []byte // wraps case keys
	dataKey []byte // seals vault-level values (settings, this install's age identity)
	rootKey []byte // the vault key itself, needed to re-wrap it (new passphrase or recovery key)
	keys    map[*CaseKey]struct{}
}

// Create makes a new vault: a random vault key wrapped by the passphrase
// (Argon2id with p) and by a fresh recovery key. The recovery key is
// returned once, formatted for the user; it is not stored anywhere.
func Create(passphrase []byte, p Params) (h Header, recovery string, v *Vault, err error) {
	if err := p.Validate(); err != nil {
		return Header{}, "", nil, err
	}
	root := make([]byte, keyLen)
	if _, err := io.ReadFull(rand.Reader, root); err != nil {
		return Header{}, "", nil, err
	}
	secret, err := newRecoverySecret()
	if err != nil {
		return Header{}, "", nil, err
	}
	rk := recoveryKEK(secret)
	defer zero(rk)
	h = Header{Version: headerVersion}
	if h.RecoveryWrap, err = wrap(rk, root, recoveryAD(h.Version)); err != nil {
		return Header{}, "", nil, err
	}
	v = newVault(root)
	if h, err = v.rewrap(h, passphrase, p); err != nil {
		v.Close()
		return Header{}, "", nil, err
	}
	recovery = formatRecovery(secret)
	zero(secret)
	return h, recovery, v, nil
}

// Unlock opens the vault with the passphrase. A wrong passphrase and a
// header changed in any bit both give ErrWrongPassphrase. A header whose
// shape or KDF parameters are refused gives ErrBadHeader or ErrKDFParams
// before any expensive work.
func Unlock(h Header, passphrase []byte) (*Vault, error) {
	if err := h.check(); err != nil {
		return nil, err
	}
	kek := h.KDF.kek(passphrase, h.Salt)
	defer zero(kek)
	root, err := unwrap(kek, h.PassWrap, h.passAD())
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	v := newVault(root)
	if !v.verifyMAC(h) {
		v.Close()
		return nil, ErrWrongPassphrase
	}
	return v, nil
}

// UnlockRecovery opens the vault with the recovery key. A malformed key
// (typo) gives ErrBadRecoveryKey; a well-formed key that does not fit, or
// a changed header, gives ErrWrongRecoveryKey.
func UnlockRecovery(h Header, recovery string) (*Vault, error) {
	if err := h.check(); err != nil {
		return nil, err
	}
	secret, err := parseRecovery(recovery)
	if err != nil {
		return nil, err
	}
	rk := recoveryKEK(secret)
	zero(secret)
	defer zero(rk)
	root, err := unwrap(rk, h.RecoveryWrap, recoveryAD(h.Version))
	if err != nil {
		return nil, ErrWrongRecoveryKey
	}
	v := newVault(root)
	if !v.verifyMAC(h) {
		v.Close()
		return nil, ErrWrongRecoveryKey
	}
	return v, nil
}

// Rotate makes a new vault key for the same data and returns the header
// that wraps it under passphrase (parameters p) and under a new recovery
// key, the recovery key (shown once), and the new Vault. Changing the
// passphrase or the recovery key goes through here rather than re-wrapping
// the old vault key: anyone who ever had the old passphrase and a copy of
// the old header (a backup, a carved file) would otherwise still open the
// current data. The recovery key has to be new as well, since it is never
// stored and so the new vault key cannot be wrapped under the old one.
// The caller re-wraps every case key with RewrapCaseKey and re-seals the
// vault-level values, then stores the header, in one transaction.
func (v *Vault) Rotate(passphrase []byte, p Params) (Header, string, *Vault, error) {
	v.mu.RLock()
	closed := v.closed
	v.mu.RUnlock()
	if closed {
		return Header{}, "", nil, ErrLocked
	}
	return Create(passphrase, p)
}

// RewrapCaseKey opens a case key wrapped under v and wraps it under to (a
// vault made by Rotate). The case key itself does not change, so no sealed
// value of the case has to be re-encrypted. A key that does not open under
// v gives ErrAuth.
func (v *Vault) RewrapCaseKey(to *Vault, caseID int64, wrapped []byte) ([]byte, error) {
	v.mu.RLock()
	if v.closed {
		v.mu.RUnlock()
		return nil, ErrLocked
	}
	key, err := openWith(v.wrapKey, caseKeyAD(caseID), wrapped)
	v.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	defer zero(key)
	if len(key) != keyLen {
		return nil, ErrAuth
	}
	to.mu.RLock()
	defer to.mu.RUnlock()
	if to.closed {
		return nil, ErrLocked
	}
	return sealWith(to.wrapKey, caseKeyAD(caseID), key)
}

// Owns reports whether h was made under this vault's key (its MAC checks):
// the headers of copies of this vault's data, whatever passphrase they
// were wrapped under.
func (v *Vault) Owns(h Header) bool {
	return h.check() == nil && v.verifyMAC(h)
}

// ChangePassphrase returns a header for the new passphrase (new salt,
// parameters p) that wraps the same vault key, so no sealed value changes.
// It does not revoke the old passphrase (an old header still opens the
// vault key); the store uses Rotate instead, and this remains for
// re-wrapping a header under stronger parameters with the same passphrase.
// The recovery key stays valid. h must be this vault's current header.
func (v *Vault) ChangePassphrase(h Header, newPassphrase []byte, p Params) (Header, error) {
	if err := p.Validate(); err != nil {
		return Header{}, err
	}
	if err := v.checkOwn(h); err != nil {
		return Header{}, err
	}
	return v.rewrap(h, newPassphrase, p)
}

// NewRecoveryKey replaces the recovery key (e.g. after the printed one was
// lost or seen): the old one stops working once the returned header is
// stored. The passphrase is unchanged.
func (v *Vault) NewRecoveryKey(h Header) (Header, string, error) {
	if err := v.checkOwn(h); err != nil {
		return Header{}, "", err
	}
	secret, err := newRecoverySecret()
	if err != nil {
		return Header{}, "", err
	}
	defer zero(secret)
	rk := recoveryKEK(secret)
	defer zero(rk)
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.closed {
		return Header{}, "", ErrLocked
	}
	n := h
	if n.RecoveryWrap, err = wrap(rk, v.rootKey, recoveryAD(n.Version)); err != nil {
		return Header{}, "", err
	}
	n.MAC = v.mac(n)
	return n, formatRecovery(secret), nil
}

// Close drops every key this vault holds, and every CaseKey it handed
// out, so a view that kept one cannot read after the app locks.
func (v *Vault) Close() {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return
	}
	v.closed = true
	for _, k := range [][]byte{v.macKey, v.wrapKey, v.dataKey, v.rootKey} {
		zero(k)
	}
	v.macKey, v.wrapKey, v.dataKey, v.rootKey = nil, nil, nil, nil
	for k := range v.keys {
		zero(k.key)
		k.key = nil
	}
	v.keys = nil
}

func newVault(root []byte) *Vault {
	return &Vault{
		rootKey: root,
		macKey:  hkdfKey(root, "leakdesk vault header mac v1"),
		wrapKey: hkdfKey(root, "leakdesk vault case key wrap v1"),
		dataKey: hkdfKey(root, "leakdesk vault fields v1"),
		keys:    map[*CaseKey]struct{}{},
	}
}

// rewrap sets a new salt, parameters and passphrase wrap on h and re-MACs.
func (v *Vault) rewrap(h Header, pass []byte, p Params) (Header, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.closed {
		return Header{}, ErrLocked
	}
	n := h
	n.KDF = p
	n.Salt = make([]byte, 16)
	if _, err := io.ReadFull(rand.Reader, n.Salt); err != nil {
		return Header{}, err
	}
	kek := p.kek(pass, n.Salt)
	defer zero(kek)
	var err error
	if n.PassWrap, err = wrap(kek, v.rootKey, n.passAD()); err != nil {
		return Header{}, err
	}
	n.MAC = v.mac(n)
	return n, nil
}

// checkOwn refuses to re-sign a header that is not this vault's, which
// would otherwise bless a foreign recovery wrap.
func (v *Vault) checkOwn(h Header) error {
	if err := h.check(); err != nil {
		return err
	}
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.closed {
		return ErrLocked
	}
	if !hmac.Equal(v.mac(h), h.MAC) {
		return fmt.Errorf("%w: header does not belong to this vault", ErrBadHeader)
	}
	return nil
}

func (v *Vault) verifyMAC(h Header) bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return !v.closed && hmac.Equal(v.mac(h), h.MAC)
}

// mac must be called with v.mu held.
func (v *Vault) mac(h Header) []byte {
	m := hmac.New(sha256.New, v.macKey)
	m.Write(h.signed())
	return m.Sum(nil)
}

func wrap(kek, key, ad []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(key)+aead.Overhead())
	if _, err := io.ReadFull(rand.Reader, nonce); err != nil {
		return nil, err
	}
	return aead.Seal(nonce, nonce, key, ad), nil
}

func unwrap(kek, wrapped, ad []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, err
	}
	if len(wrapped) != wrapLen {
		return nil, ErrAuth
	}
	n := aead.NonceSize()
	key, err := aead.Open(nil, wrapped[:n], wrapped[n:], ad)
	if err != nil {
		return nil, ErrAuth
	}
	return key, nil
}

// zero overwrites key material; clear is not elided for heap memory.
func zero(b []byte) { clear(b) }
