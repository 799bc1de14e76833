package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

// The plan's part of issue 12: a step's replies, the route it belongs to
// with its current rung and what comes next (incident.NextOf, the listing
// `leakdesk next` prints), and the "record a reply" form. The workflow is
// the service's RecordReply; this only collects the answers.

// replyForm is the open "record a reply" dialog, kept for tests.
type replyForm struct {
	stepID   int64
	outcome  *widget.RadioGroup
	date     *dateField
	ref      *imeEntry
	evidence proofPicker
	save     *widget.Button
	dlg      *dialog.CustomDialog
}

// outcomeLabels are the outcomes' labels in display order.
func outcomeLabels(code string) []string {
	var out []string
	for _, o := range playbook.ReplyOutcomes() {
		out = append(out, playbook.ReplyOutcomeLabel(o, code))
	}
	return out
}

// routeBox shows the step's replies and, when it is a rung of an open
// route, the ladder with the current rung and what comes next.
func (p *wsPlan) routeBox(st incident.Step) fyne.CanvasObject {
	u := p.w.u
	code := u.lang()
	box := container.NewVBox()
	if ds := incident.DeliveriesOf(p.w.cf.Events)[st.ID]; len(ds) > 0 {
		box.Add(heading(lang.L("Delivered")))
		for _, d := range ds {
			box.Add(&widget.Label{Text: p.deliveryLine(d), Wrapping: fyne.TextWrapWord})
		}
	}
	replies := incident.RepliesOf(p.w.cf.Events)[st.ID]
	if len(replies) > 0 {
		box.Add(heading(lang.L("Replies")))
		for _, r := range replies {
			box.Add(&widget.Label{Text: p.replyLine(r), Wrapping: fyne.TextWrapWord})
		}
	}
	routes := p.w.svc().NextOf(p.w.cf, code)
	for _, rn := range routes {
		on := false
		for _, rs := range rn.Rungs {
			on = on || rs.StepID == st.ID
		}
		if !on {
			continue
		}
		box.Add(heading(lang.L("Route: {{.Route}}", map[string]any{"Route": rn.RouteTitle})))
		var rungs []string
		for i, rs := range rn.Rungs {
			t := rs.Title
			if i == rn.Current {
				t = "▶ " + t
			}
			rungs = append(rungs, t)
		}
		box.Add(&widget.Label{Text: strings.Join(rungs, "\n"), Wrapping: fyne.TextWrapWord})
		if next := p.nextLine(rn); next != "" {
			imp := widget.MediumImportance
			if rn.Overdue {
				imp = widget.DangerImportance
			}
			box.Add(&widget.Label{Text: next, Wrapping: fyne.TextWrapWord, Importance: imp, TextStyle: fyne.TextStyle{Bold: true}})
		}
		if rn.Limit != "" {
			box.Add(&widget.Label{Text: lang.L("Time limit: {{.Limit}}", map[string]any{"Limit": rn.Limit}), Wrapping: fyne.TextWrapWord})
		}
		if rn.Basis != "" {
			box.Add(&widget.Label{Text: rn.Basis, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
		}
		if rn.NextStepID != 0 && rn.NextStepID != st.ID {
			id := rn.NextStepID
			box.Add(&widget.Button{Text: lang.L("Go to that step"), Icon: theme.NavigateNextIcon(), OnTapped: func() { p.selectStep(id) }})
		}
	}
	return box
}

// replyLine is one reply in the step's history.
func (p *wsPlan) replyLine(r incident.Reply) string {
	u := p.w.u
	s := u.formatDay(r.On) + " · " + playbook.ReplyOutcomeLabel(r.Outcome, u.lang())
	if r.Reference != "" {
		s += " · " + lang.L("No. {{.Ref}}", map[string]any{"Ref": r.Reference})
	}
	if r.ExhibitID != 0 {
		for _, e := range p.w.cf.Exhibits {
			if e.ID == r.ExhibitID {
				s += " · " + lang.L("evidence {{.N}}", map[string]any{"N": e.Number})
			}
		}
	}
	return s
}

// nextLine says what comes next on a route and when.
func (p *wsPlan) nextLine(rn incident.RouteNext) string {
	u := p.w.u
	day := ""
	if !rn.Date.IsZero() {
		day = u.formatDay(rn.Date)
	}
	switch {
	case rn.Waiting && rn.NextKind != "" && day != "":
		return lang.L("Waiting for an answer until {{.Date}}. If none comes: {{.Next}}", map[string]any{"Date": day, "Next": rn.NextTitle})
	case rn.Waiting && rn.NextKind != "":
		return lang.L("Waiting for an answer. If none comes: {{.Next}}", map[string]any{"Next": rn.NextTitle})
	case rn.Waiting && day != "":
		return lang.L("Waiting for an answer until {{.Date}}.", map[string]any{"Date": day})
	case rn.Waiting:
		return ""
	case rn.Deadline:
		return lang.L("What next: {{.Next}}, by {{.Date}}", map[string]any{"Next": rn.NextTitle, "Date": day})
	default:
		return lang.L("What next: {{.Next}}", map[string]any{"Next": rn.NextTitle})
	}
}

// onRecordReply opens the form for what came back on step id.
func (p *wsPlan) onRecordReply(id int64) {
	p.w.flushEdits()
	u := p.w.u
	f := &replyForm{stepID: id}
	f.outcome = widget.NewRadioGroup(outcomeLabels(u.lang()), nil)
	today := p.w.svc().Today()
	f.date = newDateField(u, &today)
	f.ref = newEntry()
	f.ref.SetPlaceHolder(lang.L("receipt, complaint or document number on the reply"))
	f.evidence = newProofPicker(p.w.cf)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("What came back"), f.outcome),
		widget.NewFormItem(lang.L("Date of the reply"), f.date),
		widget.NewFormItem(lang.L("Reference number"), f.ref),
		widget.NewFormItem(lang.L("The reply in the evidence"), f.evidence.Select),
	)
	hint := wrapped(lang.L("For \"no answer\", the date is the day the answer was due. Put the reply document (a notice, a letter, a screenshot) into the evidence first, then choose it here."))
	f.save = &widget.Button{Text: lang.L("Record the reply"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: func() { p.saveReply(f) }}
	f.dlg = u.showStepForm(lang.L("Record a reply"), form, hint, f.save)
	p.reply = f
}

// saveReply hands the form to the service; on a refusal the form stays
// open with what was typed.
func (p *wsPlan) saveReply(f *replyForm) {
	u := p.w.u
	r := incident.Reply{}
	for i, l := range outcomeLabels(u.lang()) {
		if f.outcome.Selected == l {
			r.Outcome = playbook.ReplyOutcomes()[i]
		}
	}
	if r.Outcome == "" {
		u.showError(incident.Errorf(incident.CodeInvalid, "请选择收到了什么答复。", "Choose what came back.", nil))
		return
	}
	r.On = civil(f.date.Date()) // empty: today, the service's default
	r.Reference = strings.TrimSpace(f.ref.Text)
	r.ExhibitID = f.evidence.exhibitID()
	res, err := p.w.svc().RecordReply(u.ctx, f.stepID, r)
	if err != nil {
		u.showError(err)
		return
	}
	f.dlg.Hide()
	p.reply = nil
	if res.Next != nil {
		p.selected = res.Next.ID
	}
	p.w.reload(nil)
	if res.Next != nil {
		u.notify(lang.L("Reply recorded. The next step is in your plan: {{.Step}}", map[string]any{"Step": p.stepTitle(*res.Next)}))
	} else {
		u.notify(lang.L("Reply recorded."))
	}
}

// proofPicker chooses the evidence that proves what is recorded on a step
// (the reply document, the postal receipt): "(none)" first, then the
// case's exhibits by number.
type proofPicker struct {
	*widget.Select
	ids []int64 // exhibit ID of each option after "(none)"
}

func newProofPicker(cf *incident.CaseFile) proofPicker {
	p := proofPicker{Select: &widget.Select{}}
	p.fill(cf)
	return p
}

// fill lists cf's evidence, keeping the chosen position where it still
// exists ("(none)" otherwise): a picker that stays on screen is filled
// again when the case changes.
func (p *proofPicker) fill(cf *incident.CaseFile) {
	sel := p.SelectedIndex()
	p.Options = []string{lang.L("(none)")}
	p.ids = p.ids[:0]
	for _, e := range cf.Exhibits {
		p.Options = append(p.Options, fmt.Sprintf("%d. %s", e.Number, e.Title))
		p.ids = append(p.ids, e.ID)
	}
	if sel < 0 || sel >= len(p.Options) {
		sel = 0
	}
	p.Selected = p.Options[sel]
	p.Refresh()
}

// exhibitID is the chosen exhibit's ID, 0 for none.
func (p proofPicker) exhibitID() int64 {
	if i := p.SelectedIndex(); i > 0 {
		return p.ids[i-1]
	}
	return 0
}

// showStepForm shows a form recorded on a plan step (a reply, a delivery)
// with its hint, Cancel and the form's own save button; the save hides
// the dialog once the service has taken the form.
func (u *appUI) showStepForm(title string, form *widget.Form, hint fyne.CanvasObject, save *widget.Button) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(form, hint), u.win)
	d.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: d.Hide},
		save,
	})
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	return d
}
