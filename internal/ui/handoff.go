package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/handoff"
)

// bundleExt is the hand-off file's extension.
const bundleExt = ".leakcase"

func isBundlePath(path string) bool { return strings.EqualFold(filepath.Ext(path), bundleExt) }

// receivingKey is Settings → My receiving key: this install's age public
// key, which colleagues encrypt hand-off files to.
type receivingKey struct {
	u *appUI
	// state
	public string

	// widgets
	root    *fyne.Container
	key     *widget.Label
	copyBtn *widget.Button
}

func newReceivingKey(u *appUI) *receivingKey {
	r := &receivingKey{u: u}
	r.key = &widget.Label{Selectable: true, Wrapping: fyne.TextWrapBreak, TextStyle: fyne.TextStyle{Monospace: true}}
	r.copyBtn = &widget.Button{Text: lang.L("Copy"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
		u.app.Clipboard().SetContent(r.public)
		u.notify(lang.L("Receiving key copied."))
	}}
	r.copyBtn.Disable()
	r.root = container.NewVBox(
		&widget.Label{Text: lang.L("Give this key to colleagues who hand cases over to you. It is not secret: only this leakdesk can open a case file encrypted to it."),
			Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance},
		container.NewBorder(nil, nil, nil, r.copyBtn, r.key))
	return r
}

// refresh reads the key, making it on first use (off the UI goroutine:
// it writes to the store).
func (r *receivingKey) refresh() {
	var public string
	svc, ctx := r.u.deps.Service, r.u.ctx
	r.u.load(func() error {
		var err error
		_, public, err = handoff.InstallIdentity(ctx, svc)
		return err
	}, func(err error) {
		if err != nil {
			logError("receiving key", err)
			return
		}
		r.public = strings.TrimSpace(public)
		r.key.SetText(r.public)
		r.copyBtn.Enable()
	})
}

// handOverButton is the workspace header's way to the hand-off dialog.
func (w *workspace) handOverButton() *widget.Button {
	return &widget.Button{Text: lang.L("Hand over to a colleague…"), Icon: theme.MailSendIcon(), OnTapped: func() {
		w.flushEdits()
		w.u.showHandOver(w.caseID, w.cf.Case.CaseNumber())
	}}
}

// handOverForm is the hand-off dialog: to a colleague's receiving key or
// to a passphrase, then where to save.
type handOverForm struct {
	u      *appUI
	caseID int64
	// widgets
	mode  *widget.RadioGroup
	key   *imeEntry
	pass  *passForm
	msg   *widget.Label
	busy  *widget.Activity
	save  *widget.Button
	close *widget.Button
	dlg   dialog.Dialog
}

func (u *appUI) showHandOver(caseID int64, number string) *handOverForm {
	f := &handOverForm{u: u, caseID: caseID}
	f.key = newEntry()
	f.key.SetPlaceHolder("age1…")
	f.pass = u.newPassForm(false, true)
	f.pass.pass.SetPlaceHolder(lang.L("Passphrase for this file"))
	f.pass.confirm.SetPlaceHolder(lang.L("The passphrase again"))
	keyBox := container.NewVBox(&widget.Label{Text: lang.L("The colleague's receiving key (Settings → My receiving key in their leakdesk)"), Wrapping: fyne.TextWrapWord}, f.key)
	passBox := container.NewVBox(&widget.Label{Text: lang.L("Tell the colleague the passphrase another way than the file: in person or by phone, never with the file."), Wrapping: fyne.TextWrapWord},
		f.pass.pass, f.pass.strength, f.pass.hint, f.pass.confirm)
	passBox.Hide()
	toKey, toPass := lang.L("To a colleague's receiving key"), lang.L("With a passphrase")
	f.mode = &widget.RadioGroup{Options: []string{toKey, toPass}, Required: true, Selected: toKey, OnChanged: func(v string) {
		if v == toPass {
			keyBox.Hide()
			passBox.Show()
		} else {
			passBox.Hide()
			keyBox.Show()
		}
		fitDialog(f.dlg, 520)
	}}
	f.msg = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	f.msg.Hide()
	f.busy = widget.NewActivity()
	f.busy.Hide()
	name := "case-" + strings.ReplaceAll(number, "/", "-") + bundleExt
	f.save = &widget.Button{Text: lang.L("Choose where to save…"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() { f.onChoose(name) }}
	f.close = &widget.Button{Text: lang.L("Cancel"), OnTapped: func() { f.dlg.Hide() }}
	box := container.NewVBox(
		wrapped(lang.L("One encrypted file with the case and all its evidence, for a colleague's leakdesk. Only the colleague's key or the passphrase opens it.")),
		f.mode, keyBox, passBox, f.msg, container.NewHBox(f.busy, f.close, f.save))
	f.dlg = dialog.NewCustomWithoutButtons(lang.L("Hand over to a colleague"), box, u.win)
	f.dlg.Show()
	fitDialog(f.dlg, 520)
	return f
}

// recipient checks the form and makes the recipient.
func (f *handOverForm) recipient() (handoff.Recipient, bool) {
	f.msg.Hide()
	var r handoff.Recipient
	var err error
	if f.mode.Selected == f.mode.Options[0] {
		r, err = handoff.ToKey(f.key.Text)
	} else {
		f.pass.msg = f.msg
		if !f.pass.check() {
			return r, false
		}
		r, err = handoff.ToPassphrase(f.pass.pass.Text)
	}
	if err != nil {
		f.msg.SetText(incident.UserMessage(err, f.u.code))
		f.msg.Show()
		return r, false
	}
	return r, true
}

func (f *handOverForm) onChoose(name string) {
	if _, ok := f.recipient(); !ok {
		return
	}
	// The export writes a temporary file and renames it over this one.
	f.u.fileSave(name, nil, f.export)
}

// export writes the bundle to path off the UI goroutine, behind an
// activity indicator, then says where it went.
func (f *handOverForm) export(path string) {
	r, ok := f.recipient()
	if !ok {
		return
	}
	toKey := f.mode.Selected == f.mode.Options[0]
	f.save.Disable()
	f.close.Disable()
	f.busy.Show()
	f.busy.Start()
	u, caseID := f.u, f.caseID
	// The case's context: closing the case or locking stops the export
	// (ExportFile writes atomically, so no partial file is left).
	svc, ctx := u.deps.Service, u.caseCtx
	u.load(func() error { return writeBundle(ctx, svc, caseID, path, r) }, func(err error) {
		f.busy.Stop()
		f.busy.Hide()
		f.save.Enable()
		f.close.Enable()
		if err != nil {
			logError("hand-off export", err)
			f.msg.SetText(incident.UserMessage(err, u.code))
			f.msg.Show()
			return
		}
		f.dlg.Hide()
		if u.ws != nil && u.ws.caseID == caseID && !u.ws.closed {
			u.ws.reload(nil)
		}
		msg := lang.L("Saved to {{.Path}}. Only the colleague's leakdesk can open it.", map[string]any{"Path": path})
		if !toKey {
			msg = lang.L("Saved to {{.Path}}. Tell the colleague the passphrase another way than the file.", map[string]any{"Path": path})
		}
		u.showMessage(lang.L("Case handed over"), msg, theme.InfoIcon())
	})
}

// writeBundle is the hand-over workflow (handoff.ExportFile, as `leakdesk
// bundle export` runs it); on failure it also removes the empty file the
// save dialog created under the chosen name.
func writeBundle(ctx context.Context, svc *incident.Service, caseID int64, path string, r handoff.Recipient) error {
	err := handoff.ExportFile(ctx, svc, caseID, path, r)
	if err != nil {
		if fi, serr := os.Stat(path); serr == nil && fi.Size() == 0 {
			os.Remove(path)
		}
	}
	return err
}

// importBundle reads a .leakcase file into the store as a new case, with
// this install's key or, for a passphrase file, the passphrase it asks
// for; then opens the case.
func (u *appUI) importBundle(path string) {
	withPass, err := handoff.NeedsPassphrase(path)
	if err != nil {
		u.showError(err)
		return
	}
	if !withPass {
		u.runBundleImport(path, nil, nil)
		return
	}
	pass := newEntry()
	pass.Password = true
	pass.SetPlaceHolder(lang.L("Passphrase for this file"))
	msg := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	msg.Hide()
	busy := widget.NewActivity()
	busy.Hide()
	var d dialog.Dialog
	var open *widget.Button
	cancel := &widget.Button{Text: lang.L("Cancel"), OnTapped: func() { d.Hide() }}
	onOpen := func() {
		p := pass.Text
		msg.Hide()
		open.Disable()
		busy.Show()
		busy.Start()
		u.runBundleImport(path, &p, func(err error) bool {
			busy.Stop()
			busy.Hide()
			open.Enable()
			if err != nil {
				pass.SetText("")
				msg.SetText(incident.UserMessage(err, u.code))
				msg.Show()
				return true
			}
			d.Hide()
			return false
		})
	}
	open = &widget.Button{Text: lang.L("Open the case file"), Importance: widget.HighImportance, OnTapped: onOpen}
	box := container.NewVBox(wrapped(lang.L("This case file is protected with a passphrase. The colleague who sent it can tell you the passphrase.")),
		pass, msg, container.NewHBox(busy, cancel, open))
	d = dialog.NewCustomWithoutButtons(lang.L("Open a case file"), box, u.win)
	d.Show()
	fitDialog(d, 480)
	u.win.Canvas().Focus(pass)
}

// runBundleImport checks and imports the file off the UI goroutine
// (handoff.ImportFile, as `leakdesk bundle import` runs it): with this
// install's key, or with passphrase when given. handled, when set, sees the
// outcome first and returns true when it has shown the error itself.
func (u *appUI) runBundleImport(path string, passphrase *string, handled func(error) bool) {
	var id int64
	// Locking stops the import (sessionCtx); nothing is then shown over
	// the unlock screen.
	svc, ctx := u.deps.Service, u.session()
	u.load(func() error {
		var err error
		id, err = handoff.ImportFile(ctx, svc, path, passphrase)
		return err
	}, func(err error) {
		if ctx.Err() != nil {
			logError("hand-off import stopped by the lock", err)
			return
		}
		if handled != nil && handled(err) {
			logError("hand-off import", err)
			return
		}
		if err != nil {
			u.showError(err)
			return
		}
		u.refreshCases()
		u.openCase(id)
		u.notify(lang.L("Case imported."))
		u.noteImportedMatter(id)
	})
}
