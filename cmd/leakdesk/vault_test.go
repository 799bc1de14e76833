package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/vault"
)

// fastKDFEnv, when "1" in a test's environment, gives new passphrases a
// tiny Argon2id cost; only test binaries know it (testKDF).
const fastKDFEnv = "LEAKDESK_INSECURE_TEST_KDF"

func init() {
	testKDF = func(getenv func(string) string) bool { return getenv(fastKDFEnv) == "1" }
}

// cliRunKDF is cliRun with the cheap test KDF, so setting a passphrase
// takes milliseconds.
func cliRunKDF(t *testing.T, dataDir string, args ...string) result {
	t.Helper()
	env := map[string]string{"LEAKDESK_DATA": dataDir, "LANG": "en_US.UTF-8", "HOME": t.TempDir(), fastKDFEnv: "1"}
	var out, errb bytes.Buffer
	err := runEnv(context.Background(), args, func(k string) string { return env[k] }, &out, &errb)
	return result{out.String(), errb.String(), exitCode(err)}
}

func mustRunKDF(t *testing.T, dataDir string, args ...string) string {
	t.Helper()
	r := cliRunKDF(t, dataDir, args...)
	if r.code != 0 {
		t.Fatalf("leakdesk %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

func TestPassphraseCommands(t *testing.T) {
	dir := withDemo(t)
	pw1 := writeFile(t, "pw1", []byte("first passphrase 一二三\n"))
	pw2 := writeFile(t, "pw2", []byte("second passphrase 四五六\r\n"))

	out := mustRunKDF(t, dir, "passphrase", "set", "--new-passphrase-file", pw1)
	if !strings.Contains(out, "Recovery key") {
		t.Errorf("set: %q", out)
	}
	// Locked, no passphrase, no terminal (go test's stdin): exit 1, "locked".
	for _, args := range [][]string{{"cases"}, {"plan", "--case", "1"}, {"key", "show"}, {"verify"}} {
		r := cliRunKDF(t, dir, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "locked") || r.stdout != "" {
			t.Errorf("%v on a locked store: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}
	r := cliRunKDF(t, dir, "--passphrase-file", pw2, "cases")
	if r.code != 1 || !strings.Contains(r.stderr, "passphrase or recovery key is not correct") {
		t.Errorf("wrong passphrase: %+v", r)
	}
	if out := mustRunKDF(t, dir, "--passphrase-file", pw1, "cases"); !strings.Contains(out, "王芳") {
		t.Errorf("cases: %q", out)
	}
	// After the subcommand too, and backups need no passphrase.
	mustRunKDF(t, dir, "verify", "--passphrase-file", pw1)
	mustRunKDF(t, dir, "backup", "--out", filepath.Join(t.TempDir(), "b.db"))

	if r := cliRunKDF(t, dir, "passphrase", "set", "--new-passphrase-file", pw2); r.code != 1 {
		t.Errorf("second set: %+v", r)
	}
	mustRunKDF(t, dir, "passphrase", "change", "--passphrase-file", pw1, "--new-passphrase-file", pw2)
	if r := cliRunKDF(t, dir, "--passphrase-file", pw1, "cases"); r.code != 1 {
		t.Errorf("old passphrase still works: %+v", r)
	}
	mustRunKDF(t, dir, "--passphrase-file", pw2, "cases")
	if r := cliRunKDF(t, dir, "passphrase", "remove"); r.code != 1 || !strings.Contains(r.stderr, "locked") {
		t.Errorf("remove without a passphrase: %+v", r)
	}
	mustRunKDF(t, dir, "passphrase", "remove", "--passphrase-file", pw2)
	if out := mustRun(t, dir, "cases"); !strings.Contains(out, "王芳") {
		t.Errorf("cases after remove: %q", out)
	}
}

func TestBundleCommands(t *testing.T) {
	src := withDemo(t)
	dst := t.TempDir()
	pw := writeFile(t, "pw", []byte("store pass 七 orchids\n"))
	mustRunKDF(t, dst, "passphrase", "set", "--new-passphrase-file", pw)
	key := strings.TrimSpace(mustRunKDF(t, dst, "--passphrase-file", pw, "key", "show"))
	if !strings.HasPrefix(key, "age1") {
		t.Fatalf("key show: %q", key)
	}
	if again := strings.TrimSpace(mustRunKDF(t, dst, "--passphrase-file", pw, "key", "show")); again != key {
		t.Fatalf("key changed: %q then %q", key, again)
	}
	file := filepath.Join(t.TempDir(), "case.leakcase")
	mustRun(t, src, "bundle", "export", "--case", "1", "--out", file, "--to", key)
	if got := strings.TrimSpace(mustRunKDF(t, dst, "--passphrase-file", pw, "bundle", "import", file)); got != "1" {
		t.Fatalf("import printed %q", got)
	}
	a := mustRun(t, src, "evidence", "list", "--case", "1", "--json")
	b := mustRunKDF(t, dst, "--passphrase-file", pw, "evidence", "list", "--case", "1", "--json")
	for _, e := range strings.Split(a, "\n") {
		if strings.Contains(e, "sha256") && !strings.Contains(b, strings.TrimSpace(e)) {
			t.Errorf("evidence hash %s missing after the round trip", strings.TrimSpace(e))
		}
	}
	data, _ := os.ReadFile(file)
	bad := bytes.Clone(data)
	bad[len(bad)/2] ^= 1
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"flipped", bad, "damaged or was altered"},
		{"truncated", data[:len(data)/2], "nothing was imported"},
	} {
		p := writeFile(t, tc.name+".leakcase", tc.data)
		r := cliRunKDF(t, dst, "--passphrase-file", pw, "bundle", "import", p)
		if r.code != 1 || !strings.Contains(r.stderr, tc.msg) {
			t.Errorf("%s: exit %d, %q", tc.name, r.code, r.stderr)
		}
	}
	// Wrong key: the source install's own key.
	r := cliRun(t, src, "en_US.UTF-8", "bundle", "import", file)
	if r.code != 1 || !strings.Contains(r.stderr, "not for this install's key") {
		t.Errorf("wrong key: %+v", r)
	}
	if r := cliRun(t, src, "en_US.UTF-8", "bundle", "export", "--case", "1", "--out", file); r.code != 2 {
		t.Errorf("export without a recipient: %+v", r)
	}
}

// canaryPNG is a small image whose compressed bytes are searched for.
func canaryPNG(t *testing.T, seed byte) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = byte(i*7 + i/13)
	}
	img.Set(3, 3, color.NRGBA{seed, 2, 3, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCanaryScan (R13 of issue 6): a case full of canaries, created in the
// clear and then encrypted, used through every feature; after locking and
// quitting, no file the app keeps (database, -wal, -shm, backups, an
// explicit backup, the bundle) nor the temporary directory holds any of them.
func TestCanaryScan(t *testing.T) {
	dir := t.TempDir()
	outDir := t.TempDir() // exports the user asked for in the clear: not scanned
	scanned := t.TempDir()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)

	pngBytes := canaryPNG(t, 1)
	canaries := map[string][]byte{
		"name":  []byte("CANARY张伟名"),
		"id":    []byte("110101199003077774"),
		"phone": []byte("13987654321"),
		"note":  []byte("CANARY-NOTE-备注内容"),
		"png":   pngBytes[len(pngBytes)/2 : len(pngBytes)/2+48],
	}
	pw := writeFile(t, "pw", []byte("canary store pass\n"))

	// Seeded in the clear, through the service.
	s, err := sqlite.Open(dir, sqlite.Options{KDF: vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	svc := incident.NewService(s, nil)
	ctx := t.Context()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "案件 " + string(canaries["name"]), SourceKind: incident.SourceCourier,
		Victim:    incident.Victim{Name: string(canaries["name"]), IDNumber: string(canaries["id"]), Phone: string(canaries["phone"])},
		Narrative: string(canaries["note"])})
	if err != nil {
		t.Fatal(err)
	}
	st := incident.Step{CaseID: id, Title: "报警", Status: incident.StepTodo, Channel: "110", Notes: string(canaries["note"]),
		FollowUp: time.Now().AddDate(0, 0, 3)}
	if err := svc.SaveStep(ctx, &st); err != nil {
		t.Fatal(err)
	}
	cm := incident.Communication{CaseID: id, At: time.Now().Add(-time.Hour).UTC().Truncate(time.Second), Direction: incident.Incoming,
		Channel: "phone", Counterpart: string(canaries["name"]), Summary: string(canaries["phone"])}
	if err := svc.SaveCommunication(ctx, &cm); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddExhibit(ctx, id, string(canaries["name"])+".png", bytes.NewReader(pngBytes), int64(len(pngBytes)),
		incident.ImportOptions{Title: string(canaries["note"])}); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetSetting(ctx, "ui.intake.draft", string(canaries["id"])); err != nil {
		t.Fatal(err)
	}
	if err := s.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()

	cs := strconv.FormatInt(id, 10)
	mustRunKDF(t, dir, "passphrase", "set", "--new-passphrase-file", pw)
	run := func(args ...string) string {
		return mustRunKDF(t, dir, append([]string{"--passphrase-file", pw}, args...)...)
	}
	run("evidence", "add", "--case", cs, writeFile(t, "second.png", canaryPNG(t, 2)), "--title", string(canaries["name"]))
	run("evidence", "note", "--case", cs, "--kind", "call", "--text", string(canaries["note"]), "--number", string(canaries["phone"]))
	run("evidence", "get", "--case", cs, "--exhibit", "1", "--out", filepath.Join(outDir, "get.png"))
	run("export", "--case", cs, "--packet", "police", "--out", filepath.Join(outDir, "police.pdf"))
	run("export", "--case", cs, "--packet", "full", "--out", filepath.Join(outDir, "full.pdf"))
	run("case", "export", "--case", cs, "--out", filepath.Join(outDir, "case.json"))
	run("backup", "--out", filepath.Join(scanned, "backup.db"))
	key := strings.TrimSpace(run("key", "show"))
	run("bundle", "export", "--case", cs, "--out", filepath.Join(scanned, "case.leakcase"), "--to", key)
	run("bundle", "import", filepath.Join(scanned, "case.leakcase"))
	run("verify")
	run("plan", "--case", cs)

	// The clear exports really hold the canaries, so the scan would see them.
	if b, _ := os.ReadFile(filepath.Join(outDir, "get.png")); !bytes.Equal(b, pngBytes) {
		t.Fatal("evidence get did not return the PNG")
	}

	// Lock and quit: open once more, lock, close.
	s, err = sqlite.Open(dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Locked() {
		t.Fatal("store opened unlocked")
	}
	s.Lock()
	s.Close()

	var files int
	for _, root := range []string{dir, scanned, tmp} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files++
			for name, c := range canaries {
				if bytes.Contains(b, c) {
					t.Errorf("canary %s found in %s", name, p)
				}
			}
			return nil
		})
	}
	if files < 4 {
		t.Fatalf("scanned only %d files", files)
	}
	list, _ := sqlite.Backups(dir)
	if len(list) == 0 {
		t.Error("no backups were scanned")
	}
}

// TestPassphraseFloor is issue 17's F10 on the command line: a weak
// passphrase is refused (it was taken with a warning), for the store and
// for a bundle, and a build without the test hook ignores the test-KDF
// environment variable.
func TestPassphraseFloor(t *testing.T) {
	dir := withDemo(t)
	for _, weak := range []string{"a", "hunter22", "Tr0ub4dor&3"} {
		pw := writeFile(t, "weak", []byte(weak+"\n"))
		r := cliRunKDF(t, dir, "passphrase", "set", "--new-passphrase-file", pw)
		if r.code != 1 || !strings.Contains(r.stderr, "too easy to guess") {
			t.Errorf("set %q: exit %d, stderr %q", weak, r.code, r.stderr)
		}
		r = cliRun(t, dir, "en_US.UTF-8", "bundle", "export", "--case", "1", "--out", filepath.Join(t.TempDir(), "b.leakcase"), "--bundle-passphrase-file", pw)
		if r.code != 1 || !strings.Contains(r.stderr, "too easy to guess") {
			t.Errorf("bundle %q: exit %d, stderr %q", weak, r.code, r.stderr)
		}
	}
	if st := mustRun(t, dir, "cases"); !strings.Contains(st, "王芳") {
		t.Fatalf("store changed by a refused passphrase: %q", st)
	}

	saved := testKDF
	t.Cleanup(func() { testKDF = saved })
	testKDF = nil // as in a release build
	c := &cli{getenv: func(k string) string { return map[string]string{fastKDFEnv: "1"}[k] }}
	if kdf := c.storeOptions().KDF; kdf != (vault.Params{}) {
		t.Fatalf("a release build honours %s: %+v", fastKDFEnv, kdf)
	}
}
