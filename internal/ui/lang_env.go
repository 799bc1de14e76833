//go:build !windows && !darwin

package ui

// pinLocale: Fyne reads the language from LANGUAGE here, which
// setupTranslations sets.
const pinLocale = false
