package incident

import (
	"context"
	"strings"

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
// at rest (docs/architecture.md, "Seams"). A store without encryption need not
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
	// ChangePassphrase gives the data a new vault key under the new
	// passphrase and a new recovery key (returned, shown once), and re-keys
	// the backups, so the old passphrase and recovery key open nothing the
	// app keeps. Errors: CodeWrongPassphrase, CodeInvalid (too weak).
	ChangePassphrase(ctx context.Context, oldPass, newPass []byte) (recoveryKey string, err error)
	// NewRecoveryKey replaces the recovery key the same way, keeping the
	// passphrase. Errors: CodeWrongPassphrase.
	NewRecoveryKey(ctx context.Context, passphrase []byte) (recoveryKey string, err error)
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

// PassphraseLevel is the strength meter's word for score in lang ("zh" or
// "en"); PassphraseStrength's hints start with the same word.
func PassphraseLevel(score int, lang string) string {
	zh, en := vault.Level(score)
	if lang == "en" {
		return en
	}
	return zh
}

// MinPassphraseScore is the floor for a new passphrase, the store's and a
// hand-off bundle's alike: "good" (about 50 bits by vault.Strength's
// estimate), since a stolen laptop's store or an intercepted bundle can be
// attacked offline for as long as the thief likes.
const MinPassphraseScore = 3

// CheckNewPassphrase is the one rule for a new passphrase, used by the
// store (so the GUI and the command line cannot differ) and by the GUI's
// form for early feedback. Errors: CodeInvalid, with the strength hint.
func CheckNewPassphrase(p []byte) error {
	if len(p) == 0 {
		return Errorf(CodeInvalid, "口令不能为空。", "The passphrase cannot be empty.", nil)
	}
	if score, zh, en := vault.Strength(string(p)); score < MinPassphraseScore {
		return Errorf(CodeInvalid, "口令太容易被猜到，没有采用。"+zh+"例如用几个互不相关的词，或一句较长的话。",
			"This passphrase is too easy to guess and was not used. "+en+" For example, use a few unrelated words or a longer sentence.", nil)
	}
	return nil
}

// SettingAgePublic is this install's age public key for receiving hand-off
// bundles and settingAgeSecret the matching secret key. Both are personal
// settings, sealed with the vault key when a passphrase is set: swapping
// the pair without the passphrase would make the next bundle a colleague
// sends readable by someone else. Showing the key needs the secret anyway
// (AgeIdentity), so nothing needs the public half while locked.
const (
	SettingAgePublic = "handoff.age_public"
	settingAgeSecret = "handoff.age_secret"
)

// SettingClass says how an encrypted store keeps a setting. The domain
// declares it, so the store never needs to know the UI's keys.
type SettingClass int

const (
	// SettingPersonal is sealed with the vault key: anything not declared
	// otherwise below. A clear value in its place is refused.
	SettingPersonal SettingClass = iota
	// SettingDisplay stays in the clear and unauthenticated: the lock
	// screen needs it and it says nothing about anyone (language, theme).
	SettingDisplay
	// SettingGuarded stays readable while locked but is authenticated with
	// the vault key: once unlocked, a value changed without the passphrase
	// is ignored and the default applies (the auto-lock timers could
	// otherwise be switched off quietly).
	SettingGuarded
)

// The display settings, and the prefix of the lock's own settings (the UI
// names those, e.g. "lock.idle_minutes"). Every other key, "ui.intake.draft"
// included, is personal.
const (
	SettingLang       = "ui.lang"
	SettingTheme      = "ui.theme"
	SettingPrefixLock = "lock."
)

// ClassifySetting returns how an encrypted store keeps key.
// SettingVaultRevoked lists the vault headers a passphrase or recovery-key
// change replaced (MAC prefixes, nothing secret). The store reads it before
// unlocking, to drop backups still under a revoked header.
const SettingVaultRevoked = "vault.revoked"

func ClassifySetting(key string) SettingClass {
	switch {
	case key == SettingLang, key == SettingTheme, key == SettingVaultRevoked:
		return SettingDisplay
	case strings.HasPrefix(key, SettingPrefixLock), key == SettingMaxEvidenceSize:
		return SettingGuarded
	}
	return SettingPersonal
}

// AgeIdentity returns this install's key pair for receiving hand-off
// bundles, making it with generate on first use. Both are stored in one
// transaction, so two callers never end up with different keys. The
// public key is re-derived from the secret with publicOf: a stored public
// key that does not belong to the secret is replaced by the one that does.
// Errors: CodeLocked, CodeDamaged (a key replaced by a clear value).
func (s *Service) AgeIdentity(ctx context.Context, generate func() (secret, public string, err error),
	publicOf func(secret string) (string, error)) (secret, public string, err error) {
	err = s.store.Update(ctx, func(tx Tx) error {
		sec, ok, err := tx.Setting(settingAgeSecret)
		if err != nil {
			return err
		}
		pub, _, err := tx.Setting(SettingAgePublic)
		if err != nil {
			return err
		}
		if ok && sec != "" {
			derived, err := publicOf(sec)
			if err != nil {
				return Errorf(CodeDamaged, "本机接收密钥已损坏。", "This install's receiving key is damaged.", err)
			}
			secret, public = sec, derived
			if pub == derived {
				return nil
			}
			return tx.SetSetting(SettingAgePublic, derived)
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
