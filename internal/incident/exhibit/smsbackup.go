package exhibit

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Bounds for SMS backups: a phone's whole history is some MB; a hostile file
// can be large, deep or declare long attributes.
const (
	MaxSMSBackupBytes = 64 << 20
	MaxSMSMessages    = 50_000
	maxSMSBody        = 20_000 // bytes of one message's text
	maxSMSDepth       = 16
)

// Errors of ParseSMSBackup.
var (
	ErrNotSMSBackup = errors.New("exhibit: not an SMS Backup & Restore file")
)

// SMS is one message of a backup.
type SMS struct {
	Number string // address attribute, as the phone stored it
	At     time.Time
	// Sent is true for messages the phone sent (type 2, 4, 5, 6), false
	// for received ones (type 1) and drafts (3).
	Sent    bool
	Contact string // contact_name, when the backup has it
	Text    string
}

// SMSBackup is the parsed file.
type SMSBackup struct {
	Messages []SMS
	// Skipped counts elements that were not readable SMS (MMS, damaged).
	Skipped   int
	Truncated bool
}

// ParseSMSBackup reads the XML written by the Android app "SMS Backup &
// Restore" (<smses><sms address= date= type= body= …/></smses>), at most
// MaxSMSBackupBytes and MaxSMSMessages. Times are milliseconds since 1970
// in the date attribute.
func ParseSMSBackup(r io.Reader) (b SMSBackup, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = SMSBackup{}, fmt.Errorf("%w: %v", ErrNotSMSBackup, p)
		}
	}()
	raw, err := io.ReadAll(io.LimitReader(r, MaxSMSBackupBytes+1))
	if err != nil {
		return SMSBackup{}, err
	}
	if len(raw) > MaxSMSBackupBytes {
		raw = raw[:MaxSMSBackupBytes]
		b.Truncated = true
	}
	dec := xml.NewDecoder(bytes.NewReader(fixSurrogateRefs(raw)))
	dec.Strict = false
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if e := lookupCharset(label); e != nil {
			return e.NewDecoder().Reader(in), nil
		}
		return in, nil
	}
	depth := 0
	root := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !root {
				return SMSBackup{}, ErrNotSMSBackup
			}
			b.Truncated = true
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxSMSDepth {
				return SMSBackup{}, ErrNotSMSBackup
			}
			if depth == 1 {
				if t.Name.Local != "smses" {
					return SMSBackup{}, ErrNotSMSBackup
				}
				root = true
				continue
			}
			if depth != 2 {
				continue
			}
			if t.Name.Local != "sms" {
				b.Skipped++
				continue
			}
			m, ok := smsFrom(t.Attr)
			if !ok {
				b.Skipped++
				continue
			}
			if len(b.Messages) >= MaxSMSMessages {
				b.Truncated = true
				return b, nil
			}
			b.Messages = append(b.Messages, m)
		case xml.EndElement:
			depth--
		}
	}
	if !root {
		return SMSBackup{}, ErrNotSMSBackup
	}
	return b, nil
}

func smsFrom(attrs []xml.Attr) (SMS, bool) {
	var m SMS
	var ms int64 = -1
	typ := ""
	for _, a := range attrs {
		switch a.Name.Local {
		case "address":
			m.Number = cleanHeader(a.Value)
		case "date":
			if v, err := strconv.ParseInt(strings.TrimSpace(a.Value), 10, 64); err == nil {
				ms = v
			}
		case "type":
			typ = strings.TrimSpace(a.Value)
		case "body":
			m.Text = a.Value
		case "contact_name":
			if a.Value != "(Unknown)" && a.Value != "null" {
				m.Contact = cleanHeader(a.Value)
			}
		}
	}
	// 1970 to 2200: anything else is not a phone's clock.
	if ms <= 0 || ms > 7258118400000 || m.Number == "" {
		return SMS{}, false
	}
	m.At = time.UnixMilli(ms).UTC()
	switch typ {
	case "2", "4", "5", "6":
		m.Sent = true
	}
	if len(m.Text) > maxSMSBody {
		m.Text = truncateUTF8(m.Text, maxSMSBody)
	}
	m.Text = strings.TrimSpace(normalizeText(strings.ToValidUTF8(m.Text, "\uFFFD")))
	if len(m.Number) > 64 {
		m.Number = truncateUTF8(m.Number, 64)
	}
	return m, true
}

// fixSurrogateRefs joins "&#55357;&#56832;" — how the app writes emoji, as a
// UTF-16 surrogate pair of character references, which XML forbids — into
// the one character they stand for, so the decoder keeps it.
func fixSurrogateRefs(b []byte) []byte {
	if !bytes.Contains(b, []byte("&#5")) {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b))
	for {
		i := bytes.Index(b, []byte("&#"))
		if i < 0 {
			out.Write(b)
			return out.Bytes()
		}
		out.Write(b[:i])
		b = b[i:]
		hi, n1 := charRef(b)
		if hi >= 0xD800 && hi < 0xDC00 {
			lo, n2 := charRef(b[n1:])
			if lo >= 0xDC00 && lo < 0xE000 {
				out.WriteRune(utf16.DecodeRune(rune(hi), rune(lo)))
				b = b[n1+n2:]
				continue
			}
		}
		if hi >= 0xD800 && hi < 0xE000 {
			// A lone surrogate: replace rather than fail the whole file.
			out.WriteString("\uFFFD")
			b = b[n1:]
			continue
		}
		out.WriteString("&#")
		b = b[2:]
	}
}

// charRef parses "&#NNNN;" at the start of b: its value and length, or -1.
func charRef(b []byte) (int, int) {
	if len(b) < 4 || b[0] != '&' || b[1] != '#' {
		return -1, 0
	}
	end := bytes.IndexByte(b[:min(len(b), 10)], ';')
	if end < 3 {
		return -1, 0
	}
	v, err := strconv.Atoi(string(b[2:end]))
	if err != nil {
		return -1, 0
	}
	return v, end + 1
}
