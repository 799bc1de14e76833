package ui

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
)

// F14 in the window: a case whose rows were changed behind the app's back
// (here an account record removed with raw SQL, as someone putting back
// an older copy would) still opens, with a red banner that says what
// differs; an untouched case shows none.
func TestTamperedCaseShowsWhatDiffers(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, "Wang Fang")
	l := f.locker()
	if _, err := l.EnableEncryption(f.ctx, []byte("correct horse 电池 staple 42")); err != nil {
		t.Fatal(err)
	}
	acc := incident.Account{CaseID: f.caseID, Service: "bank app"}
	if err := f.svc.SaveAccount(f.ctx, &acc); err != nil {
		t.Fatal(err)
	}
	banner := func() *widget.Label {
		return find(f.w.Content(), func(l *widget.Label) bool {
			return l.Importance == widget.DangerImportance && strings.Contains(l.Text, "does not match the state leakdesk last saved")
		})
	}
	f.u.openCase(f.caseID)
	if b := banner(); b != nil && b.Visible() {
		t.Fatalf("an untouched case shows a problem: %s", b.Text)
	}
	f.u.goHome()

	st, ok := l.(*sqlite.Store)
	if !ok {
		t.Fatal("not a sqlite store")
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(st.Dir(), sqlite.DBName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("DELETE FROM account WHERE id = ?", acc.ID); err != nil {
		t.Fatal(err)
	}
	f.u.openCase(f.caseID)
	b := banner()
	if b == nil || !b.Visible() || !strings.Contains(b.Text, "account record") || !strings.Contains(b.Text, "removed outside leakdesk") {
		t.Fatalf("no banner saying what differs: %+v", b)
	}
	if f.u.ws == nil || f.u.ws.cf == nil || f.u.ws.cf.Case.Victim.Name != "Wang Fang" {
		t.Error("the case's content is not shown")
	}
}
