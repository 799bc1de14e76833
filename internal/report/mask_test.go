package report

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMaskApply(t *testing.T) {
	all := MaskSpec{ID: true, Phone: true, Card: true, Own: []string{"13800138000", "33010619910315002X"}}
	cases := map[string]string{
		"身份证号33010619910315002X，":         "身份证号330106********002X，",
		"身份证号33010619910315002x":          "身份证号330106********002X",
		"手机 138 0013 8000。":               "手机 138****8000。",
		"手机１３８００１３８０００":                   "手机138****8000",
		"+8613900001111":                  "+86139****1111",
		"卡号6222021234567890128":           "卡号***************0128",
		"哈希 a13800138000b 不变":             "哈希 a13800138000b 不变",
		"sha 0123456789abcdef13800138000": "sha 0123456789abcdef13800138000",
		"日期 20251103，金额 5000 元":           "日期 20251103，金额 5000 元",
	}
	for in, want := range cases {
		if got := all.Apply(in); got != want {
			t.Errorf("Apply(%q) = %q, want %q", in, got, want)
		}
	}
	if got := (MaskSpec{Card: true}).Apply("13800138000"); got != "13800138000" {
		t.Errorf("phone masked with phone masking off: %q", got)
	}
}

func FuzzMaskApply(f *testing.F) {
	for _, s := range []string{"身份证号33010619910315002X", "138 0013 8000", "6222021234567890128", "abc-123-", "１２３", "X", ""} {
		f.Add(s)
	}
	m := MaskSpec{ID: true, Phone: true, Card: true, Own: []string{"13800138000"}}
	f.Fuzz(func(t *testing.T, s string) {
		out := m.Apply(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from valid input %q", s)
		}
		// A number touching ASCII letters is left alone by design (hashes,
		// codes); standing on its own it must be masked.
		if strings.Contains(" "+s+" ", " 13800138000 ") && strings.Contains(" "+out+" ", " 13800138000 ") {
			t.Fatalf("own number survives in %q", out)
		}
		if again := m.Apply(out); again != out {
			t.Fatalf("not idempotent: %q -> %q", out, again)
		}
	})
}
