package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

// planRow is one line of the step list: a step as the service lists it
// (title, wording, overdue), or the heading above the retired steps.
type planRow struct {
	step    incident.Step
	row     incident.PlanRow
	heading bool
}

// wsPlan is the step checklist with the chosen step's details beside it.
type wsPlan struct {
	w *workspace
	// state
	rows     []planRow
	selected int64 // step ID shown in the detail pane, 0 for none
	// byID is the service's plan listing of the case (Service.PlanOf), by
	// step ID: the one source of the titles, wording and overdue flags.
	byID map[int64]incident.PlanRow

	// widgets
	root   *container.Split
	list   *widget.List
	detail *fyne.Container
	// detailScroll holds the detail pane; shown is the step it was last
	// drawn for, so a different step starts at its top.
	detailScroll *container.Scroll
	shown        int64
	// detail widgets of the selected step, kept for tests and focus
	status   *widget.Select
	followUp *dateField
	org      *imeEntry
	ref      *imeEntry
	notes    *imeEntry
	logBtn   *widget.Button
	// consumer is the 12315-or-association chooser on those two steps.
	consumer *widget.RadioGroup
	replyBtn *widget.Button // "record a reply", nil for a step that waits on nobody
	reply    *replyForm     // the open reply dialog, nil when closed
	// deliveryBtn is "record the delivery", nil for a step that sends
	// nothing; delivery the open dialog, nil when closed.
	deliveryBtn *widget.Button
	delivery    *deliveryForm
}

func newWsPlan(w *workspace) *wsPlan {
	p := &wsPlan{w: w}
	p.list = &widget.List{
		Length:     func() int { return len(p.rows) },
		CreateItem: newPlanRowView,
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) { p.updateRow(p.rows[i], o.(*fyne.Container)) },
		OnSelected: p.onSelect,
	}
	p.detail = container.NewStack()
	add := &widget.Button{Text: lang.L("Add a step of my own"), Icon: theme.ContentAddIcon(), OnTapped: p.onAddStep}
	left := container.NewBorder(nil, add, nil, nil, p.list)
	p.detailScroll = container.NewVScroll(container.NewPadded(p.detail))
	p.root = container.NewHSplit(left, p.detailScroll)
	p.root.Offset = 0.38
	return p
}

func newPlanRowView() fyne.CanvasObject {
	icon := widget.NewIcon(theme.CheckButtonIcon())
	title := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	due := &widget.Label{}
	return container.NewBorder(nil, nil, icon, due, title)
}

func (p *wsPlan) updateRow(r planRow, c *fyne.Container) {
	title, icon, due := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Icon), c.Objects[2].(*widget.Label)
	if r.heading {
		icon.SetResource(theme.HistoryIcon())
		title.TextStyle = fyne.TextStyle{Bold: true}
		title.Importance = widget.LowImportance
		title.SetText(lang.L("No longer suggested (kept with their notes)"))
		due.SetText("")
		return
	}
	st := r.step
	icon.SetResource(statusIcon(st.Status))
	title.TextStyle = fyne.TextStyle{}
	title.Importance = widget.MediumImportance
	if st.Retired || st.Status == incident.StepNotApplicable || st.Status == incident.StepSkipped {
		title.Importance = widget.LowImportance
	}
	title.SetText(p.stepTitle(st))
	due.Importance = widget.LowImportance
	due.SetText("")
	if !st.FollowUp.IsZero() && !st.Status.Finished() && !st.Retired {
		due.SetText(p.w.u.formatDay(st.FollowUp))
		if r.row.Overdue {
			due.Importance = widget.DangerImportance
		}
	}
	due.Refresh()
}

func statusIcon(s incident.StepStatus) fyne.Resource {
	switch s {
	case incident.StepDoing:
		return theme.MediaPlayIcon()
	case incident.StepDone:
		return theme.CheckButtonCheckedIcon()
	case incident.StepSkipped:
		return theme.MediaSkipNextIcon()
	case incident.StepNotApplicable:
		return theme.ContentRemoveIcon()
	}
	return theme.CheckButtonIcon()
}

// statusLabel names a step status with the domain's one wording.
func statusLabel(s incident.StepStatus, code string) string { return incident.StatusLabel(s, code) }

// stepSpec returns the playbook wording for a step: tailored to the case's
// answers when the plan still suggests it, the generic text otherwise.
func (p *wsPlan) stepSpec(st incident.Step) (playbook.StepSpec, bool) {
	if r, ok := p.byID[st.ID]; ok {
		if r.Spec == nil {
			return playbook.StepSpec{}, false
		}
		return *r.Spec, true
	}
	// A step newer than the listing (another tab redraws first after a
	// change): the generic wording until the plan tab lists it.
	return playbook.Lookup(st.Kind)
}

// stepTitle is incident.StepTitle with the wording tailored to the case.
func (p *wsPlan) stepTitle(st incident.Step) string {
	if spec, ok := p.stepSpec(st); ok {
		return incident.StepTitle(st, &spec, p.w.u.lang())
	}
	return incident.StepTitle(st, nil, p.w.u.lang())
}

func (p *wsPlan) refresh() {
	rows := p.w.svc().PlanOf(p.w.cf, p.w.u.lang())
	p.byID = make(map[int64]incident.PlanRow, len(rows))
	p.rows = p.rows[:0]
	var retired []planRow
	for _, r := range rows {
		p.byID[r.ID] = r
		if r.Retired {
			retired = append(retired, planRow{step: r.Step, row: r})
			continue
		}
		p.rows = append(p.rows, planRow{step: r.Step, row: r})
	}
	if len(retired) > 0 {
		p.rows = append(p.rows, planRow{heading: true})
		p.rows = append(p.rows, retired...)
	}
	p.list.Refresh()
	if _, ok := p.w.stepByID(p.selected); !ok {
		p.selected = 0
		for _, r := range p.rows {
			if !r.heading && !r.step.Status.Finished() {
				p.selected = r.step.ID
				break
			}
		}
		if p.selected == 0 && len(p.rows) > 0 && !p.rows[0].heading {
			p.selected = p.rows[0].step.ID
		}
	}
	p.selectRow()
	p.showDetail()
}

// selectRow marks the selected step in the list without firing onSelect.
func (p *wsPlan) selectRow() {
	on := p.list.OnSelected
	p.list.OnSelected = nil
	p.list.UnselectAll()
	for i, r := range p.rows {
		if !r.heading && r.step.ID == p.selected {
			p.list.Select(i)
		}
	}
	p.list.OnSelected = on
}

func (p *wsPlan) onSelect(i widget.ListItemID) {
	if i >= len(p.rows) || p.rows[i].heading {
		p.selectRow()
		return
	}
	p.w.flushEdits()
	p.selected = p.rows[i].step.ID
	p.showDetail()
}

// selectStep shows a step's details; used by the overview's "next actions".
func (p *wsPlan) selectStep(id int64) {
	p.w.flushEdits()
	p.selected = id
	p.selectRow()
	p.showDetail()
}

func (p *wsPlan) showDetail() {
	st, ok := p.w.stepByID(p.selected)
	if !ok {
		p.status, p.followUp, p.org, p.ref, p.notes, p.logBtn, p.replyBtn, p.deliveryBtn = nil, nil, nil, nil, nil, nil, nil, nil
		msg := lang.L("This case has no plan yet. Answer the questions to get one, or add a step of your own.")
		p.detail.Objects = []fyne.CanvasObject{container.NewVBox(wrapped(msg),
			&widget.Button{Text: lang.L("Answer the questions"), Icon: theme.QuestionIcon(), Importance: widget.HighImportance, OnTapped: p.w.onRerunIntake})}
		p.detail.Refresh()
		return
	}
	p.detail.Objects = []fyne.CanvasObject{p.buildDetail(st)}
	p.detail.Refresh()
	// A short step shown at a long one's scroll offset was a blank pane
	// (issue 15 item 10); the same step redrawn after an edit keeps its place.
	if st.ID != p.shown {
		p.shown = st.ID
		p.detailScroll.ScrollToTop()
	}
}

func (p *wsPlan) buildDetail(st incident.Step) fyne.CanvasObject {
	u := p.w.u
	spec, hasSpec := p.stepSpec(st)
	id := st.ID
	box := container.NewVBox()
	if st.Retired {
		box.Add(&widget.Label{Text: lang.L("Your latest answers no longer suggest this step. It is kept here with everything you wrote."),
			Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	if st.Kind == "" {
		box.Add(p.w.textField(fmt.Sprintf("step:%d:title", id), st.Title, false, func(s string) { p.saveStep(id, func(x *incident.Step) { x.Title = s }) }))
	} else {
		box.Add(&widget.Label{Text: p.stepTitle(st), Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText})
	}

	if st.Kind == "consumer-12315" || st.Kind == "consumer-association" {
		if c := p.consumerChoice(); c != nil {
			box.Add(c)
		}
	}

	var labels []string
	for _, s := range incident.StepStatuses() {
		labels = append(labels, statusLabel(s, p.w.u.lang()))
	}
	p.status = &widget.Select{Options: labels, Selected: statusLabel(st.Status, p.w.u.lang())}
	p.status.OnChanged = func(label string) {
		for _, s := range incident.StepStatuses() {
			if statusLabel(s, p.w.u.lang()) == label {
				p.onStatus(id, s)
			}
		}
	}

	fu := st.FollowUp
	p.followUp = newDateField(u, &fu)
	p.followUp.OnChanged = func(d *time.Time) { p.onFollowUp(id, d) }
	dueNote := &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	switch {
	case st.FollowUp.IsZero():
		dueNote.SetText(lang.L("No date yet: marking the step \"in progress\" sets one where the rules give a period."))
	case st.FollowUpEstimate:
		dueNote.SetText(lang.L("Estimated: the holiday calendar for that year is not known yet."))
	case !st.Status.Finished() && u.daysUntil(st.FollowUp) < 0:
		dueNote.Importance = widget.DangerImportance
		dueNote.SetText(lang.L("Overdue: check on this step or chase a reply."))
	}
	dueBox := container.NewVBox(p.followUp)
	if dueNote.Text != "" {
		dueBox.Add(dueNote)
	}
	if hasSpec && spec.FollowUp != nil {
		dueBox.Add(&widget.Label{Text: lang.L("When to look again: {{.Reason}}", map[string]any{"Reason": spec.FollowUp.Reason.In(u.lang())}),
			Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
	}

	p.org = p.w.textField(fmt.Sprintf("step:%d:org", id), st.Organisation, false, func(s string) { p.saveStep(id, func(x *incident.Step) { x.Organisation = s }) })
	p.org.SetPlaceHolder(lang.L("e.g. the police station, company or office you contacted"))
	p.ref = p.w.textField(fmt.Sprintf("step:%d:ref", id), st.Reference, false, func(s string) { p.saveStep(id, func(x *incident.Step) { x.Reference = s }) })
	p.ref.SetPlaceHolder(lang.L("receipt or complaint number"))
	p.notes = p.w.textField(fmt.Sprintf("step:%d:notes", id), st.Notes, true, func(s string) { p.saveStep(id, func(x *incident.Step) { x.Notes = s }) })
	p.notes.SetMinRowsVisible(4)
	p.notes.SetPlaceHolder(lang.L("What happened, who you spoke to, what they said"))

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Status"), p.status),
		widget.NewFormItem(lang.L("Follow up on"), dueBox),
		widget.NewFormItem(lang.L("Organisation"), p.org),
		widget.NewFormItem(lang.L("Reference number"), p.ref),
		widget.NewFormItem(lang.L("Notes"), scrollPast(p.notes, func() *container.Scroll { return p.detailScroll })),
	)
	box.Add(form)

	p.logBtn = &widget.Button{Text: lang.L("Log a contact for this step"), Icon: theme.MailComposeIcon(), OnTapped: func() { p.onLogContact(id) }}
	actions := container.NewHBox(p.logBtn)
	if hasSpec && spec.Packet != "" {
		packet := spec.Packet
		actions.Add(&widget.Button{Text: lang.L("Prepare the packet"), Icon: theme.DocumentSaveIcon(), OnTapped: func() {
			p.w.export.choose(packet)
			p.w.showTab(tabExport)
		}})
	}
	actions.Add(&widget.Button{Icon: theme.MoveUpIcon(), Importance: widget.LowImportance, OnTapped: func() { p.onMove(id, -1) }})
	actions.Add(&widget.Button{Icon: theme.MoveDownIcon(), Importance: widget.LowImportance, OnTapped: func() { p.onMove(id, 1) }})
	if st.Kind == "" {
		actions.Add(&widget.Button{Text: lang.L("Delete step"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { p.onDelete(id) }})
	}
	p.replyBtn, p.deliveryBtn = nil, nil
	row := container.NewHBox()
	if incident.SendsSomething(st) {
		p.deliveryBtn = &widget.Button{Text: lang.L("Record the delivery"), Icon: theme.MailSendIcon(), OnTapped: func() { p.onRecordDelivery(id) }}
		row.Add(p.deliveryBtn)
	}
	if incident.WaitsOnSomeone(st) {
		p.replyBtn = &widget.Button{Text: lang.L("Record a reply"), Icon: theme.MailReplyIcon(), OnTapped: func() { p.onRecordReply(id) }}
		row.Add(p.replyBtn)
	}
	if len(row.Objects) > 0 {
		box.Add(row)
	}
	box.Add(actions)
	if n := p.linkedComms(id); n > 0 {
		box.Add(&widget.Label{Text: lang.L("Contacts logged for this step: {{.N}}", map[string]any{"N": n}), Importance: widget.LowImportance})
	}

	if rb := p.routeBox(st); len(rb.(*fyne.Container).Objects) > 0 {
		box.Add(widget.NewSeparator())
		box.Add(rb)
	}
	box.Add(widget.NewSeparator())
	box.Add(p.explain(st, spec, hasSpec))
	return box
}

// explain is the expandable "why / legal basis / how" with the channel's facts.
func (p *wsPlan) explain(st incident.Step, spec playbook.StepSpec, hasSpec bool) fyne.CanvasObject {
	l := p.w.u.lang()
	if !hasSpec {
		id := st.ID
		why := p.w.textField(fmt.Sprintf("step:%d:why", id), st.Why, true, func(s string) { p.saveStep(id, func(x *incident.Step) { x.Why = s }) })
		why.SetPlaceHolder(lang.L("Why this step matters (your own words)"))
		return widget.NewForm(widget.NewFormItem(lang.L("Why"), why))
	}
	acc := widget.NewAccordion()
	acc.MultiOpen = true
	acc.Append(widget.NewAccordionItem(lang.L("Why this step"), wrapped(spec.Why.In(l))))
	if b := spec.Basis.In(l); b != "" {
		acc.Append(widget.NewAccordionItem(lang.L("Legal basis"), wrapped(b)))
	}
	how := container.NewVBox()
	if h := spec.How.In(l); h != "" {
		how.Add(wrapped(h))
	}
	if len(spec.Facts) > 0 {
		facts := widget.NewForm()
		for _, f := range spec.Facts {
			facts.Append(f.Label.In(l), &widget.Label{Text: f.Value.In(l), Wrapping: fyne.TextWrapWord, Selectable: true})
		}
		how.Add(facts)
	}
	if len(how.Objects) > 0 {
		acc.Append(widget.NewAccordionItem(lang.L("How to do it: numbers, what to bring, what to keep"), how))
	}
	acc.Open(0)
	return acc
}

func (p *wsPlan) linkedComms(stepID int64) int {
	n := 0
	for _, c := range p.w.cf.Communications {
		if c.StepID == stepID {
			n++
		}
	}
	return n
}

// saveStep applies one field change to the stored step.
func (p *wsPlan) saveStep(id int64, change func(*incident.Step)) {
	st, ok := p.w.stepByID(id)
	if !ok {
		return
	}
	change(&st)
	if err := p.w.svc().SaveStep(p.w.u.ctx, &st); err != nil {
		p.w.u.showError(err)
		return
	}
	p.w.reload(p)
	p.list.Refresh()
}

// consumerChoice is the chooser between 12315 and the consumer association
// (issue 18) shown on both steps where the plan offers both: the one
// sentence on the difference and the three choices. The step not chosen
// moves to "no longer suggested" with its notes; nil when there is no
// choice.
func (p *wsPlan) consumerChoice() fyne.CanvasObject {
	a := p.w.cf.Case.Intake.Answers()
	if !playbook.ConsumerChoice(a) {
		return nil
	}
	code := p.w.u.lang()
	routes := playbook.ConsumerRoutes()
	var labels []string
	selected := ""
	for _, o := range routes {
		labels = append(labels, o.Label.In(code))
		if o.Key == a.ConsumerRoute || (a.ConsumerRoute == "" && o.Key == playbook.ConsumerBoth) {
			selected = o.Label.In(code)
		}
	}
	p.consumer = widget.NewRadioGroup(labels, nil)
	p.consumer.Horizontal = true
	p.consumer.Required = true
	p.consumer.Selected = selected
	p.consumer.OnChanged = func(label string) {
		for _, o := range routes {
			if o.Label.In(code) == label && label != selected {
				p.onConsumerRoute(o.Key)
			}
		}
	}
	return container.NewVBox(
		&widget.Label{Text: facts.Expand(code, lang.L("Complain to {hotline.12315}, ask the {org.cca-local} to mediate, or both?")), Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
		wrapped(associationNote(code)),
		p.consumer,
		widget.NewSeparator(),
	)
}

func (p *wsPlan) onConsumerRoute(route string) {
	p.w.flushEdits()
	if _, err := p.w.svc().ChooseConsumerRoute(p.w.u.ctx, p.w.caseID, route); err != nil {
		p.w.u.showError(err)
	}
	p.w.reload(nil)
}

func (p *wsPlan) onStatus(id int64, s incident.StepStatus) {
	p.w.flushEdits()
	if _, err := p.w.svc().SetStepStatus(p.w.u.ctx, id, s); err != nil {
		p.w.u.showError(err)
	}
	p.w.reload(nil)
}

func (p *wsPlan) onFollowUp(id int64, d *time.Time) {
	p.saveStep(id, func(x *incident.Step) {
		x.FollowUp = time.Time{}
		if d != nil {
			x.FollowUp = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		}
	})
}

func (p *wsPlan) onMove(id int64, delta int) {
	p.w.flushEdits()
	st, ok := p.w.stepByID(id)
	if !ok {
		return
	}
	if err := p.w.svc().MoveStep(p.w.u.ctx, id, st.Position+delta); err != nil {
		p.w.u.showError(err)
	}
	p.w.reload(nil)
}

func (p *wsPlan) onLogContact(id int64) {
	p.w.flushEdits()
	c, err := p.w.svc().CommunicationForStep(p.w.u.ctx, id)
	if err != nil {
		p.w.u.showError(err)
		return
	}
	p.w.comms.edit(c)
}

func (p *wsPlan) onAddStep() {
	p.w.flushEdits()
	title := newEntry()
	title.SetPlaceHolder(lang.L("e.g. Ask the landlord which agency he used"))
	var d *dialog.CustomDialog
	add := func() {
		st := &incident.Step{CaseID: p.w.caseID, Title: strings.TrimSpace(title.Text), Status: incident.StepTodo}
		if err := p.w.svc().SaveStep(p.w.u.ctx, st); err != nil {
			p.w.u.showError(err)
			return
		}
		d.Hide()
		p.selected = st.ID
		p.w.reload(nil)
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Add a step of my own"), container.NewVBox(title), p.w.u.win)
	d.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: d.Hide},
		&widget.Button{Text: lang.L("Add step"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: add},
	})
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
	p.w.u.win.Canvas().Focus(title)
}

func (p *wsPlan) onDelete(id int64) {
	p.w.flushEdits()
	st, ok := p.w.stepByID(id)
	if !ok {
		return
	}
	p.w.u.confirmDelete(lang.L("Delete this step?"), lang.L("\"{{.Title}}\" and its notes will be removed.", map[string]any{"Title": st.Title}), lang.L("Delete step"), func() {
		p.w.deleteWithUndo(lang.L("Step deleted."),
			func() error { return p.w.svc().DeleteStep(p.w.u.ctx, id) },
			func() error {
				// The status goes back through SetStepStatus, which owns it.
				restored := st
				restored.ID = 0
				status := restored.Status
				restored.Status = incident.StepTodo
				if err := p.w.svc().SaveStep(p.w.u.ctx, &restored); err != nil || status == incident.StepTodo {
					return err
				}
				_, err := p.w.svc().SetStepStatus(p.w.u.ctx, restored.ID, status)
				return err
			})
	})
}
