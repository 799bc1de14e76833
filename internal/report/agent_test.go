package report_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
	"leakdesk/internal/report/reporttest"
)

// A victim's own packets name the matter's volunteer as 委托代理人 only
// under a signed authorisation in its term on the packet's date, and only
// the packets the authorisation covers; the goldens fix both cases.
func TestOwnPacketsNameTheAgent(t *testing.T) {
	agent := &incident.Agent{Name: "陈律", Org: "某大学法律援助中心", Phone: "010-12345678"}
	day := time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC) // before reporttest.Now (2025-11-03)
	valid := &incident.Authorisation{IssuedOn: day, SignedOn: day.AddDate(0, 0, 2), Until: day.AddDate(1, 0, -1), Agent: agent.Name}
	unsigned := &incident.Authorisation{IssuedOn: day, Until: day.AddDate(1, 0, -1), Agent: agent.Name}
	expired := &incident.Authorisation{IssuedOn: day.AddDate(-1, 0, 0), SignedOn: day.AddDate(-1, 0, 0), Until: day.AddDate(0, 0, -1), Agent: agent.Name}
	other := *valid
	other.Agent = "李律" // a case imported from another volunteer's install
	notYet := &incident.Authorisation{IssuedOn: day.AddDate(0, 1, 0), SignedOn: day, Until: day.AddDate(1, 0, 0), Agent: agent.Name}
	for _, tc := range []struct {
		name   string
		a      *incident.Authorisation
		agent  *incident.Agent
		named  bool
		note   string // on the instructions page
		golden string // police packet, "" for none
	}{
		{"valid", valid, agent, true, "本材料写明了委托代理人", "police-agent"},
		{"unsigned", unsigned, agent, false, "还没有登记为已签署。本材料没有写明委托代理人", ""},
		{"expired", expired, agent, false, "已于2025年10月19日到期。本材料没有写明委托代理人", "police-agent-expired"},
		{"not yet", notYet, agent, false, "自2025年11月20日起生效。本材料没有写明委托代理人", ""},
		{"missing", nil, agent, false, "没有授权委托书", ""},
		{"another agent's", &other, agent, false, "的授权委托书委托的是李律，不是你", ""},
		{"not in a matter", valid, nil, false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The kinds that may name her and two that never do.
			for _, kind := range append(report.AgentKinds(), report.KindReconsideration, report.KindFull) {
				cf, _ := reporttest.Case()
				cf.Case.Authorisation = tc.a
				o := opts(kind)
				o.Agent = tc.agent
				p, err := report.Build(cf, kind, o, reporttest.Now)
				if err != nil {
					t.Fatal(err)
				}
				text := allText(p)
				covered := slices.Contains(report.AgentKinds(), kind)
				if got, want := strings.Contains(text, "陈律"), tc.named && covered; got != want {
					t.Errorf("%s: agent named %v, want %v", kind, got, want)
				}
				if got, want := strings.Contains(text, "委托代理人（签名）"), tc.named && covered; got != want {
					t.Errorf("%s: agent's signature line %v, want %v", kind, got, want)
				}
				if tc.named && covered && !strings.Contains(text, "授权委托书签署于2025年10月22日，委托期限至2026年10月19日") {
					t.Errorf("%s: the authorisation's date and term are not stated", kind)
				}
				notes := ""
				if p.Instructions != nil {
					notes = strings.Join(p.Instructions.Items, "\n")
					if last := p.Instructions.Items[len(p.Instructions.Items)-1]; covered && !strings.Contains(last, "取下本页") {
						t.Errorf("%s: the last instruction is %q, not the 'remove this page' one", kind, last)
					}
				}
				shown := tc.note != "" && strings.Contains(notes, tc.note)
				if wantNote := tc.note != "" && covered; wantNote != shown || (!wantNote && strings.Contains(notes, "委托代理人")) {
					t.Errorf("%s: instructions %q, want the note %q: %v", kind, notes, tc.note, wantNote)
				}
				checkBasis(t, cf, kind, o, p)
				if kind == report.KindPolice && tc.golden != "" {
					checkGolden(t, tc.golden, p)
				}
			}
		})
	}
}
