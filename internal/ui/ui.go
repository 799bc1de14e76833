// Package ui is the leakdesk desktop app: the shell, the cases home, the
// guided intake, deadlines and settings; the case workspace lives in
// workspace*.go. Build is the only exported entry.
//
// What the shell offers the workspace (and any other screen):
//
//	u.win                  the main window (dialogs, clipboard, canvas)
//	u.deps                 Deps: Service, DataDir, Export, OpenFolder, ...
//	u.ctx                  a background context for service calls
//	u.lang()               "zh" or "en", the language shown right now
//	u.showError(err)       dialog with incident.UserMessage in the user's
//	                       language; the cause goes to logError (code only)
//	u.refreshCases()       reload the cases home (after changing a summary:
//	                       title, victim, status, steps, follow-ups)
//	u.goHome()             leave the workspace for the cases home
//	u.openCase(id)         show a case's workspace (newWorkspace)
//	u.undoable(msg, undo)  notification bar with an Undo button; undo runs on
//	                       the UI goroutine when tapped
//	u.notify(msg)          the same bar without Undo
//	u.caseShortcut(s, fn)  a window shortcut that lives while the case is
//	                       open (e.g. Ctrl+E export); removed on close
//	u.addFlush(fn)         fn runs before the case closes, the window closes
//	                       or the language switches: save what is being typed
//	u.rerunIntake(id)      the guided intake again, answers filled in
//	u.formatDate(t)        a date in local time and the user's format
//	u.formatDateTime(t)    date and time, likewise
//	u.background(work, done)  run work off the UI goroutine, then done on it
//	u.lockNow()            lock (Ctrl+L): saves, clears every screen, drops
//	                       the keys, shows the unlock screen (lock.go)
//	newEntry(), newMultiLineEntry()  IME-safe entries: use them for every
//	                       text field (see imeentry.go); paste works in all
//
// Every visible string goes through lang.L / lang.X; the workspace's
// translations live in translation/workspace/{zh-Hans,en}.json and are
// loaded with the app's before the window shows.
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/ui/filechooser"
	"leakdesk/internal/ui/session"
)

// Deps is everything the UI needs from the outside; cmd/leakdesk wires it.
type Deps struct {
	Service *incident.Service
	DataDir string
	Version string
	Lang    string // "zh" or "en" from settings/system
	// Backup writes a snapshot of the store to path.
	Backup func(ctx context.Context, path string) error
	// Restore replaces the store with a backup; the app reopens the store
	// after. It runs off the UI goroutine; progress hears the share done
	// (0 to 1); ctx ends when the app locks or closes, and a restore stopped
	// before the swap answers incident.ErrCancelled with the data unchanged.
	Restore func(ctx context.Context, path string, progress func(float64)) error
	// RestoreEncrypted restores a backup that is not encrypted into data
	// that is, encrypting it with the current passphrase first, and returns
	// the new recovery key; the window asks for the passphrase when Restore
	// refuses with incident.ErrClearRestore. Nil: the refusal is shown.
	RestoreEncrypted func(path string, passphrase []byte) (recoveryKey string, err error)
	// Export is delivered by the packet issue; nil until then.
	Export ExportFunc
	// MatterExport and MatterExportAll write a matter's joint documents
	// (issue 13); nil hides their buttons.
	MatterExport    MatterExportFunc
	MatterExportAll MatterExportAllFunc
	// Authorisation makes a victim's 授权委托书; nil hides its button.
	Authorisation AuthorisationFunc
	// Demo creates the demo case and returns its ID.
	Demo func(ctx context.Context) (int64, error)
	// OpenFolder shows a folder in the system's file manager.
	OpenFolder func(path string) error

	// ImportCase reads a case file (as written by `leakdesk export-case`)
	// into the store as a new case; nil hides the import button.
	ImportCase func(ctx context.Context, path string) (int64, error)
	// Backups lists the backups that Restore accepts, newest first.
	Backups func() ([]BackupFile, error)
	// StoreErr is why the store could not be opened; Build then shows the
	// damaged-or-busy screen instead of the cases.
	StoreErr error
	// Reopen opens the store: at start when Service and StoreErr are both
	// nil (off the UI goroutine, behind an "opening" screen), after a
	// restore, and when the user retries a busy store.
	Reopen func() (*incident.Service, error)
	// OfferPassphrase asks once, at the first start, whether to protect
	// the cases with a passphrase (tests leave it off).
	OfferPassphrase bool
	// AtRest, when set, runs off the UI goroutine once background work has
	// been quiet for restDelay after a burst (start-up, a search, an
	// import): the app gives back the memory that work held (store caches,
	// the heap's free pages; issue 11 §7).
	AtRest func()
	// Started, when set, runs once the app's event loop has started (the
	// first frame is up); Build owns the app's OnStarted hook.
	Started func()
	// WatchSession, when set, reports the desktop asking for a lock (sleep,
	// screen lock) until stop is called; the app locks at once. The app
	// passes session.Watch; tests pass a fake.
	WatchSession func(onLock func(session.Reason)) (stop func())
	// AskFiles shows the desktop's own file dialog (filechooser.Ask); nil,
	// or filechooser.ErrUnavailable from it, means Fyne's dialog.
	AskFiles func(ctx context.Context, r filechooser.Request) ([]string, error)
}

// BackupFile is one backup on disk.
type BackupFile struct {
	Path string
	At   time.Time
	Size int64
}

// Build fills the window with the app. It must run on the UI goroutine
// before the app runs (translations are loaded here).
func Build(a fyne.App, w fyne.Window, d Deps) { build(a, w, d, newTasks(fyne.Do)) }

// build is Build with the background-work tracker given: tests pass one
// that queues results for them to run (tasks.go).
func build(a fyne.App, w fyne.Window, d Deps, t *tasks) *appUI {
	code := normaliseLang(d.Lang)
	setupTranslations(code)
	a = keepFoldersInMemory(a)
	a.Settings().SetTheme(newTheme())
	u := &appUI{app: a, win: w, deps: d, code: code, tasks: t}
	if d.AtRest != nil {
		u.rest = newRestWatch(t, d.AtRest)
	}
	u.ctx, u.stop = context.WithCancel(context.Background())
	u.newSession()
	a.Lifecycle().SetOnStarted(u.onStarted)
	if d.WatchSession != nil {
		u.stopSession = d.WatchSession(func(session.Reason) { u.do(u.lockNow) })
	}
	switch {
	case d.Service == nil && d.StoreErr == nil && d.Reopen != nil:
		u.openStore()
	case d.StoreErr != nil || d.Service == nil:
		u.showStoreProblem(d.StoreErr)
	default:
		u.start()
	}
	return u
}

// openStore opens the data off the UI goroutine, so the window appears at
// once even when a large store takes a moment to check.
func (u *appUI) openStore() {
	u.win.SetTitle(lang.L("leakdesk"))
	u.win.SetContent(container.NewCenter(container.NewVBox(
		widget.NewActivity(), &widget.Label{Text: lang.L("Opening your data…"), Alignment: fyne.TextAlignCenter})))
	var svc *incident.Service
	var stored string
	reopen, ctx := u.deps.Reopen, u.ctx
	u.afterStart(func() {
		u.load(func() error {
			var err error
			if svc, err = reopen(); err != nil {
				return err
			}
			stored, _ = svc.Setting(ctx, settingLang, "")
			return nil
		}, func(err error) {
			if err != nil {
				u.deps.StoreErr = err
				u.showStoreProblem(err)
				return
			}
			u.deps.Service = svc
			// The language chosen in settings wins over the system's.
			if stored != "" && normaliseLang(stored) != u.code {
				u.code = normaliseLang(stored)
				setupTranslations(u.code)
			}
			u.ready()
		})
	})
}

// afterStart runs fn once the event loop has drawn the first frame, so
// opening and checking the store, and building the screens that need it,
// never delay the window's first appearance; at once when already started.
func (u *appUI) afterStart(fn func()) {
	if u.started {
		fn()
		return
	}
	u.pendingStart = append(u.pendingStart, fn)
}

func (u *appUI) onStarted() {
	u.started = true
	if u.deps.Started != nil {
		u.deps.Started()
	}
	pending := u.pendingStart
	u.pendingStart = nil
	for _, fn := range pending {
		fn()
	}
}
