package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"leakdesk/internal/incident/exhibit"
)

// emailForPrint renders an RFC 5322 message as readable text with the
// incident package's bounded, fuzzed parser: the main headers under their
// original names (they are part of the evidence), the body, and one line
// per attachment introduced by attachLabel. A message that cannot be parsed
// is printed as text.
func emailForPrint(data []byte, attachLabel string) string {
	em, err := exhibit.ParseEmail(bytes.NewReader(data), int64(len(data))+1)
	if err != nil {
		return decodeText(data)
	}
	var b strings.Builder
	for _, h := range [][2]string{{"From", em.From}, {"To", em.To}, {"Cc", em.Cc}, {"Date", em.Date}, {"Subject", em.Subject}} {
		if h[1] != "" {
			fmt.Fprintf(&b, "%s: %s\n", h[0], h[1])
		}
	}
	b.WriteString("\n")
	b.WriteString(em.Text)
	for _, a := range em.Attachments {
		fmt.Fprintf(&b, "\n[%s] %s", attachLabel, a)
	}
	return b.String()
}

// decodeText returns b as UTF-8: as it is when valid, else as GB18030
// (a superset of GBK and GB2312, common in Chinese text files), else with
// invalid bytes dropped.
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
