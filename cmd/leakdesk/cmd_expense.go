package main

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"leakdesk/internal/incident"
)

// cmdExpense is the time and expense log (issue 12):
//
//	leakdesk expense add --case ID --category C (--amount YUAN | --hours H) [--date D] [--note T] [--receipt N]
//	leakdesk expense list --case ID [--json]
//	leakdesk expense remove --case ID --entry N
func (c *cli) cmdExpense(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return c.usagef("expense 需要子命令：add、list 或 remove。", "expense needs a subcommand: add, list or remove")
	}
	sub := map[string]func(context.Context, []string) error{"add": c.cmdExpenseAdd, "list": c.cmdExpenseList, "remove": c.cmdExpenseRemove}
	h, ok := sub[args[0]]
	if !ok {
		return c.usagef("未知的 expense 子命令 “%s”。", "unknown expense subcommand %q", args[0])
	}
	return h(ctx, args[1:])
}

func expenseKeys() []string {
	var out []string
	for _, k := range incident.ExpenseCategories() {
		out = append(out, k.Key)
	}
	return out
}

func (c *cli) cmdExpenseAdd(ctx context.Context, args []string) error {
	fs := c.flags("expense add")
	caseFlag := fs.String("case", "", "")
	category := fs.String("category", "", "")
	amount := fs.String("amount", "", "")
	hours := fs.String("hours", "", "")
	dateStr := fs.String("date", "", "")
	note := fs.String("note", "", "")
	receipt := fs.Int("receipt", 0, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	if !slices.Contains(expenseKeys(), *category) {
		return c.usagef("--category 只能是 %s。", "--category must be one of %s", strings.Join(expenseKeys(), "|"))
	}
	if *amount == "" && *hours == "" {
		return c.usagef("请给出 --amount（元）或 --hours（小时）。", "give --amount YUAN or --hours H")
	}
	e := incident.Expense{Category: *category, Note: *note}
	if *amount != "" {
		fen, err := incident.ParseYuan(*amount)
		if err != nil {
			return c.usagef("--amount 应为金额（元），例如 12.50。", "--amount wants yuan such as 12.50")
		}
		e.AmountFen = fen
	}
	if *hours != "" {
		h, err := strconv.ParseFloat(*hours, 64)
		if err != nil || h <= 0 {
			return c.usagef("--hours 应为正数，例如 1.5。", "--hours wants a positive number such as 1.5")
		}
		e.Hours = h
	}
	if e.On, err = c.dateFlag("date", *dateStr); err != nil {
		return err
	}
	return c.withCase(ctx, id, func(svc *incident.Service, cf *incident.CaseFile) error {
		if *receipt > 0 {
			if e.ExhibitID, err = exhibitNumbered(cf, *receipt); err != nil {
				return err
			}
		}
		got, err := svc.AddExpense(ctx, id, e)
		if err != nil {
			return err
		}
		c.printf("%d\n", got.Entry)
		return nil
	})
}

// expenseJSON is one entry of `expense list --json`.
type expenseJSON struct {
	Entry    int64   `json:"entry"`
	Date     string  `json:"date"`
	Category string  `json:"category"`
	Amount   string  `json:"amount,omitempty"` // yuan, two decimals
	Hours    float64 `json:"hours,omitempty"`
	Note     string  `json:"note,omitempty"`
	Receipt  int     `json:"receipt,omitempty"` // evidence number
}

type expenseTotalJSON struct {
	Category string  `json:"category"`
	Amount   string  `json:"amount"`
	Hours    float64 `json:"hours,omitempty"`
}

func (c *cli) cmdExpenseList(ctx context.Context, args []string) error {
	fs := c.flags("expense list")
	caseFlag := fs.String("case", "", "")
	asJSON := fs.Bool("json", false, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	return c.withCase(ctx, id, func(svc *incident.Service, cf *incident.CaseFile) error {
		num := map[int64]int{}
		for _, x := range cf.Exhibits {
			num[x.ID] = x.Number
		}
		list := incident.ExpensesOf(cf.Events)
		entries := make([]expenseJSON, 0, len(list))
		for _, e := range list {
			j := expenseJSON{Entry: e.Entry, Date: date(e.On), Category: e.Category, Hours: e.Hours, Note: e.Note, Receipt: num[e.ExhibitID]}
			if e.AmountFen != 0 {
				j.Amount = e.Yuan()
			}
			entries = append(entries, j)
		}
		totals := []expenseTotalJSON{}
		var sum int64
		for _, t := range incident.ExpenseTotals(list) {
			totals = append(totals, expenseTotalJSON{Category: t.Category, Amount: incident.FenText(t.AmountFen), Hours: t.Hours})
			sum += t.AmountFen
		}
		if *asJSON {
			return c.writeJSON(map[string]any{"case": id, "entries": entries, "totals": totals, "total_amount": incident.FenText(sum)})
		}
		if len(entries) == 0 {
			c.printf("%s\n", c.t("还没有记录时间和费用。", "No time or expenses logged yet."))
			return nil
		}
		tw := &table{}
		tw.row(split(c.t("#\t日期\t类别\t金额（元）\t小时\t票据\t说明", "#\tDATE\tCATEGORY\tYUAN\tHOURS\tRECEIPT\tNOTE"))...)
		for i, e := range entries {
			h := ""
			if e.Hours != 0 {
				h = strconv.FormatFloat(e.Hours, 'f', -1, 64)
			}
			r := ""
			if e.Receipt != 0 {
				r = strconv.Itoa(e.Receipt)
			}
			tw.row(strconv.FormatInt(e.Entry, 10), incident.FormatDate(list[i].On, c.lang), incident.ExpenseLabel(e.Category, c.lang), dash(e.Amount), dash(h), dash(r), dash(e.Note))
		}
		if err := tw.write(c.stdout); err != nil {
			return err
		}
		c.printf("\n%s\n", c.t("合计：", "Totals:"))
		for _, t := range totals {
			line := "  " + incident.ExpenseLabel(t.Category, c.lang)
			if t.Amount != "0.00" {
				line += "  " + t.Amount + c.t(" 元", " yuan")
			}
			if t.Hours != 0 {
				line += "  " + strconv.FormatFloat(t.Hours, 'f', -1, 64) + c.t(" 小时", " hours")
			}
			c.printf("%s\n", line)
		}
		c.printf("  %s%s%s\n", c.t("费用共计 ", "All costs "), incident.FenText(sum), c.t(" 元", " yuan"))
		return nil
	})
}

func (c *cli) cmdExpenseRemove(ctx context.Context, args []string) error {
	fs := c.flags("expense remove")
	caseFlag := fs.String("case", "", "")
	entry := fs.Int64("entry", 0, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	if *entry <= 0 {
		return c.usagef("缺少 --entry（expense list 的 # 列）。", "--entry N (the # of expense list) is required")
	}
	return c.withService(func(svc *incident.Service) error { return svc.RemoveExpense(ctx, id, *entry) })
}
