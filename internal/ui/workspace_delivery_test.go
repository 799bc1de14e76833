package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

// Issue 12: "record the delivery" on the credit objection: the form is
// refused without a method and keeps what was typed, then records the EMS
// number, the day it arrived and the postal receipt; the step's pane lists
// it; after no answer by the date, the 征信 complaint step offers its
// document, whose preview states the objection's delivery.
func TestWorkspaceDeliveryToCreditComplaint(t *testing.T) {
	f := newWsFixture(t, func(_ context.Context, _ int64, req ExportRequest, _ func(float64)) (string, error) {
		return req.Path, nil
	})
	ctx := f.u.ctx
	if _, err := f.svc.RunIntake(ctx, f.caseID, incident.Intake{Leaked: []string{"name", "phone", "id-number"},
		Happened: []string{"scam-contact", "loan-in-name"}, SourceKind: "courier", SourceOrg: "Speedy Express", Insider: "no"}); err != nil {
		t.Fatal(err)
	}
	receipt, err := f.svc.AddRecord(ctx, incident.Exhibit{CaseID: f.caseID, Kind: incident.ExhibitNote, Title: "EMS receipt", RecordText: "EMS 1151234567890"})
	if err != nil {
		t.Fatal(err)
	}
	f.ws().reload(nil)
	f.ws().showTab(tabPlan)
	p := f.ws().plan
	dispute := f.step("credit-dispute")
	p.selectStep(dispute.ID)
	if p.deliveryBtn == nil {
		t.Fatal("no record-the-delivery button on the credit objection")
	}
	test.Tap(p.deliveryBtn)
	form := p.delivery
	if form == nil {
		t.Fatal("the delivery form did not open")
	}
	form.tracking.SetText("1151234567890")
	test.Tap(form.save)
	if p.delivery == nil || form.tracking.Text != "1151234567890" {
		t.Fatal("a refused form was closed or lost what was typed")
	}
	form.method.SetSelected(incident.DeliveryLabel(incident.DeliveryEMS, "en"))
	arrived := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	form.date.SetDate(&arrived)
	form.evidence.SetSelectedIndex(receipt.Number)
	test.Tap(form.save)
	f.u.settle()
	if p.delivery != nil {
		t.Fatal("the form stayed open after a good delivery")
	}
	got := f.step("credit-dispute")
	// 20 natural days from the day it arrived (征信业管理条例 Art. 25).
	if got.Status != incident.StepDoing || got.FollowUp.Format("2006-01-02") != "2025-03-24" {
		t.Errorf("objection after the delivery: %s due %s", got.Status, got.FollowUp.Format("2006-01-02"))
	}
	if detail := labelsText(p.detail); !strings.Contains(detail, "4 Mar 2025 · EMS or courier · No. 1151234567890 · evidence 1") {
		t.Errorf("the step's pane lacks the delivery:\n%s", detail)
	}
	capture(t, f, "plan-delivery")

	res, err := f.svc.RecordReply(ctx, dispute.ID, incident.Reply{Outcome: playbook.ReplyNone, On: time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC)})
	if err != nil || res.Next == nil || res.Next.Kind != "credit-complaint" {
		t.Fatalf("no answer on the objection: %+v, %v", res, err)
	}
	f.ws().reload(nil)
	f.u.settle()
	p.selectStep(res.Next.ID)
	prepare := findButton(p.detail, "Prepare the packet")
	if prepare == nil {
		t.Fatal("the credit complaint step has no prepare-the-packet button")
	}
	test.Tap(prepare)
	x := f.ws().export
	if x.kind != PacketCredit {
		t.Fatalf("export tab chose %q, want the credit complaint", x.kind)
	}
	x.fields[FieldRespondent].SetText("示例消费金融有限公司")
	preview := labelsText(x.preview)
	for _, want := range []string{"该异议申请以EMS或者快递寄送，于2025年3月4日送达对方（邮件号：1151234567890）（见证据1）。", "截至2025年3月9日，被投诉人未作书面答复。"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview does not state %q:\n%s", want, preview)
		}
	}
	capture(t, f, "export-credit")
}

// Issue 12: the Details tab takes the suspect's credit code and legal
// representative for the 起诉状; a bad code is refused with a message and
// stores nothing.
func TestWorkspaceRegistration(t *testing.T) {
	f := newWsFixture(t, nil)
	f.ws().showTab(tabDetails)
	d := f.ws().details
	if len(d.regs) == 0 {
		t.Fatal("no credit code field for the suspect")
	}
	d.regs[0][0].SetText("12345")
	f.ws().flushEdits()
	f.u.settle()
	if c := f.ws().cf.Case; c.Intake.SourceCode != "" {
		t.Fatalf("a bad code was stored: %q", c.Intake.SourceCode)
	}
	d = f.ws().details
	d.regs[0][0].SetText("91330106MA2XXXXXX1")
	d.regs[0][1].SetText("张三")
	f.ws().flushEdits()
	f.u.settle()
	cf, err := f.svc.CaseFile(f.u.ctx, f.caseID)
	if err != nil {
		t.Fatal(err)
	}
	if in := cf.Case.Intake; in.SourceCode != "91330106MA2XXXXXX1" || in.SourceRep != "张三" {
		t.Errorf("stored %q %q", in.SourceCode, in.SourceRep)
	}
	capture(t, f, "details-registration")
}

// Issue 12: the civil claim's form says which court hears a tort claim,
// from the register (民事诉讼法 Art. 29), beside the court field; the
// claim itself does not print it.
func TestWorkspaceCivilVenueNote(t *testing.T) {
	f := newWsFixture(t, func(_ context.Context, _ int64, req ExportRequest, _ func(float64)) (string, error) {
		return req.Path, nil
	})
	x := f.ws().export
	x.choose(PacketCivil)
	if x.venue == nil || !strings.Contains(x.venue.Text, "place of the tort or of the defendant's domicile (Civil Procedure Law Art. 29)") {
		t.Fatalf("no venue note: %+v", x.venue)
	}
	if strings.Contains(labelsText(x.preview), "侵权行为地") {
		t.Error("the claim states the venue rule")
	}
	x.choose(PacketPolice)
	if strings.Contains(labelsText(x.fieldBox), "Which court") {
		t.Error("the venue note stays on another packet")
	}
}
