package sqlite

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// canary returns a value that must never appear in the file as plain text.
func canary(name string) string { return "CANARY-" + name + "-泄露" }

// fullCase fills every store-facing feature of one case through the
// service, with a canary in every personal field.
type fullCase struct {
	id       int64
	caseIn   incident.Case
	leaked   incident.LeakedData
	account  incident.Account
	step     incident.Step
	comm     incident.Communication
	file     *incident.Exhibit
	fileData []byte
	record   *incident.Exhibit
}

func buildFullCase(t *testing.T, svc *incident.Service) *fullCase {
	t.Helper()
	ctx := t.Context()
	f := &fullCase{}
	f.caseIn = incident.Case{
		Title:        canary("title"),
		Victim:       incident.Victim{Name: canary("name"), IDNumber: "11010519491231002X", Phone: canary("phone"), Address: canary("address")},
		DiscoveredAt: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		Narrative:    canary("narrative"),
		SourceOrg:    canary("source-org"),
		SourceAddr:   canary("source-addr"),
		SourceKind:   incident.SourceCourier,
	}
	id, err := svc.CreateCase(ctx, f.caseIn)
	if err != nil {
		t.Fatal(err)
	}
	f.id = id
	if _, err := svc.RunIntake(ctx, id, incident.Intake{Leaked: []string{"phone"}, Happened: []string{"scam-contact"},
		SourceKind: "courier", SourceOrg: canary("intake-org"), Insider: "unsure"}); err != nil {
		t.Fatal(err)
	}
	f.leaked = incident.LeakedData{CaseID: id, Category: "other", Description: canary("leaked"), Count: 3}
	if err := svc.SaveLeaked(ctx, &f.leaked, incident.ValidCategory); err != nil {
		t.Fatal(err)
	}
	f.account = incident.Account{CaseID: id, Service: canary("service"), Login: canary("login"), Exposed: canary("exposed"),
		PasswordChanged: true, SessionsRevoked: true, Notes: canary("account-notes")}
	if err := svc.SaveAccount(ctx, &f.account); err != nil {
		t.Fatal(err)
	}
	f.step = incident.Step{CaseID: id, Title: canary("step-title"), Why: canary("why"), Status: incident.StepTodo,
		FollowUp: time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC), Notes: canary("step-notes"),
		Organisation: canary("org"), Channel: "phone", Reference: canary("step-ref")}
	if err := svc.SaveStep(ctx, &f.step); err != nil {
		t.Fatal(err)
	}
	f.comm = incident.Communication{CaseID: id, At: testNow().Add(-time.Hour), Direction: incident.Incoming, Channel: "phone",
		Counterpart: canary("counterpart"), Summary: canary("summary"), Reference: canary("comm-ref"), StepID: f.step.ID}
	if err := svc.SaveCommunication(ctx, &f.comm); err != nil {
		t.Fatal(err)
	}
	// Two chunks, with a canary in each.
	f.fileData = bytes.Repeat([]byte(canary("evidence-bytes")+"\n"), (incident.ChunkSize+64<<10)/len(canary("evidence-bytes")+"\n"))
	f.file, err = svc.AddExhibit(ctx, id, canary("file-name")+".txt", bytes.NewReader(f.fileData), int64(len(f.fileData)),
		incident.ImportOptions{Title: canary("exhibit-title"), Source: canary("exhibit-source"), Proves: canary("proves")})
	if err != nil {
		t.Fatal(err)
	}
	f.record, err = svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: incident.ExhibitWeb, Title: canary("record-title"),
		RecordNumber: canary("record-number"), RecordURL: "https://example.com/" + canary("url"), RecordText: canary("record-text")})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SetExhibitLinks(ctx, f.file.ID, []int64{f.step.ID}, []int64{f.comm.ID}); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRoundTripThroughService(t *testing.T) {
	sealer := newXORSealer()
	store, svc := openTest(t, Options{Sealer: sealer})
	ctx := t.Context()
	f := buildFullCase(t, svc)

	cf, err := svc.CaseFile(ctx, f.id)
	if err != nil {
		t.Fatal(err)
	}
	c := cf.Case
	in := f.caseIn
	if c.Title != in.Title || c.Victim != in.Victim || !c.DiscoveredAt.Equal(in.DiscoveredAt) || c.Narrative != in.Narrative ||
		c.SourceOrg != in.SourceOrg || c.SourceAddr != in.SourceAddr || c.SourceKind != in.SourceKind || c.Status != incident.CaseOpen {
		t.Errorf("case = %+v, want %+v", c, in)
	}
	if !c.CreatedAt.Equal(testNow()) || !c.UpdatedAt.Equal(testNow()) || !c.DeletedAt.IsZero() {
		t.Errorf("case times = %v %v %v", c.CreatedAt, c.UpdatedAt, c.DeletedAt)
	}
	if c.Intake.SourceOrg != canary("intake-org") || c.Intake.Insider != "unsure" || !slices.Equal(c.Intake.Leaked, []string{"phone"}) {
		t.Errorf("intake = %+v", c.Intake)
	}
	if len(cf.Leaked) != 1 || cf.Leaked[0] != f.leaked {
		t.Errorf("leaked = %+v, want %+v", cf.Leaked, f.leaked)
	}
	if len(cf.Accounts) != 1 || cf.Accounts[0] != f.account {
		t.Errorf("accounts = %+v, want %+v", cf.Accounts, f.account)
	}
	var step *incident.Step
	for i := range cf.Steps {
		if cf.Steps[i].ID == f.step.ID {
			step = &cf.Steps[i]
		}
	}
	if step == nil {
		t.Fatalf("step %d missing from %+v", f.step.ID, cf.Steps)
	}
	if !reflect.DeepEqual(*step, f.step) {
		t.Errorf("step = %+v, want %+v", *step, f.step)
	}
	if len(cf.Steps) < 2 {
		t.Errorf("the intake made no playbook steps: %+v", cf.Steps)
	}
	if len(cf.Communications) != 1 || !cf.Communications[0].At.Equal(f.comm.At) {
		t.Fatalf("communications = %+v", cf.Communications)
	}
	got := cf.Communications[0]
	got.At = f.comm.At
	if got != f.comm {
		t.Errorf("communication = %+v, want %+v", got, f.comm)
	}
	if len(cf.Exhibits) != 2 {
		t.Fatalf("exhibits = %+v", cf.Exhibits)
	}
	ex := cf.Exhibits[0]
	want := *f.file
	want.StepIDs, want.CommIDs = []int64{f.step.ID}, []int64{f.comm.ID}
	if !reflect.DeepEqual(ex, want) {
		t.Errorf("exhibit = %+v\nwant %+v", ex, want)
	}
	if r := cf.Exhibits[1]; r.RecordNumber != f.record.RecordNumber || r.RecordURL != f.record.RecordURL ||
		r.RecordText != f.record.RecordText || r.Title != f.record.Title || r.Number != 2 {
		t.Errorf("record = %+v, want %+v", r, f.record)
	}
	sum := sha256.Sum256(f.fileData)
	if ex.SHA256 != hex.EncodeToString(sum[:]) || ex.Size != int64(len(f.fileData)) {
		t.Errorf("exhibit hash/size = %s %d", ex.SHA256, ex.Size)
	}
	var buf bytes.Buffer
	if n, err := svc.WriteExhibitContent(ctx, ex.ID, &buf); err != nil || n != int64(len(f.fileData)) || !bytes.Equal(buf.Bytes(), f.fileData) {
		t.Errorf("content: n=%d err=%v equal=%v", n, err, bytes.Equal(buf.Bytes(), f.fileData))
	}
	if p := incident.CheckChain(f.id, cf.Events); p != nil || len(cf.Events) < 8 {
		t.Errorf("chain of %d events: %v", len(cf.Events), p)
	}
	if rep, err := svc.Verify(ctx, 0); err != nil || !rep.OK() || rep.Exhibits != 2 {
		t.Errorf("verify = %+v, %v", rep, err)
	}
	if err := svc.SetSetting(ctx, "ui.lang", "zh"); err != nil {
		t.Fatal(err)
	}
	if v, err := svc.Setting(ctx, "ui.lang", "en"); err != nil || v != "zh" {
		t.Errorf("setting = %q, %v", v, err)
	}
	if v, err := svc.Setting(ctx, "missing", "def"); err != nil || v != "def" {
		t.Errorf("missing setting = %q, %v", v, err)
	}
	list, err := svc.Cases(ctx, incident.CaseFilter{})
	if err != nil || len(list) != 1 || list[0].Title != in.Title || list[0].VictimName != in.Victim.Name || list[0].StepsTotal == 0 {
		t.Errorf("cases = %+v, %v", list, err)
	}
	dl, err := svc.Deadlines(ctx)
	if err != nil || len(dl) == 0 {
		t.Fatalf("deadlines = %+v, %v", dl, err)
	}
	found := false
	for _, d := range dl {
		if d.StepID == f.step.ID {
			found = d.CaseTitle == in.Title && d.Victim == in.Victim.Name && d.StepTitle == f.step.Title && d.Due.Equal(f.step.FollowUp)
		}
	}
	if !found {
		t.Errorf("deadlines miss step %d: %+v", f.step.ID, dl)
	}

	// A recording gets its length on import and keeps a transcript.
	amr := append([]byte("#!AMR\n"), bytes.Repeat(append([]byte{0x3C}, make([]byte, 31)...), 50)...)
	rec, err := svc.AddExhibit(ctx, f.id, "call.amr", bytes.NewReader(amr), int64(len(amr)), incident.ImportOptions{})
	if err != nil || rec.Duration != time.Second {
		t.Fatalf("recording: %+v, %v", rec, err)
	}
	tr := &incident.Transcript{Place: "家中", Speakers: "我；对方", Confirmed: true,
		Lines: []incident.TranscriptLine{{Offset: 0, Speaker: "对方", Text: "你好"}, {Offset: 900 * time.Millisecond, Speaker: "我", Text: "哪位"}}}
	if err := svc.SetTranscript(ctx, rec.ID, tr); err != nil {
		t.Fatal(err)
	}
	if got, err := svc.Exhibit(ctx, rec.ID); err != nil || !reflect.DeepEqual(got.Transcript, tr) || got.Duration != time.Second {
		t.Errorf("transcript back = %+v, %v", got, err)
	}

	// A matter (issue 13) and its respondent, under the vault key.
	mid, err := svc.CreateMatter(ctx, incident.Matter{Title: canary("matter"), Respondent: incident.Respondent{
		Name: canary("respondent"), Addr: canary("respondent-addr"), Contacts: []string{canary("contact")}}})
	if err != nil {
		t.Fatal(err)
	}
	if mf, err := svc.Matter(ctx, mid); err != nil || mf.Matter.Respondent.Contacts[0] != canary("contact") {
		t.Errorf("matter back = %+v, %v", mf, err)
	}

	// Every personal column went through the sealer, and only those.
	wantSealed := []string{
		"matter.title", "matter.respondent_name", "matter.respondent_addr", "matter.meta",
		"cases.title", "cases.victim_name", "cases.victim_id_number", "cases.victim_phone", "cases.victim_address",
		"cases.narrative", "cases.source_org", "cases.source_addr", "cases.intake_source_org", "cases.meta",
		"leaked_data.description", "leaked_data.meta", "account.service", "account.login", "account.exposed", "account.notes", "account.meta",
		"step.title", "step.why", "step.notes", "step.organisation", "step.reference", "step.meta",
		"communication.counterpart", "communication.summary", "communication.reference", "communication.meta",
		"exhibit.title", "exhibit.source", "exhibit.proves", "exhibit.file_name", "exhibit.record_number",
		"exhibit.record_url", "exhibit.record_text", "exhibit.meta", "exhibit_chunk.data", "event.data", "event.meta", "exhibit_transcript.body",
	}
	var seen []string
	for k := range sealer.seen {
		seen = append(seen, k)
	}
	sort.Strings(seen)
	sort.Strings(wantSealed)
	if !slices.Equal(seen, wantSealed) {
		t.Errorf("sealed columns:\n got %v\nwant %v", seen, wantSealed)
	}
	// ... and every BLOB column of the schema is one of them, apart from
	// the vault's own (wrapped keys, the header and the case manifests,
	// which only an encrypted store keeps).
	blobs := slices.DeleteFunc(blobColumns(t, store), func(c string) bool {
		return c == "vault.header" || c == "case_key.wrapped" || c == "case_manifest.body"
	})
	// The encryption migration reseals exactly these columns too.
	resealed := []string{"exhibit_chunk.data"}
	for _, st := range sealedTables() {
		for _, c := range st.cols {
			resealed = append(resealed, st.name+"."+c)
		}
	}
	sort.Strings(resealed)
	if !slices.Equal(resealed, wantSealed) {
		t.Errorf("resealed columns %v differ from sealed columns %v", resealed, wantSealed)
	}
	if !slices.Equal(blobs, wantSealed) {
		t.Errorf("BLOB columns %v differ from sealed columns %v", blobs, wantSealed)
	}

	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(dbPath(store))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"matter", "respondent", "respondent-addr", "contact", "title", "name", "phone", "address", "narrative", "source-org", "source-addr",
		"intake-org", "leaked", "service", "login", "exposed", "account-notes", "step-title", "why", "step-notes",
		"org", "step-ref", "counterpart", "summary", "comm-ref", "evidence-bytes", "file-name", "exhibit-title",
		"exhibit-source", "proves", "record-title", "record-number", "url", "record-text"} {
		if bytes.Contains(raw, []byte(canary(name))) {
			t.Errorf("plain %q found in the database file", canary(name))
		}
	}
	if bytes.Contains(raw, []byte("11010519491231002X")) {
		t.Error("plain ID number found in the database file")
	}
}

func blobColumns(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.rdb.QueryContext(t.Context(), `SELECT m.name, p.name, p.type FROM sqlite_schema m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var table, col, typ string
		if err := rows.Scan(&table, &col, &typ); err != nil {
			t.Fatal(err)
		}
		if strings.EqualFold(typ, "BLOB") {
			out = append(out, table+"."+col)
		}
	}
	sort.Strings(out)
	return out
}

// TestTxDirect covers what the service reaches only indirectly: not-found
// errors, updates, deletes, the step summary and append-only events.
func TestTxDirect(t *testing.T) {
	store, svc := openTest(t, Options{Sealer: newXORSealer()})
	ctx := t.Context()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	err = store.View(ctx, func(tx incident.Tx) error {
		for kind, get := range map[string]func() error{
			"case":          func() error { _, err := tx.GetCase(999); return err },
			"leaked data":   func() error { _, err := tx.GetLeaked(999); return err },
			"account":       func() error { _, err := tx.GetAccount(999); return err },
			"step":          func() error { _, err := tx.GetStep(999); return err },
			"communication": func() error { _, err := tx.GetCommunication(999); return err },
			"exhibit":       func() error { _, err := tx.GetExhibit(999); return err },
			"content":       func() error { _, err := tx.ReadExhibitContent(999, nil); return err },
		} {
			if !incident.IsNotFound(get()) {
				t.Errorf("%s: want not-found, got %v", kind, get())
			}
		}
		if _, ok, err := tx.LastEvent(999); ok || err != nil {
			t.Errorf("LastEvent of missing case: %v %v", ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Writes inside View fail.
	if err := store.View(ctx, func(tx incident.Tx) error { return tx.SetSetting("a", "b") }); err == nil {
		t.Error("write inside View succeeded")
	}

	err = store.Update(ctx, func(tx incident.Tx) error {
		for _, del := range []func(int64) error{tx.DeleteCase, tx.DeleteLeaked, tx.DeleteAccount, tx.DeleteStep, tx.DeleteCommunication, tx.DeleteExhibit} {
			if !incident.IsNotFound(del(999)) {
				t.Error("delete of a missing row is not NotFound")
			}
		}
		if err := tx.SaveStep(&incident.Step{CaseID: 999, Title: "x", Status: incident.StepTodo}); !incident.IsNotFound(err) {
			t.Errorf("step in a missing case: %v", err)
		}
		if err := tx.SaveStep(&incident.Step{ID: 999, CaseID: id, Title: "x", Status: incident.StepTodo}); !incident.IsNotFound(err) {
			t.Errorf("update of a missing step: %v", err)
		}
		// The summary: retired and not-applicable steps do not count; the
		// next follow-up is the earliest of unfinished steps.
		d := func(day int) time.Time { return time.Date(2025, 4, day, 0, 0, 0, 0, time.UTC) }
		for _, s := range []incident.Step{
			{Status: incident.StepTodo, FollowUp: d(9)},
			{Status: incident.StepDoing, FollowUp: d(5)},
			{Status: incident.StepDone, FollowUp: d(1)},
			{Status: incident.StepSkipped},
			{Status: incident.StepNotApplicable, FollowUp: d(2)},
			{Status: incident.StepTodo, FollowUp: d(3), Retired: true},
		} {
			s.CaseID, s.Title = id, "s"
			if err := tx.SaveStep(&s); err != nil {
				return err
			}
		}
		list, err := tx.ListCases(incident.CaseQuery{})
		if err != nil {
			return err
		}
		if len(list) != 1 || list[0].StepsTotal != 4 || list[0].StepsDone != 2 || !list[0].NextFollowUp.Equal(d(5)) {
			t.Errorf("summary = %+v", list)
		}
		fu, err := tx.FollowUps()
		if err != nil {
			return err
		}
		if len(fu) != 2 || !fu[0].Due.Equal(d(5)) || !fu[1].Due.Equal(d(9)) {
			t.Errorf("follow-ups = %+v", fu)
		}
		// Events only grow at the end of the chain.
		last, _, err := tx.LastEvent(id)
		if err != nil {
			return err
		}
		bad := incident.Event{CaseID: id, Seq: last.Seq + 2, At: testNow(), Kind: "x", PrevHash: last.Hash}
		bad.Hash = bad.ComputeHash()
		if err := tx.AppendEvent(&bad); err == nil {
			t.Error("an event skipping a sequence number was stored")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"UPDATE event SET kind = 'x'", "DELETE FROM event"} {
		if _, err := store.wdb.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: the append-only trigger let it through", q)
		}
	}
	// Deleting the case takes its events along.
	if err := store.Update(ctx, func(tx incident.Tx) error { return tx.DeleteCase(id) }); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := store.rdb.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM event) + (SELECT count(*) FROM step)").Scan(&n); err != nil || n != 0 {
		t.Errorf("rows left after deleting the case: %d, %v", n, err)
	}
	var _ = sql.ErrNoRows
}
