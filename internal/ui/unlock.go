package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ready shows the cases, or first asks for the passphrase when the store
// keeps its personal content encrypted and is locked.
func (u *appUI) ready() {
	if u.deps.Service.Locked() {
		u.showUnlock()
		return
	}
	u.start()
}

// showUnlock asks for the passphrase (or the recovery key) of an
// encrypted store. Unlocking runs off the UI goroutine: the key derivation
// is deliberately slow.
func (u *appUI) showUnlock() {
	u.win.SetTitle(lang.L("leakdesk — locked"))
	pass := newEntry()
	pass.Password = true
	pass.SetPlaceHolder(lang.L("Passphrase"))
	recovery := newEntry()
	recovery.SetPlaceHolder(lang.L("Recovery key"))
	recovery.Hide()
	busy := widget.NewActivity()
	busy.Hide()
	var unlockBtn *widget.Button
	useRecovery := &widget.Check{Text: lang.L("I forgot the passphrase: use the recovery key")}
	useRecovery.OnChanged = func(on bool) {
		if on {
			pass.Hide()
			recovery.Show()
			u.win.Canvas().Focus(recovery)
		} else {
			recovery.Hide()
			pass.Show()
			u.win.Canvas().Focus(pass)
		}
	}
	onUnlock := func() {
		l, ok := u.deps.Service.Locker()
		if !ok {
			u.start()
			return
		}
		secret, viaRecovery := pass.Text, useRecovery.Checked
		if viaRecovery {
			secret = recovery.Text
		}
		unlockBtn.Disable()
		busy.Show()
		busy.Start()
		u.load(func() error {
			if viaRecovery {
				return l.UnlockRecovery(secret)
			}
			return l.Unlock([]byte(secret))
		}, func(err error) {
			busy.Stop()
			busy.Hide()
			unlockBtn.Enable()
			if err != nil {
				pass.SetText("")
				u.showError(err)
				return
			}
			pass.SetText("")
			recovery.SetText("")
			u.unlocked()
		})
	}
	unlockBtn = &widget.Button{Text: lang.L("Unlock"), Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: onUnlock}
	// Return in the passphrase field unlocks: nothing is lost if it was early.
	pass.OnSubmitted = func(string) { onUnlock() }
	quit := &widget.Button{Text: lang.L("Quit"), Icon: theme.LogoutIcon(), OnTapped: u.app.Quit}
	box := container.NewVBox(
		container.NewHBox(&widget.Icon{Resource: theme.VisibilityOffIcon()}, &widget.Label{Text: lang.L("Your cases are locked"), SizeName: theme.SizeNameHeadingText}),
		&widget.Label{Text: lang.L("A passphrase protects the personal details on this computer. Enter it to open your cases."), Wrapping: fyne.TextWrapWord},
		pass, recovery, useRecovery,
		container.NewHBox(unlockBtn, quit, busy),
	)
	u.win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 300), box)))
	u.win.Canvas().Focus(pass)
}
