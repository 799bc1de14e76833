package ui

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/report"
)

// Issue 12: "record a reply" on the police step: a refusal with its notice
// from the evidence opens the 复议 step with its 7-day limit, the plan
// shows the route with the current rung and what next, the reply is in the
// step's history, and a refused form keeps what was typed.
func TestWorkspaceRecordRefusal(t *testing.T) {
	var mu sync.Mutex
	var exported ExportRequest
	fake := func(_ context.Context, _ int64, req ExportRequest, _ func(float64)) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		exported = req
		return req.Path, nil
	}
	f := newWsFixture(t, fake)
	ctx := f.u.ctx
	notice, err := f.svc.AddRecord(ctx, incident.Exhibit{CaseID: f.caseID, Kind: incident.ExhibitNote, Title: "Notice not to open a case", RecordText: "不予立案通知书"})
	if err != nil {
		t.Fatal(err)
	}
	f.ws().reload(nil)
	f.ws().showTab(tabPlan)
	police := f.step("police-report")
	p := f.ws().plan
	p.selectStep(police.ID)
	if p.replyBtn == nil {
		t.Fatal("no record-a-reply button on the police step")
	}
	test.Tap(p.replyBtn)
	form := p.reply
	if form == nil {
		t.Fatal("the reply form did not open")
	}
	// Nothing chosen: refused with a message, the form keeps the reference.
	form.ref.SetText("West Lake PSB No. 12")
	test.Tap(form.save)
	if p.reply == nil || form.ref.Text != "West Lake PSB No. 12" {
		t.Fatal("a refused form was closed or lost what was typed")
	}
	form.outcome.SetSelected(playbook.ReplyOutcomeLabel(playbook.ReplyRefused, "en"))
	received := time.Date(2025, 3, 7, 0, 0, 0, 0, time.UTC)
	form.date.SetDate(&received)
	form.evidence.SetSelectedIndex(int(notice.Number))
	test.Tap(form.save)
	f.u.settle()
	if p.reply != nil {
		t.Fatal("the form stayed open after a good reply")
	}
	recon := f.step("police-reconsideration")
	if recon.FollowUp.Format("2006-01-02") != "2025-03-14" {
		t.Errorf("复议 due %s, want 2025-03-14 (7 days after the notice)", recon.FollowUp.Format("2006-01-02"))
	}
	if p.selected != recon.ID {
		t.Errorf("the plan shows step %d, want the new 复议 step %d", p.selected, recon.ID)
	}
	got := f.step("police-report")
	if got.Status != incident.StepDone || got.Reference != "" {
		t.Errorf("police step after the reply: %s %q", got.Status, got.Reference)
	}
	detail := labelsText(p.detail)
	for _, want := range []string{"Route: Police report", "▶ If the police decline", "What next:", "14 Mar 2025", "within 7 days of receiving the notice"} {
		if !strings.Contains(detail, want) {
			t.Errorf("the 复议 step's pane lacks %q:\n%s", want, detail)
		}
	}
	capture(t, f, "plan-reply-next")
	p.selectStep(police.ID)
	if detail := labelsText(p.detail); !strings.Contains(detail, "Refused · No. West Lake PSB No. 12 · evidence 1") {
		t.Errorf("the police step's history lacks the reply:\n%s", detail)
	}
	capture(t, f, "plan-reply")

	// From the 复议 step to its document: "prepare the packet" chooses the
	// 复议申请书, whose preview states the recorded refusal; the export
	// gets the tab's choices.
	p.selectStep(recon.ID)
	prepare := findButton(p.detail, "Prepare the packet")
	if prepare == nil {
		t.Fatal("the 复议 step has no prepare-the-packet button")
	}
	test.Tap(prepare)
	x := f.ws().export
	if x.kind != PacketReconsideration {
		t.Fatalf("export tab chose %q, want the 复议申请书", x.kind)
	}
	x.fields[FieldRecipient].SetText("杭州市公安局西湖区分局")
	x.fields[report.FieldReasons].SetText("通知书没有写明理由。")
	preview := labelsText(x.preview)
	for _, want := range []string{"2025年3月7日，申请人收到杭州市公安局西湖区分局的不予立案通知书（文号：West Lake PSB No. 12）。", "通知书没有写明理由。"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview does not state %q:\n%s", want, preview)
		}
	}
	capture(t, f, "export-reconsideration")
	x.exportTo(filepath.Join(t.TempDir(), "fuyi"))
	f.u.settle()
	mu.Lock()
	req := exported
	mu.Unlock()
	if req.Packet != report.KindReconsideration || req.Fields[report.FieldReasons] != "通知书没有写明理由。" || req.Fields[FieldRecipient] != "杭州市公安局西湖区分局" {
		t.Fatalf("exporter got %+v", req)
	}
	pk, err := report.Build(f.ws().cf, req.Packet, PacketOptions(req), wsNow)
	if err != nil {
		t.Fatal(err)
	}
	if pk.Title != "复议申请书" || !strings.Contains(pk.Cover.Recipient, "杭州市公安局西湖区分局") {
		t.Errorf("exported packet: %q to %q", pk.Title, pk.Cover.Recipient)
	}
	// The unit typed on the tab is kept on the 复议 step for next time.
	if got := f.step("police-reconsideration"); got.Organisation != "杭州市公安局西湖区分局" {
		t.Errorf("the 复议 step keeps %q as its organisation", got.Organisation)
	}
}

// labelsText is the text of every label under o, a line each.
func labelsText(o fyne.CanvasObject) string {
	var out []string
	walk(o, func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *wrapLabel:
			out = append(out, x.full)
		}
		return true
	})
	return strings.Join(out, "\n")
}

// Issue 12: the Details tab's time and expense log: an entry with its
// receipt is added, listed with the totals, and removed; a bad amount is
// refused and keeps what was typed.
func TestWorkspaceExpenseLog(t *testing.T) {
	f := newWsFixture(t, nil)
	receipt, err := f.svc.AddRecord(f.u.ctx, incident.Exhibit{CaseID: f.caseID, Kind: incident.ExhibitNote, Title: "EMS receipt", RecordText: "22 yuan"})
	if err != nil {
		t.Fatal(err)
	}
	f.ws().reload(nil)
	f.ws().showTab(tabDetails)
	e := f.ws().details.expenses
	e.category.SetSelected(incident.ExpenseLabel(incident.ExpensePostage, "en"))
	e.amount.SetText("22.005")
	test.Tap(e.add)
	if e.amount.Text != "22.005" || len(incident.ExpensesOf(f.ws().cf.Events)) != 0 {
		t.Fatal("a bad amount was stored or the form lost it")
	}
	e.amount.SetText("22")
	e.note.SetText("registered post")
	e.receipt.SetSelectedIndex(receipt.Number)
	test.Tap(e.add)
	list := incident.ExpensesOf(f.ws().cf.Events)
	if len(list) != 1 || list[0].AmountFen != 2200 || list[0].ExhibitID != receipt.ID || list[0].Note != "registered post" {
		t.Fatalf("log after adding: %+v", list)
	}
	if !strings.Contains(e.totals.Text, "Postage 22.00 yuan") || !strings.Contains(labelsText(e.list), "evidence 1") {
		t.Errorf("totals %q, list:\n%s", e.totals.Text, labelsText(e.list))
	}
	capture(t, f, "details-expenses")
	var rm *widget.Button
	walk(e.list, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok {
			rm = b
		}
		return true
	})
	test.Tap(rm)
	if len(incident.ExpensesOf(f.ws().cf.Events)) != 0 || e.totals.Text != "Nothing logged yet." {
		t.Errorf("after removing: %q", e.totals.Text)
	}
}
