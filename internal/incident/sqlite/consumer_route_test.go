package sqlite

import (
	"testing"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

// Issue 18: the choice between the consumer association and 12315 retires
// the step not chosen (keeping what was written in it), brings it back
// when chosen again, survives answering the questions again, and is
// refused where the plan offers only one of them.
func TestChooseConsumerRoute(t *testing.T) {
	_, svc := openTest(t, Options{})
	ctx := t.Context()
	in := incident.Intake{Leaked: []string{"phone"}, SourceKind: "business", SourceOrg: "某商家"}
	id, _, err := svc.StartCase(ctx, incident.Case{Title: "商家"}, in)
	if err != nil {
		t.Fatal(err)
	}
	active := func() map[string]bool {
		cf, err := svc.CaseFile(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, st := range cf.Steps {
			if !st.Retired {
				m[st.Kind] = true
			}
		}
		return m
	}
	if a := active(); !a["consumer-12315"] || !a["consumer-association"] {
		t.Fatalf("not both at first: %v", a)
	}
	// A note in the association step is kept while it is retired.
	cf, _ := svc.CaseFile(ctx, id)
	for _, st := range cf.Steps {
		if st.Kind == "consumer-association" {
			st.Notes = "NOTE-KEPT"
			if err := svc.SaveStep(ctx, &st); err != nil {
				t.Fatal(err)
			}
		}
	}
	ch, err := svc.ChooseConsumerRoute(ctx, id, playbook.Consumer12315)
	if err != nil {
		t.Fatal(err)
	}
	if a := active(); !a["consumer-12315"] || a["consumer-association"] || len(ch.Retired) != 1 {
		t.Fatalf("after choosing 12315: %v, change %+v", a, ch)
	}
	// Answering the questions again keeps the choice.
	if _, err := svc.RunIntake(ctx, id, in); err != nil {
		t.Fatal(err)
	}
	if a := active(); a["consumer-association"] {
		t.Fatal("answering again lost the choice")
	}
	if _, err := svc.ChooseConsumerRoute(ctx, id, playbook.ConsumerAssociation); err != nil {
		t.Fatal(err)
	}
	if a := active(); a["consumer-12315"] || !a["consumer-association"] {
		t.Fatalf("after choosing the association: %v", a)
	}
	cf, _ = svc.CaseFile(ctx, id)
	for _, st := range cf.Steps {
		if st.Kind == "consumer-association" && st.Notes != "NOTE-KEPT" {
			t.Errorf("the association step lost its note: %q", st.Notes)
		}
	}
	if cf.Case.Intake.ConsumerRoute != playbook.ConsumerAssociation {
		t.Errorf("stored route %q", cf.Case.Intake.ConsumerRoute)
	}
	if _, err := svc.ChooseConsumerRoute(ctx, id, playbook.ConsumerBoth); err != nil {
		t.Fatal(err)
	}
	if a := active(); !a["consumer-12315"] || !a["consumer-association"] {
		t.Fatalf("after choosing both: %v", a)
	}
	_, err = svc.ChooseConsumerRoute(ctx, id, "court")
	wantCode(t, err, incident.CodeInvalid)
	// A bank: only the association fits, nothing to choose.
	bank, _, err := svc.StartCase(ctx, incident.Case{Title: "银行"}, incident.Intake{Leaked: []string{"phone"}, SourceKind: "bank"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.ChooseConsumerRoute(ctx, bank, playbook.Consumer12315)
	wantCode(t, err, incident.CodeInvalid)
}
