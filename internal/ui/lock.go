package ui

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// Lock settings live under incident.SettingPrefixLock, which an encrypted
// store keeps readable before the passphrase is entered but authenticates
// with the vault key: one changed without the passphrase is ignored once
// unlocked, and the default applies.
const (
	settingIdleMinutes = incident.SettingPrefixLock + "idle_minutes"
	settingOnMinimise  = incident.SettingPrefixLock + "on_minimise"
	// settingOffered records that the first-start question about a
	// passphrase was asked, so it is asked once and never nags.
	settingOffered = incident.SettingPrefixLock + "offered"
)

// defaultIdleMinutes: long enough not to lock someone reading a case,
// short enough that a laptop left open in a shared office locks itself.
const defaultIdleMinutes = 5

// awayGrace is how long the window may be in the background before the
// "lock when minimised" setting locks: a volunteer switching to a browser
// to copy a reference number must not have to unlock on return.
const awayGrace = time.Minute

// place is where the user was when the app locked, to go back there.
type place struct {
	screen string
	caseID int64
	tab    int
}

// idleLock locks the app when no key or mouse input has arrived for a
// while. Input only records a time (it arrives with every mouse move); a
// single timer checks the time when it fires and re-arms for the rest, so
// input never has to reset a timer.
type idleLock struct {
	// now and after are the clock and the timer; tests inject both.
	now   func() time.Time
	after func(d time.Duration, f func()) (stop func())

	limit time.Duration // 0: never
	last  time.Time
	stop  func()
	gen   int
	fire  func()
}

// wallClock is the time without Go's monotonic reading. Idle time must be
// measured on the wall clock: the monotonic clock stops while the machine
// sleeps (Linux CLOCK_MONOTONIC, macOS), so a laptop shut two minutes
// into a five-minute window would wake with three minutes left.
func wallClock() time.Time { return time.Now().Round(0) }

func newIdleLock(fire func()) *idleLock {
	return &idleLock{now: wallClock, fire: fire, after: func(d time.Duration, f func()) func() {
		t := time.AfterFunc(d, func() { fyne.Do(f) })
		return func() { t.Stop() }
	}}
}

// touch records input. Input that arrives after the limit has already
// passed (the first mouse move after waking from sleep, before the late
// timer fires) locks instead of starting a new window.
func (l *idleLock) touch() {
	now := l.now()
	if l.limit > 0 && l.stop != nil && now.Sub(l.last) >= l.limit {
		l.disarm()
		l.fire()
		return
	}
	l.last = now
}

// arm starts watching with limit (0 turns it off); a pending check is dropped.
func (l *idleLock) arm(limit time.Duration) {
	l.disarm()
	l.limit = limit
	if limit <= 0 {
		return
	}
	l.last = l.now()
	l.schedule(limit)
}

func (l *idleLock) disarm() {
	l.gen++
	if l.stop != nil {
		l.stop()
		l.stop = nil
	}
}

func (l *idleLock) schedule(d time.Duration) {
	l.gen++
	gen := l.gen
	l.stop = l.after(d, func() {
		if gen != l.gen {
			return
		}
		l.stop = nil
		if rest := l.limit - l.now().Sub(l.last); rest > 0 {
			l.schedule(rest)
			return
		}
		l.fire()
	})
}

// inputWatch is the window's root. The GL driver asks every object under
// the mouse pointer for its cursor on every move (Fyne 2.7), so a root that
// is Cursorable hears all mouse movement without covering the widgets (an
// overlay would take their hover and cursor). Keys reach the canvas'
// OnKeyDown hook when nothing has the focus, and imeEntry forwards its own.
type inputWatch struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

func newInputWatch(content fyne.CanvasObject, touch func()) *inputWatch {
	w := &inputWatch{content: content, touch: touch}
	w.ExtendBaseWidget(w)
	return w
}

func (w *inputWatch) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(w.content)
}

// Cursor records the mouse move; children override the cursor itself.
func (w *inputWatch) Cursor() desktop.Cursor {
	w.touch()
	return desktop.DefaultCursor
}

// watchInput wraps the shell so input keeps the app unlocked, and sets up
// the lock controls for it: Ctrl+L, the idle timer, the background timer.
func (u *appUI) watchInput(content fyne.CanvasObject) fyne.CanvasObject {
	if u.idle == nil {
		u.idle = newIdleLock(u.onIdle)
	}
	if dc, ok := u.win.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { u.idle.touch() })
	}
	u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.lockNow() })
	lc := u.app.Lifecycle()
	lc.SetOnExitedForeground(u.onBackground)
	lc.SetOnEnteredForeground(u.onForeground)
	u.armLock()
	return newInputWatch(content, u.idle.touch)
}

// newLockButton is the top bar's lock button, shown only when a
// passphrase is set (without one, locking would protect nothing).
func (u *appUI) newLockButton() *widget.Button {
	b := &widget.Button{Text: lang.L("Lock (Ctrl+L)"), Icon: theme.VisibilityOffIcon(), OnTapped: u.lockNow}
	if !u.encrypted() {
		b.Hide()
	}
	return b
}

func (u *appUI) encrypted() bool {
	if u.deps.Service == nil {
		return false
	}
	l, ok := u.deps.Service.Locker()
	return ok && l.Encrypted()
}

// armLock reads the auto-lock settings and starts the idle timer; it runs
// when the shell is built and when the settings or the passphrase change.
func (u *appUI) armLock() {
	if u.lockBtn != nil {
		if u.encrypted() {
			u.lockBtn.Show()
		} else {
			u.lockBtn.Hide()
		}
	}
	if u.idle == nil {
		return
	}
	if !u.encrypted() {
		u.idle.disarm()
		return
	}
	u.idle.arm(time.Duration(u.idleMinutes()) * time.Minute)
}

// idleMinutes is the auto-lock delay; 0 means never.
func (u *appUI) idleMinutes() int {
	v, err := u.deps.Service.Setting(u.ctx, settingIdleMinutes, "")
	if err != nil || v == "" {
		return defaultIdleMinutes
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return defaultIdleMinutes
	}
	return n
}

func (u *appUI) lockOnMinimise() bool {
	v, _ := u.deps.Service.Setting(u.ctx, settingOnMinimise, "")
	return v == "1"
}

// onIdle locks, unless the vault is being changed (sealing every case can
// outlast the idle delay on a big store): then it looks again later.
func (u *appUI) onIdle() {
	if u.vaultBusy {
		u.idle.arm(u.idle.limit)
		return
	}
	u.lockNow()
}

// onBackground starts the grace period when the window goes to the
// background (minimised, or another window has the focus).
func (u *appUI) onBackground() {
	u.awayGen++
	if u.deps.Service == nil || !u.encrypted() || u.deps.Service.Locked() || !u.lockOnMinimise() || u.idle == nil {
		return
	}
	gen := u.awayGen
	u.idle.after(awayGrace, func() {
		if gen == u.awayGen {
			u.lockNow()
		}
	})
}

func (u *appUI) onForeground() { u.awayGen++ }

// lockNow saves what is being typed, destroys every screen holding
// personal text, drops the keys and shows only the unlock screen. Unlocking
// returns to the same case and tab.
func (u *appUI) lockNow() {
	if u.deps.Service == nil {
		return
	}
	l, ok := u.deps.Service.Locker()
	if !ok || !l.Encrypted() || l.Locked() {
		return
	}
	p := &place{screen: u.screen, caseID: u.caseID}
	if u.ws != nil && u.ws.tabs != nil {
		p.tab = u.ws.tabs.SelectedIndex()
	}
	if u.screen == screenIntake && u.intake != nil {
		// The wizard's flusher keeps its draft; unlocking reopens it.
		p.caseID = u.intake.caseID
	}
	u.place = p
	u.leaveCase() // runs the flushers while the keys are still there
	if u.closeNative != nil {
		u.closeNative() // the desktop's file dialog, if one is open
		u.closeNative = nil
	}
	// Jobs started before the lock (a restore, a bundle or case import)
	// stop with it; what is started after unlocking gets a new context.
	u.newSession()
	ov := u.win.Canvas().Overlays()
	for o := ov.Top(); o != nil; o = ov.Top() {
		ov.Remove(o)
	}
	if u.content != nil {
		u.content.RemoveAll()
	}
	u.home, u.deadlines, u.settings, u.intake, u.ws = nil, nil, nil, nil, nil
	if u.notice != nil {
		u.hideNotice()
		u.noticeText.SetText("")
	}
	u.awayGen++
	if u.idle != nil {
		u.idle.disarm()
	}
	u.clearSecretClipboard()
	l.Lock()
	u.showUnlock()
}

// unlocked continues after the unlock screen: where the user was when the
// app locked, or the cases at start.
func (u *appUI) unlocked() {
	p := u.place
	u.place = nil
	if p == nil {
		u.start()
		return
	}
	u.buildShell()
	u.win.SetCloseIntercept(u.onCloseWindow)
	// A deleted case whose window passed while the app was locked goes now.
	u.purgeNow()
	switch p.screen {
	case screenCase:
		u.openCase(p.caseID)
		if u.ws != nil {
			u.ws.showTab(p.tab)
		}
	case screenIntake:
		if p.caseID != 0 {
			u.rerunIntake(p.caseID)
		} else {
			u.newCase()
		}
	case screenDeadlines:
		u.showDeadlines()
	case screenSettings:
		u.showSettings()
	default:
		u.goHome()
	}
}

// lockedErr reports errors that only say the data is locked, which work
// still running when the app locked may return; the unlock screen already
// says so.
func (u *appUI) lockedErr(err error) bool {
	return incident.ErrorCode(err) == incident.CodeLocked && u.deps.Service != nil && u.deps.Service.Locked()
}

// newSession ends the jobs of the current session (and of the open case)
// and starts a new session context for those started from now on.
func (u *appUI) newSession() {
	if u.endSession != nil {
		u.endSession()
	}
	parent := u.ctx
	if parent == nil {
		parent = context.Background() // an appUI made without build (tests)
	}
	u.sessionCtx, u.endSession = context.WithCancel(parent)
	// No case is open: a case context that has already ended.
	u.caseCtx, u.endCase = context.WithCancel(u.sessionCtx)
	u.endCase()
}

// session is the context for a job the user starts now (sessionCtx).
func (u *appUI) session() context.Context {
	if u.sessionCtx == nil {
		u.newSession() // an appUI made without build (tests)
	}
	return u.sessionCtx
}
