package report

import (
	"slices"
	"strconv"
	"time"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

// The 复议申请书 (issue 12): after a 不予立案通知书, the victim asks the police
// organ that decided to reconsider, within the time limit of 程序规定 Art.
// 179 (cn-facts.md §7.1). The layout is the citizen's document of
// cn-documents.md §1.2 and §6.2 (title, the applicant, the request, facts
// and reasons, 此致, signature, date, 附). What the police decided, when the
// notice came and its number are the reply recorded on the police-report
// step (incident.RecordReply); without one, the document says nothing about
// a decision and leaves blanks to fill in.

// FieldReasons is the export field with the victim's own reasons for
// disagreeing with a decision, printed as they wrote them.
const FieldReasons = "reasons"

// policeRefusal is the latest refusal (or partial answer) recorded on the
// police report, with its step.
func (b *builder) policeRefusal() (incident.Step, incident.Reply, bool) {
	return refusalOn(b.cf, "police-report")
}

// latestReplyOn is the latest reply recorded on the step of kind.
func latestReplyOn(cf *incident.CaseFile, kind string) (incident.Reply, bool) {
	for _, st := range cf.Steps {
		if st.Kind == kind {
			if r, ok := incident.LatestReply(cf.Events, st.ID); ok {
				return r, true
			}
		}
	}
	return incident.Reply{}, false
}

// refusalOn is the latest reply on the step of kind when it is a refusal
// or a partial answer.
func refusalOn(cf *incident.CaseFile, kind string) (incident.Step, incident.Reply, bool) {
	for _, st := range cf.Steps {
		if st.Kind != kind {
			continue
		}
		if r, ok := incident.LatestReply(cf.Events, st.ID); ok && (r.Outcome == playbook.ReplyRefused || r.Outcome == playbook.ReplyPartial) {
			return st, r, true
		}
	}
	return incident.Step{}, incident.Reply{}, false
}

// replySrc is the basis "a reply recorded on the step of kind";
// refusalSrc "a refusal (or partial answer) recorded on it"; replyRefSrc
// the latest reply's document number.
func replySrc(kind string) Source    { return caseSrc("reply:" + kind) }
func refusalSrc(kind string) Source  { return caseSrc("refusal:" + kind) }
func replyRefSrc(kind string) Source { return caseSrc("reply_ref:" + kind) }

// deliverySrc is the basis "a delivery recorded on the step of kind".
func deliverySrc(kind string) Source { return caseSrc("delivery:" + kind) }

// latestDeliveryOn is the latest delivery recorded on the step of kind.
func latestDeliveryOn(cf *incident.CaseFile, kind string) (incident.Delivery, bool) {
	for _, st := range cf.Steps {
		if st.Kind == kind {
			if d, ok := incident.LatestDelivery(cf.Events, st.ID); ok {
				return d, true
			}
		}
	}
	return incident.Delivery{}, false
}

// reportedOn is the day the police step was marked handed in, from the
// history; zero when it never was.
func (b *builder) reportedOn(stepID int64) (d incident.Event, ok bool) {
	subj := "step:" + strconv.FormatInt(stepID, 10)
	for _, e := range b.cf.Events {
		if e.Kind == incident.EventStepStatus && e.Subject == subj && e.Data["to"] == string(incident.StepDoing) {
			return e, true
		}
	}
	return incident.Event{}, false
}

func (b *builder) reconsideration() {
	st, reply, refused := b.policeRefusal()
	organ := b.opts.Recipient
	if organ == "" && refused {
		organ = st.Organisation
	}
	recipientBasis := []Source{}
	if b.opts.Recipient != "" {
		recipientBasis = append(recipientBasis, field(FieldRecipient))
	} else if organ != "" {
		recipientBasis = append(recipientBasis, caseSrc("steps"))
	}
	addressee := or(organ, blank+"公安局")
	b.cover("复议申请书", "关于不予立案决定的复议申请", "致："+addressee, KV{Key: "申 请 人", Value: or(b.c.Victim.Name, blank)})

	due := ""
	if refused {
		if d, ok := actBy("police-report", reply); ok {
			due = "按你登记的收到通知书的日期（" + zhDate(reply.On) + "）计算，期限至" + zhDate(d) + "。" + rolledNote("police-report", reply)
		}
	}
	b.instructions("复议申请须知（本页不作为提交材料）", nonEmpty(
		x("请在{period.reconsider-apply}，向作出不予立案决定的公安机关提交本申请书（{mps-proc.art179@book}）。")+due,
		x("依照{cpl.art112}，控告人对不立案决定不服的，可以申请复议。"),
		"请附上不予立案通知书的复印件，原件自己保存。本申请书一式两份，一份提交，一份自己保存，并请接收的民警在自己保存的一份上签收。",
		x("对复议决定不服的，可以在{period.review-apply}向{org.police-upper}申请复核（{mps-proc.art179@book}）。你也可以请求{org.procuratorate}进行立案监督（{cpl.art113}）。"),
		"提交前请取下本页。",
	)...)

	s := b.section("applicant", "申请人基本情况", false)
	s.kv(b.victimKV(true, "姓　　名：", "住　　址：")...)

	s = b.section("requests", "请求事项", false)
	req := "撤销" + or(organ, "贵机关") + "作出的不予立案决定"
	basis := append([]Source{}, recipientBasis...)
	if refused && reply.Reference != "" {
		req += "（文号：" + reply.Reference + "）"
		basis = append(basis, refusalSrc("police-report"), replyRefSrc("police-report"))
	} else if refused {
		basis = append(basis, refusalSrc("police-report"))
	}
	req += "，对申请人报案（控告）的个人信息被非法获取、出售或者提供一案依法立案侦查。"
	if len(basis) > 0 {
		req = b.stateItem(s, req, basis...)
	}
	s.list(req) // with nothing recorded, a request and not a statement of fact

	s = b.section("facts", "事实与理由", false)
	s.sub("（一）报案及不予立案的经过")
	if refused {
		b.reportAndRefusal(s, st, reply, or(organ, "公安机关"))
	} else {
		// No refusal recorded: the document leaves the dates to the user.
		s.para("申请人于" + blank + "向公安机关报案（控告），于" + blank + "收到不予立案通知书（文号：" + blank + "）。")
	}
	b.appealFacts(s, "申请复议的理由")
	s.para(x("依照{cpl.art112}和{mps-proc.art179@book}，申请人对不予立案决定不服，特申请复议，请求撤销该决定，依法立案侦查。"))
	b.appealClose(s, addressee, []int64{reply.ExhibitID}, []string{"不予立案通知书复印件一份"})
}

// review is the 复核申请书 (issue 12): after a 复议 decision that keeps the
// refusal, to the next-level police within 7 days (程序规定 Art. 179 para 2).
// The decision is the reply recorded on the 复议 step.
func (b *builder) review() {
	pst, notice, noticed := b.policeRefusal()
	rst, decision, decided := refusalOn(b.cf, "police-reconsideration")
	organ := b.opts.Recipient
	if organ == "" {
		for _, st := range b.cf.Steps {
			if st.Kind == "police-review" {
				organ = st.Organisation
			}
		}
	}
	addressee := or(organ, blank+"（"+facts.ZH("org.police-upper")+"）")
	b.cover("复核申请书", "关于不予立案复议决定的复核申请", "致："+addressee, KV{Key: "申 请 人", Value: or(b.c.Victim.Name, blank)})
	due := ""
	if decided {
		if d, ok := actBy("police-reconsideration", decision); ok {
			due = "按你登记的收到复议决定的日期（" + zhDate(decision.On) + "）计算，期限至" + zhDate(d) + "。" + rolledNote("police-reconsideration", decision)
		}
	}
	b.instructions("复核申请须知（本页不作为提交材料）", nonEmpty(
		x("请在{period.review-apply}，向{org.police-upper}提交本申请书（{mps-proc.art179@book}）。")+due,
		"请附上不予立案通知书和复议决定书的复印件，原件自己保存。本申请书一式两份，一份提交，一份自己保存，并请接收的民警在自己保存的一份上签收。",
		x("你也可以请求{org.procuratorate}进行立案监督（{cpl.art113}）。"),
		"提交前请取下本页。",
	)...)

	s := b.section("applicant", "申请人基本情况", false)
	s.kv(b.victimKV(true, "姓　　名：", "住　　址：")...)

	s = b.section("requests", "请求事项", false)
	decider := or(rst.Organisation, "原公安机关")
	req := "对" + decider + "作出的复议决定"
	var basis []Source
	if decided {
		basis = append(basis, refusalSrc("police-reconsideration"))
		if rst.Organisation != "" {
			basis = append(basis, caseSrc("steps"))
		}
		if decision.Reference != "" {
			req += "（文号：" + decision.Reference + "）"
			basis = append(basis, replyRefSrc("police-reconsideration"))
		}
	}
	req += "进行复核，撤销不予立案决定，对申请人报案（控告）的个人信息被非法获取、出售或者提供一案依法立案侦查。"
	if len(basis) > 0 {
		req = b.stateItem(s, req, basis...)
	}
	s.list(req)

	s = b.section("facts", "事实与理由", false)
	s.sub("（一）报案、不予立案和复议的经过")
	if noticed {
		b.reportAndRefusal(s, pst, notice, or(pst.Organisation, "公安机关"))
	}
	if decided {
		if e, ok := b.reportedOn(rst.ID); ok {
			b.state(s, zhDate(e.At.In(b.loc))+"，申请人向"+or(rst.Organisation, "作出决定的公安机关")+"申请复议。", caseSrc("steps"))
		}
		got := zhDate(decision.On) + "，申请人收到" + or(rst.Organisation, "公安机关") + "的复议决定，决定仍不予立案"
		if decision.Outcome == playbook.ReplyPartial {
			got = zhDate(decision.On) + "，申请人收到" + or(rst.Organisation, "公安机关") + "的复议答复，仍未予立案"
		}
		gb := []Source{refusalSrc("police-reconsideration")}
		if decision.Reference != "" {
			got += "（文号：" + decision.Reference + "）"
			gb = append(gb, replyRefSrc("police-reconsideration"))
		}
		b.state(s, got+"。", gb...)
	} else {
		s.para("申请人于" + blank + "收到复议决定（文号：" + blank + "），决定仍不予立案。")
	}
	b.appealFacts(s, "申请复核的理由")
	s.para(x("依照{mps-proc.art179@book}，申请人对复议决定不服，特申请复核，请求撤销不予立案决定，依法立案侦查。"))
	b.appealClose(s, addressee, []int64{notice.ExhibitID, decision.ExhibitID}, []string{"不予立案通知书复印件一份", "复议决定书复印件一份"})
}

// supervision is the 立案监督申请书 (issue 12): to the people's
// procuratorate, asking it to require the police to explain why no case was
// opened (刑诉法 Art. 113). It states what the plan recorded: the report,
// the refusal or that no decision came by a date, and any 复议 and 复核
// decisions.
func (b *builder) supervision() {
	recipient := or(b.opts.Recipient, blank+facts.ZH("org.procuratorate"))
	b.cover("立案监督申请书", "关于公安机关不立案的立案监督申请", "致："+recipient, KV{Key: "申 请 人", Value: or(b.c.Victim.Name, blank)})
	b.instructions("立案监督申请须知（本页不作为提交材料）", nonEmpty(
		x("请把本申请书交给{org.procuratorate}（{cpl.art113}）。法律没有规定答复的天数；请保留递交凭证，记下日期。"),
		"请附上报案材料、受案回执、不予立案通知书和复议、复核决定（有的话）的复印件，原件自己保存。",
		"提交前请取下本页。",
	)...)

	s := b.section("applicant", "申请人基本情况", false)
	s.kv(b.victimKV(true, "姓　　名：", "住　　址：")...)

	var police incident.Step
	for _, st := range b.cf.Steps {
		if st.Kind == "police-report" {
			police = st
		}
	}
	unit := or(police.Organisation, "公安机关")
	s = b.section("requests", "请求事项", false)
	req := "依法要求" + unit + "说明不立案的理由；认为理由不能成立的，通知其立案侦查。"
	if police.Organisation != "" {
		req = b.stateItem(s, req, caseSrc("steps"))
	}
	s.list(req)

	s = b.section("facts", "事实与理由", false)
	s.sub("（一）报案及公安机关的处理")
	pst, notice, refused := b.policeRefusal()
	last, answered := latestReplyOn(b.cf, "police-report")
	switch {
	case refused:
		b.reportAndRefusal(s, pst, notice, unit)
	case answered && last.Outcome == playbook.ReplyNone:
		if e, ok := b.reportedOn(police.ID); ok {
			b.state(s, zhDate(e.At.In(b.loc))+"，申请人就本人个人信息被非法获取、出售或者提供一事向"+unit+"报案（控告）。", caseSrc("steps"))
		} else {
			b.state(s, "申请人曾就本人个人信息被非法获取、出售或者提供一事向"+unit+"报案（控告）。", replySrc("police-report"))
		}
		if police.Reference != "" {
			b.state(s, "受案回执编号："+police.Reference+"。", caseSrc("steps"))
		}
		b.state(s, "截至"+zhDate(last.On)+"，"+unit+"对是否立案未作答复。", replySrc("police-report"))
	default:
		s.para("申请人于" + blank + "向" + unit + "报案（控告），" + blank + "。")
	}
	if rst, d, ok := refusalOn(b.cf, "police-reconsideration"); ok {
		t := zhDate(d.On) + "，申请人收到" + or(rst.Organisation, "公安机关") + "的复议决定，仍不予立案"
		basis := []Source{refusalSrc("police-reconsideration")}
		if d.Reference != "" {
			t += "（文号：" + d.Reference + "）"
			basis = append(basis, replyRefSrc("police-reconsideration"))
		}
		b.state(s, t+"。", basis...)
	}
	if rst, d, ok := refusalOn(b.cf, "police-review"); ok {
		t := zhDate(d.On) + "，申请人收到" + or(rst.Organisation, facts.ZH("org.police-upper")) + "的复核决定，仍不予立案"
		basis := []Source{refusalSrc("police-review")}
		if d.Reference != "" {
			t += "（文号：" + d.Reference + "）"
			basis = append(basis, replyRefSrc("police-review"))
		}
		b.state(s, t+"。", basis...)
	}
	b.appealFacts(s, "申请立案监督的理由")
	s.para(x("依照{cpl.art113}，申请人认为公安机关对应当立案侦查的案件而不立案侦查，特申请贵院进行立案监督。"))
	b.appealClose(s, recipient, []int64{notice.ExhibitID}, []string{"不予立案通知书复印件一份"})
}

// reportAndRefusal states the report and the refusal recorded on it.
func (b *builder) reportAndRefusal(s *Section, st incident.Step, reply incident.Reply, organ string) {
	where := "公安机关"
	if st.Organisation != "" {
		where = st.Organisation
	}
	if e, ok := b.reportedOn(st.ID); ok {
		b.state(s, zhDate(e.At.In(b.loc))+"，申请人就本人个人信息被非法获取、出售或者提供一事向"+where+"报案（控告）。", caseSrc("steps"))
	} else {
		b.state(s, "申请人曾就本人个人信息被非法获取、出售或者提供一事向"+where+"报案（控告）。", refusalSrc("police-report"))
	}
	if st.Reference != "" && st.Reference != reply.Reference {
		b.state(s, "受案回执编号："+st.Reference+"。", caseSrc("steps"))
	}
	got := zhDate(reply.On) + "，申请人收到" + organ + "的不予立案通知书"
	if reply.Outcome == playbook.ReplyPartial {
		got = zhDate(reply.On) + "，申请人收到" + organ + "的答复，未予立案"
	}
	gotBasis := []Source{refusalSrc("police-report")}
	if reply.Reference != "" {
		got += "（文号：" + reply.Reference + "）"
		gotBasis = append(gotBasis, replyRefSrc("police-report"))
	}
	b.state(s, got+"。", gotBasis...)
}

// appealFacts are the facts of the case and the victim's reasons, shared by
// the 复议 and 复核 applications.
func (b *builder) appealFacts(s *Section, reasonsTitle string) {
	s.sub("（二）案件基本事实")
	for _, p := range narrative(b.c.Narrative) {
		b.state(s, p, caseSrc("narrative"))
	}
	b.whatHappened(s, "申请人")
	if b.respondent() != "" {
		b.suspicion(s, "申请人", b.respondent())
	}
	n := 3
	if b.hasTimeline() {
		s.sub("（三）时间经过")
		b.timelineTable(s, true)
		n++
	}
	s.sub("（" + cnNum(n) + "）被泄露的个人信息及情节参考")
	n++
	if len(b.cf.Leaked) == 0 {
		b.leakedKinds(s, "申请人")
	} else {
		b.leakedTable(s)
	}
	b.severityParas(s, "申请人")
	s.sub("（" + cnNum(n) + "）" + reasonsTitle)
	if r := b.opts.Reasons; r != "" {
		for _, p := range narrative(r) {
			b.state(s, p, field(FieldReasons))
		}
	}
	s.para(x("{crl.art253-1@formal}规定，违反国家有关规定，向他人出售或者提供公民个人信息，或者窃取、以其他方法非法获取公民个人信息，情节严重的，构成侵犯公民个人信息罪。申请人认为，上述事实涉嫌该罪，应当立案侦查。"))
}

// appealClose is the declaration, the signature and the 附 lines: a copy
// of each decision whose document is in the evidence.
func (b *builder) appealClose(s *Section, addressee string, docs []int64, names []string) {
	s.para("本人保证以上所述属实，如有不实，愿意承担相应的法律责任。")
	s.Blocks = append(s.Blocks, b.signature("申请人", true, "此致", addressee))
	for i, id := range docs {
		if id != 0 && slices.ContainsFunc(b.cf.Exhibits, func(e incident.Exhibit) bool { return e.ID == id }) {
			s.plain("附：" + names[i] + "。")
		}
	}
	b.attachmentLine(s)
	b.evidenceSection("以下证据由申请人提供。原始电子数据保存在申请人处，可以随时提供核对；各项证据的 SHA-256 哈希值见本表和材料末页。")
}

// rolledNote says why the last day is later than the period's last natural
// day (it fell on a holiday), "" when it is not.
func rolledNote(kind string, r incident.Reply) string {
	for _, p := range playbook.LadderFor(kind) {
		if next, ok := p.After(r.Outcome); ok && next.Act != nil && next.Act.Rolled(r.On) {
			return x("{rule.holiday-rollover}（{cpl.art105@book}）。")
		}
	}
	return ""
}

// actBy is the last day to take the rung a reply on the step of kind
// opened, where the law sets a time limit.
func actBy(kind string, r incident.Reply) (time.Time, bool) {
	for _, p := range playbook.LadderFor(kind) {
		if next, ok := p.After(r.Outcome); ok && next.Act != nil {
			d, _ := next.Act.From(r.On)
			return d, true
		}
	}
	return time.Time{}, false
}
