package sqlite

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

func stepOfKind(t *testing.T, steps []incident.Step, kind string) incident.Step {
	t.Helper()
	for _, st := range steps {
		if st.Kind == kind {
			return st
		}
	}
	t.Fatalf("no %s step", kind)
	return incident.Step{}
}

// Issue 12: a refusal recorded on the police report finishes it, links the
// notice, opens the 复议 rung with its 7-day limit and shows on `next`; the
// rung survives a re-run of the intake; bad replies are refused and lose
// nothing; in an encrypted store the reply's words are not in the file.
func TestRecordReplyOpensTheNextRung(t *testing.T) {
	s, svc := openTest(t, Options{})
	ctx := t.Context()
	in := incident.Intake{Leaked: []string{"phone", "id-number"}, Happened: []string{"scam-contact"}, SourceKind: "ecommerce", SourceOrg: "某网店"}
	id, _, err := svc.StartCase(ctx, incident.Case{Title: "reply"}, in)
	if err != nil {
		t.Fatal(err)
	}
	cf, _ := svc.CaseFile(ctx, id)
	police := stepOfKind(t, cf.Steps, "police-report")
	warn := stepOfKind(t, cf.Steps, "warn-family")
	if _, err := svc.SetStepStatus(ctx, police.ID, incident.StepDoing); err != nil {
		t.Fatal(err)
	}
	notice, err := svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: incident.ExhibitNote, Title: "不予立案通知书", RecordText: "NOTICE-TEXT-CANARY"})
	if err != nil {
		t.Fatal(err)
	}
	other, _, err := svc.StartCase(ctx, incident.Case{Title: "other"}, in)
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := svc.AddRecord(ctx, incident.Exhibit{CaseID: other, Kind: incident.ExhibitNote, Title: "x", RecordText: "y"})
	if err != nil {
		t.Fatal(err)
	}
	received := time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC) // testNow is 2025-03-10

	bad := []struct {
		name string
		step int64
		r    incident.Reply
	}{
		{"unknown outcome", police.ID, incident.Reply{Outcome: "maybe"}},
		{"future date", police.ID, incident.Reply{Outcome: playbook.ReplyRefused, On: testNow().AddDate(0, 0, 1)}},
		{"evidence of another case", police.ID, incident.Reply{Outcome: playbook.ReplyRefused, ExhibitID: foreign.ID}},
		{"step that waits on nobody", warn.ID, incident.Reply{Outcome: playbook.ReplyRefused}},
		{"reference too long", police.ID, incident.Reply{Outcome: playbook.ReplyRefused, Reference: strings.Repeat("号", 300)}},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			_, err := svc.RecordReply(ctx, b.step, b.r)
			wantCode(t, err, incident.CodeInvalid)
		})
	}
	if after, _ := svc.CaseFile(ctx, id); len(after.Steps) != len(cf.Steps) || len(incident.RepliesOf(after.Events)) != 0 {
		t.Fatal("a refused reply changed the case")
	}

	res, err := svc.RecordReply(ctx, police.ID, incident.Reply{Outcome: playbook.ReplyRefused, On: received, Reference: "杭公不立字REF-CANARY", ExhibitID: notice.ID})
	if err != nil {
		t.Fatal(err)
	}
	if res.Step.Status != incident.StepDone || res.Step.Reference != "" {
		t.Errorf("police step after the reply: %+v", res.Step)
	}
	if res.Next == nil || res.Next.Kind != "police-reconsideration" || res.Next.FollowUp.Format("2006-01-02") != "2025-03-17" {
		t.Fatalf("next rung %+v, want 复议 due 2025-03-17 (8 March + 7 days is Saturday the 15th: 刑事诉讼法 Art. 105 rolls it to Monday)", res.Next)
	}
	if res.Next.Position != police.Position+1 {
		t.Errorf("复议 at position %d, want %d, right after the police report", res.Next.Position, police.Position+1)
	}
	cf, _ = svc.CaseFile(ctx, id)
	seen := map[int]bool{}
	for _, st := range cf.Steps {
		if seen[st.Position] {
			t.Errorf("two steps at position %d", st.Position)
		}
		seen[st.Position] = true
	}
	rs := incident.RepliesOf(cf.Events)[police.ID]
	if len(rs) != 1 || rs[0].Outcome != playbook.ReplyRefused || rs[0].ExhibitID != notice.ID || !rs[0].On.Equal(received) || rs[0].NextKind != "police-reconsideration" {
		t.Errorf("replies in the history: %+v", rs)
	}
	for _, e := range cf.Exhibits {
		if e.ID == notice.ID && (len(e.StepIDs) != 1 || e.StepIDs[0] != police.ID) {
			t.Errorf("notice linked to %v", e.StepIDs)
		}
	}
	routes := svc.NextOf(cf, "zh")
	r, ok := incident.NextFor(routes, res.Next.ID)
	if !ok || r.Route != playbook.RoutePolice || r.NextKind != "police-reconsideration" || !r.Deadline || r.Date.Format("2006-01-02") != "2025-03-17" || r.Limit == "" {
		t.Errorf("police route on next: %+v (ok %v)", r, ok)
	}
	// The answers never suggest 复议: re-running the intake keeps it.
	if _, err := svc.RunIntake(ctx, id, in); err != nil {
		t.Fatal(err)
	}
	cf, _ = svc.CaseFile(ctx, id)
	if st := stepOfKind(t, cf.Steps, "police-reconsideration"); st.Retired {
		t.Error("re-running the intake retired the 复议 step")
	}

	// No answer to the deletion demand by its date: the regulator rung.
	del := stepOfKind(t, cf.Steps, "deletion-demand")
	if _, err := svc.SetStepStatus(ctx, del.ID, incident.StepDoing); err != nil {
		t.Fatal(err)
	}
	// Its date passed: the Deadlines view offers the next rung.
	cf, _ = svc.CaseFile(ctx, id)
	del = stepOfKind(t, cf.Steps, "deletion-demand")
	del.FollowUp = time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
	if err := svc.SaveStep(ctx, &del); err != nil {
		t.Fatal(err)
	}
	dl, err := svc.Deadlines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	offered := false
	for _, f := range dl {
		if f.StepID == del.ID {
			offered = f.Overdue && f.NextKind == "regulator-complaint"
		}
	}
	if !offered {
		t.Errorf("the overdue deletion demand does not offer the regulator complaint: %+v", dl)
	}
	res, err = svc.RecordReply(ctx, del.ID, incident.Reply{Outcome: playbook.ReplyNone})
	if err != nil {
		t.Fatal(err)
	}
	if res.Next == nil || res.Next.Kind != "regulator-complaint" || !res.Next.FollowUp.IsZero() {
		t.Errorf("after no answer: %+v (PIPL Art. 65 sets no period, so no date)", res.Next)
	}
	if got := res.Reply.On.Format("2006-01-02"); got != "2025-03-10" {
		t.Errorf("a reply without a date is dated %s, want today", got)
	}
	// An acceptance ends the route.
	cf, _ = svc.CaseFile(ctx, id)
	reg := stepOfKind(t, cf.Steps, "regulator-complaint")
	if res, err = svc.RecordReply(ctx, reg.ID, incident.Reply{Outcome: playbook.ReplyAccepted, Reference: "T-1"}); err != nil || res.Next != nil {
		t.Fatalf("accepted: next %+v, %v", res.Next, err)
	}
	if res.Step.Reference != "T-1" {
		t.Errorf("an acceptance's number is not on the step: %q", res.Step.Reference)
	}
	cf, _ = svc.CaseFile(ctx, id)
	for _, r := range svc.NextOf(cf, "en") {
		if r.Route == playbook.RouteCompany {
			t.Errorf("company route still open after an acceptance: %+v", r)
		}
	}

	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(dbPath(s))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"REF-CANARY", "NOTICE-TEXT-CANARY", "police-reconsideration", `"outcome"`} {
		if bytes.Contains(raw, []byte(w)) {
			t.Errorf("%s in clear in an encrypted store", w)
		}
	}
}

// Replies and the expense log live in the history; a case imported from a
// case file starts a new one, so both must come along under the new IDs.
func TestRepliesAndExpensesSurviveImport(t *testing.T) {
	_, svc := openTest(t, Options{})
	ctx := t.Context()
	id, _, err := svc.StartCase(ctx, incident.Case{Title: "carry"}, incident.Intake{Leaked: []string{"phone"}, Happened: []string{"scam-contact"}, SourceKind: "ecommerce", SourceOrg: "某网店"})
	if err != nil {
		t.Fatal(err)
	}
	notice, _ := svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: incident.ExhibitNote, Title: "通知书", RecordText: "不予立案"})
	cf, _ := svc.CaseFile(ctx, id)
	police := stepOfKind(t, cf.Steps, "police-report")
	if _, err := svc.RecordReply(ctx, police.ID, incident.Reply{Outcome: playbook.ReplyRefused, Reference: "R-1", ExhibitID: notice.ID, On: time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddExpense(ctx, id, incident.Expense{Category: incident.ExpensePostage, AmountFen: 2200, ExhibitID: notice.ID, Note: "EMS"}); err != nil {
		t.Fatal(err)
	}
	gone, _ := svc.AddExpense(ctx, id, incident.Expense{Category: incident.ExpenseOther, AmountFen: 1})
	if err := svc.RemoveExpense(ctx, id, gone.Entry); err != nil {
		t.Fatal(err)
	}
	cf, _ = svc.CaseFile(ctx, id)
	id2 := reimport(t, ctx, svc, cf)
	got, _ := svc.CaseFile(ctx, id2)
	police2 := stepOfKind(t, got.Steps, "police-report")
	recon2 := stepOfKind(t, got.Steps, "police-reconsideration")
	rs := incident.RepliesOf(got.Events)[police2.ID]
	if len(rs) != 1 || rs[0].Reference != "R-1" || rs[0].ExhibitID != got.Exhibits[0].ID || rs[0].ExhibitID == notice.ID && id2 != id {
		t.Errorf("imported replies %+v (exhibit %d)", rs, got.Exhibits[0].ID)
	}
	if r, ok := incident.NextFor(svc.NextOf(got, "zh"), recon2.ID); !ok || r.NextKind != "police-reconsideration" {
		t.Errorf("imported case's police route: %+v", r)
	}
	ex := incident.ExpensesOf(got.Events)
	if len(ex) != 1 || ex[0].AmountFen != 2200 || ex[0].ExhibitID != got.Exhibits[0].ID {
		t.Errorf("imported expenses %+v", ex)
	}
}

// reimport imports cf, a case of svc's store, as a new case of the same
// store with its evidence's bytes, as `case export` and `case import` do,
// and returns the new case's ID.
func reimport(t *testing.T, ctx context.Context, svc *incident.Service, cf *incident.CaseFile) int64 {
	t.Helper()
	content := func(i int) (io.ReadCloser, error) {
		var b bytes.Buffer
		_, err := svc.WriteExhibitContent(ctx, cf.Exhibits[i].ID, &b)
		return io.NopCloser(&b), err
	}
	id, err := svc.ImportCase(ctx, cf, content, "case-file:test.json")
	if err != nil {
		t.Fatal(err)
	}
	return id
}
