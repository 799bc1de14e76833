package main

import (
	"context"
	"flag"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/incident"
)

// cmdCorrectionOrder records a regulator's correction order to the case's
// source and, with --ignored-since, that the source did not correct (issue
// 18, 刑法第二百八十六条之一 through incident.Refusal):
//
//	leakdesk correction-order --case ID --authority TEXT --date YYYY-MM-DD [--ref NO] [--ignored-since YYYY-MM-DD]
//	    [--continued TEXT] [--exhibit N] [--online[=false]]
//
// The optional flags after the contract set what the Details tab's
// form also sets: what continued after the order, the order document
// among the case's exhibits (its number, as `evidence list` shows it; 0
// for none) and, for a bank, hospital, school or government office,
// whether it served the victim online (法释〔2019〕15号 Art. 1 item (3)).
// Each of these three not given keeps what the case records; the contract's
// flags replace it on every run, as before. It prints which elements the case now
// records and what is missing.
func (c *cli) cmdCorrectionOrder(ctx context.Context, args []string) error {
	fs := c.flags("correction-order")
	caseFlag := fs.String("case", "", "")
	authority := fs.String("authority", "", "")
	date := fs.String("date", "", "")
	ref := fs.String("ref", "", "")
	ignored := fs.String("ignored-since", "", "")
	continued := fs.String("continued", "", "")
	exhibit := fs.String("exhibit", "", "")
	online := fs.Bool("online", false, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	exhibitNo := 0
	if given["exhibit"] {
		if exhibitNo, err = strconv.Atoi(*exhibit); err != nil || exhibitNo < 0 {
			return c.usagef("--exhibit 应为证据序号（正整数，0 表示不关联）。", "--exhibit wants an exhibit number (a positive number, 0 for none)")
		}
	}
	if strings.TrimSpace(*authority) == "" {
		return c.usagef("缺少 --authority（发出责令改正通知的机关）。", "--authority TEXT (the authority that issued the order) is required")
	}
	if *date == "" {
		return c.usagef("缺少 --date（责令改正通知的日期，YYYY-MM-DD）。", "--date YYYY-MM-DD (the order's date) is required")
	}
	issued, err := c.dateFlag("date", *date)
	if err != nil {
		return err
	}
	since, err := c.dateFlag("ignored-since", *ignored)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		cs, err := svc.Case(ctx, id)
		if err != nil {
			return err
		}
		o := &incident.CorrectionOrder{Authority: *authority, Reference: *ref, IssuedOn: issued, IgnoredSince: since}
		if old := cs.CorrectionOrder; old != nil {
			o.Continued, o.ExhibitID, o.Online = old.Continued, old.ExhibitID, old.Online
		}
		if given["continued"] {
			o.Continued = *continued
		}
		if given["online"] {
			o.Online = *online
		}
		if given["exhibit"] {
			o.ExhibitID = 0
			if exhibitNo > 0 {
				e, err := svc.ExhibitByNumber(ctx, id, exhibitNo)
				if err != nil {
					return err
				}
				o.ExhibitID = e.ID
			}
		}
		if err := svc.SetCorrectionOrder(ctx, id, o); err != nil {
			return err
		}
		cf, err := svc.CaseFile(ctx, id)
		if err != nil {
			return err
		}
		r := incident.RefusalOf(cf)
		c.printf("%s\n", c.t("已记录责令改正通知。", "Correction order recorded."))
		for _, e := range r.Elements() {
			mark, text := "✓", c.t(e.ZH, e.EN)
			if !e.Have {
				mark = "✗"
				text += "\n    " + c.t(e.MissingZH, e.MissingEN)
			}
			c.printf("  %s %s\n", mark, text)
		}
		if r.Printable() {
			c.printf("%s\n", c.t("报案或控告材料（export --packet police）将写明这一罪名、责令改正通知、拒不改正的情况和已知的后果。",
				"The police packet (export --packet police) will now state this crime, the order, the refusal and the known consequences."))
		} else {
			c.printf("%s\n", c.t("在上面的要件都记录之前，报案材料不会写这一罪名。", "Until the elements above are recorded, the police packet does not name this crime."))
		}
		return nil
	})
}

// dateFlag parses a YYYY-MM-DD flag value as a civil date (midnight UTC,
// as the store keeps dates); zero when not given.
func (c *cli) dateFlag(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, c.usagef("--%s 应为日期 YYYY-MM-DD，例如 2025-11-03。", "--%s wants a date YYYY-MM-DD such as 2025-11-03", name)
	}
	return t, nil
}
