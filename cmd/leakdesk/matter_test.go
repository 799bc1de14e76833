package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// Issue 13's command line: the contract (names, flags, exit codes, JSON
// fields) scripts rely on.
func TestMatterCommands(t *testing.T) {
	dir := withDemo(t)
	mustRun(t, dir, "demo")
	id := strings.TrimSpace(mustRun(t, dir, "matter", "new", "--title", "某楼盘业主", "--respondent", "某房地产开发有限公司",
		"--address", "某市某路1号", "--kind", "realestate", "--contact", "0755-1234"))
	if id != "1" {
		t.Fatalf("matter new printed %q", id)
	}
	mustRun(t, dir, "matter", "add-case", "--matter", id, "--case", "1")
	mustRun(t, dir, "matter", "add-case", "--matter", "M-1", "--case", "2")
	mustRun(t, dir, "matter", "consent", "--case", "2")
	out := mustRun(t, dir, "matter", "edit", "--matter", id, "--address", "某市某路2号")
	if !strings.Contains(out, "LD-0000-00001") || !strings.Contains(out, "LD-0000-00002") {
		t.Errorf("edit does not say where it applied: %q", out)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, dir, "matter", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0]["cases"] != 2.0 || list[0]["respondent"] != "某房地产开发有限公司" || list[0]["number"] != "M-1" {
		t.Errorf("list: %+v", list)
	}
	var show struct {
		RespondentAddress string `json:"respondent_address"`
		RespondentKind    string `json:"respondent_kind"`
		Victims           []struct {
			ID           int64    `json:"id"`
			JointConsent string   `json:"joint_consent"`
			Missing      []string `json:"missing"`
		} `json:"victims"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "matter", "show", "--matter", id, "--json")), &show); err != nil {
		t.Fatal(err)
	}
	if show.RespondentAddress != "某市某路2号" || show.RespondentKind != "realestate" || len(show.Victims) != 2 ||
		show.Victims[1].JointConsent == "" || !contains(show.Victims[0].Missing, "consent") || contains(show.Victims[1].Missing, "consent") {
		t.Errorf("show: %+v", show)
	}
	// The case's own export names the respondent as the matter does.
	var cf struct {
		Case struct {
			SourceOrg  string `json:"source_org"`
			SourceAddr string `json:"source_addr"`
		} `json:"case"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "case", "export", "--case", "1")), &cf); err != nil {
		t.Fatal(err)
	}
	if cf.Case.SourceOrg != "某房地产开发有限公司" || !strings.HasPrefix(cf.Case.SourceAddr, "某市某路2号") {
		t.Errorf("case 1 source: %+v", cf.Case)
	}
	mustRun(t, dir, "matter", "remove-case", "--matter", id, "--case", "1")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"matter"}, 2},
		{[]string{"matter", "frobnicate"}, 2},
		{[]string{"matter", "new", "--title", "x"}, 2},
		{[]string{"matter", "new", "--title", "x", "--respondent", "y", "--kind", "bakery"}, 2},
		{[]string{"matter", "show"}, 2},
		{[]string{"matter", "show", "--matter", "abc"}, 2},
		{[]string{"matter", "add-case", "--matter", "1"}, 2},
		{[]string{"matter", "show", "--matter", "9"}, 1},
		{[]string{"matter", "add-case", "--matter", "9", "--case", "1"}, 1},
		{[]string{"matter", "remove-case", "--matter", "1", "--case", "1"}, 1},
		{[]string{"matter", "add-case", "--matter", "1", "--case", "77"}, 1},
	} {
		if r := cliRun(t, dir, "en_US.UTF-8", tc.args...); r.code != tc.code || r.stderr == "" {
			t.Errorf("%v: exit %d (want %d), stderr %q", tc.args, r.code, tc.code, r.stderr)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Issue 13's documents from the command line: the 授权委托书 recorded with
// its term, the joint documents naming only consenting victims (the others
// listed on stderr), the volunteer named as agent only once the
// authorisation is signed, and the bulk export with a folder per victim.
func TestMatterDocuments(t *testing.T) {
	dir := withDemo(t)
	mustRun(t, dir, "demo")
	mustRun(t, dir, "demo")
	mustRun(t, dir, "matter", "new", "--title", "业主", "--respondent", "某房地产开发有限公司", "--kind", "realestate")
	for _, id := range []string{"1", "2", "3"} {
		mustRun(t, dir, "matter", "add-case", "--matter", "1", "--case", id)
	}
	out := t.TempDir()
	auth := out + "/a.pdf"
	// Without the volunteer's details there is no agent to name.
	if r := cliRun(t, dir, "en_US.UTF-8", "authorisation", "--case", "1", "--out", auth); r.code != 1 || !strings.Contains(r.stderr, "Settings") {
		t.Fatalf("authorisation without agent: %+v", r)
	}
	mustRun(t, dir, "agent", "set", "--name", "陈律", "--org", "某大学法律援助中心", "--phone", "010-12345678")
	mustRun(t, dir, "authorisation", "--case", "1", "--out", auth)
	var show struct {
		Victims []struct {
			Missing []string `json:"missing"`
		} `json:"victims"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "matter", "show", "--matter", "1", "--json")), &show); err != nil {
		t.Fatal(err)
	}
	if !contains(show.Victims[0].Missing, "unsigned") || !contains(show.Victims[1].Missing, "authorisation") {
		t.Errorf("missing: %+v", show.Victims)
	}
	mustRun(t, dir, "matter", "consent", "--case", "1")
	mustRun(t, dir, "matter", "consent", "--case", "2")
	joint := out + "/joint.pdf"
	r := cliRun(t, dir, "zh_CN.UTF-8", "export", "--matter", "1", "--packet", "joint-police", "--out", joint)
	if r.code != 0 || !strings.Contains(r.stderr, "LD-") || !strings.Contains(r.stderr, "未列入联名材料") {
		t.Fatalf("joint export: %+v", r)
	}
	needTool(t, "pdftotext")
	txt := strings.Join(strings.Fields(pdfToText(t, joint)), "")
	if strings.Contains(txt, "代理人受下列") {
		t.Error("the agent is named before the authorisation is signed")
	}
	if !strings.Contains(txt, "联名控告材料") || !strings.Contains(txt, "王芳提供") {
		t.Errorf("joint document text: %.300s", txt)
	}
	// Her own packet names no agent either while the authorisation is unsigned.
	own := out + "/own.pdf"
	mustRun(t, dir, "export", "--case", "1", "--packet", "police", "--out", own)
	if txt := strings.Join(strings.Fields(pdfToText(t, own)), ""); strings.Contains(txt, "委托代理人") {
		t.Error("her own packet names the agent before the authorisation is signed")
	}
	mustRun(t, dir, "authorisation", "--case", "1", "--signed", time.Now().Format("2006-01-02"))
	for _, tc := range []struct {
		id, kind, want string
		named          bool
	}{
		{"1", "police", "委托代理人受控告人委托代为提交本材料", true},
		{"1", "consumer", "委托代理人受投诉人委托代为提交本材料", true},
		{"1", "reconsideration", "", false}, // not among the authorisation's matters
		{"2", "police", "", false},          // no authorisation
	} {
		mustRun(t, dir, "export", "--case", tc.id, "--packet", tc.kind, "--out", own)
		txt := strings.Join(strings.Fields(pdfToText(t, own)), "")
		if got := strings.Contains(txt, "陈律"); got != tc.named || !strings.Contains(txt, tc.want) {
			t.Errorf("case %s %s: agent named %v (want %v)", tc.id, tc.kind, got, tc.named)
		}
	}
	mustRun(t, dir, "export", "--matter", "1", "--packet", "joint-police", "--out", joint)
	if txt := strings.Join(strings.Fields(pdfToText(t, joint)), ""); !strings.Contains(txt, "代理人受下列控告人委托") {
		t.Error("the agent is not named after the authorisation was signed")
	}
	all := t.TempDir()
	mustRun(t, dir, "export", "--matter", "1", "--all", "--out", all)
	for _, f := range []string{"joint-police.pdf", "joint-consumer.pdf", "01-王芳/police.pdf", "02-王芳/consumer.pdf", "03-王芳/provider.pdf"} {
		if _, err := os.Stat(all + "/" + f); err != nil {
			t.Errorf("bulk export lacks %s: %v", f, err)
		}
	}
	// A case file carries her authorisation and consent and the matter as
	// a reference; the import says the case arrived on its own.
	file := out + "/c1.json"
	mustRun(t, dir, "case", "export", "--case", "1", "--out", file)
	r = cliRun(t, dir, "en_US.UTF-8", "case", "import", file)
	if r.code != 0 || !strings.Contains(r.stderr, "matter M-1") || !strings.Contains(r.stderr, "matter add-case --matter 1 --case "+strings.TrimSpace(r.stdout)) {
		t.Errorf("case import: %+v", r)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"export", "--matter", "1", "--packet", "police", "--out", joint}, 2},
		{[]string{"export", "--matter", "1", "--all", "--packet", "joint-police", "--out", all}, 2},
		{[]string{"export", "--matter", "1", "--case", "1", "--packet", "joint-police", "--out", joint}, 2},
		{[]string{"export", "--matter", "9", "--packet", "joint-police", "--out", joint}, 1},
		{[]string{"authorisation", "--case", "1"}, 2},
		{[]string{"authorisation", "--case", "3", "--signed", "2020-01-01"}, 1},
	} {
		if r := cliRun(t, dir, "en_US.UTF-8", tc.args...); r.code != tc.code {
			t.Errorf("%v: exit %d (want %d), stderr %q", tc.args, r.code, tc.code, r.stderr)
		}
	}
}
