package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/textwrap"
)

// wrapLabel is running text wrapped by the packets' own line breaker
// (package textwrap): Chinese breaks between characters, Latin words stay
// whole, and "。" or "，" never start a line nor "（" end one. Fyne's
// TextWrapWord breaks only at spaces and then anywhere, which left "3."
// alone on a line and "。" at a line's start (issue 15 item 10).
//
// The label itself does not wrap: at each new width it is given the lines
// the breaker makes, joined by newlines. Its minimum width is small, like
// a wrapping label's, and its minimum height that of the lines at the
// current width.
type wrapLabel struct {
	widget.Label
	full  string
	width float32
}

func newWrapLabel(text string) *wrapLabel {
	l := &wrapLabel{full: text}
	l.Text = text
	l.ExtendBaseWidget(l)
	return l
}

// SetText replaces the text and breaks it at the current width.
func (l *wrapLabel) SetText(s string) {
	l.full = s
	l.rebreak()
}

// FullText is the text as given, without the breaks.
func (l *wrapLabel) FullText() string { return l.full }

func (l *wrapLabel) Resize(s fyne.Size) {
	if s.Width != l.width {
		l.width = s.Width
		l.rebreak()
	}
	l.Label.Resize(s)
}

func (l *wrapLabel) MinSize() fyne.Size {
	m := l.Label.MinSize()
	pad := theme.Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(min(m.Width, 4*theme.TextSize()+2*pad), m.Height)
}

func (l *wrapLabel) rebreak() {
	text := l.full
	pad := theme.Size(theme.SizeNameInnerPadding)
	if avail := float64(l.width - 2*pad); avail > float64(theme.TextSize()) {
		size, style := theme.TextSize(), l.TextStyle
		if l.SizeName != "" {
			size = theme.Size(l.SizeName)
		}
		measure := func(s string) float64 { return float64(fyne.MeasureText(s, size, style).Width) }
		// A hair narrower than the label: the breaker's sum of glyph
		// widths may round below the width Fyne then measures the line at.
		text = strings.Join(textwrap.Lines(l.full, avail-1, 0, measure), "\n")
	}
	if text != l.Text {
		l.Text = text
		l.Refresh()
	}
}
