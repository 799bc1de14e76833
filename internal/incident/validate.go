package incident

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"leakdesk/internal/incident/playbook"
)

// Limits keep a single field from swallowing the store or a packet page.
const (
	maxShort = 200
	maxLong  = 100_000
)

var idNumberRE = regexp.MustCompile(`^[0-9]{17}[0-9Xx]$`)

func checkText(field, v string, limit int) error {
	if !utf8.ValidString(v) {
		return invalid(field, "包含无法识别的字符。", "contains characters that are not valid text.")
	}
	if n := utf8.RuneCountInString(v); n > limit {
		return invalid(field, fmt.Sprintf("太长了（%d 字，最多 %d 字）。", n, limit),
			fmt.Sprintf("is too long (%d characters, at most %d).", n, limit))
	}
	return nil
}

// ValidIDNumber checks an 18-digit resident ID number including its check digit.
func ValidIDNumber(s string) bool {
	if !idNumberRE.MatchString(s) {
		return false
	}
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	return "10X98765432"[sum%11] == strings.ToUpper(s[17:])[0]
}

// IDNumberWarning says why a resident ID number looks wrong, or returns nil
// when it is empty or checks out. A 公民身份号码 (GB 11643) has 17 digits
// and a check character computed with ISO 7064 MOD 11-2, where X stands for
// 10. It is a warning, never a refusal: the wizard, the Details tab and
// `leakdesk case new` show it and keep the number as typed.
func IDNumberWarning(s string) *Error {
	s = strings.TrimSpace(s)
	switch {
	case s == "" || ValidIDNumber(s):
		return nil
	case !idNumberRE.MatchString(s):
		return invalid("victim.id_number", fmt.Sprintf("身份证号码应为18位（前17位是数字，最后一位是数字或X），这里是%d位，请核对。", utf8.RuneCountInString(s)),
			fmt.Sprintf("A resident ID number has 18 characters (17 digits, then a digit or X); this one has %d. Please check it.", utf8.RuneCountInString(s)))
	}
	return invalid("victim.id_number", "身份证号码的最后一位（校验码）与前17位对不上，可能有一位写错了，请核对。",
		"The last character of the ID number (the check digit) does not match the first 17; a digit may be wrong. Please check it.")
}

// Validate checks the case before it is stored. now is the service's clock
// (one clock, so a test's fixed time decides what "the future" is); a zero
// now skips the date check, for decoders that have no clock and hand the
// case to the service, which checks it again.
func (c Case) Validate(now time.Time) error {
	if strings.TrimSpace(c.Title) == "" {
		return invalid("title", "请给案件起一个标题，例如“快递信息泄露”。", "Give the case a title, for example \"Courier leak\".")
	}
	for _, f := range []struct {
		name, v string
		limit   int
	}{
		{"title", c.Title, maxShort}, {"victim.name", c.Victim.Name, maxShort},
		{"victim.id_number", c.Victim.IDNumber, maxShort}, {"victim.phone", c.Victim.Phone, maxShort},
		{"victim.address", c.Victim.Address, maxShort * 2}, {"narrative", c.Narrative, maxLong},
		{"source_org", c.SourceOrg, maxShort}, {"source_addr", c.SourceAddr, maxShort * 2},
	} {
		if err := checkText(f.name, f.v, f.limit); err != nil {
			return err
		}
	}
	// A doubtful ID number is kept (IDNumberWarning says why it looks
	// wrong): refusing it would throw away what the user typed, and only
	// the user can tell a typo from a number the check cannot judge.
	if !slices.Contains(SourceKinds(), c.SourceKind) {
		return invalid("source_kind", "请选择可能泄露信息的机构类型。", "Choose the kind of organisation that may have leaked the data.")
	}
	if c.Status != CaseOpen && c.Status != CaseClosed {
		return invalid("status", "案件状态只能是“进行中”或“已结束”。", "A case is either open or closed.")
	}
	if !now.IsZero() && !c.DiscoveredAt.IsZero() && c.DiscoveredAt.After(now.AddDate(0, 0, 1)) {
		return invalid("discovered_at", "发现日期不能在将来。", "The date of discovery cannot be in the future.")
	}
	return nil
}

// ValidateSuspects checks the suspected sources of an intake, naming the
// first bad one by its JSON path (suspects[1].kind).
func (in Intake) ValidateSuspects() error {
	if len(in.Suspects) > MaxSuspects {
		return invalid("suspects", fmt.Sprintf("最多可以列出 %d 个怀疑对象。", MaxSuspects), fmt.Sprintf("List at most %d suspected organisations.", MaxSuspects))
	}
	if err := checkCreditCode(normalizeCode(in.SourceCode)); err != nil {
		err.Field = "source_code"
		return err
	}
	if err := checkText("source_rep", in.SourceRep, maxShort); err != nil {
		return err
	}
	for i, s := range in.Suspects {
		p := fmt.Sprintf("suspects[%d].", i)
		if !slices.Contains(SourceKinds(), s.Kind) {
			return invalid(p+"kind", "请选择可能泄露信息的机构类型。", "Choose the kind of organisation that may have leaked the data.")
		}
		if err := checkText(p+"name", s.Name, maxShort); err != nil {
			return err
		}
		if err := checkText(p+"addr", s.Addr, maxShort*2); err != nil {
			return err
		}
		if err := checkCreditCode(normalizeCode(s.Code)); err != nil {
			err.Field = p + "code"
			return err
		}
		if err := checkText(p+"rep", s.Rep, maxShort); err != nil {
			return err
		}
		if err := (playbook.Answers{Grounds: s.Grounds}).Validate(); err != nil {
			return invalid(p+"grounds", "有无法识别的怀疑理由："+err.Error(), "has an unknown ground: "+err.Error())
		}
	}
	return nil
}

// Validate checks one leaked-data row; the category must be a severity key.
func (l LeakedData) Validate(validCategory func(string) bool) error {
	if !validCategory(l.Category) {
		return invalid("category", "请选择泄露信息的类别。", "Choose the category of the leaked information.")
	}
	if l.Count < 0 {
		return invalid("count", "数量不能是负数。", "The count cannot be negative.")
	}
	return checkText("description", l.Description, maxShort*5)
}

// Validate checks an account row.
func (a Account) Validate() error {
	if strings.TrimSpace(a.Service) == "" {
		return invalid("service", "请填写是哪个网站或应用的账户。", "Name the service or app of the account.")
	}
	for _, f := range [][2]string{{"service", a.Service}, {"login", a.Login}, {"exposed", a.Exposed}} {
		if err := checkText(f[0], f[1], maxShort); err != nil {
			return err
		}
	}
	return checkText("notes", a.Notes, maxLong)
}

// Validate checks a step.
func (s Step) Validate() error {
	if s.Kind == "" && strings.TrimSpace(s.Title) == "" {
		return invalid("title", "请填写步骤名称。", "Give the step a title.")
	}
	if !slices.Contains(StepStatuses(), s.Status) {
		return invalid("status", "未知的步骤状态。", "Unknown step status.")
	}
	for _, f := range [][2]string{{"title", s.Title}, {"organisation", s.Organisation}, {"channel", s.Channel}, {"reference", s.Reference}} {
		if err := checkText(f[0], f[1], maxShort); err != nil {
			return err
		}
	}
	if err := checkText("why", s.Why, maxLong); err != nil {
		return err
	}
	return checkText("notes", s.Notes, maxLong)
}

// Validate checks a communication.
func (c Communication) Validate() error {
	if c.At.IsZero() {
		return invalid("at", "请填写联系的时间。", "Enter when the contact happened.")
	}
	if c.Direction != Incoming && c.Direction != Outgoing {
		return invalid("direction", "请选择是对方联系你还是你联系对方。", "Choose who contacted whom.")
	}
	if !slices.Contains(CommChannels(), c.Channel) {
		return invalid("channel", "请选择联系方式。", "Choose the channel.")
	}
	if strings.TrimSpace(c.Summary) == "" && strings.TrimSpace(c.Counterpart) == "" {
		return invalid("summary", "请至少写下对方是谁或说了什么。", "Write at least who it was or what was said.")
	}
	for _, f := range [][2]string{{"counterpart", c.Counterpart}, {"reference", c.Reference}} {
		if err := checkText(f[0], f[1], maxShort); err != nil {
			return err
		}
	}
	return checkText("summary", c.Summary, maxLong)
}

// Validate checks exhibit metadata.
func (e Exhibit) Validate() error {
	switch e.Kind {
	case ExhibitFile, ExhibitCall, ExhibitSMS, ExhibitWeb, ExhibitNote:
	default:
		return invalid("kind", "未知的证据类型。", "Unknown kind of evidence.")
	}
	if strings.TrimSpace(e.Title) == "" {
		return invalid("title", "请给证据起一个名称。", "Give the exhibit a title.")
	}
	for _, f := range [][2]string{{"title", e.Title}, {"source", e.Source}, {"file_name", e.FileName}, {"number", e.RecordNumber}, {"url", e.RecordURL}} {
		if err := checkText(f[0], f[1], maxShort*5); err != nil {
			return err
		}
	}
	if err := checkText("proves", e.Proves, maxLong); err != nil {
		return err
	}
	if !slices.Contains(CaptureSources(), e.CapturedFrom) {
		return invalid("captured_from", "未知的时间来源。", "Unknown source of the capture time.")
	}
	if e.Kind != ExhibitFile && strings.TrimSpace(e.RecordText) == "" {
		return invalid("text", "请写下记录的内容。", "Write down what the record says.")
	}
	if e.Kind == ExhibitWeb && strings.TrimSpace(e.RecordURL) == "" {
		return invalid("url", "请填写网页地址。", "Enter the web address.")
	}
	return checkText("text", e.RecordText, maxLong)
}
