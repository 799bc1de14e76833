package exhibit

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/mail"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// MaxEmailText bounds Email.Text in bytes: enough for any real message body,
// small enough to typeset in a PDF packet and keep in memory.
const MaxEmailText = 200_000

// DefaultEmailLimit is used when ParseEmail is given a limit <= 0.
const DefaultEmailLimit = 64 << 20

// Bounds for hostile messages: nesting, part count and header sizes. Real
// mail rarely nests beyond 4 levels or carries more than a few dozen parts.
const (
	maxEmailDepth       = 10
	maxEmailParts       = 500
	maxHeaderBytes      = 512 << 10
	maxPartHeaderBytes  = 64 << 10
	maxHeaderFields     = 2000
	maxAttachmentName   = 255
	maxRawTextPartBytes = 4 * MaxEmailText  // a text/plain part before decoding
	maxRawHTMLPartBytes = 16 * MaxEmailText // HTML is verbose; stripped later
)

// ErrNotEmail is returned when not even a header block could be read.
var ErrNotEmail = errors.New("exhibit: not an email message")

// Email is what the preview and the PDF packet show of a message. Header
// strings are decoded to UTF-8 but otherwise as written (addresses keep
// their display names).
type Email struct {
	From, To, Cc, Date, Subject string
	// DateParsed is zero if the Date header is missing or unparseable.
	DateParsed time.Time
	// Text is the best plain-text body: text/plain if present, otherwise
	// HTML reduced to text. Valid UTF-8, LF line ends, at most MaxEmailText
	// bytes.
	Text string
	// Attachments are file names as the sender gave them, decoded and with
	// any directory part removed. A nameless attachment is listed as
	// "(unnamed type/subtype)" so its existence is not hidden.
	Attachments []string
	// Truncated is set when the limit, MaxEmailText or a part bound cut
	// something off, so the UI can say the preview is partial.
	Truncated bool
}

// ParseEmail reads at most limit bytes of an RFC 5322 message and extracts
// what a person needs to see. It is lenient (real mail from Chinese
// providers often carries raw GBK in headers or mislabels GBK as GB2312) and
// bounded; a damaged body yields what could be read rather than an error.
func ParseEmail(r io.Reader, limit int64) (em Email, err error) {
	if limit <= 0 {
		limit = DefaultEmailLimit
	}
	defer func() {
		// The decoders used below are not ours; a panic on hostile input
		// must become an error, not a crash of the app.
		if p := recover(); p != nil {
			em, err = Email{}, fmt.Errorf("%w: %v", ErrNotEmail, p)
		}
	}()
	cr := &countingReader{r: io.LimitReader(r, limit)}
	br := bufio.NewReader(cr)
	h, err := readHeader(br, maxHeaderBytes)
	if err != nil {
		return Email{}, err
	}
	if len(h) == 0 {
		return Email{}, ErrNotEmail
	}
	_, ctParams := parseMediaType(h.get("Content-Type"))
	fallback := ctParams["charset"]
	dec := func(s string) string { return cleanHeader(decodeWords(s, fallback)) }
	em.From = dec(h.get("From"))
	em.To = dec(h.join("To"))
	em.Cc = dec(h.join("Cc"))
	em.Subject = dec(h.get("Subject"))
	em.Date = dec(h.get("Date"))
	em.DateParsed = parseDate(em.Date)

	w := walker{}
	plain, htm := w.part(br, h.get, 0)
	em.Attachments = w.attachments
	text := plain
	if strings.TrimSpace(text) == "" {
		text = htmlToText(htm)
	}
	text = strings.TrimSpace(text)
	if len(text) > MaxEmailText {
		text = truncateUTF8(text, MaxEmailText)
		w.truncated = true
	}
	em.Text = text
	em.Truncated = w.truncated || cr.n >= limit
	return em, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type headerField struct{ name, value string }

type header []headerField

func (h header) get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.name, name) {
			return f.value
		}
	}
	return ""
}

// join gathers a header that broken clients repeat (To, Cc).
func (h header) join(name string) string {
	var vs []string
	for _, f := range h {
		if strings.EqualFold(f.name, name) && strings.TrimSpace(f.value) != "" {
			vs = append(vs, strings.TrimSpace(f.value))
		}
	}
	return strings.Join(vs, ", ")
}

// readHeader reads a header block up to the blank line. It skips an mbox
// "From " line and lines that are not fields instead of failing, because
// net/mail rejects many messages that mail clients display happily.
func readHeader(br *bufio.Reader, maxBytes int) (header, error) {
	var h header
	read := 0
	first := true
	for {
		line, err := readLine(br, maxBytes-read)
		read += len(line) + 1
		if err != nil && len(line) == 0 {
			if err == io.EOF {
				return h, nil // headers only, no body
			}
			return h, err
		}
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 {
			return h, nil
		}
		if first && bytes.HasPrefix(line, []byte("From ")) {
			first = false
			continue
		}
		first = false
		if (line[0] == ' ' || line[0] == '\t') && len(h) > 0 {
			h[len(h)-1].value += string(line)
		} else if colon := bytes.IndexByte(line, ':'); colon > 0 && isHeaderName(bytes.TrimSpace(line[:colon])) {
			if len(h) >= maxHeaderFields {
				return h, nil
			}
			h = append(h, headerField{
				name:  string(bytes.TrimSpace(line[:colon])),
				value: string(line[colon+1:]),
			})
		} else if len(h) == 0 {
			// Neither a header nor a continuation at the very top: this is
			// not a message.
			return nil, ErrNotEmail
		}
		if err != nil || read >= maxBytes {
			return h, nil
		}
	}
}

// readLine returns one line without its '\n', reading at most max bytes so
// a header without newlines cannot exhaust memory.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var out []byte
	for {
		if max <= 0 {
			return out, errors.New("exhibit: header too long")
		}
		frag, err := br.ReadSlice('\n')
		if len(frag) > max {
			frag = frag[:max]
		}
		max -= len(frag)
		out = append(out, frag...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if n := len(out); n > 0 && out[n-1] == '\n' {
			out = out[:n-1]
		}
		return out, err
	}
}

type walker struct {
	parts       int
	attachments []string
	truncated   bool
}

// part walks one MIME entity and returns its plain and HTML text. In a
// multipart/alternative the first non-empty text of each kind wins; in any
// other multipart the texts of the children are joined in order.
func (w *walker) part(r io.Reader, get func(string) string, depth int) (plain, htm string) {
	w.parts++
	if w.parts > maxEmailParts {
		w.truncated = true
		return "", ""
	}
	ct, params := parseMediaType(get("Content-Type"))
	if ct == "" {
		ct = "text/plain"
	}
	disp, dparams := parseMediaType(get("Content-Disposition"))
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	cte := strings.ToLower(strings.TrimSpace(get("Content-Transfer-Encoding")))

	if strings.HasPrefix(ct, "multipart/") && params["boundary"] != "" {
		if depth >= maxEmailDepth {
			w.truncated = true
			return "", ""
		}
		return w.multipart(r, ct, params["boundary"], depth)
	}
	if ct == "message/rfc822" || ct == "message/global" {
		if name == "" {
			name = w.innerSubject(r, cte) + ".eml"
		}
		w.attach(name)
		return "", ""
	}
	isText := ct == "text/plain" || ct == "text/html"
	if disp == "attachment" || name != "" || !isText {
		if name == "" {
			if disp != "attachment" && strings.HasPrefix(ct, "text/") {
				// An unnamed inline text/enriched or similar: not a file.
				return "", ""
			}
			name = "(unnamed " + ct + ")"
		}
		w.attach(name)
		return "", ""
	}
	maxRaw := maxRawTextPartBytes
	if ct == "text/html" {
		maxRaw = maxRawHTMLPartBytes
	}
	raw, cut := readAtMost(r, maxRaw)
	if cut {
		w.truncated = true
	}
	s := normalizeText(decodeCharset(decodeTransfer(raw, cte), params["charset"]))
	if ct == "text/html" {
		return "", s
	}
	return s, ""
}

func (w *walker) multipart(r io.Reader, ct, boundary string, depth int) (plain, htm string) {
	mr := multipart.NewReader(r, boundary)
	var plains, htmls []string
	alternative := ct == "multipart/alternative"
	for {
		// NextRawPart, because NextPart silently decodes quoted-printable
		// and drops the header that says so.
		p, err := mr.NextRawPart()
		if err != nil {
			if err != io.EOF {
				w.truncated = true
			}
			break
		}
		pl, ht := w.part(p, p.Header.Get, depth+1)
		if pl = strings.TrimSpace(pl); pl != "" {
			plains = append(plains, pl)
		}
		if ht = strings.TrimSpace(ht); ht != "" {
			htmls = append(htmls, ht)
		}
		if w.parts > maxEmailParts {
			break
		}
	}
	if alternative {
		// Senders order alternatives from simplest to richest; the last
		// plain one is the sender's preferred plain rendering.
		if len(plains) > 0 {
			plain = plains[len(plains)-1]
		}
		if len(htmls) > 0 {
			htm = htmls[len(htmls)-1]
		}
		return plain, htm
	}
	return strings.Join(plains, "\n\n"), strings.Join(htmls, "\n<br>\n")
}

// innerSubject names an attached message after its subject, which is how
// mail clients show a forwarded message.
func (w *walker) innerSubject(r io.Reader, cte string) string {
	var src io.Reader = r
	if cte == "base64" || cte == "quoted-printable" {
		raw, _ := readAtMost(r, maxPartHeaderBytes)
		src = bytes.NewReader(decodeTransfer(raw, cte))
	}
	h, _ := readHeader(bufio.NewReader(io.LimitReader(src, maxPartHeaderBytes)), maxPartHeaderBytes)
	_, params := parseMediaType(h.get("Content-Type"))
	s := cleanHeader(decodeWords(h.get("Subject"), params["charset"]))
	if s == "" {
		return "message"
	}
	return s
}

func (w *walker) attach(name string) {
	name = cleanFileName(name)
	if name == "" {
		name = "(unnamed)"
	}
	w.attachments = append(w.attachments, name)
}

// cleanFileName drops directories and control characters: a sender-chosen
// name like "..\..\x.exe" or one with a newline must not reach the file
// system or the PDF layout as is.
func cleanFileName(s string) string {
	s = cleanHeader(s)
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimSpace(s)
	return truncateUTF8(s, maxAttachmentName)
}

// readAtMost reads up to max bytes and reports whether more followed.
func readAtMost(r io.Reader, max int) ([]byte, bool) {
	b, _ := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if len(b) > max {
		return b[:max], true
	}
	return b, false
}

func decodeTransfer(raw []byte, cte string) []byte {
	switch cte {
	case "base64":
		return decodeBase64Loose(raw)
	case "quoted-printable":
		return decodeQP(raw, false)
	}
	return raw
}

// decodeBase64Loose ignores anything outside the alphabet (line breaks,
// stray spaces, padding in the middle of concatenated chunks), as mail
// clients do.
func decodeBase64Loose(raw []byte) []byte {
	clean := make([]byte, 0, len(raw))
	for _, c := range raw {
		if (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' {
			clean = append(clean, c)
		} else if c == '-' {
			// URL-safe alphabet from broken encoders.
			clean = append(clean, '+')
		} else if c == '_' {
			clean = append(clean, '/')
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
	n, _ := base64.RawStdEncoding.Decode(out, clean)
	return out[:n]
}

// decodeQP decodes quoted-printable, leaving malformed escapes as they are
// instead of failing like mime/quotedprintable. q selects RFC 2047 "Q"
// encoding, where '_' is a space.
func decodeQP(raw []byte, q bool) []byte {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '_' && q:
			out = append(out, ' ')
		case c == '=' && i+2 < len(raw) && isHex(raw[i+1]) && isHex(raw[i+2]):
			out = append(out, unhex(raw[i+1])<<4|unhex(raw[i+2]))
			i += 2
		case c == '=' && !q:
			// Soft line break: '=' then optional trailing blanks then EOL.
			j := i + 1
			for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t') {
				j++
			}
			if j < len(raw) && raw[j] == '\r' {
				j++
			}
			if j < len(raw) && raw[j] == '\n' {
				i = j
			} else if j >= len(raw) {
				i = j
			} else {
				out = append(out, c)
			}
		default:
			out = append(out, c)
		}
	}
	return out
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// lookupCharset maps a MIME charset label to a decoder. WHATWG labels come
// first because they match what mail clients do (gb2312 → GBK,
// iso-8859-1 → windows-1252).
func lookupCharset(label string) encoding.Encoding {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	switch label {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return nil
	}
	if e, err := htmlindex.Get(label); err == nil {
		return e
	}
	if e, err := ianaindex.MIME.Encoding(label); err == nil && e != nil {
		return e
	}
	return nil
}

// decodeCharset converts to UTF-8. Undeclared or unknown non-UTF-8 bytes are
// read as GB18030, because for this app's users unlabelled 8-bit mail text is
// almost always GBK.
func decodeCharset(b []byte, charset string) string {
	if e := lookupCharset(charset); e != nil {
		if out, err := e.NewDecoder().Bytes(b); err == nil {
			return strings.ToValidUTF8(string(out), "\uFFFD")
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	if out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b); err == nil {
		return strings.ToValidUTF8(string(out), "\uFFFD")
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// decodeWords decodes RFC 2047 encoded words. Adjacent words in the same
// charset are joined as bytes before conversion because common Chinese
// mailers split a multi-byte character across two words, which
// mime.WordDecoder turns into replacement characters. Raw 8-bit text
// outside encoded words is decoded with fallback (the message charset).
func decodeWords(s, fallback string) string {
	var out strings.Builder
	var pend []byte
	pendCS := ""
	flush := func() {
		if len(pend) > 0 {
			out.WriteString(decodeCharset(pend, pendCS))
		}
		pend, pendCS = nil, ""
	}
	lastWasWord := false
	for len(s) > 0 {
		i := strings.Index(s, "=?")
		if i < 0 {
			flush()
			out.WriteString(decodeCharset([]byte(s), fallback))
			break
		}
		cs, data, rest, ok := parseEncodedWord(s[i:])
		if !ok {
			flush()
			out.WriteString(decodeCharset([]byte(s[:i+2]), fallback))
			s = s[i+2:]
			lastWasWord = false
			continue
		}
		between := s[:i]
		if !(lastWasWord && strings.TrimSpace(between) == "") {
			flush()
			out.WriteString(decodeCharset([]byte(between), fallback))
		}
		if !strings.EqualFold(cs, pendCS) {
			flush()
		}
		pendCS = cs
		pend = append(pend, data...)
		s = rest
		lastWasWord = true
	}
	flush()
	return out.String()
}

// parseEncodedWord parses "=?charset?E?text?=" at the start of s.
func parseEncodedWord(s string) (charset string, data []byte, rest string, ok bool) {
	if !strings.HasPrefix(s, "=?") {
		return "", nil, s, false
	}
	body := s[2:]
	q1 := strings.IndexByte(body, '?')
	if q1 <= 0 || q1+2 >= len(body) || body[q1+2] != '?' {
		return "", nil, s, false
	}
	charset = body[:q1]
	if strings.ContainsAny(charset, " \t\r\n") {
		return "", nil, s, false
	}
	if star := strings.IndexByte(charset, '*'); star >= 0 {
		charset = charset[:star] // RFC 2231 language suffix
	}
	enc := body[q1+1]
	text := body[q1+3:]
	end := strings.Index(text, "?=")
	if end < 0 || strings.ContainsAny(text[:end], " \t\r\n") {
		return "", nil, s, false
	}
	switch enc {
	case 'B', 'b':
		data = decodeBase64Loose([]byte(text[:end]))
	case 'Q', 'q':
		data = decodeQP([]byte(text[:end]), true)
	default:
		return "", nil, s, false
	}
	return charset, data, text[end+2:], true
}

// cleanHeader unfolds and drops control characters.
func cleanHeader(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\r' || r == '\n':
			return ' '
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// normalizeText gives LF line ends and removes control characters that would
// upset text widgets and PDF typesetting.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case r < 0x20 || r == 0x7F:
			return -1
		}
		return r
	}, s)
}

func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// parseMediaType is a lenient Content-Type / Content-Disposition parser.
// mime.ParseMediaType rejects duplicate or malformed parameters and only
// decodes RFC 2231 values in UTF-8; Chinese mail often has
// filename*=GBK”%D6%D0 or an RFC 2047 word inside a quoted name.
func parseMediaType(v string) (string, map[string]string) {
	segs := splitParams(v, 64)
	params := map[string]string{}
	if len(segs) == 0 {
		return "", params
	}
	mt := strings.ToLower(strings.TrimSpace(segs[0]))
	type piece struct {
		idx     int
		encoded bool
		val     string
	}
	ext := map[string][]piece{}
	for _, seg := range segs[1:] {
		eq := strings.IndexByte(seg, '=')
		if eq <= 0 {
			continue
		}
		k := strings.ToLower(strings.TrimSpace(seg[:eq]))
		val := unquote(strings.TrimSpace(seg[eq+1:]))
		star := strings.IndexByte(k, '*')
		if star < 0 {
			if _, dup := params[k]; !dup {
				params[k] = val
			}
			continue
		}
		base, suffix := k[:star], k[star+1:]
		p := piece{encoded: strings.HasSuffix(suffix, "*") || suffix == "", val: val}
		suffix = strings.TrimSuffix(suffix, "*")
		if suffix != "" {
			n, err := strconv.Atoi(suffix)
			if err != nil || n < 0 || n > 64 {
				continue
			}
			p.idx = n
		}
		ext[base] = append(ext[base], p)
	}
	for base, ps := range ext {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].idx < ps[j].idx })
		charset := ""
		var b []byte
		for i, p := range ps {
			val := p.val
			if p.encoded {
				if i == 0 {
					if parts := strings.SplitN(val, "'", 3); len(parts) == 3 {
						charset, val = parts[0], parts[2]
					}
				}
				b = append(b, percentDecode(val)...)
			} else {
				b = append(b, val...)
			}
		}
		params[base] = decodeCharset(b, charset)
	}
	for k, v := range params {
		if strings.Contains(v, "=?") || !utf8.ValidString(v) {
			params[k] = decodeWords(v, params["charset"])
		}
	}
	return mt, params
}

// splitParams splits on ';' outside double quotes.
func splitParams(v string, max int) []string {
	var out []string
	inQuote, esc := false, false
	start := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case esc:
			esc = false
		case c == '\\' && inQuote:
			esc = true
		case c == '"':
			inQuote = !inQuote
		case c == ';' && !inQuote:
			out = append(out, v[start:i])
			start = i + 1
			if len(out) >= max {
				return out
			}
		}
	}
	return append(out, v[start:])
}

func unquote(s string) string {
	if len(s) < 2 || s[0] != '"' {
		return s
	}
	s = strings.TrimSuffix(s[1:], `"`)
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		// Only \" and \\ are taken as escapes: Windows mailers put raw
		// paths like "C:\Users\x.png" in quotes.
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

// dateLayouts are forms seen from mailers that net/mail rejects.
func dateLayouts() []string {
	return []string{
		"Mon, 2 Jan 2006 15:04:05 -0700",
		"2 Jan 2006 15:04:05 -0700",
		"Mon, 2 Jan 2006 15:04 -0700",
		"Mon, 2 Jan 2006 15:04:05 MST",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02T15:04:05Z07:00",
		"Mon Jan 2 15:04:05 2006",
		"Mon, 2 Jan 2006 15:04:05 GMT-0700",
		"2006-01-02 15:04:05",
	}
}

func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if t, err := mail.ParseDate(s); err == nil {
		return t
	}
	// Drop a trailing comment such as "(CST)" or "(GMT+08:00)".
	if i := strings.IndexByte(s, '('); i > 0 {
		s = strings.TrimSpace(s[:i])
		if t, err := mail.ParseDate(s); err == nil {
			return t
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	for _, l := range dateLayouts() {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// htmlToText reduces HTML to readable text: scripts, styles and comments
// dropped, block elements become line breaks, entities decoded. It is a
// preview, not a renderer, so it favours never failing over fidelity.
func htmlToText(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	lower := strings.ToLower(s)
	text := func(t string) {
		t = html.UnescapeString(t)
		t = strings.ReplaceAll(t, "\u00a0", " ")
		f := strings.Fields(t)
		if len(f) == 0 {
			if len(t) > 0 {
				b.WriteByte(' ')
			}
			return
		}
		if t[0] == ' ' || t[0] == '\t' || t[0] == '\n' || t[0] == '\r' {
			b.WriteByte(' ')
		}
		b.WriteString(strings.Join(f, " "))
		if last := t[len(t)-1]; last == ' ' || last == '\t' || last == '\n' || last == '\r' {
			b.WriteByte(' ')
		}
	}
	i := 0
	for i < len(s) {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			text(s[i:])
			break
		}
		text(s[i : i+lt])
		i += lt
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		gt := strings.IndexByte(s[i:], '>')
		if gt < 0 {
			break
		}
		tag := lower[i+1 : i+gt]
		i += gt + 1
		closing := strings.HasPrefix(tag, "/")
		name := strings.TrimPrefix(tag, "/")
		if j := strings.IndexAny(name, " \t\r\n/"); j >= 0 {
			name = name[:j]
		}
		switch name {
		case "script", "style", "head", "title":
			if !closing {
				end := strings.Index(lower[i:], "</"+name)
				if end < 0 {
					i = len(s)
				} else {
					i += end
				}
			}
		case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
			"table", "blockquote", "hr", "pre", "ul", "ol", "section", "article":
			b.WriteByte('\n')
		case "td", "th":
			b.WriteByte('\t')
		}
	}
	lines := strings.Split(b.String(), "\n")
	var out []string
	blank := 0
	for _, ln := range lines {
		ln = strings.TrimSpace(ln)
		if ln == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, ln)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
