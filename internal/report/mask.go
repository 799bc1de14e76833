package report

import (
	"strings"
	"unicode/utf8"
)

// Masked forms follow common Chinese practice: an ID number keeps its first
// 6 (the issuing region) and last 4 characters, a mobile number 3 + 4 digits,
// a bank card its last 4 digits. The stars keep the original length so a
// reader can still tell what kind of number it was.

// MaskID masks a resident ID number (18 or 15 characters).
func MaskID(id string) string {
	if len(id) <= 10 {
		return strings.Repeat("*", len(id))
	}
	return id[:6] + strings.Repeat("*", len(id)-10) + id[len(id)-4:]
}

// MaskPhone masks a mobile number: 138****5678.
func MaskPhone(p string) string {
	if len(p) <= 7 {
		return strings.Repeat("*", len(p))
	}
	return p[:3] + strings.Repeat("*", len(p)-7) + p[len(p)-4:]
}

// MaskCard masks a bank card number, keeping the last 4 digits.
func MaskCard(c string) string {
	if len(c) <= 4 {
		return strings.Repeat("*", len(c))
	}
	return strings.Repeat("*", len(c)-4) + c[len(c)-4:]
}

// Any reports whether any masking is on.
func (m MaskSpec) Any() bool { return m.ID || m.Phone || m.Card }

// Apply masks every number in s that the spec covers. Numbers are found as
// standalone runs of digits (spaces or hyphens between digit groups are
// allowed, as people write 138 0013 8000 or 6222-0212-…); a run touching an
// ASCII letter is left alone, so hex hashes and codes are never altered.
// The victim's own numbers (m.Own) are masked by their kind even where the
// pattern rules would not recognise them.
func (m MaskSpec) Apply(s string) string {
	if !m.Any() || s == "" {
		return s
	}
	// Full-width digits (１３８…) are as readable as ASCII ones, so they
	// are folded first; GB/T 15835 prefers half-width numerals anyway.
	s = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for i < len(s) {
		c := s[i]
		// A run right after '*' is the kept tail of a number masked already
		// (by an earlier pass, or by hand); masking it again would eat
		// into the digits a reader is meant to see, and pass after pass
		// would give different text.
		if !isDigit(c) || (i > 0 && (isAlnum(s[i-1]) || s[i-1] == '*')) {
			b.WriteByte(c)
			i++
			continue
		}
		end, digits := scanNumber(s, i)
		if end < len(s) && isAlnum(s[end]) {
			// Part of a longer token (hash, code, word): copy it whole.
			j := end
			for j < len(s) && isAlnum(s[j]) {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		if masked, ok := m.maskNumber(digits); ok {
			b.WriteString(masked)
		} else {
			b.WriteString(s[i:end])
		}
		i = end
	}
	return b.String()
}

// scanNumber reads digits from s[i:], allowing single spaces or hyphens
// between digit groups and a final X of an ID number. It returns the end
// index and the digits (with X) without separators.
func scanNumber(s string, i int) (end int, digits string) {
	var d []byte
	j := i
	for j < len(s) {
		switch {
		case isDigit(s[j]):
			d = append(d, s[j])
			j++
			continue
		case (s[j] == ' ' || s[j] == '-') && j+1 < len(s) && isDigit(s[j+1]) && len(d) > 0 && len(d) < 19:
			j++
			continue
		case (s[j] == 'X' || s[j] == 'x') && len(d) == 17:
			d = append(d, 'X')
			j++
		}
		break
	}
	return j, string(d)
}

func (m MaskSpec) maskNumber(d string) (string, bool) {
	for _, own := range m.Own {
		if own == "" || d != own {
			continue
		}
		switch kindOf(d) {
		case "id":
			return MaskID(d), m.ID
		case "phone":
			return MaskPhone(d), m.Phone
		default:
			// An own number of unknown shape (a card, a landline): mask as
			// a card, keeping the last 4 digits, under either toggle.
			return MaskCard(d), m.Card || m.Phone
		}
	}
	switch kindOf(d) {
	case "id":
		if m.ID {
			return MaskID(d), true
		}
	case "phone":
		if m.Phone {
			return MaskPhone(d), true
		}
	case "phone86":
		if m.Phone {
			return d[:2] + MaskPhone(d[2:]), true
		}
	case "card":
		if m.Card {
			return MaskCard(d), true
		}
	}
	return "", false
}

// kindOf classifies a run of digits.
func kindOf(d string) string {
	switch {
	case len(d) == 18 && d[0] != '0' && validIDDate(d[6:14]):
		return "id"
	case len(d) == 15 && d[0] != '0' && validIDDate("19"+d[6:12]):
		return "id"
	case len(d) == 11 && d[0] == '1' && d[1] >= '3':
		return "phone"
	case len(d) == 13 && strings.HasPrefix(d, "86") && d[2] == '1' && d[3] >= '3':
		return "phone86"
	case len(d) >= 16 && len(d) <= 19 && luhn(d):
		return "card"
	}
	return ""
}

// validIDDate checks YYYYMMDD loosely: enough to tell an ID number from an
// arbitrary 18-digit run without rejecting real IDs.
func validIDDate(s string) bool {
	if len(s) != 8 {
		return false
	}
	for i := 0; i < 8; i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	y := atoi(s[:4])
	mo := atoi(s[4:6])
	d := atoi(s[6:8])
	return y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31
}

func luhn(d string) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		if !isDigit(d[i]) {
			return false
		}
		n := int(d[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// DigitsOnly returns the digits of s (and a final X of an ID number), for
// building MaskSpec.Own from user-entered numbers such as "138 0013 8000".
func DigitsOnly(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case (r == 'X' || r == 'x') && b.Len() == 17:
			b.WriteByte('X')
		}
		i += n
	}
	return b.String()
}
