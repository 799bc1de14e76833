package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// fakeTime drives the entry's echo window without sleeping.
type fakeTime struct {
	now     time.Time
	pending []func()
}

func (f *fakeTime) after(_ time.Duration, fn func()) { f.pending = append(f.pending, fn) }

// pass moves time on past the echo window and runs what was due.
func (f *fakeTime) pass() {
	f.now = f.now.Add(echoWindow + time.Millisecond)
	p := f.pending
	f.pending = nil
	for _, fn := range p {
		fn()
	}
}

func newTestEntry(t *testing.T, multi bool) (*imeEntry, *fakeTime) {
	test.NewTempApp(t)
	e := newEntry()
	if multi {
		e = newMultiLineEntry()
	}
	ft := &fakeTime{now: time.Unix(1e9, 0)}
	e.now = func() time.Time { return ft.now }
	e.after = ft.after
	w := test.NewWindow(e)
	t.Cleanup(w.Close)
	w.Canvas().Focus(e)
	return e, ft
}

func key(e *imeEntry, k fyne.KeyName) { e.TypedKey(&fyne.KeyEvent{Name: k}) }

// typeLetter is a key whose character arrives (no input method, or one in
// English mode).
func typeLetter(e *imeEntry, ft *fakeTime, r rune) {
	key(e, fyne.KeyName(string(r-'a'+'A')))
	e.TypedRune(r)
	ft.now = ft.now.Add(5 * time.Millisecond)
}

// compose is pinyin typed into an input method: keys without characters.
func compose(e *imeEntry, ft *fakeTime, pinyin string) {
	for _, r := range pinyin {
		key(e, fyne.KeyName(string(r-'a'+'A')))
		ft.now = ft.now.Add(80 * time.Millisecond)
	}
}

func commit(e *imeEntry, text string) {
	key(e, fyne.KeySpace)
	for _, r := range text {
		e.TypedRune(r)
	}
}

func TestIMEBackspaceWhileComposingLeavesTextAlone(t *testing.T) {
	e, ft := newTestEntry(t, false)
	compose(e, ft, "ni")
	commit(e, "你")
	compose(e, ft, "haoo")
	key(e, fyne.KeyBackspace) // edits the pinyin: haoo -> hao
	commit(e, "好")
	if e.Text != "你好" {
		t.Fatalf("text %q, want 你好", e.Text)
	}
	key(e, fyne.KeyBackspace) // no composition now: deletes a character
	if e.Text != "你" {
		t.Fatalf("after BackSpace %q", e.Text)
	}
}

func TestIMEReturnAndEscapeWhileComposing(t *testing.T) {
	e, ft := newTestEntry(t, true)
	submitted := false
	e.OnSubmitted = func(string) { submitted = true }
	commit(e, "经过")
	compose(e, ft, "xiao")
	key(e, fyne.KeyReturn) // the input method commits the letters
	for _, r := range "xiao" {
		e.TypedRune(r)
	}
	compose(e, ft, "zhe")
	key(e, fyne.KeyLeft)   // moves within the pinyin
	key(e, fyne.KeyEscape) // cancels the composition
	if e.Text != "经过xiao" || submitted {
		t.Fatalf("text %q submitted %v", e.Text, submitted)
	}
	key(e, fyne.KeyReturn) // plain Return now makes a new line
	if e.Text != "经过xiao\n" {
		t.Fatalf("text %q", e.Text)
	}
}

// A fast typist without an input method: BackSpace overtakes nothing and
// is held only until the letter's character arrives.
func TestIMEFastTypingWithoutInputMethod(t *testing.T) {
	e, ft := newTestEntry(t, false)
	typeLetter(e, ft, 'a')
	typeLetter(e, ft, 'b')
	key(e, fyne.KeyBackspace)
	if e.Text != "a" {
		t.Fatalf("text %q", e.Text)
	}
	// A key arriving before the letter's character is held, then replayed.
	key(e, fyne.KeyC)
	key(e, fyne.KeyBackspace)
	if e.Text != "a" {
		t.Fatalf("held key acted early: %q", e.Text)
	}
	e.TypedRune('c')
	if e.Text != "a" {
		t.Fatalf("after replay %q, want a (c typed then deleted)", e.Text)
	}
	if len(ft.pending) != 1 {
		t.Fatalf("pending timers %d", len(ft.pending))
	}
	ft.pass() // the stale timer does nothing
	if e.Text != "a" {
		t.Fatalf("stale timer changed text: %q", e.Text)
	}
}

// BackSpace right after a pinyin letter: held, then judged part of the
// composition when no character comes.
func TestIMEBackspaceOvertakingLetter(t *testing.T) {
	e, ft := newTestEntry(t, false)
	commit(e, "你")
	key(e, fyne.KeyH)
	key(e, fyne.KeyBackspace)
	ft.pass()
	if e.Text != "你" {
		t.Fatalf("text %q", e.Text)
	}
}

func TestIMEPasteWorks(t *testing.T) {
	e, _ := newTestEntry(t, false)
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent("张三 13800000000")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if e.Text != "张三 13800000000" {
		t.Fatalf("paste gave %q", e.Text)
	}
}
