package incident

import (
	"context"

	"leakdesk/internal/vault"
)

// CodeWrongPassphrase is the one answer to a wrong passphrase or recovery
// key; it deliberately does not say which part was wrong.
const CodeWrongPassphrase Code = "wrong-passphrase"

// ErrWrongPassphrase is returned by every unlock that fails authentication.
var ErrWrongPassphrase = &Error{Code: CodeWrongPassphrase,
	ZH: "口令或恢复密钥不正确。", EN: "The passphrase or recovery key is not correct."}

// ErrLocked is returned when personal content is needed while the store is locked.
var ErrLocked = &Error{Code: CodeLocked,
	ZH: "数据已锁定，请先输入口令解锁。", EN: "The data is locked; unlock it with the passphrase first."}

// Locker is implemented by stores that can keep personal content encrypted
// at rest (see RELIABILITY.md). A store without encryption need not
// implement it.
type Locker interface {
	// Encrypted reports whether a passphrase is set.
	Encrypted() bool
	// Locked reports whether the keys are dropped (always false when not encrypted).
	Locked() bool
	// Unlock opens the vault with the passphrase. Errors: CodeWrongPassphrase.
	Unlock(passphrase []byte) error
	// UnlockRecovery opens the vault with the recovery key. Errors: CodeWrongPassphrase.
	UnlockRecovery(recoveryKey string) error
	// Lock drops every key held in memory.
	Lock()
	// EnableEncryption seals every row after a backup and returns the
	// recovery key, shown once. Errors: CodeInvalid (already encrypted).
	EnableEncryption(ctx context.Context, passphrase []byte) (recoveryKey string, err error)
	// DisableEncryption opens every row again after a backup. Errors: CodeWrongPassphrase.
	DisableEncryption(ctx context.Context, passphrase []byte) error
	// ChangePassphrase re-wraps the vault key only. Errors: CodeWrongPassphrase.
	ChangePassphrase(ctx context.Context, oldPass, newPass []byte) error
}

// Locker returns the store's encryption controls, if it has them.
func (s *Service) Locker() (Locker, bool) {
	l, ok := s.store.(Locker)
	return l, ok
}

// Locked reports whether the store is locked.
func (s *Service) Locked() bool {
	l, ok := s.Locker()
	return ok && l.Locked()
}

// PassphraseStrength estimates a passphrase: a score 0–4 and a hint in
// both languages.
func PassphraseStrength(p string) (score int, hintZH, hintEN string) {
	return vault.Strength(p)
}

// SettingAgePublic is this install's age public key for receiving hand-off
// bundles; it stays in the clear so it can be shown while locked.
// settingAgeSecret holds the matching secret key, sealed with the vault
// key when a passphrase is set.
const (
	SettingAgePublic = "handoff.age_public"
	settingAgeSecret = "handoff.age_secret"
)

// AgeIdentity returns this install's key pair for receiving hand-off
// bundles, making it with generate on first use. Both are stored in one
// transaction, so two callers never end up with different keys.
// Errors: CodeLocked.
func (s *Service) AgeIdentity(ctx context.Context, generate func() (secret, public string, err error)) (secret, public string, err error) {
	err = s.store.Update(ctx, func(tx Tx) error {
		sec, ok, err := tx.Setting(settingAgeSecret)
		if err != nil {
			return err
		}
		pub, okPub, err := tx.Setting(SettingAgePublic)
		if err != nil {
			return err
		}
		if ok && okPub && sec != "" {
			secret, public = sec, pub
			return nil
		}
		if secret, public, err = generate(); err != nil {
			return err
		}
		if err := tx.SetSetting(settingAgeSecret, secret); err != nil {
			return err
		}
		return tx.SetSetting(SettingAgePublic, public)
	})
	return secret, public, err
}
