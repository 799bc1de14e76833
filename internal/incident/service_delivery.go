package incident

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/incident/playbook"
)

// Proof of delivery (issue 12): how and when a demand, complaint or
// application reached the one a step waits on — the EMS tracking number and
// its 妥投 date, the e-mail's sending, the platform's form, a receipt signed
// at the counter — with the postal receipt or the screenshot from the
// evidence locker. The regulator complaint and the civil claim cite it, so
// an unanswered demand is shown to have arrived. Like replies, a delivery
// is a fact about the past kept in the case's history (EventStepDelivered):
// sealed, hash-chained, exported and carried by import (carryRecords); no
// table and no migration. A later record on the same step is added beside
// the earlier one, and the latest counts.

// Delivery methods.
const (
	DeliveryEMS      = "ems"       // EMS or another courier with a tracking number
	DeliveryPost     = "post"      // registered letter (挂号信)
	DeliveryEmail    = "email"     // e-mail
	DeliveryOnline   = "online"    // the recipient's online form or platform
	DeliveryInPerson = "in-person" // handed in at the counter, receipt signed
)

// DeliveryMethod is a method with its labels: the screen's and the
// document's words.
type DeliveryMethod struct {
	Key, ZH, EN string
	// Doc is the method as a document states it ("以EMS邮寄").
	Doc string
}

var deliveryMethods = []DeliveryMethod{
	{DeliveryEMS, "EMS或快递", "EMS or courier", "以EMS或者快递寄送"},
	{DeliveryPost, "挂号信", "Registered letter", "以挂号信寄送"},
	{DeliveryEmail, "电子邮件", "E-mail", "以电子邮件发送"},
	{DeliveryOnline, "网上提交", "Online form or platform", "通过对方的网上渠道提交"},
	{DeliveryInPerson, "当面递交", "Handed in person", "当面递交"},
}

// DeliveryMethods lists every method in display order.
func DeliveryMethods() []DeliveryMethod { return slices.Clone(deliveryMethods) }

// DeliveryMethodKeys lists the methods' keys, for usage lines and checks.
func DeliveryMethodKeys() []string {
	out := make([]string, len(deliveryMethods))
	for i, m := range deliveryMethods {
		out[i] = m.Key
	}
	return out
}

// DeliveryLabel names a method in lang ("doc" for the document's words).
func DeliveryLabel(key, lang string) string {
	for _, m := range deliveryMethods {
		if m.Key == key {
			switch lang {
			case "en":
				return m.EN
			case "doc":
				return m.Doc
			}
			return m.ZH
		}
	}
	return key
}

// Delivery is one recorded delivery of what a step sent.
type Delivery struct {
	StepID int64
	Method string    // DeliveryEMS, …
	On     time.Time // the day it reached the recipient (or was sent, for e-mail and forms); a civil date
	// Tracking is the tracking number, the e-mail's subject or message ID,
	// the platform's ticket: whatever identifies the sending.
	Tracking string
	// ExhibitID is the proof in the evidence locker (postal receipt, 妥投
	// screenshot, sent e-mail); 0 for none.
	ExhibitID int64
	Seq       int64
}

// SendsSomething reports whether a delivery can be recorded on the step:
// it waits on someone (WaitsOnSomeone) or has a document to send.
func SendsSomething(st Step) bool {
	if WaitsOnSomeone(st) {
		return true
	}
	sp, ok := playbook.Lookup(st.Kind)
	return ok && sp.Packet != ""
}

// RecordDelivery records how and when what a step sent reached its
// recipient, in one transaction: the proof is linked to the step, a step
// still to do becomes handed in, and a step that waits gets its follow-up
// date counted from the delivery (the periods run from receipt: 收到之日起).
// An empty date is today.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) RecordDelivery(ctx context.Context, stepID int64, d Delivery) (Delivery, *Step, error) {
	d.Tracking = strings.TrimSpace(NormalizeNewlines(d.Tracking))
	if !slices.Contains(DeliveryMethodKeys(), d.Method) {
		return d, nil, invalid("method", "送达方式只能是：EMS或快递、挂号信、电子邮件、网上提交或当面递交。",
			"The delivery method must be ems, post, email, online or in-person.")
	}
	if err := checkText("tracking", d.Tracking, maxShort); err != nil {
		return d, nil, err
	}
	var err error
	if d.On, err = s.pastDay(d.On, "送达日期不能晚于今天。", "The delivery date cannot be in the future."); err != nil {
		return d, nil, err
	}
	var out *Step
	err = s.update(ctx, func(t *txn) error {
		st, err := t.GetStep(stepID)
		if err != nil {
			return err
		}
		if !SendsSomething(*st) {
			return invalid("step", "这一步不需要寄送或者提交任何东西，不能登记送达。", "This step sends nothing, so no delivery can be recorded on it.")
		}
		if err := t.linkProof(d.ExhibitID, st); err != nil {
			return err
		}
		if st.Status == StepTodo {
			if st, err = t.setStepStatus(stepID, StepDoing, "", nil); err != nil {
				return err
			}
		}
		data := map[string]string{"method": d.Method, "date": dateString(d.On)}
		if d.Tracking != "" {
			data["tracking"] = d.Tracking
		}
		if d.ExhibitID != 0 {
			data["exhibit"] = strconv.FormatInt(d.ExhibitID, 10)
		}
		if st.Status == StepDoing && st.Kind != "" {
			// The waiting period runs from the day it arrived, not from
			// the day the step was marked.
			on := time.Date(d.On.Year(), d.On.Month(), d.On.Day(), 0, 0, 0, 0, t.loc)
			if due, est, ok := playbook.FollowUpDate(st.Kind, string(StepDoing), on); ok {
				st.FollowUp, st.FollowUpEstimate = due, est
				data["follow_up"] = dateString(due)
				if err := t.SaveStep(st); err != nil {
					return err
				}
			}
		}
		d.StepID = stepID
		out = st
		if err := t.touch(st.CaseID); err != nil {
			return err
		}
		return t.record(st.CaseID, EventStepDelivered, subject("step", stepID), data)
	})
	return d, out, err
}

// DeliveriesOf reads the deliveries recorded in a case's history, by step,
// oldest first.
func DeliveriesOf(events []Event) map[int64][]Delivery {
	return byStep(events, EventStepDelivered, func(id int64, e Event) Delivery {
		d := Delivery{StepID: id, Method: e.Data["method"], Tracking: e.Data["tracking"], Seq: e.Seq}
		d.On, _ = time.Parse("2006-01-02", e.Data["date"])
		d.ExhibitID, _ = strconv.ParseInt(e.Data["exhibit"], 10, 64)
		return d
	})
}

// LatestDelivery is the last delivery recorded on a step; ok is false for
// none.
func LatestDelivery(events []Event, stepID int64) (Delivery, bool) {
	return last(DeliveriesOf(events)[stepID])
}
