// Package clocale rewrites a "C.UTF-8"-style message locale to plain "C"
// before the GUI toolkit's package initialisers read it. Import it (blank)
// from package main; it has no API.
//
// Why: Fyne's lang package looks up the user's language in its init(),
// through github.com/jeandeaual/go-locale, which treats exactly "C" and
// "POSIX" as "no language" but turns "C.UTF-8" (the default locale of most
// containers, servers and CI machines) into the language tag "C". That tag
// does not parse, and Fyne logs three lines of "Fyne error: Error parsing
// user locale C" to stderr — from every command of the binary, because
// package initialisers run before main, whatever the command. main cannot
// fix the environment in time; a package initialiser can, if it runs
// before Fyne's.
//
// Why this runs first: Go initialises packages in import-path order, each
// as soon as everything it imports is initialised ("Package
// initialization" in the spec, Go 1.21 and later). This package imports
// only os and strings. Fyne's lang package imports text/template, whose
// own imports include os and strings, so whenever text/template becomes
// the next package to initialise, this one ("leakdesk/..." sorts before
// "text/template") is ready too and goes first. The end-to-end test
// TestQuietCLI runs the built binary under each locale and would catch a
// change in that order.
//
// Why the rewrite changes nothing else: C.UTF-8 and C have the same (empty)
// message catalogue; only the character set differs, and LC_CTYPE keeps it.
// The app's own language choice (langFrom in main) only looks for "zh".
package clocale

import (
	"os"
	"strings"
)

// categories that LC_ALL overrides; moving LC_ALL's value into each keeps
// every category as it was.
var categories = []string{"LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY",
	"LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"}

func init() { Fix(os.Getenv, os.Setenv, os.Unsetenv) }

// isCWithSuffix reports "C.UTF-8", "C.utf8", "POSIX.UTF-8", "C@euro" and
// the like: the C locale with a character set or modifier.
func isCWithSuffix(v string) bool {
	base, _, _ := strings.Cut(v, "@")
	base, _, _ = strings.Cut(base, ".")
	return (base == "C" || base == "POSIX") && v != base
}

// Fix rewrites the environment as described in the package comment. It is
// exported for the table test, which passes a fake environment.
func Fix(getenv func(string) string, setenv func(k, v string) error, unsetenv func(string) error) {
	// The variable that decides the message locale, in POSIX precedence
	// (the order go-locale reads them in too).
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		if !isCWithSuffix(v) {
			return
		}
		if k == "LC_ALL" {
			// LC_ALL would hide LC_MESSAGES: give every category LC_ALL's
			// value explicitly instead, then drop LC_ALL.
			for _, c := range categories {
				setenv(c, v)
			}
			setenv("LANG", v)
			unsetenv("LC_ALL")
		}
		// Only the message category changes; LANG (or the categories set
		// above) still gives the character set.
		setenv("LC_MESSAGES", "C")
		return
	}
}
