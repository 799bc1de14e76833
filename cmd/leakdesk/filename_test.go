package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestImportSanitisesFileNames is issue 17's F11: a case file (or bundle,
// which goes through the same checks) naming an exhibit with a path or a
// right-to-left override is imported with a plain base name.
func TestImportSanitisesFileNames(t *testing.T) {
	dir := withDemo(t)
	var cf map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, dir, "case", "export", "--case", "1")), &cf); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, want string }{
		{"screenshot.png" + strings.Repeat(" ", 60) + "/../../../../.config/autostart/update.desktop", "update.desktop"},
		{"invoice\u202efdp.exe", "invoicefdp.exe"},
	} {
		for _, e := range cf["exhibits"].([]any) {
			if e := e.(map[string]any); e["kind"] == "file" {
				e["file_name"] = tc.name
			}
		}
		b, _ := json.Marshal(cf)
		id := strings.TrimSpace(mustRun(t, dir, "case", "import", writeFile(t, "evil.json", b)))
		var list []map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, dir, "evidence", "list", "--case", id, "--json")), &list); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range list {
			if e["kind"] == "file" {
				found = true
				if e["file_name"] != tc.want {
					t.Errorf("imported %q as %q, want %q", tc.name, e["file_name"], tc.want)
				}
			}
		}
		if !found {
			t.Fatal("no file exhibit imported")
		}
	}
}
