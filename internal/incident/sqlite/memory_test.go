package sqlite

import (
	"context"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// ReleaseMemory reaches every idle connection, leaves one in use alone
// (it does not wait for it), and the store reads and writes as before.
func TestReleaseMemoryLeavesTheStoreWorking(t *testing.T) {
	s, svc := openTest(t, Options{})
	ctx := context.Background()
	for i := range 3 {
		c := incident.Case{Title: "案件", Victim: incident.Victim{Name: "受害人"}, DiscoveredAt: testNow().AddDate(0, 0, -i)}
		if _, err := svc.CreateCase(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.Cases(ctx, incident.CaseFilter{}); err != nil {
		t.Fatal(err)
	}
	// A reader busy with a query of its own.
	busy, err := s.rdb.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	start := time.Now()
	if err := s.ReleaseMemory(rctx); err != nil {
		t.Fatalf("ReleaseMemory: %v", err)
	}
	if rctx.Err() != nil {
		t.Fatalf("ReleaseMemory waited for the busy reader (%v)", time.Since(start))
	}
	busy.Close()
	list, err := svc.Cases(ctx, incident.CaseFilter{})
	if err != nil || len(list) != 3 {
		t.Fatalf("after ReleaseMemory: %d cases, %v", len(list), err)
	}
	if _, err := svc.CreateCase(ctx, incident.Case{Title: "又一个", DiscoveredAt: testNow()}); err != nil {
		t.Fatalf("writing after ReleaseMemory: %v", err)
	}
}
