package source

import (
	"slices"
	"strings"
	"testing"

	"leakdesk/internal/facts"
)

// The routing of shared/legal/cn-routing.md, one row per source kind.
func TestRouteFor(t *testing.T) {
	for _, c := range []struct {
		k          Kind
		key        string
		office     string // must appear in the addressee
		hotline    string
		basis      []string
		firstToOrg bool
		verified   bool
	}{
		{Courier, "postal", "邮政管理局", "hotline.12305", []string{"express.art34", "express.art39", "express.art44"}, false, true},
		{Ecommerce, "market", "市场监督管理局", "hotline.12315", nil, false, true},
		{Hotel, "market", "市场监督管理局", "hotline.12315", nil, false, true},
		{RealEstate, "market", "市场监督管理局", "hotline.12315", nil, false, true},
		{Education, "market", "市场监督管理局", "hotline.12315", nil, false, true},
		{OtherBusiness, "market", "市场监督管理局", "hotline.12315", nil, false, true},
		{Bank, "nfra", "国家金融监督管理总局", "hotline.12378", nil, true, true},
		{Payment, "pboc", "中国人民银行", "", []string{"payment-reg.art4"}, true, true},
		{Telecom, "telecom", "通信管理局", "hotline.12300", nil, true, true},
		{Platform, "cac", "网信办", "hotline.12377", nil, false, true},
		{Hospital, "health", "卫健委", "", nil, false, false},
		{School, "education", "教育行政部门", "", nil, false, false},
		{Employer, "cac", "网信办", "", nil, false, true},
		{Government, "superior", "网信办", "", nil, false, true},
	} {
		r := RouteFor(c.k)
		if r.Key != c.key || r.None || r.Hotline != c.hotline || r.FirstToOrg != c.firstToOrg || r.Verified != c.verified {
			t.Errorf("%s: got %+v", c.k, r)
		}
		if !strings.Contains(r.OfficeZH, c.office) || !strings.Contains(r.OfficeZH, Blank) {
			t.Errorf("%s: addressee %q, want %q and a blank for the place", c.k, r.OfficeZH, c.office)
		}
		for _, b := range c.basis {
			if !slices.Contains(r.Basis, b) {
				t.Errorf("%s: basis %v lacks %s", c.k, r.Basis, b)
			}
		}
		// An UNVERIFIED route names only the kind of department, with the
		// 网信办 beside it, and no number.
		if !c.verified && (r.Hotline != "" || !strings.Contains(r.OfficeZH, "网信办")) {
			t.Errorf("%s: unverified route %+v prints a number or lacks the 网信办", c.k, r)
		}
		for _, s := range []string{r.OfficeZH, r.OfficeEN, r.DepartmentZH, r.DepartmentEN} {
			if s == "" {
				t.Errorf("%s: empty name in %+v", c.k, r)
			}
			if p := facts.Check(s); len(p) > 0 {
				t.Errorf("%s: %q: %v", c.k, s, p)
			}
		}
		for _, id := range append(r.Basis, r.Hotline) {
			if id != "" {
				facts.MustGet(id)
			}
		}
	}
	// Unknown source: no regulator complaint. Payment: never 12363.
	if r := RouteFor(Unknown); !r.None || r.OfficeZH != "" {
		t.Errorf("unknown: %+v, want no route", r)
	}
	if r := RouteFor("no-such-kind"); !r.None {
		t.Errorf("unknown key: %+v, want no route", r)
	}
	for _, k := range Kinds() {
		if r := RouteFor(k); strings.Contains(r.OfficeZH+r.Hotline, "12363") || r.Hotline == "hotline.12345" {
			t.Errorf("%s: prints an UNVERIFIED line: %+v", k, r)
		}
	}
}
