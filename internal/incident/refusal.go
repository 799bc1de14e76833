package incident

import (
	"context"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident/severity"
)

// 刑法第二百八十六条之一 (拒不履行信息网络安全管理义务罪) punishes a network
// service provider that, ordered in writing by the cyberspace, telecom or
// public security authority to correct, refuses, so that user information
// leaks with serious consequences (shared/legal/cn-facts.md §1.2, §2.3). A
// leak alone is never enough: the order and the refusal are the facts that
// make it, and the victim records them here. This file is the one owner of
// which elements a case records; the police packet, the Details tab and
// the CLI all read Refusal.

// SetCorrectionOrder records the regulator's correction order to the case's
// source and, when IgnoredSince is set, that the source did not correct; nil
// removes it. The case's source must be a network service provider
// (source.Info.ServiceProvider) or an organisation that may serve the
// public online (source.Info.PublicService: the order is recorded and
// Online says whether it served the victim through the network), the
// order's date cannot lie in the future, and the refusal cannot start
// before the order.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SetCorrectionOrder(ctx context.Context, caseID int64, o *CorrectionOrder) error {
	if o != nil {
		c := *o
		c.Authority, c.Reference, c.Continued = strings.TrimSpace(c.Authority), strings.TrimSpace(c.Reference), strings.TrimSpace(c.Continued)
		if err := c.validate(s.Today()); err != nil {
			return err
		}
		o = &c
	}
	return s.update(ctx, func(t *txn) error {
		cs, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		if o != nil {
			if !OrderPossible(cs.SourceKind) {
				return errOrderKind()
			}
			if o.ExhibitID != 0 {
				e, err := t.GetExhibit(o.ExhibitID)
				if err != nil || e.CaseID != caseID {
					return orderInvalid("所选的证据不属于这个案件。", "The chosen exhibit is not part of this case.")
				}
			}
		}
		old := cs.CorrectionOrder
		fields := changed(
			[3]string{"authority", orderText(old, func(o *CorrectionOrder) string { return o.Authority }), orderText(o, func(o *CorrectionOrder) string { return o.Authority })},
			[3]string{"reference", orderText(old, func(o *CorrectionOrder) string { return o.Reference }), orderText(o, func(o *CorrectionOrder) string { return o.Reference })},
			[3]string{"issued_on", orderText(old, func(o *CorrectionOrder) string { return dateString(o.IssuedOn) }), orderText(o, func(o *CorrectionOrder) string { return dateString(o.IssuedOn) })},
			[3]string{"ignored_since", orderText(old, func(o *CorrectionOrder) string { return dateString(o.IgnoredSince) }), orderText(o, func(o *CorrectionOrder) string { return dateString(o.IgnoredSince) })},
			[3]string{"continued", orderText(old, func(o *CorrectionOrder) string { return o.Continued }), orderText(o, func(o *CorrectionOrder) string { return o.Continued })},
			[3]string{"exhibit", orderText(old, func(o *CorrectionOrder) string { return idText(o.ExhibitID) }), orderText(o, func(o *CorrectionOrder) string { return idText(o.ExhibitID) })},
			[3]string{"online", orderText(old, func(o *CorrectionOrder) string { return boolText(o.Online) }), orderText(o, func(o *CorrectionOrder) string { return boolText(o.Online) })},
		)
		if fields == "" && (old == nil) == (o == nil) {
			return nil
		}
		cs.CorrectionOrder = o
		cs.UpdatedAt = t.now
		if err := t.UpdateCase(cs); err != nil {
			return err
		}
		// Only field names and the two dates go into the history: the
		// authority and what continued are the victim's own words.
		data := map[string]string{"fields": fields, "refused": boolText(o.Refused())}
		if o == nil {
			data = map[string]string{"removed": "true"}
		} else {
			data["issued_on"] = dateString(o.IssuedOn)
			if o.Refused() {
				data["ignored_since"] = dateString(o.IgnoredSince)
			}
		}
		return t.record(caseID, EventCorrectionOrder, subject("case", caseID), data)
	})
}

// OrderPossible reports whether a correction order can be recorded for a
// source of kind k: a network service provider, or an organisation that
// may provide a public service online (法释〔2019〕15号 Art. 1 item (3)).
func OrderPossible(k SourceKind) bool {
	in := SourceKindInfo(k)
	return in.ServiceProvider || in.PublicService
}

func errOrderKind() error {
	return orderInvalid("只有可能的泄露者是网络服务提供者（例如网站、App、网店、支付机构、电信运营商），或者是可能通过网络提供公共服务的银行、医院、学校、政府部门时，才能记录责令改正通知。请先在“详情”里选择泄露者的类型。",
		"A correction order can be recorded only when the suspected source is a network service provider (a website, app, online shop, payment provider or phone company) or a bank, hospital, school or government office that may serve the public online. Choose the kind of source in Details first.")
}

// orderInvalid is a bad-input error without a field prefix: each message
// names what it is about, and the form has no field key to show.
func orderInvalid(zh, en string) error { return Errorf(CodeInvalid, zh, en, nil) }

func orderText(o *CorrectionOrder, f func(*CorrectionOrder) string) string {
	if o == nil {
		return ""
	}
	return f(o)
}

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// validate checks an order before it is stored; today is the service's
// civil date.
func (o CorrectionOrder) validate(today time.Time) error {
	if o.Authority == "" {
		return orderInvalid("请填写发出责令改正通知的机关，例如“某市公安局网络安全保卫支队”。",
			"Fill in the authority that issued the order, for example the city public security bureau's cyber-security unit.")
	}
	for _, f := range []struct {
		name, v string
		limit   int
	}{{"authority", o.Authority, maxShort}, {"reference", o.Reference, maxShort}, {"continued", o.Continued, maxShort * 10}} {
		if err := checkText(f.name, f.v, f.limit); err != nil {
			return err
		}
	}
	if o.IssuedOn.IsZero() {
		return orderInvalid("请填写责令改正通知的日期。", "Fill in the date of the order.")
	}
	if o.IssuedOn.After(today) {
		return orderInvalid("责令改正通知的日期不能晚于今天。", "The order's date cannot be after today.")
	}
	if !o.IgnoredSince.IsZero() {
		if o.IgnoredSince.Before(o.IssuedOn) {
			return orderInvalid("拒不改正的起始日期不能早于责令改正通知的日期。", "The provider cannot have ignored the order before it was issued.")
		}
		if o.IgnoredSince.After(today) {
			return orderInvalid("拒不改正的起始日期不能晚于今天。", "The date since which the order was ignored cannot be after today.")
		}
	}
	return nil
}

// Interp2019Factor: the counts of 法释〔2019〕15号 Art. 4 items (1)–(3) are ten
// times the 2017 interpretation's Art. 5 standards for the same categories
// (500 / 5,000 / 50,000 items; cn-facts.md §2.3), and item (4) adds the
// categories proportionally, as severity does for 2017.
const Interp2019Factor = 10

// Refusal is what a case records of the elements of 刑法第二百八十六条之一.
type Refusal struct {
	// ServiceProvider: the source is a network service provider
	// (法释〔2019〕15号 Art. 1): by its kind, or (PublicOnline) because it
	// provides a public service and the victim recorded that it served
	// them online (Art. 1 item (3)).
	ServiceProvider bool
	// PublicService: the kind may provide a public service online, so
	// whether it did is asked; PublicOnline: the victim answered yes.
	PublicService, PublicOnline bool
	// Named: the source is named (a document accuses someone).
	Named bool
	// Order is the recorded order; nil when none.
	Order *CorrectionOrder
	// Refused: the victim recorded since when the order has been ignored.
	Refused bool
	// Counts are the known leaked counts by category; Share is their sum
	// relative to the Art. 4 standards (≥ 1 reaches them).
	Counts map[string]int64
	Share  float64
	// Severe and MajorLoss are the victim's severity answers: death,
	// serious injury, mental disorder or kidnapping (Art. 4 item (5)); a
	// major economic loss or a vile social impact (of which Art. 4 item (6)
	// counts the loss).
	Severe, MajorLoss bool
}

// RefusalOf reads the elements from a case.
func RefusalOf(cf *CaseFile) Refusal {
	c := cf.Case
	in := SourceKindInfo(c.SourceKind)
	public := in.PublicService && !in.ServiceProvider
	online := public && c.CorrectionOrder != nil && c.CorrectionOrder.Online
	r := Refusal{
		ServiceProvider: in.ServiceProvider || online,
		PublicService:   public,
		PublicOnline:    online,
		Named:           strings.TrimSpace(c.SourceOrg) != "",
		Order:           c.CorrectionOrder,
		Refused:         c.CorrectionOrder.Refused(),
		Counts:          map[string]int64{},
		Severe:          c.Intake.SevereConsequence,
		MajorLoss:       c.Intake.MajorLoss,
	}
	std := map[string]int64{}
	for _, cat := range severity.Categories() {
		std[cat.Key] = cat.Standard * Interp2019Factor
	}
	for _, l := range cf.Leaked {
		if l.Count > 0 && std[l.Category] > 0 {
			r.Counts[l.Category] += l.Count
		}
	}
	for k, n := range r.Counts {
		r.Share += float64(n) / float64(std[k])
	}
	return r
}

// Printable reports whether a document may cite 刑法第二百八十六条之一: the
// source is a named network service provider, a written order is recorded
// (authority and date) and so is the refusal. The consequences are stated
// as far as they are known; whether they are serious is the police's
// finding, as with every severity reading.
func (r Refusal) Printable() bool {
	return r.ServiceProvider && r.Named && r.Order != nil && r.Order.Authority != "" && !r.Order.IssuedOn.IsZero() && r.Refused
}

// CountsReached reports whether the known counts reach Art. 4's standards.
func (r Refusal) CountsReached() bool { return r.Share >= 1 }

// RefusalElement is one element with whether the case records it.
type RefusalElement struct {
	Key    string
	Have   bool
	ZH, EN string // the element in plain words
	// MissingZH/EN say what to do when it is not recorded.
	MissingZH, MissingEN string
}

// Elements lists the elements in plain words for the Details tab and the
// CLI, each with whether it is recorded and what to do if not.
func (r Refusal) Elements() []RefusalElement {
	x := func(lang, s string) string { return facts.Expand(lang, s) }
	order := r.Order != nil
	provider := RefusalElement{Key: "provider", Have: r.ServiceProvider,
		ZH:        x("zh", "泄露者是网络服务提供者：提供上网、存储、传输服务，或者网购、支付、通讯、社交等网络应用服务的单位（{interp2019.art1}）。"),
		EN:        x("en", "The source is a network service provider: it provides internet access, storage or transmission, or an online service such as shopping, payment, messaging or a social platform ({interp2019.art1})."),
		MissingZH: "在“详情”里把泄露者的类型选为网站或App、网店、支付机构或电信运营商；如果是银行、医院、学校或政府部门，它通过网络向你提供服务时也适用。其他单位不适用这一罪名。",
		MissingEN: "In Details, set the kind of source to a website or app, online shop, payment provider or phone company; a bank, hospital, school or government office is covered when it served you online. Other organisations are not covered."}
	if r.PublicService {
		// Art. 1 item (3): the same organisation is a provider only for
		// what it provides through the network, so the question is asked.
		provider.ZH = x("zh", "泄露者通过网络提供金融、医疗、教育、政务等公共服务，例如网上银行、App、网上挂号、网上办事；这样的单位也是网络服务提供者（{interp2019.art1.3}）。")
		provider.EN = x("en", "The source provides a public service such as banking, medical care, education or government services through the network, for example online banking, an app, online registration or online government services; such an organisation is also a network service provider ({interp2019.art1.3}).")
		provider.MissingZH = "如果它是通过网络向你提供这项服务的，在下面勾选“它通过网络向我提供服务”并保存；只在柜台、窗口办理的，不适用这一罪名。"
		provider.MissingEN = "If it served you through the network, tick \"It served me online\" below and save; if you dealt with it only in person, this crime does not apply."
	}
	return []RefusalElement{
		provider,
		{Key: "named", Have: r.Named,
			ZH:        "写明是哪一家单位。",
			EN:        "The organisation is named.",
			MissingZH: "在“详情”里填写可能的泄露者的名称。",
			MissingEN: "Fill in the suspected source's name in Details."},
		{Key: "order", Have: order,
			ZH:        x("zh", "{org.286-authorities}曾书面责令它采取改正措施，例如责令整改通知书（{interp2019.art2}）。"),
			EN:        x("en", "The {org.286-authorities} ordered it in writing to take corrective measures, for example with a rectification notice ({interp2019.art2})."),
			MissingZH: "如果有这样的通知，在下面记录发出机关、文号和日期，并把通知本身放进证据；没有的话，这一罪名不适用，可以先向主管部门投诉。",
			MissingEN: "If there is such an order, record the authority, number and date below and put the order itself into the evidence; without one this crime does not apply, and a complaint to the regulator comes first."},
		{Key: "refused", Have: r.Refused,
			ZH:        "它收到通知后拒不改正。",
			EN:        "It did not correct after the order.",
			MissingZH: "记录从哪天起它仍未改正，以及之后还发生了什么。",
			MissingEN: "Record since when it has not corrected, and what went on afterwards."},
		{Key: "consequences", Have: r.CountsReached() || r.Severe || r.MajorLoss,
			ZH:        x("zh", "用户信息因此泄露，造成严重后果，例如泄露的条数达到标准，或者造成重大经济损失（{interp2019.art4}）。是否严重由办案机关认定。"),
			EN:        x("en", "User information leaked as a result, with serious consequences, such as enough records or a major economic loss ({interp2019.art4}). The police decide whether they are serious."),
			MissingZH: "在“详情”里登记泄露的信息类别和条数，以及情节因素；不知道的可以不填，由办案机关查明。",
			MissingEN: "Record the leaked categories and counts and the severity factors in Details; leave out what you do not know, the police will establish it."},
	}
}
