package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"

	"leakdesk/internal/incident"
	"leakdesk/internal/vault"
)

var _ incident.Locker = (*Store)(nil)

// Encrypted reports whether the store has a vault.
func (s *Store) Encrypted() bool { return s.ring.Load() != nil }

// Locked reports whether the store is encrypted and its keys are dropped.
func (s *Store) Locked() bool {
	r := s.ring.Load()
	return r != nil && r.locked()
}

// Lock drops every key held in memory. Transactions still running fail
// with ErrLocked at their next sealed value and roll back.
func (s *Store) Lock() {
	if r := s.ring.Load(); r != nil {
		r.lock()
	}
}

// Unlock opens the vault with the passphrase.
func (s *Store) Unlock(passphrase []byte) error {
	return s.unlock(withPassphrase(passphrase))
}

// UnlockRecovery opens the vault with the recovery key.
func (s *Store) UnlockRecovery(recoveryKey string) error {
	return s.unlock(func(h vault.Header) (*vault.Vault, error) { return vault.UnlockRecovery(h, recoveryKey) })
}

// openVault opens the vault of the current header with open (a passphrase
// or the recovery key); the caller closes the vault. It returns the ring,
// the header's bytes and parsed form, since callers rewrite or replace them.
func (s *Store) openVault(open func(vault.Header) (*vault.Vault, error)) (*keyring, []byte, vault.Header, *vault.Vault, error) {
	r := s.ring.Load()
	if r == nil {
		return nil, nil, vault.Header{}, nil, notEncrypted()
	}
	r.mu.RLock()
	hb := r.header
	r.mu.RUnlock()
	h, err := parseHeader(hb)
	if err != nil {
		return nil, nil, vault.Header{}, nil, err
	}
	v, err := open(h)
	if err != nil {
		return nil, nil, vault.Header{}, nil, unlockErr(err)
	}
	return r, hb, h, v, nil
}

func withPassphrase(pass []byte) func(vault.Header) (*vault.Vault, error) {
	return func(h vault.Header) (*vault.Vault, error) { return vault.Unlock(h, pass) }
}

func (s *Store) unlock(open func(vault.Header) (*vault.Vault, error)) error {
	r, _, h, v, err := s.openVault(open)
	if err != nil {
		return err
	}
	ctx := context.Background()
	wrapped, err := s.loadWrapped(ctx)
	if err != nil {
		v.Close()
		return mapErr(err)
	}
	if err := s.verifyVault(ctx, v, h, wrapped); err != nil {
		v.Close()
		return err
	}
	r.mu.Lock()
	if r.v != nil {
		r.v.Close()
	}
	r.v, r.wrapped, r.keys = v, wrapped, map[int64]*vault.CaseKey{}
	r.mu.Unlock()
	if err := s.finishPending(context.Background(), r); err != nil {
		// Nothing may read a half-upgraded store: stay locked and say why.
		r.lock()
		return err
	}
	if err := s.ensureManifests(context.Background(), r); err != nil {
		r.lock()
		return err
	}
	return nil
}

// finishPending seals what migration 0005 could not (it needs the vault
// key) at the first unlock after the upgrade: one transaction, so a crash
// leaves the mark and the next unlock does it all again. The clear pages
// are then scrubbed out of the file.
func (s *Store) finishPending(ctx context.Context, r *keyring) error {
	var n int
	if err := s.rdb.QueryRowContext(ctx, "SELECT count(*) FROM seal_pending").Scan(&n); err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return nil
	}
	s.modeMu.Lock()
	defer s.modeMu.Unlock()
	vs := newVaultSealer(r)
	err := s.rawUpdate(ctx, func(sqlTx *sql.Tx) error {
		t := newTx(ctx, sqlTx, vs)
		defer t.close()
		vs.t = t
		return s.sealPending(t, vs)
	})
	if err != nil {
		vs.rolledBack()
		return err
	}
	vs.committed(nil)
	s.scrub(ctx)
	return nil
}

func (s *Store) loadWrapped(ctx context.Context) (map[int64][]byte, error) {
	rows, err := s.rdb.QueryContext(ctx, "SELECT case_id, wrapped FROM case_key")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]byte{}
	for rows.Next() {
		var id int64
		var w []byte
		if err := rows.Scan(&id, &w); err != nil {
			return nil, err
		}
		out[id] = w
	}
	return out, rows.Err()
}

func parseHeader(b []byte) (vault.Header, error) {
	h, err := vault.ParseHeader(b)
	if err != nil {
		return vault.Header{}, unlockErr(err)
	}
	return h, nil
}

// unlockErr gives one answer for every authentication failure, and a
// different one only for a header that no passphrase could open.
func unlockErr(err error) error {
	switch {
	case errors.Is(err, vault.ErrBadHeader), errors.Is(err, vault.ErrKDFParams):
		return incident.Errorf(incident.CodeDamaged,
			"加密数据的文件头已损坏或参数超出范围，任何口令都无法打开。请从备份恢复。",
			"The encrypted data's header is damaged or asks for too much work; no passphrase can open it. Restore a backup.", err)
	case errors.Is(err, vault.ErrWrongPassphrase), errors.Is(err, vault.ErrWrongRecoveryKey),
		errors.Is(err, vault.ErrBadRecoveryKey), errors.Is(err, vault.ErrAuth):
		return incident.ErrWrongPassphrase
	}
	return err
}

func notEncrypted() error {
	return incident.Errorf(incident.CodeInvalid, "数据没有设置口令。", "No passphrase is set for this data.", nil)
}

func (s *Store) kdf() vault.Params {
	if s.opts.KDF != (vault.Params{}) {
		return s.opts.KDF
	}
	return vault.DefaultParams()
}

// ChangePassphrase gives the data a new vault key, wrapped under the new
// passphrase and a new recovery key (returned, to be shown once), and
// re-keys every backup: an old header, with the old passphrase or the old
// recovery key, no longer opens anything the app keeps (issue 17, F2).
// Only the wrapped case keys and the few vault-level values change, in one
// transaction; no case value is re-encrypted.
func (s *Store) ChangePassphrase(ctx context.Context, oldPass, newPass []byte) (string, error) {
	if s.ring.Load() == nil {
		return "", notEncrypted()
	}
	if err := checkNewPassphrase(newPass); err != nil {
		return "", err
	}
	return s.rotate(ctx, withPassphrase(oldPass), newPass)
}

// NewRecoveryKey replaces the recovery key (after the paper was lost or
// seen) the same way: a new vault key under the same passphrase and a new
// recovery key. Errors: CodeWrongPassphrase.
func (s *Store) NewRecoveryKey(ctx context.Context, passphrase []byte) (string, error) {
	if s.ring.Load() == nil {
		return "", notEncrypted()
	}
	return s.rotate(ctx, withPassphrase(passphrase), passphrase)
}

func checkNewPassphrase(p []byte) error { return incident.CheckNewPassphrase(p) }

// EnableEncryption seals every personal value of the store under a new
// vault, after a backup, in one transaction: a crash leaves the store all
// clear or all sealed. The clear backups leakdesk made earlier are then
// removed (a fresh, sealed one replaces them) and the file is vacuumed, so
// no clear copy stays in its care.
func (s *Store) EnableEncryption(ctx context.Context, passphrase []byte) (string, error) {
	if err := s.canEncrypt(); err != nil {
		return "", err
	}
	if s.Encrypted() {
		return "", incident.Errorf(incident.CodeInvalid, "数据已经设置了口令。", "A passphrase is already set.", nil)
	}
	if err := checkNewPassphrase(passphrase); err != nil {
		return "", err
	}
	h, recovery, v, err := vault.Create(passphrase, s.kdf())
	if err != nil {
		return "", err
	}
	hb, err := h.MarshalBinary()
	if err != nil {
		v.Close()
		return "", err
	}
	ring := &keyring{header: hb, v: v, wrapped: map[int64][]byte{}, keys: map[int64]*vault.CaseKey{}}
	s.modeMu.Lock()
	defer s.modeMu.Unlock()
	if err := s.autoBackup(ctx, true); err != nil {
		v.Close()
		return "", err
	}
	to := newVaultSealer(ring)
	err = s.rawUpdate(ctx, func(sqlTx *sql.Tx) error {
		t := newTx(ctx, sqlTx, to)
		defer t.close()
		to.t = t
		if _, err := t.exec("INSERT INTO vault (id, header) VALUES (1, ?)", hb); err != nil {
			return err
		}
		if err := s.reseal(t, s.opts.Sealer, to); err != nil {
			return err
		}
		if err := writeVaultCheck(t, to); err != nil {
			return err
		}
		return establishManifests(t, to)
	})
	if err != nil {
		to.rolledBack()
		v.Close()
		return "", err
	}
	s.hook("enable-committed")
	to.committed(nil)
	s.ring.Store(ring)
	s.afterEncrypt(ctx)
	return recovery, nil
}

// DisableEncryption opens every value again, after a (sealed) backup, in
// one transaction, and removes the vault and every case key.
func (s *Store) DisableEncryption(ctx context.Context, passphrase []byte) error {
	r, hb, _, v, err := s.openVault(withPassphrase(passphrase))
	if err != nil {
		return err
	}
	ring := &keyring{header: hb, v: v, keys: map[int64]*vault.CaseKey{}}
	defer ring.lock()
	if ring.wrapped, err = s.loadWrapped(ctx); err != nil {
		return mapErr(err)
	}
	s.modeMu.Lock()
	defer s.modeMu.Unlock()
	if err := s.autoBackup(ctx, true); err != nil {
		return err
	}
	from := newVaultSealer(ring)
	err = s.rawUpdate(ctx, func(sqlTx *sql.Tx) error {
		t := newTx(ctx, sqlTx, from)
		defer t.close()
		from.t = t
		if err := s.sealPending(t, from); err != nil {
			return err
		}
		if err := s.reseal(t, from, s.opts.Sealer); err != nil {
			return err
		}
		_, err := t.exec("DELETE FROM case_key; DELETE FROM vault; DELETE FROM case_manifest; DELETE FROM setting WHERE key IN ('" + settingRevoked + "', '" + settingCheck + "', '" + settingManifest + "')")
		return err
	})
	if err != nil {
		return err
	}
	s.hook("disable-committed")
	s.ring.Store(nil)
	r.lock()
	// The sealed backups stay: they open with the passphrase they were
	// made under, and hold nothing the clear store does not.
	s.scrub(ctx)
	return nil
}

// canEncrypt refuses a store opened with a custom Sealer (tests): the two
// would fight over the same columns.
func (s *Store) canEncrypt() error {
	if _, ok := s.opts.Sealer.(Identity); !ok {
		return incident.Errorf(incident.CodeInvalid, "这个数据存储不支持加密。", "This store cannot be encrypted.", nil)
	}
	return nil
}

// afterEncrypt scrubs the clear pages out of the file and replaces the
// clear backups (the earlier ones and the one made just before the
// migration) with a sealed one. Failures here leave the store sealed and
// correct, so they are logged rather than returned.
func (s *Store) afterEncrypt(ctx context.Context) {
	s.scrub(ctx)
	s.dropClearBackups(ctx)
}

// scrub makes deleted or replaced content leave the files: the WAL is
// checkpointed and truncated (with secure_delete, freed pages are zeroed,
// but the WAL still holds the old page images), then VACUUM rebuilds the
// file and the WAL is truncated again. Failures are logged: the data is
// correct either way, only old bytes may linger.
func (s *Store) scrub(ctx context.Context) {
	for _, q := range []string{"PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"} {
		if _, err := s.wdb.ExecContext(context.WithoutCancel(ctx), q); err != nil {
			s.opts.Logf("leakdesk: %s: %v", q, err)
			return
		}
	}
}

// rawUpdate runs fn in one write transaction on the writer connection.
func (s *Store) rawUpdate(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.wdb.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

// hook runs the test-only crash hook.
func (s *Store) hook(stage string) {
	if s.opts.vaultHook != nil {
		s.opts.vaultHook(stage)
	}
}

// dropClearBackups finishes what afterEncrypt may not have: a crash between
// sealing the store and replacing the clear backups would otherwise leave
// every victim's details readable in backups/ of an encrypted store.
func (s *Store) dropClearBackups(ctx context.Context) {
	list, err := Backups(s.dir)
	if err != nil {
		s.opts.Logf("leakdesk: listing backups: %v", err)
		return
	}
	var clear []BackupInfo
	sealed := false
	// Damaged copies kept by Restore are listed nowhere else; a clear one
	// holds every victim's details (issue 17, F9). Whether one is clear is
	// told by the vault header's magic, since SQLite cannot be trusted to
	// read a damaged file.
	if files, err := backupFiles(s.dir); err == nil {
		for _, p := range files {
			if strings.HasPrefix(filepath.Base(p), damagedPrefix) && !hasVaultMagic(p) {
				clear = append(clear, BackupInfo{Path: p})
			}
		}
	}
	for _, b := range list {
		switch snapshotSealed(ctx, b.Path) {
		case snapshotIsSealed:
			sealed = true
		case snapshotIsClear:
			clear = append(clear, b)
		}
	}
	if len(clear) == 0 {
		return
	}
	if !sealed {
		path, err := newBackupPath(s.dir, s.clock.Now(), backupPrefix)
		if err == nil {
			err = s.Backup(ctx, path)
		}
		if err != nil {
			s.opts.Logf("leakdesk: sealed backup failed; clear backups are kept: %v", err)
			return
		}
	}
	for _, b := range clear {
		if err := removeBackupFile(b.Path); err != nil {
			s.opts.Logf("leakdesk: removing clear backup %s: %v", b.Path, err)
		}
	}
}

type snapshotKind int

const (
	snapshotUnknown snapshotKind = iota // unreadable: never deleted on a guess
	snapshotIsClear
	snapshotIsSealed
)

// snapshotSealed tells whether a backup carries a vault header; a snapshot
// from before the vault existed has no vault table and is clear.
func snapshotSealed(ctx context.Context, path string) snapshotKind {
	db, err := sql.Open("sqlite", checkDSN(path))
	if err != nil {
		return snapshotUnknown
	}
	defer db.Close()
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'vault'").Scan(&tables); err != nil {
		return snapshotUnknown
	}
	if tables == 0 {
		return snapshotIsClear
	}
	h, err := readHeader(ctx, db)
	switch {
	case err != nil:
		return snapshotUnknown
	case h == nil:
		return snapshotIsClear
	}
	return snapshotIsSealed
}
