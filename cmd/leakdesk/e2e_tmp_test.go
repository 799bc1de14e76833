package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Issue 17, F7: an export of an encrypted case with evidence over 16 MiB,
// killed with SIGKILL at any point, leaves no plaintext in $TMPDIR (the
// evidence is streamed from the store, never decrypted into a file).
func TestBuiltBinaryKilledExportLeavesNoPlaintext(t *testing.T) {
	home, tmp := t.TempDir(), t.TempDir()
	data := filepath.Join(home, "data")
	env := binEnv(home, "TMPDIR="+tmp, "LANG=C.UTF-8")
	pass := filepath.Join(home, "pass")
	if err := os.WriteFile(pass, []byte("a long and strong passphrase 电池 horse\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustBin(t, env, "--data", data, "passphrase", "set", "--new-passphrase-file", pass)
	id := strings.TrimSpace(mustBin(t, env, "--data", data, "--passphrase-file", pass, "demo"))
	const canary = "CANARY-BIGEVID-d00d"
	line := []byte(canary + " a scam transcript line\n")
	big := filepath.Join(home, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat(line, (17<<20)/len(line)+1), 0o600); err != nil {
		t.Fatal(err)
	}
	mustBin(t, env, "--data", data, "--passphrase-file", pass, "evidence", "add", "--case", id, big)

	scan := func(when string) {
		t.Helper()
		ents, _ := os.ReadDir(tmp)
		for _, e := range ents {
			b, _ := os.ReadFile(filepath.Join(tmp, e.Name()))
			if bytes.Contains(b, []byte(canary)) || strings.HasPrefix(e.Name(), "leakdesk-exhibit-") {
				t.Errorf("%s: plaintext evidence left in $TMPDIR: %s", when, e.Name())
			}
		}
	}
	for _, d := range []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second} {
		cmd := exec.Command(builtBinary(t), "--data", data, "--passphrase-file", pass, "export", "--case", id,
			"--packet", "full", "--out", filepath.Join(home, "packet.pdf"))
		cmd.Env = env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(d)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		scan("killed after " + d.String())
	}
	mustBin(t, env, "--data", data, "--passphrase-file", pass, "export", "--case", id,
		"--packet", "full", "--out", filepath.Join(home, "packet.pdf"))
	scan("after a full export")
	if fi, err := os.Stat(filepath.Join(home, "packet.pdf")); err != nil || fi.Size() == 0 {
		t.Fatalf("the export wrote no packet: %v", err)
	}
}
