package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
	"leakdesk/internal/report/export"
)

// Issue 13, the window from creating a matter to the joint export: the
// matter is made in its form, two victims' cases join (the respondent is
// written into them), one agrees to the joint documents, what each lacks
// shows, and the joint police document is exported through the export
// workflow (here rendered as its model, since the window never sees PDF)
// naming only the victim who agreed.
func TestMatterFromCreationToJointExport(t *testing.T) {
	f := newWsFixture(t, nil)
	ctx := context.Background()
	second, err := f.svc.CreateCase(ctx, incident.Case{Title: "Flat buyer", Victim: incident.Victim{Name: "Li Er"}})
	if err != nil {
		t.Fatal(err)
	}
	render := func(path string, p report.Packet, _ export.ExhibitSource) (string, error) {
		b, err := json.Marshal(p)
		if err != nil {
			return "", err
		}
		return strings.Repeat("ab", 32), os.WriteFile(path, b, 0o600)
	}
	f.u.deps.MatterExport = func(ctx context.Context, id int64, kind, path string, progress func(float64)) ([]string, []string, error) {
		res, err := export.Joint(ctx, f.svc, id, export.Request{Kind: kind, Path: path}, "en", render, progress)
		return res.Excluded, res.Warnings, err
	}
	u := f.u
	u.leaveCase()
	u.showMatters()
	u.settle()
	mv := u.matters

	// Create the matter in its form.
	mv.onNew()
	form := u.win.Canvas().Overlays().Top()
	if form == nil {
		t.Fatal("no form")
	}
	var entries []*imeEntry
	walk(form, func(o fyne.CanvasObject) bool {
		if e, ok := o.(*imeEntry); ok {
			entries = append(entries, e)
		}
		return true
	})
	if len(entries) < 4 {
		t.Fatalf("%d entries in the form", len(entries))
	}
	entries[0].SetText("Flat buyers")
	entries[1].SetText("Some Developer Ltd")
	entries[2].SetText("1 Some Road")
	test.Tap(findButton(form, "Create"))
	u.settle()
	if mv.open == nil || mv.open.ov == nil {
		t.Fatal("the new matter is not shown")
	}
	v := mv.open
	mid := v.id

	// Both victims join; the respondent is written into their cases.
	v.addCase(f.caseID)
	v.addCase(second)
	u.settle()
	if len(v.ov.Victims) != 2 {
		t.Fatalf("%d victims shown", len(v.ov.Victims))
	}
	if c, _ := f.svc.Case(ctx, second); c.SourceOrg != "Some Developer Ltd" {
		t.Errorf("respondent not written into the case: %q", c.SourceOrg)
	}
	if findLabel(v.root, "Missing: ") == nil {
		t.Error("what each victim lacks is not shown")
	}

	// The first victim agrees to the joint documents, through her check.
	check := find(v.victims, func(c *widget.Check) bool { return true })
	if check == nil {
		t.Fatal("no consent check")
	}
	test.Tap(check)
	u.settle()
	if c, _ := f.svc.Case(ctx, f.caseID); c.JointConsent.IsZero() {
		t.Fatal("consent not recorded")
	}

	// Its preview first, from the button: what it will state, whom it
	// names and who is left out, and a blue "save" button with the
	// app's focus tint.
	test.Tap(findButton(v.root, "Joint police document…"))
	u.settle()
	pv := u.win.Canvas().Overlays().Top()
	if pv == nil || v.preview == nil {
		t.Fatal("no preview of the joint document")
	}
	for _, want := range []string{"Victims named: 1; exhibits listed: ", "Not included (no consent recorded): Li Er", "What this document will state", "Some Developer Ltd"} {
		if labelContaining(pv, want) == nil {
			t.Errorf("the preview lacks %q", want)
		}
	}
	if findLabel(pv, "Li Er：") != nil {
		t.Error("the preview states something of the victim who did not agree")
	}
	save := findButton(pv, "Save as PDF…")
	if save == nil || save.Importance != widget.HighImportance {
		t.Fatal("no blue save button in the preview")
	}
	u.win.Canvas().Focus(save)
	if got := newTheme().Color(theme.ColorNameFocus, fyne.CurrentApp().Settings().ThemeVariant()); got != blueFocus {
		t.Errorf("the preview's blue button takes the focus tint %v, not the blue buttons' dark one", got)
	}
	u.win.Canvas().Unfocus()
	test.Tap(findButton(pv, "Cancel"))
	u.settle()

	// The joint police document: only she is named; the other is listed
	// on screen as not included.
	out := filepath.Join(t.TempDir(), "joint")
	v.exportTo(report.KindJointPolice, out)
	u.settle()
	b, err := os.ReadFile(out + ".pdf")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Wang Fang") || strings.Contains(string(b), "Li Er") || !strings.Contains(string(b), "Some Developer Ltd") {
		t.Errorf("joint document: %.400s", b)
	}
	if findLabel(v.root, "Not included (no consent recorded): Li Er") == nil || findLabel(v.root, "Saved: ") == nil {
		t.Error("the result is not shown")
	}
	// The export is in the history of the victim it names.
	cf, _ := f.svc.CaseFile(ctx, f.caseID)
	if last := cf.Events[len(cf.Events)-1]; last.Kind != incident.EventPacketExported || last.Data["packet"] != report.KindJointPolice {
		t.Errorf("last event %+v", last)
	}
	// Her 授权委托书: made from the matter view with the volunteer's
	// details, then recorded as signed with the button beside her name.
	if err := f.svc.SetAgent(ctx, incident.Agent{Name: "Chen Lü"}); err != nil {
		t.Fatal(err)
	}
	f.u.deps.Authorisation = func(ctx context.Context, caseID int64, path string) error {
		_, err := export.Authorisation(ctx, f.svc, caseID, time.Time{}, time.Time{}, path, true, render)
		return err
	}
	v.authorisationTo(f.caseID, filepath.Join(t.TempDir(), "auth"))
	u.settle()
	if c, _ := f.svc.Case(ctx, f.caseID); c.Authorisation == nil || !c.Authorisation.SignedOn.IsZero() {
		t.Fatalf("authorisation not recorded unsigned: %+v", c.Authorisation)
	}
	test.Tap(findButton(v.victims, "Signed today"))
	u.settle()
	if c, _ := f.svc.Case(ctx, f.caseID); c.Authorisation == nil || c.Authorisation.SignedOn.IsZero() {
		t.Fatalf("signature not recorded: %+v", c.Authorisation)
	}
	// The matter list shows it with its two victims.
	u.showMatters()
	u.settle()
	if len(mv.items) != 1 || mv.items[0].ID != mid || mv.items[0].Cases != 2 {
		t.Errorf("matter list %+v", mv.items)
	}

	// Deleting the matter asks first, saying the cases stay; "Cancel"
	// keeps it, the red button deletes it and every case stays whole.
	mv.showMatter(mid)
	u.settle()
	v = mv.open
	test.Tap(findButton(v.root, "Delete matter…"))
	dlg := u.win.Canvas().Overlays().Top()
	if dlg == nil || labelContaining(dlg, "Its 2 victims' cases stay, each whole") == nil {
		t.Fatal("no confirmation saying the victims' cases stay")
	}
	test.Tap(findButton(dlg, "Cancel"))
	u.settle()
	if ms, _ := f.svc.Matters(ctx); len(ms) != 1 {
		t.Fatalf("cancelled, yet %d matters", len(ms))
	}
	test.Tap(findButton(v.root, "Delete matter…"))
	test.Tap(findButton(u.win.Canvas().Overlays().Top(), "Delete matter"))
	u.settle()
	if ms, _ := f.svc.Matters(ctx); len(ms) != 0 {
		t.Fatalf("%d matters after deleting", len(ms))
	}
	for _, id := range []int64{f.caseID, second} {
		c, err := f.svc.Case(ctx, id)
		if err != nil {
			t.Fatalf("case %d lost: %v", id, err)
		}
		if m, _ := f.svc.CaseMatter(ctx, id); m != 0 || c.SourceOrg != "Some Developer Ltd" {
			t.Errorf("case %d after the matter's deletion: matter %d, respondent %q", id, m, c.SourceOrg)
		}
	}
	if c, _ := f.svc.Case(ctx, f.caseID); c.Authorisation == nil || c.JointConsent.IsZero() {
		t.Errorf("her authorisation or consent went with the matter: %+v", c)
	}
	if len(mv.items) != 0 || len(mv.body.Objects) != 1 || mv.body.Objects[0] != mv.empty {
		t.Error("the matters screen does not show the matter gone")
	}
}

// The volunteer's details are set once in Settings.
func TestAgentInSettings(t *testing.T) {
	f := newWsFixture(t, nil)
	f.u.showSettings()
	f.u.settle()
	s := f.u.settings.agent
	s.name.SetText("Chen Lü")
	s.org.SetText("Legal aid centre")
	test.Tap(findButton(s.root, "Save"))
	if a, ok, err := f.svc.Agent(context.Background()); err != nil || !ok || a.Name != "Chen Lü" || a.Org != "Legal aid centre" {
		t.Errorf("agent %+v %v %v", a, ok, err)
	}
}

// labelContaining is the first label under o whose text contains part.
func labelContaining(o fyne.CanvasObject, part string) *widget.Label {
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok && strings.Contains(l.Text, part) {
			return l
		}
	}
	return nil
}

// A case imported from a file that names its matter arrived on its own:
// the window says so and names the matter here it may join (both import
// paths, case file and bundle, call noteImportedMatter).
func TestImportedCaseNamesItsMatter(t *testing.T) {
	f := newWsFixture(t, nil)
	ctx := context.Background()
	mid, err := f.svc.CreateMatter(ctx, incident.Matter{Title: "Flat buyers", Respondent: incident.Respondent{Name: "Some Developer Ltd"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.AddCaseToMatter(ctx, mid, f.caseID); err != nil {
		t.Fatal(err)
	}
	cf, err := f.svc.ExportCaseFile(ctx, f.caseID)
	if err != nil {
		t.Fatal(err)
	}
	f.u.noteImportedMatter(f.caseID) // not imported: nothing to say
	if f.u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("a note for a case that was not imported")
	}
	id, err := f.svc.ImportCase(ctx, cf, func(i int) (io.ReadCloser, error) {
		var b bytes.Buffer
		_, err := f.svc.WriteExhibitContent(ctx, cf.Exhibits[i].ID, &b)
		return io.NopCloser(&b), err
	}, "case-file:test.json")
	if err != nil {
		t.Fatal(err)
	}
	f.u.noteImportedMatter(id)
	d := f.u.win.Canvas().Overlays().Top()
	if d == nil || labelContaining(d, "this case was in matter M-1 “Flat buyers”") == nil || labelContaining(d, "matter add-case --matter 1 --case") == nil {
		t.Error("the import does not say which matter the case was in")
	}
	if m, _ := f.svc.CaseMatter(ctx, id); m != 0 {
		t.Errorf("the imported case joined matter %d", m)
	}
}
