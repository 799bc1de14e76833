package sqlite

import (
	"context"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// A follow-up set by the playbook comes back from the store as a calendar
// date; saving the step unchanged must not look like a new date.
func TestSaveStepKeepsPlaybookFollowUp(t *testing.T) {
	ctx := context.Background()
	_, svc := openTest(t, Options{})
	id, err := svc.CreateCase(ctx, incident.Case{Title: "快递信息泄露", SourceKind: incident.SourceCourier})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.RunIntake(ctx, id, incident.Intake{Leaked: []string{"phone", "address"}, Happened: []string{"scam-contact"},
		SourceKind: "courier", SourceOrg: "某快递", Insider: "unsure"}); err != nil {
		t.Fatal(err)
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var stepID int64
	for _, st := range cf.Steps {
		if st.Kind == "deletion-demand" {
			stepID = st.ID
		}
	}
	if stepID == 0 {
		t.Fatal("no deletion-demand step in the plan")
	}
	st, err := svc.SetStepStatus(ctx, stepID, incident.StepDoing)
	if err != nil {
		t.Fatal(err)
	}
	// 2025-03-10 + 15 working days.
	if got := st.FollowUp.Format("2006-01-02"); got != "2025-03-31" {
		t.Fatalf("follow-up %s, want 2025-03-31", got)
	}
	cf, _ = svc.CaseFile(ctx, id)
	for _, s := range cf.Steps {
		if s.ID == stepID {
			s.Notes = "已挂号寄出"
			if err := svc.SaveStep(ctx, &s); err != nil {
				t.Fatal(err)
			}
		}
	}
	ev, err := svc.Events(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	last := ev[len(ev)-1]
	if last.Kind != "step.updated" || last.Data["fields"] != "notes" {
		t.Fatalf("last event %s %v, want step.updated of notes only", last.Kind, last.Data)
	}
	if _, ok := last.Data["follow_up"]; ok {
		t.Fatalf("an unchanged follow-up was recorded as changed: %v", last.Data)
	}
}

// Purging reads only the deleted cases and removes those deleted before
// the cutoff; live and restored cases stay.
func TestPurgeDeleted(t *testing.T) {
	ctx := context.Background()
	s, svc := openTest(t, Options{})
	var ids []int64
	for _, title := range []string{"留下", "删除", "恢复"} {
		id, err := svc.CreateCase(ctx, incident.Case{Title: title})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for _, id := range ids[1:] {
		if err := svc.DeleteCase(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.UndoDeleteCase(ctx, ids[2]); err != nil {
		t.Fatal(err)
	}
	err := s.View(ctx, func(tx incident.Tx) error {
		gone, err := tx.ListCases(incident.CaseQuery{DeletedOnly: true})
		if err == nil && (len(gone) != 1 || gone[0].ID != ids[1]) {
			t.Errorf("deleted-only list %+v, want case %d alone", gone, ids[1])
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := svc.PurgeDeleted(ctx, testNow().Add(-time.Hour)); err != nil || n != 0 {
		t.Fatalf("purge before the deletion's time removed %d (%v)", n, err)
	}
	if n, err := svc.PurgeDeleted(ctx, testNow()); err != nil || n != 1 {
		t.Fatalf("purge removed %d (%v), want 1", n, err)
	}
	list, err := svc.Cases(ctx, incident.CaseFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("cases after purge: %+v %v", list, err)
	}
	if _, err := svc.Case(ctx, ids[1]); !incident.IsNotFound(err) {
		t.Fatalf("purged case still there: %v", err)
	}
}
