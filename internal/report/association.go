package report

import (
	"slices"
	"strings"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
)

// The consumer association's document (issue 18): a 投诉及调解申请 to the
// local 消费者协会, which by statute accepts consumers' complaints and
// mediates (消保法 Arts. 37, 39; cn-channels-verified.md §5). Its layout is
// the paper 投诉书 of cn-documents.md §2.3. No time limit is printed: the
// regulation says only "及时" (实施条例 Art. 45) and none other is verified.

// What the user may ask the association to mediate about, besides the
// mediation itself, which is always asked.
const (
	AskDelete     = "delete"     // stop leaking, delete what it should not keep
	AskExplain    = "explain"    // find out how and what leaked, tell me in writing
	AskApologise  = "apologise"  // apologise
	AskCompensate = "compensate" // pay for my losses
)

// AssociationAsks lists the requests in print order.
func AssociationAsks() []string {
	return []string{AskDelete, AskExplain, AskApologise, AskCompensate}
}

// AskLabel names a request for the Export tab and the CLI's help.
func AskLabel(key, lang string) string {
	l := map[string][2]string{
		AskDelete:     {"删除我的信息并停止泄露", "Delete my information and stop the leak"},
		AskExplain:    {"查明并书面说明泄露情况", "Find out and explain in writing what leaked and how"},
		AskApologise:  {"赔礼道歉", "Apologise"},
		AskCompensate: {"赔偿损失", "Compensate my losses"},
	}[key]
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// DefaultAsks are the requests ticked before the user chooses: all but
// compensation, which is ticked when the victim said money was lost.
func (b *builder) defaultAsks() []string { return DefaultAsks(b.c.Intake.Happened) }

// DefaultAsks is defaultAsks for a case's answers, for the Export tab's
// checks and the CLI.
func DefaultAsks(happened []string) []string {
	out := []string{AskDelete, AskExplain, AskApologise}
	if slices.Contains(happened, "money-lost") {
		out = append(out, AskCompensate)
	}
	return out
}

// ParseAsks reads the asks field: keys separated by commas. Unknown keys
// are an error, so a typo on the command line is not silently dropped.
func ParseAsks(s string) ([]string, bool) {
	out := []string{}
	for _, k := range strings.Split(s, ",") {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if !slices.Contains(AssociationAsks(), k) {
			return nil, false
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out, true
}

// nonEmpty drops empty items.
func nonEmpty(items ...string) []string {
	var out []string
	for _, s := range items {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// association is the 投诉及调解申请书 to a consumer association.
func (b *builder) association() {
	x := func(s string) string { return facts.Expand("zh", s) }
	resp := or(b.respondent(), blank)
	recipient := or(b.opts.Recipient, blank+facts.ZH("org.cca-local"))
	b.cover("投诉及调解申请书", "关于"+resp+"涉嫌泄露消费者个人信息的投诉及调解申请", "致："+recipient, KV{Key: "申 请 人", Value: or(b.c.Victim.Name, blank)})
	notConsumer := ""
	if k := b.c.SourceKind; k != "" && k != incident.SourceUnknown && !sourceTraits(k).ConsumerBusiness {
		// The association hears consumers' disputes with businesses; say
		// so when the source is not one that served the victim as such.
		notConsumer = x("{org.cca-local}处理的是消费者和经营者之间的争议；泄露者如果不是向你提供商品或者服务的经营者，{org.cca-local}可能不受理，这时请考虑向主管部门投诉。")
	}
	b.instructions("提交须知（本页不作为提交材料）", nonEmpty(
		x("请交给被投诉的商家所在地或者你所在地的{org.cca-local}：可以当面递交、邮寄，或者通过它公布的投诉渠道提交，并保留递交或寄送的凭证。"),
		notConsumer,
		x("{org.cca-local}受理消费者的投诉，并对投诉事项进行调查、调解（{crpl.art37}）；请求调解是解决消费争议的途径之一（{crpl.art39}）。"),
		x("法规只要求{org.cca-local}{period.cca-mediate}（{crpl-reg.art45}），所以本材料不写答复期限。需要有法定期限的程序，可以向{hotline.12315}投诉：{org.samr-dept}应当在{period.samr-accept}决定是否受理（{samr.art14}）；但同一纠纷已由{org.cca-local}受理或者处理过的，{org.samr-dept}不予受理（{samr.art15}），两者都要提的，请先向{hotline.12315}投诉。"),
		x("调解需要双方同意；达成的协议请书面保存。商家不同意调解或者调解不成的，还可以向有关部门投诉、举报，或者向{org.court}起诉。"),
		"提交前请取下本页。",
	)...)

	s := b.section("complainant", "申请人（投诉人）", false)
	s.kv(b.victimKV(false, "姓　　名：", "通讯地址：")...)
	b.agentKV(s, "申请人")

	s = b.section("respondent", "被投诉人", false)
	s.kv(KV{Key: "名　　称：", Value: resp}, KV{Key: "地　　址：", Value: or(b.respondentAddr(), blank)})

	s = b.section("requests", "请求事项", false)
	asks := b.opts.Asks
	if asks == nil {
		asks = b.defaultAsks()
	}
	items := []string{"请贵会受理本投诉，并就下列事项组织申请人与被投诉人进行调解。"}
	for _, k := range AssociationAsks() {
		if !slices.Contains(asks, k) {
			continue
		}
		switch k {
		case AskDelete:
			items = append(items, "被投诉人停止泄露、出售或者非法向他人提供申请人的个人信息，并删除其不应保存的申请人个人信息。")
		case AskExplain:
			items = append(items, "被投诉人查明申请人个人信息泄露的原因和范围，并书面告知申请人。")
		case AskApologise:
			items = append(items, "被投诉人向申请人赔礼道歉。")
		case AskCompensate:
			if b.happened("money-lost") && b.c.Intake.LossYuan > 0 {
				items = append(items, b.stateItem(s, "被投诉人赔偿申请人的经济损失人民币"+yuan(b.c.Intake.LossYuan)+"元。",
					answer("happened:money-lost"), answer("loss_yuan"), field(FieldAsks)))
			} else {
				items = append(items, "被投诉人赔偿申请人因此遭受的损失。")
			}
		}
	}
	s.list(items...)

	s = b.section("facts", "事实与理由", false)
	for _, p := range narrative(b.c.Narrative) {
		b.state(s, p, caseSrc("narrative"))
	}
	b.whatHappened(s, "申请人")
	b.suspicion(s, "申请人", "被投诉人")
	if len(b.cf.Communications) > 0 {
		s.sub("时间经过")
		b.timelineTable(s, true)
	}
	if len(b.cf.Leaked) > 0 {
		s.sub("被泄露的个人信息")
		b.leakedTable(s)
	}
	if acts := b.actionsTaken(s, "申请人", "consumer-association"); len(acts) > 0 {
		s.sub("已采取的措施")
		s.list(acts...)
	}
	s.sub("理由")
	s.para(x("{crpl.art14@formal}规定，消费者享有个人信息依法得到保护的权利；{crpl.art29@art}规定，经营者及其工作人员对收集的消费者个人信息必须严格保密，不得泄露、出售或者非法向他人提供；{crpl.art50@art}规定，经营者侵害消费者个人信息依法得到保护的权利的，应当停止侵害、恢复名誉、消除影响、赔礼道歉，并赔偿损失。"))
	s.para("如上述信息确系从被投诉人处泄露，被投诉人未尽到保密义务，侵害了申请人的合法权益。" +
		x("依照{crpl.art37+crpl.art39}，特向贵会投诉，请求贵会组织调解。"))
	s.para("本人保证以上所述属实，如有不实，愿意承担相应的法律责任。")
	s.Blocks = append(s.Blocks, b.signature("申请人", false, "此致", recipient))
	b.attachmentLine(s)

	b.evidenceSection("以下证据由申请人提供，原始电子数据由申请人保存，可以提供核对。")
	b.p.TOC = len(b.p.Exhibits) > 3
}
