package sqlite

import (
	"bytes"
	"context"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/caseformat"
)

// Issue 13: what of a matter travels with one case in a case file
// (docs/case-format.md, version 2): the victim's authorisation and consent
// are hers and arrive with her case; the matter arrives as a reference
// that joins nothing by itself, and the import says so.
func TestCaseFileCarriesMatterFacts(t *testing.T) {
	ctx := context.Background()
	_, svc := openTest(t, Options{})
	var ids []int64
	for _, name := range []string{"王一", "李二"} {
		id, err := svc.CreateCase(ctx, incident.Case{Title: "购房信息泄露", Victim: incident.Victim{Name: name}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	mid, err := svc.CreateMatter(ctx, incident.Matter{Title: "某楼盘业主", Respondent: incident.Respondent{Name: "某房地产开发有限公司",
		Addr: "某市某路1号", Kind: incident.SourceRealEstate, Contacts: []string{"0755-1234"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if err := svc.AddCaseToMatter(ctx, mid, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.SetAgent(ctx, incident.Agent{Name: "陈律", Org: "某大学法律援助中心"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.IssueAuthorisation(ctx, ids[0], time.Time{}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := svc.MarkAuthorisationSigned(ctx, ids[0], time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetJointConsent(ctx, ids[0], true); err != nil {
		t.Fatal(err)
	}
	export := func(id int64) []byte {
		cf, err := svc.ExportCaseFile(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := caseformat.Encode(&buf, cf, nil, true); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	doc := export(ids[0])
	if !bytes.Contains(doc, []byte(`"version": 2`)) || !bytes.Contains(doc, []byte(`"reference":"M-1"`)) {
		t.Fatalf("file: %.600s", doc)
	}
	importInto := func(svc *incident.Service, doc []byte) int64 {
		cf, contents, err := caseformat.Decode(bytes.NewReader(doc), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		id, err := svc.ImportCase(ctx, cf, contents.Open, "case-file:test.json")
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	want, _ := svc.Case(ctx, ids[0])

	// Into an install without the matter: whole, on its own, and said so.
	_, other := openTest(t, Options{})
	got := importInto(other, doc)
	c, _ := other.Case(ctx, got)
	if c.Authorisation == nil || *c.Authorisation != *want.Authorisation || !c.JointConsent.Equal(want.JointConsent) ||
		c.SourceOrg != "某房地产开发有限公司" || c.SourceAddr != want.SourceAddr {
		t.Errorf("imported case %+v %+v, want %+v %+v", c, c.Authorisation, want, want.Authorisation)
	}
	if m, _ := other.CaseMatter(ctx, got); m != 0 {
		t.Errorf("joined matter %d", m)
	}
	mi, ok, err := other.ImportedMatter(ctx, got)
	if err != nil || !ok || mi.Reference != "M-1" || len(mi.Here) != 0 {
		t.Fatalf("imported matter %+v %v %v", mi, ok, err)
	}
	if n := mi.Note(got, "zh"); !strings.Contains(n, "M-1“某楼盘业主”") || !strings.Contains(n, "没有加入任何共同事项") {
		t.Errorf("note: %s", n)
	}
	// Into the install that has it: still on its own (a copy beside the
	// original would name the victim twice), the matter offered.
	again := importInto(svc, doc)
	if m, _ := svc.CaseMatter(ctx, again); m != 0 {
		t.Errorf("the copy joined matter %d", m)
	}
	mi, ok, _ = svc.ImportedMatter(ctx, again)
	if !ok || !slices.Equal(mi.Here, []int64{mid}) || !strings.Contains(mi.Note(again, "en"), "matter add-case --matter 1 --case") {
		t.Errorf("imported matter here: %+v", mi)
	}
	// A case in no matter with no authorisation writes none of it.
	if err := svc.RemoveCaseFromMatter(ctx, mid, ids[1]); err != nil {
		t.Fatal(err)
	}
	if doc := export(ids[1]); bytes.Contains(doc, []byte(`"matter"`)) || bytes.Contains(doc, []byte(`"authorisation"`)) || bytes.Contains(doc, []byte(`"joint_consent"`)) {
		t.Errorf("file of a case outside any matter: %.600s", doc)
	}
}

// A file of the format's first version (written by leakdesk before issue
// 13) still imports, with no matter facts.
func TestCaseFileVersion1Imports(t *testing.T) {
	ctx := context.Background()
	doc, err := os.ReadFile("../caseformat/testdata/v1-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, []byte(`"version": 1`)) {
		t.Fatal("the fixture is not a version 1 file")
	}
	// The demo's dates lie after the store's usual test clock.
	clock := incident.FixedClock{T: time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)}
	_, svc := openTest(t, Options{Clock: clock, NoAutoBackup: true})
	cf, contents, err := caseformat.Decode(bytes.NewReader(doc), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	id, err := svc.ImportCase(ctx, cf, contents.Open, "case-file:v1-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := svc.CaseFile(ctx, id)
	if c.Case.Authorisation != nil || !c.Case.JointConsent.IsZero() || len(c.Exhibits) != len(cf.Exhibits) || len(cf.Exhibits) == 0 {
		t.Errorf("imported: %+v, %d exhibits", c.Case, len(c.Exhibits))
	}
	if _, ok, _ := svc.ImportedMatter(ctx, id); ok {
		t.Error("a version 1 file named a matter")
	}
	// Written again, it is a version 2 file that reads back the same.
	var buf bytes.Buffer
	if err := caseformat.Encode(&buf, c, func(i int) (io.ReadCloser, error) {
		var b bytes.Buffer
		_, err := svc.WriteExhibitContent(ctx, c.Exhibits[i].ID, &b)
		return io.NopCloser(&b), err
	}, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := caseformat.Decode(&buf, 1<<20); err != nil {
		t.Fatal(err)
	}
}
