package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// deletionReach says what deleting a case reaches and what it cannot (the
// review's F1 and F5); the delete dialog and Settings → Security show it,
// the command line says the same after "case delete --now".
func deletionReach() string {
	return lang.L("After the day, leakdesk removes it from its data file and from every backup in its backups folder, and with a passphrase set destroys its key, so the app cannot bring it back, not even by restoring a backup. It cannot reach copies made elsewhere: backups or case files you saved, exported or printed packets, bundles sent to colleagues. On a disk without full-disk encryption (BitLocker, FileVault, LUKS), traces may remain on the disk itself, SSDs especially.")
}

// securitySection is Settings → Security: the passphrase, locking, and
// what having no passphrase means.
type securitySection struct {
	u *appUI

	// widgets
	root      *fyne.Container
	status    *widget.Label
	setBtn    *widget.Button
	changeBtn *widget.Button
	removeBtn *widget.Button
	recBtn    *widget.Button
	lockBtn   *widget.Button
	idleEntry *imeEntry
	onMin     *widget.Check
}

func newSecuritySection(u *appUI) *securitySection {
	s := &securitySection{u: u}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.setBtn = &widget.Button{Text: lang.L("Set a passphrase…"), Icon: theme.VisibilityOffIcon(), Importance: widget.HighImportance, OnTapped: u.showSetPassphrase}
	s.changeBtn = &widget.Button{Text: lang.L("Change passphrase…"), Icon: theme.DocumentCreateIcon(), OnTapped: u.showChangePassphrase}
	s.removeBtn = &widget.Button{Text: lang.L("Remove passphrase…"), Icon: theme.DeleteIcon(), OnTapped: u.showRemovePassphrase}
	s.recBtn = &widget.Button{Text: lang.L("New recovery key…"), Icon: theme.ViewRefreshIcon(), OnTapped: u.showNewRecoveryKey}
	s.lockBtn = &widget.Button{Text: lang.L("Lock now (Ctrl+L)"), Icon: theme.VisibilityOffIcon(), OnTapped: u.lockNow}

	s.idleEntry = newEntry()
	s.idleEntry.SetText(strconv.Itoa(u.idleMinutes()))
	idleSave := &widget.Button{Text: lang.L("Save"), OnTapped: s.onSaveIdle}
	// A narrow field inside the sentence, not a full-width one below it.
	idleRow := container.NewHBox(&widget.Label{Text: lang.L("Lock automatically after")},
		container.NewGridWrap(fyne.NewSize(72, s.idleEntry.MinSize().Height), s.idleEntry),
		&widget.Label{Text: lang.L("minutes without use (0: never)")}, idleSave)
	s.onMin = &widget.Check{Text: lang.L("Also lock when leakdesk is minimised or in the background for a minute"), Checked: u.lockOnMinimise()}
	s.onMin.OnChanged = s.onMinimise

	hint := &widget.Label{Text: lang.L("Locking drops the keys from memory and hides every case until the passphrase or the recovery key is entered."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	reach := &widget.Label{Text: lang.L("Deleting a case: you can undo it for a day.") + " " + deletionReach(),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	s.root = container.NewVBox(s.status,
		container.NewHBox(s.setBtn, s.changeBtn, s.recBtn, s.removeBtn, s.lockBtn),
		idleRow,
		s.onMin, hint, reach)
	s.refresh()
	return s
}

func (s *securitySection) refresh() {
	_, ok := s.u.deps.Service.Locker()
	enc := s.u.encrypted()
	if enc {
		s.status.SetText(lang.L("A passphrase protects the cases on this computer: without it (or the recovery key) they cannot be read."))
		s.status.Importance = widget.SuccessImportance
	} else {
		s.status.SetText(lang.L("No passphrase: anyone who can use this computer can open and read every case."))
		s.status.Importance = widget.DangerImportance
	}
	s.status.Refresh()
	show := func(b *widget.Button, on bool) {
		if on {
			b.Show()
		} else {
			b.Hide()
		}
	}
	show(s.setBtn, ok && !enc)
	show(s.changeBtn, enc)
	show(s.removeBtn, enc)
	show(s.recBtn, enc)
	show(s.lockBtn, enc)
}

func (s *securitySection) onSaveIdle() {
	n, err := strconv.Atoi(strings.TrimSpace(s.idleEntry.Text))
	if err != nil || n < 0 || n > 240 {
		s.u.showError(incident.Errorf(incident.CodeInvalid, "请填写 0 到 240 之间的整数（分钟）。", "Enter a whole number of minutes from 0 to 240.", err))
		return
	}
	if err := s.u.deps.Service.SetSetting(s.u.ctx, settingIdleMinutes, strconv.Itoa(n)); err != nil {
		s.u.showError(err)
		return
	}
	s.u.armLock()
	s.u.notify(lang.L("Saved."))
}

func (s *securitySection) onMinimise(on bool) {
	v := "0"
	if on {
		v = "1"
	}
	if err := s.u.deps.Service.SetSetting(s.u.ctx, settingOnMinimise, v); err != nil {
		s.u.showError(err)
	}
}

// passForm is the fields of a passphrase dialog: the current passphrase
// (to change or remove one), the new one with its strength, and a
// confirmation; errors show inside the dialog, which stays open.
type passForm struct {
	u        *appUI
	old      *imeEntry
	pass     *imeEntry
	confirm  *imeEntry
	strength *widget.ProgressBar
	hint     *widget.Label
	msg      *widget.Label
	busy     *widget.Activity
	ok       *widget.Button
	cancel   *widget.Button
	dlg      dialog.Dialog
}

func (u *appUI) newPassForm(withOld, withNew bool) *passForm {
	f := &passForm{u: u}
	pw := func(ph string) *imeEntry {
		e := newEntry()
		e.Password = true
		e.SetPlaceHolder(ph)
		return e
	}
	if withOld {
		f.old = pw(lang.L("Current passphrase"))
	}
	if withNew {
		f.pass = pw(lang.L("New passphrase"))
		f.confirm = pw(lang.L("The new passphrase again"))
		// One step more than the score, so "very weak" shows a sliver
		// rather than an empty bar that reads as nothing.
		f.strength = &widget.ProgressBar{Max: 5}
		f.strength.TextFormatter = func() string { return f.strengthWord(int(f.strength.Value) - 1) }
		f.hint = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
		f.pass.OnChanged = func(string) { f.showStrength() }
		f.showStrength()
	}
	f.msg = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	f.msg.Hide()
	f.busy = widget.NewActivity()
	f.busy.Hide()
	return f
}

// strengthWord is the meter's word; empty while nothing is typed, so the
// meter does not call an empty field "很弱" beside the hint "未设置口令".
func (f *passForm) strengthWord(score int) string {
	if f.pass.Text == "" {
		return ""
	}
	return incident.PassphraseLevel(score, f.u.code)
}

func (f *passForm) showStrength() {
	score, zh, en := incident.PassphraseStrength(f.pass.Text)
	f.strength.SetValue(float64(score + 1))
	if f.u.code == "en" {
		f.hint.SetText(en)
	} else {
		f.hint.SetText(zh)
	}
}

// check validates the new passphrase before any slow work starts.
func (f *passForm) check() bool {
	if f.old != nil && f.old.Text == "" {
		return f.fail(lang.L("Enter the current passphrase."))
	}
	if f.pass == nil {
		return true
	}
	if err := incident.CheckNewPassphrase([]byte(f.pass.Text)); err != nil {
		return f.fail(incident.UserMessage(err, f.u.code))
	}
	if f.pass.Text != f.confirm.Text {
		return f.fail(lang.L("The two new passphrases are not the same."))
	}
	return true
}

func (f *passForm) fail(msg string) bool {
	f.msg.SetText(msg)
	f.msg.Show()
	return false
}

// show opens the dialog; run does the slow work off the UI goroutine
// behind an activity indicator, then done runs on the UI goroutine with
// its error (shown in the dialog when not nil).
// passTexts is what was typed in a passphrase form when OK was tapped.
type passTexts struct{ old, pass []byte }

func (f *passForm) texts() passTexts {
	var t passTexts
	if f.old != nil {
		t.old = []byte(f.old.Text)
	}
	if f.pass != nil {
		t.pass = []byte(f.pass.Text)
	}
	return t
}

// run gets the typed secrets, read here on the UI goroutine: it runs in the
// background (sealing takes seconds) while the entries stay editable.
func (f *passForm) show(title, okText string, intro fyne.CanvasObject, run func(typed passTexts) error, done func()) {
	objs := []fyne.CanvasObject{intro}
	if f.old != nil {
		objs = append(objs, f.old)
	}
	if f.pass != nil {
		objs = append(objs, f.pass, f.strength, f.hint, f.confirm)
	}
	f.ok = &widget.Button{Text: okText, Importance: widget.HighImportance}
	f.cancel = &widget.Button{Text: lang.L("Cancel"), OnTapped: func() { f.dlg.Hide() }}
	objs = append(objs, f.msg, container.NewHBox(f.busy, f.cancel, f.ok))
	box := container.NewVBox(objs...)
	f.dlg = dialog.NewCustomWithoutButtons(title, box, f.u.win)
	f.ok.OnTapped = func() {
		f.msg.Hide()
		if !f.check() {
			return
		}
		f.ok.Disable()
		f.cancel.Disable()
		f.busy.Show()
		f.busy.Start()
		f.u.vaultBusy = true
		typed := f.texts()
		f.u.load(func() error { return run(typed) }, func(err error) {
			f.u.vaultBusy = false
			f.busy.Stop()
			f.busy.Hide()
			f.ok.Enable()
			f.cancel.Enable()
			if err != nil {
				logError("passphrase", err)
				if f.old != nil {
					f.old.SetText("")
				}
				f.fail(incident.UserMessage(err, f.u.code))
				return
			}
			f.dlg.Hide()
			done()
		})
	}
	f.dlg.Show()
	fitDialog(f.dlg, 480)
	if f.old != nil {
		f.u.win.Canvas().Focus(f.old)
	} else if f.pass != nil {
		f.u.win.Canvas().Focus(f.pass)
	}
}

// showSetPassphrase turns encryption on: every case is sealed (seconds on
// a big store), then the recovery key is shown once.
func (u *appUI) showSetPassphrase() {
	l, ok := u.deps.Service.Locker()
	if !ok || l.Encrypted() {
		return
	}
	f := u.newPassForm(false, true)
	intro := wrapped(lang.L("The passphrase is asked for when leakdesk starts and after it locks. Every case on this computer is encrypted with it; this can take a few seconds."))
	var recovery string
	f.show(lang.L("Set a passphrase"), lang.L("Encrypt the cases"), intro, func(typed passTexts) error {
		var err error
		recovery, err = l.EnableEncryption(u.ctx, typed.pass)
		return err
	}, func() {
		u.afterSecurityChange()
		u.showRecoveryKey(recovery)
	})
}

func (u *appUI) showChangePassphrase() {
	l, ok := u.deps.Service.Locker()
	if !ok || !l.Encrypted() {
		return
	}
	f := u.newPassForm(true, true)
	intro := wrapped(lang.L("The cases get a new key, and the backups are re-keyed with it: the old passphrase and the old recovery key stop opening anything leakdesk keeps. You get a new recovery key to write down."))
	var recovery string
	f.show(lang.L("Change passphrase"), lang.L("Change"), intro, func(typed passTexts) error {
		var err error
		recovery, err = l.ChangePassphrase(u.ctx, typed.old, typed.pass)
		return err
	}, func() {
		u.afterSecurityChange()
		u.showRecoveryKey(recovery)
	})
}

// showNewRecoveryKey replaces the recovery key after the paper was lost or
// seen; the cases get a new key the same way as for a passphrase change.
func (u *appUI) showNewRecoveryKey() {
	l, ok := u.deps.Service.Locker()
	if !ok || !l.Encrypted() {
		return
	}
	f := u.newPassForm(true, false)
	intro := wrapped(lang.L("The old recovery key stops working, in the backups too. The passphrase stays the same."))
	var recovery string
	f.show(lang.L("New recovery key"), lang.L("Make a new recovery key"), intro, func(typed passTexts) error {
		var err error
		recovery, err = l.NewRecoveryKey(u.ctx, typed.old)
		return err
	}, func() {
		u.afterSecurityChange()
		u.showRecoveryKey(recovery)
	})
}

func (u *appUI) showRemovePassphrase() {
	l, ok := u.deps.Service.Locker()
	if !ok || !l.Encrypted() {
		return
	}
	f := u.newPassForm(true, false)
	intro := &widget.Label{Text: lang.L("Without a passphrase, anyone who can use this computer can open and read every case. The cases are decrypted on disk; this can take a few seconds."),
		Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	f.show(lang.L("Remove the passphrase?"), lang.L("Remove passphrase"), intro, func(typed passTexts) error {
		return l.DisableEncryption(u.ctx, typed.old)
	}, func() {
		u.afterSecurityChange()
		u.notify(lang.L("The passphrase was removed. Anyone with this computer can now read the cases."))
	})
}

func (u *appUI) afterSecurityChange() {
	u.armLock()
	if u.settings != nil && u.settings.security != nil {
		u.settings.security.refresh()
	}
}

// showRecoveryKey shows the recovery key once. It cannot be dismissed
// until the user says it is stored: there is no other way back into the
// cases when the passphrase is forgotten.
func (u *appUI) showRecoveryKey(key string) {
	keyLabel := &widget.Label{Text: key, Selectable: true, Wrapping: fyne.TextWrapBreak, TextStyle: fyne.TextStyle{Monospace: true, Bold: true}}
	copyBtn := &widget.Button{Text: lang.L("Copy"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
		u.copySecret(key)
		u.notify(lang.L("Recovery key copied. It leaves the clipboard in a minute, or when the app locks."))
	}}
	saveBtn := &widget.Button{Text: lang.L("Save as a file to print…"), Icon: theme.DocumentSaveIcon(), OnTapped: func() { u.saveRecoveryKey(key) }}
	var d dialog.Dialog
	done := &widget.Button{Text: lang.L("Close"), Importance: widget.HighImportance, OnTapped: func() { d.Hide() }}
	done.Disable()
	ack := &widget.Check{Text: lang.L("I have stored the recovery key away from this computer"), OnChanged: func(on bool) {
		if on {
			done.Enable()
		} else {
			done.Disable()
		}
	}}
	box := container.NewVBox(
		wrapped(lang.L("If the passphrase is forgotten, this recovery key is the only way to open the cases. It is shown only now.")),
		keyLabel,
		container.NewHBox(copyBtn, saveBtn),
		&widget.Label{Text: lang.L("Keep it apart from this laptop: print it or write it down and keep it somewhere else. Do not leave a copy on this computer: whoever has the laptop and the key can read every case."),
			Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance},
		ack, container.NewHBox(done),
	)
	d = dialog.NewCustomWithoutButtons(lang.L("Your recovery key"), box, u.win)
	d.Show()
	fitDialog(d, 540)
}

// saveRecoveryKey writes the key to a small text file the user chooses,
// for printing or a USB stick.
func (u *appUI) saveRecoveryKey(key string) {
	u.fileSave("leakdesk-recovery-key.txt", []string{".txt"}, func(path string) { u.writeRecoveryKey(path, key) })
}

// writeRecoveryKey writes the key file, readable by its owner only.
func (u *appUI) writeRecoveryKey(path, key string) {
	w, err := privateFile(path)
	if err != nil {
		u.showError(incident.Errorf(incident.CodeInternal, "无法保存文件。", "Cannot save the file.", err))
		return
	}
	text := fmt.Sprintf("leakdesk 恢复密钥 / recovery key\n\n%s\n\n%s\n%s\n%s\n", key, u.formatDateTime(u.deps.Service.Now()),
		"忘记口令时，用它打开案件。请与电脑分开保管；打印后删除电脑上的这个文件。",
		"Opens the cases if the passphrase is forgotten. Keep it apart from the computer; delete this file from the computer once printed.")
	_, werr := w.Write([]byte(text))
	if cerr := w.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		u.showError(incident.Errorf(incident.CodeInternal, "无法保存文件。", "Cannot save the file.", werr))
		return
	}
	u.notify(lang.L("Saved to {{.Path}}. Print it or move it off this computer, then delete this copy.", map[string]any{"Path": path}))
}

// offerPassphrase asks once, at the first start with a store that can be
// encrypted, whether to set a passphrase; "not now" is a real choice and
// the app says what it means.
func (u *appUI) offerPassphrase() {
	if !u.deps.OfferPassphrase || u.deps.Service == nil {
		return
	}
	l, ok := u.deps.Service.Locker()
	if !ok || l.Encrypted() {
		return
	}
	if v, err := u.deps.Service.Setting(u.ctx, settingOffered, ""); err != nil || v != "" {
		return
	}
	if err := u.deps.Service.SetSetting(u.ctx, settingOffered, "1"); err != nil {
		logError("remembering the passphrase offer", err)
	}
	var d dialog.Dialog
	set := &widget.Button{Text: lang.L("Set a passphrase…"), Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		u.showSetPassphrase()
	}}
	skip := &widget.Button{Text: lang.L("Not now"), OnTapped: func() {
		d.Hide()
		u.notify(lang.L("No passphrase: anyone who can use this computer can open and read every case. You can set one later in Settings → Security."))
	}}
	box := container.NewVBox(
		wrapped(lang.L("The cases hold ID numbers, bank details and other personal information. With a passphrase they are encrypted on this computer and locked when nobody uses leakdesk.")),
		&widget.Label{Text: lang.L("Without one, anyone who can use this computer can open and read every case."), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance},
		container.NewHBox(skip, set))
	d = dialog.NewCustomWithoutButtons(lang.L("Protect the cases with a passphrase?"), box, u.win)
	d.Show()
	fitDialog(d, 500)
}

// fitDialog gives a dialog a readable width and then the height its
// content needs at that width: wrapped text is taller when measured
// narrow, so the height is taken again after the first layout.
func fitDialog(d dialog.Dialog, width float32) {
	d.Resize(fyne.NewSize(width, d.MinSize().Height))
	d.Resize(fyne.NewSize(width, d.MinSize().Height))
}
