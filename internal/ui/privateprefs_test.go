package ui

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// F12: Fyne's file dialog stores the folder it was last in among the
// app's preferences, which are written to disk in the clear; the folder
// where a victim keeps her evidence often carries her name. The app keeps
// it in memory only: a dialog opened later in the session still starts
// there, but the preferences that reach the disk never hold it.
func TestFileDialogFolderStaysInMemory(t *testing.T) {
	a := test.NewTempApp(t)
	// What an earlier version left behind.
	a.Preferences().SetString(lastFolderKey, "file:///home/u/old-evidence")
	victim := filepath.Join(t.TempDir(), "张三的证据")
	if err := os.Mkdir(victim, 0o700); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("leakdesk")
	w.Resize(fyne.NewSize(900, 700))
	testBuild(t, a, w, Deps{StoreErr: errors.New("closed for the test"), DataDir: t.TempDir(), Lang: "en"})
	if v := a.Preferences().String(lastFolderKey); v != "" {
		t.Errorf("the folder an earlier version stored is kept: %q", v)
	}

	loc, err := storage.ListerForURI(storage.NewFileURI(victim))
	if err != nil {
		t.Fatal(err)
	}
	d := dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, w)
	d.SetLocation(loc)
	d.Show()
	d.Hide()

	if v := a.Preferences().String(lastFolderKey); v != "" {
		t.Errorf("the evidence folder reached the stored preferences: %q", v)
	}
	if v := fyne.CurrentApp().Preferences().String(lastFolderKey); v != loc.String() {
		t.Errorf("the dialog does not remember the folder for the session: %q, want %q", v, loc.String())
	}
	// Other preferences (the language copy) still reach the disk.
	fyne.CurrentApp().Preferences().SetString(settingLang, "zh")
	if a.Preferences().String(settingLang) != "zh" {
		t.Error("an ordinary preference no longer reaches the stored preferences")
	}
}
