package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/severity"
)

// 刑法第二百八十六条之一 in the police packet (issue 18). It appears only when
// incident.Refusal says the case records its facts: a named network service
// provider, a written correction order and the provider's refusal. Every
// sentence about them comes from what the victim recorded; the
// consequences are measured against 法释〔2019〕15号 Art. 4 as a reference,
// like the severity reading, and the police decide.

// refusal is the case's 286-1 elements and whether this packet prints them.
func (b *builder) refusal() (incident.Refusal, bool) {
	r := incident.RefusalOf(b.cf)
	return r, b.kind == KindPolice && r.Printable()
}

// refusalBasis is the basis every 286-1 sentence rests on.
func refusalBasis() []Source {
	return []Source{caseSrc("source_kind"), caseSrc("source_org"), caseSrc("correction_order"), caseSrc("correction_refused")}
}

// refusalCause is the 案由 clause, "" when not printed.
func (b *builder) refusalCause() (string, []Source) {
	if _, ok := b.refusal(); !ok {
		return "", nil
	}
	return "；" + b.c.SourceOrg + "经有关部门书面责令采取改正措施而拒不改正，致使用户信息泄露，涉嫌拒不履行信息网络安全管理义务罪（" + facts.Cite("zh", "formal", "crl.art286-1") + "）",
		append(refusalBasis(), fact("crl.art286-1"))
}

// refusalDemand is the request to pursue it, "" when not printed.
func (b *builder) refusalDemand() string {
	if _, ok := b.refusal(); !ok {
		return ""
	}
	return "依法追究" + b.c.SourceOrg + "及其直接负责的主管人员和其他直接责任人员拒不履行信息网络安全管理义务的刑事责任。"
}

// refusalFacts states the order, the refusal and the consequences under a
// sub-heading numbered n; it returns the next number.
func (b *builder) refusalFacts(s *Section, role string, n int) int {
	r, ok := b.refusal()
	if !ok {
		return n
	}
	o := r.Order
	org := b.c.SourceOrg
	s.sub("（" + cnNum(n) + "）" + org + "拒不改正的情况")
	kind := incident.SourceKindInfo(b.c.SourceKind).ZH
	if r.PublicOnline {
		// Art. 1 item (3): a public service is a provider for what it
		// provides through the network, which the victim recorded.
		b.state(s, fmt.Sprintf("%s是%s，据%s记录，其通过信息网络向%s提供服务，%s认为其属于%s所称的网络服务提供者。", org, kind, role, role, role, facts.Cite("zh", "formal", "interp2019.art1.3")),
			caseSrc("source_org"), caseSrc("source_kind"), caseSrc("correction_online"), fact("interp2019.art1.3"))
	} else {
		b.state(s, fmt.Sprintf("%s是%s，%s认为其属于%s所称的网络服务提供者。", org, kind, role, facts.Cite("zh", "formal", "interp2019.art1")),
			caseSrc("source_org"), caseSrc("source_kind"), fact("interp2019.art1"))
	}
	order := zhDate(o.IssuedOn) + "，" + o.Authority + "书面责令" + org + "采取改正措施"
	var detail []string
	if o.Reference != "" {
		detail = append(detail, "文号："+o.Reference)
	}
	if ref := b.exhibitLabel(o.ExhibitID); ref != "" {
		detail = append(detail, "见"+ref)
	}
	if len(detail) > 0 {
		order += "（" + strings.Join(detail, "；") + "）"
	}
	b.state(s, order+"。", caseSrc("correction_order"))
	refused := "自" + zhDate(o.IgnoredSince) + "起，" + org + "仍未按照上述要求改正"
	basis := []Source{caseSrc("correction_refused")}
	if c := strings.TrimRight(strings.TrimSpace(o.Continued), "。"); c != "" {
		refused += "：" + c
	}
	b.state(s, refused+"。", basis...)
	b.refusalConsequences(s, role, r)
	return n + 1
}

// refusalConsequences states what Art. 4 counts, from the victim's leaked
// rows and severity answers, and what is not known.
func (b *builder) refusalConsequences(s *Section, role string, r incident.Refusal) {
	art4 := facts.Cite("zh", "", "interp2019.art4")
	before := len(b.p.Statements)
	if len(r.Counts) > 0 {
		names := map[string]string{}
		for _, c := range severity.Categories() {
			names[c.Key] = c.NameZH
		}
		var parts []string
		for _, c := range severity.Categories() {
			if n, ok := r.Counts[c.Key]; ok {
				parts = append(parts, names[c.Key]+strconv.FormatInt(n, 10)+"条")
			}
		}
		text := role + "已知被泄露的用户信息有" + strings.Join(parts, "、") + "。"
		if r.CountsReached() {
			text += "参照" + art4 + "，按上述条数计算，已达到该条规定的“造成严重后果”的数量标准。"
		} else {
			text += "参照" + art4 + "，仅按" + role + "所知的条数计算，尚未达到该条规定的数量标准；" + role + "所知的只是本人的信息，泄露的实际数量有待依法查明。"
		}
		b.state(s, text, caseSrc("leaked"), fact("interp2019.art4"))
	}
	if r.Severe {
		b.state(s, "据"+role+"记录，上述信息泄露造成了被害人死亡、重伤、精神失常或者被绑架等严重后果，属于"+art4+"规定的情形。",
			answer("severe_consequence"), fact("interp2019.art4"))
	}
	if r.MajorLoss {
		b.state(s, "据"+role+"记录，上述信息泄露造成了重大经济损失或者恶劣社会影响；其中造成重大经济损失的，属于"+art4+"规定的情形。",
			answer("major_loss"), fact("interp2019.art4"))
	}
	if len(b.p.Statements) == before {
		s.para(role + "目前不掌握泄露的条数和造成的后果，有待依法查明。")
	}
	s.para("以上仅为" + role + "根据已知情况所作的参考，不是结论。是否构成犯罪，由办案机关依法认定。")
}

// refusalLaw is the legal basis paragraph.
func (b *builder) refusalLaw(s *Section) {
	if _, ok := b.refusal(); !ok {
		return
	}
	s.para(facts.Cite("zh", "formal", "crl.art286-1") + "规定，网络服务提供者不履行法律、行政法规规定的信息网络安全管理义务，经监管部门责令采取改正措施而拒不改正，致使用户信息泄露，造成严重后果的，构成拒不履行信息网络安全管理义务罪。" +
		facts.Cite("zh", "formal", "interp2019.art2") + "规定，监管部门责令采取改正措施，是指" + facts.ZH("org.286-authorities") + "等以责令整改通知书或者其他文书形式，责令网络服务提供者采取改正措施；" + facts.Expand("zh", "{interp2019.art4@art}") + "规定了致使用户信息泄露“造成严重后果”的具体情形。")
}

// exhibitLabel is 证据N for an exhibit listed in this packet, "" otherwise.
func (b *builder) exhibitLabel(id int64) string {
	if id == 0 {
		return ""
	}
	i := slices.IndexFunc(b.p.Exhibits, func(e ExhibitRef) bool { return e.ID == id })
	if i < 0 {
		return ""
	}
	return b.p.Exhibits[i].Label
}
