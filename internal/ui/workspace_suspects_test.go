package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
)

// Issue 15 item 2 on the Export tab: with two suspects, the complaint and
// the deletion letter ask which one they are about and are prefilled from
// it; the police report needs no choice.
func TestWorkspaceExportPicksTheSuspect(t *testing.T) {
	f := newWsFixture(t, func(context.Context, int64, ExportRequest, func(float64)) (string, error) { return "", nil })
	ctx := context.Background()
	if _, err := f.svc.RunIntake(ctx, f.caseID, incident.Intake{Leaked: []string{"name", "phone", "orders"}, Happened: []string{"scam-contact"},
		Suspects: []incident.Suspect{
			{Kind: incident.SourceCourier, Name: "Speedy Express", Grounds: []string{"customer"}},
			{Kind: incident.SourceEcommerce, Name: "某某旗舰店", Addr: "杭州市余杭区某路8号", Grounds: []string{"knew-details"}},
		}}); err != nil {
		t.Fatal(err)
	}
	f.ws().reload(nil)
	f.ws().showTab(tabExport)
	x := f.ws().export
	x.choose(PacketPolice)
	if x.suspectBox.Visible() {
		t.Error("the police report asks which suspect")
	}
	x.choose(PacketConsumer)
	if !x.suspectBox.Visible() || len(x.suspectSel.Options) != 2 || x.suspectSel.SelectedIndex() != 0 {
		t.Fatalf("no choice of suspect for the complaint: %v", x.suspectSel.Options)
	}
	if x.fields[report.FieldRespondent].Text != "Speedy Express" {
		t.Errorf("respondent %q for the first suspect", x.fields[report.FieldRespondent].Text)
	}
	x.suspectSel.SetSelectedIndex(1)
	if got := x.fields[report.FieldRespondent].Text; got != "某某旗舰店" || x.fields[report.FieldRespondentAddress].Text != "杭州市余杭区某路8号" {
		t.Errorf("respondent %q, address %q for the second suspect", got, x.fields[report.FieldRespondentAddress].Text)
	}
	req := x.request("")
	if req.Fields[report.FieldSuspect] != "2" {
		t.Errorf("request fields %v", req.Fields)
	}
	if !hasLabel(x.preview, "与投诉人联系的人员说出了投诉人认为只有被投诉人掌握的信息细节。") {
		t.Error("the preview does not state the second suspect's grounds")
	}
	if name := x.defaultName(); name != "投诉书-"+f.ws().cf.Case.CaseNumber()+"-某某旗舰店.pdf" {
		t.Errorf("file name %q", name)
	}
	x.choose(PacketRegulator)
	if x.fields[report.FieldRecipient].Text != regulatorFor(incident.SourceEcommerce) {
		t.Errorf("regulator %q for the shop", x.fields[report.FieldRecipient].Text)
	}
}

// The Details tab lists the other suspects: their name and address are
// edited there and reach their packets.
func TestWorkspaceDetailsEditsOtherSuspects(t *testing.T) {
	f := newWsFixture(t, nil)
	ctx := context.Background()
	if _, err := f.svc.RunIntake(ctx, f.caseID, incident.Intake{Leaked: []string{"orders"},
		Suspects: []incident.Suspect{{Kind: incident.SourceCourier, Name: "Speedy Express"}, {Kind: incident.SourceEcommerce, Name: "某店"}}}); err != nil {
		t.Fatal(err)
	}
	f.ws().reload(nil)
	f.u.openCase(f.caseID)
	f.ws().showTab(tabDetails)
	var name, addr *imeEntry
	walk(f.ws().details.root, func(o fyne.CanvasObject) bool {
		if e, ok := o.(*imeEntry); ok {
			switch e.Text {
			case "某店":
				name = e
			case "":
				if name != nil && addr == nil {
					addr = e
				}
			}
		}
		return true
	})
	if name == nil || addr == nil {
		t.Fatal("the Details tab does not show the second suspect")
	}
	name.SetText("某某旗舰店")
	addr.SetText("杭州市余杭区某路8号")
	f.ws().flushEdits()
	c, err := f.svc.Case(ctx, f.caseID)
	if err != nil {
		t.Fatal(err)
	}
	if l := c.SuspectList(); len(l) != 2 || l[1].Name != "某某旗舰店" || l[1].Addr != "杭州市余杭区某路8号" || l[0].Name != "Speedy Express" {
		t.Fatalf("suspects after editing: %+v", l)
	}
}
