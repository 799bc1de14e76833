// Package playbook holds the guided intake and the PRC response playbook as
// data: the questions a victim answers, every step the app can suggest, and
// the rule that turns answers into an ordered personal plan.
//
// All wording is the app's own, in Simplified Chinese and English, written
// for a frightened reader who is not a lawyer. Facts, numbers and article
// numbers come from shared/legal/cn-facts.md and cn-channels-verified.md;
// nothing marked UNVERIFIED there is used. Where the law says only "及时"
// (promptly), a follow-up date is labelled as the app's reminder or a
// benchmark, never as a legal deadline.
package playbook

import (
	"fmt"
	"slices"
	"time"

	"leakdesk/internal/incident/workdays"
)

// Text is one piece of user-facing wording in both languages.
type Text struct{ ZH, EN string }

// In returns the English text for "en" and the Chinese text otherwise,
// because Chinese is the app's default language.
func (t Text) In(lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.ZH
}

// Answers are the intake answers, as option keys.
type Answers struct {
	Leaked     []string // what leaked: option keys of the "leaked" question
	Happened   []string // what has happened since: option keys of "happened"
	SourceKind string   // who probably leaked it: a SourceKinds key, "" when not answered
	SourceOrg  string   // free text, may be empty
	Insider    string   // "known", "yes" (suspected), "no", "unsure" or "" when not answered
	Grounds    []string // why the source is suspected: option keys of "grounds"
}

// Option is one answer of a choice question.
type Option struct {
	Key   string
	Label Text
	Hint  Text
}

// Question is one intake question.
type Question struct {
	Key    string // "leaked","happened","source-kind","source-org","insider"
	Kind   string // "multi","single","text"
	Prompt Text
	Help   Text
	// Options are the choices of a "multi" or "single" question.
	Options []Option
	// NotSure says "not sure" is an acceptable answer. For single questions
	// it is already one of the options (the last one: "unknown" or
	// "unsure"), so the UI must not add another; for multi and text
	// questions, leaving the answer empty means "not sure".
	NotSure bool
}

// Fact is one concrete detail a step needs: a phone number, what to bring,
// what to keep, what to record.
type Fact struct{ Label, Value Text }

// Step statuses that start a follow-up clock (the incident package's names).
const (
	StatusDoing = "doing" // submitted, waiting for an answer
	StatusDone  = "done"
)

// FollowUpRule says when to look again after a step reaches a status.
type FollowUpRule struct {
	On          string // step status that starts the clock: "doing" or "done"
	WorkingDays int    // period in PRC working days, or
	Days        int    // period in natural days
	Reason      Text   // where the period comes from, or that it is only a reminder
}

// StepSpec is one step the playbook can suggest.
type StepSpec struct {
	Kind  string // stable key, stored with the case
	Order int    // position in a plan; plans list steps by ascending Order
	Title Text
	Why   Text
	Basis Text
	How   Text
	Facts []Fact
	// FollowUp is nil when nothing is awaited from anyone.
	FollowUp *FollowUpRule
	Channel  string // "110","96110","12315","12377","12321","12300","12378" or ""
	Packet   string // complaint packet that fits: "police","consumer","regulator","provider" or ""
	// Optional marks a step the plan suggests but the user may reasonably
	// leave out (the police report when no money was lost). Plan also says so
	// in Title and Why, so a UI that ignores this field still shows it.
	Optional bool
}

// Packet names.
const (
	PacketPolice    = "police"
	PacketConsumer  = "consumer"
	PacketRegulator = "regulator"
	PacketProvider  = "provider"
)

// Lookup returns the generic step of kind, as listed by AllSteps.
func Lookup(kind string) (StepSpec, bool) {
	for _, s := range AllSteps() {
		if s.Kind == kind {
			return s, true
		}
	}
	return StepSpec{}, false
}

// FollowUpDate computes the follow-up date for a step whose status just
// became status at now; ok is false when the step has no rule for that
// status. estimate is true when the working-day count runs outside the known
// holiday calendar. The date is 00:00 in now's location.
func FollowUpDate(kind, status string, now time.Time) (due time.Time, estimate, ok bool) {
	s, found := Lookup(kind)
	if !found || s.FollowUp == nil || s.FollowUp.On != status {
		return time.Time{}, false, false
	}
	r := s.FollowUp
	if r.WorkingDays > 0 {
		due, estimate = workdays.AddWorkingDays(now, r.WorkingDays)
		return due, estimate, true
	}
	return workdays.AddDays(now, r.Days), false, true
}

// Validate reports the first answer key that the questions do not offer.
func (a Answers) Validate() error {
	qs := Questions()
	keysOf := func(qkey string) []string {
		for _, q := range qs {
			if q.Key == qkey {
				keys := make([]string, len(q.Options))
				for i, o := range q.Options {
					keys[i] = o.Key
				}
				return keys
			}
		}
		return nil
	}
	check := func(qkey string, answers ...string) error {
		valid := keysOf(qkey)
		for _, k := range answers {
			if !slices.Contains(valid, k) {
				return fmt.Errorf("playbook: unknown %s answer %q", qkey, k)
			}
		}
		return nil
	}
	if err := check("leaked", a.Leaked...); err != nil {
		return err
	}
	if err := check("happened", a.Happened...); err != nil {
		return err
	}
	if err := check("grounds", a.Grounds...); err != nil {
		return err
	}
	if a.SourceKind != "" {
		if err := check("source-kind", a.SourceKind); err != nil {
			return err
		}
	}
	if a.Insider != "" {
		if err := check("insider", a.Insider); err != nil {
			return err
		}
	}
	return nil
}

// Plan returns the ordered personal plan for a. Unknown keys are ignored
// here (Validate reports them), so an old case with a retired option still
// gets a plan.
func Plan(a Answers) []StepSpec {
	leaked := func(k ...string) bool {
		for _, x := range k {
			if slices.Contains(a.Leaked, x) {
				return true
			}
		}
		return false
	}
	happened := func(k ...string) bool {
		for _, x := range k {
			if slices.Contains(a.Happened, x) {
				return true
			}
		}
		return false
	}
	src := a.SourceKind
	sourceKnown := (src != "" && src != "unknown") || a.SourceOrg != ""
	moneyLost := happened("money-lost", "loan-in-name")
	fraud := happened("scam-contact", "money-lost", "loan-in-name")
	posted := happened("posted-online")
	insider := a.Insider == "yes" || a.Insider == "known"

	want := map[string]bool{
		"secure-accounts": true,
		"gather-evidence": true,
		"police-report":   true,
		"warn-family":     true,
		// Payment details exposed, or money already at stake: stop it first.
		"freeze-payment": leaked("bank-card", "wechat-alipay", "passwords") || moneyLost,
		"fraud-96110":    fraud,
		// An ID number or credit data is what loans in your name are made of.
		"credit-report":     leaked("id-number", "credit-report") || happened("loan-in-name"),
		"credit-dispute":    happened("loan-in-name"),
		"contact-lenders":   happened("loan-in-name"),
		"platform-takedown": posted,
		"report-12377":      posted,
		"deletion-demand":   sourceKnown,
		// 12315 is for businesses dealing with consumers; telecom and banks
		// have their own sector channels below.
		"consumer-12315":   slices.Contains([]string{"courier", "ecommerce", "hotel", "realestate", "platform", "education"}, src),
		"telecom-operator": src == "telecom",
		"telecom-12300":    src == "telecom",
		"financial-12378":  src == "bank" || happened("loan-in-name"),
		"report-12321":     happened("scam-contact", "harassment"),
		// Worth weighing whenever there is someone to claim against or a loss.
		"civil-claim": sourceKnown || moneyLost || posted,
	}

	var plan []StepSpec
	for _, s := range AllSteps() {
		if !want[s.Kind] {
			continue
		}
		switch s.Kind {
		case "police-report":
			s = tailorPolice(s, !moneyLost && !posted, insider, moneyLost, posted, happened("harassment"))
		case "gather-evidence":
			if posted {
				s.Why = join(s.Why, postedEvidenceNote())
			}
		case "secure-accounts":
			if leaked("face-photo") {
				s.Why = join(s.Why, facePhotoNote())
			}
		}
		plan = append(plan, s)
	}
	slices.SortStableFunc(plan, func(x, y StepSpec) int { return x.Order - y.Order })
	return plan
}

func tailorPolice(s StepSpec, optional, insider, moneyLost, posted, harassment bool) StepSpec {
	why := policeWhyBase()
	if optional {
		s.Optional = true
		s.Title = join2(s.Title, Text{"（可选）", " (optional)"})
		why = join(why, policeOptionalNote())
	}
	if moneyLost {
		why = join(why, policeFraudNote())
	}
	if posted {
		why = join(why, policePostedNote())
	}
	if harassment {
		why = join(why, policeHarassmentNote())
	}
	if insider {
		why = join(why, policeInsiderNote())
	}
	s.Why = why
	return s
}

// join appends b to a as a new sentence group in both languages.
func join(a, b Text) Text {
	return Text{a.ZH + b.ZH, a.EN + " " + b.EN}
}

// join2 appends b to a with no separator (b carries its own punctuation).
func join2(a, b Text) Text {
	return Text{a.ZH + b.ZH, a.EN + b.EN}
}
