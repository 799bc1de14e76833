package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// Issue 11 §7: no theme override on the screens a user goes through. Fyne
// 2.7.1 caches parsed fonts per text style and override scope, and every
// container.ThemeOverride (at creation and at each refresh) opens a new
// scope: the first text drawn in it parses the CJK, emoji and fallback
// fonts again, about 20 MB, kept for the process's life. A dozen focus
// overrides took the idle window from 213 MB to 345 MB with 10,000 cases,
// and each case opened or intake page shown added more. The case list,
// every tab of a case and every intake page are checked; the one-answer
// questions still look like radio buttons without one.
func TestNoThemeOverrides(t *testing.T) {
	h := newHarness(t, "zh")
	id := h.newCase("快递信息泄露", "王芳", courier)
	none := func(where string) {
		t.Helper()
		roots := append([]fyne.CanvasObject{h.w.Content()}, h.w.Canvas().Overlays().List()...)
		for _, r := range roots {
			walk(r, func(o fyne.CanvasObject) bool {
				if _, ok := o.(*container.ThemeOverride); ok {
					t.Errorf("%s: a theme override (a new font cache scope)", where)
					return false
				}
				return true
			})
		}
	}
	none("case list")
	h.u.openCase(id)
	for tab := tabOverview; tab <= tabExport; tab++ {
		h.u.ws.showTab(tab)
		none(fmt.Sprintf("case tab %d", tab))
	}

	h.u.newCase()
	w := h.u.intake
	radios := 0
	for i := 0; i < 30 && !w.done; i++ {
		where := "intake page " + w.step.Text
		none(where)
		// Answer the page so that Next goes on: the first answer ticked,
		// the names typed.
		first := true
		walk(h.w.Content(), func(o fyne.CanvasObject) bool {
			c, ok := o.(*wizCheck)
			if !ok || !c.Visible() {
				return true
			}
			if c.radio {
				radios++
				objs := test.WidgetRenderer(c).Objects()
				for _, k := range []int{1, 2} {
					img, ok := objs[k].(*canvas.Image)
					if !ok || !strings.Contains(img.Resource.Name(), "radio") {
						t.Errorf("%s: answer %q is not drawn as a radio button (%T %v)", where, c.Text, objs[k], img)
					}
				}
			}
			if first && !c.Checked {
				c.SetChecked(true)
			}
			first = false
			return true
		})
		for _, e := range []*imeEntry{w.orgEntry, w.victim, w.title} {
			if e.Visible() && e.Text == "" {
				e.SetText("王芳")
			}
		}
		w.next.OnTapped()
	}
	if !w.done {
		t.Fatalf("the intake did not finish (page %s)", w.step.Text)
	}
	none("plan ready")
	if radios == 0 {
		t.Error("no one-answer question met: the radio look went unchecked")
	}
}
