package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The intake from the keyboard alone (issue 15 item 7): Tab moves through
// the answers, Space ticks, and Enter goes on to the next page from any
// answer, any single-line field and the page's buttons. Fyne's check box
// and button ignore Enter, and a key cannot be a window shortcut without a
// modifier, so the intake's own widgets take it.

// isEnter reports the Return and keypad Enter keys.
func isEnter(ev *fyne.KeyEvent) bool { return ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter }

// wizCheck is an answer of the intake: a check box on which Enter calls
// onEnter (the wizard's Next).
type wizCheck struct {
	widget.Check
	onEnter func()
	radio   bool // drawn as a radio button (asRadio)
}

func newWizCheck(text string, checked bool, onEnter func()) *wizCheck {
	c := &wizCheck{onEnter: onEnter}
	c.Text, c.Checked = text, checked
	c.ExtendBaseWidget(c)
	return c
}

func (c *wizCheck) TypedKey(ev *fyne.KeyEvent) {
	if isEnter(ev) && c.onEnter != nil {
		c.onEnter()
		return
	}
	c.Check.TypedKey(ev)
}

// enterButton is a button that Enter presses as Space does.
type enterButton struct{ widget.Button }

func newEnterButton(text string, icon fyne.Resource, imp widget.Importance, tapped func()) *enterButton {
	e := &enterButton{}
	e.Text, e.Icon, e.Importance, e.OnTapped = text, icon, imp, tapped
	e.ExtendBaseWidget(e)
	return e
}

func (b *enterButton) TypedKey(ev *fyne.KeyEvent) {
	if isEnter(ev) {
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
		return
	}
	b.Button.TypedKey(ev)
}

// asRadio draws a check box as a radio button: the one-answer questions
// use wizCheck too (Fyne's radio items, unexported, ignore Enter), and look
// like what they are, one choice among several. The check's renderer gets
// the radio icons after each refresh rather than through a theme of its
// own: Fyne 2.7 parses the fonts again for every theme override scope and
// keeps the parse (about 20 MB an answer; issue 11 §7, TestNoThemeOverrides).
func asRadio(c *wizCheck) fyne.CanvasObject {
	c.radio = true
	return c
}

// CreateRenderer is the check's, with radio icons when c.radio is set.
func (c *wizCheck) CreateRenderer() fyne.WidgetRenderer {
	r := c.Check.CreateRenderer()
	if !c.radio {
		return r
	}
	rr := &radioRenderer{WidgetRenderer: r, c: c}
	rr.icons()
	return rr
}

// radioRenderer is a check box's renderer with the radio icons in place of
// the box. Fyne 2.7.1's check renderer draws [focus indicator, box fill,
// box, label] and sets the two images' resources on every refresh.
type radioRenderer struct {
	fyne.WidgetRenderer
	c *wizCheck
}

func (r *radioRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.icons()
}

// icons swaps the box's images for the radio's of the same colours.
func (r *radioRenderer) icons() {
	objs := r.Objects()
	if len(objs) < 3 {
		return
	}
	bg, ok1 := objs[1].(*canvas.Image)
	icon, ok2 := objs[2].(*canvas.Image)
	if !ok1 || !ok2 {
		return
	}
	th := r.c.Theme()
	name := theme.IconNameRadioButton
	if r.c.Checked {
		name = theme.IconNameRadioButtonChecked
	}
	swap := func(img *canvas.Image, n fyne.ThemeIconName) {
		res := theme.NewThemedResource(th.Icon(n))
		if old, ok := img.Resource.(*theme.ThemedResource); ok {
			res.ColorName = old.ColorName
		}
		img.Resource = res
		img.Refresh()
	}
	swap(bg, theme.IconNameRadioButtonFill)
	swap(icon, name)
}
