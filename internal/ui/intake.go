package ui

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/incident/source"
)

// settingIntakeDraft keeps an unfinished new-case intake (the answers, the
// page, and everything typed on the last pages), so leaving the wizard by
// any route (closing the window, the auto-lock, the top bar, Ctrl+W) loses
// nothing. It is a personal setting (incident.ClassifySetting): sealed in an
// encrypted store like the case it will become.
const settingIntakeDraft = "ui.intake.draft"

// intakeDraft is what settingIntakeDraft holds, and what a re-run of an
// existing case's intake keeps in memory (appUI.rerunDraft) when it is left.
type intakeDraft struct {
	V         int                `json:"v"` // 2; a draft without it is the older bare Answers
	CaseID    int64              `json:"case_id,omitempty"`
	Page      int                `json:"page"`
	Answers   playbook.Answers   `json:"answers"`
	Suspects  []incident.Suspect `json:"suspects,omitempty"`
	Title     string             `json:"title,omitempty"`
	Found     string             `json:"found,omitempty"`
	Narrative string             `json:"narrative,omitempty"`
	Victim    incident.Victim    `json:"victim"`
}

// typed reports whether the draft holds anything typed on the basics or
// victim pages.
func (d intakeDraft) typed() bool {
	return d.Found != "" || strings.TrimSpace(d.Narrative) != "" || d.Victim != (incident.Victim{})
}

// intakeWizard asks the playbook's questions one per screen, then (for a
// new case) the basics, and ends on the personal plan.
type intakeWizard struct {
	u *appUI
	// state
	caseID    int64 // 0 for a new case
	questions []playbook.Question
	page      int // 0..len(questions)-1 questions, len(questions) basics
	answers   playbook.Answers
	// suspects are the organisations ticked on the source-kind page, in
	// the order ticked (the first is the main one), each with its name and
	// grounds; answers.SourceKind, SourceOrg and Grounds follow the first.
	suspects  []incident.Suspect
	prev      incident.Intake // the stored answers when re-running
	done      bool
	resumed   bool   // answers came from an unfinished intake
	autoTitle string // the title the wizard suggested, not worth a draft by itself
	// first is the page's first answer, which takes the focus when the
	// page is shown, so the keyboard carries on from page to page.
	first fyne.Focusable

	// widgets
	root      *fyne.Container
	step      *widget.Label
	bar       *widget.ProgressBar
	body      *fyne.Container
	back      *widget.Button
	next      *enterButton
	notSure   *widget.Button
	cancel    *widget.Button // "Cancel" while answering, "Close" once the case exists
	title     *imeEntry
	victim    *imeEntry
	found     *imeEntry
	narrative *imeEntry
	orgEntry  *imeEntry
	// The victim's details for the packets (the last page of a new case).
	idNumber *imeEntry
	phone    *imeEntry
	address  *imeEntry
	idHint   *widget.Label
	// stored is the intake as finish handed it to the service.
	stored incident.Intake
}

func newIntakeWizard(u *appUI, caseID int64) *intakeWizard {
	w := &intakeWizard{u: u, caseID: caseID, questions: playbook.Questions()}
	w.title, w.victim, w.found, w.narrative = newEntry(), newEntry(), newEntry(), newMultiLineEntry()
	w.orgEntry = newEntry()
	w.idNumber, w.phone, w.address = newEntry(), newEntry(), newEntry()
	w.idHint = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	if caseID != 0 {
		c, err := u.deps.Service.Case(u.ctx, caseID)
		if err != nil {
			u.showError(err)
		} else {
			w.prev = c.Intake
			w.answers = c.Intake.Answers()
			w.suspects = c.SuspectList()
		}
		if d := u.rerunDraft; d != nil && d.CaseID == caseID {
			w.restore(*d)
		}
	} else {
		w.loadDraft()
	}
	// Whatever route leaves the wizard (top bar, Ctrl+W, lock, closing the
	// window) runs the flushers first; the draft is saved there.
	u.addFlush(w.keepDraft)
	w.step = &widget.Label{}
	w.bar = &widget.ProgressBar{Max: 1}
	w.bar.TextFormatter = func() string { return "" }
	w.body = container.NewStack()
	w.back = &widget.Button{Text: lang.L("Back"), Icon: theme.NavigateBackIcon(), OnTapped: w.onBack}
	w.next = newEnterButton(lang.L("Next"), theme.NavigateNextIcon(), widget.HighImportance, w.onNext)
	w.next.IconPlacement = widget.ButtonIconTrailingText
	// Enter in a single-line field goes on, as on an answer.
	for _, e := range []*imeEntry{w.orgEntry, w.title, w.victim, w.found, w.idNumber, w.phone, w.address} {
		e.OnSubmitted = func(string) { w.onNext() }
	}
	w.notSure = &widget.Button{Text: lang.L("I'm not sure — skip"), OnTapped: w.onNotSure}
	w.cancel = &widget.Button{Text: lang.L("Cancel"), Importance: widget.LowImportance, OnTapped: u.goHome}
	restart := &widget.Button{Text: lang.L("Start over"), Importance: widget.LowImportance, OnTapped: w.onStartOver}
	if !w.resumed {
		restart.Hide()
	}
	heading := lang.L("New case: what happened?")
	if caseID != 0 {
		heading = lang.L("Answer the questions again")
	}
	top := container.NewVBox(
		&widget.Label{Text: heading, SizeName: theme.SizeNameHeadingText},
		container.NewBorder(nil, nil, w.step, nil, w.bar),
	)
	buttons := container.NewHBox(w.cancel, restart, layout.NewSpacer(), w.back, w.notSure, w.next)
	w.root = container.NewBorder(top, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, container.NewPadded(w.body))
	w.refresh()
	return w
}

// pages counts the screens before the plan: the questions, and for a new
// case the basics and the victim's details.
func (w *intakeWizard) pages() int {
	if w.caseID == 0 {
		return len(w.questions) + 2
	}
	return len(w.questions)
}

func (w *intakeWizard) refresh() {
	n := w.pages()
	w.step.SetText(lang.L("Step {{.N}} of {{.Total}}", map[string]any{"N": w.page + 1, "Total": n}))
	w.bar.SetValue(float64(w.page+1) / float64(n+1))
	if w.page == 0 {
		w.back.Disable()
	} else {
		w.back.Enable()
	}
	w.next.SetText(lang.L("Next"))
	w.notSure.Hide()
	var obj fyne.CanvasObject
	w.first = nil
	if w.page < len(w.questions) {
		q := w.questions[w.page]
		obj = w.questionView(q)
		// Single questions carry their own "not sure" option.
		if q.NotSure && q.Kind != "single" {
			w.notSure.Show()
		}
		if w.page == n-1 {
			w.next.SetText(lang.L("Update my plan"))
		}
	} else if w.page == len(w.questions) {
		obj = w.basicsView()
	} else {
		obj = w.victimView()
		w.next.SetText(lang.L("Make my plan"))
		// Every field of this page may stay empty.
		w.notSure.SetText(lang.L("Skip — fill in later"))
		w.notSure.Show()
	}
	if w.page < len(w.questions) {
		w.notSure.SetText(lang.L("I'm not sure — skip"))
	}
	w.body.Objects = []fyne.CanvasObject{container.NewVScroll(obj)}
	w.body.Refresh()
	w.focusPage()
}

// focusPage puts the focus where the page expects input: the caret in its
// field, else its first answer, else Next; so the keyboard alone gets
// through and never loses its place between pages (issue 15 item 7). The
// wizard's screen must be in the window (newCase calls it again once it is).
func (w *intakeWizard) focusPage() {
	if w.done {
		return
	}
	switch {
	case w.page < len(w.questions) && w.questions[w.page].Kind == "text":
		w.u.win.Canvas().Focus(w.orgEntry)
	case w.page == len(w.questions):
		w.u.win.Canvas().Focus(w.title)
	case w.page > len(w.questions):
		w.u.win.Canvas().Focus(w.victim)
	case w.first != nil:
		w.u.win.Canvas().Focus(w.first)
	default:
		w.u.win.Canvas().Focus(w.next)
	}
}

// newCheck is an answer of the page: Enter on it goes on, and the first
// one takes the focus when the page is shown.
func (w *intakeWizard) newCheck(text string, checked bool) *wizCheck {
	c := newWizCheck(text, checked, w.onNext)
	if w.first == nil {
		w.first = c
	}
	return c
}

func (w *intakeWizard) questionView(q playbook.Question) fyne.CanvasObject {
	code := w.u.lang()
	box := container.NewVBox(
		&widget.Label{Text: q.Prompt.In(code), SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: q.Help.In(code), Wrapping: fyne.TextWrapWord},
	)
	// Many options fit on one screen in two columns, so nobody misses the
	// ones below the fold.
	choices := container.NewGridWithColumns(2)
	switch q.Key {
	case "source-kind":
		box.Add(w.suspectKindsView(q, choices))
		return box
	case "source-org":
		if w.namedKinds() > 0 {
			box.Add(w.suspectNamesView())
			return box
		}
	case "grounds":
		if len(w.suspects) > 1 {
			box.Add(w.suspectGroundsView(q))
			return box
		}
	}
	switch q.Kind {
	case "multi":
		for _, o := range q.Options {
			key := o.Key
			chk := w.newCheck(o.Label.In(code), slices.Contains(w.multi(q.Key), key))
			chk.OnChanged = func(on bool) { w.setMulti(q.Key, key, on) }
			choices.Add(w.option(chk, o.Hint.In(code)))
		}
		box.Add(choices)
		if q.Key == "happened" {
			box.Add(w.usedForView()) // issue 9: what each leaked item was used for
		}
	case "single":
		// One answer: ticking one unticks the others; unticking the
		// ticked one is not possible, as with radio buttons.
		var radios []*wizCheck
		for _, o := range q.Options {
			key := o.Key
			rg := w.newCheck(o.Label.In(code), w.single(q.Key) == key)
			rg.OnChanged = func(on bool) {
				if !on {
					if w.single(q.Key) == key {
						rg.SetChecked(true)
					}
					return
				}
				w.setSingle(q.Key, key)
				for _, other := range radios {
					if other != rg && other.Checked {
						other.SetChecked(false)
					}
				}
			}
			radios = append(radios, rg)
			choices.Add(w.option(asRadio(rg), o.Hint.In(code)))
		}
		box.Add(choices)
	case "text":
		w.orgEntry.SetText(w.answers.SourceOrg)
		w.orgEntry.OnChanged = func(s string) { w.answers.SourceOrg = strings.TrimSpace(s) }
		w.orgEntry.SetPlaceHolder(lang.L("Name of the organisation, if you know it"))
		box.Add(w.orgEntry)
	}
	return box
}

// option shows a choice with its hint underneath, indented to the text.
func (w *intakeWizard) option(choice fyne.CanvasObject, hint string) fyne.CanvasObject {
	if hint == "" {
		return choice
	}
	h := &widget.Label{Text: hint, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	return container.NewVBox(choice, container.New(layout.NewCustomPaddedLayout(-theme.Padding()*2, 0, theme.IconInlineSize()+theme.Padding(), 0), h))
}

func (w *intakeWizard) multi(key string) []string {
	switch key {
	case "leaked":
		return w.answers.Leaked
	case "grounds":
		return w.answers.Grounds
	}
	return w.answers.Happened
}

func (w *intakeWizard) setMulti(key, opt string, on bool) {
	list := w.multi(key)
	list = slices.DeleteFunc(slices.Clone(list), func(s string) bool { return s == opt })
	if on {
		list = append(list, opt)
	}
	switch key {
	case "leaked":
		w.answers.Leaked = list
	case "grounds":
		w.answers.Grounds = list
		if len(w.suspects) > 0 {
			w.suspects[0].Grounds = list
		}
	default:
		w.answers.Happened = list
	}
	w.saveDraft()
}

func (w *intakeWizard) single(key string) string {
	if key == "source-kind" {
		return w.answers.SourceKind
	}
	return w.answers.Insider
}

func (w *intakeWizard) setSingle(key, opt string) {
	if key == "source-kind" {
		w.answers.SourceKind = opt
	} else {
		w.answers.Insider = opt
	}
	w.saveDraft()
}

func (w *intakeWizard) basicsView() fyne.CanvasObject {
	if w.title.Text == "" || w.title.Text == w.autoTitle {
		w.autoTitle = w.suggestTitle()
		w.title.SetText(w.autoTitle)
	}
	w.found.SetPlaceHolder(lang.L("e.g. 2026-03-05; leave empty if unsure"))
	w.narrative.SetPlaceHolder(lang.L("In your own words: what happened, when, who contacted you, what they knew. You can add to this later."))
	w.narrative.SetMinRowsVisible(6)
	importBtn := &widget.Button{Text: lang.L("Import from a text file…"), Icon: theme.FileTextIcon(), OnTapped: func() { importTextInto(w.u, w.narrative) }}
	form := &widget.Form{Items: []*widget.FormItem{
		{Text: lang.L("Case title"), Widget: w.title, HintText: lang.L("Only for you, to find the case again")},
		{Text: lang.L("Noticed on"), Widget: w.found},
		{Text: lang.L("What happened"), Widget: container.NewBorder(nil, container.NewHBox(importBtn), nil, nil, w.narrative)},
	}}
	return container.NewVBox(
		&widget.Label{Text: lang.L("Almost done: a few details for the case"), SizeName: theme.SizeNameSubHeadingText},
		&widget.Label{Text: lang.L("All optional except the title. Everything stays on this computer."), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord},
		form,
	)
}

// victimView asks for the victim's details where the packets need them:
// the police report and the complaints print name, ID number, phone and
// address, and would otherwise print blanks. All of it may be skipped.
func (w *intakeWizard) victimView() fyne.CanvasObject {
	w.victim.SetPlaceHolder(lang.L("Name of the person whose information leaked"))
	w.idNumber.SetPlaceHolder(lang.L("18 characters, the last may be X"))
	w.phone.SetPlaceHolder(lang.L("A number where the police or the company can reach you"))
	w.address.SetPlaceHolder(lang.L("Where letters can reach you"))
	w.idNumber.OnChanged = func(s string) { w.idHint.SetText(idWarning(s, w.u.lang())) }
	w.idHint.SetText(idWarning(w.idNumber.Text, w.u.lang()))
	form := &widget.Form{Items: []*widget.FormItem{
		{Text: lang.L("Victim's name"), Widget: w.victim},
		{Text: lang.L("ID number"), Widget: container.NewVBox(w.idNumber, w.idHint)},
		{Text: lang.L("Phone"), Widget: w.phone},
		{Text: lang.L("Address"), Widget: w.address},
	}}
	return container.NewVBox(
		&widget.Label{Text: lang.L("Your details for the documents"), SizeName: theme.SizeNameSubHeadingText},
		&widget.Label{Text: lang.L("The police report and the complaints must say who is reporting. What you fill in here is printed there; what you leave empty is left blank for you to write by hand. You can change it later under Details."), Wrapping: fyne.TextWrapWord},
		form,
	)
}

func (w *intakeWizard) suggestTitle() string {
	code := w.u.lang()
	name := w.answers.SourceOrg
	if name == "" {
		for _, o := range playbook.SourceKinds() {
			if o.Key == w.answers.SourceKind && o.Key != "unknown" {
				name = o.Label.In(code)
			}
		}
	}
	if name == "" {
		return lang.L("Information leak {{.Date}}", map[string]any{"Date": w.u.formatDate(w.u.deps.Service.Now())})
	}
	return lang.L("Leak at {{.Source}}", map[string]any{"Source": name})
}

func (w *intakeWizard) onBack() {
	if w.page > 0 {
		w.page--
		w.refresh()
	}
}

func (w *intakeWizard) onNotSure() {
	if w.page >= len(w.questions) {
		// The victim page: skipping keeps what was typed and goes on.
		w.onNext()
		return
	}
	q := w.questions[w.page]
	switch q.Key {
	case "leaked":
		w.answers.Leaked = nil
	case "happened":
		w.answers.Happened, w.answers.UsedFor = nil, nil
	case "grounds":
		w.answers.Grounds = nil
		for i := range w.suspects {
			w.suspects[i].Grounds = nil
		}
	case "source-org":
		w.answers.SourceOrg = ""
		w.orgEntry.SetText("")
		for i := range w.suspects {
			w.suspects[i].Name = ""
		}
	}
	w.saveDraft()
	w.onNext()
}

func (w *intakeWizard) onNext() {
	if w.page < w.pages()-1 {
		w.page++
		w.saveDraft()
		w.refresh()
		return
	}
	w.finish()
}

// finish creates the case (new intake) and merges the plan.
func (w *intakeWizard) finish() {
	if w.done {
		return
	}
	svc, ctx := w.u.deps.Service, w.u.ctx
	w.syncSuspects()
	in := incident.Intake{Leaked: w.answers.Leaked, Happened: w.answers.Happened, SourceKind: w.answers.SourceKind,
		SourceOrg: w.answers.SourceOrg, Insider: w.answers.Insider, Grounds: w.answers.Grounds, UsedFor: w.usedForAnswers(), Suspects: w.suspects}
	if len(w.suspects) == 0 {
		// Nothing ticked, or only "I don't know": the answers say so.
		in.Suspects = []incident.Suspect{}
	}
	w.stored = in
	id := w.caseID
	if id == 0 {
		c := incident.Case{Title: strings.TrimSpace(w.title.Text), Narrative: w.narrative.Text,
			Victim: w.typedVictim(), SourceOrg: in.SourceOrg}
		if s := strings.TrimSpace(w.found.Text); s != "" {
			d, err := parseDay(s)
			if err != nil {
				// Back to the field, with everything typed still there.
				w.page = len(w.questions)
				w.refresh()
				w.u.win.Canvas().Focus(w.found)
				w.u.showError(incident.Errorf(incident.CodeInvalid, "“发现日期”请写成 2026-03-05 这样的格式，或者留空。",
					"Write \"noticed on\" like 2026-03-05, or leave it empty.", err))
				return
			}
			c.DiscoveredAt = d
		}
		// One transaction for the case and its plan (the same call as
		// `leakdesk case new --answers`): a failure leaves nothing behind.
		newID, ch, err := svc.StartCase(ctx, c, in)
		if err != nil {
			w.u.showError(err)
			return
		}
		w.planned(newID, ch)
		return
	}
	ch, err := svc.RunIntake(ctx, id, in)
	if err != nil {
		w.u.showError(err)
		return
	}
	w.planned(id, ch)
}

// planned ends the intake on the plan it made.
func (w *intakeWizard) planned(id int64, ch incident.PlanChange) {
	w.done = true
	if w.caseID == 0 {
		w.clearDraft()
	} else {
		w.u.rerunDraft = nil
	}
	w.caseID = id
	w.u.refreshCases()
	w.showPlan(ch)
}

// parseDay reads a typed date the one way every date field does.
func parseDay(s string) (time.Time, error) { return incident.ParseDate(s) }

// showPlan ends the intake on the plan, so the next thing the user sees is
// what to do first.
func (w *intakeWizard) showPlan(ch incident.PlanChange) {
	code := w.u.lang()
	w.step.SetText(lang.L("Your plan is ready"))
	w.bar.SetValue(1)
	box := container.NewVBox()
	if w.prev.Leaked == nil && w.prev.Happened == nil && w.prev.SourceKind == "" && len(ch.Retired) == 0 && len(ch.Restored) == 0 {
		box.Add(&widget.Label{Text: lang.L("Your personal plan is ready"), SizeName: theme.SizeNameSubHeadingText})
		box.Add(&widget.Label{Text: lang.L("Work through the steps in this order; the first ones protect you from further harm. Each step explains why, the legal basis and how. Your progress is saved as you go."), Wrapping: fyne.TextWrapWord})
		// The plan as the service made it: from the stored intake, whose
		// answers include every suspect (the wizard's own answers hold the
		// first one only, and listed two steps fewer for a shop beside a
		// courier).
		for i, s := range playbook.Plan(w.stored.Answers()) {
			box.Add(&widget.Label{Text: lang.L("{{.N}}. {{.Title}}", map[string]any{"N": i + 1, "Title": s.Title.In(code)}), Wrapping: fyne.TextWrapWord})
		}
	} else {
		box.Add(&widget.Label{Text: lang.L("Your plan was updated"), SizeName: theme.SizeNameSubHeadingText})
		box.Add(&widget.Label{Text: lang.L("Nothing you recorded was lost: steps no longer suggested are kept with their notes, marked as retired."), Wrapping: fyne.TextWrapWord})
		for _, g := range []struct {
			head  string
			kinds []string
		}{{lang.L("Added"), ch.Added}, {lang.L("Retired"), ch.Retired}, {lang.L("Back in the plan"), ch.Restored}} {
			if len(g.kinds) == 0 {
				continue
			}
			box.Add(&widget.Label{Text: g.head, TextStyle: fyne.TextStyle{Bold: true}})
			for _, k := range g.kinds {
				box.Add(&widget.Label{Text: "• " + stepTitle(k, code), Wrapping: fyne.TextWrapWord})
			}
		}
		if len(ch.Added)+len(ch.Retired)+len(ch.Restored) == 0 {
			box.Add(&widget.Label{Text: lang.L("The answers did not change the plan.")})
		}
	}
	w.body.Objects = []fyne.CanvasObject{container.NewVScroll(box)}
	w.body.Refresh()
	w.back.Hide()
	w.notSure.Hide()
	// The case and its plan are saved: there is nothing left to cancel,
	// so the button says what it does (issue 15 item 12).
	w.cancel.SetText(lang.L("Close"))
	w.next.SetText(lang.L("Open my plan"))
	w.next.OnTapped = func() {
		w.u.openCase(w.caseID)
		if w.u.ws != nil {
			w.u.ws.showTab(tabPlan)
		}
	}
	// Enter or Space opens the plan.
	w.u.win.Canvas().Focus(w.next)
}

// stepTitle names a playbook step kind in the user's language.
func stepTitle(kind, code string) string {
	if s, ok := playbook.Lookup(kind); ok {
		return s.Title.In(code)
	}
	return kind
}

// typedVictim is the victim's details as typed on the last page.
func (w *intakeWizard) typedVictim() incident.Victim {
	return incident.Victim{Name: strings.TrimSpace(w.victim.Text), IDNumber: strings.ToUpper(strings.TrimSpace(w.idNumber.Text)),
		Phone: strings.TrimSpace(w.phone.Text), Address: strings.TrimSpace(w.address.Text)}
}

// draft is the wizard's state as a draft.
func (w *intakeWizard) draft() intakeDraft {
	d := intakeDraft{V: 2, CaseID: w.caseID, Page: w.page, Answers: w.answers, Suspects: w.suspects, Found: strings.TrimSpace(w.found.Text),
		Narrative: w.narrative.Text, Victim: w.typedVictim()}
	if t := strings.TrimSpace(w.title.Text); t != w.autoTitle {
		d.Title = t
	}
	return d
}

// restore fills the wizard from a draft.
func (w *intakeWizard) restore(d intakeDraft) {
	w.answers = d.Answers
	w.suspects = d.Suspects
	if len(w.suspects) == 0 && d.Answers.SourceKind != "" && d.Answers.SourceKind != string(incident.SourceUnknown) {
		// A draft from before several suspects.
		w.suspects = []incident.Suspect{{Kind: incident.SourceKind(d.Answers.SourceKind), Name: d.Answers.SourceOrg, Grounds: d.Answers.Grounds}}
	}
	w.page = min(max(d.Page, 0), w.pages()-1)
	w.title.SetText(d.Title)
	w.found.SetText(d.Found)
	w.narrative.SetText(d.Narrative)
	w.victim.SetText(d.Victim.Name)
	w.idNumber.SetText(d.Victim.IDNumber)
	w.phone.SetText(d.Victim.Phone)
	w.address.SetText(d.Victim.Address)
	w.resumed = true
}

// saveDraft stores the draft of a new case; called as answers change.
func (w *intakeWizard) saveDraft() {
	if w.caseID != 0 || w.done {
		return
	}
	b, err := json.Marshal(w.draft())
	if err != nil {
		return
	}
	if err := w.u.deps.Service.SetSetting(w.u.ctx, settingIntakeDraft, string(b)); err != nil {
		logError("saving the intake draft", err)
	}
}

// keepDraft runs when the wizard is left before the plan is made: a new
// case's draft goes to the store (sealed in an encrypted one), a re-run's
// stays in memory until the same case's intake is opened again.
func (w *intakeWizard) keepDraft() {
	if w.done {
		return
	}
	if w.caseID != 0 {
		d := w.draft()
		w.u.rerunDraft = &d
		return
	}
	w.saveDraft()
	if d := w.draft(); d.typed() || d.Title != "" || d.Page > 0 {
		w.u.notify(lang.L("Your unfinished case was kept. New case continues where you left off."))
	}
}

func (w *intakeWizard) loadDraft() {
	s, err := w.u.deps.Service.Setting(w.u.ctx, settingIntakeDraft, "")
	if err != nil || s == "" {
		return
	}
	var d intakeDraft
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return
	}
	if d.V < 2 {
		// A draft from before version 2 is the bare answers.
		d = intakeDraft{}
		if err := json.Unmarshal([]byte(s), &d.Answers); err != nil {
			return
		}
	}
	w.restore(d)
}

func (w *intakeWizard) onStartOver() {
	w.answers = playbook.Answers{}
	w.suspects = nil
	w.clearDraft()
	w.page = 0
	w.autoTitle = ""
	for _, e := range []*imeEntry{w.orgEntry, w.title, w.found, w.narrative, w.victim, w.idNumber, w.phone, w.address} {
		e.SetText("")
	}
	w.refresh()
}

func (w *intakeWizard) clearDraft() {
	if err := w.u.deps.Service.SetSetting(w.u.ctx, settingIntakeDraft, ""); err != nil {
		logError("clearing the intake draft", err)
	}
}

// suspectKindsView is the source-kind question with several answers: the
// courier and the shop may both be suspected (issue 15). The first ticked
// is the main suspect; "I don't know" clears the others.
func (w *intakeWizard) suspectKindsView(q playbook.Question, choices *fyne.Container) fyne.CanvasObject {
	code := w.u.lang()
	var checks []*wizCheck
	unknownTicked := w.answers.SourceKind == string(incident.SourceUnknown) && len(w.suspects) == 0
	for _, o := range q.Options {
		key := incident.SourceKind(o.Key)
		chk := w.newCheck(o.Label.In(code), slices.ContainsFunc(w.suspects, func(s incident.Suspect) bool { return s.Kind == key }) ||
			(key == incident.SourceUnknown && unknownTicked))
		chk.OnChanged = func(on bool) {
			w.setSuspectKind(key, on)
			// "I don't know" and a kind exclude each other.
			for i, other := range checks {
				k := incident.SourceKind(q.Options[i].Key)
				want := slices.ContainsFunc(w.suspects, func(s incident.Suspect) bool { return s.Kind == k }) ||
					(k == incident.SourceUnknown && w.answers.SourceKind == string(incident.SourceUnknown) && len(w.suspects) == 0)
				if other.Checked != want {
					other.SetChecked(want)
				}
			}
		}
		checks = append(checks, chk)
		choices.Add(w.option(chk, o.Hint.In(code)))
	}
	hint := &widget.Label{Text: lang.L("You may tick more than one, for example the courier and the shop. Each gets its own complaint and deletion letter; the police report names them all."),
		Wrapping: fyne.TextWrapWord}
	return container.NewVBox(hint, choices)
}

// setSuspectKind ticks or unticks a kind of suspect.
func (w *intakeWizard) setSuspectKind(k incident.SourceKind, on bool) {
	w.suspects = slices.DeleteFunc(slices.Clone(w.suspects), func(s incident.Suspect) bool { return s.Kind == k })
	switch {
	case on && k == incident.SourceUnknown:
		w.suspects = nil
		w.answers.SourceKind = string(incident.SourceUnknown)
	case on:
		w.suspects = append(w.suspects, incident.Suspect{Kind: k})
	}
	w.syncSuspects()
	w.saveDraft()
}

// syncSuspects makes the main suspect the answers' source, which the
// plan, the title and the single-source questions read.
func (w *intakeWizard) syncSuspects() {
	if len(w.suspects) == 0 {
		if w.answers.SourceKind != string(incident.SourceUnknown) {
			w.answers.SourceKind = ""
		}
		return
	}
	s := w.suspects[0]
	w.answers.SourceKind, w.answers.SourceOrg, w.answers.Grounds = string(s.Kind), s.Name, s.Grounds
}

// namedKinds counts the suspects to name on the organisation page.
func (w *intakeWizard) namedKinds() int { return len(w.suspects) }

// suspectNamesView asks the name of each suspected organisation.
func (w *intakeWizard) suspectNamesView() fyne.CanvasObject {
	form := &widget.Form{}
	for i := range w.suspects {
		e := newEntry()
		if i == 0 {
			e = w.orgEntry // the entry the wizard focuses on this page
		}
		e.OnChanged = nil
		e.SetText(w.suspects[i].Name)
		e.SetPlaceHolder(lang.L("Name of the organisation, if you know it"))
		e.OnSubmitted = func(string) { w.onNext() }
		e.OnChanged = func(s string) {
			w.suspects[i].Name = strings.TrimSpace(s)
			w.syncSuspects()
		}
		form.Append(source.Label(w.suspects[i].Kind, w.u.lang()), e)
		// Its address, for the letter and the complaint each suspect gets
		// (issue 15 item 2): asked here for every suspect, not only the
		// main one on the Details tab.
		a := newEntry()
		a.SetText(w.suspects[i].Addr)
		a.SetPlaceHolder(lang.L("Its address or contact for letters, if you know it"))
		a.OnChanged = func(s string) {
			w.suspects[i].Addr = strings.TrimSpace(s)
			w.saveDraft()
		}
		a.OnSubmitted = func(string) { w.onNext() }
		form.Append(lang.L("Address"), a)
	}
	return form
}

// suspectGroundsView asks, for each suspect, why it is suspected.
func (w *intakeWizard) suspectGroundsView(q playbook.Question) fyne.CanvasObject {
	code := w.u.lang()
	box := container.NewVBox()
	for i := range w.suspects {
		box.Add(&widget.Label{Text: lang.L("Why {{.Name}}?", map[string]any{"Name": w.suspectLabel(i)}), TextStyle: fyne.TextStyle{Bold: true}})
		grid := container.NewGridWithColumns(2)
		for _, o := range q.Options {
			key := o.Key
			chk := w.newCheck(o.Label.In(code), slices.Contains(w.suspects[i].Grounds, key))
			chk.OnChanged = func(on bool) {
				g := slices.DeleteFunc(slices.Clone(w.suspects[i].Grounds), func(s string) bool { return s == key })
				if on {
					g = append(g, key)
				}
				w.suspects[i].Grounds = g
				w.syncSuspects()
				w.saveDraft()
			}
			grid.Add(chk)
		}
		box.Add(grid)
	}
	return box
}

// suspectLabel names suspect i on screen: its name, else its kind.
func (w *intakeWizard) suspectLabel(i int) string {
	if n := w.suspects[i].Name; n != "" {
		return n
	}
	return source.Label(w.suspects[i].Kind, w.u.lang())
}
