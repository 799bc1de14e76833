package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

func stepKinds(steps []incident.Step, retired bool) []string {
	var out []string
	for _, s := range steps {
		if s.Retired == retired {
			out = append(out, s.Kind)
		}
	}
	return out
}

// The loan-in-his-name scenario, answered through the screens.
func TestIntakeEndToEndCreatesThePlan(t *testing.T) {
	h := newHarness(t, "en")
	h.u.newCase()
	root := h.w.Content()
	if !hasLabel(root, "Step 1 of 8") {
		t.Fatal("no progress indicator on the first question")
	}
	test.Tap(h.check("ID card number or ID card photo"))
	test.Tap(h.check("Face photo or video"))
	test.Tap(h.button(root, "Next"))
	test.Tap(h.check("Someone took a loan or card in my name"))
	test.Tap(h.button(root, "Next"))
	test.Tap(h.check("Phone company or phone shop"))
	test.Tap(h.button(root, "Back"))
	if !h.check("Someone took a loan or card in my name").Checked {
		t.Fatal("going back lost an answer")
	}
	test.Tap(h.button(root, "Next"))
	if !h.check("Phone company or phone shop").Checked {
		t.Fatal("going back and forth lost the single answer")
	}
	test.Tap(h.button(root, "Next"))
	test.Type(h.u.intake.orgEntry, "某营业厅")
	test.Tap(h.button(root, "Next"))
	test.Tap(h.check("I gave these details when I bought from them or was served by them"))
	test.Tap(h.button(root, "Next"))
	h.radio("Yes, I suspect an insider").SetChecked(true)
	test.Tap(h.button(root, "Next"))
	if h.u.intake.title.Text != "Leak at 某营业厅" {
		t.Fatalf("suggested title %q", h.u.intake.title.Text)
	}
	h.u.intake.title.SetText("李建国 冒名贷款")
	test.Type(h.u.intake.found, "2026-03-01")
	test.Type(h.u.intake.narrative, "接到催收电话，说我在网上借了两笔钱。")
	test.Tap(h.button(root, "Next"))
	// The victim's details, asked where the packets need them. A wrong
	// check digit is warned about beside the field, and kept.
	if !hasLabel(root, "Your details for the documents") || h.u.win.Canvas().Focused() != h.u.intake.victim {
		t.Fatal("no victim page with the caret in the name")
	}
	test.Type(h.u.intake.victim, "李建国")
	test.Type(h.u.intake.idNumber, "510104197203150011")
	if !strings.Contains(h.u.intake.idHint.Text, "check digit") {
		t.Fatalf("ID hint %q, want the check-digit warning", h.u.intake.idHint.Text)
	}
	h.u.intake.idNumber.SetText("510104197203150037")
	if h.u.intake.idHint.Text != "" {
		t.Fatalf("ID hint %q for a number that checks out", h.u.intake.idHint.Text)
	}
	test.Type(h.u.intake.phone, "13800001111")
	test.Type(h.u.intake.address, "四川省成都市锦江区某路1号")
	test.Tap(h.button(root, "Make my plan"))

	cases, err := h.svc.Cases(h.ctx, incident.CaseFilter{})
	if err != nil || len(cases) != 1 {
		t.Fatalf("cases %v, %v", cases, err)
	}
	cf, err := h.svc.CaseFile(h.ctx, cases[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c := cf.Case
	if c.Title != "李建国 冒名贷款" || c.Victim != (incident.Victim{Name: "李建国", IDNumber: "510104197203150037", Phone: "13800001111", Address: "四川省成都市锦江区某路1号"}) || c.SourceOrg != "某营业厅" ||
		c.SourceKind != incident.SourceTelecom || c.DiscoveredAt.Format("2006-01-02") != "2026-03-01" ||
		c.Narrative != "接到催收电话，说我在网上借了两笔钱。" {
		t.Fatalf("case stored as %+v", c)
	}
	want := incident.Intake{Leaked: []string{"id-number", "face-photo"}, Happened: []string{"loan-in-name"},
		SourceKind: "telecom", SourceOrg: "某营业厅", Insider: "yes", Grounds: []string{"customer"}}
	var wantKinds []string
	for _, s := range playbook.Plan(want.Answers()) {
		wantKinds = append(wantKinds, s.Kind)
	}
	if got := stepKinds(cf.Steps, false); !slices.Equal(got, wantKinds) {
		t.Fatalf("plan\n got %v\nwant %v", got, wantKinds)
	}
	for _, k := range []string{"police-report", "credit-dispute", "contact-lenders", "telecom-12300", "deletion-demand"} {
		if !slices.Contains(wantKinds, k) {
			t.Errorf("the loan scenario should plan %s", k)
		}
	}
	if !hasLabel(h.w.Content(), "Your personal plan is ready") {
		t.Fatal("the intake does not end on the plan")
	}
	// The summary lists the plan as stored, every step of it.
	for i, s := range playbook.Plan(want.Answers()) {
		if !hasLabel(h.w.Content(), fmt.Sprintf("%d. %s", i+1, s.Title.In("en"))) {
			t.Errorf("the summary lacks step %d (%s)", i+1, s.Kind)
		}
	}
	test.Tap(h.button(h.w.Content(), "Open my plan"))
	if h.u.screen != screenCase || h.u.caseID != cases[0].ID {
		t.Fatalf("open my plan went to %s/%d", h.u.screen, h.u.caseID)
	}
	if got := h.u.ws.tabs.SelectedIndex(); got != tabPlan {
		t.Fatalf("open my plan shows tab %d, want the plan (%d)", got, tabPlan)
	}
	// The draft of an unfinished intake is gone once the case exists.
	if d, _ := h.svc.Setting(h.ctx, settingIntakeDraft, ""); d != "" {
		t.Fatalf("draft left behind: %s", d)
	}
}

func TestIntakeRerunPrefillsAndReportsChanges(t *testing.T) {
	h := newHarness(t, "en")
	id := h.newCase("Courier", "王芳", incident.Intake{Leaked: []string{"name", "phone", "address"},
		Happened: []string{"scam-contact"}, SourceKind: "courier", Insider: "no"})
	st, err := h.svc.CaseFile(h.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// Progress on a step that the new answers will retire must survive.
	var scam incident.Step
	for _, s := range st.Steps {
		if s.Kind == "report-12321" {
			scam = s
		}
	}
	scam.Notes = "已举报两个号码"
	if err := h.svc.SaveStep(h.ctx, &scam); err != nil {
		t.Fatal(err)
	}

	h.u.rerunIntake(id)
	root := h.w.Content()
	if !h.check("Mobile number").Checked || !h.check("Home or delivery address").Checked {
		t.Fatal("re-run does not show the earlier answers")
	}
	if !hasLabel(root, "Step 1 of 6") {
		t.Fatal("re-run should skip the basics page")
	}
	test.Tap(h.button(root, "Next"))
	test.Tap(h.check("Someone used my details to try to scam me")) // off
	test.Tap(h.check("My details were posted online"))             // on
	for range 4 {
		test.Tap(h.button(root, "Next"))
	}
	test.Tap(h.button(root, "Update my plan"))
	if !hasLabel(h.w.Content(), "Your plan was updated") || !hasLabel(h.w.Content(), "Retired") || !hasLabel(h.w.Content(), "Added") {
		t.Fatal("re-run does not report what changed")
	}
	cf, err := h.svc.CaseFile(h.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(stepKinds(cf.Steps, true), "report-12321") || !slices.Contains(stepKinds(cf.Steps, false), "platform-takedown") {
		t.Fatalf("steps after re-run: active %v retired %v", stepKinds(cf.Steps, false), stepKinds(cf.Steps, true))
	}
	for _, s := range cf.Steps {
		if s.Kind == "report-12321" && s.Notes != "已举报两个号码" {
			t.Fatal("retiring a step lost its notes")
		}
	}
}

// Closing the window halfway through a new intake keeps the answers.
func TestIntakeDraftSurvivesRestart(t *testing.T) {
	h := newHarness(t, "en")
	h.u.newCase()
	test.Tap(h.check("Mobile number"))
	test.Tap(h.button(h.w.Content(), "Next"))
	h.u.goHome()
	h.u.newCase()
	// The wizard comes back on the page it was left on.
	test.Tap(h.button(h.w.Content(), "Back"))
	if !h.check("Mobile number").Checked {
		t.Fatal("the unfinished answers were lost")
	}
	test.Tap(h.button(h.w.Content(), "Start over"))
	if h.check("Mobile number").Checked {
		t.Fatal("start over kept the answers")
	}
}

func TestIntakeFirstScreenGolden(t *testing.T) {
	h := newHarness(t, "zh")
	h.u.newCase()
	test.AssertRendersToMarkup(t, "intake_first_zh.xml", h.w.Canvas())
}

// Issue 15 item 2: the courier or the shop? Both can be ticked, each named
// and with its own grounds; the case keeps both, the plan has a channel for
// each, and re-running the questions shows both again.
func TestIntakeSeveralSuspects(t *testing.T) {
	h := newHarness(t, "en")
	h.u.newCase()
	w := h.u.intake
	for w.questions[w.page].Key != "source-kind" {
		w.onNext()
	}
	test.Tap(h.check("Courier company"))
	test.Tap(h.check("Online shop or shopping platform"))
	test.Tap(h.check("I don't know"))
	if h.check("Courier company").Checked {
		t.Fatal("\"I don't know\" left a kind ticked")
	}
	test.Tap(h.check("I don't know"))
	test.Tap(h.check("Courier company"))
	test.Tap(h.check("Online shop or shopping platform"))
	if h.check("I don't know").Checked {
		t.Fatal("a kind left \"I don't know\" ticked")
	}
	w.onNext() // names
	names := []*imeEntry{}
	walk(h.w.Content(), func(o fyne.CanvasObject) bool {
		if e, ok := o.(*imeEntry); ok && e.Visible() && e.PlaceHolder == "Name of the organisation, if you know it" {
			names = append(names, e)
		}
		return true
	})
	if len(names) != 2 {
		t.Fatalf("%d name fields for two suspects", len(names))
	}
	test.Type(names[0], "顺丰速运")
	test.Type(names[1], "某某旗舰店")
	// Each suspect's address is asked too, for its own letter.
	var addrs []*imeEntry
	walk(h.w.Content(), func(o fyne.CanvasObject) bool {
		if e, ok := o.(*imeEntry); ok && e.Visible() && e.PlaceHolder == "Its address or contact for letters, if you know it" {
			addrs = append(addrs, e)
		}
		return true
	})
	if len(addrs) != 2 {
		t.Fatalf("%d address fields for two suspects", len(addrs))
	}
	test.Type(addrs[1], "杭州市某某路1号")
	w.onNext() // grounds, one group each
	if !hasLabel(h.w.Content(), "Why 顺丰速运?") || !hasLabel(h.w.Content(), "Why 某某旗舰店?") {
		t.Fatal("no grounds asked per suspect")
	}
	var knew []*wizCheck
	walk(h.w.Content(), func(o fyne.CanvasObject) bool {
		if c, ok := o.(*wizCheck); ok && c.Text == "The caller knew details only this organisation had" {
			knew = append(knew, c)
		}
		return true
	})
	test.Tap(knew[1])
	for w.page < len(w.questions) {
		w.onNext()
	}
	w.onNext()
	test.Tap(h.button(h.w.Content(), "Make my plan"))

	cases, _ := h.svc.Cases(h.ctx, incident.CaseFilter{})
	if len(cases) != 1 {
		t.Fatalf("%d cases", len(cases))
	}
	cf, err := h.svc.CaseFile(h.ctx, cases[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	got := cf.Case.SuspectList()
	if len(got) != 2 || got[0].Name != "顺丰速运" || got[0].Kind != incident.SourceCourier ||
		got[1].Name != "某某旗舰店" || got[1].Kind != incident.SourceEcommerce || !slices.Equal(got[1].Grounds, []string{"knew-details"}) ||
		got[1].Addr != "杭州市某某路1号" {
		t.Fatalf("suspects stored as %+v", got)
	}
	if cf.Case.SourceOrg != "顺丰速运" || cf.Case.SourceKind != incident.SourceCourier {
		t.Errorf("main source %q %q", cf.Case.SourceOrg, cf.Case.SourceKind)
	}
	kinds := stepKinds(cf.Steps, false)
	if !slices.Contains(kinds, "consumer-12315") || !slices.Contains(kinds, "regulator-complaint") {
		t.Errorf("plan %v lacks the shop's 12315 complaint or the courier's regulator complaint", kinds)
	}
	// The plan-ready summary lists what was stored, the shop's steps too
	// (it once listed the first suspect's plan only).
	specs := playbook.Plan(cf.Case.Intake.Answers())
	if len(specs) != len(kinds) {
		t.Fatalf("%d steps stored, %d planned", len(kinds), len(specs))
	}
	for i, sp := range specs {
		if !hasLabel(h.w.Content(), fmt.Sprintf("%d. %s", i+1, sp.Title.In("en"))) {
			t.Errorf("the summary lacks step %d %q", i+1, sp.Kind)
		}
	}
	h.u.rerunIntake(cases[0].ID)
	w = h.u.intake
	for w.questions[w.page].Key != "source-kind" {
		w.onNext()
	}
	if !h.check("Courier company").Checked || !h.check("Online shop or shopping platform").Checked {
		t.Fatal("re-run does not show both suspects")
	}
}
