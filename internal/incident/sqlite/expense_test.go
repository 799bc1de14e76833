package sqlite

import (
	"bytes"
	"os"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// Issue 12: the time and expense log: entries with amounts in fen, hours,
// a receipt from the case's evidence; bad entries refused; a removed entry
// leaves the list and the totals; in an encrypted store the notes are not
// in the file.
func TestExpenseLog(t *testing.T) {
	s, svc := openTest(t, Options{})
	ctx := t.Context()
	id, _, err := svc.StartCase(ctx, incident.Case{Title: "costs"}, incident.Intake{Leaked: []string{"phone"}, Happened: []string{"scam-contact"}})
	if err != nil {
		t.Fatal(err)
	}
	other, _, _ := svc.StartCase(ctx, incident.Case{Title: "other"}, incident.Intake{})
	receipt, err := svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: incident.ExhibitNote, Title: "EMS 收据", RecordText: "22元"})
	if err != nil {
		t.Fatal(err)
	}
	foreign, _ := svc.AddRecord(ctx, incident.Exhibit{CaseID: other, Kind: incident.ExhibitNote, Title: "x", RecordText: "y"})
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	for name, e := range map[string]incident.Expense{
		"unknown category":      {Category: "bribes", AmountFen: 100},
		"negative":              {Category: incident.ExpensePostage, AmountFen: -1},
		"no amount":             {Category: incident.ExpensePostage},
		"time without hours":    {Category: incident.ExpenseTime},
		"hours on postage":      {Category: incident.ExpensePostage, AmountFen: 100, Hours: 1},
		"future":                {Category: incident.ExpensePostage, AmountFen: 100, On: day(11)},
		"receipt of other case": {Category: incident.ExpensePostage, AmountFen: 100, ExhibitID: foreign.ID},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := svc.AddExpense(ctx, id, e)
			wantCode(t, err, incident.CodeInvalid)
		})
	}
	post, err := svc.AddExpense(ctx, id, incident.Expense{Category: incident.ExpensePostage, AmountFen: 2200, On: day(3), Note: "NOTE-CANARY", ExhibitID: receipt.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddExpense(ctx, id, incident.Expense{Category: incident.ExpenseTime, Hours: 2.5, On: day(4)}); err != nil {
		t.Fatal(err)
	}
	wrong, err := svc.AddExpense(ctx, id, incident.Expense{Category: incident.ExpenseTransport, AmountFen: 99999, On: day(5)})
	if err != nil {
		t.Fatal(err)
	}
	taxi, err := svc.AddExpense(ctx, id, incident.Expense{Category: incident.ExpenseTransport, AmountFen: 850, On: day(2)})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.RemoveExpense(ctx, id, wrong.Entry); err != nil {
		t.Fatal(err)
	}
	wantCode(t, svc.RemoveExpense(ctx, id, wrong.Entry), incident.CodeNotFound)
	cf, _ := svc.CaseFile(ctx, id)
	list := incident.ExpensesOf(cf.Events)
	if len(list) != 3 || list[0].Entry != taxi.Entry || list[1].Entry != post.Entry || list[1].ExhibitID != receipt.ID || list[1].Note != "NOTE-CANARY" {
		t.Fatalf("log %+v", list)
	}
	got := incident.ExpenseTotals(list)
	want := []incident.ExpenseTotal{{Category: incident.ExpenseTime, Hours: 2.5}, {Category: incident.ExpenseTransport, AmountFen: 850}, {Category: incident.ExpensePostage, AmountFen: 2200}}
	if len(got) != len(want) {
		t.Fatalf("totals %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("total %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, _ := os.ReadFile(dbPath(s))
	if bytes.Contains(raw, []byte("NOTE-CANARY")) || bytes.Contains(raw, []byte("amount_fen")) {
		t.Error("the log is in clear in an encrypted store")
	}
}

func TestParseYuan(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "12": 1200, "12.5": 1250, "12.50": 1250, "0.01": 1, " 3.1 ": 310} {
		if got, err := incident.ParseYuan(in); err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "1.234", "abc", "1e20", "NaN"} {
		if _, err := incident.ParseYuan(in); err == nil {
			t.Errorf("ParseYuan(%q) accepted", in)
		}
	}
}
