package incident

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The time and expense log (issue 12): what the leak cost the victim, each
// entry with its date, amount or hours and an optional receipt from the
// evidence locker. Like replies, entries are facts about the past, kept in
// the case's history (EventExpenseAdded, EventExpenseRemoved): sealed in an
// encrypted store, hash-chained, written by case export and recorded again
// by case import (carryRecords). A mistaken entry
// is removed by a later history entry, never erased. Totals per category
// feed the documents' loss statements only when entries exist.

// Expense categories.
const (
	ExpenseTime       = "time"        // hours spent
	ExpenseTransport  = "transport"   // 交通费
	ExpensePostage    = "postage"     // 邮寄费
	ExpensePhone      = "phone"       // 通讯费
	ExpensePrinting   = "printing"    // 打印复印费
	ExpenseNotary     = "notary"      // 公证费、可信时间戳费
	ExpenseLostIncome = "lost-income" // 误工损失
	ExpenseOther      = "other"
)

// ExpenseCategory is a category with its labels.
type ExpenseCategory struct{ Key, ZH, EN string }

var expenseCategories = []ExpenseCategory{
	{ExpenseTime, "花费的时间", "Time spent"},
	{ExpenseTransport, "交通费", "Transport"},
	{ExpensePostage, "邮寄费", "Postage"},
	{ExpensePhone, "通讯费", "Phone"},
	{ExpensePrinting, "打印复印费", "Printing and copies"},
	{ExpenseNotary, "公证费、时间戳费", "Notary or timestamp fees"},
	{ExpenseLostIncome, "误工损失", "Lost income"},
	{ExpenseOther, "其他费用", "Other costs"},
}

// ExpenseCategories lists every category in display order.
func ExpenseCategories() []ExpenseCategory { return slices.Clone(expenseCategories) }

// ExpenseLabel names a category in lang.
func ExpenseLabel(key, lang string) string {
	for _, c := range expenseCategories {
		if c.Key == key {
			if lang == "en" {
				return c.EN
			}
			return c.ZH
		}
	}
	return key
}

// Expense is one entry of the log.
type Expense struct {
	// Entry is the history entry that recorded it: its number in lists and
	// for RemoveExpense.
	Entry     int64
	On        time.Time // civil date
	Category  string
	AmountFen int64   // money in fen (0.01 yuan); 0 for none
	Hours     float64 // time spent, for ExpenseTime
	Note      string
	ExhibitID int64 // the receipt in the evidence locker; 0 for none
}

// Yuan is the amount as a decimal string ("12.50").
func (e Expense) Yuan() string { return FenText(e.AmountFen) }

// FenText writes an amount in fen as yuan with two decimals.
func FenText(fen int64) string { return fmt.Sprintf("%d.%02d", fen/100, fen%100) }

// ParseYuan reads an amount of yuan with at most two decimals.
func ParseYuan(s string) (int64, error) {
	s = strings.TrimSpace(s)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f >= 0 && f <= 1e10) {
		return 0, invalid("amount", "金额应为不小于 0 的数字，例如 12.50。", "The amount must be a number of yuan, 0 or more, such as 12.50.")
	}
	fen := math.Round(f * 100)
	if math.Abs(f*100-fen) > 1e-6 {
		return 0, invalid("amount", "金额最多保留两位小数。", "The amount has at most two decimals.")
	}
	return int64(fen), nil
}

// AddExpense records an entry of the log.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) AddExpense(ctx context.Context, caseID int64, e Expense) (Expense, error) {
	e.Note = strings.TrimSpace(NormalizeNewlines(e.Note))
	if !slices.ContainsFunc(expenseCategories, func(c ExpenseCategory) bool { return c.Key == e.Category }) {
		return e, invalid("category", "未知的费用类别。", "Unknown expense category.")
	}
	if e.AmountFen < 0 || e.Hours < 0 || math.IsNaN(e.Hours) || e.Hours > 10000 {
		return e, invalid("amount", "金额和小时数不能是负数。", "Amounts and hours cannot be negative.")
	}
	if e.Category == ExpenseTime && e.Hours == 0 {
		return e, invalid("hours", "请填写花了多少小时。", "Enter how many hours it took.")
	}
	if e.Category != ExpenseTime && e.Hours != 0 {
		return e, invalid("hours", "小时数只用于“花费的时间”。", "Hours go with \"time spent\" only.")
	}
	if e.Category != ExpenseTime && e.AmountFen == 0 {
		return e, invalid("amount", "请填写金额。", "Enter the amount.")
	}
	if err := checkText("note", e.Note, maxShort); err != nil {
		return e, err
	}
	var err error
	if e.On, err = s.pastDay(e.On, "日期不能晚于今天。", "The date cannot be in the future."); err != nil {
		return e, err
	}
	err = s.update(ctx, func(t *txn) error {
		if _, err := t.GetCase(caseID); err != nil {
			return err
		}
		if e.ExhibitID != 0 {
			x, err := t.GetExhibit(e.ExhibitID)
			if err != nil || x.CaseID != caseID {
				return invalid("receipt", "所选的票据不属于这个案件。", "The chosen receipt is not part of this case.")
			}
		}
		data := map[string]string{"date": dateString(e.On), "category": e.Category}
		if e.AmountFen != 0 {
			data["amount_fen"] = strconv.FormatInt(e.AmountFen, 10)
		}
		if e.Hours != 0 {
			data["hours"] = strconv.FormatFloat(e.Hours, 'f', -1, 64)
		}
		if e.Note != "" {
			data["note"] = e.Note
		}
		if e.ExhibitID != 0 {
			data["exhibit"] = strconv.FormatInt(e.ExhibitID, 10)
		}
		if err := t.touch(caseID); err != nil {
			return err
		}
		if err := t.record(caseID, EventExpenseAdded, subject("case", caseID), data); err != nil {
			return err
		}
		last, _, err := t.LastEvent(caseID)
		e.Entry = last.Seq
		return err
	})
	return e, err
}

// RemoveExpense takes entry out of the log (the history keeps both).
// Errors: CodeNotFound.
func (s *Service) RemoveExpense(ctx context.Context, caseID, entry int64) error {
	return s.update(ctx, func(t *txn) error {
		events, err := t.ListEvents(caseID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(ExpensesOf(events), func(e Expense) bool { return e.Entry == entry }) {
			return Errorf(CodeNotFound, "没有这条时间和费用记录（编号 "+strconv.FormatInt(entry, 10)+"）。",
				"There is no time or expense entry "+strconv.FormatInt(entry, 10)+".", nil)
		}
		if err := t.touch(caseID); err != nil {
			return err
		}
		return t.record(caseID, EventExpenseRemoved, subject("case", caseID), map[string]string{"entry": strconv.FormatInt(entry, 10)})
	})
}

// ExpensesOf reads the log from a case's history, in date order.
func ExpensesOf(events []Event) []Expense {
	removed := map[int64]bool{}
	for _, ev := range events {
		if ev.Kind == EventExpenseRemoved {
			n, _ := strconv.ParseInt(ev.Data["entry"], 10, 64)
			removed[n] = true
		}
	}
	var out []Expense
	for _, ev := range events {
		if ev.Kind != EventExpenseAdded || removed[ev.Seq] {
			continue
		}
		e := Expense{Entry: ev.Seq, Category: ev.Data["category"], Note: ev.Data["note"]}
		e.On, _ = time.Parse("2006-01-02", ev.Data["date"])
		e.AmountFen, _ = strconv.ParseInt(ev.Data["amount_fen"], 10, 64)
		e.Hours, _ = strconv.ParseFloat(ev.Data["hours"], 64)
		e.ExhibitID, _ = strconv.ParseInt(ev.Data["exhibit"], 10, 64)
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b Expense) int { return a.On.Compare(b.On) })
	return out
}

// ExpenseTotal is one category's total.
type ExpenseTotal struct {
	Category  string
	AmountFen int64
	Hours     float64
}

// ExpenseTotals sums the log per category, in the categories' order,
// leaving out categories with no entry.
func ExpenseTotals(list []Expense) []ExpenseTotal {
	var out []ExpenseTotal
	for _, c := range expenseCategories {
		t := ExpenseTotal{Category: c.Key}
		n := 0
		for _, e := range list {
			if e.Category == c.Key {
				t.AmountFen += e.AmountFen
				t.Hours += e.Hours
				n++
			}
		}
		if n > 0 {
			out = append(out, t)
		}
	}
	return out
}
