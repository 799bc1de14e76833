package ui

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/report/reporttest"
)

// TestGUIExportUnderXvfb (issue 10 §1): the built app, in a real window
// under Xvfb, exports the full packet of a case with a PDF exhibit through
// its Export tab and save dialog, as a user does. The PDF exhibit's pages
// are in the packet (the PDF checker runs as a child of the shipped binary,
// not as a second copy of the app), the originals are attached, and when
// the export is done no process of the binary is left but the app itself.
// It runs when LEAKDESK_GUI_TEST=1 or in CI.
func TestGUIExportUnderXvfb(t *testing.T) {
	if os.Getenv("LEAKDESK_GUI_TEST") == "" && os.Getenv("CI") == "" {
		t.Skip("set LEAKDESK_GUI_TEST=1 to export from the window under Xvfb")
	}
	for _, tool := range []string{"Xvfb", "xdotool", "pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (make deps-test installs it)", tool)
			}
			t.Skipf("%s is missing", tool)
		}
	}
	// The build inside takes minutes on a loaded machine (CI runs every
	// package's tests at once).
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "leakdesk")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "leakdesk/cmd/leakdesk").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	// The demo case plus a two-page PDF, added with the command line.
	data, home := filepath.Join(tmp, "data"), filepath.Join(tmp, "home")
	os.MkdirAll(home, 0o700)
	policy := filepath.Join(tmp, "policy.pdf")
	if err := os.WriteFile(policy, reporttest.PolicyPDF(), 0o600); err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) {
		t.Helper()
		c := exec.CommandContext(ctx, bin, args...)
		c.Env = append(os.Environ(), "LEAKDESK_DATA="+data, "LANG=C.UTF-8")
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("leakdesk %v: %v\n%s", args, err, out)
		}
	}
	cli("demo")
	cli("evidence", "add", "--case", "1", "--title", "隐私政策", policy)
	// The first-start passphrase question is answered already: it would
	// take the clicks.
	seed, err := sqlite.Open(data, sqlite.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := incident.NewService(seed, nil).SetSetting(ctx, settingOffered, "1"); err != nil {
		t.Fatal(err)
	}
	seed.Close()

	display := startXvfb(ctx, t)
	env := append(os.Environ(), "DISPLAY="+display)
	x := xtools{ctx, t, env}
	xdo, waitFor := x.xdo, x.waitFor
	// The save dialog opens in the home folder, where the packet lands.
	app := exec.CommandContext(ctx, bin, "--data", data)
	// Fyne's save dialog, whose buttons the clicks below find by position,
	// even where the desktop has a portal.
	app.Env = append(env, "HOME="+home, "LANG=C", "LC_ALL=", "LANGUAGE=en", "LIBGL_ALWAYS_SOFTWARE=1", "LEAKDESK_FILE_DIALOG=fyne")
	var appLog strings.Builder
	app.Stdout, app.Stderr = &appLog, &appLog
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{}) // closed when Wait has returned
	go func() { app.Wait(); close(exited) }()
	defer func() {
		app.Process.Kill()
		// Wait has returned only once the output copiers are done; the
		// log is read after that (reading it earlier raced them).
		<-exited
		if t.Failed() {
			t.Logf("app output:\n%s", appLog.String())
		}
	}()
	var wid string
	waitFor("the window", func() bool {
		c := exec.CommandContext(ctx, "xdotool", "search", "--onlyvisible", "--name", "^leakdesk")
		c.Env = env
		out, _ := c.Output()
		if f := strings.Fields(string(out)); len(f) > 0 {
			wid = f[0]
		}
		return wid != ""
	})
	// Its first frame: the list of cases is drawn a moment after the
	// window maps; a click before that is lost (the retries cover the
	// rest).
	time.Sleep(2 * time.Second)
	click := func(x, y int, pause string) {
		xdo("mousemove", "--window", wid, strconv.Itoa(x), strconv.Itoa(y), "click", "1", "sleep", pause)
	}

	packet := filepath.Join(home, "案件材料-LD-2026-00001.pdf")
	// The save dialog creates the file empty; the exporter then renames a
	// finished packet over it.
	exists := func() bool {
		b, err := os.ReadFile(packet)
		return err == nil && strings.HasSuffix(string(b), "%%EOF\n")
	}
	shot := func(name string) { guiShot(ctx, env, name) }
	// The clicks land where the app's 1100×720 window puts things (its
	// own font, so the same everywhere). A click a loaded machine drew
	// too late for is lost; the whole path is then walked again, from
	// the list of cases, up to three times. The packet appearing (the
	// exporter renames a finished file into place) is what is waited for.
	for attempt := 1; attempt <= 3 && !exists(); attempt++ {
		if attempt > 1 {
			t.Logf("attempt %d", attempt)
			xdo("key", "Escape", "sleep", "0.5", "key", "ctrl+w", "sleep", "1")
		}
		shot(fmt.Sprintf("%d-0-start", attempt))
		click(140, 187, "1.5") // the demo case in the list
		xdo("key", "ctrl+e", "sleep", "1")
		shot(fmt.Sprintf("%d-1-export-tab", attempt))
		click(24, 395, "0.7") // Full case file (sixth of the packet kinds)
		args := []string{"mousemove", "--window", wid, "800", "500"}
		for range 40 {
			args = append(args, "click", "5")
		}
		xdo(append(args, "sleep", "1")...) // down to the Export button
		shot(fmt.Sprintf("%d-2-scrolled", attempt))
		click(618, 690, "1.5") // Export PDF…
		shot(fmt.Sprintf("%d-3-dialog", attempt))
		click(946, 638, "0.5") // Save, in the 860×600 dialog
		for end := time.Now().Add(40 * time.Second); time.Now().Before(end) && !exists(); {
			time.Sleep(200 * time.Millisecond)
		}
	}
	if !exists() {
		t.Fatal("no packet was saved from the window")
	}
	// Every PDF checker the export started has exited: the only process
	// of the binary left is the app itself.
	var others []string
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		if others = processesOf(bin, app.Process.Pid); len(others) == 0 {
			break
		}
	}
	if len(others) > 0 {
		t.Errorf("processes of the binary left besides the app: %v", others)
	}

	txt, err := exec.CommandContext(ctx, "pdftotext", packet, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"Privacy Policy (example)", "privacy@example.invalid"} {
		if !strings.Contains(string(txt), want) {
			t.Errorf("the packet lacks the PDF exhibit's %q", want)
		}
	}
	if strings.Contains(strings.Join(strings.Fields(string(txt)), ""), "无法在本材料中呈现") {
		t.Error("the packet says an exhibit cannot be shown")
	}
	if out, err := exec.CommandContext(ctx, "qpdf", "--check", packet).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	if out, _ := exec.CommandContext(ctx, "qpdf", "--list-attachments", packet).Output(); !strings.Contains(string(out), "->") {
		t.Errorf("no originals attached to the full packet:\n%s", out)
	}

	app.Process.Signal(os.Interrupt)
	select {
	case <-exited:
	case <-ctx.Done():
		t.Fatal("the app did not exit")
	}
	if left := processesOf(bin, -1); len(left) > 0 {
		t.Errorf("processes of the binary left after the app quit: %v", left)
	}
}

// processesOf lists the running processes whose executable is bin, except
// pid.
func processesOf(bin string, except int) []string {
	dirs, _ := os.ReadDir("/proc")
	var out []string
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil || pid == except {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", d.Name(), "exe"))
		if err != nil || strings.TrimSuffix(exe, " (deleted)") != bin {
			continue
		}
		// A zombie the app has not reaped yet is no running copy.
		if st, err := os.ReadFile(filepath.Join("/proc", d.Name(), "stat")); err == nil {
			if f := strings.Fields(string(st)); len(f) > 2 && f[2] == "Z" {
				continue
			}
		}
		out = append(out, d.Name())
	}
	return out
}
