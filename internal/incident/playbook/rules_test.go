package playbook

import (
	"slices"
	"strings"
	"testing"
)

// Issue 9 §4, rule 1: a complaint to the department with PI-protection
// duties (PIPL Art. 65; the regulator packet) whenever a source is known or
// suspected, addressed by the source kind's route.
func TestRuleRegulatorComplaint(t *testing.T) {
	for _, c := range []struct {
		name    string
		a       Answers
		want    bool
		titleZH string // the department named in the title
		howZH   []string
		notHow  []string
	}{
		{"nothing known", Answers{}, false, "", nil, nil},
		{"unknown kind, no name", Answers{SourceKind: "unknown"}, false, "", nil, nil},
		{"courier", Answers{SourceKind: "courier"}, true, "邮政管理部门", []string{"快递暂行条例第三十四条、第三十九条、第四十四条", "12305"}, []string{"12315"}},
		{"online shop", Answers{SourceKind: "ecommerce"}, true, "市场监督管理部门", []string{"12315"}, nil},
		{"bank or insurer", Answers{SourceKind: "bank"}, true, "国家金融监督管理总局的派出机构", []string{"先向该机构本身投诉", "12378"}, []string{"12363"}},
		{"payment institution", Answers{SourceKind: "payment"}, true, "中国人民银行分支机构", []string{"先向该机构本身投诉", "非银行支付机构监督管理条例第四条"}, []string{"12363", "12378"}},
		{"telecom", Answers{SourceKind: "telecom"}, true, "电信主管部门", []string{"先向该机构本身投诉", "12300"}, nil},
		{"platform", Answers{SourceKind: "platform"}, true, "网信部门", []string{"12377"}, nil},
		{"hospital (unverified route)", Answers{SourceKind: "hospital"}, true, "卫生健康委员会", []string{"没有核实", "网信部门"}, []string{"电话"}},
		{"school (unverified route)", Answers{SourceKind: "school"}, true, "教育行政部门", []string{"没有核实"}, []string{"电话"}},
		{"employer", Answers{SourceKind: "employer"}, true, "网信部门", nil, nil},
		{"government office", Answers{SourceKind: "government"}, true, "上级机关", nil, []string{"12345"}},
		{"name only, kind unknown: the 网信办 fallback", Answers{SourceKind: "unknown", SourceOrg: "某公司"}, true, "网信部门", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := find(Plan(c.a), "regulator-complaint")
			if got := s.Kind != ""; got != c.want {
				t.Fatalf("regulator-complaint in plan = %v, want %v", got, c.want)
			}
			if !c.want {
				return
			}
			if s.Packet != PacketRegulator || !strings.Contains(s.Basis.ZH, "个人信息保护法第六十条、第六十一条、第六十五条") {
				t.Errorf("step = packet %q basis %q", s.Packet, s.Basis.ZH)
			}
			if !strings.Contains(s.Title.ZH, c.titleZH) {
				t.Errorf("title %q does not name %q", s.Title.ZH, c.titleZH)
			}
			first, _, _ := strings.Cut(s.How.ZH, "\n")
			for _, w := range c.howZH {
				if !strings.Contains(first, w) {
					t.Errorf("How's first line %q lacks %q", first, w)
				}
			}
			for _, w := range c.notHow {
				if strings.Contains(first, w) {
					t.Errorf("How's first line %q has %q", first, w)
				}
			}
		})
	}
}

// Rule 2: the police step is optional only when nothing has happened beyond
// the exposure itself.
func TestRulePoliceOptional(t *testing.T) {
	for _, c := range []struct {
		happened []string
		optional bool
	}{
		{nil, true},
		{[]string{"breach-notice"}, true},
		{[]string{"scam-contact"}, false},
		{[]string{"harassment"}, false}, // includes threats and extortion
		{[]string{"loan-in-name"}, false},
		{[]string{"money-lost"}, false},
		{[]string{"posted-online"}, false},
		{[]string{"breach-notice", "posted-online"}, false},
	} {
		p := find(Plan(Answers{Happened: c.happened}), "police-report")
		if p.Optional != c.optional || strings.Contains(p.Title.ZH, "可选") != c.optional {
			t.Errorf("happened %v: optional %v, title %q; want optional %v", c.happened, p.Optional, p.Title.ZH, c.optional)
		}
		if c.optional && !strings.Contains(p.Why.ZH, "还没有被用来对付你") {
			t.Errorf("happened %v: optional police step does not say why: %s", c.happened, p.Why.ZH)
		}
		if !c.optional && strings.Contains(p.Why.ZH, "可以自己决定") {
			t.Errorf("happened %v: the police step says reporting is up to the user", c.happened)
		}
	}
}

// Rule 3: freezing payments (挂失止付) only when payment means are exposed or
// money is at stake; a leaked password leads to changing passwords.
func TestRuleFreezeAndPasswords(t *testing.T) {
	for _, c := range []struct {
		name           string
		a              Answers
		freeze, pwNote bool
	}{
		{"password only", Answers{Leaked: []string{"passwords"}}, false, true},
		{"bank card", Answers{Leaked: []string{"bank-card"}}, true, false},
		{"payment account", Answers{Leaked: []string{"wechat-alipay"}}, true, false},
		{"money lost", Answers{Happened: []string{"money-lost"}}, true, false},
		{"loan in name", Answers{Happened: []string{"loan-in-name"}}, true, false},
		{"phone only", Answers{Leaked: []string{"phone"}}, false, false},
		{"password and card", Answers{Leaked: []string{"passwords", "bank-card"}}, true, true},
	} {
		plan := Plan(c.a)
		if got := slices.Contains(kinds(plan), "freeze-payment"); got != c.freeze {
			t.Errorf("%s: freeze-payment %v, want %v", c.name, got, c.freeze)
		}
		sec := find(plan, "secure-accounts")
		if got := strings.Contains(sec.Why.ZH, "先改掉这个密码"); got != c.pwNote {
			t.Errorf("%s: password note %v, want %v", c.name, got, c.pwNote)
		}
	}
}

// Rule 4: conduct before 2026 below the criminal threshold is punished under
// 网络安全法 (2016) Art. 64 para 2 (cn-facts §5.4(a)); the 2012 治安管理处罚法
// has no article on selling personal information.
func TestRulePre2026BelowThreshold(t *testing.T) {
	p, _ := Lookup("police-report")
	if !strings.Contains(p.Basis.ZH, "2026年1月1日前的行为，由公安机关依照网络安全法（2016年）第六十四条第二款处罚") ||
		!strings.Contains(p.Basis.ZH, "治安管理处罚法（2025年）第五十六条") {
		t.Errorf("police Basis: %s", p.Basis.ZH)
	}
	if strings.Contains(p.Basis.ZH, "适用2012年文本") || !strings.Contains(p.Basis.EN, "Cybersecurity Law (2016) Art. 64 para. 2") {
		t.Errorf("police Basis still sends pre-2026 sales to the 2012 text: %s / %s", p.Basis.ZH, p.Basis.EN)
	}
}

// Routing to 12315: only businesses that served the victim as consumers and
// whose regulator is market regulation.
func TestRuleConsumer12315(t *testing.T) {
	for k, want := range map[string]bool{
		"courier": false, "ecommerce": true, "bank": false, "payment": false, "telecom": false, "hotel": true,
		"hospital": false, "realestate": true, "employer": false, "education": true, "school": false,
		"platform": false, "business": true, "government": false, "unknown": false,
	} {
		if got := slices.Contains(kinds(Plan(Answers{SourceKind: k})), "consumer-12315"); got != want {
			t.Errorf("%s: consumer-12315 %v, want %v", k, got, want)
		}
	}
}

// The consumer association (issue 18): any business that served the
// victim as a consumer, beside 12315 where that fits too, and the step
// says how the two differ.
func TestRuleConsumerAssociation(t *testing.T) {
	for k, want := range map[string]bool{
		"courier": false, "ecommerce": true, "bank": true, "payment": true, "telecom": true, "hotel": true,
		"hospital": false, "realestate": true, "employer": false, "education": true, "school": false,
		"platform": true, "business": true, "government": false, "unknown": false,
	} {
		plan := kinds(Plan(Answers{SourceKind: k}))
		if got := slices.Contains(plan, "consumer-association"); got != want {
			t.Errorf("%s: consumer-association %v, want %v", k, got, want)
		}
		// Side by side: where 12315 is offered, the association is too.
		if slices.Contains(plan, "consumer-12315") && !slices.Contains(plan, "consumer-association") {
			t.Errorf("%s: 12315 without the association", k)
		}
	}
	s, _ := Lookup("consumer-association")
	c, _ := Lookup("consumer-12315")
	for _, st := range []StepSpec{s, c} {
		found := false
		for _, f := range st.Facts {
			found = found || f.Value.ZH == expandSpec(StepSpec{Facts: []Fact{{Value: AssociationVs12315()}}}).Facts[0].Value.ZH
		}
		if !found {
			t.Errorf("%s: the sentence on the association and 12315 is missing", st.Kind)
		}
	}
	if s.FollowUp != nil || s.Packet != PacketAssociation {
		t.Errorf("association step: follow-up %v (no period exists), packet %q", s.FollowUp, s.Packet)
	}
}

// Re-running the intake keeps working: a plan made with the old rules (a
// courier case with consumer-12315, no regulator-complaint) is a set of
// step kinds the service merges; every kind the plan can produce is in the
// catalogue, so stored steps of retired kinds still resolve.
func TestPlanKindsAreCatalogued(t *testing.T) {
	for _, a := range answerSets() {
		for _, s := range Plan(a) {
			if _, ok := Lookup(s.Kind); !ok {
				t.Fatalf("%+v: plan step %q not in the catalogue", a, s.Kind)
			}
		}
	}
	for _, old := range []string{"consumer-12315", "financial-12378", "freeze-payment"} {
		if _, ok := Lookup(old); !ok {
			t.Errorf("%s: a step kind stored by earlier plans no longer resolves", old)
		}
	}
}

// Issue 18: where both the association and 12315 fit, the victim's choice
// keeps one or both; where only one fits there is no choice and the
// answer changes nothing.
func TestRuleConsumerChoice(t *testing.T) {
	for _, tc := range []struct {
		kind, route       string
		choice            bool
		has12315, hasAssn bool
	}{
		{"business", "", true, true, true},
		{"business", ConsumerBoth, true, true, true},
		{"business", Consumer12315, true, true, false},
		{"business", ConsumerAssociation, true, false, true},
		{"bank", Consumer12315, false, false, true}, // only the association fits a bank
		{"courier", ConsumerAssociation, false, false, false},
	} {
		a := Answers{SourceKind: tc.kind, ConsumerRoute: tc.route}
		if err := a.Validate(); err != nil {
			t.Fatal(err)
		}
		plan := kinds(Plan(a))
		if got := ConsumerChoice(a); got != tc.choice {
			t.Errorf("%s: choice offered %v, want %v", tc.kind, got, tc.choice)
		}
		if slices.Contains(plan, "consumer-12315") != tc.has12315 || slices.Contains(plan, "consumer-association") != tc.hasAssn {
			t.Errorf("%s, route %q: plan %v", tc.kind, tc.route, plan)
		}
	}
	if err := (Answers{ConsumerRoute: "court"}).Validate(); err == nil {
		t.Error("an unknown route validated")
	}
	if len(ConsumerRoutes()) != 3 {
		t.Errorf("routes %v", ConsumerRoutes())
	}
}
