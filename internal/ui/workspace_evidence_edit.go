// Editing an exhibit: its description, links to steps, order, deletion and
// saving the original file.

package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/exhibit"
)

func (e *wsEvidence) metaForm(x incident.Exhibit) fyne.CanvasObject {
	id, w := x.ID, e.w
	title := w.textField(fmt.Sprintf("ex:%d:title", id), x.Title, false, func(s string) { e.save(id, func(y *incident.Exhibit) { y.Title = strings.TrimSpace(s) }) })
	source := w.textField(fmt.Sprintf("ex:%d:source", id), x.Source, false, func(s string) { e.save(id, func(y *incident.Exhibit) { y.Source = strings.TrimSpace(s) }) })
	source.SetPlaceHolder(lang.L("who or where it came from, e.g. my phone, the courier's e-mail"))
	proves := w.textField(fmt.Sprintf("ex:%d:proves", id), x.Proves, true, func(s string) { e.save(id, func(y *incident.Exhibit) { y.Proves = s }) })
	proves.SetPlaceHolder(lang.L("what it proves, e.g. the caller knew my order number"))
	proves.SetMinRowsVisible(2)
	captured := w.textField(fmt.Sprintf("ex:%d:captured", id), w.u.formatDateTime(x.CapturedAt), false, func(s string) {
		t, err := w.u.parseDateTime(s)
		if err != nil {
			return // the validator shows the expected form
		}
		e.save(id, func(y *incident.Exhibit) { y.CapturedAt = t.UTC() })
	})
	captured.Validator = func(s string) error {
		if _, err := w.u.parseDateTime(s); err != nil {
			return errors.New(incident.UserMessage(err, w.u.code))
		}
		return nil
	}
	facts := fmt.Sprintf("%s · %s · %s", e.formatLabel(x), exhibit.FormatSize(x.Size), e.formLabel(x))
	if x.FileName != "" {
		facts = x.FileName + " · " + facts
	}
	hash := &widget.Label{Text: "SHA-256 " + x.SHA256, Wrapping: fyne.TextWrapBreak, Selectable: true, Importance: widget.LowImportance}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Title"), title),
		widget.NewFormItem(lang.L("Source"), source),
		widget.NewFormItem(lang.L("What it proves"), proves),
		e.capturedItem(x, captured),
	)
	links := e.linkSummary(x)
	actions := container.NewGridWrap(fyne.NewSize(44, 36),
		&widget.Button{Icon: theme.MoveUpIcon(), OnTapped: func() { e.onMove(id, -1) }},
		&widget.Button{Icon: theme.MoveDownIcon(), OnTapped: func() { e.onMove(id, 1) }},
	)
	buttons := container.NewHBox(actions,
		&widget.Button{Text: lang.L("Save original as…"), Icon: theme.DownloadIcon(), OnTapped: func() { e.onSaveOriginal(id) }},
		&widget.Button{Text: lang.L("Link…"), Icon: theme.ContentCopyIcon(), OnTapped: func() { e.onLink(id) }},
		&widget.Button{Text: lang.L("Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: func() { e.onDelete(id) }},
	)
	head := heading(lang.L("Exhibit {{.N}}", map[string]any{"N": x.Number}))
	box := container.NewVBox(head, &widget.Label{Text: facts, Wrapping: fyne.TextWrapWord}, hash,
		&widget.Label{Text: lang.L("Added {{.When}}", map[string]any{"When": e.w.u.formatDateTime(x.ImportedAt)}), Importance: widget.LowImportance},
		form, links, buttons)
	if isRecording(x) {
		box.Add(e.recordingButtons(x))
	}
	return box
}

// capturedItem is the capture time's form row. A default time (the
// photo's record, the file's time) says where it came from, as the packets
// do, and can be confirmed as it is with one tap.
func (e *wsEvidence) capturedItem(x incident.Exhibit, captured fyne.CanvasObject) *widget.FormItem {
	note := strings.TrimSpace(incident.CaptureSourceLabel(x.CapturedFrom, e.w.u.lang()))
	if note == "" {
		return widget.NewFormItem(lang.L("Captured at"), captured)
	}
	id := x.ID
	confirm := &widget.Button{Text: lang.L("The time is right"), Icon: theme.ConfirmIcon(), OnTapped: func() {
		e.save(id, func(y *incident.Exhibit) { y.CapturedFrom = incident.CapturedEntered })
	}}
	return &widget.FormItem{Text: lang.L("Captured at"), Widget: container.NewBorder(nil, nil, nil, confirm, captured),
		HintText: lang.L("{{.Note}}: check it and correct it if needed", map[string]any{"Note": note})}
}

func (e *wsEvidence) linkSummary(x incident.Exhibit) fyne.CanvasObject {
	var names []string
	for _, id := range x.StepIDs {
		if st, ok := e.w.stepByID(id); ok {
			names = append(names, e.w.plan.stepTitle(st))
		}
	}
	for _, id := range x.CommIDs {
		for _, c := range e.w.cf.Communications {
			if c.ID == id {
				names = append(names, e.w.u.formatDateTime(c.At)+" "+c.Counterpart)
			}
		}
	}
	if len(names) == 0 {
		return &widget.Label{Text: lang.L("Not linked to any step or contact."), Importance: widget.LowImportance}
	}
	return &widget.Label{Text: lang.L("Supports: {{.List}}", map[string]any{"List": strings.Join(names, "; ")}), Wrapping: fyne.TextWrapWord}
}

func (e *wsEvidence) save(id int64, change func(*incident.Exhibit)) {
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	change(&x)
	if err := e.w.svc().UpdateExhibit(e.w.u.ctx, x); err != nil {
		e.w.u.showError(err)
		return
	}
	e.w.reload(e)
	e.list.Refresh()
}

func (e *wsEvidence) onMove(id int64, delta int) {
	e.w.flushEdits()
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	if err := e.w.svc().MoveExhibit(e.w.u.ctx, id, x.Number+delta); err != nil {
		e.w.u.showError(err)
	}
	e.w.reload(nil)
	e.selectInList()
}

func (e *wsEvidence) onDelete(id int64) {
	e.w.flushEdits()
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	msg := lang.L("Exhibit {{.N}} \"{{.Title}}\" and its stored bytes will be deleted. Its fingerprint stays in the case history. This cannot be undone: keep your own copy first if you may need it.",
		map[string]any{"N": x.Number, "Title": x.Title})
	e.w.u.confirmDelete(lang.L("Delete this exhibit?"), msg, lang.L("Delete exhibit"), func() {
		if err := e.w.svc().DeleteExhibit(e.w.u.ctx, id); err != nil {
			e.w.u.showError(err)
			return
		}
		delete(e.thumbs, id)
		e.selected = 0
		e.list.UnselectAll()
		e.w.reload(nil)
		e.w.u.notify(lang.L("Exhibit deleted; the later exhibits moved up one number."))
	})
}

// onSaveOriginal writes the stored bytes, unchanged, where the user says.
func (e *wsEvidence) onSaveOriginal(id int64) {
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	e.w.u.fileSave(originalName(x), nil, func(path string) {
		svc, ctx := e.w.svc(), e.w.u.ctx
		w, err := privateFile(path)
		if err != nil {
			e.w.u.showError(incident.Errorf(incident.CodeInternal, "无法保存文件。", "Cannot save the file.", err))
			return
		}
		e.w.jobs.add(func() {
			_, err := svc.WriteExhibitContent(ctx, id, w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			e.w.u.do(func() {
				if err != nil {
					e.w.u.showError(err)
					return
				}
				e.w.u.notify(lang.L("Saved an exact copy of exhibit {{.N}} to {{.Path}}.", map[string]any{"N": x.Number, "Path": path}))
			})
		}, true)
	})
}

// originalName is the name offered by "Save original as…": sanitised again
// here, since cases imported before names were sanitised on import may
// still hold a path or a bidi override (issue 17, F11).
func originalName(x incident.Exhibit) string {
	if n := incident.SafeFileName(x.FileName); n != "" {
		return n
	}
	return fmt.Sprintf("exhibit-%d.txt", x.Number)
}

// onLink attaches the exhibit to steps and contacts it supports.
func (e *wsEvidence) onLink(id int64) {
	e.w.flushEdits()
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	var stepOpts, commOpts []string
	var stepIDs, commIDs []int64
	var stepSel, commSel []string
	for _, st := range e.w.cf.Steps {
		label := e.w.plan.stepTitle(st)
		stepOpts, stepIDs = append(stepOpts, label), append(stepIDs, st.ID)
		if slices.Contains(x.StepIDs, st.ID) {
			stepSel = append(stepSel, label)
		}
	}
	for _, c := range e.w.cf.Communications {
		label := e.w.u.formatDateTime(c.At) + " · " + channelLabel(c.Channel) + " · " + c.Counterpart
		commOpts, commIDs = append(commOpts, label), append(commIDs, c.ID)
		if slices.Contains(x.CommIDs, c.ID) {
			commSel = append(commSel, label)
		}
	}
	steps := &widget.CheckGroup{Options: stepOpts, Selected: stepSel}
	comms := &widget.CheckGroup{Options: commOpts, Selected: commSel}
	body := container.NewVBox(heading(lang.L("Plan steps")), steps, heading(lang.L("Contacts")), comms)
	if len(commOpts) == 0 {
		body.Add(&widget.Label{Text: lang.L("No contacts logged yet."), Importance: widget.LowImportance})
	}
	d := dialog.NewCustomConfirm(lang.L("What does exhibit {{.N}} support?", map[string]any{"N": x.Number}), lang.L("Save links"), lang.L("Cancel"),
		container.NewVScroll(body), func(ok bool) {
			if !ok {
				return
			}
			pick := func(opts, sel []string, ids []int64) []int64 {
				var out []int64
				for i, o := range opts {
					if slices.Contains(sel, o) {
						out = append(out, ids[i])
					}
				}
				return out
			}
			if err := e.w.svc().SetExhibitLinks(e.w.u.ctx, id, pick(stepOpts, steps.Selected, stepIDs), pick(commOpts, comms.Selected, commIDs)); err != nil {
				e.w.u.showError(err)
				return
			}
			e.w.reload(nil)
		}, e.w.u.win)
	d.Resize(fyne.NewSize(600, 500))
	d.Show()
}
