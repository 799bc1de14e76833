package ui

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startXvfb starts a private X server for a test that drives the built app
// and returns its DISPLAY value once the server accepts clients. Xvfb picks
// a free display number itself and writes it to fd 3 when it is ready
// (-displayfd): a number made from the test's pid could meet a server
// still running or just killed, and waiting for the socket file passed on
// a stale one, which is how CI saw "Can't open display" from xdotool. The
// server's own messages are logged if the test fails; it ends with the
// test (SIGTERM, so it removes its socket and lock).
func startXvfb(ctx context.Context, t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// A file, not a buffer: the server writes it directly, so reading it
	// while the server runs races nothing.
	logPath := filepath.Join(t.TempDir(), "xvfb.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	output := func() string { b, _ := os.ReadFile(logPath); return string(b) }
	xvfb := exec.CommandContext(ctx, "Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	xvfb.ExtraFiles = []*os.File{w}
	xvfb.Stdout, xvfb.Stderr = logFile, logFile
	if err := xvfb.Start(); err != nil {
		w.Close()
		t.Fatal(err)
	}
	w.Close()
	exited := make(chan struct{})
	go func() { xvfb.Wait(); close(exited) }()
	t.Cleanup(func() {
		xvfb.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			xvfb.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("Xvfb output:\n%s", output())
		}
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			<-exited
			t.Fatalf("Xvfb did not start:\n%s", output())
		}
		return ":" + n
	case <-ctx.Done():
		t.Fatalf("Xvfb did not report a display in time:\n%s", output())
	}
	return ""
}

// guiShot keeps a screenshot of the whole X screen when
// LEAKDESK_GUI_SHOTS=DIR is set (ImageMagick's import), to see where a
// click of a window test went. The tests click fixed positions, and a page
// added to the intake moves them: the screenshots are how they are
// re-measured.
func guiShot(ctx context.Context, env []string, name string) {
	dir := os.Getenv("LEAKDESK_GUI_SHOTS")
	if dir == "" {
		return
	}
	c := exec.CommandContext(ctx, "import", "-window", "root", filepath.Join(dir, name+".png"))
	c.Env = env
	c.Run()
}

// xtools is what each window test does on its display: xdotool with the
// display's environment, and polling for a state of the window.
type xtools struct {
	ctx context.Context
	t   *testing.T
	env []string
}

// xdo runs xdotool and returns its output, trimmed; a failure ends the test.
func (x xtools) xdo(args ...string) string {
	x.t.Helper()
	c := exec.CommandContext(x.ctx, "xdotool", args...)
	c.Env = x.env
	out, err := c.CombinedOutput()
	if err != nil {
		x.t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// waitFor checks ok every 200 ms until it holds; the test fails, naming
// what it waited for, when the test's context ends first.
func (x xtools) waitFor(what string, ok func() bool) {
	x.t.Helper()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for !ok() {
		select {
		case <-x.ctx.Done():
			x.t.Fatalf("timed out waiting for %s", what)
		case <-tick.C:
		}
	}
}
