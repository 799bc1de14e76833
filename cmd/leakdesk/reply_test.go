package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// Issue 12: `reply` with its exit codes, and `next` before and after a
// refusal: the 复议 rung joins the plan with its 7-day limit.
func TestReplyAndNextCLI(t *testing.T) {
	dir := t.TempDir()
	id := strings.TrimSpace(mustRun(t, dir, "demo"))
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"reply", "--case", id, "--outcome", "refused"}, 2},                                        // no step
		{[]string{"reply", "--case", id, "--step", "3"}, 2},                                                 // no outcome
		{[]string{"reply", "--case", id, "--step", "3", "--outcome", "maybe"}, 2},                           // bad outcome
		{[]string{"reply", "--case", id, "--step", "3", "--outcome", "refused", "--date", "5.1."}, 2},       // bad date
		{[]string{"reply", "--case", id, "--step", "3", "--outcome", "refused", "--date", "2099-01-01"}, 1}, // future
		{[]string{"reply", "--case", id, "--step", "99", "--outcome", "refused"}, 1},                        // no such step
		{[]string{"reply", "--case", id, "--step", "8", "--outcome", "refused"}, 1},                         // warn family waits on nobody
		{[]string{"reply", "--case", id, "--step", "3", "--outcome", "refused", "--evidence", "77"}, 1},     // no such evidence
		{[]string{"next"}, 2},
	} {
		if r := cliRun(t, dir, "zh_CN.UTF-8", c.args...); r.code != c.code || r.stderr == "" {
			t.Errorf("%v: exit %d, want %d; stderr %q", c.args, r.code, c.code, r.stderr)
		}
	}
	type route struct {
		Route       string `json:"route"`
		CurrentKind string `json:"current_kind"`
		NextKind    string `json:"next_kind"`
		NextStep    int    `json:"next_step"`
		Date        string `json:"date"`
		Deadline    bool   `json:"deadline"`
		Limit       string `json:"limit"`
		LastReply   string `json:"last_reply"`
	}
	next := func() map[string]route {
		var js struct{ Routes []route }
		if err := json.Unmarshal([]byte(mustRun(t, dir, "next", "--case", id, "--json")), &js); err != nil {
			t.Fatal(err)
		}
		out := map[string]route{}
		for _, r := range js.Routes {
			out[r.Route] = r
		}
		return out
	}
	if r := next()["police"]; r.CurrentKind != "police-report" || r.Deadline {
		t.Errorf("police route before the reply: %+v", r)
	}
	zh := func(args ...string) string {
		t.Helper()
		r := cliRun(t, dir, "zh_CN.UTF-8", args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		return r.stdout
	}
	out := zh("reply", "--case", id, "--step", "3", "--outcome", "refused", "--ref", "不立字12号", "--date", "2026-01-05", "--evidence", "3")
	if !strings.Contains(out, "2026年1月12日") {
		t.Errorf("reply output lacks the 复议 limit:\n%s", out)
	}
	r := next()["police"]
	if r.CurrentKind != "police-reconsideration" || r.NextStep == 0 || r.Date != "2026-01-12" || !r.Deadline || r.LastReply != "refused" ||
		!strings.Contains(r.Limit, "7 days") {
		t.Errorf("police route after the refusal: %+v", r)
	}
	if plan := zh("plan", "--case", id); !strings.Contains(plan, "不予立案时申请复议") {
		t.Errorf("plan after the reply:\n%s", plan)
	}
	text := zh("next", "--case", id)
	if !strings.Contains(text, "[不予立案时申请复议]") || !strings.Contains(text, "期限至 2026年1月12日") {
		t.Errorf("next:\n%s", text)
	}
}

// Issue 12: `expense add|list|remove` with their exit codes and totals;
// the police packet states the totals.
func TestExpenseCLI(t *testing.T) {
	dir := t.TempDir()
	id := strings.TrimSpace(mustRun(t, dir, "demo"))
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"expense"}, 2},
		{[]string{"expense", "spend", "--case", id}, 2},
		{[]string{"expense", "add", "--case", id, "--category", "bribes", "--amount", "1"}, 2},
		{[]string{"expense", "add", "--case", id, "--category", "postage"}, 2},
		{[]string{"expense", "add", "--case", id, "--category", "postage", "--amount", "1.234"}, 2},
		{[]string{"expense", "add", "--case", id, "--category", "time", "--hours", "-1"}, 2},
		{[]string{"expense", "add", "--case", id, "--category", "postage", "--amount", "5", "--date", "2099-01-01"}, 1},
		{[]string{"expense", "add", "--case", id, "--category", "postage", "--amount", "5", "--receipt", "77"}, 1},
		{[]string{"expense", "remove", "--case", id, "--entry", "999"}, 1},
		{[]string{"expense", "remove", "--case", id}, 2},
	} {
		if r := cliRun(t, dir, "zh_CN.UTF-8", c.args...); r.code != c.code || r.stderr == "" {
			t.Errorf("%v: exit %d, want %d; stderr %q", c.args, r.code, c.code, r.stderr)
		}
	}
	mustRun(t, dir, "expense", "add", "--case", id, "--category", "postage", "--amount", "22", "--date", "2026-01-05", "--receipt", "3", "--note", "EMS")
	mustRun(t, dir, "expense", "add", "--case", id, "--category", "time", "--hours", "2.5", "--date", "2026-01-05")
	wrong := strings.TrimSpace(mustRun(t, dir, "expense", "add", "--case", id, "--category", "transport", "--amount", "999", "--date", "2026-01-06"))
	mustRun(t, dir, "expense", "remove", "--case", id, "--entry", wrong)
	var js struct {
		Entries []struct {
			Category string `json:"category"`
			Amount   string `json:"amount"`
			Receipt  int    `json:"receipt"`
		}
		Totals []struct {
			Category string  `json:"category"`
			Amount   string  `json:"amount"`
			Hours    float64 `json:"hours"`
		}
		TotalAmount string `json:"total_amount"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "expense", "list", "--case", id, "--json")), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Entries) != 2 || js.TotalAmount != "22.00" || len(js.Totals) != 2 || js.Entries[0].Receipt != 3 {
		t.Errorf("expense list: %+v", js)
	}
	if p := mustRun(t, dir, "export", "--case", id, "--packet", "police", "--dry-run"); !strings.Contains(p, "已支出邮寄费22元；另花费时间约2.5小时") {
		t.Errorf("the police packet does not state the logged costs:\n%s", p)
	}
}

// Issue 12: `reply --delivery` records how the deletion demand reached the
// company, with its exit codes; the regulator complaint then cites it, and
// the credit complaint exports.
func TestReplyDeliveryCLI(t *testing.T) {
	dir := t.TempDir()
	id := strings.TrimSpace(mustRun(t, dir, "demo"))
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"reply", "--case", id, "--step", "5", "--delivery", "pigeon"}, 2},                                 // bad method
		{[]string{"reply", "--case", id, "--step", "5", "--delivery", "ems", "--outcome", "none"}, 2},               // both
		{[]string{"reply", "--case", id, "--step", "5", "--delivery", "ems", "--date", "2099-01-01"}, 1},            // future
		{[]string{"reply", "--case", id, "--step", "8", "--delivery", "ems"}, 1},                                    // warn family sends nothing
		{[]string{"reply", "--case", id, "--step", "5", "--delivery", "ems", "--evidence", "77"}, 1},                // no such evidence
		{[]string{"reply", "--case", id, "--step", "5", "--delivery", "ems", "--ref", strings.Repeat("9", 300)}, 1}, // too long
	} {
		if r := cliRun(t, dir, "zh_CN.UTF-8", c.args...); r.code != c.code || r.stderr == "" {
			t.Errorf("%v: exit %d, want %d; stderr %q", c.args, r.code, c.code, r.stderr)
		}
	}
	out := mustRun(t, dir, "reply", "--case", id, "--step", "5", "--delivery", "ems", "--ref", "1151234567890", "--date", "2026-01-05", "--evidence", "3")
	if !strings.Contains(out, "Delivery recorded: #5") || !strings.Contains(out, "Waiting for an answer until") {
		t.Errorf("reply --delivery:\n%s", out)
	}
	p := mustRun(t, dir, "export", "--case", id, "--packet", "regulator", "--dry-run")
	if !strings.Contains(p, "以EMS或者快递寄送，于2026年1月5日送达对方（邮件号：1151234567890）（见证据3）") {
		t.Errorf("the regulator complaint does not cite the delivery:\n%s", p)
	}
	// No objection recorded: the credit complaint states none, and the
	// demand's delivery is among the other steps taken, with its source.
	p = mustRun(t, dir, "export", "--case", id, "--packet", "credit", "--dry-run")
	if strings.Contains(p, "提出异议") || !strings.Contains(p, "plan: the delivery recorded on") {
		t.Errorf("credit complaint:\n%s", p)
	}
}
