package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// wsExpenses is the Details tab's time and expense log (issue 12): the
// entries with their totals per category, and a form to add one. The
// rules (categories, amounts, the receipt) are the service's (AddExpense);
// the police packet states the totals once there are entries.
type wsExpenses struct {
	w    *workspace
	root *fyne.Container

	list     *fyne.Container
	totals   *widget.Label
	category *widget.Select
	date     *dateField
	amount   *imeEntry
	hours    *imeEntry
	note     *imeEntry
	receipt  proofPicker
	add      *widget.Button
}

func newWsExpenses(w *workspace) *wsExpenses {
	e := &wsExpenses{w: w}
	code := w.u.lang()
	var cats []string
	for _, c := range incident.ExpenseCategories() {
		cats = append(cats, incident.ExpenseLabel(c.Key, code))
	}
	e.category = &widget.Select{Options: cats, Selected: cats[1]}
	e.date = newDateField(w.u, nil)
	e.amount = newEntry()
	e.amount.SetPlaceHolder(lang.L("yuan, e.g. 12.50"))
	e.hours = newEntry()
	e.hours.SetPlaceHolder(lang.L("for time spent, e.g. 1.5"))
	e.note = newEntry()
	e.note.SetPlaceHolder(lang.L("what it was for, e.g. registered post of the deletion demand"))
	e.receipt = proofPicker{Select: &widget.Select{}}
	e.add = &widget.Button{Text: lang.L("Add to the log"), Icon: theme.ContentAddIcon(), OnTapped: e.onAdd}
	e.list = container.NewVBox()
	e.totals = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Kind of cost"), e.category),
		widget.NewFormItem(lang.L("Date"), e.date),
		widget.NewFormItem(lang.L("Amount"), e.amount),
		widget.NewFormItem(lang.L("Hours"), e.hours),
		widget.NewFormItem(lang.L("Note"), e.note),
		widget.NewFormItem(lang.L("Receipt in the evidence"), e.receipt.Select),
	)
	e.root = container.NewVBox(
		heading(lang.L("Time and expenses")),
		wrapped(lang.L("What dealing with the leak has cost you: hours, transport, postage, phone, printing, notary or timestamp fees, lost income. The police packet states the totals once there are entries; a civil claim can use them.")),
		e.list, e.totals, form, container.NewHBox(e.add),
	)
	e.refresh()
	return e
}

// refresh redraws the entries and the receipt choices from the case.
func (e *wsExpenses) refresh() {
	code := e.w.u.lang()
	e.receipt.fill(e.w.cf)
	num := map[int64]int{}
	for _, x := range e.w.cf.Exhibits {
		num[x.ID] = x.Number
	}

	list := incident.ExpensesOf(e.w.cf.Events)
	e.list.Objects = nil
	for _, x := range list {
		text := e.w.u.formatDay(x.On) + " · " + incident.ExpenseLabel(x.Category, code)
		if x.AmountFen != 0 {
			text += " · " + lang.L("{{.Yuan}} yuan", map[string]any{"Yuan": x.Yuan()})
		}
		if x.Hours != 0 {
			text += " · " + lang.L("{{.Hours}} hours", map[string]any{"Hours": strconv.FormatFloat(x.Hours, 'f', -1, 64)})
		}
		if n := num[x.ExhibitID]; n != 0 {
			text += " · " + lang.L("evidence {{.N}}", map[string]any{"N": n})
		}
		if x.Note != "" {
			text += " · " + x.Note
		}
		entry := x.Entry
		rm := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { e.onRemove(entry) }}
		e.list.Add(container.NewBorder(nil, nil, nil, rm, &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}))
	}
	var parts []string
	var sum int64
	for _, t := range incident.ExpenseTotals(list) {
		p := incident.ExpenseLabel(t.Category, code)
		if t.AmountFen != 0 {
			p += " " + lang.L("{{.Yuan}} yuan", map[string]any{"Yuan": incident.FenText(t.AmountFen)})
			sum += t.AmountFen
		}
		if t.Hours != 0 {
			p += " " + lang.L("{{.Hours}} hours", map[string]any{"Hours": strconv.FormatFloat(t.Hours, 'f', -1, 64)})
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		e.totals.SetText(lang.L("Nothing logged yet."))
	} else {
		e.totals.SetText(lang.L("Totals: {{.Parts}}; all costs {{.Yuan}} yuan", map[string]any{"Parts": strings.Join(parts, "; "), "Yuan": incident.FenText(sum)}))
	}
	e.list.Refresh()
}

// onAdd hands the form to the service; on a refusal the form keeps what
// was typed.
func (e *wsExpenses) onAdd() {
	u := e.w.u
	x := incident.Expense{Category: incident.ExpenseCategories()[max(e.category.SelectedIndex(), 0)].Key,
		On: civil(e.date.Date()), Note: e.note.Text}
	if a := strings.TrimSpace(e.amount.Text); a != "" {
		fen, err := incident.ParseYuan(a)
		if err != nil {
			u.showError(err)
			return
		}
		x.AmountFen = fen
	}
	if h := strings.TrimSpace(e.hours.Text); h != "" {
		v, err := strconv.ParseFloat(h, 64)
		if err != nil {
			u.showError(incident.Errorf(incident.CodeInvalid, "小时数应为数字，例如 1.5。", "Hours must be a number such as 1.5.", err))
			return
		}
		x.Hours = v
	}
	x.ExhibitID = e.receipt.exhibitID()
	if _, err := e.w.svc().AddExpense(u.ctx, e.w.caseID, x); err != nil {
		u.showError(err)
		return
	}
	e.amount.SetText("")
	e.hours.SetText("")
	e.note.SetText("")
	e.w.reload(nil)
	e.refresh()
}

func (e *wsExpenses) onRemove(entry int64) {
	if err := e.w.svc().RemoveExpense(e.w.u.ctx, e.w.caseID, entry); err != nil {
		e.w.u.showError(err)
		return
	}
	e.w.reload(nil)
	e.refresh()
}
