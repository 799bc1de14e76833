package report_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
	"leakdesk/internal/report/reporttest"
)

// jointVictims are three victims of one respondent: the fixture case, a
// second victim with other answers and no evidence, and a third.
func jointVictims(t *testing.T) []*incident.CaseFile {
	t.Helper()
	a, _ := reporttest.Case()
	b := *a
	b.Case.ID, b.Case.Victim = 2, incident.Victim{Name: "李二", IDNumber: "110105194912310021", Phone: "13900001111", Address: "北京市朝阳区某路2号"}
	b.Case.Narrative = "我接到多次推销电话，对方知道我买的房号。"
	b.Case.Intake.Happened = []string{"harassment"}
	b.Exhibits = nil
	b.Leaked = []incident.LeakedData{{CaseID: 2, Category: "property", Count: 30}}
	c := b
	c.Case.ID, c.Case.Victim = 3, incident.Victim{Name: "赵三"}
	c.Leaked = []incident.LeakedData{{CaseID: 3, Category: "property", Count: 25}}
	return []*incident.CaseFile{a, &b, &c}
}

func jointText(p report.Packet) string {
	b, _ := json.Marshal(p)
	return string(b)
}

// The joint document names only the victims given, states only what their
// answers support, numbers the evidence across them with its owner, gives
// one signature block each, names the agent only for valid authorisations,
// and masks per recipient.
func TestBuildJoint(t *testing.T) {
	now := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	files := jointVictims(t)
	day := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	files[0].Case.Authorisation = &incident.Authorisation{IssuedOn: day, SignedOn: day, Until: day.AddDate(1, 0, 0), Agent: "陈律"}
	files[1].Case.Authorisation = &incident.Authorisation{IssuedOn: day, Until: day.AddDate(1, 0, 0), Agent: "陈律"} // unsigned
	included := files[:2]
	for _, cf := range included {
		cf.Case.JointConsent = day
	}
	m := incident.Matter{ID: 7, Title: "业主", Respondent: incident.Respondent{Name: "某房地产开发有限公司", Addr: "某市某路1号", Kind: incident.SourceRealEstate}}
	reading, err := incident.JointReading(included)
	if err != nil {
		t.Fatal(err)
	}
	agent := &incident.Agent{Name: "陈律", Org: "某大学法律援助中心", Phone: "010-12345678"}
	for _, tc := range []struct {
		kind       string
		idShown    bool
		fingerprts bool
	}{
		{report.KindJointPolice, true, true},
		{report.KindJointConsumer, false, false},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			p, err := report.BuildJoint(report.JointInput{Matter: m, Included: included, Agent: agent, Reading: reading}, tc.kind, report.Options{IncludeExhibits: true}, now)
			if err != nil {
				t.Fatal(err)
			}
			txt := jointText(p)
			if strings.Contains(txt, "赵三") {
				t.Error("a victim without consent is named")
			}
			if !strings.Contains(txt, "李二") || !strings.Contains(txt, "某房地产开发有限公司") {
				t.Error("a victim or the respondent is missing")
			}
			if strings.Contains(txt, "110105194912310021") != tc.idShown {
				t.Errorf("ID number shown: %v, want %v", !tc.idShown, tc.idShown)
			}
			// Evidence: the first victim's only (the second has none),
			// numbered from 1, each with its owner.
			if len(p.Exhibits) != len(files[0].Exhibits) || len(p.Exhibits) == 0 {
				t.Fatalf("%d exhibits", len(p.Exhibits))
			}
			for i, e := range p.Exhibits {
				if e.Number != i+1 || !strings.HasPrefix(e.Source, files[0].Case.Victim.Name+"提供") {
					t.Errorf("exhibit %d: %d %q", i, e.Number, e.Source)
				}
			}
			// One signature block per victim, and the agent's: only the
			// first victim's authorisation is signed and in its term.
			sigs, agentNamed := 0, false
			for _, s := range p.Sections {
				for _, bl := range s.Blocks {
					if bl.Signature != nil {
						sigs++
						agentLine := strings.HasPrefix(bl.Signature.Lines[0].Key, "代理人")
						if !agentLine && (bl.Signature.Fingerprint != "") != tc.fingerprts {
							t.Errorf("fingerprint box: %q", bl.Signature.Fingerprint)
						}
					}
				}
			}
			for _, st := range p.Statements {
				if strings.HasPrefix(st.Text, "代理人受下列") {
					agentNamed = true
					if !strings.Contains(st.Text, files[0].Case.Victim.Name) || strings.Contains(st.Text, "李二") {
						t.Errorf("agent statement: %s", st.Text)
					}
				}
			}
			if sigs != len(included)+1 || !agentNamed {
				t.Errorf("%d signature blocks, agent named %v", sigs, agentNamed)
			}
			// Every statement rests on answers one of the named victims
			// gave (or on the law).
			for _, st := range p.Statements {
				for _, src := range st.Basis {
					ok := src.Kind == report.SrcFact
					for _, cf := range included {
						ok = ok || report.Supported(cf, report.KindPolice, report.Options{}, src)
					}
					if !ok {
						t.Errorf("%q rests on %+v, which no victim's case supports", st.Text, src)
					}
				}
			}
			if tc.kind == report.KindJointPolice && !strings.Contains(txt, "财产信息") {
				t.Error("the joint counts are missing")
			}
		})
	}
	// Two victims are "均" and "共同"; one alone is neither.
	for n, want := range map[int]string{
		2: "上述2名控告人均认为本人的个人信息可能是从某房地产开发有限公司泄露的，并同意共同提交本材料。",
		1: "控告人认为本人的个人信息可能是从某房地产开发有限公司泄露的。具体泄露者",
	} {
		r, _ := incident.JointReading(included[:n])
		p, err := report.BuildJoint(report.JointInput{Matter: m, Included: included[:n], Agent: agent, Reading: r}, report.KindJointPolice, report.Options{}, now)
		if err != nil {
			t.Fatal(err)
		}
		if txt := jointText(p); !strings.Contains(txt, want) || (n == 1 && strings.Contains(txt, "均认为")) {
			t.Errorf("%d victims: the common facts do not read %q", n, want)
		}
	}
	// The cause says whom the fraud reached: the one victim, every one of
	// them, or some (the second victim answered harassment only).
	scammedToo := *included[0]
	scammedToo.Case.ID, scammedToo.Case.Victim.Name = 9, "周九"
	for _, tc := range []struct {
		victims []*incident.CaseFile
		want    string
	}{
		{included[:1], "有关人员利用上述信息对控告人实施诈骗"},
		{included[:2], "有关人员利用上述信息对部分控告人实施诈骗"},
		{[]*incident.CaseFile{included[0], &scammedToo}, "有关人员利用上述信息对各控告人实施诈骗"},
	} {
		r, _ := incident.JointReading(tc.victims)
		p, err := report.BuildJoint(report.JointInput{Matter: m, Included: tc.victims, Agent: agent, Reading: r}, report.KindJointPolice, report.Options{}, now)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(jointText(p), tc.want) {
			t.Errorf("%d victims: the cause does not read %q", len(tc.victims), tc.want)
		}
	}
	if _, err := report.BuildJoint(report.JointInput{Matter: m}, report.KindJointPolice, report.Options{}, now); err == nil {
		t.Error("a joint document without victims was built")
	}
}

// The 授权委托书 names principal, agent, matters, powers, term and the
// signature lines, and masks nothing.
func TestBuildAuthorisation(t *testing.T) {
	cf, _ := reporttest.Case()
	day := time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)
	p, err := report.BuildAuthorisation(cf, incident.Agent{Name: "陈律", Org: "某大学法律援助中心"},
		incident.Authorisation{IssuedOn: day, Until: day.AddDate(1, 0, -1)}, "某公司", report.Options{}, day)
	if err != nil {
		t.Fatal(err)
	}
	txt := jointText(p)
	for _, want := range []string{"委托人", "受托人", "陈律", "委托事项", "代理权限", "委托期限", "自2025年11月3日起至2026年11月2日止", "委托人（签名）", "受托人（签名）", reporttest.IDNumber, "某公司"} {
		if !strings.Contains(txt, want) {
			t.Errorf("authorisation lacks %q", want)
		}
	}
	if !p.Plain {
		t.Error("the authorisation has a cover page")
	}
	if _, err := report.BuildAuthorisation(cf, incident.Agent{}, incident.Authorisation{}, "", report.Options{}, day); err == nil {
		t.Error("an authorisation without an agent was built")
	}
}
