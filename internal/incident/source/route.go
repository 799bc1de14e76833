package source

import "leakdesk/internal/facts"

// Route is where a complaint about unlawful processing (个人信息保护法第六十五条)
// goes for one kind of source, from shared/legal/cn-routing.md: the sector
// regulator first, the local 网信办 as the fallback (个人信息保护法第六十条).
type Route struct {
	// Key names the route for tests and the UI: "postal", "market", "nfra",
	// "pboc", "telecom", "cac", "health", "education", "superior", "none".
	Key string
	// None: no regulator complaint yet (the source is unknown); police and
	// 12321/12377 only.
	None bool
	// FirstToOrg: complain to the organisation itself first (banks,
	// insurers, payment institutions, telecom operators).
	FirstToOrg bool
	// OfficeZH is the addressee line of the regulator packet, with a blank
	// for the place ("________邮政管理局"); OfficeEN names it in the UI.
	OfficeZH, OfficeEN string
	// DepartmentZH/EN name the kind of department in running text.
	DepartmentZH, DepartmentEN string
	// Hotline is the fact ID of the sector's complaint line, "" when there is
	// none to print (UNVERIFIED routes print no number).
	Hotline string
	// Basis lists fact IDs of the sector rules that make this department
	// competent, besides 个人信息保护法第六十条、第六十五条.
	Basis []string
	// Verified is false where cn-routing marks the route UNVERIFIED: the
	// documents then name only the kind of department, with the 网信办 as
	// the alternative, and print no number.
	Verified bool
}

// Blank is the space left for the user to write a place or name in.
const Blank = "________________"

// RouteFor returns the regulator route for k.
func RouteFor(k Kind) Route {
	n, _ := Normalize(string(k))
	cac := facts.ZH("org.cac-local")
	switch n {
	case Courier:
		return Route{Key: "postal", Verified: true,
			OfficeZH: Blank + facts.ZH("org.postal"), OfficeEN: "the provincial or local " + facts.EN("org.postal"),
			DepartmentZH: facts.ZH("org.postal-dept"), DepartmentEN: "the " + facts.EN("org.postal-dept"),
			Hotline: "hotline.12305", Basis: []string{"express.art34", "express.art39", "express.art44"}}
	case Ecommerce, Hotel, RealEstate, Education, OtherBusiness:
		return Route{Key: "market", Verified: true,
			OfficeZH: Blank + facts.ZH("org.samr-local"), OfficeEN: "the local " + facts.EN("org.samr-local"),
			DepartmentZH: facts.ZH("org.samr-dept"), DepartmentEN: "the " + facts.EN("org.samr-dept"),
			Hotline: "hotline.12315", Basis: []string{"crpl.art29", "crpl.art56"}}
	case Bank:
		return Route{Key: "nfra", Verified: true, FirstToOrg: true,
			OfficeZH: facts.ZH("org.nfra") + Blank + "监管局", OfficeEN: "the local office of the " + facts.EN("org.nfra"),
			DepartmentZH: facts.ZH("org.nfra") + "的派出机构", DepartmentEN: "the local office of the " + facts.EN("org.nfra"),
			Hotline: "hotline.12378"}
	case Payment:
		return Route{Key: "pboc", Verified: true, FirstToOrg: true,
			OfficeZH: facts.ZH("org.pboc") + Blank + "分支机构", OfficeEN: "the local branch of the " + facts.EN("org.pboc"),
			DepartmentZH: "当地" + facts.ZH("org.pboc") + "分支机构", DepartmentEN: "the local branch of the " + facts.EN("org.pboc"),
			Basis: []string{"payment-reg.art4"}}
	case Telecom:
		return Route{Key: "telecom", Verified: true, FirstToOrg: true,
			OfficeZH: Blank + facts.ZH("org.miit-province"), OfficeEN: "the provincial " + facts.EN("org.miit-province"),
			DepartmentZH: facts.ZH("org.telecom-dept"), DepartmentEN: "the " + facts.EN("org.telecom-dept"),
			Hotline: "hotline.12300", Basis: []string{"telecom.art10"}}
	case Platform:
		return Route{Key: "cac", Verified: true,
			OfficeZH: Blank + cac, OfficeEN: "the local " + facts.EN("org.cac-local"),
			DepartmentZH: facts.ZH("org.cac-dept"), DepartmentEN: "the " + facts.EN("org.cac-dept"),
			Hotline: "hotline.12377", Basis: []string{"pipl.art60"}}
	case Hospital:
		return Route{Key: "health",
			OfficeZH: Blank + facts.ZH("org.health") + "或" + Blank + cac, OfficeEN: "the local " + facts.EN("org.health") + " or the local " + facts.EN("org.cac-local"),
			DepartmentZH: "当地" + facts.ZH("org.health") + "或" + facts.ZH("org.cac-dept"), DepartmentEN: "the local " + facts.EN("org.health") + " or " + facts.EN("org.cac-dept"),
			Basis: []string{"pipl.art60"}}
	case School:
		return Route{Key: "education",
			OfficeZH: Blank + facts.ZH("org.education") + "或" + Blank + cac, OfficeEN: "the local " + facts.EN("org.education") + " or the local " + facts.EN("org.cac-local"),
			DepartmentZH: "当地" + facts.ZH("org.education") + "或" + facts.ZH("org.cac-dept"), DepartmentEN: "the local " + facts.EN("org.education") + " or " + facts.EN("org.cac-dept"),
			Basis: []string{"pipl.art60"}}
	case Employer:
		return Route{Key: "cac", Verified: true,
			OfficeZH: Blank + cac, OfficeEN: "the local " + facts.EN("org.cac-local"),
			DepartmentZH: facts.ZH("org.cac-dept"), DepartmentEN: "the " + facts.EN("org.cac-dept"),
			Basis: []string{"pipl.art60"}}
	case Government:
		return Route{Key: "superior", Verified: true,
			OfficeZH: Blank + cac, OfficeEN: "its superior authority, or the local " + facts.EN("org.cac-local"),
			DepartmentZH: "其上级机关或" + facts.ZH("org.cac-dept"), DepartmentEN: "its superior authority or the " + facts.EN("org.cac-dept"),
			Basis: []string{"pipl.art60"}}
	}
	return Route{Key: "none", None: true}
}

// Fallback is the route when no sector regulator fits: the local 网信办
// (个人信息保护法第六十条). It is the addressee of a regulator complaint about
// an organisation of unknown kind.
func Fallback() Route { return RouteFor(Employer) }

// Addressee is the addressee line of the regulator complaint about a source
// of kind k: its route's office, or the fallback's when k has no route.
// The packet and the export form's prefilled recipient both use it.
func Addressee(k Kind) string {
	if r := RouteFor(k); !r.None {
		return r.OfficeZH
	}
	return Fallback().OfficeZH
}
