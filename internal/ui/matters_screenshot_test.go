//go:build screenshot

package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
)

// showMatterShot puts issue 13's matter view on the window: two victims,
// one agreeing with a signed authorisation; "matter-preview" opens the
// joint police document's preview, "matter-delete" the deletion's
// confirmation.
func showMatterShot(u *appUI, svc *incident.Service, id int64, tab string, zh bool) error {
	ctx := context.Background()
	title, resp, second, agent := "Flat buyers of one estate", "Some Developer Ltd", "Li Er", "Chen Lü"
	if zh {
		title, resp, second, agent = "某楼盘业主信息泄露", "某房地产开发有限公司", "李二", "陈律"
	}
	other, err := svc.CreateCase(ctx, incident.Case{Title: title, Victim: incident.Victim{Name: second}})
	if err != nil {
		return err
	}
	mid, err := svc.CreateMatter(ctx, incident.Matter{Title: title, Respondent: incident.Respondent{Name: resp, Addr: "某市某路1号", Kind: incident.SourceRealEstate}})
	if err != nil {
		return err
	}
	for _, c := range []int64{id, other} {
		if err := svc.AddCaseToMatter(ctx, mid, c); err != nil {
			return err
		}
	}
	if err := svc.SetAgent(ctx, incident.Agent{Name: agent, Org: "法律援助中心", Phone: "010-12345678"}); err != nil {
		return err
	}
	if _, err := svc.IssueAuthorisation(ctx, id, time.Time{}, time.Time{}); err != nil {
		return err
	}
	if err := svc.MarkAuthorisationSigned(ctx, id, time.Time{}); err != nil {
		return err
	}
	if err := svc.SetJointConsent(ctx, id, true); err != nil {
		return err
	}
	u.deps.MatterExport = func(context.Context, int64, string, string, func(float64)) ([]string, []string, error) {
		return nil, nil, nil
	}
	u.leaveCase()
	u.showMatters()
	u.matters.showMatter(mid)
	go func() {
		time.Sleep(2 * time.Second)
		fyne.Do(func() {
			switch tab {
			case "matter-preview":
				u.matters.open.onPreview(report.KindJointPolice)
			case "matter-delete":
				u.matters.open.onDelete()
			}
		})
	}()
	return nil
}
