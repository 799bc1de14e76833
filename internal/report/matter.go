package report

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/incident/severity"
)

// Issue 13: the documents of a matter (several victims, one respondent)
// and the 授权委托书 that lets a volunteer file them as agent.

// Kinds of the matter's documents (playbook's list).
const (
	KindJointPolice   = playbook.PacketJointPolice
	KindJointConsumer = playbook.PacketJointConsumer
	KindAuthorisation = playbook.PacketAuthorisation
)

// SourceAuthorisation and SourceConsent mark statements resting on the
// victim's recorded authorisation and on her consent to the joint
// documents.
const (
	SourceAuthorisation = "authorisation"
	SourceConsent       = "joint_consent"
	// SourceMatterRespondent: the respondent as the matter names it (and
	// wrote into each victim's case).
	SourceMatterRespondent = "matter_respondent"
)

// BuildAuthorisation is the victim's 授权委托书 naming the volunteer as her
// agent (cn-documents.md §2.1: the matters, the powers and the term,
// signed by the principal). respondent names the organisation the matters
// concern ("" when none is known).
func BuildAuthorisation(cf *incident.CaseFile, agent incident.Agent, a incident.Authorisation, respondent string, opts Options, now time.Time) (Packet, error) {
	if cf == nil {
		return Packet{}, errors.New("report: no case")
	}
	if agent.Name == "" {
		return Packet{}, errors.New("report: the agent has no name")
	}
	b := newBuilder(cf, KindAuthorisation, Options{Zone: opts.Zone, Instructions: opts.Instructions, Exhibits: []int64{}}, now)
	b.p.Plain = true
	b.p.Title = "授权委托书"
	b.p.Cover = Cover{Title: "授权委托书"}
	b.instructions("授权委托书须知（本页不作为提交材料）",
		"请委托人核对本页所列的本人信息后，在“委托人（签名）”处亲笔签名并捺指印，受托人在“受托人（签名）”处签名。",
		x("代理人向{org.samr-dept}投诉时，须提交授权委托书原件和代理人的身份证明（{samr.art10@book}）。请打印至少两份，委托人和受托人各执一份，提交时另备原件。"),
		"签署后，请在 leakdesk 中登记签署日期；未登记签署或者超过委托期限的，leakdesk 不会在材料中写明代理人。",
		"提交前请取下本页。")
	s := &Section{ID: "head", Blocks: []Block{{Kind: BlockTitle, Text: "授权委托书"}}}
	b.p.Sections = append(b.p.Sections, *s)
	s = &Section{ID: "principal", Heading: "委托人", InTOC: false}
	s.kv(b.victimKV(true, "姓　　名：", "住　　址：")...)
	b.p.Sections = append(b.p.Sections, *s)
	s = &Section{ID: "agent", Heading: "受托人", InTOC: false}
	s.kv(KV{Key: "姓　　名：", Value: agent.Name}, KV{Key: "工作单位：", Value: or(agent.Org, blank)},
		KV{Key: "公民身份号码：", Value: or(agent.IDNumber, blank)}, KV{Key: "联系电话：", Value: or(agent.Phone, blank)})
	b.p.Sections = append(b.p.Sections, *s)

	s = &Section{ID: "matters", Heading: "委托事项"}
	about := "委托人的个人信息被泄露一事"
	if respondent != "" {
		about = "委托人的个人信息涉嫌被" + respondent + "泄露一事"
	}
	s.para("现委托上述受托人作为委托人的代理人，就" + about + "，办理下列事项：")
	// These matters are what AgentKinds lists: the victim's own packets
	// that name the agent.
	s.list(x("向{org.samr-dept}投诉，向公安机关报案或者控告，向{org.cca-local}投诉并请求调解，并向其他有关部门投诉、举报；"),
		"要求泄露或者处理委托人个人信息的单位删除、停止处理委托人的个人信息；",
		"在上述事项中代为提交、补充和领取材料，代为陈述委托人提供的事实，接收有关通知和答复，参加调解。")
	b.p.Sections = append(b.p.Sections, *s)
	s = &Section{ID: "powers", Heading: "代理权限"}
	s.para("受托人仅在上述事项范围内代理。受托人代为陈述的事实以委托人本人提供的为准；未经委托人另行书面同意，受托人不得代为承认、放弃或者变更委托人的请求，不得代为和解或者撤回投诉、报案、控告。")
	b.p.Sections = append(b.p.Sections, *s)
	s = &Section{ID: "term", Heading: "委托期限"}
	s.para("自" + zhDate(a.IssuedOn) + "起至" + zhDate(a.Until) + "止。")
	sig := &Signature{Lines: []KV{{Key: "委托人（签名）："}, {Key: "受托人（签名）："}}, Fingerprint: "（捺指印）", Date: zhDate(a.IssuedOn)}
	s.Blocks = append(s.Blocks, Block{Kind: BlockSignature, Signature: sig})
	b.p.Sections = append(b.p.Sections, *s)
	b.p.Statements = append(b.p.Statements, Statement{Section: "term", Text: "委托期限：自" + zhDate(a.IssuedOn) + "起至" + zhDate(a.Until) + "止。",
		Basis: []Source{caseSrc(SourceAuthorisation)}})
	// The victim's own document: nothing masked.
	b.p.Mask = MaskSpec{}
	return b.p, nil
}

// JointInput is what a matter's joint document is made of.
type JointInput struct {
	Matter incident.Matter
	// Included are the victims whose consent to the joint documents is
	// recorded, in the matter's order; only they are named.
	Included []*incident.CaseFile
	// Agent is the volunteer; nil when her details are not set. She is
	// named as 代理人 only for the victims whose authorisation is valid on
	// the document's date.
	Agent   *incident.Agent
	Reading incident.MatterReading // of Included
}

// victimLabel names a victim in a joint document: her name, else her
// case's number.
func victimLabel(c incident.Case) string {
	if c.Victim.Name != "" {
		return c.Victim.Name
	}
	return "材料编号" + c.CaseNumber() + "的当事人"
}

// BuildJoint builds a matter's joint 控告材料 for the police or its joint
// 投诉书 for the market regulator: one account of what the victims have in
// common, a table of the victims, each victim's own account under her name
// (her own packet's statements, so every sentence rests on her answers),
// the records added up (Art. 11), a signature block per victim and one
// evidence list numbered across the victims with each exhibit's owner.
func BuildJoint(in JointInput, kind string, opts Options, now time.Time) (Packet, error) {
	if kind != KindJointPolice && kind != KindJointConsumer {
		return Packet{}, fmt.Errorf("report: unknown joint packet kind %q", kind)
	}
	if len(in.Included) == 0 {
		return Packet{}, errors.New("report: no victim has agreed to the joint document")
	}
	police := kind == KindJointPolice
	role, doc := "控告人", "联名控告材料"
	single := KindPolice
	if !police {
		role, doc, single = "投诉人", "联名投诉书", KindConsumer
	}
	// The joint packet's own builder holds the first victim's case only
	// for the helpers' fields; every victim's own text comes from a
	// builder of her own.
	first := in.Included[0]
	b := newBuilder(first, kind, Options{Zone: opts.Zone, Instructions: opts.Instructions, IncludeExhibits: opts.IncludeExhibits,
		Exhibits: []int64{}, Recipient: opts.Recipient, AttachOriginals: opts.AttachOriginals}, now)
	b.p.CaseNumber = incident.MatterNumber(in.Matter.ID)
	if opts.AttachOriginals != nil {
		b.p.AttachOriginals = *opts.AttachOriginals
	}
	r := in.Matter.Respondent
	resp := or(r.Name, blank)
	n := len(in.Included)
	station := opts.Recipient
	if station == "" {
		if police {
			station = blank + "公安局" + blank + "派出所"
		} else {
			station = blank + x("{org.samr-local}（{platform.12315}）")
		}
	}
	subject := fmt.Sprintf("关于%d名%s的个人信息涉嫌被%s泄露的%s", n, map[bool]string{true: "被害人", false: "消费者"}[police], resp, doc)
	b.cover(doc, subject, "致："+station, KV{Key: spaced(role), Value: fmt.Sprintf("%s等%d人", victimLabel(first.Case), n)})
	b.p.Cover.Fields[0].Key = "材料编号（当事人自编）"

	valid := agentFor(in, b.today)
	var notes []string
	if in.Agent != nil {
		for _, cf := range in.Included {
			if w := cf.Case.Authorisation.WarningFor(in.Agent.Name, b.today, victimLabel(cf.Case), "zh"); w != "" {
				notes = append(notes, w+"材料中没有写明由代理人代理该"+role+"。")
			}
		}
	}
	items := []string{
		fmt.Sprintf("本材料只列入已登记同意列入联名材料的%d名%s。", n, role),
		"请每位" + role + "在本人的签名栏签名" + map[bool]string{true: "并捺指印", false: ""}[police] + "，并核对本人的信息。",
	}
	if police {
		items = append(items, "报案时请携带各"+role+"的身份证件原件或者复印件；民警受理后应当出具受案回执。")
	} else {
		items = append(items, x("多名消费者可以共同投诉，并书面推选两名代表人（{samr.art11@book}）；请在“代表人”一栏填写推选的代表人，并由全体投诉人签名。"),
			x("由代理人提交时，须同时提交各投诉人签署的授权委托书原件（{samr.art10@book}）。"))
	}
	items = append(items, notes...)
	items = append(items, "提交前请取下本页。")
	b.instructions(doc+"须知（本页不作为提交材料）", items...)

	// 一、the victims.
	s := b.section("victims", role+"基本情况", false)
	var rows [][]string
	for i, cf := range in.Included {
		v := cf.Case.Victim
		row := []string{strconv.Itoa(i + 1), or(v.Name, blank)}
		if police {
			row = append(row, or(v.IDNumber, blank))
		}
		row = append(row, or(v.Phone, blank), or(v.Address, blank))
		rows = append(rows, row)
	}
	cols := []Column{{Title: "序号", Width: 1.2, Align: "center"}, {Title: "姓名", Width: 2.5}}
	if police {
		cols = append(cols, Column{Title: "公民身份号码", Width: 4.5})
	}
	cols = append(cols, Column{Title: "联系电话", Width: 3}, Column{Title: "住址", Width: 6})
	s.table(cols, rows)
	if in.Agent != nil && len(valid) > 0 {
		s.sub("代理人")
		s.kv(KV{Key: "姓　　名：", Value: in.Agent.Name}, KV{Key: "工作单位：", Value: or(in.Agent.Org, blank)},
			KV{Key: "联系电话：", Value: or(in.Agent.Phone, blank)})
		var who []string
		for _, cf := range valid {
			a := cf.Case.Authorisation
			who = append(who, victimLabel(cf.Case)+"（授权委托书签署于"+zhDate(a.SignedOn)+"，委托期限至"+zhDate(a.Until)+"）")
		}
		b.state(s, "代理人受下列"+role+"委托代为提交本材料："+strings.Join(who, "、")+"。", caseSrc(SourceAuthorisation))
	}
	if !police {
		s.kv(KV{Key: "推选的代表人：", Value: blank + "、" + blank})
	}

	// 二、the respondent.
	accused := "被控告人（犯罪嫌疑人）情况"
	if !police {
		accused = "被投诉人"
	}
	s = b.section("respondent", accused, false)
	kv := []KV{{Key: "名　　称：", Value: resp}}
	if r.Addr != "" || !police {
		kv = append(kv, KV{Key: "地　　址：", Value: or(r.Addr, blank)})
	}
	if len(r.Contacts) > 0 {
		kv = append(kv, KV{Key: "联系方式：", Value: strings.Join(r.Contacts, "；")})
	}
	s.kv(kv...)

	// 三、(police) the cause; the requests.
	scammed := 0
	for _, cf := range in.Included {
		vb := newBuilder(cf, single, Options{Exhibits: []int64{}}, now)
		if vb.scam() {
			scammed++
		}
	}
	anyScam := scammed > 0
	if police {
		s = b.section("cause", "案由", false)
		cause := x("涉嫌侵犯公民个人信息罪（{crl.art253-1@formal}）")
		basis := []Source{fact("crl.art253-1")}
		if anyScam {
			// Whom: some of them, all of them, or the one victim.
			whom := "部分" + role
			if scammed == len(in.Included) {
				whom = map[bool]string{true: role, false: "各" + role}[scammed == 1]
			}
			cause += "；有关人员利用上述信息对" + whom + x("实施诈骗，涉嫌诈骗罪（{crl.art266@formal}）")
			basis = append(basis, answer("happened:scam-contact"), fact("crl.art266"))
		}
		s.plain(cause + "。")
		b.p.Statements = append(b.p.Statements, Statement{Section: s.ID, Text: cause + "。", Basis: basis})
	}
	s = b.section("requests", map[bool]string{true: "请求事项", false: "投诉请求"}[police], false)
	if police {
		s.list("依法对被控告人及有关人员非法获取、出售或者提供上述" + role + "个人信息的行为立案侦查，追究其刑事责任。")
	} else {
		s.list("被投诉人停止泄露、出售或者非法向他人提供各投诉人的个人信息，并删除其不应保存的各投诉人的个人信息。",
			"被投诉人查明各投诉人个人信息泄露的原因和范围，并书面告知各投诉人。",
			"被投诉人向各投诉人赔礼道歉。")
	}

	// 四、facts: what they have in common, each one's situation, each
	// one's own account, the records added up.
	s = b.section("facts", "事实与理由", false)
	s.sub("（一）共同事实")
	common := fmt.Sprintf("上述%d名%s均认为本人的个人信息可能是从%s泄露的，并同意共同提交本材料。", n, role, resp)
	if n == 1 {
		// One consenting victim so far: "均" and "共同" would say others
		// joined her.
		common = fmt.Sprintf("%s认为本人的个人信息可能是从%s泄露的。", role, resp)
	}
	b.state(s, common+"具体泄露者和泄露经过，有待依法查明。",
		caseSrc(SourceMatterRespondent), caseSrc(SourceConsent))
	b.commonHappened(s, in.Included, role)
	s.sub("（二）各" + role + "的情况")
	var vrows [][]string
	for i, cf := range in.Included {
		vrows = append(vrows, []string{strconv.Itoa(i + 1), victimLabel(cf.Case), leakedSummary(cf), happenedSummary(cf)})
	}
	s.table([]Column{{Title: "序号", Width: 1.2, Align: "center"}, {Title: role, Width: 2.5}, {Title: "被泄露的信息", Width: 5.5}, {Title: "发生的情况", Width: 6}}, vrows)
	for i, cf := range in.Included {
		s.sub(fmt.Sprintf("%d. %s%s的陈述", i+1, role, victimLabel(cf.Case)))
		vb := newBuilder(cf, single, Options{Exhibits: []int64{}}, now)
		vs := &Section{ID: s.ID}
		for _, p := range narrative(cf.Case.Narrative) {
			vb.state(vs, p, caseSrc("narrative"))
		}
		vb.whatHappened(vs, role)
		vb.suspicion(vs, role, map[bool]string{true: "被控告人", false: "被投诉人"}[police])
		s.Blocks = append(s.Blocks, vs.Blocks...)
		for _, st := range vb.p.Statements {
			st.Section = s.ID
			st.Text = victimLabel(cf.Case) + "：" + st.Text
			b.p.Statements = append(b.p.Statements, st)
		}
	}
	s.sub("（三）合计的个人信息条数")
	b.jointCounts(s, in.Reading, role, police)
	s.sub("（四）法律依据")
	if police {
		s.para(x("{crl.art253-1@formal}规定，违反国家有关规定，向他人出售或者提供公民个人信息，或者窃取、以其他方法非法获取公民个人信息，情节严重的，构成侵犯公民个人信息罪。{interp2017.art5@formal}规定了“情节严重”和“情节特别严重”的具体情形。"))
		s.para("综上所述，" + role + "认为有关人员非法获取、出售或者提供" + role + "个人信息的行为涉嫌侵犯公民个人信息罪，特向" + honorific(station) + "控告，恳请依法立案侦查。")
		s.para("各" + role + "保证本人所述属实，如有不实，愿意承担相应的法律责任。")
	} else {
		s.para(x("{crpl.art14@formal}规定，消费者享有个人信息依法得到保护的权利；{crpl.art29@art}规定，经营者及其工作人员对收集的消费者个人信息必须严格保密，不得泄露、出售或者非法向他人提供；{crpl.art50@art}规定，经营者侵害消费者个人信息依法得到保护的权利的，应当停止侵害、赔礼道歉，并赔偿损失。"))
		s.para("如上述信息确系从被投诉人处泄露，被投诉人未尽到保密义务，侵害了各投诉人的合法权益。特共同投诉，请依法调查处理。")
	}
	// One signature block per victim, then the agent's.
	for i, cf := range in.Included {
		sig := &Signature{Lines: []KV{{Key: role + "（签名）：", Value: ""}, {Key: "（" + victimLabel(cf.Case) + "）", Value: ""}}, Date: b.p.DateText}
		if i == 0 {
			sig.Salutation = []string{"此致", station}
		}
		if police {
			sig.Fingerprint = "（捺指印）"
		}
		s.Blocks = append(s.Blocks, Block{Kind: BlockSignature, Signature: sig})
	}
	if in.Agent != nil && len(valid) > 0 {
		s.Blocks = append(s.Blocks, Block{Kind: BlockSignature, Signature: &Signature{Lines: []KV{{Key: "代理人（签名）："}}, Date: b.p.DateText}})
	}

	// The evidence of every victim, numbered across them, each with its owner.
	num := 0
	for _, cf := range in.Included {
		exs := append([]incident.Exhibit(nil), cf.Exhibits...)
		slices.SortStableFunc(exs, func(a, c incident.Exhibit) int { return a.Number - c.Number })
		for _, e := range exs {
			num++
			ref := exhibitRef(e, num, b.loc)
			owner := victimLabel(cf.Case) + "提供"
			if ref.Source != "" {
				owner += "；" + ref.Source
			}
			ref.Source = owner
			b.p.Exhibits = append(b.p.Exhibits, ref)
		}
	}
	b.attachmentLine(s)
	b.evidenceSection("以下证据由各" + role + "分别提供，“来源”一栏写明提供人。原始电子数据由提供人保存，可以随时提供核对；各项证据的 SHA-256 哈希值见本表和材料末页。")
	b.p.TOC = true

	// Closing: each victim's record chain.
	b.p.Closing = Closing{Heading: "附：证据哈希值与案件记录校验信息",
		Text: []string{"下列哈希值是各项证据的原始电子文件在录入时计算的 SHA-256 值。对同一文件重新计算，结果相同即说明该文件与录入时的文件一致。"}}
	for _, cf := range in.Included {
		b.p.Closing.Text = append(b.p.Closing.Text, fmt.Sprintf("%s（材料编号 %s）的案件记录链最后一条记录的哈希值：%s（共 %d 条记录）。",
			victimLabel(cf.Case), cf.Case.CaseNumber(), incident.ChainHead(cf.Events), len(cf.Events)))
	}

	mask := DefaultMasking(single)
	if opts.Mask != nil {
		mask = *opts.Mask
	}
	var own []string
	for _, cf := range in.Included {
		own = append(own, ownNumbers(cf)...)
	}
	slices.Sort(own)
	b.p.Mask = MaskSpec{ID: mask.ID, Phone: mask.Phone, Card: mask.Card, Own: slices.Compact(own)}
	maskPacket(&b.p)
	return b.p, nil
}

// agentFor lists the victims the volunteer may act for on day: those
// whose authorisation is signed and in its term.
func agentFor(in JointInput, day time.Time) []*incident.CaseFile {
	if in.Agent == nil {
		return nil
	}
	var out []*incident.CaseFile
	for _, cf := range in.Included {
		if cf.Case.Authorisation.StatusFor(in.Agent.Name, day) == incident.AuthValid {
			out = append(out, cf)
		}
	}
	return out
}

// happenedPhrases word, for a third person and after "N人均" or "其中N人",
// each thing the intake's "what has happened" question offers.
var happenedPhrases = []struct{ key, text string }{
	{"breach-notice", "收到了有关机构发出的个人信息可能泄露的通知"},
	{"scam-contact", "遭人利用其个人信息实施诈骗"},
	{"money-lost", "遭受了经济损失"},
	{"loan-in-name", "被人冒用身份信息申请贷款或者办理信用卡"},
	{"harassment", "接到骚扰电话、短信或者受到威胁"},
	{"posted-online", "的个人信息被他人发布到网上"},
}

// commonHappened states, for each thing that happened, how many of the
// victims said it happened to them and who.
func (b *builder) commonHappened(s *Section, files []*incident.CaseFile, role string) {
	for _, l := range happenedPhrases {
		var who []string
		for _, cf := range files {
			if slices.Contains(cf.Case.Intake.Happened, l.key) {
				who = append(who, victimLabel(cf.Case))
			}
		}
		switch {
		case len(who) == 0:
			continue
		case len(who) == len(files) && len(files) > 1:
			text := fmt.Sprintf("据各%s所述，%d人均%s。", role, len(who), l.text)
			if strings.HasPrefix(l.text, "的") {
				text = fmt.Sprintf("据各%s所述，%d人%s。", role, len(who), strings.Replace(l.text, "被", "均被", 1))
			}
			b.state(s, text, answer("happened:"+l.key))
		default:
			b.state(s, fmt.Sprintf("据%s所述，其中%d人（%s）%s。", role, len(who), strings.Join(who, "、"), l.text), answer("happened:"+l.key))
		}
	}
}

// jointCounts states the records of all the victims added up by category
// (法释〔2017〕10号 Art. 11) and, when the totals reach a standard, the
// reference reading of the totals, always as a reference.
func (b *builder) jointCounts(s *Section, r incident.MatterReading, role string, police bool) {
	if len(r.Categories) == 0 {
		s.para("各" + role + "所知的被泄露信息的数量有待查明。")
		return
	}
	var rows [][]string
	for _, c := range r.Categories {
		var parts []string
		for _, p := range c.Parts {
			parts = append(parts, fmt.Sprintf("%s %d 条", p.Label(), p.Count))
		}
		rows = append(rows, []string{c.NameZH, strconv.FormatInt(c.Total, 10), strings.Join(parts, "；")})
	}
	s.table([]Column{{Title: "信息类别", Width: 3}, {Title: "合计条数", Width: 1.8, Align: "center"}, {Title: "各" + role + "已知的条数", Width: 8}}, rows)
	b.state(s, fmt.Sprintf("上表合计了%d名%s各自已知的被泄露信息的条数（其中%d人登记了条数）。", r.Victims, role, r.WithRecords), caseSrc("leaked"))
	if !police {
		return
	}
	b.state(s, x("依照{interp2017.art11@formal}，对多名被害人的个人信息条数累计计算。"), fact("interp2017.art11"))
	switch r.Result.Verdict {
	case "serious", "especially-serious":
		level := "“情节严重”"
		if r.Result.Verdict == "especially-serious" {
			level = "“情节特别严重”"
		}
		b.state(s, fmt.Sprintf(x("按上述合计的条数（%s），参照{interp2017.art5@formal}的规定，本案可能属于{crl.art253-1}规定的%s的情形。"), r.Result.TriggerZH, level),
			caseSrc("leaked"), fact("interp2017.art5"), fact("crl.art253-1"))
		s.para("以上仅为根据各" + role + "已知情况所作的参考，不是结论。是否构成犯罪，由办案机关依法认定。")
	default:
		b.state(s, x("仅按上述合计的条数，尚未达到{interp2017.art5@formal}规定的“情节严重”的数量标准。各")+role+"所知的只是本人的信息，涉案信息的实际种类、数量和用途，有待依法查明。",
			caseSrc("leaked"), fact("interp2017.art5"))
	}
}

// leakedSummary is what leaked of one victim: the kinds she ticked and the
// records she counted.
func leakedSummary(cf *incident.CaseFile) string {
	var parts []string
	for _, k := range cf.Case.Intake.Leaked {
		if zh, _ := optionLabel("leaked", k); zh != "" {
			parts = append(parts, zh)
		}
	}
	names := map[string]string{}
	for _, c := range severity.Categories() {
		names[c.Key] = c.NameZH
	}
	for _, l := range cf.Leaked {
		if l.Count > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 条", or(names[l.Category], l.Category), l.Count))
		}
	}
	if len(parts) == 0 {
		return "有待查明"
	}
	return strings.Join(parts, "、")
}

// happenedSummary is what the victim said has happened since the leak.
func happenedSummary(cf *incident.CaseFile) string {
	var parts []string
	for _, l := range happenedPhrases {
		if slices.Contains(cf.Case.Intake.Happened, l.key) {
			parts = append(parts, strings.TrimPrefix(l.text, "的"))
		}
	}
	if len(parts) == 0 {
		return "未填写"
	}
	return strings.Join(parts, "、")
}

// MatterKinds lists the joint documents of a matter (playbook's list).
func MatterKinds() []string { return playbook.MatterPacketKinds() }
