package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
)

// wsRefusal is the Details tab's part on 刑法第二百八十六条之一 (issue 18): what
// the crime needs in plain words, which of its elements the case records
// (incident.Refusal, the one owner, also read by the police packet and the
// CLI), and the form where the victim records the correction order and the
// provider's refusal. It saves on "Save", not per keystroke: the order is
// checked as a whole (dates in order, not in the future).
type wsRefusal struct {
	w    *workspace
	root *fyne.Container

	elements  *fyne.Container
	authority *imeEntry
	reference *imeEntry
	issued    *dateField // the one date format (issue 15 item 9)
	since     *dateField
	continued *imeEntry
	// online asks whether a public service (a bank, hospital, school or
	// government office) served the victim through the network, which
	// 法释〔2019〕15号 Art. 1 item (3) needs; shown only for those kinds.
	online   *widget.Check
	exhibit  *widget.Select
	exhibits []int64 // exhibit ID of each option after the first ("none")
	save     *widget.Button
	remove   *widget.Button

	onlineItem *widget.FormItem
	status     *widget.Label
}

func newWsRefusal(w *workspace) *wsRefusal {
	r := &wsRefusal{w: w}
	code := w.u.lang()
	r.elements = container.NewVBox()
	r.authority = newEntry()
	r.authority.SetPlaceHolder(lang.L("as written on the order, e.g. the city public security bureau's cyber-security unit"))
	r.reference = newEntry()
	r.reference.SetPlaceHolder(lang.L("the order's document number, if it has one"))
	r.issued = newDateField(w.u, nil)
	r.since = newDateField(w.u, nil)
	r.continued = newMultiLineEntry()
	r.continued.SetMinRowsVisible(2)
	r.continued.SetPlaceHolder(lang.L("what went on after the order, e.g. the data could still be looked up"))
	r.exhibit = &widget.Select{}
	r.online = widget.NewCheck(lang.L("It served me online (online banking, an app, online registration or online government services)"), nil)
	r.onlineItem = widget.NewFormItem("", r.online)
	r.save = &widget.Button{Text: lang.L("Save the order"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: r.onSave}
	r.remove = &widget.Button{Text: lang.L("Remove"), Icon: theme.DeleteIcon(), OnTapped: r.onRemove}
	r.status = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Issued by"), r.authority),
		widget.NewFormItem(lang.L("Document number"), r.reference),
		widget.NewFormItem(lang.L("Date of the order"), r.issued),
		widget.NewFormItem(lang.L("Not corrected since"), r.since),
		widget.NewFormItem(lang.L("What continued"), r.continued),
		widget.NewFormItem(lang.L("The order in the evidence"), r.exhibit),
		r.onlineItem,
	)
	r.root = container.NewVBox(
		heading(facts.Expand(code, lang.L("When the provider ignores an order to correct ({crl.art286-1})"))),
		wrapped(facts.Expand(code, lang.L("A leak alone is not this crime. It applies when a network service provider was ordered in writing by the {org.286-authorities} to correct what it did wrong, refused, and user information leaked with serious consequences. Record the order and the refusal here; only then does the police packet name this crime, with what you record. Put the order itself into the evidence."))),
		r.elements, form, container.NewHBox(r.save, r.remove), r.status,
	)
	r.load()
	return r
}

// refresh follows changes made elsewhere (the source kind, the leaked
// counts, new exhibits) without touching what is typed in the form.
func (r *wsRefusal) refresh() {
	sel := r.exhibit.SelectedIndex()
	var keep int64
	if sel > 0 && sel-1 < len(r.exhibits) {
		keep = r.exhibits[sel-1]
	}
	r.fillExhibits(keep)
	r.refreshElements()
}

// fillExhibits lists the case's exhibits, selecting id.
func (r *wsRefusal) fillExhibits(id int64) {
	opts := []string{lang.L("(none)")}
	r.exhibits = nil
	sel := opts[0]
	for _, e := range r.w.cf.Exhibits {
		l := fmt.Sprintf("%d. %s", e.Number, e.Title)
		opts = append(opts, l)
		r.exhibits = append(r.exhibits, e.ID)
		if id != 0 && id == e.ID {
			sel = l
		}
	}
	r.exhibit.Options = opts
	r.exhibit.Selected = sel
	r.exhibit.Refresh()
}

// load fills the form from the case and redraws the elements.
func (r *wsRefusal) load() {
	o := r.w.cf.Case.CorrectionOrder
	r.authority.SetText("")
	r.reference.SetText("")
	r.continued.SetText("")
	r.issued.SetDate(nil)
	r.since.SetDate(nil)
	r.online.SetChecked(o != nil && o.Online)
	if o != nil {
		r.authority.SetText(o.Authority)
		r.reference.SetText(o.Reference)
		r.continued.SetText(o.Continued)
		if !o.IssuedOn.IsZero() {
			t := o.IssuedOn
			r.issued.SetDate(&t)
		}
		if !o.IgnoredSince.IsZero() {
			t := o.IgnoredSince
			r.since.SetDate(&t)
		}
	}
	var id int64
	if o != nil {
		id = o.ExhibitID
	}
	r.fillExhibits(id)
	r.refreshElements()
}

// refreshElements lists each element with whether it is recorded and,
// if not, what to do.
func (r *wsRefusal) refreshElements() {
	code := r.w.u.lang()
	ref := incident.RefusalOf(r.w.cf)
	r.elements.Objects = nil
	for _, e := range ref.Elements() {
		text, icon, imp := e.ZH, theme.ConfirmIcon(), widget.SuccessImportance
		if code == "en" {
			text = e.EN
		}
		if !e.Have {
			icon, imp = theme.CancelIcon(), widget.MediumImportance
			if code == "en" {
				text += " " + e.MissingEN
			} else {
				text += e.MissingZH
			}
		}
		r.elements.Add(container.NewBorder(nil, nil, widget.NewIcon(icon), nil, &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: imp}))
	}
	if ref.Printable() {
		r.status.SetText(lang.L("The police packet names this crime and states the order, the refusal and the known consequences."))
	} else {
		r.status.SetText(lang.L("Until the order and the refusal are recorded, the police packet does not name this crime."))
	}
	if incident.OrderPossible(r.w.cf.Case.SourceKind) {
		r.save.Enable()
	} else {
		r.save.Disable()
	}
	if ref.PublicService {
		r.online.Show()
	} else {
		r.online.Hide()
	}
	if r.w.cf.Case.CorrectionOrder != nil {
		r.remove.Enable()
	} else {
		r.remove.Disable()
	}
	r.elements.Refresh()
}

// civil turns a date entry's value into a civil date as the store keeps it.
func civil(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func (r *wsRefusal) order() *incident.CorrectionOrder {
	o := &incident.CorrectionOrder{Authority: strings.TrimSpace(r.authority.Text), Reference: strings.TrimSpace(r.reference.Text),
		IssuedOn: civil(r.issued.Date()), IgnoredSince: civil(r.since.Date()), Continued: strings.TrimSpace(r.continued.Text),
		Online: r.online.Visible() && r.online.Checked}
	if i := r.exhibit.SelectedIndex(); i > 0 {
		o.ExhibitID = r.exhibits[i-1]
	}
	return o
}

func (r *wsRefusal) onSave() {
	if err := r.w.svc().SetCorrectionOrder(r.w.u.ctx, r.w.caseID, r.order()); err != nil {
		r.w.u.showError(err)
		return
	}
	r.w.reload(nil)
	r.load()
	r.w.u.notify(lang.L("Correction order saved."))
}

func (r *wsRefusal) onRemove() {
	if err := r.w.svc().SetCorrectionOrder(r.w.u.ctx, r.w.caseID, nil); err != nil {
		r.w.u.showError(err)
		return
	}
	r.w.reload(nil)
	r.load()
}
