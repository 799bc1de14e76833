package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
)

// capture writes the window to $LEAKDESK_SHOT_DIR/name.png when set, to
// look at what the tests drive.
func capture(t *testing.T, f *wsFixture, name string) {
	dir := os.Getenv("LEAKDESK_SHOT_DIR")
	if dir == "" {
		return
	}
	// A resize lays the window out again, as a real window does when
	// shown; the test canvas otherwise keeps sizes from before the texts
	// were set.
	f.u.win.Resize(fyne.NewSize(1280, 900))
	img := f.u.win.Canvas().Capture()
	out, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, img); err != nil {
		t.Fatal(err)
	}
}

// Issue 18: the association packet on the Export tab: which association,
// what to ask for, and the plan's sentence on how it differs from 12315;
// the choices reach the exporter and the document.
func TestWorkspaceAssociationExport(t *testing.T) {
	var mu sync.Mutex
	var got ExportRequest
	fake := func(_ context.Context, _ int64, req ExportRequest, _ func(float64)) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		got = req
		return req.Path, nil
	}
	f := newWsFixture(t, fake)
	f.ws().showTab(tabExport)
	x := f.ws().export
	x.choose(PacketAssociation)
	if x.kind != PacketAssociation || x.asks == nil {
		t.Fatalf("association not chosen: kind %q", x.kind)
	}
	if !strings.Contains(x.contents.Text, "12315") || !strings.Contains(x.contents.Text, "consumer association") {
		t.Errorf("contents lack the sentence on the association and 12315: %q", x.contents.Text)
	}
	// Defaults: no money lost in this case, so compensation is not ticked.
	if len(x.asks.Selected) != 3 {
		t.Errorf("asks ticked by default: %v", x.asks.Selected)
	}
	x.fields[FieldRecipient].SetText("西湖区消费者协会")
	x.asks.SetSelected([]string{x.asks.Options[0], x.asks.Options[3]}) // delete, compensate
	capture(t, f, "export-association")
	out := filepath.Join(t.TempDir(), "assoc")
	x.exportTo(out)
	f.u.settle()
	mu.Lock()
	req := got
	mu.Unlock()
	if req.Packet != report.KindAssociation || req.Fields[FieldRecipient] != "西湖区消费者协会" || req.Fields[report.FieldAsks] != "delete,compensate" {
		t.Fatalf("exporter got %+v", req)
	}
	p, err := report.Build(f.ws().cf, req.Packet, PacketOptions(req), wsNow)
	if err != nil {
		t.Fatal(err)
	}
	txt := allPacketText(p)
	for _, want := range []string{"致：西湖区消费者协会", "组织申请人与被投诉人进行调解", "删除其不应保存", "赔偿申请人"} {
		if !strings.Contains(txt, want) {
			t.Errorf("document lacks %q", want)
		}
	}
	if strings.Contains(txt, "赔礼道歉。\n") || strings.Contains(txt, "书面告知申请人。") {
		t.Error("document asks for what was unticked")
	}
	if strings.Contains(txt, "工作日") || strings.Contains(txt, "期限") {
		t.Error("a deadline is printed for the association")
	}
}

func allPacketText(p report.Packet) string {
	var b strings.Builder
	for _, s := range p.Sections {
		b.WriteString(s.Heading + "\n")
		for _, bl := range s.Blocks {
			b.WriteString(bl.Text + "\n")
			for _, it := range bl.Items {
				b.WriteString(it + "\n")
			}
		}
	}
	return b.String()
}

// Issue 18: on the Details tab the victim records the correction order and
// the refusal; the elements list says what is missing; the police packet
// names 刑法第二百八十六条之一 only once both are recorded.
func TestWorkspaceRefusalRecordsOrder(t *testing.T) {
	f := newWsFixture(t, func(_ context.Context, _ int64, req ExportRequest, _ func(float64)) (string, error) {
		return req.Path, nil
	})
	ctx := context.Background()
	f.ws().showTab(tabDetails)
	d := f.ws().details
	r := d.refusal
	// A courier is not a network service provider: nothing can be saved.
	if !r.save.Disabled() {
		t.Error("save enabled for a courier")
	}
	d.srcKind.SetSelected(d.sourceKindLabel(incident.SourcePlatform))
	if r.save.Disabled() {
		t.Fatal("save disabled for a platform")
	}
	police := func() string {
		p, err := report.Build(f.ws().cf, report.KindPolice, report.Options{}, wsNow)
		if err != nil {
			t.Fatal(err)
		}
		return allPacketText(p)
	}
	doc, err := f.svc.AddRecord(ctx, incident.Exhibit{CaseID: f.caseID, Kind: incident.ExhibitNote, Title: "责令整改通知书", RecordText: "责令限期整改"})
	if err != nil {
		t.Fatal(err)
	}
	f.ws().reload(nil)

	// The order without a refusal: saved, but no crime named.
	r.authority.SetText("杭州市公安局网络安全保卫支队")
	r.reference.SetText("杭公网安责字2025-3号")
	issued := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	r.issued.SetDate(&issued)
	r.exhibit.SetSelectedIndex(len(r.exhibit.Options) - 1)
	test.Tap(r.save)
	c, _ := f.svc.Case(ctx, f.caseID)
	if o := c.CorrectionOrder; o == nil || o.Authority != "杭州市公安局网络安全保卫支队" || !o.IssuedOn.Equal(issued) || o.ExhibitID != doc.ID || o.Refused() {
		t.Fatalf("stored order %+v", c.CorrectionOrder)
	}
	if txt := police(); strings.Contains(txt, "第二百八十六条之一") {
		t.Error("286-1 printed without a refusal")
	}
	missing := 0
	var elems []incident.RefusalElement
	for _, e := range incident.RefusalOf(f.ws().cf).Elements() {
		if !e.Have {
			elems = append(elems, e)
		}
	}
	for _, o := range test.LaidOutObjects(r.elements) {
		if l, ok := o.(*widget.Label); ok {
			for _, e := range elems {
				if strings.Contains(l.Text, e.MissingEN) {
					missing++
				}
			}
		}
	}
	if missing != 2 { // the refusal and the consequences
		t.Errorf("%d elements shown as missing, want 2", missing)
	}

	// A refusal before the order is refused with a message; nothing changes.
	early := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)
	r.since.SetDate(&early)
	test.Tap(r.save)
	if c, _ := f.svc.Case(ctx, f.caseID); c.CorrectionOrder.Refused() {
		t.Fatal("a refusal before the order was stored")
	}

	since := time.Date(2025, 2, 20, 0, 0, 0, 0, time.UTC)
	r.since.SetDate(&since)
	r.continued.SetText("接口漏洞仍未修复")
	test.Tap(r.save)
	for _, o := range f.u.win.Canvas().Overlays().List() {
		f.u.win.Canvas().Overlays().Remove(o) // the refusal-before-the-order error
	}
	d.root.ScrollToBottom()
	capture(t, f, "details-refusal")
	txt := police()
	for _, want := range []string{"第二百八十六条之一", "2025年2月1日，杭州市公安局网络安全保卫支队书面责令Speedy Express采取改正措施（文号：杭公网安责字2025-3号",
		"自2025年2月20日起，Speedy Express仍未按照上述要求改正：接口漏洞仍未修复"} {
		if !strings.Contains(txt, want) {
			t.Errorf("police packet lacks %q", want)
		}
	}
	if !strings.Contains(r.status.Text, "names this crime") {
		t.Errorf("status %q", r.status.Text)
	}

	// Removing it takes the crime out of the packet again.
	test.Tap(r.remove)
	if c, _ := f.svc.Case(ctx, f.caseID); c.CorrectionOrder != nil {
		t.Fatal("order not removed")
	}
	if strings.Contains(police(), "第二百八十六条之一") {
		t.Error("286-1 printed after the order was removed")
	}
}

// Issue 18, 法释〔2019〕15号 Art. 1 item (3): for a hospital the form asks
// whether it served the victim online; the order is saved either way, and
// the police packet names 刑法第二百八十六条之一 only once the answer is yes.
func TestWorkspaceRefusalPublicServiceOnline(t *testing.T) {
	f := newWsFixture(t, func(_ context.Context, _ int64, req ExportRequest, _ func(float64)) (string, error) {
		return req.Path, nil
	})
	ctx := context.Background()
	f.ws().showTab(tabDetails)
	d := f.ws().details
	r := d.refusal
	if r.online.Visible() {
		t.Error("the online question is shown for a courier")
	}
	d.srcKind.SetSelected(d.sourceKindLabel(incident.SourceKind("hospital")))
	if r.save.Disabled() || !r.online.Visible() {
		t.Fatalf("hospital: save disabled %v, online question shown %v", r.save.Disabled(), r.online.Visible())
	}
	police := func() string {
		p, err := report.Build(f.ws().cf, report.KindPolice, report.Options{}, wsNow)
		if err != nil {
			t.Fatal(err)
		}
		return allPacketText(p)
	}
	r.authority.SetText("某市公安局")
	issued, since := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 20, 0, 0, 0, 0, time.UTC)
	r.issued.SetDate(&issued)
	r.since.SetDate(&since)
	test.Tap(r.save)
	if c, _ := f.svc.Case(ctx, f.caseID); c.CorrectionOrder == nil || c.CorrectionOrder.Online {
		t.Fatalf("stored order %+v", c.CorrectionOrder)
	}
	if strings.Contains(police(), "第二百八十六条之一") {
		t.Error("286-1 printed for a hospital not recorded as serving online")
	}
	test.Tap(r.online)
	test.Tap(r.save)
	if c, _ := f.svc.Case(ctx, f.caseID); c.CorrectionOrder == nil || !c.CorrectionOrder.Online {
		t.Fatalf("stored order %+v", c.CorrectionOrder)
	}
	if txt := police(); !strings.Contains(txt, "第二百八十六条之一") || !strings.Contains(txt, "第一条第（三）项") {
		t.Errorf("police packet with the hospital online:\n%s", txt)
	}
	d.root.ScrollToBottom()
	capture(t, f, "details-refusal-hospital")
}

// Issue 18: where 12315 and the consumer association both fit, the plan's
// two steps carry a chooser with the one sentence on the difference;
// choosing one retires the other step, choosing both brings it back.
func TestWorkspacePlanConsumerChooser(t *testing.T) {
	f := newWsFixture(t, nil)
	ctx := context.Background()
	if _, err := f.svc.RunIntake(ctx, f.caseID, incident.Intake{Leaked: []string{"name", "phone"}, Happened: []string{"scam-contact"},
		SourceKind: "business", SourceOrg: "Corner Shop", Insider: "no"}); err != nil {
		t.Fatal(err)
	}
	w := f.ws()
	w.reload(nil)
	w.showTab(tabPlan)
	step := func(kind string) incident.Step {
		for _, st := range w.cf.Steps {
			if st.Kind == kind {
				return st
			}
		}
		t.Fatalf("no %s step", kind)
		return incident.Step{}
	}
	p := w.plan
	p.selectStep(step("consumer-12315").ID)
	if p.consumer == nil || p.consumer.Selected != "Both" || len(p.consumer.Options) != 3 {
		t.Fatalf("chooser %+v", p.consumer)
	}
	capture(t, f, "plan-consumer-chooser")
	p.consumer.SetSelected(p.consumer.Options[1]) // the association
	if st := step("consumer-12315"); !st.Retired || step("consumer-association").Retired {
		t.Fatalf("after choosing the association: 12315 retired %v", st.Retired)
	}
	if c, _ := f.svc.Case(ctx, f.caseID); c.Intake.ConsumerRoute != "association" {
		t.Errorf("stored route %q", c.Intake.ConsumerRoute)
	}
	p.selectStep(step("consumer-12315").ID)
	p.consumer.SetSelected(p.consumer.Options[2]) // both
	if step("consumer-12315").Retired || step("consumer-association").Retired {
		t.Error("choosing both did not bring 12315 back")
	}
	// A courier case has no such choice.
	if _, err := f.svc.RunIntake(ctx, f.caseID, incident.Intake{Leaked: []string{"name"}, SourceKind: "courier", SourceOrg: "Speedy Express"}); err != nil {
		t.Fatal(err)
	}
	w.reload(nil)
	if p.consumerChoice() != nil {
		t.Error("a chooser for a courier")
	}
}
