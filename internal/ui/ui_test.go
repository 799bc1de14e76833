package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
)

// testNow is a Tuesday morning in Beijing; dates in goldens follow from it.
var testNow = time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)

// pinZone: goldens show local dates, so the zone must not depend on the machine.
func pinZone() { time.Local = time.FixedZone("CST", 8*3600) }

// harness is the app on a real store in a temp dir.
type harness struct {
	t   *testing.T
	u   *appUI
	w   fyne.Window
	svc *incident.Service
	st  *sqlite.Store
	ctx context.Context
}

func newHarness(t *testing.T, lang string) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	clock := incident.FixedClock{T: testNow}
	st, err := sqlite.Open(t.TempDir(), sqlite.Options{NoAutoBackup: true, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := incident.NewService(st, clock)
	w := a.NewWindow("leakdesk")
	w.Resize(fyne.NewSize(1000, 700))
	u := testBuild(t, a, w, Deps{Service: svc, DataDir: "/data", Version: "test", Lang: lang,
		Demo: func(context.Context) (int64, error) { return 0, nil }})
	w.Show()
	return &harness{t: t, u: u, w: w, svc: svc, st: st, ctx: context.Background()}
}

// newCase stores a case with a plan from the given answers.
func (h *harness) newCase(title, victim string, in incident.Intake) int64 {
	h.t.Helper()
	id, err := h.svc.CreateCase(h.ctx, incident.Case{Title: title, Victim: incident.Victim{Name: victim}})
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.svc.RunIntake(h.ctx, id, in); err != nil {
		h.t.Fatal(err)
	}
	return id
}

// setFollowUp gives the case's step of kind a follow-up date.
func (h *harness) setFollowUp(caseID int64, kind string, due time.Time) {
	h.t.Helper()
	cf, err := h.svc.CaseFile(h.ctx, caseID)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, st := range cf.Steps {
		if st.Kind == kind {
			st.FollowUp = due
			if err := h.svc.SaveStep(h.ctx, &st); err != nil {
				h.t.Fatal(err)
			}
			return
		}
	}
	h.t.Fatalf("no step %s", kind)
}

// walk visits every object under o, widgets through their renderers.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if o == nil {
		return true
	}
	if !visit(o) {
		return false
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			if !walk(c, visit) {
				return false
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if !walk(c, visit) {
				return false
			}
		}
	}
	return true
}

// find returns the first object under root that matches.
func find[T fyne.CanvasObject](root fyne.CanvasObject, match func(T) bool) T {
	var found T
	walk(root, func(o fyne.CanvasObject) bool {
		if x, ok := o.(T); ok && o.Visible() && match(x) {
			found = x
			return false
		}
		return true
	})
	return found
}

func (h *harness) button(root fyne.CanvasObject, text string) *widget.Button {
	h.t.Helper()
	b := find(root, func(b *widget.Button) bool { return b.Text == text })
	if b == nil {
		// The intake's buttons that Enter presses too.
		if e := find(root, func(b *enterButton) bool { return b.Text == text }); e != nil {
			return &e.Button
		}
	}
	if b == nil {
		h.t.Fatalf("no button %q", text)
	}
	return b
}

func (h *harness) check(text string) *widget.Check {
	h.t.Helper()
	c := find(h.w.Content(), func(c *widget.Check) bool { return c.Text == text })
	if c == nil {
		// The intake's answers (Enter goes on from them).
		if w := find(h.w.Content(), func(c *wizCheck) bool { return c.Text == text }); w != nil {
			return &w.Check
		}
	}
	if c == nil {
		h.t.Fatalf("no check %q", text)
	}
	return c
}

// radio is a one-answer option of the intake (a wizCheck drawn as a
// radio button).
func (h *harness) radio(text string) *wizCheck {
	h.t.Helper()
	r := find(h.w.Content(), func(r *wizCheck) bool { return r.Text == text })
	if r == nil {
		h.t.Fatalf("no radio %q", text)
	}
	return r
}

func hasLabel(root fyne.CanvasObject, text string) bool {
	return find(root, func(l *widget.Label) bool { return l.Text == text }) != nil ||
		find(root, func(l *wrapLabel) bool { return l.full == text }) != nil
}

// topOverlay is the dialog on top, if any.
func (h *harness) topOverlay() fyne.CanvasObject {
	h.t.Helper()
	o := h.w.Canvas().Overlays().Top()
	if o == nil {
		h.t.Fatal("no dialog shown")
	}
	return o
}

func ctrl(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}
