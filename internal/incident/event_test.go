package incident

import (
	"testing"
	"time"
)

func chain(n int) []Event {
	var ev []Event
	prev := ""
	for i := 1; i <= n; i++ {
		e := Event{CaseID: 7, Seq: int64(i), At: time.Date(2026, 1, 2, 3, 4, i, 0, time.UTC), Kind: "step.status",
			Subject: "step:1", Data: map[string]string{"from": "todo", "to": "done"}, PrevHash: prev}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		ev = append(ev, e)
	}
	return ev
}

func TestCheckChain(t *testing.T) {
	tests := []struct {
		name    string
		tamper  func([]Event) []Event
		wantSeq int64 // 0: chain is intact
	}{
		{"intact", func(e []Event) []Event { return e }, 0},
		{"edited data", func(e []Event) []Event { e[2].Data["to"] = "skipped"; return e }, 3},
		{"edited time", func(e []Event) []Event { e[1].At = e[1].At.Add(time.Hour); return e }, 2},
		{"removed middle", func(e []Event) []Event { return append(e[:2], e[3:]...) }, 4},
		{"removed last", func(e []Event) []Event { return e[:4] }, 0},
		{"swapped", func(e []Event) []Event { e[1], e[2] = e[2], e[1]; return e }, 3},
		{"rehashed after edit", func(e []Event) []Event {
			e[1].Kind = "case.deleted"
			e[1].Hash = e[1].ComputeHash()
			return e
		}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckChain(7, tc.tamper(chain(5)))
			switch {
			case tc.wantSeq == 0 && got != nil:
				t.Fatalf("want intact chain, got %v", got)
			case tc.wantSeq != 0 && got == nil:
				t.Fatalf("want a problem at event %d, got none", tc.wantSeq)
			case tc.wantSeq != 0 && got.Seq != tc.wantSeq:
				t.Fatalf("problem at event %d, want %d: %v", got.Seq, tc.wantSeq, got)
			}
		})
	}
}

func TestHashIgnoresMapOrder(t *testing.T) {
	a := Event{CaseID: 1, Seq: 1, Kind: "k", Data: map[string]string{"a": "1", "b": "2", "c": "3"}}
	b := Event{CaseID: 1, Seq: 1, Kind: "k", Data: map[string]string{"c": "3", "a": "1", "b": "2"}}
	if a.ComputeHash() != b.ComputeHash() {
		t.Fatal("hash depends on map iteration order")
	}
	b.Data["a"] = "x"
	if a.ComputeHash() == b.ComputeHash() {
		t.Fatal("hash does not cover data")
	}
}

func TestChainHead(t *testing.T) {
	ev := chain(3)
	if ChainHead(ev) != ev[2].Hash || ChainHead(nil) != "" {
		t.Fatal("chain head is not the newest hash")
	}
}
