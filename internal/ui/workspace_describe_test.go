package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// Issue 15 item 8: adding files asks what each shows and when it was made;
// the time comes from the file and says so, a changed time is the user's,
// an untouched one stays marked; the detail pane can confirm it.
func TestWorkspaceDescribeAddedFiles(t *testing.T) {
	f := newWsFixture(t, nil)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "sms1.png"), filepath.Join(dir, "order.png")
	writePNG(t, a, 20, 10)
	writePNG(t, b, 10, 20)
	mtime := time.Date(2026, 11, 25, 6, 2, 0, 0, time.UTC) // 14:02 in Shanghai
	for _, p := range []string{a, b} {
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	ev := f.ws().evidence
	ev.addPaths([]string{a, b})
	f.u.settle()

	d := f.u.win.Canvas().Overlays().Top()
	if d == nil || !hasLabel(d, "sms1.png") || !hasLabel(d, "order.png") {
		t.Fatal("no dialog asks about the files just added")
	}
	var times, proves []*imeEntry
	walk(d, func(o fyne.CanvasObject) bool {
		if e, ok := o.(*imeEntry); ok {
			switch {
			case e.Validator != nil:
				times = append(times, e)
			case e.PlaceHolder != "":
				proves = append(proves, e)
			}
		}
		return true
	})
	if len(times) != 2 || len(proves) != 2 {
		t.Fatalf("dialog has %d time and %d proves fields", len(times), len(proves))
	}
	// Shown in the one date format (issue 15 item 9); ISO is accepted back.
	if times[0].Text != "25 Nov 2026 14:02" {
		t.Errorf("default time %q, want the file's time in the case's zone", times[0].Text)
	}
	test.Type(proves[0], "对方知道我的订单号")
	times[1].SetText("2026-11-24 20:31")
	test.Tap(find(d, func(b *widget.Button) bool { return b.Text == "Save" }))
	if f.u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the dialog stays open after saving")
	}
	cf := f.ws().cf
	if len(cf.Exhibits) != 2 {
		t.Fatalf("%d exhibits", len(cf.Exhibits))
	}
	first, second := cf.Exhibits[0], cf.Exhibits[1]
	if first.Proves != "对方知道我的订单号" || first.CapturedFrom != incident.CapturedFileTime || !first.CapturedAt.Equal(mtime) {
		t.Errorf("first exhibit %q %v from %q", first.Proves, first.CapturedAt, first.CapturedFrom)
	}
	if second.CapturedFrom != incident.CapturedEntered || !second.CapturedAt.Equal(time.Date(2026, 11, 24, 12, 31, 0, 0, time.UTC)) {
		t.Errorf("second exhibit %v from %q, want the typed time", second.CapturedAt, second.CapturedFrom)
	}

	// The detail pane of the first says where its time came from and
	// confirms it with one tap.
	ev.selected = first.ID
	ev.selectInList()
	ev.list.Unselect(0)
	ev.list.Select(0)
	confirm := find(ev.meta, func(b *widget.Button) bool { return b.Text == "The time is right" })
	if confirm == nil {
		t.Fatal("no way to confirm a default time")
	}
	test.Tap(confirm)
	if x, _ := f.svc.Exhibit(f.u.ctx, first.ID); x.CapturedFrom != incident.CapturedEntered {
		t.Errorf("confirmed time still marked %q", x.CapturedFrom)
	}
}
