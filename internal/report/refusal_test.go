package report_test

import (
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
	"leakdesk/internal/report/reporttest"
)

// refusalCase is the demo case with a platform as the source, a recorded
// correction order (with its document in the evidence) and the platform's
// refusal, plus counts that reach 法释〔2019〕15号 Art. 4.
func refusalCase() (*incident.CaseFile, reporttest.Source) {
	cf, src := reporttest.Case()
	c := &cf.Case
	c.SourceKind = incident.SourcePlatform
	c.SourceOrg = "某某购物App（示例）运营公司"
	c.CorrectionOrder = &incident.CorrectionOrder{
		Authority: "杭州市公安局网络安全保卫支队", Reference: "杭公网安责字2025-12号",
		IssuedOn:     time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC),
		IgnoredSince: time.Date(2025, 9, 16, 0, 0, 0, 0, time.UTC),
		Continued:    "该平台仍未修复接口漏洞，用户的姓名、电话和收货地址仍可被他人批量查询",
		ExhibitID:    cf.Exhibits[len(cf.Exhibits)-1].ID,
	}
	cf.Leaked = append(cf.Leaked, incident.LeakedData{ID: 99, CaseID: c.ID, Category: "transaction", Description: "订单记录（含收货地址）", Count: 5999})
	c.Intake.MajorLoss = true
	c.Intake.Happened = append(c.Intake.Happened, "money-lost")
	c.Intake.LossYuan = 200000
	return cf, src
}

// Issue 18 §3: 刑法第二百八十六条之一 never appears without a recorded order
// and refusal, on a named network service provider, and only in the
// police packet; with them it does, with the order, the refusal and the
// consequences, each resting on what the user recorded.
func TestRefusal286OnlyWithOrderAndRefusal(t *testing.T) {
	day := func(m, d int) time.Time { return time.Date(2025, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	orders := map[string]*incident.CorrectionOrder{
		"none":             nil,
		"order only":       {Authority: "某市通信管理局", IssuedOn: day(9, 1)},
		"order, refusal":   {Authority: "某市通信管理局", IssuedOn: day(9, 1), IgnoredSince: day(9, 10)},
		"refusal, no date": {Authority: "某市通信管理局", IgnoredSince: day(9, 10)},
		// 法释〔2019〕15号 Art. 1 item (3): a public service counts when the
		// victim recorded that it served them online, and only then.
		"order, refusal, online":   {Authority: "某市公安局", IssuedOn: day(9, 1), IgnoredSince: day(9, 10), Online: true},
		"order only, online":       {Authority: "某市公安局", IssuedOn: day(9, 1), Online: true},
		"refusal, no date, online": {Authority: "某市公安局", IgnoredSince: day(9, 10), Online: true},
	}
	// One demo case (it draws its screenshot exhibit), copied per
	// combination: Build does not change the case it is given.
	base, _ := reporttest.Case()
	for _, k := range incident.SourceKinds() {
		for oname, o := range orders {
			for _, named := range []bool{true, false} {
				c := *base
				cf := &c
				cf.Case.SourceKind = k
				cf.Case.CorrectionOrder = o
				if !named {
					cf.Case.SourceOrg = ""
				}
				in := incident.SourceKindInfo(k)
				provider := in.ServiceProvider || (in.PublicService && o != nil && o.Online)
				want := provider && named && strings.HasPrefix(oname, "order, refusal")
				if got := incident.RefusalOf(cf).Printable(); got != want {
					t.Errorf("%s, %s, named %v: Printable %v, want %v", k, oname, named, got, want)
				}
				for _, kind := range report.Kinds() {
					p, err := report.Build(cf, kind, report.Options{Instructions: true, IncludeExhibits: true}, reporttest.Now)
					if err != nil {
						t.Fatal(err)
					}
					txt := allText(p)
					has := strings.Contains(txt, "第二百八十六条之一") || strings.Contains(txt, "拒不履行信息网络安全管理义务")
					if has != (want && kind == report.KindPolice) {
						t.Errorf("%s, %s, named %v, %s packet: 286-1 printed %v", k, oname, named, kind, has)
					}
				}
			}
		}
	}
}

// A bank that served the victim online (法释〔2019〕15号 Art. 1 item (3)):
// the packet says why it is a provider, resting on the recorded answer.
func TestRefusalPublicServiceOnline(t *testing.T) {
	cf, _ := refusalCase()
	cf.Case.SourceKind = incident.SourceBank
	cf.Case.SourceOrg = "某某银行（示例）"
	o := report.Options{IncludeExhibits: true, Instructions: true}
	p, err := report.Build(cf, report.KindPolice, o, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	if txt := submitted(p); strings.Contains(txt, "第二百八十六条之一") {
		t.Fatalf("a bank not recorded as serving online is named under 286-1:\n%s", txt)
	}
	cf.Case.CorrectionOrder.Online = true
	p, _ = report.Build(cf, report.KindPolice, o, reporttest.Now)
	txt := submitted(p)
	for _, want := range []string{"第二百八十六条之一", "其通过信息网络向", "第一条第（三）项所称的网络服务提供者"} {
		if !strings.Contains(txt, want) {
			t.Errorf("police packet lacks %q:\n%s", want, txt)
		}
	}
	for _, st := range p.Statements {
		for _, src := range st.Basis {
			if !report.Supported(cf, report.KindPolice, o, src) {
				t.Errorf("%q rests on %+v, which the case lacks", st.Text, src)
			}
		}
	}
}

func TestRefusalStatements(t *testing.T) {
	cf, _ := refusalCase()
	o := report.Options{IncludeExhibits: true, Instructions: true}
	p, err := report.Build(cf, report.KindPolice, o, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	txt := submitted(p)
	for _, want := range []string{
		"《中华人民共和国刑法》第二百八十六条之一",
		"2025年9月1日，杭州市公安局网络安全保卫支队书面责令某某购物App（示例）运营公司采取改正措施（文号：杭公网安责字2025-12号；见证据",
		"自2025年9月16日起，某某购物App（示例）运营公司仍未按照上述要求改正：该平台仍未修复接口漏洞",
		"交易信息6000条",
		"已达到该条规定的“造成严重后果”的数量标准",
		"造成了重大经济损失或者恶劣社会影响",
		"涉嫌拒不履行信息网络安全管理义务罪",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("police packet lacks %q", want)
		}
	}
	n := 0
	for _, st := range p.Statements {
		for _, src := range st.Basis {
			if !report.Supported(cf, report.KindPolice, o, src) {
				t.Errorf("%q rests on %+v, which the case lacks", st.Text, src)
			}
			if src.Key == "correction_order" || src.Key == "correction_refused" {
				n++
			}
		}
	}
	if n < 3 {
		t.Errorf("only %d statements rest on the recorded order or refusal", n)
	}
	// Below the Art. 4 counts, with no consequence recorded: the sentence
	// says so instead of claiming serious consequences.
	cf.Leaked = cf.Leaked[:len(cf.Leaked)-1]
	cf.Case.Intake.MajorLoss = false
	p, _ = report.Build(cf, report.KindPolice, o, reporttest.Now)
	if txt := submitted(p); strings.Contains(txt, "已达到该条规定") || !strings.Contains(txt, "尚未达到该条规定的数量标准") {
		t.Errorf("below the standard, the police packet says:\n%s", txt)
	}
}

// The police packet of the refusal case, as a golden file (its PDF is
// rendered by the pdf package's tests from the same case).
func TestRefusalGolden(t *testing.T) {
	cf, _ := refusalCase()
	p, err := report.Build(cf, report.KindPolice, report.Options{IncludeExhibits: true, Instructions: true}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "police-refusal", p)
}
