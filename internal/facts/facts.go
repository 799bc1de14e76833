// Package facts is leakdesk's one register of legal facts: every article
// number, hotline, address, time limit and institution name that the app
// shows or prints. Each fact has a stable, readable ID (pipl.art65,
// hotline.12315, express.art34), its text in Chinese and English, the source
// it was checked against and a status.
//
// Code never writes such a fact inline: it asks the register, either with
// MustGet / ZH / EN, or by writing a placeholder such as "{pipl.art65}" in its
// wording and passing the wording through Expand. Tests in this package scan
// the app's texts and fail when a legal reference is written anywhere else,
// or when an UNVERIFIED fact would be printed.
//
// The data is register.tsv beside this file (one fact a line); the sources it
// cites are shared/legal/cn-facts.md, cn-channels-verified.md, cn-routing.md
// and cn-documents.md.
package facts

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
)

// Status says how far a fact has been checked.
type Status string

const (
	// Verified: the official text, or two independent sources.
	Verified Status = "VERIFIED"
	// Secondary: one non-official source. Printable; the register keeps the
	// source so a reviewer can re-check it.
	Secondary Status = "SECONDARY"
	// Unverified: not confirmed. Kept so that tests can refuse it; never
	// printed or shown.
	Unverified Status = "UNVERIFIED"
)

// Fact is one entry of the register.
type Fact struct {
	ID     string
	Status Status
	ZH, EN string // the text as the app prints it (Chinese) and shows it in English
	Source string // where it was checked
	// Law is the ID of the law an article belongs to ("law.pipl" for
	// pipl.art65), "" otherwise. ArtZH/ArtEN are the article part alone
	// ("第六十五条", "Art. 65"), used to list several articles of one law.
	Law          string
	ArtZH, ArtEN string
}

// Printable reports whether the fact may be shown or printed.
func (f Fact) Printable() bool { return f.Status == Verified || f.Status == Secondary }

// In returns the English text for "en" and the Chinese text otherwise.
func (f Fact) In(lang string) string {
	if lang == "en" {
		return f.EN
	}
	return f.ZH
}

//go:embed register.tsv
var registerTSV string

var (
	byID  map[string]Fact
	order []string // IDs in register order
)

func init() {
	fs, err := parse(registerTSV)
	if err != nil {
		panic(err) // the register is embedded: a bad line is a build defect, caught by every test
	}
	byID = make(map[string]Fact, len(fs))
	for _, f := range fs {
		byID[f.ID] = f
		order = append(order, f.ID)
	}
	indexTexts()
}

// parse reads the register. It resolves article rows (law + article) into
// their full text and checks that IDs are unique and laws exist.
func parse(data string) ([]Fact, error) {
	var out []Fact
	seen := map[string]bool{}
	laws := map[string]Fact{}
	for n, line := range strings.Split(data, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		col := strings.Split(line, "\t")
		if len(col) != 8 {
			return nil, fmt.Errorf("facts: register line %d: %d columns, want 8", n+1, len(col))
		}
		f := Fact{ID: col[0], Status: Status(col[1]), Law: col[2], ArtZH: col[3], ArtEN: col[4], ZH: col[5], EN: col[6], Source: col[7]}
		switch f.Status {
		case Verified, Secondary, Unverified:
		default:
			return nil, fmt.Errorf("facts: register line %d: status %q", n+1, f.Status)
		}
		if f.ID == "" || seen[f.ID] || f.Source == "" {
			return nil, fmt.Errorf("facts: register line %d: empty or duplicate ID %q, or no source", n+1, f.ID)
		}
		seen[f.ID] = true
		if f.Law != "" {
			law, ok := laws[f.Law]
			if !ok {
				return nil, fmt.Errorf("facts: register line %d: law %q not defined above", n+1, f.Law)
			}
			if f.ArtZH != "" {
				if f.ZH != "" || f.ArtEN == "" {
					return nil, fmt.Errorf("facts: register line %d: an article row gives art_zh and art_en, not zh", n+1)
				}
				f.ZH, f.EN = law.ZH+f.ArtZH, law.EN+" "+f.ArtEN
			}
		}
		if f.ZH == "" || f.EN == "" {
			return nil, fmt.Errorf("facts: register line %d: %s has no text", n+1, f.ID)
		}
		if strings.HasPrefix(f.ID, "law.") && f.ArtZH == "" {
			laws[f.ID] = f
		}
		out = append(out, f)
	}
	return out, nil
}

// Get returns the fact with id, of any status.
func Get(id string) (Fact, bool) {
	f, ok := byID[id]
	return f, ok
}

// MustGet returns the printable fact with id. It panics when the ID is
// unknown or the fact is UNVERIFIED, because either is a defect in the code
// that asks: tests that reach the call fail, and TestRegisterIDsInCode finds
// calls that tests do not reach.
func MustGet(id string) Fact {
	f, ok := byID[id]
	if !ok {
		panic("facts: unknown fact " + id)
	}
	if !f.Printable() {
		panic("facts: " + id + " is UNVERIFIED and must not be printed")
	}
	return f
}

// ZH is MustGet(id).ZH.
func ZH(id string) string { return MustGet(id).ZH }

// EN is MustGet(id).EN.
func EN(id string) string { return MustGet(id).EN }

// All returns every fact in register order.
func All() []Fact {
	out := make([]Fact, len(order))
	for i, id := range order {
		out[i] = byID[id]
	}
	return out
}

// Cite renders one or more articles of the same law as one citation:
// Cite("zh", "crpl.art14", "crpl.art29") is "消费者权益保护法第十四条、第二十九条",
// and "Consumer Rights Protection Law Art. 14, Art. 29" in English. A form
// ("formal", "book", ...) picks another name of the law, registered as
// law.X@form. It panics like MustGet, and when the articles are of different
// laws.
func Cite(lang, form string, ids ...string) string {
	if len(ids) == 0 {
		panic("facts: Cite without IDs")
	}
	first := MustGet(ids[0])
	if strings.HasPrefix(first.ID, "law.") && first.Law == "" && len(ids) == 1 && form != "" && form != ArticleOnly {
		// Another name of a law alone: {law.interp2017@short} is 《解释》.
		return MustGet(first.ID + "@" + form).In(lang)
	}
	if first.Law == "" || first.ArtZH == "" {
		if len(ids) > 1 || form != "" {
			panic("facts: " + ids[0] + " is not an article and cannot be listed or take a form")
		}
		return first.In(lang)
	}
	var b strings.Builder
	switch form {
	case ArticleOnly:
		// The law was named just before; Chinese legal prose then lists
		// the next article alone ("……；第二十九条规定，……").
	case "":
		b.WriteString(MustGet(first.Law).In(lang))
	default:
		b.WriteString(MustGet(first.Law + "@" + form).In(lang))
	}
	for i, id := range ids {
		f := MustGet(id)
		if f.Law != first.Law || f.ArtZH == "" {
			panic("facts: Cite mixes laws: " + ids[0] + " and " + id)
		}
		switch {
		case i == 0 && lang == "en" && form != ArticleOnly:
			b.WriteString(" ")
		case i > 0 && lang == "en":
			b.WriteString(", ")
		case i > 0:
			b.WriteString("、")
		}
		if lang == "en" {
			b.WriteString(f.ArtEN)
		} else {
			b.WriteString(f.ArtZH)
		}
	}
	return b.String()
}

// ArticleOnly is the form that writes the articles without the law's name,
// for a sentence that refers back to the law it has just named:
// "{crpl.art29@art}" is "第二十九条". Check accepts such an article only
// after its law was named.
const ArticleOnly = "art"

// Expand replaces every placeholder in s with register text in lang ("zh"
// or "en"). A placeholder is "{id}", "{id@form}" or several articles of one
// law joined by "+" ("{crpl.art14+crpl.art29}"); see Cite. It panics on an
// unknown or UNVERIFIED ID, so a typo cannot reach a user unnoticed: the
// tests expand every text the app holds.
func Expand(lang, s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 || !isPlaceholder(s[i+1:i+j]) {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(render(lang, s[i+1:i+j]))
		s = s[i+j+1:]
	}
}

// Placeholders returns the placeholders written in s, without braces.
func Placeholders(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out
		}
		if p := s[i+1 : i+j]; isPlaceholder(p) {
			out = append(out, p)
			s = s[i+j+1:]
			continue
		}
		s = s[i+1:]
	}
}

// PlaceholderIDs returns the fact IDs a placeholder refers to, including the
// law form it names.
func PlaceholderIDs(p string) []string {
	body, form, _ := strings.Cut(p, "@")
	ids := strings.Split(body, "+")
	if form != "" && form != ArticleOnly {
		if f, ok := byID[ids[0]]; ok && f.Law != "" {
			ids = append(ids, f.Law+"@"+form)
		} else if ok && strings.HasPrefix(f.ID, "law.") {
			ids = append(ids, f.ID+"@"+form)
		}
	}
	return ids
}

func render(lang, p string) string {
	body, form, _ := strings.Cut(p, "@")
	return Cite(lang, form, strings.Split(body, "+")...)
}

// isPlaceholder says whether p looks like a fact reference: lower-case
// letters, digits and . - + @ only, with at least one dot. Braces in
// ordinary text (rare in this app) are left alone.
func isPlaceholder(p string) bool {
	if p == "" || !strings.Contains(p, ".") {
		return false
	}
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune(".-+@", r)) {
			return false
		}
	}
	return true
}

// IDs returns every registered ID, sorted.
func IDs() []string {
	out := append([]string(nil), order...)
	sort.Strings(out)
	return out
}
