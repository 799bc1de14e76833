package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/vault"
)

// F9, the window's half: a backup that is not encrypted, restored into
// data that is, is no longer only refused. As on the command line, the
// window asks for the current passphrase, encrypts the backup with it,
// restores it, and shows the new recovery key once; a wrong passphrase
// changes nothing.
func TestRestoreClearBackupIntoEncryptedData(t *testing.T) {
	a := test.NewTempApp(t)
	opts := sqlite.Options{NoAutoBackup: true, Clock: incident.FixedClock{T: testNow},
		KDF: vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}}
	pass := "correct horse 电池 staple 42"

	// A clear backup, made before the passphrase was set somewhere else.
	clearDir := t.TempDir()
	cst, err := sqlite.Open(clearDir, opts)
	if err != nil {
		t.Fatal(err)
	}
	const canary = "CANARY-CLEAR-RESTORE-7731"
	if _, err := incident.NewService(cst, nil).CreateCase(t.Context(), incident.Case{Title: "from the clear backup", Victim: incident.Victim{Name: canary}}); err != nil {
		t.Fatal(err)
	}
	clearPath := filepath.Join(t.TempDir(), "clear.db")
	if err := cst.Backup(t.Context(), clearPath); err != nil {
		t.Fatal(err)
	}
	cst.Close()

	dir := t.TempDir()
	var st *sqlite.Store
	var svc *incident.Service
	reopen := func() (*incident.Service, error) {
		if st != nil {
			return svc, nil
		}
		s, err := sqlite.Open(dir, opts)
		if err != nil {
			return nil, err
		}
		st, svc = s, incident.NewService(s, nil)
		return svc, nil
	}
	closeStore := func() {
		if st != nil {
			st.Close()
			st, svc = nil, nil
		}
	}
	t.Cleanup(closeStore)
	if _, err := reopen(); err != nil {
		t.Fatal(err)
	}
	if _, err := st.EnableEncryption(t.Context(), []byte(pass)); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateCase(t.Context(), incident.Case{Title: "current"}); err != nil {
		t.Fatal(err)
	}

	w := a.NewWindow("leakdesk")
	w.Resize(fyne.NewSize(1000, 760))
	u := testBuild(t, a, w, Deps{Service: svc, DataDir: dir, Lang: "en", Reopen: reopen,
		Restore: func(ctx context.Context, p string, progress func(float64)) error {
			closeStore()
			return sqlite.RestoreContext(ctx, dir, p, sqlite.RestoreOptions{Progress: progress})
		},
		RestoreEncrypted: func(p string, pp []byte) (string, error) {
			closeStore()
			return sqlite.RestoreEncrypted(dir, p, pp, opts)
		}})
	w.Show()

	overlay := func() fyne.CanvasObject {
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no dialog")
		}
		return top
	}
	u.restoreBackup(BackupFile{Path: clearPath, At: testNow})
	u.settle()
	d := overlay()
	if !labelContains(d, "This backup is not encrypted, but your data is.") {
		t.Fatal("the passphrase is not asked for")
	}
	entry := find(d, func(e *imeEntry) bool { return e.Password })
	ok := find(d, func(b *widget.Button) bool { return b.Text == "Restore and encrypt" })
	if entry == nil || ok == nil {
		t.Fatal("no passphrase entry or button")
	}

	// A wrong passphrase: told, nothing restored; cancelled, the current
	// data opens again as it was.
	entry.SetText("not the passphrase at all")
	test.Tap(ok)
	u.settle()
	if !labelContains(overlay(), incident.UserMessage(incident.ErrWrongPassphrase, "en")) {
		t.Error("a wrong passphrase is not reported")
	}
	test.Tap(find(overlay(), func(b *widget.Button) bool { return b.Text == "Cancel" }))
	u.settle()
	if l, _ := u.deps.Service.Locker(); l == nil || l.Unlock([]byte(pass)) != nil {
		t.Fatal("the current data does not open again after a cancel")
	}
	if list, err := u.deps.Service.Cases(t.Context(), incident.CaseFilter{}); err != nil || len(list) != 1 || list[0].Title != "current" {
		t.Fatalf("after a wrong passphrase the data changed: %+v %v", list, err)
	}

	u.restoreBackup(BackupFile{Path: clearPath, At: testNow})
	u.settle()
	d = overlay()
	entry = find(d, func(e *imeEntry) bool { return e.Password })
	ok = find(d, func(b *widget.Button) bool { return b.Text == "Restore and encrypt" })
	entry.SetText(pass)
	test.Tap(ok)
	u.settle()
	if find(overlay(), func(c *widget.Check) bool { return strings.Contains(c.Text, "I have stored the recovery key") }) == nil {
		t.Fatal("the new recovery key is not shown")
	}
	l, isLocker := u.deps.Service.Locker()
	if !isLocker || !l.Encrypted() || l.Locked() {
		t.Fatalf("after the restore: encrypted %v locked %v", isLocker && l.Encrypted(), isLocker && l.Locked())
	}
	list, err := u.deps.Service.Cases(t.Context(), incident.CaseFilter{})
	if err != nil || len(list) != 1 || list[0].Title != "from the clear backup" {
		t.Fatalf("restored cases: %+v %v", list, err)
	}
	// The restored case is encrypted on disk.
	b, err := os.ReadFile(filepath.Join(dir, sqlite.DBName))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(canary)) {
		t.Error("the restored case is in the clear in the data file")
	}
	if strings.Contains(entry.Text, pass) {
		t.Error("the passphrase stays in the entry")
	}
}

func labelContains(root fyne.CanvasObject, text string) bool {
	return find(root, func(l *widget.Label) bool { return strings.Contains(l.Text, text) }) != nil ||
		find(root, func(l *wrapLabel) bool { return strings.Contains(l.full, text) }) != nil // wrapped() text
}
