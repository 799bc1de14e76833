package textwrap

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Package textwrap breaks Chinese and mixed text into lines: the one owner
// of the line-start and line-end rules (the common 禁则 of Chinese
// typesetting) for the packets and the window alike. Chinese may break
// between any two characters, Latin words stay whole unless wider than the
// line, closing punctuation never starts a line and opening punctuation
// never ends one.
//
// The packets need it because gofpdf's MultiCell and SplitText drop the CJK
// character at each automatic break and start lines with ， or 。
// (docs/architecture.md, "Pitfalls"); the window, because Fyne's word
// wrapping breaks only at spaces and then anywhere, leaving "3." or "。"
// alone at a line's start (issue 15 item 10).

// noLineStart are characters that must not begin a line.
const noLineStart = "，。、；：？！）》」』】〕〉〗”’…—·%‰℃,.;:?!)]}>〞｝］｠"

// noLineEnd are characters that must not end a line.
const noLineEnd = "（《「『【〔〈〖“‘([{<〝｛［｟"

// MeasureFunc returns the width of s in the current font.
type MeasureFunc = func(s string) float64

type measureFunc = MeasureFunc

// Lines wraps text to lines no wider than width, the first line of each
// paragraph shortened by indent (see breakLines).
func Lines(text string, width, indent float64, measure MeasureFunc) []string {
	return breakLines(text, width, indent, measure)
}

type atomKind uint8

const (
	atomText atomKind = iota
	atomSpace
)

type atom struct {
	kind atomKind
	s    string
}

// isCJK reports characters after or before which a line may break: Han,
// kana, Hangul, and the CJK and full-width punctuation blocks.
func isCJK(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals, CJK punctuation, kana, Han
		r >= 0xA960 && r <= 0xA97F, r >= 0xAC00 && r <= 0xD7FF, // Hangul
		r >= 0xF900 && r <= 0xFAFF,   // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,   // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFFEF,   // full-width forms
		r >= 0x20000 && r <= 0x3FFFF: // extension planes
		return true
	}
	// Chinese uses these general punctuation marks as full-width ones.
	return strings.ContainsRune("“”‘’…—·", r)
}

// tokenize splits a single line of text (no '\n') into atoms: runs of
// spaces, single CJK characters, and Latin words; then glues closing
// punctuation to what precedes it and opening punctuation to what follows,
// so that no break can separate them.
func tokenize(s string) []atom {
	var units []atom
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			units = append(units, atom{atomText, word.String()})
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '\t' || (unicode.IsSpace(r) && r != '\u3000'):
			flush()
			if n := len(units); n > 0 && units[n-1].kind == atomSpace {
				units[n-1].s += string(r)
			} else {
				units = append(units, atom{atomSpace, string(r)})
			}
		case isCJK(r) || strings.ContainsRune(noLineStart, r) || strings.ContainsRune(noLineEnd, r):
			// ASCII punctuation inside a Latin word stays in the word
			// ("example.com,") unless it closes it.
			if r < 0x80 && word.Len() > 0 && !strings.ContainsRune(noLineStart, r) {
				word.WriteRune(r)
				continue
			}
			flush()
			units = append(units, atom{atomText, string(r)})
		default:
			word.WriteRune(r)
		}
	}
	flush()

	// Glue: closing punctuation onto the previous text atom, opening
	// punctuation onto the next one.
	var out []atom
	glueNext := false
	for _, u := range units {
		if u.kind == atomText {
			r, _ := utf8.DecodeRuneInString(u.s)
			n := len(out)
			switch {
			case glueNext:
				out[n-1].s += u.s
				glueNext = false
			case strings.ContainsRune(noLineStart, r) && n > 0 && out[n-1].kind == atomText:
				out[n-1].s += u.s
			default:
				out = append(out, u)
			}
			last, _ := utf8.DecodeLastRuneInString(u.s)
			if utf8.RuneCountInString(u.s) == 1 && strings.ContainsRune(noLineEnd, last) {
				glueNext = true
			}
			continue
		}
		glueNext = false
		out = append(out, u)
	}
	return out
}

// breakLines wraps text to lines no wider than width. The first line of each
// paragraph (text separated by '\n') is shortened by indent. Every character
// of the input except the spaces at line breaks appears in the output, in
// order.
func breakLines(text string, width, indent float64, measure measureFunc) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, breakParagraph(para, width, indent, measure)...)
	}
	return lines
}

func breakParagraph(para string, width, indent float64, measure measureFunc) []string {
	atoms := tokenize(para)
	if len(atoms) == 0 {
		return []string{""}
	}
	var lines []string
	var line strings.Builder
	lineW := 0.0
	avail := width - indent
	pendingSpace := ""
	newLine := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW = 0
		avail = width
		pendingSpace = ""
	}
	for _, a := range atoms {
		if a.kind == atomSpace {
			if line.Len() > 0 {
				pendingSpace = a.s
			}
			continue
		}
		w := measure(a.s)
		sw := 0.0
		if pendingSpace != "" {
			sw = measure(pendingSpace)
		}
		if lineW+sw+w <= avail+1e-9 {
			line.WriteString(pendingSpace)
			line.WriteString(a.s)
			lineW += sw + w
			pendingSpace = ""
			continue
		}
		if line.Len() > 0 {
			newLine()
		}
		if w <= avail+1e-9 {
			line.WriteString(a.s)
			lineW = w
			continue
		}
		// Wider than a whole line (a URL, a hash, a long number): split it
		// character by character, as much as fits on each line.
		for _, r := range a.s {
			rw := measure(string(r))
			if lineW+rw > avail+1e-9 && line.Len() > 0 {
				carry := ""
				if cur := line.String(); strings.ContainsRune(noLineStart, r) && utf8.RuneCountInString(cur) > 1 {
					// Take the previous character along so that the
					// punctuation does not start the new line.
					last, n := utf8.DecodeLastRuneInString(cur)
					carry = string(last)
					line.Reset()
					line.WriteString(cur[:len(cur)-n])
				}
				newLine()
				line.WriteString(carry)
				lineW = measure(carry)
			}
			line.WriteRune(r)
			lineW += rw
		}
	}
	if line.Len() > 0 || len(lines) == 0 {
		lines = append(lines, line.String())
	}
	return lines
}
