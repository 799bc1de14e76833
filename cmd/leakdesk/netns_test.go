package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestNoNetwork (R13) runs the built binary inside a new user and network
// namespace, where no interface but a downed loopback exists: every command
// must work there exactly as outside, because the app promises never to
// need the network. It runs the real binary, not run(), so that package
// initialisers of every dependency (Fyne included) are covered too.
func TestNoNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS != "linux" {
		t.Skip("network namespaces are Linux-only")
	}
	unshare, err := exec.LookPath("unshare")
	if err == nil {
		err = exec.Command(unshare, "-rn", "true").Run()
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("unshare -rn is needed in CI: %v", err)
		}
		t.Skipf("unshare -rn unavailable: %v", err)
	}
	t.Parallel()

	tmp := t.TempDir()
	bin := builtBinary(t)
	data := filepath.Join(tmp, "data")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(unshare, append([]string{"-rn", bin, "--data", data}, args...)...)
		cmd.Env = []string{"LANG=en_US.UTF-8", "HOME=" + tmp, "PATH=" + os.Getenv("PATH")}
		out, err := cmd.Output()
		if err != nil {
			stderr := ""
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("leakdesk %s inside a network namespace: %v\n%s%s", strings.Join(args, " "), err, out, stderr)
		}
		return string(out)
	}
	if got := strings.TrimSpace(run("demo")); got != "1" {
		t.Fatalf("demo: %q", got)
	}
	if got := run("cases"); !strings.Contains(got, "王芳") {
		t.Errorf("cases: %q", got)
	}
	caseFile := filepath.Join(tmp, "case.json")
	run("case", "export", "--case", "1", "--out", caseFile)
	if got := strings.TrimSpace(run("case", "import", caseFile)); got != "2" {
		t.Errorf("case import: %q", got)
	}
	run("evidence", "get", "--case", "2", "--exhibit", "3", "--out", filepath.Join(tmp, "shot.png"))
	run("backup", "--out", filepath.Join(tmp, "backup.db"))
	for _, kind := range []string{"police", "full"} {
		run("export", "--case", "1", "--packet", kind, "--out", filepath.Join(tmp, kind+".pdf"))
	}
	if got := run("verify"); !strings.Contains(got, "OK") {
		t.Errorf("verify: %q", got)
	}
}
