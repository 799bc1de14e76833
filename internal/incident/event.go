package incident

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"sort"
	"time"
)

// canonical is the event content the hash covers, in a fixed field order.
type canonical struct {
	CaseID   int64       `json:"case"`
	Seq      int64       `json:"seq"`
	At       string      `json:"at"`
	Kind     string      `json:"kind"`
	Subject  string      `json:"subject"`
	Data     [][2]string `json:"data"`
	PrevHash string      `json:"prev"`
}

// ComputeHash returns the plain SHA-256 of the event's canonical content,
// including the previous event's hash: the chain of a store without a
// passphrase and of exported case files, whose content is in the clear
// anyway.
func (e Event) ComputeHash() string { return e.ComputeHashWith(nil) }

// ComputeHashWith hashes the canonical content with newHash (nil: plain
// SHA-256). An encrypted store keys its chain (Tx.ChainHash): a plain hash
// over the sealed event data, with every other input in the clear, would
// let anyone test guesses of that data (a phone number, a file) without
// the passphrase.
func (e Event) ComputeHashWith(newHash func() hash.Hash) string {
	if newHash == nil {
		newHash = sha256.New
	}
	keys := make([]string, 0, len(e.Data))
	for k := range e.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	data := make([][2]string, 0, len(keys))
	for _, k := range keys {
		data = append(data, [2]string{k, e.Data[k]})
	}
	b, err := json.Marshal(canonical{e.CaseID, e.Seq, e.At.UTC().Format(time.RFC3339), e.Kind, e.Subject, data, e.PrevHash})
	if err != nil {
		// Marshal of strings and ints cannot fail.
		panic(err)
	}
	h := newHash()
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// ChainProblem names the first event that breaks a case's chain.
type ChainProblem struct {
	CaseID int64
	Seq    int64
	Reason string
}

func (p ChainProblem) String() string {
	return fmt.Sprintf("case %d event %d: %s", p.CaseID, p.Seq, p.Reason)
}

// CheckChain verifies a plain (unkeyed) chain of events, ordered by Seq, of
// one case and returns the first problem, or nil.
func CheckChain(caseID int64, events []Event) *ChainProblem {
	return CheckChainWith(caseID, events, nil)
}

// CheckChainWith verifies a chain hashed with newHash (nil: plain SHA-256).
func CheckChainWith(caseID int64, events []Event, newHash func() hash.Hash) *ChainProblem {
	prev := ""
	for i, e := range events {
		want := int64(i + 1)
		switch {
		case e.Seq != want:
			return &ChainProblem{caseID, e.Seq, fmt.Sprintf("sequence number %d where %d was expected (an event was removed or reordered)", e.Seq, want)}
		case e.PrevHash != prev:
			return &ChainProblem{caseID, e.Seq, "does not link to the previous event (an event was removed, reordered or changed)"}
		case e.ComputeHashWith(newHash) != e.Hash:
			return &ChainProblem{caseID, e.Seq, "content does not match its hash (the event was changed)"}
		}
		prev = e.Hash
	}
	return nil
}

// Rechain re-hashes events (one case, ordered by Seq) from the chain made
// with from to one made with to, for as long as the old chain checks out.
// From the first event that does not, the events are returned as stored,
// so the new chain breaks at the same place and a check still names it:
// re-hashing never launders a change. It returns how many were re-hashed.
func Rechain(events []Event, from, to func() hash.Hash) ([]Event, int) {
	out := make([]Event, len(events))
	copy(out, events)
	prevOld, prevNew := "", ""
	for i, e := range events {
		if e.Seq != int64(i+1) || e.PrevHash != prevOld || e.ComputeHashWith(from) != e.Hash {
			return out, i
		}
		n := e
		n.PrevHash = prevNew
		n.Hash = n.ComputeHashWith(to)
		out[i] = n
		prevOld, prevNew = e.Hash, n.Hash
	}
	return out, len(events)
}

// ChainHead is the hash of the newest event, printed on packets so they can
// be checked against the store later.
func ChainHead(events []Event) string {
	if len(events) == 0 {
		return ""
	}
	return events[len(events)-1].Hash
}

func fmtCaseNumber(year int, id int64) string {
	return fmt.Sprintf("LD-%04d-%05d", year, id)
}
