package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"leakdesk/internal/incident"
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
