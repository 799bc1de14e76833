package sqlite

import (
	"context"
	"testing"

	"leakdesk/internal/incident"
)

// StartCase makes the case and its plan in one transaction; a bad intake
// is refused before anything is written, so no case is ever left without a
// plan.
func TestStartCase(t *testing.T) {
	ctx := context.Background()
	_, svc := openTest(t, Options{})
	in := incident.Intake{Leaked: []string{"phone", "address"}, Happened: []string{"scam-contact"},
		SourceKind: "courier", SourceOrg: "某快递", Insider: "unsure"}
	id, ch, err := svc.StartCase(ctx, incident.Case{Title: "快递信息泄露"}, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Added) == 0 {
		t.Fatal("no steps added")
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(cf.Steps) != len(ch.Added) || cf.Case.SourceKind != incident.SourceCourier || cf.Case.SourceOrg != "某快递" {
		t.Fatalf("case %+v with %d steps, want %d and the intake's source", cf.Case, len(cf.Steps), len(ch.Added))
	}
	if len(cf.Events) != 2 || cf.Events[0].Kind != incident.EventCaseCreated || cf.Events[1].Kind != incident.EventPlanGenerated {
		t.Fatalf("events %v", cf.Events)
	}
	if p := incident.CheckChain(id, cf.Events); p != nil {
		t.Fatalf("chain: %+v", p)
	}

	for name, tc := range map[string]struct {
		c  incident.Case
		in incident.Intake
	}{
		"unknown answer": {incident.Case{Title: "x"}, incident.Intake{Leaked: []string{"no-such-thing"}}},
		"no title":       {incident.Case{}, in},
	} {
		if _, _, err := svc.StartCase(ctx, tc.c, tc.in); incident.ErrorCode(err) != incident.CodeInvalid {
			t.Errorf("%s: err %v, want CodeInvalid", name, err)
		}
	}
	list, err := svc.Cases(ctx, incident.CaseFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("cases after refused starts: %d, %v", len(list), err)
	}
}
