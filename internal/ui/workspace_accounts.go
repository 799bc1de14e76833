package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// wsAccounts is the inventory of affected accounts, one row each with what
// has been done to secure it.
type wsAccounts struct {
	w *workspace
	// widgets
	root *fyne.Container
	rows *fyne.Container
	// checks[i] are the four boxes of account i, for tests
	checks [][4]*widget.Check
}

func newWsAccounts(w *workspace) *wsAccounts {
	a := &wsAccounts{w: w}
	a.rows = container.NewVBox()
	add := &widget.Button{Text: lang.L("Add an account"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance,
		OnTapped: func() { a.edit(incident.Account{CaseID: w.caseID}) }}
	intro := wrapped(lang.L("List every account that used the leaked details: shopping, payment, bank, mail, social apps. Tick each box once it is done."))
	a.root = container.NewBorder(container.NewVBox(intro, container.NewHBox(add)), nil, nil, nil, container.NewVScroll(a.rows))
	return a
}

func (a *wsAccounts) refresh() {
	a.rows.Objects = nil
	a.checks = nil
	for _, acc := range a.w.cf.Accounts {
		a.rows.Add(a.row(acc))
		a.rows.Add(widget.NewSeparator())
	}
	if len(a.w.cf.Accounts) == 0 {
		a.rows.Add(&widget.Label{Text: lang.L("No accounts listed yet."), Importance: widget.LowImportance})
	}
	a.rows.Refresh()
}

func (a *wsAccounts) row(acc incident.Account) fyne.CanvasObject {
	id := acc.ID
	name := &widget.Label{Text: acc.Service, TextStyle: fyne.TextStyle{Bold: true}}
	var sub []string
	if acc.Login != "" {
		sub = append(sub, acc.Login)
	}
	if acc.Exposed != "" {
		sub = append(sub, lang.L("exposed: {{.What}}", map[string]any{"What": acc.Exposed}))
	}
	detail := &widget.Label{Text: strings.Join(sub, " · "), Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	check := func(label string, on bool, set func(*incident.Account, bool)) *widget.Check {
		c := &widget.Check{Text: label, Checked: on}
		c.OnChanged = func(v bool) { a.save(id, func(x *incident.Account) { set(x, v) }) }
		return c
	}
	boxes := [4]*widget.Check{
		check(lang.L("Password changed"), acc.PasswordChanged, func(x *incident.Account, v bool) { x.PasswordChanged = v }),
		check(lang.L("Two-step login on"), acc.TwoFactor, func(x *incident.Account, v bool) { x.TwoFactor = v }),
		check(lang.L("Other devices logged out"), acc.SessionsRevoked, func(x *incident.Account, v bool) { x.SessionsRevoked = v }),
		check(lang.L("Deletion requested"), acc.DeletionRequested, func(x *incident.Account, v bool) { x.DeletionRequested = v }),
	}
	a.checks = append(a.checks, boxes)
	edit := &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { a.edit(acc) }}
	del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { a.onDelete(acc) }}
	top := container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), container.NewVBox(name, detail))
	return container.NewVBox(top, container.NewGridWithColumns(4, boxes[0], boxes[1], boxes[2], boxes[3]))
}

func (a *wsAccounts) account(id int64) (incident.Account, bool) {
	for _, x := range a.w.cf.Accounts {
		if x.ID == id {
			return x, true
		}
	}
	return incident.Account{}, false
}

func (a *wsAccounts) save(id int64, change func(*incident.Account)) {
	acc, ok := a.account(id)
	if !ok {
		return
	}
	change(&acc)
	if err := a.w.svc().SaveAccount(a.w.u.ctx, &acc); err != nil {
		a.w.u.showError(err)
		a.w.reload(nil)
		return
	}
	a.w.reload(a)
}

// edit opens the account form; a new account has ID 0. The form stays open
// when the store refuses it, so nothing typed is lost.
func (a *wsAccounts) edit(acc incident.Account) {
	a.w.flushEdits()
	service, login, exposed, notes := newEntry(), newEntry(), newEntry(), newMultiLineEntry()
	service.SetText(acc.Service)
	service.SetPlaceHolder(lang.L("e.g. Taobao, Alipay, WeChat, bank app"))
	login.SetText(acc.Login)
	login.SetPlaceHolder(lang.L("phone number, e-mail or user name used to log in"))
	exposed.SetText(acc.Exposed)
	exposed.SetPlaceHolder(lang.L("what of this account leaked"))
	notes.SetText(acc.Notes)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Service or app"), service),
		widget.NewFormItem(lang.L("Login"), login),
		widget.NewFormItem(lang.L("What leaked"), exposed),
		widget.NewFormItem(lang.L("Notes"), notes),
	)
	title, confirm := lang.L("Edit account"), lang.L("Save")
	if acc.ID == 0 {
		title, confirm = lang.L("Add an account"), lang.L("Add")
	}
	var d *dialog.CustomDialog
	ok := func() {
		acc.Service, acc.Login, acc.Exposed, acc.Notes = strings.TrimSpace(service.Text), strings.TrimSpace(login.Text), strings.TrimSpace(exposed.Text), notes.Text
		if err := a.w.svc().SaveAccount(a.w.u.ctx, &acc); err != nil {
			a.w.u.showError(err)
			return
		}
		d.Hide()
		a.w.reload(nil)
	}
	d = dialog.NewCustomWithoutButtons(title, form, a.w.u.win)
	d.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: d.Hide},
		&widget.Button{Text: confirm, Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: ok},
	})
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	a.w.u.win.Canvas().Focus(service)
}

func (a *wsAccounts) onDelete(acc incident.Account) {
	a.w.u.confirmDelete(lang.L("Delete this account?"), lang.L("\"{{.Name}}\" will be removed from the list.", map[string]any{"Name": acc.Service}), lang.L("Delete account"), func() {
		a.w.deleteWithUndo(lang.L("Account deleted."),
			func() error { return a.w.svc().DeleteAccount(a.w.u.ctx, acc.ID) },
			func() error {
				again := acc
				again.ID = 0
				return a.w.svc().SaveAccount(a.w.u.ctx, &again)
			})
	})
}
