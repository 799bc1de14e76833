package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// echoWindow is how long a letter key may wait for its character before we
// decide an input method swallowed it into a composition. ibus answers
// through XIM in a few milliseconds; editing keys pressed within ~30 ms of
// a letter can overtake its character (docs/architecture.md, "Pitfalls"), so we wait a little
// longer than that before judging.
const echoWindow = 60 * time.Millisecond

// imeEntry is an Entry that copes with input methods under Fyne 2.7.1.
//
// An input method (pinyin through ibus or fcitx over XIM) consumes letters
// while it composes and commits the Chinese text as characters; but GLFW
// still reports every key press to the app, so BackSpace, Return, arrows
// and Escape pressed to edit the pinyin would also edit the text (fyne#5757).
// The entry infers a composition from letters whose characters never came,
// and holds back editing keys while one is under way. When a key arrives so
// soon after a letter that we cannot tell yet, it is held until the
// letter's character arrives (no composition: replay it) or echoWindow
// passes (composition: drop it, the input method used it).
//
// It also passes the app's shortcuts (Ctrl+N, Ctrl+F, Ctrl+W, F1, ...) on
// to the window, which a plain Entry swallows while focused.
type imeEntry struct {
	widget.Entry

	onFocus func(focused bool) // set by scrollPast

	now   func() time.Time
	after func(d time.Duration, f func()) // runs f on the UI goroutine after d

	unconfirmed int       // letters typed whose characters have not arrived
	lastLetter  time.Time // when the newest of them was typed
	composing   int       // letters in the composition, 0 when none
	held        []*fyne.KeyEvent
	heldGen     int
}

// newEntry returns a single-line IME-safe entry.
func newEntry() *imeEntry {
	e := &imeEntry{now: time.Now, after: fyneAfter}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false, so Tab and Shift+Tab move the focus out of a
// multi-line field as out of any other: Fyne's multi-line entry typed a tab
// character and trapped keyboard users (issue 15 item 7). A tab character
// can still be pasted.
func (e *imeEntry) AcceptsTab() bool { return false }

// newMultiLineEntry returns a multi-line IME-safe entry that wraps words.
func newMultiLineEntry() *imeEntry {
	e := &imeEntry{now: time.Now, after: fyneAfter}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

func fyneAfter(d time.Duration, f func()) {
	time.AfterFunc(d, func() { fyne.Do(f) })
}

// editingKey reports keys that an input method uses while composing.
func editingKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape,
		fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd,
		fyne.KeyPageUp, fyne.KeyPageDown, fyne.KeyTab:
		return true
	}
	return false
}

func letterKey(k fyne.KeyName) bool {
	return len(k) == 1 && k[0] >= 'A' && k[0] <= 'Z'
}

// TypedKey filters editing keys during a composition.
func (e *imeEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyF1:
		e.forwardKey(ev)
		return
	case letterKey(ev.Name):
		e.unconfirmed++
		e.lastLetter = e.now()
	case editingKey(ev.Name):
		e.settle()
		if e.composing > 0 {
			e.composed(ev)
			return
		}
		if e.unconfirmed > 0 || len(e.held) > 0 {
			e.hold(ev)
			return
		}
	}
	e.Entry.TypedKey(ev)
}

// TypedRune: any character means no composition is under way any more
// (a letter's own character, or the input method's commit).
func (e *imeEntry) TypedRune(r rune) {
	e.unconfirmed, e.composing = 0, 0
	e.Entry.TypedRune(r)
	e.replay()
}

// settle turns letters whose characters are overdue into a composition.
func (e *imeEntry) settle() {
	if e.unconfirmed > 0 && e.now().Sub(e.lastLetter) >= echoWindow {
		e.composing += e.unconfirmed
		e.unconfirmed = 0
	}
}

// composed lets the input method have an editing key: BackSpace shortens
// the composition, Escape cancels it; nothing reaches the text.
func (e *imeEntry) composed(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyBackspace:
		e.composing--
	case fyne.KeyEscape:
		e.composing = 0
	}
}

func (e *imeEntry) hold(ev *fyne.KeyEvent) {
	e.held = append(e.held, ev)
	e.heldGen++
	gen := e.heldGen
	wait := echoWindow - e.now().Sub(e.lastLetter)
	if wait < 0 {
		wait = 0
	}
	e.after(wait+time.Millisecond, func() {
		if gen == e.heldGen {
			e.decide()
		}
	})
}

// decide runs when the echo window has passed with keys held back: letters
// still without characters mean a composition, which used the keys.
func (e *imeEntry) decide() {
	e.settle()
	held := e.held
	e.held = nil
	for _, ev := range held {
		if e.composing > 0 {
			e.composed(ev)
			continue
		}
		e.Entry.TypedKey(ev)
	}
}

// replay passes keys held back for a letter that turned out to be plain typing.
func (e *imeEntry) replay() {
	held := e.held
	e.held = nil
	e.heldGen++
	for _, ev := range held {
		e.Entry.TypedKey(ev)
	}
}

// TypedShortcut hands the app's own shortcuts to the window.
func (e *imeEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 &&
		(letterKey(cs.KeyName) || cs.KeyName == fyne.KeyF1) {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			if sh, ok := c.(interface{ TypedShortcut(fyne.Shortcut) }); ok {
				sh.TypedShortcut(s)
				return
			}
		}
	}
	e.Entry.TypedShortcut(s)
}

func (e *imeEntry) forwardKey(ev *fyne.KeyEvent) {
	if c := e.canvas(); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
	}
}

// canvas is the canvas that has e focused. Fyne's CanvasForObject forgets
// an object about a minute after it was last laid out (its cache expires),
// so typing into a field drawn earlier than that lost the lookup and with
// it the key hook: the app locked while the user typed
// (TestIdleLockUnderXvfb). Keys only reach the focused object, so the
// canvas holding e's focus is the one.
func (e *imeEntry) canvas() fyne.Canvas {
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if c := w.Canvas(); c.Focused() == fyne.Focusable(e) {
			return c
		}
	}
	return fyne.CurrentApp().Driver().CanvasForObject(e)
}

// KeyDown also reaches the window's OnKeyDown hook, which the driver calls
// only when nothing has the focus: auto-lock counts typing as use.
func (e *imeEntry) KeyDown(ev *fyne.KeyEvent) {
	if c := e.canvas(); c != nil {
		if dc, ok := c.(desktop.Canvas); ok && dc.OnKeyDown() != nil {
			dc.OnKeyDown()(ev)
		}
	}
	e.Entry.KeyDown(ev)
}

// FocusGained starts afresh: a composition does not survive a focus change.
func (e *imeEntry) FocusGained() {
	e.reset()
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus(true)
	}
}

// FocusLost drops what was held: the input method was talking to this entry.
func (e *imeEntry) FocusLost() {
	e.reset()
	e.Entry.FocusLost()
	if e.onFocus != nil {
		e.onFocus(false)
	}
}

func (e *imeEntry) reset() {
	e.unconfirmed, e.composing, e.held = 0, 0, nil
	e.heldGen++
}
