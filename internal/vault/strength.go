package vault

import (
	"math"
	"strings"
	"unicode"
)

// Strength gives a rough, honest estimate of a passphrase: score 0 (very
// weak) to 4 (strong), with one hint in Chinese and English. It is a
// heuristic, not a guarantee: it counts length and character classes,
// discounts repeats and keyboard/number runs, and knows a short list of the
// passwords most used in China and elsewhere. Everything stays local.
//
// The bit estimate behind the score assumes an attacker guessing offline
// against Argon2id at the default cost; ≥ 60 bits is "strong".
func Strength(passphrase string) (score int, hintZH, hintEN string) {
	p := passphrase
	if p == "" {
		return 0, "未设置口令：任何拿到这台电脑的人都能读到案件。", "No passphrase: anyone with this computer can read the cases."
	}
	lower := strings.ToLower(p)
	if isCommon(lower) {
		return 0, "很弱：这是最常见的口令之一，会被最先猜到。", "Very weak: this is one of the most common passwords; it is guessed first."
	}

	var hasLower, hasUpper, hasDigit, hasSymbol, hasSpace, hasHan bool
	runes := []rune(p)
	for _, r := range runes {
		switch {
		case unicode.Is(unicode.Han, r):
			hasHan = true
		case unicode.IsLower(r):
			hasLower = true
		case unicode.IsUpper(r):
			hasUpper = true
		case unicode.IsDigit(r):
			hasDigit = true
		case unicode.IsSpace(r):
			hasSpace = true
		default:
			hasSymbol = true
		}
	}
	pool := 0
	for _, c := range []struct {
		on   bool
		size int
	}{{hasLower, 26}, {hasUpper, 26}, {hasDigit, 10}, {hasSymbol, 33}, {hasSpace, 1}, {hasHan, 500}} {
		if c.on {
			pool += c.size
		}
	}
	// Han characters come from a huge set, but people type idioms and
	// names; 500 is a deliberately modest pool.

	eff := effectiveLength(lower)
	bits := float64(eff) * math.Log2(float64(pool))
	// A run of words separated by spaces is the passphrase style we want
	// to encourage; its entropy is in the length, already counted.

	// Short passwords are mostly words with substitutions (Tr0ub4dor),
	// which crackers try early; class counting overrates them. A Han
	// character carries about as much as a short word, so the bar is lower.
	if len(runes) < 12 && !hasHan || len(runes) < 6 {
		bits = math.Min(bits, 45)
	}

	digitsOnly := !hasLower && !hasUpper && !hasSymbol && !hasHan && !hasSpace
	switch {
	case digitsOnly && len(runes) == 11 && runes[0] == '1':
		return 0, "很弱：这像是一个手机号，容易被猜到。", "Very weak: this looks like a phone number; it is easy to guess."
	case digitsOnly && (len(runes) == 18 || len(runes) == 15 || looksLikeDate(p)):
		return 0, "很弱：这像是证件号或日期；泄露的信息里往往就有。", "Very weak: this looks like an ID number or a date; leaked data often contains them."
	case digitsOnly:
		bits = math.Min(bits, 20)
	}

	switch {
	case bits < 28:
		score = 0
	case bits < 40:
		score = 1
	case bits < 52:
		score = 2
	case bits < 64:
		score = 3
	default:
		score = 4
	}
	// Every hint starts with the meter's word for its score (Level), so
	// the bar and the sentence under it never disagree (issue 15 item 12).
	hint := func(score int, zh, en string) (int, string, string) {
		lz, le := Level(score)
		return score, lz + "：" + zh, le + ": " + en
	}
	switch {
	case len(runes) < 8:
		return hint(min(score, 1), "太短，至少用 12 个字符，最好是几个词组成的短句。", "too short; use at least 12 characters, ideally a few words.")
	case eff < len(runes)*2/3:
		return hint(min(score, 2), "重复或连续的字符（如 aaaa、1234、qwer）几乎不增加强度。", "repeated or sequential characters (aaaa, 1234, qwer) add almost nothing.")
	case score <= 1:
		return hint(score, "加长，或用几个不相关的词组成短句。", "make it longer, or use a few unrelated words.")
	case score == 2:
		return hint(score, "再加几个字符或一个词会好很多。", "a few more characters or another word would help a lot.")
	}
	return hint(score, "请记住它，并妥善保存恢复密钥。", "remember it, and keep the recovery key safe.")
}

// Level is the strength meter's word for a score 0–4, in Chinese and
// English: the one list the meter and the hints share.
func Level(score int) (zh, en string) {
	words := [...][2]string{{"很弱", "Very weak"}, {"弱", "Weak"}, {"一般", "Fair"}, {"较强", "Good"}, {"强", "Strong"}}
	score = max(0, min(score, len(words)-1))
	return words[score][0], words[score][1]
}

// effectiveLength counts characters that add information: a character
// equal to the previous one, or continuing a run like abc/123/qwe, counts
// for nothing.
func effectiveLength(s string) int {
	rs := []rune(s)
	n := 0
	for i, r := range rs {
		if i > 0 {
			prev := rs[i-1]
			if r == prev || r == prev+1 || r == prev-1 || keyboardNext(prev, r) {
				continue
			}
		}
		n++
	}
	return n
}

func keyboardNext(a, b rune) bool {
	for _, row := range []string{"qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"} {
		if i := strings.IndexRune(row, a); i >= 0 && i+1 < len(row) && rune(row[i+1]) == b {
			return true
		}
	}
	return false
}

// looksLikeDate matches 19xx/20xx birthdays written as 8 digits.
func looksLikeDate(s string) bool {
	return len(s) == 8 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) &&
		s[4:6] >= "01" && s[4:6] <= "12" && s[6:8] >= "01" && s[6:8] <= "31"
}

func isCommon(lower string) bool {
	for _, c := range strings.Fields(commonPasswords) {
		if lower == c {
			return true
		}
	}
	return false
}

// commonPasswords: the top of published leak frequency lists (CSDN 2011,
// the 12306 and 163 leaks, and the international top lists), lowercased.
// A constant so that no caller can change it.
const commonPasswords = `
123456 123456789 12345678 1234567890 12345 1234567 111111 000000
123123 666666 888888 123321 654321 112233 121212 11111111
88888888 66666666 147258369 159357 5201314 520520 1314520 woaini
woaini1314 woaini520 iloveyou password password1 passw0rd qwerty
qwertyuiop qwe123 abc123 abc123456 a123456 a123456789 aa123456
qq123456 123456a 123456aa 123qwe 1qaz2wsx 1q2w3e4r 1q2w3e asdfgh
asdasd zxcvbnm zxcvbn admin admin123 root letmein welcome
monkey dragon football baseball sunshine princess shadow superman
michael master qazwsx trustno1 1qazxsw2 asd123 wang123 li123456
zhang123 aaaaaa abcdef abcd1234 1234abcd q1w2e3r4 p@ssw0rd leakdesk
`
