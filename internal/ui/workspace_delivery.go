package ui

import (
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// Proof of delivery on the plan (issue 12): how and when what a step sent
// reached its recipient, with the postal receipt or screenshot from the
// evidence. The workflow is the service's RecordDelivery; this only
// collects the answers, like the reply form beside it.

// deliveryForm is the open "record the delivery" dialog, kept for tests.
type deliveryForm struct {
	stepID   int64
	method   *widget.Select
	date     *dateField
	tracking *imeEntry
	evidence proofPicker
	save     *widget.Button
	dlg      *dialog.CustomDialog
}

// deliveryMethodLabels are the methods' labels in display order.
func deliveryMethodLabels(code string) []string {
	var out []string
	for _, m := range incident.DeliveryMethods() {
		out = append(out, incident.DeliveryLabel(m.Key, code))
	}
	return out
}

// deliveryLine is one delivery in the step's history.
func (p *wsPlan) deliveryLine(d incident.Delivery) string {
	u := p.w.u
	s := u.formatDay(d.On) + " · " + incident.DeliveryLabel(d.Method, u.lang())
	if d.Tracking != "" {
		s += " · " + lang.L("No. {{.Ref}}", map[string]any{"Ref": d.Tracking})
	}
	for _, e := range p.w.cf.Exhibits {
		if d.ExhibitID != 0 && e.ID == d.ExhibitID {
			s += " · " + lang.L("evidence {{.N}}", map[string]any{"N": e.Number})
		}
	}
	return s
}

// onRecordDelivery opens the form for how step id's letter was delivered.
func (p *wsPlan) onRecordDelivery(id int64) {
	p.w.flushEdits()
	u := p.w.u
	f := &deliveryForm{stepID: id}
	labels := deliveryMethodLabels(u.lang())
	f.method = &widget.Select{Options: labels}
	today := p.w.svc().Today()
	f.date = newDateField(u, &today)
	f.tracking = newEntry()
	f.tracking.SetPlaceHolder(lang.L("EMS tracking number, e-mail subject or ticket number"))
	f.evidence = newProofPicker(p.w.cf)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("How it was sent"), f.method),
		widget.NewFormItem(lang.L("Delivered on"), f.date),
		widget.NewFormItem(lang.L("Tracking or reference number"), f.tracking),
		widget.NewFormItem(lang.L("The proof in the evidence"), f.evidence.Select),
	)
	hint := wrapped(lang.L("The date is the day it arrived (the EMS delivery date), or the day you sent an e-mail or filled in an online form; the waiting period counts from it. Put the postal receipt or the screenshot into the evidence first, then choose it here."))
	f.save = &widget.Button{Text: lang.L("Record the delivery"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: func() { p.saveDelivery(f) }}
	f.dlg = u.showStepForm(lang.L("Record the delivery"), form, hint, f.save)
	p.delivery = f
}

// saveDelivery hands the form to the service; on a refusal the form stays
// open with what was typed.
func (p *wsPlan) saveDelivery(f *deliveryForm) {
	u := p.w.u
	d := incident.Delivery{}
	if i := f.method.SelectedIndex(); i >= 0 {
		d.Method = incident.DeliveryMethods()[i].Key
	}
	if d.Method == "" {
		u.showError(incident.Errorf(incident.CodeInvalid, "请选择送达方式。", "Choose how it was sent.", nil))
		return
	}
	d.On = civil(f.date.Date()) // empty: today, the service's default
	d.Tracking = strings.TrimSpace(f.tracking.Text)
	d.ExhibitID = f.evidence.exhibitID()
	if _, _, err := p.w.svc().RecordDelivery(u.ctx, f.stepID, d); err != nil {
		u.showError(err)
		return
	}
	f.dlg.Hide()
	p.delivery = nil
	p.w.reload(nil)
	u.notify(lang.L("Delivery recorded."))
}
