// Describing files just added: what each shows and when it was made, so a
// packet does not list them by file name and import time (issue 15, item 8).

package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// maxDescribe bounds the rows of the describe dialog; more files than
// that are described one by one in the evidence tab.
const maxDescribe = 10

// describeRow is one added file in the describe dialog.
type describeRow struct {
	x        incident.Exhibit
	title    *imeEntry
	proves   *imeEntry
	captured *imeEntry
	shown    string // the time as first shown, to tell a default kept from a time typed
}

// describeAdded asks, for the files just added, what each shows and when
// it was made. The time comes filled in with the photo's own record or the
// file's time and says so; left as it is, it stays marked as a default.
// Skipping keeps the files as they are.
func (e *wsEvidence) describeAdded(ids []int64) {
	if len(ids) == 0 || len(ids) > maxDescribe {
		return
	}
	var rows []*describeRow
	list := container.NewVBox()
	for _, id := range ids {
		x, ok := e.exhibitByID(id)
		if !ok {
			continue
		}
		r := &describeRow{x: x, title: newEntry(), proves: newEntry(), captured: newEntry()}
		r.title.SetText(x.Title)
		r.proves.SetPlaceHolder(lang.L("what it proves, e.g. the caller knew my order number"))
		r.shown = e.w.u.formatDateTime(x.CapturedAt)
		r.captured.SetText(r.shown)
		r.captured.Validator = func(s string) error {
			if _, err := e.w.u.parseDateTime(s); err != nil {
				return errors.New(incident.UserMessage(err, e.w.u.code))
			}
			return nil
		}
		when := lang.L("When it was made")
		if note := incident.CaptureSourceLabel(x.CapturedFrom, e.w.u.lang()); note != "" {
			when += note
		}
		form := widget.NewForm(
			widget.NewFormItem(lang.L("Title"), r.title),
			widget.NewFormItem(lang.L("What it proves"), r.proves),
			&widget.FormItem{Text: lang.L("Captured at"), Widget: r.captured, HintText: when},
		)
		list.Add(&widget.Label{Text: x.FileName, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis})
		list.Add(form)
		list.Add(widget.NewSeparator())
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return
	}
	intro := &widget.Label{Text: lang.L("Say what each file shows and when it was made. The packets print this beside each exhibit; a time you leave as it is printed with where it came from."), Wrapping: fyne.TextWrapWord}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(560, min(float32(len(rows))*190, 420)))
	var d *dialog.CustomDialog
	save := &widget.Button{Text: lang.L("Save"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance}
	later := &widget.Button{Text: lang.L("Later"), OnTapped: func() { d.Hide() }}
	save.OnTapped = func() {
		for _, r := range rows {
			if r.captured.Validate() != nil {
				e.w.u.win.Canvas().Focus(r.captured)
				return
			}
		}
		for _, r := range rows {
			x := r.x
			x.Title, x.Proves = strings.TrimSpace(r.title.Text), strings.TrimSpace(r.proves.Text)
			if s := strings.TrimSpace(r.captured.Text); s != r.shown {
				t, _ := e.w.u.parseDateTime(s)
				x.CapturedAt = t.UTC() // the service marks a changed time as the user's
			}
			if err := e.w.svc().UpdateExhibit(e.w.u.ctx, x); err != nil {
				e.w.u.showError(err)
				return
			}
		}
		d.Hide()
		e.w.reload(e)
		e.list.Refresh()
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Describe the files you added"),
		container.NewBorder(intro, container.NewHBox(later, save), nil, nil, scroll), e.w.u.win)
	d.Show()
	e.w.u.win.Canvas().Focus(rows[0].proves)
}
