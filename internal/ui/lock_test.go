package ui

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/ui/session"
	"leakdesk/internal/vault"
)

// canary is personal text that must not be on screen while locked.
const canary = "CANARY-Zhou"

const goodPass = "correct horse battery staple"

// lockFixture is the app over a real store with a fast KDF (the real one
// takes ~200 ms per attempt) and a case holding the canary.
type lockFixture struct {
	t      *testing.T
	a      fyne.App
	w      fyne.Window
	u      *appUI
	svc    *incident.Service
	ctx    context.Context
	caseID int64
	// pending is the idle timer's scheduled check, fired by the test.
	pending func()
	delay   time.Duration
	now     time.Time
	// desktop is the fake desktop's lock request (Deps.WatchSession).
	desktop func(session.Reason)
}

func newLockFixture(t *testing.T, a fyne.App, victim string) *lockFixture {
	t.Helper()
	clock := incident.FixedClock{T: testNow}
	st, err := sqlite.Open(t.TempDir(), sqlite.Options{NoAutoBackup: true, Clock: clock,
		KDF: vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &lockFixture{t: t, a: a, svc: incident.NewService(st, clock), ctx: context.Background(), now: testNow}
	if victim != "" {
		if f.caseID, err = f.svc.CreateCase(f.ctx, incident.Case{Title: "Loan fraud", Victim: incident.Victim{Name: victim, IDNumber: "33010619910315002X"}}); err != nil {
			t.Fatal(err)
		}
	}
	f.w = a.NewWindow("leakdesk")
	f.w.Resize(fyne.NewSize(1100, 760))
	f.u = testBuild(t, a, f.w, Deps{Service: f.svc, DataDir: t.TempDir(), Lang: "en",
		WatchSession: func(onLock func(session.Reason)) func() { f.desktop = onLock; return func() {} }})
	// The idle timer on a fake clock: the test moves time and fires the check.
	f.u.idle.now = func() time.Time { return f.now }
	f.u.idle.after = func(d time.Duration, fn func()) func() {
		f.pending, f.delay = fn, d
		return func() { f.pending = nil }
	}
	f.u.armLock()
	f.w.Show()
	t.Cleanup(func() {
		if f.u.ws != nil {
			f.u.ws.close()
			f.u.settle()
		}
	})
	return f
}

func (f *lockFixture) locker() incident.Locker {
	l, ok := f.svc.Locker()
	if !ok {
		f.t.Fatal("the store has no encryption")
	}
	return l
}

// texts is every string on screen: the window and its dialogs.
func (f *lockFixture) texts() []string {
	var out []string
	visit := func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Entry:
			out = append(out, x.Text)
		case *imeEntry:
			out = append(out, x.Text)
		case *widget.RichText:
			out = append(out, x.String())
		case *canvas.Text:
			out = append(out, x.Text)
		}
		return true
	}
	walk(f.w.Content(), visit)
	for _, o := range f.w.Canvas().Overlays().List() {
		walk(o, visit)
	}
	return out
}

func (f *lockFixture) shows(s string) bool {
	for _, t := range f.texts() {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func (f *lockFixture) overlay() fyne.CanvasObject {
	f.t.Helper()
	o := f.w.Canvas().Overlays().Top()
	if o == nil {
		f.t.Fatal("no dialog shown")
	}
	return o
}

func (f *lockFixture) button(root fyne.CanvasObject, text string) *widget.Button {
	f.t.Helper()
	b := find(root, func(b *widget.Button) bool { return b.Text == text })
	if b == nil {
		f.t.Fatalf("no button %q", text)
	}
	return b
}

func (f *lockFixture) entry(root fyne.CanvasObject, placeholder string) *imeEntry {
	f.t.Helper()
	e := find(root, func(e *imeEntry) bool { return e.PlaceHolder == placeholder })
	if e == nil {
		f.t.Fatalf("no entry %q", placeholder)
	}
	return e
}

func (f *lockFixture) shortcut(s fyne.Shortcut) {
	f.w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(s)
}

func (f *lockFixture) enable() string {
	f.t.Helper()
	rk, err := f.locker().EnableEncryption(f.ctx, []byte(goodPass))
	if err != nil {
		f.t.Fatal(err)
	}
	f.u.armLock()
	return rk
}

var recoveryRE = regexp.MustCompile(`^[A-Z0-9-]{20,}$`)

// The whole path: set a passphrase in settings, acknowledge the recovery
// key, lock with Ctrl+L from a case tab (nothing personal stays on
// screen), a wrong passphrase gets the one generic message, the right one
// (and later the recovery key) returns to the same case and tab.
func TestLockSetPassphraseLockUnlockReturns(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, canary)
	if find(f.w.Content(), func(b *widget.Button) bool { return b.Text == "Lock (Ctrl+L)" }) != nil {
		t.Fatal("lock button shown without a passphrase")
	}
	f.u.showSettings()
	if !f.shows("No passphrase: anyone who can use this computer can open and read every case.") {
		t.Error("settings do not say what no passphrase means")
	}
	test.Tap(f.button(f.w.Content(), "Set a passphrase…"))
	f.u.settle()
	dlg := f.overlay()
	test.Type(f.entry(dlg, "New passphrase"), "abc")
	if bar := find(dlg, func(p *widget.ProgressBar) bool { return true }); bar == nil || bar.Value != 1 {
		t.Error("no strength shown, or a weak passphrase shown strong")
	}
	test.Tap(f.button(dlg, "Encrypt the cases"))
	f.u.settle()
	if f.locker().Encrypted() || !f.shows("This passphrase is too easy to guess") {
		t.Fatal("a trivial passphrase was accepted")
	}
	// Below the floor the command line has too (issue 17, F10): "fair"
	// is not enough.
	f.entry(dlg, "New passphrase").SetText("Tr0ub4dor&3")
	f.entry(dlg, "The new passphrase again").SetText("Tr0ub4dor&3")
	test.Tap(f.button(dlg, "Encrypt the cases"))
	f.u.settle()
	if f.locker().Encrypted() || !f.shows("This passphrase is too easy to guess") {
		t.Fatal("a fair (score 2) passphrase was accepted")
	}
	f.entry(dlg, "The new passphrase again").SetText("")
	f.entry(dlg, "New passphrase").SetText(goodPass)
	test.Type(f.entry(dlg, "The new passphrase again"), "correct horse battery stapel")
	test.Tap(f.button(dlg, "Encrypt the cases"))
	f.u.settle()
	if f.locker().Encrypted() || !f.shows("The two new passphrases are not the same.") {
		t.Fatal("a mistyped confirmation was accepted")
	}
	f.entry(dlg, "The new passphrase again").SetText(goodPass)
	test.Tap(f.button(dlg, "Encrypt the cases"))
	f.u.settle()
	if !f.locker().Encrypted() {
		t.Fatal("not encrypted after setting a passphrase")
	}

	// The recovery key, once, until acknowledged.
	rec := f.overlay()
	keyLabel := find(rec, func(l *widget.Label) bool { return l.TextStyle.Monospace })
	if keyLabel == nil || !recoveryRE.MatchString(keyLabel.Text) {
		t.Fatalf("no recovery key shown: %v", keyLabel)
	}
	recovery := keyLabel.Text
	done := f.button(rec, "Close")
	if !done.Disabled() {
		t.Error("the recovery key can be dismissed without acknowledging it")
	}
	test.Tap(find(rec, func(c *widget.Check) bool { return true }))
	test.Tap(done)
	if f.w.Canvas().Overlays().Top() != nil {
		t.Fatal("recovery dialog still open")
	}
	if find(f.w.Content(), func(b *widget.Button) bool { return b.Text == "Lock (Ctrl+L)" }) == nil {
		t.Error("no lock button in the top bar once encrypted")
	}

	f.u.openCase(f.caseID)
	f.u.ws.showTab(tabDetails)
	if !f.shows(canary) {
		t.Fatal("the canary is not on screen before locking (test is blind)")
	}
	f.shortcut(ctrl(fyne.KeyL))
	if !f.locker().Locked() {
		t.Fatal("Ctrl+L did not lock")
	}
	if f.shows(canary) || f.shows("33010619910315002X") {
		t.Fatal("personal text on screen while locked")
	}
	if f.u.ws != nil || f.u.home != nil || f.u.settings != nil || f.u.deadlines != nil {
		t.Error("screens holding personal text survive the lock")
	}
	if !hasLabel(f.w.Content(), "Your cases are locked") {
		t.Fatal("no unlock screen")
	}

	// Wrong, then right.
	pass := find(f.w.Content(), func(e *imeEntry) bool { return e.Password })
	test.Type(pass, "wrong horse")
	test.Tap(f.button(f.w.Content(), "Unlock"))
	f.u.settle()
	if !f.locker().Locked() || !f.shows(incident.UserMessage(incident.ErrWrongPassphrase, "en")) {
		t.Fatal("a wrong passphrase is not refused with the generic message")
	}
	f.w.Canvas().Overlays().Remove(f.w.Canvas().Overlays().Top())
	test.Type(pass, goodPass)
	test.Tap(f.button(f.w.Content(), "Unlock"))
	f.u.settle()
	if f.locker().Locked() || f.u.screen != screenCase || f.u.caseID != f.caseID || f.u.ws.tabs.SelectedIndex() != tabDetails {
		t.Fatalf("after unlocking: screen %q case %d", f.u.screen, f.u.caseID)
	}
	if !f.shows(canary) {
		t.Error("the case is not shown again")
	}

	// The lock button, then the recovery key.
	f.u.ws.showTab(tabPlan)
	test.Tap(f.button(f.w.Content(), "Lock (Ctrl+L)"))
	f.u.settle()
	if !f.locker().Locked() || f.shows(canary) {
		t.Fatal("the lock button did not lock")
	}
	test.Tap(find(f.w.Content(), func(c *widget.Check) bool { return true }))
	test.Type(f.entry(f.w.Content(), "Recovery key"), recovery)
	test.Tap(f.button(f.w.Content(), "Unlock"))
	f.u.settle()
	if f.locker().Locked() || f.u.screen != screenCase || f.u.ws.tabs.SelectedIndex() != tabPlan {
		t.Fatalf("recovery key: screen %q", f.u.screen)
	}
}

// Auto-lock: the idle check fires on an injected timer; input (the mouse
// over the window, keys) postpones it; the delay comes from settings; the
// background timer locks only when the window stays away.
func TestLockAutoLockIdleAndBackground(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, canary)
	f.enable()
	f.u.openCase(f.caseID)
	if f.pending == nil || f.delay != defaultIdleMinutes*time.Minute {
		t.Fatalf("idle timer not armed for %d minutes: %v", defaultIdleMinutes, f.delay)
	}
	f.now = f.now.Add(4 * time.Minute)
	root := find(f.w.Content(), func(*inputWatch) bool { return true })
	if root == nil {
		t.Fatal("the window does not watch input")
	}
	root.Cursor() // the driver asks on every mouse move
	f.now = f.now.Add(time.Minute)
	f.pending()
	if f.locker().Locked() {
		t.Fatal("locked although the mouse moved a minute ago")
	}
	if f.delay != 4*time.Minute {
		t.Errorf("re-armed for %v, want the 4 minutes left", f.delay)
	}
	f.now = f.now.Add(4 * time.Minute)
	f.pending()
	if !f.locker().Locked() || f.shows(canary) {
		t.Fatal("no auto-lock after 5 idle minutes")
	}

	// Unlock, set 2 minutes in settings.
	test.Type(find(f.w.Content(), func(e *imeEntry) bool { return e.Password }), goodPass)
	test.Tap(f.button(f.w.Content(), "Unlock"))
	f.u.settle()
	if f.u.screen != screenCase {
		t.Fatalf("screen %q after unlock", f.u.screen)
	}
	f.u.showSettings()
	idle := f.u.settings.security.idleEntry
	idle.SetText("2")
	test.Tap(f.button(f.u.settings.root, "Save"))
	f.u.settle()
	if v, _ := f.svc.Setting(f.ctx, settingIdleMinutes, ""); v != "2" || f.delay != 2*time.Minute {
		t.Fatalf("idle minutes stored %q, timer %v", v, f.delay)
	}

	// In the background: only with the setting, and only if it stays away.
	f.u.onBackground()
	f.u.onForeground()
	test.Tap(f.u.settings.security.onMin)
	if v, _ := f.svc.Setting(f.ctx, settingOnMinimise, ""); v != "1" {
		t.Fatalf("on-minimise stored %q", v)
	}
	f.u.onBackground()
	if f.delay != awayGrace {
		t.Fatalf("background timer %v", f.delay)
	}
	away := f.pending
	f.u.onForeground()
	away()
	if f.locker().Locked() {
		t.Fatal("locked although the window came back")
	}
	f.u.onBackground()
	f.pending()
	if !f.locker().Locked() {
		t.Fatal("not locked after a minute in the background")
	}
}

// Change the passphrase (a wrong current one gets the generic message in
// the dialog), then remove it.
func TestLockChangeAndRemovePassphrase(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, canary)
	f.enable()
	f.u.showSettings()
	test.Tap(f.button(f.w.Content(), "Change passphrase…"))
	f.u.settle()
	dlg := f.overlay()
	test.Type(f.entry(dlg, "Current passphrase"), "not it")
	test.Type(f.entry(dlg, "New passphrase"), "violet tractor 43 moonlight")
	test.Type(f.entry(dlg, "The new passphrase again"), "violet tractor 43 moonlight")
	test.Tap(f.button(dlg, "Change"))
	f.u.settle()
	if !f.shows(incident.UserMessage(incident.ErrWrongPassphrase, "en")) || f.w.Canvas().Overlays().Top() == nil {
		t.Fatal("a wrong current passphrase is not refused in the dialog")
	}
	test.Type(f.entry(dlg, "Current passphrase"), goodPass)
	test.Tap(f.button(dlg, "Change"))
	f.u.settle()
	// A change makes a new vault key, so a new recovery key is shown once
	// (issue 17, F2).
	rec := f.overlay()
	keyLabel := find(rec, func(l *widget.Label) bool { return l.TextStyle.Monospace })
	if keyLabel == nil || !recoveryRE.MatchString(keyLabel.Text) {
		t.Fatalf("no new recovery key shown after the change: %v", keyLabel)
	}
	test.Tap(find(rec, func(c *widget.Check) bool { return true }))
	test.Tap(f.button(rec, "Close"))
	f.u.settle()
	if f.w.Canvas().Overlays().Top() != nil {
		t.Fatal("dialog still open after changing")
	}
	l := f.locker()
	l.Lock()
	if err := l.Unlock([]byte(goodPass)); err == nil {
		t.Fatal("the old passphrase still opens")
	}
	if err := l.Unlock([]byte("violet tractor 43 moonlight")); err != nil {
		t.Fatal(err)
	}

	test.Tap(f.button(f.w.Content(), "Remove passphrase…"))
	f.u.settle()
	dlg = f.overlay()
	test.Type(f.entry(dlg, "Current passphrase"), "violet tractor 43 moonlight")
	test.Tap(f.button(dlg, "Remove passphrase"))
	f.u.settle()
	if l.Encrypted() {
		t.Fatal("still encrypted")
	}
	if find(f.w.Content(), func(b *widget.Button) bool { return b.Text == "Lock (Ctrl+L)" }) != nil || f.pending != nil {
		t.Error("lock button or idle timer left without a passphrase")
	}
	if !f.shows("No passphrase: anyone who can use this computer can open and read every case.") {
		t.Error("settings do not say the cases are readable now")
	}
	f.shortcut(ctrl(fyne.KeyL))
	if f.u.screen != screenSettings {
		t.Error("Ctrl+L without a passphrase left the screen")
	}
}

// Hand-off through the GUI's handlers: a passphrase bundle with evidence
// into a second store (wrong passphrase refused in the dialog), and a
// bundle to the second install's receiving key.
func TestLockHandOffRoundTrip(t *testing.T) {
	a := test.NewTempApp(t)
	src := newLockFixture(t, a, canary)
	png := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 300)
	x, err := src.svc.AddExhibit(src.ctx, src.caseID, "sms.png", bytes.NewReader(png), int64(len(png)), incident.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dst := newLockFixture(t, a, "")
	path := filepath.Join(t.TempDir(), "case.leakcase")

	src.u.openCase(src.caseID)
	src.button(src.w.Content(), "Hand over to a colleague…")
	form := src.u.showHandOver(src.caseID, "LD-1")
	form.mode.SetSelected("With a passphrase")
	test.Type(form.pass.pass, "bundle pass 7 orchids")
	test.Type(form.pass.confirm, "bundle pass 7 orchids")
	form.export(path)
	src.u.settle()
	if !src.shows("Case handed over") {
		t.Fatalf("no done message: %v", src.texts())
	}
	src.u.settle()

	dst.u.importBundle(path)
	dst.u.settle()
	dlg := dst.overlay()
	pass := dst.entry(dlg, "Passphrase for this file")
	test.Type(pass, "wrong")
	test.Tap(dst.button(dlg, "Open the case file"))
	dst.u.settle()
	if dst.u.screen == screenCase || !dst.shows("not for this install's key or this passphrase") {
		t.Fatalf("wrong bundle passphrase: %v", dst.texts())
	}
	test.Type(pass, "bundle pass 7 orchids")
	test.Tap(dst.button(dlg, "Open the case file"))
	dst.u.settle()
	if dst.u.screen != screenCase || dst.u.ws.cf.Case.Victim.Name != canary {
		t.Fatalf("not imported: screen %q", dst.u.screen)
	}
	if ex := dst.u.ws.cf.Exhibits; len(ex) != 1 || ex[0].SHA256 != x.SHA256 {
		t.Fatalf("evidence not carried over: %+v", ex)
	}
	dst.u.settle()

	// To the receiving key shown in the second install's settings.
	dst.u.showSettings()
	dst.u.settle()
	pub := dst.u.settings.receiving.key.Text
	if !strings.HasPrefix(pub, "age1") {
		t.Fatalf("receiving key %q", pub)
	}
	form = src.u.showHandOver(src.caseID, "LD-1")
	test.Type(form.key, pub)
	path2 := filepath.Join(t.TempDir(), "case2.leakcase")
	form.export(path2)
	src.u.settle()
	dst.u.importBundle(path2)
	dst.u.settle()
	if dst.u.screen != screenCase || dst.u.ws.cf.Case.Victim.Name != canary {
		t.Fatalf("key bundle not imported: screen %q", dst.u.screen)
	}
	cases, _ := dst.svc.Cases(dst.ctx, incident.CaseFilter{})
	if len(cases) != 2 {
		t.Errorf("%d cases in the second store", len(cases))
	}
	// A bundle for someone else is refused with a clear message.
	other := newLockFixture(t, a, "")
	other.u.importBundle(path2)
	other.u.settle()
	if !other.shows("not for this install's key") {
		t.Errorf("wrong key: %v", other.texts())
	}
}

// F8 (issue 17): the app locks when the desktop says the machine is going
// to sleep or the screen was locked, and idle time is wall-clock time, so
// a sleep counts as idle and the first input after it locks.
func TestLockOnSleepScreenLockAndWake(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, canary)
	if f.desktop == nil {
		t.Fatal("the app does not watch the desktop's lock signals")
	}
	f.desktop(session.Sleep) // no passphrase: nothing to lock, nothing breaks
	f.enable()
	f.u.openCase(f.caseID)
	for _, r := range []session.Reason{session.Sleep, session.LockScreen} {
		f.desktop(r)
		f.u.settle()
		if !f.locker().Locked() || f.shows(canary) {
			t.Fatalf("%s: not locked", r)
		}
		test.Type(find(f.w.Content(), func(e *imeEntry) bool { return e.Password }), goodPass)
		test.Tap(f.button(f.w.Content(), "Unlock"))
		f.u.settle()
		if f.locker().Locked() {
			t.Fatal("unlock failed")
		}
	}

	// Woken after a long sleep: the timer has not fired yet (its clock
	// stopped), and the first mouse move must lock, not restart the window.
	if f.pending == nil {
		t.Fatal("idle timer not armed")
	}
	f.now = f.now.Add(3 * time.Hour)
	find(f.w.Content(), func(*inputWatch) bool { return true }).Cursor()
	if !f.locker().Locked() || f.shows(canary) {
		t.Fatal("input after the idle limit passed (asleep) kept the app unlocked")
	}
	if s := newIdleLock(func() {}).now().String(); strings.Contains(s, "m=") {
		t.Errorf("idle time uses the monotonic clock, which stops during sleep: %s", s)
	}
}
