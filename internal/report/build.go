package report

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/exhibit"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/incident/severity"
	"leakdesk/internal/incident/workdays"
)

// Masking says which kinds of numbers a packet hides.
type Masking struct {
	ID    bool `json:"id"`    // resident ID numbers: first 6 + last 4
	Phone bool `json:"phone"` // mobile numbers: 3 + 4
	Card  bool `json:"card"`  // bank cards: last 4
}

// DefaultMasking is the masking that fits each recipient (minimal
// disclosure): the police and the victim's own file get full numbers; the
// regulator complaint is made under the real name (with the ID number) but
// needs no card numbers; the consumer complaint needs name, phone and
// address only (暂行办法 Art. 9); the provider gets the phone number it can find the
// records by, but no full ID or card number (cn-documents.md §4.2, §6.3).
func DefaultMasking(kind string) Masking {
	switch kind {
	case KindConsumer, KindAssociation:
		return Masking{ID: true, Card: true}
	case KindRegulator, KindCredit:
		return Masking{Card: true}
	case KindProvider:
		return Masking{ID: true, Card: true}
	}
	return Masking{}
}

// ProviderReplyDays is the reply period the deletion demand asks for, in
// working days (cn-facts.md §7.3: the App认定方法 benchmark).
const ProviderReplyDays = 15

// DefaultAttachOriginals is whether a packet of this kind embeds the
// exhibits' original files: only the full packet, which is the electronic
// copy of everything; the others are for printing, where attachments only
// make the file larger.
func DefaultAttachOriginals(kind string) bool { return kind == KindFull }

// Options are the recipient-specific choices of one packet. Empty strings
// fall back to what the case holds.
type Options struct {
	// Mask overrides the kind's DefaultMasking; nil keeps the default.
	Mask *Masking
	// IncludeExhibits reproduces the exhibits after the evidence list.
	IncludeExhibits bool
	// Exhibits are the IDs of the exhibits to list, in case order. nil
	// means the kind's default (the provider gets only the records and
	// pictures that show the data in use; the others get all); an empty
	// non-nil slice means none.
	Exhibits []int64
	// Instructions adds the first page for the user, not to be submitted.
	Instructions bool
	// AttachOriginals embeds each listed exhibit's original file in the
	// PDF, so an electronic submission carries the exact bytes whose
	// SHA-256 the list prints; nil means the kind's default
	// (DefaultAttachOriginals).
	AttachOriginals *bool
	// Zone is the case's zone (Service.Location): dates and times print as
	// the user entered them. nil means incident.Location (China's).
	Zone *time.Location

	Recipient         string   // police station, regulator office, consumer body
	Respondent        string   // the organisation complained about or asked to delete
	RespondentAddress string   // its address
	Demands           []string // the user's own requests, replacing the defaults
	Losses            string   // money lost, for the police
	ReplyChannel      string   // how the provider should answer
	// PoliceForm is FormReport (报案) or FormAccusation (控告); "" takes
	// DefaultPoliceForm of the case.
	PoliceForm string
	// Suspect picks which suspected organisation (1-based, in the order of
	// Case.SuspectList) a consumer complaint, regulator complaint or
	// deletion letter is about: each goes to one organisation. 0 is the
	// first. The police report names them all and ignores it.
	Suspect int
	// Asks are the association packet's requests besides mediation
	// (AssociationAsks); nil means DefaultAsks.
	Asks []string
	// Delivered is the day the deletion letter reached the company
	// (YYYY-MM-DD, e.g. the EMS 妥投 date); only then does the letter
	// print the last day of the reply period.
	Delivered string
	// Reasons are the victim's own reasons for disagreeing with a decision
	// (the 复议申请书), printed as written.
	Reasons string
	// Agent is the volunteer acting for the victim when her case is in a
	// matter (Service.CaseAgent); nil otherwise. The packets of
	// AgentKinds name her as 委托代理人 only while the case's authorisation
	// is signed and in its term on the packet's date.
	Agent *incident.Agent
}

// Police document forms (cn-documents.md §1.1).
const (
	FormReport     = "report"     // 报案材料: no suspect named
	FormAccusation = "accusation" // 控告材料: a suspect named, prosecution asked
)

// PoliceFormNoteZH and PoliceFormNoteEN say the difference in one plain
// sentence, for the Export tab and the CLI's help.
const (
	PoliceFormNoteZH = "控告是你指明怀疑的单位或个人并要求追究其刑事责任，公安机关不立案时你作为控告人会被告知理由并可以申请复议；报案只向公安机关报告案件事实，不指明嫌疑人。"
	PoliceFormNoteEN = "An accusation (控告) names the organisation or person you suspect and asks for prosecution; as the accuser you are told why if the police do not open a case and may ask for reconsideration. A report (报案) only tells the police what happened, without naming a suspect."
)

// DefaultPoliceForm is 控告 when the case names a suspected source, else 报案.
func DefaultPoliceForm(cf *incident.CaseFile, opts Options) string {
	if or(opts.Respondent, cf.Case.SourceOrg) != "" {
		return FormAccusation
	}
	for _, s := range cf.Case.SuspectList() {
		if s.Name != "" {
			return FormAccusation
		}
	}
	return FormReport
}

// Keys of SetField, the same as the app's export form.
const (
	FieldRecipient         = "recipient"
	FieldRespondent        = "respondent"
	FieldRespondentAddress = "respondent_address"
	FieldDemands           = "demands"
	FieldLosses            = "losses"
	FieldReplyChannel      = "reply_channel"
	FieldPoliceForm        = "police_form" // report or accusation
	FieldDelivered         = "delivered"   // YYYY-MM-DD
	FieldSuspect           = "suspect"     // 1-based, see Options.Suspect
	FieldAsks              = "asks"        // association requests, comma-separated AssociationAsks keys
)

// PerSuspect reports whether a packet of kind goes to one suspected
// organisation, so that each suspect gets its own (Options.Suspect).
func PerSuspect(kind string) bool {
	return kind == KindConsumer || kind == KindRegulator || kind == KindProvider || kind == KindCivil
}

// forSuspect is cf as the packet's recipient sees it: for a per-suspect
// packet, the chosen suspect is the source (incident.Case.ForSuspect).
func forSuspect(cf *incident.CaseFile, kind string, opts Options) (*incident.CaseFile, error) {
	if !PerSuspect(kind) || opts.Suspect <= 1 {
		return cf, nil
	}
	c, ok := cf.Case.ForSuspect(opts.Suspect)
	if !ok {
		return nil, fmt.Errorf("report: the case has no suspect %d", opts.Suspect)
	}
	out := *cf
	out.Case = c
	return &out, nil
}

// SetField sets a recipient-specific field by its form key; demands are one
// per line. Unknown keys are ignored.
func (o *Options) SetField(key, value string) {
	value = strings.TrimSpace(value)
	switch key {
	case FieldRecipient:
		o.Recipient = value
	case FieldRespondent:
		o.Respondent = value
	case FieldRespondentAddress:
		o.RespondentAddress = value
	case FieldLosses:
		o.Losses = value
	case FieldReplyChannel:
		o.ReplyChannel = value
	case FieldPoliceForm:
		o.PoliceForm = value
	case FieldDelivered:
		o.Delivered = value
	case FieldSuspect:
		o.Suspect, _ = strconv.Atoi(value)
	case FieldAsks:
		// Unknown keys are refused by Build; keep them to be refused.
		o.Asks = []string{}
		for _, k := range strings.Split(value, ",") {
			if k = strings.TrimSpace(k); k != "" {
				o.Asks = append(o.Asks, k)
			}
		}
	case FieldReasons:
		o.Reasons = value
	case FieldDemands:
		o.Demands = nil
		for _, l := range strings.Split(value, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				o.Demands = append(o.Demands, l)
			}
		}
	}
}

// Build turns a case into the packet for one recipient. It is pure: the
// same case, kind, options and now give the same packet. now fixes the
// packet date (in China's time zone) and the provider's reply deadline.
func Build(cf *incident.CaseFile, kind string, opts Options, now time.Time) (Packet, error) {
	if cf == nil {
		return Packet{}, errors.New("report: no case")
	}
	known := false
	for _, k := range Kinds() {
		known = known || k == kind
	}
	if !known {
		return Packet{}, fmt.Errorf("report: unknown packet kind %q", kind)
	}
	if f := opts.PoliceForm; f != "" && f != FormReport && f != FormAccusation {
		return Packet{}, fmt.Errorf("report: unknown police form %q", f)
	}
	if d := opts.Delivered; d != "" {
		if _, err := time.ParseInLocation("2006-01-02", d, incident.Location()); err != nil {
			return Packet{}, fmt.Errorf("report: delivery date %q is not YYYY-MM-DD", d)
		}
	}
	cf, err := forSuspect(cf, kind, opts)
	if err != nil {
		return Packet{}, err
	}
	for _, k := range opts.Asks {
		if !slices.Contains(AssociationAsks(), k) {
			return Packet{}, fmt.Errorf("report: unknown request %q", k)
		}
	}
	b := newBuilder(cf, kind, opts, now)
	if opts.AttachOriginals != nil {
		b.p.AttachOriginals = *opts.AttachOriginals
	}
	switch kind {
	case KindPolice:
		b.police()
	case KindConsumer:
		b.consumer()
	case KindAssociation:
		b.association()
	case KindRegulator:
		b.regulator()
	case KindProvider:
		b.provider()
	case KindFull:
		b.full()
	case KindReconsideration:
		b.reconsideration()
	case KindReview:
		b.review()
	case KindSupervision:
		b.supervision()
	case KindCivil:
		b.civil()
	case KindCredit:
		b.credit()
	}
	b.withAgentNote()
	b.closing()
	mask := DefaultMasking(kind)
	if opts.Mask != nil {
		mask = *opts.Mask
	}
	b.p.Mask = MaskSpec{ID: mask.ID, Phone: mask.Phone, Card: mask.Card, Own: ownNumbers(cf)}
	maskPacket(&b.p)
	return b.p, nil
}

type builder struct {
	cf    *incident.CaseFile
	c     incident.Case
	kind  string
	opts  Options
	today time.Time
	loc   *time.Location // the case's zone, for every date and time printed
	p     Packet
	n     int // sections so far, for 一、二、…
}

func newBuilder(cf *incident.CaseFile, kind string, opts Options, now time.Time) *builder {
	loc := opts.Zone
	if loc == nil {
		loc = incident.Location()
	}
	today := now.In(loc)
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
	b := &builder{cf: cf, c: cf.Case, kind: kind, opts: opts, today: today, loc: loc}
	b.p = Packet{
		Kind:            kind,
		CaseNumber:      cf.Case.CaseNumber(),
		Date:            today.Format("2006-01-02"),
		DateText:        zhDate(today),
		IncludeExhibits: opts.IncludeExhibits,
		AttachOriginals: DefaultAttachOriginals(kind),
		Labels:          ZHLabels(),
	}
	b.selectExhibits()
	return b
}

// ---- small helpers ----

// zhDate and zhDateTime write dates as the window does (incident's one
// formatter): documents and screens never disagree.
func zhDate(t time.Time) string { return incident.FormatDate(t, "zh") }

func zhDateTime(t time.Time, loc *time.Location) string {
	return incident.FormatDateTime(t, loc, "zh")
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// cnNum writes 1–99 in Chinese numerals, for section headings.
func cnNum(n int) string {
	switch {
	case n <= 10:
		return cnDigits[n]
	case n < 20:
		return "十" + cnDigits[n-10]
	case n%10 == 0:
		return cnDigits[n/10] + "十"
	}
	return cnDigits[n/10] + "十" + cnDigits[n%10]
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// blank is a line to fill in by hand.
const blank = "________________"

func (b *builder) happened(key string) bool {
	for _, h := range b.c.Intake.Happened {
		if h == key {
			return true
		}
	}
	return false
}

func (b *builder) respondent() string {
	return or(b.opts.Respondent, b.c.SourceOrg)
}

func (b *builder) respondentAddr() string {
	return or(b.opts.RespondentAddress, b.c.SourceAddr)
}

// section starts a numbered section and returns it for filling.
func (b *builder) section(id, title string, newPage bool) *Section {
	b.n++
	if b.n == 1 {
		// The body opens with the document's title and addressee, as
		// the document is customarily written; the cover only wraps it.
		b.p.Sections = append(b.p.Sections, b.head())
	}
	b.p.Sections = append(b.p.Sections, Section{ID: id, Heading: cnNum(b.n) + "、" + title, InTOC: true, NewPage: newPage})
	return &b.p.Sections[len(b.p.Sections)-1]
}

// head is the unnumbered opening of the body: the title and, where
// customary, the addressee line.
func (b *builder) head() Section {
	title := b.p.Cover.Title
	if b.p.Cover.Subtitle != "" && b.kind != KindFull {
		title = b.p.Cover.Subtitle
	}
	s := Section{ID: "head", Blocks: []Block{{Kind: BlockTitle, Text: title}}}
	if r := b.p.Cover.Recipient; r != "" && b.kind != KindProvider {
		s.Blocks = append(s.Blocks, Block{Kind: BlockParagraph, Text: r})
	}
	return s
}

func (s *Section) para(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	s.Blocks = append(s.Blocks, Block{Kind: BlockParagraph, Text: text, Indent: true})
}

func (s *Section) plain(text string) {
	s.Blocks = append(s.Blocks, Block{Kind: BlockParagraph, Text: text})
}

func (s *Section) sub(text string) {
	s.Blocks = append(s.Blocks, Block{Kind: BlockHeading, Text: text})
}

func (s *Section) kv(items ...KV) {
	s.Blocks = append(s.Blocks, Block{Kind: BlockKV, KV: items})
}

func (s *Section) list(items ...string) {
	s.Blocks = append(s.Blocks, Block{Kind: BlockList, Items: items, Ordered: true})
}

func (s *Section) table(cols []Column, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Table: &Table{Columns: cols, Rows: rows}})
}

// narrative splits the victim's account into paragraphs.
func narrative(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ---- shared sections ----

func (b *builder) cover(title, subtitle, recipient string, fields ...KV) {
	b.p.Title = title
	b.p.Cover = Cover{
		Title: title, Subtitle: subtitle, Recipient: recipient,
		// 材料编号, not 案件编号: the number is the victim's own, and an
		// officer must not take it for the police's case number.
		Fields: append([]KV{{Key: "材料编号（当事人自编）", Value: b.p.CaseNumber}}, append(fields, KV{Key: "日　　期", Value: b.p.DateText})...),
		Note:   "本材料由当事人整理。所附证据均列明 SHA-256 哈希值，可与原始电子文件核对。",
	}
}

// leakedRows is the table of leaked categories and counts.
func (b *builder) leakedTable(s *Section) {
	names := map[string]string{}
	for _, c := range severity.Categories() {
		names[c.Key] = c.NameZH
	}
	var rows [][]string
	for _, l := range b.cf.Leaked {
		rows = append(rows, []string{or(names[l.Category], l.Category), l.Description, strconv.FormatInt(l.Count, 10)})
	}
	s.table([]Column{{Title: "信息类别", Width: 3}, {Title: "具体内容", Width: 6}, {Title: "已知条数", Width: 1.6, Align: "center"}}, rows)
}

// x expands the facts register's placeholders in a packet's wording. The
// register is the only place an article, law, hotline, period or
// institution is written (issue 9 §6); a packet's code names them by ID,
// and facts' tests scan this package's literals for anything else.
func x(s string) string { return facts.Expand("zh", s) }

// severityParas states the reference reading for an authority: what is
// known, the rule it was measured against, and that the authority decides.
// It is printed whenever a threshold is reached, with or without leaked
// rows (gains, a major loss or a prior offence do not depend on counts).
// A suspected insider is never a fact: the halved standard is given as
// what would follow if the insider were established. "The information was
// used for a crime" alone never makes a reading: item (2) needs the
// provider to have known it, which only the police can establish.
func (b *builder) severityParas(s *Section, who string) {
	in := incident.SeverityInput(b.cf)
	insider := b.c.Intake.Insider
	in.Insider = insider == "known"
	in.UsedForCrime = false
	r, err := severity.Assess(in)
	if err != nil {
		return
	}
	before := len(b.p.Statements)
	basis := []Source{caseSrc("severity"), fact("interp2017.art5"), fact("crl.art253-1")}
	if in.Insider {
		basis = append(basis, answer("insider:known"))
	}
	switch r.Verdict {
	case severity.Serious, severity.EspeciallySerious:
		level := "“情节严重”"
		if r.Verdict == severity.EspeciallySerious {
			level = "“情节特别严重”"
		}
		b.state(s, fmt.Sprintf(x("%s认为，按%s所知的情况（%s），参照{law.interp2017@formal}（以下简称{law.interp2017@short}）{interp2017.art5@art}的规定，本案可能属于{crl.art253-1}规定的%s的情形（依据：%s）。"), who, who, r.TriggerZH, level,
			strings.ReplaceAll(r.BasisZH, x("{law.interp2017@formal}"), x("{law.interp2017@short}"))), basis...)
	default:
		if len(b.cf.Leaked) > 0 {
			b.state(s, fmt.Sprintf(x("参照{interp2017.art5@formal}的规定，仅按%s目前所知的条数计算，尚未达到“情节严重”的数量标准。%s所知的只是本人的信息，涉案信息的实际种类、数量和用途，有待依法查明。"), who, who), caseSrc("leaked"), fact("interp2017.art5"))
		}
	}
	// The interpretation's full title is written once; later sentences
	// refer back to it ("上述解释") only when it was printed above.
	interpForm := func() string {
		if len(b.p.Statements) > before {
			return "above"
		}
		return "formal"
	}
	if insider == "yes" {
		text := who + x("怀疑上述信息是有关单位的工作人员在履行职责或者提供服务过程中获得后出售或者提供的。如经查实，{crl.art253-1.2}规定从重处罚，{interp2017.art5.1.8@"+interpForm()+"}规定的数量标准为一般标准的一半")
		if half := halvedReading(in); half != "" && r.Verdict == severity.Below {
			text += "，按此标准，" + half
		}
		b.state(s, text+"。", answer("insider:yes"), fact("crl.art253-1.2"), fact("interp2017.art5.1.8"))
	}
	if b.c.Intake.UsedForCrime {
		b.state(s, who+x("的个人信息已被他人用于实施违法犯罪活动。依照{interp2017.art5.1.2@"+interpForm()+"}，知道或者应当知道他人利用公民个人信息实施犯罪，向其出售或者提供的，不论数量多少，均属“情节严重”；出售或者提供者是否知道或者应当知道，有待依法查明。"),
			answer("used_for_crime"), fact("interp2017.art5.1.2"))
	}
	if len(b.p.Statements) > before {
		s.para("以上仅为" + who + "根据已知情况所作的参考，不是结论。是否构成犯罪，由办案机关依法认定。")
	}
}

// halvedReading is the reading with an insider's halved standards, when
// it reaches one; "" otherwise.
func halvedReading(in severity.Input) string {
	in.Insider = true
	r, err := severity.Assess(in)
	if err != nil || r.Verdict == severity.Below {
		return ""
	}
	// The trigger's "内部人员泄露，" is the premise this sentence puts as
	// a condition; it is not repeated as a fact.
	t := strings.TrimPrefix(r.TriggerZH, "内部人员泄露，")
	if r.Verdict == severity.EspeciallySerious {
		return "可能属于“情节特别严重”的情形（" + t + "）"
	}
	return "可能属于“情节严重”的情形（" + t + "）"
}

// timelineTable lists the communications in time order.
func (b *builder) timelineTable(s *Section, withRef bool) {
	type row struct {
		at    time.Time
		cells []string
	}
	var events []row
	records := b.timelineRecords()
	for _, c := range b.cf.Communications {
		summary := c.Summary
		if withRef && c.Reference != "" {
			summary += "（编号：" + c.Reference + "）"
		}
		// A contact the user logged and also wrote down as evidence is one
		// row, pointing at the exhibit.
		for i := 0; i < len(records); i++ {
			if sameContact(c, records[i].e) {
				summary += "（见" + records[i].label + "）"
				records = append(records[:i], records[i+1:]...)
				i--
			}
		}
		events = append(events, row{c.At, []string{zhDateTime(c.At, b.loc), contactLabel(c.Direction, c.Channel), c.Counterpart, summary}})
	}
	for _, r := range records {
		// The record's number is its sender: a call or SMS written down as
		// evidence is one the victim received.
		what := r.e.RecordText + "（见" + r.label + "）"
		events = append(events, row{r.e.CapturedAt, []string{zhDateTime(r.e.CapturedAt, b.loc) + incident.CaptureSourceNote(r.e.CapturedFrom),
			contactLabel(incident.Incoming, recordChannel[r.e.Kind]), r.e.RecordNumber, what}})
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].at.Before(events[j].at) })
	var rows [][]string
	if !b.c.DiscoveredAt.IsZero() {
		rows = append(rows, []string{zhDate(b.c.DiscoveredAt.UTC()), "", "", "发现个人信息被泄露"})
	}
	for _, e := range events {
		rows = append(rows, e.cells)
	}
	s.table([]Column{{Title: "时间", Width: 2.6, Small: false}, {Title: "方式", Width: 1.6}, {Title: "对方", Width: 2.8}, {Title: "经过", Width: 6}}, rows)
}

// recordChannel is the communication channel of a typed record that
// belongs in the timeline.
var recordChannel = map[incident.ExhibitKind]string{incident.ExhibitCall: "phone", incident.ExhibitSMS: "sms"}

// timelineRecord is a call or SMS written down as an exhibit, with the
// label the packet gives it (证据3).
type timelineRecord struct {
	e     incident.Exhibit
	label string
}

// timelineRecords are the calls and SMS recorded as typed evidence that
// the timeline shows beside the contacts log: those listed in this packet
// (so "见证据N" points at a page of it) and not already linked to a logged
// contact, which the table shows once.
func (b *builder) timelineRecords() []timelineRecord {
	var out []timelineRecord
	for _, e := range b.cf.Exhibits {
		if _, ok := recordChannel[e.Kind]; !ok || len(e.CommIDs) > 0 || e.CapturedAt.IsZero() {
			continue
		}
		for _, ref := range b.p.Exhibits {
			if ref.ID == e.ID {
				out = append(out, timelineRecord{e, ref.Label})
			}
		}
	}
	return out
}

// sameContact tells a logged incoming contact that is the same call or SMS
// as a typed record: same channel, same minute, and the record's number in
// the counterpart.
func sameContact(c incident.Communication, e incident.Exhibit) bool {
	num := DigitsOnly(e.RecordNumber)
	return c.Direction == incident.Incoming && c.Channel == recordChannel[e.Kind] && num != "" &&
		strings.Contains(DigitsOnly(c.Counterpart), num) && c.At.Truncate(time.Minute).Equal(e.CapturedAt.Truncate(time.Minute))
}

// hasTimeline says whether there is anything for the 时间经过 table
// besides the day of discovery.
func (b *builder) hasTimeline() bool {
	return len(b.cf.Communications) > 0 || len(b.timelineRecords()) > 0
}

// contactLabel names a communication by direction and channel.
func contactLabel(d incident.Direction, ch string) string {
	in := map[string]string{"phone": "来电", "sms": "收到短信", "email": "收到邮件", "letter": "收到信函",
		"in-person": "当面", "online": "网上", "app": "应用程序消息"}
	out := map[string]string{"phone": "去电", "sms": "发送短信", "email": "发送邮件", "letter": "寄出信函",
		"in-person": "当面", "online": "网上提交", "app": "应用程序"}
	m := in
	if d == incident.Outgoing {
		m = out
	}
	return or(m[ch], "其他")
}

// stepDeeds are the formal, past-tense words for a finished or submitted
// step of each kind, as a document states it ("已修改相关账户密码……"),
// never the plan's imperative UI title.
var stepDeeds = map[string]string{
	"freeze-payment":         "联系有关银行、支付机构办理挂失、止付",
	"secure-accounts":        "修改相关账户密码并开启登录保护",
	"gather-evidence":        "整理、保存相关证据",
	"police-report":          "向公安机关报案",
	"police-reconsideration": "就不予立案决定申请复议",
	"fraud-96110":            "向反诈专线反映情况",
	"platform-takedown":      "通知有关网络平台删除、屏蔽相关信息",
	"report-12377":           "向{org.12377}举报",
	"credit-report":          "查询本人的信用报告",
	"credit-dispute":         "就信用报告中的错误记录提出异议",
	"contact-lenders":        "联系有关放贷机构说明情况",
	"deletion-demand":        "向有关信息处理者发出个人信息删除请求",
	"consumer-12315":         "向{org.samr-dept}投诉",
	"consumer-association":   "向{org.cca-local}投诉、请求调解",
	"telecom-operator":       "向电信业务经营者投诉",
	"telecom-12300":          "向{org.12300}申诉",
	"financial-12378":        "向有关金融机构或者金融监督管理部门投诉",
	"report-12321":           "向{org.12321}举报",
	"warn-family":            "提醒家人防范诈骗",
	"civil-claim":            "就民事赔偿咨询律师或者准备起诉",
	// issue 12: the rungs a recorded reply opens
	"police-review":             "就复议决定向{org.police-upper}申请复核",
	"procuratorate-supervision": "请求{org.procuratorate}进行立案监督",
	"private-prosecution":       "向{org.court}提起刑事自诉",
	"credit-complaint":          "向{org.pboc-branch}投诉征信异议的处理",
}

// submitted are the step kinds whose "doing" means handed in and waiting.
var submitted = map[string]bool{"police-report": true, "police-reconsideration": true, "platform-takedown": true,
	"report-12377": true, "credit-dispute": true, "contact-lenders": true, "deletion-demand": true, "consumer-12315": true, "consumer-association": true,
	"telecom-operator": true, "telecom-12300": true, "financial-12378": true, "report-12321": true, "freeze-payment": true,
	"police-review": true, "procuratorate-supervision": true, "private-prosecution": true, "credit-complaint": true}

// actionsTaken states what the victim has done so far, one sentence per
// finished or submitted step, in the document's words. who is 报案人,
// 投诉人, …; skip leaves out a step kind (the police packet does not tell
// the police that the victim reported to the police).
func (b *builder) actionsTaken(s *Section, who string, skip ...string) []string {
	var out []string
	replies := incident.RepliesOf(b.cf.Events)
	for _, st := range b.cf.Steps {
		if st.Retired || slices.Contains(skip, st.Kind) || (st.Status != incident.StepDone && st.Status != incident.StepDoing) {
			continue
		}
		deed, known := stepDeeds[st.Kind]
		deed = x(deed)
		if st.Status == incident.StepDoing && !submitted[st.Kind] {
			continue // still in progress: nothing done yet to state
		}
		var line string
		if !known {
			// A step the user wrote: their own words, marked as such.
			if st.Status != incident.StepDone || strings.TrimSpace(st.Title) == "" {
				continue
			}
			line = who + "已完成：" + strings.TrimRight(st.Title, "。") + "。"
		} else {
			if st.Organisation != "" {
				deed += "（" + st.Organisation + "）"
			}
			line = who + "已" + deed
			// A step finished by a recorded reply was finished when the
			// answer came, not when it was done: no date is stated then.
			if st.Status == incident.StepDone && !st.CompletedAt.IsZero() && len(replies[st.ID]) == 0 {
				line = zhDate(st.CompletedAt.In(b.loc)) + "，" + line
			}
			if st.Reference != "" {
				line += "，编号为" + st.Reference
			}
			if st.Status == incident.StepDoing {
				line += "，目前尚在处理中"
			}
			basis := []Source{caseSrc("steps")}
			if d, ok := incident.LatestDelivery(b.cf.Events, st.ID); ok {
				// How it reached them (issue 12): the regulator and the
				// court read that the demand arrived, and where the proof is.
				line += "；" + deliveryClause(d, st.Reference, b.exhibitLabel(d.ExhibitID))
				basis = append(basis, deliverySrc(st.Kind))
			}
			if rs := replies[st.ID]; len(rs) > 0 {
				// What came back, as recorded (issue 12): the regulator
				// and the police read that the demand went unanswered.
				last := rs[len(rs)-1]
				if last.Reference == st.Reference {
					last.Reference = "" // already printed as the step's number
				}
				line += "；" + replyClause(last, b.exhibitLabel(last.ExhibitID))
				basis = append(basis, replySrc(st.Kind))
			}
			line += "。"
			out = append(out, b.stateItem(s, line, basis...))
			continue
		}
		out = append(out, b.stateItem(s, line, caseSrc("steps")))
	}
	return out
}

// deliveryClause states a recorded delivery: how it went, the day it
// arrived, its tracking number (unless the step's number, already printed,
// is the same) and where the proof is in the evidence.
func deliveryClause(d incident.Delivery, stepRef, exhibit string) string {
	out := incident.DeliveryLabel(d.Method, "doc") + "，于" + zhDate(d.On) + "送达对方"
	if d.Tracking != "" && d.Tracking != stepRef {
		label := "编号"
		if d.Method == incident.DeliveryEMS || d.Method == incident.DeliveryPost {
			label = "邮件号"
		}
		out += "（" + label + "：" + d.Tracking + "）"
	}
	if exhibit != "" {
		out += "（见" + exhibit + "）"
	}
	return out
}

// replyClause states a recorded reply: its date, what came back, its
// number and where the reply document is in the evidence.
func replyClause(r incident.Reply, exhibit string) string {
	out := zhDate(r.On)
	switch r.Outcome {
	case playbook.ReplyAccepted:
		out += "对方已受理或者已办理"
	case playbook.ReplyRefused:
		out += "对方予以拒绝"
	case playbook.ReplyPartial:
		out += "对方只作了部分答复"
	case playbook.ReplyNone:
		out += "前，对方未作答复"
	}
	if r.Reference != "" {
		out += "（编号：" + r.Reference + "）"
	}
	if exhibit != "" {
		out += "（见" + exhibit + "）"
	}
	return out
}

// evidenceSection is the 证据清单 with its columns; the renderer fills the
// rows from the exhibits.
func (b *builder) evidenceSection(intro string) {
	var s *Section
	if b.kind == KindFull {
		s = b.section("evidence", "证据清单", true)
	} else {
		// An attachment after the signature, not a numbered part of the
		// letter.
		b.p.Sections = append(b.p.Sections, Section{ID: "evidence", Heading: "附：证据清单", InTOC: true, NewPage: true})
		s = &b.p.Sections[len(b.p.Sections)-1]
	}
	if len(b.p.Exhibits) == 0 {
		s.para("本材料未附证据。")
		return
	}
	s.para(intro)
	s.Blocks = append(s.Blocks, Block{Kind: BlockEvidence, Evidence: &Evidence{
		Columns: []Column{
			{Title: "序号", Width: 11, Align: "center"},
			{Title: "证据名称", Width: 28},
			{Title: "证据形式", Width: 19, Align: "center"},
			{Title: "来源", Width: 19},
			{Title: "证明目的", Width: 30},
			{Title: "页码", Width: 18, Align: "center"},
			{Title: "SHA-256", Width: 27, Small: true},
		},
		SeparateNote: "另行提交",
	}})
	if n := b.separateCount(); n > 0 {
		s.para(fmt.Sprintf("其中%d项为音频、视频或其他不便打印的电子文件，以电子形式另行提交，可凭上表所列哈希值核对。", n))
	}
}

func (b *builder) separateCount() int {
	n := 0
	for _, e := range b.p.Exhibits {
		if e.Render == RenderSeparate || e.Electronic {
			n++
		}
	}
	return n
}

// selectExhibits picks and numbers the exhibits of this packet.
func (b *builder) selectExhibits() {
	want := map[int64]bool{}
	for _, id := range b.opts.Exhibits {
		want[id] = true
	}
	exs := append([]incident.Exhibit(nil), b.cf.Exhibits...)
	sort.SliceStable(exs, func(i, j int) bool { return exs[i].Number < exs[j].Number })
	n := 0
	for _, e := range exs {
		switch {
		case b.opts.Exhibits != nil:
			if !want[e.ID] {
				continue
			}
		case b.kind == KindProvider:
			// Only what identifies the infringing use of the data.
			if e.Kind == incident.ExhibitNote || (e.Kind == incident.ExhibitFile && exhibit.Category(e.ContentType) != "image") {
				continue
			}
		}
		n++
		b.p.Exhibits = append(b.p.Exhibits, exhibitRef(e, n, b.loc))
	}
}

func exhibitRef(e incident.Exhibit, n int, loc *time.Location) ExhibitRef {
	ref := ExhibitRef{
		ID: e.ID, Number: n, Label: "证据" + strconv.Itoa(n), Title: e.Title,
		Source: e.Source, Proves: e.Proves, Captured: zhDateTime(e.CapturedAt, loc) + incident.CaptureSourceNote(e.CapturedFrom),
		SHA256: strings.ToLower(e.SHA256), ContentType: e.ContentType, Kind: string(e.Kind), Size: e.Size,
		FileExt: fileExt(e.FileName), PrintCheck: e.PrintCheck,
	}
	f := incident.FormatOf(e)
	ref.Form = string(f.Form)
	if e.Kind != incident.ExhibitFile && e.Kind != "" {
		ref.Format = f.ZH + "（文字）"
		ref.Render = RenderRecord
		if e.RecordNumber != "" {
			ref.Record = append(ref.Record, KV{Key: "号码：", Value: e.RecordNumber})
		}
		if e.RecordURL != "" {
			ref.Record = append(ref.Record, KV{Key: "网址：", Value: e.RecordURL})
		}
		if !e.CapturedAt.IsZero() {
			ref.Record = append(ref.Record, KV{Key: "时间：", Value: zhDateTime(e.CapturedAt, loc) + incident.CaptureSourceNote(e.CapturedFrom)})
		}
		ref.Record = append(ref.Record, KV{Key: "内容：", Value: e.RecordText})
		return ref
	}
	// Users never see a MIME type: the format is its plain label.
	ref.Format = f.ZH
	if e.Duration > 0 {
		ref.Format += "，时长" + exhibit.FormatDuration(e.Duration, "zh")
	}
	ct := e.ContentType
	switch {
	case e.Transcript != nil:
		// The recording itself goes electronically; its 文字整理稿 is
		// printed.
		ref.Render = RenderRecord
		ref.Electronic = true
		ref.Record = transcriptKV(e, f, loc)
	case exhibit.Category(ct) == "image":
		ref.Render = RenderImage
		if !exhibit.Decodable(ct) {
			ref.Render = RenderSeparate
		}
	case exhibit.Category(ct) == "pdf":
		ref.Render = RenderPDF
	case exhibit.Category(ct) == "email", exhibit.Category(ct) == "text", f.Printed && f.Key != "image":
		// Text, e-mail, saved pages, Word documents and SMS backups are
		// typeset from their bytes.
		ref.Render = RenderText
	default:
		ref.Render = RenderSeparate
	}
	return ref
}

// transcriptKV lays out a recording's 文字整理稿: what was recorded, when,
// where and who speaks, then each passage with its time from the start.
// The closing declaration is printed only when the user confirmed it.
func transcriptKV(e incident.Exhibit, f exhibit.Format, loc *time.Location) []KV {
	tr := e.Transcript
	at := tr.RecordedAt
	if at.IsZero() {
		at = e.CapturedAt
	}
	format := f.ZH
	if e.Duration > 0 {
		format += "，时长" + exhibit.FormatDuration(e.Duration, "zh")
	}
	kv := []KV{
		{Key: "文字整理稿", Value: ""},
		{Key: "录音文件：", Value: or(e.FileName, e.Title)},
		{Key: "录音格式：", Value: format},
		{Key: "录音时间：", Value: or(zhDateTime(at, loc), blank)},
		{Key: "录音地点：", Value: or(tr.Place, blank)},
		{Key: "说话人：", Value: or(tr.Speakers, blank)},
		{Key: "", Value: "（时间为距录音开始的分:秒）"},
	}
	for _, l := range tr.Lines {
		key := "[" + exhibit.FormatOffset(l.Offset) + "]"
		if l.Speaker != "" {
			key += " " + l.Speaker + "："
		}
		kv = append(kv, KV{Key: key, Value: l.Text})
	}
	if tr.Confirmed {
		kv = append(kv, KV{Key: "", Value: ""}, KV{Key: "", Value: "以上内容由本人根据录音整理。"},
			KV{Key: "", Value: "整理人（签名）：" + blank})
	}
	return kv
}

func (b *builder) instructions(title string, items ...string) {
	if !b.opts.Instructions {
		return
	}
	b.p.Instructions = &Instructions{Title: title, Banner: b.p.Labels.NotForSubmit, Items: items}
}

func (b *builder) closing() {
	b.p.Closing = Closing{
		Heading: "附：证据哈希值与案件记录校验信息",
		Text: []string{
			"下列哈希值是各项证据的原始电子文件在录入时计算的 SHA-256 值。对同一文件重新计算，结果相同即说明该文件与录入时的文件一致。",
			fmt.Sprintf("“%s”是生成本材料时案件记录链最后一条记录的哈希值（共 %d 条记录）。每条记录都包含前一条记录的哈希值，用 leakdesk 的 verify 命令可以核对案件记录和证据是否被改动。", b.p.Labels.ChainHead, len(b.cf.Events)),
		},
		ChainHead: incident.ChainHead(b.cf.Events),
		Events:    len(b.cf.Events),
	}
}

// victimKV lists the victim's details; missing ones get a line to fill in.
func (b *builder) victimKV(withID bool, labels ...string) []KV {
	v := b.c.Victim
	out := []KV{{Key: labels[0], Value: or(v.Name, blank)}}
	if withID {
		out = append(out, KV{Key: "公民身份号码：", Value: or(v.IDNumber, blank)})
	}
	out = append(out, KV{Key: "联系电话：", Value: or(v.Phone, blank)}, KV{Key: labels[1], Value: or(v.Address, blank)})
	return out
}

func (b *builder) signature(role string, fingerprint bool, salutation ...string) Block {
	sig := &Signature{Salutation: salutation, Lines: []KV{{Key: role + "（签名）："}}, Date: b.p.DateText}
	if b.agentNamed() {
		sig.Lines = append(sig.Lines, KV{Key: "委托代理人（签名）："})
	}
	if fingerprint {
		sig.Fingerprint = "（捺指印）"
	}
	return Block{Kind: BlockSignature, Signature: sig}
}

// ownNumbers are the victim's own numbers known to the case, masked
// wherever they appear.
func ownNumbers(cf *incident.CaseFile) []string {
	var out []string
	add := func(s string) {
		d := DigitsOnly(s)
		if len(d) >= 7 && len(d) == len(strings.TrimSpace(strings.NewReplacer(" ", "", "-", "").Replace(s))) {
			out = append(out, d)
		}
	}
	add(cf.Case.Victim.IDNumber)
	add(cf.Case.Victim.Phone)
	for _, a := range cf.Accounts {
		add(a.Login)
	}
	sort.Strings(out)
	return out
}

// maskPacket applies the packet's masking to every string in it except
// hashes and fixed labels.
func maskPacket(p *Packet) {
	m := p.Mask
	if !m.Any() {
		return
	}
	f := m.Apply
	kvs := func(items []KV) {
		for i := range items {
			items[i].Key, items[i].Value = f(items[i].Key), f(items[i].Value)
		}
	}
	strs := func(items []string) {
		for i := range items {
			items[i] = f(items[i])
		}
	}
	p.Title = f(p.Title)
	c := &p.Cover
	c.Title, c.Subtitle, c.Recipient, c.Note = f(c.Title), f(c.Subtitle), f(c.Recipient), f(c.Note)
	kvs(c.Fields)
	if p.Instructions != nil {
		strs(p.Instructions.Items)
	}
	for si := range p.Sections {
		s := &p.Sections[si]
		s.Heading = f(s.Heading)
		for bi := range s.Blocks {
			bl := &s.Blocks[bi]
			bl.Text = f(bl.Text)
			kvs(bl.KV)
			strs(bl.Items)
			if bl.Table != nil {
				for _, row := range bl.Table.Rows {
					strs(row)
				}
			}
			if bl.Signature != nil {
				strs(bl.Signature.Salutation)
				kvs(bl.Signature.Lines)
			}
		}
	}
	for i := range p.Exhibits {
		e := &p.Exhibits[i]
		e.Title, e.Source, e.Proves = f(e.Title), f(e.Source), f(e.Proves)
		kvs(e.Record)
	}
	strs(p.Closing.Text)
	for i := range p.Statements {
		p.Statements[i].Text = f(p.Statements[i].Text)
	}
}

// ---- due dates ----

// replyDue is the provider's reply deadline counted from from (the
// delivery date, or for the user's own instructions the packet date).
func replyDue(from time.Time) (time.Time, bool) {
	return workdays.AddWorkingDays(from, ProviderReplyDays)
}

// fileExt is the lower-case extension of a file name (".jpg"), or "" when
// it is missing or not plain letters and digits. Only the extension leaves
// the case: the user's own file name may hold personal details.
func fileExt(name string) string {
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(name, "\\", "/")))
	if len(ext) < 2 || len(ext) > 8 {
		return ""
	}
	for _, r := range ext[1:] {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return ""
		}
	}
	return ext
}
