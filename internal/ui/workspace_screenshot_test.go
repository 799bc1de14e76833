//go:build screenshot

package ui

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
)

// TestMain, in screenshot builds only, shows the workspace of a sample case
// in a real window (the GL driver needs the main goroutine) when
// LEAKDESK_SHOT names a tab: go test -c -tags screenshot, then run the
// binary under Xvfb (docs/architecture.md, "Tools") with LEAKDESK_SHOT=plan and
// LEAKDESK_LANG=zh or en.
func TestMain(m *testing.M) {
	tab := os.Getenv("LEAKDESK_SHOT")
	if tab == "" {
		pinZone()
		os.Exit(m.Run())
	}
	show := showSample
	if lockShot(tab) {
		show = showLockSample
	}
	if err := show(tab, os.Getenv("LEAKDESK_LANG")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func showSample(tab, code string) error {
	dir, err := os.MkdirTemp("", "leakdesk-shot-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	now := time.Now().UTC().Truncate(time.Second)
	clock := incident.FixedClock{T: now}
	st, err := sqlite.Open(dir, sqlite.Options{Clock: clock, NoAutoBackup: true})
	if err != nil {
		return err
	}
	defer st.Close()
	svc := incident.NewService(st, clock)
	ctx := context.Background()
	zh := code != "en"
	title, name, org, notes := "Courier leak", "Wang Fang", "Speedy Express", "Sent by registered post; the clerk signed for it."
	if zh {
		title, name, org, notes = "快递信息泄露", "王芳", "速达快递", "已挂号寄出，前台签收。"
	}
	id, err := svc.CreateCase(ctx, incident.Case{Title: title, Victim: incident.Victim{Name: name}, SourceOrg: org, SourceKind: incident.SourceCourier,
		DiscoveredAt: now.AddDate(0, 0, -12)})
	if err != nil {
		return err
	}
	if _, err := svc.RunIntake(ctx, id, incident.Intake{Leaked: []string{"name", "phone", "address", "orders"},
		Happened: []string{"scam-contact"}, SourceKind: "courier", SourceOrg: org, Insider: "no", UsedFor: map[string][]string{"phone": {"scam"}}}); err != nil {
		return err
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		return err
	}
	var selected int64
	for _, s := range cf.Steps {
		switch s.Kind {
		case "secure-accounts", "gather-evidence":
			if _, err := svc.SetStepStatus(ctx, s.ID, incident.StepDone); err != nil {
				return err
			}
		case "deletion-demand":
			if _, err := svc.SetStepStatus(ctx, s.ID, incident.StepDoing); err != nil {
				return err
			}
			s, _ := svc.CaseFile(ctx, id)
			for _, x := range s.Steps {
				if x.Kind == "deletion-demand" {
					x.Notes, x.Reference = notes, "SD-2025-0318"
					if err := svc.SaveStep(ctx, &x); err != nil {
						return err
					}
					selected = x.ID
				}
			}
		}
	}

	a := app.NewWithID("org.leakdesk.screenshot")
	w := a.NewWindow("leakdesk")
	setupTranslations(normaliseLang(code))
	a.Settings().SetTheme(newTheme())
	u := &appUI{app: a, win: w, deps: Deps{Service: svc}, ctx: ctx, code: normaliseLang(code)}
	u.buildShell()
	u.openCase(id)
	switch tab {
	case "plan":
		u.ws.showTab(tabPlan)
		u.ws.plan.selectStep(selected)
	case "overview":
		u.ws.showTab(tabOverview)
	case "evidence":
		u.ws.showTab(tabEvidence)
	case "details":
		u.ws.showTab(tabDetails)
	case "export":
		u.ws.showTab(tabExport)
	case "intake-happened":
		// The "what has happened" screen with what each item was used for.
		u.rerunIntake(id)
		u.intake.onNext()
	}
	w.Resize(fyne.NewSize(1240, 780))
	w.ShowAndRun()
	return nil
}
