package vault

import "testing"

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
