package ui

import (
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
	return d
}
