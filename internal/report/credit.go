package report

import (
	"slices"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

// The 征信 complaint (issue 12): the credit-report objection was not
// corrected or answered within the period of 征信业管理条例 Art. 25, or the
// victim disagrees with the answer, so she complains to the local branch of
// the PBoC, which must reply in writing within 30 days of accepting it
// (Art. 26). The layout is the complaint of cn-documents.md §3.2 (the
// recipient, the complainant, the one complained about, the requests,
// facts and reasons, the steps already taken, the evidence, signature and
// date). What was objected to, when, to whom and what came back are the
// credit-dispute step, its delivery and its reply as recorded; without
// them, blanks to fill in by hand.

// credit is the complaint to the PBoC branch.
func (b *builder) credit() {
	var dispute incident.Step
	for _, st := range b.cf.Steps {
		if st.Kind == "credit-dispute" && !st.Retired {
			dispute = st
		}
	}
	recipient := or(b.opts.Recipient, blank+"（"+facts.ZH("org.pboc-branch")+"）")
	// The one objected to: the credit-reporting agency or the lender, as
	// the user named it on the step or on this export.
	resp := or(b.opts.Respondent, dispute.Organisation)
	b.cover("投诉书", "关于征信异议处理的投诉", "致："+recipient, KV{Key: "投 诉 人", Value: or(b.c.Victim.Name, blank)})
	b.instructions("投诉须知（本页不作为提交材料）", nonEmpty(
		x("请把本投诉书交给你所在地的{org.pboc-branch}（{credit.art26}）。它应当在{period.credit-complaint}书面答复；请保留递交凭证，记下日期。"),
		x("你也可以不投诉，直接向{org.court}起诉（{credit.art26}）。"),
		"请附上异议申请、对方的答复（有的话）、送达凭证、身份证件复印件和报案回执（有的话），原件自己保存。",
		"提交前请取下本页。",
	)...)

	s := b.section("complainant", "投诉人", false)
	s.kv(b.victimKV(true, "姓　　名：", "住　　址：")...)

	s = b.section("respondent", "被投诉人", false)
	s.kv(KV{Key: "名　　称：", Value: or(resp, blank)}, KV{Key: "地　　址：", Value: or(b.opts.RespondentAddress, blank)})

	s = b.section("requests", "投诉请求", false)
	s.list(
		"依法核查被投诉人处理投诉人征信异议的情况。",
		"责令被投诉人更正投诉人信用报告中经核查确属错误的信息。",
		x("在{period.credit-complaint}将处理结果书面答复投诉人。"),
	)

	s = b.section("facts", "事实与理由", false)
	s.sub("（一）基本经过")
	for _, p := range narrative(b.c.Narrative) {
		b.state(s, p, caseSrc("narrative"))
	}
	b.whatHappened(s, "投诉人")
	s.sub("（二）异议及其处理")
	objected := false
	delivery, delivered := latestDeliveryOn(b.cf, "credit-dispute")
	if dispute.ID != 0 && (dispute.Status == incident.StepDoing || dispute.Status == incident.StepDone) {
		to, basis := "有关机构", []Source{caseSrc("steps")}
		switch {
		case dispute.Organisation != "":
			to = dispute.Organisation
		case b.opts.Respondent != "":
			to, basis = b.opts.Respondent, append(basis, field(FieldRespondent))
		}
		t := "投诉人曾向" + to + "就本人信用报告中的错误记录提出异议"
		// The day the step was marked handed in is the objection's date,
		// unless a delivery is recorded: then the step may have been
		// marked only when the delivery was, and the delivery's date is
		// the one stated.
		if e, ok := b.reportedOn(dispute.ID); ok && !delivered {
			t = zhDate(e.At.In(b.loc)) + "，投诉人向" + to + "就本人信用报告中的错误记录提出异议"
		}
		if dispute.Reference != "" {
			t += "，编号为" + dispute.Reference
		}
		b.state(s, t+"。", basis...)
		objected = true
	}
	if delivered {
		b.state(s, "该异议申请"+deliveryClause(delivery, dispute.Reference, b.exhibitLabel(delivery.ExhibitID))+"。", deliverySrc("credit-dispute"))
		objected = true
	}
	reply, answered := latestReplyOn(b.cf, "credit-dispute")
	switch {
	case answered && reply.Outcome == playbook.ReplyNone:
		b.state(s, "截至"+zhDate(reply.On)+"，被投诉人未作书面答复"+seeExhibit(b.exhibitLabel(reply.ExhibitID))+"。", replySrc("credit-dispute"))
	case answered && reply.Outcome == playbook.ReplyAccepted:
		b.state(s, zhDate(reply.On)+"，被投诉人答复已受理或者已办理"+refText(reply.Reference)+seeExhibit(b.exhibitLabel(reply.ExhibitID))+"。", replySrc("credit-dispute"))
	case answered:
		what := "拒绝更正"
		if reply.Outcome == playbook.ReplyPartial {
			what = "只作了部分答复"
		}
		b.state(s, zhDate(reply.On)+"，被投诉人"+what+refText(reply.Reference)+seeExhibit(b.exhibitLabel(reply.ExhibitID))+"。", replySrc("credit-dispute"))
	case objected:
		s.para("截至本投诉书提交之日，投诉人收到被投诉人答复的情况：" + blank + "。")
	default:
		s.para("投诉人于" + blank + "向" + blank + "提出异议，" + blank + "。")
	}
	if t := expenseSentence(b.cf, "投诉人"); t != "" {
		b.state(s, t, caseSrc("expenses"))
	}
	if acts := b.actionsTaken(s, "投诉人", "credit-dispute", "credit-complaint"); len(acts) > 0 {
		s.sub("（三）已采取的其他措施")
		s.list(acts...)
	}
	s.sub("理由")
	s.para(x("依照{credit.art25@book}，信息主体认为信用报告中的信息有错误、遗漏的，可以向征信机构或者信息提供者提出异议，受理的机构应当在收到异议之日起{period.credit-objection}进行核查和处理，并将结果书面答复异议人。依照{credit.art26@art}，信息主体认为其合法权益受到侵害的，可以向{org.pboc-branch}投诉，受理投诉的机构应当在{period.credit-complaint}书面答复投诉人。"))
	s.para("投诉人认为，被投诉人对投诉人异议的处理侵害了投诉人的合法权益。特向贵机构投诉，请依法核查处理，并将处理结果书面答复投诉人。")
	s.para("本人保证以上所述属实，如有不实，愿意承担相应的法律责任。")
	s.Blocks = append(s.Blocks, b.signature("投诉人", false, "此致", recipient))
	if reply.ExhibitID != 0 && slices.ContainsFunc(b.cf.Exhibits, func(e incident.Exhibit) bool { return e.ID == reply.ExhibitID }) {
		s.plain("附：被投诉人的答复复印件一份。")
	}
	b.attachmentLine(s)
	b.evidenceSection("以下证据由投诉人提供。原始电子数据保存在投诉人处，可以随时提供核对；各项证据的 SHA-256 哈希值见本表和材料末页。")
}

// seeExhibit is "（见证据N）" for an exhibit in the list, "" otherwise.
func seeExhibit(label string) string {
	if label == "" {
		return ""
	}
	return "（见" + label + "）"
}

// refText is "（编号：R）" for a reply's number, "" without one.
func refText(ref string) string {
	if ref == "" {
		return ""
	}
	return "（编号：" + ref + "）"
}
