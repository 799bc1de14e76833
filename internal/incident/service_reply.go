package incident

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/incident/playbook"
)

// Replies (issue 12): what came back from the one a step waits on. A reply
// is a fact about the past that is never edited, so it is kept as an entry
// of the case's history (EventStepReply), which is already sealed in an
// encrypted store, hash-chained, covered by the case manifest and written
// by case export; case import records them again under the new IDs
// (carryRecords). No table of its own is needed. A later reply
// on the same step is added beside the earlier one, and the latest counts.

// Reply is one recorded answer to a step.
type Reply struct {
	StepID  int64
	Outcome string    // playbook.ReplyAccepted, ReplyRefused, ReplyPartial, ReplyNone
	On      time.Time // the reply's date (for "none": the day it was due); a civil date
	// Reference is the number on the reply: 受案回执, 12315 complaint number,
	// ticket, the notice's 文号.
	Reference string
	// ExhibitID is the reply document in the evidence locker; 0 for none.
	ExhibitID int64
	// Seq is the history entry that recorded it (0 before it is recorded).
	Seq int64
	// NextKind is the rung the reply opened; NextDue the time limit to
	// take it (zero when the law sets none).
	NextKind string
	NextDue  time.Time
}

// ReplyResult is what RecordReply did.
type ReplyResult struct {
	Step  *Step
	Reply Reply
	// Next is the step of the rung the reply opened, nil when the route
	// ends here (accepted, or no rung left).
	Next *Step
}

// RecordReply records what came back on a step that waits on someone, in
// one transaction: the step is finished (with the reply's reference number
// when it is an acceptance),
// the reply document is linked to it, the reply goes into the history, and
// unless the reply is an acceptance the route's next rung joins the plan
// (or comes back) with the time limit the law sets for it, counted from the
// reply's date. An empty date is today.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) RecordReply(ctx context.Context, stepID int64, r Reply) (ReplyResult, error) {
	var res ReplyResult
	r.Reference = strings.TrimSpace(NormalizeNewlines(r.Reference))
	if !slices.Contains(playbook.ReplyOutcomes(), r.Outcome) {
		return res, invalid("outcome", "答复结果只能是：已受理、被拒绝、部分答复或到期未答复。",
			"The outcome must be accepted, refused, partial or none.")
	}
	if err := checkText("reference", r.Reference, maxShort); err != nil {
		return res, err
	}
	var err error
	if r.On, err = s.pastDay(r.On, "答复日期不能晚于今天。", "The reply's date cannot be in the future."); err != nil {
		return res, err
	}
	err = s.update(ctx, func(t *txn) error {
		st, err := t.GetStep(stepID)
		if err != nil {
			return err
		}
		if !WaitsOnSomeone(*st) {
			return invalid("step", "这一步不等待任何人的答复，不能登记答复。", "This step does not wait for anyone's answer, so no reply can be recorded on it.")
		}
		if err := t.linkProof(r.ExhibitID, st); err != nil {
			return err
		}
		// The step's number is that of what was handed in or accepted (a
		// 受案回执, a complaint number): documents print it as such. A
		// refusal's or other answer's number stays with the reply.
		stepRef := ""
		if r.Outcome == playbook.ReplyAccepted {
			stepRef = r.Reference
		}
		done, err := t.setStepStatus(stepID, StepDone, stepRef, nil)
		if err != nil {
			return err
		}
		res.Step = done
		r.StepID = stepID
		data := map[string]string{"outcome": r.Outcome, "date": dateString(r.On)}
		if r.Reference != "" {
			data["reference"] = r.Reference
		}
		if r.ExhibitID != 0 {
			data["exhibit"] = strconv.FormatInt(r.ExhibitID, 10)
		}
		if next, ok := nextRung(st.Kind, r.Outcome); ok {
			var due time.Time
			if next.Act != nil {
				due, _ = next.Act.From(r.On)
			}
			ns, err := t.openRung(st.CaseID, next.Kind, due, st.Position)
			if err != nil {
				return err
			}
			res.Next = ns
			r.NextKind, r.NextDue = next.Kind, due
			data["next"], data["next_step"] = next.Kind, strconv.FormatInt(ns.ID, 10)
			if !due.IsZero() {
				data["due"] = dateString(due)
			}
		}
		res.Reply = r
		return t.record(st.CaseID, EventStepReply, subject("step", stepID), data)
	})
	return res, err
}

// WaitsOnSomeone reports whether a reply can be recorded on the step: it
// was handed in (in progress), has a date it waits for, or is a rung of an
// escalation ladder or a step the playbook waits on.
func WaitsOnSomeone(st Step) bool {
	if st.Status == StepDoing || !st.FollowUp.IsZero() {
		return true
	}
	if st.Kind == "" {
		return false
	}
	if len(playbook.LadderFor(st.Kind)) > 0 {
		return true
	}
	sp, ok := playbook.Lookup(st.Kind)
	return ok && sp.FollowUp != nil
}

// nextRung is the rung an outcome on a step of kind opens. A kind on
// several ladders (civil-claim) ends each of them, so the first decides.
func nextRung(kind, outcome string) (playbook.Rung, bool) {
	for _, p := range playbook.LadderFor(kind) {
		if r, ok := p.After(outcome); ok {
			return r, true
		}
	}
	return playbook.Rung{}, false
}

// openRung puts a rung's step into the plan, or brings back the one the
// case has, with due as its date when the law sets a time limit (a step
// already finished keeps its status and date). A new step goes right after
// position after (the step whose reply opened it), so the plan reads in
// the route's order; 0 puts it last.
func (t *txn) openRung(caseID int64, kind string, due time.Time, after int) (*Step, error) {
	steps, err := t.ListSteps(caseID)
	if err != nil {
		return nil, err
	}
	st := Step{CaseID: caseID, Kind: kind, Status: StepTodo, Position: len(steps) + 1}
	if sp, ok := playbook.Lookup(kind); ok {
		st.Channel = sp.Channel
	}
	for _, x := range steps {
		if x.Kind == kind {
			st = x
		}
	}
	added := st.ID == 0
	st.Retired = false
	if !due.IsZero() && !st.Status.Finished() {
		st.FollowUp, st.FollowUpEstimate = due, false
	}
	if err := t.SaveStep(&st); err != nil {
		return nil, err
	}
	if added && after > 0 && after < st.Position {
		steps = append(steps, st)
		slices.SortStableFunc(steps, func(a, b Step) int { return a.Position - b.Position })
		order := make([]Step, 0, len(steps))
		for _, x := range steps {
			if x.ID != st.ID {
				order = append(order, x)
			}
			if x.Position == after && x.ID != st.ID {
				order = append(order, st)
			}
		}
		for i := range order {
			if order[i].Position != i+1 {
				order[i].Position = i + 1
				if err := t.SaveStep(&order[i]); err != nil {
					return nil, err
				}
			}
			if order[i].ID == st.ID {
				st = order[i]
			}
		}
	}
	if added {
		if err := t.record(caseID, EventStepAdded, subject("step", st.ID), map[string]string{"kind": kind}); err != nil {
			return nil, err
		}
	}
	return &st, t.touch(caseID)
}

// RepliesOf reads the replies recorded in a case's history, by step, oldest
// first.
func RepliesOf(events []Event) map[int64][]Reply {
	return byStep(events, EventStepReply, func(id int64, e Event) Reply {
		r := Reply{StepID: id, Outcome: e.Data["outcome"], Reference: e.Data["reference"], Seq: e.Seq, NextKind: e.Data["next"]}
		r.On, _ = time.Parse("2006-01-02", e.Data["date"])
		r.NextDue, _ = time.Parse("2006-01-02", e.Data["due"])
		r.ExhibitID, _ = strconv.ParseInt(e.Data["exhibit"], 10, 64)
		return r
	})
}

// LatestReply is the last reply recorded on a step; ok is false for none.
func LatestReply(events []Event, stepID int64) (Reply, bool) {
	return last(RepliesOf(events)[stepID])
}

// byStep reads the history entries of one kind recorded on plan steps
// (replies, deliveries), by step ID, oldest first.
func byStep[T any](events []Event, kind string, read func(stepID int64, e Event) T) map[int64][]T {
	out := map[int64][]T{}
	for _, e := range events {
		if e.Kind != kind {
			continue
		}
		if id, ok := subjectID(e.Subject, "step"); ok {
			out[id] = append(out[id], read(id, e))
		}
	}
	return out
}

// last is the newest of a step's entries; ok is false for none.
func last[T any](xs []T) (x T, ok bool) {
	if len(xs) == 0 {
		return x, false
	}
	return xs[len(xs)-1], true
}

func subjectID(subj, kind string) (int64, bool) {
	rest, ok := strings.CutPrefix(subj, kind+":")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil
}

// linkProof links exhibit id (0: none) to step st, as the document that
// proves a reply or a delivery recorded on it: it must be evidence of the
// same case, and a new link is recorded in the history like any other.
func (t *txn) linkProof(id int64, st *Step) error {
	if id == 0 {
		return nil
	}
	e, err := t.GetExhibit(id)
	if err != nil || e.CaseID != st.CaseID {
		return invalid("evidence", "所选的证据不属于这个案件。", "The chosen evidence is not part of this case.")
	}
	if slices.Contains(e.StepIDs, st.ID) {
		return nil
	}
	e.StepIDs = append(e.StepIDs, st.ID)
	if err := t.SaveExhibit(e); err != nil {
		return err
	}
	return t.record(e.CaseID, EventExhibitLinked, subject("exhibit", e.ID), map[string]string{
		"steps": joinIDs(e.StepIDs), "communications": joinIDs(e.CommIDs)})
}
