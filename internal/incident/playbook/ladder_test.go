package playbook

import (
	"strings"
	"testing"
	"time"

	"leakdesk/internal/facts"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Each ladder, rung by rung: where each outcome leads (issue 12's list).
func TestLadderRoutes(t *testing.T) {
	cases := []struct {
		route, kind, outcome, next string // next "" = the route ends
	}{
		{RoutePolice, "police-report", ReplyAccepted, ""},
		{RoutePolice, "police-report", ReplyRefused, "police-reconsideration"},
		{RoutePolice, "police-report", ReplyPartial, "police-reconsideration"},
		// No notice, no 复议: an undecided report goes to the procuratorate.
		{RoutePolice, "police-report", ReplyNone, "procuratorate-supervision"},
		{RoutePolice, "police-reconsideration", ReplyRefused, "police-review"},
		{RoutePolice, "police-reconsideration", ReplyNone, "procuratorate-supervision"},
		{RoutePolice, "police-review", ReplyRefused, "procuratorate-supervision"},
		{RoutePolice, "police-review", ReplyAccepted, ""},
		{RoutePolice, "procuratorate-supervision", ReplyRefused, "private-prosecution"},
		{RoutePolice, "procuratorate-supervision", ReplyNone, "private-prosecution"},
		{RoutePolice, "private-prosecution", ReplyRefused, ""},
		{RouteCompany, "deletion-demand", ReplyNone, "regulator-complaint"},
		{RouteCompany, "deletion-demand", ReplyRefused, "regulator-complaint"},
		{RouteCompany, "deletion-demand", ReplyAccepted, ""},
		{RouteCompany, "regulator-complaint", ReplyRefused, "civil-claim"},
		{RouteCompany, "civil-claim", ReplyRefused, ""},
		{RouteTelecom, "telecom-operator", ReplyNone, "telecom-12300"},
		{RouteTelecom, "telecom-operator", ReplyPartial, "telecom-12300"},
		{RouteTelecom, "telecom-12300", ReplyRefused, "civil-claim"},
		{RouteCredit, "credit-dispute", ReplyNone, "credit-complaint"},
		{RouteCredit, "credit-complaint", ReplyRefused, "civil-claim"},
		{RouteConsumer, "consumer-12315", ReplyRefused, "consumer-association"},
		{RouteConsumer, "consumer-12315", ReplyNone, "consumer-association"},
		{RouteConsumer, "consumer-association", ReplyNone, "civil-claim"},
	}
	for _, c := range cases {
		var pos *Position
		for _, p := range LadderFor(c.kind) {
			if p.Ladder.Key == c.route {
				pos = &p
			}
		}
		if pos == nil {
			t.Errorf("%s is not a rung of %s", c.kind, c.route)
			continue
		}
		next, ok := pos.After(c.outcome)
		if got := map[bool]string{true: next.Kind}[ok]; got != c.next {
			t.Errorf("%s/%s %s: next %q, want %q", c.route, c.kind, c.outcome, got, c.next)
		}
	}
}

// Dates through holidays: waiting periods in working days skip the 2026
// Spring Festival, Labour Day and National Day breaks and count the
// make-up Saturdays; periods in natural days run straight through them.
// The expected dates are counted by hand from cn-holidays.tsv.
func TestLadderDatesThroughHolidays(t *testing.T) {
	wait := []struct {
		kind, from, want string
	}{
		// 15 working days from Thu 24 Sep: 中秋 25–27, 国庆 1–7 Oct, Sat 10 Oct worked.
		{"deletion-demand", "2026-09-24", "2026-10-22"},
		// 7 working days from Thu 12 Feb: Sat 14 Feb worked, 春节 15–23, Sat 28 Feb worked.
		{"consumer-12315", "2026-02-12", "2026-02-28"},
		// 5 working days from Thu 30 Apr: 劳动节 1–5 May, Sat 9 May worked.
		{"telecom-12300", "2026-04-30", "2026-05-11"},
		// Natural days: straight through 国庆.
		{"telecom-operator", "2026-09-28", "2026-10-13"},
		{"credit-dispute", "2026-09-20", "2026-10-10"},
		{"police-reconsideration", "2026-09-30", "2026-10-30"},
		{"police-review", "2026-09-30", "2026-10-30"},
		{"credit-complaint", "2026-02-10", "2026-03-12"},
	}
	for _, c := range wait {
		got, est, ok := FollowUpDate(c.kind, StatusDoing, day(c.from))
		if !ok || est || got.Format("2006-01-02") != c.want {
			t.Errorf("%s from %s: %s (estimate %v, ok %v), want %s", c.kind, c.from, got.Format("2006-01-02"), est, ok, c.want)
		}
	}
	// The time limits to act are natural days (程序规定 Art. 179) and, as
	// periods of criminal procedure, end on the first working day after a
	// holiday they would end on (刑事诉讼法 Art. 105 para 4; the register's
	// rule.holiday-rollover). Weekends roll over too; a make-up working
	// day ends the period. Counted by hand from cn-holidays.tsv.
	act := []struct {
		kind, outcome, from, want string
		rolled                    bool
	}{
		{"police-report", ReplyRefused, "2026-09-30", "2026-10-08", true},           // 10-07 国庆 → Thu 10-08
		{"police-reconsideration", ReplyRefused, "2026-02-13", "2026-02-24", true},  // 02-20 春节 (15–23) → Tue 02-24
		{"police-report", ReplyRefused, "2025-12-25", "2026-01-04", true},           // 01-01 元旦 (1–3) → Sun 01-04, a make-up working day
		{"police-report", ReplyRefused, "2026-04-27", "2026-05-06", true},           // 05-04 劳动节 (1–5) → Wed 05-06
		{"police-reconsideration", ReplyRefused, "2026-06-12", "2026-06-22", true},  // 06-19 端午 (19–21) → Mon 06-22
		{"police-report", ReplyRefused, "2026-09-18", "2026-09-28", true},           // 09-25 中秋 (25–27) → Mon 09-28
		{"police-report", ReplyRefused, "2026-03-07", "2026-03-16", true},           // Sat 03-14 → Mon 03-16
		{"police-report", ReplyRefused, "2026-02-21", "2026-02-28", false},          // Sat 02-28 is a make-up working day
		{"police-reconsideration", ReplyRefused, "2026-09-13", "2026-09-20", false}, // Sun 09-20 is a make-up working day
		{"police-report", ReplyRefused, "2026-03-02", "2026-03-09", false},          // a Monday: no roll-over
		{"police-report", ReplyNone, "2026-09-30", "", false},                       // no answer: supervision, no time limit
	}
	for _, c := range act {
		pos := LadderFor(c.kind)[0]
		next, ok := pos.After(c.outcome)
		if !ok {
			t.Fatalf("%s %s: no next rung", c.kind, c.outcome)
		}
		if next.Act == nil {
			if c.want != "" {
				t.Errorf("%s %s: no time limit", c.kind, c.outcome)
			}
			continue
		}
		got, est := next.Act.From(day(c.from))
		if est || got.Format("2006-01-02") != c.want || next.Act.Rolled(day(c.from)) != c.rolled {
			t.Errorf("%s %s on %s: act by %s (rolled %v), want %s (rolled %v)", c.kind, c.outcome, c.from, got.Format("2006-01-02"),
				next.Act.Rolled(day(c.from)), c.want, c.rolled)
		}
	}
	// The police's 30 days to decide roll over the same way; the credit
	// objection's 20 days, under another law, do not.
	for _, c := range []struct{ kind, from, want string }{
		{"police-reconsideration", "2026-09-01", "2026-10-08"}, // 10-01 国庆 → 10-08
		{"police-review", "2026-01-04", "2026-02-03"},          // a Tuesday: as counted
		{"credit-dispute", "2026-09-11", "2026-10-01"},         // inside 国庆, not moved
	} {
		got, _, _ := FollowUpDate(c.kind, StatusDoing, day(c.from))
		if got.Format("2006-01-02") != c.want {
			t.Errorf("%s from %s: %s, want %s", c.kind, c.from, got.Format("2006-01-02"), c.want)
		}
	}
	// Past the known calendar a rolled date is an estimate.
	if next, _ := LadderFor("police-report")[0].After(ReplyRefused); true {
		if _, est := next.Act.From(day("2026-12-26")); !est {
			t.Error("a time limit ending in 2027 is not marked as an estimate")
		}
	}
	// Outside the known calendar the working-day date is an estimate.
	if _, est, _ := FollowUpDate("deletion-demand", StatusDoing, day("2031-12-20")); !est {
		t.Error("a date outside the holiday calendar is not marked as an estimate")
	}
}

// Every rung is a playbook step, and every text of the table is printable
// (facts.Expand panics on an unknown or UNVERIFIED fact).
func TestLadderTextsFromTheRegister(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range Ladders() {
		if seen[l.Key] {
			t.Errorf("ladder %s twice", l.Key)
		}
		seen[l.Key] = true
		for _, lang := range []string{"zh", "en"} {
			if l.TitleIn(lang) == "" {
				t.Errorf("%s: no title", l.Key)
			}
			for _, r := range l.Rungs {
				if _, ok := Lookup(r.Kind); !ok {
					t.Errorf("%s: rung %s is not a playbook step", l.Key, r.Kind)
				}
				if r.BasisIn(lang) == "" || strings.Contains(r.BasisIn(lang), "{") {
					t.Errorf("%s/%s: basis %q", l.Key, r.Kind, r.BasisIn(lang))
				}
				if r.Act != nil {
					if f := facts.MustGet(r.Act.Fact); !f.Printable() {
						t.Errorf("%s/%s: act fact %s not printable", l.Key, r.Kind, f.ID)
					}
					if r.ActText(lang) == "" {
						t.Errorf("%s/%s: no act text", l.Key, r.Kind)
					}
				}
			}
		}
	}
	for _, kind := range []string{"police-review", "procuratorate-supervision", "private-prosecution", "credit-complaint", "police-reconsideration"} {
		if !EscalationOnly(kind) {
			t.Errorf("%s: not escalation-only", kind)
		}
		for _, s := range Plan(Answers{Leaked: []string{"id-number"}, Happened: []string{"loan-in-name", "money-lost"}, SourceKind: "telecom", SourceOrg: "X"}) {
			if s.Kind == kind {
				t.Errorf("%s joins a plan from the answers alone", kind)
			}
		}
	}
}
