package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

// A packet is signed above "本人保证以上所述属实", so every sentence in it
// that says something about this case must come from the victim's own
// answers or fields. Such sentences are Statements: the text as printed
// (before masking) and the basis it rests on. The builder writes a factual
// sentence only through state(), so the list is complete, and the preview
// ("what this document will state") and the property test read it.

// Source kinds: where a statement's basis lives in the case.
const (
	SrcAnswer = "answer" // an intake answer: Key is "happened:scam-contact", "grounds:customer", "insider:known", "loss_yuan", …
	SrcCase   = "case"   // a case field: narrative, discovered_at, source_org, source_addr, leaked, communications, steps, severity
	SrcField  = "field"  // a field of this export: recipient, respondent, losses, delivered, police_form, …
	SrcFact   = "fact"   // a legal fact (article, period); Key is the facts-register ID
)

// Source names one piece of the basis of a statement.
type Source struct {
	Kind string `json:"kind"`
	Key  string `json:"key"`
}

// Statement is one factual sentence of a packet with its basis.
type Statement struct {
	Section string   `json:"section"` // the section's anchor (Section.ID)
	Text    string   `json:"text"`
	Basis   []Source `json:"basis"`
}

func answer(key string) Source  { return Source{SrcAnswer, key} }
func caseSrc(key string) Source { return Source{SrcCase, key} }
func field(key string) Source   { return Source{SrcField, key} }

// fact marks a legal citation by its facts-register ID. An unknown or
// UNVERIFIED ID panics (facts.MustGet): a statement never rests on a fact
// the register does not let the app print.
func fact(id string) Source {
	facts.MustGet(id)
	return Source{SrcFact, id}
}

// state prints a factual sentence as an indented paragraph and records it
// with its basis.
func (b *builder) state(s *Section, text string, basis ...Source) {
	if strings.TrimSpace(text) == "" {
		return
	}
	s.para(text)
	b.p.Statements = append(b.p.Statements, Statement{Section: s.ID, Text: text, Basis: basis})
}

// stateItem records a statement printed as a list item instead.
func (b *builder) stateItem(s *Section, text string, basis ...Source) string {
	b.p.Statements = append(b.p.Statements, Statement{Section: s.ID, Text: text, Basis: basis})
	return text
}

// Supported reports whether src is present in the case and options of a
// packet of kind: the answer was given, the field is not empty. A packet
// to one of several suspects is checked against that suspect's answers.
// The property test checks every statement of every packet against it.
func Supported(cf *incident.CaseFile, kind string, opts Options, src Source) bool {
	cf, err := forSuspect(cf, kind, opts)
	if err != nil {
		return false
	}
	in := cf.Case.Intake
	switch src.Kind {
	case SrcAnswer:
		q, v, _ := strings.Cut(src.Key, ":")
		if n, ok := suspectKey(q); ok {
			list := cf.Case.SuspectList()
			return n <= len(list) && slices.Contains(list[n-1].Grounds, v)
		}
		switch q {
		case "happened":
			return slices.Contains(in.Happened, v)
		case "grounds":
			return slices.Contains(in.Grounds, v)
		case "leaked":
			return slices.Contains(in.Leaked, v)
		case "insider":
			return in.Insider == v
		case "loss_yuan":
			return in.LossYuan > 0
		case "used_for_crime":
			return in.UsedForCrime
		case "used_for":
			item, use, _ := strings.Cut(v, ":")
			return slices.Contains(in.Leaked, item) && slices.Contains(in.UsedFor[item], use)
		case "severe_consequence":
			return in.SevereConsequence
		case "major_loss":
			return in.MajorLoss
		}
	case SrcCase:
		c := cf.Case
		switch src.Key {
		case "narrative":
			return strings.TrimSpace(c.Narrative) != ""
		case "discovered_at":
			return !c.DiscoveredAt.IsZero()
		case "source_org":
			return c.SourceOrg != ""
		case "source_addr":
			return c.SourceAddr != ""
		case "source_kind":
			return c.SourceKind != "" && c.SourceKind != incident.SourceUnknown
		case "leaked":
			return len(cf.Leaked) > 0
		case "communications":
			return len(cf.Communications) > 0
		case "steps":
			return len(cf.Steps) > 0
		case "correction_order":
			o := c.CorrectionOrder
			return o != nil && o.Authority != "" && !o.IssuedOn.IsZero()
		case "correction_refused":
			return c.CorrectionOrder.Refused()
		case SourceConsent:
			return !c.JointConsent.IsZero()
		case SourceAuthorisation:
			return c.Authorisation != nil
		case SourceMatterRespondent:
			return c.SourceOrg != ""
		case "correction_online":
			o := c.CorrectionOrder
			return o != nil && o.Online
		case "expenses":
			return len(incident.ExpensesOf(cf.Events)) > 0
		case "severity":
			in := cf.Case.Intake
			return len(cf.Leaked) > 0 || in.GainsYuan > 0 || in.PriorOffence || in.UsedForCrime || in.SevereConsequence || in.MajorLoss
		default:
			if n, ok := suspectKey(src.Key); ok {
				list := c.SuspectList()
				return n <= len(list) && list[n-1].Name != ""
			}
			if kind, ok := strings.CutPrefix(src.Key, "reply:"); ok {
				_, ok := latestReplyOn(cf, kind)
				return ok
			}
			if kind, ok := strings.CutPrefix(src.Key, "refusal:"); ok {
				_, _, refused := refusalOn(cf, kind)
				return refused
			}
			if kind, ok := strings.CutPrefix(src.Key, "delivery:"); ok {
				_, ok := latestDeliveryOn(cf, kind)
				return ok
			}
			if kind, ok := strings.CutPrefix(src.Key, "reply_ref:"); ok {
				r, ok := latestReplyOn(cf, kind)
				return ok && r.Reference != ""
			}
		}
	case SrcField:
		switch src.Key {
		case FieldRecipient:
			return opts.Recipient != ""
		case FieldRespondent:
			return opts.Respondent != "" || cf.Case.SourceOrg != ""
		case FieldRespondentAddress:
			return opts.RespondentAddress != "" || cf.Case.SourceAddr != ""
		case FieldLosses:
			return opts.Losses != ""
		case FieldDelivered:
			return opts.Delivered != ""
		case FieldReasons:
			return opts.Reasons != ""
		case FieldPoliceForm, FieldAsks:
			return true // a choice with a default, always present
		}
	case SrcFact:
		f, ok := facts.Get(src.Key)
		return ok && f.Printable()
	}
	return false
}

// suspectSrc is the name of suspect n (1-based) of several, as a basis.
func suspectSrc(n int) Source { return caseSrc(fmt.Sprintf("suspect%d", n)) }

// suspectGrounds is ground g of suspect n (1-based) of several, as a basis.
func suspectGrounds(n int, g string) Source { return answer(fmt.Sprintf("suspect%d:%s", n, g)) }

// suspectKey reads "suspectN" back; N is 1-based.
func suspectKey(k string) (int, bool) {
	rest, ok := strings.CutPrefix(k, "suspect")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n >= 1
}

// Where says, for the preview, where the user changes a source: "intake"
// (the questions), "details" (the Details tab), "severity" (the Details
// tab's severity factors), "evidence", "plan" or "export" (this export's
// fields). Legal facts have no place to change; "" then.
func (s Source) Where() string {
	switch s.Kind {
	case SrcAnswer:
		if s.Key == "loss_yuan" || s.Key == "used_for_crime" || s.Key == "severe_consequence" || s.Key == "major_loss" {
			return "severity"
		}
		return "intake"
	case SrcCase:
		if strings.HasPrefix(s.Key, "reply") || strings.HasPrefix(s.Key, "refusal:") || strings.HasPrefix(s.Key, "delivery:") {
			return "plan" // recorded on a plan step
		}
		switch s.Key {
		case "communications":
			return "evidence"
		case "steps":
			return "plan"
		case "leaked", "severity":
			return "severity"
		}
		return "details"
	case SrcField:
		return "export"
	}
	return ""
}

// Label names the source for the user, in Chinese and English.
func (s Source) Label() (zh, en string) {
	switch s.Kind {
	case SrcAnswer:
		q, v, _ := strings.Cut(s.Key, ":")
		if n, ok := suspectKey(q); ok {
			zh, en := optionLabel("grounds", v)
			return fmt.Sprintf("问卷“为什么怀疑第%d个单位”：%s", n, zh), fmt.Sprintf("answer to \"Why do you suspect organisation %d\": %s", n, en)
		}
		names := map[string][2]string{
			"happened":           {"问卷“发生了什么”", "answer to \"What has happened\""},
			"grounds":            {"问卷“为什么怀疑这家机构”", "answer to \"Why do you suspect this organisation\""},
			"leaked":             {"问卷“哪些信息被泄露”", "answer to \"What leaked\""},
			"insider":            {"问卷“是不是内部人员”", "answer to \"Was it an insider\""},
			"loss_yuan":          {"损失金额", "amount lost"},
			"used_for_crime":     {"情节因素“信息被用于犯罪”", "severity factor \"used for a crime\""},
			"used_for":           {"问卷“这些信息被用来做了什么”", "answer to \"What was each item used for\""},
			"severe_consequence": {"情节因素“造成死亡、重伤、精神失常或者被绑架”", "severity factor \"death, serious injury, mental disorder or kidnapping\""},
			"major_loss":         {"情节因素“造成重大经济损失或者恶劣社会影响”", "severity factor \"major economic loss or vile social impact\""},
		}[q]
		if v != "" {
			zh, en := optionLabel(q, v)
			return names[0] + "：" + zh, names[1] + ": " + en
		}
		return names[0], names[1]
	case SrcCase:
		if n, ok := suspectKey(s.Key); ok {
			return fmt.Sprintf("问卷：怀疑的第%d个单位", n), fmt.Sprintf("answers: suspected organisation %d", n)
		}
		if kind, ok := strings.CutPrefix(s.Key, "reply:"); ok {
			sp, _ := playbook.Lookup(kind)
			return "计划：“" + sp.Title.ZH + "”登记的答复", "plan: the reply recorded on \"" + sp.Title.EN + "\""
		}
		if kind, ok := strings.CutPrefix(s.Key, "refusal:"); ok {
			sp, _ := playbook.Lookup(kind)
			return "计划：“" + sp.Title.ZH + "”登记的拒绝答复", "plan: the refusal recorded on \"" + sp.Title.EN + "\""
		}
		if kind, ok := strings.CutPrefix(s.Key, "delivery:"); ok {
			sp, _ := playbook.Lookup(kind)
			return "计划：“" + sp.Title.ZH + "”登记的送达", "plan: the delivery recorded on \"" + sp.Title.EN + "\""
		}
		if kind, ok := strings.CutPrefix(s.Key, "reply_ref:"); ok {
			sp, _ := playbook.Lookup(kind)
			return "计划：“" + sp.Title.ZH + "”登记的答复编号", "plan: the number of the reply recorded on \"" + sp.Title.EN + "\""
		}
		n := map[string][2]string{
			"narrative": {"案件详情：经过", "Details: what happened"}, "discovered_at": {"案件详情：发现日期", "Details: date discovered"},
			"source_org": {"案件详情：可能的泄露者", "Details: suspected source"}, "source_addr": {"案件详情：泄露者地址", "Details: source address"},
			"source_kind": {"案件详情：泄露者类型", "Details: kind of source"}, "leaked": {"泄露的信息和条数", "Leaked data and counts"},
			"communications": {"联系记录", "Contacts log"}, "steps": {"计划步骤的状态", "Plan step status"},
			"severity":         {"情节因素", "Severity factors"},
			"expenses":         {"案件详情：时间和费用记录", "Details: time and expense log"},
			"correction_order": {"案件详情：责令改正通知", "Details: correction order"}, "correction_refused": {"案件详情：拒不改正", "Details: order ignored"},
			SourceConsent:          {"共同事项：同意列入联名材料", "Matter: consent to the joint documents"},
			SourceAuthorisation:    {"授权委托书", "Authorisation"},
			SourceMatterRespondent: {"共同事项：被投诉方", "Matter: respondent"},
			"correction_online":    {"案件详情：通过网络提供服务", "Details: served online"},
		}[s.Key]
		return n[0], n[1]
	case SrcField:
		n := map[string][2]string{
			FieldRecipient: {"导出：收件机关", "Export: addressed to"}, FieldRespondent: {"导出：被投诉或被控告的单位", "Export: organisation complained about"},
			FieldRespondentAddress: {"导出：其地址", "Export: its address"}, FieldLosses: {"导出：损失情况", "Export: money lost"},
			FieldDelivered: {"导出：送达日期", "Export: delivery date"}, FieldPoliceForm: {"导出：报案或控告", "Export: report or accusation"},
			FieldReplyChannel: {"导出：答复方式", "Export: reply by"}, FieldAsks: {"导出：请求事项", "Export: what you ask for"},
			FieldReasons: {"导出：你的理由", "Export: your reasons"},
		}[s.Key]
		return n[0], n[1]
	case SrcFact:
		if f, ok := facts.Get(s.Key); ok && f.Printable() {
			return "法律规定：" + f.ZH, "law: " + f.EN
		}
		return s.Key, s.Key
	}
	return s.Key, s.Key
}

// optionLabel is the intake option's own label, as the user saw it. A
// used-for answer ("phone:harassment") is named by its item and its use.
func optionLabel(question, key string) (zh, en string) {
	if question == "used_for" {
		item, use, _ := strings.Cut(key, ":")
		izh, ien := optionLabel("leaked", item)
		for _, o := range playbook.UsedForQuestion().Options {
			if o.Key == use {
				return izh + "→" + o.Label.ZH, ien + " → " + o.Label.EN
			}
		}
		return izh + "→" + use, ien + " → " + use
	}
	for _, q := range playbook.Questions() {
		if q.Key != question {
			continue
		}
		for _, o := range q.Options {
			if o.Key == key {
				return o.Label.ZH, o.Label.EN
			}
		}
	}
	return key, key
}
