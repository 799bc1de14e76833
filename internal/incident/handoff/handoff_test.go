package handoff_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/bundle"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/handoff"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/vault"
)

func clock() incident.FixedClock {
	return incident.FixedClock{T: time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)}
}

func open(t *testing.T, encrypted bool) (*sqlite.Store, *incident.Service) {
	t.Helper()
	s, err := sqlite.Open(t.TempDir(), sqlite.Options{Clock: clock(), NoAutoBackup: true,
		KDF: vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if encrypted {
		if _, err := s.EnableEncryption(t.Context(), []byte("pass phrase 七 orchid lamp")); err != nil {
			t.Fatal(err)
		}
	}
	return s, incident.NewService(s, clock())
}

// seed makes a case with a step, a communication and two exhibits, one of
// them spanning two chunks.
func seed(t *testing.T, svc *incident.Service) (int64, [][]byte) {
	t.Helper()
	ctx := t.Context()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "快递信息泄露", Victim: incident.Victim{Name: "张三", IDNumber: "11010519491231002X", Phone: "13800000000"},
		SourceKind: incident.SourceCourier, Narrative: "收到诈骗电话。"})
	if err != nil {
		t.Fatal(err)
	}
	st := incident.Step{CaseID: id, Title: "报警", Status: incident.StepTodo, Channel: "110", Notes: "带身份证"}
	if err := svc.SaveStep(ctx, &st); err != nil {
		t.Fatal(err)
	}
	cm := incident.Communication{CaseID: id, At: clock().T.Add(-time.Hour), Direction: incident.Incoming, Channel: "phone",
		Counterpart: "冒充客服", Summary: "索要验证码", StepID: st.ID}
	if err := svc.SaveCommunication(ctx, &cm); err != nil {
		t.Fatal(err)
	}
	files := [][]byte{bytes.Repeat([]byte("截图"), incident.ChunkSize/3+1000), []byte("短信原文")}
	for i, b := range files {
		if _, err := svc.AddExhibit(ctx, id, []string{"shot.png", "sms.txt"}[i], bytes.NewReader(b), int64(len(b)),
			incident.ImportOptions{Title: "证据"}); err != nil {
			t.Fatal(err)
		}
	}
	return id, files
}

func TestRoundTrip(t *testing.T) {
	ctx := t.Context()
	_, src := open(t, true)
	id, files := seed(t, src)
	_, dst := open(t, true)
	secret, public, err := handoff.InstallIdentity(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	if s2, p2, _ := handoff.InstallIdentity(ctx, dst); s2 != secret || p2 != public {
		t.Fatal("the install key changed between calls")
	}
	to, err := handoff.ToKey(public)
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := handoff.Export(ctx, src, id, &file, to); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(file.Bytes(), []byte("11010519491231002X")) || bytes.Contains(file.Bytes(), files[1]) {
		t.Fatal("bundle holds plain text")
	}
	idn, _ := bundle.X25519Identity(secret)
	newID, err := handoff.Import(ctx, dst, bytes.NewReader(file.Bytes()), idn, bundle.Limits{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	a, err := src.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := dst.CaseFile(ctx, newID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Case.Victim != b.Case.Victim || a.Case.Title != b.Case.Title || a.Case.Narrative != b.Case.Narrative ||
		len(a.Steps) != len(b.Steps) || len(a.Communications) != len(b.Communications) || len(b.Exhibits) != len(files) {
		t.Fatalf("case differs:\n%+v\n%+v", a.Case, b.Case)
	}
	for i, e := range b.Exhibits {
		if e.SHA256 != a.Exhibits[i].SHA256 || e.FileName != a.Exhibits[i].FileName {
			t.Errorf("exhibit %d: %s %q vs %s %q", i, e.SHA256, e.FileName, a.Exhibits[i].SHA256, a.Exhibits[i].FileName)
		}
		var got bytes.Buffer
		if _, err := dst.WriteExhibitContent(ctx, e.ID, &got); err != nil || !bytes.Equal(got.Bytes(), files[i]) {
			t.Errorf("exhibit %d bytes differ: %v", i, err)
		}
	}
	if last := a.Events[len(a.Events)-1]; last.Kind != "bundle.exported" || last.Data["to"] != "age-key" || last.Data["recipient"] != public {
		t.Errorf("source history ends with %+v", last)
	}
	if last := b.Events[len(b.Events)-1]; last.Kind != "bundle.imported" || len(last.Data["bundle_sha256"]) != 64 {
		t.Errorf("target history ends with %+v", last)
	}
	if rep, err := dst.Verify(ctx, newID); err != nil || !rep.OK() {
		t.Errorf("verify: %+v %v", rep, err)
	}
}

func TestPassphraseRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("scrypt at age's cost")
	}
	// Through the file workflows the window and the CLI use: the receiver
	// learns from the file that it wants a passphrase.
	ctx := t.Context()
	_, src := open(t, false)
	id, _ := seed(t, src)
	_, dst := open(t, false)
	pass := "shared secret words 七 orchid lamp"
	to, err := handoff.ToPassphrase(pass)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "case.leakcase")
	if err := handoff.ExportFile(ctx, src, id, path, to); err != nil {
		t.Fatal(err)
	}
	if ask, err := handoff.NeedsPassphrase(path); err != nil || !ask {
		t.Fatalf("passphrase bundle: ask %v, %v", ask, err)
	}
	got, err := handoff.ImportFile(ctx, dst, path, &pass)
	if err != nil {
		t.Fatal(err)
	}
	if cf, err := dst.CaseFile(ctx, got); err != nil || cf.Case.Victim.Name != "张三" || len(cf.Exhibits) != 2 {
		t.Fatalf("imported %+v, %v", cf, err)
	}
}

// TestImportRefuses: a flipped byte anywhere, a cut file and a wrong key
// are refused with their own message, and nothing reaches the store.
func TestImportRefuses(t *testing.T) {
	ctx := t.Context()
	_, src := open(t, false)
	id, _ := seed(t, src)
	_, dst := open(t, false)
	secret, public, err := handoff.InstallIdentity(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	to, _ := handoff.ToKey(public)
	var file bytes.Buffer
	if err := handoff.Export(ctx, src, id, &file, to); err != nil {
		t.Fatal(err)
	}
	good := file.Bytes()
	idn, _ := bundle.X25519Identity(secret)
	otherSecret, _, _ := bundle.GenerateIdentity()
	other, _ := bundle.X25519Identity(otherSecret)
	flip := func(at int) []byte { b := bytes.Clone(good); b[at] ^= 0x01; return b }
	for _, tc := range []struct {
		name string
		data []byte
		id   bundle.Identity
		msg  string
	}{
		{"wrong key", good, other, "not for this install's key"},
		{"flipped in the header", flip(40), idn, ""},
		{"flipped in the payload", flip(len(good) / 2), idn, "damaged or was altered"},
		{"flipped at the end", flip(len(good) - 1), idn, "damaged or was altered"},
		{"truncated", good[:len(good)-70000], idn, "incomplete"},
		{"cut in half", good[:len(good)/2], idn, "incomplete"},
		{"empty", nil, idn, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := handoff.Import(ctx, dst, bytes.NewReader(tc.data), tc.id, bundle.Limits{TempDir: t.TempDir()})
			if err == nil {
				t.Fatal("imported")
			}
			msg := incident.UserMessage(err, "en")
			if tc.msg != "" && !strings.Contains(msg, tc.msg) {
				t.Errorf("message %q, want it to say %q", msg, tc.msg)
			}
			if incident.ErrorCode(err) == incident.CodeInternal {
				t.Errorf("no clear message: %v", err)
			}
		})
	}
	if list, err := dst.Cases(context.Background(), incident.CaseFilter{}); err != nil || len(list) != 0 {
		t.Fatalf("cases after refused imports: %v %v", list, err)
	}
}

func TestLockedStore(t *testing.T) {
	ctx := t.Context()
	s, svc := open(t, true)
	id, _ := seed(t, svc)
	s.Lock()
	_, _, err := handoff.InstallIdentity(ctx, svc)
	if incident.ErrorCode(err) != incident.CodeLocked {
		t.Fatalf("identity while locked: %v", err)
	}
	if _, err := handoff.ToPassphrase("x"); incident.ErrorCode(err) != incident.CodeInvalid {
		t.Fatalf("a one-letter bundle passphrase: %v", err)
	}
	to, _ := handoff.ToPassphrase("x 七 orchid lamp river")
	if err := handoff.Export(ctx, svc, id, &bytes.Buffer{}, to); incident.ErrorCode(err) != incident.CodeLocked {
		t.Fatalf("export while locked: %v", err)
	}
}

// The file workflows the window and `leakdesk bundle` share (the passphrase
// leg is TestPassphraseRoundTrip): export to the other install's key
// through a temporary file; the receiving side learns it needs no
// passphrase, then imports. A failed write leaves no file and an existing
// one untouched.
func TestFileWorkflows(t *testing.T) {
	ctx := t.Context()
	_, src := open(t, false)
	id, _ := seed(t, src)
	_, dst := open(t, false)
	dir := t.TempDir()

	_, public, err := handoff.InstallIdentity(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	rcpt, err := handoff.ToKey(public)
	if err != nil {
		t.Fatal(err)
	}
	toKey := filepath.Join(dir, "key.leakcase")
	if err := handoff.ExportFile(ctx, src, id, toKey, rcpt); err != nil {
		t.Fatal(err)
	}
	if ask, err := handoff.NeedsPassphrase(toKey); err != nil || ask {
		t.Fatalf("key bundle: ask %v, %v", ask, err)
	}
	if _, err := handoff.ImportFile(ctx, dst, toKey, nil); err != nil {
		t.Fatal(err)
	}

	// Unwritable target: a clear message, no file; an existing file stays.
	bad := filepath.Join(dir, "missing", "x.leakcase")
	err = handoff.ExportFile(ctx, src, id, bad, rcpt)
	if incident.ErrorCode(err) != incident.CodeInternal || !strings.Contains(incident.UserMessage(err, "en"), "no file was created") {
		t.Fatalf("unwritable: %v", err)
	}
	if err := handoff.ExportFile(ctx, src, 9999, toKey, rcpt); !incident.IsNotFound(err) {
		t.Fatalf("unknown case: %v", err)
	}
	if ask, err := handoff.NeedsPassphrase(toKey); err != nil || ask {
		t.Fatal("a failed export damaged the file already there")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1 (temporary files left?)", len(entries))
	}
	if _, err := handoff.ImportFile(ctx, dst, filepath.Join(dir, "nope.leakcase"), nil); incident.ErrorCode(err) != incident.CodeInvalid {
		t.Errorf("missing file: %v", err)
	}
}

// Issue 13: a bundle carries the victim's authorisation and consent, and
// the matter as a reference; the receiving install imports the case whole,
// on its own, and its history says which matter it was in.
func TestRoundTripMatterFacts(t *testing.T) {
	ctx := t.Context()
	_, src := open(t, true)
	id, _ := seed(t, src)
	mid, err := src.CreateMatter(ctx, incident.Matter{Title: "某楼盘业主", Respondent: incident.Respondent{Name: "某房地产开发有限公司", Kind: incident.SourceRealEstate}})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.AddCaseToMatter(ctx, mid, id); err != nil {
		t.Fatal(err)
	}
	if err := src.SetAgent(ctx, incident.Agent{Name: "陈律"}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.IssueAuthorisation(ctx, id, time.Time{}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := src.MarkAuthorisationSigned(ctx, id, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := src.SetJointConsent(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	_, dst := open(t, true)
	secret, public, err := handoff.InstallIdentity(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	to, _ := handoff.ToKey(public)
	var file bytes.Buffer
	if err := handoff.Export(ctx, src, id, &file, to); err != nil {
		t.Fatal(err)
	}
	idn, _ := bundle.X25519Identity(secret)
	newID, err := handoff.Import(ctx, dst, bytes.NewReader(file.Bytes()), idn, bundle.Limits{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := src.Case(ctx, id)
	b, err := dst.Case(ctx, newID)
	if err != nil {
		t.Fatal(err)
	}
	if b.Authorisation == nil || *b.Authorisation != *a.Authorisation || !b.JointConsent.Equal(a.JointConsent) {
		t.Errorf("authorisation %+v consent %v, want %+v %v", b.Authorisation, b.JointConsent, a.Authorisation, a.JointConsent)
	}
	if m, _ := dst.CaseMatter(ctx, newID); m != 0 {
		t.Errorf("the case joined matter %d of an install that has none", m)
	}
	mi, ok, err := dst.ImportedMatter(ctx, newID)
	if err != nil || !ok || mi.Reference != incident.MatterNumber(mid) || mi.Title != "某楼盘业主" || mi.Respondent != "某房地产开发有限公司" || len(mi.Here) != 0 {
		t.Errorf("imported matter %+v %v %v", mi, ok, err)
	}
}
