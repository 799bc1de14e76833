package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 18: `correction-order` with its exit codes, and the police packet
// naming 刑法第二百八十六条之一 only after the order and the refusal; the
// association packet on the command line.
func TestCorrectionOrderAndAssociationCLI(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(t.TempDir(), "a.json")
	os.WriteFile(answers, []byte(`{"title":"App leak","victim":{"name":"李雷"},"narrative":"下单后接到诈骗电话。",
		"leaked":["name","phone"],"happened":["scam-contact"],"source_kind":"platform","source_org":"某购物App公司","insider":"unsure"}`), 0o600)
	id := strings.TrimSpace(mustRun(t, dir, "case", "new", "--answers", answers))
	courier := strings.TrimSpace(mustRun(t, dir, "demo")) // a courier: not a network service provider

	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"correction-order", "--case", id, "--date", "2025-09-01"}, 2},                              // no authority
		{[]string{"correction-order", "--case", id, "--authority", "某市公安局"}, 2},                              // no date
		{[]string{"correction-order", "--case", id, "--authority", "某市公安局", "--date", "2025/09/01"}, 2},      // bad date
		{[]string{"correction-order", "--case", id, "--authority", "某市公安局", "--date", "2099-01-01"}, 1},      // future
		{[]string{"correction-order", "--case", courier, "--authority", "某市公安局", "--date", "2025-09-01"}, 1}, // not a provider
		{[]string{"correction-order", "--case", id, "--authority", "某市公安局", "--date", "2025-09-10", "--ignored-since", "2025-09-01"}, 1},
		{[]string{"export", "--case", id, "--packet", "association", "--field", "asks=delete,bribe", "--dry-run"}, 2},
	} {
		if r := cliRun(t, dir, "zh_CN.UTF-8", c.args...); r.code != c.code || r.stderr == "" {
			t.Errorf("%v: exit %d, want %d; stderr %q", c.args, r.code, c.code, r.stderr)
		}
	}
	police := func() string {
		return mustRun(t, dir, "export", "--case", id, "--packet", "police", "--dry-run")
	}
	out := mustRun(t, dir, "correction-order", "--case", id, "--authority", "某市公安局网安支队", "--date", "2025-09-01", "--ref", "网安责字12号")
	if !strings.Contains(out, "✗") || strings.Contains(police(), "286-1") || strings.Contains(police(), "第二百八十六条之一") {
		t.Errorf("order without refusal:\n%s", out)
	}
	mustRun(t, dir, "correction-order", "--case", id, "--authority", "某市公安局网安支队", "--date", "2025-09-01", "--ref", "网安责字12号", "--ignored-since", "2025-09-16")
	p := police()
	for _, want := range []string{"第二百八十六条之一", "2025年9月1日，某市公安局网安支队书面责令某购物App公司采取改正措施（文号：网安责字12号）", "自2025年9月16日起"} {
		if !strings.Contains(p, want) {
			t.Errorf("police packet lacks %q:\n%s", want, p)
		}
	}

	// What continued and the order's exhibit from the command line; a flag
	// not given keeps what is recorded.
	ev := filepath.Join(t.TempDir(), "order.txt")
	os.WriteFile(ev, []byte("责令整改通知书"), 0o600)
	mustRun(t, dir, "evidence", "add", "--case", id, "--title", "责令整改通知书", ev)
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"correction-order", "--case", id, "--authority", "某市公安局网安支队", "--date", "2025-09-01", "--exhibit", "x"}, 2},
		{[]string{"correction-order", "--case", id, "--authority", "某市公安局网安支队", "--date", "2025-09-01", "--exhibit", "99"}, 1},
	} {
		if r := cliRun(t, dir, "zh_CN.UTF-8", c.args...); r.code != c.code || r.stderr == "" {
			t.Errorf("%v: exit %d, want %d; stderr %q", c.args, r.code, c.code, r.stderr)
		}
	}
	mustRun(t, dir, "correction-order", "--case", id, "--authority", "某市公安局网安支队", "--date", "2025-09-01", "--continued", "接口仍可批量查询", "--exhibit", "1")
	mustRun(t, dir, "correction-order", "--case", id, "--authority", "某市公安局网安支队", "--date", "2025-09-01", "--ref", "网安责字12号", "--ignored-since", "2025-09-16")
	p = police()
	for _, want := range []string{"（文号：网安责字12号；见证据1）", "仍未按照上述要求改正：接口仍可批量查询"} {
		if !strings.Contains(p, want) {
			t.Errorf("police packet lacks %q:\n%s", want, p)
		}
	}

	// A hospital (法释〔2019〕15号 Art. 1 item (3)) takes an order; the crime is
	// named only with --online.
	hospital := filepath.Join(t.TempDir(), "h.json")
	os.WriteFile(hospital, []byte(`{"title":"医院","victim":{"name":"李雷"},"narrative":"挂号后接到诈骗电话。",
		"leaked":["name","phone"],"happened":["scam-contact"],"source_kind":"hospital","source_org":"某市第一医院","insider":"unsure"}`), 0o600)
	hid := strings.TrimSpace(mustRun(t, dir, "case", "new", "--answers", hospital))
	out = mustRun(t, dir, "correction-order", "--case", hid, "--authority", "某市公安局", "--date", "2025-09-01", "--ignored-since", "2025-09-16")
	hp := mustRun(t, dir, "export", "--case", hid, "--packet", "police", "--dry-run")
	if !strings.Contains(out, "✗") || strings.Contains(hp, "第二百八十六条之一") {
		t.Errorf("hospital not recorded as online:\n%s\n%s", out, hp)
	}
	out = mustRun(t, dir, "correction-order", "--case", hid, "--authority", "某市公安局", "--date", "2025-09-01", "--ignored-since", "2025-09-16", "--online")
	hp = mustRun(t, dir, "export", "--case", hid, "--packet", "police", "--dry-run")
	if !strings.Contains(hp, "第二百八十六条之一") || !strings.Contains(hp, "第一条第（三）项") {
		t.Errorf("hospital served online, refusal kept:\n%s\n%s", out, hp)
	}

	var js struct {
		Packet     string `json:"packet"`
		Statements []struct {
			Text string `json:"text"`
		} `json:"statements"`
	}
	raw := mustRun(t, dir, "export", "--case", id, "--packet", "association", "--field", "asks=delete", "--dry-run", "--json")
	if err := json.Unmarshal([]byte(raw), &js); err != nil || js.Packet != "association" || len(js.Statements) == 0 {
		t.Fatalf("association dry-run: %v %+v", err, js)
	}
	pdf := filepath.Join(t.TempDir(), "a.pdf")
	mustRun(t, dir, "export", "--case", id, "--packet", "association", "--field", "recipient=西湖区消费者协会", "--out", pdf)
	if fi, err := os.Stat(pdf); err != nil || fi.Size() == 0 {
		t.Fatalf("no PDF: %v", err)
	}
}

// Issue 18: `plan --consumer` chooses between 12315 and the consumer
// association where both fit; the plan lists the choice and drops the
// step not chosen; a bad choice exits 2, a case without the choice 1.
func TestPlanConsumerChoiceCLI(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(t.TempDir(), "a.json")
	os.WriteFile(answers, []byte(`{"title":"商家","victim":{"name":"李雷"},"narrative":"买东西后接到诈骗电话。",
		"leaked":["name","phone"],"happened":["scam-contact"],"source_kind":"business","source_org":"某商店","insider":"unsure"}`), 0o600)
	id := strings.TrimSpace(mustRun(t, dir, "case", "new", "--answers", answers))
	courier := strings.TrimSpace(mustRun(t, dir, "demo"))
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"plan", "--case", id, "--consumer", "court"}, 2},
		{[]string{"plan", "--case", courier, "--consumer", "12315"}, 1},
	} {
		if r := cliRun(t, dir, "zh_CN.UTF-8", c.args...); r.code != c.code || r.stderr == "" {
			t.Errorf("%v: exit %d, want %d; stderr %q", c.args, r.code, c.code, r.stderr)
		}
	}
	type plan struct {
		Route string `json:"consumer_route"`
		Steps []struct {
			Kind    string `json:"kind"`
			Retired bool   `json:"retired"`
		} `json:"steps"`
	}
	read := func(args ...string) plan {
		var p plan
		if err := json.Unmarshal([]byte(mustRun(t, dir, append([]string{"plan", "--case", id, "--json"}, args...)...)), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	active := func(p plan, kind string) bool {
		for _, s := range p.Steps {
			if s.Kind == kind && !s.Retired {
				return true
			}
		}
		return false
	}
	if p := read(); p.Route != "both" || !active(p, "consumer-12315") || !active(p, "consumer-association") {
		t.Fatalf("first plan: %+v", p)
	}
	if p := read("--consumer", "12315"); p.Route != "12315" || !active(p, "consumer-12315") || active(p, "consumer-association") {
		t.Fatalf("after --consumer 12315: %+v", p)
	}
	out := cliRun(t, dir, "zh_CN.UTF-8", "plan", "--case", id)
	if !strings.Contains(out.stdout, "● 向12315投诉") || !strings.Contains(out.stdout, "调解") {
		t.Errorf("plan does not show the choice:\n%s", out.stdout)
	}
}
