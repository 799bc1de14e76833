package caseformat

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

var hashRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// checker collects problems with their JSON paths, up to maxErrors, so a
// user fixing a file by hand sees them all at once.
type checker struct{ errs Errors }

func (c *checker) add(path, zh, en string) {
	if len(c.errs) < maxErrors {
		c.errs = append(c.errs, fieldErr(path, zh, en))
	}
}

// domain records a Validate error under prefix (e.g. "steps[3].").
func (c *checker) domain(prefix string, err error) {
	if err == nil || len(c.errs) >= maxErrors {
		return
	}
	var e *incident.Error
	if !errors.As(err, &e) {
		c.add(prefix, "无效。", "is not valid.")
		return
	}
	cp := *e
	cp.Field = prefix + cp.Field
	c.errs = append(c.errs, &cp)
}

func (c *checker) time(path, s string, required bool) time.Time {
	if s == "" {
		if required {
			c.add(path, "缺少时间。", "is missing.")
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		c.add(path, "时间格式应为 RFC 3339，例如 2025-11-03T06:20:00Z。", "should be an RFC 3339 time such as 2025-11-03T06:20:00Z.")
		return time.Time{}
	}
	return t.UTC()
}

func (c *checker) date(path, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		c.add(path, "日期格式应为 YYYY-MM-DD。", "should be a date as YYYY-MM-DD.")
		return time.Time{}
	}
	return t
}

func (c *checker) limit(path string, n, max int) bool {
	if n > max {
		c.add(path, fmt.Sprintf("条目太多（%d，最多 %d）。", n, max), fmt.Sprintf("has too many entries (%d, at most %d).", n, max))
		return false
	}
	return true
}

func (c *checker) result() error {
	if len(c.errs) == 0 {
		return nil
	}
	return c.errs
}

// toCaseFile checks the document and converts it to the domain form.
func (f *File) toCaseFile() (*incident.CaseFile, Contents, error) {
	var c checker
	switch {
	case f.Format != Format:
		c.add("format", "不是 leakdesk 案件文件。", fmt.Sprintf("is not %q; this is not a leakdesk case file.", Format))
	case f.Version < 1:
		c.add("version", "缺少格式版本号。", "is missing.")
	case f.Version > Version:
		c.add("version", fmt.Sprintf("这个文件是第 %d 版格式，需要更新版本的 leakdesk 才能导入。", f.Version),
			fmt.Sprintf("the file uses format version %d; a newer leakdesk is needed to import it.", f.Version))
	}
	if err := c.result(); err != nil {
		return nil, nil, err
	}
	ok := c.limit("leaked", len(f.Leaked), MaxLeaked) && c.limit("accounts", len(f.Accounts), MaxAccounts) &&
		c.limit("steps", len(f.Steps), MaxSteps) && c.limit("communications", len(f.Communications), MaxCommunications) &&
		c.limit("exhibits", len(f.Exhibits), MaxExhibits) && c.limit("events", len(f.Events), MaxEvents)
	if !ok {
		return nil, nil, c.result()
	}

	cf := &incident.CaseFile{}
	fc := f.Case
	cf.Case = incident.Case{ID: fc.ID, Title: fc.Title,
		Victim:       incident.Victim{Name: fc.Victim.Name, IDNumber: fc.Victim.IDNumber, Phone: fc.Victim.Phone, Address: fc.Victim.Address},
		DiscoveredAt: c.date("case.discovered_at", fc.DiscoveredAt), Narrative: fc.Narrative,
		SourceOrg: fc.SourceOrg, SourceAddr: fc.SourceAddr, SourceKind: incident.SourceKind(fc.SourceKind),
		Status:    incident.CaseStatus(fc.Status),
		CreatedAt: c.time("case.created_at", fc.CreatedAt, false), UpdatedAt: c.time("case.updated_at", fc.UpdatedAt, false)}
	if in := fc.Intake; in != nil {
		cf.Case.Intake = incident.Intake{Leaked: in.Leaked, Happened: in.Happened, SourceKind: in.SourceKind,
			SourceOrg: in.SourceOrg, Insider: in.Insider, Grounds: in.Grounds, UsedFor: in.UsedFor, Suspects: Suspects(in.Suspects), LossYuan: in.LossYuan,
			SourceCode: in.SourceCode, SourceRep: in.SourceRep,
			GainsYuan: in.GainsYuan, PriorOffence: in.PriorOffence,
			UsedForCrime: in.UsedForCrime, SevereConsequence: in.SevereConsequence, MajorLoss: in.MajorLoss}
		c.domain("case.intake.", cf.Case.Intake.ValidateSuspects())
		if err := cf.Case.Intake.Answers().Validate(); err != nil {
			c.add("case.intake", "问卷中有无法识别的选项："+err.Error(), "has an unknown answer: "+err.Error())
		}
		if in.GainsYuan < 0 {
			c.add("case.intake.gains_yuan", "不能是负数。", "cannot be negative.")
		}
		if in.LossYuan < 0 {
			c.add("case.intake.loss_yuan", "不能是负数。", "cannot be negative.")
		}
	}
	c.domain("case.", cf.Case.Validate(time.Time{}))
	if o := fc.CorrectionOrder; o != nil {
		// Checked again, with today and the source kind, when imported.
		cf.Case.CorrectionOrder = &incident.CorrectionOrder{Authority: o.Authority, Reference: o.Reference,
			IssuedOn: c.date("case.correction_order.issued_on", o.IssuedOn), IgnoredSince: c.date("case.correction_order.ignored_since", o.IgnoredSince),
			Continued: o.Continued, ExhibitID: o.Exhibit, Online: o.Online}
		if o.Exhibit != 0 && !slices.ContainsFunc(f.Exhibits, func(e Exhibit) bool { return e.ID == o.Exhibit }) {
			c.add("case.correction_order.exhibit", "指向文件中没有的证据。", "refers to an exhibit that is not in the file.")
		}
	}

	if a := fc.Authorisation; a != nil {
		au := &incident.Authorisation{IssuedOn: c.date("case.authorisation.issued_on", a.IssuedOn),
			Until: c.date("case.authorisation.until", a.Until), SignedOn: c.date("case.authorisation.signed_on", a.SignedOn), Agent: a.Agent}
		c.domain("case.authorisation.", au.Validate())
		cf.Case.Authorisation = au
	}
	cf.Case.JointConsent = c.date("case.joint_consent", fc.JointConsent)
	if m := fc.Matter; m != nil {
		mt := &incident.Matter{Title: m.Title, Respondent: incident.Respondent{Name: m.Respondent.Name, Addr: m.Respondent.Addr,
			Kind: incident.SourceKind(m.Respondent.Kind), Contacts: m.Respondent.Contacts}}
		c.domain("case.matter.", mt.Validate())
		id, ok := incident.ParseMatterNumber(m.Reference)
		if !ok {
			c.add("case.matter.reference", "应为共同事项的编号，例如 M-3。", "should be a matter number such as M-3.")
		}
		mt.ID = id
		cf.Matter = mt
	}

	for i, l := range f.Leaked {
		d := incident.LeakedData{ID: l.ID, Category: l.Category, Description: l.Description, Count: l.Count}
		c.domain(fmt.Sprintf("leaked[%d].", i), d.Validate(incident.ValidCategory))
		cf.Leaked = append(cf.Leaked, d)
	}
	for i, a := range f.Accounts {
		d := incident.Account{ID: a.ID, Service: a.Service, Login: a.Login, Exposed: a.Exposed,
			PasswordChanged: a.PasswordChanged, TwoFactor: a.TwoFactor, SessionsRevoked: a.SessionsRevoked,
			DeletionRequested: a.DeletionRequested, Notes: a.Notes}
		c.domain(fmt.Sprintf("accounts[%d].", i), d.Validate())
		cf.Accounts = append(cf.Accounts, d)
	}

	stepIDs := map[int64]bool{}
	for i, s := range f.Steps {
		p := fmt.Sprintf("steps[%d].", i)
		c.id(p+"id", s.ID, stepIDs)
		if s.Kind != "" {
			if _, known := playbook.Lookup(s.Kind); !known {
				c.add(p+"kind", "未知的步骤类型。", "unknown step kind.")
			}
		}
		if !validStatus(s.Status) {
			c.add(p+"status", "未知的步骤状态。", "unknown status.")
		}
		d := incident.Step{ID: s.ID, Kind: s.Kind, Position: s.Position, Title: s.Title, Why: s.Why,
			Status: incident.StepStatus(s.Status), FollowUp: c.date(p+"follow_up", s.FollowUp),
			FollowUpEstimate: s.FollowUpEstimate, CompletedAt: c.time(p+"completed_at", s.CompletedAt, false),
			Notes: s.Notes, Organisation: s.Organisation, Channel: s.Channel, Reference: s.Reference, Retired: s.Retired}
		if validStatus(s.Status) {
			c.domain(p, d.Validate())
		}
		cf.Steps = append(cf.Steps, d)
	}

	commIDs := map[int64]bool{}
	for i, m := range f.Communications {
		p := fmt.Sprintf("communications[%d].", i)
		c.id(p+"id", m.ID, commIDs)
		if m.StepID != 0 && !stepIDs[m.StepID] {
			c.add(p+"step_id", "关联的步骤不在文件中。", "refers to a step that is not in the file.")
		}
		d := incident.Communication{ID: m.ID, At: c.time(p+"at", m.At, true), Direction: incident.Direction(m.Direction),
			Channel: m.Channel, Counterpart: m.Counterpart, Summary: m.Summary, Reference: m.Reference, StepID: m.StepID}
		if !d.At.IsZero() {
			c.domain(p, d.Validate())
		}
		cf.Communications = append(cf.Communications, d)
	}

	contents := make(Contents, len(f.Exhibits))
	seenHash := map[string]int{}
	for i, e := range f.Exhibits {
		p := fmt.Sprintf("exhibits[%d].", i)
		if e.Number != i+1 {
			c.add(p+"number", fmt.Sprintf("证据应按序号排列，这里应为 %d。", i+1), fmt.Sprintf("should be %d: exhibits are listed in number order.", i+1))
		}
		if !hashRE.MatchString(e.SHA256) {
			c.add(p+"sha256", "应为 64 位小写十六进制的 SHA-256。", "should be a SHA-256 as 64 lowercase hex digits.")
		} else if j, dup := seenHash[e.SHA256]; dup {
			c.add(p+"sha256", fmt.Sprintf("与证据 %d 的内容相同。", j+1), fmt.Sprintf("has the same content as exhibit %d.", j+1))
		} else {
			seenHash[e.SHA256] = i
		}
		if e.Size <= 0 {
			c.add(p+"size", "应为正数。", "should be a positive number of bytes.")
		}
		for k, id := range e.StepIDs {
			if !stepIDs[id] {
				c.add(fmt.Sprintf("%sstep_ids[%d]", p, k), "关联的步骤不在文件中。", "refers to a step that is not in the file.")
			}
		}
		for k, id := range e.CommIDs {
			if !commIDs[id] {
				c.add(fmt.Sprintf("%scommunication_ids[%d]", p, k), "关联的沟通记录不在文件中。", "refers to a communication that is not in the file.")
			}
		}
		if e.Content != nil {
			sum := sha256.Sum256(e.Content)
			if int64(len(e.Content)) != e.Size || hex.EncodeToString(sum[:]) != e.SHA256 {
				c.add(p+"content", "内容与记录的大小或 SHA-256 不符，文件可能已损坏或被改动。",
					"does not match the recorded size and SHA-256; the file is damaged or was changed.")
			}
			contents[i] = e.Content
		}
		d := incident.Exhibit{ID: e.ID, Number: e.Number, Kind: incident.ExhibitKind(e.Kind), Title: e.Title,
			Source: e.Source, Proves: e.Proves, CapturedAt: c.time(p+"captured_at", e.CapturedAt, false),
			CapturedFrom: incident.CaptureSource(e.CapturedFrom),
			ImportedAt:   c.time(p+"imported_at", e.ImportedAt, false), FileName: incident.SafeFileName(e.FileName), Size: e.Size,
			ContentType: e.ContentType, SHA256: e.SHA256, RecordNumber: e.RecordNumber, RecordURL: e.RecordURL,
			RecordText: e.RecordText, StepIDs: e.StepIDs, CommIDs: e.CommIDs,
			Duration: time.Duration(e.DurationMS) * time.Millisecond, Transcript: e.Transcript}
		c.domain(p, d.Validate())
		if e.DurationMS < 0 || e.DurationMS > 1000*3600*1000 {
			c.add(p+"duration_ms", "不在合理范围内。", "is out of range.")
		}
		if d.Transcript != nil {
			c.domain(p+"transcript.", incident.ValidateTranscript(d, d.Transcript))
		}
		if len(e.ContentType) > 200 {
			c.add(p+"content_type", "太长了。", "is too long.")
		}
		cf.Exhibits = append(cf.Exhibits, d)
	}

	for i, ev := range f.Events {
		p := fmt.Sprintf("events[%d].", i)
		if len(ev.Data) > MaxEventData {
			c.add(p+"data", "条目太多。", "has too many entries.")
		}
		for k, v := range ev.Data {
			if len(k) > 200 || len(v) > MaxEventValue {
				c.add(p+"data", "内容太长。", "has an entry that is too long.")
				break
			}
		}
		cf.Events = append(cf.Events, incident.Event{CaseID: fc.ID, Seq: ev.Seq, At: c.time(p+"at", ev.At, true),
			Kind: ev.Kind, Subject: ev.Subject, Data: ev.Data, PrevHash: ev.PrevHash, Hash: ev.Hash})
	}
	if len(c.errs) == 0 {
		if prob := incident.CheckChain(fc.ID, cf.Events); prob != nil {
			idx := max(prob.Seq-1, 0)
			for i, ev := range cf.Events {
				if ev.Seq == prob.Seq {
					idx = int64(i)
					break
				}
			}
			c.add(fmt.Sprintf("events[%d]", idx),
				"历史记录对不上：记录被修改、删除或调换了顺序，文件不可信。",
				"the history does not check out ("+prob.Reason+"); the file cannot be trusted.")
		}
	}
	if err := c.result(); err != nil {
		return nil, nil, err
	}
	return cf, contents, nil
}

func (c *checker) id(path string, id int64, seen map[int64]bool) {
	switch {
	case id <= 0:
		c.add(path, "应为正整数。", "should be a positive number.")
	case seen[id]:
		c.add(path, "编号重复。", "is used twice.")
	default:
		seen[id] = true
	}
}

func validStatus(s string) bool {
	for _, st := range incident.StepStatuses() {
		if string(st) == s {
			return true
		}
	}
	return false
}
