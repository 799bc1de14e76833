package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

// Timeline filter groups, by the part of the event kind before the dot.
var timelineGroups = []struct {
	label    string
	prefixes []string
}{
	{"All events", nil},
	{"Plan", []string{"plan", "step"}},
	{"Contacts", []string{"communication"}},
	{"Accounts", []string{"account"}},
	{"Evidence", []string{"exhibit"}},
	{"Details and severity", []string{"case", "leaked", "severity"}},
	{"Exports", []string{"export", "packet"}},
}

// wsTimeline is the case's history, newest first, in plain words.
type wsTimeline struct {
	w *workspace
	// state
	lines []timelineLine

	// widgets
	root   *fyne.Container
	filter *widget.Select
	list   *widget.List
}

type timelineLine struct {
	at   time.Time
	text string
}

func newWsTimeline(w *workspace) *wsTimeline {
	t := &wsTimeline{w: w}
	var opts []string
	for _, g := range timelineGroups {
		opts = append(opts, lang.L(g.label))
	}
	t.filter = &widget.Select{Options: opts, Selected: opts[0], OnChanged: func(string) { t.refresh() }}
	t.list = &widget.List{
		Length: func() int { return len(t.lines) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, &widget.Label{Importance: widget.LowImportance}, nil, &widget.Label{Truncation: fyne.TextTruncateEllipsis})
		},
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(t.lines[i].text)
			c.Objects[1].(*widget.Label).SetText(t.w.u.formatDateTime(t.lines[i].at))
		},
	}
	intro := &widget.Label{Text: lang.L("Every change to this case, newest first. The history cannot be edited: each entry is sealed to the one before it."), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	t.root = container.NewBorder(container.NewBorder(nil, nil, nil, t.filter, intro), nil, nil, nil, t.list)
	return t
}

func (t *wsTimeline) refresh() {
	var prefixes []string
	if i := t.filter.SelectedIndex(); i > 0 {
		prefixes = timelineGroups[i].prefixes
	}
	t.lines = t.lines[:0]
	ev := t.w.cf.Events
	for i := len(ev) - 1; i >= 0; i-- {
		e := ev[i]
		if prefixes != nil && !hasGroup(e.Kind, prefixes) {
			continue
		}
		t.lines = append(t.lines, timelineLine{at: e.At, text: t.describe(e)})
	}
	t.list.Refresh()
}

func hasGroup(kind string, prefixes []string) bool {
	group, _, _ := strings.Cut(kind, ".")
	for _, p := range prefixes {
		if group == p {
			return true
		}
	}
	return false
}

// subjectID returns the record ID of an event subject such as "step:12".
func subjectID(subject string) int64 {
	_, id, _ := strings.Cut(subject, ":")
	n, _ := strconv.ParseInt(id, 10, 64)
	return n
}

func (t *wsTimeline) stepName(subject string) string {
	id := subjectID(subject)
	if st, ok := t.w.stepByID(id); ok {
		return t.w.plan.stepTitle(st)
	}
	return lang.L("step #{{.ID}}", map[string]any{"ID": id})
}

func (t *wsTimeline) accountName(subject string) string {
	if a, ok := t.w.accounts.account(subjectID(subject)); ok {
		return a.Service
	}
	return lang.L("an account")
}

// describe turns one event into a sentence in the user's language.
func (t *wsTimeline) describe(e incident.Event) string {
	d := e.Data
	switch e.Kind {
	case "case.created":
		return lang.L("Case opened")
	case "case.imported":
		return lang.L("Case imported from a case file")
	case "case.deleted":
		return lang.L("Case deleted")
	case "case.restored":
		return lang.L("Case restored")
	case "case.updated":
		if d["to"] == string(incident.CaseClosed) {
			return lang.L("Case marked closed")
		}
		if d["to"] == string(incident.CaseOpen) {
			return lang.L("Case reopened")
		}
		return lang.L("Details changed: {{.Fields}}", map[string]any{"Fields": fieldNames(d["fields"])})
	case "plan.generated":
		return lang.L("Plan made from your answers: {{.Added}} steps added, {{.Retired}} no longer suggested, {{.Restored}} suggested again",
			map[string]any{"Added": countList(d["added"]), "Retired": countList(d["retired"]), "Restored": countList(d["restored"])})
	case "step.status":
		s := lang.L("\"{{.Step}}\": {{.From}} → {{.To}}", map[string]any{"Step": t.stepName(e.Subject),
			"From": statusLabel(incident.StepStatus(d["from"]), t.w.u.lang()), "To": statusLabel(incident.StepStatus(d["to"]), t.w.u.lang())})
		if f := d["follow_up"]; f != "" {
			s += lang.L("; follow up on {{.Date}}", map[string]any{"Date": t.day(f)})
		}
		return s
	case "step.added":
		return lang.L("Step added: \"{{.Step}}\"", map[string]any{"Step": t.stepName(e.Subject)})
	case "step.updated":
		return lang.L("\"{{.Step}}\" edited: {{.Fields}}", map[string]any{"Step": t.stepName(e.Subject), "Fields": fieldNames(d["fields"])})
	case "step.deleted":
		return lang.L("A step of your own was deleted")
	case "step.moved":
		return lang.L("\"{{.Step}}\" moved to position {{.Pos}}", map[string]any{"Step": t.stepName(e.Subject), "Pos": d["position"]})
	case "account.added":
		return lang.L("Account added: {{.Name}}", map[string]any{"Name": t.accountName(e.Subject)})
	case "account.updated":
		return lang.L("Account {{.Name}} updated: {{.Fields}}", map[string]any{"Name": t.accountName(e.Subject), "Fields": fieldNames(d["fields"])})
	case "account.deleted":
		return lang.L("An account was removed from the list")
	case "communication.added":
		return lang.L("Contact logged: {{.Channel}}, {{.When}}", map[string]any{"Channel": channelLabel(d["channel"]), "When": t.instant(d["at"])})
	case "communication.updated":
		return lang.L("Contact of {{.When}} edited", map[string]any{"When": t.instant(d["at"])})
	case "communication.deleted":
		return lang.L("A contact was removed from the log")
	case "leaked.added", "leaked.updated":
		return lang.L("Leaked data: {{.Category}}, {{.Count}} records", map[string]any{"Category": categoryName(d["category"], t.w.u.lang()), "Count": d["count"]})
	case "leaked.deleted":
		return lang.L("A leaked-data row was removed")
	case "severity.factors":
		return lang.L("Severity calculator answers changed")
	case "exhibit.added":
		return lang.L("Evidence {{.N}} added (SHA-256 {{.Hash}}…)", map[string]any{"N": d["number"], "Hash": short(d["sha256"])})
	case "exhibit.updated":
		return lang.L("Evidence {{.N}} described: {{.Fields}}", map[string]any{"N": d["number"], "Fields": fieldNames(d["fields"])})
	case "exhibit.linked":
		return lang.L("Evidence linked to steps and contacts")
	case "exhibit.renumbered":
		return lang.L("Evidence {{.From}} renumbered to {{.To}}", map[string]any{"From": d["from"], "To": d["to"]})
	case "exhibit.deleted":
		return lang.L("Evidence {{.N}} deleted (SHA-256 {{.Hash}}… stays in this history)", map[string]any{"N": d["number"], "Hash": short(d["sha256"])})
	case incident.EventStepReply:
		return lang.L("Reply on \"{{.Step}}\": {{.Outcome}}", map[string]any{"Step": t.stepName(e.Subject), "Outcome": playbook.ReplyOutcomeLabel(d["outcome"], t.w.u.lang())})
	case incident.EventStepDelivered:
		return lang.L("Delivery on \"{{.Step}}\": {{.Method}}, {{.Date}}", map[string]any{"Step": t.stepName(e.Subject),
			"Method": incident.DeliveryLabel(d["method"], t.w.u.lang()), "Date": d["date"]})
	case incident.EventExhibitTranscript:
		if d["removed"] == "true" {
			return lang.L("Transcript of evidence {{.N}} removed", map[string]any{"N": d["number"]})
		}
		if d["confirmed"] == "true" {
			return lang.L("Transcript of evidence {{.N}} saved: {{.Lines}} passages, confirmed as made by you from the recording", map[string]any{"N": d["number"], "Lines": d["lines"]})
		}
		return lang.L("Transcript of evidence {{.N}} saved: {{.Lines}} passages", map[string]any{"N": d["number"], "Lines": d["lines"]})
	}
	if strings.HasPrefix(e.Kind, "export") || strings.HasPrefix(e.Kind, "packet") {
		return lang.L("Packet exported: {{.Packet}}", map[string]any{"Packet": packetLabel(t.w.u.lang(), firstNonEmpty(d["packet"], d["kind"], d["recipient"]))})
	}
	// Every kind the service records has a label in the domain's one list;
	// only a kind from a newer version's case file is shown as stored.
	label, _ := incident.EventLabel(e.Kind, t.w.u.lang())
	return label
}

func (t *wsTimeline) day(s string) string {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return t.w.u.formatDay(d)
}

func (t *wsTimeline) instant(s string) string {
	d, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.w.u.formatDateTime(d)
}

func countList(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, ",") + 1
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// fieldNames turns the history's field keys into the labels the user knows.
func fieldNames(keys string) string {
	if keys == "" {
		return ""
	}
	var out []string
	for _, k := range strings.Split(keys, ",") {
		out = append(out, fieldName(k))
	}
	return strings.Join(out, lang.L(", "))
}

func fieldName(k string) string {
	switch k {
	case "title":
		return lang.L("title")
	case "victim.name":
		return lang.L("name")
	case "victim.id_number":
		return lang.L("ID number")
	case "victim.phone":
		return lang.L("phone")
	case "victim.address":
		return lang.L("address")
	case "discovered_at":
		return lang.L("date discovered")
	case "narrative":
		return lang.L("what happened")
	case "source_org", "source_addr", "source_kind":
		return lang.L("suspected source")
	case "status":
		return lang.L("status")
	case "notes":
		return lang.L("notes")
	case "organisation":
		return lang.L("organisation")
	case "reference":
		return lang.L("reference number")
	case "follow_up":
		return lang.L("follow-up date")
	case "why":
		return lang.L("why")
	case "channel":
		return lang.L("channel")
	case "service", "login", "exposed":
		return lang.L("account details")
	case "password_changed":
		return lang.L("password changed")
	case "two_factor":
		return lang.L("two-step login")
	case "sessions_revoked":
		return lang.L("devices logged out")
	case "deletion_requested":
		return lang.L("deletion requested")
	case "source":
		return lang.L("source")
	case "proves":
		return lang.L("what it proves")
	case "captured_at":
		return lang.L("time captured")
	}
	return k
}
