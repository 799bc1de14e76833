package sqlite

import (
	"context"
	"testing"

	"leakdesk/internal/incident"
)

// Issue 15 item 2 through the service and the store: several suspects are
// kept in the (sealed) intake, answers that say nothing of suspects keep
// them, an explicit empty list removes them, and the others' names and
// addresses are edited alone.
func TestSeveralSuspectsKept(t *testing.T) {
	_, svc := openTest(t, Options{})
	ctx := context.Background()
	two := []incident.Suspect{{Kind: incident.SourceCourier, Name: "顺丰速运", Grounds: []string{"customer"}},
		{Kind: incident.SourceEcommerce, Name: "某店", Grounds: []string{"knew-details"}}, {Kind: incident.SourceUnknown}}
	id, _, err := svc.StartCase(ctx, incident.Case{Title: "两个怀疑对象"}, incident.Intake{Leaked: []string{"orders"}, Suspects: two})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := svc.Case(ctx, id)
	if l := c.SuspectList(); len(l) != 2 || c.SourceOrg != "顺丰速运" || c.SourceKind != incident.SourceCourier || c.Intake.Grounds[0] != "customer" {
		t.Fatalf("stored %+v / %+v", l, c)
	}
	// The single-source form (or an older client) names only the main one.
	if _, err := svc.RunIntake(ctx, id, incident.Intake{Leaked: []string{"orders"}, SourceKind: "courier", SourceOrg: "顺丰速运"}); err != nil {
		t.Fatal(err)
	}
	c, _ = svc.Case(ctx, id)
	if l := c.SuspectList(); len(l) != 2 || l[1].Name != "某店" {
		t.Fatalf("answers without suspects dropped the others: %+v", l)
	}
	if err := svc.UpdateSuspect(ctx, id, 2, "某某旗舰店", "杭州市余杭区某路8号"); err != nil {
		t.Fatal(err)
	}
	if err := svc.UpdateSuspect(ctx, id, 3, "x", ""); incident.ErrorCode(err) != incident.CodeNotFound {
		t.Errorf("a third suspect: %v", err)
	}
	c, _ = svc.Case(ctx, id)
	if l := c.SuspectList(); l[1].Name != "某某旗舰店" || l[1].Addr != "杭州市余杭区某路8号" || l[1].Grounds[0] != "knew-details" {
		t.Fatalf("after editing: %+v", l)
	}
	// Unticking every suspect in the answers removes them.
	if _, err := svc.RunIntake(ctx, id, incident.Intake{Leaked: []string{"orders"}, SourceKind: "unknown", Suspects: []incident.Suspect{}}); err != nil {
		t.Fatal(err)
	}
	c, _ = svc.Case(ctx, id)
	if l := c.SuspectList(); len(l) > 1 {
		t.Fatalf("explicitly no suspects kept %+v", l)
	}
	// Bad suspects are refused with their path.
	_, _, err = svc.StartCase(ctx, incident.Case{Title: "bad"}, incident.Intake{Suspects: []incident.Suspect{{Kind: "bakery"}}})
	var de *incident.Error
	if !asDomain(err, &de) || de.Field != "suspects[0].kind" {
		t.Errorf("bad kind: %v", err)
	}
}
