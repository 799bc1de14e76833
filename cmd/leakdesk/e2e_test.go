package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"leakdesk/internal/report/pdf"
	"leakdesk/internal/report/reporttest"
)

// The tests in this file drive the built binary, as a user does: package
// initialisers, main's start-up order and child processes (the PDF checker)
// only exist there, and a test that calls run() in process cannot see them.

func TestMain(m *testing.M) {
	// In-process exports (cliRun) start this test binary as their PDF
	// checker, exactly as the shipped binary starts itself.
	pdf.RunCheckerIfRequested()
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// builtBinary builds cmd/leakdesk once per test run and returns its path.
func builtBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "leakdesk-e2e-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "leakdesk")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// needTool skips a test when a command-line tool is missing, except in CI,
// where the tools are installed (Makefile TEST_DEPS) and the test must run.
func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI: %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
}

// binEnv is a minimal environment without a display: a checker that
// started the GUI instead of checking would fail loudly here.
func binEnv(home string, extra ...string) []string {
	return append([]string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}, extra...)
}

type binResult struct {
	stdout, stderr string
	code           int
}

// runBin runs the built binary with env and fails the test on a timeout.
func runBin(t *testing.T, env []string, stdin []byte, args ...string) binResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, builtBinary(t), args...)
	// The tag marks this test's processes and their children (the PDF
	// checker inherits the environment): parallel tests run the same
	// binary, and a leftover check must not count another test's copy.
	cmd.Env = append(append([]string(nil), env...), testTagEnv+"="+t.Name())
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("leakdesk %s: timed out", strings.Join(args, " "))
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("leakdesk %s: %v", strings.Join(args, " "), err)
	}
	return binResult{out.String(), errb.String(), code}
}

func mustBin(t *testing.T, env []string, args ...string) string {
	t.Helper()
	r := runBin(t, env, nil, args...)
	if r.code != 0 {
		t.Fatalf("leakdesk %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// testTagEnv names the variable runBin sets to the test's name.
const testTagEnv = "LEAKDESK_E2E_TEST"

// leftovers lists the processes still running the binary at path (Linux:
// /proc/PID/exe names the executable) started by the test named tag or one
// of its subtests.
func leftovers(path, tag string) []string {
	var pids []string
	own := func(environ []byte) bool {
		for _, kv := range bytes.Split(environ, []byte{0}) {
			v, ok := bytes.CutPrefix(kv, []byte(testTagEnv+"="))
			if ok && (string(v) == tag || strings.HasPrefix(string(v), tag+"/")) {
				return true
			}
		}
		return false
	}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		if exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe")); err != nil || exe != path {
			continue
		}
		environ, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err == nil && own(environ) {
			pids = append(pids, e.Name())
		}
	}
	return pids
}

// checkNoLeftovers fails if a copy of the binary is still running a moment
// after the command returned (a checker child that started the app instead
// would stay).
func checkNoLeftovers(t *testing.T, bin string) {
	t.Helper()
	if _, err := os.Stat("/proc/self/exe"); err != nil {
		return // no procfs: nothing to look at
	}
	var left []string
	for i := 0; i < 20; i++ {
		if left = leftovers(bin, t.Name()); len(left) == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("leakdesk processes left running: %v", left)
}

var pagesRE = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	m := pagesRE.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in %q", path, out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	// Exit 0 is clean, 3 is warnings only (still a valid file), 2 errors.
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); (ok && ee.ExitCode() != 3) || (err != nil && !ok) {
		t.Errorf("qpdf --check %s: %v\n%s", filepath.Base(path), err, out)
	}
}

// TestBuiltBinaryPrintsPDFExhibit is issue 10's first finding: in the
// shipped binary the PDF checker child started the whole app instead of
// checking, so every PDF exhibit was listed as damaged. The built binary
// must print a PDF exhibit's pages and leave no copy of itself running.
func TestBuiltBinaryPrintsPDFExhibit(t *testing.T) {
	bin := builtBinary(t)
	for _, tool := range []string{"pdftotext", "pdfinfo", "qpdf"} {
		needTool(t, tool)
	}
	t.Parallel()
	tmp := t.TempDir()
	env := binEnv(tmp, "LANG=en_US.UTF-8", "LEAKDESK_DATA="+filepath.Join(tmp, "data"))
	if got := strings.TrimSpace(mustBin(t, env, "demo")); got != "1" {
		t.Fatalf("demo printed %q", got)
	}
	policy := filepath.Join(tmp, "policy.pdf")
	if err := os.WriteFile(policy, reporttest.PolicyPDF(), 0o600); err != nil {
		t.Fatal(err)
	}
	// The same PDF rewritten by qpdf with object and cross-reference
	// streams, as many producers write them.
	policyObjStm := filepath.Join(tmp, "policy-objstm.pdf")
	if out, err := exec.Command("qpdf", "--object-streams=generate", policy, policyObjStm).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	mustBin(t, env, "evidence", "add", "--case", "1", policy, policyObjStm, "--title", "隐私政策")

	without := filepath.Join(tmp, "without.pdf")
	mustBin(t, env, "export", "--case", "1", "--packet", "full", "--no-exhibits", "--out", without)
	out := filepath.Join(tmp, "full.pdf")
	start := time.Now()
	mustBin(t, env, "export", "--case", "1", "--packet", "full", "--out", out)
	t.Logf("export with exhibits took %v", time.Since(start))
	checkNoLeftovers(t, bin)

	qpdfCheck(t, out)
	text := pdfToText(t, out)
	for _, want := range []string{"Privacy Policy (example)", "privacy@example.invalid"} {
		if n := strings.Count(text, want); n != 2 {
			t.Errorf("packet has %q %d times, want 2 (one per PDF exhibit)", want, n)
		}
	}
	if strings.Contains(text, "无法在本材料中呈现") {
		t.Errorf("packet says an exhibit cannot be shown:\n%s", text)
	}
	checkAttachments(t, env, out, true)
	checkAttachments(t, env, without, true)
	// --no-attach leaves them out; a police packet has none by default.
	noAttach := filepath.Join(tmp, "noattach.pdf")
	mustBin(t, env, "export", "--case", "1", "--packet", "full", "--no-attach", "--out", noAttach)
	checkAttachments(t, env, noAttach, false)
	police := filepath.Join(tmp, "police.pdf")
	mustBin(t, env, "export", "--case", "1", "--packet", "police", "--out", police)
	checkAttachments(t, env, police, false)
	if r := runBin(t, env, nil, "export", "--case", "1", "--packet", "full", "--attach", "--no-attach", "--out", police); r.code != 2 {
		t.Errorf("--attach --no-attach: exit %d, want 2", r.code)
	}

	// Each two-page PDF adds its two pages (plus the pages of the demo's
	// other exhibits, which the packet without exhibits lacks too).
	if got, base := pdfPages(t, out), pdfPages(t, without); got < base+4 {
		t.Errorf("packet has %d pages, without exhibits %d: the PDF exhibits' 4 pages are missing", got, base)
	}
}

// checkAttachments extracts every attachment of the packet with qpdf and
// checks that the file exhibits' originals are there, byte for byte: each
// attachment's SHA-256 is the one `evidence list` prints (issue 10 §7).
func checkAttachments(t *testing.T, env []string, packet string, want bool) {
	t.Helper()
	var list []struct {
		Number int    `json:"number"`
		Kind   string `json:"kind"`
		SHA256 string `json:"sha256"`
	}
	if err := json.Unmarshal([]byte(mustBin(t, env, "evidence", "list", "--case", "1", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, e := range list {
		if e.Kind == "file" {
			files[e.SHA256] = false
		}
	}
	out, err := exec.Command("qpdf", "--list-attachments", packet).Output()
	if err != nil {
		t.Fatalf("qpdf --list-attachments: %v", err)
	}
	keys := regexp.MustCompile(`(?m)^(\S+) -> `).FindAllStringSubmatch(string(out), -1)
	if !want {
		if len(keys) != 0 {
			t.Errorf("%s has %d attachments, want none", filepath.Base(packet), len(keys))
		}
		return
	}
	for _, k := range keys {
		data, err := exec.Command("qpdf", "--show-attachment="+k[1], packet).Output()
		if err != nil {
			t.Fatalf("qpdf --show-attachment=%s: %v", k[1], err)
		}
		sum := sha256.Sum256(data)
		h := hex.EncodeToString(sum[:])
		if _, ok := files[h]; !ok {
			t.Errorf("attachment %s (SHA-256 %s) is no exhibit's original", k[1], h)
		}
		files[h] = true
	}
	for h, found := range files {
		if !found {
			t.Errorf("%s: no attachment with the SHA-256 %s of a file exhibit", filepath.Base(packet), h)
		}
	}
}

// TestBuiltBinaryCheckerNeverStartsApp runs the binary as the PDF checker
// directly: it must answer and exit at once, for a good PDF and for junk,
// without ever reaching the command line or the GUI.
func TestBuiltBinaryCheckerNeverStartsApp(t *testing.T) {
	bin := builtBinary(t)
	t.Parallel()
	tmp := t.TempDir()
	tests := []struct {
		name  string
		stdin []byte
		args  []string
		ok    bool
	}{
		{"valid pdf", reporttest.PolicyPDF(), nil, true},
		{"junk", []byte("not a pdf"), nil, false},
		// Arguments would start a command (or the GUI) if the checker
		// did not run first.
		{"with gui argument", reporttest.PolicyPDF(), []string{"gui"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r := runBin(t, binEnv(tmp, "LEAKDESK_PDF_CHECKER=1", "DISPLAY=:99999"), tt.stdin, tt.args...)
			if took := time.Since(start); took > 20*time.Second {
				t.Errorf("checker took %v", took)
			}
			if (r.code == 0) != tt.ok {
				t.Fatalf("exit %d, want success=%v\nstdout: %s\nstderr: %s", r.code, tt.ok, r.stdout, r.stderr)
			}
			if tt.ok && !strings.HasPrefix(strings.TrimSpace(r.stdout), "[[") {
				t.Errorf("checker output %q, want page sizes", r.stdout)
			}
		})
	}
	checkNoLeftovers(t, bin)
}

// TestQuietCLI: no command but the GUI prints anything from the GUI
// toolkit, whatever the locale (issue 10: Fyne's locale lookup logged
// "Fyne error: Error parsing user locale C" under LANG=C.UTF-8 from every
// command). Only the built binary runs every package initialiser.
func TestQuietCLI(t *testing.T) {
	builtBinary(t)
	t.Parallel()
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	locales := [][]string{
		{"LANG=C"}, {"LANG=C.UTF-8"}, {"LANG=POSIX"}, {}, {"LC_ALL=C.UTF-8"}, {"LANG=C.utf8"},
		{"LC_ALL=C.UTF-8", "LANG=zh_CN.UTF-8"}, {"LANG=en_US.UTF-8", "LC_MESSAGES=C.UTF-8"},
	}
	for i, loc := range locales {
		env := binEnv(tmp, append([]string{"LEAKDESK_DATA=" + data}, loc...)...)
		cmds := [][]string{{"version"}, {"cases"}, {"help"}}
		if i == 0 {
			cmds = append([][]string{{"demo"}}, cmds...)
		}
		for _, args := range cmds {
			r := runBin(t, env, nil, args...)
			if r.code != 0 {
				t.Errorf("%v leakdesk %s: exit %d: %s", loc, strings.Join(args, " "), r.code, r.stderr)
			}
			if r.stderr != "" {
				t.Errorf("%v leakdesk %s printed on stderr:\n%s", loc, strings.Join(args, " "), r.stderr)
			}
		}
	}
	// A failing command prints its own message and nothing else.
	r := runBin(t, binEnv(tmp, "LANG=C.UTF-8", "LEAKDESK_DATA="+data), nil, "plan", "--case", "999")
	if r.code != 1 || strings.Contains(r.stderr, "Fyne") || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
		t.Errorf("plan --case 999: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestBuiltBinaryPrintsBankStatements (issue 10 §2): PDFs encrypted with
// an empty user password and an owner password, as bank statements are
// (every viewer opens them without asking), are printed as pages by the
// shipped binary, whatever the cipher; only the file that needs a
// password is listed, as encrypted. The originals are attached unchanged.
func TestBuiltBinaryPrintsBankStatements(t *testing.T) {
	builtBinary(t)
	for _, tool := range []string{"pdftotext", "qpdf"} {
		needTool(t, tool)
	}
	t.Parallel()
	tmp := t.TempDir()
	env := binEnv(tmp, "LANG=zh_CN.UTF-8", "LEAKDESK_DATA="+filepath.Join(tmp, "data"))
	mustBin(t, env, "demo")
	policy := filepath.Join(tmp, "policy.pdf")
	if err := os.WriteFile(policy, reporttest.PolicyPDF(), 0o600); err != nil {
		t.Fatal(err)
	}
	variants := []struct {
		name string
		args []string
	}{
		{"aes-256", []string{"--encrypt", "", "owner", "256", "--"}},
		{"aes-128", []string{"--encrypt", "", "owner", "128", "--use-aes=y", "--"}},
		{"rc4-128", []string{"--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"}},
		{"rc4-40", []string{"--allow-weak-crypto", "--encrypt", "", "owner", "40", "--"}},
		{"needs-password", []string{"--encrypt", "secret", "owner", "256", "--"}},
	}
	var files []string
	for _, v := range variants {
		f := filepath.Join(tmp, "statement-"+v.name+".pdf")
		if out, err := exec.Command("qpdf", append(v.args, policy, f)...).CombinedOutput(); err != nil {
			t.Fatalf("qpdf %s: %v\n%s", v.name, err, out)
		}
		files = append(files, f)
	}
	mustBin(t, env, append([]string{"evidence", "add", "--case", "1", "--title", "银行对账单"}, files...)...)
	out := filepath.Join(tmp, "full.pdf")
	mustBin(t, env, "export", "--case", "1", "--packet", "full", "--out", out)
	qpdfCheck(t, out)
	text := pdfToText(t, out)
	if n := strings.Count(text, "Privacy Policy (example)"); n != 4 {
		t.Errorf("statement text printed %d times, want 4 (one per empty-password file)", n)
	}
	flat := strings.Join(strings.Fields(text), "")
	if n := strings.Count(flat, "文件已加密"); n != 1 {
		t.Errorf("%d exhibits listed as encrypted, want 1 (the one that needs a password)", n)
	}
	checkAttachments(t, env, out, true)
}
