package incident

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/incident/exhibit"
)

// ExhibitContent supplies the bytes of an exhibit being imported, by its
// index in CaseFile.Exhibits.
type ExhibitContent func(i int) (io.ReadCloser, error)

// ImportCase stores a whole case read from a case file or bundle as a new
// case, in one transaction: everything or nothing. Every exhibit's bytes
// must match its recorded SHA-256. The case's earlier history is summarised
// in an import event that names the source chain head; the new chain starts
// here because event hashes bind the case ID.
// Errors: CodeInvalid (with the JSON path), CodeConflict, CodeTooLarge.
func (s *Service) ImportCase(ctx context.Context, cf *CaseFile, content ExhibitContent, origin string) (int64, error) {
	return s.importCase(ctx, cf, content, EventCaseImported, map[string]string{"origin": origin})
}

// importCase is ImportCase with the history event's kind and extra data.
func (s *Service) importCase(ctx context.Context, cf *CaseFile, content ExhibitContent, kind string, extra map[string]string) (int64, error) {
	c := cf.Case
	c.ID = 0
	if c.Status == "" {
		c.Status = CaseOpen
	}
	// Only the case's own text: an imported exhibit's bytes must match
	// its SHA-256, CR or not.
	c.normalizeText()
	if err := c.Validate(s.Now()); err != nil {
		return 0, prefixField(err, "case.")
	}
	// The correction order is checked as SetCorrectionOrder checks it and
	// stored once its exhibit has its new ID.
	order := c.CorrectionOrder
	c.CorrectionOrder = nil
	if order != nil {
		o := *order
		if err := o.validate(s.Today()); err != nil {
			return 0, prefixField(err, "case.correction_order.")
		}
		if !OrderPossible(c.SourceKind) {
			return 0, invalid("case.correction_order", "只有泄露者是网络服务提供者或可能通过网络提供公共服务的单位时才能有责令改正通知。", "a correction order needs a network service provider, or an organisation that may serve the public online, as the source.")
		}
		order = &o
	}
	limit := s.MaxEvidenceSize(ctx)
	var newID int64
	err := s.update(ctx, func(t *txn) error {
		if c.CreatedAt.IsZero() {
			c.CreatedAt = t.now
		}
		c.UpdatedAt = t.now
		c.DeletedAt = time.Time{}
		if err := t.CreateCase(&c); err != nil {
			return err
		}
		newID = c.ID
		for i, l := range cf.Leaked {
			l.ID, l.CaseID = 0, newID
			if err := l.Validate(ValidCategory); err != nil {
				return prefixField(err, fmt.Sprintf("leaked[%d].", i))
			}
			if err := t.SaveLeaked(&l); err != nil {
				return err
			}
		}
		for i, a := range cf.Accounts {
			a.ID, a.CaseID = 0, newID
			if err := a.Validate(); err != nil {
				return prefixField(err, fmt.Sprintf("accounts[%d].", i))
			}
			if err := t.SaveAccount(&a); err != nil {
				return err
			}
		}
		stepIDs := map[int64]int64{}
		for i, st := range cf.Steps {
			old := st.ID
			st.ID, st.CaseID = 0, newID
			if err := st.Validate(); err != nil {
				return prefixField(err, fmt.Sprintf("steps[%d].", i))
			}
			if err := t.SaveStep(&st); err != nil {
				return err
			}
			stepIDs[old] = st.ID
		}
		commIDs := map[int64]int64{}
		for i, cm := range cf.Communications {
			old := cm.ID
			cm.ID, cm.CaseID = 0, newID
			if cm.StepID != 0 {
				id, ok := stepIDs[cm.StepID]
				if !ok {
					return invalid(fmt.Sprintf("communications[%d].step_id", i), "关联的步骤不存在。", "refers to a step that is not in the file.")
				}
				cm.StepID = id
			}
			if err := cm.Validate(); err != nil {
				return prefixField(err, fmt.Sprintf("communications[%d].", i))
			}
			if err := t.SaveCommunication(&cm); err != nil {
				return err
			}
			commIDs[old] = cm.ID
		}
		exhibitIDs := map[int64]int64{}
		for i, e := range cf.Exhibits {
			field := fmt.Sprintf("exhibits[%d].", i)
			old := e.ID
			e.ID, e.CaseID, e.Number = 0, newID, i+1
			if err := e.Validate(); err != nil {
				return prefixField(err, field)
			}
			e.StepIDs, e.CommIDs = remap(e.StepIDs, stepIDs), remap(e.CommIDs, commIDs)
			// The print check's verdict is taken here from the bytes
			// themselves, never from the file being imported.
			e.PrintCheck = ""
			if err := t.SaveExhibit(&e); err != nil {
				return err
			}
			exhibitIDs[old] = e.ID
			rc, err := content(i)
			if err != nil {
				return invalid(field+"content", "缺少证据文件内容。", "the exhibit's content is missing.")
			}
			h := sha256.New()
			ir := &importReader{r: rc, h: h, limit: limit}
			if e.ContentType == exhibit.TypeJPEG && e.Size <= maxCheckBytes {
				ir.keep = bytes.NewBuffer(make([]byte, 0, max(e.Size, 0)+bytes.MinRead))
			}
			n, err := t.WriteExhibitContent(e.ID, ir)
			rc.Close()
			if err != nil {
				return err
			}
			if got := hex.EncodeToString(h.Sum(nil)); got != e.SHA256 || n != e.Size {
				return invalid(field+"sha256", "证据内容与记录的哈希值不符，文件可能已损坏或被改动。",
					"the exhibit's content does not match its SHA-256; the file is damaged or was changed.")
			}
			if ir.keep != nil && int64(ir.keep.Len()) == n {
				if e.PrintCheck = exhibit.IntactVerdict(ir.keep.Bytes(), e.SHA256); e.PrintCheck != "" {
					if err := t.SaveExhibit(&e); err != nil {
						return err
					}
				}
			}
		}
		if order != nil {
			if order.ExhibitID != 0 {
				id, ok := exhibitIDs[order.ExhibitID]
				if !ok {
					return invalid("case.correction_order.exhibit", "指向文件中没有的证据。", "refers to an exhibit that is not in the file.")
				}
				order.ExhibitID = id
			}
			c.CorrectionOrder = order
			if err := t.UpdateCase(&c); err != nil {
				return err
			}
		}
		if err := carryRecords(t, newID, cf.Events, stepIDs, exhibitIDs); err != nil {
			return err
		}
		data := map[string]string{"source_chain_head": ChainHead(cf.Events), "source_events": strconv.Itoa(len(cf.Events)),
			"exhibits": strconv.Itoa(len(cf.Exhibits))}
		for k, v := range extra {
			data[k] = v
		}
		// A matter number is local to the exporting store: the case
		// arrives on its own, and its history keeps which matter it was
		// in (ImportedMatter), so the volunteer can add it to one here.
		if m := cf.Matter; m != nil {
			data["matter"], data["matter_title"], data["matter_respondent"] = MatterNumber(m.ID), m.Title, m.Respondent.Name
		}
		return t.record(newID, kind, subject("case", newID), data)
	})
	return newID, err
}

// carryRecords records again, under the new IDs, what lives in the
// history: the replies to steps (RepliesOf), their deliveries
// (DeliveriesOf) and the time and expense log
// (ExpensesOf). The imported case starts a history of its own (its first
// entry names the source chain's head), so without this they would be lost.
// A reply to a step or a receipt the file does not hold is left out.
func carryRecords(t *txn, caseID int64, events []Event, stepIDs, exhibitIDs map[int64]int64) error {
	mapped := func(v string, m map[int64]int64) (string, bool) {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", false
		}
		n, ok := m[id]
		return strconv.FormatInt(n, 10), ok
	}
	for _, e := range events {
		if e.Kind != EventStepReply && e.Kind != EventStepDelivered {
			continue
		}
		old, ok := subjectID(e.Subject, "step")
		step, known := stepIDs[old]
		if !ok || !known {
			continue
		}
		data := map[string]string{}
		for k, v := range e.Data {
			data[k] = v
		}
		for k, m := range map[string]map[int64]int64{"exhibit": exhibitIDs, "next_step": stepIDs} {
			if v, ok := data[k]; ok {
				if n, ok := mapped(v, m); ok {
					data[k] = n
				} else {
					delete(data, k)
				}
			}
		}
		kind := EventStepReply
		if e.Kind == EventStepDelivered {
			kind = EventStepDelivered
		}
		if err := t.record(caseID, kind, subject("step", step), data); err != nil {
			return err
		}
	}
	for _, x := range ExpensesOf(events) {
		data := map[string]string{"date": dateString(x.On), "category": x.Category}
		if x.AmountFen != 0 {
			data["amount_fen"] = strconv.FormatInt(x.AmountFen, 10)
		}
		if x.Hours != 0 {
			data["hours"] = strconv.FormatFloat(x.Hours, 'f', -1, 64)
		}
		if x.Note != "" {
			data["note"] = x.Note
		}
		if n, ok := exhibitIDs[x.ExhibitID]; ok && x.ExhibitID != 0 {
			data["exhibit"] = strconv.FormatInt(n, 10)
		}
		if err := t.record(caseID, EventExpenseAdded, subject("case", caseID), data); err != nil {
			return err
		}
	}
	return nil
}

func remap(ids []int64, m map[int64]int64) []int64 {
	var out []int64
	for _, id := range ids {
		if n, ok := m[id]; ok {
			out = append(out, n)
		}
	}
	return out
}

func prefixField(err error, prefix string) error {
	if e, ok := err.(*Error); ok {
		cp := *e
		cp.Field = prefix + cp.Field
		return &cp
	}
	return err
}

// MatterImport is what an imported case's file said of the matter it was
// in where it was exported.
type MatterImport struct {
	Reference  string // its number there, e.g. "M-3"
	Title      string
	Respondent string
	// Here are this store's matters with the same title and respondent,
	// which the case may belong to (it joins none by itself).
	Here []int64
}

// ImportedMatter reads, from the case's import event, the matter the case
// was in where it was exported; ok is false when it came from none (or was
// not imported).
// Errors: CodeNotFound.
func (s *Service) ImportedMatter(ctx context.Context, caseID int64) (mi MatterImport, ok bool, err error) {
	evs, err := s.Events(ctx, caseID)
	if err != nil {
		return mi, false, err
	}
	for _, e := range evs {
		if (e.Kind == EventCaseImported || e.Kind == EventBundleImported) && e.Data["matter"] != "" {
			mi, ok = MatterImport{Reference: e.Data["matter"], Title: e.Data["matter_title"], Respondent: e.Data["matter_respondent"]}, true
		}
	}
	if !ok {
		return mi, false, nil
	}
	ms, err := s.Matters(ctx)
	if err != nil {
		return mi, false, err
	}
	for _, m := range ms {
		if m.Title == mi.Title && m.RespondentName == mi.Respondent {
			mi.Here = append(mi.Here, m.ID)
		}
	}
	return mi, true, nil
}

// Note says, in lang, that the case was imported on its own and how to add
// it to a matter here.
func (mi MatterImport) Note(caseID int64, lang string) string {
	var here []string
	for _, id := range mi.Here {
		here = append(here, MatterNumber(id))
	}
	n := strconv.FormatInt(caseID, 10)
	if lang == "en" {
		s := fmt.Sprintf("Where it was exported, this case was in matter %s “%s” (respondent %s). It was imported whole but on its own: matter numbers differ between installs.", mi.Reference, mi.Title, mi.Respondent)
		if len(here) > 0 {
			return s + fmt.Sprintf(" This install has a matter of that title and respondent (%s): add the case with “leakdesk matter add-case --matter %s --case %s” or from the Matters screen.", strings.Join(here, ", "), strings.TrimPrefix(here[0], "M-"), n)
		}
		return s + " To work on it with other victims here, create the matter and add the case (leakdesk matter new, matter add-case)."
	}
	s := fmt.Sprintf("导出时，这个案件属于共同事项 %s“%s”（被投诉方：%s）。案件已完整导入，但没有加入任何共同事项：不同安装中的共同事项编号不同。", mi.Reference, mi.Title, mi.Respondent)
	if len(here) > 0 {
		return s + fmt.Sprintf("本机有名称和被投诉方相同的共同事项（%s）：可以用“leakdesk matter add-case --matter %s --case %s”或在“共同事项”页面加入。", strings.Join(here, "、"), strings.TrimPrefix(here[0], "M-"), n)
	}
	return s + "如需与其他受害人一起处理，请新建共同事项并加入本案件（leakdesk matter new、matter add-case）。"
}
