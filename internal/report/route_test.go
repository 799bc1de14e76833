package report_test

import (
	"strings"
	"testing"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/source"
	"leakdesk/internal/report"
	"leakdesk/internal/report/reporttest"
)

// Issue 9 §3: the regulator complaint goes to the department of the source's
// route and cites that sector's own rules, only those the register marks
// VERIFIED; a route without one cites PIPL Art. 60, under which every
// department hears PI complaints.
func TestRegulatorCitesTheRoutesRules(t *testing.T) {
	for _, c := range []struct {
		kind incident.SourceKind
		// cite are the citations the body must print, as printed;
		// never are citations it must not print.
		cite, never []string
	}{
		{source.Courier, []string{"《快递暂行条例》第三十四条规定", "第三十九条规定", "第四十四条规定"}, []string{"第六十条规定"}},
		{source.Ecommerce, []string{"《中华人民共和国消费者权益保护法》第二十九条规定", "第五十六条规定"}, []string{"第六十条规定"}},
		{source.Hotel, []string{"第二十九条规定", "第五十六条规定"}, nil},
		{source.RealEstate, []string{"第二十九条规定", "第五十六条规定"}, nil},
		{source.Education, []string{"第二十九条规定", "第五十六条规定"}, nil},
		{source.OtherBusiness, []string{"第二十九条规定", "第五十六条规定"}, nil},
		{source.Bank, []string{"《中华人民共和国个人信息保护法》第六十条规定"}, []string{"快递暂行条例", "消费者权益保护法"}},
		{source.Payment, []string{"《非银行支付机构监督管理条例》第四条规定"}, []string{"第六十条规定"}},
		// 电信用户申诉处理办法 is SECONDARY: the plan may advise with it, a
		// signed complaint does not cite it.
		{source.Telecom, []string{"《中华人民共和国个人信息保护法》第六十条规定"}, []string{"电信用户申诉处理办法"}},
		{source.Platform, []string{"《中华人民共和国个人信息保护法》第六十条规定"}, nil},
		{source.Hospital, []string{"《中华人民共和国个人信息保护法》第六十条规定"}, []string{"12315", "12377", "12378", "12300", "12305", "12321"}},
		{source.School, []string{"《中华人民共和国个人信息保护法》第六十条规定"}, nil},
		{source.Employer, []string{"《中华人民共和国个人信息保护法》第六十条规定"}, nil},
		{source.Government, []string{"《中华人民共和国个人信息保护法》第六十条规定"}, nil},
		{source.Unknown, []string{"《中华人民共和国个人信息保护法》第六十条规定"}, nil},
	} {
		t.Run(string(c.kind), func(t *testing.T) {
			cf, _ := reporttest.Case()
			cf.Case.SourceKind = c.kind
			p, err := report.Build(cf, report.KindRegulator, report.Options{}, reporttest.Now)
			if err != nil {
				t.Fatal(err)
			}
			if want := source.Addressee(c.kind); p.Cover.Recipient != "致："+want {
				t.Errorf("addressed to %q, want %q", p.Cover.Recipient, want)
			}
			body := sectionText(p, "facts")
			for _, s := range c.cite {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q:\n%s", s, body)
				}
			}
			for _, s := range c.never {
				if strings.Contains(body, s) {
					t.Errorf("body prints %q:\n%s", s, body)
				}
			}
			// Every sector rule of the route that is VERIFIED is cited,
			// and none that is not.
			for _, id := range source.RouteFor(c.kind).Basis {
				f := facts.MustGet(id)
				printed := strings.Contains(body, f.ArtZH+"规定")
				if f.Status == facts.Verified && !printed {
					t.Errorf("verified rule %s not cited", id)
				}
				if f.Status != facts.Verified && strings.Contains(body, facts.ZH(f.Law)) {
					t.Errorf("%s rule %s cited", f.Status, id)
				}
			}
			// The rules rest on the source kind the user chose.
			found := false
			for _, st := range p.Statements {
				if strings.Contains(st.Text, "规定，") && hasSource(st.Basis, report.SrcCase, "source_kind") {
					found = true
				}
			}
			if known := c.kind != source.Unknown; found != known {
				t.Errorf("a statement resting on the source kind: %v, want %v", found, known)
			}
		})
	}
}

func sectionText(p report.Packet, id string) string {
	var b strings.Builder
	for _, s := range p.Sections {
		if s.ID != id {
			continue
		}
		for _, bl := range s.Blocks {
			b.WriteString(bl.Text)
			b.WriteString("\n")
		}
	}
	return b.String()
}

func hasSource(basis []report.Source, kind, key string) bool {
	for _, s := range basis {
		if s.Kind == kind && s.Key == key {
			return true
		}
	}
	return false
}
