package incident

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
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

// ComputeHash returns the SHA-256 of the event's canonical content,
// including the previous event's hash.
func (e Event) ComputeHash() string {
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
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
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

// CheckChain verifies events (ordered by Seq) of one case and returns the
// first problem, or nil.
func CheckChain(caseID int64, events []Event) *ChainProblem {
	prev := ""
	for i, e := range events {
		want := int64(i + 1)
		switch {
		case e.Seq != want:
			return &ChainProblem{caseID, e.Seq, fmt.Sprintf("sequence number %d where %d was expected (an event was removed or reordered)", e.Seq, want)}
		case e.PrevHash != prev:
			return &ChainProblem{caseID, e.Seq, "does not link to the previous event (an event was removed, reordered or changed)"}
		case e.ComputeHash() != e.Hash:
			return &ChainProblem{caseID, e.Seq, "content does not match its hash (the event was changed)"}
		}
		prev = e.Hash
	}
	return nil
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
