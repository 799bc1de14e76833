package ui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/report"
)

// wsNow is the tests' fixed clock: a Monday, so working days are plain.
var wsNow = time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)

// wsFixture is an app with the courier scenario's case open in the workspace,
// over a real store in a temp dir.
type wsFixture struct {
	t      *testing.T
	dir    string
	store  *sqlite.Store
	svc    *incident.Service
	u      *appUI
	caseID int64
}

func newWsFixture(t *testing.T, export ExportFunc) *wsFixture {
	t.Helper()
	a := test.NewTempApp(t)
	setupTranslations("en")
	a.Settings().SetTheme(newTheme())
	f := &wsFixture{t: t, dir: t.TempDir()}
	f.open()
	ctx := context.Background()
	id, err := f.svc.CreateCase(ctx, incident.Case{Title: "Courier leak", Victim: incident.Victim{Name: "Wang Fang"},
		SourceOrg: "Speedy Express", SourceKind: incident.SourceCourier})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RunIntake(ctx, id, incident.Intake{Leaked: []string{"name", "phone", "address", "orders"},
		Happened: []string{"scam-contact"}, SourceKind: "courier", SourceOrg: "Speedy Express", Insider: "no"}); err != nil {
		t.Fatal(err)
	}
	f.caseID = id
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 760))
	f.u = &appUI{app: a, win: w, deps: Deps{Service: f.svc, Export: export}, ctx: ctx, code: "en", tasks: newQueuedTasks()}
	f.u.buildShell()
	f.u.openCase(id)
	t.Cleanup(func() {
		if f.u.ws != nil {
			f.u.ws.close()
			f.u.settle()
		}
	})
	return f
}

func (f *wsFixture) open() {
	f.t.Helper()
	st, err := sqlite.Open(f.dir, sqlite.Options{Clock: incident.FixedClock{T: wsNow}, NoAutoBackup: true})
	if err != nil {
		f.t.Fatal(err)
	}
	f.store = st
	f.svc = incident.NewService(st, incident.FixedClock{T: wsNow})
	f.t.Cleanup(func() { st.Close() })
}

// reopen closes the store and opens it again, as a restart of the app would.
func (f *wsFixture) reopen() {
	f.t.Helper()
	f.u.leaveCase()
	if err := f.store.Close(); err != nil {
		f.t.Fatal(err)
	}
	f.open()
	f.u.deps.Service = f.svc
	f.u.openCase(f.caseID)
}

func (f *wsFixture) ws() *workspace { return f.u.ws }

func (f *wsFixture) step(kind string) incident.Step {
	f.t.Helper()
	for _, st := range f.ws().cf.Steps {
		if st.Kind == kind {
			return st
		}
	}
	f.t.Fatalf("no step %q in the plan", kind)
	return incident.Step{}
}

func TestWorkspaceStatusChangePersistsAndSetsFollowUp(t *testing.T) {
	f := newWsFixture(t, nil)
	st := f.step("deletion-demand")
	if !st.FollowUp.IsZero() {
		t.Fatalf("follow-up before any status change: %v", st.FollowUp)
	}
	p := f.ws().plan
	p.selectStep(st.ID)
	p.notes.SetText("Sent by registered post")
	p.status.SetSelected(statusLabel(incident.StepDoing, "en"))

	f.reopen()
	got := f.step("deletion-demand")
	if got.Status != incident.StepDoing {
		t.Errorf("status after reopen = %q, want doing", got.Status)
	}
	// 15 working days from Monday 10 March 2025.
	if want := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC); !sameDay(got.FollowUp, want) {
		t.Errorf("follow-up = %v, want %v", got.FollowUp, want)
	}
	if got.Notes != "Sent by registered post" {
		t.Errorf("notes typed before the status change = %q; they must be saved first", got.Notes)
	}
	p = f.ws().plan
	p.selectStep(got.ID)
	if p.status.Selected != statusLabel(incident.StepDoing, "en") {
		t.Errorf("status select shows %q", p.status.Selected)
	}
	if p.followUp.date == nil || !sameDay(*p.followUp.date, got.FollowUp) {
		t.Errorf("follow-up entry shows %v", p.followUp.date)
	}
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.Month() == b.Month() && a.Day() == b.Day()
}

func TestWorkspaceNotesSavedOnLeave(t *testing.T) {
	f := newWsFixture(t, nil)
	st := f.step("police-report")
	p := f.ws().plan
	p.selectStep(st.ID)
	test.Type(p.notes, "派出所说三天后回电")
	p.ref.SetText("JJ2025031000123")
	p.ref.OnSubmitted(p.ref.Text) // Return saves, and does nothing else
	f.u.goHome()                  // Ctrl+W: closing the case saves what is typed

	cf, err := f.svc.CaseFile(context.Background(), f.caseID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cf.Steps {
		if s.ID == st.ID {
			if s.Notes != "派出所说三天后回电" || s.Reference != "JJ2025031000123" {
				t.Errorf("saved notes %q, reference %q", s.Notes, s.Reference)
			}
			if s.Status != incident.StepTodo {
				t.Errorf("Return changed the status to %q", s.Status)
			}
		}
	}
}

func TestWorkspaceLogContactFromStepLinksIt(t *testing.T) {
	f := newWsFixture(t, nil)
	st := f.step("regulator-complaint")
	p := f.ws().plan
	p.selectStep(st.ID)
	test.Tap(p.logBtn)
	ed := f.ws().comms.editor
	if ed == nil {
		t.Fatal("no contact editor opened")
	}
	if ed.step.Selected != p.stepTitle(st) {
		t.Errorf("editor's step = %q, want %q", ed.step.Selected, p.stepTitle(st))
	}
	ed.counterpart.SetText("12315")
	ed.summary.SetText("Complaint filed online")
	ed.onSave()

	comms := f.ws().cf.Communications
	if len(comms) != 1 {
		t.Fatalf("%d communications, want 1", len(comms))
	}
	if comms[0].StepID != st.ID || comms[0].Summary != "Complaint filed online" || comms[0].Direction != incident.Outgoing {
		t.Errorf("saved %+v", comms[0])
	}
	if n := len(f.ws().comms.shown); n != 1 {
		t.Errorf("log shows %d entries", n)
	}
}

func TestWorkspaceAccountCheckboxPersists(t *testing.T) {
	f := newWsFixture(t, nil)
	acc := &incident.Account{CaseID: f.caseID, Service: "Taobao", Login: "138****0000"}
	if err := f.svc.SaveAccount(context.Background(), acc); err != nil {
		t.Fatal(err)
	}
	f.reopen()
	a := f.ws().accounts
	if len(a.checks) != 1 {
		t.Fatalf("%d account rows", len(a.checks))
	}
	test.Tap(a.checks[0][0]) // password changed
	test.Tap(a.checks[0][1]) // two-step login

	f.reopen()
	got := f.ws().cf.Accounts[0]
	if !got.PasswordChanged || !got.TwoFactor || got.SessionsRevoked || got.DeletionRequested {
		t.Errorf("after reopen: %+v", got)
	}
	if !f.ws().accounts.checks[0][0].Checked {
		t.Error("the password box is not ticked after reopen")
	}
}

func TestWorkspaceTimelineNewestFirst(t *testing.T) {
	f := newWsFixture(t, nil)
	p := f.ws().plan
	p.selectStep(f.step("warn-family").ID)
	p.status.SetSelected(statusLabel(incident.StepDone, "en"))

	lines := f.ws().timeline.lines
	if len(lines) < 3 {
		t.Fatalf("timeline has %d lines", len(lines))
	}
	if !strings.Contains(lines[0].text, "→ Done") {
		t.Errorf("newest line = %q, want the status change", lines[0].text)
	}
	if last := lines[len(lines)-1].text; last != "Case opened" {
		t.Errorf("oldest line = %q", last)
	}
	for i := 1; i < len(lines); i++ {
		if lines[i].at.After(lines[i-1].at) {
			t.Errorf("line %d is newer than line %d", i, i-1)
		}
	}
	tl := f.ws().timeline
	tl.filter.SetSelectedIndex(1) // plan
	for _, l := range tl.lines {
		if l.text == "Case opened" {
			t.Error("the plan filter shows a case event")
		}
	}
}

func TestWorkspaceSeverityCalculator60LocationRecords(t *testing.T) {
	f := newWsFixture(t, nil)
	d := f.ws().details
	d.onAddLeaked()
	if len(d.cats) != 1 {
		t.Fatalf("%d leaked rows", len(d.cats))
	}
	d.cats[0].SetSelectedIndex(0) // location, threshold 50
	d.counts[0].SetText("60")
	f.ws().flushEdits()

	if want := "May be \"serious circumstances\": possibly a crime"; d.verdict.Text != want {
		t.Errorf("verdict = %q, want %q", d.verdict.Text, want)
	}
	if !strings.Contains(d.basis.Text, "253") {
		t.Errorf("no legal basis shown: %q", d.basis.Text)
	}
	if !strings.Contains(d.explain.Text, "not legal advice") {
		t.Errorf("explanation lacks the caveat: %q", d.explain.Text)
	}
	if f.ws().overview.verdict.Text != d.verdict.Text {
		t.Errorf("overview card says %q", f.ws().overview.verdict.Text)
	}
	l := f.ws().cf.Leaked[0]
	if l.Category != "location" || l.Count != 60 {
		t.Errorf("stored row %+v", l)
	}
}

func TestWorkspaceEvidenceAddPNG(t *testing.T) {
	f := newWsFixture(t, nil)
	path := filepath.Join(t.TempDir(), "scam-sms.png")
	writePNG(t, path, 40, 30)
	ev := f.ws().evidence
	ev.addPaths([]string{path})
	f.u.settle()

	if n := ev.list.Length(); n != 1 {
		t.Fatalf("list has %d exhibits", n)
	}
	x := f.ws().cf.Exhibits[0]
	if x.Title != "scam-sms" || x.ContentType != "image/png" || x.Number != 1 || len(x.SHA256) != 64 {
		t.Errorf("stored %+v", x)
	}
	if th := ev.thumbs[x.ID]; th.img == nil {
		t.Error("no thumbnail for the PNG")
	}
	if ev.selected != x.ID {
		t.Error("the new exhibit is not selected")
	}
	if ev.progBox.Visible() {
		t.Error("the progress bar is still shown")
	}

	// The same file again is refused and nothing is added.
	ev.addPaths([]string{path})
	f.u.settle()
	if n := len(f.ws().cf.Exhibits); n != 1 {
		t.Errorf("duplicate stored: %d exhibits", n)
	}

	// Save original: byte-identical.
	var buf bytes.Buffer
	if _, err := f.svc.WriteExhibitContent(context.Background(), x.ID, &buf); err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(path)
	if !bytes.Equal(buf.Bytes(), orig) {
		t.Error("stored bytes differ from the file")
	}
}

func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x * 6), uint8(y * 8), 200, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestWorkspaceExportSendsChoices(t *testing.T) {
	var mu sync.Mutex
	var got ExportRequest
	var gotCase int64
	fake := func(_ context.Context, caseID int64, req ExportRequest, progress func(float64)) (string, error) {
		progress(0.5)
		progress(1)
		mu.Lock()
		defer mu.Unlock()
		got, gotCase = req, caseID
		return req.Path, nil
	}
	f := newWsFixture(t, fake)
	ctx := context.Background()
	var ids []int64
	for _, text := range []string{"Caller knew my order number", "SMS with a refund link"} {
		x, err := f.svc.AddRecord(ctx, incident.Exhibit{CaseID: f.caseID, Kind: incident.ExhibitCall, RecordNumber: "17000000000", RecordText: text})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	f.ws().reload(nil)

	f.ws().showTab(tabExport)
	x := f.ws().export
	x.choose(PacketProvider)
	if !x.maskID.Checked || !x.maskCard.Checked || x.maskPhone.Checked {
		t.Error("the provider packet's masking is not report.DefaultMasking")
	}
	if len(x.exList.Selected) != 0 {
		t.Errorf("provider packet preselects exhibits %v", x.exList.Selected)
	}
	x.exList.SetSelected([]string{x.exList.Options[1]})
	if v := x.fields[FieldRespondent].Text; v != "Speedy Express" {
		t.Errorf("respondent prefilled with %q", v)
	}
	out := filepath.Join(t.TempDir(), "deletion")
	x.exportTo(out)
	f.u.settle()

	mu.Lock()
	defer mu.Unlock()
	if gotCase != f.caseID || got.Packet != PacketProvider || got.Masking != report.DefaultMasking(report.KindProvider) || got.Path != out+".pdf" {
		t.Errorf("exporter got case %d, %+v", gotCase, got)
	}
	if len(got.Exhibits) != 1 || got.Exhibits[0] != ids[1] {
		t.Errorf("exhibits %v, want [%d]", got.Exhibits, ids[1])
	}
	if got.Fields[FieldRespondent] != "Speedy Express" {
		t.Errorf("fields %v", got.Fields)
	}
	if x.lastPath != out+".pdf" || len(x.after.Objects) == 0 {
		t.Error("no result shown after the export")
	}

	// Offer to mark the deletion demand as submitted, with its reference.
	st := f.step("deletion-demand")
	x.stepRef.SetText("SE-2025-77")
	x.onSubmitted(st.ID, PacketProvider)
	st = f.step("deletion-demand")
	if st.Status != incident.StepDoing || st.Reference != "SE-2025-77" || st.FollowUp.IsZero() {
		t.Errorf("step after submit: %+v", st)
	}
}

func TestWorkspaceExportUnavailable(t *testing.T) {
	f := newWsFixture(t, nil)
	if f.ws().export.recipient != nil {
		t.Fatal("export form shown without an exporter")
	}
	f.ws().export.choose(PacketPolice) // from a plan step: must not panic
}

func TestWorkspacePlanMarkup(t *testing.T) {
	f := newWsFixture(t, nil)
	f.ws().showTab(tabPlan)
	f.ws().plan.selectStep(f.step("deletion-demand").ID)
	assertWorkspaceMarkup(t, f, "workspace_plan.xml")
}

func TestWorkspaceOverviewMarkup(t *testing.T) {
	f := newWsFixture(t, nil)
	p := f.ws().plan
	p.selectStep(f.step("secure-accounts").ID)
	p.status.SetSelected(statusLabel(incident.StepDone, "en"))
	f.ws().showTab(tabOverview)
	assertWorkspaceMarkup(t, f, "workspace_overview.xml")
}

// assertWorkspaceMarkup compares the workspace alone, without the shell's
// navigation, at a laptop-sized area.
func assertWorkspaceMarkup(t *testing.T, f *wsFixture, master string) {
	t.Helper()
	root := f.ws().root
	root.Resize(fyne.NewSize(1100, 700))
	test.AssertObjectRendersToMarkup(t, master, root)
}

// shownEntries are the entries the export tab's field box shows, as drawn.
func shownEntries(x *wsExport) []*imeEntry {
	var out []*imeEntry
	for _, o := range test.LaidOutObjects(x.fieldBox) {
		if e, ok := o.(*imeEntry); ok {
			out = append(out, e)
		}
	}
	return out
}

// Issue 15 item 1: the police station typed on the Export tab reaches the
// packet, does not turn up as another packet's respondent, and is there
// again when the case reopens.
func TestWorkspaceExportRecipientFieldsWired(t *testing.T) {
	var mu sync.Mutex
	var got ExportRequest
	fake := func(_ context.Context, _ int64, req ExportRequest, _ func(float64)) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		got = req
		return req.Path, nil
	}
	f := newWsFixture(t, fake)
	f.ws().showTab(tabExport)
	x := f.ws().export
	x.choose(PacketConsumer)
	x.choose(PacketPolice)
	shown := shownEntries(x)
	if len(shown) != 3 {
		t.Fatalf("police form shows %d entries, want 3", len(shown))
	}
	test.Type(shown[0], "文新派出所")
	if x.policeForm.Selected != x.policeForm.Options[0] {
		t.Error("a case naming its source should default to an accusation (控告)")
	}
	x.exportTo(filepath.Join(t.TempDir(), "police"))
	f.u.settle()
	mu.Lock()
	if got.Fields[FieldRecipient] != "文新派出所" || got.Fields[report.FieldPoliceForm] != report.FormAccusation {
		t.Errorf("typed station not sent: %v", got.Fields)
	}
	if got.Masking != report.DefaultMasking(report.KindPolice) {
		t.Errorf("police masking %+v", got.Masking)
	}
	mu.Unlock()

	x.choose(PacketConsumer)
	shown = shownEntries(x)
	if len(shown) == 0 || shown[0].Text != "Speedy Express" {
		t.Errorf("consumer respondent shows %q", shown[0].Text)
	}
	if m := x.masking(); m.Phone {
		t.Error("the 12315 complaint hides the complainant's own phone")
	}

	// Reopen the case: the station is still there.
	f.u.openCase(f.caseID)
	f.ws().showTab(tabExport)
	x = f.ws().export
	x.choose(PacketPolice)
	if shown = shownEntries(x); shown[0].Text != "文新派出所" {
		t.Errorf("after reopening the station reads %q", shown[0].Text)
	}
	// The preview states what the packet will say, each with its source.
	if !hasLabel(x.preview, "From: answer to \"What has happened\": Someone used my details to try to scam me") {
		t.Error("no statement preview with its sources")
	}
}

// The money lost is asked on the Details tab; once entered, the police
// packet states the amount, with the Details tab as its source.
func TestWorkspaceLossReachesThePolicePacket(t *testing.T) {
	f := newWsFixture(t, func(context.Context, int64, ExportRequest, func(float64)) (string, error) { return "", nil })
	ctx := context.Background()
	if _, err := f.svc.RunIntake(ctx, f.caseID, incident.Intake{Leaked: []string{"phone"}, Happened: []string{"scam-contact", "money-lost"},
		SourceKind: "courier", SourceOrg: "Speedy Express", Insider: "no"}); err != nil {
		t.Fatal(err)
	}
	f.ws().reload(nil)
	f.ws().showTab(tabDetails)
	d := f.ws().details
	// Saved at once, as Return does: the typing pause's timer would fire on
	// its own goroutine (the test driver runs fyne.Do there), racing with
	// this test or the next one under a loaded -race run.
	d.loss.SetText("8000")
	f.ws().flushEdits()
	cf, err := f.svc.CaseFile(ctx, f.caseID)
	if err != nil || cf.Case.Intake.LossYuan != 8000 {
		t.Fatalf("loss stored as %v (%v)", cf.Case.Intake.LossYuan, err)
	}
	f.ws().showTab(tabExport)
	x := f.ws().export
	x.choose(PacketPolice)
	if !hasLabel(x.preview, "控告人因此遭受的经济损失为人民币8000元。") {
		t.Error("the preview does not state the amount lost")
	}
	d.loss.SetText("lots")
	f.ws().flushEdits() // refused with a message; the stored amount stays
	if cf, _ := f.svc.CaseFile(ctx, f.caseID); cf.Case.Intake.LossYuan != 8000 {
		t.Error("a bad amount changed the stored one")
	}
}

// Issue 9: "Change" beside a statement that rests on a field of this export
// puts the caret in that very field, not the form's first one.
func TestWorkspaceExportChangeFocusesTheField(t *testing.T) {
	f := newWsFixture(t, func(context.Context, int64, ExportRequest, func(float64)) (string, error) { return "", nil })
	f.ws().showTab(tabExport)
	x := f.ws().export
	x.choose(PacketPolice)
	shown := shownEntries(x)
	if len(shown) != 3 || shown[2] != x.fields[FieldLosses] {
		t.Fatalf("police form shows %d entries; want station, suspect, losses", len(shown))
	}
	test.Type(x.fields[FieldLosses], "被骗转账人民币3000元。")
	canvas := f.u.win.Canvas()
	for _, c := range []struct{ statement, field string }{
		{"被骗转账人民币3000元。", FieldLosses},
		{"控告人怀疑上述单位泄露了控告人的个人信息，理由见“事实与理由”部分，具体泄露者有待公安机关依法查明。", FieldRespondent},
	} {
		canvas.Focus(x.fields[FieldRecipient])
		row := previewRow(x, c.statement)
		if row == nil {
			t.Fatalf("no preview row states %q", c.statement)
		}
		b := findButton(row, "Change")
		if b == nil {
			t.Fatalf("the row stating %q has no Change button", c.statement)
		}
		test.Tap(b)
		if got := canvas.Focused(); got != x.fields[c.field] {
			t.Errorf("Change beside %q focused %v, want the %s field", c.statement, got, c.field)
		}
	}
}

// previewRow is the preview's row that shows text.
func previewRow(x *wsExport, text string) fyne.CanvasObject {
	for _, o := range x.preview.Objects {
		if hasLabel(o, text) {
			return o
		}
	}
	return nil
}

// Issue 15 item 9: the date fields show the one date format, accept what
// they show (and ISO), and their calendar is headed in Chinese.
func TestDateFieldOneFormat(t *testing.T) {
	f := newWsFixture(t, nil)
	f.u.code = "zh"
	d := f.ws().details
	day := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	df := newDateField(f.u, &day)
	if got := df.Text(); got != "2026年11月28日" {
		t.Errorf("field shows %q", got)
	}
	for _, typed := range []string{"2026年12月5日", "2026-12-06", "2026/12/7"} {
		var got *time.Time
		df.OnChanged = func(t *time.Time) { got = t }
		df.entry.SetText(typed)
		if got == nil || got.Day() < 5 || got.Month() != 12 {
			t.Errorf("typing %q reported %v", typed, got)
		}
	}
	df.entry.SetText("28/11/2026")
	if df.entry.Validate() == nil {
		t.Error("DD/MM/YYYY accepted silently")
	}
	df.openCalendar()
	if got := df.head.Text; got != "2026年12月" {
		t.Errorf("calendar header %q", got)
	}
	if got := df.days.Objects[0].(*widget.Label).Text; got != "一" {
		t.Errorf("first weekday %q", got)
	}
	df.popUp.Hide()

	// The details tab's field round-trips through the store (a day before
	// the fixture's clock: the service refuses a discovery in its future).
	d.found.entry.SetText("2025年2月28日")
	f.ws().flushEdits()
	cf, _ := f.svc.CaseFile(context.Background(), f.caseID)
	if !cf.Case.DiscoveredAt.Equal(time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("stored %v", cf.Case.DiscoveredAt)
	}
}

// Issue 15 item 10: switching from a long step, scrolled down, to another
// step shows the new step from its top, not a blank pane at the old offset;
// the same step redrawn after an edit keeps its place.
func TestPlanDetailStartsAtTopOnSwitch(t *testing.T) {
	f := newWsFixture(t, nil)
	f.ws().showTab(tabPlan)
	p := f.ws().plan
	p.selectStep(f.step("police-report").ID)
	p.detailScroll.Offset = fyne.NewPos(0, 600)
	p.detailScroll.Refresh()
	p.showDetail() // the same step, redrawn after an edit
	if p.detailScroll.Offset.Y == 0 {
		t.Error("redrawing the same step lost the scroll position")
	}
	p.selectStep(f.step("gather-evidence").ID)
	if y := p.detailScroll.Offset.Y; y != 0 {
		t.Errorf("new step shown at offset %v", y)
	}
}

// Issue 15 item 10: the wheel scrolls the details page while the pointer is
// over the story field (Fyne's field swallowed it); while the field is
// being edited the wheel is the field's again.
func TestWheelOverStoryScrollsPage(t *testing.T) {
	f := newWsFixture(t, nil)
	f.ws().showTab(tabDetails)
	d := f.ws().details
	c := f.u.win.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.narrative).Add(fyne.NewPos(40, 20))
	test.Scroll(c, pos, 0, -120)
	if y := d.root.Offset.Y; y <= 0 {
		t.Fatalf("wheel over the story field: page offset %v", y)
	}
	c.Focus(d.narrative)
	before := d.root.Offset.Y
	test.Scroll(c, fyne.CurrentApp().Driver().AbsolutePositionForObject(d.narrative).Add(fyne.NewPos(40, 20)), 0, -120)
	if d.root.Offset.Y != before {
		t.Errorf("while editing, the wheel moved the page (%v → %v)", before, d.root.Offset.Y)
	}
}
