//go:build !windows

package platform

// UILanguages returns nothing outside Windows: there the language comes
// from the locale environment (LC_ALL, LC_MESSAGES, LANG), read by the
// callers. macOS keeps it in its preferences (AppleLanguages) too, which
// is not read yet; a Mac user sets LANG or picks the language in settings.
func UILanguages() []string { return nil }
