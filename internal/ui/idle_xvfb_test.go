package ui

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
)

// TestIdleLockUnderXvfb is the README's auto-lock claim, on the built app in
// a real X session: idle means no mouse movement over the window and no key
// press. With a one-minute limit, mouse moves alone keep the app open past
// the limit, then key presses alone (into an entry) do, and with no input
// at all it locks. lock_test.go covers the timing rules with a fake clock;
// this covers what only the real driver can show: that its mouse and key
// events reach the idle timer. It takes about four minutes, so it runs when
// LEAKDESK_XVFB_TEST=1 or in CI (alone, after the other tests; Makefile).
func TestIdleLockUnderXvfb(t *testing.T) {
	if os.Getenv("LEAKDESK_XVFB_TEST") == "" && os.Getenv("CI") == "" {
		t.Skip("set LEAKDESK_XVFB_TEST=1 to check idle detection under Xvfb")
	}
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (make deps-test installs it)", tool)
			}
			t.Skipf("%s is missing", tool)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "leakdesk")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "leakdesk/cmd/leakdesk").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	// A store with a passphrase and a one-minute limit (the smallest the
	// setting takes).
	const pass = "correct horse battery staple"
	data := filepath.Join(tmp, "data")
	st, err := sqlite.Open(data, sqlite.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := incident.NewService(st, nil)
	for k, v := range map[string]string{settingOffered: "1", settingIdleMinutes: "1"} {
		if err := svc.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.CreateCase(ctx, incident.Case{Title: "Courier leak"}); err != nil {
		t.Fatal(err)
	}
	l, _ := svc.Locker()
	if _, err := l.EnableEncryption(ctx, []byte(pass)); err != nil {
		t.Fatal(err)
	}
	st.Close()

	display := startXvfb(ctx, t)
	env := append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "LANGUAGE=en", "LC_ALL=", "LIBGL_ALWAYS_SOFTWARE=1")
	xdo := xtools{ctx, t, env}.xdo
	app := exec.CommandContext(ctx, bin, "--data", data)
	app.Env = env
	var appLog strings.Builder
	app.Stdout, app.Stderr = &appLog, &appLog
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.Process.Kill(); app.Wait() })
	defer func() {
		if t.Failed() {
			t.Logf("app output:\n%s", appLog.String())
		}
	}()
	wid := strings.Fields(xdo("search", "--sync", "--name", "^leakdesk"))[0]
	title := func() string { return xdo("getwindowname", wid) }
	waitTitle := func(what string, ok func(string) bool, within time.Duration) {
		t.Helper()
		deadline := time.Now().Add(within)
		for !ok(title()) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: window title %q after %v", what, title(), within)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	locked := func(s string) bool { return strings.Contains(s, "locked") }
	waitTitle("the unlock screen", locked, time.Minute)
	// The passphrase field has the caret; Return unlocks.
	xdo("windowfocus", "--sync", wid)
	xdo("type", "--delay", "60", pass)
	xdo("key", "Return")
	waitTitle("unlocking", func(s string) bool { return strings.Contains(s, "personal information leak response") }, 2*time.Minute)

	// hold feeds one kind of input every 10 s for longer than the limit and
	// checks the app stayed open throughout.
	hold := func(what string, input func(i int)) {
		t.Helper()
		end := time.Now().Add(75 * time.Second)
		for i := 0; time.Now().Before(end); i++ {
			input(i)
			if locked(title()) {
				t.Fatalf("locked although %s kept coming (%d s in)", what, 75-int(time.Until(end).Seconds()))
			}
			time.Sleep(10 * time.Second)
		}
	}
	hold("mouse movement over the window", func(i int) {
		xdo("mousemove", "--window", wid, fmt.Sprint(500+40*(i%5)), fmt.Sprint(400+30*(i%3)))
	})
	// Keys only, into the cases' search field (Ctrl+F puts the caret there).
	xdo("key", "ctrl+f")
	hold("key presses", func(i int) { xdo("key", []string{"a", "BackSpace"}[i%2]) })
	// No input: it locks within the limit and a few seconds.
	start := time.Now()
	waitTitle("locking when idle", locked, 80*time.Second)
	t.Logf("locked %v after the last key press", time.Since(start).Round(time.Second)+10*time.Second)
}
