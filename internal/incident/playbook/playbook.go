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
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident/source"
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
	// UsedFor is what each leaked item was used for: a "leaked" key of
	// Leaked to option keys of UsedForQuestion. An item that is absent was
	// not answered (the question may be skipped); documents state a use
	// only when it was ticked.
	UsedFor map[string][]string
	// OtherKinds are the kinds of the other suspected sources (SourceKinds
	// keys), when the victim suspects more than one: each may call for its
	// own complaint channel.
	OtherKinds []string
	// ConsumerRoute is the victim's choice where both the consumer
	// association and 12315 fit (ConsumerChoice): one of ConsumerRoutes'
	// keys, "" when not chosen (both are suggested).
	ConsumerRoute string
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
	// Rollover moves a natural-day period ending on a holiday to the first
	// working day after it (刑事诉讼法 Art. 105 para 4), for the periods of
	// criminal procedure.
	Rollover bool
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

// Packet kinds: the one list of documents the app prints. Steps name the
// packet that fits them; internal/report builds each kind under these names
// (its Kind constants are these), and the GUI and the CLI list PacketKinds.
const (
	PacketPolice    = "police"    // 报案材料 / 控告材料 to a public security organ
	PacketConsumer  = "consumer"  // 投诉书 to 12315 (the market regulator)
	PacketRegulator = "regulator" // PIPL Art. 65 complaint to a PI-protection department
	PacketProvider  = "provider"  // deletion / stop-processing demand to the data holder
	// PacketAssociation is the consumer association's mediation request.
	PacketAssociation = "association"
	// PacketFull is the whole case file for the victim or a lawyer; no
	// step leads to it.
	PacketFull = "full"
	// PacketReconsideration is the 复议申请书 to the police organ that
	// declined to open a case (issue 12).
	PacketReconsideration = "reconsideration"
	// PacketReview is the 复核申请书 to the next-level police.
	PacketReview = "review"
	// PacketSupervision is the 立案监督申请书 to the procuratorate.
	PacketSupervision = "supervision"
	// PacketCivil is the 民事起诉状 draft for a civil action.
	PacketCivil = "civil"
	// PacketCredit is the complaint to the local PBoC branch about a
	// credit-report objection (征信业管理条例 Art. 26).
	PacketCredit = "credit"
)

// The documents of a matter (issue 13: several victims, one respondent)
// and the victim's authorisation of the volunteer. They are made from a
// matter or for the volunteer, not from one case's export.
const (
	PacketJointPolice   = "joint-police"   // 联名控告材料 to a public security organ
	PacketJointConsumer = "joint-consumer" // 联名投诉书 to 12315
	PacketAuthorisation = "authorisation"  // 授权委托书 naming the volunteer as agent
)

// MatterPacketKinds lists the joint documents of a matter in display order.
func MatterPacketKinds() []string { return []string{PacketJointPolice, PacketJointConsumer} }

// The choice between the consumer association and 12315 (issue 18): where
// both fit a case, the victim picks one or both, and the plan keeps what
// was picked. The one sentence on the difference is AssociationVs12315.
const (
	ConsumerBoth        = "both"
	Consumer12315       = "12315"
	ConsumerAssociation = "association"
)

// ConsumerRoutes lists the choices in display order with their labels.
func ConsumerRoutes() []Option {
	return []Option{
		{Key: Consumer12315, Label: expand(Text{"向{hotline.12315}投诉", "Complain to {hotline.12315}"})},
		{Key: ConsumerAssociation, Label: expand(Text{"请{org.cca-local}调解", "Ask the {org.cca-local} to mediate"})},
		{Key: ConsumerBoth, Label: Text{"两个都要", "Both"}},
	}
}

// ConsumerChoice reports whether the answers' plan offers both the
// consumer association and 12315, so the victim has the choice.
func ConsumerChoice(a Answers) bool {
	a.ConsumerRoute = ""
	n := 0
	for _, s := range Plan(a) {
		if s.Kind == "consumer-12315" || s.Kind == "consumer-association" {
			n++
		}
	}
	return n == 2
}

// PacketKinds lists every packet kind in display order.
func PacketKinds() []string {
	// The documents of the escalation ladders follow the full packet, so the
	// first six keep their places (the window tests click them by position).
	return []string{PacketPolice, PacketConsumer, PacketAssociation, PacketRegulator, PacketProvider, PacketFull, PacketReconsideration, PacketReview, PacketSupervision, PacketCivil, PacketCredit}
}

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
	due = workdays.AddDays(now, r.Days)
	if r.Rollover {
		due, estimate = workdays.RollToWorkingDay(due)
	}
	return due, estimate, true
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
	uses := UsedForQuestion()
	for item, list := range a.UsedFor {
		if !slices.Contains(a.Leaked, item) {
			return fmt.Errorf("playbook: used-for answer for %q, which is not a leaked answer", item)
		}
		for _, u := range list {
			if !slices.ContainsFunc(uses.Options, func(o Option) bool { return o.Key == u }) {
				return fmt.Errorf("playbook: unknown used-for answer %q", u)
			}
		}
	}
	if a.SourceKind != "" {
		if err := check("source-kind", a.SourceKind); err != nil {
			return err
		}
	}
	if err := check("source-kind", a.OtherKinds...); err != nil {
		return err
	}
	if a.Insider != "" {
		if err := check("insider", a.Insider); err != nil {
			return err
		}
	}
	if a.ConsumerRoute != "" && !slices.ContainsFunc(ConsumerRoutes(), func(o Option) bool { return o.Key == a.ConsumerRoute }) {
		return fmt.Errorf("playbook: unknown consumer route %q", a.ConsumerRoute)
	}
	return nil
}

// TitleTailored reports whether Plan words the title of a step of kind
// after the answers (the police report marked optional, the regulator
// named); other steps keep the title AllSteps gives them. A listing over
// many cases reads a case's answers only for these (TestTitleTailored
// keeps this in step with Plan).
func TitleTailored(kind string) bool {
	return kind == "police-report" || kind == "regulator-complaint"
}

// PlanKey is the same for two answers that get the same plan: Plan reads
// the organisation's name only for whether one was given. A listing over
// many cases (the deadlines) computes each distinct plan once.
func (a Answers) PlanKey() string {
	set := func(v []string) string {
		v = slices.Clone(v)
		slices.Sort(v)
		return strings.Join(v, ",")
	}
	return strings.Join([]string{set(a.Leaked), set(a.Happened), a.SourceKind, strconv.FormatBool(a.SourceOrg != ""),
		a.Insider, set(a.Grounds), set(a.OtherKinds), a.ConsumerRoute}, "|")
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
	// A channel that fits any suspected source belongs in the plan: the
	// courier and the shop each get their own complaint.
	anyKind := func(match func(string) bool) bool {
		return match(src) || slices.ContainsFunc(a.OtherKinds, match)
	}
	marketRoute := func(k string) bool { return source.RouteFor(source.Kind(k)).Key == "market" }
	sourceKnown := (src != "" && src != "unknown") || a.SourceOrg != ""
	moneyLost := happened("money-lost", "loan-in-name")
	fraud := happened("scam-contact", "money-lost", "loan-in-name")
	posted := happened("posted-online")
	// Used against the victim: anything beyond the exposure itself. A breach
	// notice alone, or nothing answered, is exposure only.
	usedAgainst := happened("scam-contact", "loan-in-name", "money-lost", "harassment", "posted-online")
	route := source.RouteFor(source.Kind(src))
	if route.None {
		route = source.Fallback() // an organisation is named but its kind is not: the local 网信办
	}

	want := map[string]bool{
		"secure-accounts": true,
		"gather-evidence": true,
		"police-report":   true,
		"warn-family":     true,
		// Payment means exposed, or money already at stake: stop it first.
		// A leaked password alone calls for new passwords (secure-accounts),
		// not for blocking cards.
		"freeze-payment": leaked("bank-card", "wechat-alipay") || moneyLost,
		"fraud-96110":    fraud,
		// An ID number or credit data is what loans in your name are made of.
		"credit-report":     leaked("id-number", "credit-report") || happened("loan-in-name"),
		"credit-dispute":    happened("loan-in-name"),
		"contact-lenders":   happened("loan-in-name"),
		"platform-takedown": posted,
		"report-12377":      posted,
		"deletion-demand":   sourceKnown,
		// A complaint to the department with PI-protection duties (PIPL Art.
		// 65) whenever a source is known or suspected; the route decides
		// which department (package source).
		"regulator-complaint": sourceKnown,
		// 12315 is for businesses that served the victim as consumers and
		// whose regulator is market regulation; couriers, platforms, telecom
		// and finance have their own routes.
		"consumer-12315":   anyKind(func(k string) bool { in, _ := source.Lookup(source.Kind(k)); return in.Consumer && marketRoute(k) }),
		"telecom-operator": anyKind(func(k string) bool { return k == "telecom" }),
		"telecom-12300":    anyKind(func(k string) bool { return k == "telecom" }),
		// The consumer association mediates any consumer dispute, whatever
		// the sector's regulator; beside 12315 where both fit (issue 18).
		"consumer-association": anyKind(func(k string) bool { in, _ := source.Lookup(source.Kind(k)); return in.Consumer }),
		// Lenders and the credit system after a loan in the victim's name;
		// a bank or insurer as the source goes through regulator-complaint.
		"financial-12378": happened("loan-in-name"),
		"report-12321":    happened("scam-contact", "harassment"),
		// Worth weighing whenever there is someone to claim against or a loss.
		"civil-claim": sourceKnown || moneyLost || posted,
	}

	if want["consumer-12315"] && want["consumer-association"] {
		// Both fit: the victim's choice keeps one or both (issue 18).
		switch a.ConsumerRoute {
		case Consumer12315:
			want["consumer-association"] = false
		case ConsumerAssociation:
			want["consumer-12315"] = false
		}
	}

	var plan []StepSpec
	for _, s := range rawSteps() {
		if !want[s.Kind] {
			continue
		}
		switch s.Kind {
		case "police-report":
			s = tailorPolice(s, !usedAgainst, a.Insider, moneyLost, posted, happened("harassment"))
		case "gather-evidence":
			if posted {
				s.Why = join(s.Why, postedEvidenceNote())
			}
		case "secure-accounts":
			if leaked("passwords") {
				s.Why = join(s.Why, passwordNote())
			}
			if leaked("face-photo") {
				s.Why = join(s.Why, facePhotoNote())
			}
		case "regulator-complaint":
			s = tailorRegulator(s, route)
		}
		plan = append(plan, expandSpec(s))
	}
	slices.SortStableFunc(plan, func(x, y StepSpec) int { return x.Order - y.Order })
	return plan
}

// AllSteps returns every step the playbook knows, in plan order, with the
// register's facts filled in (the wording in steps.go holds placeholders).
func AllSteps() []StepSpec {
	raw := rawSteps()
	for i := range raw {
		raw[i] = expandSpec(raw[i])
	}
	return raw
}

// expandSpec fills in the register facts of every text of s, in each
// language. It panics on an unknown or UNVERIFIED fact, which the tests
// reach for every step and note.
// expand fills in the register's facts in both languages.
func expand(t Text) Text { return Text{facts.Expand("zh", t.ZH), facts.Expand("en", t.EN)} }

func expandSpec(s StepSpec) StepSpec {
	x := expand
	s.Title, s.Why, s.Basis, s.How = x(s.Title), x(s.Why), x(s.Basis), x(s.How)
	fs := make([]Fact, len(s.Facts))
	for i, f := range s.Facts {
		fs[i] = Fact{x(f.Label), x(f.Value)}
	}
	s.Facts = fs
	if s.FollowUp != nil {
		r := *s.FollowUp
		r.Reason = x(r.Reason)
		s.FollowUp = &r
	}
	return s
}

func tailorPolice(s StepSpec, optional bool, insider string, moneyLost, posted, harassment bool) StepSpec {
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
	switch insider {
	case "known":
		why = join(why, policeInsiderKnownNote())
	case "yes":
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

// tailorRegulator names the department of the source's route in the
// regulator-complaint step: its title, and the first line of How in place
// of the list of all routes.
func tailorRegulator(s StepSpec, r source.Route) StepSpec {
	s.Title = Text{"向" + r.DepartmentZH + "投诉泄露方", "Complain about the source to " + r.DepartmentEN}
	zh, en := "1. 受理部门："+r.DepartmentZH, "1. Where to complain: "+r.DepartmentEN
	if r.FirstToOrg {
		zh += "。先向该机构本身投诉并保留记录；它不处理或你不满意的，再向" + r.DepartmentZH + "投诉"
		en += ". Complain to the organisation itself first and keep a record; if it does nothing or you are not satisfied, go to " + r.DepartmentEN
	}
	if len(r.Basis) > 0 {
		zh += "（" + facts.Cite("zh", "", r.Basis...) + "）"
		en += " (" + facts.Cite("en", "", r.Basis...) + ")"
	}
	if r.Hotline != "" {
		zh += "。电话：" + facts.ZH(r.Hotline)
		en += ". Phone: " + facts.EN(r.Hotline)
	}
	if !r.Verified {
		zh += "。这类机构的个人信息投诉由哪个部门受理，本应用没有核实：可以先向该部门询问，也可以直接向当地" + facts.ZH("org.cac-dept") + "投诉"
		en += ". Which department takes personal-information complaints about this kind of organisation has not been checked for this app: ask the department first, or complain directly to the local " + facts.EN("org.cac-dept")
	}
	_, zhRest, _ := strings.Cut(s.How.ZH, "\n")
	_, enRest, _ := strings.Cut(s.How.EN, "\n")
	s.How = Text{zh + "。\n" + zhRest, en + ".\n" + enRest}
	return s
}
