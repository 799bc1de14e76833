package sqlite

import (
	"context"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// One "today" (issue 11 §3): a follow-up due on 10 March is due all of 10
// March Beijing time and overdue from 00:00 on 11 March, whatever the
// machine's zone; the service's deadlines, case list and plan agree, and the
// day count the UI shows is taken from the same date.
func TestOneTodayInTheCaseZone(t *testing.T) {
	ctx := context.Background()
	cst := incident.Location()
	clk := incident.NewManualClock(time.Date(2026, 3, 1, 10, 0, 0, 0, cst))
	_, svc := openTest(t, Options{Clock: clk, NoAutoBackup: true})
	id, err := svc.CreateCase(ctx, incident.Case{Title: "快递信息泄露", SourceKind: incident.SourceCourier})
	if err != nil {
		t.Fatal(err)
	}
	st := incident.Step{CaseID: id, Title: "打电话问进展", Status: incident.StepDoing,
		FollowUp: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)}
	if err := svc.SaveStep(ctx, &st); err != nil {
		t.Fatal(err)
	}
	for _, machine := range []string{"America/Los_Angeles", "Asia/Shanghai", "UTC"} {
		for _, tc := range []struct {
			beijing string
			days    int // until the due date
		}{
			{"2026-03-09 23:30", 1},
			{"2026-03-10 00:30", 0},
			{"2026-03-10 07:59", 0},
			{"2026-03-10 08:00", 0},
			{"2026-03-10 23:30", 0},
			{"2026-03-11 00:30", -1},
			{"2026-03-11 07:59", -1},
			{"2026-03-11 08:00", -1},
			{"2026-03-11 23:30", -1},
			{"2026-03-12 00:30", -2},
		} {
			t.Run(machine+"/"+tc.beijing, func(t *testing.T) {
				withLocal(t, machine)
				at, err := time.ParseInLocation("2006-01-02 15:04", tc.beijing, cst)
				if err != nil {
					t.Fatal(err)
				}
				// The store's clock is UTC, as SystemClock's is.
				clk.Set(at.UTC())
				overdue := tc.days < 0
				if got := svc.DaysUntil(st.FollowUp); got != tc.days {
					t.Errorf("DaysUntil = %d, want %d", got, tc.days)
				}
				if got := svc.Today().Format("2006-01-02"); got != tc.beijing[:10] {
					t.Errorf("Today = %s, want %s", got, tc.beijing[:10])
				}
				dl, err := svc.Deadlines(ctx)
				if err != nil || len(dl) != 1 {
					t.Fatalf("Deadlines = %v, %v", dl, err)
				}
				if dl[0].Overdue != overdue {
					t.Errorf("Deadlines overdue = %v, want %v", dl[0].Overdue, overdue)
				}
				cs, err := svc.Cases(ctx, incident.CaseFilter{OverdueOnly: true})
				if err != nil {
					t.Fatal(err)
				}
				if (len(cs) == 1) != overdue {
					t.Errorf("Cases(OverdueOnly) = %d cases, want overdue %v", len(cs), overdue)
				}
				plan, err := svc.Plan(ctx, id, "zh")
				if err != nil || len(plan) != 1 {
					t.Fatalf("Plan = %v, %v", plan, err)
				}
				if plan[0].Overdue != overdue || plan[0].Title != "打电话问进展" {
					t.Errorf("Plan row %q overdue = %v, want %v", plan[0].Title, plan[0].Overdue, overdue)
				}
			})
		}
	}

	// The user may count in another zone: at 00:30 on 11 March Beijing time
	// it is still 10 March in Berlin, so the item is due, not overdue.
	clk.Set(time.Date(2026, 3, 11, 0, 30, 0, 0, cst))
	if err := svc.SetZone(ctx, "Europe/Berlin"); err != nil {
		t.Fatal(err)
	}
	if got := svc.DaysUntil(st.FollowUp); got != 0 {
		t.Errorf("in Berlin DaysUntil = %d, want 0", got)
	}
	if err := svc.SetZone(ctx, "Mars/Olympus"); incident.ErrorCode(err) != incident.CodeInvalid {
		t.Errorf("SetZone(unknown) = %v, want CodeInvalid", err)
	}
	if err := svc.SetZone(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if got := svc.DaysUntil(st.FollowUp); got != -1 {
		t.Errorf("back in Beijing DaysUntil = %d, want -1", got)
	}
}

// A follow-up period starts from the Beijing date: at 00:30 on Tuesday
// 10 March Beijing time (still Monday in UTC and in Los Angeles), 15 working
// days run from the Tuesday.
func TestFollowUpCountsFromTheCaseDate(t *testing.T) {
	withLocal(t, "America/Los_Angeles")
	ctx := context.Background()
	clk := incident.NewManualClock(time.Date(2026, 3, 10, 0, 30, 0, 0, incident.Location()).UTC())
	_, svc := openTest(t, Options{Clock: clk, NoAutoBackup: true})
	id, err := svc.CreateCase(ctx, incident.Case{Title: "快递信息泄露", SourceKind: incident.SourceCourier})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.RunIntake(ctx, id, incident.Intake{Leaked: []string{"phone"}, Happened: []string{"scam-contact"},
		SourceKind: "courier", Insider: "unsure"}); err != nil {
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
	st, err := svc.SetStepStatus(ctx, stepID, incident.StepDoing)
	if err != nil {
		t.Fatal(err)
	}
	// Tuesday 10 March 2026 + 15 working days = Tuesday 31 March.
	if got := st.FollowUp.Format("2006-01-02"); got != "2026-03-31" {
		t.Fatalf("follow-up %s, want 2026-03-31", got)
	}
}

// withLocal sets the machine's zone for one test, as TZ would.
func withLocal(t *testing.T, name string) {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = old })
}
