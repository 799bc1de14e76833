package incident

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Problem is one failed check, named so a user can find it.
type Problem struct {
	CaseID  int64
	Exhibit int   // exhibit number, 0 when the problem is an event
	Event   int64 // event sequence number, 0 when the problem is an exhibit
	ZH, EN  string
}

func (p Problem) String() string { return p.EN }

// VerifyReport is what Verify checked and what failed.
type VerifyReport struct {
	Cases, Exhibits, Events int
	Problems                []Problem
}

// OK reports whether everything checked out.
func (r VerifyReport) OK() bool { return len(r.Problems) == 0 }

// Verify re-hashes every exhibit's bytes and checks every event chain, for
// one case (caseID > 0) or all of them, deleted-but-restorable ones included.
// Errors: CodeNotFound for an unknown caseID.
func (s *Service) Verify(ctx context.Context, caseID int64) (VerifyReport, error) {
	var rep VerifyReport
	err := s.view(ctx, func(tx Tx) error {
		var ids []int64
		if caseID > 0 {
			if _, err := tx.GetCase(caseID); err != nil {
				return err
			}
			ids = []int64{caseID}
		} else {
			list, err := tx.ListCases(CaseQuery{IncludeDeleted: true})
			if err != nil {
				return err
			}
			for _, c := range list {
				ids = append(ids, c.ID)
			}
		}
		for _, id := range ids {
			rep.Cases++
			events, err := tx.ListEvents(id)
			if err != nil {
				return err
			}
			rep.Events += len(events)
			newHash, err := tx.ChainHash(id)
			if err != nil {
				return err
			}
			if p := CheckChainWith(id, events, newHash); p != nil {
				rep.Problems = append(rep.Problems, Problem{CaseID: id, Event: p.Seq,
					ZH: fmt.Sprintf("案件 %d 的第 %d 条历史记录对不上：记录被修改、删除或调换了顺序。", id, p.Seq),
					EN: p.String()})
			}
			if bad, err := tx.CheckCase(id); err != nil {
				return err
			} else if bad != nil {
				rep.Problems = append(rep.Problems, Problem{CaseID: id, ZH: bad.ZH, EN: bad.EN})
			}
			exhibits, err := tx.ListExhibits(id)
			if err != nil {
				return err
			}
			for _, e := range exhibits {
				rep.Exhibits++
				h := sha256.New()
				if _, err := tx.ReadExhibitContent(e.ID, h); err != nil {
					rep.Problems = append(rep.Problems, Problem{CaseID: id, Exhibit: e.Number,
						ZH: fmt.Sprintf("案件 %d 的证据 %d 无法读取。", id, e.Number),
						EN: fmt.Sprintf("case %d exhibit %d: cannot be read: %v", id, e.Number, err)})
					continue
				}
				if got := hex.EncodeToString(h.Sum(nil)); got != e.SHA256 {
					rep.Problems = append(rep.Problems, Problem{CaseID: id, Exhibit: e.Number,
						ZH: fmt.Sprintf("案件 %d 的证据 %d“%s”的内容已被改动（SHA-256 不符）。", id, e.Number, e.Title),
						EN: fmt.Sprintf("case %d exhibit %d: content does not match its SHA-256 (stored %s, now %s)", id, e.Number, e.ShortHash(), got[:12])})
				}
			}
		}
		return nil
	})
	return rep, err
}
