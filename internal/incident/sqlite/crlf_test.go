package sqlite

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// Text typed, pasted or imported on Windows (CRLF) is stored with LF line
// ends wherever it enters the service; an evidence file keeps its bytes.
func TestCRLFTextIsStoredWithLF(t *testing.T) {
	ctx := context.Background()
	_, svc := openTest(t, Options{})
	const crlf = "第一行\r\n第二行\r\n\r\n第三行\r末行"
	const lf = "第一行\n第二行\n\n第三行\n末行"

	id, err := svc.CreateCase(ctx, incident.Case{Title: "快递信息泄露", Narrative: crlf, Victim: incident.Victim{Address: "北京市\r\n朝阳区"}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := svc.Case(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Narrative != lf || c.Victim.Address != "北京市\n朝阳区" {
		t.Errorf("created case: %q, %q", c.Narrative, c.Victim.Address)
	}
	c.Narrative = crlf + "\r\n补充"
	if err := svc.UpdateCase(ctx, *c); err != nil {
		t.Fatal(err)
	}
	if c, _ = svc.Case(ctx, id); c.Narrative != lf+"\n补充" {
		t.Errorf("updated case: %q", c.Narrative)
	}

	comm := &incident.Communication{CaseID: id, At: testNow(), Direction: incident.Incoming, Channel: "phone", Summary: crlf}
	if err := svc.SaveCommunication(ctx, comm); err != nil {
		t.Fatal(err)
	}
	st := &incident.Step{CaseID: id, Kind: "custom", Title: "自定义步骤", Notes: crlf}
	if err := svc.SaveStep(ctx, st); err != nil {
		t.Fatal(err)
	}
	rec, err := svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: incident.ExhibitNote, RecordText: crlf, CapturedAt: testNow().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	file, err := svc.AddExhibit(ctx, id, "通话记录.txt", strings.NewReader(crlf), int64(len(crlf)), incident.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}

	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(cf.Communications) != 1 || cf.Communications[0].Summary != lf {
		t.Errorf("communication: %+v", cf.Communications)
	}
	for _, s := range cf.Steps {
		if s.ID == st.ID && s.Notes != lf {
			t.Errorf("step notes: %q", s.Notes)
		}
	}
	var got bytes.Buffer
	if _, err := svc.WriteExhibitContent(ctx, rec.ID, &got); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got.String(), "\r") || !strings.Contains(got.String(), lf) {
		t.Errorf("record content: %q", got.String())
	}
	got.Reset()
	if _, err := svc.WriteExhibitContent(ctx, file.ID, &got); err != nil {
		t.Fatal(err)
	}
	if got.String() != crlf {
		t.Errorf("an evidence file changed: %q", got.String())
	}

	// A case file edited in Notepad: the case's text comes in with LF.
	imp := &incident.CaseFile{Case: cf.Case}
	imp.Case.Narrative = crlf
	id2, err := svc.ImportCase(ctx, imp, nil, "case-file:test.json")
	if err != nil {
		t.Fatal(err)
	}
	if c, _ = svc.Case(ctx, id2); c.Narrative != lf {
		t.Errorf("imported case: %q", c.Narrative)
	}
}
