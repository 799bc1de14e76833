package sqlite

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// Released migrations must never change: an installed database already
// ran them. Add a new file instead, and its hash here.
func TestMigrationFilesUnchanged(t *testing.T) {
	released := map[string]string{
		"0001_init":           "b65d20939934dc8638b3be3838883095de07a9a336708634c090ceeadea97fe8",
		"0002_settings_links": "bda2fa66b745722e382908c0daf8fdcf5ad710667ede37f47d5c39c8dcbd0c74",
		"0003_list_indexes":   "e47d6a4e05ea0f1428c133f1734936693f43e92f3b44ddd53a3358d73eefffe6",
		"0004_vault":          "1f1b49e53c2f8ced665ce4245bd6483aae409fa1ae8de06b44b805519fece91a",
		"0005_seal_metadata":  "d0bf92cb6daa16c375bd2b4de990eb19819e61d3a933f01f987cea3e794df06b",
		"0006_recordings":     "5d8cabfda53c9427f3e91b28e383aac1461e25eba64a72465f98979b0653ff43",
		"0007_case_manifest":  "92dcd2ba691e4eee2225c4d97efc9044412bcb8e0adb9dbe9e36994e30413281",
		"0008_seal_activity":  "ff4f491fe89b7bd97cfd5bf79c44c6cb88f031e94104bc30e2c2b7679b664407",
		"0009_matters":        "63c9a849284510c6c03f896f5688ccf947439bdfb202a3881646d7d4a39d65e3",
	}
	for _, m := range migrations() {
		sum := sha256.Sum256([]byte(m.sql))
		got := hex.EncodeToString(sum[:])
		want, ok := released[m.name]
		if !ok {
			t.Errorf("migration %s is not listed here; add it with hash %s", m.name, got)
		} else if got != want {
			t.Errorf("migration %s changed: hash %s, released %s", m.name, got, want)
		}
	}
}

const fixtureEvidence = "短信：您的快递丢失，请点击链接理赔 http://example.com/x"

// buildFixture creates dir/leakdesk.db at schema version v by applying the
// first v migrations, then inserts data with the SQL that version had.
func buildFixture(t *testing.T, dir string, v int) {
	t.Helper()
	if err := ensureDir(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, DBName)
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := openPool(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := t.Context()
	for _, m := range migrations()[:v] {
		if err := applyMigration(ctx, db, m, testNow(), nil); err != nil {
			t.Fatal(err)
		}
	}
	ev := incident.Event{CaseID: 1, Seq: 1, At: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), Kind: "case.created",
		Subject: "case:1", Data: map[string]string{"status": "open"}}
	ev.Hash = ev.ComputeHash()
	data, _ := json.Marshal(ev.Data)
	sum := sha256.Sum256([]byte(fixtureEvidence))
	e := []byte{}
	stmts := []struct {
		q    string
		args []any
	}{
		{`INSERT INTO cases (id, title, victim_name, victim_id_number, victim_phone, victim_address, discovered_at,
			narrative, source_org, source_addr, source_kind, status, intake, intake_source_org, created_at, updated_at)
			VALUES (1, ?, ?, ?, ?, ?, '2025-01-01', ?, ?, ?, 'courier', 'open', '{"leaked":["phone"],"insider":"no"}', ?,
			'2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z')`,
			[]any{[]byte("快递泄露"), []byte("张三"), e, []byte("13800000000"), e, []byte("经过"), e, e, e}},
		{`INSERT INTO step (id, case_id, kind, position, title, why, status, follow_up, follow_up_estimate,
			notes, organisation, channel, reference, retired)
			VALUES (1, 1, '', 1, ?, ?, 'doing', '2025-02-01', 0, ?, ?, 'phone', ?, 0)`,
			[]any{[]byte("报警"), e, e, []byte("派出所"), []byte("REF-1")}},
		{`INSERT INTO exhibit (id, case_id, number, kind, title, source, proves, captured_at, imported_at, file_name,
			size, content_type, sha256, record_number, record_url, record_text)
			VALUES (1, 1, 1, 'file', ?, ?, ?, '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z', ?, ?, 'text/plain', ?, ?, ?, ?)`,
			[]any{[]byte("诈骗短信"), e, e, []byte("sms.txt"), len(fixtureEvidence), hex.EncodeToString(sum[:]), e, e, e}},
		{`INSERT INTO exhibit_chunk (exhibit_id, seq, data) VALUES (1, 0, ?)`, []any{[]byte(fixtureEvidence)}},
		{`INSERT INTO event (case_id, seq, at, kind, subject, data, prev_hash, hash) VALUES (1, 1, ?, ?, ?, ?, '', ?)`,
			[]any{formatTime(ev.At), ev.Kind, ev.Subject, data, ev.Hash}},
	}
	if v >= 2 {
		stmts = append(stmts,
			struct {
				q    string
				args []any
			}{`INSERT INTO setting (key, value) VALUES ('ui.lang', 'zh')`, nil},
			struct {
				q    string
				args []any
			}{`INSERT INTO exhibit_step (exhibit_id, step_id) VALUES (1, 1)`, nil})
	}
	if v >= 5 {
		// From 0005 on the app writes what identifies into meta; the
		// migration's own statements do exactly that.
		stmts = append(stmts, fixtureMeta...)
	}
	if v >= 8 {
		// From 0008 on a step's kind and channel, a contact's time and an
		// event's time, kind and subject are in meta too.
		stmts = append(stmts, fixtureMeta8...)
	}
	if v >= 9 {
		// From 0009 on the case can be in a matter.
		stmts = append(stmts, fixtureMatter...)
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s.q, s.args...); err != nil {
			t.Fatalf("fixture v%d: %v\n%s", v, err, s.q)
		}
	}
}

var fixtureMeta = []struct {
	q    string
	args []any
}{
	{`UPDATE cases SET meta = CAST(json_object('intake', json(intake), 'source_kind', source_kind, 'discovered_at', discovered_at) AS BLOB),
		intake = '{}', source_kind = '', discovered_at = NULL`, nil},
	{`UPDATE exhibit SET meta = CAST(json_object('captured_at', captured_at, 'size', size, 'content_type', content_type, 'sha256', sha256) AS BLOB),
		captured_at = NULL, size = 0, content_type = '', sha256 = ''`, nil},
}

var fixtureMeta8 = []struct {
	q    string
	args []any
}{
	{`UPDATE step SET meta = CAST(json_object('kind', kind, 'channel', channel, 'completed_at', completed_at,
		'follow_up_estimate', follow_up_estimate) AS BLOB), kind = '', channel = '', completed_at = NULL, follow_up_estimate = 0`, nil},
	{`DROP TRIGGER event_no_update`, nil},
	{`UPDATE event SET meta = CAST(json_object('at', at, 'kind', kind, 'subject', subject) AS BLOB), at = '', kind = '', subject = ''`, nil},
	{`CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END`, nil},
}

var fixtureMatter = []struct {
	q    string
	args []any
}{
	{`INSERT INTO matter (id, created_at, updated_at, title, respondent_name, respondent_addr, meta)
		VALUES (1, '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z', ?, ?, ?, ?)`,
		[]any{[]byte("业主"), []byte("某开发商"), []byte("某路1号"), []byte(`{"kind":"realestate"}`)}},
	{`INSERT INTO matter_case (case_id, matter_id, joined_at) VALUES (1, 1, '2025-01-02T03:04:05Z')`, nil},
}

// checkFixture checks, through the service, that the fixture's data
// survived the migration to the latest schema.
func checkFixture(t *testing.T, svc *incident.Service, v int) {
	t.Helper()
	ctx := t.Context()
	cf, err := svc.CaseFile(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if cf.Case.Title != "快递泄露" || cf.Case.Victim.Name != "张三" || cf.Case.Victim.Phone != "13800000000" ||
		cf.Case.Narrative != "经过" || cf.Case.Intake.Insider != "no" || cf.Case.DiscoveredAt.Format(dateLayout) != "2025-01-01" {
		t.Errorf("case after migration from v%d: %+v", v, cf.Case)
	}
	// Issue 15: a case from before several suspects reads as one suspect,
	// its source; an exhibit's time from before the time's source was kept
	// reads as the user's.
	if l := cf.Case.SuspectList(); len(l) != 1 || l[0].Kind != incident.SourceCourier || len(cf.Case.Intake.Suspects) != 0 {
		t.Errorf("suspects after migration from v%d: %+v", v, l)
	}
	if len(cf.Exhibits) > 0 && cf.Exhibits[0].CapturedFrom != incident.CapturedEntered {
		t.Errorf("capture-time source after migration from v%d: %q", v, cf.Exhibits[0].CapturedFrom)
	}
	if len(cf.Steps) != 1 || cf.Steps[0].Reference != "REF-1" || cf.Steps[0].Organisation != "派出所" ||
		cf.Steps[0].FollowUp.Format(dateLayout) != "2025-02-01" || cf.Steps[0].Status != incident.StepDoing {
		t.Errorf("steps after migration from v%d: %+v", v, cf.Steps)
	}
	if len(cf.Exhibits) != 1 || cf.Exhibits[0].FileName != "sms.txt" || cf.Exhibits[0].Duration != 0 || cf.Exhibits[0].Transcript != nil {
		t.Fatalf("exhibits after migration from v%d: %+v", v, cf.Exhibits)
	}
	var buf bytes.Buffer
	if _, err := svc.WriteExhibitContent(ctx, cf.Exhibits[0].ID, &buf); err != nil || buf.String() != fixtureEvidence {
		t.Errorf("evidence after migration from v%d: %q, %v", v, buf.String(), err)
	}
	if len(cf.Events) != 1 {
		t.Errorf("events after migration from v%d: %d", v, len(cf.Events))
	}
	if rep, err := svc.Verify(ctx, 0); err != nil || !rep.OK() {
		t.Errorf("verify after migration from v%d: %+v, %v", v, rep, err)
	}
	lang, err := svc.Setting(ctx, "ui.lang", "none")
	wantLang, wantLinks := "none", []int64(nil)
	if v >= 2 {
		wantLang, wantLinks = "zh", []int64{1}
	}
	if err != nil || lang != wantLang || !slices.Equal(cf.Exhibits[0].StepIDs, wantLinks) {
		t.Errorf("v%d: setting %q (%v), links %v", v, lang, err, cf.Exhibits[0].StepIDs)
	}
	// Issue 13: a case from before matters is in none; one from v9 on
	// keeps its matter.
	wantMatter := int64(0)
	if v >= 9 {
		wantMatter = 1
	}
	if m, err := svc.CaseMatter(ctx, 1); err != nil || m != wantMatter {
		t.Errorf("matter after migration from v%d: %d, %v", v, m, err)
	}
	// The store keeps working on the migrated file, matters included.
	id, err := svc.CreateCase(ctx, incident.Case{Title: "after"})
	if err != nil {
		t.Error(err)
	}
	mid, err := svc.CreateMatter(ctx, incident.Matter{Title: "业主", Respondent: incident.Respondent{Name: "某开发商"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.AddCaseToMatter(ctx, mid, id); err != nil {
		t.Error(err)
	}
	if mf, err := svc.Matter(ctx, mid); err != nil || len(mf.Cases) != 1 {
		t.Errorf("matter after migration from v%d: %+v, %v", v, mf, err)
	}
}

// schemaOf describes a database's schema and version, for comparing a
// file with the schema of a known version.
func schemaOf(t *testing.T, path string) (int, string) {
	t.Helper()
	db, err := sql.Open("sqlite", snapshotDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v, err := userVersion(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, s string
		if err := rows.Scan(&typ, &name, &s); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s %s\n", typ, name, s)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM schema_migration").Scan(&n); err != nil || n != v {
		t.Errorf("schema_migration has %d rows (%v) at user_version %d", n, err, v)
	}
	return v, b.String()
}

func referenceSchemas(t *testing.T) map[int]string {
	t.Helper()
	out := map[int]string{}
	for v := 1; v <= latestVersion(); v++ {
		dir := t.TempDir()
		buildFixture(t, dir, v)
		got, s := schemaOf(t, filepath.Join(dir, DBName))
		if got != v {
			t.Fatalf("fixture v%d has user_version %d", v, got)
		}
		out[v] = s
	}
	return out
}

func TestMigrateFromEmpty(t *testing.T) {
	s, svc := openTest(t, Options{})
	v, schema := schemaOf(t, dbPath(s))
	if v != latestVersion() {
		t.Fatalf("user_version = %d, want %d", v, latestVersion())
	}
	if ref := referenceSchemas(t)[v]; schema != ref {
		t.Errorf("schema from empty differs from the reference:\n%s\nwant\n%s", schema, ref)
	}
	if _, err := svc.CreateCase(t.Context(), incident.Case{Title: "x"}); err != nil {
		t.Fatal(err)
	}
	var strict int
	if err := s.rdb.QueryRow("SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' AND strict = 0").Scan(&strict); err != nil || strict != 0 {
		t.Errorf("%d tables are not STRICT (%v)", strict, err)
	}
	if list, _ := Backups(s.Dir()); len(list) != 0 {
		t.Errorf("a new store made backups: %v", list)
	}
}

func TestMigrateFromEveryVersion(t *testing.T) {
	for v := 1; v <= latestVersion(); v++ {
		t.Run("v"+strconv.Itoa(v), func(t *testing.T) {
			dir := t.TempDir()
			buildFixture(t, dir, v)
			s, svc := openTestDir(t, dir, Options{})
			if got, _ := userVersion(t.Context(), s.rdb); got != latestVersion() {
				t.Fatalf("user_version = %d", got)
			}
			checkFixture(t, svc, v)
			list, _ := Backups(dir)
			if v < latestVersion() && len(list) != 1 {
				t.Errorf("want one backup before migrating, got %v", list)
			}
			if v == latestVersion() && len(list) != 0 {
				t.Errorf("backup without a migration: %v", list)
			}
			if len(list) == 1 {
				if got, _ := schemaOf(t, list[0].Path); got != v {
					t.Errorf("pre-migration backup is at version %d, want %d", got, v)
				}
			}
		})
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	dir := t.TempDir()
	buildFixture(t, dir, latestVersion())
	db, err := openPool(filepath.Join(dir, DBName), false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", latestVersion()+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(dir, Options{NoAutoBackup: true})
	wantCode(t, err, incident.CodeConflict)
}

// childMigrate opens the store, which migrates, and stops dead at the hook
// named in the environment until the parent kills it.
func childMigrate(dir string) error {
	at := os.Getenv("LEAKDESK_SQLITE_CHILD_HOOK")
	hook := func(v int, committed bool) {
		if fmt.Sprintf("%d:%v", v, committed) == at {
			fmt.Println("at " + at)
			var b [1]byte
			os.Stdin.Read(b[:]) // until killed
		}
	}
	s, err := Open(dir, Options{NoAutoBackup: true, migrateHook: hook})
	if err != nil {
		return err
	}
	fmt.Println("done")
	return s.Close()
}

// TestKillDuringMigration is R6: killed inside or right after each
// migration's transaction, the file has exactly the old or the new schema,
// and the next open finishes the job with the data intact.
func TestKillDuringMigration(t *testing.T) {
	refs := referenceSchemas(t)
	for v := 2; v <= latestVersion(); v++ {
		for _, committed := range []bool{false, true} {
			t.Run(fmt.Sprintf("v%d-committed-%v", v, committed), func(t *testing.T) {
				dir := t.TempDir()
				buildFixture(t, dir, 1)
				c := startChild(t, "migrate", dir, "LEAKDESK_SQLITE_CHILD_HOOK="+fmt.Sprintf("%d:%v", v, committed))
				if line, _ := c.next(); !strings.HasPrefix(line, "at ") {
					t.Fatalf("child: %q; stderr: %s", line, c.errb)
				}
				_ = c.cmd.Process.Kill()
				_ = c.cmd.Wait()
				want := v - 1
				if committed {
					want = v
				}
				got, schema := schemaOf(t, filepath.Join(dir, DBName))
				if got != want || schema != refs[got] {
					t.Fatalf("after the kill: version %d (want %d), schema matches reference: %v", got, want, schema == refs[got])
				}
				_, svc := openTestDir(t, dir, Options{})
				checkFixture(t, svc, 1)
			})
		}
	}
	t.Run("creating", func(t *testing.T) {
		dir := t.TempDir()
		c := startChild(t, "migrate", dir, "LEAKDESK_SQLITE_CHILD_HOOK=2:true")
		if line, _ := c.next(); !strings.HasPrefix(line, "at ") {
			t.Fatalf("child: %q; stderr: %s", line, c.errb)
		}
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
		if _, err := os.Stat(filepath.Join(dir, DBName)); !os.IsNotExist(err) {
			t.Fatalf("a half-created database is in place: %v", err)
		}
		s, _ := openTestDir(t, dir, Options{})
		if v, _ := userVersion(t.Context(), s.rdb); v != latestVersion() {
			t.Fatalf("user_version = %d", v)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), tempMarker) {
				t.Errorf("stale temporary file %s left", e.Name())
			}
		}
	})
}
