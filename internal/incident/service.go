package incident

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"leakdesk/internal/incident/playbook"
)

// Service is what the UI and the command line talk to. Every method that
// changes a case runs in one transaction with one `now` and appends events.
type Service struct {
	store Store
	clock Clock
	zone  zoneCache
	// durTried: recordings whose length CaseFile tried to read in this
	// process (see fillDurations).
	durTried sync.Map
}

// NewService returns a service over store.
func NewService(store Store, clock Clock) *Service {
	if clock == nil {
		clock = SystemClock{}
	}
	return &Service{store: store, clock: clock}
}

// Now is the service clock's time, for callers that compute dates to show.
func (s *Service) Now() time.Time { return s.clock.Now() }

// txn is one write transaction with its single `now` and the event recorder.
type txn struct {
	Tx
	now time.Time
	// loc is the service's zone, read before the transaction opens (reading
	// it inside would start a second one).
	loc *time.Location
}

// record appends an event to the case's hash chain.
// A kind without a label (events.go) is refused, so it can never reach a
// timeline or a printed history as a raw key.
func (t *txn) record(caseID int64, kind, subject string, data map[string]string) error {
	if !knownEventKind(kind) {
		return Errorf(CodeInternal, "内部错误：未登记的事件类型。", "Internal error: unregistered event kind.", fmt.Errorf("event kind %q has no label", kind))
	}
	last, ok, err := t.LastEvent(caseID)
	if err != nil {
		return err
	}
	e := Event{CaseID: caseID, Seq: 1, At: t.now, Kind: kind, Subject: subject, Data: data}
	if ok {
		e.Seq = last.Seq + 1
		e.PrevHash = last.Hash
	}
	newHash, err := t.ChainHash(caseID)
	if err != nil {
		return err
	}
	e.Hash = e.ComputeHashWith(newHash)
	return t.AppendEvent(&e)
}

// touch marks a case changed so the case list sorts by recent work.
func (t *txn) touch(caseID int64) error {
	c, err := t.GetCase(caseID)
	if err != nil {
		return err
	}
	c.UpdatedAt = t.now
	return t.UpdateCase(c)
}

func (s *Service) update(ctx context.Context, fn func(t *txn) error) error {
	now, loc := s.clock.Now(), s.Location()
	return s.store.Update(ctx, func(tx Tx) error { return fn(&txn{Tx: tx, now: now, loc: loc}) })
}

func (s *Service) view(ctx context.Context, fn func(tx Tx) error) error {
	return s.store.View(ctx, fn)
}

func subject(kind string, id int64) string { return fmt.Sprintf("%s:%d", kind, id) }

// changed lists the names of fields whose values differ; only names go into
// the history for personal fields, so the history itself stays lean.
func changed(pairs ...[3]string) string {
	var names []string
	for _, p := range pairs {
		if p[1] != p[2] {
			names = append(names, p[0])
		}
	}
	return strings.Join(names, ",")
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// CreateCase stores a new open case and returns its ID.
// Errors: CodeInvalid.
func (s *Service) CreateCase(ctx context.Context, c Case) (int64, error) {
	if c.Status == "" {
		c.Status = CaseOpen
	}
	if c.SourceKind == "" {
		c.SourceKind = SourceUnknown
	}
	c.normalizeText()
	if err := c.Validate(s.Now()); err != nil {
		return 0, err
	}
	err := s.update(ctx, func(t *txn) error {
		c.CreatedAt, c.UpdatedAt = t.now, t.now
		if err := t.CreateCase(&c); err != nil {
			return err
		}
		return t.record(c.ID, EventCaseCreated, subject("case", c.ID), map[string]string{"status": string(c.Status), "source_kind": string(c.SourceKind)})
	})
	return c.ID, err
}

// UpdateCase saves the case's details.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) UpdateCase(ctx context.Context, c Case) error {
	c.normalizeText()
	if err := c.Validate(s.Now()); err != nil {
		return err
	}
	return s.update(ctx, func(t *txn) error {
		old, err := t.GetCase(c.ID)
		if err != nil {
			return err
		}
		fields := changed(
			[3]string{"title", old.Title, c.Title},
			[3]string{"victim.name", old.Victim.Name, c.Victim.Name},
			[3]string{"victim.id_number", old.Victim.IDNumber, c.Victim.IDNumber},
			[3]string{"victim.phone", old.Victim.Phone, c.Victim.Phone},
			[3]string{"victim.address", old.Victim.Address, c.Victim.Address},
			[3]string{"discovered_at", dateString(old.DiscoveredAt), dateString(c.DiscoveredAt)},
			[3]string{"narrative", old.Narrative, c.Narrative},
			[3]string{"source_org", old.SourceOrg, c.SourceOrg},
			[3]string{"source_addr", old.SourceAddr, c.SourceAddr},
			[3]string{"source_kind", string(old.SourceKind), string(c.SourceKind)},
			[3]string{"status", string(old.Status), string(c.Status)},
		)
		if fields == "" {
			return nil
		}
		c.CreatedAt, c.UpdatedAt, c.DeletedAt = old.CreatedAt, t.now, old.DeletedAt
		c.Intake = old.Intake // the intake changes only through RunIntake
		// and the correction order only through SetCorrectionOrder.
		c.CorrectionOrder = old.CorrectionOrder
		// The authorisation and the joint consent change only through
		// their own workflows (matter.go, authorisation.go).
		c.Authorisation, c.JointConsent = old.Authorisation, old.JointConsent
		if err := t.UpdateCase(&c); err != nil {
			return err
		}
		data := map[string]string{"fields": fields}
		if old.Status != c.Status {
			data["from"], data["to"] = string(old.Status), string(c.Status)
		}
		return t.record(c.ID, EventCaseUpdated, subject("case", c.ID), data)
	})
}

// SetCaseStatus opens or closes a case.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SetCaseStatus(ctx context.Context, id int64, status CaseStatus) error {
	c, err := s.Case(ctx, id)
	if err != nil {
		return err
	}
	c.Status = status
	return s.UpdateCase(ctx, *c)
}

// DeleteCase hides a case; UndoDeleteCase brings it back until PurgeDeleted
// removes it for good.
// Errors: CodeNotFound.
func (s *Service) DeleteCase(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, id, true)
}

// UndoDeleteCase restores a case hidden by DeleteCase.
// Errors: CodeNotFound.
func (s *Service) UndoDeleteCase(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, id, false)
}

func (s *Service) setDeleted(ctx context.Context, id int64, deleted bool) error {
	return s.update(ctx, func(t *txn) error {
		c, err := t.GetCase(id)
		if err != nil {
			return err
		}
		kind := EventCaseDeleted
		c.DeletedAt = t.now
		if !deleted {
			kind = EventCaseRestored
			c.DeletedAt = time.Time{}
		}
		if err := t.UpdateCase(c); err != nil {
			return err
		}
		return t.record(id, kind, subject("case", id), nil)
	})
}

// UndoWindow is how long a deleted case can be brought back before it is
// purged for good: long enough to undo a mistake, short enough that a
// deleted case does not linger on a shared laptop. Every purge (at start,
// on the app's timer, after unlocking) uses PurgeCutoff, so the window is
// bounded however long the app stays open.
const UndoWindow = 24 * time.Hour

// PurgeCutoff is the deletion time at or before which a case is purged.
func PurgeCutoff(now time.Time) time.Time { return now.Add(-UndoWindow) }

// Purger is implemented by stores that keep copies of their own (backups):
// purging there removes the case from every copy too, without needing the
// key. A store without copies need not implement it.
type Purger interface {
	// PurgeDeleted removes the cases deleted at or before cutoff.
	PurgeDeleted(ctx context.Context, cutoff time.Time) (int, error)
	// PurgeCase removes one case at once, deleted or not. Errors: CodeNotFound.
	PurgeCase(ctx context.Context, id int64) error
}

// PurgeDeleted removes for good the cases deleted before cutoff and returns
// how many went.
func (s *Service) PurgeDeleted(ctx context.Context, cutoff time.Time) (int, error) {
	if p, ok := s.store.(Purger); ok {
		return p.PurgeDeleted(ctx, cutoff)
	}
	n := 0
	err := s.update(ctx, func(t *txn) error {
		list, err := t.ListCases(CaseQuery{DeletedOnly: true})
		if err != nil {
			return err
		}
		for _, sum := range list {
			c, err := t.GetCase(sum.ID)
			if err != nil {
				return err
			}
			if !c.DeletedAt.IsZero() && !c.DeletedAt.After(cutoff) {
				if err := t.DeleteCase(c.ID); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

// PurgeCaseNow removes a case for good at once, whether or not it was
// deleted first, and with it every copy the store keeps (backups). There
// is no undo. Errors: CodeNotFound.
func (s *Service) PurgeCaseNow(ctx context.Context, id int64) error {
	if p, ok := s.store.(Purger); ok {
		return p.PurgeCase(ctx, id)
	}
	return s.update(ctx, func(t *txn) error { return t.DeleteCase(id) })
}

// Case returns one case's details.
// Errors: CodeNotFound.
func (s *Service) Case(ctx context.Context, id int64) (*Case, error) {
	var c *Case
	err := s.view(ctx, func(tx Tx) error {
		var err error
		c, err = tx.GetCase(id)
		return err
	})
	return c, err
}

// CaseFilter narrows the case list.
type CaseFilter struct {
	Text        string // matched against title, victim name, source and narrative
	Status      CaseStatus
	OverdueOnly bool
}

// Cases lists undeleted cases, most recently changed first.
func (s *Service) Cases(ctx context.Context, f CaseFilter) ([]CaseSummary, error) {
	var list []CaseSummary
	var needle []string
	err := s.view(ctx, func(tx Tx) error {
		var err error
		list, err = tx.ListCases(CaseQuery{})
		return err
	})
	if err != nil {
		return nil, err
	}
	today := s.Today()
	if q := strings.TrimSpace(strings.ToLower(f.Text)); q != "" {
		needle = strings.Fields(q)
	}
	out := list[:0]
	for _, c := range list {
		c.Overdue = c.Status == CaseOpen && !c.NextFollowUp.IsZero() && DaysBetween(today, c.NextFollowUp) < 0
		if f.Status != "" && c.Status != f.Status || f.OverdueOnly && !c.Overdue {
			continue
		}
		if needle != nil && !matchesAll(strings.ToLower(c.Title+" "+c.VictimName), needle) {
			continue
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].UpdatedAt.After(out[j].UpdatedAt) })
	return out, nil
}

func matchesAll(hay string, needles []string) bool {
	for _, n := range needles {
		if !strings.Contains(hay, n) {
			return false
		}
	}
	return true
}

// CaseFile loads everything a case holds.
// Errors: CodeNotFound.
func (s *Service) CaseFile(ctx context.Context, id int64) (*CaseFile, error) {
	cf := &CaseFile{}
	err := s.view(ctx, func(tx Tx) error {
		c, err := tx.GetCase(id)
		if err != nil {
			return err
		}
		cf.Case = *c
		if cf.Leaked, err = tx.ListLeaked(id); err != nil {
			return err
		}
		if cf.Accounts, err = tx.ListAccounts(id); err != nil {
			return err
		}
		if cf.Steps, err = tx.ListSteps(id); err != nil {
			return err
		}
		if cf.Communications, err = tx.ListCommunications(id); err != nil {
			return err
		}
		if cf.Exhibits, err = tx.ListExhibits(id); err != nil {
			return err
		}
		if cf.Events, err = tx.ListEvents(id); err != nil {
			return err
		}
		cf.Integrity, err = tx.CheckCase(id)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.fillDurations(ctx, cf.Exhibits)
	return cf, nil
}

// fillDurations reads the length of recordings stored before the app read
// lengths (issue 16), so that the Evidence tab, `evidence list` and the
// packets show it for them too. Each is tried once per process: a
// recording whose headers cannot be read keeps 0 (unknown) and is not
// read again at every refresh.
func (s *Service) fillDurations(ctx context.Context, list []Exhibit) {
	for i := range list {
		e := &list[i]
		if e.Duration > 0 || !FormatOf(*e).Recording {
			continue
		}
		if _, tried := s.durTried.LoadOrStore(e.ID, true); tried {
			continue
		}
		s.readDuration(ctx, e)
	}
}

// ExportCaseFile is CaseFile for a file that leaves the store (a case
// export or a hand-off bundle): its event chain is re-hashed with plain
// SHA-256, which anyone can check against the file's own content, after
// the store's keyed chain has been checked. A chain that no longer checks
// out keeps its break, so the importer refuses the file rather than
// receiving a laundered history.
// Errors: CodeNotFound, CodeLocked.
func (s *Service) ExportCaseFile(ctx context.Context, id int64) (*CaseFile, error) {
	cf, err := s.CaseFile(ctx, id)
	if err != nil {
		return nil, err
	}
	err = s.view(ctx, func(tx Tx) error {
		keyed, err := tx.ChainHash(id)
		if err != nil {
			return err
		}
		cf.Events, _ = Rechain(cf.Events, keyed, nil)
		// The matter travels as a reference (docs/case-format.md).
		mid, err := tx.CaseMatter(id)
		if err != nil || mid == 0 {
			return err
		}
		cf.Matter, err = tx.GetMatter(mid)
		return err
	})
	if err != nil {
		return nil, err
	}
	return cf, nil
}

// Events returns a case's history, oldest first.
func (s *Service) Events(ctx context.Context, caseID int64) ([]Event, error) {
	var ev []Event
	err := s.view(ctx, func(tx Tx) error {
		if _, err := tx.GetCase(caseID); err != nil {
			return err
		}
		var err error
		ev, err = tx.ListEvents(caseID)
		return err
	})
	return ev, err
}

// Deadlines lists every awaited follow-up across open cases, soonest first,
// with Overdue set against today.
func (s *Service) Deadlines(ctx context.Context) ([]FollowUp, error) {
	var list []FollowUp
	err := s.view(ctx, func(tx Tx) error {
		var err error
		if list, err = tx.FollowUps(); err != nil {
			return err
		}
		return wordFollowUps(tx, list)
	})
	today := s.Today()
	for i := range list {
		list[i].Overdue = DaysBetween(today, list[i].Due) < 0
		if r, ok := playbook.NextIfNoAnswer(list[i].StepKind); ok && list[i].Overdue {
			list[i].NextKind = r.Kind
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Due.Before(list[j].Due) })
	return list, err
}

// Setting reads a stored setting; def when unset.
func (s *Service) Setting(ctx context.Context, key, def string) (string, error) {
	v := def
	err := s.view(ctx, func(tx Tx) error {
		got, ok, err := tx.Setting(key)
		if ok {
			v = got
		}
		return err
	})
	return v, err
}

// SetSetting stores a setting.
func (s *Service) SetSetting(ctx context.Context, key, value string) error {
	return s.store.Update(ctx, func(tx Tx) error { return tx.SetSetting(key, value) })
}

// Backup writes a snapshot of the store to path.
func (s *Service) Backup(ctx context.Context, path string) error {
	return s.store.Backup(ctx, path)
}

// IsNotFound reports whether err is a not-found domain error.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == CodeNotFound
}

// wordFollowUps gives each follow-up without a title of its own the
// playbook's wording, as the case's plan shows it. Only a step whose title
// the answers change (playbook.TitleTailored) needs its case's answers:
// those cases are read, the others not (reading all 10,000 cases' answers
// would hold the cases table in SQLite's cache, ~35 MB). Each plan is made
// once per distinct answers, and rows with the same wording share it.
func wordFollowUps(tx Tx, list []FollowUp) error {
	type wording struct{ key, kind string }
	answers := map[int64]playbook.Answers{}
	plans := map[string]map[string]playbook.StepSpec{}
	specs := map[wording]*playbook.StepSpec{}
	for i := range list {
		f := &list[i]
		if f.StepTitle != "" || f.StepKind == "" {
			continue
		}
		w := wording{kind: f.StepKind}
		if playbook.TitleTailored(f.StepKind) {
			a, ok := answers[f.CaseID]
			if !ok {
				c, err := tx.GetCase(f.CaseID)
				if err != nil {
					return err
				}
				a = c.Intake.Answers()
				answers[f.CaseID] = a
			}
			w.key = a.PlanKey()
			if _, ok := plans[w.key]; !ok {
				plans[w.key] = planSpecs(a)
			}
		}
		sp, ok := specs[w]
		if !ok {
			sp = stepSpec(plans[w.key], Step{Kind: f.StepKind})
			specs[w] = sp
		}
		f.Spec = sp
	}
	return nil
}
