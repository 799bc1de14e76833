package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
)

// showStoreProblem fills the window when the data could not be opened:
// damaged, or open in another copy of leakdesk. The store's own message
// says what happened; the user can restore the newest backup, try again or
// quit. Never a crash, never a blank window.
func (u *appUI) showStoreProblem(cause error) {
	u.win.SetTitle(lang.L("leakdesk — the data cannot be opened"))
	if cause == nil {
		cause = errors.New("no store")
	}
	logError("opening the store", cause)
	code := incident.ErrorCode(cause)
	head := lang.L("Your data cannot be opened")
	if code == incident.CodeBusy {
		head = lang.L("leakdesk is already open")
	}
	msg := &widget.Label{Text: incident.UserMessage(cause, u.code), Wrapping: fyne.TextWrapWord}
	advice := lang.L("Nothing has been changed. You can restore the newest backup (the damaged file is kept as a copy), or quit and ask for help.")
	if code == incident.CodeBusy {
		advice = lang.L("Close the other leakdesk window first, then try again. Only one copy can use the same data at a time, so that nothing is overwritten.")
	}
	retry := &widget.Button{Text: lang.L("Try again"), Icon: theme.ViewRefreshIcon(), OnTapped: u.onRetryOpen}
	restore := &widget.Button{Text: lang.L("Restore newest backup"), Icon: theme.HistoryIcon(), Importance: widget.HighImportance, OnTapped: u.onRestoreNewest}
	quit := &widget.Button{Text: lang.L("Quit"), Icon: theme.LogoutIcon(), OnTapped: u.app.Quit}
	if u.deps.Reopen == nil {
		retry.Hide()
	}
	if code == incident.CodeBusy || u.deps.Restore == nil || u.deps.Backups == nil || u.deps.Reopen == nil {
		restore.Hide()
	} else if list, err := u.deps.Backups(); err != nil || len(list) == 0 {
		restore.Hide()
	}
	if code == incident.CodeBusy {
		retry.Importance = widget.HighImportance
	}
	box := container.NewVBox(
		container.NewHBox(&widget.Icon{Resource: theme.WarningIcon()}, &widget.Label{Text: head, SizeName: theme.SizeNameHeadingText}),
		msg,
		&widget.Label{Text: advice, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: lang.L("Data folder: {{.Dir}}", map[string]any{"Dir": u.deps.DataDir}), Wrapping: fyne.TextWrapBreak, Importance: widget.LowImportance},
		container.NewHBox(restore, retry, quit),
	)
	u.win.SetContent(container.NewPadded(box))
}

func (u *appUI) onRetryOpen() {
	svc, err := u.deps.Reopen()
	if err != nil {
		u.showStoreProblem(err)
		return
	}
	u.deps.Service, u.deps.StoreErr = svc, nil
	u.ready()
}

func (u *appUI) onRestoreNewest() {
	list, err := u.deps.Backups()
	if err != nil || len(list) == 0 {
		u.showError(incident.Errorf(incident.CodeNotFound, "没有找到备份。", "No backup was found.", err))
		return
	}
	b := list[0]
	msg := lang.L("Restore the backup from {{.When}}? Changes made after it are not in it.", map[string]any{"When": u.formatDateTime(b.At)})
	dialog.ShowConfirm(lang.L("Restore backup?"), msg, func(ok bool) {
		if ok {
			u.restoreBackup(b)
		}
	}, u.win)
}

// restoreBackup swaps the store for a backup and starts the app afresh on
// it. The restore runs off the UI goroutine behind a progress dialog (on a
// large store it checks and copies hundreds of megabytes); the store is
// reopened whether or not it worked, because Restore needs it closed.
// Locking or closing the window stops it before the swap (sessionCtx), and
// the current data opens again as it was.
func (u *appUI) restoreBackup(b BackupFile) {
	u.flush()
	bar := &widget.ProgressBar{Max: 1}
	dlg := dialog.NewCustomWithoutButtons(lang.L("Restoring the backup…"), container.NewVBox(
		wrapped(lang.L("The current data is backed up first, then replaced by the backup from {{.When}}.", map[string]any{"When": u.formatDateTime(b.At)})),
		bar), u.win)
	dlg.Resize(fyne.NewSize(480, dlg.MinSize().Height))
	dlg.Show()
	restore, ctx := u.deps.Restore, u.session()
	progress := func(v float64) { u.do(func() { bar.SetValue(v) }) }
	u.background(func() error {
		return restore(ctx, b.Path, progress)
	}, func(rerr error) {
		dlg.Hide()
		u.restoreDone(b, rerr)
	})
}

// restoreDone continues on the UI goroutine once the restore has ended.
func (u *appUI) restoreDone(b BackupFile, rerr error) {
	if errors.Is(rerr, incident.ErrClearRestore) && u.deps.RestoreEncrypted != nil {
		// The store stays closed while the passphrase is asked for; the
		// dialog reopens it however it ends.
		u.askRestoreEncrypted(b)
		return
	}
	if !u.reopenAfterRestore(nil) {
		return
	}
	switch {
	case incident.ErrorCode(rerr) == incident.CodeCancelled:
		// Stopped by a lock or the window closing: the data is as it was,
		// and the unlock screen (if any) is what the user now sees.
		logError("restoring a backup", rerr)
	case rerr != nil:
		u.showError(rerr)
	default:
		u.notify(lang.L("Backup from {{.When}} restored.", map[string]any{"When": u.formatDateTime(b.At)}))
	}
}

// reopenAfterRestore opens the store again and rebuilds the screens;
// with pass, the reopened (encrypted) store is unlocked with it, since the
// user has just given it. false: the store cannot be opened, and the
// store-problem screen says so.
func (u *appUI) reopenAfterRestore(pass []byte) bool {
	svc, oerr := u.deps.Reopen()
	if oerr != nil {
		u.deps.Service, u.deps.StoreErr = nil, oerr
		u.showStoreProblem(oerr)
		return false
	}
	if l, ok := svc.Locker(); ok && pass != nil && l.Locked() {
		if err := l.Unlock(pass); err != nil {
			logError("unlocking after a restore", err)
		}
	}
	u.deps.Service, u.deps.StoreErr = svc, nil
	u.home, u.deadlines, u.settings, u.intake, u.ws, u.caseID = nil, nil, nil, nil, nil, 0
	u.ready()
	return true
}

// askRestoreEncrypted restores a backup that is not encrypted into
// encrypted data as the command line does (issue 17, F9): the current
// passphrase is the confirmation (RestoreEncrypted checks it before
// touching anything); the backup is encrypted with it before it replaces
// the current data, and the new recovery key is shown once. Cancelled or
// failed, the current data opens again as it was.
func (u *appUI) askRestoreEncrypted(b BackupFile) {
	f := u.newPassForm(true, false)
	intro := wrapped(lang.L("This backup is not encrypted, but your data is. To restore it, enter the current passphrase: the backup is encrypted with it before it replaces the current data (which is backed up first). You get a new recovery key to write down."))
	var recovery string
	restored := false
	restoreEncrypted := u.deps.RestoreEncrypted
	f.show(lang.L("Restore and encrypt?"), lang.L("Restore and encrypt"), intro, func(typed passTexts) error {
		rec, err := restoreEncrypted(b.Path, typed.old)
		if err != nil {
			return err
		}
		recovery, restored = rec, true
		return nil
	}, func() {
		u.afterSecurityChange()
		u.showRecoveryKey(recovery)
		u.notify(lang.L("Backup from {{.When}} restored.", map[string]any{"When": u.formatDateTime(b.At)}))
	})
	f.dlg.SetOnClosed(func() {
		var pass []byte
		if restored {
			pass = []byte(f.old.Text)
			defer clear(pass)
		}
		f.old.SetText("")
		u.reopenAfterRestore(pass)
	})
}

// switchLanguage rebuilds every screen in the new language, at once.
func (u *appUI) switchLanguage(code string) {
	u.flush()
	screen, caseID := u.screen, u.caseID
	u.code = code
	setupTranslations(code)
	for _, s := range u.caseKeys {
		u.win.Canvas().RemoveShortcut(s)
	}
	u.caseKeys, u.ws, u.caseID = nil, nil, 0
	u.home, u.deadlines, u.settings, u.intake = nil, nil, nil, nil
	u.buildShell()
	switch screen {
	case screenCase:
		u.openCase(caseID)
	case screenDeadlines:
		u.showDeadlines()
	case screenSettings:
		u.showSettings()
	default:
		u.goHome()
	}
}

// showHelp (F1) explains the screens and the shortcuts.
func (u *appUI) showHelp() {
	text := lang.L("How leakdesk works") + "\n\n" +
		lang.L("1. Start a new case and answer a few questions about what happened.") + "\n" +
		lang.L("2. leakdesk makes a personal plan: secure your accounts, protect your money, ask for deletion, report, keep evidence.") + "\n" +
		lang.L("3. Work through the steps; record dates, reference numbers and answers. Every change is saved at once.") + "\n" +
		facts.Expand(u.lang(), lang.L("4. Print a complaint packet for the police, {hotline.12315} or the company when you are ready.")) + "\n\n" +
		lang.L("Shortcuts") + "\n" +
		lang.L("Ctrl+N  new case") + "\n" +
		lang.L("Ctrl+F  search the cases") + "\n" +
		lang.L("Ctrl+W  close the case") + "\n" +
		lang.L("Ctrl+E  export a packet (in a case)") + "\n" +
		lang.L("Ctrl+1 … Ctrl+8  the case's tabs, from Overview to Export") + "\n" +
		lang.L("Tab, Shift+Tab  next or previous field or button; Space presses a button") + "\n" +
		lang.L("Esc  close a message or a question without acting") + "\n" +
		lang.L("Ctrl+L  lock now (when a passphrase is set)") + "\n" +
		lang.L("F1  this help") + "\n\n" +
		lang.L("Typing Chinese: if the input method misbehaves, paste the text (Ctrl+V) or import the story from a .txt file.") + "\n\n" +
		lang.L("leakdesk gives information, not legal advice. Nothing leaves this computer.")
	body := wrapped(text)
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(520, 400))
	d := dialog.NewCustom(lang.L("Help"), lang.L("Close"), scroll, u.win)
	d.Show()
	u.escapable(d)
}
