package ui

import (
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/incident/source"
	"leakdesk/internal/report"
)

// packetStep is the plan step each packet is usually submitted for.
var packetStep = map[string]string{
	PacketPolice:      "police-report",
	PacketConsumer:    "consumer-12315",
	PacketAssociation: "consumer-association",
	PacketProvider:    "deletion-demand",
	PacketRegulator:   "regulator-complaint",
	// issue 12
	PacketReconsideration: "police-reconsideration",
	PacketReview:          "police-review",
	PacketSupervision:     "procuratorate-supervision",
	PacketCivil:           "civil-claim",
	PacketCredit:          "credit-complaint",
}

// packetLabel names a packet kind; code is the UI language, for the
// register facts in the label.
func packetLabel(code, kind string) string {
	switch kind {
	case PacketPolice:
		return lang.L("Police report (报案材料)")
	case PacketConsumer:
		return facts.Expand(code, lang.L("Consumer complaint, {hotline.12315} (投诉书)"))
	case PacketAssociation:
		return facts.Expand(code, lang.L("Complaint and mediation request to the {org.cca-local}"))
	case PacketRegulator:
		return lang.L("Complaint to a regulator")
	case PacketProvider:
		return lang.L("Deletion demand to the company (删除通知)")
	case PacketFull:
		return lang.L("Full case file")
	case PacketReconsideration:
		return lang.L("Reconsideration after a refusal to open a case (复议申请书)")
	case PacketReview:
		return lang.L("Review by the next-level police after reconsideration (复核申请书)")
	case PacketSupervision:
		return facts.Expand(code, lang.L("Supervision request to the {org.procuratorate} (立案监督申请书)"))
	case PacketCivil:
		return lang.L("Draft statement of claim for a civil action (民事起诉状)")
	case PacketCredit:
		return facts.Expand(code, lang.L("Credit-record complaint to the {org.pboc} (投诉书)"))
	}
	return kind
}

func packetContents(code, kind string) string {
	switch kind {
	case PacketPolice:
		return lang.L("Cover; your full details; the suspected leaker; the facts and timeline; what leaked and the severity reading with its legal basis; losses; your requests (open a case, trace the source); the evidence list and exhibits; signature, fingerprint box and date.")
	case PacketConsumer:
		return facts.Expand(code, lang.L("Complainant and respondent; one matter; your demands; facts and reasons ({crpl.art14+crpl.art29+crpl.art50}); the evidence list and exhibits; signature and date."))
	case PacketAssociation:
		return facts.Expand(code, lang.L("Complainant and the business; a request to mediate, and what you ask for (you choose below); facts and reasons ({crpl.art14+crpl.art29+crpl.art50}); the evidence list and exhibits; signature and date. No reply deadline is printed: none is set by law.")) +
			"\n" + associationNote(code)
	case PacketRegulator:
		return lang.L("The organisation that processed your data; the facts; which duty was breached; your requests (order correction, tell you the result); the evidence list and exhibits.")
	case PacketProvider:
		return lang.L("Only what the company needs to find your records; what to delete or stop; a request to explain the leak; a reply deadline of 15 working days and how to reply; what happens otherwise. Send only the exhibits that show your information being misused.")
	case PacketFull:
		return lang.L("Everything: the facts, plan and its status, accounts, contacts log, timeline, severity reading and all exhibits. For you or a lawyer, not for submitting.")
	case PacketCivil:
		return facts.Expand(code, lang.L("A draft for you or a lawyer: the parties; the claims (stop, delete, apologise, pay the losses your answers and the time and expense log give); the facts, what you did and what came back; the burden of proof on the organisation ({pipl.art69}); the evidence list; signature and date."))
	case PacketCredit:
		return facts.Expand(code, lang.L("Your details; the one you objected to; the requests (check, correct what is wrong, answer in writing {period.credit-complaint}); when you objected, how it was delivered and what came back, as recorded on the credit-objection step; the rules ({credit.art25+credit.art26}); the evidence list; signature and date."))
	case PacketSupervision:
		return lang.L("Your details; the request that the police explain why no case was opened; the report and what the police did or did not decide, with any reconsideration and review decisions, as recorded on the plan's replies; the facts; your own reasons; the evidence list; signature, fingerprint box and date.")
	case PacketReview:
		return lang.L("Your details; the request to review the reconsideration decision and open a case; the report, the notice and the reconsideration decision as recorded on the plan's replies; the facts; your own reasons; the evidence list; signature, fingerprint box and date.")
	case PacketReconsideration:
		return lang.L("Your details; the request to set aside the decision not to open a case and to open one; when you reported and when the notice came, with its number, as recorded on the police step's reply; the facts; your own reasons; the evidence list; signature, fingerprint box and date.")
	}
	return ""
}

// wsExport builds a complaint packet for one recipient.
type wsExport struct {
	w *workspace
	// state
	kind      string
	exhibits  []int64 // exhibit IDs in the shown checkbox order
	exporting bool
	lastPath  string
	fields    map[string]*imeEntry
	// suspect is which suspected organisation (1-based) a per-suspect
	// packet is about (report.Options.Suspect); each gets its own.
	suspect int

	// widgets
	root      *fyne.Container
	recipient *widget.RadioGroup
	contents  *widget.Label
	// One check per kind of number, set from report.DefaultMasking, the
	// one owner of what each recipient gets (the CLI uses it too).
	maskID, maskPhone, maskCard *widget.Check
	instr                       *widget.Check
	attach                      *widget.Check
	exList                      *widget.CheckGroup
	// fieldBox holds a fresh form per recipient: a Fyne Form does not let
	// go of its first rows when Items is reset, so reusing one showed the
	// police fields' widgets under other labels (issue 15 item 1).
	fieldBox   *fyne.Container
	suspectBox *fyne.Container
	suspectSel *widget.Select
	asks       *widget.CheckGroup // the association packet's requests
	policeForm *widget.RadioGroup
	formNote   *widget.Label
	formBox    *fyne.Container
	preview    *fyne.Container
	exportBtn  *widget.Button
	progress   *widget.ProgressBar
	after      *fyne.Container
	stepRef    *imeEntry
	venue      *widget.Label // the civil claim's note on which court, nil otherwise
}

func newWsExport(w *workspace) *wsExport {
	x := &wsExport{w: w, kind: PacketPolice, fields: map[string]*imeEntry{}}
	if w.u.deps.Export == nil {
		msg := lang.L("Exporting packets is not available in this build of leakdesk. Everything in the case is kept; the packet can be made once the PDF part is installed.")
		x.root = container.NewVBox(heading(lang.L("Export")), &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
		return x
	}
	var labels []string
	for _, k := range packetKinds() {
		labels = append(labels, packetLabel(x.w.u.lang(), k))
	}
	x.recipient = &widget.RadioGroup{Options: labels, Required: true, Selected: labels[0]}
	x.recipient.OnChanged = func(s string) {
		if i := slices.Index(labels, s); i >= 0 {
			x.kind = packetKinds()[i]
			x.refresh()
		}
	}
	x.contents = &widget.Label{Wrapping: fyne.TextWrapWord}
	x.maskID = &widget.Check{Text: lang.L("Mask ID card numbers (e.g. 110105********1234)"), OnChanged: func(bool) { x.refreshPreview() }}
	x.maskPhone = &widget.Check{Text: lang.L("Mask phone numbers (e.g. 138****8000)"), OnChanged: func(bool) { x.refreshPreview() }}
	x.maskCard = &widget.Check{Text: lang.L("Mask bank card numbers (last 4 digits shown)"), OnChanged: func(bool) { x.refreshPreview() }}
	formLabels := []string{lang.L("Accusation (控告): I name whom I suspect"), lang.L("Report (报案): I name no suspect")}
	x.policeForm = &widget.RadioGroup{Options: formLabels, Required: true, Selected: formLabels[0]}
	x.policeForm.OnChanged = func(string) { x.refreshPreview() }
	x.formNote = &widget.Label{Text: policeFormNote(w.u.lang()), Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	x.formBox = container.NewVBox(heading(lang.L("Report or accusation")), x.policeForm, x.formNote)
	x.fieldBox = container.NewVBox()
	x.suspectSel = &widget.Select{OnChanged: func(string) {
		x.suspect = x.suspectSel.SelectedIndex() + 1
		x.refreshFields()
		x.refreshPreview()
	}}
	x.suspectBox = container.NewVBox(heading(lang.L("About which organisation?")), x.suspectSel,
		&widget.Label{Text: lang.L("Each suspected organisation gets its own packet, sent to the office that oversees its kind; the police report names them all."),
			Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText})
	x.suspectBox.Hide()
	x.preview = container.NewVBox()
	x.instr = &widget.Check{Text: lang.L("Add a first page with instructions for me (not to be submitted)"), Checked: true}
	x.attach = &widget.Check{Text: lang.L("Attach the original files inside the PDF (for sending electronically)")}
	x.exList = &widget.CheckGroup{}
	x.exportBtn = &widget.Button{Text: lang.L("Export PDF…"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: x.onExport}
	x.progress = &widget.ProgressBar{}
	x.progress.Hide()
	x.after = container.NewVBox()

	left := container.NewVBox(heading(lang.L("Who is it for?")), x.recipient, widget.NewSeparator(),
		heading(lang.L("What goes in")), x.contents, x.maskID, x.maskPhone, x.maskCard, x.instr, x.attach)
	right := container.NewVBox(x.formBox, x.suspectBox, heading(lang.L("Addressed to")), x.fieldBox,
		heading(lang.L("What this document will state")), x.preview,
		heading(lang.L("Exhibits")), x.exList,
		container.NewHBox(x.exportBtn), x.progress, x.after)
	x.root = container.NewStack(container.NewHSplit(container.NewVScroll(container.NewPadded(left)), container.NewVScroll(container.NewPadded(right))))
	return x
}

// choose preselects a recipient, e.g. from a plan step's "prepare the packet".
func (x *wsExport) choose(kind string) {
	if x.recipient == nil {
		return
	}
	if i := slices.Index(packetKinds(), kind); i >= 0 {
		x.recipient.SetSelected(x.recipient.Options[i])
	}
}

func (x *wsExport) refresh() {
	if x.recipient == nil {
		return
	}
	x.contents.SetText(packetContents(x.w.u.lang(), x.kind))
	m := report.DefaultMasking(x.kind)
	x.maskID.SetChecked(m.ID)
	x.maskPhone.SetChecked(m.Phone)
	x.maskCard.SetChecked(m.Card)
	x.attach.SetChecked(report.DefaultAttachOriginals(x.kind))
	if x.kind == PacketPolice {
		i := 1
		if report.DefaultPoliceForm(x.w.cf, report.Options{}) == report.FormAccusation {
			i = 0
		}
		x.policeForm.SetSelected(x.policeForm.Options[i])
		x.formBox.Show()
	} else {
		x.formBox.Hide()
	}
	x.refreshSuspects()
	x.refreshFields()
	x.refreshExhibits()
	x.refreshPreview()
	x.after.Objects = nil
	x.after.Refresh()
}

func (x *wsExport) refreshExhibits() {
	var opts, sel []string
	x.exhibits = x.exhibits[:0]
	for _, e := range x.w.cf.Exhibits {
		label := fmt.Sprintf("%d. %s (%s)", e.Number, e.Title, incident.FormatOf(e).Label(x.w.u.lang()))
		opts = append(opts, label)
		x.exhibits = append(x.exhibits, e.ID)
		if x.kind != PacketProvider {
			sel = append(sel, label)
		}
	}
	x.exList.Options, x.exList.Selected = opts, sel
	x.exList.Refresh()
}

// refreshSuspects offers the suspected organisations for a packet that
// goes to one of them, when the case has several.
func (x *wsExport) refreshSuspects() {
	list := x.w.cf.Case.SuspectList()
	if !report.PerSuspect(x.kind) || len(list) < 2 {
		x.suspectBox.Hide()
		x.suspect = 0
		return
	}
	var opts []string
	for i, s := range list {
		opts = append(opts, fmt.Sprintf("%d. %s（%s）", i+1, s.Label(), source.Label(s.Kind, x.w.u.lang())))
	}
	x.suspect = min(max(x.suspect, 1), len(list))
	x.suspectSel.OnChanged, x.suspectSel.Options = nil, opts
	x.suspectSel.SetSelectedIndex(x.suspect - 1)
	x.suspectSel.OnChanged = func(string) {
		x.suspect = x.suspectSel.SelectedIndex() + 1
		x.refreshFields()
		x.refreshPreview()
	}
	x.suspectBox.Show()
}

// refreshFields shows the recipient-specific fields, prefilled from the case
// (for a per-suspect packet, from the chosen suspect).
func (x *wsExport) refreshFields() {
	c := x.w.cf.Case
	main := x.suspect <= 1
	if !main {
		c, _ = c.ForSuspect(x.suspect)
	}
	stepOrg := func(kind string) string {
		if !main {
			return "" // the plan step keeps the main suspect's name
		}
		return x.stepOrg(kind)
	}
	type field struct{ key, label, value, hint string }
	var fs []field
	police := x.stepOrg("police-report")
	switch x.kind {
	case PacketPolice:
		fs = []field{
			{FieldRecipient, lang.L("Police station"), police, lang.L("e.g. the police station of your district")},
			{FieldRespondent, lang.L("Suspected leaker"), c.SourceOrg, ""},
			{FieldLosses, lang.L("Money lost"), "", lang.L("amount and how, or leave empty")},
		}
	case PacketConsumer:
		fs = []field{
			{FieldRespondent, lang.L("Business complained about"), firstNonEmpty(stepOrg("consumer-12315"), c.SourceOrg), ""},
			{FieldRespondentAddress, lang.L("Its address"), c.SourceAddr, ""},
			{FieldDemands, lang.L("Your demands"), "", lang.L("one per line; leave empty for the usual ones")},
		}
	case PacketAssociation:
		fs = []field{
			{FieldRecipient, facts.Expand(x.w.u.lang(), lang.L("Which {org.cca-local}")), x.stepOrg("consumer-association"),
				facts.Expand(x.w.u.lang(), lang.L("e.g. the {org.cca-local} of your district or of the business's"))},
			{FieldRespondent, lang.L("Business complained about"), firstNonEmpty(x.stepOrg("consumer-12315"), c.SourceOrg), ""},
			{FieldRespondentAddress, lang.L("Its address"), c.SourceAddr, ""},
		}
	case PacketRegulator:
		fs = []field{
			{FieldRecipient, lang.L("Regulator"), regulatorFor(c.SourceKind), ""},
			{FieldRespondent, lang.L("Organisation complained about"), c.SourceOrg, ""},
			{FieldRespondentAddress, lang.L("Its address"), c.SourceAddr, ""},
		}
	case PacketReconsideration:
		fs = []field{
			{FieldRecipient, lang.L("Police unit that decided"), firstNonEmpty(x.stepOrg("police-reconsideration"), police), lang.L("as written on the notice")},
			{report.FieldReasons, lang.L("Why you disagree"), "", lang.L("in your own words; leave empty to give none")},
		}
	case PacketReview:
		fs = []field{
			{FieldRecipient, lang.L("Police unit to review it"), x.stepOrg("police-review"), lang.L("the unit above the one that decided")},
			{report.FieldReasons, lang.L("Why you disagree"), "", lang.L("in your own words; leave empty to give none")},
		}
	case PacketCivil:
		fs = []field{
			{FieldRecipient, lang.L("Court"), x.stepOrg("civil-claim"), lang.L("the court with jurisdiction, if you know it")},
			{FieldRespondent, lang.L("Defendant"), c.SourceOrg, ""},
			{FieldRespondentAddress, lang.L("Its address"), c.SourceAddr, ""},
		}
	case PacketCredit:
		fs = []field{
			{FieldRecipient, lang.L("Which PBoC branch"), x.stepOrg("credit-complaint"), lang.L("the branch where you live, as it names itself")},
			{FieldRespondent, lang.L("Objected to"), x.stepOrg("credit-dispute"), lang.L("the credit bureau or the lender")},
			{FieldRespondentAddress, lang.L("Its address"), "", ""},
		}
	case PacketSupervision:
		fs = []field{
			{FieldRecipient, lang.L("Which procuratorate"), x.stepOrg("procuratorate-supervision"), lang.L("e.g. the one of the district where you reported")},
			{report.FieldReasons, lang.L("Why you disagree"), "", lang.L("in your own words; leave empty to give none")},
		}
	case PacketProvider:
		fs = []field{
			{FieldRespondent, lang.L("Company"), firstNonEmpty(stepOrg("deletion-demand"), c.SourceOrg), ""},
			{FieldRespondentAddress, lang.L("Its address"), c.SourceAddr, ""},
			{FieldReplyChannel, lang.L("Reply to me by"), c.Victim.Phone, lang.L("post address, e-mail or phone")},
			{report.FieldDelivered, lang.L("Delivered on"), "", lang.L("YYYY-MM-DD, once the letter has arrived (e.g. the EMS delivery date)")},
		}
	}
	x.fields = map[string]*imeEntry{}
	form := widget.NewForm()
	for _, f := range fs {
		e := newEntry()
		if f.key == FieldDemands || f.key == report.FieldReasons {
			e = newMultiLineEntry()
		}
		e.SetText(f.value)
		e.SetPlaceHolder(f.hint)
		e.OnChanged = func(string) { x.refreshPreview() }
		x.fields[f.key] = e
		form.Append(f.label, e)
	}
	x.asks = nil
	if x.kind == PacketAssociation {
		// What to mediate about: the report package's one list, ticked
		// as its defaults say.
		var opts, sel []string
		def := report.DefaultAsks(c.Intake.Happened)
		for _, k := range report.AssociationAsks() {
			l := report.AskLabel(k, x.w.u.lang())
			opts = append(opts, l)
			if slices.Contains(def, k) {
				sel = append(sel, l)
			}
		}
		x.asks = &widget.CheckGroup{Options: opts, Selected: sel}
		x.asks.OnChanged = func([]string) { x.refreshPreview() }
		form.Append(lang.L("Ask for"), x.asks)
	}
	if len(fs) == 0 {
		form.Append("", &widget.Label{Text: lang.L("Nothing to fill in for this packet."), Importance: widget.LowImportance})
	}
	x.fieldBox.Objects = []fyne.CanvasObject{form}
	x.venue = nil
	if x.kind == PacketCivil {
		// Which court: the statute's rule as guidance, never a finding
		// printed in the claim (the user decides, or a lawyer).
		x.venue = &widget.Label{Text: civilVenueNote(x.w.u.lang()), Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
		x.fieldBox.Objects = append(x.fieldBox.Objects, x.venue)
	}
	x.fieldBox.Refresh()
}

// civilVenueNote is the one sentence on which court hears a claim over a
// leak, from the register (民事诉讼法 Art. 29).
func civilVenueNote(code string) string {
	return facts.Expand(code, lang.L("Which court: {rule.tort-venue} ({civproc.art29@book}). Check with the court or a lawyer before filing."))
}

// associationNote is the plan's one sentence on the association and 12315,
// from the playbook that owns it.
func associationNote(code string) string {
	t := playbook.AssociationVs12315()
	return facts.Expand(code, map[bool]string{true: t.EN, false: t.ZH}[code == "en"])
}

// policeFormNote is the one plain sentence on 报案 and 控告, from the
// report package that decides the form.
func policeFormNote(code string) string {
	if code == "en" {
		return report.PoliceFormNoteEN
	}
	return report.PoliceFormNoteZH
}

// masking is what the three checks say.
func (x *wsExport) masking() report.Masking {
	return report.Masking{ID: x.maskID.Checked, Phone: x.maskPhone.Checked, Card: x.maskCard.Checked}
}

// refreshPreview shows what the document will state, built from the case
// as it is and this tab's choices by the same report.Build the export
// uses, each statement with where it comes from and a way to change it.
func (x *wsExport) refreshPreview() {
	if x.preview == nil || x.fields == nil {
		return
	}
	req := x.request("")
	opts := PacketOptions(req)
	// The export names the matter's volunteer as agent: so does the preview.
	agent, err := x.w.svc().CaseAgent(x.w.u.ctx, x.w.caseID)
	opts.Agent = agent
	var p report.Packet
	if err == nil {
		p, err = report.Build(x.w.cf, x.kind, opts, x.w.svc().Now())
	}
	x.preview.Objects = nil
	if err != nil {
		x.preview.Add(&widget.Label{Text: lang.L("This packet cannot be built yet: {{.Error}}", map[string]any{"Error": err.Error()}), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
		x.preview.Refresh()
		return
	}
	if len(p.Statements) == 0 {
		x.preview.Add(&widget.Label{Text: lang.L("This document states no facts about your case beyond your details."), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
	}
	for _, row := range statementRows(p, x.w.u.lang(), x.change) {
		x.preview.Add(row)
	}
	x.preview.Refresh()
}

// statementRows show what a packet states, each statement with where it
// comes from and, when change is not nil, a way to change it: the export
// tab's preview and the matter's joint-document preview.
func statementRows(p report.Packet, code string, change func(report.Source)) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, st := range p.Statements {
		var from []string
		var target report.Source // the first source the user can change
		for _, src := range st.Basis {
			if src.Kind == report.SrcFact {
				continue
			}
			zh, en := src.Label()
			if code == "en" {
				from = append(from, en)
			} else {
				from = append(from, zh)
			}
			if target.Kind == "" && src.Where() != "" {
				target = src
			}
		}
		text := &widget.Label{Text: st.Text, Wrapping: fyne.TextWrapWord}
		src := &widget.Label{Text: lang.L("From: {{.Sources}}", map[string]any{"Sources": strings.Join(from, "; ")}), Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
		row := container.NewVBox(text, src)
		if target.Kind != "" && change != nil {
			t := target
			row = container.NewBorder(nil, nil, nil, &widget.Button{Text: lang.L("Change"), Icon: theme.DocumentCreateIcon(), OnTapped: func() { change(t) }}, row)
		}
		rows = append(rows, row)
	}
	return rows
}

// change goes to where a statement's source is edited: the intake, a
// tab, or for a field of this export that very field.
func (x *wsExport) change(src report.Source) {
	switch src.Where() {
	case "intake":
		x.w.u.rerunIntake(x.w.caseID)
	case "details", "severity":
		x.w.showTab(tabDetails)
	case "evidence":
		x.w.showTab(tabComms)
	case "plan":
		x.w.showTab(tabPlan)
	case "export":
		x.focusField(src.Key)
	}
}

// focusField puts the caret in the export field key. The police form is a
// choice, not an entry: it has nothing to type in, so nothing is focused.
func (x *wsExport) focusField(key string) {
	if e, ok := x.fields[key]; ok {
		x.w.u.win.Canvas().Focus(e)
	}
}

// regulatorFor is the addressee the regulator packet prints for the case's
// source kind (in Chinese, as printed), so the form shows what will be sent.
func regulatorFor(k incident.SourceKind) string {
	return source.Addressee(k)
}

// packetStepFor is the open plan step this packet is submitted for, if any.
func (x *wsExport) packetStepFor(kind string) (incident.Step, bool) {
	want := packetStep[kind]
	var found *incident.Step
	for i, st := range x.w.cf.Steps {
		if st.Retired || st.Kind == "" {
			continue
		}
		if st.Kind == want {
			return st, true
		}
		if spec, ok := x.w.plan.stepSpec(st); ok && spec.Packet == kind && found == nil {
			found = &x.w.cf.Steps[i]
		}
	}
	if found != nil {
		return *found, true
	}
	return incident.Step{}, false
}

func (x *wsExport) stepOrg(kind string) string {
	for _, st := range x.w.cf.Steps {
		if st.Kind == kind {
			return st.Organisation
		}
	}
	return ""
}

// request is what the user chose on this tab.
func (x *wsExport) request(path string) ExportRequest {
	req := ExportRequest{Packet: x.kind, Path: path, Masking: x.masking(), Instructions: x.instr.Checked,
		Attach: x.attach.Checked, Exhibits: []int64{}, Fields: map[string]string{}}
	if x.kind == PacketPolice {
		req.Fields[report.FieldPoliceForm] = report.FormReport
		if x.policeForm.Selected == x.policeForm.Options[0] {
			req.Fields[report.FieldPoliceForm] = report.FormAccusation
		}
	}
	for i, o := range x.exList.Options {
		if slices.Contains(x.exList.Selected, o) {
			req.Exhibits = append(req.Exhibits, x.exhibits[i])
		}
	}
	for k, e := range x.fields {
		if v := strings.TrimSpace(e.Text); v != "" {
			req.Fields[k] = v
		}
	}
	if report.PerSuspect(x.kind) && x.suspect > 1 {
		req.Fields[report.FieldSuspect] = strconv.Itoa(x.suspect)
	}
	if x.kind == PacketAssociation && x.asks != nil {
		var keys []string
		for i, k := range report.AssociationAsks() {
			if slices.Contains(x.asks.Selected, x.asks.Options[i]) {
				keys = append(keys, k)
			}
		}
		req.Fields[report.FieldAsks] = strings.Join(keys, ",")
	}
	return req
}

func (x *wsExport) defaultName() string {
	name := map[string]string{PacketPolice: "报案材料", PacketConsumer: "投诉书", PacketAssociation: "投诉及调解申请书", PacketRegulator: "投诉举报材料",
		PacketProvider: "删除通知", PacketFull: "案件材料", PacketReconsideration: "复议申请书", PacketReview: "复核申请书", PacketSupervision: "立案监督申请书", PacketCivil: "民事起诉状草稿", PacketCredit: "征信投诉书"}[x.kind]
	if list := x.w.cf.Case.SuspectList(); report.PerSuspect(x.kind) && len(list) > 1 {
		// One file per suspect, so the second does not replace the first.
		return incident.SafeFileName(fmt.Sprintf("%s-%s-%s.pdf", name, x.w.cf.Case.CaseNumber(), list[max(x.suspect, 1)-1].Label()))
	}
	return fmt.Sprintf("%s-%s.pdf", name, x.w.cf.Case.CaseNumber())
}

func (x *wsExport) onExport() {
	x.w.flushEdits()
	if x.exporting {
		return
	}
	// The exporter writes a temporary file and renames it over this
	// path; the dialog's own handle is not used for writing.
	x.w.u.fileSave(x.defaultName(), []string{".pdf"}, x.exportTo)
}

// exportTo runs the exporter off the UI goroutine with a progress bar.
func (x *wsExport) exportTo(path string) {
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		path += ".pdf"
	}
	req := x.request(path)
	x.exporting = true
	x.exportBtn.Disable()
	x.progress.SetValue(0)
	x.progress.Show()
	x.after.Objects = nil
	x.after.Refresh()
	export, ctx, caseID := x.w.u.deps.Export, x.w.ctx, x.w.caseID
	x.w.jobs.add(func() {
		out, err := export(ctx, caseID, req, func(v float64) { x.w.u.do(func() { x.progress.SetValue(v) }) })
		x.w.u.do(func() { x.exportDone(req, out, err) })
	}, false)
}

func (x *wsExport) exportDone(req ExportRequest, out string, err error) {
	x.exporting = false
	x.exportBtn.Enable()
	x.progress.Hide()
	if x.w.closed && incident.ErrorCode(err) == incident.CodeCancelled {
		// The case closed (or the app locked) while it ran: the exporter
		// removed the unfinished file and recorded nothing.
		x.w.u.notify(lang.L("The export stopped when the case closed; no packet was saved."))
		return
	}
	if err != nil {
		x.w.u.showError(err)
		return
	}
	if out == "" {
		out = req.Path
	}
	x.lastPath = out
	x.remember(req)
	if !x.w.closed {
		x.w.reload(x)
	}
	x.after.Objects = []fyne.CanvasObject{
		&widget.Label{Text: lang.L("Saved: {{.Path}}", map[string]any{"Path": out}), Wrapping: fyne.TextWrapBreak, Importance: widget.SuccessImportance},
		container.NewHBox(
			&widget.Button{Text: lang.L("Open the PDF"), Icon: theme.FileApplicationIcon(), OnTapped: x.onOpen},
			&widget.Button{Text: lang.L("Show in folder"), Icon: theme.FolderOpenIcon(), OnTapped: x.onShowFolder},
		),
	}
	if st, ok := x.packetStepFor(req.Packet); ok && st.Status != incident.StepDone {
		// Saved by "mark as submitted", not by typing: a reference number
		// alone does not mean the packet was handed in.
		x.stepRef = newEntry()
		x.stepRef.SetText(st.Reference)
		x.stepRef.SetPlaceHolder(lang.L("reference number, when you get one"))
		id := st.ID
		x.after.Add(widget.NewSeparator())
		x.after.Add(wrapped(lang.L("Once you have handed it in, mark \"{{.Step}}\" as submitted. The plan then sets a follow-up date.", map[string]any{"Step": x.w.plan.stepTitle(st)})))
		x.after.Add(container.NewBorder(nil, nil, nil,
			&widget.Button{Text: lang.L("Mark as submitted"), Icon: theme.ConfirmIcon(), OnTapped: func() { x.onSubmitted(id, req.Packet) }},
			x.stepRef))
	}
	x.after.Refresh()
}

// rememberedIn is the plan step whose organisation keeps what was typed
// on this tab for each packet, so that it is there when the case reopens:
// the police station for the police, the business or company otherwise.
var rememberedIn = map[string]struct{ step, field string }{
	PacketPolice:      {"police-report", FieldRecipient},
	PacketConsumer:    {"consumer-12315", FieldRespondent},
	PacketAssociation: {"consumer-association", FieldRecipient},
	PacketProvider:    {"deletion-demand", FieldRespondent},
	// issue 12
	PacketReconsideration: {"police-reconsideration", FieldRecipient},
	PacketReview:          {"police-review", FieldRecipient},
	PacketSupervision:     {"procuratorate-supervision", FieldRecipient},
	PacketCredit:          {"credit-complaint", FieldRecipient},
	PacketCivil:           {"civil-claim", FieldRecipient}, // the court
}

// remember saves the addressee typed for this packet into its plan step.
func (x *wsExport) remember(req ExportRequest) {
	r, ok := rememberedIn[req.Packet]
	v := req.Fields[r.field]
	if !ok || v == "" || req.Fields[report.FieldSuspect] != "" {
		return // the plan step keeps the main suspect's name
	}
	for _, st := range x.w.cf.Steps {
		if st.Kind == r.step && !st.Retired && st.Organisation != v {
			st.Organisation = v
			if err := x.w.svc().SaveStep(x.w.u.ctx, &st); err != nil {
				x.w.u.showError(err)
			}
			return
		}
	}
}

// onSubmitted records that the packet was handed in: the step waits for a
// reply, with the reference number if the user has one.
func (x *wsExport) onSubmitted(stepID int64, packet string) {
	if _, err := x.w.svc().MarkSubmitted(x.w.u.ctx, stepID, packet, x.stepRef.Text); err != nil {
		x.w.u.showError(err)
		return
	}
	x.w.reload(nil)
	x.w.u.notify(lang.L("Marked as submitted; see the plan for the follow-up date."))
}

func (x *wsExport) onOpen() {
	if x.lastPath == "" {
		return
	}
	u, err := url.Parse(storage.NewFileURI(x.lastPath).String())
	if err == nil {
		err = x.w.u.app.OpenURL(u)
	}
	if err != nil {
		x.w.u.showError(err)
	}
}

func (x *wsExport) onShowFolder() {
	if x.lastPath == "" || x.w.u.deps.OpenFolder == nil {
		return
	}
	if err := x.w.u.deps.OpenFolder(filepath.Dir(x.lastPath)); err != nil {
		x.w.u.showError(err)
	}
}
