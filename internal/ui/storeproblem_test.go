package ui

import (
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
)

// A damaged data file gets a window that explains and offers a way out.
func TestDamagedStoreShowsProblemScreen(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, sqlite.DBName), []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(dir, sqlite.Options{NoAutoBackup: true})
	if incident.ErrorCode(err) != incident.CodeDamaged {
		t.Fatalf("opening a damaged file: %v", err)
	}
	w := a.NewWindow("leakdesk")
	w.Resize(fyne.NewSize(800, 500))
	quit := false
	u := testBuild(t, a, w, Deps{StoreErr: err, DataDir: dir, Lang: "en",
		Reopen: func() (*incident.Service, error) {
			quit = true
			return nil, err
		}})
	if !hasLabel(w.Content(), "Your data cannot be opened") || !hasLabel(w.Content(), incident.UserMessage(err, "en")) {
		t.Fatal("the store's message is not shown")
	}
	b := find(w.Content(), func(b *widget.Button) bool { return b.Text == "Try again" })
	if b == nil || find(w.Content(), func(b *widget.Button) bool { return b.Text == "Quit" }) == nil {
		t.Fatal("no way out offered")
	}
	test.Tap(b)
	if !quit || u.deps.Service != nil || !hasLabel(w.Content(), "Your data cannot be opened") {
		t.Fatal("retry on a still-damaged store must show the screen again")
	}
}

func TestBusyStoreShowsProblemScreen(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	st, err := sqlite.Open(dir, sqlite.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	_, busy := sqlite.Open(dir, sqlite.Options{NoAutoBackup: true})
	if incident.ErrorCode(busy) != incident.CodeBusy {
		t.Fatalf("second open: %v", busy)
	}
	w := a.NewWindow("leakdesk")
	w.Resize(fyne.NewSize(800, 500))
	u := testBuild(t, a, w, Deps{StoreErr: busy, DataDir: dir, Lang: "zh",
		Reopen: func() (*incident.Service, error) { return incident.NewService(st, nil), nil }})
	if !hasLabel(w.Content(), "leakdesk 已经在运行") {
		t.Fatal("busy store: wrong heading")
	}
	test.Tap(find(w.Content(), func(b *widget.Button) bool { return b.Text == "重试" }))
	if u.deps.Service == nil || u.screen != screenHome {
		t.Fatal("retry did not start the app")
	}
	st.Close()
}

// At start the store opens behind an "opening" screen; the language chosen
// in settings then wins over the system's.
func TestOpenStoreAtStart(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	st, err := sqlite.Open(dir, sqlite.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := incident.NewService(st, nil)
	if err := svc.SetSetting(context.Background(), settingLang, "en"); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("leakdesk")
	u := testBuild(t, a, w, Deps{DataDir: dir, Lang: "zh", Reopen: func() (*incident.Service, error) { return svc, nil }})
	if u.deps.Service != svc || u.screen != screenHome || u.navHome.Text != "Cases" {
		t.Fatalf("after opening: screen %q, nav %q", u.screen, u.navHome.Text)
	}
}
