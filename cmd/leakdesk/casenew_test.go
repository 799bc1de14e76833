package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/report"
)

var updateGolden = flag.Bool("update", false, "rewrite the packet goldens in internal/report/testdata/answers")

const answersDir = "../../internal/report/testdata/answers"

// TestCaseNewAnswers: `case new --answers` makes the case and the plan the
// GUI intake makes (the same service call), prints the ID, and names the
// JSON path of a bad answer.
//
// Not parallel: it swaps os.Stdin for the "-" case.
func TestCaseNewAnswers(t *testing.T) {
	dir := t.TempDir()
	fixture := filepath.Join(answersDir, "courier-scam.json")
	if got := strings.TrimSpace(mustRun(t, dir, "case", "new", "--answers", fixture)); got != "1" {
		t.Fatalf("case new printed %q", got)
	}
	var a answersFile
	raw, _ := os.ReadFile(fixture)
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range playbook.Plan(playbook.Answers{Leaked: a.Leaked, Happened: a.Happened, SourceKind: a.SourceKind,
		SourceOrg: a.SourceOrg, Insider: a.Insider, Grounds: a.Grounds}) {
		want = append(want, s.Kind)
	}
	var plan struct {
		Steps []struct{ Kind string } `json:"steps"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "plan", "--case", "1", "--json")), &plan); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range plan.Steps {
		got = append(got, s.Kind)
	}
	if !slices.Equal(got, want) {
		t.Errorf("plan %v, want the intake's %v", got, want)
	}
	// Standard input works too.
	r := cliRunStdin(t, dir, `{"title":"只有标题"}`, "case", "new", "--answers", "-")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "2" {
		t.Errorf("stdin: %+v", r)
	}
	bad := []struct{ json, path string }{
		{`{"title":"x","happened":["scam-contact","alien"]}`, "happened[1]: unknown answer \"alien\""},
		{`{"title":"x","leaked":"phone"}`, "leaked: wrong type"},
		{`{"title":"x","colour":"red"}`, "colour: unknown field"},
		{`{"title":"x","insider":"maybe"}`, "insider: unknown answer"},
		{`{"title":"x","loss_yuan":-5}`, "loss_yuan: cannot be negative"},
		{`{"title":"x","discovered_at":"yesterday"}`, "discovered_at: write the date"},
		{`{"happened":[]}`, "title: a title is required"},
		{`{"title":"x"`, "not valid JSON"},
		{`{"title":"x","leaked":["phone"],"used_for":{"id-number":["loan"]}}`, "used_for.id-number: \"id-number\" is not one of the leaked answers"},
		{`{"title":"x","leaked":["phone"],"used_for":{"phone":["harassment","spying"]}}`, "used_for.phone[1]: unknown answer \"spying\""},
		{`{"title":"x","leaked":["phone"],"used_for":{"phone":"harassment"}}`, "used_for: wrong type"},
	}
	for _, b := range bad {
		r := cliRunStdin(t, dir, b.json, "case", "new", "--answers", "-")
		if r.code != 1 || !strings.Contains(r.stderr, b.path) {
			t.Errorf("%s: exit %d, stderr %q, want 1 and %q", b.json, r.code, r.stderr, b.path)
		}
	}
	// A wrong check digit is kept and warned about, never refused: the
	// number as typed is the user's to correct.
	r = cliRunStdin(t, dir, `{"title":"x","victim":{"id_number":"110105194912310021"}}`, "case", "new", "--answers", "-")
	if r.code != 0 || !strings.Contains(r.stderr, "victim.id_number:") || !strings.Contains(r.stderr, "check digit") {
		t.Errorf("doubtful ID: exit %d, stderr %q, want 0 and a warning", r.code, r.stderr)
	}
	if r := cliRun(t, dir, "en", "case", "new"); r.code != 2 {
		t.Errorf("no --answers: exit %d", r.code)
	}
	if n := strings.Count(mustRun(t, dir, "cases"), "\n"); n < 2 {
		t.Errorf("cases after the bad answers: %d lines", n)
	}
}

// cliRunStdin runs the CLI with stdin from s.
func cliRunStdin(t *testing.T, dataDir, s string, args ...string) result {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { w.WriteString(s); w.Close() }()
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old }()
	return cliRun(t, dataDir, "en_US.UTF-8", args...)
}

// TestAnswersFixturesGolden builds the Proof cases of issue 9 from their
// answers files with `case new --answers` and keeps what each packet says
// (title, cover, sections, statements) as goldens a reviewer can read.
func TestAnswersFixturesGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(answersDir, "*.json"))
	var fixtures []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".golden.json") {
			fixtures = append(fixtures, f)
		}
	}
	if len(fixtures) < 6 {
		t.Fatalf("%d answer fixtures", len(fixtures))
	}
	dir := t.TempDir()
	ids := map[string]int64{}
	for _, f := range fixtures {
		out := strings.TrimSpace(mustRun(t, dir, "case", "new", "--answers", f))
		id, err := strconv.ParseInt(out, 10, 64)
		if err != nil {
			t.Fatalf("%s: %q", f, out)
		}
		ids[f] = id
	}
	st, err := sqlite.Open(dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := incident.NewService(st, nil)
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, incident.Location())
	for _, f := range fixtures {
		cf, err := svc.CaseFile(context.Background(), ids[f])
		if err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{report.KindPolice, report.KindConsumer, report.KindAssociation, report.KindRegulator, report.KindProvider} {
			p, err := report.Build(cf, kind, report.Options{}, now)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.MarshalIndent(struct {
				Title      string             `json:"title"`
				PoliceForm string             `json:"police_form,omitempty"`
				Cover      report.Cover       `json:"cover"`
				Sections   []report.Section   `json:"sections"`
				Statements []report.Statement `json:"statements"`
			}{p.Title, p.PoliceForm, p.Cover, p.Sections, p.Statements}, "", "  ")
			got = append(got, '\n')
			path := strings.TrimSuffix(f, ".json") + "." + kind + ".golden.json"
			if *updateGolden {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s differs (go test ./cmd/leakdesk -run AnswersFixtures -update, then git diff)", path)
			}
		}
	}
}

// Issue 15 item 2: a case with two suspects from the answers; each
// per-suspect packet is picked with --source N, the police one names both.
func TestSeveralSuspectsFromTheCLI(t *testing.T) {
	dir := t.TempDir()
	answers := `{"title":"顺丰还是网店","happened":["scam-contact"],
	  "suspects":[{"kind":"courier","name":"顺丰速运","grounds":["customer"]},
	              {"kind":"ecommerce","name":"某某旗舰店","addr":"杭州市余杭区某路8号","grounds":["knew-details"]}]}`
	r := cliRunStdin(t, dir, answers, "case", "new", "--answers", "-")
	if r.code != 0 {
		t.Fatalf("case new: %+v", r)
	}
	id := strings.TrimSpace(r.stdout)
	police := mustRun(t, dir, "export", "--case", id, "--packet", "police", "--dry-run")
	if !strings.Contains(police, "顺丰速运") || !strings.Contains(police, "某某旗舰店") {
		t.Errorf("police dry run does not name both suspects:\n%s", police)
	}
	for _, tc := range []struct{ source, want, not string }{
		{"", "顺丰速运", "某某旗舰店"}, {"1", "顺丰速运", "某某旗舰店"}, {"2", "某某旗舰店", "顺丰速运"},
	} {
		args := []string{"export", "--case", id, "--packet", "provider", "--dry-run", "--json"}
		if tc.source != "" {
			args = append(args, "--source", tc.source)
		}
		out := mustRun(t, dir, args...)
		if !strings.Contains(out, tc.want) || strings.Contains(out, tc.not) {
			t.Errorf("--source %q: want %q and not %q in\n%s", tc.source, tc.want, tc.not, out)
		}
	}
	if r := cliRun(t, dir, "en_US.UTF-8", "export", "--case", id, "--packet", "consumer", "--dry-run", "--source", "3"); r.code != 1 ||
		!strings.Contains(r.stderr, "2=某某旗舰店") {
		t.Errorf("--source 3 of 2: %+v", r)
	}
	if r := cliRun(t, dir, "en_US.UTF-8", "export", "--case", id, "--packet", "police", "--dry-run", "--source", "2"); r.code != 2 {
		t.Errorf("--source with the police packet: exit %d, want 2", r.code)
	}
	bad := `{"title":"x","suspects":[{"kind":"bakery"}]}`
	if r := cliRunStdin(t, dir, bad, "case", "new", "--answers", "-"); r.code != 1 || !strings.Contains(r.stderr, "suspects[0].kind") {
		t.Errorf("bad suspect kind: %+v", r)
	}
}

// Issue 12: the answers file carries the defendant's credit code and legal
// representative (source_code, source_rep; a suspect's code and rep), which
// the civil claim prints; a bad code is refused with its JSON path.
func TestCaseNewRegistration(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(t.TempDir(), "a.json")
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write(`{"title":"t","leaked":["phone"],"happened":["scam-contact"],"source_kind":"courier","source_org":"某快递","source_code":"123"}`)
	if r := cliRun(t, dir, "en_US.UTF-8", "case", "new", "--answers", bad); r.code == 0 || !strings.Contains(r.stderr, "source_code") {
		t.Errorf("bad code: exit %d, stderr %q", r.code, r.stderr)
	}
	good := write(`{"title":"t","leaked":["phone"],"happened":["scam-contact"],"source_kind":"courier","source_org":"某快递",
		"source_code":"91330106MA2XXXXXX1","source_rep":"张三",
		"suspects":[{"kind":"courier","name":"某快递"},{"kind":"ecommerce","name":"某网店","code":"91330106MA2YYYYYY2","rep":"李四"}]}`)
	id := strings.TrimSpace(mustRun(t, dir, "case", "new", "--answers", good))
	out := mustRun(t, dir, "case", "export", "--case", id)
	for _, want := range []string{`"source_code":"91330106MA2XXXXXX1"`, `"source_rep":"张三"`, `"code":"91330106MA2YYYYYY2"`, `"rep":"李四"`} {
		if !strings.Contains(out, want) {
			t.Errorf("case file lacks %s", want)
		}
	}
}
