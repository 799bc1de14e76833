package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/report"
)

// setLocal sets the machine's zone for one test, as TZ would.
func setLocal(t *testing.T, name string) {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = old })
}

// The deadlines list counts days in the case's zone (issue 11 §3): between
// 00:00 and 08:00 Beijing time an item due yesterday reads "Overdue by 1
// day", never "In -1 days", and west of UTC an item is not overdue on its
// due day.
func TestDeadlineRowCountsBeijingDays(t *testing.T) {
	test.NewTempApp(t)
	setupTranslations("en")
	cst := incident.Location()
	clk := incident.NewManualClock(time.Date(2026, 3, 1, 10, 0, 0, 0, cst).UTC())
	st, err := sqlite.Open(t.TempDir(), sqlite.Options{NoAutoBackup: true, Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := incident.NewService(st, clk)
	ctx := context.Background()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "Courier leak", SourceKind: incident.SourceCourier})
	if err != nil {
		t.Fatal(err)
	}
	step := incident.Step{CaseID: id, Title: "Call the courier", Status: incident.StepDoing,
		FollowUp: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)}
	if err := svc.SaveStep(ctx, &step); err != nil {
		t.Fatal(err)
	}
	u := &appUI{deps: Deps{Service: svc}, ctx: ctx, code: "en", tasks: newQueuedTasks()}
	for _, machine := range []string{"America/Los_Angeles", "Asia/Shanghai"} {
		for _, tc := range []struct{ beijing, want string }{
			{"2026-03-09 00:30", "Tomorrow"},
			{"2026-03-09 23:30", "Tomorrow"},
			{"2026-03-10 00:30", "Due today"},
			{"2026-03-10 07:59", "Due today"},
			{"2026-03-10 08:00", "Due today"},
			{"2026-03-10 23:30", "Due today"},
			{"2026-03-11 00:30", "Overdue by 1 day"},
			{"2026-03-11 07:59", "Overdue by 1 day"},
			{"2026-03-11 08:00", "Overdue by 1 day"},
			{"2026-03-11 23:30", "Overdue by 1 day"},
			{"2026-03-12 00:30", "Overdue by 2 days"},
		} {
			t.Run(machine+"/"+tc.beijing, func(t *testing.T) {
				setLocal(t, machine)
				at, err := time.ParseInLocation(isoMinute, tc.beijing, cst)
				if err != nil {
					t.Fatal(err)
				}
				clk.Set(at.UTC())
				list, err := svc.Deadlines(ctx)
				if err != nil || len(list) != 1 {
					t.Fatalf("Deadlines = %v, %v", list, err)
				}
				r := newDeadlineRow()
				r.set(u, list[0])
				if r.when.Text != tc.want {
					t.Errorf("row reads %q, want %q", r.when.Text, tc.want)
				}
				if got := r.due.Text; got != "10 Mar 2026" {
					t.Errorf("due date reads %q", got)
				}
			})
		}
	}
}

// A time typed on a computer set to Los Angeles time is shown and printed as
// typed (issue 15 item 4: 14:02 became 22:02 and 11-25 became 11-26). The
// record form, the exhibit editor and the contacts log read and show times
// through u.zone(). (Driving the record form by taps trips a race between
// the test driver's inline fyne.Do and the preview job; issue 11 §4.)
func TestTypedTimeShownAndPrintedAsEntered(t *testing.T) {
	setLocal(t, "America/Los_Angeles")
	f := newWsFixture(t, nil)
	if got := f.u.zone().String(); got != incident.DefaultZone {
		t.Fatalf("zone %s, want %s", got, incident.DefaultZone)
	}
	// The form offers now in the case's zone: 09:30 UTC is 17:30 in Beijing.
	if got := wsNow.In(f.u.zone()).Format(isoMinute); got != "2025-03-10 17:30" {
		t.Errorf("form offers %s", got)
	}
	at, err := time.ParseInLocation(isoMinute, "2026-11-25 14:02", f.u.zone())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := f.svc.AddRecord(ctx, incident.Exhibit{CaseID: f.caseID, Kind: incident.ExhibitCall, CapturedAt: at.UTC(),
		RecordNumber: "95000000", RecordText: "自称快递客服，说出了我的订单号。"}); err != nil {
		t.Fatal(err)
	}
	cf, err := f.svc.CaseFile(ctx, f.caseID)
	if err != nil || len(cf.Exhibits) != 1 {
		t.Fatalf("exhibits %v, %v", cf, err)
	}
	x := cf.Exhibits[0]
	if got := f.u.formatDateTime(x.CapturedAt); got != "25 Nov 2026 14:02" {
		t.Errorf("shown as %q, want 25 Nov 2026 14:02", got)
	}
	p, err := report.Build(cf, "police", report.Options{Zone: f.svc.Location()}, wsNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Exhibits) != 1 || p.Exhibits[0].Captured != "2026年11月25日 14:02" {
		t.Errorf("printed as %+v, want 2026年11月25日 14:02", p.Exhibits)
	}
}

// The timeline names every event kind the service records in both languages,
// never as its raw key (bundle.exported, case.exported, police.non-filing).
func TestTimelineLabelsEveryEventKind(t *testing.T) {
	f := newWsFixture(t, nil)
	tl := f.ws().timeline
	for _, code := range []string{"en", "zh"} {
		f.u.code = code
		for _, k := range incident.EventKinds() {
			got := tl.describe(incident.Event{Kind: k.Kind, Subject: "case:1", Data: map[string]string{}})
			if got == "" || got == k.Kind || strings.Contains(got, k.Kind) {
				t.Errorf("%s: %s reads %q", code, k.Kind, got)
			}
		}
	}
}

// A transcript saved or removed reads as a sentence with its exhibit and
// passages, like the other evidence events (issue 16), not as the bare
// label "Recording transcript".
func TestTimelineTranscriptSentence(t *testing.T) {
	f := newWsFixture(t, nil)
	tl := f.ws().timeline
	tests := []struct {
		code string
		data map[string]string
		want string
	}{
		{"zh", map[string]string{"number": "3", "lines": "12", "confirmed": "false"}, "保存证据3的文字整理稿：12 段"},
		{"zh", map[string]string{"number": "3", "lines": "12", "confirmed": "true"}, "保存证据3的文字整理稿：12 段，已确认由本人根据录音整理"},
		{"zh", map[string]string{"number": "3", "removed": "true"}, "删除证据3的文字整理稿"},
		{"en", map[string]string{"number": "3", "lines": "2", "confirmed": "false"}, "Transcript of evidence 3 saved: 2 passages"},
		{"en", map[string]string{"number": "4", "removed": "true"}, "Transcript of evidence 4 removed"},
	}
	t.Cleanup(func() { setupTranslations("en") })
	for _, tt := range tests {
		f.u.code = tt.code
		setupTranslations(tt.code)
		if got := tl.describe(incident.Event{Kind: incident.EventExhibitTranscript, Subject: "exhibit:1", Data: tt.data}); got != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.code, tt.data, got, tt.want)
		}
	}
}

// isoMinute is how these tests write a Beijing time; the window reads it too.
const isoMinute = "2006-01-02 15:04"
