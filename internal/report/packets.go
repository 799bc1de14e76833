package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/incident/source"
)

// The wording below follows the customary structure of each document
// (shared/legal/cn-documents.md) and cites only articles marked verified in
// shared/legal/cn-facts.md. Statute contents are paraphrased briefly, never
// quoted at length, and the severity reading is always called a reference.

// police is the 报案材料, or the 控告材料 when a suspect is named
// (cn-documents.md §1.1–1.2).
func (b *builder) police() {
	form := or(b.opts.PoliceForm, DefaultPoliceForm(b.cf, b.opts))
	b.p.PoliceForm = form
	role, doc, accused := "报案人", "报案材料", "被报案人"
	if form == FormAccusation {
		role, doc, accused = "控告人", "控告材料", "被控告人"
	}
	station := b.opts.Recipient
	if station == "" {
		station = blank + "公安局" + blank + "派出所"
	}
	name := or(b.c.Victim.Name, blank)
	subject := "个人信息被非法获取、出售或者提供"
	if b.scam() {
		subject += "并被用于诈骗"
	}
	b.cover(doc, "关于本人"+subject+"的"+doc, "致："+station, KV{Key: spaced(role), Value: name})
	reconsider := x("控告人可以自{period.reconsider-apply}向作出决定的公安机关申请复议（{mps-proc.art179@book}）。")
	if form == FormReport {
		reconsider = x("本材料以报案形式提交，没有指明嫌疑人。依照{cpl.art112}，不立案时告知原因、可以申请复议的是控告人；如果您知道或者怀疑是谁，可以改为控告。")
	}
	b.instructions(doc+"须知（本页不作为提交材料）",
		"本材料一式两份：一份交公安机关，一份自己保存。请单面打印，左侧留出装订位置。",
		"报案时请携带本人有效身份证件原件；如提交证据的复印件，请在复印件上注明来源并签名。",
		"请在“"+role+"（签名）”处签名并捺指印，并在日期处核对日期。",
		x("民警受理后应当出具受案回执；您交给民警的证据会登记在接受证据材料清单上，由您签名（{mps-proc.art170+mps-proc.art171@book}）。请保存好受案回执。"),
		reconsider,
		"手机里的原始短信、通话记录、截图等电子证据请保留，不要删除；材料末页列有各项证据的哈希值，便于日后核对电子文件是否与提交时一致。",
		"提交前请取下本页。",
	)

	s := b.section("reporter", role+"基本情况", false)
	s.kv(b.victimKV(true, "姓　　名：", "住　　址：")...)
	b.agentKV(s, role)

	s = b.section("suspect", accused+"（犯罪嫌疑人）情况", false)
	resp := b.respondent()
	others := b.otherSuspects()
	if resp == "" && len(others) == 0 {
		s.kv(KV{Key: accused + "：", Value: "不详"})
	} else {
		// Every organisation the victim suspects is named: the police
		// trace the leak, and a victim often cannot tell the courier from
		// the shop.
		var items []KV
		basis := []Source{}
		if resp != "" {
			items = append(items, KV{Key: "涉嫌泄露信息的单位：", Value: resp})
			if a := b.respondentAddr(); a != "" {
				items = append(items, KV{Key: "地址：", Value: a})
			}
			basis = append(basis, field(FieldRespondent))
		}
		for _, o := range others {
			items = append(items, KV{Key: "涉嫌泄露信息的单位：", Value: o.s.Name})
			if o.s.Addr != "" {
				items = append(items, KV{Key: "地址：", Value: o.s.Addr})
			}
			basis = append(basis, suspectSrc(o.n))
		}
		s.kv(items...)
		b.state(s, role+"怀疑上述单位泄露了"+role+"的个人信息，理由见“事实与理由”部分，具体泄露者有待公安机关依法查明。", basis...)
	}
	if nums := b.suspectNumbers(); len(nums) > 0 {
		s.kv(KV{Key: "与本案有关的号码、网址：", Value: strings.Join(nums, "；")})
	}

	s = b.section("cause", "案由", false)
	cause := x("涉嫌侵犯公民个人信息罪（{crl.art253-1@formal}）")
	basis := []Source{fact("crl.art253-1")}
	if b.scam() {
		cause += "；有关人员利用上述信息对" + role + x("实施诈骗，涉嫌诈骗罪（{crl.art266@formal}）")
		basis = append(basis, b.scamBasis()...)
		basis = append(basis, fact("crl.art266"))
	}
	if b.happened("loan-in-name") {
		cause += "；有人冒用" + role + "的身份申请贷款或者办理信用卡，涉嫌的罪名有待公安机关依法认定"
		basis = append(basis, answer("happened:loan-in-name"))
	}
	if c, cb := b.refusalCause(); c != "" {
		cause += c
		basis = append(basis, cb...)
	}
	s.plain(cause + "。")
	b.p.Statements = append(b.p.Statements, Statement{Section: s.ID, Text: cause + "。", Basis: basis})

	s = b.section("requests", "请求事项", false)
	demands := b.opts.Demands
	if len(demands) == 0 {
		if form == FormAccusation {
			demands = []string{"依法对" + accused + "及有关人员非法获取、出售或者提供本人个人信息的行为立案侦查，追究其刑事责任。"}
		} else {
			demands = []string{"依法对非法获取、出售或者提供本人个人信息的行为立案侦查，追究有关人员的刑事责任。"}
		}
		if b.happened("scam-contact") || b.happened("money-lost") {
			demands = append(demands, x("依照{afl.art29.2@formal}的规定，追查诈骗人员所使用的本人个人信息的来源。"))
		}
		if b.happened("loan-in-name") {
			demands = append(demands, "依法查处冒用本人身份申请贷款或者办理信用卡的行为。")
		}
		if b.happened("money-lost") || b.opts.Losses != "" {
			demands = append(demands, "依法追缴违法所得，挽回本人的经济损失。")
		}
		if d := b.refusalDemand(); d != "" {
			demands = append(demands, d)
		}
	}
	s.list(demands...)

	s = b.section("facts", "事实与理由", false)
	s.sub("（一）基本经过")
	for _, p := range narrative(b.c.Narrative) {
		b.state(s, p, caseSrc("narrative"))
	}
	b.whatHappened(s, role)
	suspect := "上述单位"
	if form == FormAccusation {
		suspect = accused
	}
	others = b.otherSuspects()
	if len(others) > 0 && b.respondent() != "" {
		// Several suspects: each one's grounds, under its own name.
		suspect = b.respondent()
	}
	b.suspicion(s, role, suspect)
	for _, o := range others {
		b.suspicionOf(s, role, o.s.Name, o.s.Grounds, func(g string) Source { return suspectGrounds(o.n, g) }, suspectSrc(o.n))
	}
	if b.hasTimeline() || !b.c.DiscoveredAt.IsZero() {
		s.sub("（二）时间经过")
		b.timelineTable(s, true)
	}
	s.sub("（三）被泄露的个人信息及情节参考")
	if len(b.cf.Leaked) == 0 {
		b.leakedKinds(s, role)
	} else {
		b.leakedTable(s)
	}
	b.severityParas(s, role)
	n := b.refusalFacts(s, role, 4)
	if losses := b.lossParas(role); len(losses) > 0 {
		s.sub("（" + cnNum(n) + "）损失情况")
		n++
		for _, l := range losses {
			b.state(s, l.Text, l.Basis...)
		}
	}
	s.sub("（" + cnNum(n) + "）法律依据")
	n++
	s.para(x("{crl.art253-1@formal}规定，违反国家有关规定，向他人出售或者提供公民个人信息，或者窃取、以其他方法非法获取公民个人信息，情节严重的，构成侵犯公民个人信息罪；将在履行职责或者提供服务过程中获得的公民个人信息出售或者提供给他人的，依照该条从重处罚。{interp2017.art5@formal}规定了“情节严重”和“情节特别严重”的具体情形。"))
	if b.happened("scam-contact") || b.happened("money-lost") {
		s.para(x("{afl.art29.2@formal}规定，公安机关办理电信网络诈骗案件，应当同时查证犯罪所利用的个人信息来源，依法追究相关人员和单位的责任。"))
	}
	b.refusalLaw(s)
	if acts := b.actionsTaken(s, role, "police-report"); len(acts) > 0 {
		s.sub("（" + cnNum(n) + "）" + role + "已采取的措施")
		s.list(acts...)
	}
	verb := "报案"
	if form == FormAccusation {
		verb = "控告"
	}
	closing := "综上所述，" + role + "认为有关人员非法获取、出售或者提供" + role + "个人信息的行为涉嫌侵犯公民个人信息罪"
	if b.scam() {
		closing += "，利用上述信息实施诈骗的行为涉嫌诈骗罪"
	}
	if _, ok := b.refusal(); ok {
		closing += "，" + b.c.SourceOrg + "经责令改正而拒不改正的行为涉嫌拒不履行信息网络安全管理义务罪"
	}
	s.para(closing + "，特向" + honorific(station) + verb + "，恳请依法立案侦查。")
	s.para("本人保证以上所述属实，如有不实，愿意承担相应的法律责任。")
	// The closing names the same addressee as the opening line.
	s.Blocks = append(s.Blocks, b.signature(role, true, "此致", station))
	b.attachmentLine(s)

	b.evidenceSection("以下证据由" + role + "提供。原始电子数据保存在" + role + "处，可以随时提供核对；各项证据的 SHA-256 哈希值见本表和材料末页。")
	b.p.TOC = true
}

// attachmentLine is the 附 line under the signature, only when there is
// something attached.
func (b *builder) attachmentLine(s *Section) {
	if len(b.p.Exhibits) > 0 {
		s.plain(fmt.Sprintf("附：证据清单一份，证据%d项。", len(b.p.Exhibits)))
	}
}

// spaced writes a three-character role with the customary spacing of a
// cover field (报 案 人).
func spaced(role string) string {
	r := []rune(role)
	if len(r) != 3 {
		return role
	}
	return string(r[0]) + " " + string(r[1]) + " " + string(r[2])
}

// scam: the victim said someone used the data to defraud them (a scam
// contact or money lost). A loan in the victim's name is not a scam
// against the victim and is worded on its own.
func (b *builder) scam() bool {
	return b.happened("scam-contact") || b.happened("money-lost")
}

func (b *builder) scamBasis() []Source {
	var out []Source
	for _, k := range []string{"scam-contact", "money-lost"} {
		if b.happened(k) {
			out = append(out, answer("happened:"+k))
		}
	}
	return out
}

// whatHappened states, one sentence each, what the victim said has
// happened since the leak, in the victim's role.
func (b *builder) whatHappened(s *Section, who string) {
	lines := []struct{ key, text string }{
		{"breach-notice", who + "收到了有关机构发出的个人信息可能泄露的通知。"},
		{"scam-contact", "有人利用" + who + "的上述个人信息，对" + who + "实施诈骗。"},
		{"loan-in-name", "有人冒用" + who + "的身份信息申请贷款或者办理信用卡。"},
		{"harassment", who + "接到骚扰电话、短信或者受到威胁。"},
		{"posted-online", who + "的个人信息被他人发布到网上。"},
	}
	for _, l := range lines {
		// A notice from the suspected source itself is said once, among
		// the grounds of the suspicion.
		if l.key == "breach-notice" && b.respondent() != "" && slices.Contains(b.c.Intake.Grounds, "notice") {
			continue
		}
		if b.happened(l.key) {
			b.state(s, l.text, answer("happened:"+l.key))
		}
	}
	b.usedFor(s, who)
}

// usePhrases word each answer of playbook.UsedForQuestion for a document,
// after "被他人用于"; "posted" takes its own verb.
var usePhrases = map[string]func(who string) string{
	"scam":       func(who string) string { return "对" + who + "实施诈骗" },
	"harassment": func(who string) string { return "对" + who + "进行骚扰或者威胁" },
	"loan":       func(who string) string { return "冒用" + who + "的名义申请贷款或者办理信用卡" },
	"account":    func(who string) string { return "登录或者盗用" + who + "的账户" },
}

// usedFor states, one sentence per leaked item, what the victim said it
// was used for; nothing for an item whose use was not answered.
func (b *builder) usedFor(s *Section, who string) {
	uses := playbook.UsedForQuestion().Options
	for _, item := range b.c.Intake.Leaked {
		ticked := b.c.Intake.UsedFor[item]
		var used []string
		var basis []Source
		posted := false
		for _, o := range uses { // the question's order, not the answer's
			if !slices.Contains(ticked, o.Key) {
				continue
			}
			basis = append(basis, answer("used_for:"+item+":"+o.Key))
			if o.Key == "posted" {
				posted = true
				continue
			}
			used = append(used, usePhrases[o.Key](who))
		}
		if len(basis) == 0 {
			continue
		}
		label, _ := optionLabel("leaked", item)
		text := "据" + who + "所知，" + who + "的" + label + "被他人"
		switch {
		case len(used) > 0 && posted:
			text += "用于" + strings.Join(used, "、") + "，并被发布到网上"
		case posted:
			text += "发布到网上"
		default:
			text += "用于" + strings.Join(used, "、")
		}
		b.state(s, text+"。", basis...)
	}
}

// suspicion states why the victim suspects the source, only the grounds
// the victim ticked, and always as a suspicion. subject is how the source
// is named here (上述单位, 被投诉人, 贵司).
func (b *builder) suspicion(s *Section, who, subject string) {
	if b.respondent() == "" {
		return // no one named: nothing to suspect in writing
	}
	b.suspicionOf(s, who, subject, b.c.Intake.Grounds, func(g string) Source { return answer("grounds:" + g) }, field(FieldRespondent))
}

// namedSuspect is a suspect after the first, with its 1-based number.
type namedSuspect struct {
	n int
	s incident.Suspect
}

// otherSuspects are the suspects after the first that have a name: the
// police report names them beside the main one.
func (b *builder) otherSuspects() []namedSuspect {
	var out []namedSuspect
	for i, s := range b.c.SuspectList() {
		if i > 0 && s.Name != "" {
			out = append(out, namedSuspect{i + 1, s})
		}
	}
	return out
}

// suspicionOf states the grounds g of one suspect named subject; ground
// and named are the bases of a ground and of the name.
func (b *builder) suspicionOf(s *Section, who, subject string, g []string, ground func(string) Source, named Source) {
	has := func(k string) bool { return slices.Contains(g, k) }
	lines := []struct{ key, text string }{
		{"customer", who + "曾在与" + subject + "的交易或者接受其服务时，向其提供过上述个人信息。"},
		{"only-there", "据" + who + "所知，上述个人信息只向" + subject + "提供过。"},
		{"knew-details", "与" + who + "联系的人员说出了" + who + "认为只有" + subject + "掌握的信息细节。"},
		{"notice", subject + "曾通知" + who + "，" + who + "的个人信息可能已经泄露。"},
		{"timing", who + "向" + subject + "提供上述信息后不久，即出现了上述情况。"},
	}
	var basis []Source
	for _, l := range lines {
		if has(l.key) {
			b.state(s, l.text, ground(l.key), named)
			basis = append(basis, ground(l.key))
		}
	}
	if len(basis) > 0 {
		b.state(s, "基于上述情况，"+who+"怀疑上述信息系从"+subject+"处泄露，具体泄露者有待依法查明。", append(basis, named)...)
	} else {
		b.state(s, who+"怀疑上述信息可能系从"+subject+"处泄露，这是"+who+"的推测，具体泄露者有待依法查明。", named)
	}
}

// lossParas are the sentences on money lost, from the export field, the
// amount or the answer; none when the victim said nothing about money.
func (b *builder) lossParas(who string) []Statement {
	var out []Statement
	switch {
	case b.opts.Losses != "":
		out = append(out, Statement{Text: b.opts.Losses, Basis: []Source{field(FieldLosses)}})
	case b.happened("money-lost") && b.c.Intake.LossYuan > 0:
		out = append(out, Statement{Text: fmt.Sprintf("%s因此遭受的经济损失为人民币%s元。", who, yuan(b.c.Intake.LossYuan)),
			Basis: []Source{answer("happened:money-lost"), answer("loss_yuan")}})
	case b.happened("money-lost"):
		out = append(out, Statement{Text: who + "已遭受经济损失，金额为人民币" + blank + "元。", Basis: []Source{answer("happened:money-lost")}})
	case (b.happened("scam-contact") || b.happened("harassment")) && !b.happened("loan-in-name"):
		// Not after a loan in the victim's name: its debt may well be a
		// loss the victim has not put a figure on.
		var basis []Source
		for _, k := range []string{"scam-contact", "harassment"} {
			if b.happened(k) {
				basis = append(basis, answer("happened:"+k))
			}
		}
		out = append(out, Statement{Text: who + "目前未发现直接经济损失。", Basis: basis})
	}
	if t := expenseSentence(b.cf, who); t != "" {
		out = append(out, Statement{Text: t, Basis: []Source{caseSrc("expenses")}})
	}
	return out
}

// expenseSentence states the time and expense log's totals (issue 12),
// "" when nothing is logged.
func expenseSentence(cf *incident.CaseFile, who string) string {
	totals := incident.ExpenseTotals(incident.ExpensesOf(cf.Events))
	if len(totals) == 0 {
		return ""
	}
	var parts []string
	var sum int64
	var hours float64
	for _, t := range totals {
		if t.AmountFen > 0 {
			parts = append(parts, incident.ExpenseLabel(t.Category, "zh")+yuanFen(t.AmountFen)+"元")
			sum += t.AmountFen
		}
		hours += t.Hours
	}
	out := ""
	if len(parts) > 0 {
		out = "为处理此事，" + who + "已支出" + strings.Join(parts, "、")
		if len(parts) > 1 {
			out += "，共计人民币" + yuanFen(sum) + "元"
		}
	}
	if hours > 0 {
		h := strconv.FormatFloat(hours, 'f', -1, 64)
		if out == "" {
			out = "为处理此事，" + who + "已花费时间约" + h + "小时"
		} else {
			out += "；另花费时间约" + h + "小时"
		}
	}
	return out + "。"
}

// yuanFen writes an amount in fen as yuan, without trailing zero decimals.
func yuanFen(fen int64) string {
	s := incident.FenText(fen)
	s = strings.TrimSuffix(s, ".00")
	if strings.Contains(s, ".") {
		s = strings.TrimSuffix(s, "0")
	}
	return s
}

// leakedKinds states the kinds of information the victim said leaked when
// no rows with counts were entered; without either, that it is unknown.
func (b *builder) leakedKinds(s *Section, who string) {
	var names []string
	var basis []Source
	for _, k := range b.c.Intake.Leaked {
		if k == "other" {
			continue
		}
		zh, _ := optionLabel("leaked", k)
		names = append(names, zh)
		basis = append(basis, answer("leaked:"+k))
	}
	if len(names) == 0 {
		s.para("被泄露信息的种类和数量有待查明。")
		return
	}
	b.state(s, "据"+who+"所知，被泄露的个人信息包括："+strings.Join(names, "、")+"；具体数量有待查明。", basis...)
}

// yuan writes an amount without needless decimals: 60000, 1234.5.
func yuan(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// suspectNumbers are the phone numbers and addresses the scammers used,
// from the typed records.
func (b *builder) suspectNumbers() []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range b.cf.Exhibits {
		if e.Kind != incident.ExhibitCall && e.Kind != incident.ExhibitSMS && e.Kind != incident.ExhibitWeb {
			continue
		}
		for _, v := range []string{e.RecordNumber, e.RecordURL} {
			if v != "" && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// consumer is the 投诉书 for 12315 or a consumer association
// (cn-documents.md §2; 暂行办法 Art. 9: complainant, respondent, request
// and facts). One respondent, one matter.
func (b *builder) consumer() {
	resp := or(b.respondent(), blank)
	recipient := or(b.opts.Recipient, blank+x("{org.samr-local}（{platform.12315}）"))
	b.cover("投诉书", "关于"+resp+"涉嫌泄露消费者个人信息的投诉", "致："+recipient, KV{Key: "投 诉 人", Value: or(b.c.Victim.Name, blank)})
	b.instructions("投诉须知（本页不作为提交材料）",
		x("可以通过{platform.12315} {url.12315}（也可以用其{platform.12315-mobile}）或拨打{hotline.12315}提交，也可以交给被投诉人所在地的县级{org.samr-dept}。网上提交时，可把本材料“投诉请求”和“事实与理由”部分的文字填入表格。"),
		"每份投诉只针对一个经营者、一件事；对多个经营者请分别投诉。",
		x("{org.samr-dept}应当自{period.samr-accept}决定是否受理，并告知投诉人（{samr.art14@book}）。"),
		"请记下投诉编号，并截图保存填写的内容。",
		x("也可以向当地{org.cca-local}投诉、请求调解（{crpl.art37+crpl.art39@book}）。"),
		"提交前请取下本页。",
	)

	s := b.section("complainant", "投诉人", false)
	s.kv(b.victimKV(false, "姓　　名：", "通讯地址：")...)
	b.agentKV(s, "投诉人")

	s = b.section("respondent", "被投诉人", false)
	s.kv(KV{Key: "名　　称：", Value: resp}, KV{Key: "地　　址：", Value: or(b.respondentAddr(), blank)})

	s = b.section("requests", "投诉请求", false)
	demands := b.opts.Demands
	if len(demands) == 0 {
		demands = []string{
			"被投诉人停止泄露、出售或者非法向他人提供本人的个人信息，并删除其不应保存的本人个人信息。",
			"被投诉人查明本人个人信息泄露的原因和范围，并书面告知本人。",
			"被投诉人向本人赔礼道歉" + map[bool]string{true: "，并赔偿本人的经济损失", false: ""}[b.happened("money-lost")] + "。",
		}
	}
	s.list(demands...)

	s = b.section("facts", "事实与理由", false)
	for _, p := range narrative(b.c.Narrative) {
		b.state(s, p, caseSrc("narrative"))
	}
	b.whatHappened(s, "投诉人")
	b.suspicion(s, "投诉人", "被投诉人")
	if b.hasTimeline() {
		s.sub("时间经过")
		b.timelineTable(s, true)
	}
	if len(b.cf.Leaked) > 0 {
		s.sub("被泄露的个人信息")
		b.leakedTable(s)
	}
	s.sub("理由")
	s.para(x("{crpl.art14@formal}规定，消费者享有个人信息依法得到保护的权利；{crpl.art29@art}规定，经营者及其工作人员对收集的消费者个人信息必须严格保密，不得泄露、出售或者非法向他人提供，发生或者可能发生信息泄露、丢失的情况时，应当立即采取补救措施；{crpl.art50@art}规定，经营者侵害消费者个人信息依法得到保护的权利的，应当停止侵害、恢复名誉、消除影响、赔礼道歉，并赔偿损失。"))
	s.para("如上述信息确系从被投诉人处泄露，被投诉人未尽到保密义务，侵害了投诉人的合法权益。特向贵局投诉，请依法调查处理。")
	s.Blocks = append(s.Blocks, b.signature("投诉人", false))
	b.attachmentLine(s)

	b.evidenceSection("以下证据由投诉人提供，原始电子数据由投诉人保存，可以提供核对。")
	b.p.TOC = len(b.p.Exhibits) > 3
}

// regulatorOffice names the department for the case's source kind: the
// route of package source (shared/legal/cn-routing.md), the same addressee
// the app's export form prefills.
func regulatorOffice(k incident.SourceKind) string {
	return source.Addressee(k)
}

// regulator is the complaint to a department with PI-protection duties
// (PIPL Art. 65; cn-documents.md §3).
func (b *builder) regulator() {
	resp := or(b.respondent(), blank)
	office := or(b.opts.Recipient, regulatorOffice(b.c.SourceKind))
	b.cover("投诉举报材料", "关于"+resp+"涉嫌违法处理个人信息的投诉（举报）", "致："+office, KV{Key: "投诉举报人", Value: or(b.c.Victim.Name, blank)})
	b.instructions("提交须知（本页不作为提交材料）",
		x("本材料依据{pipl.art65@book}向{org.pi-dept}投诉、举报。请通过该部门公布的投诉举报渠道提交，或者邮寄、当面递交，并保留寄送或递交的凭证。"),
		x("该部门应当依法及时处理，并将处理结果告知投诉、举报人（{pipl.art65@book}）。请使用真实姓名，以便收到处理结果。"),
		"如果已向经营者提出删除或者停止处理的要求，请把寄送凭证和对方的答复一并作为证据提交。",
		"提交前请取下本页。",
	)

	s := b.section("complainant", "投诉举报人", false)
	s.kv(b.victimKV(true, "姓　　名：", "住　　址：")...)
	b.agentKV(s, "投诉举报人")

	s = b.section("respondent", "被投诉举报人", false)
	s.kv(KV{Key: "名　　称：", Value: resp}, KV{Key: "地　　址：", Value: or(b.respondentAddr(), blank)})

	s = b.section("requests", "投诉举报事项", false)
	demands := b.opts.Demands
	if len(demands) == 0 {
		demands = []string{
			"依法调查被投诉举报人处理本人个人信息的情况。",
			"对查实的违法行为依法处理，责令其改正，责令其删除违法处理的本人个人信息，或者停止相关处理活动。",
			"将处理结果告知本人。",
		}
	}
	s.list(demands...)

	s = b.section("facts", "事实与理由", false)
	for _, p := range narrative(b.c.Narrative) {
		b.state(s, p, caseSrc("narrative"))
	}
	b.whatHappened(s, "投诉举报人")
	b.suspicion(s, "投诉举报人", "被投诉举报人")
	if b.hasTimeline() {
		s.sub("时间经过")
		b.timelineTable(s, true)
	}
	if len(b.cf.Leaked) > 0 {
		s.sub("被泄露的个人信息")
		b.leakedTable(s)
	}
	s.sub("被投诉举报人可能违反的义务")
	s.para(x("{pipl.art51@formal}规定，个人信息处理者应当采取必要措施，防止未经授权的访问以及个人信息泄露、篡改、丢失；{pipl.art57@art}规定，发生或者可能发生个人信息泄露、篡改、丢失的，个人信息处理者应当立即采取补救措施，并通知{org.pi-dept}和个人，通知应当包括发生或者可能发生泄露的信息种类、原因和可能造成的危害，已采取的补救措施和个人可以采取的减轻危害的措施，以及个人信息处理者的联系方式。{civil.art1038@formal}也规定，信息处理者不得泄露其收集、存储的个人信息，并应当采取技术措施和其他必要措施确保其安全。"))
	// The sector's own rules, by the route of the source's kind: what the
	// organisation must do, then why the addressee hears the complaint.
	duties, competence := routeRulesFor(b.c.SourceKind)
	text, _ := citeRules(duties, "")
	b.routeState(s, text, duties)
	s.sub("投诉举报的依据")
	text, _ = citeRules(competence, "")
	b.routeState(s, text, competence)
	s.para(x("投诉举报人认为被投诉举报人可能未履行上述安全保护义务。依照{pipl.art65@book}，特向贵部门投诉、举报，请依法调查处理，并将处理结果告知本人。"))
	if acts := b.actionsTaken(s, "投诉举报人", ""); len(acts) > 0 {
		s.sub("已采取的措施")
		s.list(acts...)
	}
	s.Blocks = append(s.Blocks, b.signature("投诉举报人", false))
	b.attachmentLine(s)

	b.evidenceSection("以下证据由投诉举报人提供，原始电子数据由投诉举报人保存，可以提供核对。")
	b.p.TOC = len(b.p.Exhibits) > 3
}

// routeState prints the rules of the route: a statement resting on the
// source kind the user chose (the preview links it to the Details tab),
// or a plain paragraph when the kind is unknown and the fallback applies.
func (b *builder) routeState(s *Section, text string, ids []string) {
	if text == "" {
		return
	}
	if !Supported(b.cf, "", b.opts, caseSrc("source_kind")) { // b.cf is already the chosen suspect's view
		s.para(text)
		return
	}
	basis := []Source{caseSrc("source_kind")}
	for _, id := range ids {
		basis = append(basis, fact(id))
	}
	b.state(s, text, basis...)
}

// provider is the deletion / stop-processing demand (cn-documents.md §4):
// only the identity the organisation needs to find the records. The law
// cited depends on the recipient: 民法典 Art. 1195 only to a network
// service provider, the consumer law only to a business that served the
// victim as a consumer; "贵司" only to a company.
func (b *builder) provider() {
	resp := or(b.respondent(), blank)
	you := b.you()
	tr := sourceTraits(b.c.SourceKind)
	b.cover("个人信息删除请求函", "", "致："+resp, KV{Key: "请 求 人", Value: or(b.c.Victim.Name, blank)})
	var delivered time.Time
	if b.opts.Delivered != "" {
		delivered, _ = time.ParseInLocation("2006-01-02", b.opts.Delivered, b.loc)
	} else if d, ok := latestDeliveryOn(b.cf, "deletion-demand"); ok {
		// The delivery recorded on the plan (reply --delivery), when the
		// export names none.
		delivered = time.Date(d.On.Year(), d.On.Month(), d.On.Day(), 0, 0, 0, 0, b.loc)
	}
	reminder := x("本函请对方自收到之日起{period.deletion-benchmark}内答复。寄出后请保存妥投记录；在导出时填入送达日期，本函和计划会据此写出答复期限的最后一天。")
	if !delivered.IsZero() {
		due, est := replyDue(delivered)
		reminder = fmt.Sprintf("本函已于%s送达，答复期限至%s%s。", zhDate(delivered), zhDate(due), map[bool]string{true: "（节假日安排尚未公布，按周末推算，请届时核对）", false: ""}[est])
	}
	b.instructions("发送须知（本页不作为提交材料）",
		"请优先通过对方隐私政策中写明的渠道发送（例如个人信息保护负责人的邮箱、在线客服或指定地址），并保存发送记录。",
		"用电子邮件发送时，邮件主题写“个人信息删除请求函”，把本材料作为附件，并保存已发送的邮件和对方的自动回复或工单号。",
		"邮寄时，在快递单的“内件品名”栏写明“个人信息删除请求函”，寄往对方的注册地址和隐私政策中的地址，并保存快递底单和妥投记录。",
		reminder+x("到期未答复或者被拒绝的，可以向有关部门投诉、举报，或者向{org.court}起诉。"),
		"发送前请取下本页。",
	)
	s := b.section("letter", "请求事项", false)
	s.InTOC = false
	s.Heading = ""
	s.plain(resp + "：")

	v := b.c.Victim
	id := []KV{{Key: "姓　　名：", Value: or(v.Name, blank)}}
	if v.Phone != "" {
		id = append(id, KV{Key: "手机号码：", Value: v.Phone})
	}
	if v.IDNumber != "" {
		id = append(id, KV{Key: "身份证号：", Value: v.IDNumber})
	}
	intro := "为便于" + you + "核实本人身份、查找相关记录，本人提供以下信息"
	if tr.NetworkService {
		intro += x("（依照{civil.art1195@formal}，通知应当包括权利人的真实身份信息和构成侵权的初步证据）")
	}
	s.para(intro + "：")
	s.kv(id...)
	b.agentKV(s, "请求人")

	s.sub("一、事实")
	var what []string
	for _, l := range b.cf.Leaked {
		if l.Description != "" {
			what = append(what, l.Description)
		}
	}
	if !b.c.DiscoveredAt.IsZero() {
		text := "本人于" + zhDate(b.c.DiscoveredAt.UTC()) + "发现本人的个人信息"
		basis := []Source{caseSrc("discovered_at")}
		if len(what) > 0 {
			text += "（" + strings.Join(what, "；") + "）"
			basis = append(basis, caseSrc("leaked"))
		}
		b.state(s, text+"可能已经泄露。", basis...)
	} else if len(what) > 0 {
		b.state(s, "本人可能已经泄露的个人信息包括："+strings.Join(what, "；")+"。", caseSrc("leaked"))
	}
	b.whatHappened(s, "本人")
	b.suspicion(s, "本人", you)
	s.para("相关证据见所附证据清单。")

	s.sub("二、法律依据")
	law := x("{pipl.art47@formal}规定，个人信息处理者违反法律、行政法规或者违反约定处理个人信息的，应当主动删除个人信息，个人信息处理者未删除的，个人有权请求删除；{pipl.art50@art}规定，个人信息处理者应当建立便捷的个人行使权利的申请受理和处理机制，拒绝个人行使权利的请求的，应当说明理由，个人可以依法向{org.court}提起诉讼。{civil.art1037@formal}规定，自然人发现信息处理者违反法律、行政法规的规定或者双方的约定处理其个人信息的，有权请求信息处理者及时删除；{civil.art1038@art}规定，信息处理者不得泄露其收集、存储的个人信息。")
	if tr.ConsumerBusiness && slices.Contains(b.c.Intake.Grounds, "customer") {
		law += x("{crpl.art29@formal}规定，经营者对收集的消费者个人信息必须严格保密，不得泄露、出售或者非法向他人提供。")
	}
	s.para(law)

	s.sub("三、请求")
	demands := b.opts.Demands
	if len(demands) == 0 {
		demands = []string{
			"立即停止处理并删除" + you + "保存的本人上述个人信息；不能删除的，停止除存储和采取必要的安全保护措施之外的处理" + x("（{pipl.art47.2@book}）。"),
			x("依照{pipl.art57@book}，书面告知本人：") + "泄露的个人信息种类、原因和可能造成的危害；" + you + "已采取的补救措施和本人可以采取的减轻危害的措施；" + you + "的联系方式。",
			"书面告知本人删除的结果和范围。",
			"如" + you + x("认为不应删除，依照{pipl.art50@book}书面说明理由。"),
		}
	}
	s.list(demands...)

	s.sub("四、答复期限和方式")
	reply := or(b.opts.ReplyChannel, strings.Trim(strings.Join([]string{v.Phone, v.Address}, "；"), "；"))
	// The period runs from receipt. A last day is printed only from a
	// recorded delivery date and only when the holiday calendar knows
	// the year: the company never reads an estimate.
	period := "请" + you + x("自收到本函之日起{period.deletion-benchmark}内书面答复本人。")
	if !delivered.IsZero() {
		if due, est := replyDue(delivered); !est {
			text := fmt.Sprintf("本函已于%s送达%s，上述期限至%s届满。", zhDate(delivered), you, zhDate(due))
			period += text
			b.p.Statements = append(b.p.Statements, Statement{Section: s.ID, Text: text, Basis: []Source{field(FieldDelivered)}})
		}
	}
	s.para(period + "答复方式：" + or(reply, blank) + "。")
	s.para(x("答复期限的依据：法律要求个人信息处理者及时删除（{civil.art1037@book}），未规定具体天数；本函参照{law.app-method}中投诉受理和处理时限不超过{period.deletion-benchmark}的规定确定上述期限。"))
	s.para("如" + you + x("逾期未答复或者拒绝删除，本人将依法向有关部门投诉、举报，或者依照{pipl.art50@book}向{org.court}提起诉讼。"))
	s.Blocks = append(s.Blocks, b.signature("请求人", false))
	if len(b.p.Exhibits) > 0 {
		b.attachmentLine(s)
		b.evidenceSection("以下证据用于说明本人的个人信息已被他人掌握和使用。")
	}
	b.p.TOC = false
}

// full is the whole case file for the victim or a lawyer.
func (b *builder) full() {
	b.cover("个人信息泄露案件材料", b.c.Title, "", KV{Key: "当 事 人", Value: or(b.c.Victim.Name, blank)})
	b.instructions("使用说明（本页不作为提交材料）",
		"本材料是案件的完整记录，供本人或代理律师使用，包含未遮蔽的个人信息，请妥善保管，不要交给无关人员。",
		"向公安机关、监管部门或者经营者提交时，请使用为对方生成的专门材料（报案材料、投诉书、删除请求函），其中只包含对方需要的信息。",
	)
	s := b.section("overview", "基本情况", false)
	kind := ""
	if b.c.SourceKind != "" {
		kind = source.Label(b.c.SourceKind, "zh")
	}
	items := b.victimKV(true, "当 事 人：", "住　　址：")
	items = append(items,
		KV{Key: "案件名称：", Value: b.c.Title},
		KV{Key: "发现日期：", Value: or(zhDate(b.c.DiscoveredAt.UTC()), "不详")},
		KV{Key: "可能的泄露者：", Value: or(b.suspectNames(), "不详")},
		KV{Key: "泄露者类型：", Value: or(kind, "不详")},
		KV{Key: "案件状态：", Value: map[incident.CaseStatus]string{incident.CaseOpen: "处理中", incident.CaseClosed: "已结束"}[b.c.Status]},
	)
	s.kv(items...)

	s = b.section("facts", "事实经过", false)
	for _, p := range narrative(b.c.Narrative) {
		b.state(s, p, caseSrc("narrative"))
	}
	b.whatHappened(s, "当事人")
	if len(b.cf.Communications) > 0 {
		s.sub("联系记录")
		b.timelineTable(s, true)
	}

	s = b.section("severity", "泄露的信息与情节参考", false)
	if len(b.cf.Leaked) == 0 {
		s.para("尚未登记被泄露的信息。")
	} else {
		b.leakedTable(s)
	}
	b.severityParas(s, "当事人")

	s = b.section("plan", "处置计划与进度", true)
	var rows [][]string
	for _, st := range b.cf.Steps {
		if st.Retired {
			continue
		}
		follow := zhDate(st.FollowUp)
		if follow != "" && st.FollowUpEstimate {
			follow += "（估算）"
		}
		rows = append(rows, []string{incident.StepTitle(st, nil, "zh"), incident.StatusLabel(st.Status, "zh"), strings.Trim(st.Organisation+"　"+st.Channel, "　"), st.Reference, follow, st.Notes})
	}
	s.table([]Column{{Title: "步骤", Width: 3.2}, {Title: "状态", Width: 1.3}, {Title: "机构/渠道", Width: 2.4}, {Title: "编号", Width: 2.2, Small: true}, {Title: "跟进日期", Width: 2.1}, {Title: "备注", Width: 3.4}}, rows)
	if len(rows) == 0 {
		s.para("尚未制定处置计划。")
	}

	s = b.section("accounts", "受影响的账户", false)
	rows = nil
	yes := func(v bool) string {
		if v {
			return "是"
		}
		return "否"
	}
	for _, a := range b.cf.Accounts {
		rows = append(rows, []string{a.Service, a.Login, a.Exposed, yes(a.PasswordChanged), yes(a.TwoFactor), yes(a.SessionsRevoked), yes(a.DeletionRequested), a.Notes})
	}
	s.table([]Column{{Title: "服务", Width: 1.6}, {Title: "账号", Width: 2.4}, {Title: "泄露内容", Width: 2.2}, {Title: "已改密码", Width: 1.1, Align: "center"}, {Title: "两步验证", Width: 1.1, Align: "center"}, {Title: "已退出其他设备", Width: 1.3, Align: "center"}, {Title: "已请求删除", Width: 1.1, Align: "center"}, {Title: "备注", Width: 2.6}}, rows)
	if len(rows) == 0 {
		s.para("尚未登记账户。")
	}

	s = b.section("history", "案件记录", false)
	s.para(fmt.Sprintf("案件共有 %d 条记录，每条记录都包含前一条记录的哈希值，构成不可篡改的记录链。下表列出各条记录的时间、类型和哈希值前12位。", len(b.cf.Events)))
	rows = nil
	for _, e := range b.cf.Events {
		h := e.Hash
		if len(h) > 12 {
			h = h[:12]
		}
		rows = append(rows, []string{strconv.FormatInt(e.Seq, 10), zhDateTime(e.At, b.loc), eventLabel(e.Kind), h})
	}
	s.table([]Column{{Title: "序号", Width: 1, Align: "center"}, {Title: "时间", Width: 3}, {Title: "记录类型", Width: 4}, {Title: "哈希值（前12位）", Width: 3, Small: true}}, rows)

	b.evidenceSection("以下为案件中的全部证据。")
	b.p.TOC = true
}

// eventLabel names an event kind for the history table from the domain's one
// list; a kind from a newer version is shown as stored.
func eventLabel(kind string) string {
	label, _ := incident.EventLabel(kind, "zh")
	return label
}

// suspectNames lists every named suspect, for the victim's own file.
func (b *builder) suspectNames() string {
	names := []string{}
	if b.c.SourceOrg != "" {
		names = append(names, b.c.SourceOrg)
	}
	for _, o := range b.otherSuspects() {
		names = append(names, o.s.Name)
	}
	return strings.Join(names, "；")
}
