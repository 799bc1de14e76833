//go:build screenshot

package ui

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
)

// lockShot names the screens showLockSample draws: the unlock screen, the
// security settings, and the passphrase and recovery-key dialogs.
func lockShot(tab string) bool {
	switch tab {
	case "unlock", "security", "setpass", "recovery", "inputprobe", "delete", "changepass":
		return true
	}
	return false
}

func showLockSample(tab, code string) error {
	dir, err := os.MkdirTemp("", "leakdesk-shot-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	clock := incident.FixedClock{T: time.Now().UTC().Truncate(time.Second)}
	st, err := sqlite.Open(dir, sqlite.Options{Clock: clock, NoAutoBackup: true})
	if err != nil {
		return err
	}
	defer st.Close()
	svc := incident.NewService(st, clock)
	ctx := context.Background()
	if _, err := svc.CreateCase(ctx, incident.Case{Title: "快递信息泄露", Victim: incident.Victim{Name: "王芳"}}); err != nil {
		return err
	}
	l, _ := svc.Locker()
	recovery := ""
	if tab != "setpass" {
		if recovery, err = l.EnableEncryption(ctx, []byte("correct horse battery staple")); err != nil {
			return err
		}
	}
	a := app.NewWithID("org.leakdesk.screenshot")
	w := a.NewWindow("leakdesk")
	w.Resize(fyne.NewSize(1100, 720))
	d := Deps{Service: svc, DataDir: dir, Version: "screenshot", Lang: normaliseLang(code)}
	if tab == "unlock" {
		l.Lock()
		d.Service = nil
		d.Reopen = func() (*incident.Service, error) { return svc, nil }
	}
	u := build(a, w, d, newTasks(fyne.Do))
	switch tab {
	case "security":
		u.showSettings()
	case "setpass":
		u.showSettings()
		u.showSetPassphrase()
	case "recovery":
		u.showSettings()
		u.showRecoveryKey(recovery)
	case "delete":
		u.goHome()
		if len(u.home.cases) > 0 {
			u.home.onDelete(u.home.cases[0])
		}
	case "changepass":
		u.showSettings()
		u.showChangePassphrase()
	case "inputprobe":
		// Proves the idle hook hears the real driver: each input prints a line.
		u.idle.now = func() time.Time {
			fmt.Fprintln(os.Stderr, "input")
			return time.Now()
		}
		u.openCase(1)
		u.ws.showTab(tabDetails)
		w.Canvas().Focus(find(w.Content(), func(*imeEntry) bool { return true }))
	}
	w.ShowAndRun()
	return nil
}
