package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// radioLook draws a check box as a radio button: the one-answer questions
// use wizCheck too (Fyne's radio items, unexported, ignore Enter), and look
// like what they are, one choice among several.
type radioLook struct{ fyne.Theme }

func (r radioLook) Icon(n fyne.ThemeIconName) fyne.Resource {
	switch n {
	case theme.IconNameCheckButton:
		n = theme.IconNameRadioButton
	case theme.IconNameCheckButtonChecked:
		n = theme.IconNameRadioButtonChecked
	case theme.IconNameCheckButtonFill:
		n = theme.IconNameRadioButtonFill
	}
	return r.Theme.Icon(n)
}

func asRadio(c *wizCheck) fyne.CanvasObject {
	return container.NewThemeOverride(c, radioLook{newTheme()})
}
