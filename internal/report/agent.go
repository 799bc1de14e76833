package report

import (
	"slices"

	"leakdesk/internal/incident"
)

// Issue 13: a victim's own packets name the volunteer as her 委托代理人
// when her case is in a matter and her 授权委托书 is signed and in its
// term on the packet's date — as the joint documents do — and never
// otherwise.

// AgentKinds are the victim's own packets her 授权委托书 covers: its 委托事项
// (BuildAuthorisation) list the police, the market regulator and other
// departments, the consumer association and the company asked to delete.
// A 复议, a 立案监督 or a lawsuit needs another mandate: those packets
// never name the agent.
func AgentKinds() []string {
	return []string{KindPolice, KindConsumer, KindRegulator, KindAssociation, KindProvider}
}

// agentNamed reports whether the packet names the volunteer as the
// victim's agent.
func (b *builder) agentNamed() bool {
	return b.opts.Agent != nil && b.opts.Agent.Name != "" && slices.Contains(AgentKinds(), b.kind) &&
		b.c.Authorisation.StatusFor(b.opts.Agent.Name, b.today) == incident.AuthValid
}

// agentKV names the agent under the victim's details, with the date and
// term of the authorisation the statement rests on.
func (b *builder) agentKV(s *Section, role string) {
	if !b.agentNamed() {
		return
	}
	ag, a := b.opts.Agent, b.c.Authorisation
	s.sub("委托代理人")
	s.kv(KV{Key: "姓　　名：", Value: ag.Name}, KV{Key: "工作单位：", Value: or(ag.Org, blank)},
		KV{Key: "联系电话：", Value: or(ag.Phone, blank)})
	b.state(s, "委托代理人受"+role+"委托代为提交本材料（授权委托书签署于"+zhDate(a.SignedOn)+"，委托期限至"+zhDate(a.Until)+"）。",
		caseSrc(SourceAuthorisation))
}

// agentNote is the instructions page's sentence on the agent: what to
// bring when she files, or why she is not named.
func (b *builder) agentNote() string {
	if b.opts.Agent == nil || !slices.Contains(AgentKinds(), b.kind) {
		return ""
	}
	if b.agentNamed() {
		return "本材料写明了委托代理人。由委托代理人代为提交时，请同时提交委托人签署的授权委托书原件和代理人的身份证明。"
	}
	return b.c.Authorisation.WarningFor(b.opts.Agent.Name, b.today, victimLabel(b.c), "zh") + "本材料没有写明委托代理人，须由本人签名提交。"
}

// withAgentNote puts the agent's sentence on the instructions page, before
// its last item ("remove this page").
func (b *builder) withAgentNote() {
	note := b.agentNote()
	if note == "" || b.p.Instructions == nil {
		return
	}
	items := b.p.Instructions.Items
	at := max(len(items)-1, 0)
	b.p.Instructions.Items = append(items[:at:at], append([]string{note}, items[at:]...)...)
}
