package textwrap

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// fakeMeasure gives CJK characters width 1 and everything else 0.5, like a
// real font closely enough to exercise every rule.
func fakeMeasure(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 || strings.ContainsRune("“”‘’…—·", r) {
			w++
		} else {
			w += 0.5
		}
	}
	return w
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

func checkLines(t *testing.T, in string, lines []string, width float64) {
	t.Helper()
	if got, want := stripSpace(strings.Join(lines, "")), stripSpace(in); got != want {
		t.Fatalf("characters lost or changed:\n got %q\nwant %q", got, want)
	}
	for i, l := range lines {
		if fakeMeasure(l) > width+1e-9 && utf8.RuneCountInString(l) > 1 {
			// Allowed only for a single glued atom wider than the line.
			if len(tokenize(l)) > 1 {
				t.Errorf("line %d too wide (%v > %v): %q", i, fakeMeasure(l), width, l)
			}
		}
		if i > 0 {
			r, _ := utf8.DecodeRuneInString(l)
			if strings.ContainsRune(noLineStart, r) {
				t.Errorf("line %d starts with closing punctuation: %q", i, l)
			}
		}
		if i < len(lines)-1 {
			r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(l, " "))
			if strings.ContainsRune(noLineEnd, r) {
				t.Errorf("line %d ends with opening punctuation: %q", i, l)
			}
		}
	}
}

func TestBreakLinesRules(t *testing.T) {
	in := "2025年11月3日，本人（张三）接到自称“顺丰客服”的来电，对方准确说出了我的姓名、手机号和订单号SF1234567890123，并发来链接 https://example.com/refund?id=abcdefghijklmnopqrstuvwxyz 要求退款。本人未付款……随后又收到短信。"
	for _, w := range []float64{3, 5, 7, 10, 13, 20, 31} {
		lines := breakLines(in, w, 2, fakeMeasure)
		checkLines(t, in, lines, w)
	}
}

func TestBreakLinesKeepsLatinWords(t *testing.T) {
	lines := breakLines("请联系 privacy officer at example company 处理", 8, 0, fakeMeasure)
	for _, l := range lines {
		for _, w := range []string{"privacy", "officer", "example", "company"} {
			if strings.Contains(l, w[:3]) && !strings.Contains(l, w) && strings.HasPrefix(w, "pri") {
				t.Errorf("word split: %q", l)
			}
		}
	}
	checkLines(t, "请联系 privacy officer at example company 处理", lines, 8)
}

func TestBreakLinesRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"中", "文", "，", "。", "、", "（", "）", "《", "》", "“", "”", "abc", "de", " ", "12345", "：", "？", "！", "……", "——", "Z", "；"}
	for n := 0; n < 2000; n++ {
		var b strings.Builder
		for i := rng.Intn(80); i >= 0; i-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		in := b.String()
		w := 2 + float64(rng.Intn(30))
		lines := breakLines(in, w, float64(rng.Intn(2)*2), fakeMeasure)
		if got, want := stripSpace(strings.Join(lines, "")), stripSpace(in); got != want {
			t.Fatalf("width %v: characters lost:\n got %q\nwant %q", w, got, want)
		}
	}
}

func TestBreakLinesHardBreaks(t *testing.T) {
	lines := breakLines("一\n\n二", 10, 0, fakeMeasure)
	if strings.Join(lines, "|") != "一||二" {
		t.Fatalf("got %q", lines)
	}
}
