package main

import (
	"context"
	"testing"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/demo"
	"leakdesk/internal/incident/sqlite"
)

// The export tab's "instructions page" choice reaches the packet model,
// and leaving it unchecked leaves the page out.
func TestPacketInstructionsOption(t *testing.T) {
	t.Parallel()
	st, err := sqlite.Open(t.TempDir(), sqlite.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := incident.NewService(st, nil)
	ctx := context.Background()
	id, err := demo.Create(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []bool{true, false} {
		p, err := buildPacket(ctx, svc, cf, packetRequest{Kind: "police", Instructions: want})
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Instructions != nil; got != want {
			t.Errorf("Instructions %v: page present %v", want, got)
		}
	}
}
