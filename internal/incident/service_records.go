package incident

import (
	"context"
	"strconv"
	"time"
)

// saveChild runs one save of a record that belongs to a case: it checks the
// case exists, saves, touches the case and records the event.
func (s *Service) saveChild(ctx context.Context, caseID int64, kind string, save func(t *txn) (id int64, created bool, data map[string]string, err error)) error {
	return s.update(ctx, func(t *txn) error {
		if _, err := t.GetCase(caseID); err != nil {
			return err
		}
		id, created, data, err := save(t)
		if err != nil || data == nil {
			return err
		}
		verb := ".updated"
		if created {
			verb = ".added"
		}
		if err := t.touch(caseID); err != nil {
			return err
		}
		return t.record(caseID, kind+verb, subject(kind, id), data)
	})
}

func (s *Service) deleteChild(ctx context.Context, kind string, id int64, get func(tx Tx) (caseID int64, err error), del func(tx Tx) error) error {
	return s.update(ctx, func(t *txn) error {
		caseID, err := get(t)
		if err != nil {
			return err
		}
		if err := del(t); err != nil {
			return err
		}
		if err := t.touch(caseID); err != nil {
			return err
		}
		return t.record(caseID, kind+".deleted", subject(kind, id), nil)
	})
}

// SaveLeaked adds or updates a leaked-data row; valid tells which category
// keys exist (the severity rules own them).
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SaveLeaked(ctx context.Context, l *LeakedData, valid func(string) bool) error {
	if err := l.Validate(valid); err != nil {
		return err
	}
	return s.saveChild(ctx, l.CaseID, "leaked", func(t *txn) (int64, bool, map[string]string, error) {
		created := l.ID == 0
		if !created {
			if _, err := t.GetLeaked(l.ID); err != nil {
				return 0, false, nil, err
			}
		}
		err := t.SaveLeaked(l)
		return l.ID, created, map[string]string{"category": l.Category, "count": strconv.FormatInt(l.Count, 10)}, err
	})
}

// DeleteLeaked removes a leaked-data row.
// Errors: CodeNotFound.
func (s *Service) DeleteLeaked(ctx context.Context, id int64) error {
	return s.deleteChild(ctx, "leaked", id, func(tx Tx) (int64, error) {
		l, err := tx.GetLeaked(id)
		if err != nil {
			return 0, err
		}
		return l.CaseID, nil
	}, func(tx Tx) error { return tx.DeleteLeaked(id) })
}

// SaveAccount adds or updates an account of the inventory.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SaveAccount(ctx context.Context, a *Account) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.saveChild(ctx, a.CaseID, "account", func(t *txn) (int64, bool, map[string]string, error) {
		created := a.ID == 0
		data := map[string]string{}
		if !created {
			old, err := t.GetAccount(a.ID)
			if err != nil {
				return 0, false, nil, err
			}
			data["fields"] = changed(
				[3]string{"service", old.Service, a.Service}, [3]string{"login", old.Login, a.Login},
				[3]string{"exposed", old.Exposed, a.Exposed}, [3]string{"notes", old.Notes, a.Notes},
				[3]string{"password_changed", strconv.FormatBool(old.PasswordChanged), strconv.FormatBool(a.PasswordChanged)},
				[3]string{"two_factor", strconv.FormatBool(old.TwoFactor), strconv.FormatBool(a.TwoFactor)},
				[3]string{"sessions_revoked", strconv.FormatBool(old.SessionsRevoked), strconv.FormatBool(a.SessionsRevoked)},
				[3]string{"deletion_requested", strconv.FormatBool(old.DeletionRequested), strconv.FormatBool(a.DeletionRequested)},
			)
			if data["fields"] == "" {
				return a.ID, false, nil, nil
			}
		}
		data["password_changed"] = strconv.FormatBool(a.PasswordChanged)
		data["two_factor"] = strconv.FormatBool(a.TwoFactor)
		data["sessions_revoked"] = strconv.FormatBool(a.SessionsRevoked)
		data["deletion_requested"] = strconv.FormatBool(a.DeletionRequested)
		err := t.SaveAccount(a)
		return a.ID, created, data, err
	})
}

// DeleteAccount removes an account row.
// Errors: CodeNotFound.
func (s *Service) DeleteAccount(ctx context.Context, id int64) error {
	return s.deleteChild(ctx, "account", id, func(tx Tx) (int64, error) {
		a, err := tx.GetAccount(id)
		if err != nil {
			return 0, err
		}
		return a.CaseID, nil
	}, func(tx Tx) error { return tx.DeleteAccount(id) })
}

// SaveCommunication adds or updates a log entry.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SaveCommunication(ctx context.Context, c *Communication) error {
	c.normalizeText()
	if err := c.Validate(); err != nil {
		return err
	}
	return s.saveChild(ctx, c.CaseID, "communication", func(t *txn) (int64, bool, map[string]string, error) {
		created := c.ID == 0
		if !created {
			if _, err := t.GetCommunication(c.ID); err != nil {
				return 0, false, nil, err
			}
		}
		if c.StepID != 0 {
			st, err := t.GetStep(c.StepID)
			if err != nil {
				return 0, false, nil, err
			}
			if st.CaseID != c.CaseID {
				return 0, false, nil, invalid("step", "所关联的步骤不属于这个案件。", "The linked step belongs to another case.")
			}
		}
		err := t.SaveCommunication(c)
		data := map[string]string{"channel": c.Channel, "direction": string(c.Direction), "at": c.At.UTC().Format(time.RFC3339)}
		if c.StepID != 0 {
			data["step"] = strconv.FormatInt(c.StepID, 10)
		}
		return c.ID, created, data, err
	})
}

// DeleteCommunication removes a log entry.
// Errors: CodeNotFound.
func (s *Service) DeleteCommunication(ctx context.Context, id int64) error {
	return s.deleteChild(ctx, "communication", id, func(tx Tx) (int64, error) {
		c, err := tx.GetCommunication(id)
		if err != nil {
			return 0, err
		}
		return c.CaseID, nil
	}, func(tx Tx) error { return tx.DeleteCommunication(id) })
}

// CommunicationForStep returns a new, unsaved log entry prefilled from a
// step, so the UI can log a call about the step in one click.
// Errors: CodeNotFound.
func (s *Service) CommunicationForStep(ctx context.Context, stepID int64) (Communication, error) {
	var st *Step
	err := s.view(ctx, func(tx Tx) error {
		var err error
		st, err = tx.GetStep(stepID)
		return err
	})
	if err != nil {
		return Communication{}, err
	}
	ch := "phone"
	if st.Channel == "online" || st.Channel == "email" || st.Channel == "letter" || st.Channel == "in-person" {
		ch = st.Channel
	}
	return Communication{CaseID: st.CaseID, At: s.clock.Now(), Direction: Outgoing, Channel: ch,
		Counterpart: st.Organisation, Reference: st.Reference, StepID: st.ID}, nil
}

// SaveStep saves a step's editable fields (notes, organisation, channel,
// reference, follow-up, custom title). Status changes go through
// SetStepStatus so the playbook can set the follow-up.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SaveStep(ctx context.Context, st *Step) error {
	if st.Status == "" {
		st.Status = StepTodo
	}
	st.normalizeText()
	if err := st.Validate(); err != nil {
		return err
	}
	return s.saveChild(ctx, st.CaseID, "step", func(t *txn) (int64, bool, map[string]string, error) {
		if st.ID == 0 {
			steps, err := t.ListSteps(st.CaseID)
			if err != nil {
				return 0, false, nil, err
			}
			st.Position = len(steps) + 1
			err = t.SaveStep(st)
			return st.ID, true, map[string]string{"kind": st.Kind, "status": string(st.Status)}, err
		}
		old, err := t.GetStep(st.ID)
		if err != nil {
			return 0, false, nil, err
		}
		if old.CaseID != st.CaseID {
			return 0, false, nil, NotFound("step", st.ID)
		}
		fields := changed(
			[3]string{"title", old.Title, st.Title}, [3]string{"why", old.Why, st.Why},
			[3]string{"notes", old.Notes, st.Notes}, [3]string{"organisation", old.Organisation, st.Organisation},
			[3]string{"channel", old.Channel, st.Channel}, [3]string{"reference", old.Reference, st.Reference},
			[3]string{"follow_up", dateString(old.FollowUp), dateString(st.FollowUp)},
		)
		if fields == "" {
			return st.ID, false, nil, nil
		}
		// Fields owned by other operations keep their stored values.
		st.Status, st.CompletedAt, st.Kind, st.Position, st.Retired = old.Status, old.CompletedAt, old.Kind, old.Position, old.Retired
		// Dates compare as calendar days: the store keeps no time of day or zone.
		data := map[string]string{"fields": fields}
		if dateString(st.FollowUp) != dateString(old.FollowUp) {
			st.FollowUpEstimate = false
			data["follow_up"] = dateString(st.FollowUp)
		} else {
			st.FollowUpEstimate = old.FollowUpEstimate
		}
		return st.ID, false, data, t.SaveStep(st)
	})
}

// DeleteStep removes a step the user added; playbook steps are retired by
// the intake or marked not applicable instead, so their history stays.
// Errors: CodeNotFound, CodeInvalid.
func (s *Service) DeleteStep(ctx context.Context, id int64) error {
	return s.deleteChild(ctx, "step", id, func(tx Tx) (int64, error) {
		st, err := tx.GetStep(id)
		if err != nil {
			return 0, err
		}
		if st.Kind != "" {
			return 0, invalid("step", "建议步骤不能删除；不需要时可标记为“不适用”。", "Suggested steps cannot be deleted; mark them \"not applicable\" instead.")
		}
		return st.CaseID, nil
	}, func(tx Tx) error { return tx.DeleteStep(id) })
}

// MoveStep moves a step to a new 1-based position within its case.
// Errors: CodeNotFound.
func (s *Service) MoveStep(ctx context.Context, id int64, pos int) error {
	return s.update(ctx, func(t *txn) error {
		st, err := t.GetStep(id)
		if err != nil {
			return err
		}
		steps, err := t.ListSteps(st.CaseID)
		if err != nil {
			return err
		}
		pos = min(max(pos, 1), len(steps))
		var order []Step
		for _, x := range steps {
			if x.ID != id {
				order = append(order, x)
			}
		}
		order = append(order[:pos-1], append([]Step{*st}, order[pos-1:]...)...)
		for i := range order {
			if order[i].Position != i+1 {
				order[i].Position = i + 1
				if err := t.SaveStep(&order[i]); err != nil {
					return err
				}
			}
		}
		return t.record(st.CaseID, EventStepMoved, subject("step", id), map[string]string{"position": strconv.Itoa(pos)})
	})
}
