package report

import (
	"encoding/json"
	"strings"
	"testing"

	"leakdesk/internal/incident"
	"leakdesk/internal/report/reporttest"
)

// The printed full packet's history names every event kind the service
// records, never its raw key.
func TestFullPacketLabelsEveryEventKind(t *testing.T) {
	cf, _ := reporttest.Case()
	cf.Events = nil
	for i, k := range incident.EventKinds() {
		cf.Events = append(cf.Events, incident.Event{CaseID: cf.Case.ID, Seq: int64(i + 1), At: reporttest.Now, Kind: k.Kind, Subject: "case:1"})
	}
	p, err := Build(cf, "full", Options{}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.Contains(text, "导出加密案件包") {
		t.Fatalf("history table not found in the full packet:\n%s", text)
	}
	for _, k := range incident.EventKinds() {
		if strings.Contains(text, `"`+k.Kind+`"`) {
			t.Errorf("full packet prints the raw key %s", k.Kind)
		}
	}
}
