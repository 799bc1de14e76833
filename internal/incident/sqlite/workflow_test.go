package sqlite

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/caseformat"
	"leakdesk/internal/incident/playbook"
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

// MarkSubmitted is one transaction and one history entry: the step waits
// for a reply with its follow-up date and reference, and the entry names
// the packet export it submitted.
func TestMarkSubmitted(t *testing.T) {
	ctx := context.Background()
	_, svc := openTest(t, Options{})
	id, _, err := svc.StartCase(ctx, incident.Case{Title: "快递信息泄露"}, incident.Intake{Leaked: []string{"phone"},
		Happened: []string{"scam-contact"}, SourceKind: "courier", SourceOrg: "某快递", Insider: "unsure"})
	if err != nil {
		t.Fatal(err)
	}
	sha := "aa11223344556677889900aabbccddeeff00112233445566778899aabbccddee"
	if err := svc.RecordPacketExport(ctx, id, incident.PacketExport{Kind: "provider", SHA256: sha}); err != nil {
		t.Fatal(err)
	}
	plan, err := svc.Plan(ctx, id, "zh")
	if err != nil {
		t.Fatal(err)
	}
	var stepID int64
	for _, r := range plan {
		if r.Kind == "deletion-demand" {
			stepID = r.ID
		}
	}
	before, _ := svc.Events(ctx, id)
	st, err := svc.MarkSubmitted(ctx, stepID, "provider", "  SE-2025-77 ")
	if err != nil {
		t.Fatal(err)
	}
	// 2025-03-10 (a Monday, Beijing) + 15 working days.
	if st.Status != incident.StepDoing || st.Reference != "SE-2025-77" || st.FollowUp.Format("2006-01-02") != "2025-03-31" {
		t.Fatalf("step %+v", st)
	}
	after, _ := svc.Events(ctx, id)
	if len(after) != len(before)+1 {
		t.Fatalf("%d new events, want 1", len(after)-len(before))
	}
	e := after[len(after)-1]
	if e.Kind != incident.EventStepStatus || e.Data["packet_sha256"] != sha || e.Data["to"] != "doing" ||
		e.Data["fields"] != "reference" || e.Data["follow_up"] != "2025-03-31" {
		t.Fatalf("event %s %v", e.Kind, e.Data)
	}
	if _, err := svc.MarkSubmitted(ctx, 9999, "provider", ""); !incident.IsNotFound(err) {
		t.Errorf("unknown step: %v", err)
	}
}

// Importing a case file, as the window and `leakdesk case import` do: a
// new case whose history names only the file's base name; a missing file
// is a clear CodeInvalid.
func TestImportCaseFile(t *testing.T) {
	ctx := context.Background()
	_, svc := openTest(t, Options{})
	id, _, err := svc.StartCase(ctx, incident.Case{Title: "快递信息泄露", Victim: incident.Victim{Name: "王芳"}},
		incident.Intake{Leaked: []string{"phone"}, Happened: []string{"scam-contact"}, SourceKind: "courier", Insider: "unsure"})
	if err != nil {
		t.Fatal(err)
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := caseformat.Encode(&b, cf, func(i int) (io.ReadCloser, error) { return svc.OpenExhibit(ctx, cf.Exhibits[i].ID) }, true); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "王芳的案件.json")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, origin string }{{path, "case-file:王芳的案件.json"}, {"-", "case-file:stdin"}} {
		newID, err := caseformat.ImportFile(ctx, svc, tc.path, bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		got, err := svc.CaseFile(ctx, newID)
		if err != nil {
			t.Fatal(err)
		}
		last := got.Events[len(got.Events)-1]
		if newID == id || got.Case.Victim.Name != "王芳" || last.Kind != incident.EventCaseImported || last.Data["origin"] != tc.origin {
			t.Fatalf("imported case %d: %+v, last event %s %v", newID, got.Case.Victim, last.Kind, last.Data)
		}
	}
	if _, err := caseformat.ImportFile(ctx, svc, filepath.Join(t.TempDir(), "nope.json"), nil); incident.ErrorCode(err) != incident.CodeInvalid {
		t.Fatalf("missing file: %v", err)
	}
}

// The plan listing and the deadlines name a step as the case's plan does:
// the wording tailored to its answers (a courier's regulator is the postal
// administration; the police report is optional while nothing was used
// against the victim), in Plan (`leakdesk plan`), PlanOf (the plan tab) and
// Deadlines alike; a title the user wrote wins everywhere.
func TestPlanAndDeadlinesUseTailoredTitles(t *testing.T) {
	ctx := context.Background()
	_, svc := openTest(t, Options{})
	in := incident.Intake{Leaked: []string{"phone", "address"}, SourceKind: "courier", SourceOrg: "某快递", Insider: "unsure"}
	id, _, err := svc.StartCase(ctx, incident.Case{Title: "快递信息泄露"}, in)
	if err != nil {
		t.Fatal(err)
	}
	specs := map[string]playbook.StepSpec{}
	for _, sp := range playbook.Plan(in.Answers()) {
		specs[sp.Kind] = sp
	}
	generic, _ := playbook.Lookup("regulator-complaint")
	if specs["regulator-complaint"].Title.ZH == generic.Title.ZH || !specs["police-report"].Optional {
		t.Fatal("the scenario no longer tailors the titles this test is about")
	}
	plan, err := svc.Plan(ctx, id, "zh")
	if err != nil {
		t.Fatal(err)
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	byKind := map[string]incident.PlanRow{}
	for i, r := range plan {
		byKind[r.Kind] = r
		if of := svc.PlanOf(cf, "zh")[i]; of.ID != r.ID || of.Title != r.Title {
			t.Errorf("PlanOf row %d = %d %q, Plan %d %q", i, of.ID, of.Title, r.ID, r.Title)
		}
	}
	for _, kind := range []string{"regulator-complaint", "police-report"} {
		if got, want := byKind[kind].Title, specs[kind].Title.ZH; got != want {
			t.Errorf("plan %s: %q, want %q", kind, got, want)
		}
	}
	if !byKind["police-report"].Optional {
		t.Error("police report not marked optional")
	}
	// Follow-ups on both, and a title of the user's own on a third.
	due := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	for _, kind := range []string{"regulator-complaint", "police-report", "deletion-demand"} {
		st := byKind[kind].Step
		st.FollowUp = due
		if kind == "deletion-demand" {
			st.Title = "给快递公司寄删除通知"
		}
		if err := svc.SaveStep(ctx, &st); err != nil {
			t.Fatal(err)
		}
	}
	list, err := svc.Deadlines(ctx)
	if err != nil || len(list) != 3 {
		t.Fatalf("deadlines %d, %v", len(list), err)
	}
	for _, f := range list {
		want := specs[f.StepKind].Title.EN
		if f.StepKind == "deletion-demand" {
			want = "给快递公司寄删除通知"
		}
		if got := f.Title("en"); got != want {
			t.Errorf("deadline %s: %q, want %q", f.StepKind, got, want)
		}
	}
}
