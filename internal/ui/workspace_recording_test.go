package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident/exhibit"
)

// findButton walks o for a button with this text.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestWorkspaceEvidenceRecordingAndSMS(t *testing.T) {
	f := newWsFixture(t, nil)
	amr := []byte("#!AMR\n")
	for range 250 {
		amr = append(amr, 0x3C)
		amr = append(amr, make([]byte, 31)...)
	}
	path := filepath.Join(t.TempDir(), "call.amr")
	if err := os.WriteFile(path, amr, 0o600); err != nil {
		t.Fatal(err)
	}
	ev := f.ws().evidence
	ev.addPaths([]string{path})
	f.u.settle()
	x := f.ws().cf.Exhibits[0]
	if got := ev.formatLabel(x); got != "Call recording (AMR) 0:05" {
		t.Errorf("label %q", got)
	}
	if findButton(ev.meta, "Open with the system player") == nil || findButton(ev.meta, "Add transcript…") == nil {
		t.Error("recording actions missing")
	}
	for _, o := range ev.meta.Objects {
		if l, ok := o.(*fyne.Container); ok {
			for _, c := range l.Objects {
				if lb, ok := c.(*widget.Label); ok && strings.Contains(lb.Text, "audio/") {
					t.Errorf("a MIME type is shown: %q", lb.Text)
				}
			}
		}
	}

	// The SMS chooser: untick all, tick one, import.
	b := exhibit.SMSBackup{Messages: []exhibit.SMS{
		{Number: "10690000123", At: wsNow, Text: "点击链接"},
		{Number: "13800138000", At: wsNow.Add(60e9), Sent: true, Text: "你是谁"},
	}}
	ev.chooseSMS(b)
	top := f.u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no chooser")
	}
	test.Tap(findButton(top, "Untick all shown"))
	test.Tap(findButton(top, "Tick all shown"))
	test.Tap(findButton(top, "Import chosen messages"))
	if n := len(f.ws().cf.Exhibits); n != 3 {
		t.Fatalf("%d exhibits after the SMS import", n)
	}
	if n := len(f.ws().cf.Communications); n != 2 {
		t.Errorf("%d contact-log entries", n)
	}
	if out := os.Getenv("LEAKDESK_SHOT"); out != "" {
		for i, it := range f.ws().tabs.Items {
			if it.Text == "Evidence" {
				f.ws().tabs.SelectIndex(i)
			}
		}
		ev.selected = x.ID
		ev.selectInList()
		ev.showSelected()
		f.u.settle()
		img := f.u.win.Canvas().Capture()
		fh, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(fh, img)
		fh.Close()
	}
}
