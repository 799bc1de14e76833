package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/assets"
)

// leakTheme is Fyne's default look with the bundled CJK font for every text
// style: Fyne's own font has no Chinese and the user's machine may have
// none either. The font has no bold or monospace face, so it serves all.
// Light or dark follows the system because colours come from the default.
type leakTheme struct {
	font fyne.Resource
}

func newTheme() fyne.Theme {
	return &leakTheme{font: fyne.NewStaticResource("wqy-microhei.ttf", assets.CJKFont())}
}

func (t *leakTheme) Font(fyne.TextStyle) fyne.Resource { return t.font }

func (t *leakTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		// Grey hint text (low-importance labels, placeholders) must be
		// readable: Fyne's dark "disabled" grey is 1.5:1 on its background
		// and its light placeholder 3.2:1 on an entry. These greys are the
		// palest that keep WCAG AA's 4.5:1 on every surface they are drawn
		// on (TestHintContrast computes it); disabled buttons stay told
		// apart by their flat background.
		if n == theme.ColorNamePlaceHolder && v != theme.VariantLight {
			break // Fyne's 178 grey is already 7:1 on the dark entry
		}
		if v == theme.VariantLight {
			if n == theme.ColorNamePlaceHolder {
				// A shade apart from "disabled", so golden markup
				// names each colour by its own name.
				return color.NRGBA{R: 0x6c, G: 0x6c, B: 0x6c, A: 0xff}
			}
			return color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff}
		}
		return color.NRGBA{R: 0x94, G: 0x94, B: 0x94, A: 0xff}
	case theme.ColorNameFocus:
		if focusOnBlue() {
			return blueFocus
		}
		// Fyne's focus tint is the primary blue at 16 %: invisible on a
		// blue button and faint elsewhere. White at 40 % lightens a
		// button in the dark theme, black at 25 % darkens it in the light
		// one, enough to see and little enough to keep the label readable,
		// so keyboard users see where they are (issue 15 item 7).
		if v == theme.VariantLight {
			return color.NRGBA{A: 0x40}
		}
		return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x66}
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *leakTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *leakTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// blueFocus is the dark focus tint of a blue (high-importance) button.
// Fyne blends one focus colour over every button; the app's light tint,
// fine on grey, changes a blue button by less than the 3:1 that WCAG 2.2
// asks of a focus indicator, and a tint strong enough for blue would make
// a grey button's dark label unreadable in the light theme. Black at 70 %
// turns the blue to navy: 3.5:1 against the unfocused blue, its white
// label 15:1 (TestFocusVisibleOnBlueButtons).
var blueFocus = color.NRGBA{A: 0xb3}

// focusOnBlue reports whether the focused widget is an enabled blue button.
// A widget asks for the focus colour only while it has the focus, and one
// widget at a time has it, so the theme answers for that one: every blue
// button, the top bar's current place that turns blue included, takes the
// dark tint without a theme of its own. A per-button theme
// (container.NewThemeOverride) did this before and cost about 20 MB each:
// Fyne 2.7 parses the fonts again for every override scope and keeps the
// parse for the process's life (issue 11 §7, TestNoThemeOverrides).
func focusOnBlue() bool {
	a := fyne.CurrentApp()
	if a == nil {
		return false
	}
	for _, w := range a.Driver().AllWindows() {
		var b *widget.Button
		switch f := w.Canvas().Focused().(type) {
		case *widget.Button:
			b = f
		case *enterButton:
			b = &f.Button
		}
		if b != nil && b.Importance == widget.HighImportance && !b.Disabled() {
			return true
		}
	}
	return false
}
