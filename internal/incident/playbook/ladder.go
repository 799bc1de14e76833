package playbook

import (
	"time"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident/workdays"
)

// The escalation ladders (issue 12): what a victim can do next when the
// one asked does not answer, refuses or answers in part. Each route is one
// ladder of plan steps; a reply recorded on a step (incident.RecordReply)
// moves its route to the next rung, and `leakdesk next`, the plan and the
// Deadlines view read the same table. The waiting period of each rung is
// its step's FollowUpRule (working or natural days as the rule says); the
// time limit within which the victim must act on a rung, where the law
// sets one, is the rung's Act. Every period and article comes from the
// facts register; where the fact sheet sets no number (PIPL Art. 65 "及时",
// the police's 立案 decision, whose 3/7/30 days are UNVERIFIED) the rung has
// no date and none is printed.

// Reply outcomes: what came back from the one a step waits on.
const (
	ReplyAccepted = "accepted" // accepted or done (a 受案回执, a complaint number, the data deleted)
	ReplyRefused  = "refused"  // refused in writing, e.g. a 不予立案通知书
	ReplyPartial  = "partial"  // answered in part
	ReplyNone     = "none"     // no answer by the date
)

// ReplyOutcomes lists every outcome in display order.
func ReplyOutcomes() []string {
	return []string{ReplyAccepted, ReplyRefused, ReplyPartial, ReplyNone}
}

// ReplyOutcomeLabel names an outcome for the screen, the CLI and the history.
func ReplyOutcomeLabel(outcome, lang string) string {
	t, ok := map[string]Text{
		ReplyAccepted: {"已受理或已办理", "Accepted"},
		ReplyRefused:  {"被拒绝", "Refused"},
		ReplyPartial:  {"部分答复", "Answered in part"},
		ReplyNone:     {"到期未答复", "No answer by the date"},
	}[outcome]
	if !ok {
		return outcome
	}
	return t.In(lang)
}

// Escalates reports whether an outcome moves the route to its next rung:
// everything but acceptance does.
func Escalates(outcome string) bool {
	return outcome == ReplyRefused || outcome == ReplyPartial || outcome == ReplyNone
}

// Period is a time limit in natural or working days.
type Period struct {
	Days        int // natural days, or
	WorkingDays int // PRC working days (the holiday calendar)
	// Fact is the register ID of the period's wording ("收到不予立案通知书之日起7日内").
	Fact string
	// Basis is the register placeholder of the rule that sets it.
	Basis string
	// Rollover says a period in natural days whose last day is a holiday
	// ends on the first working day after it (刑事诉讼法 Art. 105 para 4:
	// rule.holiday-rollover), for the periods of criminal procedure.
	Rollover bool
}

// From is the last day of the period counted from the civil date of t; the
// estimate is true when working days run outside the known calendar.
func (p Period) From(t time.Time) (due time.Time, estimate bool) {
	if p.WorkingDays > 0 {
		return workdays.AddWorkingDays(t, p.WorkingDays)
	}
	due = workdays.AddDays(t, p.Days)
	if p.Rollover {
		return workdays.RollToWorkingDay(due)
	}
	return due, false
}

// Rolled reports whether the period counted from t ends later than its
// last natural day because that day is a holiday (so documents say why).
func (p Period) Rolled(t time.Time) bool {
	if p.WorkingDays > 0 || !p.Rollover {
		return false
	}
	due, _ := p.From(t)
	return !due.Equal(workdays.AddDays(t, p.Days))
}

// RolloverNote is the one sentence on the roll-over, from the register.
func RolloverNote(lang string) string {
	if lang == "en" {
		return facts.Expand(lang, "{rule.holiday-rollover} ({cpl.art105})")
	}
	return facts.Expand(lang, "{rule.holiday-rollover}（{cpl.art105}）")
}

// Rung is one step of a ladder.
type Rung struct {
	Kind string // the plan step's kind
	// Act is the time limit within which the victim must take this rung,
	// counted from the reply that opened it; nil when the law sets none.
	Act *Period
	// OnNone is the rung a route goes to when no answer came by the date,
	// when that is not the next one (no 复议 without a 不予立案通知书; the
	// procuratorate's supervision covers a report left undecided); "" for
	// the next rung.
	OnNone string
	// Basis is why this rung is open, as register placeholders.
	Basis Text
}

// BasisIn is the rung's basis in lang with the register's facts filled in.
func (r Rung) BasisIn(lang string) string { return facts.Expand(lang, r.Basis.In(lang)) }

// ActText is the rung's time limit as the register words it ("收到不予立案通知书之日起7日内")
// with its rule, "" when the law sets none.
func (r Rung) ActText(lang string) string {
	if r.Act == nil {
		return ""
	}
	out := facts.Expand(lang, "{"+r.Act.Fact+"}（"+r.Act.Basis+"）")
	sep := "；"
	if lang == "en" {
		out, sep = facts.Expand(lang, "{"+r.Act.Fact+"} ("+r.Act.Basis+")"), "; "
	}
	if r.Act.Rollover {
		out += sep + RolloverNote(lang)
	}
	return out
}

// Title is the rung's step title in lang.
func (r Rung) Title(lang string) string {
	if s, ok := Lookup(r.Kind); ok {
		return s.Title.In(lang)
	}
	return r.Kind
}

// TitleIn is the ladder's title in lang.
func (l Ladder) TitleIn(lang string) string { return facts.Expand(lang, l.Title.In(lang)) }

// Ladder is one route from the first request to its end.
type Ladder struct {
	Key   string
	Title Text
	Rungs []Rung
}

// Ladder keys.
const (
	RoutePolice   = "police"
	RouteCompany  = "company"
	RouteTelecom  = "telecom"
	RouteCredit   = "credit"
	RouteConsumer = "consumer"
)

// rung, noAnswerTo and appeal build the table's rungs: a rung is a step
// kind with the basis that opens it; appeal is a rung of the police's own
// review (复议, 复核), taken within 7 natural days of the decision it
// contests (程序规定 Art. 179) and rolled over holidays (刑事诉讼法 Art.
// 105), which with no answer leads to the procuratorate's supervision.
func rung(kind, zh, en string) Rung { return Rung{Kind: kind, Basis: Text{zh, en}} }

func (r Rung) noAnswerTo(kind string) Rung { r.OnNone = kind; return r }

func appeal(kind, fact, zh, en string) Rung {
	r := rung(kind, zh, en).noAnswerTo("procuratorate-supervision")
	r.Act = &Period{Days: 7, Fact: fact, Basis: "{mps-proc.art179}", Rollover: true}
	return r
}

// Ladders is the one table of escalation routes, in display order.
func Ladders() []Ladder {
	civil := rung("civil-claim",
		"个人信息处理者拒绝你行使权利的请求的，你可以向{org.court}起诉（{pipl.art50}）；处理个人信息侵害你的权益造成损害，处理者不能证明自己没有过错的，应当赔偿（{pipl.art69}）。",
		"When the processor refuses a request to exercise your rights you may sue in the {org.court} ({pipl.art50}); a processor whose handling of your information harmed you is liable unless it proves it was not at fault ({pipl.art69}).")
	return []Ladder{
		{Key: RoutePolice, Title: Text{"报案", "Police report"}, Rungs: []Rung{
			rung("police-report", "向公安机关报案或者控告（{cpl.art110}）。", "Report or accuse to the police ({cpl.art110}).").noAnswerTo("procuratorate-supervision"),
			appeal("police-reconsideration", "period.reconsider-apply",
				"收到不予立案通知书后，可以向作出决定的公安机关申请复议（{mps-proc.art179}）。", "After a notice not to open a case you may ask the police unit that decided to reconsider ({mps-proc.art179})."),
			appeal("police-review", "period.review-apply",
				"对复议决定不服的，可以向{org.police-upper}申请复核（{mps-proc.art179}）。", "If you disagree with the reconsideration decision you may ask {org.police-upper} for a review ({mps-proc.art179})."),
			rung("procuratorate-supervision",
				"认为公安机关应当立案而不立案的，可以向{org.procuratorate}提出，由它要求公安机关说明不立案的理由（{cpl.art113}）。", "If you believe the police should open a case and do not, you may turn to the {org.procuratorate}, which requires the police to explain why ({cpl.art113})."),
			rung("private-prosecution",
				"公安机关或者{org.procuratorate}不予追究的，被害人可以向{org.court}提起自诉（{cpl.art210.3}）。", "When the police or the {org.procuratorate} decline to pursue it, the victim may bring a private prosecution in the {org.court} ({cpl.art210.3})."),
		}},
		{Key: RouteCompany, Title: Text{"泄露方（删除、说明）", "The organisation that leaked (deletion, explanation)"}, Rungs: []Rung{
			rung("deletion-demand", "你有权请求删除；对方拒绝的，应当说明理由（{pipl.art47+pipl.art50}）。", "You may ask for deletion; a refusal must give reasons ({pipl.art47+pipl.art50})."),
			rung("regulator-complaint",
				"对方到期不答复或者拒绝的，可以向{org.pi-dept}投诉、举报（{pipl.art65}）。",
				"If it does not answer by the date or refuses, you may complain to the {org.pi-dept} ({pipl.art65})."),
			civil,
		}},
		{Key: RouteTelecom, Title: Text{"电信运营商", "The phone company"}, Rungs: []Rung{
			rung("telecom-operator", "先向运营商投诉，它应当在{period.telecom-operator}答复（{telecom.art10@order}）。", "Complain to the phone company first; it must answer {period.telecom-operator} ({telecom.art10@order})."),
			rung("telecom-12300",
				"运营商{period.telecom-operator}没有答复或者答复不能让你满意的，可以向{org.12300}申诉（{telecom.art11}）。",
				"If the phone company does not answer {period.telecom-operator} or its answer does not satisfy you, you may appeal to the {org.12300} ({telecom.art11})."),
			civil,
		}},
		{Key: RouteCredit, Title: Text{"征信异议", "Credit-record objection"}, Rungs: []Rung{
			rung("credit-dispute", "提出异议后，对方应当在{period.credit-objection}核查处理并书面答复（{credit.art25}）。", "Once you object, it must check and answer in writing {period.credit-objection} ({credit.art25})."),
			rung("credit-complaint",
				"异议没有在{period.credit-objection}得到更正或者答复的，可以向{org.pboc-branch}投诉，也可以直接起诉（{credit.art26}）。",
				"If the objection is not corrected or answered {period.credit-objection}, you may complain to {org.pboc-branch}, or sue directly ({credit.art26})."),
			rung("civil-claim",
				"对征信异议的处理不服的，可以直接向{org.court}起诉（{credit.art26}）。",
				"If you disagree with how the objection was handled you may sue in the {org.court} ({credit.art26})."),
		}},
		{Key: RouteConsumer, Title: Text{"{hotline.12315}投诉", "{hotline.12315} complaint"}, Rungs: []Rung{
			rung("consumer-12315", "{org.samr-dept}应当在{period.samr-accept}决定是否受理（{samr.art14}）。", "The {org.samr-dept} must decide {period.samr-accept} whether to accept it ({samr.art14})."),
			rung("consumer-association",
				"{org.samr-dept}不予受理，或者调解{period.samr-mediation}未达成协议而终止的（{samr.art21}），可以请{org.cca-local}调解（{crpl.art37}）。",
				"If the {org.samr-dept} does not accept the complaint, or ends its mediation without agreement {period.samr-mediation} ({samr.art21}), you may ask the {org.cca-local} to mediate ({crpl.art37})."),
			civil,
		}},
	}
}

// LadderFor returns the ladders a step kind is a rung of, with its index
// in each (civil-claim ends several).
func LadderFor(kind string) []Position {
	var out []Position
	for _, l := range Ladders() {
		for i, r := range l.Rungs {
			if r.Kind == kind {
				out = append(out, Position{Ladder: l, Index: i})
			}
		}
	}
	return out
}

// Position is a rung's place in one ladder.
type Position struct {
	Ladder Ladder
	Index  int
}

// Rung is the rung at the position.
func (p Position) Rung() Rung { return p.Ladder.Rungs[p.Index] }

// After is the rung a route moves to after an outcome on this one; ok is
// false when the outcome ends the route (accepted) or the ladder has no
// further rung.
func (p Position) After(outcome string) (Rung, bool) {
	if !Escalates(outcome) {
		return Rung{}, false
	}
	r := p.Rung()
	if outcome == ReplyNone && r.OnNone != "" {
		for _, x := range p.Ladder.Rungs {
			if x.Kind == r.OnNone {
				return x, true
			}
		}
	}
	if p.Index+1 < len(p.Ladder.Rungs) {
		return p.Ladder.Rungs[p.Index+1], true
	}
	return Rung{}, false
}

// NextIfNoAnswer is the rung a step of kind leads to when its date passes
// with no answer (the Deadlines view offers it for overdue items); ok is
// false for a step on no ladder or at a ladder's end.
func NextIfNoAnswer(kind string) (Rung, bool) {
	for _, p := range LadderFor(kind) {
		if r, ok := p.After(ReplyNone); ok {
			return r, true
		}
	}
	return Rung{}, false
}

// EscalationOnly reports whether a step kind joins a plan only through a
// recorded reply (never from the answers alone), so re-running the intake
// must not retire it.
func EscalationOnly(kind string) bool {
	for _, s := range ladderSteps() {
		if s.Kind == kind {
			return true
		}
	}
	return kind == "police-reconsideration"
}

// ladderSteps are the rungs that only a recorded reply adds to a plan.
func ladderSteps() []StepSpec {
	return []StepSpec{
		{
			Kind:  "police-review",
			Order: 46,
			Title: Text{"复议后仍不立案：向{org.police-upper}申请复核", "If reconsideration keeps the refusal: ask {org.police-upper} for a review"},
			Why: Text{
				"复议决定仍然不予立案，你不同意的，还可以请{org.police-upper}复核。申请有时间限制：{period.review-apply}。",
				"If the reconsideration decision keeps the refusal and you disagree, you can ask {org.police-upper} to review it. There is a time limit: {period.review-apply}.",
			},
			Basis: Text{"{mps-proc.art179}。", "{mps-proc.art179}."},
			How: Text{
				"1. 在{period.review-apply}，向{org.police-upper}书面申请复核，写明理由，附上不予立案通知书、复议决定书和证据。\n2. 复核决定应在{period.review-decide}作出；重大、复杂的案件可以{period.reconsider-extend}。\n3. 保留申请书和递交凭证，把收到的复核决定放进证据。",
				"1. {period.review-apply}, apply in writing to {org.police-upper}, giving your reasons and attaching the notice, the reconsideration decision and the evidence.\n2. The review decision is due {period.review-decide}; for major or complex cases it may be extended {period.reconsider-extend}.\n3. Keep the application and proof of delivery, and put the decision you receive into the evidence.",
			},
			Facts: []Fact{
				{Text{"申请期限", "Time limit"}, Text{"{period.review-apply}", "{period.review-apply}"}},
				{Text{"复核决定", "Decision"}, Text{"{period.review-decide}", "{period.review-decide}"}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, Days: 30, Rollover: true, Reason: Text{
				"复核决定应在{period.review-decide}作出（{mps-proc.art179}）。",
				"The review decision is due {period.review-decide} ({mps-proc.art179}).",
			}},
			Packet: PacketReview,
		},
		{
			Kind:  "procuratorate-supervision",
			Order: 47,
			Title: Text{"请求{org.procuratorate}立案监督", "Ask the {org.procuratorate} to supervise the decision not to open a case"},
			Why: Text{
				"你认为公安机关应当立案而不立案的，可以向{org.procuratorate}提出。{org.procuratorate}应当要求公安机关说明不立案的理由，认为理由不能成立的，应当通知公安机关立案（{cpl.art113}）。",
				"If you believe the police should open a case and do not, you can turn to the {org.procuratorate}. It must require the police to explain why, and if the reasons do not stand, tell the police to open the case ({cpl.art113}).",
			},
			Basis: Text{"{cpl.art113}。", "{cpl.art113}."},
			How: Text{
				"1. 向{org.procuratorate}书面提出，写明你报案的经过、公安机关不予立案或者一直没有结果的情况，以及你认为应当立案的理由。\n2. 附上报案材料、受案回执、不予立案通知书、复议和复核决定（有的话）以及证据。\n3. 法律没有规定答复的天数；保留递交凭证，记下日期。",
				"1. Write to the {org.procuratorate}: how you reported, what the police decided or that they have not decided, and why you believe a case should be opened.\n2. Attach the report, the receipt, the notice not to open a case, any reconsideration and review decisions, and the evidence.\n3. The law sets no number of days for an answer; keep proof of delivery and note the date.",
			},
			Packet: PacketSupervision,
		},
		{
			Kind:  "private-prosecution",
			Order: 48,
			Title: Text{"向{org.court}提起刑事自诉", "Bring a private prosecution in the {org.court}"},
			Why: Text{
				"公安机关或者{org.procuratorate}不予追究的，被害人可以直接向{org.court}起诉（{cpl.art210.3}）。自诉要由你自己提出证据，建议先咨询律师。",
				"When the police or the {org.procuratorate} decline to pursue it, the victim may go to the {org.court} directly ({cpl.art210.3}). You must bring the evidence yourself, so talk to a lawyer first.",
			},
			Basis: Text{"{cpl.art210.3}。", "{cpl.art210.3}."},
			How: Text{
				"1. 整理不予追究的书面材料和你的全部证据。\n2. 免费法律咨询：{hotline.12348}。\n3. 向{org.court}递交自诉状和证据。",
				"1. Gather the decisions not to pursue and all your evidence.\n2. Free legal advice: {hotline.12348}.\n3. File the private prosecution and the evidence with the {org.court}.",
			},
		},
		{
			Kind:  "credit-complaint",
			Order: 85,
			Title: Text{"向{org.pboc-branch}投诉征信异议的处理", "Complain to {org.pboc-branch} about the credit objection"},
			Why: Text{
				"异议没有在{period.credit-objection}得到更正或者答复，或者你对处理不满意，可以向{org.pboc-branch}投诉；也可以直接向{org.court}起诉（{credit.art26}）。",
				"If the objection was not corrected or answered {period.credit-objection}, or you disagree with how it was handled, you can complain to {org.pboc-branch}, or sue in the {org.court} directly ({credit.art26}).",
			},
			Basis: Text{"{credit.art25+credit.art26}。", "{credit.art25+credit.art26}."},
			How: Text{
				"1. 写明哪几条记录不是你的、你哪天提出了异议、对方怎样答复或者没有答复。\n2. 附上异议申请、答复（有的话）、身份证明和报案回执（有的话）。\n3. {org.pboc-branch}应当在{period.credit-complaint}书面答复；保留递交凭证。",
				"1. Say which entries are not yours, when you objected and how the other side answered, or that it did not.\n2. Attach the objection, any answer, proof of identity and, if you have one, the police receipt.\n3. {org.pboc-branch} must answer in writing {period.credit-complaint}; keep proof of delivery.",
			},
			Facts: []Fact{
				{Text{"答复期限", "Reply due"}, Text{"{period.credit-complaint}", "{period.credit-complaint}"}},
			},
			FollowUp: &FollowUpRule{On: StatusDoing, Days: 30, Reason: Text{
				"{org.pboc-branch}应当在{period.credit-complaint}书面答复（{credit.art26}）；本提醒从递交之日算起，受理日期以对方告知的为准。",
				"{org.pboc-branch} must answer in writing {period.credit-complaint} ({credit.art26}); this reminder counts from the day you submitted, and the acceptance date it tells you prevails.",
			}},
			Packet: PacketCredit,
		},
	}
}
