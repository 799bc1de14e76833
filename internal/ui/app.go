package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// Screens the shell can show.
const (
	screenHome      = "home"
	screenDeadlines = "deadlines"
	screenSettings  = "settings"
	screenIntake    = "intake"
	screenCase      = "case"
)

// noticeTimeout is how long the undo bar stays; long enough to read the
// message and reach for the mouse, short enough not to cover the work.
const noticeTimeout = 12 * time.Second

// appUI is the shell: navigation, the current screen, the notice bar.
type appUI struct {
	// state
	app  fyne.App
	win  fyne.Window
	deps Deps
	ctx  context.Context
	// stop ends ctx: the purge timer and anything else tied to the app's life.
	stop context.CancelFunc
	// sessionCtx is the context of the jobs the user starts (imports,
	// exports, a restore): locking ends it (and a new one begins), as does
	// closing the window. caseCtx, its child, is the open case's: leaving
	// the case ends it, so an export or import started from a case stops
	// when the case closes (issue 11). Saves of what was typed keep ctx:
	// they run as the case closes and must not be stopped by it.
	sessionCtx context.Context
	endSession context.CancelFunc
	caseCtx    context.Context
	endCase    context.CancelFunc
	code       string // "zh" or "en"
	screen     string
	caseID     int64 // the open case, 0 when none
	// lastDir is the folder of the last file picked this session, where
	// the next file dialog opens (memory only; see filedialog.go).
	lastDir string
	// closeNative closes the desktop's file dialog while one is open
	// (askNative); the app locking calls it.
	closeNative context.CancelFunc
	// dialogs are the ones Esc closes, newest last (escapable).
	dialogs []dialog.Dialog
	// noticeGen tells a timed-out notice from a newer one.
	noticeGen int
	caseKeys  []fyne.Shortcut
	flushers  []func()
	// tasks counts the background work in flight and carries its results
	// back to the UI goroutine (tasks.go).
	tasks *tasks
	// idle locks after a while without input; place is where to return
	// after unlocking; awayGen tells a stale background timer from the
	// current one.
	// started is set once the event loop runs; pendingStart waits for it.
	started      bool
	pendingStart []func()

	idle *idleLock
	// rest runs Deps.AtRest when background work goes quiet (rest.go).
	rest *restWatch
	// stopSession ends the desktop's lock signals (Deps.WatchSession).
	stopSession func()
	// clipSecret is a secret this app put on the clipboard (the recovery
	// key), cleared after a minute or at lock; clipAfter is the timer
	// (tests fake it) and clipGen tells a stale timer from the latest.
	clipSecret string
	clipAfter  func(d time.Duration, f func())
	clipGen    int
	place      *place
	awayGen    int
	vaultBusy  bool // a passphrase is being set, changed or removed
	purging    bool // the hourly purge timer runs

	// screens
	// rerunDraft is a re-run intake left unfinished (answers only, held
	// in memory): opening that case's intake again continues it.
	rerunDraft *intakeDraft

	home      *casesHome
	deadlines *deadlinesView
	matters   *mattersView
	settings  *settingsView
	intake    *intakeWizard
	ws        *workspace

	// widgets
	content    *fyne.Container
	navHome    *widget.Button
	navDue     *widget.Button
	navMat     *widget.Button
	navSet     *widget.Button
	navHelp    *widget.Button
	notice     *fyne.Container
	noticeText *widget.Label
	noticeUndo *widget.Button
	lockBtn    *widget.Button
}

func (u *appUI) lang() string { return u.code }

// start builds the shell and shows the cases at once; the store is read
// off the UI goroutine, so a volunteer's big store does not hold up the
// first frame. When anything is overdue the deadlines come up instead (a
// volunteer's morning), unless the user has already moved on.
func (u *appUI) start() {
	u.buildShell()
	u.win.SetCloseIntercept(u.onCloseWindow)
	u.goHome()
	u.offerPassphrase()
	u.purgeEvery(time.Hour)
	overdue := false
	svc, ctx := u.deps.Service, u.ctx
	u.load(func() error {
		purgeOld(ctx, svc)
		// The case summaries say whether anything is overdue; the full
		// deadline list (every follow-up of every case) loads only when shown.
		list, err := svc.Cases(ctx, incident.CaseFilter{OverdueOnly: true})
		overdue = len(list) > 0
		// What opening a large store held on to goes back once all the
		// start-up's loads are done (Deps.AtRest, rest.go).
		return err
	}, func(err error) {
		if err != nil {
			logError("loading deadlines", err)
			return
		}
		if overdue && u.screen == screenHome {
			u.showDeadlines()
		}
	})
}

// purgeOld removes cases deleted longer ago than incident.UndoWindow, from
// the store and its backups (the store also does it at open, before its
// backup). It runs off the UI goroutine: at start, after every unlock, and
// every hour, so an app that is never closed does not keep a deleted case
// past the window (issue 17, F13). svc is captured on the UI goroutine: a
// restore replaces u.deps.Service there.
func purgeOld(ctx context.Context, svc *incident.Service) {
	cutoff := incident.PurgeCutoff(svc.Now())
	if _, err := svc.PurgeDeleted(ctx, cutoff); err != nil {
		logError("purging deleted cases", err)
	}
}

// purgeEvery runs purgeOld on a timer until the app's context ends; it is
// started once per app. Each tick goes through the UI goroutine, which
// knows whether a store is open (locked, restoring) and starts the purge
// as tracked background work.
func (u *appUI) purgeEvery(d time.Duration) {
	if u.purging {
		return
	}
	u.purging = true
	go func() {
		tk := time.NewTicker(d)
		defer tk.Stop()
		for {
			select {
			case <-u.ctx.Done():
				return
			case <-tk.C:
				u.tasks.do(u.purgeNow)
			}
		}
	}()
}

// purgeNow starts a purge of the open store, if one is open.
func (u *appUI) purgeNow() {
	svc, ctx := u.deps.Service, u.ctx
	if svc == nil {
		return
	}
	u.load(func() error { purgeOld(ctx, svc); return nil }, func(error) {})
}

func (u *appUI) buildShell() {
	u.win.SetTitle(lang.L("leakdesk — personal information leak response"))
	u.navHome = &widget.Button{Text: lang.L("Cases"), Icon: theme.HomeIcon(), OnTapped: u.goHome}
	u.navDue = &widget.Button{Text: lang.L("Deadlines"), Icon: theme.HistoryIcon(), OnTapped: u.showDeadlines}
	u.navMat = &widget.Button{Text: lang.L("Matters"), Icon: theme.AccountIcon(), OnTapped: u.showMatters}
	u.navSet = &widget.Button{Text: lang.L("Settings"), Icon: theme.SettingsIcon(), OnTapped: u.showSettings}
	u.navHelp = &widget.Button{Text: lang.L("Help"), Icon: theme.HelpIcon(), OnTapped: u.showHelp}
	u.lockBtn = u.newLockButton()
	nav := container.NewHBox(u.navHome, u.navDue, u.navMat, u.navSet, u.navHelp, u.lockBtn)
	title := &widget.Label{Text: lang.L("leakdesk"), TextStyle: fyne.TextStyle{Bold: true}}
	top := container.NewBorder(nil, nil, title, nil, container.NewHBox(nav))
	u.noticeText = &widget.Label{Wrapping: fyne.TextWrapWord}
	u.noticeUndo = &widget.Button{Text: lang.L("Undo"), Icon: theme.ContentUndoIcon(), Importance: widget.HighImportance}
	closeNotice := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: u.hideNotice}
	u.notice = container.NewBorder(nil, nil, nil, container.NewHBox(u.noticeUndo, closeNotice), u.noticeText)
	u.notice.Hide()
	u.content = container.NewStack()
	u.win.SetContent(u.watchInput(container.NewBorder(container.NewVBox(top, widget.NewSeparator()), u.notice, nil, nil, u.content)))
	u.addShortcuts()
}

func (u *appUI) addShortcuts() {
	c := u.win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { u.newCase() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { u.onSearchShortcut() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { u.onCloseShortcut() })
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyF1:
			u.showHelp()
		case fyne.KeyEscape:
			u.escape()
		}
	})
}

// show swaps the main area and marks the current place in the navigation.
func (u *appUI) show(screen string, obj fyne.CanvasObject) {
	u.screen = screen
	u.content.Objects = []fyne.CanvasObject{obj}
	u.content.Refresh()
	for _, b := range []struct {
		btn    *widget.Button
		screen string
	}{{u.navHome, screenHome}, {u.navDue, screenDeadlines}, {u.navMat, screenMatters}, {u.navSet, screenSettings}} {
		imp := widget.MediumImportance
		if b.screen == screen || (screen == screenCase || screen == screenIntake) && b.screen == screenHome {
			imp = widget.HighImportance
		}
		if b.btn.Importance != imp {
			b.btn.Importance = imp
			b.btn.Refresh()
		}
	}
}

// leaveCase gives the open screen a chance to save what is being typed and
// drops the case's shortcuts.
func (u *appUI) leaveCase() {
	u.flush()
	if u.endCase != nil {
		u.endCase()
	}
	for _, s := range u.caseKeys {
		u.win.Canvas().RemoveShortcut(s)
	}
	u.caseKeys = nil
	u.ws = nil
	u.caseID = 0
}

func (u *appUI) flush() {
	for _, f := range u.flushers {
		f()
	}
	u.flushers = nil
}

// addFlush registers fn to run before the open screen goes away (closing
// the case or the window, switching language), so nothing typed is lost.
func (u *appUI) addFlush(fn func()) { u.flushers = append(u.flushers, fn) }

func (u *appUI) goHome() {
	u.leaveCase()
	if u.home == nil {
		u.home = newCasesHome(u)
	}
	u.show(screenHome, u.home.root)
	u.home.refresh()
}

func (u *appUI) refreshCases() {
	if u.home != nil {
		u.home.refresh()
	}
}

func (u *appUI) showDeadlines() {
	u.leaveCase()
	if u.deadlines == nil {
		u.deadlines = newDeadlinesView(u)
	}
	u.show(screenDeadlines, u.deadlines.root)
	u.deadlines.refresh()
}

// showMatters lists the matters (issue 13).
func (u *appUI) showMatters() {
	u.leaveCase()
	if u.matters == nil {
		u.matters = newMattersView(u)
	}
	u.show(screenMatters, u.matters.root)
	u.matters.refresh()
}

func (u *appUI) showSettings() {
	u.leaveCase()
	if u.settings == nil {
		u.settings = newSettingsView(u)
	}
	u.show(screenSettings, u.settings.root)
	u.settings.refresh()
}

func (u *appUI) openCase(id int64) {
	u.leaveCase()
	u.caseCtx, u.endCase = context.WithCancel(u.session())
	u.caseID = id
	ws, obj := newWorkspace(u, id)
	u.ws = ws
	u.show(screenCase, obj)
}

// newCase starts the guided intake for a new case.
func (u *appUI) newCase() {
	u.leaveCase()
	u.intake = newIntakeWizard(u, 0)
	u.show(screenIntake, u.intake.root)
	u.intake.focusPage()
}

// rerunIntake opens the intake for an existing case with its answers filled in.
func (u *appUI) rerunIntake(caseID int64) {
	u.leaveCase()
	u.intake = newIntakeWizard(u, caseID)
	u.show(screenIntake, u.intake.root)
	u.intake.focusPage()
}

func (u *appUI) caseShortcut(s fyne.Shortcut, fn func()) {
	u.win.Canvas().AddShortcut(s, func(fyne.Shortcut) { fn() })
	u.caseKeys = append(u.caseKeys, s)
}

func (u *appUI) onSearchShortcut() {
	if u.screen != screenHome {
		u.goHome()
	}
	u.home.focusSearch()
}

func (u *appUI) onCloseShortcut() {
	switch u.screen {
	case screenCase, screenIntake:
		u.goHome()
	}
}

// onCloseWindow saves what is being typed; every other edit is already
// in the store, so the window can simply go.
func (u *appUI) onCloseWindow() {
	u.flush()
	u.stop()
	u.win.Close()
}

func (u *appUI) showError(err error) {
	if err == nil {
		return
	}
	logError("showing an error", err)
	if u.lockedErr(err) {
		return
	}
	msg := incident.UserMessage(err, u.code)
	u.showMessage(lang.L("Something went wrong"), msg, theme.ErrorIcon())
}

// notify shows msg in the notice bar for a while.
func (u *appUI) notify(msg string) { u.showNotice(msg, nil) }

// undoable shows msg with an Undo button; tapping it runs undo once.
func (u *appUI) undoable(msg string, undo func()) { u.showNotice(msg, undo) }

func (u *appUI) showNotice(msg string, undo func()) {
	u.noticeGen++
	gen := u.noticeGen
	u.noticeText.SetText(msg)
	if undo == nil {
		u.noticeUndo.Hide()
	} else {
		u.noticeUndo.OnTapped = func() {
			u.hideNotice()
			undo()
		}
		u.noticeUndo.Show()
	}
	u.notice.Show()
	time.AfterFunc(noticeTimeout, func() {
		u.tasks.do(func() {
			if u.noticeGen == gen {
				u.hideNotice()
			}
		})
	})
}

func (u *appUI) hideNotice() {
	u.noticeGen++
	u.notice.Hide()
	u.noticeUndo.OnTapped = nil
}

// load reads from the store off the UI goroutine and applies the result
// on it. The work must not touch widgets or appUI fields: capture what it
// needs (the service, the typed text) before calling.
func (u *appUI) load(work func() error, apply func(error)) { u.tasks.run(work, apply) }

// background runs work off the UI goroutine and then done on it, so a slow
// disk never freezes the window; the same rules as load.
func (u *appUI) background(work func() error, done func(error)) { u.tasks.run(work, done) }

// do runs fn on the UI goroutine: every background result goes through it.
func (u *appUI) do(fn func()) { u.tasks.do(fn) }
