package demo_test

import (
	"bytes"
	"context"
	"image/png"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/demo"
	"leakdesk/internal/incident/sqlite"
)

func TestCreate(t *testing.T) {
	st, err := sqlite.Open(t.TempDir(), sqlite.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clock := incident.FixedClock{T: time.Date(2025, 11, 10, 2, 0, 0, 0, time.UTC)}
	svc := incident.NewService(st, clock)
	ctx := context.Background()
	id, err := demo.Create(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !incident.ValidIDNumber(cf.Case.Victim.IDNumber) || cf.Case.Victim.Name != demo.VictimName {
		t.Errorf("victim: %+v", cf.Case.Victim)
	}
	status := map[incident.StepStatus]int{}
	for _, s := range cf.Steps {
		status[s.Status]++
		if s.Status == incident.StepDoing && (s.Reference != demo.Reference || s.FollowUp.IsZero()) {
			t.Errorf("doing step: %+v", s)
		}
	}
	if status[incident.StepDone] != 1 || status[incident.StepDoing] != 1 || len(cf.Steps) < 6 {
		t.Errorf("steps by status: %v of %d", status, len(cf.Steps))
	}
	kinds := map[incident.ExhibitKind]bool{}
	for _, e := range cf.Exhibits {
		kinds[e.Kind] = true
	}
	if !kinds[incident.ExhibitSMS] || !kinds[incident.ExhibitCall] || !kinds[incident.ExhibitFile] {
		t.Errorf("exhibit kinds: %v", kinds)
	}
	if len(cf.Accounts) == 0 || len(cf.Communications) == 0 || len(cf.Leaked) == 0 {
		t.Errorf("demo lacks accounts, communications or leaked data")
	}
	if rep, err := svc.Verify(ctx, id); err != nil || !rep.OK() {
		t.Errorf("verify: %+v, %v", rep, err)
	}
	// A second demo is a second case, not a conflict.
	if _, err := demo.Create(ctx, svc); err != nil {
		t.Errorf("second demo: %v", err)
	}
}

func TestScreenshot(t *testing.T) {
	a, err := demo.Screenshot()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := demo.Screenshot()
	if !bytes.Equal(a, b) {
		t.Error("screenshot bytes differ between calls")
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil || img.Bounds().Dx() != 360 || len(a) > 20<<10 {
		t.Errorf("screenshot: %v, %v, %d bytes", img.Bounds(), err, len(a))
	}
}
