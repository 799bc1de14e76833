package ui

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// Issue 15 item 7: the whole path from Ctrl+N to a saved packet without
// the mouse. Only keys reach the window: Ctrl+N, Tab (the window's focus
// traversal), Space, Enter, typed text, Ctrl+E. After every wizard page the
// focus is on the new page (never lost), Enter goes on, and the packet is
// saved through the save dialog by typing Enter in its name field.
func TestKeyboardOnlyFromNewCaseToSavedPacket(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	os.MkdirAll(filepath.Join(home, "Documents"), 0o700)
	h := newHarness(t, "zh")
	var mu sync.Mutex
	var saved ExportRequest
	h.u.deps.Export = func(_ context.Context, _ int64, req ExportRequest, _ func(float64)) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		saved = req
		return req.Path, os.WriteFile(req.Path, []byte("%PDF-1.4 test"), 0o600)
	}
	c := h.w.Canvas()
	focused := func(where string) fyne.Focusable {
		t.Helper()
		f := c.Focused()
		if f == nil {
			t.Fatalf("%s: nothing has the focus", where)
		}
		return f
	}
	key := func(k fyne.KeyName) {
		if f := c.Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: k})
		} else if c.OnTypedKey() != nil {
			c.OnTypedKey()(&fyne.KeyEvent{Name: k})
		}
	}
	space := func() { // a Space press gives the key and the character
		key(fyne.KeySpace)
		if f := c.Focused(); f != nil {
			f.TypedRune(' ')
		}
	}
	typ := func(s string) {
		for _, r := range s {
			c.Focused().TypedRune(r)
		}
	}
	tab := func() { c.(interface{ FocusNext() }).FocusNext() }

	c.(fyne.Shortcutable).TypedShortcut(ctrl("N"))
	if h.u.screen != screenIntake {
		t.Fatalf("Ctrl+N: screen %s", h.u.screen)
	}
	w := h.u.intake
	// Page 1, what leaked: the first answer has the focus; tick name, Tab
	// twice, tick the mobile number.
	if f, ok := focused("first page").(*wizCheck); !ok || f.Text != "姓名" {
		t.Fatalf("first page: focus on %T", c.Focused())
	}
	space()
	tab()
	tab()
	space()
	key(fyne.KeyReturn)
	if w.page != 1 {
		t.Fatalf("Enter on an answer: page %d", w.page)
	}
	// Every further page: something on it has the focus; on the kinds of
	// source tick the first (the courier), on the names page type one;
	// Enter goes on.
	for i := 0; i < 20 && !w.done; i++ {
		page := w.page
		f := focused("page " + w.step.Text)
		switch {
		case page < len(w.questions) && w.questions[page].Key == "source-kind":
			space()
		case f == w.orgEntry:
			typ("顺丰速运")
		case f == w.victim:
			typ("王芳")
		}
		key(fyne.KeyReturn)
		if !w.done && w.page != page+1 {
			t.Fatalf("Enter on %T did not go on from page %d", f, page)
		}
	}
	if !w.done {
		t.Fatal("the intake did not finish")
	}
	cases, err := h.svc.Cases(h.ctx, incident.CaseFilter{})
	if err != nil || len(cases) != 1 {
		t.Fatalf("cases %v %v", cases, err)
	}
	cs, _ := h.svc.Case(h.ctx, cases[0].ID)
	if cs.SourceOrg != "顺丰速运" || cs.Victim.Name != "王芳" || len(cs.Intake.Leaked) != 2 {
		t.Fatalf("case from the keyboard: %q %q %v", cs.SourceOrg, cs.Victim.Name, cs.Intake.Leaked)
	}
	// The plan is ready: Enter opens it.
	if focused("plan ready") != w.next {
		t.Fatalf("plan ready: focus on %T", c.Focused())
	}
	key(fyne.KeyReturn)
	if h.u.screen != screenCase {
		t.Fatalf("Enter on \"open my plan\": screen %s", h.u.screen)
	}
	// Ctrl+E: the Export tab, the police packet chosen by default; Tab to
	// the export button, Space, and Enter in the save dialog's name field.
	c.(fyne.Shortcutable).TypedShortcut(ctrl("E"))
	x := h.u.ws.export
	for i := 0; i < 300 && c.Focused() != fyne.Focusable(x.exportBtn); i++ {
		tab()
	}
	if c.Focused() != fyne.Focusable(x.exportBtn) {
		t.Fatal("Tab never reached the export button")
	}
	space()
	if _, ok := focused("save dialog").(*widget.Entry); !ok {
		t.Fatalf("save dialog: focus on %T", c.Focused())
	}
	key(fyne.KeyReturn)
	h.u.settle()
	mu.Lock()
	req := saved
	mu.Unlock()
	if req.Path == "" || req.Packet != "police" {
		t.Fatalf("nothing exported: %+v", req)
	}
	if _, err := os.Stat(req.Path); err != nil || filepath.Dir(req.Path) != filepath.Join(home, "Documents") {
		t.Fatalf("packet not saved in Documents: %v (%s)", err, req.Path)
	}
}
