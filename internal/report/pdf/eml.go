package pdf

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Bounds for e-mail parsing: exhibits are often scam mails.
const (
	maxMIMEParts = 64
	maxMIMEDepth = 5
	maxPartBytes = 4 << 20
)

// emailHeaders are printed in this order, under their original names: they
// are part of the evidence and a reader may compare them with the .eml.
var emailHeaders = []string{"From", "To", "Cc", "Date", "Subject", "Message-ID"}

// emailForPrint renders an RFC 5322 message as readable text: the main
// headers (decoded), the plain-text body (or the HTML body without tags),
// and one line per attachment. attachLabel introduces attachments.
func emailForPrint(data []byte, attachLabel string) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = decodeText(data)
		}
	}()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return decodeText(data)
	}
	dec := mime.WordDecoder{CharsetReader: charsetReader}
	var b strings.Builder
	for _, h := range emailHeaders {
		v := msg.Header.Get(h)
		if v == "" {
			continue
		}
		if d, err := dec.DecodeHeader(v); err == nil {
			v = d
		}
		fmt.Fprintf(&b, "%s: %s\n", h, v)
	}
	b.WriteString("\n")
	w := &mimeWalker{dec: dec}
	w.walk(textproto(msg.Header), msg.Body, 0)
	switch {
	case w.plain != "":
		b.WriteString(w.plain)
	case w.html != "":
		b.WriteString(w.html)
	}
	for _, a := range w.attachments {
		fmt.Fprintf(&b, "\n[%s] %s", attachLabel, a)
	}
	return b.String()
}

type headerGetter interface{ Get(string) string }

func textproto(h mail.Header) headerGetter { return h }

type mimeWalker struct {
	dec         mime.WordDecoder
	parts       int
	plain, html string
	attachments []string
}

func (w *mimeWalker) walk(h headerGetter, body io.Reader, depth int) {
	w.parts++
	if w.parts > maxMIMEParts || depth > maxMIMEDepth {
		return
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, params = "text/plain", map[string]string{}
	}
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	if strings.HasPrefix(mt, "multipart/") && params["boundary"] != "" {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return
			}
			w.walk(p.Header, p, depth+1)
			if w.parts > maxMIMEParts {
				return
			}
		}
	}
	raw, _ := io.ReadAll(io.LimitReader(decodeTransfer(h.Get("Content-Transfer-Encoding"), body), maxPartBytes))
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	if n, err := w.dec.DecodeHeader(name); err == nil {
		name = n
	}
	if disp == "attachment" || (name != "" && !strings.HasPrefix(mt, "text/")) {
		w.attachments = append(w.attachments, fmt.Sprintf("%s（%s，%s）", name, mt, humanSize(int64(len(raw)))))
		return
	}
	switch mt {
	case "text/plain":
		if w.plain == "" {
			w.plain = toUTF8(raw, params["charset"])
		}
	case "text/html":
		if w.html == "" {
			w.html = stripHTML(toUTF8(raw, params["charset"]))
		}
	}
}

func decodeTransfer(enc string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, &stripSpaces{r: r})
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

// stripSpaces removes line breaks from base64 bodies, which the standard
// decoder does not skip on its own in every case.
type stripSpaces struct{ r io.Reader }

func (s *stripSpaces) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	j := 0
	for i := 0; i < n; i++ {
		if c := p[i]; c != '\r' && c != '\n' && c != ' ' && c != '\t' {
			p[j] = c
			j++
		}
	}
	if j == 0 && n > 0 && err == nil {
		return s.Read(p)
	}
	return j, err
}

func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	e, err := htmlindex.Get(charset)
	if err != nil {
		return nil, err
	}
	return e.NewDecoder().Reader(input), nil
}

// toUTF8 converts a body in the declared charset; Chinese mail is often
// GBK or GB18030, and sometimes mislabelled, so undeclared or failing text
// that is not valid UTF-8 is tried as GB18030.
func toUTF8(b []byte, charset string) string {
	if charset != "" && !strings.EqualFold(charset, "utf-8") && !strings.EqualFold(charset, "us-ascii") {
		if e, err := htmlindex.Get(charset); err == nil {
			if out, err := e.NewDecoder().Bytes(b); err == nil {
				return string(out)
			}
		}
	}
	return decodeText(b)
}

// decodeText returns b as UTF-8: as it is when valid, else as GB18030
// (a superset of GBK and GB2312), else with invalid bytes dropped.
func decodeText(b []byte) string {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(b) {
		return string(b)
	}
	if out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b); err == nil {
		return string(out)
	}
	return strings.ToValidUTF8(string(b), "")
}

var (
	reBlock  = regexp.MustCompile(`(?is)<(script|style|head)[^>]*>.*?</(script|style|head)>`)
	reBreak  = regexp.MustCompile(`(?i)<(br|/p|/div|/tr|/li|/h[1-6])[^>]*>`)
	reTag    = regexp.MustCompile(`(?s)<[^>]*>`)
	reBlank  = regexp.MustCompile(`\n[ \t]*\n([ \t]*\n)+`)
	htmlRepl = strings.NewReplacer("&nbsp;", " ", "&lt;", "<", "&gt;", ">", "&quot;", "\"", "&#39;", "'", "&amp;", "&")
)

// stripHTML reduces an HTML body to its text, enough to read a scam mail.
func stripHTML(s string) string {
	s = reBlock.ReplaceAllString(s, "")
	s = reBreak.ReplaceAllString(s, "\n")
	s = reTag.ReplaceAllString(s, "")
	s = htmlRepl.Replace(s)
	return strings.TrimSpace(reBlank.ReplaceAllString(s, "\n\n"))
}
