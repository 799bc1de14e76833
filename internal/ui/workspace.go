package ui

import (
	"context"
	"sort"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// saveDelay is how long typing may pause before the text is saved: long
// enough not to write an event per keystroke, short enough that a crash or
// a closed lid loses at most a sentence.
const saveDelay = 1500 * time.Millisecond

// Workspace tabs, in display order.
const (
	tabOverview = iota
	tabPlan
	tabAccounts
	tabComms
	tabTimeline
	tabDetails
	tabEvidence
	tabExport
)

// wsScreen is one tab of the workspace; refresh redraws it from ws.cf.
type wsScreen interface {
	refresh()
}

// pendingEdit is text typed but not yet saved.
type pendingEdit struct {
	gen   int
	timer *time.Timer
	save  func()
}

// jobQueue runs the workspace's slow work (imports, thumbnails, previews,
// exports) one job at a time off the UI goroutine. One worker keeps the
// jobs' UI updates in order. Each job counts in the app's tasks from being
// queued until it returns, so tests wait for all of them instead of
// sleeping. A job reads nothing of the workspace's widgets or fields: it
// gets what it needs captured, and sends its result through u.do.
type jobQueue struct {
	tasks   *tasks
	mu      sync.Mutex
	jobs    []func()
	running bool
}

// add queues a job; urgent jobs (what the user is looking at) go first.
func (q *jobQueue) add(job func(), urgent bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.tasks.start()
	if urgent {
		q.jobs = append([]func(){job}, q.jobs...)
	} else {
		q.jobs = append(q.jobs, job)
	}
	if !q.running {
		q.running = true
		go q.loop()
	}
}

func (q *jobQueue) loop() {
	for {
		q.mu.Lock()
		if len(q.jobs) == 0 {
			q.running = false
			q.mu.Unlock()
			return
		}
		job := q.jobs[0]
		q.jobs = q.jobs[1:]
		q.mu.Unlock()
		job()
		q.tasks.finish()
	}
}

// workspace is one open case: a header and a tab per part of the case.
// Every tab reads the same CaseFile, reloaded after each change, so the
// overview, plan and timeline never disagree.
type workspace struct {
	// state
	u      *appUI
	caseID int64
	// ctx is the case's (appUI.caseCtx): the slow jobs started from the
	// case (exports, imports, previews) run under it and stop when the
	// case closes or the app locks. Saves use u.ctx: they run as it closes.
	ctx     context.Context
	cf      *incident.CaseFile
	pending map[string]*pendingEdit
	editGen int
	closed  bool
	jobs    jobQueue

	// screens
	overview *wsOverview
	plan     *wsPlan
	accounts *wsAccounts
	comms    *wsComms
	timeline *wsTimeline
	details  *wsDetails
	evidence *wsEvidence
	export   *wsExport
	screens  []wsScreen

	// widgets
	root      *fyne.Container
	title     *widget.Label
	subtitle  *widget.Label
	integrity *widget.Label // what differs from the state last saved (F14)
	statusBtn *widget.Button
	tabs      *container.AppTabs
}

func newWorkspace(u *appUI, caseID int64) (*workspace, fyne.CanvasObject) {
	w := &workspace{u: u, caseID: caseID, ctx: u.caseCtx, pending: map[string]*pendingEdit{}, jobs: jobQueue{tasks: u.tasks}}
	cf, err := u.deps.Service.CaseFile(u.ctx, caseID)
	if err != nil {
		u.showError(err)
		return w, widget.NewLabel(lang.L("This case could not be opened."))
	}
	w.cf = cf

	w.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Truncation: fyne.TextTruncateEllipsis}
	w.subtitle = &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	back := &widget.Button{Text: lang.L("Close case (Ctrl+W)"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: u.goHome}
	intake := &widget.Button{Text: lang.L("Re-run the questions"), Icon: theme.ViewRefreshIcon(), OnTapped: w.onRerunIntake}
	w.statusBtn = &widget.Button{OnTapped: w.onToggleCaseStatus}
	// Centred so the buttons keep their height beside the two-line title.
	head := container.NewBorder(nil, nil, container.NewCenter(back), container.NewCenter(container.NewHBox(intake, w.handOverButton(), w.statusBtn)),
		container.NewVBox(w.title, w.subtitle))
	// A case that does not match what the app last saved (rows put back
	// from an older backup) still opens; the user is told what differs.
	w.integrity = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	w.integrity.Hide()

	w.overview = newWsOverview(w)
	w.plan = newWsPlan(w)
	w.accounts = newWsAccounts(w)
	w.comms = newWsComms(w)
	w.timeline = newWsTimeline(w)
	w.details = newWsDetails(w)
	w.evidence = newWsEvidence(w)
	w.export = newWsExport(w)
	w.screens = []wsScreen{w.overview, w.plan, w.accounts, w.comms, w.timeline, w.details, w.evidence, w.export}

	w.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Overview"), theme.HomeIcon(), w.overview.root),
		container.NewTabItemWithIcon(lang.L("Plan"), theme.ListIcon(), w.plan.root),
		container.NewTabItemWithIcon(lang.L("Accounts"), theme.AccountIcon(), w.accounts.root),
		container.NewTabItemWithIcon(lang.L("Contacts log"), theme.MailComposeIcon(), w.comms.root),
		container.NewTabItemWithIcon(lang.L("Timeline"), theme.HistoryIcon(), w.timeline.root),
		container.NewTabItemWithIcon(lang.L("Details"), theme.DocumentIcon(), w.details.root),
		container.NewTabItemWithIcon(lang.L("Evidence"), theme.FileImageIcon(), w.evidence.root),
		container.NewTabItemWithIcon(lang.L("Export"), theme.DocumentSaveIcon(), w.export.root),
	)
	w.tabs.OnSelected = func(*container.TabItem) { w.flushEdits() }
	w.root = container.NewBorder(container.NewVBox(head, w.integrity, widget.NewSeparator()), nil, nil, nil, w.tabs)

	u.caseShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}, func() { w.showTab(tabExport) })
	// Fyne's tab buttons take no keyboard focus: Ctrl+1 … Ctrl+8 reach
	// every tab, in the order shown (issue 15 item 7).
	for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8} {
		u.caseShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func() { w.showTab(i) })
	}
	u.win.SetOnDropped(w.onDropped)
	u.addFlush(w.close)
	w.refreshAll()
	return w, w.root
}

// close saves what is being typed and lets go of the window; it runs when
// the case is left, the window closes or the language changes.
func (w *workspace) close() {
	w.flushEdits()
	w.closed = true
	w.u.win.SetOnDropped(nil)
}

func (w *workspace) showTab(i int) {
	if w.tabs != nil && i < len(w.tabs.Items) {
		w.tabs.SelectIndex(i)
	}
}

// onDropped takes files dropped anywhere on the window as evidence.
func (w *workspace) onDropped(_ fyne.Position, uris []fyne.URI) {
	if w.closed || len(uris) == 0 {
		return
	}
	w.showTab(tabEvidence)
	var paths []string
	for _, u := range uris {
		paths = append(paths, u.Path())
	}
	w.evidence.addPaths(paths)
}

func (w *workspace) svc() *incident.Service { return w.u.deps.Service }

// reload reads the case again and redraws every tab but skip, which already
// shows what the user just did (redrawing it would steal the focus).
// deleteWithUndo runs del, refreshes the workspace and offers to undo from
// a notification by restoring a copy of what was deleted.
func (w *workspace) deleteWithUndo(done string, del, restore func() error) {
	if err := del(); err != nil {
		w.u.showError(err)
		return
	}
	w.reload(nil)
	w.u.undoable(done, func() {
		if err := restore(); err != nil {
			w.u.showError(err)
		}
		if !w.closed {
			w.reload(nil)
		}
	})
}

func (w *workspace) reload(skip wsScreen) {
	cf, err := w.svc().CaseFile(w.u.ctx, w.caseID)
	if err != nil {
		w.u.showError(err)
		return
	}
	w.cf = cf
	w.refreshHeader()
	for _, s := range w.screens {
		if s != skip {
			s.refresh()
		}
	}
}

func (w *workspace) refreshAll() {
	w.refreshHeader()
	for _, s := range w.screens {
		s.refresh()
	}
}

func (w *workspace) refreshHeader() {
	c := w.cf.Case
	w.title.SetText(c.Title)
	sub := c.CaseNumber()
	if c.Victim.Name != "" {
		sub += " · " + c.Victim.Name
	}
	if c.Status == incident.CaseClosed {
		sub += " · " + lang.L("closed")
		w.statusBtn.SetText(lang.L("Reopen case"))
		w.statusBtn.SetIcon(theme.MediaReplayIcon())
	} else {
		w.statusBtn.SetText(lang.L("Mark case closed"))
		w.statusBtn.SetIcon(theme.ConfirmIcon())
	}
	w.subtitle.SetText(sub)
	if p := w.cf.Integrity; p != nil {
		w.integrity.SetText(incident.UserMessage(p, w.u.code))
		w.integrity.Show()
	} else {
		w.integrity.Hide()
	}
}

func (w *workspace) onRerunIntake() {
	w.flushEdits()
	w.u.rerunIntake(w.caseID)
}

func (w *workspace) onToggleCaseStatus() {
	w.flushEdits()
	next := incident.CaseClosed
	if w.cf.Case.Status == incident.CaseClosed {
		next = incident.CaseOpen
	}
	if err := w.svc().SetCaseStatus(w.u.ctx, w.caseID, next); err != nil {
		w.u.showError(err)
		return
	}
	w.reload(nil)
}

// later saves an edit after a pause in typing; a newer edit of the same key
// replaces it.
func (w *workspace) later(key string, save func()) {
	if p := w.pending[key]; p != nil {
		p.timer.Stop()
	}
	w.editGen++
	gen := w.editGen
	p := &pendingEdit{gen: gen, save: save}
	p.timer = time.AfterFunc(saveDelay, func() {
		w.u.do(func() {
			if cur := w.pending[key]; cur != nil && cur.gen == gen {
				delete(w.pending, key)
				cur.save()
			}
		})
	})
	w.pending[key] = p
}

// commit saves one pending edit now (Return in a single-line field).
func (w *workspace) commit(key string) {
	if p := w.pending[key]; p != nil {
		p.timer.Stop()
		delete(w.pending, key)
		p.save()
	}
}

// flushEdits saves every pending edit now, in a stable order, before
// anything redraws the fields they came from.
func (w *workspace) flushEdits() {
	keys := make([]string, 0, len(w.pending))
	for k := range w.pending {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		w.commit(k)
	}
}

// textField is an entry that saves itself after a pause in typing, on
// Return (single-line only) and when the case is left. Return never does
// anything else: an input method may send it while composing.
func (w *workspace) textField(key, text string, multi bool, save func(string)) *imeEntry {
	e := newEntry()
	if multi {
		e = newMultiLineEntry()
	}
	e.SetText(text)
	e.OnChanged = func(s string) { w.later(key, func() { save(s) }) }
	if !multi {
		e.OnSubmitted = func(string) { w.commit(key) }
	}
	return e
}

// stepByID finds a step of the loaded case.
func (w *workspace) stepByID(id int64) (incident.Step, bool) {
	for _, s := range w.cf.Steps {
		if s.ID == id {
			return s, true
		}
	}
	return incident.Step{}, false
}

// heading is a section title inside a tab.
func heading(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

// wrapped is a label for running text, broken into lines as the packets
// are (wrapLabel).
func wrapped(text string) *wrapLabel {
	return newWrapLabel(text)
}
