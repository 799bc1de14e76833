package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestEvidenceTranscriptAndImportSMS(t *testing.T) {
	t.Parallel()
	dir := withDemo(t)
	amr := []byte("#!AMR\n")
	for range 250 { // 5 s
		amr = append(amr, 0x3C)
		amr = append(amr, make([]byte, 31)...)
	}
	rec := writeFile(t, "call.amr", amr)
	if got := mustRun(t, dir, "evidence", "add", "--case", "1", rec); got != "4\n" {
		t.Fatalf("add printed %q", got)
	}
	var list []map[string]any
	json.Unmarshal([]byte(mustRun(t, dir, "evidence", "list", "--case", "1", "--json")), &list)
	if list[3]["format"] != "amr-recording" || list[3]["duration_s"] != 5.0 || list[3]["type"] != "audio/amr" ||
		list[0]["format"] != "sms-record" || list[0]["duration_s"] != nil {
		t.Errorf("list: %v / %v", list[3], list[0])
	}
	text := mustRun(t, dir, "evidence", "list", "--case", "1")
	if !strings.Contains(text, "Call recording (AMR) 0:05") || strings.Contains(text, "audio/amr") {
		t.Errorf("text list shows a MIME type or misses the label:\n%s", text)
	}
	tr := writeFile(t, "t.txt", []byte("[00:01] 对方：你好\n[00:03] 我：哪位\n"))
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--exhibit", "4"}, 2, "exactly one of"},
		{[]string{"--exhibit", "4", "--file", tr, "--text", "x"}, 2, "exactly one of"},
		{[]string{"--exhibit", "x", "--text", "[00:01] a"}, 2, "exhibit number"},
		{[]string{"--exhibit", "4", "--text", "no time"}, 1, "Line 1 has no time mark"},
		{[]string{"--exhibit", "4", "--text", "[00:09] too late"}, 1, "after the end of the recording"},
		{[]string{"--exhibit", "1", "--text", "[00:01] a"}, 1, "not a recording"},
		{[]string{"--exhibit", "4", "--file", tr, "--place", "家中", "--confirm"}, 0, "Saved the transcript of exhibit 4 (2 passages)"},
	} {
		r := cliRun(t, dir, "en", append([]string{"evidence", "transcript", "--case", "1"}, c.args...)...)
		if r.code != c.code || !strings.Contains(r.stdout+r.stderr, c.msg) {
			t.Errorf("%v: exit %d, %q", c.args, r.code, r.stdout+r.stderr)
		}
	}

	sms := writeFile(t, "sms.xml", []byte(`<?xml version='1.0' encoding='UTF-8'?><smses count="2">
<sms address="10690000123" date="1762149600000" type="1" body="点击链接理赔" />
<sms address="13800138000" date="1762149700000" type="2" body="你是谁" /></smses>`))
	if got := mustRun(t, dir, "evidence", "import-sms", "--case", "1", sms, "--from", "10690000123"); got != "5\n" {
		t.Errorf("import-sms printed %q", got)
	}
	r := cliRun(t, dir, "en", "evidence", "import-sms", "--case", "1", sms)
	if r.code != 0 || r.stdout != "6\n" || !strings.Contains(r.stderr, "1 already in the case") {
		t.Errorf("second import: %+v", r)
	}
	if r := cliRun(t, dir, "en", "evidence", "import-sms", "--case", "1", rec); r.code != 1 || !strings.Contains(r.stderr, "not an SMS backup") {
		t.Errorf("not a backup: %+v", r)
	}
	if r := cliRun(t, dir, "en", "evidence", "import-sms", "--case", "1"); r.code != 2 {
		t.Errorf("no file: %+v", r)
	}

	// The case export carries the transcript and the length.
	var doc struct {
		Exhibits []struct {
			DurationMS int64           `json:"duration_ms"`
			Transcript json.RawMessage `json:"transcript"`
		} `json:"exhibits"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "case", "export", "--case", "1")), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Exhibits[3].DurationMS != 5000 || !bytes.Contains(doc.Exhibits[3].Transcript, []byte(`"place":"家中"`)) {
		t.Errorf("export: %d %s", doc.Exhibits[3].DurationMS, doc.Exhibits[3].Transcript)
	}
	// ... and importing it back keeps both.
	file := writeFile(t, "case.json", []byte(mustRun(t, dir, "case", "export", "--case", "1")))
	id := strings.TrimSpace(mustRun(t, dir, "case", "import", file))
	doc.Exhibits = nil
	json.Unmarshal([]byte(mustRun(t, dir, "case", "export", "--case", id)), &doc)
	if len(doc.Exhibits) < 4 || doc.Exhibits[3].DurationMS != 5000 || !bytes.Contains(doc.Exhibits[3].Transcript, []byte(`"confirmed":true`)) {
		t.Errorf("after import: %+v", doc.Exhibits)
	}
}
