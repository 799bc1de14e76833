// Typed records: a call, SMS, web page or note written down as an exhibit.

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

// recordKinds are the typed records, in the order the form offers them.
var recordKinds = []incident.ExhibitKind{incident.ExhibitCall, incident.ExhibitSMS, incident.ExhibitWeb, incident.ExhibitNote}

func recordKindLabel(k incident.ExhibitKind) string {
	switch k {
	case incident.ExhibitCall:
		return lang.L("Phone call")
	case incident.ExhibitSMS:
		return lang.L("SMS / message")
	case incident.ExhibitWeb:
		return lang.L("Web page")
	}
	return lang.L("Conversation note")
}

// onAddRecord writes down a call, SMS, web page or conversation as an
// exhibit; the form stays open when something is missing.
func (e *wsEvidence) onAddRecord() {
	e.w.flushEdits()
	var kinds []string
	for _, k := range recordKinds {
		kinds = append(kinds, recordKindLabel(k))
	}
	kind := &widget.Select{Options: kinds, Selected: kinds[0]}
	at := newEntry()
	at.SetText(e.w.u.formatDateTime(e.w.svc().Now()))
	number, url, title, source, proves := newEntry(), newEntry(), newEntry(), newEntry(), newMultiLineEntry()
	number.SetPlaceHolder(lang.L("the caller's or sender's number"))
	url.SetPlaceHolder("https://")
	text := newMultiLineEntry()
	text.SetMinRowsVisible(5)
	text.SetPlaceHolder(lang.L("word for word, as far as you can: what the message said or the caller told you"))
	title.SetPlaceHolder(lang.L("optional: a short name for the list"))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Kind"), kind),
		widget.NewFormItem(lang.L("When"), at),
		widget.NewFormItem(lang.L("Number"), number),
		widget.NewFormItem(lang.L("Web address"), url),
		widget.NewFormItem(lang.L("Content"), text),
		widget.NewFormItem(lang.L("Title"), title),
		widget.NewFormItem(lang.L("Source"), source),
		widget.NewFormItem(lang.L("What it proves"), proves),
	)
	var d *dialog.CustomDialog
	add := func() {
		t, err := e.w.u.parseDateTime(at.Text)
		if !e.w.u.checkTime(err) {
			return
		}
		x := incident.Exhibit{CaseID: e.w.caseID, Kind: recordKinds[max(0, kind.SelectedIndex())], CapturedAt: t.UTC(),
			RecordNumber: strings.TrimSpace(number.Text), RecordURL: strings.TrimSpace(url.Text), RecordText: text.Text,
			Title: strings.TrimSpace(title.Text), Source: strings.TrimSpace(source.Text), Proves: proves.Text}
		got, err := e.w.svc().AddRecord(e.w.u.ctx, x)
		if err != nil {
			e.w.u.showError(err)
			return
		}
		d.Hide()
		e.selected = got.ID
		e.w.reload(nil)
		e.selectInList()
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Write down a record"), container.NewVScroll(form), e.w.u.win)
	d.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: d.Hide},
		&widget.Button{Text: lang.L("Add as evidence"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: add},
	})
	d.Resize(fyne.NewSize(640, 600))
	d.Show()
	e.w.u.win.Canvas().Focus(text)
}
