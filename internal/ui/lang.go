package ui

import (
	"embed"
	"leakdesk/internal/incident"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/text/language"
)

// translation/app holds the shell's strings, translation/workspace the
// case workspace's; both are loaded together.
//
//go:embed translation
var translations embed.FS

// normaliseLang maps a setting or locale to the two languages we ship;
// anything that is not English gets Chinese, the users' language.
func normaliseLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "en") {
		return "en"
	}
	return "zh"
}

// setupTranslations makes Fyne's localizer pick code. Fyne reads the
// language from the gettext environment each time translations are added,
// so we point LANGUAGE at our choice and add them (again): this is also how
// a switch in settings takes effect at once, without a restart.
func setupTranslations(code string) {
	want := "zh_CN"
	if code == "en" {
		want = "en"
	}
	os.Setenv("LANGUAGE", want)
	// LANGUAGE is ignored when the locale is C or POSIX.
	isC := func(v string) bool { return v == "C" || v == "POSIX" }
	if isC(os.Getenv("LC_ALL")) {
		os.Setenv("LC_ALL", "C.UTF-8")
	} else if os.Getenv("LC_ALL") == "" {
		if isC(os.Getenv("LC_MESSAGES")) || os.Getenv("LC_MESSAGES") == "" && isC(os.Getenv("LANG")) {
			os.Setenv("LC_MESSAGES", "C.UTF-8")
		}
	}
	for _, dir := range translationDirs {
		if _, err := translations.ReadDir(dir); err != nil {
			continue
		}
		if err := lang.AddTranslationsFS(translations, dir); err != nil {
			logError("loading translations from "+dir, err)
		}
	}
	if pinLocale {
		pinTranslations(code)
	}
}

// translationDirs are the folders of translation (see setupTranslations).
var translationDirs = []string{"translation/app", "translation/workspace"}

// pinTranslations makes Fyne show code's strings whatever locale it reads
// from the system. On Windows and macOS Fyne asks the system
// (GetUserDefaultLocaleName, the regional format) and ignores LANGUAGE, so
// the language chosen in settings, or a Chinese display language with
// another regional format, would not take effect. Fyne picks one of the
// locales it holds strings for; giving code's strings to every locale it
// may pick (ours, and the system's own) leaves it only code to show. The
// stock strings of Fyne's own dialogs still follow the system.
func pinTranslations(code string) {
	file := "zh-Hans.json"
	if code == "en" {
		file = "en.json"
	}
	locales := []fyne.Locale{"en", "zh-Hans"}
	if sys := lang.SystemLocale(); sys != "" {
		if _, err := language.Parse(string(sys)); err == nil {
			locales = append(locales, sys)
		}
	}
	for _, dir := range translationDirs {
		b, err := translations.ReadFile(dir + "/" + file)
		if err != nil {
			continue
		}
		for _, l := range locales {
			if err := lang.AddTranslationsForLocale(b, l); err != nil {
				logError("pinning translations", err)
			}
		}
	}
}

// formatDay shows a calendar date (follow-ups, discovery dates). These are
// dates, not instants, so they are shown as stored, without a zone shift.
func (u *appUI) formatDay(t time.Time) string {
	return incident.FormatDate(t, u.lang())
}

// zone is the case's zone, in which times are shown and typed and days
// counted: the service's (Asia/Shanghai unless the user chose another), never
// the laptop's, so a time entered as 14:02 is printed as 14:02.
func (u *appUI) zone() *time.Location {
	if svc := u.deps.Service; svc != nil {
		return svc.Location()
	}
	return incident.Location()
}

// formatDate shows the date of an instant (created, updated) in the case's zone.
func (u *appUI) formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return u.formatDay(t.In(u.zone()))
}

// formatDateTime shows an instant in the case's zone.
func (u *appUI) formatDateTime(t time.Time) string {
	return incident.FormatDateTime(t, u.zone(), u.lang())
}

// parseDateTime reads a time typed in a field, in the case's zone: what
// formatDateTime shows, or ISO (incident.ParseDateTime is the one reader).
func (u *appUI) parseDateTime(s string) (time.Time, error) {
	return incident.ParseDateTime(s, u.zone())
}

// checkTime tells the user a typed time was not understood, in the domain's
// words with an example, and reports whether it was.
func (u *appUI) checkTime(err error) bool {
	if err == nil {
		return true
	}
	u.showMessage(lang.L("Check the time"), incident.UserMessage(err, u.code), theme.WarningIcon())
	return false
}

// daysUntil counts calendar days from the service's today to the date d.
func (u *appUI) daysUntil(d time.Time) int {
	return u.deps.Service.DaysUntil(d)
}
