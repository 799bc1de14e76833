package sqlite

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// Issue 12: a delivery recorded on the deletion demand hands it in, links
// the postal receipt, counts the waiting period from the day it arrived and
// shows in the history; bad deliveries are refused and change nothing; a
// case import carries it under the new IDs.
func TestRecordDelivery(t *testing.T) {
	_, svc := openTest(t, Options{})
	ctx := t.Context()
	in := incident.Intake{Leaked: []string{"phone"}, Happened: []string{"scam-contact"}, SourceKind: "ecommerce", SourceOrg: "某网店"}
	id, _, err := svc.StartCase(ctx, incident.Case{Title: "delivery"}, in)
	if err != nil {
		t.Fatal(err)
	}
	cf, _ := svc.CaseFile(ctx, id)
	demand := stepOfKind(t, cf.Steps, "deletion-demand")
	warn := stepOfKind(t, cf.Steps, "warn-family")
	receipt, err := svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: incident.ExhibitNote, Title: "EMS寄件凭证", RecordText: "EMS"})
	if err != nil {
		t.Fatal(err)
	}
	other, _, _ := svc.StartCase(ctx, incident.Case{Title: "other"}, in)
	foreign, _ := svc.AddRecord(ctx, incident.Exhibit{CaseID: other, Kind: incident.ExhibitNote, Title: "x", RecordText: "y"})

	bad := []struct {
		name string
		step int64
		d    incident.Delivery
	}{
		{"unknown method", demand.ID, incident.Delivery{Method: "pigeon"}},
		{"future date", demand.ID, incident.Delivery{Method: incident.DeliveryEMS, On: testNow().AddDate(0, 0, 1)}},
		{"evidence of another case", demand.ID, incident.Delivery{Method: incident.DeliveryEMS, ExhibitID: foreign.ID}},
		{"step that sends nothing", warn.ID, incident.Delivery{Method: incident.DeliveryEMS}},
		{"tracking too long", demand.ID, incident.Delivery{Method: incident.DeliveryEMS, Tracking: strings.Repeat("9", 300)}},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			_, _, err := svc.RecordDelivery(ctx, b.step, b.d)
			wantCode(t, err, incident.CodeInvalid)
		})
	}
	if after, _ := svc.CaseFile(ctx, id); len(incident.DeliveriesOf(after.Events)) != 0 || stepOfKind(t, after.Steps, "deletion-demand").Status != incident.StepTodo {
		t.Fatal("a refused delivery changed the case")
	}

	// testNow is 2025-03-10; delivered on Thu 6 March: 15 working days
	// (the demand's benchmark) end on Thu 27 March.
	arrived := time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC)
	d, st, err := svc.RecordDelivery(ctx, demand.ID, incident.Delivery{Method: incident.DeliveryEMS, On: arrived, Tracking: " 1151234567890 ", ExhibitID: receipt.ID})
	if err != nil {
		t.Fatal(err)
	}
	if d.Tracking != "1151234567890" || st.Status != incident.StepDoing || st.FollowUp.Format("2006-01-02") != "2025-03-27" {
		t.Errorf("delivery %+v, step %s due %s", d, st.Status, st.FollowUp.Format("2006-01-02"))
	}
	cf, _ = svc.CaseFile(ctx, id)
	got, ok := incident.LatestDelivery(cf.Events, demand.ID)
	if !ok || got.Method != incident.DeliveryEMS || !got.On.Equal(arrived) || got.ExhibitID != receipt.ID {
		t.Errorf("recorded %+v", got)
	}
	for _, e := range cf.Exhibits {
		if e.ID == receipt.ID && (len(e.StepIDs) != 1 || e.StepIDs[0] != demand.ID) {
			t.Errorf("receipt linked to %v", e.StepIDs)
		}
	}

	id2 := reimport(t, ctx, svc, cf)
	imported, _ := svc.CaseFile(ctx, id2)
	demand2 := stepOfKind(t, imported.Steps, "deletion-demand")
	ds := incident.DeliveriesOf(imported.Events)[demand2.ID]
	if len(ds) != 1 || ds[0].Tracking != "1151234567890" || ds[0].ExhibitID != imported.Exhibits[0].ID {
		t.Errorf("imported deliveries %+v", ds)
	}
}

// Issue 12: the defendant's credit code and legal representative are
// entered per suspect, checked, kept when the questions are answered again
// and carried by case export and import.
func TestSetRegistration(t *testing.T) {
	_, svc := openTest(t, Options{})
	ctx := t.Context()
	in := incident.Intake{Leaked: []string{"phone"}, Happened: []string{"scam-contact"}, SourceKind: "courier", SourceOrg: "某快递",
		Suspects: []incident.Suspect{{Kind: "courier", Name: "某快递"}, {Kind: "ecommerce", Name: "某网店"}}}
	id, _, err := svc.StartCase(ctx, incident.Case{Title: "reg"}, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"12345", "91330106MA2XXXXXXI", strings.Repeat("9", 19)} {
		wantCode(t, svc.SetRegistration(ctx, id, 1, bad, ""), incident.CodeInvalid)
	}
	wantCode(t, svc.SetRegistration(ctx, id, 3, "", "x"), incident.CodeNotFound)
	if err := svc.SetRegistration(ctx, id, 1, " 91330106ma2xxxxxx1 ", " 张三 "); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetRegistration(ctx, id, 2, "91330106MA2YYYYYY2", "李四"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.RunIntake(ctx, id, in); err != nil {
		t.Fatal(err)
	}
	cf, _ := svc.CaseFile(ctx, id)
	list := cf.Case.SuspectList()
	if list[0].Code != "91330106MA2XXXXXX1" || list[0].Rep != "张三" || list[1].Code != "91330106MA2YYYYYY2" || list[1].Rep != "李四" {
		t.Errorf("after answering again: %+v", list)
	}
	content := func(i int) (io.ReadCloser, error) { return io.NopCloser(&bytes.Buffer{}), nil }
	id2, err := svc.ImportCase(ctx, cf, content, "case-file:test.json")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := svc.CaseFile(ctx, id2)
	if l := got.Case.SuspectList(); l[0].Code != "91330106MA2XXXXXX1" || l[1].Rep != "李四" {
		t.Errorf("imported: %+v", l)
	}
}
