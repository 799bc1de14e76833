package report_test

import (
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/report"
	"leakdesk/internal/report/reporttest"
)

// withRefusal is the fixture after the police report was handed in on 1
// November and a 不予立案通知书 came on 20 November, recorded with its number
// and the notice as evidence 9.
func withRefusal(t *testing.T) *incident.CaseFile {
	t.Helper()
	cf, _ := reporttest.Case()
	for i := range cf.Steps {
		if cf.Steps[i].Kind == "police-report" {
			cf.Steps[i].Status = incident.StepDone
			cf.Steps[i].Organisation = "杭州市公安局西湖区分局"
			cf.Steps[i].Reference = "西公受字〔2025〕0101号"
		}
	}
	cf.Exhibits = append(cf.Exhibits, incident.Exhibit{ID: 9, CaseID: 1, Number: 9, Kind: incident.ExhibitNote, Title: "不予立案通知书",
		Source: "公安机关送达", Proves: "公安机关决定不予立案", CapturedAt: time.Date(2025, 11, 20, 2, 0, 0, 0, time.UTC), SHA256: strings.Repeat("ab", 32), StepIDs: []int64{5}})
	reporttest.AddEvent(cf, time.Date(2025, 11, 1, 2, 0, 0, 0, time.UTC), incident.EventStepStatus, "step:5", map[string]string{"from": "todo", "to": "doing"})
	reporttest.AddEvent(cf, time.Date(2025, 11, 21, 2, 0, 0, 0, time.UTC), incident.EventStepReply, "step:5", map[string]string{
		"outcome": playbook.ReplyRefused, "date": "2025-11-20", "reference": "西公不立字〔2025〕12号", "exhibit": "9", "next": "police-reconsideration"})
	return cf
}

// Issue 12: the 复议申请书 states the report, the notice's date and number
// from the recorded reply, the victim's reasons when given, and every
// statement rests on something the case or the register holds.
func TestReconsiderationFromRecordedRefusal(t *testing.T) {
	cf := withRefusal(t)
	o := report.Options{IncludeExhibits: true, Instructions: true}
	o.SetField(report.FieldReasons, "通知书没有说明不立案的理由。")
	p, err := report.Build(cf, report.KindReconsideration, o, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	all := checkBasis(t, cf, report.KindReconsideration, o, p)
	for _, want := range []string{
		"撤销杭州市公安局西湖区分局作出的不予立案决定（文号：西公不立字〔2025〕12号）",
		"2025年11月1日，申请人就本人个人信息被非法获取、出售或者提供一事向杭州市公安局西湖区分局报案（控告）。",
		"受案回执编号：西公受字〔2025〕0101号。",
		"2025年11月20日，申请人收到杭州市公安局西湖区分局的不予立案通知书（文号：西公不立字〔2025〕12号）。",
		"通知书没有说明不立案的理由。",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the document does not state %q:\n%s", want, all)
		}
	}
	if p.Instructions == nil || !strings.Contains(strings.Join(p.Instructions.Items, ""), "期限至2025年11月27日") {
		t.Errorf("instructions lack the last day (20 Nov + 7 days): %+v", p.Instructions)
	}
	checkGolden(t, "reconsideration-refusal", p)
}

// Without a recorded refusal nothing about a decision is stated: the dates
// and the number are blanks to fill in by hand.
func TestReconsiderationWithoutRefusalStatesNoDecision(t *testing.T) {
	cf, _ := reporttest.Case()
	p, err := report.Build(cf, report.KindReconsideration, report.Options{}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range p.Statements {
		if strings.Contains(s.Text, "不予立案通知书") || strings.Contains(s.Text, "文号") {
			t.Errorf("states a decision that is not recorded: %q", s.Text)
		}
	}
}

// Issue 12: the regulator complaint cites the unanswered deletion demand
// as recorded: when it went out, that no answer came by its date, and the
// proof in the evidence.
func TestRegulatorCitesTheUnansweredDemand(t *testing.T) {
	cf := withRefusal(t)
	for i := range cf.Steps {
		if cf.Steps[i].Kind == "deletion-demand" {
			cf.Steps[i].Status = incident.StepDone
			cf.Steps[i].Reference = "EMS1234567890"
		}
	}
	reporttest.AddEvent(cf, time.Date(2025, 11, 25, 2, 0, 0, 0, time.UTC), incident.EventStepReply, "step:4", map[string]string{"outcome": playbook.ReplyNone, "date": "2025-11-24", "exhibit": "5"})
	o := report.Options{}
	p, err := report.Build(cf, report.KindRegulator, o, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range p.Statements {
		if strings.Contains(s.Text, "发出个人信息删除请求，编号为EMS1234567890；2025年11月24日前，对方未作答复（见证据5）") {
			found = true
			for _, b := range s.Basis {
				if !report.Supported(cf, report.KindRegulator, o, b) {
					t.Errorf("%q rests on %+v, which the case does not hold", s.Text, b)
				}
			}
		}
	}
	if !found {
		for _, s := range p.Statements {
			t.Log(s.Text)
		}
		t.Error("the regulator complaint does not cite the unanswered deletion demand")
	}
}

// Issue 12: the 复核申请书 states the report, the notice, the 复议 and its
// decision as recorded, and its instructions give the last day (7 days
// after the decision came).
func TestReviewFromRecordedDecision(t *testing.T) {
	cf := withRefusal(t)
	cf.Steps = append(cf.Steps, incident.Step{ID: 7, CaseID: 1, Kind: "police-reconsideration", Position: 7, Status: incident.StepDone, Organisation: "杭州市公安局西湖区分局"})
	reporttest.AddEvent(cf, time.Date(2025, 11, 24, 2, 0, 0, 0, time.UTC), incident.EventStepStatus, "step:7", map[string]string{"from": "todo", "to": "doing"})
	reporttest.AddEvent(cf, time.Date(2025, 12, 20, 2, 0, 0, 0, time.UTC), incident.EventStepReply, "step:7", map[string]string{
		"outcome": playbook.ReplyRefused, "date": "2025-12-19", "reference": "西公复字〔2025〕3号", "next": "police-review"})
	o := report.Options{IncludeExhibits: true, Instructions: true}
	o.SetField(report.FieldRecipient, "杭州市公安局")
	p, err := report.Build(cf, report.KindReview, o, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	all := checkBasis(t, cf, report.KindReview, o, p)
	for _, want := range []string{
		"对杭州市公安局西湖区分局作出的复议决定（文号：西公复字〔2025〕3号）进行复核",
		"2025年11月20日，申请人收到杭州市公安局西湖区分局的不予立案通知书（文号：西公不立字〔2025〕12号）。",
		"2025年11月24日，申请人向杭州市公安局西湖区分局申请复议。",
		"2025年12月19日，申请人收到杭州市公安局西湖区分局的复议决定，决定仍不予立案（文号：西公复字〔2025〕3号）。",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the document does not state %q:\n%s", want, all)
		}
	}
	if p.Title != "复核申请书" || p.Cover.Recipient != "致：杭州市公安局" {
		t.Errorf("title %q to %q", p.Title, p.Cover.Recipient)
	}
	if p.Instructions == nil || !strings.Contains(strings.Join(p.Instructions.Items, ""), "期限至2025年12月26日") {
		t.Errorf("instructions lack the last day (19 Dec + 7 days): %+v", p.Instructions)
	}
	checkGolden(t, "review-decision", p)
}

// Issue 12: the police packet's losses state the time and expense log's
// totals, only when entries exist.
func TestPoliceLossesFromTheExpenseLog(t *testing.T) {
	cf, _ := reporttest.Case()
	has := func(p report.Packet) string {
		for _, s := range p.Statements {
			if strings.Contains(s.Text, "为处理此事") {
				return s.Text
			}
		}
		return ""
	}
	p, _ := report.Build(cf, report.KindPolice, report.Options{}, reporttest.Now)
	if s := has(p); s != "" {
		t.Errorf("states costs with nothing logged: %q", s)
	}
	for _, d := range []map[string]string{
		{"date": "2025-10-30", "category": "postage", "amount_fen": "2200"},
		{"date": "2025-10-30", "category": "transport", "amount_fen": "850"},
		{"date": "2025-10-31", "category": "time", "hours": "2.5"},
	} {
		prev := cf.Events[len(cf.Events)-1]
		reporttest.AddEvent(cf, prev.At.Add(time.Hour), incident.EventExpenseAdded, "case:1", d)
	}
	p, _ = report.Build(cf, report.KindPolice, report.Options{}, reporttest.Now)
	want := "为处理此事，控告人已支出交通费8.5元、邮寄费22元，共计人民币30.5元；另花费时间约2.5小时。"
	if s := has(p); s != want {
		t.Errorf("costs stated as %q, want %q", s, want)
	}
}

// Issue 12: the 立案监督申请书 after a report left undecided: it states the
// report and that no answer came by the recorded date, and nothing about a
// notice that was never recorded.
func TestSupervisionAfterNoDecision(t *testing.T) {
	cf, _ := reporttest.Case()
	for i := range cf.Steps {
		if cf.Steps[i].Kind == "police-report" {
			cf.Steps[i].Status = incident.StepDone
			cf.Steps[i].Organisation = "西湖派出所"
			cf.Steps[i].Reference = "西公受字〔2025〕0101号"
		}
	}
	reporttest.AddEvent(cf, time.Date(2025, 11, 1, 2, 0, 0, 0, time.UTC), incident.EventStepStatus, "step:5", map[string]string{"from": "todo", "to": "doing"})
	reporttest.AddEvent(cf, time.Date(2025, 12, 2, 2, 0, 0, 0, time.UTC), incident.EventStepReply, "step:5", map[string]string{"outcome": playbook.ReplyNone, "date": "2025-12-01", "next": "procuratorate-supervision"})
	o := report.Options{Instructions: true, IncludeExhibits: true}
	o.SetField(report.FieldRecipient, "杭州市西湖区人民检察院")
	p, err := report.Build(cf, report.KindSupervision, o, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	all := checkBasis(t, cf, report.KindSupervision, o, p)
	for _, want := range []string{
		"依法要求西湖派出所说明不立案的理由",
		"2025年11月1日，申请人就本人个人信息被非法获取、出售或者提供一事向西湖派出所报案（控告）。",
		"截至2025年12月1日，西湖派出所对是否立案未作答复。",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the document does not state %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "不予立案通知书") {
		t.Errorf("states a notice that was never recorded:\n%s", all)
	}
	checkGolden(t, "supervision-undecided", p)
}

// Issue 12: the 民事起诉状 draft claims only the damages the case holds: the
// money lost as answered plus the expense log's totals, itemised; without
// either the amount is a blank.
func TestCivilClaimDamagesFromTheCase(t *testing.T) {
	cf, _ := reporttest.Case()
	claim := func(cf *incident.CaseFile) (string, report.Packet) {
		o := report.Options{Instructions: true, IncludeExhibits: true}
		p, err := report.Build(cf, report.KindCivil, o, reporttest.Now)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range p.Statements {
			for _, b := range s.Basis {
				if !report.Supported(cf, report.KindCivil, o, b) {
					t.Errorf("%q rests on %+v, which the case does not hold", s.Text, b)
				}
			}
			if strings.HasPrefix(s.Text, "判令被告赔偿") {
				return s.Text, p
			}
		}
		return "", p
	}
	if got, _ := claim(cf); got != "" {
		t.Errorf("claims an amount with nothing entered: %q", got)
	}
	cf.Case.Intake.Happened = append(cf.Case.Intake.Happened, "money-lost")
	cf.Case.Intake.LossYuan = 3000
	prev := cf.Events[len(cf.Events)-1]
	reporttest.AddEvent(cf, prev.At.Add(time.Hour), incident.EventExpenseAdded, "case:1", map[string]string{"date": "2025-10-30", "category": "postage", "amount_fen": "2250"})
	got, p := claim(cf)
	if want := "判令被告赔偿原告经济损失人民币3022.5元（被骗或者被盗刷的损失3000元；邮寄费22.5元）。"; got != want {
		t.Errorf("claim %q, want %q", got, want)
	}
	checkGolden(t, "civil-damages", p)
}
