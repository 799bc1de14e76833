//go:build windows || darwin

package ui

// pinLocale: Fyne reads the language from the system here, not from
// LANGUAGE (see pinTranslations).
const pinLocale = true
