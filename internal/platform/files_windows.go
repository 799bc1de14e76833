package platform

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Windows has no Unix modes: os.Chmod only flips the read-only attribute,
// and on a file SQLite holds open (-wal, -shm) it fails with a sharing
// violation. Who may read a file is decided by its ACL, which it inherits
// from its folder. So the data folder itself gets a private ACL when
// leakdesk creates it (the user, SYSTEM and Administrators, inherited by
// everything inside), and files need nothing more. See docs/windows.md.

// privateSDDL grants full control to SYSTEM, the Administrators group and
// the user (%s, a SID), inherited by every file and folder created inside,
// and blocks what the parent folder would grant ("P", protected): a data
// folder under D:\ must not inherit "Authenticated Users: Modify".
const privateSDDL = "D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;%s)"

// PrivateDir creates dir with a private ACL when it does not exist yet. An
// existing folder keeps its ACL: under %LOCALAPPDATA% that is the user's
// profile's, private already, and a folder the user chose is theirs to set.
func PrivateDir(dir string) error {
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return &os.PathError{Op: "mkdir", Path: dir, Err: windows.ERROR_ALREADY_EXISTS}
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return err
	}
	sa, err := privateAttributes()
	if err != nil {
		// Without a SID the folder still gets the inherited ACL.
		return os.Mkdir(dir, 0o700)
	}
	p, err := windows.UTF16PtrFromString(LongPath(dir))
	if err != nil {
		return &os.PathError{Op: "mkdir", Path: dir, Err: err}
	}
	if err := windows.CreateDirectory(p, sa); err != nil {
		if errors.Is(err, windows.ERROR_ALREADY_EXISTS) {
			return nil // created meanwhile, by another leakdesk
		}
		return &os.PathError{Op: "mkdir", Path: dir, Err: err}
	}
	return nil
}

func privateAttributes() (*windows.SecurityAttributes, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, err
	}
	sd, err := windows.SecurityDescriptorFromString(fmt.Sprintf(privateSDDL, u.User.Sid.String()))
	if err != nil {
		return nil, err
	}
	return &windows.SecurityAttributes{
		Length:             uint32(unsafe.Sizeof(windows.SecurityAttributes{})),
		SecurityDescriptor: sd,
	}, nil
}

// MakePrivate does nothing: the file has the private ACL of its folder.
func MakePrivate(*os.File) error { return nil }

// MakePrivatePath reports only whether path exists (see MakePrivate).
func MakePrivatePath(path string) error {
	_, err := os.Lstat(path)
	return err
}

// Rename moves oldpath to newpath, replacing it, and returns only once the
// rename is on disk: MOVEFILE_WRITE_THROUGH is what Windows has instead of
// an fsync of the directory, which it cannot do (opening a directory and
// calling FlushFileBuffers fails with "Access denied").
func Rename(oldpath, newpath string) error {
	from, err := windows.UTF16PtrFromString(LongPath(oldpath))
	if err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	to, err := windows.UTF16PtrFromString(LongPath(newpath))
	if err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	if err := windows.MoveFileEx(from, to, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH); err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	return nil
}

// SyncDir does nothing on Windows: Rename wrote the rename through, and
// file contents are flushed with FlushFileBuffers ((*os.File).Sync).
func SyncDir(string) error { return nil }

// LongPath gives an absolute path the \\?\ prefix once it nears MAX_PATH
// (260), so that calls made outside package os (which does this itself)
// reach a deep folder such as C:\Users\王芳\AppData\Local\leakdesk\backups.
func LongPath(p string) string {
	if len(p) < 248 || !filepath.IsAbs(p) || strings.HasPrefix(p, `\\?\`) {
		return p
	}
	p = filepath.Clean(p)
	if strings.HasPrefix(p, `\\`) {
		return `\\?\UNC\` + p[2:]
	}
	return `\\?\` + p
}
