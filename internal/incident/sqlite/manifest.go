package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"leakdesk/internal/incident"
)

// Rollback and replay (issue 17, F14). Every sealed value is bound to its
// table, column, case and row, but not to a version: a row, an older
// version of a row, or a whole purged case (with its wrapped key) copied
// back from an older backup of the same data opens like any other. In an
// encrypted store each case therefore has a manifest, sealed under its
// case key, listing every row it holds (a hash of each row's stored
// bytes, its evidence chunk counts and lengths, the event chain's length
// and head) with a version that grows with every write. The versions of
// all cases are kept in one value sealed under the vault key
// (settingManifest), rewritten at every write. A row put back, removed or
// replaced by an older copy no longer matches its case's manifest; a case
// put back whole (manifest included) is older than, or missing from, the
// vault-level list. See docs/deletion-and-keys.md, "Rollback and replay".
//
// A clear store has no manifest: whoever can write its file can also
// rewrite any manifest it had, since nothing in it is secret.

// settingManifest holds the version of every case's manifest, sealed
// under the vault key (re-keyed with it on a passphrase change, like every
// sealed setting).
const settingManifest = "vault.manifest"

// vaultCheckManifests is the vault check value once manifests exist: from
// then on a missing manifest is a problem, never a reason to make one.
const (
	vaultCheckV1        = "leakdesk vault check v1"
	vaultCheckManifests = "leakdesk vault check v2 manifests"
)

// caseManifest is the sealed body of a case_manifest row.
type caseManifest struct {
	Version int64 `json:"v"`
	// Cols names the columns each table's row hashes cover, so a later
	// migration that adds a column does not break every manifest: the
	// next write of the case covers it too.
	Cols map[string][]string `json:"cols"`
	// Rows maps a table to its rows' keys (ids) and the hash of each.
	Rows   map[string]map[string]string `json:"rows"`
	Events eventMark                    `json:"events"`
	// Taint keeps a problem found before a write: writing to a case that
	// did not match its manifest must not make the mismatch vanish.
	Taint *taint `json:"taint,omitempty"`
}

type eventMark struct {
	Count int64  `json:"n"`
	Last  int64  `json:"last"`
	Head  string `json:"head"`
}

type taint struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// manifestTables are the tables of a case whose rows the manifest covers
// one by one (besides events and evidence chunks, counted).
var manifestTables = []struct {
	table, where string
}{
	{"cases", "id = ?"},
	{"leaked_data", "case_id = ?"},
	{"account", "case_id = ?"},
	{"step", "case_id = ?"},
	{"communication", "case_id = ?"},
	{"exhibit", "case_id = ?"},
	{"exhibit_transcript", "case_id = ?"},
}

// touchState is what a transaction knew of a case before writing to it.
type touchState struct {
	locked bool
	isNew  bool
	prior  *incident.Error // the case did not match its manifest
}

// touch is called before a transaction first writes to a case: the case's
// state before the write is checked against its manifest, so that the
// manifest written at the commit can carry a mismatch forward.
func (t *tx) touch(caseID int64) error {
	if caseID == 0 {
		return nil
	}
	if _, ok := t.touched[caseID]; ok {
		return nil
	}
	vs, ok := t.sealer.(*vaultSealer)
	if !ok || t.noManifest {
		return nil
	}
	if t.touched == nil {
		t.touched = map[int64]*touchState{}
	}
	if vs.vault() == nil {
		t.touched[caseID] = &touchState{locked: true}
		return nil
	}
	prior, err := t.checkManifest(vs, caseID)
	if err != nil {
		return err
	}
	t.touched[caseID] = &touchState{prior: prior}
	return nil
}

// touchNew marks a case created in this transaction.
func (t *tx) touchNew(caseID int64) {
	if _, ok := t.sealer.(*vaultSealer); !ok || t.noManifest {
		return
	}
	if t.touched == nil {
		t.touched = map[int64]*touchState{}
	}
	t.touched[caseID] = &touchState{isNew: true}
}

// touchRow touches the case a row of table belongs to.
func (t *tx) touchRow(table string, id int64) error {
	if _, ok := t.sealer.(*vaultSealer); !ok || t.noManifest {
		return nil
	}
	if table == "cases" {
		return t.touch(id)
	}
	var caseID int64
	err := t.queryRow("SELECT case_id FROM "+table+" WHERE id = ?", id).Scan(&caseID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return t.touch(caseID)
}

// finishManifests writes the manifest of every case the transaction
// touched, and the vault-level list of versions, before the commit.
func (t *tx) finishManifests() error {
	if len(t.touched) == 0 {
		return nil
	}
	vs := t.sealer.(*vaultSealer)
	ids := make([]int64, 0, len(t.touched))
	for id := range t.touched {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var live []int64
	for _, id := range ids {
		var one int
		err := t.queryRow("SELECT 1 FROM cases WHERE id = ?", id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			continue // deleted: its manifest went with it (foreign key)
		}
		if err != nil {
			return err
		}
		if t.touched[id].locked {
			return incident.ErrLocked
		}
		live = append(live, id)
	}
	if vs.vault() == nil {
		if len(live) > 0 {
			return incident.ErrLocked
		}
		// Cases purged while locked: the list is tidied at the next write.
		return nil
	}
	list, err := readManifestList(t, vs)
	if err != nil {
		return err
	}
	for _, id := range live {
		st := t.touched[id]
		old, _, _ := t.readManifest(vs, id)
		m, err := t.buildManifest(id)
		if err != nil {
			return err
		}
		m.Version = list.Cases[id] + 1
		if old != nil && old.Version >= m.Version {
			m.Version = old.Version + 1
		}
		switch {
		case st.prior != nil:
			m.Taint = &taint{ZH: st.prior.ZH, EN: st.prior.EN}
		case old != nil && !st.isNew:
			m.Taint = old.Taint
		}
		if err := t.writeManifest(id, m); err != nil {
			return err
		}
		list.Cases[id] = m.Version
	}
	return writeManifestList(t, vs, list)
}

// manifestList is the vault-level list: the version of each case.
type manifestList struct {
	Cases map[int64]int64
}

// readManifestList opens the list; a store whose manifests exist but whose
// list is missing or does not open gives an empty list (every case then
// reports the mismatch).
func readManifestList(t *tx, vs *vaultSealer) (manifestList, error) {
	l := manifestList{Cases: map[int64]int64{}}
	err := scanManifestList(t, vs, func(id, ver int64) bool {
		l.Cases[id] = ver
		return true
	})
	if errors.Is(err, errBadList) {
		return manifestList{Cases: map[int64]int64{}}, nil
	}
	return l, err
}

// listedVersion finds one case's version in the list without building a
// map of all of them: loading a case reads the list, which holds every
// case of the store.
func listedVersion(t *tx, vs *vaultSealer, caseID int64) (int64, bool, error) {
	var ver int64
	found := false
	err := scanManifestList(t, vs, func(id, v int64) bool {
		if id == caseID {
			ver, found = v, true
			return false
		}
		return true
	})
	if errors.Is(err, errBadList) {
		return 0, false, nil
	}
	return ver, found, err
}

var errBadList = errors.New("malformed manifest list")

// scanManifestList calls fn for each (case, version) of the list until fn
// returns false. A list that is missing or does not open has no entries.
func scanManifestList(t *tx, vs *vaultSealer, fn func(id, ver int64) bool) error {
	var v string
	err := t.queryRow("SELECT value FROM setting WHERE key = ?", settingManifest).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	plain, err := openSealedSetting(vs, settingManifest, strings.TrimPrefix(v, sealedSettingPrefix))
	if err != nil || !strings.HasPrefix(v, sealedSettingPrefix) {
		return nil
	}
	b := []byte(plain)
	for len(b) > 0 {
		id, n := binary.Uvarint(b)
		if n <= 0 {
			return errBadList
		}
		b = b[n:]
		ver, n := binary.Uvarint(b)
		if n <= 0 || id > math.MaxInt64 || ver > math.MaxInt64 {
			return errBadList
		}
		b = b[n:]
		if !fn(int64(id), int64(ver)) {
			return nil
		}
	}
	return nil
}

// writeManifestList seals the list, leaving out cases that no longer
// exist (purged, possibly while locked).
func writeManifestList(t *tx, vs *vaultSealer, l manifestList) error {
	existing := map[int64]bool{}
	rows, err := t.query("SELECT id FROM cases")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		existing[id] = true
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	ids := make([]int64, 0, len(l.Cases))
	for id := range l.Cases {
		if existing[id] {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	b := make([]byte, 0, len(ids)*6)
	for _, id := range ids {
		b = binary.AppendUvarint(b, uint64(id))
		b = binary.AppendUvarint(b, uint64(l.Cases[id]))
	}
	sealed, err := vs.Seal("setting", settingManifest, 0, 0, b)
	if err != nil {
		return sealErr(err, "setting", settingManifest, 0)
	}
	_, err = t.exec("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		settingManifest, sealedSettingPrefix+base64.StdEncoding.EncodeToString(sealed))
	return err
}

func (t *tx) writeManifest(caseID int64, m *caseManifest) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	sealed, err := t.seal("case_manifest", "body", caseID, caseID, string(b))
	if err != nil {
		return err
	}
	_, err = t.exec("INSERT INTO case_manifest (case_id, body) VALUES (?, ?) ON CONFLICT (case_id) DO UPDATE SET body = excluded.body", caseID, sealed)
	return err
}

// readManifest opens a case's manifest: nil and false when it has none,
// nil and true when one is stored but does not open.
func (t *tx) readManifest(vs *vaultSealer, caseID int64) (*caseManifest, bool, error) {
	var raw []byte
	err := t.queryRow("SELECT body FROM case_manifest WHERE case_id = ?", caseID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	plain, err := vs.Open("case_manifest", "body", caseID, caseID, raw)
	if err != nil {
		if errors.Is(err, incident.ErrLocked) {
			return nil, true, err
		}
		return nil, true, nil
	}
	var m caseManifest
	if err := json.Unmarshal(plain, &m); err != nil {
		return nil, true, nil
	}
	return &m, true, nil
}

// buildManifest reads a case's rows as stored now.
func (t *tx) buildManifest(caseID int64) (*caseManifest, error) {
	m := &caseManifest{Cols: map[string][]string{}, Rows: map[string]map[string]string{}}
	for _, mt := range manifestTables {
		cols, err := t.tableColumns(mt.table)
		if err != nil {
			return nil, err
		}
		m.Cols[mt.table] = cols
	}
	return m, t.fillRows(caseID, m)
}

// tableColumns lists a table's columns as the schema has them now.
func (t *tx) tableColumns(table string) ([]string, error) {
	rows, err := t.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		return nil, err
	}
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, errors.Join(rows.Err(), rows.Close())
}

// fillRows hashes the case's rows over the columns m.Cols names.
func (t *tx) fillRows(caseID int64, m *caseManifest) error {
	for _, mt := range manifestTables {
		cols := m.Cols[mt.table]
		if len(cols) == 0 {
			continue
		}
		quoted := make([]string, len(cols))
		for i, c := range cols {
			quoted[i] = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
		}
		got, err := t.hashRows("SELECT id, "+strings.Join(quoted, ", ")+" FROM "+mt.table+" WHERE "+mt.where+" ORDER BY id", caseID)
		if err != nil {
			// A column the manifest names no longer exists: the rows
			// cannot match.
			if strings.Contains(err.Error(), "no such column") {
				m.Rows[mt.table] = map[string]string{"?": "missing column"}
				continue
			}
			return err
		}
		m.Rows[mt.table] = got
	}
	var err error
	inCase := " WHERE exhibit_id IN (SELECT id FROM exhibit WHERE case_id = ?)"
	if m.Rows["exhibit_chunk"], err = t.hashRows("SELECT exhibit_id, count(*), sum(length(data)), max(seq) FROM exhibit_chunk"+inCase+" GROUP BY exhibit_id ORDER BY exhibit_id", caseID); err != nil {
		return err
	}
	if m.Rows["exhibit_step"], err = t.hashRows("SELECT exhibit_id || '-' || step_id FROM exhibit_step"+inCase, caseID); err != nil {
		return err
	}
	if m.Rows["exhibit_communication"], err = t.hashRows("SELECT exhibit_id || '-' || communication_id FROM exhibit_communication"+inCase, caseID); err != nil {
		return err
	}
	return t.queryRow(`SELECT count(*), coalesce(max(seq), 0),
		coalesce((SELECT hash FROM event WHERE case_id = ?1 ORDER BY seq DESC LIMIT 1), '')
		FROM event WHERE case_id = ?1`, caseID).Scan(&m.Events.Count, &m.Events.Last, &m.Events.Head)
}

// hashRows runs q (first column the row's key) and returns each row's key
// and a hash of every value as stored, ciphertext included.
func (t *tx) hashRows(q string, caseID int64) (map[string]string, error) {
	rows, err := t.query(q, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := 0
	if cols, err := rows.Columns(); err == nil {
		n = len(cols)
	}
	out := map[string]string{}
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var buf []byte
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		buf = buf[:0]
		for _, v := range vals[1:] {
			buf = appendValue(buf, v)
		}
		sum := sha256.Sum256(buf)
		out[fmt.Sprint(vals[0])] = hex.EncodeToString(sum[:16])
	}
	return out, rows.Err()
}

// appendValue encodes one stored value unambiguously: a type tag, then a
// length or a fixed-size number.
func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 'n')
	case int64:
		return binary.BigEndian.AppendUint64(append(b, 'i'), uint64(x))
	case float64:
		return binary.BigEndian.AppendUint64(append(b, 'f'), math.Float64bits(x))
	case string:
		b = binary.BigEndian.AppendUint64(append(b, 's'), uint64(len(x)))
		return append(b, x...)
	case []byte:
		b = binary.BigEndian.AppendUint64(append(b, 'b'), uint64(len(x)))
		return append(b, x...)
	case bool:
		if x {
			return append(b, 't')
		}
		return append(b, 'F')
	}
	s := fmt.Sprint(v)
	b = binary.BigEndian.AppendUint64(append(b, '?'), uint64(len(s)))
	return append(b, s...)
}

// CheckCase compares a case with its manifest; nil when it matches (or
// the store is clear). Errors: CodeLocked.
func (t *tx) CheckCase(caseID int64) (*incident.Error, error) {
	vs, ok := t.sealer.(*vaultSealer)
	if !ok {
		return nil, nil
	}
	if vs.vault() == nil {
		return nil, incident.ErrLocked
	}
	if !manifestsOn(t, vs) {
		return nil, nil
	}
	return t.checkManifest(vs, caseID)
}

// manifestsOn reports whether the store's manifests were made (the vault
// check says so): before that, a case without one is not a problem.
func manifestsOn(t *tx, vs *vaultSealer) bool {
	var v string
	if err := t.queryRow("SELECT value FROM setting WHERE key = ?", settingCheck).Scan(&v); err != nil {
		return false
	}
	plain, err := openSealedSetting(vs, settingCheck, strings.TrimPrefix(v, sealedSettingPrefix))
	return err == nil && plain == vaultCheckManifests
}

// checkManifest compares the case as stored with its manifest and the
// vault-level list, and describes every difference.
func (t *tx) checkManifest(vs *vaultSealer, caseID int64) (*incident.Error, error) {
	if !manifestsOn(t, vs) {
		return nil, nil
	}
	var p problems
	m, stored, err := t.readManifest(vs, caseID)
	if err != nil {
		return nil, err
	}
	listed, inList, err := listedVersion(t, vs, caseID)
	if err != nil {
		return nil, err
	}
	switch {
	case !inList:
		p.add("这个案件不在本机数据的案件清单中（可能是已删除的案件从旧备份中被放回）",
			"the case is not on the data's list of cases (a deleted case put back from an older backup?)")
	case m != nil && m.Version != listed:
		p.add(fmt.Sprintf("整个案件是另一个版本（应为第 %d 版，现在是第 %d 版，可能从旧备份中被放回）", listed, m.Version),
			fmt.Sprintf("the whole case is a different version (version %d expected, %d found: put back from an older backup?)", listed, m.Version))
	}
	if m == nil {
		if stored {
			p.add("案件的校验清单无法打开", "the case's integrity manifest cannot be opened")
		} else {
			p.add("案件的校验清单缺失", "the case's integrity manifest is missing")
		}
		return p.err(caseID), nil
	}
	now := &caseManifest{Cols: m.Cols, Rows: map[string]map[string]string{}}
	if err := t.fillRows(caseID, now); err != nil {
		return nil, err
	}
	tables := make([]string, 0, len(now.Rows))
	for tb := range now.Rows {
		tables = append(tables, tb)
	}
	sort.Strings(tables)
	for _, tb := range tables {
		want, got := m.Rows[tb], now.Rows[tb]
		for _, k := range sortedKeys(got) {
			w, ok := want[k]
			switch {
			case !ok:
				zh, en := rowLabel(tb, k)
				p.add(zh+"不在上次保存的状态中（已删除的记录被放回，或在程序外添加）",
					en+" is not in the last saved state (a deleted record put back, or one added outside leakdesk)")
			case w != got[k]:
				zh, en := rowLabel(tb, k)
				p.add(zh+"与上次保存的不同（被改动，或换成了旧版本）",
					en+" differs from what was last saved (changed, or replaced by an older version)")
			}
		}
		for _, k := range sortedKeys(want) {
			if _, ok := got[k]; !ok {
				zh, en := rowLabel(tb, k)
				p.add(zh+"已不见（在程序外被删除）", en+" is missing (removed outside leakdesk)")
			}
		}
	}
	if now.Events != m.Events {
		p.add(fmt.Sprintf("历史记录与上次保存的不同（上次 %d 条，现在 %d 条）", m.Events.Count, now.Events.Count),
			fmt.Sprintf("the history differs from what was last saved (%d events then, %d now)", m.Events.Count, now.Events.Count))
	}
	if len(p.zh) == 0 && m.Taint != nil {
		return incident.Errorf(incident.CodeDamaged, m.Taint.ZH, m.Taint.EN, nil), nil
	}
	return p.err(caseID), nil
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		a, errA := strconv.ParseInt(out[i], 10, 64)
		b, errB := strconv.ParseInt(out[j], 10, 64)
		if errA == nil && errB == nil {
			return a < b
		}
		return out[i] < out[j]
	})
	return out
}

var tableLabels = map[string][2]string{
	"cases":                 {"案件信息", "the case details"},
	"leaked_data":           {"泄露的信息", "leaked-data record"},
	"account":               {"账号", "account record"},
	"step":                  {"步骤", "step"},
	"communication":         {"沟通记录", "communication"},
	"exhibit":               {"证据", "exhibit"},
	"exhibit_transcript":    {"证据的文字整理稿", "transcript of exhibit"},
	"exhibit_chunk":         {"证据的内容", "content of exhibit"},
	"exhibit_step":          {"证据与步骤的关联", "link of exhibit-step"},
	"exhibit_communication": {"证据与沟通记录的关联", "link of exhibit-communication"},
}

func rowLabel(table, key string) (string, string) {
	l := tableLabels[table]
	if table == "cases" {
		return l[0], l[1]
	}
	return fmt.Sprintf("%s（记录编号 %s）", l[0], key), fmt.Sprintf("%s (record %s)", l[1], key)
}

// problems collects the differences found in one case.
type problems struct{ zh, en []string }

func (p *problems) add(zh, en string) { p.zh, p.en = append(p.zh, zh), append(p.en, en) }

// err gives the user one message: what does not match, at most five
// items, and what to do. The content stays readable: nothing is refused.
func (p *problems) err(caseID int64) *incident.Error {
	if len(p.zh) == 0 {
		return nil
	}
	zh, en := p.zh, p.en
	more := len(zh) - 5
	if more > 0 {
		zh, en = zh[:5], en[:5]
	}
	zs, es := strings.Join(zh, "；"), strings.Join(en, "; ")
	if more > 0 {
		zs += fmt.Sprintf("；另有 %d 处", more)
		es += fmt.Sprintf("; %d more", more)
	}
	return incident.Errorf(incident.CodeDamaged,
		fmt.Sprintf("案件 %d 与 leakdesk 上次保存的状态不一致，可能有人用旧备份中的记录替换或放回了数据：%s。内容仍可查看，但请逐项核对；如有疑问，请从备份恢复。", caseID, zs),
		fmt.Sprintf("Case %d does not match the state leakdesk last saved; records may have been replaced or put back from an older backup: %s. Its content is still shown, but check it; if in doubt, restore a backup.", caseID, es),
		nil)
}

// establishManifests makes every case's manifest and the list, and marks
// the vault check, in the caller's transaction: at the first unlock after
// the upgrade that brought manifests, and when a passphrase is first set.
// What is stored then is taken as it is (there is nothing older to compare
// with); docs/deletion-and-keys.md says so.
func establishManifests(t *tx, vs *vaultSealer) error {
	rows, err := t.query("SELECT id FROM cases ORDER BY id")
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	list := manifestList{Cases: map[int64]int64{}}
	for _, id := range ids {
		m, err := t.buildManifest(id)
		if err != nil {
			return err
		}
		m.Version = 1
		if err := t.writeManifest(id, m); err != nil {
			return err
		}
		list.Cases[id] = 1
	}
	if err := writeManifestList(t, vs, list); err != nil {
		return err
	}
	v, err := sealSetting(vs, settingCheck, vaultCheckManifests)
	if err != nil {
		return err
	}
	_, err = t.exec("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", settingCheck, v)
	return err
}

// ensureManifests establishes the manifests of an unlocked store that has
// none yet (upgraded from before schema 7, or encrypted before).
func (s *Store) ensureManifests(ctx context.Context, r *keyring) error {
	vs := newVaultSealer(r)
	var on bool
	err := s.View(ctx, func(itx incident.Tx) error {
		t := itx.(*tx)
		tvs, ok := t.sealer.(*vaultSealer)
		if !ok {
			return nil
		}
		on = manifestsOn(t, tvs)
		return nil
	})
	if err != nil || on {
		return err
	}
	s.modeMu.Lock()
	defer s.modeMu.Unlock()
	err = s.rawUpdate(ctx, func(sqlTx *sql.Tx) error {
		t := newTx(ctx, sqlTx, vs)
		defer t.close()
		vs.t = t
		return establishManifests(t, vs)
	})
	if err != nil {
		vs.rolledBack()
		return err
	}
	vs.committed(nil)
	return nil
}

// remanifestIn rewrites, in a backup's transaction, the manifests of the
// cases whose rows the app itself just removed there (a deleted exhibit),
// so a later restore of that backup does not report the app's own
// deletion as tampering. Any earlier mismatch is kept.
func remanifestIn(ctx context.Context, sqlTx *sql.Tx, r *keyring, caseIDs []int64) error {
	vs := newVaultSealer(r)
	t := newTx(ctx, sqlTx, vs)
	defer t.close()
	vs.t = t
	defer vs.rolledBack()
	if vs.vault() == nil || !manifestsOn(t, vs) {
		return nil
	}
	t.touched = map[int64]*touchState{}
	for _, id := range caseIDs {
		t.touched[id] = &touchState{}
	}
	return t.finishManifests()
}
