package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"leakdesk/internal/incident"
	"leakdesk/internal/vault"
)

// settingRevoked lists the headers this store's vault has replaced (the
// first 16 bytes of their MACs, hex, newest last). It is clear, since it is
// read before unlocking: a backup still carrying one of them (a crash
// between re-keying the store and its backups) is removed at the next open,
// and a store whose own header is on it has been rolled back.
const settingRevoked = incident.SettingVaultRevoked

const keepRevoked = 32

// settingCheck is a sealed value written with every new vault key: an
// unlock whose vault cannot open it has a header that is not the data's
// (a rollback), whatever state the case keys are in.
const settingCheck = "vault.check"

func writeVaultCheck(t *tx, vs *vaultSealer) error {
	v, err := sealSetting(vs, settingCheck, vaultCheckV1)
	if err != nil {
		return err
	}
	_, err = t.exec("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", settingCheck, v)
	return err
}

// rotate is ChangePassphrase and NewRecoveryKey: open the vault with open,
// make a new vault key (vault.Rotate) under newPass, re-wrap every case key
// and re-seal the vault-level settings in one transaction, then re-key
// every backup the same way.
func (s *Store) rotate(ctx context.Context, open func(vault.Header) (*vault.Vault, error), newPass []byte) (string, error) {
	r, hb, h, old, err := s.openVault(open)
	if err != nil {
		return "", err
	}
	defer old.Close()
	nh, recovery, nv, err := old.Rotate(newPass, s.kdf())
	if err != nil {
		return "", err
	}
	nb, err := nh.MarshalBinary()
	if err != nil {
		nv.Close()
		return "", err
	}
	s.modeMu.Lock()
	defer s.modeMu.Unlock()
	err = s.rawUpdate(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE vault SET header = ? WHERE id = 1 AND header = ?", nb, hb)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return incident.Errorf(incident.CodeConflict, "口令刚被另一处修改，请重试。",
				"The passphrase was changed elsewhere meanwhile; try again.", nil)
		}
		if err := rekeyRows(ctx, tx, old, nv); err != nil {
			return err
		}
		if err := addRevoked(ctx, tx, h); err != nil {
			return err
		}
		// A store encrypted before the check value existed gets it now.
		cb, err := nv.Seal(vault.AD{Table: "setting", Column: settingCheck}, []byte(vaultCheckV1))
		if err != nil {
			return err
		}
		// One re-sealed by rekeyRows stays as it was: it may say that the
		// store's manifests exist (manifest.go).
		if _, err := tx.ExecContext(ctx, "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
			settingCheck, sealedSettingPrefix+base64.StdEncoding.EncodeToString(cb)); err != nil {
			return err
		}
		s.hook("passphrase")
		return nil
	})
	if err != nil {
		nv.Close()
		return "", err
	}
	s.hook("passphrase-committed")
	s.rekeyBackups(ctx, old, nv, nb, h)
	// The old pages (old wrapped keys, the old header) leave the live file.
	s.scrub(ctx)

	r.mu.Lock()
	defer r.mu.Unlock()
	r.header = nb
	if r.v == nil {
		// Changed while locked (the command line): stay locked.
		nv.Close()
		return recovery, nil
	}
	// The case keys themselves did not change, but the cached ones belong
	// to the old vault; they are unwrapped again on first use.
	wrapped, err := s.loadWrapped(ctx)
	if err != nil {
		// The change is committed; the next unlock reloads them.
		r.v.Close()
		r.v, r.wrapped, r.keys = nil, nil, nil
		nv.Close()
		return recovery, nil
	}
	r.v.Close()
	r.v, r.wrapped, r.keys = nv, wrapped, map[int64]*vault.CaseKey{}
	return recovery, nil
}

// rekeyRows re-wraps every case key from old to nv and re-seals every
// sealed vault-level setting, inside the caller's transaction. It is used
// on the store and on each backup, so both end up under the same key.
func rekeyRows(ctx context.Context, tx *sql.Tx, old, nv *vault.Vault) error {
	type kv struct {
		id  int64
		key string
		b   []byte
	}
	var keys []kv
	rows, err := tx.QueryContext(ctx, "SELECT case_id, wrapped FROM case_key")
	if err != nil {
		return err
	}
	for rows.Next() {
		var k kv
		if err := rows.Scan(&k.id, &k.b); err != nil {
			rows.Close()
			return err
		}
		keys = append(keys, k)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, k := range keys {
		w, err := old.RewrapCaseKey(nv, k.id, k.b)
		if err != nil {
			return caseKeyErr(k.id, vaultErr(err))
		}
		if _, err := tx.ExecContext(ctx, "UPDATE case_key SET wrapped = ? WHERE case_id = ?", w, k.id); err != nil {
			return err
		}
	}
	// Sealed settings, and the sealed copy that authenticates a guarded
	// one ("authed:v1:" + base64 + ":" + clear value).
	type setting struct {
		kv
		prefix, tail string
	}
	var sets []setting
	rows, err = tx.QueryContext(ctx, "SELECT key, value FROM setting WHERE value LIKE ? OR value LIKE ?", sealedSettingPrefix+"%", authedSettingPrefix+"%")
	if err != nil {
		return err
	}
	for rows.Next() {
		var k setting
		var v string
		if err := rows.Scan(&k.key, &v); err != nil {
			rows.Close()
			return err
		}
		enc := ""
		if rest, ok := strings.CutPrefix(v, sealedSettingPrefix); ok {
			k.prefix, enc = sealedSettingPrefix, rest
		} else {
			rest := strings.TrimPrefix(v, authedSettingPrefix)
			var clearPart string
			enc, clearPart, _ = strings.Cut(rest, ":")
			k.prefix, k.tail = authedSettingPrefix, ":"+clearPart
		}
		if k.b, err = base64.StdEncoding.DecodeString(enc); err != nil {
			rows.Close()
			return sealErr(err, "setting", k.key, 0)
		}
		sets = append(sets, k)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, k := range sets {
		ad := vault.AD{Table: "setting", Column: k.key}
		plain, err := old.Open(ad, k.b)
		if err != nil {
			return sealErr(vaultErr(err), "setting", k.key, 0)
		}
		b, err := nv.Seal(ad, plain)
		clear(plain)
		if err != nil {
			return sealErr(vaultErr(err), "setting", k.key, 0)
		}
		v := k.prefix + base64.StdEncoding.EncodeToString(b) + k.tail
		if _, err := tx.ExecContext(ctx, "UPDATE setting SET value = ? WHERE key = ?", v, k.key); err != nil {
			return err
		}
	}
	return rekeyVaultRows(ctx, tx, old, nv)
}

// rekeyVaultRows re-seals the rows sealed under the vault key itself (case
// 0): the matters (0009). A backup made before 0009 has no such table.
func rekeyVaultRows(ctx context.Context, tx *sql.Tx, old, nv *vault.Vault) error {
	for _, st := range sealedTables() {
		if st.caseID != "0" {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", st.name).Scan(&n); err != nil || n == 0 {
			return err
		}
		type row struct {
			id   int64
			vals [][]byte
		}
		var all []row
		rows, err := tx.QueryContext(ctx, "SELECT id, "+strings.Join(st.cols, ", ")+" FROM "+st.name)
		if err != nil {
			return err
		}
		for rows.Next() {
			r := row{vals: make([][]byte, len(st.cols))}
			dst := []any{&r.id}
			for i := range r.vals {
				dst = append(dst, &r.vals[i])
			}
			if err := rows.Scan(dst...); err != nil {
				rows.Close()
				return err
			}
			all = append(all, r)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		upd := "UPDATE " + st.name + " SET " + strings.Join(st.cols, " = ?, ") + " = ? WHERE id = ?"
		for _, r := range all {
			args := make([]any, 0, len(st.cols)+1)
			for i, c := range st.cols {
				ad := vault.AD{Table: st.name, Column: c, RowID: r.id}
				plain, err := old.Open(ad, r.vals[i])
				if err != nil {
					return sealErr(vaultErr(err), st.name, c, r.id)
				}
				b, err := nv.Seal(ad, plain)
				clear(plain)
				if err != nil {
					return sealErr(vaultErr(err), st.name, c, r.id)
				}
				args = append(args, b)
			}
			if _, err := tx.ExecContext(ctx, upd, append(args, r.id)...); err != nil {
				return err
			}
		}
	}
	return nil
}

// revokedID names a header on the revoked list.
func revokedID(h vault.Header) string { return hex.EncodeToString(h.MAC[:16]) }

func addRevoked(ctx context.Context, tx *sql.Tx, h vault.Header) error {
	var cur string
	err := tx.QueryRowContext(ctx, "SELECT value FROM setting WHERE key = ?", settingRevoked).Scan(&cur)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	list := append(strings.Fields(cur), revokedID(h))
	if len(list) > keepRevoked {
		list = list[len(list)-keepRevoked:]
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		settingRevoked, strings.Join(list, " "))
	return err
}

func revokedList(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) map[string]bool {
	var cur string
	if err := q.QueryRowContext(ctx, "SELECT value FROM setting WHERE key = ?", settingRevoked).Scan(&cur); err != nil {
		return nil
	}
	m := map[string]bool{}
	for _, f := range strings.Fields(cur) {
		m[f] = true
	}
	return m
}

// rekeyBackups brings every backup under the new vault key: those made
// under old are re-keyed in place (case keys, sealed settings, header);
// one that was under old but cannot be re-keyed is removed, since it would
// keep opening with the revoked passphrase. Backups under neither key
// (restored from elsewhere) and clear ones are left alone.
func (s *Store) rekeyBackups(ctx context.Context, old, nv *vault.Vault, nb []byte, oldHeader vault.Header) {
	files, err := backupFiles(s.dir)
	if err != nil {
		s.opts.Logf("leakdesk: listing backups: %v", err)
		return
	}
	for _, p := range files {
		owned, err := rekeyFile(ctx, p, old, nv, nb, oldHeader)
		if err != nil && owned {
			s.opts.Logf("leakdesk: cannot re-key backup %s; removing it: %v", filepath.Base(p), err)
			if err := removeBackupFile(p); err != nil {
				s.opts.Logf("leakdesk: removing backup %s: %v", filepath.Base(p), err)
			}
		}
	}
}

// rekeyFile re-keys one backup in place; owned reports whether it was
// made under old (and so must not survive unchanged).
func rekeyFile(ctx context.Context, path string, old, nv *vault.Vault, nb []byte, oldHeader vault.Header) (owned bool, err error) {
	if checkFile(path) != nil {
		// A damaged copy: if it holds a header of ours, it goes.
		return damagedUnderKey(path, oldHeader), errors.New("damaged")
	}
	db, err := openPool(path, false)
	if err != nil {
		return false, err
	}
	err = func() error {
		hb, err := readHeader(ctx, db)
		if err != nil || hb == nil {
			// No vault table (a backup from before 0004) or clear.
			return nil
		}
		h, err := vault.ParseHeader(hb)
		if err != nil {
			return nil
		}
		if !old.Owns(h) {
			return nil
		}
		owned = true
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "UPDATE vault SET header = ? WHERE id = 1", nb); err != nil {
			return err
		}
		if err := rekeyRows(ctx, tx, old, nv); err != nil {
			return err
		}
		if err := addRevoked(ctx, tx, h); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		// VACUUM, so the old wrapped keys and header are not left in
		// the file's free pages or in overflow copies.
		for _, q := range []string{"VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil && owned {
		err = errors.Join(checkFile(path), fsyncFile(path))
	}
	return owned, err
}

// damagedUnderKey reports whether a damaged copy carries h's MAC bytes,
// that is a header of this vault that is being replaced.
func damagedUnderKey(path string, h vault.Header) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	return strings.Contains(string(b), string(h.MAC))
}

// dropRevokedBackups removes the backups still under a header the store
// has revoked: a crash after a passphrase change committed but before its
// backups were re-keyed would otherwise leave them opening with the old
// passphrase. A fresh backup under the current key is made first.
func (s *Store) dropRevokedBackups(ctx context.Context) {
	revoked := revokedList(ctx, s.rdb)
	if len(revoked) == 0 {
		return
	}
	files, err := backupFiles(s.dir)
	if err != nil {
		return
	}
	var stale []string
	for _, p := range files {
		if checkFile(p) != nil {
			continue
		}
		db, err := sql.Open("sqlite", checkDSN(p))
		if err != nil {
			continue
		}
		hb, err := readHeader(ctx, db)
		db.Close()
		if err != nil || hb == nil {
			continue
		}
		if h, err := vault.ParseHeader(hb); err == nil && revoked[revokedID(h)] {
			stale = append(stale, p)
		}
	}
	if len(stale) == 0 {
		return
	}
	if err := s.autoBackup(ctx, true); err != nil {
		s.opts.Logf("leakdesk: backup before removing revoked backups failed: %v", err)
	}
	for _, p := range stale {
		if err := removeBackupFile(p); err != nil {
			s.opts.Logf("leakdesk: removing revoked backup %s: %v", filepath.Base(p), err)
		}
	}
}

// verifyVault checks that an unlocked vault is the one the data is under:
// a header put back from before a change (a rollback) unwraps an old vault
// key, which passes the header's own MAC but opens no current case key or
// sealed setting. Such an unlock is refused like a wrong passphrase.
func (s *Store) verifyVault(ctx context.Context, v *vault.Vault, h vault.Header, wrapped map[int64][]byte) error {
	if revokedList(ctx, s.rdb)[revokedID(h)] {
		return incident.ErrWrongPassphrase
	}
	var check string
	err := s.rdb.QueryRowContext(ctx, "SELECT value FROM setting WHERE key = ?", settingCheck).Scan(&check)
	switch {
	case err == nil:
		raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(check, sealedSettingPrefix))
		if err != nil || !strings.HasPrefix(check, sealedSettingPrefix) {
			return incident.ErrWrongPassphrase
		}
		plain, err := v.Open(vault.AD{Table: "setting", Column: settingCheck}, raw)
		if err != nil {
			return incident.ErrWrongPassphrase
		}
		clear(plain)
		return nil
	case !errors.Is(err, sql.ErrNoRows):
		return mapErr(err)
	}
	// A store encrypted before the check value existed. One key that
	// opens is enough: a single damaged key must give that case's own
	// "damaged" message later, not lock the user out of all.
	for id, w := range wrapped {
		if k, err := v.UnwrapCaseKey(id, w); err == nil {
			k.Destroy()
			return nil
		}
	}
	var key, value string
	err = s.rdb.QueryRowContext(ctx, "SELECT key, value FROM setting WHERE value LIKE ? LIMIT 1", sealedSettingPrefix+"%").Scan(&key, &value)
	if errors.Is(err, sql.ErrNoRows) {
		if len(wrapped) > 0 {
			return incident.ErrWrongPassphrase
		}
		return nil
	} else if err != nil {
		return mapErr(err)
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(value, sealedSettingPrefix))
	if err != nil {
		return incident.ErrWrongPassphrase
	}
	plain, err := v.Open(vault.AD{Table: "setting", Column: key}, b)
	if err != nil {
		return incident.ErrWrongPassphrase
	}
	clear(plain)
	return nil
}
