package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/source"
)

// Issue 13: matters — several victims' cases against one respondent.

func (c *cli) cmdMatter(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return c.usagef("matter 需要子命令：new、edit、list、show、add-case、remove-case、consent 或 delete。",
			"matter needs a subcommand: new, edit, list, show, add-case, remove-case, consent or delete")
	}
	switch args[0] {
	case "new":
		return c.cmdMatterNew(ctx, args[1:], false)
	case "edit":
		return c.cmdMatterNew(ctx, args[1:], true)
	case "list":
		return c.cmdMatterList(ctx, args[1:])
	case "show":
		return c.cmdMatterShow(ctx, args[1:])
	case "add-case":
		return c.cmdMatterCase(ctx, args[1:], true)
	case "remove-case":
		return c.cmdMatterCase(ctx, args[1:], false)
	case "consent":
		return c.cmdMatterConsent(ctx, args[1:])
	case "delete":
		return c.cmdMatterDelete(ctx, args[1:])
	case "-h", "--help", "help":
		c.usage(c.stdout)
		return nil
	}
	return c.usagef("未知的 matter 子命令 “%s”。", "unknown matter subcommand %q", args[0])
}

// matterID reads --matter.
func (c *cli) matterID(v string) (int64, error) {
	if v == "" {
		return 0, c.usagef("缺少 --matter 共同事项编号。", "--matter ID is required")
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(v, "M-"), 10, 64)
	if err != nil || id <= 0 {
		return 0, c.usagef("--matter 应为共同事项编号（正整数），而不是 “%s”。", "--matter wants a matter ID (a positive number), not %q", v)
	}
	return id, nil
}

func (c *cli) sourceKindFlag(v string) (incident.SourceKind, error) {
	if v == "" {
		return "", nil
	}
	k, ok := source.Normalize(v)
	if !ok {
		keys := make([]string, 0, len(source.Kinds()))
		for _, k := range source.Kinds() {
			keys = append(keys, string(k))
		}
		return "", c.usagef("--kind 只能是：%s。", "--kind must be one of: %s", strings.Join(keys, ", "))
	}
	return k, nil
}

// cmdMatterNew is "matter new" and, with edit, "matter edit": the flags
// given replace the matter's values; edit prints the cases the change was
// written into.
func (c *cli) cmdMatterNew(ctx context.Context, args []string, edit bool) error {
	name := "matter new"
	if edit {
		name = "matter edit"
	}
	fs := c.flags(name)
	matterFlag := fs.String("matter", "", "")
	title := fs.String("title", "", "")
	resp := fs.String("respondent", "", "")
	addr := fs.String("address", "", "")
	kind := fs.String("kind", "", "")
	var contacts []string
	contactsSet := false
	fs.Func("contact", "", func(v string) error {
		contacts, contactsSet = append(contacts, v), true
		return nil
	})
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := c.noArgs(name, args); err != nil {
		return err
	}
	k, err := c.sourceKindFlag(*kind)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !edit {
		if *matterFlag != "" {
			return c.usagef("matter new 不接受 --matter。", "matter new takes no --matter")
		}
		if *title == "" || *resp == "" {
			return c.usagef("matter new 需要 --title 名称 和 --respondent 被投诉方。", "matter new needs --title NAME and --respondent NAME")
		}
		return c.withService(func(svc *incident.Service) error {
			id, err := svc.CreateMatter(ctx, incident.Matter{Title: *title,
				Respondent: incident.Respondent{Name: *resp, Addr: *addr, Kind: k, Contacts: contacts}})
			if err != nil {
				return err
			}
			c.printf("%d\n", id)
			return nil
		})
	}
	id, err := c.matterID(*matterFlag)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		mf, err := svc.Matter(ctx, id)
		if err != nil {
			return err
		}
		m := mf.Matter
		if set["title"] {
			m.Title = *title
		}
		if set["respondent"] {
			m.Respondent.Name = *resp
		}
		if set["address"] {
			m.Respondent.Addr = *addr
		}
		if set["kind"] {
			m.Respondent.Kind = k
		}
		if contactsSet {
			m.Respondent.Contacts = contacts
		}
		applied, err := svc.UpdateMatter(ctx, m)
		if err != nil {
			return err
		}
		if len(applied) == 0 {
			c.printf("%s\n", c.t("已保存；各案件的被投诉方信息原已一致。", "Saved; every case already had these respondent details."))
			return nil
		}
		nums := make([]string, len(applied))
		for i, a := range applied {
			nums[i] = incident.Case{ID: a}.CaseNumber()
		}
		c.printf(c.t("已保存，并写入 %d 个案件：%s\n", "Saved and written into %d cases: %s\n"), len(applied), strings.Join(nums, ", "))
		return nil
	})
}

type matterJSON struct {
	ID         int64  `json:"id"`
	Number     string `json:"number"`
	Title      string `json:"title"`
	Respondent string `json:"respondent"`
	Cases      int    `json:"cases"`
	UpdatedAt  string `json:"updated_at"`
}

func (c *cli) cmdMatterList(ctx context.Context, args []string) error {
	fs := c.flags("matter list")
	asJSON := fs.Bool("json", false, "")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := c.noArgs("matter list", args); err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		list, err := svc.Matters(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]matterJSON, 0, len(list))
			for _, m := range list {
				out = append(out, matterJSON{ID: m.ID, Number: incident.MatterNumber(m.ID), Title: m.Title,
					Respondent: m.RespondentName, Cases: m.Cases, UpdatedAt: stamp(m.UpdatedAt)})
			}
			return c.writeJSON(out)
		}
		if len(list) == 0 {
			c.printf("%s\n", c.t("还没有共同事项。用 “leakdesk matter new” 新建一个。", "No matters yet. \"leakdesk matter new\" creates one."))
			return nil
		}
		tw := &table{}
		tw.row(split(c.t("编号\t案件数\t被投诉方\t名称", "ID\tCASES\tRESPONDENT\tTITLE"))...)
		for _, m := range list {
			tw.row(strconv.FormatInt(m.ID, 10), strconv.Itoa(m.Cases), m.RespondentName, m.Title)
		}
		return tw.write(c.stdout)
	})
}

type matterShowJSON struct {
	matterJSON
	RespondentAddress  string           `json:"respondent_address"`
	RespondentKind     string           `json:"respondent_kind"`
	RespondentContacts []string         `json:"respondent_contacts"`
	Victims            []matterCaseJSON `json:"victims"`
}

type matterCaseJSON struct {
	caseJSON
	JointConsent string   `json:"joint_consent"`
	Missing      []string `json:"missing"`
}

func (c *cli) cmdMatterShow(ctx context.Context, args []string) error {
	fs := c.flags("matter show")
	matterFlag := fs.String("matter", "", "")
	asJSON := fs.Bool("json", false, "")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := c.noArgs("matter show", args); err != nil {
		return err
	}
	id, err := c.matterID(*matterFlag)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		ov, err := svc.MatterOverview(ctx, id)
		if err != nil {
			return err
		}
		m := ov.Matter
		if *asJSON {
			out := matterShowJSON{matterJSON: matterJSON{ID: m.ID, Number: incident.MatterNumber(m.ID), Title: m.Title,
				Respondent: m.Respondent.Name, Cases: len(ov.Victims), UpdatedAt: stamp(m.UpdatedAt)},
				RespondentAddress: m.Respondent.Addr, RespondentKind: string(m.Respondent.Kind),
				RespondentContacts: append([]string{}, m.Respondent.Contacts...), Victims: []matterCaseJSON{}}
			for _, v := range ov.Victims {
				s := v.Summary
				mc := matterCaseJSON{caseJSON: caseJSON{ID: s.ID, Number: incident.Case{ID: s.ID}.CaseNumber(), Title: s.Title,
					Victim: s.VictimName, Status: string(s.Status), StepsTotal: s.StepsTotal, StepsDone: s.StepsDone,
					Progress: s.Progress(), NextFollowUp: date(s.NextFollowUp), Overdue: s.Overdue, UpdatedAt: stamp(s.UpdatedAt)},
					JointConsent: date(v.JointConsent), Missing: []string{}}
				for _, g := range v.Missing {
					mc.Missing = append(mc.Missing, string(g))
				}
				out.Victims = append(out.Victims, mc)
			}
			return c.writeJSON(out)
		}
		c.printf("%s  %s\n", incident.MatterNumber(m.ID), m.Title)
		c.printf("%s%s（%s）\n", c.t("被投诉方：", "Respondent: "), m.Respondent.Name, source.Label(m.Respondent.Kind, c.lang))
		if line := m.Respondent.AddrLine(); line != "" {
			c.printf("%s%s\n", c.t("地址：", "Address: "), line)
		}
		if len(ov.Victims) == 0 {
			c.printf("%s\n", c.t("还没有案件。用 “leakdesk matter add-case” 加入。", "No cases yet. \"leakdesk matter add-case\" adds one."))
			return nil
		}
		tw := &table{}
		tw.row(split(c.t("案件\t进度\t下次跟进\t受害人\t尚缺", "CASE\tDONE\tNEXT FOLLOW-UP\tVICTIM\tMISSING"))...)
		for _, v := range ov.Victims {
			s := v.Summary
			next := incident.FormatDate(s.NextFollowUp, c.lang)
			if s.Overdue {
				next += c.t("（已逾期）", " (overdue)")
			}
			var miss []string
			for _, g := range v.Missing {
				miss = append(miss, g.Label(c.lang))
			}
			tw.row(strconv.FormatInt(s.ID, 10), fmt.Sprintf("%d/%d", s.StepsDone, s.StepsTotal), dash(next), dash(s.VictimName),
				dash(strings.Join(miss, c.t("、", ", "))))
		}
		return tw.write(c.stdout)
	})
}

func (c *cli) cmdMatterCase(ctx context.Context, args []string, add bool) error {
	name := "matter remove-case"
	if add {
		name = "matter add-case"
	}
	fs := c.flags(name)
	matterFlag := fs.String("matter", "", "")
	caseFlag := fs.String("case", "", "")
	cid, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	mid, err := c.matterID(*matterFlag)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		if add {
			return svc.AddCaseToMatter(ctx, mid, cid)
		}
		return svc.RemoveCaseFromMatter(ctx, mid, cid)
	})
}

// cmdMatterConsent records (or with --withdraw, withdraws) a victim's
// consent to be named in the matter's joint documents.
func (c *cli) cmdMatterConsent(ctx context.Context, args []string) error {
	fs := c.flags("matter consent")
	caseFlag := fs.String("case", "", "")
	withdraw := fs.Bool("withdraw", false, "")
	cid, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		return svc.SetJointConsent(ctx, cid, !*withdraw)
	})
}

func (c *cli) cmdMatterDelete(ctx context.Context, args []string) error {
	fs := c.flags("matter delete")
	matterFlag := fs.String("matter", "", "")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := c.noArgs("matter delete", args); err != nil {
		return err
	}
	id, err := c.matterID(*matterFlag)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error { return svc.DeleteMatter(ctx, id) })
}
