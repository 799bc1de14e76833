// Package vault holds leakdesk's encryption at rest: the key hierarchy, the
// vault header stored in the database, and the sealing of personal content.
//
// Key hierarchy (docs/architecture.md, "Seams"):
//
//	passphrase ──Argon2id(salt, Params)──► KEK ──┐
//	                                              ├─ XChaCha20-Poly1305 wrap ─► vault key (32 random bytes)
//	recovery key ──HKDF-SHA256──────────► RKEK ──┘
//	vault key ──HKDF──► header MAC key, case-key wrapping key, vault-level field key
//	case key (32 random bytes per case) ── wrapped by the vault ─► stored with the case
//
// Case keys are random rather than derived so that deleting the wrapped key
// of a case really makes its sealed rows unreadable, even to someone who
// later learns the passphrase.
//
// The package is pure: no SQL, no UI, no files. The store keeps the
// [Header] (as bytes from [Header.MarshalBinary] or as JSON text) and one
// wrapped key per case, and passes every personal field through
// [CaseKey.Seal] / [CaseKey.Open] with an [AD] naming where the value lives.
//
// Errors: [Unlock] returns [ErrWrongPassphrase] for a wrong passphrase and for
// any change to the header alike, so the message cannot be used as an
// oracle. Structural problems that do not depend on the passphrase (a
// malformed header, KDF parameters above the caps) have their own errors
// ([ErrBadHeader], [ErrKDFParams]) so the user is not told to retype a
// passphrase that cannot help.
//
// Zeroing: [Vault.Close] and [CaseKey.Destroy] overwrite the key bytes this
// package holds. Go cannot promise more: the AEAD values built for each call
// keep a short-lived copy of the key on the heap until the garbage collector
// reuses it, and the runtime may have copied the slices while moving stacks.
package vault
