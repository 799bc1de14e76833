package severity

import (
	"math"
	"strings"
	"testing"

	"leakdesk/internal/facts"
)

func TestCategories(t *testing.T) {
	want := map[string]int64{
		"location": 50, "communication-content": 50, "credit": 50, "property": 50,
		"lodging": 500, "communication-records": 500, "health": 500, "transaction": 500,
		"other": 5000,
	}
	got := Categories()
	if len(got) != len(want) {
		t.Fatalf("Categories() has %d entries, want %d", len(got), len(want))
	}
	for _, c := range got {
		if want[c.Key] != c.Standard {
			t.Errorf("category %q standard = %d, want %d", c.Key, c.Standard, want[c.Key])
		}
		if c.NameZH == "" || c.NameEN == "" {
			t.Errorf("category %q lacks a name", c.Key)
		}
		if 5000%c.Standard != 0 {
			t.Errorf("category %q: standard %d must divide 5000 for the exact sum", c.Key, c.Standard)
		}
	}
}

type counts = map[string]int64

func TestAssess(t *testing.T) {
	tests := []struct {
		rule    string // the Art. 5 text the row checks
		in      Input
		verdict Verdict
		trigger string
		ratio   float64
		basis   string // must appear in BasisZH
	}{
		{"nothing entered", Input{}, Below, "", 0, "第五条第一款第（三）至（九）项"},

		// Para 1 (3): trajectory, communication content, credit, property ≥ 50.
		{"(3) 49 location records are below 50", Input{Counts: counts{"location": 49}}, Below, "", 0.98, ""},
		{"(3) 50 location records meet 50", Input{Counts: counts{"location": 50}}, Serious, TriggerCount, 1, "第五条第一款第（三）项"},
		{"(3) 50 communication-content records", Input{Counts: counts{"communication-content": 50}}, Serious, TriggerCount, 1, "第（三）项"},
		{"(3) 50 credit records", Input{Counts: counts{"credit": 50}}, Serious, TriggerCount, 1, "第（三）项"},
		{"(3) 50 property records", Input{Counts: counts{"property": 50}}, Serious, TriggerCount, 1, "第（三）项"},
		// Para 1 (4): lodging, communication records, health, transaction ≥ 500.
		{"(4) 499 lodging records are below 500", Input{Counts: counts{"lodging": 499}}, Below, "", 0.998, ""},
		{"(4) 500 lodging records meet 500", Input{Counts: counts{"lodging": 500}}, Serious, TriggerCount, 1, "第（四）项"},
		{"(4) 500 communication records", Input{Counts: counts{"communication-records": 500}}, Serious, TriggerCount, 1, "第（四）项"},
		{"(4) 500 health records", Input{Counts: counts{"health": 500}}, Serious, TriggerCount, 1, "第（四）项"},
		{"(4) 500 transaction records", Input{Counts: counts{"transaction": 500}}, Serious, TriggerCount, 1, "第（四）项"},
		// Para 1 (5): other PI ≥ 5000.
		{"(5) 4999 other records are below 5000", Input{Counts: counts{"other": 4999}}, Below, "", 0.9998, ""},
		{"(5) 5000 other records meet 5000", Input{Counts: counts{"other": 5000}}, Serious, TriggerCount, 1, "第（五）项"},
		// Para 1 (6): below each standard but proportionally adding up.
		{"(6) 25 location + 250 lodging = 0.5 + 0.5 = 1.0", Input{Counts: counts{"location": 25, "lodging": 250}}, Serious, TriggerCount, 1, "第（六）项"},
		{"(6) 24 location + 250 lodging = 0.98", Input{Counts: counts{"location": 24, "lodging": 250}}, Below, "", 0.98, ""},
		{"(6) 10 location + 200 health + 2000 other = 0.2 + 0.4 + 0.4", Input{Counts: counts{"location": 10, "health": 200, "other": 2000}}, Serious, TriggerCount, 1, "第（六）项"},
		{"(6) zero counts are allowed", Input{Counts: counts{"location": 0, "other": 0}}, Below, "", 0, ""},
		// Para 1 (7): illegal gains ≥ 5000 yuan.
		{"(7) gains of 4999.99 yuan are below 5000", Input{GainsYuan: 4999.99}, Below, "", 0, ""},
		{"(7) gains of 5000 yuan meet 5000", Input{GainsYuan: 5000}, Serious, TriggerGains, 0, "第（七）项"},
		// Para 1 (8): insider, half the standards of (3)–(7).
		{"(8) insider: 25 location records meet the halved 50", Input{Counts: counts{"location": 25}, Insider: true}, Serious, TriggerInsiderCount, 1, "第（八）项"},
		{"(8) insider: 24 location records are below 25", Input{Counts: counts{"location": 24}, Insider: true}, Below, "", 0.96, ""},
		{"(8) insider: 250 transaction records meet the halved 500", Input{Counts: counts{"transaction": 250}, Insider: true}, Serious, TriggerInsiderCount, 1, "第（八）项"},
		{"(8) insider: 2500 other records meet the halved 5000", Input{Counts: counts{"other": 2500}, Insider: true}, Serious, TriggerInsiderCount, 1, "第（八）项"},
		{"(8) insider: 12 location + 125 lodging = (0.24 + 0.25) × 2 = 0.98", Input{Counts: counts{"location": 12, "lodging": 125}, Insider: true}, Below, "", 0.98, ""},
		{"(8) insider: 13 location + 125 lodging = (0.26 + 0.25) × 2 = 1.02", Input{Counts: counts{"location": 13, "lodging": 125}, Insider: true}, Serious, TriggerInsiderCount, 1.02, "第（八）项"},
		{"(8) insider: gains of 2500 yuan meet the halved 5000", Input{GainsYuan: 2500, Insider: true}, Serious, TriggerInsiderGains, 0, "第（八）项"},
		{"(7) not an insider: gains of 2500 yuan are below 5000", Input{GainsYuan: 2500}, Below, "", 0, ""},
		{"(3) insider with 60 location records also meets the plain standard", Input{Counts: counts{"location": 60}, Insider: true}, Serious, TriggerCount, 2.4, "第（三）项"},
		// Para 1 (9): prior penalty, then again: any amount.
		{"(9) prior penalty and a single record", Input{Counts: counts{"other": 1}, PriorOffence: true}, Serious, TriggerPriorOffence, 0.0002, "第（九）项"},
		// Para 1 (1) and (2): used for crime.
		// Items (1) and (2) need facts the app does not ask (that the
		// information used was whereabouts information; that the provider
		// knew of the criminal use): "used for a crime" alone is a note, not
		// a reading (legal review C3, C4).
		{"(1) one location record and 'used for a crime' is no reading", Input{Counts: counts{"location": 1, "other": 10}, UsedForCrime: true}, Below, "", 0.022, "第五条第一款第（三）至（九）项"},
		{"(2) 'used for a crime' alone is no reading", Input{Counts: counts{"other": 3}, UsedForCrime: true}, Below, "", 0.0006, ""},
		{"(3) a definite count still reads with 'used for a crime'", Input{Counts: counts{"credit": 60}, UsedForCrime: true}, Serious, TriggerCount, 1.2, "第（三）项"},

		// Para 2 (3): 10× the standards of para 1 (3)–(8).
		{"para 2 (3): 499 location records are serious, not especially", Input{Counts: counts{"location": 499}}, Serious, TriggerCount, 9.98, "第一款第（三）项"},
		{"para 2 (3): 500 location records = 10 × 50", Input{Counts: counts{"location": 500}}, EspeciallySerious, TriggerCount10x, 10, "第五条第二款第（三）项（对照《解释》第五条第一款第（三）项"},
		{"para 2 (3): 5000 lodging records = 10 × 500", Input{Counts: counts{"lodging": 5000}}, EspeciallySerious, TriggerCount10x, 10, "对照《解释》第五条第一款第（四）项"},
		{"para 2 (3): 49999 other records are serious only", Input{Counts: counts{"other": 49999}}, Serious, TriggerCount, 9.9998, "第（五）项"},
		{"para 2 (3): 50000 other records = 10 × 5000", Input{Counts: counts{"other": 50000}}, EspeciallySerious, TriggerCount10x, 10, "对照《解释》第五条第一款第（五）项"},
		{"para 2 (3): 250 location + 2500 lodging add up to 10", Input{Counts: counts{"location": 250, "lodging": 2500}}, EspeciallySerious, TriggerCount10x, 10, "对照《解释》第五条第一款第（六）项"},
		{"para 2 (3): gains of 49999 yuan are serious only", Input{GainsYuan: 49999}, Serious, TriggerGains, 0, "第（七）项"},
		{"para 2 (3): gains of 50000 yuan = 10 × 5000", Input{GainsYuan: 50000}, EspeciallySerious, TriggerGains10x, 0, "对照《解释》第五条第一款第（七）项"},
		{"para 2 (3) × (8): insider, 250 location = 10 × 25", Input{Counts: counts{"location": 250}, Insider: true}, EspeciallySerious, TriggerInsiderCount10x, 10, "对照《解释》第五条第一款第（八）项"},
		{"para 2 (3) × (8): insider, 249 location is serious only", Input{Counts: counts{"location": 249}, Insider: true}, Serious, TriggerCount, 9.96, "第（三）项"},
		{"para 2 (3) × (8): insider, 2500 lodging = 10 × 250", Input{Counts: counts{"lodging": 2500}, Insider: true}, EspeciallySerious, TriggerInsiderCount10x, 10, "对照《解释》第五条第一款第（八）项"},
		{"para 2 (3) × (8): insider, gains of 25000 = 10 × 2500", Input{GainsYuan: 25000, Insider: true}, EspeciallySerious, TriggerInsiderGains10x, 0, "对照《解释》第五条第一款第（八）项"},
		{"para 2 (3) × (8): insider, gains of 24999 are serious by (7)", Input{GainsYuan: 24999, Insider: true}, Serious, TriggerGains, 0, "第（七）项"},
		// Para 2 (1), (2): consequences, whatever the numbers.
		{"para 2 (1): death, injury, mental disorder, kidnapping", Input{SevereConsequence: true}, EspeciallySerious, TriggerSevereConsequence, 0, "第五条第二款第（一）项"},
		{"para 2 (2): major economic loss", Input{Counts: counts{"other": 1}, MajorLoss: true}, EspeciallySerious, TriggerMajorLoss, 0.0002, "第五条第二款第（二）项"},
		{"para 2 before para 1: consequences outrank a met count", Input{Counts: counts{"location": 50}, SevereConsequence: true}, EspeciallySerious, TriggerSevereConsequence, 1, "第二款第（一）项"},

		{"huge counts saturate instead of overflowing", Input{Counts: counts{"location": math.MaxInt64, "other": math.MaxInt64}}, EspeciallySerious, TriggerCount10x, -1, "第二款第（三）项"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			r, err := Assess(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != tt.verdict || r.Trigger != tt.trigger {
				t.Errorf("verdict, trigger = %q, %q; want %q, %q (%s)", r.Verdict, r.Trigger, tt.verdict, tt.trigger, r.TriggerEN)
			}
			if tt.ratio >= 0 && math.Abs(r.Ratio-tt.ratio) > 1e-9 {
				t.Errorf("ratio = %v, want %v", r.Ratio, tt.ratio)
			}
			if !strings.Contains(r.BasisZH, tt.basis) {
				t.Errorf("BasisZH = %q, want it to contain %q", r.BasisZH, tt.basis)
			}
			if !strings.Contains(r.BasisZH, "法释〔2017〕10号") || !strings.Contains(r.BasisEN, "Art. 5") {
				t.Errorf("basis does not name the interpretation and article: %q / %q", r.BasisZH, r.BasisEN)
			}
			if (r.Trigger == "") != (r.TriggerZH == "") || (r.Trigger == "") != (r.TriggerEN == "") {
				t.Errorf("trigger texts %q / %q do not match trigger key %q", r.TriggerZH, r.TriggerEN, r.Trigger)
			}
			for _, want := range []string{"参考", "不是法律意见", "公安机关"} {
				if !strings.Contains(r.ExplanationZH, want) {
					t.Errorf("ExplanationZH lacks %q: %s", want, r.ExplanationZH)
				}
			}
			for _, want := range []string{"reference", "not legal advice", "police"} {
				if !strings.Contains(r.ExplanationEN, want) {
					t.Errorf("ExplanationEN lacks %q: %s", want, r.ExplanationEN)
				}
			}
		})
	}
}

func TestAssessBelowShowsTruncatedRatio(t *testing.T) {
	// 0.999 must not print as "1.00" beside a "not met" verdict.
	r, err := Assess(Input{Counts: counts{"other": 4995}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.ExplanationZH, "0.99") || strings.Contains(r.ExplanationZH, "1.00") {
		t.Errorf("ExplanationZH = %s", r.ExplanationZH)
	}
}

func TestAssessRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"unknown category", Input{Counts: counts{"name": 3}}, `"name"`},
		{"negative count", Input{Counts: counts{"location": -1}}, `"location"`},
		{"negative gains", Input{GainsYuan: -1}, "gains"},
		{"NaN gains", Input{GainsYuan: math.NaN()}, "gains"},
		{"infinite gains", Input{GainsYuan: math.Inf(1)}, "gains"},
	}
	for _, tt := range tests {
		_, err := Assess(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one mentioning %s", tt.name, err, tt.want)
		}
	}
}

// §6 of issue 9: every legal reference the calculator shows is a printable
// fact of the register, for every reading it can give.
func TestTextsCiteOnlyTheRegister(t *testing.T) {
	var inputs []Input
	for _, c := range Categories() {
		for _, n := range []int64{0, 1, c.Standard / 2, c.Standard, 10 * c.Standard} {
			for _, ins := range []bool{false, true} {
				inputs = append(inputs, Input{Counts: counts{c.Key: n}, Insider: ins, InsiderSuspected: ins && n%2 == 0})
			}
		}
	}
	for _, g := range []float64{0, 2500, 5000, 25000, 50000} {
		inputs = append(inputs, Input{GainsYuan: g}, Input{GainsYuan: g, Insider: true, InsiderSuspected: true})
	}
	inputs = append(inputs, Input{PriorOffence: true}, Input{UsedForCrime: true}, Input{SevereConsequence: true}, Input{MajorLoss: true},
		Input{Counts: counts{"location": 25, "lodging": 250}}, Input{Counts: counts{"location": 250, "lodging": 2500}})
	for _, in := range inputs {
		r, err := Assess(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{r.TriggerZH, r.TriggerEN, r.BasisZH, r.BasisEN, r.ExplanationZH, r.ExplanationEN} {
			for _, p := range facts.Check(s) {
				t.Errorf("%+v: %q: %s in %q", in, p.Text, p.Reason, s)
			}
		}
		// A suspected insider is never stated as a fact.
		if in.InsiderSuspected && strings.Contains(r.TriggerZH, "内部人员泄露，") && !strings.Contains(r.TriggerZH, "如经查实") {
			t.Errorf("%+v: suspicion stated as fact: %s", in, r.TriggerZH)
		}
		if in.UsedForCrime && (!strings.Contains(r.ExplanationZH, "第五条第一款第（一）项") || !strings.Contains(r.ExplanationZH, "第五条第一款第（二）项")) {
			t.Errorf("used for a crime: no note on items (1) and (2): %s", r.ExplanationZH)
		}
	}
}

// Issue 15 item 11: a "below" reading never says "not serious". It says what
// is known, what is not, and which answer would change it, with the very
// thresholds Assess compares against (Art. 5 para 1 items (3)–(9)).
func TestBelowSaysWhatIsOpen(t *testing.T) {
	r, err := Assess(Input{Counts: counts{"other": 3}, Misused: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != Below {
		t.Fatalf("verdict = %s", r.Verdict)
	}
	for _, s := range []string{r.HeadlineZH, r.ExplanationZH} {
		if strings.Contains(s, "未达到") {
			t.Errorf("a reading on unknown facts says 未达到: %s", s)
		}
	}
	if !strings.Contains(r.HeadlineZH, "还不能判断") || !strings.Contains(r.HeadlineEN, "Not yet possible") {
		t.Errorf("headline = %q / %q", r.HeadlineZH, r.HeadlineEN)
	}
	if !strings.Contains(strings.Join(r.KnownZH, "；"), "其他个人信息 3 条") {
		t.Errorf("KnownZH = %v", r.KnownZH)
	}
	// Each open fact names the threshold of the item it stands for, as the
	// text of Art. 5 para 1 states it.
	want := map[string][]string{
		OpenCount:    {"行踪轨迹信息、通信内容、征信信息、财产信息达到 50 条", "住宿信息、通信记录、健康生理信息、交易信息达到 500 条", "其他个人信息达到 5000 条", "按比例合计达到 1"},
		OpenGains:    {"5000 元", "内部人员 2500 元"},
		OpenInsider:  {"减半"},
		OpenPrior:    {"刑事处罚", "二年内受过行政处罚", "不论多少条"},
		OpenCrimeUse: {"行踪轨迹信息", "知道或应当知道", "不论多少条"},
	}
	got := map[string]Open{}
	for _, o := range r.Open {
		got[o.Key] = o
		if o.WhatZH == "" || o.WhatEN == "" || o.ChangeEN == "" {
			t.Errorf("open %s lacks a text: %+v", o.Key, o)
		}
		if !strings.Contains(r.ExplanationZH, o.ChangeZH) {
			t.Errorf("ExplanationZH leaves out %q", o.ChangeZH)
		}
	}
	for key, subs := range want {
		o, ok := got[key]
		if !ok {
			t.Errorf("open facts lack %s: %+v", key, r.Open)
			continue
		}
		for _, sub := range subs {
			if !strings.Contains(o.ChangeZH, sub) {
				t.Errorf("%s: ChangeZH %q lacks %q", key, o.ChangeZH, sub)
			}
		}
	}
	// The thresholds in the texts are the ones Assess applies: the answer
	// each text names does change the verdict.
	for _, c := range Categories() {
		if r, _ := Assess(Input{Counts: counts{c.Key: c.Standard}}); r.Verdict != Serious {
			t.Errorf("%s at %d: verdict %s", c.Key, c.Standard, r.Verdict)
		}
	}
	for _, in := range []Input{{GainsYuan: 5000}, {GainsYuan: 2500, Insider: true}, {PriorOffence: true}} {
		if r, _ := Assess(in); r.Verdict != Serious {
			t.Errorf("%+v: verdict %s", in, r.Verdict)
		}
	}
}

func TestBelowDropsWhatIsKnown(t *testing.T) {
	r, err := Assess(Input{GainsYuan: 100, PriorOffence: false, Insider: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range r.Open {
		if o.Key == OpenGains || o.Key == OpenInsider {
			t.Errorf("%s is known but listed as open", o.Key)
		}
	}
	if r2, _ := Assess(Input{Counts: counts{"location": 50}}); len(r2.Open) != 0 || r2.HeadlineZH == "" {
		t.Errorf("a met threshold lists open facts or lacks a headline: %+v", r2)
	}
}

// Issue 13: a matter's joint reading speaks of the victims, not of "you",
// and says it rests on the counts alone; one victim's texts are unchanged.
func TestJointWording(t *testing.T) {
	for _, tc := range []struct {
		victims   int
		want, not string
	}{
		{3, "这 3 名受害人登记的泄露信息合计为", "你知道的泄露信息"},
		{1, "你知道的泄露信息", "受害人登记"},
	} {
		r, err := Assess(Input{Counts: map[string]int64{"other": 10}, Victims: tc.victims})
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join(r.KnownZH, "\n") + r.Open[0].WhatZH
		if !strings.Contains(all, tc.want) || strings.Contains(all, tc.not) {
			t.Errorf("victims %d: %s", tc.victims, all)
		}
	}
}
