package report_test

import (
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"testing"

	"leakdesk/internal/facts"
	"leakdesk/internal/report"
	"leakdesk/internal/report/reporttest"
)

// packetText is everything a packet prints: cover, instructions and every
// section.
func packetText(p report.Packet) []string {
	out := []string{p.Title, p.Cover.Title, p.Cover.Subtitle, p.Cover.Recipient}
	for _, f := range p.Cover.Fields {
		out = append(out, f.Key, f.Value)
	}
	if p.Instructions != nil {
		out = append(out, p.Instructions.Title)
		out = append(out, p.Instructions.Items...)
	}
	for _, s := range p.Sections {
		out = append(out, s.Heading)
		for _, bl := range s.Blocks {
			out = append(out, bl.Text)
			out = append(out, bl.Items...)
			for _, kv := range bl.KV {
				out = append(out, kv.Key, kv.Value)
			}
			if bl.Table != nil {
				for _, row := range bl.Table.Rows {
					out = append(out, row...)
				}
			}
		}
	}
	return out
}

// §6 of issue 9: over generated cases, no packet of any kind prints a
// legal reference (article, document number, hotline, address, statute)
// that is not the text of a printable fact of the register, and none
// prints an UNVERIFIED one.
func TestPacketsCiteOnlyTheRegister(t *testing.T) {
	r := rand.New(rand.NewSource(6))
	n := 60
	if testing.Short() {
		n = 15
	}
	found := map[string]string{}
	for i := 0; i < n; i++ {
		cf, o := genCase(r)
		for _, kind := range report.Kinds() {
			p, err := report.Build(cf, kind, o, reporttest.Now)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range packetText(p) {
				// The user's own words (an SMS quoted in the timeline) are
				// not the app's citations; a scam SMS may well hold a URL.
				for _, e := range cf.Exhibits {
					if e.RecordText != "" {
						s = strings.ReplaceAll(s, e.RecordText, "")
					}
				}
				for _, pr := range facts.Check(s) {
					if _, ok := found[pr.Text]; !ok {
						found[pr.Text] = string(kind) + ": " + pr.Reason + " in " + excerpt(s, pr.Text)
					}
				}
			}
		}
	}
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("%q: %s", k, strings.TrimSpace(found[k]))
	}
}

// The deletion letter prints its reply period from the register
// (period.deletion-benchmark) and counts the last day with
// ProviderReplyDays: the two must be the same number.
func TestProviderReplyDaysIsTheRegisters(t *testing.T) {
	if got, want := facts.ZH("period.deletion-benchmark"), strconv.Itoa(report.ProviderReplyDays)+"个工作日"; got != want {
		t.Errorf("register says %q, the letter counts %q", got, want)
	}
}
