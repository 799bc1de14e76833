package platform

import "golang.org/x/sys/windows"

// UILanguages returns the user's Windows display languages, most preferred
// first, as BCP 47 names ("zh-CN", "en-US"). This is the language Windows
// itself is shown in, which is what the user reads; the regional format
// (GetUserDefaultLocaleName, which Fyne reads) may well be another.
func UILanguages() []string {
	if l, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME); err == nil && len(l) > 0 && l[0] != "" {
		return l
	}
	if l, err := windows.GetSystemPreferredUILanguages(windows.MUI_LANGUAGE_NAME); err == nil && len(l) > 0 && l[0] != "" {
		return l
	}
	return nil
}
