package incident

import (
	"testing"
	"time"

	"leakdesk/internal/incident/playbook"
)

// Issue 12: where each route stands (NextOf), from the steps and the
// replies in the history.
func TestNextOfRoutes(t *testing.T) {
	today := time.Date(2026, 10, 9, 0, 0, 0, 0, time.UTC)
	reply := func(seq int64, step int64, outcome, date string) Event {
		return Event{Seq: seq, Kind: EventStepReply, Subject: subject("step", step), Data: map[string]string{"outcome": outcome, "date": date}}
	}
	due := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	cases := []struct {
		name    string
		steps   []Step
		events  []Event
		route   string
		current string // "" = the route is not open
		next    string
		waiting bool
		date    string
		overdue bool
	}{
		{"deletion not yet sent", []Step{{ID: 1, Kind: "deletion-demand", Status: StepTodo}, {ID: 2, Kind: "regulator-complaint", Status: StepTodo}, {ID: 3, Kind: "civil-claim", Status: StepTodo}},
			nil, playbook.RouteCompany, "deletion-demand", "deletion-demand", false, "", false},
		{"deletion sent, waiting past its date", []Step{{ID: 1, Kind: "deletion-demand", Status: StepDoing, FollowUp: due("2026-10-08")}, {ID: 2, Kind: "regulator-complaint", Status: StepTodo}},
			nil, playbook.RouteCompany, "deletion-demand", "regulator-complaint", true, "2026-10-08", true},
		{"regulator did not answer although no deletion was sent", []Step{{ID: 1, Kind: "deletion-demand", Status: StepTodo}, {ID: 2, Kind: "regulator-complaint", Status: StepDone}, {ID: 3, Kind: "civil-claim", Status: StepTodo}},
			[]Event{reply(1, 2, playbook.ReplyNone, "2026-10-01")}, playbook.RouteCompany, "civil-claim", "civil-claim", false, "", false},
		{"deletion accepted ends the route", []Step{{ID: 1, Kind: "deletion-demand", Status: StepDone}, {ID: 2, Kind: "regulator-complaint", Status: StepTodo}},
			[]Event{reply(1, 1, playbook.ReplyAccepted, "2026-10-01")}, playbook.RouteCompany, "", "", false, "", false},
		{"police refusal: 复议 by its limit", []Step{{ID: 1, Kind: "police-report", Status: StepDone}, {ID: 2, Kind: "police-reconsideration", Status: StepTodo, FollowUp: due("2026-10-07")}},
			[]Event{reply(1, 1, playbook.ReplyRefused, "2026-09-30")}, playbook.RoutePolice, "police-reconsideration", "police-reconsideration", false, "2026-10-07", true},
		{"no decision on the report: the procuratorate, past 复议", []Step{{ID: 1, Kind: "police-report", Status: StepDone}, {ID: 2, Kind: "police-reconsideration", Status: StepTodo}, {ID: 3, Kind: "procuratorate-supervision", Status: StepTodo}},
			[]Event{reply(1, 1, playbook.ReplyNone, "2026-09-30")}, playbook.RoutePolice, "procuratorate-supervision", "procuratorate-supervision", false, "", false},
		{"no telecom route without the operator step", []Step{{ID: 1, Kind: "telecom-12300", Status: StepTodo}}, nil, playbook.RouteTelecom, "", "", false, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cf := &CaseFile{Steps: c.steps, Events: c.events}
			var got *RouteNext
			for _, r := range NextOf(cf, today, "zh") {
				if r.Route == c.route {
					got = &r
				}
			}
			if c.current == "" {
				if got != nil {
					t.Fatalf("route open: %+v", got)
				}
				return
			}
			if got == nil {
				t.Fatal("route not open")
			}
			if cur := got.Rungs[got.Current].Kind; cur != c.current || got.NextKind != c.next || got.Waiting != c.waiting || got.Overdue != c.overdue {
				t.Errorf("current %s next %s waiting %v overdue %v; want %s %s %v %v", cur, got.NextKind, got.Waiting, got.Overdue, c.current, c.next, c.waiting, c.overdue)
			}
			if d := dateString(got.Date); (c.date == "" && !got.Date.IsZero()) || (c.date != "" && d != c.date) {
				t.Errorf("date %s, want %q", d, c.date)
			}
		})
	}
}
