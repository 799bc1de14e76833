package clocale

import (
	"maps"
	"testing"
)

func TestFix(t *testing.T) {
	all := func(v string) map[string]string {
		m := map[string]string{"LANG": v, "LC_MESSAGES": "C"}
		for _, c := range categories {
			m[c] = v
		}
		return m
	}
	tests := []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{"unset", map[string]string{}, map[string]string{}},
		{"plain C is left alone", map[string]string{"LANG": "C"}, map[string]string{"LANG": "C"}},
		{"POSIX is left alone", map[string]string{"LANG": "POSIX"}, map[string]string{"LANG": "POSIX"}},
		{"a language is left alone", map[string]string{"LANG": "zh_CN.UTF-8"}, map[string]string{"LANG": "zh_CN.UTF-8"}},
		{"LANG C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "C"}},
		{"LANG C.utf8", map[string]string{"LANG": "C.utf8"}, map[string]string{"LANG": "C.utf8", "LC_MESSAGES": "C"}},
		{"LANG POSIX.UTF-8", map[string]string{"LANG": "POSIX.UTF-8"}, map[string]string{"LANG": "POSIX.UTF-8", "LC_MESSAGES": "C"}},
		{"LC_MESSAGES C.UTF-8 over a language", map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "C.UTF-8"},
			map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "C"}},
		{"LC_MESSAGES decides, LANG C.UTF-8 ignored", map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "en_US.UTF-8"},
			map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}},
		{"LC_ALL decides", map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "C.UTF-8"},
			map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "C.UTF-8"}},
		{"LC_ALL C.UTF-8 moves into every category", map[string]string{"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8", "LC_TIME": "zh_CN.UTF-8"},
			all("C.UTF-8")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := maps.Clone(tt.env)
			Fix(func(k string) string { return env[k] },
				func(k, v string) error { env[k] = v; return nil },
				func(k string) error { delete(env, k); return nil })
			if !maps.Equal(env, tt.want) {
				t.Errorf("got %v, want %v", env, tt.want)
			}
		})
	}
}
