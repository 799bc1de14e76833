package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"leakdesk/internal/facts"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
	"leakdesk/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func opts(kind string) report.Options {
	return report.Options{IncludeExhibits: true, Instructions: true}
}

func TestBuildGolden(t *testing.T) {
	for _, kind := range report.Kinds() {
		t.Run(kind, func(t *testing.T) {
			cf, _ := reporttest.Case()
			p, err := report.Build(cf, kind, opts(kind), reporttest.Now)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, kind, p)
		})
	}
}

func TestBuildDeterministic(t *testing.T) {
	for _, kind := range report.Kinds() {
		cf, _ := reporttest.Case()
		a, _ := report.Build(cf, kind, opts(kind), reporttest.Now)
		b, _ := report.Build(cf, kind, opts(kind), reporttest.Now)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two builds differ", kind)
		}
	}
}

func TestBuildRejects(t *testing.T) {
	cf, _ := reporttest.Case()
	if _, err := report.Build(cf, "court", report.Options{}, reporttest.Now); err == nil {
		t.Error("unknown kind accepted")
	}
	if _, err := report.Build(nil, report.KindPolice, report.Options{}, reporttest.Now); err == nil {
		t.Error("nil case accepted")
	}
}

// checkGolden compares the packet, as JSON, with testdata/NAME.golden.json;
// with -update it rewrites the file instead.
func checkGolden(t *testing.T, name string, p report.Packet) {
	t.Helper()
	got, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("packet differs from %s; inspect with -update and git diff", path)
	}
}

// checkBasis fails the test for every statement of the packet that rests
// on something the case does not hold, and returns the statements' text,
// one per line.
func checkBasis(t *testing.T, cf *incident.CaseFile, kind string, o report.Options, p report.Packet) string {
	t.Helper()
	var texts []string
	for _, s := range p.Statements {
		texts = append(texts, s.Text)
		for _, b := range s.Basis {
			if !report.Supported(cf, kind, o, b) {
				t.Errorf("%q rests on %+v, which the case does not hold", s.Text, b)
			}
		}
	}
	return strings.Join(texts, "\n")
}

// allText collects every string of the packet that is printed.
func allText(p report.Packet) string {
	b, _ := json.Marshal(p)
	return string(b)
}

func TestBuildMaskingDefaults(t *testing.T) {
	cf, _ := reporttest.Case()
	full := map[string][]string{
		report.KindPolice:    {reporttest.IDNumber, reporttest.Phone, reporttest.Card},
		report.KindFull:      {reporttest.IDNumber, reporttest.Phone, reporttest.Card},
		report.KindProvider:  {reporttest.Phone},
		report.KindRegulator: {reporttest.IDNumber, reporttest.Phone},
		report.KindConsumer:  {reporttest.Phone},
	}
	hidden := map[string][]string{
		report.KindProvider:  {reporttest.IDNumber, reporttest.Card},
		report.KindRegulator: {reporttest.Card},
		report.KindConsumer:  {reporttest.Card, reporttest.IDNumber},
	}
	for _, kind := range report.Kinds() {
		p, err := report.Build(cf, kind, report.Options{}, reporttest.Now)
		if err != nil {
			t.Fatal(err)
		}
		txt := allText(p)
		for _, n := range full[kind] {
			if !strings.Contains(txt, n) {
				t.Errorf("%s: %s should be shown in full", kind, n)
			}
		}
		for _, n := range hidden[kind] {
			if strings.Contains(txt, n) {
				t.Errorf("%s: %s should be masked", kind, n)
			}
		}
	}
	// Masking everything hides every number, also inside the narrative
	// where the phone is written with spaces.
	p, _ := report.Build(cf, report.KindPolice, report.Options{Mask: &report.Masking{ID: true, Phone: true, Card: true}}, reporttest.Now)
	txt := allText(p)
	for _, n := range []string{reporttest.IDNumber, reporttest.Phone, "138 0013 8000", reporttest.Card} {
		if strings.Contains(txt, n) {
			t.Errorf("masked police packet still contains %s", n)
		}
	}
	for _, want := range []string{"330106********002X", "138****8000", "***************0128"} {
		if !strings.Contains(txt, want) {
			t.Errorf("masked form %s missing", want)
		}
	}
	for _, e := range p.Exhibits {
		if len(e.SHA256) != 64 {
			t.Errorf("hash of %s altered by masking: %q", e.Label, e.SHA256)
		}
	}
}

func TestBuildProviderDeadlineAndExhibits(t *testing.T) {
	cf, _ := reporttest.Case()
	p, err := report.Build(cf, report.KindProvider, report.Options{}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	txt := allText(p)
	// The period runs from receipt; with no recorded delivery no date is
	// printed (a date counted from the letter's own date would be earlier
	// than the period the sentence states).
	if !strings.Contains(txt, "自收到本函之日起15个工作日内") || strings.Contains(txt, "2025年11月24日") {
		t.Error("reply period wrong or a date counted from the letter date printed")
	}
	// From a recorded delivery: 2025-11-05 + 15 working days = 2025-11-26.
	p, _ = report.Build(cf, report.KindProvider, report.Options{Delivered: "2025-11-05"}, reporttest.Now)
	if txt := allText(p); !strings.Contains(txt, "上述期限至2025年11月26日届满") {
		t.Error("no last day from the delivery date")
	}
	// Outside the known holiday calendar the letter prints no date at all:
	// the company never reads an estimate.
	p, _ = report.Build(cf, report.KindProvider, report.Options{Delivered: "2027-03-01", Instructions: true}, reporttest.Now)
	for _, s := range p.Sections {
		for _, bl := range s.Blocks {
			if strings.Contains(bl.Text, "估算") || strings.Contains(bl.Text, "2027年3月") && strings.Contains(bl.Text, "届满") {
				t.Errorf("letter prints an estimated date: %s", bl.Text)
			}
		}
	}
	if _, err := report.Build(cf, report.KindProvider, report.Options{Delivered: "5.11."}, reporttest.Now); err == nil {
		t.Error("bad delivery date accepted")
	}
	p, err = report.Build(cf, report.KindProvider, report.Options{}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Exhibits {
		if e.Render == report.RenderPDF || e.Render == report.RenderText || e.Render == report.RenderSeparate {
			t.Errorf("provider packet includes %s (%s) by default", e.Title, e.Render)
		}
	}
	// An explicit choice wins, and exhibits are numbered within the packet.
	p, _ = report.Build(cf, report.KindProvider, report.Options{Exhibits: []int64{5, 3}}, reporttest.Now)
	if len(p.Exhibits) != 2 || p.Exhibits[0].ID != 3 || p.Exhibits[0].Label != "证据1" || p.Exhibits[1].Label != "证据2" {
		t.Errorf("explicit exhibits: %+v", p.Exhibits)
	}
	p, _ = report.Build(cf, report.KindPolice, report.Options{Exhibits: []int64{}}, reporttest.Now)
	if len(p.Exhibits) != 0 {
		t.Error("empty exhibit choice not honoured")
	}
}

func TestBuildNoUnverifiedFacts(t *testing.T) {
	// Items marked UNVERIFIED in shared/legal/cn-facts.md must never be
	// printed.
	banned := []string{"GB/T 35273", "30日内", "国信办秘字", "www.cyberpolice.cn", "第24号"}
	hotlines := regexp.MustCompile(`(^|[^0-9a-f])(12363|12348|12345)([^0-9a-f]|$)`)
	cf, _ := reporttest.Case()
	for _, kind := range report.Kinds() {
		p, _ := report.Build(cf, kind, report.Options{Instructions: true, IncludeExhibits: true}, reporttest.Now)
		// The PBoC branch's "受理后30日内" is a verified period of its own
		// (征信业管理条例 Art. 26), not one of the unverified 30 days.
		txt := strings.ReplaceAll(allText(p), facts.ZH("period.credit-complaint"), "")
		if m := hotlines.FindString(txt); m != "" {
			t.Errorf("%s packet prints an unverified hotline %q", kind, m)
		}
		for _, b := range banned {
			if strings.Contains(txt, b) {
				t.Errorf("%s packet prints unverified item %q", kind, b)
			}
		}
	}
}

func TestOptionsSetField(t *testing.T) {
	var o report.Options
	o.SetField(report.FieldDemands, " 删除信息 \n\n 赔礼道歉 ")
	o.SetField(report.FieldRecipient, "西湖区派出所")
	if len(o.Demands) != 2 || o.Demands[1] != "赔礼道歉" || o.Recipient != "西湖区派出所" {
		t.Errorf("%+v", o)
	}
}

// C7 of the legal review: with no leaked rows, gains or a major loss still
// give the police their reading; the interpretation's title is written out
// once and then abbreviated. A suspected insider is never a fact.
func TestSeverityReadingWithoutRows(t *testing.T) {
	cf, _ := reporttest.Case()
	cf.Leaked = nil
	cf.Case.Intake.GainsYuan = 60000
	cf.Case.Intake.MajorLoss = true
	cf.Case.Intake.Insider = "yes"
	p, err := report.Build(cf, report.KindPolice, report.Options{}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	var reading string
	for _, st := range p.Statements {
		if strings.Contains(st.Text, "本案可能属于") {
			reading = st.Text
		}
	}
	if !strings.Contains(reading, "“情节特别严重”") {
		t.Fatalf("no especially-serious reading without rows: %q", reading)
	}
	if n := strings.Count(reading, "最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件"); n != 1 {
		t.Errorf("the interpretation's full title appears %d times: %s", n, reading)
	}
	txt := allText(p)
	if strings.Contains(txt, "内部人员泄露，") {
		t.Error("a suspected insider is printed as a fact")
	}
	if !strings.Contains(txt, "怀疑上述信息是有关单位的工作人员") || !strings.Contains(txt, "如经查实") {
		t.Error("the suspected insider is not stated as a suspicion")
	}
}

// Issue 15 item 8: calls and SMS written down as evidence appear in the
// 时间经过 table even when they were never logged as contacts, each
// pointing at its exhibit; a capture time the user did not give is marked
// with where it came from.
func TestTimelineShowsTypedCallsAndSMS(t *testing.T) {
	cf, _ := reporttest.Case()
	cf.Communications = nil
	var sms incident.Exhibit
	for i := range cf.Exhibits {
		if cf.Exhibits[i].Kind == incident.ExhibitSMS {
			cf.Exhibits[i].CapturedFrom = incident.CapturedImported
			sms = cf.Exhibits[i]
		}
		if cf.Exhibits[i].Kind == incident.ExhibitFile {
			cf.Exhibits[i].CapturedFrom = incident.CapturedFileTime
		}
	}
	if sms.ID == 0 {
		t.Fatal("the fixture has no SMS record")
	}
	for _, kind := range []string{report.KindPolice, report.KindConsumer, report.KindRegulator} {
		p, err := report.Build(cf, kind, opts(kind), reporttest.Now)
		if err != nil {
			t.Fatal(err)
		}
		var label string
		for _, e := range p.Exhibits {
			if e.ID == sms.ID {
				label = e.Label
			}
			if e.Kind == string(incident.ExhibitFile) && !strings.HasSuffix(e.Captured, "（取自文件时间）") {
				t.Errorf("%s: file exhibit time %q is not marked as the file's time", kind, e.Captured)
			}
		}
		found := false
		for _, s := range p.Sections {
			for _, bl := range s.Blocks {
				if bl.Table == nil {
					continue
				}
				for _, row := range bl.Table.Rows {
					if len(row) == 4 && row[1] == "收到短信" && row[2] == sms.RecordNumber &&
						row[3] == sms.RecordText+"（见"+label+"）" && strings.HasSuffix(row[0], "（取自导入时间）") {
						found = true
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: the SMS record is not a row of the timeline", kind)
		}
	}
}

// Issue 15 item 2: the courier or the shop? Both. The police report names
// both; each gets its own complaint and deletion letter, addressed by its
// own kind, about it alone.
func TestSeveralSuspects(t *testing.T) {
	cf, _ := reporttest.Case()
	c := &cf.Case
	c.SourceKind, c.SourceOrg, c.SourceAddr = incident.SourceCourier, "顺丰速运", "深圳市南山区某路1号"
	c.Intake.Grounds = []string{"customer"}
	c.Intake.Suspects = []incident.Suspect{
		{Kind: incident.SourceCourier, Name: "顺丰速运", Grounds: []string{"customer"}},
		{Kind: incident.SourceEcommerce, Name: "某某旗舰店", Addr: "杭州市余杭区某路8号", Grounds: []string{"knew-details"}},
	}
	text := func(p report.Packet) string {
		var b strings.Builder
		b.WriteString(p.Title + p.Cover.Subtitle + p.Cover.Recipient)
		for _, s := range p.Sections {
			for _, bl := range s.Blocks {
				b.WriteString(bl.Text)
				for _, kv := range bl.KV {
					b.WriteString(kv.Key + kv.Value)
				}
			}
		}
		return b.String()
	}
	police, err := report.Build(cf, report.KindPolice, report.Options{}, reporttest.Now)
	if err != nil {
		t.Fatal(err)
	}
	pt := text(police)
	for _, want := range []string{"顺丰速运", "某某旗舰店", "杭州市余杭区某路8号", "只有某某旗舰店掌握的信息细节"} {
		if !strings.Contains(pt, want) {
			t.Errorf("police report lacks %q", want)
		}
	}
	for n, want := range map[int]struct{ name, not, office string }{
		1: {"顺丰速运", "某某旗舰店", "邮政管理局"},
		2: {"某某旗舰店", "顺丰速运", "市场监督管理局"},
	} {
		for _, kind := range []string{report.KindRegulator, report.KindProvider, report.KindConsumer} {
			p, err := report.Build(cf, kind, report.Options{Suspect: n}, reporttest.Now)
			if err != nil {
				t.Fatal(err)
			}
			pt := text(p)
			if !strings.Contains(pt, want.name) || strings.Contains(pt, want.not) {
				t.Errorf("%s to suspect %d: names %q=%v, %q=%v", kind, n, want.name, strings.Contains(pt, want.name), want.not, strings.Contains(pt, want.not))
			}
			if kind == report.KindRegulator && !strings.Contains(p.Cover.Recipient, want.office) {
				t.Errorf("regulator complaint about suspect %d goes to %q, want the %s", n, p.Cover.Recipient, want.office)
			}
		}
	}
	if _, err := report.Build(cf, report.KindConsumer, report.Options{Suspect: 3}, reporttest.Now); err == nil {
		t.Error("a packet to a suspect the case does not have was built")
	}
	// A case stored before several suspects: its one source is the list.
	old, _ := reporttest.Case()
	if l := old.Case.SuspectList(); len(l) != 1 || l[0].Name != old.Case.SourceOrg || l[0].Kind != old.Case.SourceKind {
		t.Errorf("old case reads as suspects %+v", l)
	}
}
