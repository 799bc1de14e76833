// Package source is the one list of the kinds of organisation a leak may
// come from, with the one label of each (Chinese and English) and what the
// documents need to know about it: whether it is a company (贵司), a network
// service provider (民法典第一千一百九十五条 notice-and-takedown), a business that
// served the victim as a consumer (消费者权益保护法, 12315), and which regulator
// hears a complaint about it (Route, from shared/legal/cn-routing.md).
//
// The intake question, the Details tab, the CLI and the packets all read
// this list; none keeps its own.
package source

// Kind is the stored key of a source kind (cases keep it in source_kind and
// intake.source_kind).
type Kind string

// The kinds, keys as stored.
const (
	Courier       Kind = "courier"
	Ecommerce     Kind = "ecommerce"
	Bank          Kind = "bank"    // bank or insurer (NFRA, 12378)
	Payment       Kind = "payment" // non-bank payment institution (PBoC)
	Telecom       Kind = "telecom"
	Hotel         Kind = "hotel"
	Hospital      Kind = "hospital"
	RealEstate    Kind = "realestate"
	Employer      Kind = "employer"
	Education     Kind = "education" // training provider: a business serving consumers
	School        Kind = "school"
	Platform      Kind = "platform"
	OtherBusiness Kind = "business"
	Government    Kind = "government"
	Unknown       Kind = "unknown"
)

// Info is one source kind with everything the app says or decides about it.
type Info struct {
	Kind           Kind
	ZH, EN         string // the label, everywhere
	HintZH, HintEN string // a line under the label in the intake
	// Company: a company, addressed as 贵司. Others are addressed as 贵单位.
	Company bool
	// NetworkProvider: a network service provider, to whom a take-down
	// notice under 民法典第一千一百九十五条 is addressed.
	NetworkProvider bool
	// Consumer: a business (经营者) that served the victim as a consumer,
	// so 消费者权益保护法 applies and 12315 takes the complaint.
	Consumer bool
	// ServiceProvider: a network service provider in the sense of
	// 法释〔2019〕15号 Art. 1 (network access, application services such as
	// e-commerce, payment, messaging and platforms), the only sources to
	// which 刑法第二百八十六条之一 (refusing a correction order) can apply. Kinds
	// that may or may not serve through the network (a bank, a hospital, a
	// school) are not marked: the app cannot tell, and never prints the
	// crime on a guess; they are PublicService.
	ServiceProvider bool
	// PublicService: an organisation that may provide a public service
	// (finance, medical, education, government) through information
	// networks, which 法释〔2019〕15号 Art. 1 item (3) also counts as a network
	// service provider. Whether it served the victim online is the
	// victim's answer (incident.CorrectionOrder.Online), never assumed.
	PublicService bool
}

// All returns every kind in display order; Unknown is last and is the
// not-sure answer of the intake.
func All() []Info {
	return []Info{
		{Kind: Courier, ZH: "快递公司", EN: "Courier company", HintZH: "快递单上有姓名、电话和地址", HintEN: "Waybills carry your name, phone and address", Company: true},
		{Kind: Ecommerce, ZH: "网店或购物平台", EN: "Online shop or shopping platform", HintZH: "对方知道你的订单", HintEN: "The caller knew your order", Company: true, Consumer: true, ServiceProvider: true},
		{Kind: Bank, ZH: "银行或保险公司", EN: "Bank or insurer", HintZH: "对方知道你的账户或保单", HintEN: "The caller knew your account or policy", Company: true, Consumer: true, PublicService: true},
		{Kind: Payment, ZH: "支付机构（如支付宝、微信支付）", EN: "Payment provider (such as Alipay or WeChat Pay)", HintZH: "对方知道你的支付账号或交易", HintEN: "The caller knew your payment account or payments", Company: true, Consumer: true, ServiceProvider: true},
		{Kind: Telecom, ZH: "电信运营商或营业厅", EN: "Phone company or phone shop", HintZH: "例如办卡、补卡时登记的信息", HintEN: "For example details taken when you got or replaced a SIM card", Company: true, Consumer: true, ServiceProvider: true},
		{Kind: Hotel, ZH: "酒店或民宿", EN: "Hotel or guesthouse", HintZH: "入住时登记的信息", HintEN: "Details taken at check-in", Company: true, Consumer: true},
		{Kind: Hospital, ZH: "医院或诊所", EN: "Hospital or clinic", HintZH: "就诊、体检时的信息", HintEN: "Details from a visit or check-up", PublicService: true},
		{Kind: RealEstate, ZH: "房产开发商或中介", EN: "Property developer or estate agent", HintZH: "买房、租房时留下的信息", HintEN: "Details left when buying or renting a home", Company: true, Consumer: true},
		{Kind: Employer, ZH: "工作单位", EN: "Employer", HintZH: "现在或以前的单位", HintEN: "A current or former employer"},
		{Kind: Education, ZH: "培训机构", EN: "Training provider", HintZH: "报名、缴费时的信息", HintEN: "Details from enrolment or payment", Company: true, Consumer: true},
		{Kind: School, ZH: "学校", EN: "School", HintZH: "入学、在校时登记的信息", HintEN: "Details registered at enrolment or while studying", PublicService: true},
		{Kind: Platform, ZH: "网站、App或社交平台", EN: "Website, app or social platform", HintZH: "注册账号时的信息", HintEN: "Details from signing up", Company: true, NetworkProvider: true, Consumer: true, ServiceProvider: true},
		{Kind: OtherBusiness, ZH: "其他商家", EN: "Another business", HintZH: "买东西或接受服务时留下的信息", HintEN: "Details you left when buying something or being served", Company: true, Consumer: true},
		{Kind: Government, ZH: "政府部门或公共服务机构", EN: "Government office or public service", HintZH: "办事时提交的信息", HintEN: "Details you submitted to get something done", PublicService: true},
		{Kind: Unknown, ZH: "不知道", EN: "I don't know", HintZH: "没关系，很多人都不知道", HintEN: "That is fine; many people cannot tell"},
	}
}

// Kinds returns the keys of All, in display order.
func Kinds() []Kind {
	all := All()
	out := make([]Kind, len(all))
	for i, in := range all {
		out[i] = in.Kind
	}
	return out
}

// legacy maps keys that older versions stored to today's kinds. Every key
// ever stored is still a kind, so the map holds only the empty key of cases
// created before a kind was chosen; it is where a renamed key goes.
var legacy = map[string]Kind{
	"": Unknown,
}

// Normalize returns the kind for a stored key, mapping legacy keys; ok is
// false for a key that was never a kind.
func Normalize(key string) (Kind, bool) {
	if k, ok := legacy[key]; ok {
		return k, true
	}
	for _, in := range All() {
		if string(in.Kind) == key {
			return in.Kind, true
		}
	}
	return "", false
}

// Lookup returns the Info of k (after Normalize); an unknown key gets the
// Info of Unknown and ok false.
func Lookup(k Kind) (Info, bool) {
	if n, ok := Normalize(string(k)); ok {
		for _, in := range All() {
			if in.Kind == n {
				return in, true
			}
		}
	}
	all := All()
	return all[len(all)-1], false
}

// Label is the label of k in lang ("en" or Chinese).
func Label(k Kind, lang string) string {
	in, _ := Lookup(k)
	if lang == "en" {
		return in.EN
	}
	return in.ZH
}
