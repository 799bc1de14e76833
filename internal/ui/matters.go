package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/source"
	"leakdesk/internal/report"
	packetexport "leakdesk/internal/report/export"
)

// Issue 13: matters — a volunteer helping several victims of one
// respondent. The workflows are the service's (incident/matter.go) and
// the export's (report/export/matter.go, arriving as Deps functions); this
// file only shows them.

// MatterExportFunc writes a matter's joint document (kind: one of
// report.MatterKinds) to path and returns who was left out (no consent)
// and whose authorisation is not in order.
type MatterExportFunc func(ctx context.Context, matterID int64, kind, path string, progress func(float64)) (excluded, warnings []string, err error)

// MatterExportAllFunc writes the matter's joint documents and a folder per
// victim into dir; progress says which document of how many is being
// written. A cancelled ctx stops at the next document.
type MatterExportAllFunc func(ctx context.Context, matterID int64, dir string, progress func(done, total int, name string)) (files []string, err error)

// AuthorisationFunc makes a victim's 授权委托书 naming the volunteer set in
// Settings, records it on her case with its default term and writes it to
// path.
type AuthorisationFunc func(ctx context.Context, caseID int64, path string) error

const screenMatters = "matters"

// mattersView lists the matters; a tap opens one.
type mattersView struct {
	u     *appUI
	items []incident.MatterSummary

	root  *fyne.Container
	list  *widget.List
	body  *fyne.Container
	empty fyne.CanvasObject
	open  *matterView
}

func newMattersView(u *appUI) *mattersView {
	v := &mattersView{u: u}
	v.list = &widget.List{
		Length: func() int { return len(v.items) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewVBox(&widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
				&widget.Label{Truncation: fyne.TextTruncateEllipsis})
		},
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			m := v.items[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(incident.MatterNumber(m.ID) + "  " + m.Title)
			box.Objects[1].(*widget.Label).SetText(lang.L("Respondent: {{.Name}} — {{.N}} victims", map[string]any{"Name": m.RespondentName, "N": m.Cases}))
		},
		OnSelected: func(i widget.ListItemID) {
			v.list.UnselectAll()
			if i < len(v.items) {
				v.showMatter(v.items[i].ID)
			}
		},
	}
	v.list.ExtendBaseWidget(v.list)
	v.empty = container.NewVBox(wrapped(lang.L("No matters yet. A matter groups the cases of several victims against one respondent: the respondent is entered once, the police count the records of all of them together, and joint documents are made for those who agree.")))
	v.body = container.NewStack(v.list)
	newBtn := &widget.Button{Text: lang.L("New matter…"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: v.onNew}
	top := container.NewBorder(nil, nil, &widget.Label{Text: lang.L("Matters"), SizeName: theme.SizeNameHeadingText}, newBtn)
	v.root = container.NewBorder(top, nil, nil, nil, v.body)
	return v
}

func (v *mattersView) refresh() {
	var items []incident.MatterSummary
	svc, ctx := v.u.deps.Service, v.u.ctx
	v.u.load(func() error {
		var err error
		items, err = svc.Matters(ctx)
		return err
	}, func(err error) {
		if err != nil {
			v.u.showError(err)
			return
		}
		v.items = items
		var obj fyne.CanvasObject = v.list
		if len(items) == 0 {
			obj = v.empty
		}
		v.body.Objects = []fyne.CanvasObject{obj}
		v.body.Refresh()
		v.list.Refresh()
	})
}

// onNew asks for the matter's name and respondent.
func (v *mattersView) onNew() {
	f := newMatterForm(incident.Matter{})
	d := dialog.NewForm(lang.L("New matter"), lang.L("Create"), lang.L("Cancel"), f.items(), func(ok bool) {
		if !ok {
			return
		}
		id, err := v.u.deps.Service.CreateMatter(v.u.ctx, f.matter())
		if err != nil {
			v.u.showError(err)
			return
		}
		v.showMatter(id)
	}, v.u.win)
	d.Resize(fyne.NewSize(620, 460))
	d.Show()
}

func (v *mattersView) showMatter(id int64) {
	v.open = newMatterView(v.u, id)
	v.u.show(screenMatters, v.open.root)
	v.open.refresh()
}

// matterForm is the respondent's details, one form for new and edit.
type matterForm struct {
	base     incident.Matter
	title    *imeEntry
	name     *imeEntry
	addr     *imeEntry
	kind     *widget.Select
	contacts *imeEntry
	kinds    []incident.SourceKind
}

func newMatterForm(m incident.Matter) *matterForm {
	f := &matterForm{base: m, title: newEntry(), name: newEntry(), addr: newEntry(), contacts: newMultiLineEntry(), kinds: incident.SourceKinds()}
	f.title.SetText(m.Title)
	f.name.SetText(m.Respondent.Name)
	f.addr.SetText(m.Respondent.Addr)
	f.contacts.SetText(strings.Join(m.Respondent.Contacts, "\n"))
	f.contacts.SetMinRowsVisible(2)
	var labels []string
	for _, k := range f.kinds {
		labels = append(labels, source.Label(k, langCode()))
	}
	f.kind = widget.NewSelect(labels, nil)
	k := m.Respondent.Kind
	if k == "" {
		k = incident.SourceUnknown
	}
	f.kind.SetSelected(source.Label(k, langCode()))
	return f
}

func (f *matterForm) items() []*widget.FormItem {
	return []*widget.FormItem{
		{Text: lang.L("Name of the matter"), Widget: f.title, HintText: lang.L("For example: flat buyers of one estate")},
		{Text: lang.L("Respondent"), Widget: f.name, HintText: lang.L("The organisation all the victims complain about")},
		{Text: lang.L("Address"), Widget: f.addr},
		{Text: lang.L("Kind"), Widget: f.kind},
		{Text: lang.L("Contacts"), Widget: f.contacts, HintText: lang.L("Phone numbers or websites, one a line")},
	}
}

func (f *matterForm) matter() incident.Matter {
	m := f.base
	m.Title, m.Respondent.Name, m.Respondent.Addr = f.title.Text, f.name.Text, f.addr.Text
	m.Respondent.Contacts = strings.Split(f.contacts.Text, "\n")
	if i := f.kind.SelectedIndex(); i >= 0 {
		m.Respondent.Kind = f.kinds[i]
	}
	return m
}

// langCode is the language lang.L speaks now, for labels from the domain.
func langCode() string {
	if lang.L("Matters") == "Matters" {
		return "en"
	}
	return "zh"
}

// matterView is one matter: each victim's progress and what she still
// lacks, the shared deadlines, the records added up, and the joint
// documents.
type matterView struct {
	u  *appUI
	id int64
	ov *incident.MatterOverview
	// reading is the matter's severity summary; "" until loaded.
	reading string

	root      *fyne.Container
	header    *widget.Label
	resp      *widget.Label
	counts    *wrapLabel
	victims   *fyne.Container
	deadlines *fyne.Container
	progress  *widget.ProgressBar
	status    *widget.Label
	cancelBtn *widget.Button
	cancel    context.CancelFunc
	after     *fyne.Container
	exportBtn []*widget.Button
	// preview is the joint document's preview dialog last shown (tests).
	preview dialog.Dialog
	// content is the scrolled column: laid out again whenever a part of
	// it changes size (the victims, the deadlines, the notes).
	content *fyne.Container
	scroll  *container.Scroll
}

func newMatterView(u *appUI, id int64) *matterView {
	v := &matterView{u: u, id: id}
	v.header = &widget.Label{SizeName: theme.SizeNameHeadingText, Truncation: fyne.TextTruncateEllipsis}
	v.resp = &widget.Label{Wrapping: fyne.TextWrapWord}
	v.counts = wrapped("")
	v.victims = container.NewVBox()
	v.deadlines = container.NewVBox()
	v.progress = widget.NewProgressBar()
	v.progress.Hide()
	v.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	v.cancelBtn = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: v.onCancel}
	v.cancelBtn.Hide()
	v.after = container.NewVBox()
	back := &widget.Button{Text: lang.L("All matters"), Icon: theme.NavigateBackIcon(), OnTapped: u.showMatters}
	edit := &widget.Button{Text: lang.L("Edit respondent…"), Icon: theme.DocumentCreateIcon(), OnTapped: v.onEdit}
	add := &widget.Button{Text: lang.L("Add a victim's case…"), Icon: theme.ContentAddIcon(), OnTapped: v.onAdd}
	del := &widget.Button{Text: lang.L("Delete matter…"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: v.onDelete}
	// Each joint document is previewed first (what it will state, who is
	// in it), then saved from the preview.
	jp := &widget.Button{Text: lang.L("Joint police document…"), Icon: theme.DocumentSaveIcon(), OnTapped: func() { v.onPreview(report.KindJointPolice) }}
	jc := &widget.Button{Text: facts.Expand(u.lang(), lang.L("Joint {hotline.12315} complaint…")), Icon: theme.DocumentSaveIcon(), OnTapped: func() { v.onPreview(report.KindJointConsumer) }}
	all := &widget.Button{Text: lang.L("Export everything…"), Icon: theme.FolderOpenIcon(), OnTapped: v.onExportAll}
	v.exportBtn = []*widget.Button{jp, jc, all}
	if u.deps.MatterExport == nil {
		jp.Hide()
		jc.Hide()
	}
	if u.deps.MatterExportAll == nil {
		all.Hide()
	}
	section := func(title string) *widget.Label {
		return &widget.Label{Text: title, SizeName: theme.SizeNameSubHeadingText}
	}
	v.content = container.NewVBox(
		container.NewBorder(nil, nil, back, container.NewHBox(edit, del), v.header), v.resp,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, section(lang.L("Victims")), add),
		v.victims,
		widget.NewSeparator(),
		section(lang.L("Records added up (for the police)")), v.counts,
		widget.NewSeparator(),
		section(lang.L("Shared deadlines")), v.deadlines,
		widget.NewSeparator(),
		section(lang.L("Joint documents")),
		wrapped(lang.L("Only victims whose consent is recorded are named. You are named as their agent only where a signed authorisation is recorded and in its term.")),
		container.NewHBox(jp, jc, all),
		container.NewBorder(nil, nil, nil, v.cancelBtn, v.progress), v.status, v.after,
	)
	v.scroll = container.NewVScroll(container.NewPadded(v.content))
	v.root = container.NewStack(v.scroll)
	return v
}

// relayout lays the column out again after parts of it changed.
func (v *matterView) relayout() {
	v.content.Refresh()
	v.scroll.Refresh()
}

// refresh reloads the overview and the reading off the UI goroutine.
func (v *matterView) refresh() {
	var ov *incident.MatterOverview
	var reading string
	svc, ctx, id, code := v.u.deps.Service, v.u.ctx, v.id, v.u.lang()
	v.u.load(func() error {
		var err error
		if ov, err = svc.MatterOverview(ctx, id); err != nil {
			return err
		}
		r, err := svc.MatterAssess(ctx, id)
		if err != nil {
			return err
		}
		reading = r.Summary(code)
		return nil
	}, func(err error) {
		if err != nil {
			v.u.showError(err)
			return
		}
		v.apply(ov, reading)
	})
}

func (v *matterView) apply(ov *incident.MatterOverview, reading string) {
	v.ov, v.reading = ov, reading
	m := ov.Matter
	v.header.SetText(incident.MatterNumber(m.ID) + "  " + m.Title)
	line := lang.L("Respondent: {{.Name}} ({{.Kind}})", map[string]any{"Name": m.Respondent.Name, "Kind": source.Label(m.Respondent.Kind, v.u.lang())})
	if a := m.Respondent.AddrLine(); a != "" {
		line += "\n" + a
	}
	v.resp.SetText(line)
	v.counts.SetText(reading)
	v.victims.RemoveAll()
	if len(ov.Victims) == 0 {
		v.victims.Add(wrapped(lang.L("No victims yet. Add each victim's case; the respondent above is written into it.")))
	}
	for _, vic := range ov.Victims {
		v.victims.Add(v.victimRow(vic))
	}
	v.victims.Refresh()
	v.deadlines.RemoveAll()
	if len(ov.Deadlines) == 0 {
		v.deadlines.Add(&widget.Label{Text: lang.L("Nothing is awaited right now.")})
	}
	for _, f := range ov.Deadlines {
		row := newDeadlineRow()
		row.set(v.u, f)
		id := f.CaseID
		open := &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance, OnTapped: func() { v.u.openCase(id) }}
		v.deadlines.Add(container.NewBorder(nil, nil, nil, open, row))
	}
	v.deadlines.Refresh()
	v.relayout()
}

// victimRow is one victim: who, progress, what is missing, her consent.
func (v *matterView) victimRow(vic incident.MatterVictim) fyne.CanvasObject {
	s := vic.Summary
	name := s.VictimName
	if name == "" {
		name = incident.Case{ID: s.ID}.CaseNumber()
	}
	title := &widget.Label{Text: name + " — " + s.Title, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	prog := lang.L("{{.Done}} of {{.Total}} steps done", map[string]any{"Done": s.StepsDone, "Total": s.StepsTotal})
	if !s.NextFollowUp.IsZero() {
		prog += " · " + lang.L("next follow-up {{.Date}}", map[string]any{"Date": v.u.formatDay(s.NextFollowUp)})
	}
	var miss []string
	for _, g := range vic.Missing {
		miss = append(miss, g.Label(v.u.lang()))
	}
	missing := &widget.Label{Text: lang.L("Complete"), Importance: widget.SuccessImportance, Wrapping: fyne.TextWrapWord}
	if len(miss) > 0 {
		missing.Text = lang.L("Missing: {{.List}}", map[string]any{"List": strings.Join(miss, lang.L(", "))})
		missing.Importance = widget.WarningImportance
	}
	id := s.ID
	consent := widget.NewCheck(lang.L("Agrees to the joint documents"), nil)
	consent.SetChecked(!vic.JointConsent.IsZero())
	consent.OnChanged = func(on bool) {
		if err := v.u.deps.Service.SetJointConsent(v.u.ctx, id, on); err != nil {
			v.u.showError(err)
		}
		v.refresh()
	}
	open := &widget.Button{Text: lang.L("Open the case"), Icon: theme.NavigateNextIcon(), OnTapped: func() { v.u.openCase(id) }}
	auth := &widget.Button{Text: lang.L("Authorisation…"), Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { v.onAuthorisation(id, name) }}
	if v.u.deps.Authorisation == nil {
		auth.Hide()
	}
	signed := &widget.Button{Text: lang.L("Signed today"), Icon: theme.ConfirmIcon(), Importance: widget.LowImportance, OnTapped: func() { v.onSigned(id) }}
	if vic.Authorisation == nil || !vic.Authorisation.SignedOn.IsZero() {
		signed.Hide()
	}
	remove := &widget.Button{Text: lang.L("Remove from matter"), Icon: theme.ContentRemoveIcon(), Importance: widget.LowImportance, OnTapped: func() { v.onRemove(id, name) }}
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(open, remove), title),
		&widget.Label{Text: prog},
		missing,
		container.NewHBox(consent, auth, signed),
		widget.NewSeparator(),
	)
}

// onAuthorisation makes the victim's 授权委托书 and records it with its term.
func (v *matterView) onAuthorisation(caseID int64, name string) {
	v.u.fileSave(incident.SafeFileName("授权委托书-"+name+".pdf"), []string{".pdf"}, func(path string) { v.authorisationTo(caseID, path) })
}

func (v *matterView) authorisationTo(caseID int64, path string) {
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		path += ".pdf"
	}
	mk, ctx := v.u.deps.Authorisation, v.u.ctx
	v.u.background(func() error { return mk(ctx, caseID, path) }, func(err error) {
		if err != nil {
			v.u.showError(err)
			return
		}
		v.after.RemoveAll()
		v.after.Add(&widget.Label{Text: lang.L("Saved: {{.Path}}", map[string]any{"Path": path}), Wrapping: fyne.TextWrapBreak, Importance: widget.SuccessImportance})
		v.after.Add(wrapped(lang.L("Once the victim has signed it, tap \"Signed today\" beside her name.")))
		v.relayout()
		v.refresh()
	})
}

// onSigned records that the victim signed her authorisation today.
func (v *matterView) onSigned(caseID int64) {
	if err := v.u.deps.Service.MarkAuthorisationSigned(v.u.ctx, caseID, time.Time{}); err != nil {
		v.u.showError(err)
		return
	}
	v.refresh()
}

// onAdd offers the cases not yet in the matter.
func (v *matterView) onAdd() {
	cases, err := v.u.deps.Service.Cases(v.u.ctx, incident.CaseFilter{})
	if err != nil {
		v.u.showError(err)
		return
	}
	in := map[int64]bool{}
	if v.ov != nil {
		for _, vic := range v.ov.Victims {
			in[vic.Summary.ID] = true
		}
	}
	var ids []int64
	var labels []string
	for _, c := range cases {
		if in[c.ID] {
			continue
		}
		ids = append(ids, c.ID)
		l := fmt.Sprintf("%d  %s", c.ID, c.Title)
		if c.VictimName != "" {
			l += " — " + c.VictimName
		}
		labels = append(labels, l)
	}
	if len(ids) == 0 {
		dialog.ShowInformation(lang.L("Add a victim's case"), lang.L("Every case is already in this matter. Create the victim's case first."), v.u.win)
		return
	}
	sel := widget.NewSelect(labels, nil)
	d := dialog.NewForm(lang.L("Add a victim's case"), lang.L("Add"), lang.L("Cancel"),
		[]*widget.FormItem{{Text: lang.L("Case"), Widget: sel, HintText: lang.L("The matter's respondent is written into the case.")}}, func(ok bool) {
			if !ok || sel.SelectedIndex() < 0 {
				return
			}
			v.addCase(ids[sel.SelectedIndex()])
		}, v.u.win)
	d.Resize(fyne.NewSize(620, 240))
	d.Show()
}

func (v *matterView) addCase(caseID int64) {
	if err := v.u.deps.Service.AddCaseToMatter(v.u.ctx, v.id, caseID); err != nil {
		v.u.showError(err)
		return
	}
	v.u.refreshCases()
	v.refresh()
}

func (v *matterView) onRemove(caseID int64, name string) {
	dialog.ShowConfirm(lang.L("Remove from matter"), lang.L("{{.Name}}'s case leaves the matter and keeps everything it holds.", map[string]any{"Name": name}), func(ok bool) {
		if !ok {
			return
		}
		if err := v.u.deps.Service.RemoveCaseFromMatter(v.u.ctx, v.id, caseID); err != nil {
			v.u.showError(err)
			return
		}
		v.refresh()
	}, v.u.win)
}

func (v *matterView) onEdit() {
	if v.ov == nil {
		return
	}
	f := newMatterForm(v.ov.Matter)
	d := dialog.NewForm(lang.L("Edit respondent"), lang.L("Save"), lang.L("Cancel"), f.items(), func(ok bool) {
		if !ok {
			return
		}
		applied, err := v.u.deps.Service.UpdateMatter(v.u.ctx, f.matter())
		if err != nil {
			v.u.showError(err)
			return
		}
		v.u.notify(lang.L("Saved; written into {{.N}} cases.", map[string]any{"N": len(applied)}))
		v.u.refreshCases()
		v.refresh()
	}, v.u.win)
	d.Resize(fyne.NewSize(620, 460))
	d.Show()
}

// onDelete removes the matter after a confirmation that says what stays:
// every victim's case, whole (Service.DeleteMatter, as `matter delete`).
func (v *matterView) onDelete() {
	if v.ov == nil {
		return
	}
	m := v.ov.Matter
	msg := lang.L("Delete the matter “{{.Title}}”? Its {{.N}} victims' cases stay, each whole with its evidence, consent and authorisation, in no matter. The matter's own details (its name and this grouping) cannot be brought back.",
		map[string]any{"Title": m.Title, "N": len(v.ov.Victims)})
	v.u.confirmDelete(lang.L("Delete matter?"), msg, lang.L("Delete matter"), func() {
		if err := v.u.deps.Service.DeleteMatter(v.u.ctx, v.id); err != nil {
			v.u.showError(err)
			return
		}
		v.u.notify(lang.L("Matter deleted; the victims' cases stay."))
		v.u.refreshCases()
		v.u.showMatters()
	})
}

// onPreview shows what the joint document will state and whom it names,
// built by the same workflow the export runs, with a button to save it.
func (v *matterView) onPreview(kind string) {
	var p report.Packet
	var res packetexport.JointResult
	svc, ctx, id, code := v.u.deps.Service, v.u.ctx, v.id, v.u.lang()
	v.u.load(func() error {
		var err error
		p, res, err = packetexport.JointDocument(ctx, svc, id, packetexport.Request{Kind: kind, IncludeExhibits: true}, code)
		return err
	}, func(err error) {
		if err != nil {
			v.u.showError(err)
			return
		}
		v.showPreview(kind, p, res)
	})
}

func (v *matterView) showPreview(kind string, p report.Packet, res packetexport.JointResult) {
	body := container.NewVBox(&widget.Label{Text: lang.L("Victims named: {{.N}}; exhibits listed: {{.E}}.", map[string]any{"N": res.Included, "E": len(p.Exhibits)}), Wrapping: fyne.TextWrapWord})
	notes := container.NewVBox()
	if len(res.Excluded) > 0 {
		notes.Add(&widget.Label{Text: lang.L("Not included (no consent recorded): {{.List}}", map[string]any{"List": strings.Join(res.Excluded, lang.L(", "))}),
			Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	for _, w := range res.Warnings {
		notes.Add(&widget.Label{Text: w, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	body.Add(notes)
	body.Add(heading(lang.L("What this document will state")))
	for _, row := range statementRows(p, v.u.lang(), nil) {
		body.Add(row)
	}
	scroll := container.NewVScroll(container.NewPadded(body))
	scroll.SetMinSize(fyne.NewSize(640, 420))
	var d dialog.Dialog
	save := &widget.Button{Text: lang.L("Save as PDF…"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		v.onExport(kind)
	}}
	closeBtn := &widget.Button{Text: lang.L("Cancel"), OnTapped: func() { d.Hide() }}
	title := map[string]string{report.KindJointPolice: lang.L("Joint police document"), report.KindJointConsumer: facts.Expand(v.u.lang(), lang.L("Joint {hotline.12315} complaint"))}[kind]
	d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), closeBtn, save), nil, nil, scroll), v.u.win)
	v.preview = d
	d.Show()
	v.u.escapable(d)
}

func (v *matterView) busy(on bool) {
	for _, b := range v.exportBtn {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if on {
		v.progress.SetValue(0)
		v.progress.Show()
		v.cancelBtn.Show()
	} else {
		v.progress.Hide()
		v.cancelBtn.Hide()
	}
	v.after.RemoveAll()
	v.relayout()
}

func (v *matterView) onExport(kind string) {
	name := map[string]string{report.KindJointPolice: "联名控告材料", report.KindJointConsumer: "联名投诉书"}[kind]
	v.u.fileSave(fmt.Sprintf("%s-%s.pdf", name, incident.MatterNumber(v.id)), []string{".pdf"}, func(path string) { v.exportTo(kind, path) })
}

// exportTo writes one joint document off the UI goroutine.
func (v *matterView) exportTo(kind, path string) {
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		path += ".pdf"
	}
	v.busy(true)
	ctx, cancel := context.WithCancel(v.u.ctx)
	v.cancel = cancel
	exp, id := v.u.deps.MatterExport, v.id
	var excluded, warnings []string
	v.u.background(func() error {
		var err error
		excluded, warnings, err = exp(ctx, id, kind, path, func(x float64) { v.u.do(func() { v.progress.SetValue(x) }) })
		return err
	}, func(err error) {
		cancel()
		v.busy(false)
		v.showNotes(excluded, warnings)
		if err != nil {
			v.u.showError(err)
			return
		}
		v.after.Add(&widget.Label{Text: lang.L("Saved: {{.Path}}", map[string]any{"Path": path}), Wrapping: fyne.TextWrapBreak, Importance: widget.SuccessImportance})
		v.relayout()
		v.refresh()
	})
}

// showNotes tells the volunteer, on screen only, who is not in the joint
// documents and whose authorisation is not in order.
func (v *matterView) showNotes(excluded, warnings []string) {
	if len(excluded) > 0 {
		v.after.Add(&widget.Label{Text: lang.L("Not included (no consent recorded): {{.List}}", map[string]any{"List": strings.Join(excluded, lang.L(", "))}),
			Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	for _, w := range warnings {
		v.after.Add(&widget.Label{Text: w, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
}

// onExportAll writes everything into a folder, with progress and cancel.
func (v *matterView) onExportAll() {
	v.u.folderOpen(v.exportAllTo)
}

func (v *matterView) exportAllTo(dir string) {
	v.busy(true)
	ctx, cancel := context.WithCancel(v.u.ctx)
	v.cancel = cancel
	exp, id := v.u.deps.MatterExportAll, v.id
	var files []string
	v.u.background(func() error {
		var err error
		files, err = exp(ctx, id, dir, func(done, total int, name string) {
			v.u.do(func() {
				if total > 0 {
					v.progress.SetValue(float64(done) / float64(total))
				}
				if name != "" {
					v.status.SetText(lang.L("Writing {{.Name}} ({{.Done}} of {{.Total}})", map[string]any{"Name": name, "Done": done + 1, "Total": total}))
				}
			})
		})
		return err
	}, func(err error) {
		cancel()
		v.busy(false)
		v.status.SetText("")
		if err != nil && incident.ErrorCode(err) == incident.CodeCancelled {
			v.after.Add(&widget.Label{Text: lang.L("Stopped; {{.N}} files were written before.", map[string]any{"N": len(files)}), Wrapping: fyne.TextWrapWord})
			return
		}
		if err != nil {
			v.u.showError(err)
			return
		}
		v.after.Add(&widget.Label{Text: lang.L("Saved {{.N}} files in {{.Dir}}", map[string]any{"N": len(files), "Dir": dir}), Wrapping: fyne.TextWrapBreak, Importance: widget.SuccessImportance})
		v.refresh()
	})
}

func (v *matterView) onCancel() {
	if v.cancel != nil {
		v.cancel()
	}
}

// agentSection is the volunteer's own details in Settings: set once, used
// for every 授权委托书 and every document she files as agent.
type agentSection struct {
	u     *appUI
	root  *fyne.Container
	name  *imeEntry
	org   *imeEntry
	phone *imeEntry
}

func newAgentSection(u *appUI) *agentSection {
	s := &agentSection{u: u, name: newEntry(), org: newEntry(), phone: newEntry()}
	s.name.SetPlaceHolder(lang.L("your name"))
	s.org.SetPlaceHolder(lang.L("organisation, e.g. a university legal-aid centre"))
	s.phone.SetPlaceHolder(lang.L("phone"))
	save := &widget.Button{Text: lang.L("Save"), OnTapped: s.onSave}
	s.root = container.NewVBox(
		&widget.Label{Text: lang.L("Only if you act for victims (a legal-aid volunteer): your details are printed as their agent, never in their own statements."), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance},
		container.NewGridWithColumns(3, s.name, s.org, s.phone),
		container.NewHBox(save))
	return s
}

func (s *agentSection) refresh() {
	a, _, err := s.u.deps.Service.Agent(s.u.ctx)
	if err != nil {
		logError("reading the agent's details", err)
		return
	}
	s.name.SetText(a.Name)
	s.org.SetText(a.Org)
	s.phone.SetText(a.Phone)
}

func (s *agentSection) onSave() {
	old, _, _ := s.u.deps.Service.Agent(s.u.ctx)
	old.Name, old.Org, old.Phone = s.name.Text, s.org.Text, s.phone.Text
	if err := s.u.deps.Service.SetAgent(s.u.ctx, old); err != nil {
		s.u.showError(err)
		return
	}
	s.u.notify(lang.L("Your details as agent are saved."))
}
