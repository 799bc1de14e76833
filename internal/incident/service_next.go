package incident

import (
	"context"
	"slices"
	"time"

	"leakdesk/internal/incident/playbook"
)

// RungState is one rung of a route as the case stands.
type RungState struct {
	Kind   string
	Title  string
	StepID int64 // 0 when the rung is not in the plan (yet)
	Status StepStatus
	// Reply is the latest reply recorded on its step; nil for none.
	Reply *Reply
}

// RouteNext is one open route (a ladder whose first rung is in the plan
// and not ended) with its current rung and what comes next: the one
// listing `leakdesk next`, the plan tab and the Deadlines view share.
type RouteNext struct {
	Route      string // playbook.RoutePolice, ...
	RouteTitle string
	Rungs      []RungState
	Current    int // index in Rungs of the rung the route stands on
	// Waiting: the current rung is handed in and waits for an answer;
	// Next is then what to do if none comes by Date.
	Waiting bool
	// Next is the rung to take next (the current one while it is still
	// to do); "" when the route only waits.
	NextKind, NextTitle string
	NextStepID          int64
	// Date is when: the last day to take Next where the law sets a time
	// limit (Deadline), else the day the wait ends; zero when no rule
	// gives a date.
	Date     time.Time
	Deadline bool
	Estimate bool
	Overdue  bool
	// Limit is the time limit's wording with its rule, "" for none; Basis
	// why Next is open, both from the register in the requested language.
	Limit string
	Basis string
}

// Next lists the open routes of a case against the service's today.
// Errors: CodeNotFound.
func (s *Service) Next(ctx context.Context, caseID int64, lang string) ([]RouteNext, error) {
	cf := &CaseFile{}
	err := s.view(ctx, func(tx Tx) error {
		c, err := tx.GetCase(caseID)
		if err != nil {
			return err
		}
		cf.Case = *c
		if cf.Steps, err = tx.ListSteps(caseID); err != nil {
			return err
		}
		cf.Events, err = tx.ListEvents(caseID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.NextOf(cf, lang), nil
}

// NextOf is Next for a case file already loaded.
func (s *Service) NextOf(cf *CaseFile, lang string) []RouteNext {
	return NextOf(cf, s.Today(), lang)
}

// NextOf lists the open routes of cf on the day today. A route is open
// when its first rung is in the plan (not retired, not "does not apply")
// and no rung of it was accepted; it stands on its first unfinished rung.
func NextOf(cf *CaseFile, today time.Time, lang string) []RouteNext {
	specs := planSpecs(cf.Case.Intake.Answers())
	replies := RepliesOf(cf.Events)
	byKind := map[string]Step{}
	for _, st := range cf.Steps {
		if st.Kind == "" || st.Retired || st.Status == StepNotApplicable {
			continue
		}
		byKind[st.Kind] = st
	}
	title := func(kind string) string {
		if st, ok := byKind[kind]; ok {
			return StepTitle(st, stepSpec(specs, st), lang)
		}
		return StepTitle(Step{Kind: kind}, nil, lang)
	}
	var out []RouteNext
	for _, l := range playbook.Ladders() {
		if _, ok := byKind[l.Rungs[0].Kind]; !ok {
			continue
		}
		rn := RouteNext{Route: l.Key, RouteTitle: l.TitleIn(lang), Current: -1}
		// A reply that escalated moves the route past every rung before
		// the one it opened: a deletion demand never sent is moot once the
		// regulator has not answered either.
		from := 0
		for i, r := range l.Rungs {
			rs := RungState{Kind: r.Kind, Title: title(r.Kind)}
			if st, ok := byKind[r.Kind]; ok {
				rs.StepID, rs.Status = st.ID, st.Status
				if rr := replies[st.ID]; len(rr) > 0 {
					last := rr[len(rr)-1]
					rs.Reply = &last
					if next, ok := (playbook.Position{Ladder: l, Index: i}).After(last.Outcome); ok {
						from = max(from, slices.IndexFunc(l.Rungs, func(x playbook.Rung) bool { return x.Kind == next.Kind }))
					}
				}
			}
			rn.Rungs = append(rn.Rungs, rs)
		}
		ended := false
		for i, rs := range rn.Rungs {
			if i < from || rs.StepID == 0 || ended || rn.Current >= 0 {
				continue
			}
			switch {
			case rs.Reply != nil && rs.Reply.Outcome == playbook.ReplyAccepted:
				ended = true
			case !rs.Status.Finished():
				rn.Current = i
			}
		}
		if ended || rn.Current < 0 {
			continue
		}
		cur := l.Rungs[rn.Current]
		st := byKind[cur.Kind]
		rn.Date, rn.Estimate = st.FollowUp, st.FollowUpEstimate
		if st.Status == StepDoing {
			rn.Waiting = true
			if next, ok := (playbook.Position{Ladder: l, Index: rn.Current}).After(playbook.ReplyNone); ok {
				rn.NextKind, rn.NextTitle, rn.Basis = next.Kind, title(next.Kind), next.BasisIn(lang)
				if ns, ok := byKind[next.Kind]; ok {
					rn.NextStepID = ns.ID
				}
			}
		} else {
			rn.NextKind, rn.NextTitle, rn.NextStepID, rn.Basis = cur.Kind, rs(rn).Title, st.ID, cur.BasisIn(lang)
			rn.Limit = cur.ActText(lang)
			rn.Deadline = cur.Act != nil && !st.FollowUp.IsZero()
		}
		rn.Overdue = !rn.Date.IsZero() && DaysBetween(today, rn.Date) < 0
		out = append(out, rn)
	}
	return out
}

// rs is the route's current rung.
func rs(rn RouteNext) RungState { return rn.Rungs[rn.Current] }

// NextFor is the open route that stands on a step, for the plan's
// "what next" and the Deadlines view; ok is false when the step is no
// route's current rung.
func NextFor(routes []RouteNext, stepID int64) (RouteNext, bool) {
	for _, r := range routes {
		if r.Current >= 0 && r.Rungs[r.Current].StepID == stepID {
			return r, true
		}
	}
	return RouteNext{}, false
}
