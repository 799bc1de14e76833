package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// confirmDelete asks before a deletion. Its buttons say what happens — the
// verb on the red button, 取消 on the other — never Fyne's 是/不, which
// make the reader reread the question (issue 15 item 12). Esc and the
// window's Cancel key dismiss it like 取消.
func (u *appUI) confirmDelete(title, msg, action string, do func()) *dialog.ConfirmDialog {
	d := dialog.NewConfirm(title, msg, func(ok bool) {
		if ok {
			do()
		}
	}, u.win)
	d.SetConfirmText(action)
	d.SetDismissText(lang.L("Cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
	u.escapable(d)
	return d
}

// showMessage is the app's one error and information dialog. Fyne's own
// draws a large icon behind the text's top right, over the message when it
// is long or the dialog narrow (issue 15 item 10); here the icon sits
// beside the text, which wraps at a readable width.
func (u *appUI) showMessage(title, msg string, icon fyne.Resource) dialog.Dialog {
	text := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	body := container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil,
		container.New(fixedWidth(420), text))
	d := dialog.NewCustom(title, lang.L("Got it"), body, u.win)
	d.Show()
	u.escapable(d)
	return d
}

// escapable lets Esc close d, as 取消 or 关闭 would (issue 15 item 7).
// Fyne hands Esc to the window only while nothing has the keyboard focus,
// so the focus leaves whatever it was on behind the dialog; a button of
// the dialog that the user tabs to keeps Space and Enter.
func (u *appUI) escapable(d dialog.Dialog) {
	u.win.Canvas().Unfocus()
	if len(u.dialogs) >= 8 { // closed ones linger until Esc; keep a few
		u.dialogs = u.dialogs[1:]
	}
	u.dialogs = append(u.dialogs, d)
}

// escape closes the newest dialog still on screen; it reports whether
// there was one.
func (u *appUI) escape() bool {
	for len(u.dialogs) > 0 {
		d := u.dialogs[len(u.dialogs)-1]
		u.dialogs = u.dialogs[:len(u.dialogs)-1]
		if u.win.Canvas().Overlays().Top() != nil {
			d.Dismiss() // a dialog already closed ignores this
			return true
		}
	}
	return false
}

// fixedWidth lays its objects out at that width and as tall as they need
// there: a wrapping label inside gets a width to wrap at.
type fixedWidth float32

func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(float32(w), o.Size().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(w), h)
}

func (w fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
