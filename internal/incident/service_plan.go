package incident

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/incident/severity"
	"leakdesk/internal/incident/workdays"
)

// Answers converts the stored intake to the playbook's form.
func (in Intake) Answers() playbook.Answers {
	a := playbook.Answers{Leaked: in.Leaked, Happened: in.Happened, SourceKind: in.SourceKind,
		SourceOrg: in.SourceOrg, Insider: in.Insider, Grounds: in.Grounds, UsedFor: in.UsedFor, ConsumerRoute: in.ConsumerRoute}
	for i, s := range in.Suspects {
		if i > 0 {
			a.OtherKinds = append(a.OtherKinds, string(s.Kind))
		}
	}
	return a
}

// PlanChange says what re-running the intake did to the plan.
type PlanChange struct {
	Added, Retired, Restored []string // step kinds
}

// RunIntake stores the intake answers and merges the plan they produce into
// the case's steps: new suggestions are added, steps no longer suggested are
// retired (kept with all their status, notes and references) and retired
// steps suggested again come back.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) RunIntake(ctx context.Context, caseID int64, in Intake) (PlanChange, error) {
	var ch PlanChange
	if err := in.ValidateSuspects(); err != nil {
		return ch, err
	}
	in.NormalizeSuspects()
	if err := in.Answers().Validate(); err != nil {
		return ch, invalid("intake", "问卷中有无法识别的选项："+err.Error(), "The intake has an unknown answer: "+err.Error())
	}
	err := s.update(ctx, func(t *txn) error {
		var err error
		ch, err = runIntake(t, caseID, in)
		return err
	})
	return ch, err
}

// StartCase creates a case from the intake and computes its plan in one
// transaction: either both are stored or neither. The GUI's intake and
// `leakdesk case new --answers` both end here, so a case made either way
// has the same plan.
// Errors: CodeInvalid.
func (s *Service) StartCase(ctx context.Context, c Case, in Intake) (int64, PlanChange, error) {
	var ch PlanChange
	if err := in.ValidateSuspects(); err != nil {
		return 0, ch, err
	}
	in.NormalizeSuspects()
	if c.Status == "" {
		c.Status = CaseOpen
	}
	if c.SourceKind == "" {
		c.SourceKind = SourceUnknown
	}
	if c.SourceOrg == "" {
		c.SourceOrg = in.SourceOrg
	}
	if len(in.Suspects) > 0 && c.SourceAddr == "" {
		c.SourceAddr = in.Suspects[0].Addr
	}
	if err := c.Validate(s.Now()); err != nil {
		return 0, ch, err
	}
	if err := in.Answers().Validate(); err != nil {
		return 0, ch, invalid("intake", "问卷中有无法识别的选项："+err.Error(), "The intake has an unknown answer: "+err.Error())
	}
	if in.LossYuan < 0 || in.GainsYuan < 0 {
		return 0, ch, invalid("intake", "金额不能是负数。", "Amounts cannot be negative.")
	}
	err := s.update(ctx, func(t *txn) error {
		c.CreatedAt, c.UpdatedAt = t.now, t.now
		// The severity factors given with the answers are kept: a new case
		// has no calculator values to preserve.
		c.Intake = in
		if err := t.CreateCase(&c); err != nil {
			return err
		}
		if err := t.record(c.ID, EventCaseCreated, subject("case", c.ID), map[string]string{"status": string(c.Status), "source_kind": string(c.SourceKind)}); err != nil {
			return err
		}
		var err error
		ch, err = runIntake(t, c.ID, in)
		return err
	})
	if err != nil {
		return 0, PlanChange{}, err
	}
	return c.ID, ch, nil
}

// runIntake stores the answers and merges the plan, inside t.
func runIntake(t *txn, caseID int64, in Intake) (PlanChange, error) {
	var ch PlanChange
	err := func() error {
		c, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		// Severity factors are not intake questions: keep what the calculator set.
		in.GainsYuan, in.PriorOffence, in.UsedForCrime = c.Intake.GainsYuan, c.Intake.PriorOffence, c.Intake.UsedForCrime
		in.SevereConsequence, in.MajorLoss = c.Intake.SevereConsequence, c.Intake.MajorLoss
		if in.LossYuan == 0 {
			in.LossYuan = c.Intake.LossYuan
		}
		if in.ConsumerRoute == "" {
			// Not an intake question: answering again keeps the choice.
			in.ConsumerRoute = c.Intake.ConsumerRoute
		}
		keepRegistration(&in, c.Intake)
		if in.Suspects == nil && len(c.Intake.Suspects) > 1 {
			// Answers that say nothing of suspects (an older client, the
			// single-source form) keep the other suspects.
			in.Suspects = append([]Suspect{{Kind: SourceKind(in.SourceKind), Name: in.SourceOrg, Grounds: in.Grounds}}, c.Intake.Suspects[1:]...)
			in.NormalizeSuspects()
		}
		c.Intake = in
		if in.SourceKind != "" && slices.Contains(SourceKinds(), SourceKind(in.SourceKind)) {
			c.SourceKind = SourceKind(in.SourceKind)
		}
		if len(in.Suspects) > 0 {
			// The answers name the main suspect: the case follows them.
			c.SourceOrg = in.Suspects[0].Name
			if a := in.Suspects[0].Addr; a != "" {
				c.SourceAddr = a
			}
		} else if in.SourceOrg != "" && c.SourceOrg == "" {
			c.SourceOrg = in.SourceOrg
		}
		c.UpdatedAt = t.now
		if err := t.UpdateCase(c); err != nil {
			return err
		}
		steps, err := t.ListSteps(caseID)
		if err != nil {
			return err
		}
		plan := playbook.Plan(in.Answers())
		want := map[string]int{}
		for i, spec := range plan {
			want[spec.Kind] = i + 1
		}
		have := map[string]bool{}
		for i := range steps {
			st := &steps[i]
			if st.Kind == "" {
				continue
			}
			have[st.Kind] = true
			_, suggested := want[st.Kind]
			switch {
			case suggested && st.Retired:
				st.Retired = false
				ch.Restored = append(ch.Restored, st.Kind)
			case !suggested && !st.Retired && !playbook.EscalationOnly(st.Kind):
				// A rung that a recorded reply opened (复议, 复核…) stays:
				// the answers never suggest it.
				st.Retired = true
				ch.Retired = append(ch.Retired, st.Kind)
			default:
				continue
			}
			if err := t.SaveStep(st); err != nil {
				return err
			}
		}
		pos := len(steps)
		for _, spec := range plan {
			if have[spec.Kind] {
				continue
			}
			pos++
			st := Step{CaseID: caseID, Kind: spec.Kind, Position: pos, Status: StepTodo, Channel: spec.Channel}
			if spec.Kind == "deletion-demand" || spec.Kind == "consumer-12315" {
				st.Organisation = c.SourceOrg
			}
			if err := t.SaveStep(&st); err != nil {
				return err
			}
			ch.Added = append(ch.Added, spec.Kind)
		}
		if len(steps) == 0 {
			// A first plan follows the playbook's order exactly.
			if err := orderByPlan(t, caseID, want); err != nil {
				return err
			}
		}
		return t.record(caseID, EventPlanGenerated, subject("case", caseID), map[string]string{
			"added": joinStrings(ch.Added), "retired": joinStrings(ch.Retired), "restored": joinStrings(ch.Restored)})
	}()
	return ch, err
}

func orderByPlan(t *txn, caseID int64, want map[string]int) error {
	steps, err := t.ListSteps(caseID)
	if err != nil {
		return err
	}
	for i := range steps {
		if p, ok := want[steps[i].Kind]; ok && steps[i].Position != p {
			steps[i].Position = p
			if err := t.SaveStep(&steps[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

func joinStrings(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}

// ChooseConsumerRoute records the victim's choice between the consumer
// association and 12315 (playbook.ConsumerRoutes' keys) and merges the plan:
// the step not chosen is retired with everything written in it, and comes
// back when chosen again. It needs a plan that offers both
// (playbook.ConsumerChoice). Errors: CodeInvalid, CodeNotFound.
func (s *Service) ChooseConsumerRoute(ctx context.Context, caseID int64, route string) (PlanChange, error) {
	if !slices.ContainsFunc(playbook.ConsumerRoutes(), func(o playbook.Option) bool { return o.Key == route }) {
		return PlanChange{}, invalid("consumer_route", facts.Expand("zh", "请选择{hotline.12315}、{org.cca-local}或两个都要。"), facts.Expand("en", "Choose {hotline.12315}, the {org.cca-local} or both."))
	}
	var ch PlanChange
	err := s.update(ctx, func(t *txn) error {
		c, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		if !playbook.ConsumerChoice(c.Intake.Answers()) {
			return Errorf(CodeInvalid, facts.Expand("zh", "这个案件的计划里没有同时建议向{hotline.12315}投诉和请{org.cca-local}调解，无需选择。"),
				facts.Expand("en", "This case's plan does not offer both {hotline.12315} and the {org.cca-local}, so there is nothing to choose."), nil)
		}
		in := c.Intake
		in.ConsumerRoute = route
		ch, err = runIntake(t, caseID, in)
		return err
	})
	return ch, err
}

// SetStepStatus changes a step's status, records it and, where the
// playbook says the step now waits on someone, sets the follow-up date.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SetStepStatus(ctx context.Context, stepID int64, status StepStatus) (*Step, error) {
	if !slices.Contains(StepStatuses(), status) {
		return nil, invalid("status", "未知的步骤状态。", "Unknown step status.")
	}
	var out *Step
	err := s.update(ctx, func(t *txn) error {
		var err error
		out, err = t.setStepStatus(stepID, status, "", nil)
		return err
	})
	return out, err
}

// MarkSubmitted records that a packet of the given kind was handed in, in
// one transaction: the step waits for a reply (with its follow-up date),
// keeps the reference number if the user has one, and its history entry
// names the latest export of that packet (its SHA-256 and history number),
// so the record says which document was submitted.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) MarkSubmitted(ctx context.Context, stepID int64, packetKind, reference string) (*Step, error) {
	reference = strings.TrimSpace(reference)
	if err := checkText("reference", reference, maxShort); err != nil {
		return nil, err
	}
	var out *Step
	err := s.update(ctx, func(t *txn) error {
		st, err := t.GetStep(stepID)
		if err != nil {
			return err
		}
		events, err := t.ListEvents(st.CaseID)
		if err != nil {
			return err
		}
		extra := map[string]string{}
		for i := len(events) - 1; i >= 0; i-- {
			if e := events[i]; e.Kind == EventPacketExported && e.Data["packet"] == packetKind {
				extra["packet_sha256"], extra["packet_event"] = e.Data["sha256"], strconv.FormatInt(e.Seq, 10)
				break
			}
		}
		out, err = t.setStepStatus(stepID, StepDoing, reference, extra)
		return err
	})
	return out, err
}

// setStepStatus is SetStepStatus inside a transaction; a non-empty
// reference is stored with it and extra goes into the history entry.
func (t *txn) setStepStatus(stepID int64, status StepStatus, reference string, extra map[string]string) (*Step, error) {
	st, err := t.GetStep(stepID)
	if err != nil {
		return nil, err
	}
	if st.Status == status && (reference == "" || reference == st.Reference) {
		return st, nil
	}
	from := st.Status
	st.Status = status
	data := map[string]string{"from": string(from), "to": string(status)}
	if from != status {
		if status == StepDone {
			st.CompletedAt = t.now
		} else {
			st.CompletedAt = time.Time{}
		}
		if st.Kind != "" {
			if due, est, ok := playbook.FollowUpDate(st.Kind, string(status), t.now.In(t.loc)); ok {
				st.FollowUp, st.FollowUpEstimate = due, est
				data["follow_up"] = dateString(due)
			} else if status.Finished() {
				st.FollowUp, st.FollowUpEstimate = time.Time{}, false
			}
		}
	}
	if reference != "" && reference != st.Reference {
		// Only that it changed goes into the history, as for other edits.
		st.Reference = reference
		data["fields"] = "reference"
	}
	for k, v := range extra {
		data[k] = v
	}
	if err := t.SaveStep(st); err != nil {
		return nil, err
	}
	if err := t.touch(st.CaseID); err != nil {
		return nil, err
	}
	return st, t.record(st.CaseID, EventStepStatus, subject("step", stepID), data)
}

// keepRegistration carries the register details the user entered (credit
// code, legal representative) into answers given again, which do not ask
// for them: the main suspect's when the new answers give none, each other
// suspect's by name.
func keepRegistration(in *Intake, old Intake) {
	if in.SourceCode == "" && in.SourceRep == "" {
		in.SourceCode, in.SourceRep = old.SourceCode, old.SourceRep
	}
	for i := range in.Suspects {
		s := &in.Suspects[i]
		if i == 0 || s.Code != "" || s.Rep != "" || s.Name == "" {
			continue
		}
		for _, o := range old.Suspects {
			if o.Name == s.Name {
				s.Code, s.Rep = o.Code, o.Rep
			}
		}
	}
}

// SetRegistration records suspect n's (1-based, in Case.SuspectList order)
// 统一社会信用代码 and 法定代表人 as the user copied them from the business
// register, for the 起诉状; empty clears. The code is 18 characters of the
// register's alphabet (digits and capitals without I, O, Z, S, V).
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SetRegistration(ctx context.Context, caseID int64, n int, code, rep string) error {
	code = normalizeCode(code)
	rep = strings.TrimSpace(NormalizeNewlines(rep))
	if err := checkCreditCode(code); err != nil {
		return err
	}
	if err := checkText("rep", rep, maxShort); err != nil {
		return err
	}
	return s.update(ctx, func(t *txn) error {
		c, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		n := max(n, 1)
		switch {
		case n == 1 && len(c.SuspectList()) > 0:
			if c.Intake.SourceCode == code && c.Intake.SourceRep == rep {
				return nil
			}
			c.Intake.SourceCode, c.Intake.SourceRep = code, rep
		case n >= 2 && n <= len(c.Intake.Suspects):
			sp := &c.Intake.Suspects[n-1]
			if sp.Code == code && sp.Rep == rep {
				return nil
			}
			sp.Code, sp.Rep = code, rep
		default:
			return NotFound("suspect", int64(n))
		}
		c.UpdatedAt = t.now
		if err := t.UpdateCase(c); err != nil {
			return err
		}
		return t.record(caseID, EventCaseUpdated, subject("case", caseID), map[string]string{"fields": fmt.Sprintf("suspects[%d].registration", n-1)})
	})
}

// checkCreditCode accepts "" or an 18-character 统一社会信用代码 written in
// the register's alphabet.
func checkCreditCode(code string) *Error {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	ok := code == "" || len(code) == 18
	for _, r := range code {
		ok = ok && strings.ContainsRune(alphabet, r)
	}
	if !ok {
		return invalid("code", "统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、Z、S、V），请按营业执照或者国家企业信用信息公示系统核对。",
			"The unified social credit code has 18 characters, digits and capital letters (no I, O, Z, S or V); copy it from the business licence or the national enterprise credit register.")
	}
	return nil
}

// SeverityInput builds the severity calculator's input from a case.
func SeverityInput(cf *CaseFile) severity.Input {
	in := severity.Input{Counts: map[string]int64{}, Insider: cf.Case.Intake.Insider == "yes" || cf.Case.Intake.Insider == "known",
		InsiderSuspected: cf.Case.Intake.Insider == "yes",
		GainsYuan:        cf.Case.Intake.GainsYuan, PriorOffence: cf.Case.Intake.PriorOffence,
		UsedForCrime: cf.Case.Intake.UsedForCrime, SevereConsequence: cf.Case.Intake.SevereConsequence,
		MajorLoss: cf.Case.Intake.MajorLoss}
	for _, h := range cf.Case.Intake.Happened {
		switch h {
		case "scam-contact", "money-lost", "loan-in-name":
			in.Misused = true
		}
	}
	for _, l := range cf.Leaked {
		in.Counts[l.Category] += l.Count
	}
	return in
}

// Assess runs the severity rules on a case's leaked data and factors.
// Errors: CodeNotFound.
func (s *Service) Assess(ctx context.Context, caseID int64) (severity.Result, error) {
	cf, err := s.CaseFile(ctx, caseID)
	if err != nil {
		return severity.Result{}, err
	}
	return severity.Assess(SeverityInput(cf))
}

// ValidCategory reports whether key is a severity category.
func ValidCategory(key string) bool {
	for _, c := range severity.Categories() {
		if c.Key == key {
			return true
		}
	}
	return false
}

// SetSeverityFactors stores the calculator's factors beyond the counts.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SetSeverityFactors(ctx context.Context, caseID int64, f Intake) error {
	if f.GainsYuan < 0 {
		return invalid("gains", "违法所得不能是负数。", "Illegal gains cannot be negative.")
	}
	if f.LossYuan < 0 {
		return invalid("loss", "损失金额不能是负数。", "The money lost cannot be negative.")
	}
	return s.update(ctx, func(t *txn) error {
		c, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		c.Intake.GainsYuan, c.Intake.PriorOffence, c.Intake.UsedForCrime = f.GainsYuan, f.PriorOffence, f.UsedForCrime
		c.Intake.SevereConsequence, c.Intake.MajorLoss = f.SevereConsequence, f.MajorLoss
		c.Intake.LossYuan = f.LossYuan
		c.UpdatedAt = t.now
		if err := t.UpdateCase(c); err != nil {
			return err
		}
		return t.record(caseID, EventSeverityFactors, subject("case", caseID), map[string]string{
			"gains_yuan": strconv.FormatFloat(f.GainsYuan, 'f', -1, 64), "prior_offence": strconv.FormatBool(f.PriorOffence),
			"used_for_crime": strconv.FormatBool(f.UsedForCrime), "severe_consequence": strconv.FormatBool(f.SevereConsequence),
			"major_loss": strconv.FormatBool(f.MajorLoss), "loss_yuan": strconv.FormatFloat(f.LossYuan, 'f', -1, 64)})
	})
}

// ReconsiderDays is how long after receiving a 不予立案通知书 a victim can
// apply for 复议 (公安机关办理刑事案件程序规定 Art. 179).
const ReconsiderDays = 7

// RecordNonFiling records that the police declined to open a case: the
// 复议 step joins the plan (or is reused) with its deadline, 7 days after
// the notice was received.
// Errors: CodeNotFound, CodeInvalid.
func (s *Service) RecordNonFiling(ctx context.Context, caseID int64, received time.Time) (*Step, error) {
	if received.IsZero() {
		return nil, invalid("received", "请填写收到不予立案通知书的日期。", "Enter the date the notice was received.")
	}
	var out *Step
	err := s.update(ctx, func(t *txn) error {
		if _, err := t.GetCase(caseID); err != nil {
			return err
		}
		st, err := t.openRung(caseID, "police-reconsideration", workdays.AddDays(DateOf(received, received.Location()), ReconsiderDays), 0)
		if err != nil {
			return err
		}
		out = st
		return t.record(caseID, EventPoliceNonFiling, subject("step", st.ID), map[string]string{
			"received": dateString(received), "follow_up": dateString(st.FollowUp)})
	})
	return out, err
}

// StepTitle is the one rule for a step's title, used by the plan, the
// deadlines, the command line and the documents: the user's own title when
// they wrote one, else the playbook's wording (spec, when the caller has the
// one tailored to the case's answers, else the generic one), else the kind.
func StepTitle(st Step, spec *playbook.StepSpec, lang string) string {
	if st.Title != "" {
		return st.Title
	}
	if spec == nil && st.Kind != "" {
		if s, ok := playbook.Lookup(st.Kind); ok {
			spec = &s
		}
	}
	if spec != nil {
		return spec.Title.In(lang)
	}
	return st.Kind
}

// PlanRow is one step of a case's plan as every listing shows it.
type PlanRow struct {
	Step
	Title string // StepTitle in the requested language
	// Spec is the playbook's wording of the step, tailored to the case's
	// answers while the plan suggests it (the police report marked
	// optional, the regulator named), generic once it is retired; nil for
	// a step the user added.
	Spec     *playbook.StepSpec
	Optional bool // the playbook suggests it but it may be left out
	Overdue  bool // unfinished and its follow-up date has passed (in the service's zone)
}

// Plan lists a case's steps in plan order with their titles and overdue
// flags against the service's today: current steps by position, retired ones
// (no longer suggested) last. `leakdesk plan` prints it; the plan tab and
// the deadlines use the same rows (PlanOf, Deadlines).
// Errors: CodeNotFound.
func (s *Service) Plan(ctx context.Context, caseID int64, lang string) ([]PlanRow, error) {
	cf := &CaseFile{}
	err := s.view(ctx, func(tx Tx) error {
		c, err := tx.GetCase(caseID)
		if err != nil {
			return err
		}
		cf.Case = *c
		cf.Steps, err = tx.ListSteps(caseID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.PlanOf(cf, lang), nil
}

// PlanOf is Plan for a case file already loaded (the workspace has one).
func (s *Service) PlanOf(cf *CaseFile, lang string) []PlanRow {
	today := s.Today()
	specs := planSpecs(cf.Case.Intake.Answers())
	rows := make([]PlanRow, 0, len(cf.Steps))
	for _, st := range cf.Steps {
		r := PlanRow{Step: st, Spec: stepSpec(specs, st)}
		r.Title = StepTitle(st, r.Spec, lang)
		r.Optional = r.Spec != nil && r.Spec.Optional
		r.Overdue = !st.Status.Finished() && !st.FollowUp.IsZero() && DaysBetween(today, st.FollowUp) < 0
		rows = append(rows, r)
	}
	slices.SortStableFunc(rows, func(a, b PlanRow) int {
		if a.Retired != b.Retired {
			if a.Retired {
				return 1
			}
			return -1
		}
		return a.Position - b.Position
	})
	return rows
}

// planSpecs is the playbook's plan for the answers, by step kind.
func planSpecs(a playbook.Answers) map[string]playbook.StepSpec {
	specs := map[string]playbook.StepSpec{}
	for _, sp := range playbook.Plan(a) {
		specs[sp.Kind] = sp
	}
	return specs
}

// stepSpec is the wording of st: tailored while the plan suggests it, the
// generic text once retired, nil for the user's own steps.
func stepSpec(specs map[string]playbook.StepSpec, st Step) *playbook.StepSpec {
	if st.Kind == "" {
		return nil
	}
	if sp, ok := specs[st.Kind]; ok {
		return &sp
	}
	if sp, ok := playbook.Lookup(st.Kind); ok {
		return &sp
	}
	return nil
}

// UpdateSuspect changes the name and address of suspect n (1-based) after
// the first; the first is the case's own source, changed with UpdateCase.
// The suspect's kind and grounds are answers: they change with RunIntake.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) UpdateSuspect(ctx context.Context, caseID int64, n int, name, addr string) error {
	name, addr = strings.TrimSpace(NormalizeNewlines(name)), strings.TrimSpace(NormalizeNewlines(addr))
	if err := checkText("name", name, maxShort); err != nil {
		return err
	}
	if err := checkText("addr", addr, maxShort*2); err != nil {
		return err
	}
	return s.update(ctx, func(t *txn) error {
		c, err := t.GetCase(caseID)
		if err != nil {
			return err
		}
		if n < 2 || n > len(c.Intake.Suspects) {
			return NotFound("suspect", int64(n))
		}
		sp := &c.Intake.Suspects[n-1]
		if sp.Name == name && sp.Addr == addr {
			return nil
		}
		sp.Name, sp.Addr = name, addr
		c.UpdatedAt = t.now
		if err := t.UpdateCase(c); err != nil {
			return err
		}
		return t.record(caseID, EventCaseUpdated, subject("case", caseID), map[string]string{"fields": fmt.Sprintf("suspects[%d]", n-1)})
	})
}
