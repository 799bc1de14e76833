package incident

import "strings"

// NormalizeNewlines gives text typed, pasted or imported on any system LF
// line ends: Windows programs (Notepad, the clipboard) end lines with CRLF,
// old Mac files with a lone CR. Stored text then reads, searches, prints and
// hashes the same whichever system it came from. Evidence files are never
// passed through here: their bytes are the evidence.
func NormalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func normalizeAll(fields ...*string) {
	for _, f := range fields {
		*f = NormalizeNewlines(*f)
	}
}

func (c *Case) normalizeText() {
	normalizeAll(&c.Title, &c.Narrative, &c.SourceOrg, &c.SourceAddr,
		&c.Victim.Name, &c.Victim.IDNumber, &c.Victim.Phone, &c.Victim.Address)
}

func (c *Communication) normalizeText() {
	normalizeAll(&c.Counterpart, &c.Summary, &c.Reference)
}

func (st *Step) normalizeText() {
	normalizeAll(&st.Title, &st.Why, &st.Notes, &st.Organisation, &st.Channel, &st.Reference)
}

// normalizeRecord covers a typed record's own text; its content (and so its
// SHA-256) is made from these fields when it is stored.
func (e *Exhibit) normalizeRecord() {
	normalizeAll(&e.Title, &e.Source, &e.Proves, &e.RecordNumber, &e.RecordURL, &e.RecordText)
}
