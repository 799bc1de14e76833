package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"leakdesk/internal/incident"
	"leakdesk/internal/vault"
)

// keyring is the vault state of an encrypted store. The header is stored in
// the clear; v is nil while the store is locked.
type keyring struct {
	mu      sync.RWMutex
	header  []byte
	v       *vault.Vault
	wrapped map[int64][]byte         // every case key as stored, loaded at unlock
	keys    map[int64]*vault.CaseKey // unwrapped on first use
}

func (r *keyring) locked() bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.v == nil
}

// lock drops every key: Vault.Close zeroes the vault's subkeys and every
// case key it handed out, including those a running transaction holds.
func (r *keyring) lock() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.v != nil {
		r.v.Close()
	}
	r.v, r.wrapped, r.keys = nil, nil, nil
}

// vaultSealer seals for one transaction of an encrypted store. Case keys
// made in the transaction stay pending until it commits, so a rolled-back
// case never leaves a cached key that a later case with the same id would
// use without its wrapped form being stored.
type vaultSealer struct {
	ring    *keyring
	t       *tx
	pending map[int64]*vault.CaseKey
	wrapped map[int64][]byte
}

func newVaultSealer(r *keyring) *vaultSealer {
	return &vaultSealer{ring: r, pending: map[int64]*vault.CaseKey{}, wrapped: map[int64][]byte{}}
}

func (s *vaultSealer) Seal(table, column string, caseID, rowID int64, plain []byte) ([]byte, error) {
	ad := vault.AD{Table: table, Column: column, CaseID: caseID, RowID: rowID}
	if caseID == 0 {
		v := s.vault()
		if v == nil {
			return nil, incident.ErrLocked
		}
		b, err := v.Seal(ad, plain)
		return b, vaultErr(err)
	}
	k, err := s.key(caseID, table == "cases")
	if err != nil {
		return nil, err
	}
	b, err := k.Seal(ad, plain)
	return b, vaultErr(err)
}

func (s *vaultSealer) Open(table, column string, caseID, rowID int64, sealed []byte) ([]byte, error) {
	ad := vault.AD{Table: table, Column: column, CaseID: caseID, RowID: rowID}
	if caseID == 0 {
		v := s.vault()
		if v == nil {
			return nil, incident.ErrLocked
		}
		b, err := v.Open(ad, sealed)
		return b, vaultErr(err)
	}
	k, err := s.key(caseID, false)
	if err != nil {
		return nil, err
	}
	b, err := k.Open(ad, sealed)
	return b, vaultErr(err)
}

func (s *vaultSealer) vault() *vault.Vault {
	s.ring.mu.RLock()
	defer s.ring.mu.RUnlock()
	return s.ring.v
}

// key finds the case's key: made in this transaction, cached, stored, or
// (only when sealing the case row itself) new.
func (s *vaultSealer) key(caseID int64, create bool) (*vault.CaseKey, error) {
	if k := s.pending[caseID]; k != nil {
		return k, nil
	}
	s.ring.mu.RLock()
	v, k := s.ring.v, s.ring.keys[caseID]
	w, ok := s.ring.wrapped[caseID]
	s.ring.mu.RUnlock()
	if v == nil {
		return nil, incident.ErrLocked
	}
	if k != nil {
		return k, nil
	}
	if !ok {
		// Not in the map loaded at unlock: ask the database, which is the
		// truth (a migration in this transaction writes keys too).
		err := s.t.queryRow("SELECT wrapped FROM case_key WHERE case_id = ?", caseID).Scan(&w)
		switch {
		case err == nil:
			ok = true
		case !errors.Is(err, sql.ErrNoRows):
			return nil, err
		}
	}
	if ok {
		k, err := v.UnwrapCaseKey(caseID, w)
		if err != nil {
			return nil, caseKeyErr(caseID, vaultErr(err))
		}
		s.ring.mu.Lock()
		defer s.ring.mu.Unlock()
		if s.ring.v != v {
			k.Destroy()
			return nil, incident.ErrLocked
		}
		if have := s.ring.keys[caseID]; have != nil {
			k.Destroy()
			return have, nil
		}
		s.ring.keys[caseID] = k
		return k, nil
	}
	if !create {
		return nil, caseKeyErr(caseID, errors.New("no key stored for the case"))
	}
	k, w, err := v.NewCaseKey(caseID)
	if err != nil {
		return nil, vaultErr(err)
	}
	if _, err := s.t.exec("INSERT INTO case_key (case_id, wrapped) VALUES (?, ?)", caseID, w); err != nil {
		k.Destroy()
		return nil, err
	}
	s.pending[caseID], s.wrapped[caseID] = k, w
	return k, nil
}

// committed moves the keys made in the transaction into the ring and
// destroys those of deleted cases; rolledBack destroys the new ones.
func (s *vaultSealer) committed(deleted []int64) {
	s.ring.mu.Lock()
	defer s.ring.mu.Unlock()
	if s.ring.v == nil {
		// Locked meanwhile: Vault.Close already zeroed the pending keys.
		return
	}
	for id, k := range s.pending {
		s.ring.keys[id], s.ring.wrapped[id] = k, s.wrapped[id]
	}
	for _, id := range deleted {
		if k := s.ring.keys[id]; k != nil {
			k.Destroy()
		}
		delete(s.ring.keys, id)
		delete(s.ring.wrapped, id)
	}
	clear(s.pending)
}

func (s *vaultSealer) rolledBack() {
	for _, k := range s.pending {
		k.Destroy()
	}
	clear(s.pending)
}

func vaultErr(err error) error {
	if errors.Is(err, vault.ErrLocked) {
		return incident.ErrLocked
	}
	return err
}

func caseKeyErr(caseID int64, err error) error {
	if _, ok := err.(*incident.Error); ok {
		return err
	}
	return incident.Errorf(incident.CodeDamaged,
		fmt.Sprintf("案件 %d 的密钥无法使用，它的内容打不开。请从备份恢复。", caseID),
		fmt.Sprintf("The key of case %d cannot be used, so its content cannot be opened. Restore a backup.", caseID), err)
}

// Settings are vault-level values (case 0). In an encrypted store each is
// kept as the domain's incident.ClassifySetting says: personal ones sealed
// ("sealed:v1:" + base64), guarded ones clear but followed by a sealed copy
// that authenticates them ("authed:v1:" + base64 + ":" + value), display
// ones as given.
const (
	sealedSettingPrefix = "sealed:v1:"
	authedSettingPrefix = "authed:v1:"
)

// errSettingTampered marks a guarded setting whose value does not match its
// sealed copy (or has none) in an unlocked, encrypted store: it was changed
// without the passphrase, so Setting reports it unset and the default
// applies.
var errSettingTampered = errors.New("setting changed without the passphrase")

func sealSetting(s Sealer, key, value string) (string, error) {
	vs, ok := s.(*vaultSealer)
	class := incident.ClassifySetting(key)
	if !ok || class == incident.SettingDisplay {
		return value, nil
	}
	b, err := vs.Seal("setting", key, 0, 0, []byte(value))
	if err != nil {
		return "", sealErr(err, "setting", key, 0)
	}
	enc := base64.StdEncoding.EncodeToString(b)
	if class == incident.SettingGuarded {
		return authedSettingPrefix + enc + ":" + value, nil
	}
	return sealedSettingPrefix + enc, nil
}

// openSetting reads a stored setting. With trustClear (only when sealing a
// store that was upgraded, sealPending) an unauthenticated guarded value
// is taken as it is.
func openSetting(s Sealer, key, value string, trustClear bool) (string, error) {
	vs, inVault := s.(*vaultSealer)
	if rest, ok := strings.CutPrefix(value, sealedSettingPrefix); ok {
		if !inVault {
			return "", sealErr(errors.New("sealed setting in a store without a vault"), "setting", key, 0)
		}
		return openSealedSetting(vs, key, rest)
	}
	if rest, ok := strings.CutPrefix(value, authedSettingPrefix); ok {
		enc, clear, found := strings.Cut(rest, ":")
		if !found {
			return "", sealErr(errors.New("malformed authenticated setting"), "setting", key, 0)
		}
		if !inVault || vs.vault() == nil {
			// Locked (or the vault was turned off): the lock screen may use
			// the value; it is checked once the store is unlocked.
			return clear, nil
		}
		want, err := openSealedSetting(vs, key, enc)
		if err != nil || want != clear {
			return "", errSettingTampered
		}
		return clear, nil
	}
	if !inVault {
		return value, nil
	}
	switch incident.ClassifySetting(key) {
	case incident.SettingPersonal:
		// Never take a clear value where a sealed one belongs: it could
		// only have been put there without the passphrase (F6). The one
		// exception is the public receiving key, which schema 4 kept in the
		// clear, while a store is upgraded; AgeIdentity re-derives it from
		// the (sealed) secret anyway.
		if !trustClear || key != incident.SettingAgePublic {
			return "", sealErr(errors.New("clear value in a sealed setting"), "setting", key, 0)
		}
	case incident.SettingGuarded:
		if !trustClear && vs.vault() != nil {
			return "", errSettingTampered
		}
	}
	return value, nil
}

func openSealedSetting(vs *vaultSealer, key, enc string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return "", sealErr(err, "setting", key, 0)
	}
	b, err := vs.Open("setting", key, 0, 0, raw)
	if err != nil {
		return "", sealErr(err, "setting", key, 0)
	}
	return string(b), nil
}

// readHeader returns the stored vault header, nil when not encrypted.
func readHeader(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) ([]byte, error) {
	var h []byte
	err := q.QueryRowContext(ctx, "SELECT header FROM vault WHERE id = 1").Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return h, err
}
