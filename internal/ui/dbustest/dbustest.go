// Package dbustest gives tests a D-Bus of their own: a private
// dbus-daemon, so that tests of the desktop's signals and portals never
// touch the buses of the machine they run on.
package dbustest

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godbus/dbus/v5"
)

// busConfig is a session bus that starts no services. The stock
// session.conf activates whatever is installed under
// /usr/share/dbus-1/services: on a machine with xdg-desktop-portal but no
// desktop, a call to the portal then waits for a service that never
// answers, and a test that means "no portal here" measures the
// activation's timeout instead (a CI failure of TestAskWithoutPortal).
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=DIR</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// PrivateBus starts a dbus-daemon for the test and returns its address;
// it stops with the test. Without dbus-daemon the test is skipped (the
// Makefile's TEST_DEPS install it for CI).
func PrivateBus(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Skip("dbus-daemon is not installed (Makefile TEST_DEPS: dbus-daemon)")
	}
	// Not t.TempDir(): a test's long name would push the socket's path
	// past the 108 bytes a unix socket address may have.
	dir, err := os.MkdirTemp("", "dbus")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	conf := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(conf, []byte(strings.Replace(busConfig, "DIR", dir, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("dbus-daemon", "--config-file="+conf, "--nofork", "--print-address=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait() // stderr is complete after Wait
		t.Fatalf("dbus-daemon gave no address: %v\n%s", err, stderr.String())
	}
	return strings.TrimSpace(line)
}

// Connect opens a connection to the bus at addr, closed with the test.
func Connect(t *testing.T, addr string) *dbus.Conn {
	t.Helper()
	c, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
