package ui

import (
	"encoding/json"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// TestPinTranslations checks on Linux what Windows and macOS rely on: with
// the system locale saying one language, pinTranslations makes Fyne show
// the other. LANGUAGE stands in for the system here (it is what Fyne reads
// on Linux).
func TestPinTranslations(t *testing.T) {
	read := func(file string) map[string]any {
		b, err := translations.ReadFile("translation/app/" + file)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en, zh := read("en.json"), read("zh-Hans.json")
	const key = "(victim not named)"
	if en[key] == zh[key] || en[key] == nil {
		t.Fatalf("%q is not translated differently: %v / %v", key, en[key], zh[key])
	}
	t.Cleanup(func() { setupTranslations("en") })
	tests := []struct{ system, code, want string }{
		{"zh_CN", "en", en[key].(string)},
		{"en_US", "zh", zh[key].(string)},
		{"zh_CN", "zh", zh[key].(string)},
		{"en_US", "en", en[key].(string)},
		{"fr_FR", "zh", zh[key].(string)},
	}
	for _, tt := range tests {
		t.Setenv("LANGUAGE", tt.system)
		// What setupTranslations does on Windows, with the system's choice
		// left to Fyne.
		for _, dir := range translationDirs {
			if err := lang.AddTranslationsFS(translations, dir); err != nil {
				t.Fatal(err)
			}
		}
		if tt.system == "zh_CN" && tt.code == "en" {
			if got := lang.L(key); got != zh[key] {
				t.Fatalf("before pinning, system %s shows %q: the test does not stand in for the system", tt.system, got)
			}
		}
		pinTranslations(tt.code)
		if got := lang.L(key); got != tt.want {
			t.Errorf("system %s, chosen %s: %q, want %q", tt.system, tt.code, got, tt.want)
		}
	}
}
