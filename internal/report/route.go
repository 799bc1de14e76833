package report

import (
	"strings"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/source"
)

// A regulator complaint goes to the department of its route
// (source.RouteFor, from shared/legal/cn-routing.md) and says why that
// department hears it: the sector's own rules (source.Route.Basis), cited
// only when the register marks them VERIFIED. Each rule is worded here once,
// with the law's name written by the register.

// routeRule is the packet's wording of one sector rule. Duty rules say what
// the organisation must do and join the PIPL duties; the others say what the
// addressee must do and why it is competent. zh starts after the citation
// ("{id}规定，" is put in front of it).
type routeRule struct {
	duty bool
	zh   string
}

var routeRules = map[string]routeRule{
	"express.art34":    {duty: true, zh: "经营快递业务的企业及其从业人员不得出售、泄露或者非法提供快递服务过程中知悉的用户信息；发生或者可能发生用户信息泄露的，经营快递业务的企业应当立即采取补救措施，并向所在地{org.postal-dept}报告"},
	"express.art39":    {zh: "{org.postal-dept}应当公布举报方式，对举报依法处理，为举报人保密，并将处理结果告知实名举报人"},
	"express.art44":    {zh: "经营快递业务的企业出售、泄露或者非法提供用户信息，或者发生用户信息泄露未立即采取补救措施、未向{org.postal-dept}报告的，由{org.postal-dept}处以罚款；情节严重的，可以责令停业整顿直至吊销其快递业务经营许可证"},
	"crpl.art29":       {duty: true, zh: "经营者及其工作人员对收集的消费者个人信息必须严格保密，不得泄露、出售或者非法向他人提供；发生或者可能发生信息泄露、丢失的情况时，应当立即采取补救措施"},
	"crpl.art56":       {zh: "经营者侵害消费者个人信息依法得到保护的权利，法律、法规未作规定的，由有关行政部门责令改正，可以予以警告、没收违法所得、处以罚款；情节严重的，责令停业整顿、吊销营业执照"},
	"payment-reg.art4": {zh: "{org.pboc}依法对非银行支付机构实施监督管理"},
	"pipl.art60":       {zh: "国家{org.cac-dept}负责统筹协调个人信息保护工作和相关监督管理工作，国务院有关部门和县级以上地方人民政府有关部门在各自职责范围内负责个人信息保护和监督管理工作"},
}

// routeFallback is cited when a route has no VERIFIED sector rule of its
// own: every department hears PI complaints under PIPL Art. 60.
const routeFallback = "pipl.art60"

// routeRulesFor returns the VERIFIED rules of the route for k, duties
// first, in the route's order; the fallback rule when the route gives no
// competence rule that may be printed.
func routeRulesFor(k incident.SourceKind) (duties, competence []string) {
	r := source.RouteFor(k)
	if r.None {
		r = source.Fallback()
	}
	for _, id := range r.Basis {
		f, ok := facts.Get(id)
		if !ok || f.Status != facts.Verified {
			continue // SECONDARY sector rules stay in the plan's advice, not in a signed complaint
		}
		rule, worded := routeRules[id]
		if !worded {
			panic("report: route rule " + id + " has no wording") // the table test reaches every route
		}
		if rule.duty {
			duties = append(duties, id)
		} else {
			competence = append(competence, id)
		}
	}
	if len(competence) == 0 {
		competence = []string{routeFallback}
	}
	return duties, competence
}

// citeRules writes rules as one passage: the law's full name at its first
// mention, the article alone after it ("……；第四十四条规定，……").
func citeRules(ids []string, lastLaw string) (string, string) {
	var parts []string
	for _, id := range ids {
		f := facts.MustGet(id)
		cite := "{" + id + "}"
		switch {
		case f.Law == lastLaw:
			cite = "{" + id + "@" + facts.ArticleOnly + "}"
		case has(f.Law + "@formal"):
			cite = "{" + id + "@formal}"
		case has(f.Law + "@book"):
			cite = "{" + id + "@book}"
		}
		parts = append(parts, x(cite+"规定，"+routeRules[id].zh))
		lastLaw = f.Law
	}
	if len(parts) == 0 {
		return "", lastLaw
	}
	return strings.Join(parts, "；") + "。", lastLaw
}

func has(id string) bool {
	_, ok := facts.Get(id)
	return ok
}
