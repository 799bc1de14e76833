package ui

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// TestWorkspaceTranslations fails when a workspace string has no entry in
// either language file, so a new label never shows up untranslated.
func TestWorkspaceTranslations(t *testing.T) {
	files := map[string]map[string]string{}
	for _, l := range []string{"en", "zh-Hans"} {
		b, err := translations.ReadFile("translation/workspace/" + l + ".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s.json: %v", l, err)
		}
		files[l] = m
	}
	srcs, err := filepath.Glob("workspace*.go")
	if err != nil {
		t.Fatal(err)
	}
	// Computed keys (lang.L(g.label)) are checked through timelineGroups below.
	keys, _, n := langCalls(t, srcs)
	for key, pos := range keys {
		for l, m := range files {
			if _, ok := m[key]; !ok {
				t.Errorf("%s: %q missing from translation/workspace/%s.json", pos, key, l)
			}
		}
	}
	for _, g := range timelineGroups {
		for l, m := range files {
			if _, ok := m[g.label]; !ok {
				t.Errorf("timeline filter %q missing from %s.json", g.label, l)
			}
		}
	}
	if n < 100 {
		t.Errorf("found only %d strings; is the parser looking at the right files?", n)
	}
}

// TestWorkspaceTranslationsLoad proves the files are accepted: go-i18n
// rejects a whole file when a key reads as one of its reserved words
// ("other", "one", "id", … in any case), and the app then shows English.
func TestWorkspaceTranslationsLoad(t *testing.T) {
	for _, l := range []string{"en", "zh-Hans"} {
		b, err := translations.ReadFile("translation/workspace/" + l + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if err := lang.AddTranslationsForLocale(b, fyne.Locale(l)); err != nil {
			t.Errorf("%s.json is not accepted: %v", l, err)
		}
	}
}
