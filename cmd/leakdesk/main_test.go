package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"leakdesk/internal/incident/demo"
)

// result is one run of the command line.
type result struct {
	stdout, stderr string
	code           int
}

// cliRun runs the command line against dataDir with LANG=lang, as a user
// would, but in process.
func cliRun(t *testing.T, dataDir, lang string, args ...string) result {
	t.Helper()
	env := map[string]string{"LEAKDESK_DATA": dataDir, "LANG": lang, "HOME": t.TempDir()}
	var out, errb bytes.Buffer
	err := runEnv(context.Background(), args, func(k string) string { return env[k] }, &out, &errb)
	return result{out.String(), errb.String(), exitCode(err)}
}

// mustRun fails the test unless the command succeeds.
func mustRun(t *testing.T, dataDir string, args ...string) string {
	t.Helper()
	r := cliRun(t, dataDir, "en_US.UTF-8", args...)
	if r.code != 0 {
		t.Fatalf("leakdesk %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// withDemo returns a fresh data dir holding the demo case (ID 1).
func withDemo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if got := strings.TrimSpace(mustRun(t, dir, "demo")); got != "1" {
		t.Fatalf("demo printed %q, want 1", got)
	}
	return dir
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUsageAndFailures(t *testing.T) {
	t.Parallel()
	dir := withDemo(t)
	empty := writeFile(t, "empty.txt", nil)
	badJSON := writeFile(t, "bad.json", []byte(`{"format":"leakdesk-case","version":1,"steps":[{"id":1,"status":"finished"}]}`))
	out := filepath.Join(t.TempDir(), "x")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // substring, English
	}{
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown flag", []string{"cases", "--colour"}, 2, "flag provided but not defined"},
		{"plan without case", []string{"plan"}, 2, "--case ID is required"},
		{"bad case id", []string{"plan", "--case", "abc"}, 2, "positive number"},
		{"cases takes no args", []string{"cases", "extra"}, 2, "takes no argument"},
		{"case without sub", []string{"case"}, 2, "new, export, import, delete or undelete"},
		{"import without file", []string{"case", "import"}, 2, "one FILE"},
		{"assess without input", []string{"assess"}, 2, "--count"},
		{"assess case and counts", []string{"assess", "--case", "1", "--count", "other=5"}, 2, "cannot be combined"},
		{"assess bad category", []string{"assess", "--count", "soul=5"}, 2, `unknown category "soul"`},
		{"assess bad count", []string{"assess", "--count", "other=-5"}, 2, "whole number"},
		{"assess bad consequence", []string{"assess", "--count", "other=5", "--consequence", "mild"}, 2, "severe"},
		{"evidence without sub", []string{"evidence"}, 2, "add, note, list, get, transcript or import-sms"},
		{"evidence add no file", []string{"evidence", "add", "--case", "1"}, 2, "at least one FILE"},
		{"evidence add bad time", []string{"evidence", "add", "--case", "1", empty, "--captured", "yesterday"}, 2, "RFC 3339"},
		{"evidence note bad kind", []string{"evidence", "note", "--case", "1", "--kind", "fax", "--text", "x"}, 2, "call, sms, web or note"},
		{"evidence note no text", []string{"evidence", "note", "--case", "1", "--kind", "sms"}, 2, "--text"},
		{"evidence note web no url", []string{"evidence", "note", "--case", "1", "--kind", "web", "--text", "x"}, 2, "--url"},
		{"evidence get no out", []string{"evidence", "get", "--case", "1", "--exhibit", "1"}, 2, "--out"},
		{"evidence get bad number", []string{"evidence", "get", "--case", "1", "--exhibit", "x", "--out", out}, 2, "exhibit number"},
		{"export bad packet", []string{"export", "--case", "1", "--packet", "mayor", "--out", out}, 2, "police, consumer"},
		{"export mask conflict", []string{"export", "--case", "1", "--packet", "police", "--out", out, "--mask", "--no-mask"}, 2, "cannot be used together"},
		{"export bad police form", []string{"export", "--case", "1", "--packet", "police", "--out", out, "--police-form", "complaint"}, 2, "report or accusation"},
		{"export json without dry run", []string{"export", "--case", "1", "--packet", "police", "--out", out, "--json"}, 2, "--dry-run"},
		{"export bad delivery date", []string{"export", "--case", "1", "--packet", "provider", "--dry-run", "--delivered", "5.11."}, 1, "YYYY-MM-DD"},
		{"backup no out", []string{"backup"}, 2, "--out"},
		{"restore no file", []string{"restore"}, 2, "backup FILE"},

		{"plan missing case", []string{"plan", "--case", "99"}, 1, "case 99 was not found"},
		{"verify missing case", []string{"verify", "--case", "99"}, 1, "case 99 was not found"},
		{"assess missing case", []string{"assess", "--case", "99"}, 1, "case 99 was not found"},
		{"export missing case", []string{"export", "--case", "99", "--packet", "police", "--out", out}, 1, "was not found"},
		{"evidence add empty file", []string{"evidence", "add", "--case", "1", empty}, 1, "is empty (0 bytes)"},
		{"evidence add missing file", []string{"evidence", "add", "--case", "1", "/nonexistent/x.png"}, 1, "does not exist"},
		{"evidence add folder", []string{"evidence", "add", "--case", "1", t.TempDir()}, 1, "is a folder"},
		{"evidence get missing exhibit", []string{"evidence", "get", "--case", "1", "--exhibit", "99", "--out", out}, 1, "has no exhibit 99"},
		{"import missing file", []string{"case", "import", "/nonexistent.json"}, 1, "does not exist"},
		{"import invalid file", []string{"case", "import", badJSON}, 1, "steps[0].status: unknown status"},
		{"restore missing file", []string{"restore", "/nonexistent.db"}, 1, "Cannot read the backup file"},
		{"restore not a backup", []string{"restore", badJSON}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cliRun(t, dir, "en_US.UTF-8", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tt.stderr)
			}
			if tt.code == 2 && !strings.Contains(r.stderr, "leakdesk help") {
				t.Errorf("usage error without the help hint: %q", r.stderr)
			}
		})
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed command left %s behind", out)
	}
	// Nothing above may have changed the demo case.
	if got := mustRun(t, dir, "verify"); !strings.Contains(got, "OK: 1 cases") {
		t.Errorf("verify after failures: %s", got)
	}
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, "找不到案件"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "case 5 was not found"},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, "找不到案件"},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "case 5 was not found"},
		{map[string]string{}, "case 5 was not found"},
	}
	for _, tt := range tests {
		env := map[string]string{"LEAKDESK_DATA": dir}
		for k, v := range tt.env {
			env[k] = v
		}
		var out, errb bytes.Buffer
		err := runEnv(context.Background(), []string{"plan", "--case", "5"}, func(k string) string { return env[k] }, &out, &errb)
		if exitCode(err) != 1 || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("env %v: exit %d, stderr %q, want %q", tt.env, exitCode(err), errb.String(), tt.want)
		}
	}
	if r := cliRun(t, dir, "zh_CN.UTF-8", "plan"); r.code != 2 || !strings.Contains(r.stderr, "缺少 --case") {
		t.Errorf("zh usage error: %+v", r)
	}
	if r := cliRun(t, dir, "zh_CN.UTF-8", "help"); r.code != 0 || !strings.Contains(r.stdout, "用法") {
		t.Errorf("zh help: %+v", r)
	}
	if r := cliRun(t, dir, "en_US.UTF-8", "-h"); r.code != 0 || !strings.Contains(r.stdout, "Usage: leakdesk") {
		t.Errorf("en help: %+v", r)
	}
}

func TestVerbose(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := writeFile(t, "bad.db", []byte("not a database"))
	r := cliRun(t, dir, "en", "restore", bad)
	if r.code != 1 || strings.Contains(r.stderr, "cause:") {
		t.Fatalf("without --verbose: %+v", r)
	}
	r = cliRun(t, dir, "en", "--verbose", "restore", bad)
	if r.code != 1 || !strings.Contains(r.stderr, "cause:") {
		t.Fatalf("with --verbose: %+v", r)
	}
}

func TestJSONOutputs(t *testing.T) {
	t.Parallel()
	dir := withDemo(t)
	decode := func(args ...string) any {
		var v any
		if err := json.Unmarshal([]byte(mustRun(t, dir, args...)), &v); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return v
	}
	has := func(what string, m map[string]any, keys ...string) {
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: no %q in %v", what, k, m)
			}
		}
	}
	cases := decode("cases", "--json").([]any)
	if len(cases) != 1 {
		t.Fatalf("cases: %v", cases)
	}
	c0 := cases[0].(map[string]any)
	has("cases", c0, "id", "title", "victim", "status", "steps_total", "steps_done", "next_follow_up", "overdue", "updated_at")
	if c0["victim"] != demo.VictimName || c0["status"] != "open" {
		t.Errorf("case: %v", c0)
	}

	plan := decode("plan", "--case", "1", "--json").(map[string]any)
	steps := plan["steps"].([]any)
	var done, doing int
	for _, s := range steps {
		st := s.(map[string]any)
		has("plan step", st, "id", "position", "kind", "title", "status", "follow_up", "follow_up_estimate", "reference", "retired")
		switch st["status"] {
		case "done":
			done++
		case "doing":
			doing++
			if st["reference"] != demo.Reference || st["follow_up"] == "" {
				t.Errorf("doing step without reference or follow-up: %v", st)
			}
		}
	}
	if done != 1 || doing != 1 || len(steps) < 5 {
		t.Errorf("plan: %d steps, %d done, %d doing", len(steps), done, doing)
	}

	for _, args := range [][]string{
		{"assess", "--case", "1", "--json"},
		{"assess", "--count", "location=60", "--json"},
		{"assess", "--count", "other=3000", "--insider", "--json"},
		{"assess", "--count", "other=1", "--gains", "6000", "--json"},
		{"assess", "--count", "other=1", "--consequence", "severe", "--json"},
	} {
		a := decode(args...).(map[string]any)
		has("assess", a, "verdict", "ratio", "trigger", "basis", "explanation")
	}
	want := map[string]string{"location=60": "serious", "other=3000": "serious", "6000": "serious", "severe": "especially-serious"}
	for k, v := range want {
		args := []string{"assess", "--json", "--count"}
		switch k {
		case "6000":
			args = append(args, "other=1", "--gains", k)
		case "severe":
			args = append(args, "other=1", "--consequence", k)
		case "other=3000":
			args = append(args, k, "--insider")
		default:
			args = append(args, k)
		}
		if got := decode(args...).(map[string]any)["verdict"]; got != v {
			t.Errorf("%v: verdict %v, want %v", args, got, v)
		}
	}

	ev := decode("evidence", "list", "--case", "1", "--json").([]any)
	if len(ev) != 3 {
		t.Fatalf("evidence: %v", ev)
	}
	kinds := map[string]bool{}
	for i, e := range ev {
		m := e.(map[string]any)
		has("evidence", m, "number", "title", "type", "size", "sha256", "kind", "captured_at", "imported_at", "source", "proves")
		if m["number"] != float64(i+1) || len(m["sha256"].(string)) != 64 {
			t.Errorf("exhibit %d: %v", i, m)
		}
		kinds[m["kind"].(string)] = true
	}
	if !kinds["sms"] || !kinds["call"] || !kinds["file"] {
		t.Errorf("demo evidence kinds: %v", kinds)
	}
}

func TestEvidenceAddNoteGet(t *testing.T) {
	t.Parallel()
	dir := withDemo(t)
	a := writeFile(t, "a.txt", []byte("诈骗短信原文\n"))
	// Every byte value, so that nothing on the way may translate them.
	all := make([]byte, 3<<20)
	for i := range all {
		all[i] = byte(i * 7)
	}
	b := writeFile(t, "b.bin", all)
	got := mustRun(t, dir, "evidence", "add", "--case", "1", a, b, "--title", "原件", "--source", "手机", "--proves", "诈骗",
		"--captured", "2025-11-03T14:20:00+08:00")
	if got != "4\n5\n" {
		t.Fatalf("evidence add printed %q", got)
	}
	// The same file again is refused and nothing else changes.
	r := cliRun(t, dir, "en", "evidence", "add", "--case", "1", a)
	if r.code != 1 || !strings.Contains(r.stderr, "already stored as exhibit 4") {
		t.Fatalf("duplicate: %+v", r)
	}
	if got := mustRun(t, dir, "evidence", "note", "--case", "1", "--kind", "web", "--text", "帖子公开了我的电话",
		"--url", "https://forum.example.invalid/t/1", "--at", "2025-11-04T09:00:00Z"); got != "6\n" {
		t.Fatalf("note printed %q", got)
	}

	var list []map[string]any
	json.Unmarshal([]byte(mustRun(t, dir, "evidence", "list", "--case", "1", "--json")), &list)
	if list[3]["title"] != "原件" || list[3]["captured_at"] != "2025-11-03T06:20:00Z" || list[4]["type"] != "application/octet-stream" {
		t.Errorf("metadata: %v / %v", list[3], list[4])
	}

	outDir := t.TempDir()
	dest := filepath.Join(outDir, "copy.bin")
	// An existing file at --out is replaced whole, never written in place.
	os.WriteFile(dest, []byte("old"), 0o644)
	mustRun(t, dir, "evidence", "get", "--case", "1", "--exhibit", "5", "--out", dest)
	copyBytes, err := os.ReadFile(dest)
	if err != nil || !bytes.Equal(copyBytes, all) {
		t.Fatalf("evidence get is not byte-identical (err %v, %d bytes)", err, len(copyBytes))
	}
	sum := sha256.Sum256(copyBytes)
	if hex.EncodeToString(sum[:]) != list[4]["sha256"] {
		t.Errorf("hash differs from the listed one")
	}
	if fi, _ := os.Stat(dest); fi.Mode().Perm() != 0o600 {
		t.Errorf("exported evidence mode %v, want 0600", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(outDir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if got := mustRun(t, dir, "verify", "--case", "1"); !strings.Contains(got, "6 exhibits") {
		t.Errorf("verify: %s", got)
	}
}

// tamper edits the store directly, as an attacker with the file would.
func tamper(t *testing.T, dataDir string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dataDir, "leakdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		stmts []string
		want  string
	}{
		{"evidence byte", []string{`UPDATE exhibit_chunk SET data = zeroblob(length(data))
			WHERE exhibit_id = (SELECT id FROM exhibit WHERE case_id = 1 AND number = 3)`}, "exhibit 3"},
		// The guard triggers are put back afterwards, as by someone hiding the
		// change: a file with one missing is refused at open (issue 17, F14).
		{"event edited", []string{`DROP TRIGGER event_no_update`,
			// The subject is in the row's meta since schema 8.
			`UPDATE event SET meta = CAST(json_set(CAST(meta AS TEXT), '$.subject', 'case:999') AS BLOB) WHERE case_id = 1 AND seq = 2`,
			"CREATE TRIGGER event_no_update BEFORE UPDATE ON event\nBEGIN\n\tSELECT RAISE(ABORT, 'events are append-only');\nEND"}, "event 2"},
		{"event removed", []string{`DROP TRIGGER event_no_delete`,
			`DELETE FROM event WHERE case_id = 1 AND seq = 3`,
			"CREATE TRIGGER event_no_delete BEFORE DELETE ON event\nWHEN EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_id)\nBEGIN\n\tSELECT RAISE(ABORT, 'events are append-only');\nEND"}, "event 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := withDemo(t)
			tamper(t, dir, tt.stmts...)
			for _, args := range [][]string{{"verify"}, {"verify", "--case", "1"}} {
				r := cliRun(t, dir, "en", args...)
				if r.code != 1 || !strings.Contains(r.stdout, tt.want) || !strings.Contains(r.stderr, "Verification failed") {
					t.Errorf("%v: exit %d\nstdout %s\nstderr %s", args, r.code, r.stdout, r.stderr)
				}
			}
			r := cliRun(t, dir, "zh_CN.UTF-8", "verify")
			if r.code != 1 || !strings.Contains(r.stderr, "校验失败") {
				t.Errorf("zh: %+v", r)
			}
		})
	}
}

// strip removes what legitimately changes on import: IDs, the event
// history (re-started with an import event) and store timestamps.
func strip(t *testing.T, doc string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "events")
	c := m["case"].(map[string]any)
	delete(c, "id")
	delete(c, "updated_at")
	for _, list := range []string{"leaked", "accounts", "steps", "communications", "exhibits"} {
		for _, x := range m[list].([]any) {
			delete(x.(map[string]any), "id")
			delete(x.(map[string]any), "step_id")
			delete(x.(map[string]any), "step_ids")
			delete(x.(map[string]any), "communication_ids")
		}
	}
	return m
}

func TestCaseExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	src := withDemo(t)
	file := filepath.Join(t.TempDir(), "case.json")
	if got := mustRun(t, src, "case", "export", "--case", "1", "--out", file); got != file+"\n" {
		t.Fatalf("export printed %q", got)
	}
	exported, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
		t.Errorf("case file mode %v, want 0600", fi.Mode().Perm())
	}
	// To stdout too, identical but for the export event the first one added.
	if stdout := mustRun(t, src, "case", "export", "--case", "1"); !reflect.DeepEqual(strip(t, stdout), strip(t, string(exported))) {
		t.Errorf("stdout export differs from file export")
	}

	dst := t.TempDir()
	id := strings.TrimSpace(mustRun(t, dst, "case", "import", file))
	if id != "1" {
		t.Fatalf("import printed %q", id)
	}
	again := mustRun(t, dst, "case", "export", "--case", id)
	a, b := strip(t, string(exported)), strip(t, again)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("content differs after the round trip:\n%s\n%s", ja, jb)
	}
	hashes := func(dir, id string) []string {
		var l []map[string]any
		json.Unmarshal([]byte(mustRun(t, dir, "evidence", "list", "--case", id, "--json")), &l)
		var out []string
		for _, e := range l {
			out = append(out, e["sha256"].(string))
		}
		return out
	}
	if ha, hb := hashes(src, "1"), hashes(dst, id); strings.Join(ha, ",") != strings.Join(hb, ",") || len(ha) != 3 {
		t.Errorf("evidence hashes differ: %v vs %v", ha, hb)
	}
	if got := mustRun(t, dst, "verify"); !strings.Contains(got, "OK") {
		t.Errorf("verify after import: %s", got)
	}

	// A flipped byte in an exhibit's content is refused, naming it.
	var m map[string]any
	json.Unmarshal(exported, &m)
	ex := m["exhibits"].([]any)[2].(map[string]any)
	content := []byte(ex["content"].(string))
	content[10] ^= 'A' ^ 'B'
	if content[10] == '=' || content[10] == '+' {
		content[10] = 'Q'
	}
	ex["content"] = string(content)
	bad, _ := json.Marshal(m)
	r := cliRun(t, dst, "en", "case", "import", writeFile(t, "bad.json", bad))
	if r.code != 1 || !strings.Contains(r.stderr, "exhibits[2].content") {
		t.Errorf("tampered import: %+v", r)
	}
	if got := mustRun(t, dst, "cases", "--json"); strings.Count(got, `"id"`) != 1 {
		t.Errorf("a refused import left a case behind: %s", got)
	}
}

func TestBackupRestore(t *testing.T) {
	t.Parallel()
	dir := withDemo(t)
	backup := filepath.Join(t.TempDir(), "snap.db")
	mustRun(t, dir, "backup", "--out", backup)
	mustRun(t, dir, "demo")
	if n := strings.Count(mustRun(t, dir, "cases", "--json"), `"id"`); n != 2 {
		t.Fatalf("%d cases before restore", n)
	}
	mustRun(t, dir, "restore", backup)
	if n := strings.Count(mustRun(t, dir, "cases", "--json"), `"id"`); n != 1 {
		t.Fatalf("%d cases after restore, want 1", n)
	}
	if got := mustRun(t, dir, "verify"); !strings.Contains(got, "OK") {
		t.Errorf("verify: %s", got)
	}
}

func TestVersionAndGUI(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if got := mustRun(t, dir, "version"); !strings.HasPrefix(got, "leakdesk ") {
		t.Errorf("version: %q", got)
	}
	if r := cliRun(t, dir, "en", "cases"); r.code != 0 || !strings.Contains(r.stdout, "No cases yet") {
		t.Errorf("empty cases: %+v", r)
	}
	// Flags before the command apply to it.
	other := t.TempDir()
	mustRun(t, dir, "--data", other, "demo")
	if n := strings.Count(mustRun(t, dir, "--data", other, "cases", "--json"), `"id"`); n != 1 {
		t.Errorf("--data before the command: %d cases", n)
	}
	if n := strings.Count(mustRun(t, dir, "cases", "--json", "--data", other), `"id"`); n != 1 {
		t.Errorf("--data after the command: %d cases", n)
	}
}

func TestDefaultDataDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"HOME": "/home/wf"}, "/home/wf/.local/share/leakdesk"},
		{map[string]string{"HOME": "/home/wf", "XDG_DATA_HOME": "/data"}, "/data/leakdesk"},
		{map[string]string{"HOME": "/home/wf", "XDG_DATA_HOME": "relative"}, "/home/wf/.local/share/leakdesk"},
	}
	for _, tt := range tests {
		got, err := defaultDataDir("linux", env(tt.env))
		if err != nil || got != tt.want {
			t.Errorf("%v: %q, %v; want %q", tt.env, got, err, tt.want)
		}
	}
	c := &cli{getenv: env(map[string]string{"LEAKDESK_DATA": "/srv/ld", "HOME": "/h"})}
	if got, _ := c.dataDir(); got != "/srv/ld" {
		t.Errorf("LEAKDESK_DATA: %q", got)
	}
	c.dataFlag = "/flag"
	if got, _ := c.dataDir(); got != "/flag" {
		t.Errorf("--data: %q", got)
	}
}

func TestDemoCase(t *testing.T) {
	t.Parallel()
	dir := withDemo(t)
	var m map[string]any
	json.Unmarshal([]byte(mustRun(t, dir, "case", "export", "--case", "1")), &m)
	c := m["case"].(map[string]any)
	v := c["victim"].(map[string]any)
	if v["id_number"] != demo.IDNumber || v["phone"] != demo.Phone || c["source_kind"] != "courier" {
		t.Errorf("demo case: %v", c)
	}
	for _, k := range []string{"leaked", "accounts", "communications", "exhibits", "steps", "events"} {
		if n := len(m[k].([]any)); n == 0 {
			t.Errorf("demo has no %s", k)
		}
	}
	if n, _ := strconv.Atoi(strings.TrimSpace(mustRun(t, dir, "demo"))); n != 2 {
		t.Errorf("second demo got ID %d", n)
	}
}

// export --dry-run shows what the document will state and where each
// statement comes from, without writing anything.
func TestExportDryRun(t *testing.T) {
	t.Parallel()
	dir := withDemo(t)
	var got struct {
		Packet     string `json:"packet"`
		Title      string `json:"title"`
		PoliceForm string `json:"police_form"`
		Statements []struct {
			Text  string `json:"text"`
			Basis []struct{ Kind, Key, Label, Where string }
		} `json:"statements"`
	}
	out := mustRun(t, dir, "export", "--case", "1", "--packet", "police", "--dry-run", "--json", "--police-form", "report")
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Packet != "police" || got.PoliceForm != "report" || got.Title != "报案材料" || len(got.Statements) == 0 {
		t.Fatalf("dry run: %+v", got)
	}
	for _, st := range got.Statements {
		if len(st.Basis) == 0 || st.Basis[0].Label == "" {
			t.Errorf("statement without a labelled basis: %+v", st)
		}
		if strings.Contains(st.Text, "控告人") {
			t.Errorf("a report (报案) speaks of a 控告人: %s", st.Text)
		}
	}
	// The demo names a suspected source, so the default is an accusation.
	out = mustRun(t, dir, "export", "--case", "1", "--packet", "police", "--dry-run")
	if !strings.HasPrefix(out, "控告材料\n1. ") || !strings.Contains(out, "from: ") {
		t.Errorf("plain dry run:\n%s", out)
	}
}

func TestExportPackets(t *testing.T) {
	t.Parallel()
	dir := withDemo(t)
	outDir := t.TempDir()
	runs := []struct {
		kind  string
		extra []string
	}{
		{"police", nil}, {"consumer", nil}, {"regulator", nil}, {"provider", nil}, {"full", []string{"--no-exhibits"}},
		{"provider", []string{"--mask", "--no-exhibits"}}, {"police", []string{"--no-mask", "--no-exhibits"}},
	}
	for _, run := range runs {
		{
			kind, extra := run.kind, run.extra
			path := filepath.Join(outDir, kind+strings.Join(extra, "")+".pdf")
			args := append([]string{"export", "--case", "1", "--packet", kind, "--out", path}, extra...)
			out := mustRun(t, dir, args...)
			pdf, err := os.ReadFile(path)
			if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatalf("%v: not a PDF (%v)", args, err)
			}
			sum := sha256.Sum256(pdf)
			if want := path + "\nSHA-256 " + hex.EncodeToString(sum[:]) + "\n"; out != want {
				t.Errorf("%v printed %q, want %q", args, out, want)
			}
			// Masking is checked on the text a reader gets out of the PDF:
			// the raw bytes hold glyph IDs, never the digits, so a search
			// there finds nothing even in an unmasked packet (issue 11 §5).
			// The unmasked police packet is the control: its text must
			// show the numbers, or the check could not see them either.
			if len(extra) > 0 && (extra[0] == "--mask" || extra[0] == "--no-mask") {
				needTool(t, "pdftotext")
				txt := strings.Join(strings.Fields(pdfToText(t, path)), "")
				for _, n := range []string{demo.IDNumber, demo.Phone} {
					if shown := strings.Contains(txt, n); shown != (extra[0] == "--no-mask") {
						t.Errorf("%v: full number %s in the text: %v", args, n, shown)
					}
				}
			}
		}
	}
	// Every export is in the history with the PDF's hash.
	var m map[string]any
	json.Unmarshal([]byte(mustRun(t, dir, "case", "export", "--case", "1")), &m)
	n := 0
	for _, e := range m["events"].([]any) {
		ev := e.(map[string]any)
		if ev["kind"] == "packet.exported" {
			n++
			if len(ev["data"].(map[string]any)["sha256"].(string)) != 64 {
				t.Errorf("export event without hash: %v", ev)
			}
		}
	}
	if n != len(runs) {
		t.Errorf("%d packet.exported events, want %d", n, len(runs))
	}
	entries, _ := os.ReadDir(outDir)
	if len(entries) != len(runs) {
		t.Errorf("%d files in the output folder, want %d (temporary files left?)", len(entries), len(runs))
	}
	if got := mustRun(t, dir, "verify"); !strings.Contains(got, "OK") {
		t.Errorf("verify: %s", got)
	}
	r := cliRun(t, dir, "en", "export", "--case", "1", "--packet", "police", "--out", "/nonexistent/dir/p.pdf")
	if r.code != 1 || !strings.Contains(r.stderr, "does not exist") {
		t.Errorf("missing folder: %+v", r)
	}
}

// Every subcommand's -h and --help print that subcommand's lines of the
// help, exit 0 and touch no data; a group's prints its subcommands.
func TestSubcommandHelp(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "never-made")
	for _, c := range []struct {
		args []string
		lang string
		want []string // lines the usage must have
		not  string   // a line of another command it must not have
	}{
		{[]string{"expense", "add", "--help"}, "en_US.UTF-8", []string{"  expense add --case ID --category C"}, "expense list"},
		{[]string{"expense", "add", "-h"}, "zh_CN.UTF-8", []string{"用法：", "  expense add --case ID --category 类别"}, "expense list"},
		{[]string{"expense", "--help"}, "en_US.UTF-8", []string{"  expense add", "  expense list", "  expense remove"}, "  reply"},
		{[]string{"reply", "-h"}, "en_US.UTF-8", []string{"--outcome accepted|refused|partial|none", "--delivery ems|post|email|online|in-person"}, "  next"},
		{[]string{"next", "--help"}, "en_US.UTF-8", []string{"  next --case ID [--json]"}, "  reply"},
		{[]string{"matter", "new", "-h"}, "en_US.UTF-8", []string{"  matter new --title T"}, "matter edit"},
		{[]string{"evidence", "add", "--help"}, "en_US.UTF-8", []string{"  evidence add --case ID FILE..."}, "evidence note"},
		{[]string{"cases", "--help"}, "en_US.UTF-8", []string{"  cases [--json]"}, "  case new"},
		{[]string{"case", "new", "-h"}, "en_US.UTF-8", []string{"  case new --answers FILE.json"}, "  cases"},
		{[]string{"passphrase", "change", "--help"}, "en_US.UTF-8", []string{"  passphrase change"}, "passphrase set"},
		{[]string{"export", "-h"}, "en_US.UTF-8", []string{"  export --case ID --packet", "  export --matter ID"}, "  bundle"},
	} {
		r := cliRun(t, dir, c.lang, c.args...)
		if r.code != 0 || r.stderr != "" || strings.Contains(r.stdout, "leakdesk —") {
			t.Errorf("%v: exit %d, stderr %q, stdout:\n%s", c.args, r.code, r.stderr, r.stdout)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%v: no %q in:\n%s", c.args, w, r.stdout)
			}
		}
		if strings.Contains(r.stdout, c.not) {
			t.Errorf("%v: prints %q:\n%s", c.args, c.not, r.stdout)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("help made the data directory: %v", err)
	}
}
