package main

import (
	"encoding/json"
	"strings"
	"testing"
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
