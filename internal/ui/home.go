package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// Case list filters.
const (
	filterOpen    = "open"
	filterOverdue = "overdue"
	filterClosed  = "closed"
	filterAll     = "all"
)

// casesHome is the list of cases: what a volunteer sees first and where a
// victim finds the way back to their case.
type casesHome struct {
	u *appUI
	// state
	filter string
	cases  []incident.CaseSummary
	total  int // undeleted cases, whatever the filter: decides the empty state
	gen    int // the newest refresh; older results are dropped

	// widgets
	root      *fyne.Container
	search    *imeEntry
	filterSel *widget.RadioGroup
	list      *widget.List
	count     *widget.Label
	body      *fyne.Container
	empty     fyne.CanvasObject
	noMatch   fyne.CanvasObject
	demoBtn   *widget.Button
}

func newCasesHome(u *appUI) *casesHome {
	h := &casesHome{u: u, filter: filterOpen}
	h.search = newEntry()
	h.search.SetPlaceHolder(lang.L("Search by title or name (Ctrl+F)"))
	h.search.OnChanged = func(string) { h.refresh() }

	labels := []string{lang.L("Open cases"), lang.L("Overdue"), lang.L("Closed"), lang.L("All")}
	keys := []string{filterOpen, filterOverdue, filterClosed, filterAll}
	h.filterSel = &widget.RadioGroup{Options: labels, Horizontal: true, Required: true, Selected: labels[0]}
	h.filterSel.OnChanged = func(s string) {
		for i, l := range labels {
			if l == s {
				h.filter = keys[i]
			}
		}
		h.refresh()
	}

	newBtn := &widget.Button{Text: lang.L("New case (Ctrl+N)"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: u.newCase}
	tools := container.NewHBox(newBtn)
	if u.deps.ImportCase != nil {
		tools.Add(&widget.Button{Text: lang.L("Import a case file"), Icon: theme.DownloadIcon(), OnTapped: h.onImport})
	}
	h.count = &widget.Label{}
	h.list = &widget.List{
		Length:     func() int { return len(h.cases) },
		CreateItem: func() fyne.CanvasObject { return newCaseRow(h) },
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) { o.(*caseRow).set(h.cases[i]) },
		OnSelected: func(i widget.ListItemID) {
			h.list.UnselectAll()
			if i < len(h.cases) {
				u.openCase(h.cases[i].ID)
			}
		},
	}
	// A literal List lays out only once it knows itself.
	h.list.ExtendBaseWidget(h.list)
	h.demoBtn = &widget.Button{Text: lang.L("Open a demo case"), Icon: theme.MediaPlayIcon(), OnTapped: h.onDemo}
	if u.deps.Demo == nil {
		h.demoBtn.Hide()
	}
	h.empty = container.NewCenter(container.NewGridWrap(fyne.NewSize(600, 200), container.NewVBox(
		&widget.Label{Text: lang.L("No cases yet"), Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameHeadingText},
		&widget.Label{Text: lang.L("Start with a few plain questions about what happened; leakdesk then makes a personal plan of what to do, step by step. Everything stays on this computer."),
			Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord},
		container.NewHBox(layout.NewSpacer(),
			&widget.Button{Text: lang.L("Start a new case"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: u.newCase},
			h.demoBtn, layout.NewSpacer()),
	)))
	h.noMatch = container.NewCenter(&widget.Label{Text: lang.L("No case matches the search and filter.")})
	h.body = container.NewStack(h.list)
	top := container.NewVBox(
		container.NewBorder(nil, nil, &widget.Label{Text: lang.L("Cases"), SizeName: theme.SizeNameHeadingText}, tools),
		container.NewBorder(nil, nil, nil, h.filterSel, h.search),
		h.count,
	)
	h.root = container.NewBorder(top, nil, nil, nil, h.body)
	return h
}

// refresh reloads the list from the store with the current search and
// filter, off the UI goroutine: with thousands of cases a keystroke in the
// search must not freeze the window. A newer refresh wins over an older one.
func (h *casesHome) refresh() {
	h.gen++
	gen, text, filter := h.gen, h.search.Text, h.filter
	var shown, all []incident.CaseSummary
	svc, ctx := h.u.deps.Service, h.u.ctx
	h.u.load(func() error {
		var err error
		if shown, err = svc.Cases(ctx, incident.CaseFilter{Text: text}); err != nil {
			return err
		}
		all = shown
		if strings.TrimSpace(text) != "" {
			all, err = svc.Cases(ctx, incident.CaseFilter{})
		}
		return err
	}, func(err error) {
		if gen != h.gen {
			return
		}
		if err != nil {
			h.u.showError(err)
			return
		}
		h.apply(filterCases(shown, filter), all)
	})
}

// filterCases applies the open/overdue/closed choice to a loaded list.
func filterCases(list []incident.CaseSummary, filter string) []incident.CaseSummary {
	out := make([]incident.CaseSummary, 0, len(list))
	for _, c := range list {
		switch {
		case filter == filterOpen && c.Status != incident.CaseOpen,
			filter == filterClosed && c.Status != incident.CaseClosed,
			filter == filterOverdue && !c.Overdue:
			continue
		}
		out = append(out, c)
	}
	return out
}

func (h *casesHome) apply(cases, all []incident.CaseSummary) {
	h.cases, h.total = cases, len(all)
	overdue := 0
	for _, c := range all {
		if c.Overdue {
			overdue++
		}
	}
	h.count.SetText(lang.L("{{.Shown}} of {{.Total}} cases shown, {{.Overdue}} with overdue follow-ups",
		map[string]any{"Shown": len(cases), "Total": len(all), "Overdue": overdue}))
	var obj fyne.CanvasObject = h.list
	h.count.Show()
	switch {
	case h.total == 0:
		obj = h.empty
		h.count.Hide()
	case len(cases) == 0:
		obj = h.noMatch
	}
	h.body.Objects = []fyne.CanvasObject{obj}
	h.body.Refresh()
	h.list.Refresh()
}

func (h *casesHome) focusSearch() { h.u.win.Canvas().Focus(h.search) }

func (h *casesHome) onDelete(c incident.CaseSummary) {
	msg := lang.L("Delete the case “{{.Title}}”? You can undo this for a day; after that it is gone for good.", map[string]any{"Title": c.Title}) +
		"\n\n" + deletionReach()
	h.u.confirmDelete(lang.L("Delete case?"), msg, lang.L("Delete case"), func() {
		if err := h.u.deps.Service.DeleteCase(h.u.ctx, c.ID); err != nil {
			h.u.showError(err)
			return
		}
		h.refresh()
		h.u.undoable(lang.L("Case “{{.Title}}” deleted.", map[string]any{"Title": c.Title}), func() {
			if err := h.u.deps.Service.UndoDeleteCase(h.u.ctx, c.ID); err != nil {
				h.u.showError(err)
			}
			h.refresh()
		})
	})
}

func (h *casesHome) onDemo() {
	h.demoBtn.Disable()
	var id int64
	demo, ctx := h.u.deps.Demo, h.u.ctx
	h.u.background(func() error {
		var err error
		id, err = demo(ctx)
		return err
	}, func(err error) {
		h.demoBtn.Enable()
		if err != nil {
			h.u.showError(err)
			return
		}
		h.u.openCase(id)
	})
}

func (h *casesHome) onImport() {
	exts := []string{".json", ".leakdesk", ".ldcase", bundleExt}
	h.u.filesOpen(startDocuments, exts, false, func(paths []string) {
		path := paths[0]
		if isBundlePath(path) {
			h.u.importBundle(path)
			return
		}
		var id int64
		// Locking stops the import (sessionCtx); nothing is then shown
		// over the unlock screen.
		importCase, ctx := h.u.deps.ImportCase, h.u.session()
		h.u.background(func() error {
			var err error
			id, err = importCase(ctx, path)
			return err
		}, func(err error) {
			if ctx.Err() != nil {
				logError("case import stopped by the lock", err)
				return
			}
			if err != nil {
				h.u.showError(err)
				return
			}
			h.refresh()
			h.u.notify(lang.L("Case imported."))
			h.u.openCase(id)
			h.u.noteImportedMatter(id)
		})
	})
}

// noteImportedMatter says, when an imported case was in a matter where it
// was exported, that it arrived on its own and how to add it to one here
// (the case file carries the matter as a reference only).
func (u *appUI) noteImportedMatter(id int64) {
	mi, ok, err := u.deps.Service.ImportedMatter(u.ctx, id)
	if err != nil {
		logError("reading the imported case's matter", err)
		return
	}
	if ok {
		u.showMessage(lang.L("Case imported."), mi.Note(id, u.code), theme.InfoIcon())
	}
}

// caseRow is one case in the list.
type caseRow struct {
	widget.BaseWidget
	h        *casesHome
	c        incident.CaseSummary
	title    *widget.Label
	victim   *widget.Label
	progress *widget.ProgressBar
	next     *widget.Label
	status   *widget.Label
	del      *widget.Button
}

func newCaseRow(h *casesHome) *caseRow {
	r := &caseRow{h: h,
		title:    &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		victim:   &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		progress: &widget.ProgressBar{Max: 1},
		next:     &widget.Label{},
		status:   &widget.Label{},
	}
	r.progress.TextFormatter = func() string {
		return fmt.Sprintf("%d / %d", r.c.StepsDone, r.c.StepsTotal)
	}
	r.del = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { h.onDelete(r.c) }}
	r.ExtendBaseWidget(r)
	return r
}

func (r *caseRow) CreateRenderer() fyne.WidgetRenderer {
	left := container.NewVBox(r.title, r.victim)
	prog := container.NewGridWrap(fyne.NewSize(160, r.progress.MinSize().Height), r.progress)
	// Fixed widths keep the progress bars in one column whatever the dates say.
	dates := container.NewGridWrap(fyne.NewSize(240, r.next.MinSize().Height*2), container.NewVBox(r.next, r.status))
	right := container.NewHBox(container.NewCenter(prog), dates, container.NewCenter(r.del))
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, right, left))
}

func (r *caseRow) set(c incident.CaseSummary) {
	u := r.h.u
	r.c = c
	r.title.SetText(c.Title)
	victim := c.VictimName
	if victim == "" {
		victim = lang.L("(victim not named)")
	}
	r.victim.SetText(victim)
	r.progress.SetValue(c.Progress())
	switch {
	case c.NextFollowUp.IsZero():
		r.next.SetText(lang.L("No follow-up due"))
		r.next.Importance = widget.LowImportance
	case c.Overdue:
		r.next.SetText(lang.L("Overdue since {{.Date}}", map[string]any{"Date": u.formatDay(c.NextFollowUp)}))
		r.next.Importance = widget.DangerImportance
	default:
		r.next.SetText(lang.L("Next follow-up {{.Date}}", map[string]any{"Date": u.formatDay(c.NextFollowUp)}))
		r.next.Importance = widget.MediumImportance
	}
	r.next.Refresh()
	if c.Status == incident.CaseClosed {
		r.status.SetText(lang.L("Closed"))
	} else {
		r.status.SetText(lang.L("Updated {{.Date}}", map[string]any{"Date": u.formatDate(c.UpdatedAt)}))
	}
	r.del.Refresh()
}
