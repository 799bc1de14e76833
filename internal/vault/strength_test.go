package vault

import (
	"strings"
	"testing"
)

func TestStrength(t *testing.T) {
	for _, c := range []struct {
		pass     string
		min, max int
	}{
		{"", 0, 0},
		{"123456", 0, 0},
		{"woaini1314", 0, 0},
		{"P@ssw0rd", 0, 0},
		{"13812345678", 0, 0},        // phone number
		{"110101199003078888", 0, 0}, // ID number
		{"19900307", 0, 0},           // birthday
		{"aaaaaaaaaaaaaaaa", 0, 1},
		{"abcdefghijklmnop", 0, 1},
		{"qwertyuiopasdfgh", 0, 1},
		{"Tr0ub4dor", 1, 2},
		{"correct horse battery staple", 4, 4},
		{"xK9#mQ2$vL7!pR4@", 4, 4},
		{"我的猫叫小花它三岁了", 3, 4},
	} {
		s, zh, en := Strength(c.pass)
		if s < c.min || s > c.max || zh == "" || en == "" {
			t.Errorf("%q: score %d (want %d..%d) %q %q", c.pass, s, c.min, c.max, zh, en)
		}
	}
}

// Issue 15 item 12: the meter shows Level(score) and the hint under it
// starts with the same word, for every kind of hint Strength gives.
func TestStrengthHintAgreesWithMeter(t *testing.T) {
	for _, p := range []string{"123456", "13812345678", "19900101", "abc", "aaaaaaaaaaaaaaaa", "Tr0ub4dor&3",
		"correct horse", "correct horse battery", "correct horse battery staple", "我的猫叫小白今年三岁了", "kP9#vL2$wQ7!mZ4x"} {
		score, zh, en := Strength(p)
		lz, le := Level(score)
		if !strings.HasPrefix(zh, lz+"：") || !strings.HasPrefix(en, le+": ") {
			t.Errorf("%q: score %d (%s/%s) but hint %q / %q", p, score, lz, le, zh, en)
		}
	}
	if _, zh, _ := Strength(""); !strings.Contains(zh, "口令") || strings.Contains(zh, "密码") {
		t.Errorf("empty passphrase hint %q: the app's word is 口令", zh)
	}
}
