package sqlite

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// Multi-process tests re-run this test binary as the child, selected by
// environment variables, so the child runs the same code with a real
// SIGKILL possible at any instruction.
const (
	childModeEnv  = "LEAKDESK_SQLITE_CHILD"
	childDirEnv   = "LEAKDESK_SQLITE_CHILD_DIR"
	childStartEnv = "LEAKDESK_SQLITE_CHILD_START"
)

// TestChildProcess is the child's entry point; without the environment it
// does nothing.
func TestChildProcess(t *testing.T) {
	mode := os.Getenv(childModeEnv)
	if mode == "" {
		t.Skip("helper process for the multi-process tests")
	}
	dir := os.Getenv(childDirEnv)
	var err error
	switch mode {
	case "open":
		err = childOpen(dir)
	case "writer":
		err = childWriter(t, dir)
	case "rawwriter":
		err = childRawWriter(t, dir)
	case "migrate":
		err = childMigrate(dir)
	case "vault":
		err = childVault(dir)
	default:
		err = fmt.Errorf("unknown child mode %q", mode)
	}
	if err != nil {
		fmt.Printf("error %v\n", err)
		os.Exit(1)
	}
	os.Exit(0)
}

type child struct {
	cmd   *exec.Cmd
	lines *bufio.Scanner
	stdin io.WriteCloser
	errb  *bytes.Buffer
}

func startChild(t *testing.T, mode, dir string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), append([]string{childModeEnv + "=" + mode, childDirEnv + "=" + dir}, env...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	errb := &bytes.Buffer{}
	cmd.Stderr = errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	sc := bufio.NewScanner(out)
	return &child{cmd: cmd, lines: sc, stdin: in, errb: errb}
}

// next returns the child's next output line; ok is false at EOF.
func (c *child) next() (string, bool) {
	if c.lines.Scan() {
		return c.lines.Text(), true
	}
	return "", false
}

// childOpen tries to open the store and reports the error code.
func childOpen(dir string) error {
	s, err := Open(dir, Options{NoAutoBackup: true})
	if err != nil {
		fmt.Printf("code %s\n", incident.ErrorCode(err))
		return nil
	}
	fmt.Println("code ok")
	return s.Close()
}

// evidence returns the deterministic content of import n: 0.3–2.8 MiB
// (0.9–1.4 MiB under the race detector), so most imports span several
// chunks and take long enough to be killed halfway.
func evidence(n int64) []byte {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	size := 300<<10 + r.IntN(5<<19)
	if raceBuild {
		size = 900<<10 + r.IntN(1<<19)
	}
	b := make([]byte, size)
	for i := 0; i < len(b); i += 8 {
		v := r.Uint64()
		for j := 0; j < 8 && i+j < len(b); j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return b
}

// childWriter commits numbered changes forever and acknowledges each on
// stdout once Update has returned: a case "commit n", or every third an
// evidence import titled "commit n" into the round's case.
func childWriter(t *testing.T, dir string) error {
	start, err := strconv.ParseInt(os.Getenv(childStartEnv), 10, 64)
	if err != nil {
		return err
	}
	s, err := Open(dir, Options{NoAutoBackup: true})
	if err != nil {
		return err
	}
	defer s.Close()
	svc := incident.NewService(s, incident.SystemClock{})
	ctx := t.Context()
	caseID, err := svc.CreateCase(ctx, incident.Case{Title: fmt.Sprintf("round from %d", start)})
	if err != nil {
		return err
	}
	for n := start; ; n++ {
		title := fmt.Sprintf("commit %d", n)
		if n%3 == 0 {
			data := evidence(n)
			_, err = svc.AddExhibit(ctx, caseID, title+".bin", bytes.NewReader(data), int64(len(data)), incident.ImportOptions{Title: title})
		} else {
			_, err = svc.CreateCase(ctx, incident.Case{Title: title})
		}
		if err != nil {
			return err
		}
		fmt.Printf("ack %d\n", n)
	}
}

// childRawWriter writes settings through its own connection, bypassing the
// single-instance lock, to force two writers onto one file.
func childRawWriter(t *testing.T, dir string) error {
	db, err := openPool(dir+string(os.PathSeparator)+DBName, false)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Println("ready")
	for i := range concurrentWrites {
		if _, err := db.ExecContext(t.Context(), "INSERT INTO setting(key, value) VALUES (?, 'child')", fmt.Sprintf("child.%d", i)); err != nil {
			return err
		}
	}
	fmt.Println("done")
	return nil
}

const concurrentWrites = 300

func TestSecondInstanceIsRefused(t *testing.T) {
	dir := t.TempDir()
	s, _ := openTestDir(t, dir, Options{})

	// In this process.
	_, err := Open(dir, Options{NoAutoBackup: true})
	de := wantCode(t, err, incident.CodeBusy)
	if !strings.Contains(de.ZH, "另一个 leakdesk 窗口") || !strings.Contains(de.EN, "open in another leakdesk window") {
		t.Errorf("message = %q / %q", de.ZH, de.EN)
	}
	wantCode(t, Restore(dir, dbPath(s)), incident.CodeBusy)

	// In another process.
	c := startChild(t, "open", dir)
	if line, _ := c.next(); line != "code busy" {
		t.Fatalf("child: %q; stderr: %s", line, c.errb)
	}
	c.cmd.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	c = startChild(t, "open", dir)
	if line, _ := c.next(); line != "code ok" {
		t.Fatalf("child after close: %q; stderr: %s", line, c.errb)
	}
}

// TestForcedConcurrentWriters bypasses the lock: two processes writing the
// same file at once must not corrupt it or lose a commit.
func TestForcedConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{})
	ctx := t.Context()
	c := startChild(t, "rawwriter", dir)
	if line, _ := c.next(); line != "ready" {
		t.Fatalf("child: %q; stderr: %s", line, c.errb)
	}
	for i := range concurrentWrites {
		if err := svc.SetSetting(ctx, fmt.Sprintf("parent.%d", i), "parent"); err != nil {
			t.Fatal(err)
		}
	}
	if line, _ := c.next(); line != "done" {
		t.Fatalf("child: %q; stderr: %s", line, c.errb)
	}
	if err := c.cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.rdb.QueryRowContext(ctx, "SELECT count(*) FROM setting").Scan(&n); err != nil || n != 2*concurrentWrites {
		t.Errorf("settings = %d, %v; want %d", n, err, 2*concurrentWrites)
	}
	integrityOK(t, s.rdb)
}

// TestLockFreedMomentsLaterIsTaken: a lock released while the next open is
// already waiting (a fork about to exec still held the last descriptor) is
// taken, not reported as another window.
func TestLockFreedMomentsLaterIsTaken(t *testing.T) {
	dir := t.TempDir()
	held, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(5 * lockRetryGap)
		held.unlock()
		close(released)
	}()
	lk, err := lockDir(dir)
	if err != nil {
		t.Fatalf("lock freed after %v not taken: %v", 5*lockRetryGap, err)
	}
	<-released
	lk.unlock()
}
