package platform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"
)

// Run on Windows, or under Wine:
// GOOS=windows go test -c ./internal/platform && wine64 platform.test.exe

// tempDir is t.TempDir without its clean-up check: Go's RemoveAll uses a
// call Wine 8.0 lacks ("unlinkat: Invalid function"), which would fail
// every test there.
func tempDir(t *testing.T) string {
	d, err := os.MkdirTemp("", "leakdesk-platform-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(d) })
	return d
}

// underWine: Wine keeps the ACL it chooses, not the one asked for.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

func TestRenameReplacesAndLongPaths(t *testing.T) {
	base := filepath.Join(tempDir(t), "王芳")
	deep := base
	for len(deep) < 300 {
		deep = filepath.Join(deep, "folder-of-a-deep-tree")
	}
	if err := PrivateDir(deep); err != nil {
		t.Fatalf("PrivateDir of a %d-character path: %v", len(deep), err)
	}
	a, b := filepath.Join(deep, "a.tmp-1"), filepath.Join(deep, "案件.db")
	for _, f := range []struct{ path, text string }{{a, "new"}, {b, "old"}} {
		if err := os.WriteFile(f.path, []byte(f.text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := Rename(a, b); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(b); err != nil || string(got) != "new" {
		t.Errorf("after Rename: %q, %v", got, err)
	}
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Errorf("the old name is still there: %v", err)
	}
	if err := SyncDir(deep); err != nil {
		t.Errorf("SyncDir: %v", err)
	}
	if err := MakePrivateIfExists(filepath.Join(deep, "missing")); err != nil {
		t.Errorf("MakePrivateIfExists of a missing file: %v", err)
	}
}

func TestPrivateDirIsProtected(t *testing.T) {
	dir := filepath.Join(tempDir(t), "leakdesk")
	if err := PrivateDir(dir); err != nil {
		t.Fatal(err)
	}
	sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Skipf("reading the ACL: %v", err)
	}
	s := sd.String()
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s, "D:P") || !strings.Contains(s, u.User.Sid.String()) {
		if underWine() {
			t.Logf("under Wine the ACL is its own: %s", s)
		} else {
			t.Errorf("data folder ACL %s: want protected, granting the user", s)
		}
	}
	// An existing folder is left as it is.
	if err := PrivateDir(dir); err != nil {
		t.Errorf("PrivateDir again: %v", err)
	}
}
