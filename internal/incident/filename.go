package incident

import (
	"strings"
	"unicode"
)

// SafeFileName is the one rule for a file name that came from outside (an
// imported case or bundle, a file the user added) before it is stored or
// offered to a save dialog (issue 17, F11). A bundle's file_name is
// written by whoever made the bundle, so:
//   - only the last element is kept: "../" and absolute paths cannot walk
//     out of the folder the user picked (Fyne's save dialog joins the name
//     to the folder);
//   - control characters (C0, C1) and every format character (Unicode Cf:
//     the bidi overrides and isolates such as U+202E, zero-width ones) are
//     dropped, so "invoice\u202efdp.exe" cannot show as "invoiceexe.pdf";
//   - the characters Windows forbids in names (< > : " | ? *) become "_";
//   - leading and trailing spaces and dots go ("." and ".." are no names).
//
// The result may be empty; callers then use a name of their own.
func SafeFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == unicode.ReplacementChar, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		case strings.ContainsRune(`<>:"|?*`, r):
			b.WriteByte('_')
		case unicode.IsSpace(r):
			// Tabs, line breaks and odd spaces are one plain space.
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), " .")
}
