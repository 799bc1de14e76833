package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leakdesk/internal/incident"
)

// draftStory is what the user typed on the wizard's last two pages.
const draftStory = "自称顺丰客服的人打来电话，报出了我的姓名、电话、地址和订单号。"

// fillToVictimPage answers nothing, types the basics and the victim's
// details, and stays on the victim page.
func fillToVictimPage(t *testing.T, u *appUI) {
	t.Helper()
	w := u.intake
	for w.page < len(w.questions) {
		w.onNext()
	}
	w.title.SetText("顺丰 冒充客服")
	// Before the harness's clock (testNow, 10 March 2026): the service
	// refuses a discovery date in its future.
	test.Type(w.found, "2026-02-25")
	test.Type(w.narrative, draftStory)
	w.onNext()
	test.Type(w.victim, "王芳")
	test.Type(w.idNumber, "33010619910315002X")
	test.Type(w.phone, "13812345678")
	if w.page != len(w.questions)+1 {
		t.Fatalf("page %d, want the victim page", w.page)
	}
}

// checkRestored fails unless the wizard shows the typed text again, on
// the page it was left on.
func checkRestored(t *testing.T, u *appUI) {
	t.Helper()
	if u.screen != screenIntake || u.intake == nil {
		t.Fatalf("screen %q, want the wizard", u.screen)
	}
	w := u.intake
	if w.page != len(w.questions)+1 {
		t.Errorf("reopened on page %d, want the victim page %d", w.page, len(w.questions)+1)
	}
	for _, f := range []struct{ name, got, want string }{
		{"title", w.title.Text, "顺丰 冒充客服"}, {"found", w.found.Text, "2026-02-25"}, {"story", w.narrative.Text, draftStory},
		{"name", w.victim.Text, "王芳"}, {"id", w.idNumber.Text, "33010619910315002X"}, {"phone", w.phone.Text, "13812345678"},
	} {
		if f.got != f.want {
			t.Errorf("%s after reopening: %q, want %q", f.name, f.got, f.want)
		}
	}
}

// Leaving the new-case wizard by any route keeps what was typed on every
// page; New case continues it (issue 15, item 3).
func TestIntakeDraftKeptOnEveryRoute(t *testing.T) {
	routes := []struct {
		name  string
		leave func(h *harness)
	}{
		{"Space on the focused Cases button", func(h *harness) {
			h.w.Canvas().Focus(h.u.navHome)
			h.u.navHome.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		}},
		{"Space on the focused Deadlines button", func(h *harness) {
			h.w.Canvas().Focus(h.u.navDue)
			h.u.navDue.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		}},
		{"Settings", func(h *harness) { test.Tap(h.u.navSet) }},
		{"Cancel", func(h *harness) { test.Tap(h.button(h.w.Content(), "Cancel")) }},
		{"Ctrl+W", func(h *harness) { h.u.intake.narrative.TypedShortcut(ctrl("W")) }},
		{"Ctrl+N again", func(h *harness) { h.u.newCase() }},
	}
	for _, r := range routes {
		t.Run(r.name, func(t *testing.T) {
			h := newHarness(t, "en")
			h.u.newCase()
			fillToVictimPage(t, h.u)
			r.leave(h)
			if r.name != "Ctrl+N again" {
				if h.u.screen == screenIntake {
					t.Fatal("the route did not leave the wizard")
				}
				if !hasLabel(h.w.Content(), "Your unfinished case was kept. New case continues where you left off.") {
					t.Error("no notice that the draft was kept")
				}
				h.u.newCase()
			}
			checkRestored(t, h.u)
			// Finishing uses the restored text and drops the draft.
			test.Tap(h.button(h.w.Content(), "Make my plan"))
			h.u.settle()
			cases, err := h.svc.Cases(h.ctx, incident.CaseFilter{})
			if err != nil || len(cases) != 1 {
				t.Fatalf("cases %v, %v", cases, err)
			}
			c, err := h.svc.Case(h.ctx, cases[0].ID)
			if err != nil || c.Narrative != draftStory || c.Victim.IDNumber != "33010619910315002X" {
				t.Fatalf("case %+v, %v", c, err)
			}
			if d, _ := h.svc.Setting(h.ctx, settingIntakeDraft, ""); d != "" {
				t.Fatalf("draft left behind: %s", d)
			}
		})
	}
}

// Closing the window: the draft is in the store, and the next start of
// the app (a new shell on the same store) continues it.
func TestIntakeDraftSurvivesClosingTheWindow(t *testing.T) {
	h := newHarness(t, "en")
	h.u.newCase()
	fillToVictimPage(t, h.u)
	h.u.onCloseWindow()
	w := test.NewTempApp(t).NewWindow("leakdesk")
	w.Resize(fyne.NewSize(1000, 700))
	u := testBuild(t, fyne.CurrentApp(), w, Deps{Service: h.svc, DataDir: "/data", Version: "test", Lang: "en"})
	u.newCase()
	checkRestored(t, u)
	if !u.intake.resumed {
		t.Error("a continued draft offers no Start over")
	}
}

// The auto-lock: the draft is sealed in the store (nothing of it stays on
// screen or in the clear), and unlocking returns to the wizard with it.
func TestIntakeDraftSurvivesAutoLock(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, "")
	f.enable()
	f.u.newCase()
	fillToVictimPage(t, f.u)
	f.now = f.now.Add(defaultIdleMinutes * 60e9)
	f.pending()
	if !f.locker().Locked() {
		t.Fatal("no auto-lock")
	}
	if f.shows(draftStory) || f.shows("王芳") {
		t.Fatal("the draft is on screen while locked")
	}
	test.Type(find(f.w.Content(), func(e *imeEntry) bool { return e.Password }), goodPass)
	test.Tap(f.button(f.w.Content(), "Unlock"))
	f.u.settle()
	checkRestored(t, f.u)
	// The store seals personal settings (sqlite's sealSetting, tested there).
	if incident.ClassifySetting(settingIntakeDraft) != incident.SettingPersonal {
		t.Fatal("the draft would be stored in the clear in an encrypted store")
	}
}

// Re-running an existing case's intake: leaving keeps the changed answers
// in memory until that case's intake is opened again.
func TestIntakeRerunDraftKept(t *testing.T) {
	h := newHarness(t, "en")
	id := h.newCase("Courier", "王芳", incident.Intake{Leaked: []string{"name"}, SourceKind: "courier"})
	h.u.rerunIntake(id)
	test.Tap(h.check("Mobile number"))
	test.Tap(h.button(h.w.Content(), "Next"))
	h.u.showDeadlines()
	h.u.rerunIntake(id)
	if h.u.intake.page != 1 {
		t.Errorf("re-run reopened on page %d, want 1", h.u.intake.page)
	}
	test.Tap(h.button(h.w.Content(), "Back"))
	if !h.check("Mobile number").Checked || !h.check("Name").Checked {
		t.Fatal("the re-run's changed answers were lost")
	}
	// Another case's intake does not pick them up.
	other := h.newCase("Other", "李", incident.Intake{})
	h.u.rerunIntake(other)
	if h.check("Mobile number").Checked {
		t.Fatal("a re-run draft leaked into another case")
	}
}
