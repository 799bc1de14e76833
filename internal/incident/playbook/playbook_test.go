package playbook

import (
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident/source"
)

var cst = time.FixedZone("CST", 8*60*60)

// Four typical situations: a courier leak with scam calls, loans taken out
// in the victim's name, a property agency's buyers list, and an ID photo
// posted online.
var (
	courierLeak = Answers{ // 1. Wang Fang: courier leak, scam calls, no money lost
		Leaked:     []string{"name", "phone", "address", "orders"},
		Happened:   []string{"scam-contact", "harassment"},
		SourceKind: "courier",
		Insider:    "unsure",
	}
	loanInName = Answers{ // 2. Li Jianguo: ID and face photo taken at a phone shop, two loans
		Leaked:     []string{"id-number", "face-photo", "phone"},
		Happened:   []string{"loan-in-name"},
		SourceKind: "telecom",
		SourceOrg:  "某营业厅",
		Insider:    "yes",
	}
	propertyAgency = Answers{ // 3. one of Zhao Min's twelve flat buyers
		Leaked:     []string{"name", "phone", "address"},
		Happened:   []string{"harassment"},
		SourceKind: "realestate",
		SourceOrg:  "某房地产开发商",
		Insider:    "unsure",
	}
	postedOnline = Answers{ // 4. Chen Xiaoyu: ID photo, phone and address posted in a forum
		Leaked:     []string{"id-number", "phone", "address"},
		Happened:   []string{"posted-online"},
		SourceKind: "unknown",
		Insider:    "no",
	}
)

func kinds(plan []StepSpec) []string {
	out := make([]string, len(plan))
	for i, s := range plan {
		out[i] = s.Kind
	}
	return out
}

func find(plan []StepSpec, kind string) StepSpec {
	for _, s := range plan {
		if s.Kind == kind {
			return s
		}
	}
	return StepSpec{}
}

func TestPlanScenarios(t *testing.T) {
	tests := []struct {
		name           string
		answers        Answers
		want           []string
		policeOptional bool
	}{
		{
			"1 courier leak: deletion demand, complaint to the postal administration (not 12315), 12321; police not optional after scam calls",
			courierLeak,
			[]string{"secure-accounts", "gather-evidence", "police-report", "fraud-96110", "deletion-demand",
				"regulator-complaint", "report-12321", "warn-family", "civil-claim"},
			false,
		},
		{
			"2 loan in his name: freeze, police, credit report and dispute, lenders, operator then 12300, 12378, deletion",
			loanInName,
			[]string{"freeze-payment", "secure-accounts", "gather-evidence", "police-report", "fraud-96110",
				"credit-report", "credit-dispute", "contact-lenders", "deletion-demand", "consumer-association", "telecom-operator",
				"telecom-12300", "financial-12378", "regulator-complaint", "warn-family", "civil-claim"},
			false,
		},
		{
			"3 property agency: deletion demand, 12315, regulator complaint, 12321 for sales calls; harassed, so police not optional",
			propertyAgency,
			[]string{"secure-accounts", "gather-evidence", "police-report", "deletion-demand", "consumer-12315",
				"consumer-association", "regulator-complaint", "report-12321", "warn-family", "civil-claim"},
			false,
		},
		{
			"4 posted online: evidence, police, take-down notice, 12377, credit check for the ID number",
			postedOnline,
			[]string{"secure-accounts", "gather-evidence", "police-report", "platform-takedown", "report-12377",
				"credit-report", "warn-family", "civil-claim"},
			false,
		},
		{
			"breach notice only: exposure, nothing used against the victim; police optional",
			Answers{Leaked: []string{"name", "phone"}, Happened: []string{"breach-notice"}},
			[]string{"secure-accounts", "gather-evidence", "police-report", "warn-family"},
			true,
		},
		{
			"nothing answered yet: the steps everyone needs",
			Answers{},
			[]string{"secure-accounts", "gather-evidence", "police-report", "warn-family"},
			true,
		},
		{
			"bank as source, money lost: freeze first, complaint to the NFRA office (12378), no 12315",
			Answers{Leaked: []string{"bank-card"}, Happened: []string{"money-lost"}, SourceKind: "bank"},
			[]string{"freeze-payment", "secure-accounts", "gather-evidence", "police-report", "fraud-96110",
				"deletion-demand", "consumer-association", "regulator-complaint", "warn-family", "civil-claim"},
			false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := Plan(tt.answers)
			if got := kinds(plan); !slices.Equal(got, tt.want) {
				t.Errorf("Plan kinds =\n  %v\nwant\n  %v", got, tt.want)
			}
			for i := 1; i < len(plan); i++ {
				if plan[i-1].Order >= plan[i].Order {
					t.Errorf("plan not in Order: %s (%d) before %s (%d)", plan[i-1].Kind, plan[i-1].Order, plan[i].Kind, plan[i].Order)
				}
			}
			police := find(plan, "police-report")
			if police.Optional != tt.policeOptional {
				t.Errorf("police-report Optional = %v, want %v", police.Optional, tt.policeOptional)
			}
			if tt.policeOptional {
				// SCENARIOS #1: optional, and say why it may still help.
				if !strings.Contains(police.Title.ZH, "可选") || !strings.Contains(police.Title.EN, "optional") {
					t.Errorf("optional police step title = %+v", police.Title)
				}
				if !strings.Contains(police.Why.ZH, "仍可能有用") || !strings.Contains(police.Why.EN, "may still help") {
					t.Errorf("optional police step does not say why it may still help: %+v", police.Why)
				}
			}
		})
	}
}

func TestPlanTailoring(t *testing.T) {
	police := find(Plan(loanInName), "police-report")
	for _, want := range []string{"减半", "第五条第一款第（八）项", "反电信网络诈骗法第二十九条第二款"} {
		if !strings.Contains(police.Why.ZH, want) {
			t.Errorf("scenario 2 police Why lacks %q: %s", want, police.Why.ZH)
		}
	}
	if !strings.Contains(police.Why.EN, "halves") {
		t.Errorf("scenario 2 police Why (EN) lacks the insider halving: %s", police.Why.EN)
	}
	if p := find(Plan(courierLeak), "police-report"); strings.Contains(p.Why.ZH, "减半") {
		t.Error("insider note shown although the insider answer was \"unsure\"")
	}
	if s := find(Plan(loanInName), "secure-accounts"); !strings.Contains(s.Why.ZH, "人脸") {
		t.Error("face photo leaked but secure-accounts does not mention face login")
	}
	ev := find(Plan(postedOnline), "gather-evidence")
	if !strings.Contains(ev.Why.ZH, "公证") || !strings.Contains(ev.Why.EN, "notary") {
		t.Errorf("posted online: evidence step lacks the notarisation advice: %+v", ev.Why)
	}
	if p := find(Plan(postedOnline), "police-report"); !strings.Contains(p.Why.ZH, "散布他人隐私") {
		t.Errorf("posted online: police Why lacks spreading private information: %s", p.Why.ZH)
	}
	take := find(Plan(postedOnline), "platform-takedown")
	if !strings.Contains(take.How.ZH, "初步证据") || !strings.Contains(take.How.ZH, "真实身份") || !strings.Contains(take.Basis.ZH, "第一千一百九十五条") {
		t.Errorf("take-down notice lacks the Art. 1195 requirements: %+v", take)
	}
	// Plan must not leak its tailoring into the catalogue.
	generic, _ := Lookup("police-report")
	if generic.Optional || strings.Contains(generic.Title.ZH, "可选") {
		t.Error("Lookup returned a tailored police step")
	}
}

// walkTexts calls f for every Text reachable from v, with a path for errors.
func walkTexts(v reflect.Value, path string, f func(path string, t Text)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkTexts(v.Elem(), path, f)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkTexts(v.Index(i), path+"["+strconv.Itoa(i)+"]", f)
		}
	case reflect.Struct:
		if t, ok := v.Interface().(Text); ok {
			f(path, t)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			walkTexts(v.Field(i), path+"."+v.Type().Field(i).Name, f)
		}
	}
}

func everything() map[string]any {
	return map[string]any{
		"Questions":   Questions(),
		"SourceKinds": SourceKinds(),
		"AllSteps":    AllSteps(),
		"Plan1":       Plan(courierLeak),
		"Plan2":       Plan(loanInName),
		"Plan3":       Plan(propertyAgency),
		"Plan4":       Plan(postedOnline),
	}
}

func TestEveryTextHasBothLanguages(t *testing.T) {
	n := 0
	for name, v := range everything() {
		walkTexts(reflect.ValueOf(v), name, func(path string, tx Text) {
			n++
			if strings.TrimSpace(tx.ZH) == "" || strings.TrimSpace(tx.EN) == "" {
				t.Errorf("%s: missing a language: %+v", path, tx)
			}
		})
	}
	if n < 100 {
		t.Errorf("walked only %d texts; the walker is broken", n)
	}
}

func TestNoUnverifiedFacts(t *testing.T) {
	// Items the fact sheets mark UNVERIFIED or say not to print.
	banned := []string{"12363", "www.cyberpolice.cn", "35273", "30天", "12348法律援助", "国信办秘字"}
	for name, v := range everything() {
		walkTexts(reflect.ValueOf(v), name, func(path string, tx Text) {
			for _, b := range banned {
				if strings.Contains(tx.ZH, b) || strings.Contains(tx.EN, b) {
					t.Errorf("%s mentions %q", path, b)
				}
			}
		})
	}
}

func TestAllSteps(t *testing.T) {
	channels := []string{"", "110", "96110", "12315", "12377", "12321", "12300", "12378"}
	// Every channel key is a registered hotline.
	for _, c := range channels[1:] {
		facts.MustGet("hotline." + c)
	}
	packets := append([]string{""}, PacketKinds()...) // the domain's one list
	seenKind := map[string]bool{}
	seenOrder := map[int]string{}
	for _, s := range AllSteps() {
		if s.Kind == "" || seenKind[s.Kind] {
			t.Errorf("step kind %q is empty or repeated", s.Kind)
		}
		seenKind[s.Kind] = true
		if other, dup := seenOrder[s.Order]; dup {
			t.Errorf("steps %q and %q share Order %d", s.Kind, other, s.Order)
		}
		seenOrder[s.Order] = s.Kind
		if !slices.Contains(channels, s.Channel) {
			t.Errorf("%s: unknown channel %q", s.Kind, s.Channel)
		}
		if !slices.Contains(packets, s.Packet) {
			t.Errorf("%s: unknown packet %q", s.Kind, s.Packet)
		}
		if s.Optional {
			t.Errorf("%s: catalogue steps are never optional; Plan decides", s.Kind)
		}
		if r := s.FollowUp; r != nil {
			if r.On != StatusDoing && r.On != StatusDone {
				t.Errorf("%s: follow-up starts on unknown status %q", s.Kind, r.On)
			}
			if (r.WorkingDays > 0) == (r.Days > 0) {
				t.Errorf("%s: follow-up must set exactly one of WorkingDays (%d) and Days (%d)", s.Kind, r.WorkingDays, r.Days)
			}
		}
		got, ok := Lookup(s.Kind)
		if !ok || !reflect.DeepEqual(got, s) {
			t.Errorf("Lookup(%q) does not round-trip", s.Kind)
		}
	}
	required := []string{"secure-accounts", "freeze-payment", "credit-report", "credit-dispute", "deletion-demand",
		"police-report", "fraud-96110", "consumer-12315", "consumer-association", "report-12377", "report-12321", "telecom-operator",
		"telecom-12300", "financial-12378", "warn-family", "civil-claim", "gather-evidence", "regulator-complaint"}
	for _, k := range required {
		if !seenKind[k] {
			t.Errorf("required step %q missing", k)
		}
	}
	if _, ok := Lookup("no-such-step"); ok {
		t.Error("Lookup of an unknown kind succeeded")
	}
}

func TestAllStepsReturnsFreshCopies(t *testing.T) {
	a := AllSteps()
	a[0].Facts[0].Value.ZH = "changed"
	a[3].FollowUp = nil
	if b := AllSteps(); b[0].Facts[0].Value.ZH == "changed" || reflect.DeepEqual(a, b) {
		t.Error("AllSteps shares state between calls")
	}
}

func TestQuestions(t *testing.T) {
	want := []struct{ key, kind string }{
		{"leaked", "multi"}, {"happened", "multi"}, {"source-kind", "single"}, {"source-org", "text"}, {"grounds", "multi"}, {"insider", "single"},
	}
	qs := Questions()
	if len(qs) != len(want) {
		t.Fatalf("%d questions, want %d", len(qs), len(want))
	}
	for i, q := range qs {
		if q.Key != want[i].key || q.Kind != want[i].kind {
			t.Errorf("question %d = %s/%s, want %s/%s", i, q.Key, q.Kind, want[i].key, want[i].kind)
		}
		if (q.Kind == "text") != (len(q.Options) == 0) {
			t.Errorf("%s: a %s question with %d options", q.Key, q.Kind, len(q.Options))
		}
		seen := map[string]bool{}
		for _, o := range q.Options {
			if o.Key == "" || seen[o.Key] {
				t.Errorf("%s: option key %q empty or repeated", q.Key, o.Key)
			}
			seen[o.Key] = true
		}
		if q.Kind == "single" && q.NotSure {
			if last := q.Options[len(q.Options)-1].Key; last != "unknown" && last != "unsure" {
				t.Errorf("%s: NotSure single question must end with its not-sure option, ends with %q", q.Key, last)
			}
		}
	}
	if !reflect.DeepEqual(qs[2].Options, SourceKinds()) {
		t.Error("the source-kind question does not offer SourceKinds()")
	}
	for _, k := range []string{"courier", "ecommerce", "bank", "telecom", "hotel", "hospital", "realestate",
		"employer", "education", "platform", "government", "unknown"} {
		if !slices.ContainsFunc(SourceKinds(), func(o Option) bool { return o.Key == k }) {
			t.Errorf("source kind %q missing", k)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, a := range []Answers{courierLeak, loanInName, propertyAgency, postedOnline, {}} {
		if err := a.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v", a, err)
		}
	}
	bad := []struct {
		a   Answers
		key string
	}{
		{Answers{Leaked: []string{"phone", "ssn"}}, "ssn"},
		{Answers{Happened: []string{"robbed"}}, "robbed"},
		{Answers{SourceKind: "casino"}, "casino"},
		{Answers{Insider: "maybe"}, "maybe"},
		{Answers{Leaked: []string{"Phone"}}, "Phone"},
	}
	for _, tt := range bad {
		err := tt.a.Validate()
		if err == nil || !strings.Contains(err.Error(), `"`+tt.key+`"`) {
			t.Errorf("Validate(%+v) = %v, want an error naming %q", tt.a, err, tt.key)
		}
	}
}

func TestFollowUpDate(t *testing.T) {
	at := func(s string) time.Time {
		d, err := time.ParseInLocation("2006-01-02 15:04", s, cst)
		if err != nil {
			panic(err)
		}
		return d
	}
	tests := []struct {
		kind, status, now string
		want              string // "" when no rule applies
		estimate          bool
		why               string
	}{
		{"consumer-12315", "doing", "2025-09-30 10:00", "2025-10-16", false, "7 working days across 国庆 2025, make-up Saturday 10-11 counts"},
		{"consumer-12315", "doing", "2025-03-07 16:30", "2025-03-18", false, "7 working days skip two weekends"},
		{"deletion-demand", "doing", "2025-09-30 10:00", "2025-10-28", false, "15-working-day benchmark across 国庆 2025"},
		{"telecom-12300", "doing", "2026-02-13 09:00", "2026-02-27", false, "5 working days across 春节 2026, make-up Saturday 02-14 counts"},
		{"consumer-12315", "doing", "2026-12-28 09:00", "2027-01-06", true, "runs into 2027, which has no holiday data yet"},
		{"credit-dispute", "doing", "2025-12-20 11:00", "2026-01-09", false, "20 natural days"},
		{"telecom-operator", "doing", "2026-02-13 09:00", "2026-02-28", false, "15 natural days, holidays included"},
		{"police-reconsideration", "doing", "2025-10-01 09:00", "2025-10-31", false, "30 natural days"},
		{"consumer-12315", "done", "2025-09-30 10:00", "", false, "the rule starts on doing, not done"},
		{"consumer-12315", "todo", "2025-09-30 10:00", "", false, "todo starts nothing"},
		{"secure-accounts", "doing", "2025-09-30 10:00", "", false, "nothing is awaited"},
		{"no-such-step", "doing", "2025-09-30 10:00", "", false, "unknown kind"},
	}
	for _, tt := range tests {
		due, est, ok := FollowUpDate(tt.kind, tt.status, at(tt.now))
		if tt.want == "" {
			if ok {
				t.Errorf("FollowUpDate(%s, %s) = %v, want no rule: %s", tt.kind, tt.status, due, tt.why)
			}
			continue
		}
		want, _ := time.ParseInLocation(time.DateOnly, tt.want, cst)
		if !ok || !due.Equal(want) || est != tt.estimate {
			t.Errorf("FollowUpDate(%s, %s, %s) = (%s, %v, %v), want (%s, %v, true): %s",
				tt.kind, tt.status, tt.now, due.Format(time.DateOnly), est, ok, tt.want, tt.estimate, tt.why)
		}
	}
}

func TestTextIn(t *testing.T) {
	tx := Text{"中文", "English"}
	for lang, want := range map[string]string{"en": "English", "zh": "中文", "": "中文", "fr": "中文"} {
		if got := tx.In(lang); got != want {
			t.Errorf("In(%q) = %q, want %q", lang, got, want)
		}
	}
}

// Issue 15 item 11: a step's text may send the reader to another step only
// when a plan made from the same answers has that step. The 复议 step joins a
// plan only after the police decline (incident.RecordNonFiling), so no plan
// text may point at it.
func TestNoTextPointsAtAStepThePlanLacks(t *testing.T) {
	refZH := regexp.MustCompile(`见“([^”]+)”步骤`)
	refEN := regexp.MustCompile(`\(see the ([^)]*) step\)`)
	for _, a := range []Answers{
		{},
		{Happened: []string{"scam-contact"}, SourceKind: "courier"},
		{Happened: []string{"money-lost", "loan-in-name", "harassment", "posted-online"}, Insider: "known"},
	} {
		plan := Plan(a)
		titles := map[string]bool{}
		for _, s := range plan {
			titles[s.Title.ZH] = true
		}
		for _, s := range plan {
			for _, txt := range []string{s.Why.ZH, s.How.ZH, s.Basis.ZH} {
				for _, m := range refZH.FindAllStringSubmatch(txt, -1) {
					found := false
					for title := range titles {
						if strings.Contains(title, m[1]) {
							found = true
						}
					}
					if !found {
						t.Errorf("%s points at step %q, which this plan lacks", s.Kind, m[1])
					}
				}
			}
			for _, txt := range []string{s.Why.EN, s.How.EN, s.Basis.EN} {
				if m := refEN.FindString(txt); m != "" {
					t.Errorf("%s points at %q", s.Kind, m)
				}
			}
		}
	}
}

// Answers with the same PlanKey get the same plan (the deadlines compute
// one plan per key); answers that differ in what Plan reads get different
// keys.
func TestPlanKey(t *testing.T) {
	base := Answers{Leaked: []string{"phone", "id-number"}, Happened: []string{"scam-contact"}, SourceKind: "courier",
		SourceOrg: "某快递", Insider: "unsure", Grounds: []string{"order-details"}}
	same := base
	same.SourceOrg, same.Leaked = "另一家快递公司", []string{"id-number", "phone"}
	if base.PlanKey() != same.PlanKey() {
		t.Fatalf("keys differ: %q, %q", base.PlanKey(), same.PlanKey())
	}
	if !reflect.DeepEqual(Plan(base), Plan(same)) {
		t.Fatal("answers with the same key got different plans")
	}
	for name, edit := range map[string]func(*Answers){
		"no organisation": func(a *Answers) { a.SourceOrg = "" },
		"another kind":    func(a *Answers) { a.SourceKind = "telecom" },
		"money lost":      func(a *Answers) { a.Happened = append(slices.Clone(a.Happened), "money-lost") },
		"insider":         func(a *Answers) { a.Insider = "known" },
		"another suspect": func(a *Answers) { a.OtherKinds = []string{"ecommerce"} },
		"consumer route":  func(a *Answers) { a.ConsumerRoute = ConsumerAssociation },
	} {
		other := base
		edit(&other)
		if other.PlanKey() == base.PlanKey() {
			t.Errorf("%s: same key", name)
		}
	}
}

// Plan changes the title only of the kinds TitleTailored names: the
// deadlines read a case's answers for those alone.
func TestTitleTailored(t *testing.T) {
	var kinds []string
	for _, k := range source.Kinds() {
		kinds = append(kinds, string(k))
	}
	kinds = append(kinds, "", "unknown")
	for _, src := range kinds {
		for _, happened := range [][]string{nil, {"scam-contact"}, {"money-lost"}, {"posted-online"}, {"harassment"}, {"loan-in-name"}} {
			for _, insider := range []string{"", "known", "no"} {
				a := Answers{Leaked: []string{"phone", "id-number", "bank-card"}, Happened: happened, SourceKind: src, SourceOrg: "某公司", Insider: insider}
				for _, s := range Plan(a) {
					generic, _ := Lookup(s.Kind)
					if s.Title != generic.Title && !TitleTailored(s.Kind) {
						t.Errorf("%s (source %q, %v): Plan words the title %q, but TitleTailored says it never changes", s.Kind, src, happened, s.Title.EN)
					}
				}
			}
		}
	}
}
