package report_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/report"
	"leakdesk/internal/report/reporttest"
)

// withCreditObjection is the fixture after a loan taken in the victim's name:
// the credit objection (step 7) handed in on 3 November, delivered by EMS
// on 5 November with the postal receipt as evidence 9, and no answer by
// 25 November.
func withCreditObjection(t *testing.T) *incident.CaseFile {
	t.Helper()
	cf, _ := reporttest.Case()
	cf.Case.Intake.Happened = append(cf.Case.Intake.Happened, "loan-in-name")
	cf.Steps = append(cf.Steps, incident.Step{ID: 7, CaseID: 1, Kind: "credit-dispute", Position: 7, Status: incident.StepDone,
		Organisation: "示例消费金融有限公司"})
	cf.Exhibits = append(cf.Exhibits, incident.Exhibit{ID: 9, CaseID: 1, Number: 9, Kind: incident.ExhibitNote, Title: "EMS邮寄凭证和妥投记录",
		Source: "中国邮政寄件凭证", Proves: "异议申请已于2025年11月5日送达", CapturedAt: time.Date(2025, 11, 5, 2, 0, 0, 0, time.UTC),
		SHA256: strings.Repeat("cd", 32), StepIDs: []int64{7}})
	reporttest.AddEvent(cf, time.Date(2025, 11, 3, 2, 0, 0, 0, time.UTC), incident.EventStepStatus, "step:7", map[string]string{"from": "todo", "to": "doing"})
	reporttest.AddEvent(cf, time.Date(2025, 11, 6, 2, 0, 0, 0, time.UTC), incident.EventStepDelivered, "step:7", map[string]string{
		"method": incident.DeliveryEMS, "date": "2025-11-05", "tracking": "1151234567890", "exhibit": "9"})
	reporttest.AddEvent(cf, time.Date(2025, 11, 26, 2, 0, 0, 0, time.UTC), incident.EventStepReply, "step:7", map[string]string{
		"outcome": playbook.ReplyNone, "date": "2025-11-25", "next": "credit-complaint"})
	return cf
}

// Issue 12: the 征信 complaint states the objection, its delivery and the
// missing answer as recorded, cites only register facts, and every
// statement rests on what the case holds.
func TestCreditComplaintFromRecordedObjection(t *testing.T) {
	cf := withCreditObjection(t)
	o := report.Options{IncludeExhibits: true, Instructions: true}
	p, err := report.Build(cf, report.KindCredit, o, time.Date(2025, 12, 1, 2, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	all := checkBasis(t, cf, report.KindCredit, o, p)
	for _, want := range []string{
		// The step was marked handed in on 3 November, but a delivery is
		// recorded: its date is the one stated.
		"投诉人曾向示例消费金融有限公司就本人信用报告中的错误记录提出异议。",
		"该异议申请以EMS或者快递寄送，于2025年11月5日送达对方（邮件号：1151234567890）（见证据9）。",
		"截至2025年11月25日，被投诉人未作书面答复。",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the document does not state %q:\n%s", want, all)
		}
	}
	if p.Cover.Title != "投诉书" || !strings.Contains(p.Cover.Recipient, "中国人民银行当地分支机构") {
		t.Errorf("cover %+v", p.Cover)
	}
	body, _ := json.Marshal(p.Sections)
	for _, want := range []string{"收到异议之日起20日内", "受理后30日内", "示例消费金融有限公司", "此致"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the document lacks %q", want)
		}
	}
	checkGolden(t, "credit-objection", p)
}

// Without a recorded objection the complaint states nothing about one: who,
// when and what came back are blanks to fill in by hand.
func TestCreditComplaintWithoutObjectionLeavesBlanks(t *testing.T) {
	cf, _ := reporttest.Case()
	p, err := report.Build(cf, report.KindCredit, report.Options{}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range p.Statements {
		if strings.Contains(s.Text, "异议") || strings.Contains(s.Text, "送达") {
			t.Errorf("states an objection that is not recorded: %q", s.Text)
		}
	}
	body, _ := json.Marshal(p.Sections)
	if !strings.Contains(string(body), "投诉人于________________向________________提出异议") {
		t.Errorf("no blanks for the objection:\n%s", body)
	}
}

// Issue 12: the regulator complaint and the civil claim cite the demand's
// proof of delivery when one is recorded, and not otherwise.
func TestDeliveryCitedOnlyWhenRecorded(t *testing.T) {
	for _, kind := range []string{report.KindRegulator, report.KindCivil} {
		cf, _ := reporttest.Case()
		for i := range cf.Steps {
			if cf.Steps[i].Kind == "deletion-demand" {
				cf.Steps[i].Status = incident.StepDoing
			}
		}
		without, err := report.Build(cf, kind, report.Options{}, reporttest.Now)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range without.Statements {
			if strings.Contains(s.Text, "送达对方") {
				t.Errorf("%s: states a delivery that is not recorded: %q", kind, s.Text)
			}
		}
		reporttest.AddEvent(cf, time.Date(2025, 11, 6, 2, 0, 0, 0, time.UTC), incident.EventStepDelivered, "step:4", map[string]string{"method": incident.DeliveryEmail, "date": "2025-11-05", "tracking": "个人信息删除请求函", "exhibit": "5"})
		o := report.Options{}
		with, err := report.Build(cf, kind, o, reporttest.Now)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range with.Statements {
			if strings.Contains(s.Text, "发出个人信息删除请求，目前尚在处理中；以电子邮件发送，于2025年11月5日送达对方（编号：个人信息删除请求函）（见证据5）") {
				found = true
				for _, b := range s.Basis {
					if !report.Supported(cf, kind, o, b) {
						t.Errorf("%s: %q rests on %+v, which the case does not hold", kind, s.Text, b)
					}
				}
			}
		}
		if !found {
			t.Errorf("%s does not cite the delivery:\n%+v", kind, with.Statements)
		}
	}
}

// Issue 12: the 起诉状 prints the defendant's credit code and legal
// representative as entered, for each suspect's own claim, and blanks
// when nothing is entered; the court is the one typed for the export.
func TestCivilClaimRegistration(t *testing.T) {
	defendant := func(p report.Packet) map[string]string {
		out := map[string]string{}
		for _, s := range p.Sections {
			if s.ID != "defendant" {
				continue
			}
			for _, b := range s.Blocks {
				for _, kv := range b.KV {
					out[kv.Key] = kv.Value
				}
			}
		}
		return out
	}
	cf, _ := reporttest.Case()
	p, err := report.Build(cf, report.KindCivil, report.Options{}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	if d := defendant(p); d["统一社会信用代码："] != "________________" || d["法定代表人："] != "________________" {
		t.Errorf("nothing entered, defendant %v", d)
	}
	if !strings.Contains(p.Cover.Recipient, "________________人民法院") {
		t.Errorf("no court entered, cover %q", p.Cover.Recipient)
	}
	cf.Case.Intake.SourceCode, cf.Case.Intake.SourceRep = "91330106MA2XXXXXX1", "张三"
	cf.Case.Intake.Suspects = []incident.Suspect{
		{Kind: cf.Case.SourceKind, Name: cf.Case.SourceOrg},
		{Kind: incident.SourceEcommerce, Name: "某网店", Code: "91330106MA2YYYYYY2", Rep: "李四"},
	}
	o := report.Options{}
	o.SetField(report.FieldRecipient, "杭州市西湖区人民法院")
	p, _ = report.Build(cf, report.KindCivil, o, reporttest.Now)
	if d := defendant(p); d["统一社会信用代码："] != "91330106MA2XXXXXX1" || d["法定代表人："] != "张三" || p.Cover.Recipient != "致：杭州市西湖区人民法院" {
		t.Errorf("main suspect: defendant %v, cover %q", d, p.Cover.Recipient)
	}
	o.SetField(report.FieldSuspect, "2")
	p, _ = report.Build(cf, report.KindCivil, o, reporttest.Now)
	if d := defendant(p); d["名　　称："] != "某网店" || d["统一社会信用代码："] != "91330106MA2YYYYYY2" || d["法定代表人："] != "李四" {
		t.Errorf("second suspect: defendant %v", d)
	}
}

// Issue 12: a 复议 time limit that would end on a holiday ends on the first
// working day after it (刑事诉讼法 Art. 105), and the instructions say why.
func TestReconsiderationLimitRollsOverTheHoliday(t *testing.T) {
	cf := withRefusal(t)
	last := &cf.Events[len(cf.Events)-1]
	last.Data["date"] = "2026-09-30" // + 7 days is 7 October, inside 国庆
	last.Hash = last.ComputeHash()
	p, err := report.Build(cf, report.KindReconsideration, report.Options{Instructions: true}, time.Date(2026, 10, 2, 2, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	items := strings.Join(p.Instructions.Items, "\n")
	for _, want := range []string{"期限至2026年10月8日。", "期间的最后一日为节假日的，以节假日后的第一日为期满日期（《刑事诉讼法》第一百零五条）。"} {
		if !strings.Contains(items, want) {
			t.Errorf("instructions lack %q:\n%s", want, items)
		}
	}
	cf = withRefusal(t) // 20 November 2025 + 7: a Thursday, no roll-over
	p, _ = report.Build(cf, report.KindReconsideration, report.Options{Instructions: true}, reporttest.Now)
	if items := strings.Join(p.Instructions.Items, "\n"); strings.Contains(items, "节假日后的第一日") {
		t.Errorf("a roll-over note without a holiday:\n%s", items)
	}
}

// What a reply, a refusal or a delivery states is changed where it was
// recorded: on the plan.
func TestRecordedOnThePlanIsChangedThere(t *testing.T) {
	for _, key := range []string{"reply:police-report", "refusal:police-report", "reply_ref:police-report", "delivery:credit-dispute"} {
		if w := (report.Source{Kind: report.SrcCase, Key: key}).Where(); w != "plan" {
			t.Errorf("%s is changed in %q", key, w)
		}
	}
}

// The deletion letter's reminder counts the reply period from the delivery
// recorded on the plan when the export names no date.
func TestProviderReminderFromRecordedDelivery(t *testing.T) {
	cf, _ := reporttest.Case()
	prev := cf.Events[len(cf.Events)-1]
	reporttest.AddEvent(cf, prev.At, incident.EventStepDelivered, "step:4", map[string]string{"method": incident.DeliveryEMS, "date": "2025-11-03"})
	p, err := report.Build(cf, report.KindProvider, report.Options{Instructions: true}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	if items := strings.Join(p.Instructions.Items, "\n"); !strings.Contains(items, "本函已于2025年11月3日送达") {
		t.Errorf("reminder:\n%s", items)
	}
}
