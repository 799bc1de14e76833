package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

var (
	courier = incident.Intake{Leaked: []string{"name", "phone", "address", "orders"}, Happened: []string{"scam-contact"}, SourceKind: "courier", Insider: "unsure"}
	loan    = incident.Intake{Leaked: []string{"id-number", "face-photo"}, Happened: []string{"loan-in-name"}, SourceKind: "telecom", Insider: "yes"}
	posted  = incident.Intake{Leaked: []string{"id-number", "phone", "address"}, Happened: []string{"posted-online"}, SourceKind: "platform", Insider: "no"}
)

// seed stores three cases, one overdue, one closed.
func (h *harness) seed() (wang, li, chen int64) {
	wang = h.newCase("快递信息泄露", "王芳", courier)
	li = h.newCase("冒名网贷", "李建国", loan)
	chen = h.newCase("论坛曝光身份证", "陈晓雨", posted)
	h.setFollowUp(li, "credit-dispute", testNow.AddDate(0, 0, -3)) // overdue
	h.setFollowUp(li, "police-report", testNow.AddDate(0, 0, 9))
	h.setFollowUp(wang, "deletion-demand", testNow.AddDate(0, 0, 1))
	h.setFollowUp(wang, "regulator-complaint", testNow.AddDate(0, 0, 5))
	if err := h.svc.SetCaseStatus(h.ctx, chen, incident.CaseClosed); err != nil {
		h.t.Fatal(err)
	}
	return
}

func TestHomeEmptyGolden(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		h := newHarness(t, lang)
		if h.u.screen != screenHome {
			t.Fatalf("start screen %s", h.u.screen)
		}
		test.AssertRendersToMarkup(t, "home_empty_"+lang+".xml", h.w.Canvas())
	}
}

func TestHomeWithCasesGolden(t *testing.T) {
	h := newHarness(t, "zh")
	h.seed()
	h.u.goHome()
	h.u.settle()
	if got := len(h.u.home.cases); got != 2 {
		t.Fatalf("open cases shown: %d", got)
	}
	test.AssertRendersToMarkup(t, "home_cases_zh.xml", h.w.Canvas())
}

func TestHomeSearchAndFilter(t *testing.T) {
	h := newHarness(t, "en")
	_, li, _ := h.seed()
	h.u.goHome()
	h.u.settle()
	hm := h.u.home
	hm.filterSel.SetSelected("Overdue")
	h.u.settle()
	if len(hm.cases) != 1 || hm.cases[0].ID != li {
		t.Fatalf("overdue filter: %+v", hm.cases)
	}
	hm.filterSel.SetSelected("All")
	h.u.settle()
	if len(hm.cases) != 3 {
		t.Fatalf("all: %d", len(hm.cases))
	}
	test.Type(hm.search, "李建")
	h.u.settle()
	if len(hm.cases) != 1 || hm.cases[0].ID != li {
		t.Fatalf("search: %+v", hm.cases)
	}
	hm.search.SetText("nobody")
	h.u.settle()
	if !hasLabel(h.w.Content(), "No case matches the search and filter.") {
		t.Fatal("no-match state missing")
	}
}

func TestStartShowsDeadlinesWhenOverdue(t *testing.T) {
	h := newHarness(t, "en")
	h.seed()
	h.u.start()
	h.u.settle()
	if h.u.screen != screenDeadlines {
		t.Fatalf("start screen with an overdue follow-up: %s", h.u.screen)
	}
}

func TestDeadlinesOrderAndOpen(t *testing.T) {
	h := newHarness(t, "zh")
	wang, li, _ := h.seed()
	h.u.showDeadlines()
	h.u.settle()
	d := h.u.deadlines
	var got []int64
	for i, f := range d.items {
		got = append(got, f.CaseID)
		if i > 0 && f.Due.Before(d.items[i-1].Due) {
			t.Fatalf("deadlines out of order: %v before %v", d.items[i-1].Due, f.Due)
		}
	}
	want := []int64{li, wang, wang, li}
	if len(got) != len(want) {
		t.Fatalf("deadlines %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("deadlines %v, want %v", got, want)
		}
	}
	if !d.items[0].Overdue || d.items[1].Overdue {
		t.Fatal("overdue flags wrong")
	}
	test.AssertRendersToMarkup(t, "deadlines_zh.xml", h.w.Canvas())
	d.list.Select(0)
	if h.u.screen != screenCase || h.u.caseID != li {
		t.Fatalf("clicking a deadline opened %s/%d", h.u.screen, h.u.caseID)
	}
}

func TestDeleteAsksAndUndo(t *testing.T) {
	h := newHarness(t, "en")
	id := h.newCase("Courier leak", "Wang Fang", courier)
	h.u.goHome()
	h.u.settle()
	h.u.home.onDelete(h.u.home.cases[0])
	test.Tap(h.button(h.topOverlay(), "Delete case"))
	h.u.settle()
	if list, _ := h.svc.Cases(h.ctx, incident.CaseFilter{}); len(list) != 0 {
		t.Fatal("case still listed after delete")
	}
	if len(h.u.home.cases) != 0 || !h.u.notice.Visible() || !h.u.noticeUndo.Visible() {
		t.Fatal("no undo notice after delete")
	}
	test.Tap(h.u.noticeUndo)
	h.u.settle()
	list, _ := h.svc.Cases(h.ctx, incident.CaseFilter{})
	if len(list) != 1 || list[0].ID != id || len(h.u.home.cases) != 1 {
		t.Fatal("undo did not bring the case back")
	}
	if h.u.notice.Visible() {
		t.Fatal("notice stays after undo")
	}
}

// The delete dialog and Settings → Security say what deletion reaches:
// the backups, and not copies elsewhere nor the disk without full-disk
// encryption (issue 17, F1 and F5).
func TestDeleteSaysWhatItReaches(t *testing.T) {
	for _, tc := range []struct{ lang, backups, fde string }{
		{"en", "every backup in its backups folder", "full-disk encryption"},
		{"zh", "每一份备份中删除", "全盘加密"},
	} {
		h := newHarness(t, tc.lang)
		h.newCase("Courier leak", "Wang Fang", courier)
		h.u.goHome()
		h.u.settle()
		h.u.home.onDelete(h.u.home.cases[0])
		said := find(h.topOverlay(), func(l *widget.Label) bool {
			return strings.Contains(l.Text, tc.backups) && strings.Contains(l.Text, tc.fde)
		})
		if said == nil {
			t.Errorf("%s: the delete dialog does not say it reaches the backups and not the disk", tc.lang)
		}
		h.u.showSettings()
		if find(h.w.Content(), func(l *widget.Label) bool { return strings.Contains(l.Text, tc.fde) }) == nil {
			t.Errorf("%s: Settings do not say what deletion reaches", tc.lang)
		}
	}
}

func TestDeleteCancelKeepsCase(t *testing.T) {
	h := newHarness(t, "en")
	h.newCase("Courier leak", "Wang Fang", courier)
	h.u.goHome()
	h.u.settle()
	h.u.home.onDelete(h.u.home.cases[0])
	test.Tap(h.button(h.topOverlay(), "Cancel"))
	if list, _ := h.svc.Cases(h.ctx, incident.CaseFilter{}); len(list) != 1 {
		t.Fatal("cancel deleted the case")
	}
}

func TestPurgeAtStart(t *testing.T) {
	h := newHarness(t, "en")
	id := h.newCase("Old", "", courier)
	if err := h.svc.DeleteCase(h.ctx, id); err != nil {
		t.Fatal(err)
	}
	// A day later the next start removes it for good.
	h.u.deps.Service = incident.NewService(h.st, incident.FixedClock{T: testNow.Add(25 * time.Hour)})
	h.u.start()
	h.u.settle()
	if err := h.u.deps.Service.UndoDeleteCase(h.ctx, id); !incident.IsNotFound(err) {
		t.Fatalf("deleted case not purged: %v", err)
	}
}

func TestLanguageSwitchChangesLabels(t *testing.T) {
	h := newHarness(t, "zh")
	if h.u.navHome.Text != "案件" || h.u.navDue.Text != "待办期限" {
		t.Fatalf("zh labels: %q %q", h.u.navHome.Text, h.u.navDue.Text)
	}
	h.u.showSettings()
	h.u.settings.langSel.SetSelected("English")
	h.u.settle()
	if h.u.navHome.Text != "Cases" || h.u.navDue.Text != "Deadlines" || h.u.lang() != "en" {
		t.Fatalf("en labels: %q %q", h.u.navHome.Text, h.u.navDue.Text)
	}
	if h.u.screen != screenSettings || !hasLabel(h.w.Content(), "Language") {
		t.Fatal("settings not shown again in English")
	}
	if v, _ := h.svc.Setting(h.ctx, settingLang, ""); v != "en" {
		t.Fatalf("language not remembered: %q", v)
	}
	h.u.settings.langSel.SetSelected("中文")
	h.u.settle()
	if h.u.navHome.Text != "案件" {
		t.Fatal("switching back failed")
	}
}

func TestShortcuts(t *testing.T) {
	h := newHarness(t, "en")
	id := h.newCase("Courier leak", "", courier)
	c := h.w.Canvas()
	h.u.goHome()
	h.u.settle()
	test.Tap(h.u.home.search) // focus an entry: shortcuts must still reach the app
	c.Focus(h.u.home.search)
	h.u.home.search.TypedShortcut(ctrl("N"))
	if h.u.screen != screenIntake {
		t.Fatalf("Ctrl+N from the search field: %s", h.u.screen)
	}
	h.u.intake.title.TypedShortcut(ctrl("W"))
	if h.u.screen != screenHome {
		t.Fatalf("Ctrl+W: %s", h.u.screen)
	}
	h.u.openCase(id)
	c.(interface{ TypedShortcut(s fyne.Shortcut) }).TypedShortcut(ctrl("F"))
	if h.u.screen != screenHome || c.Focused() != h.u.home.search {
		t.Fatal("Ctrl+F does not focus the search")
	}
}

// Issue 15 item 10: every top-level screen fits a 1024 × 700 window in both
// languages (under Wine the home screen was wider than its window and cut
// "Import…" off), and the empty deadlines view draws its sentence across
// the window instead of one character per line, which grew the window.
func TestScreensFitSmallWindow(t *testing.T) {
	for _, code := range []string{"zh", "en"} {
		h := newHarness(t, code)
		h.seed()
		for _, s := range []struct {
			name string
			show func()
		}{{"home", h.u.goHome}, {"deadlines", h.u.showDeadlines}, {"settings", h.u.showSettings}} {
			s.show()
			h.u.settle()
			min := h.w.Content().MinSize()
			t.Logf("%s/%s: %v", code, s.name, min)
			if min.Width > 1024 || min.Height > 700 {
				t.Errorf("%s/%s needs %v, more than 1024×700", code, s.name, min)
			}
		}
	}
	h := newHarness(t, "zh")
	h.u.showDeadlines()
	h.u.settle()
	h.w.Resize(fyne.NewSize(1024, 700))
	if min := h.w.Content().MinSize(); min.Height > 700 {
		t.Errorf("empty deadlines view needs %v", min)
	}
	lbl := findLabel(h.w.Content(), "目前没有需要等待的事项")
	if lbl == nil {
		t.Fatal("no empty-state sentence")
	}
	if sz := lbl.Size(); sz.Width < 400 || sz.Height > 80 {
		t.Errorf("empty-state sentence drawn %v: not across the window", sz)
	}
}

// findLabel is the first label whose text starts with prefix.
func findLabel(o fyne.CanvasObject, prefix string) *widget.Label {
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok && strings.HasPrefix(l.Text, prefix) {
			return l
		}
	}
	return nil
}

// Issue 15 item 10: the error dialog's icon sits beside the message, never
// over it, and a long message wraps at a readable width.
func TestErrorDialogIconBesideText(t *testing.T) {
	h := newHarness(t, "zh")
	msg := "操作未能完成，本次改动没有保存。详细原因已写入日志。这一句故意写得很长，好让它在对话框里换行，看图标会不会压在文字上。"
	h.u.showMessage("出了问题", msg, theme.ErrorIcon())
	ov := h.topOverlay()
	var icon *widget.Icon
	for _, o := range test.LaidOutObjects(ov) {
		if i, ok := o.(*widget.Icon); ok {
			icon = i
		}
	}
	lbl := findLabel(ov, "操作未能完成")
	if icon == nil || lbl == nil {
		t.Fatal("dialog lacks its icon or message")
	}
	ip, lp := fyne.CurrentApp().Driver().AbsolutePositionForObject(icon), fyne.CurrentApp().Driver().AbsolutePositionForObject(lbl)
	if ip.X+icon.Size().Width > lp.X {
		t.Errorf("icon at %v+%v overlaps the text at %v", ip, icon.Size(), lp)
	}
	if lbl.Size().Width < 400 {
		t.Errorf("message squeezed to %v", lbl.Size())
	}
}

// Issue 15 item 7: Esc closes a question without acting, and an error
// message and the help; a multi-line field lets Tab move on; Ctrl+1…8
// reach every case tab.
func TestKeyboardEscTabAndCaseTabs(t *testing.T) {
	h := newHarness(t, "zh")
	id := h.newCase("快递信息泄露", "王芳", courier)
	h.u.goHome()
	c := h.w.Canvas()
	press := func(k fyne.KeyName) { c.OnTypedKey()(&fyne.KeyEvent{Name: k}) }

	deleted := false
	h.u.confirmDelete("删除案件？", "……", "删除案件", func() { deleted = true })
	press(fyne.KeyEscape)
	if c.Overlays().Top() != nil || deleted {
		t.Fatalf("Esc: dialog still open (%v) or the case deleted (%v)", c.Overlays().Top() != nil, deleted)
	}
	h.u.showHelp()
	press(fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Fatal("Esc did not close the help")
	}
	h.u.showError(errors.New("boom"))
	press(fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Fatal("Esc did not close the error message")
	}

	if newMultiLineEntry().AcceptsTab() {
		t.Error("a multi-line field keeps Tab for itself")
	}

	h.u.openCase(id)
	for i := 0; i < 8; i++ {
		ks := &desktop.CustomShortcut{KeyName: fyne.KeyName(rune('1' + i)), Modifier: fyne.KeyModifierShortcutDefault}
		c.(fyne.Shortcutable).TypedShortcut(ks)
		if got := h.u.ws.tabs.SelectedIndex(); got != i {
			t.Errorf("Ctrl+%d selected tab %d", i+1, got)
		}
	}
}

// Issue 15 item 10: running text wraps by the packets' rules — no line of
// the help starts with closing punctuation, and a list number stays with
// its sentence.
func TestWrapLabelKeepsLineRules(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(newTheme())
	text := "3. 按步骤去做，记下日期、回执编号和对方的答复。每次改动都会立即保存。报警后要拿到受案回执，以后查询进展要用到它。"
	for _, w := range []float32{120, 150, 200, 260, 333, 420} {
		l := wrapped(text)
		l.Resize(fyne.NewSize(w, 400))
		lines := strings.Split(l.Text, "\n")
		if strings.ReplaceAll(l.Text, "\n", "") != strings.ReplaceAll(text, " ", "") && strings.ReplaceAll(l.Text, "\n", " ") != text {
			// Only the space after "3." may be dropped at a break.
			if strings.ReplaceAll(strings.ReplaceAll(l.Text, "\n", ""), " ", "") != strings.ReplaceAll(text, " ", "") {
				t.Errorf("width %v: text changed: %q", w, l.Text)
			}
		}
		for i, line := range lines {
			if r := []rune(line); len(r) > 0 && strings.ContainsRune("，。、；：？！）》”", r[0]) {
				t.Errorf("width %v: line %d starts with %q: %q", w, i, string(r[0]), line)
			}
			if strings.TrimSpace(line) == "3." {
				t.Errorf("width %v: the number stands alone", w)
			}
		}
		if len(lines) < 2 && w < 400 {
			t.Errorf("width %v: not wrapped: %q", w, l.Text)
		}
		if h := l.MinSize().Height; h < float32(len(lines))*theme.TextSize() {
			t.Errorf("width %v: %d lines in %v px", w, len(lines), h)
		}
	}
}
