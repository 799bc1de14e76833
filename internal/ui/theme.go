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
	return theme.DefaultTheme().Color(n, v)
}

func (t *leakTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *leakTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }
