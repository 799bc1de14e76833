package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// wsComms is the log of every call, letter and visit.
type wsComms struct {
	w *workspace
	// state
	shown []incident.Communication

	// widgets
	root    *fyne.Container
	search  *imeEntry
	channel *widget.Select
	rows    *fyne.Container
	editor  *commEditor // the open editor, for tests
}

func newWsComms(w *workspace) *wsComms {
	c := &wsComms{w: w}
	c.search = newEntry()
	c.search.SetPlaceHolder(lang.L("Filter by who, what or reference"))
	c.search.OnChanged = func(string) { c.refresh() }
	opts := []string{lang.L("All channels")}
	for _, ch := range incident.CommChannels() {
		opts = append(opts, channelLabel(ch))
	}
	c.channel = &widget.Select{Options: opts, Selected: opts[0], OnChanged: func(string) { c.refresh() }}
	add := &widget.Button{Text: lang.L("Log a contact"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: func() {
		c.edit(incident.Communication{CaseID: w.caseID, At: w.svc().Now(), Direction: incident.Outgoing, Channel: "phone"})
	}}
	c.rows = container.NewVBox()
	top := container.NewBorder(nil, nil, add, c.channel, c.search)
	c.root = container.NewBorder(top, nil, nil, nil, container.NewVScroll(c.rows))
	return c
}

func channelLabel(ch string) string {
	switch ch {
	case "phone":
		return lang.L("Phone call")
	case "sms":
		return lang.L("SMS / message")
	case "email":
		return lang.L("E-mail")
	case "letter":
		return lang.L("Letter")
	case "in-person":
		return lang.L("In person")
	case "online":
		return lang.L("Online form")
	case "app":
		return lang.L("App")
	}
	return lang.L("Other channel")
}

func (c *wsComms) refresh() {
	needle := strings.ToLower(strings.TrimSpace(c.search.Text))
	ch := ""
	if i := c.channel.SelectedIndex(); i > 0 {
		ch = incident.CommChannels()[i-1]
	}
	list := slices.Clone(c.w.cf.Communications)
	slices.SortStableFunc(list, func(a, b incident.Communication) int { return b.At.Compare(a.At) })
	c.shown = c.shown[:0]
	for _, m := range list {
		if ch != "" && m.Channel != ch {
			continue
		}
		if needle != "" && !strings.Contains(strings.ToLower(m.Counterpart+" "+m.Summary+" "+m.Reference), needle) {
			continue
		}
		c.shown = append(c.shown, m)
	}
	c.rows.Objects = nil
	for _, m := range c.shown {
		c.rows.Add(c.row(m))
		c.rows.Add(widget.NewSeparator())
	}
	if len(c.shown) == 0 {
		msg := lang.L("No contacts logged yet. Log every call, message and visit: who, when, what was said.")
		if len(c.w.cf.Communications) > 0 {
			msg = lang.L("No contact matches the filter.")
		}
		c.rows.Add(&widget.Label{Text: msg, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord})
	}
	c.rows.Refresh()
}

func (c *wsComms) row(m incident.Communication) fyne.CanvasObject {
	dir := theme.MailSendIcon()
	if m.Direction == incident.Incoming {
		dir = theme.MailReplyIcon()
	}
	head := c.w.u.formatDateTime(m.At) + " · " + channelLabel(m.Channel)
	if m.Counterpart != "" {
		head += " · " + m.Counterpart
	}
	var meta []string
	if m.Reference != "" {
		meta = append(meta, lang.L("Ref. {{.Ref}}", map[string]any{"Ref": m.Reference}))
	}
	if st, ok := c.w.stepByID(m.StepID); ok {
		meta = append(meta, lang.L("Step: {{.Title}}", map[string]any{"Title": c.w.plan.stepTitle(st)}))
	}
	body := container.NewVBox(&widget.Label{Text: head, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis})
	if m.Summary != "" {
		body.Add(&widget.Label{Text: m.Summary, Wrapping: fyne.TextWrapWord})
	}
	if len(meta) > 0 {
		body.Add(&widget.Label{Text: strings.Join(meta, " · "), Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis})
	}
	edit := &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { c.edit(m) }}
	del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { c.onDelete(m) }}
	return container.NewBorder(nil, nil, widget.NewIcon(dir), container.NewHBox(edit, del), body)
}

// commEditor is the form for one log entry.
type commEditor struct {
	c *wsComms
	// state
	m      incident.Communication
	stepID []int64 // step IDs in the order of step's options; 0 for none

	// widgets
	dlg         *dialog.CustomDialog
	at          *imeEntry
	direction   *widget.RadioGroup
	channel     *widget.Select
	counterpart *imeEntry
	reference   *imeEntry
	summary     *imeEntry
	step        *widget.Select
}

// edit opens the editor; a new entry has ID 0. It stays open when the store
// refuses the entry so that nothing typed is lost.
func (c *wsComms) edit(m incident.Communication) {
	c.w.flushEdits()
	e := &commEditor{c: c, m: m}
	e.at = newEntry()
	e.at.SetText(e.c.w.u.formatDateTime(m.At))
	dirs := []string{lang.L("I contacted them"), lang.L("They contacted me")}
	e.direction = &widget.RadioGroup{Options: dirs, Horizontal: true, Required: true, Selected: dirs[0]}
	if m.Direction == incident.Incoming {
		e.direction.Selected = dirs[1]
	}
	var chans []string
	for _, ch := range incident.CommChannels() {
		chans = append(chans, channelLabel(ch))
	}
	e.channel = &widget.Select{Options: chans, Selected: channelLabel(m.Channel)}
	e.counterpart = newEntry()
	e.counterpart.SetText(m.Counterpart)
	e.counterpart.SetPlaceHolder(lang.L("who: a company, an office, a caller's number"))
	e.reference = newEntry()
	e.reference.SetText(m.Reference)
	e.reference.SetPlaceHolder(lang.L("receipt, ticket or complaint number"))
	e.summary = newMultiLineEntry()
	e.summary.SetText(m.Summary)
	e.summary.SetMinRowsVisible(4)
	e.summary.SetPlaceHolder(lang.L("what was said or agreed"))
	steps := []string{lang.L("(none)")}
	e.stepID = []int64{0}
	for _, st := range c.w.cf.Steps {
		steps = append(steps, c.w.plan.stepTitle(st))
		e.stepID = append(e.stepID, st.ID)
	}
	e.step = &widget.Select{Options: steps}
	e.step.SetSelectedIndex(max(0, slices.Index(e.stepID, m.StepID)))

	form := widget.NewForm(
		widget.NewFormItem(lang.L("When"), e.at),
		widget.NewFormItem(lang.L("Direction"), e.direction),
		widget.NewFormItem(lang.L("Channel"), e.channel),
		widget.NewFormItem(lang.L("With whom"), e.counterpart),
		widget.NewFormItem(lang.L("Reference number"), e.reference),
		widget.NewFormItem(lang.L("What was said"), e.summary),
		widget.NewFormItem(lang.L("Plan step"), e.step),
	)
	title, confirm := lang.L("Edit contact"), lang.L("Save")
	if m.ID == 0 {
		title, confirm = lang.L("Log a contact"), lang.L("Add to log")
	}
	e.dlg = dialog.NewCustomWithoutButtons(title, form, c.w.u.win)
	e.dlg.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: e.dlg.Hide},
		&widget.Button{Text: confirm, Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: e.onSave},
	})
	e.dlg.Resize(fyne.NewSize(600, 0))
	c.editor = e
	e.dlg.Show()
	c.w.u.win.Canvas().Focus(e.summary)
}

func (e *commEditor) onSave() {
	at, err := e.c.w.u.parseDateTime(e.at.Text)
	if !e.c.w.u.checkTime(err) {
		return
	}
	m := e.m
	m.At = at.UTC()
	m.Direction = incident.Outgoing
	if e.direction.Selected == e.direction.Options[1] {
		m.Direction = incident.Incoming
	}
	if i := e.channel.SelectedIndex(); i >= 0 {
		m.Channel = incident.CommChannels()[i]
	}
	m.Counterpart = strings.TrimSpace(e.counterpart.Text)
	m.Reference = strings.TrimSpace(e.reference.Text)
	m.Summary = e.summary.Text
	m.StepID = e.stepID[max(0, e.step.SelectedIndex())]
	if err := e.c.w.svc().SaveCommunication(e.c.w.u.ctx, &m); err != nil {
		e.c.w.u.showError(err)
		return
	}
	e.dlg.Hide()
	e.c.editor = nil
	e.c.w.reload(nil)
}

func (c *wsComms) onDelete(m incident.Communication) {
	c.w.u.confirmDelete(lang.L("Delete this contact?"), lang.L("The entry of {{.When}} will be removed from the log.", map[string]any{"When": c.w.u.formatDateTime(m.At)}), lang.L("Delete entry"), func() {
		c.w.deleteWithUndo(lang.L("Contact deleted."),
			func() error { return c.w.svc().DeleteCommunication(c.w.u.ctx, m.ID) },
			func() error {
				again := m
				again.ID = 0
				return c.w.svc().SaveCommunication(c.w.u.ctx, &again)
			})
	})
}
