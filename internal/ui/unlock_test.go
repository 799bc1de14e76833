package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
)

// An encrypted, locked store asks for the passphrase before anything else;
// a wrong one is refused with the domain's message, the right one opens.
func TestUnlockEncryptedStore(t *testing.T) {
	a := test.NewTempApp(t)
	st, err := sqlite.Open(t.TempDir(), sqlite.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := incident.NewService(st, nil)
	ctx := context.Background()
	if _, err := svc.CreateCase(ctx, incident.Case{Title: "冒名网贷", Victim: incident.Victim{Name: "李建国"}}); err != nil {
		t.Fatal(err)
	}
	l, ok := svc.Locker()
	if !ok {
		t.Skip("the store has no encryption")
	}
	if _, err := l.EnableEncryption(ctx, []byte("correct horse battery staple")); err != nil {
		t.Fatal(err)
	}
	l.Lock()

	w := a.NewWindow("leakdesk")
	w.Resize(fyne.NewSize(900, 600))
	u := testBuild(t, a, w, Deps{Lang: "en", Reopen: func() (*incident.Service, error) { return svc, nil }})
	if !hasLabel(w.Content(), "Your cases are locked") || u.screen != "" {
		t.Fatal("no unlock screen for a locked store")
	}
	pass := find(w.Content(), func(e *imeEntry) bool { return e.Password })
	unlock := find(w.Content(), func(b *widget.Button) bool { return b.Text == "Unlock" })
	test.Type(pass, "wrong")
	test.Tap(unlock)
	u.settle()
	if u.screen != "" || w.Canvas().Overlays().Top() == nil {
		t.Fatal("a wrong passphrase must be refused with a message")
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	if pass.Text != "" {
		t.Fatal("the wrong passphrase stays in the field")
	}
	test.Type(pass, "correct horse battery staple")
	test.Tap(unlock)
	u.settle()
	if u.screen != screenHome || len(u.home.cases) != 1 || u.home.cases[0].VictimName != "李建国" {
		t.Fatalf("after unlocking: screen %q", u.screen)
	}
}
