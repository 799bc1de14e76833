// Package assets holds the bytes the app ships inside its binary, so that a
// fresh machine with no CJK fonts installed still shows and prints Chinese.
package assets

import (
	_ "embed"
)

// CJKFontName is the family name of the embedded font, for "About" screens
// and the PDF's font credits.
const CJKFontName = "WenQuanYi Micro Hei"

// The face is extracted from the Debian .ttc because both Fyne and gofpdf
// reject TrueType collections (docs/architecture.md, "Pitfalls").
//
//go:embed fonts/wqy-microhei.ttf
var cjkFont []byte

//go:embed fonts/LICENSE-wqy-microhei.txt
var fontLicence string

// CJKFont returns the TrueType bytes of WenQuanYi Micro Hei (face 0). It has
// CJK, Latin and digits, but no bold face: mark headings by size. The slice is
// shared; callers must not modify it.
func CJKFont() []byte { return cjkFont }

// FontLicence returns the font's copyright and licence text, which must be
// shown wherever the font is redistributed.
func FontLicence() string { return fontLicence }
