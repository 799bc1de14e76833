package report

import (
	"strings"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
)

// The 民事起诉状 draft (issue 12): the end of the company route, a civil
// action against the organisation that leaked (PIPL Arts. 50, 69). It is
// a draft for the victim or a lawyer: the court and the final figures are
// theirs to settle; the defendant's credit code and legal representative
// are printed as the user copied them from the register (Details tab,
// Service.SetRegistration), blanks otherwise. Its layout is the
// court format of cn-documents.md §6.2 (the parties, 诉讼请求, 事实与理由,
// 此致 the court, the signature and date on the right, 附 the copies). The
// damages claimed are only what the case holds: the money the victim said
// was lost and the time and expense log's totals; without either, the
// amount is left to fill in.

// civil is the draft statement of claim.
func (b *builder) civil() {
	court := or(b.opts.Recipient, blank+facts.ZH("org.court"))
	resp := or(b.respondent(), blank)
	b.cover("民事起诉状（草稿）", "个人信息保护纠纷", "致："+court, KV{Key: "原　　告", Value: or(b.c.Victim.Name, blank)}, KV{Key: "被　　告", Value: resp})
	b.instructions("起诉状草稿须知（本页不作为提交材料）", nonEmpty(
		"这是一份草稿，不是法律意见。起诉前请咨询律师。",
		x("被告的准确名称、统一社会信用代码和住所地，以营业执照或者国家企业信用信息公示系统为准；向哪一个{org.court}起诉，请先确认管辖。"),
		x("个人信息处理者拒绝个人行使权利的请求的，个人可以向{org.court}起诉（{pipl.art50}）；处理个人信息侵害个人信息权益造成损害，处理者不能证明自己没有过错的，应当承担损害赔偿等侵权责任（{pipl.art69}）。"),
		x("赔偿的期限：诉讼时效为{period.limitation-civil}（{civil.art188}），请不要拖延。"),
		"起诉状副本的份数按被告人数准备。",
		"提交前请取下本页。",
	)...)

	s := b.section("plaintiff", "原告", false)
	s.kv(b.victimKV(true, "姓　　名：", "住　　址：")...)
	s = b.section("defendant", "被告", false)
	s.kv(KV{Key: "名　　称：", Value: resp}, KV{Key: "住　　所：", Value: or(b.respondentAddr(), blank)},
		KV{Key: "统一社会信用代码：", Value: or(b.c.Intake.SourceCode, blank)}, KV{Key: "法定代表人：", Value: or(b.c.Intake.SourceRep, blank)})

	s = b.section("claims", "诉讼请求", false)
	claims := []string{
		"判令被告停止侵害原告个人信息权益的行为，删除其违法处理的原告个人信息。",
		"判令被告向原告赔礼道歉。",
	}
	if amount, parts, basis := b.damages(); amount > 0 {
		claims = append(claims, b.stateItem(s, "判令被告赔偿原告经济损失人民币"+yuanFen(amount)+"元（"+strings.Join(parts, "；")+"）。", basis...))
	} else {
		claims = append(claims, "判令被告赔偿原告经济损失人民币"+blank+"元。")
	}
	claims = append(claims, "本案诉讼费用由被告承担。")
	s.list(claims...)

	s = b.section("facts", "事实与理由", false)
	for _, p := range narrative(b.c.Narrative) {
		b.state(s, p, caseSrc("narrative"))
	}
	b.whatHappened(s, "原告")
	if b.respondent() != "" {
		b.suspicion(s, "原告", "被告")
	}
	if len(b.cf.Leaked) > 0 {
		s.sub("被泄露的个人信息")
		b.leakedTable(s)
	}
	if acts := b.actionsTaken(s, "原告", "civil-claim"); len(acts) > 0 {
		s.sub("原告已采取的措施")
		s.list(acts...)
	}
	if t := expenseSentence(b.cf, "原告"); t != "" {
		b.state(s, t, caseSrc("expenses"))
	}
	s.sub("理由")
	s.para(x("{civil.art1034@formal}规定，自然人的个人信息受法律保护；{civil.art1038@art}规定，信息处理者不得泄露其收集、存储的个人信息。{pipl.art69@formal}规定，处理个人信息侵害个人信息权益造成损害，个人信息处理者不能证明自己没有过错的，应当承担损害赔偿等侵权责任；损害赔偿责任按照个人因此受到的损失或者个人信息处理者因此获得的利益确定。"))
	s.para("原告认为，被告作为处理原告个人信息的一方，负有保护原告个人信息的义务；原告的个人信息被泄露，被告应当就其没有过错承担举证责任，不能证明的，应当承担侵权责任。为维护原告的合法权益，特向贵院起诉，请求判如所请。")
	s.Blocks = append(s.Blocks, b.signature("原告", false, "此致", court))
	s.plain("附：本诉状副本一份。")
	b.attachmentLine(s)
	b.evidenceSection("以下证据由原告提供。原始电子数据保存在原告处，可以随时提供核对；各项证据的 SHA-256 哈希值见本表和材料末页。")
}

// damages is the amount the case supports (in fen), its parts as printed
// and their basis: the money lost when the victim said so, and the time
// and expense log's money totals.
func (b *builder) damages() (int64, []string, []Source) {
	var sum int64
	var parts []string
	var basis []Source
	if b.happened("money-lost") && b.c.Intake.LossYuan > 0 {
		fen := int64(b.c.Intake.LossYuan*100 + 0.5)
		sum += fen
		parts = append(parts, "被骗或者被盗刷的损失"+yuanFen(fen)+"元")
		basis = append(basis, answer("happened:money-lost"), answer("loss_yuan"))
	}
	var spent int64
	for _, t := range incident.ExpenseTotals(incident.ExpensesOf(b.cf.Events)) {
		if t.AmountFen > 0 {
			parts = append(parts, incident.ExpenseLabel(t.Category, "zh")+yuanFen(t.AmountFen)+"元")
			spent += t.AmountFen
		}
	}
	if spent > 0 {
		sum += spent
		basis = append(basis, caseSrc("expenses"))
	}
	return sum, parts, basis
}
