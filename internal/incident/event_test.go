package incident

import (
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"hash"
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

// Rechain re-hashes only the part of a chain that checks out: a changed
// event stays a break at the same place, so re-keying never launders it.
func TestRechainKeepsBreaks(t *testing.T) {
	key := func() hash.Hash { return hmac.New(sha256.New, []byte("k")) }
	mk := func() []Event {
		var evs []Event
		prev := ""
		for i := int64(1); i <= 4; i++ {
			e := Event{CaseID: 7, Seq: i, At: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Kind: "k", Data: map[string]string{"n": fmt.Sprint(i)}, PrevHash: prev}
			e.Hash = e.ComputeHash()
			prev = e.Hash
			evs = append(evs, e)
		}
		return evs
	}
	out, n := Rechain(mk(), nil, key)
	if n != 4 || CheckChainWith(7, out, key) != nil || CheckChain(7, out) == nil {
		t.Fatalf("whole chain: %d re-hashed, keyed check %v", n, CheckChainWith(7, out, key))
	}
	back, n := Rechain(out, key, nil)
	if n != 4 || CheckChain(7, back) != nil {
		t.Fatalf("back to plain: %d, %v", n, CheckChain(7, back))
	}
	for _, broken := range []int{0, 2, 3} {
		evs := mk()
		evs[broken].Data["n"] = "changed"
		out, n := Rechain(evs, nil, key)
		p := CheckChainWith(7, out, key)
		if n != broken || p == nil || p.Seq != int64(broken+1) {
			t.Errorf("changed event %d: %d re-hashed, problem %v", broken+1, n, p)
		}
	}
}
