package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// imeEntry is an Entry that copes with input methods; see newEntry.
type imeEntry struct {
	widget.Entry
}

// newEntry returns a single-line IME-safe entry.
func newEntry() *imeEntry {
	e := &imeEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry returns a multi-line IME-safe entry that wraps words.
func newMultiLineEntry() *imeEntry {
	e := &imeEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}
