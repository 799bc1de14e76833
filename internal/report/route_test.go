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

// Issue 9 §1 "which information was used for what": a use is stated only
// for the item it was ticked for, in the victim's role, resting on that
// answer; an item without an answer gets no sentence.
func TestUsedForStatements(t *testing.T) {
	cf, _ := reporttest.Case()
	cf.Case.Intake.Leaked = []string{"phone", "id-number", "address"}
	cf.Case.Intake.UsedFor = map[string][]string{"phone": {"harassment", "scam"}, "id-number": {"loan"}, "address": {"posted"}}
	p, err := report.Build(cf, report.KindPolice, report.Options{PoliceForm: report.FormReport}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"据报案人所知，报案人的手机号码被他人用于对报案人实施诈骗、对报案人进行骚扰或者威胁。":      {"used_for:phone:scam", "used_for:phone:harassment"},
		"据报案人所知，报案人的身份证号码或身份证照片被他人用于冒用报案人的名义申请贷款或者办理信用卡。": {"used_for:id-number:loan"},
		"据报案人所知，报案人的住址或收货地址被他人发布到网上。":                     {"used_for:address:posted"},
	}
	got := map[string][]string{}
	for _, st := range p.Statements {
		if strings.Contains(st.Text, "被他人") && strings.HasPrefix(st.Text, "据报案人所知") {
			for _, s := range st.Basis {
				got[st.Text] = append(got[st.Text], s.Key)
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("used-for statements:\n%v\nwant\n%v", got, want)
	}
	for text, keys := range want {
		if strings.Join(got[text], ",") != strings.Join(keys, ",") {
			t.Errorf("%q rests on %v, want %v", text, got[text], keys)
		}
	}
	// Not answered: nothing said.
	cf.Case.Intake.UsedFor = nil
	p, _ = report.Build(cf, report.KindPolice, report.Options{}, reporttest.Now)
	for _, st := range p.Statements {
		if strings.Contains(st.Text, "被他人用于") || strings.Contains(st.Text, "被他人发布") {
			t.Errorf("unanswered use stated: %s", st.Text)
		}
	}
}
