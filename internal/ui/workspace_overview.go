package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/severity"
)

// nextActions is how many open steps the overview lists: enough to know
// what to do today, few enough not to frighten.
const nextActions = 3

// wsOverview answers "where do I stand?": progress, what to do next, what
// is overdue and how serious the leak may be.
type wsOverview struct {
	w *workspace
	// widgets
	root     *container.Scroll
	progress *widget.ProgressBar
	counts   *widget.Label
	next     *fyne.Container
	overdue  *fyne.Container
	verdict  *widget.Label
	explain  *wrapLabel
}

func newWsOverview(w *workspace) *wsOverview {
	o := &wsOverview{w: w}
	o.progress = &widget.ProgressBar{Min: 0, Max: 1}
	o.progress.TextFormatter = func() string { return "" }
	o.counts = &widget.Label{}
	o.next = container.NewVBox()
	o.overdue = container.NewVBox()
	o.verdict = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	o.explain = wrapped("")
	sevCard := widget.NewCard(lang.L("How serious is it?"), lang.L("A reference reading, not legal advice"), container.NewVBox(o.verdict, o.explain,
		container.NewHBox(&widget.Button{Text: lang.L("Open the calculator"), Icon: theme.InfoIcon(), OnTapped: func() { w.showTab(tabDetails) }})))
	body := container.NewVBox(
		heading(lang.L("Progress")), o.progress, o.counts,
		widget.NewSeparator(),
		heading(lang.L("Next steps")), o.next,
		widget.NewSeparator(),
		heading(lang.L("Overdue")), o.overdue,
		widget.NewSeparator(),
		sevCard,
	)
	o.root = container.NewVScroll(container.NewPadded(body))
	return o
}

func (o *wsOverview) refresh() {
	cf := o.w.cf
	total, done := 0, 0
	var open, late []incident.Step
	for _, st := range cf.Steps {
		if st.Retired || st.Status == incident.StepNotApplicable {
			continue
		}
		total++
		if st.Status.Finished() {
			done++
			continue
		}
		open = append(open, st)
		if !st.FollowUp.IsZero() && o.w.u.daysUntil(st.FollowUp) < 0 {
			late = append(late, st)
		}
	}
	if total > 0 {
		o.progress.SetValue(float64(done) / float64(total))
	} else {
		o.progress.SetValue(0)
	}
	o.counts.SetText(lang.L("{{.Done}} of {{.Total}} steps finished", map[string]any{"Done": done, "Total": total}))

	o.next.Objects = nil
	for i, st := range open {
		if i == nextActions {
			break
		}
		o.next.Add(o.stepLine(st))
	}
	if len(open) == 0 {
		msg := lang.L("Nothing left to do in the plan.")
		if total == 0 {
			msg = lang.L("No plan yet: answer the questions to get one.")
		}
		o.next.Add(wrapped(msg))
	}
	o.next.Refresh()

	o.overdue.Objects = nil
	for _, st := range late {
		o.overdue.Add(o.stepLine(st))
	}
	if len(late) == 0 {
		o.overdue.Add(&widget.Label{Text: lang.L("Nothing is overdue."), Importance: widget.SuccessImportance})
	}
	o.overdue.Refresh()

	o.refreshSeverity()
}

func (o *wsOverview) refreshSeverity() {
	res, err := severity.Assess(incident.SeverityInput(o.w.cf))
	if err != nil {
		logError("assessing severity", err)
		o.verdict.SetText(lang.L("The leaked-data table has an entry the calculator cannot use."))
		o.explain.SetText("")
		return
	}
	o.verdict.Importance = verdictImportance(res.Verdict)
	o.verdict.SetText(headline(res, o.w.u.lang()))
	if len(o.w.cf.Leaked) == 0 {
		o.explain.SetText(lang.L("Enter what leaked and roughly how many records in Details to get a reading."))
		return
	}
	o.explain.SetText(explanation(res, o.w.u.lang()))
}

// stepLine is one step with its follow-up and a way to open it in the plan.
func (o *wsOverview) stepLine(st incident.Step) fyne.CanvasObject {
	title := &widget.Label{Text: o.w.plan.stepTitle(st), Truncation: fyne.TextTruncateEllipsis}
	due := &widget.Label{Importance: widget.LowImportance}
	if !st.FollowUp.IsZero() {
		due.Text = lang.L("due {{.Date}}", map[string]any{"Date": o.w.u.formatDay(st.FollowUp)})
		if o.w.u.daysUntil(st.FollowUp) < 0 {
			due.Importance = widget.DangerImportance
		}
	}
	id := st.ID
	open := &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance, OnTapped: func() {
		o.w.showTab(tabPlan)
		o.w.plan.selectStep(id)
	}}
	return container.NewBorder(nil, nil, widget.NewIcon(statusIcon(st.Status)), container.NewHBox(due, open), title)
}

// headline is the reading in one line; the domain words it (a "below"
// verdict says the question is open, never that it is not serious).
func headline(r severity.Result, code string) string {
	if code == "en" {
		return r.HeadlineEN
	}
	return r.HeadlineZH
}

func verdictImportance(v severity.Verdict) widget.Importance {
	switch v {
	case severity.Serious:
		return widget.WarningImportance
	case severity.EspeciallySerious:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

func explanation(r severity.Result, code string) string {
	if code == "en" {
		return r.ExplanationEN
	}
	return r.ExplanationZH
}

func basis(r severity.Result, code string) string {
	if code == "en" {
		return r.BasisEN
	}
	return r.BasisZH
}
