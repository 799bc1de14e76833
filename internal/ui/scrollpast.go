package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// scrollPast lets the mouse wheel scroll the page over a multi-line field
// that is not being edited. Fyne gives a wheel turn to the innermost
// scroller under the pointer, the field's own, which swallows it even when
// the text fits: the page stopped scrolling wherever the pointer crossed
// the story field (issue 15 item 10). A transparent layer over the field
// passes the wheel to the page; it takes no taps or keys, and it steps
// aside while the field has the focus, so a long text being edited still
// scrolls inside the field.
func scrollPast(e *imeEntry, page func() *container.Scroll) fyne.CanvasObject {
	l := &wheelLayer{page: page}
	l.ExtendBaseWidget(l)
	prev := e.onFocus
	e.onFocus = func(focused bool) {
		if focused {
			l.Hide()
		} else {
			l.Show()
		}
		if prev != nil {
			prev(focused)
		}
	}
	return container.NewStack(e, l)
}

type wheelLayer struct {
	widget.BaseWidget
	page func() *container.Scroll
}

func (l *wheelLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (l *wheelLayer) Scrolled(ev *fyne.ScrollEvent) {
	if s := l.page(); s != nil {
		s.Scrolled(ev)
	}
}
