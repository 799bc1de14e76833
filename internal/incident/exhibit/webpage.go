package exhibit

import (
	"bufio"
	"bytes"
	"errors"
	"html"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxWebPageBytes bounds how much of a saved page is read. Chrome's MHTML of
// a long page with its images is a few MB; the text is near the start.
const MaxWebPageBytes = 32 << 20

// WebPage is what a saved page shows of itself: where it came from, when it
// was saved, its title and its visible text. Nothing is fetched and no
// script runs: the page is read as text.
type WebPage struct {
	URL   string
	Saved time.Time // zero when the file does not say (plain HTML)
	Title string
	// Text is the visible text, valid UTF-8, LF line ends, at most
	// MaxEmailText bytes.
	Text      string
	Truncated bool
}

// ErrNotWebPage is returned for bytes that are neither MHTML nor HTML.
var ErrNotWebPage = errors.New("exhibit: not a saved web page")

// ParseWebPage reads a page saved as MHTML (ct TypeMHTML) or HTML, reading
// at most limit bytes (MaxWebPageBytes when limit <= 0).
func ParseWebPage(r io.Reader, ct string, limit int64) (WebPage, error) {
	if limit <= 0 {
		limit = MaxWebPageBytes
	}
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return WebPage{}, err
	}
	cut := int64(len(raw)) > limit
	if cut {
		raw = raw[:limit]
		// Do not let a character cut in half make UTF-8 look like GBK.
		n := len(raw)
		for n > 0 && len(raw)-n < utf8.UTFMax && !utf8.RuneStart(raw[n-1]) {
			n--
		}
		if n > 0 && utf8.Valid(raw[:n-1]) {
			raw = raw[:n-1]
		}
	}
	var p WebPage
	if IsMHTML(ct) {
		p, err = parseMHTML(raw)
	} else {
		p, err = parseHTMLPage(raw, "")
	}
	p.Truncated = p.Truncated || cut
	return p, err
}

func parseMHTML(raw []byte) (WebPage, error) {
	h, err := readHeader(bufio.NewReader(bytes.NewReader(raw)), maxHeaderBytes)
	if err != nil || len(h) == 0 {
		return WebPage{}, ErrNotWebPage
	}
	em, err := ParseEmail(bytes.NewReader(raw), int64(len(raw))+1)
	if err != nil {
		return WebPage{}, ErrNotWebPage
	}
	p := WebPage{Title: em.Subject, Saved: em.DateParsed, Text: em.Text, Truncated: em.Truncated}
	p.URL = cleanURL(h.get("Snapshot-Content-Location"))
	if p.URL == "" {
		p.URL = cleanURL(h.get("Content-Location"))
	}
	if p.URL == "" {
		// Internet Explorer puts it on the first part only.
		if m := partLocation.FindSubmatch(raw[:min(len(raw), 64<<10)]); m != nil {
			p.URL = cleanURL(string(m[1]))
		}
	}
	return p, nil
}

var (
	partLocation = regexp.MustCompile(`(?im)^Content-Location:[ \t]*(\S{1,1000})`)
	savedFrom    = regexp.MustCompile(`(?i)<!--\s*saved from url=\(\d{1,5}\)(\S{1,1000}?)\s*-->`)
	titleTag     = regexp.MustCompile(`(?is)<title[^>]{0,200}>(.{0,1000}?)</title`)
	canonical    = regexp.MustCompile(`(?is)<link\s[^>]{0,500}rel=["']?canonical["']?[^>]{0,500}>`)
	ogURL        = regexp.MustCompile(`(?is)<meta\s[^>]{0,500}property=["']?og:url["']?[^>]{0,500}>`)
	hrefAttr     = regexp.MustCompile(`(?is)(?:href|content)=["']([^"']{1,1000})["']`)
	metaCharset  = regexp.MustCompile(`(?is)<meta[^>]{0,500}charset=["']?([a-zA-Z0-9_\-]{1,40})`)
)

// parseHTMLPage reads an HTML file; charset is the declared one, if any.
func parseHTMLPage(raw []byte, charset string) (WebPage, error) {
	head := raw[:min(len(raw), 64<<10)]
	if charset == "" {
		if m := metaCharset.FindSubmatch(head); m != nil {
			charset = string(m[1])
		}
	}
	raw = bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF"))
	s := decodeCharset(raw, charset)
	head2 := s[:min(len(s), 64<<10)]
	var p WebPage
	if m := titleTag.FindStringSubmatch(head2); m != nil {
		p.Title = cleanHeader(html.UnescapeString(m[1]))
	}
	switch {
	case savedFrom.MatchString(head2):
		p.URL = cleanURL(savedFrom.FindStringSubmatch(head2)[1])
	case canonical.MatchString(head2):
		if m := hrefAttr.FindStringSubmatch(canonical.FindString(head2)); m != nil {
			p.URL = cleanURL(html.UnescapeString(m[1]))
		}
	case ogURL.MatchString(head2):
		if m := hrefAttr.FindStringSubmatch(ogURL.FindString(head2)); m != nil {
			p.URL = cleanURL(html.UnescapeString(m[1]))
		}
	}
	text := htmlToText(normalizeText(s))
	if len(text) > MaxEmailText {
		text = truncateUTF8(text, MaxEmailText)
		p.Truncated = true
	}
	p.Text = text
	return p, nil
}

// cleanURL keeps an address printable: one line, no control characters.
func cleanURL(s string) string {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "<>\""))
	if len(s) > 2048 {
		s = truncateUTF8(s, 2048)
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F || r == '\uFFFD' {
			return -1
		}
		return r
	}, s)
}
