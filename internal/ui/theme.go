package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

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
