package sqlite

import (
	"context"
	"slices"
	"strings"
	"testing"

	"leakdesk/internal/incident"
)

// Issue 13 through the service and the store: a matter's respondent is
// written into every case that joins and follows a change, a case belongs
// to one matter, leaving keeps the case whole, and the list counts live
// cases.
func TestMatterWorkflow(t *testing.T) {
	_, svc := openTest(t, Options{})
	ctx := context.Background()
	var ids []int64
	for _, name := range []string{"王一", "李二", "赵三"} {
		id, err := svc.CreateCase(ctx, incident.Case{Title: "购房信息泄露", Victim: incident.Victim{Name: name}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	m := incident.Matter{Title: "某楼盘业主", Respondent: incident.Respondent{Name: "某房地产开发有限公司",
		Addr: "某市某路1号", Kind: incident.SourceRealEstate, Contacts: []string{" 0755-1234 ", "0755-1234", ""}}}
	mid, err := svc.CreateMatter(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if err := svc.AddCaseToMatter(ctx, mid, id); err != nil {
			t.Fatal(err)
		}
	}
	c, _ := svc.Case(ctx, ids[1])
	if c.SourceOrg != "某房地产开发有限公司" || c.SourceKind != incident.SourceRealEstate || c.SourceAddr != "某市某路1号；联系方式：0755-1234" {
		t.Fatalf("respondent not applied: %+v", c)
	}
	// A second matter cannot take a case that is in the first.
	other, err := svc.CreateMatter(ctx, incident.Matter{Title: "另一个", Respondent: incident.Respondent{Name: "某公司"}})
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, svc.AddCaseToMatter(ctx, other, ids[0]), incident.CodeConflict)
	// A change shows where it applies.
	mf, err := svc.Matter(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if len(mf.Cases) != 3 || !slices.Equal(mf.Matter.Respondent.Contacts, []string{"0755-1234"}) {
		t.Fatalf("matter file: %+v", mf)
	}
	mf.Matter.Respondent.Addr = "某市某路2号"
	applied, err := svc.UpdateMatter(ctx, mf.Matter)
	if err != nil || len(applied) != 3 {
		t.Fatalf("applied to %v, %v", applied, err)
	}
	// Leaving keeps the case whole, respondent included.
	if err := svc.RemoveCaseFromMatter(ctx, mid, ids[2]); err != nil {
		t.Fatal(err)
	}
	wantCode(t, svc.RemoveCaseFromMatter(ctx, mid, ids[2]), incident.CodeNotFound)
	cf, err := svc.CaseFile(ctx, ids[2])
	if err != nil || cf.Case.SourceAddr != "某市某路2号；联系方式：0755-1234" || cf.Case.Victim.Name != "赵三" {
		t.Fatalf("left case: %+v, %v", cf, err)
	}
	if k := cf.Events[len(cf.Events)-1].Kind; k != incident.EventMatterLeft {
		t.Errorf("last event %q", k)
	}
	if mm, _ := svc.CaseMatter(ctx, ids[2]); mm != 0 {
		t.Errorf("left case still in matter %d", mm)
	}
	// A deleted case is not counted.
	if err := svc.DeleteCase(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	list, err := svc.Matters(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("list %+v, %v", list, err)
	}
	for _, s := range list {
		if s.ID == mid && (s.Cases != 1 || s.RespondentName != "某房地产开发有限公司" || s.Title != "某楼盘业主") {
			t.Errorf("summary %+v", s)
		}
	}
	// Consent to the joint documents survives a details edit.
	if err := svc.SetJointConsent(ctx, ids[0], true); err != nil {
		t.Fatal(err)
	}
	c, _ = svc.Case(ctx, ids[0])
	c.Narrative = "接到推销电话"
	if err := svc.UpdateCase(ctx, *c); err != nil {
		t.Fatal(err)
	}
	if c, _ = svc.Case(ctx, ids[0]); c.JointConsent.IsZero() {
		t.Error("consent lost by a details edit")
	}
	// Bad input is refused with the field.
	_, err = svc.CreateMatter(ctx, incident.Matter{Title: "x"})
	if de := wantCode(t, err, incident.CodeInvalid); de != nil && de.Field != "respondent.name" {
		t.Errorf("field %q", de.Field)
	}
	wantCode(t, svc.AddCaseToMatter(ctx, 999, ids[0]), incident.CodeNotFound)
	// Deleting a matter leaves its cases.
	if err := svc.DeleteMatter(ctx, mid); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Case(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if mm, _ := svc.CaseMatter(ctx, ids[0]); mm != 0 {
		t.Errorf("case still in deleted matter %d", mm)
	}
}

// In an encrypted store a matter's names are sealed, survive a passphrase
// change (which re-keys the vault) and turning encryption off, and are not
// listed while locked.
func TestMatterSealed(t *testing.T) {
	dir := t.TempDir()
	s, svc := openVaultTest(t, dir)
	ctx := t.Context()
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	cid, err := svc.CreateCase(ctx, incident.Case{Title: "x", SourceKind: incident.SourceUnknown})
	if err != nil {
		t.Fatal(err)
	}
	mid, err := svc.CreateMatter(ctx, incident.Matter{Title: canary("matter-title"), Respondent: incident.Respondent{
		Name: canary("respondent"), Addr: canary("respondent-addr"), Contacts: []string{canary("contact")}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.AddCaseToMatter(ctx, mid, cid); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetJointConsent(ctx, cid, true); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		mf, err := svc.Matter(ctx, mid)
		if err != nil || mf.Matter.Respondent.Name != canary("respondent") || len(mf.Cases) != 1 ||
			mf.Matter.Respondent.Contacts[0] != canary("contact") {
			t.Fatalf("%s: %+v, %v", when, mf, err)
		}
	}
	check("sealed")
	s.Close()
	for _, name := range []string{"matter-title", "respondent", "respondent-addr", "contact"} {
		if hits := fileHas(t, dir, canary(name)); len(hits) != 0 {
			t.Errorf("%s in clear in %v", name, hits)
		}
	}
	s, svc = openVaultTest(t, dir)
	_, err = svc.Matters(ctx)
	wantCode(t, err, incident.CodeLocked)
	if err := s.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	check("reopened")
	if _, err := s.ChangePassphrase(ctx, testPass, testPass2); err != nil {
		t.Fatal(err)
	}
	check("after a passphrase change")
	s.Lock()
	if err := s.Unlock(testPass2); err != nil {
		t.Fatal(err)
	}
	check("unlocked with the new passphrase")
	if c, _ := svc.Case(ctx, cid); c.JointConsent.IsZero() {
		t.Error("consent lost")
	}
	if err := s.DisableEncryption(ctx, testPass2); err != nil {
		t.Fatal(err)
	}
	check("decrypted")
}

// The matter's reading adds up every victim's records by category (Art.
// 11) and names who holds which; each victim's own reading is unchanged.
func TestMatterReadingAddsUpVictims(t *testing.T) {
	_, svc := openTest(t, Options{})
	ctx := context.Background()
	mid, err := svc.CreateMatter(ctx, incident.Matter{Title: "业主", Respondent: incident.Respondent{Name: "某开发商", Kind: incident.SourceRealEstate}})
	if err != nil {
		t.Fatal(err)
	}
	counts := []map[string]int64{{"property": 30, "other": 100}, {"property": 25}, {}}
	var ids []int64
	for i, cs := range counts {
		id, err := svc.CreateCase(ctx, incident.Case{Title: "t", Victim: incident.Victim{Name: []string{"王一", "李二", ""}[i]}})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"property", "other"} {
			if n := cs[k]; n > 0 {
				if err := svc.SaveLeaked(ctx, &incident.LeakedData{CaseID: id, Category: k, Count: n}, incident.ValidCategory); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := svc.AddCaseToMatter(ctx, mid, id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	r, err := svc.MatterAssess(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if r.Victims != 3 || r.WithRecords != 2 || len(r.Categories) != 2 || r.Categories[0].Key != "property" ||
		r.Categories[0].Total != 55 || len(r.Categories[0].Parts) != 2 || r.Categories[0].Parts[1].Victim != "李二" {
		t.Fatalf("reading: %+v", r)
	}
	// 55 property records pass the standard of 50 only together.
	if r.Result.Verdict != "serious" {
		t.Errorf("joint verdict %q", r.Result.Verdict)
	}
	if own, err := svc.Assess(ctx, ids[0]); err != nil || own.Verdict != "below" {
		t.Errorf("victim's own reading changed: %q, %v", own.Verdict, err)
	}
	sum := r.Summary("zh")
	for _, want := range []string{"共 3 名受害人", "财产信息共 55 条（王一 30 条、李二 25 条）", "第十一条"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q: %s", want, sum)
		}
	}
}
