package main

import (
	"path/filepath"
	"testing"
)

// The Windows defaults are plain functions of the environment, so they are
// checked on every platform; the Wine smoke test (make test-windows) checks
// them against a real Windows API.

func TestDefaultDataDirWindows(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	local := `C:\Users\王芳\AppData\Local`
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"LOCALAPPDATA, not the roaming APPDATA", map[string]string{"LOCALAPPDATA": local, "APPDATA": `C:\Users\王芳\AppData\Roaming`}, filepath.Join(local, "leakdesk")},
		{"no LOCALAPPDATA: the profile's", map[string]string{"USERPROFILE": `C:\Users\王芳`}, filepath.Join(`C:\Users\王芳`, "AppData", "Local", "leakdesk")},
		{"neither", map[string]string{}, ""},
	}
	for _, tt := range tests {
		got, err := defaultDataDir("windows", env(tt.env))
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestLangFromEnv(t *testing.T) {
	tests := []struct {
		env    map[string]string
		system []string
		want   string
	}{
		{nil, nil, "en"},
		{nil, []string{"zh-CN", "en-US"}, "zh"},
		{nil, []string{"zh-TW"}, "zh"},
		{nil, []string{"zh-Hans-CN"}, "zh"},
		{nil, []string{"en-US", "zh-CN"}, "en"},
		{nil, []string{"fr-FR"}, "en"},
		// The environment, set on purpose (a shell, a test), comes first.
		{map[string]string{"LANG": "en_US.UTF-8"}, []string{"zh-CN"}, "en"},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, []string{"en-US"}, "zh"},
		{map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, nil, "zh"},
		{map[string]string{"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, nil, "en"},
	}
	for _, tt := range tests {
		got := langFromEnv(func(k string) string { return tt.env[k] }, tt.system)
		if got != tt.want {
			t.Errorf("env %v, system %v: %q, want %q", tt.env, tt.system, got, tt.want)
		}
	}
}
