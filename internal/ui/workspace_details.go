package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/simplifiedchinese"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/severity"
	"leakdesk/internal/incident/source"
)

// maxNarrativeFile bounds a narrative imported from a text file; the store
// takes 100,000 characters, which is at most 400 KB of UTF-8.
const maxNarrativeFile = 512 << 10

// wsDetails holds the victim's details, the story, the suspected source,
// the leaked-data table and the severity calculator.
type wsDetails struct {
	w *workspace
	// widgets
	root      *container.Scroll
	title     *imeEntry
	name      *imeEntry
	idNumber  *imeEntry
	idHint    *widget.Label
	phone     *imeEntry
	address   *imeEntry
	found     *dateField
	narrative *imeEntry
	srcOrg    *imeEntry
	srcAddr   *imeEntry
	// regs are each suspect's 统一社会信用代码 and 法定代表人 entries, in
	// SuspectList order (for the 起诉状; issue 12).
	regs     [][2]*imeEntry
	srcKind  *widget.Select
	leaked   *fyne.Container
	counts   []*imeEntry // count entry of each leaked row, for tests
	cats     []*widget.Select
	gains    *imeEntry
	loss     *imeEntry // money the victim lost; the police packet states it
	factors  [4]*widget.Check
	insider  *widget.Label
	verdict  *widget.Label
	ratio    *widget.Label
	explain  *wrapLabel
	basis    *widget.Label
	refusal  *wsRefusal  // 刑法第二百八十六条之一: the correction order (issue 18)
	expenses *wsExpenses // the time and expense log (issue 12)
}

func newWsDetails(w *workspace) *wsDetails {
	d := &wsDetails{w: w}
	c := w.cf.Case
	d.title = w.textField("case:title", c.Title, false, func(s string) { d.saveCase(func(c *incident.Case) { c.Title = strings.TrimSpace(s) }) })
	d.name = w.textField("case:name", c.Victim.Name, false, func(s string) { d.saveCase(func(c *incident.Case) { c.Victim.Name = strings.TrimSpace(s) }) })
	d.idHint = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	d.idNumber = w.textField("case:id", c.Victim.IDNumber, false, d.onIDNumber)
	d.phone = w.textField("case:phone", c.Victim.Phone, false, func(s string) { d.saveCase(func(c *incident.Case) { c.Victim.Phone = strings.TrimSpace(s) }) })
	d.address = w.textField("case:address", c.Victim.Address, false, func(s string) { d.saveCase(func(c *incident.Case) { c.Victim.Address = strings.TrimSpace(s) }) })
	found := c.DiscoveredAt
	d.found = newDateField(w.u, &found)
	d.found.OnChanged = d.onDiscovered
	d.narrative = w.textField("case:narrative", c.Narrative, true, func(s string) { d.saveCase(func(c *incident.Case) { c.Narrative = s }) })
	d.narrative.SetMinRowsVisible(8)
	d.narrative.SetPlaceHolder(lang.L("In your own words: what happened, when you noticed, who contacted you, what they knew about you."))
	importBtn := &widget.Button{Text: lang.L("Import from a text file"), Icon: theme.FileTextIcon(), OnTapped: d.onImportNarrative}

	d.srcOrg = w.textField("case:src_org", c.SourceOrg, false, func(s string) { d.saveCase(func(c *incident.Case) { c.SourceOrg = strings.TrimSpace(s) }) })
	d.srcOrg.SetPlaceHolder(lang.L("the company or person you suspect, if you know"))
	d.srcAddr = w.textField("case:src_addr", c.SourceAddr, false, func(s string) { d.saveCase(func(c *incident.Case) { c.SourceAddr = strings.TrimSpace(s) }) })
	d.srcAddr.SetPlaceHolder(lang.L("its address or contact, for letters"))
	var kinds []string
	for _, k := range incident.SourceKinds() {
		kinds = append(kinds, d.sourceKindLabel(k))
	}
	d.srcKind = &widget.Select{Options: kinds, Selected: d.sourceKindLabel(c.SourceKind)}
	d.srcKind.OnChanged = func(string) {
		if i := d.srcKind.SelectedIndex(); i >= 0 {
			d.saveCase(func(c *incident.Case) { c.SourceKind = incident.SourceKinds()[i] })
		}
	}

	victim := widget.NewForm(
		widget.NewFormItem(lang.L("Case title"), d.title),
		widget.NewFormItem(lang.L("Name"), d.name),
		widget.NewFormItem(lang.L("ID number"), container.NewVBox(d.idNumber, d.idHint)),
		widget.NewFormItem(lang.L("Phone"), d.phone),
		widget.NewFormItem(lang.L("Address"), d.address),
		widget.NewFormItem(lang.L("Noticed the leak on"), d.found),
	)
	source := widget.NewForm(
		widget.NewFormItem(lang.L("Suspected source"), d.srcOrg),
		widget.NewFormItem(lang.L("Its address"), d.srcAddr),
		widget.NewFormItem(lang.L("Kind of organisation"), d.srcKind),
	)
	d.regs = nil
	list := c.SuspectList()
	// registration is suspect n's credit code and legal representative,
	// as copied from the business register; only a civil claim needs them.
	registration := func(n int, sp incident.Suspect) {
		var code, rep *imeEntry
		save := func(string) {
			if err := w.svc().SetRegistration(w.u.ctx, w.caseID, n, code.Text, rep.Text); err != nil {
				w.u.showError(err)
				return
			}
			w.reload(d)
		}
		code = w.textField(fmt.Sprintf("case:suspect%d:code", n), sp.Code, false, save)
		code.SetPlaceHolder(lang.L("18 characters, from the business licence or the enterprise credit register"))
		rep = w.textField(fmt.Sprintf("case:suspect%d:rep", n), sp.Rep, false, save)
		rep.SetPlaceHolder(lang.L("as the register shows it; for the statement of claim"))
		source.Append(lang.L("Unified social credit code"), code)
		source.Append(lang.L("Legal representative"), rep)
		d.regs = append(d.regs, [2]*imeEntry{code, rep})
	}
	if len(list) > 0 {
		registration(1, list[0])
	}
	// The other suspects (issue 15): their names and addresses, for their
	// own complaints and letters. Kinds and grounds are answers.
	for i, sp := range list {
		if i == 0 {
			continue
		}
		n := i + 1
		var name, addr *imeEntry
		save := func(string) {
			if err := w.svc().UpdateSuspect(w.u.ctx, w.caseID, n, name.Text, addr.Text); err != nil {
				w.u.showError(err)
				return
			}
			w.reload(d)
		}
		name = w.textField(fmt.Sprintf("case:suspect%d:name", n), sp.Name, false, save)
		addr = w.textField(fmt.Sprintf("case:suspect%d:addr", n), sp.Addr, false, save)
		source.Append(lang.L("Also suspected ({{.Kind}})", map[string]any{"Kind": d.sourceKindLabel(sp.Kind)}), name)
		source.Append(lang.L("Its address"), addr)
		registration(n, sp)
	}

	d.leaked = container.NewVBox()
	addRow := &widget.Button{Text: lang.L("Add a category"), Icon: theme.ContentAddIcon(), OnTapped: d.onAddLeaked}

	d.gains = w.textField("case:gains", formatYuan(c.Intake.GainsYuan), false, func(string) { d.saveFactors() })
	d.gains.SetPlaceHolder("0")
	d.loss = w.textField("case:loss", formatYuan(c.Intake.LossYuan), false, func(string) { d.saveFactors() })
	d.loss.SetPlaceHolder("0")
	d.factors = [4]*widget.Check{
		{Text: lang.L("The information was used to commit a crime (fraud, extortion …)"), Checked: c.Intake.UsedForCrime},
		{Text: lang.L("The leaker was punished for this before (criminal, or administrative within 2 years)"), Checked: c.Intake.PriorOffence},
		{Text: lang.L("It led to death, serious injury, mental disorder or kidnapping"), Checked: c.Intake.SevereConsequence},
		{Text: lang.L("It caused a major economic loss or a vile social impact"), Checked: c.Intake.MajorLoss},
	}
	for _, f := range d.factors {
		f.OnChanged = func(bool) { d.saveFactors() }
	}
	d.insider = &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	d.verdict = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	d.ratio = &widget.Label{Importance: widget.LowImportance}
	d.explain = wrapped("")
	d.basis = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	calc := container.NewVBox(
		widget.NewForm(widget.NewFormItem(lang.L("Money you lost (yuan), if any"), d.loss),
			widget.NewFormItem(lang.L("Leaker's illegal gains (yuan), if known"), d.gains)),
		d.factors[0], d.factors[1], d.factors[2], d.factors[3], d.insider,
		widget.NewCard(lang.L("Reference reading"), lang.L("Not legal advice: the police and courts decide."),
			container.NewVBox(d.verdict, d.ratio, d.explain, d.basis)),
	)

	body := container.NewVBox(
		heading(lang.L("The victim")), victim,
		heading(lang.L("What happened, in your words")), scrollPast(d.narrative, func() *container.Scroll { return d.root }), container.NewHBox(importBtn),
		heading(lang.L("Who may have leaked it")), source,
		heading(lang.L("What leaked and how much")),
		wrapped(lang.L("Count records (条): one person's address is one record. A volunteer may add up several victims, as the police do.")),
		d.leaked, container.NewHBox(addRow),
		heading(facts.Expand(w.u.lang(), lang.L("How serious is it? ({interp2017.art5@year})"))), calc,
	)
	d.refusal = newWsRefusal(w)
	body.Add(d.refusal.root)
	d.expenses = newWsExpenses(w)
	body.Add(d.expenses.root)
	d.root = container.NewVScroll(container.NewPadded(body))
	return d
}

// sourceKindLabel is the one label of k (package source) in the UI language.
func (d *wsDetails) sourceKindLabel(k incident.SourceKind) string {
	return source.Label(k, d.w.u.lang())
}

func categoryName(key, code string) string {
	for _, c := range severity.Categories() {
		if c.Key == key {
			if code == "en" {
				return c.NameEN
			}
			return c.NameZH
		}
	}
	return key
}

func formatYuan(y float64) string {
	if y == 0 {
		return ""
	}
	return strconv.FormatFloat(y, 'f', -1, 64)
}

// refresh redraws what other tabs can change: the leaked-data rows and the
// verdict. The text fields belong to this tab alone and keep their text.
func (d *wsDetails) refresh() {
	d.refreshLeaked()
	d.refreshVerdict()
	d.refusal.refresh()
	d.expenses.refresh()
}

func (d *wsDetails) refreshLeaked() {
	code := d.w.u.lang()
	cats := severity.Categories()
	var names []string
	for _, c := range cats {
		names = append(names, fmt.Sprintf("%s (%d)", categoryName(c.Key, code), c.Standard))
	}
	d.leaked.Objects = nil
	d.counts, d.cats = nil, nil
	for _, l := range d.w.cf.Leaked {
		id := l.ID
		sel := &widget.Select{Options: names}
		for i, c := range cats {
			if c.Key == l.Category {
				sel.Selected = names[i]
			}
		}
		sel.OnChanged = func(string) {
			if i := sel.SelectedIndex(); i >= 0 {
				d.saveLeaked(id, func(x *incident.LeakedData) { x.Category = cats[i].Key })
			}
		}
		count := d.w.textField(fmt.Sprintf("leaked:%d:count", id), strconv.FormatInt(l.Count, 10), false, func(s string) {
			n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil || n < 0 {
				return // the entry's validator already says what is wrong
			}
			d.saveLeaked(id, func(x *incident.LeakedData) { x.Count = n })
		})
		count.Validator = func(s string) error {
			if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err != nil || n < 0 {
				return errors.New(lang.L("a whole number, 0 or more"))
			}
			return nil
		}
		desc := d.w.textField(fmt.Sprintf("leaked:%d:desc", id), l.Description, false, func(s string) {
			d.saveLeaked(id, func(x *incident.LeakedData) { x.Description = s })
		})
		desc.SetPlaceHolder(lang.L("e.g. name, phone and address of each order"))
		del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { d.onDeleteLeaked(l) }}
		d.counts = append(d.counts, count)
		d.cats = append(d.cats, sel)
		d.leaked.Add(container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(3, sel, count, desc)))
	}
	if len(d.w.cf.Leaked) == 0 {
		d.leaked.Add(&widget.Label{Text: lang.L("Nothing entered yet."), Importance: widget.LowImportance})
	}
	d.leaked.Refresh()
}

func (d *wsDetails) refreshVerdict() {
	c := d.w.cf.Case
	switch c.Intake.Insider {
	case "known":
		d.insider.SetText(lang.L("From your answers: someone inside the organisation leaked it, so the thresholds are halved."))
	case "yes":
		d.insider.SetText(lang.L("From your answers: you suspect an insider. If that is established, the thresholds are halved."))
	default:
		d.insider.SetText(lang.L("From your answers: no insider is known. If that changes, re-run the questions."))
	}
	res, err := severity.Assess(incident.SeverityInput(d.w.cf))
	if err != nil {
		logError("assessing severity", err)
		d.verdict.SetText(lang.L("The leaked-data table has an entry the calculator cannot use."))
		return
	}
	code := d.w.u.lang()
	d.verdict.Importance = verdictImportance(res.Verdict)
	d.verdict.SetText(headline(res, code))
	d.ratio.SetText(lang.L("Sum of count ÷ threshold: {{.Ratio}} (1 or more meets the count threshold)", map[string]any{"Ratio": strconv.FormatFloat(res.Ratio, 'f', 2, 64)}))
	d.explain.SetText(explanation(res, code))
	if b := basis(res, code); b != "" {
		d.basis.SetText(lang.L("Legal basis: {{.Basis}}", map[string]any{"Basis": b}))
	} else {
		d.basis.SetText("")
	}
}

func (d *wsDetails) saveCase(change func(*incident.Case)) {
	c := d.w.cf.Case
	change(&c)
	if err := d.w.svc().UpdateCase(d.w.u.ctx, c); err != nil {
		d.w.u.showError(err)
		return
	}
	d.w.reload(d)
	d.refusal.refresh() // the source kind or name decides what can be recorded
}

func (d *wsDetails) onIDNumber(s string) {
	s = strings.ToUpper(strings.TrimSpace(s))
	// A doubtful number is saved as typed and the reason shown beside the
	// field (not in a dialog at every pause in typing).
	d.idHint.SetText(idWarning(s, d.w.u.lang()))
	d.saveCase(func(c *incident.Case) { c.Victim.IDNumber = s })
}

func (d *wsDetails) onDiscovered(t *time.Time) {
	d.saveCase(func(c *incident.Case) {
		c.DiscoveredAt = time.Time{}
		if t != nil {
			c.DiscoveredAt = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
	})
}

func (d *wsDetails) onImportNarrative() {
	d.w.flushEdits()
	d.w.u.filesOpen(startDocuments, []string{".txt", ".md", ".text"}, false, func(paths []string) {
		r, err := os.Open(paths[0])
		if err != nil {
			d.w.u.showError(fileDialogError(err))
			return
		}
		defer r.Close()
		text, err := readTextFile(r)
		if err != nil {
			d.w.u.showError(err)
			return
		}
		d.appendNarrative(text)
	})
}

// appendNarrative adds imported text after what is there, so importing never
// overwrites the story; Undo puts the old text back.
func (d *wsDetails) appendNarrative(text string) {
	old := d.w.cf.Case.Narrative
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	next := text
	if strings.TrimSpace(old) != "" {
		next = strings.TrimRight(old, "\n") + "\n\n" + text
	}
	d.narrative.SetText(next)
	d.w.commit("case:narrative")
	d.w.u.undoable(lang.L("Text imported into \"What happened\"."), func() {
		d.narrative.SetText(old)
		d.w.commit("case:narrative")
	})
}

// readTextFile reads a narrative file in UTF-8 or, as Chinese Windows
// writes it, GB18030.
func readTextFile(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxNarrativeFile+1))
	if err != nil {
		return "", incident.Errorf(incident.CodeInvalid, "无法读取这个文件。", "The file could not be read.", err)
	}
	if len(b) > maxNarrativeFile {
		return "", incident.Errorf(incident.CodeTooLarge, "文件太大：请导入 500 KB 以内的文本文件。", "The file is too large: import a text file under 500 KB.", nil)
	}
	b = []byte(strings.TrimPrefix(string(b), "\uFEFF"))
	if utf8.Valid(b) {
		return string(b), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil || !utf8.Valid(out) {
		return "", incident.Errorf(incident.CodeInvalid, "这个文件不是文本文件（或编码无法识别）。", "This is not a text file, or its encoding is unknown.", err)
	}
	return string(out), nil
}

func (d *wsDetails) leakedRow(id int64) (incident.LeakedData, bool) {
	for _, l := range d.w.cf.Leaked {
		if l.ID == id {
			return l, true
		}
	}
	return incident.LeakedData{}, false
}

func (d *wsDetails) saveLeaked(id int64, change func(*incident.LeakedData)) {
	l, ok := d.leakedRow(id)
	if !ok {
		return
	}
	change(&l)
	if err := d.w.svc().SaveLeaked(d.w.u.ctx, &l, incident.ValidCategory); err != nil {
		d.w.u.showError(err)
		return
	}
	d.w.reload(d)
	d.refreshVerdict()
}

func (d *wsDetails) onAddLeaked() {
	d.w.flushEdits()
	l := &incident.LeakedData{CaseID: d.w.caseID, Category: "other"}
	if err := d.w.svc().SaveLeaked(d.w.u.ctx, l, incident.ValidCategory); err != nil {
		d.w.u.showError(err)
		return
	}
	d.w.reload(nil)
}

func (d *wsDetails) onDeleteLeaked(l incident.LeakedData) {
	d.w.flushEdits()
	d.w.deleteWithUndo(lang.L("Row removed."),
		func() error { return d.w.svc().DeleteLeaked(d.w.u.ctx, l.ID) },
		func() error {
			again := l
			again.ID = 0
			return d.w.svc().SaveLeaked(d.w.u.ctx, &again, incident.ValidCategory)
		})
}

func (d *wsDetails) saveFactors() {
	g := strings.TrimSpace(d.gains.Text)
	gains := 0.0
	if g != "" {
		v, err := strconv.ParseFloat(g, 64)
		if err != nil || v < 0 {
			d.w.u.showError(incident.Errorf(incident.CodeInvalid, "违法所得请填写金额数字，例如 3000。", "Enter the gains as a number of yuan, for example 3000.", err))
			return
		}
		gains = v
	}
	loss := 0.0
	if l := strings.TrimSpace(d.loss.Text); l != "" {
		v, err := strconv.ParseFloat(l, 64)
		if err != nil || v < 0 {
			d.w.u.showError(incident.Errorf(incident.CodeInvalid, "损失金额请填写数字，例如 8000。", "Enter the money lost as a number of yuan, for example 8000.", err))
			return
		}
		loss = v
	}
	f := incident.Intake{GainsYuan: gains, LossYuan: loss, UsedForCrime: d.factors[0].Checked, PriorOffence: d.factors[1].Checked,
		SevereConsequence: d.factors[2].Checked, MajorLoss: d.factors[3].Checked}
	if err := d.w.svc().SetSeverityFactors(d.w.u.ctx, d.w.caseID, f); err != nil {
		d.w.u.showError(err)
		return
	}
	d.w.reload(d)
	d.refreshVerdict()
}

// idWarning is incident.IDNumberWarning's message in code, "" when the
// number is empty or checks out; the wizard and the Details tab show it.
func idWarning(id, code string) string {
	if w := incident.IDNumberWarning(id); w != nil {
		if code == "en" {
			return w.EN
		}
		return w.ZH
	}
	return ""
}
