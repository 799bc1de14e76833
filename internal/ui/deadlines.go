package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// deadlinesView lists every awaited follow-up across open cases, soonest
// first, so a volunteer with many cases sees what is due when.
type deadlinesView struct {
	u *appUI
	// state
	items []incident.FollowUp

	// widgets
	root    *fyne.Container
	summary *widget.Label
	list    *widget.List
	body    *fyne.Container
	empty   fyne.CanvasObject
}

func newDeadlinesView(u *appUI) *deadlinesView {
	d := &deadlinesView{u: u}
	d.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.list = &widget.List{
		Length:     func() int { return len(d.items) },
		CreateItem: func() fyne.CanvasObject { return newDeadlineRow() },
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) { o.(*deadlineRow).set(u, d.items[i]) },
		OnSelected: func(i widget.ListItemID) {
			d.list.UnselectAll()
			if i < len(d.items) {
				u.openCase(d.items[i].CaseID)
			}
		},
	}
	// A literal List lays out only once it knows itself.
	d.list.ExtendBaseWidget(d.list)
	// A wrapping label needs a width from its parent: inside a Center it
	// gets its minimum, one character, and drew one character per line
	// down the screen, growing the window (issue 15 item 10). A VBox gives
	// it the full width.
	d.empty = container.NewVBox(&widget.Label{Text: lang.L("Nothing is awaited right now. Follow-up dates appear here when a step waits for an answer."), Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter})
	d.body = container.NewStack(d.list)
	top := container.NewVBox(&widget.Label{Text: lang.L("Deadlines"), SizeName: theme.SizeNameHeadingText}, d.summary)
	d.root = container.NewBorder(top, nil, nil, nil, d.body)
	return d
}

// refresh reloads the follow-ups off the UI goroutine.
func (d *deadlinesView) refresh() {
	var items []incident.FollowUp
	svc, ctx := d.u.deps.Service, d.u.ctx
	d.u.load(func() error {
		var err error
		items, err = svc.Deadlines(ctx)
		return err
	}, func(err error) {
		if err != nil {
			d.u.showError(err)
			return
		}
		d.apply(items)
	})
}

func (d *deadlinesView) apply(items []incident.FollowUp) {
	d.items = items
	overdue := 0
	for _, f := range items {
		if f.Overdue {
			overdue++
		}
	}
	switch {
	case len(items) == 0:
		d.summary.SetText("") // the empty view says it; "0 follow-ups… click one" would not
	case overdue > 0:
		d.summary.SetText(lang.L("{{.Overdue}} of {{.Total}} follow-ups are overdue. Click one to open its case.", map[string]any{"Overdue": overdue, "Total": len(items)}))
		d.summary.Importance = widget.DangerImportance
	default:
		d.summary.SetText(lang.L("{{.Total}} follow-ups awaited across all open cases. Click one to open its case.", map[string]any{"Total": len(items)}))
		d.summary.Importance = widget.MediumImportance
	}
	d.summary.Refresh()
	var obj fyne.CanvasObject = d.list
	if len(items) == 0 {
		obj = d.empty
	}
	d.body.Objects = []fyne.CanvasObject{obj}
	d.body.Refresh()
	d.list.Refresh()
}

// deadlineRow is one follow-up: when, how far off, which case and step.
type deadlineRow struct {
	widget.BaseWidget
	due  *widget.Label
	when *widget.Label
	cse  *widget.Label
	step *widget.Label
}

func newDeadlineRow() *deadlineRow {
	r := &deadlineRow{
		due:  &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		when: &widget.Label{},
		cse:  &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		step: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *deadlineRow) CreateRenderer() fyne.WidgetRenderer {
	left := container.NewGridWrap(fyne.NewSize(190, r.due.MinSize().Height*2), container.NewVBox(r.due, r.when))
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, left, nil, container.NewVBox(r.cse, r.step)))
}

func (r *deadlineRow) set(u *appUI, f incident.FollowUp) {
	due := u.formatDay(f.Due)
	if f.Estimate {
		due = lang.L("{{.Date}} (estimate)", map[string]any{"Date": due})
	}
	r.due.SetText(due)
	n := u.daysUntil(f.Due)
	imp := widget.MediumImportance
	switch {
	case f.Overdue && n == -1:
		r.when.SetText(lang.L("Overdue by 1 day"))
		imp = widget.DangerImportance
	case f.Overdue:
		r.when.SetText(lang.L("Overdue by {{.N}} days", map[string]any{"N": -n}))
		imp = widget.DangerImportance
	case n == 0:
		r.when.SetText(lang.L("Due today"))
		imp = widget.WarningImportance
	case n == 1:
		r.when.SetText(lang.L("Tomorrow"))
	default:
		r.when.SetText(lang.L("In {{.N}} days", map[string]any{"N": n}))
	}
	r.due.Importance, r.when.Importance = imp, imp
	r.due.Refresh()
	r.when.Refresh()
	name := f.CaseTitle
	if f.Victim != "" {
		name += " — " + f.Victim
	}
	r.cse.SetText(name)
	step := f.Title(u.lang())
	if f.NextKind != "" {
		// What to do now that the date has passed (issue 12).
		step = lang.L("{{.Step}} → next: {{.Next}}", map[string]any{"Step": step, "Next": incident.StepTitle(incident.Step{Kind: f.NextKind}, nil, u.lang())})
	}
	r.step.SetText(step)
}
