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
	// The time limits to act are natural days (程序规定 Art. 179): a notice
	// received on 30 Sep leaves until 7 Oct, inside the holiday. The rule
	// that moves a limit ending on a holiday is not in the register, so the
	// app keeps the earlier, safe date.
	act := []struct {
		kind, outcome, from, want string
	}{
		{"police-report", ReplyRefused, "2026-09-30", "2026-10-07"},
		{"police-reconsideration", ReplyRefused, "2026-02-13", "2026-02-20"},
	}
	for _, c := range act {
		pos := LadderFor(c.kind)[0]
		next, ok := pos.After(c.outcome)
		if !ok || next.Act == nil {
			t.Fatalf("%s %s: no time limit", c.kind, c.outcome)
		}
		got, est := next.Act.From(day(c.from))
		if est || got.Format("2006-01-02") != c.want {
			t.Errorf("%s %s on %s: act by %s, want %s", c.kind, c.outcome, c.from, got.Format("2006-01-02"), c.want)
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
