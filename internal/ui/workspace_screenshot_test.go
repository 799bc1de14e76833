//go:build screenshot

package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
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
	u := &appUI{app: a, win: w, deps: Deps{Service: svc}, ctx: ctx, code: normaliseLang(code), tasks: newTasks(fyne.Do)}
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
	case "police": // issue 15 item 10: the how-to list wrapped by the packets' rules
		u.ws.showTab(tabPlan)
		for _, s := range cf.Steps {
			if s.Kind == "police-report" {
				u.ws.plan.selectStep(s.ID)
			}
		}
	case "calendar": // issue 15 item 9: the date field and its calendar
		u.ws.showTab(tabDetails)
		go func() { time.Sleep(2 * time.Second); fyne.Do(u.ws.details.found.openCalendar) }()
	case "error": // issue 15 item 10: the icon beside the message
		u.showError(incident.Errorf(incident.CodeInvalid, "无法打开或创建这个文件。请在对话框中先进入要用的文件夹，“文件名”框里只写文件名，不写路径（不要有 / 或 \\）。", "x", nil))
	case "addfiles": // issue 15 item 6: the path box
		u.ws.showTab(tabEvidence)
		u.pickFiles(func([]string) {})
	case "help":
		u.showHelp()
	case "deadlines":
		u.showDeadlines()
	case "matter", "matter-preview", "matter-delete":
		if err := showMatterShot(u, svc, id, tab, zh); err != nil {
			return err
		}
	default:
		if err := showIssue15(u, svc, id, tab, zh); err != nil {
			return err
		}
	}
	w.Resize(fyne.NewSize(1240, 780))
	w.ShowAndRun()
	return nil
}

// showIssue15 puts the screens of issue 15 (several suspects, the victim's
// details in the wizard, describing added files) on the window.
func showIssue15(u *appUI, svc *incident.Service, id int64, tab string, zh bool) error {
	ctx := context.Background()
	shop, courier := "Bright Shop", "Speedy Express"
	if zh {
		shop, courier = "某某旗舰店", "速达快递"
	}
	toQuestion := func(key string) {
		u.newCase()
		for u.intake.questions[u.intake.page].Key != key {
			u.intake.onNext()
		}
	}
	switch tab {
	case "intake-suspects", "intake-names", "intake-grounds":
		toQuestion("source-kind")
		u.intake.setSuspectKind(incident.SourceCourier, true)
		u.intake.setSuspectKind(incident.SourceEcommerce, true)
		u.intake.suspects[0].Name, u.intake.suspects[1].Name = courier, shop
		u.intake.suspects[1].Grounds = []string{"knew-details"}
		u.intake.suspects[0].Grounds = []string{"customer"}
		u.intake.syncSuspects()
		switch tab {
		case "intake-names":
			u.intake.onNext()
		case "intake-grounds":
			u.intake.onNext()
			u.intake.onNext()
		default:
			u.intake.refresh()
		}
	case "intake-victim":
		u.newCase()
		for u.intake.page < len(u.intake.questions) {
			u.intake.onNext()
		}
		u.intake.narrative.SetText("自称快递客服的人打来电话，报出了我的姓名、电话、地址和订单号。")
		u.intake.onNext()
		u.intake.victim.SetText("王芳")
		u.intake.idNumber.SetText("330106199103150021")
		u.intake.phone.SetText("13812345678")
	case "export-suspects":
		if _, err := svc.RunIntake(ctx, id, incident.Intake{Leaked: []string{"name", "phone", "address", "orders"}, Happened: []string{"scam-contact"},
			Suspects: []incident.Suspect{{Kind: incident.SourceCourier, Name: courier, Grounds: []string{"customer"}},
				{Kind: incident.SourceEcommerce, Name: shop, Addr: "杭州市余杭区某路8号", Grounds: []string{"knew-details"}}}}); err != nil {
			return err
		}
		u.deps.Export = func(context.Context, int64, ExportRequest, func(float64)) (string, error) { return "", nil }
		u.openCase(id)
		u.ws.showTab(tabExport)
		u.ws.export.choose(PacketConsumer)
		u.ws.export.suspectSel.SetSelectedIndex(1)
	case "describe":
		dir, err := os.MkdirTemp("", "leakdesk-shot-files-")
		if err != nil {
			return err
		}
		var paths []string
		for _, name := range []string{"sms1.png", "order.png"} {
			p := dir + "/" + name
			if err := os.WriteFile(p, tinyPNG(), 0o600); err != nil {
				return err
			}
			paths = append(paths, p)
		}
		u.ws.showTab(tabEvidence)
		u.ws.evidence.addPaths(paths)
	}
	return nil
}

// tinyPNG is a 2×2 PNG, each call a different one (so neither is a
// duplicate of the other).
var pngSeed byte

func tinyPNG() []byte {
	pngSeed++
	img := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	img.Pix[0] = pngSeed
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
