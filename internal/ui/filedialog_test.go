package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/ui/filechooser"
)

// Issue 15 item 6: with the app's translations loaded, Fyne's file dialog
// says 打开 (its own word), not the app's case status 进行中.
func TestFyneOpenKeepsItsWord(t *testing.T) {
	test.NewTempApp(t)
	setupTranslations("zh")
	t.Cleanup(func() { setupTranslations("en") })
	if got := lang.L("Open"); got != "打开" {
		t.Errorf(`lang.L("Open") = %q, want Fyne's 打开`, got)
	}
	if got := lang.L("Open cases"); got != "进行中" {
		t.Errorf("the case-status filter reads %q", got)
	}
}

// A failed open or save says what to do, never the generic
// "本次改动没有保存".
func TestFileDialogErrorIsClear(t *testing.T) {
	_, err := os.Create(filepath.Join(t.TempDir(), "no", "such", "dir", "x.pdf"))
	msg := incident.UserMessage(fileDialogError(err), "zh")
	if !strings.Contains(msg, "文件名") || strings.Contains(msg, "没有保存") {
		t.Errorf("message %q", msg)
	}
}

// The evidence picker takes several paths at once (typed, pasted or
// browsed), reports the ones that are not files and adds nothing until
// they are fixed, and keeps the text.
func TestPickFilesTakesSeveralPaths(t *testing.T) {
	h := newHarness(t, "en")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "sms1.png"), filepath.Join(dir, "订单.pdf")
	os.WriteFile(a, []byte("x"), 0o600)
	os.WriteFile(b, []byte("y"), 0o600)
	var got []string
	h.u.pickFiles(func(p []string) { got = p })
	box := h.u.win.Canvas().Focused().(*imeEntry)
	box.SetText(a + "\n\"" + b + "\"\n" + filepath.Join(dir, "missing.jpg"))
	test.Tap(h.button(h.topOverlay(), "Add these files"))
	if got != nil {
		t.Fatalf("added %v although one path is missing", got)
	}
	if !hasLabel(h.topOverlay(), "Not found or not a file: "+filepath.Join(dir, "missing.jpg")) {
		t.Error("the missing path is not named")
	}
	box.SetText(a + "\n\"" + b + "\"\n")
	test.Tap(h.button(h.topOverlay(), "Add these files"))
	if len(got) != 2 || got[0] != a || got[1] != b {
		t.Errorf("added %v", got)
	}
	if h.u.lastDir != dir {
		t.Errorf("next dialog would open in %q", h.u.lastDir)
	}
}

// With the desktop's own dialog (the portal), Browse… asks it for several
// files at once, in the start folder, and every chosen path lands in the
// box; without one, Fyne's dialog opens instead.
func TestBrowseAsksTheDesktopDialog(t *testing.T) {
	h := newHarness(t, "en")
	var asked []filechooser.Request
	chosen := []string{"/home/u/Pictures/sms 1.png", "/home/u/Pictures/订单.pdf"}
	answer := func(ctx context.Context, r filechooser.Request) ([]string, error) {
		asked = append(asked, r)
		return chosen, nil
	}
	h.u.deps.AskFiles = func(ctx context.Context, r filechooser.Request) ([]string, error) { return answer(ctx, r) }
	h.u.pickFiles(func([]string) {})
	box := h.u.win.Canvas().Focused().(*imeEntry)
	test.Tap(h.button(h.topOverlay(), "Browse…"))
	h.u.tasks.settle()
	if len(asked) != 1 || !asked[0].Multiple || asked[0].Save || asked[0].Title != "Choose files" {
		t.Fatalf("asked %+v", asked)
	}
	if box.Text != strings.Join(chosen, "\n") {
		t.Errorf("box %q", box.Text)
	}
	if h.u.lastDir != "/home/u/Pictures" {
		t.Errorf("lastDir %q", h.u.lastDir)
	}

	// No desktop dialog: Fyne's file dialog is shown over the picker.
	answer = func(context.Context, filechooser.Request) ([]string, error) { return nil, filechooser.ErrUnavailable }
	before := len(h.w.Canvas().Overlays().List())
	test.Tap(h.button(h.topOverlay(), "Browse…"))
	h.u.tasks.settle()
	if n := len(h.w.Canvas().Overlays().List()); n != before+1 {
		t.Errorf("overlays %d after the fallback, want %d (Fyne's dialog)", n, before+1)
	}
	if box.Text != strings.Join(chosen, "\n") {
		t.Errorf("the fallback changed the box: %q", box.Text)
	}
}

// Saving asks the desktop's dialog for one place, with the suggested name
// and a filter for the kind of file.
func TestSaveAsksTheDesktopDialog(t *testing.T) {
	h := newHarness(t, "zh")
	var got filechooser.Request
	h.u.deps.AskFiles = func(_ context.Context, r filechooser.Request) ([]string, error) {
		got = r
		return []string{"/home/u/文档/报案材料.pdf"}, nil
	}
	var saved string
	h.u.fileSave("报案材料.pdf", []string{".pdf"}, func(p string) { saved = p })
	h.u.tasks.settle()
	if !got.Save || got.Name != "报案材料.pdf" || got.Title != "另存为" || len(got.Filters) != 2 || got.Filters[0].Patterns[0] != "*.pdf" {
		t.Errorf("asked %+v", got)
	}
	if saved != "/home/u/文档/报案材料.pdf" {
		t.Errorf("saved to %q", saved)
	}
}

// Locking while the desktop's dialog is open closes it, and what it
// answers afterwards is dropped.
func TestLockClosesTheDesktopDialog(t *testing.T) {
	f := newLockFixture(t, test.NewTempApp(t), "王芳")
	f.enable()
	opened := make(chan struct{})
	f.u.deps.AskFiles = func(ctx context.Context, r filechooser.Request) ([]string, error) {
		close(opened)
		<-ctx.Done()
		return []string{"/tmp/late.png"}, ctx.Err()
	}
	var got []string
	f.u.filesOpen(nil, nil, true, func(p []string) { got = p })
	<-opened
	f.u.lockNow()
	f.u.tasks.settle()
	if got != nil {
		t.Errorf("a path came through after the lock: %v", got)
	}
	if f.u.closeNative != nil {
		t.Error("the dialog's closer is still set")
	}
}

// Issue 15 item 6: where the desktop has no dialog of its own, the sidebar
// of Fyne's file dialog names its places in
// the app's language; Fyne itself prints them in English, untranslated.
func TestFileDialogPlacesInChinese(t *testing.T) {
	h := newHarness(t, "zh")
	h.u.fileSave("x.pdf", nil, func(string) {})
	var names []string
	for _, o := range test.LaidOutObjects(h.topOverlay()) {
		if l, ok := o.(*widget.Label); ok {
			names = append(names, l.Text)
		}
	}
	if !slices.Contains(names, "主文件夹") || !slices.Contains(names, "计算机") {
		t.Errorf("sidebar reads %q", names)
	}
	for _, en := range []string{"Home", "Computer"} {
		if slices.Contains(names, en) {
			t.Errorf("%q still in English: %q", en, names)
		}
	}
}

// "Add files…" opens the desktop's dialog at once where there is one, and
// the path box where there is none.
func TestAddEvidenceOpensTheDesktopDialogFirst(t *testing.T) {
	h := newHarness(t, "zh")
	var asked []filechooser.Request
	h.u.deps.AskFiles = func(_ context.Context, r filechooser.Request) ([]string, error) {
		asked = append(asked, r)
		return []string{"/home/u/图片/a.png", "/home/u/图片/b.png"}, nil
	}
	var got []string
	before := len(h.w.Canvas().Overlays().List())
	h.u.chooseEvidence(func(p []string) { got = p })
	h.u.tasks.settle()
	if len(asked) != 1 || !asked[0].Multiple || asked[0].Title != "添加文件" {
		t.Fatalf("asked %+v", asked)
	}
	if len(got) != 2 {
		t.Errorf("added %v", got)
	}
	if n := len(h.w.Canvas().Overlays().List()); n != before {
		t.Errorf("%d dialogs of the app's own opened", n-before)
	}

	h.u.deps.AskFiles = func(context.Context, filechooser.Request) ([]string, error) { return nil, filechooser.ErrUnavailable }
	h.u.chooseEvidence(func([]string) {})
	h.u.tasks.settle()
	if h.button(h.topOverlay(), "添加这些文件") == nil {
		t.Error("without a desktop dialog the path box did not open")
	}
}
