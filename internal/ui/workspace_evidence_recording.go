// Recordings, saved pages, documents and SMS backups in the Evidence tab:
// the recording's length and transcript, "open with the system player",
// readable text of pages and documents, and the SMS backup chooser.

package ui

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/exhibit"
)

// formatLabel is the exhibit's plain format label in the UI language, with
// a recording's length: never a MIME type.
func (e *wsEvidence) formatLabel(x incident.Exhibit) string {
	s := incident.FormatOf(x).Label(e.w.u.lang())
	if x.Duration > 0 {
		s += " " + exhibit.FormatDuration(x.Duration, e.w.u.lang())
	}
	return s
}

// formLabel is the exhibit's 证据形式 in the UI language.
func (e *wsEvidence) formLabel(x incident.Exhibit) string {
	f := incident.FormatOf(x).Form
	if strings.HasPrefix(e.w.u.lang(), "zh") {
		return string(f)
	}
	return f.EN()
}

// isRecording tells which exhibits take a transcript and a player button.
func isRecording(x incident.Exhibit) bool {
	return x.Kind == incident.ExhibitFile && exhibit.IsAudioVideo(x.ContentType)
}

// recordingButtons are the extra actions of a recording.
func (e *wsEvidence) recordingButtons(x incident.Exhibit) fyne.CanvasObject {
	id := x.ID
	label := lang.L("Add transcript…")
	if x.Transcript != nil {
		label = lang.L("Edit transcript…")
	}
	return container.NewHBox(
		&widget.Button{Text: lang.L("Open with the system player"), Icon: theme.MediaPlayIcon(), OnTapped: func() { e.onPlay(id) }},
		&widget.Button{Text: label, Icon: theme.DocumentCreateIcon(), OnTapped: func() { e.onTranscript(id) }},
	)
}

// onPlay hands a private copy to the system player. The copy is removed
// after playbackKeep (players read as they play, so not at once); copies a
// crash left behind are swept by the next PlaybackCopy.
func (e *wsEvidence) onPlay(id int64) {
	path, cleanup, err := e.w.svc().PlaybackCopy(e.w.u.ctx, id)
	if err != nil {
		e.w.u.showError(err)
		return
	}
	time.AfterFunc(playbackKeep, cleanup)
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = e.w.u.app.OpenURL(u)
	}
	if err != nil {
		e.w.u.showError(err)
	}
}

// onTranscript edits a recording's 文字整理稿 in the plain-text format of
// docs/transcript.md, or imports it from a text file.
func (e *wsEvidence) onTranscript(id int64) {
	e.w.flushEdits()
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	tr := x.Transcript
	if tr == nil {
		tr = &incident.Transcript{}
	}
	recorded, place, speakers := newEntry(), newEntry(), newEntry()
	if !tr.RecordedAt.IsZero() {
		recorded.SetText(incident.FormatDateTime(tr.RecordedAt, time.Local, e.w.u.lang()))
	}
	recorded.SetPlaceHolder(lang.L("empty: the exhibit's time ({{.Time}})", map[string]any{"Time": incident.FormatDateTime(x.CapturedAt, time.Local, e.w.u.lang())}))
	place.SetText(tr.Place)
	place.SetPlaceHolder(lang.L("where the recording was made, e.g. at home"))
	speakers.SetText(tr.Speakers)
	speakers.SetPlaceHolder(lang.L("who speaks, e.g. me (Zhang San); the caller (said he was a courier)"))
	text := newMultiLineEntry()
	text.SetMinRowsVisible(10)
	text.SetText(exhibit.FormatTranscript(tr.Lines))
	text.SetPlaceHolder("[00:05] 对方：……\n[00:12] 我：……")
	confirm := widget.NewCheck(lang.L("I made this transcript myself from the recording (the printed page will say so)"), nil)
	confirm.SetChecked(tr.Confirmed)
	importBtn := &widget.Button{Text: lang.L("Import from a text file…"), Icon: theme.FolderOpenIcon(), OnTapped: func() {
		dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			defer r.Close()
			b, err := io.ReadAll(io.LimitReader(r, exhibit.MaxTranscriptBytes+1))
			if err != nil {
				e.w.u.showError(err)
				return
			}
			text.SetText(decodeText(b))
		}, e.w.u.win)
	}}
	help := wrapped(lang.L("One passage per line: the time from the start of the recording in square brackets, the speaker, a colon, then what was said. A line without a time continues the one above."))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Recorded at"), recorded),
		widget.NewFormItem(lang.L("Place"), place),
		widget.NewFormItem(lang.L("Speakers"), speakers),
	)
	var d *dialog.CustomDialog
	save := func() {
		lines, err := incident.ParseTranscript(text.Text)
		if err != nil {
			e.w.u.showError(err)
			return
		}
		var at time.Time
		if s := strings.TrimSpace(recorded.Text); s != "" {
			t, err := incident.ParseDateTime(s, time.Local)
			if !e.w.u.checkTime(err) {
				return
			}
			at = t.UTC()
		}
		next := &incident.Transcript{RecordedAt: at, Place: place.Text, Speakers: speakers.Text, Lines: lines, Confirmed: confirm.Checked}
		if err := e.w.svc().SetTranscript(e.w.u.ctx, id, next); err != nil {
			e.w.u.showError(err)
			return
		}
		d.Hide()
		e.w.reload(nil)
		e.selectInList()
	}
	body := container.NewBorder(container.NewVBox(form, help, importBtn), confirm, nil, nil, text)
	d = dialog.NewCustomWithoutButtons(lang.L("Transcript of exhibit {{.N}}", map[string]any{"N": x.Number}), body, e.w.u.win)
	buttons := []fyne.CanvasObject{&widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: d.Hide}}
	if x.Transcript != nil {
		buttons = append(buttons, &widget.Button{Text: lang.L("Remove transcript"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: func() {
			if err := e.w.svc().SetTranscript(e.w.u.ctx, id, nil); err != nil {
				e.w.u.showError(err)
				return
			}
			d.Hide()
			e.w.reload(nil)
			e.selectInList()
		}})
	}
	buttons = append(buttons, &widget.Button{Text: lang.L("Save transcript"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: save})
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(720, 640))
	d.Show()
}

// recordingPreview shows a recording's length and its transcript.
func recordingPreview(x incident.Exhibit) func() fyne.CanvasObject {
	return func() fyne.CanvasObject {
		box := container.NewVBox()
		if x.Duration <= 0 {
			box.Add(wrapped(lang.L("The length of this recording could not be read from the file; it is stored and fingerprinted unchanged.")))
		}
		if x.Transcript == nil {
			box.Add(wrapped(lang.L("No transcript yet. An officer expects a transcript (文字整理稿) with the time, the place, who speaks and timed passages; add one with \"Add transcript…\".")))
			return box
		}
		tr := x.Transcript
		form := widget.NewForm()
		if tr.Place != "" {
			form.Append(lang.L("Place"), &widget.Label{Text: tr.Place, Wrapping: fyne.TextWrapWord})
		}
		if tr.Speakers != "" {
			form.Append(lang.L("Speakers"), &widget.Label{Text: tr.Speakers, Wrapping: fyne.TextWrapWord})
		}
		box.Add(form)
		box.Add(&widget.Label{Text: exhibit.FormatTranscript(tr.Lines), Wrapping: fyne.TextWrapWord, Selectable: true})
		if tr.Confirmed {
			box.Add(&widget.Label{Text: lang.L("You confirmed you made this transcript from the recording."), Importance: widget.LowImportance})
		}
		return box
	}
}

// printTextPreview shows the readable text of a saved page, Word document
// or SMS backup: what the packet prints.
func printTextPreview(data []byte, ct string) (func() fyne.CanvasObject, bool) {
	s, ok := exhibit.PrintText(ct, data, time.Local)
	if !ok {
		return nil, false
	}
	if len(s) > previewText {
		s = s[:previewText] + "…"
		s = strings.ToValidUTF8(s, "")
	}
	return func() fyne.CanvasObject {
		return &widget.Label{Text: s, Wrapping: fyne.TextWrapWord, Selectable: true}
	}, true
}

// onImportSMS reads an "SMS Backup & Restore" XML file and lets the user
// choose which messages become evidence and contact-log entries.
func (e *wsEvidence) onImportSMS() {
	e.w.flushEdits()
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			e.w.u.showError(err)
			return
		}
		if r == nil {
			return
		}
		b, err := incident.ReadSMSBackup(r)
		r.Close()
		if err != nil {
			e.w.u.showError(err)
			return
		}
		e.chooseSMS(b)
	}, e.w.u.win)
}

// chooseSMS is the chooser: a filter by number and a tick per message.
func (e *wsEvidence) chooseSMS(b exhibit.SMSBackup) {
	if len(b.Messages) == 0 {
		e.w.u.showMessage(lang.L("Import SMS backup"), lang.L("The backup holds no readable text messages."), theme.InfoIcon())
		return
	}
	keep := make([]bool, len(b.Messages))
	var shown []int
	filter := newEntry()
	filter.SetPlaceHolder(lang.L("show only this number, e.g. 10690000123"))
	count := &widget.Label{}
	updateCount := func() {
		n := 0
		for _, k := range keep {
			if k {
				n++
			}
		}
		count.SetText(lang.L("{{.N}} of {{.Total}} messages chosen", map[string]any{"N": n, "Total": len(keep)}))
	}
	list := &widget.List{
		Length: func() int { return len(shown) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil,
				container.NewVBox(&widget.Label{TextStyle: fyne.TextStyle{Bold: true}}, &widget.Label{Wrapping: fyne.TextWrapWord}))
		},
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			idx := shown[i]
			m := b.Messages[idx]
			c := o.(*fyne.Container)
			check := c.Objects[1].(*widget.Check)
			check.OnChanged = nil
			check.SetChecked(keep[idx])
			check.OnChanged = func(v bool) { keep[idx] = v; updateCount() }
			dir := lang.L("received from")
			if m.Sent {
				dir = lang.L("sent to")
			}
			texts := c.Objects[0].(*fyne.Container).Objects
			texts[0].(*widget.Label).SetText(fmt.Sprintf("%s · %s %s %s", e.w.u.formatDateTime(m.At), dir, m.Contact, m.Number))
			texts[1].(*widget.Label).SetText(m.Text)
		},
	}
	apply := func() {
		shown = shown[:0]
		want := strings.TrimSpace(filter.Text)
		for i, m := range b.Messages {
			if want == "" || incident.MatchesNumber(m.Number, []string{want}) || strings.Contains(m.Number, want) {
				shown = append(shown, i)
			}
		}
		list.Refresh()
	}
	filter.OnChanged = func(string) { apply() }
	setShown := func(v bool) {
		for _, i := range shown {
			keep[i] = v
		}
		list.Refresh()
		updateCount()
	}
	apply()
	updateCount()
	top := container.NewVBox(
		wrapped(lang.L("Tick the messages to keep. Each becomes an SMS record in the evidence and an entry of the contact log (the timeline of the packets).")),
		filter,
		container.NewHBox(&widget.Button{Text: lang.L("Tick all shown"), OnTapped: func() { setShown(true) }},
			&widget.Button{Text: lang.L("Untick all shown"), OnTapped: func() { setShown(false) }}, count),
	)
	var d *dialog.CustomDialog
	importChosen := func() {
		res, err := e.w.svc().ImportSMS(e.w.u.ctx, e.w.caseID, b, incident.SMSImportOptions{
			Keep: func(i int, _ exhibit.SMS) bool { return keep[i] }})
		if err != nil {
			e.w.u.showError(err)
			return
		}
		d.Hide()
		e.w.reload(nil)
		e.w.u.notify(lang.L("{{.N}} messages imported; {{.Dup}} were already in the case.", map[string]any{"N": len(res.Added), "Dup": res.Duplicates}))
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Import SMS backup"), container.NewBorder(top, nil, nil, nil, list), e.w.u.win)
	d.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: d.Hide},
		&widget.Button{Text: lang.L("Import chosen messages"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: importChosen},
	})
	d.Resize(fyne.NewSize(760, 640))
	d.Show()
}

// playbackKeep is how long a playback copy stays on disk.
const playbackKeep = 2 * time.Hour
