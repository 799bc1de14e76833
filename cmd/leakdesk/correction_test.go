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
