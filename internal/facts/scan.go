package facts

import (
	"regexp"
	"sort"
	"strings"
)

// Legal references the scanners look for: article numbers, document
// numbers, hotlines, web and e-mail addresses, and names of statutes.
var (
	zhPatterns = []*regexp.Regexp{
		regexp.MustCompile(`第[零一二三四五六七八九十百千两〇\d、至]+条(?:之[一二三四五六七八九十]+)?`),
		regexp.MustCompile(`第[零一二三四五六七八九十百千两〇\d]+[款项]`),
		regexp.MustCompile(`第（[一二三四五六七八九十]+）(?:至（[一二三四五六七八九十]+）)?项`),
		regexp.MustCompile(`〔\d{4}〕`),
		regexp.MustCompile(`令第\d+号`),
		regexp.MustCompile(`《[^》]{2,}》`),
		regexp.MustCompile(`民法典|刑法|\p{Han}{2,}(?:保护法|处罚法|诉讼法|诈骗法|身份证法|援助法|安全法|邮政法|条例|暂行办法|处理办法|程序规定|问题的规定|的解释|的决定)`),
	}
	enPatterns = []*regexp.Regexp{
		regexp.MustCompile(`\bArts?\.\s*\d+`),
		regexp.MustCompile(`\bArticles?\s+\d+`),
		regexp.MustCompile(`\bFa Shi\b`),
		regexp.MustCompile(`\bOrder No\.\s*\d+`),
		regexp.MustCompile(`\b(?:[A-Z][\w-]*\s)+(?:Law|Code|Regulations?|Measures|Provisions|Interpretation|Decision)\b`),
	}
	commonPatterns = []*regexp.Regexp{
		regexp.MustCompile(`https?://[^\s）)，。；、"]+`),
		regexp.MustCompile(`\bwww\.[A-Za-z0-9.-]+[A-Za-z0-9]`),
		regexp.MustCompile(`\b[A-Za-z0-9.-]+\.(?:gov|org)\.cn\b`),
		regexp.MustCompile(`\b[A-Za-z0-9._-]+@[A-Za-z0-9.-]+\.cn\b`),
	}
	numberRun = regexp.MustCompile(`\d+(?:-\d+)*`)
)

// legalNumber says whether a run of digits is a hotline the app would cite:
// 110, 96110, a five-digit 12xxx service number, or 400-/010- numbers.
func legalNumber(s string) bool {
	switch {
	case s == "110" || s == "96110":
		return true
	case len(s) == 5 && strings.HasPrefix(s, "12"):
		return true
	case strings.HasPrefix(s, "400-") || strings.HasPrefix(s, "010-"):
		return true
	}
	return false
}

// findLegal returns the legal-looking substrings of s.
func findLegal(s string) []string {
	var out []string
	pats := append(append(append([]*regexp.Regexp{}, zhPatterns...), enPatterns...), commonPatterns...)
	for _, p := range pats {
		out = append(out, p.FindAllString(s, -1)...)
	}
	for _, loc := range numberRun.FindAllStringIndex(s, -1) {
		// A number inside an identifier ("consumer-12315", a step kind) is
		// a key, not a hotline; so is one in a fact ID ("hotline.12315").
		if i := loc[0]; i > 0 && (s[i-1] == '-' || s[i-1] == '_' || s[i-1] == '.' || isASCIILetter(s[i-1])) {
			continue
		}
		if n := s[loc[0]:loc[1]]; legalNumber(n) {
			out = append(out, n)
		}
	}
	return out
}

// Problem is one finding of a scan.
type Problem struct {
	Text   string // the offending substring
	Reason string
}

// byLength is every fact text (both languages), longest first, so that the
// scan takes "刑法第二百五十三条之一" before "刑法".
var (
	byLength    []tokenFact
	byFirstByte [256][]tokenFact // byLength split by the text's first byte, for speed
)

// indexTexts fills byLength; init calls it once the register is parsed.
func indexTexts() {
	var out []tokenFact
	for _, id := range order {
		f := byID[id]
		out = append(out, tokenFact{f.ZH, f, false}, tokenFact{f.EN, f, true})
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].text) > len(out[j].text) })
	byLength = out
	for _, t := range out {
		if t.text != "" {
			byFirstByte[t.text[0]] = append(byFirstByte[t.text[0]], t)
		}
	}
}

type tokenFact struct {
	text string
	f    Fact
	en   bool
}

// lawGroup is the law a fact names or belongs to ("law.pipl" for
// pipl.art65 and for law.pipl@formal), "" for other facts.
func lawGroup(f Fact) string {
	if f.Law != "" {
		return f.Law
	}
	if strings.HasPrefix(f.ID, "law.") {
		return f.ID
	}
	return ""
}

// Check scans text that the app shows or prints (after Expand, or built by
// code from the register). It reports every legal reference that is not the
// text of a printable register fact, and every use of an UNVERIFIED fact
// that looks like a legal reference (a number, address or citation). Lists
// of articles after a law's name ("消费者权益保护法第十四条、第二十九条") are
// accepted when each article is registered for that law.
func Check(text string) []Problem {
	var probs []Problem
	var rest strings.Builder
	lastLaw := "" // the law last named, to which a bare "第二十九条规定" refers
	for i := 0; i < len(text); {
		t, ok := matchAt(text, i)
		if !ok {
			if j := bareArticle(text, i, lastLaw); j > i {
				rest.WriteString("\x00")
				i = j
				continue
			}
			rest.WriteByte(text[i])
			i++
			continue
		}
		if !t.f.Printable() {
			if len(findLegal(t.text)) > 0 {
				probs = append(probs, Problem{t.text, "UNVERIFIED fact " + t.f.ID})
			}
			// An UNVERIFIED text that does not look legal (e.g. "30天") is
			// ordinary wording; scan it like any other text.
			rest.WriteByte(text[i])
			i++
			continue
		}
		rest.WriteString("\x00")
		i += len(t.text)
		if g := lawGroup(t.f); g != "" {
			lastLaw = g
			if t.f.ArtZH == "" {
				// A law's name directly followed by one of its articles, as
				// Cite writes it with a form: "…（工业和信息化部令第35号）第十条".
				i = article(text, i, g, t.en, map[bool]string{true: " ", false: ""}[t.en])
			}
			i = continuation(text, i, g, t.en)
		}
	}
	for _, s := range findLegal(rest.String()) {
		probs = append(probs, Problem{s, "not from the facts register"})
	}
	return probs
}

// matchAt finds the longest fact text at text[i:]. A text that begins or
// ends with a digit matches only where the number does ("12345" is not in
// "10690000123456").
func matchAt(text string, i int) (tokenFact, bool) {
	for _, t := range byFirstByte[text[i]] {
		if !strings.HasPrefix(text[i:], t.text) {
			continue
		}
		if isDigit(t.text[0]) && i > 0 && isDigit(text[i-1]) {
			continue
		}
		if end := i + len(t.text); isDigit(t.text[len(t.text)-1]) && end < len(text) && isDigit(text[end]) {
			continue
		}
		return t, true
	}
	return tokenFact{}, false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// zhArticle is an article reference written without its law.
var zhArticle = regexp.MustCompile(`^第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?(?:第[一二三四五六七八九十]+款)?(?:第（[一二三四五六七八九十]+）项)?`)

// bareArticle consumes, at text[i:], an article of law g written without
// the law's name, as Chinese legal prose refers back to the law last named
// ("《消费者权益保护法》第十四条规定……；第二十九条规定……"). It returns i when
// there is none, or the article is not registered for g.
func bareArticle(text string, i int, g string) int {
	if g == "" {
		return i
	}
	m := zhArticle.FindString(text[i:])
	if m == "" {
		return i
	}
	for _, id := range order {
		if f := byID[id]; f.Law == g && f.ArtZH == m && f.Printable() {
			return i + len(m)
		}
	}
	return i
}

// continuation consumes further articles of law g listed after a citation:
// "、第二十九条" in Chinese, ", Art. 29" or " and Art. 29" in English.
func continuation(text string, i int, g string, en bool) int {
	seps := []string{"、", "，", "和"}
	if en {
		seps = []string{", ", " and ", ", and "}
	}
	for {
		advanced := false
		for _, sep := range seps {
			if j := article(text, i, g, en, sep); j > i {
				i, advanced = j, true
				break
			}
		}
		if !advanced {
			return i
		}
	}
}

// article consumes sep and the longest printable article of law g at
// text[i:], returning i unchanged when there is none.
func article(text string, i int, g string, en bool, sep string) int {
	if !strings.HasPrefix(text[i:], sep) {
		return i
	}
	j := i + len(sep)
	best := 0
	for _, id := range order {
		f := byID[id]
		if f.Law != g || f.ArtZH == "" || !f.Printable() {
			continue
		}
		art := f.ArtZH
		if en {
			art = f.ArtEN
		}
		if strings.HasPrefix(text[j:], art) && len(art) > best && !digitFollows(text, j+len(art)) {
			best = len(art)
		}
	}
	if best == 0 {
		return i
	}
	return j + best
}

func digitFollows(text string, i int) bool {
	return i < len(text) && text[i] >= '0' && text[i] <= '9'
}

// CheckSource scans wording as it is written in the code or a translation
// file, before Expand. Every legal reference must be a placeholder there:
// any reference written out, and any registered name of a law, hotline,
// address or institution written out, is reported; so is a placeholder
// whose ID is unknown or UNVERIFIED.
func CheckSource(s string) []Problem {
	var probs []Problem
	for _, p := range Placeholders(s) {
		for _, id := range PlaceholderIDs(p) {
			f, ok := byID[id]
			switch {
			case !ok:
				probs = append(probs, Problem{"{" + p + "}", "unknown fact " + id})
			case !f.Printable():
				probs = append(probs, Problem{"{" + p + "}", "UNVERIFIED fact " + id})
			}
		}
	}
	bare := stripPlaceholders(s)
	for _, l := range findLegal(bare) {
		probs = append(probs, Problem{l, "written inline; use a {fact.id} placeholder"})
	}
	for _, t := range byLength {
		if t.text == "" || !namedFact(t.f) || !strings.Contains(bare, t.text) {
			continue
		}
		if len(findLegal(t.text)) > 0 {
			continue // already reported by pattern
		}
		probs = append(probs, Problem{t.text, "registered as " + t.f.ID + "; use {" + t.f.ID + "}"})
	}
	return dedupe(probs)
}

// namedFact is a fact whose mere name must come from the register: laws,
// regulators and channels. Time limits are ordinary words ("7日内") that the
// scan cannot tell from the app's own reminders.
func namedFact(f Fact) bool {
	for _, p := range []string{"law.", "org.", "hotline.", "url.", "email.", "platform."} {
		if strings.HasPrefix(f.ID, p) {
			return len([]rune(f.ZH)) >= 3 || f.EN == f.ZH
		}
	}
	return false
}

func stripPlaceholders(s string) string {
	for _, p := range Placeholders(s) {
		s = strings.Replace(s, "{"+p+"}", "\x00", 1)
	}
	return s
}

func dedupe(ps []Problem) []Problem {
	seen := map[Problem]bool{}
	var out []Problem
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
