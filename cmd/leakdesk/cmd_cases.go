package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/facts"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/caseformat"
	"leakdesk/internal/incident/demo"
	"leakdesk/internal/incident/playbook"
	"leakdesk/internal/incident/severity"
)

func (c *cli) cmdDemo(ctx context.Context, args []string) error {
	fs := c.flags("demo")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := c.noArgs("demo", args); err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		id, err := demo.Create(ctx, svc)
		if err != nil {
			return err
		}
		c.printf("%d\n", id)
		return nil
	})
}

type caseJSON struct {
	ID           int64   `json:"id"`
	Number       string  `json:"number"`
	Title        string  `json:"title"`
	Victim       string  `json:"victim"`
	Status       string  `json:"status"`
	StepsTotal   int     `json:"steps_total"`
	StepsDone    int     `json:"steps_done"`
	Progress     float64 `json:"progress"`
	NextFollowUp string  `json:"next_follow_up"`
	Overdue      bool    `json:"overdue"`
	UpdatedAt    string  `json:"updated_at"`
}

func (c *cli) cmdCases(ctx context.Context, args []string) error {
	fs := c.flags("cases")
	asJSON := fs.Bool("json", false, "")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := c.noArgs("cases", args); err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		list, err := svc.Cases(ctx, incident.CaseFilter{})
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]caseJSON, 0, len(list))
			for _, s := range list {
				out = append(out, caseJSON{ID: s.ID, Number: incident.Case{ID: s.ID}.CaseNumber(), Title: s.Title,
					Victim: s.VictimName, Status: string(s.Status), StepsTotal: s.StepsTotal, StepsDone: s.StepsDone,
					Progress: s.Progress(), NextFollowUp: date(s.NextFollowUp), Overdue: s.Overdue,
					UpdatedAt: stamp(s.UpdatedAt)})
			}
			return c.writeJSON(out)
		}
		if len(list) == 0 {
			c.printf("%s\n", c.t("还没有案件。运行 “leakdesk demo” 可以创建一个示例案件。", "No cases yet. \"leakdesk demo\" creates a demo case."))
			return nil
		}
		tw := &table{}
		tw.row(split(c.t("编号\t状态\t进度\t下次跟进\t标题", "ID\tSTATUS\tDONE\tNEXT FOLLOW-UP\tTITLE"))...)
		for _, s := range list {
			next := incident.FormatDate(s.NextFollowUp, c.lang)
			if s.Overdue {
				next += c.t("（已逾期）", " (overdue)")
			}
			title := s.Title
			if s.VictimName != "" {
				title += " — " + s.VictimName
			}
			tw.row(strconv.FormatInt(s.ID, 10), c.caseStatus(s.Status), fmt.Sprintf("%d/%d", s.StepsDone, s.StepsTotal), dash(next), title)
		}
		return tw.write(c.stdout)
	})
}

func (c *cli) caseStatus(s incident.CaseStatus) string {
	if s == incident.CaseClosed {
		return c.t("已结束", "closed")
	}
	return c.t("进行中", "open")
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (c *cli) cmdCase(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return c.usagef("case 需要子命令：new、export、import、delete 或 undelete。", "case needs a subcommand: new, export, import, delete or undelete")
	}
	switch args[0] {
	case "new":
		return c.cmdCaseNew(ctx, args[1:])
	case "export":
		return c.cmdCaseExport(ctx, args[1:])
	case "import":
		return c.cmdCaseImport(ctx, args[1:])
	case "delete":
		return c.cmdCaseDelete(ctx, args[1:])
	case "undelete":
		return c.cmdCaseUndelete(ctx, args[1:])
	case "-h", "--help", "help":
		c.usage(c.stdout)
		return nil
	}
	return c.usagef("未知的 case 子命令 “%s”。", "unknown case subcommand %q", args[0])
}

func (c *cli) cmdCaseExport(ctx context.Context, args []string) error {
	fs := c.flags("case export")
	caseFlag := fs.String("case", "", "")
	out := fs.String("out", "", "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		cf, err := svc.ExportCaseFile(ctx, id)
		if err != nil {
			return err
		}
		c.warnIntegrity(cf)
		content := func(i int) (io.ReadCloser, error) { return streamExhibit(ctx, svc, cf.Exhibits[i].ID), nil }
		toStdout := *out == "" || *out == "-"
		if toStdout {
			err = caseformat.Encode(c.stdout, cf, content, true)
		} else {
			err = atomicWrite(*out, func(f *os.File) error { return caseformat.Encode(f, cf, content, true) })
		}
		if err != nil {
			if incident.ErrorCode(err) != incident.CodeInternal || toStdout {
				return err
			}
			return writeFailed(*out, contextErr(ctx, err))
		}
		if err := svc.RecordCaseExport(ctx, id, "json"); err != nil {
			return err
		}
		if !toStdout {
			c.printf("%s\n", *out)
		}
		return nil
	})
}

// streamExhibit pipes an exhibit's bytes from the store without holding
// them in memory or in a temporary file (which could leak evidence to /tmp).
func streamExhibit(ctx context.Context, svc *incident.Service, id int64) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		_, err := svc.WriteExhibitContent(ctx, id, pw)
		pw.CloseWithError(err)
	}()
	return pr
}

func (c *cli) cmdCaseImport(ctx context.Context, args []string) error {
	fs := c.flags("case import")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return c.usagef("case import 需要一个文件名（“-” 表示标准输入）。", "case import wants one FILE (\"-\" for standard input)")
	}
	return c.withService(func(svc *incident.Service) error {
		id, err := caseformat.ImportFile(ctx, svc, args[0], os.Stdin)
		if err != nil {
			return err
		}
		c.printf("%d\n", id)
		return c.noteImportedMatter(ctx, svc, id)
	})
}

// noteImportedMatter says on stderr that an imported case was in a matter
// where it was exported and arrived on its own (no silent loss).
func (c *cli) noteImportedMatter(ctx context.Context, svc *incident.Service, id int64) error {
	mi, ok, err := svc.ImportedMatter(ctx, id)
	if ok {
		fmt.Fprintf(c.stderr, "leakdesk: %s\n", mi.Note(id, c.lang))
	}
	return err
}

type stepJSON struct {
	ID               int64  `json:"id"`
	Position         int    `json:"position"`
	Kind             string `json:"kind"`
	Title            string `json:"title"`
	Status           string `json:"status"`
	FollowUp         string `json:"follow_up"`
	FollowUpEstimate bool   `json:"follow_up_estimate"`
	Overdue          bool   `json:"overdue"`
	CompletedAt      string `json:"completed_at"`
	Organisation     string `json:"organisation"`
	Channel          string `json:"channel"`
	Reference        string `json:"reference"`
	Optional         bool   `json:"optional"`
	Retired          bool   `json:"retired"`
}

func (c *cli) cmdPlan(ctx context.Context, args []string) error {
	fs := c.flags("plan")
	caseFlag := fs.String("case", "", "")
	asJSON := fs.Bool("json", false, "")
	// --consumer chooses between the consumer association and 12315 where
	// the plan offers both (issue 18), before the plan is listed.
	consumer := fs.String("consumer", "", "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	var routes []string
	for _, o := range playbook.ConsumerRoutes() {
		routes = append(routes, o.Key)
	}
	if *consumer != "" && !slices.Contains(routes, *consumer) {
		return c.usagef("--consumer 应为 %s 之一。", "--consumer wants one of %s", strings.Join(routes, ", "))
	}
	return c.withService(func(svc *incident.Service) error {
		if *consumer != "" {
			if _, err := svc.ChooseConsumerRoute(ctx, id, *consumer); err != nil {
				return err
			}
		}
		cf, err := svc.CaseFile(ctx, id)
		if err != nil {
			return err
		}
		c.warnIntegrity(cf)
		offered := playbook.ConsumerChoice(cf.Case.Intake.Answers())
		rows, err := svc.Plan(ctx, id, c.lang)
		if err != nil {
			return err
		}
		steps := make([]stepJSON, 0, len(rows))
		for _, st := range rows {
			steps = append(steps, stepJSON{ID: st.ID, Position: st.Position, Kind: st.Kind, Title: st.Title,
				Status: string(st.Status), FollowUp: date(st.FollowUp), FollowUpEstimate: st.FollowUpEstimate,
				Overdue: st.Overdue, CompletedAt: stamp(st.CompletedAt), Organisation: st.Organisation, Channel: st.Channel,
				Reference: st.Reference, Optional: st.Optional, Retired: st.Retired})
		}
		if *asJSON {
			out := map[string]any{"case": id, "title": cf.Case.Title, "steps": steps}
			if offered {
				route := cf.Case.Intake.ConsumerRoute
				if route == "" {
					route = playbook.ConsumerBoth
				}
				out["consumer_route"] = route
			}
			return c.writeJSON(out)
		}
		c.printf("%s  %s\n", cf.Case.CaseNumber(), cf.Case.Title)
		if offered {
			c.printConsumerChoice(cf.Case.Intake.ConsumerRoute)
		}
		tw := &table{}
		tw.row(split(c.t("#\t状态\t跟进日期\t步骤\t回执/编号", "#\tSTATUS\tFOLLOW-UP\tSTEP\tREFERENCE"))...)
		for i, st := range steps {
			fu := incident.FormatDate(rows[i].FollowUp, c.lang)
			if st.FollowUpEstimate && fu != "" {
				fu += c.t("（估算）", " (estimate)")
			}
			if st.Overdue {
				fu += c.t("（已逾期）", " (overdue)")
			}
			title := st.Title
			if st.Retired {
				title += c.t("（已不再建议）", " (no longer suggested)")
			}
			tw.row(strconv.Itoa(st.Position), incident.StatusLabel(incident.StepStatus(st.Status), c.lang), dash(fu), title, dash(st.Reference))
		}
		return tw.write(c.stdout)
	})
}

// printConsumerChoice says how the consumer association and 12315 differ,
// which the case has chosen and how to change it.
func (c *cli) printConsumerChoice(route string) {
	if route == "" {
		route = playbook.ConsumerBoth
	}
	t := playbook.AssociationVs12315()
	c.printf("%s\n", facts.Expand(c.lang, c.t(t.ZH, t.EN)))
	for _, o := range playbook.ConsumerRoutes() {
		mark := " "
		if o.Key == route {
			mark = "●"
		}
		c.printf("  %s %s (--consumer %s)\n", mark, o.Label.In(c.lang), o.Key)
	}
}

// countsFlag collects repeated --count KEY=N.
type countsFlag map[string]int64

func (m countsFlag) String() string { return "" }

func (m countsFlag) Set(v string) error {
	key, num, ok := strings.Cut(v, "=")
	if !ok {
		return fmt.Errorf("want KEY=N, got %q", v)
	}
	key = strings.TrimSpace(key)
	if !incident.ValidCategory(key) {
		keys := make([]string, 0, 9)
		for _, c := range severity.Categories() {
			keys = append(keys, c.Key)
		}
		return fmt.Errorf("unknown category %q (one of %s)", key, strings.Join(keys, ", "))
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("count for %s must be a whole number ≥ 0, got %q", key, num)
	}
	m[key] += n
	return nil
}

type assessJSON struct {
	Verdict     string  `json:"verdict"`
	Ratio       float64 `json:"ratio"`
	Trigger     string  `json:"trigger"`
	TriggerText string  `json:"trigger_text"`
	Basis       string  `json:"basis"`
	Explanation string  `json:"explanation"`
	Case        int64   `json:"case,omitempty"`
	// Headline, Known and Open (issue 15 item 11): a "below" verdict is
	// an open question; these say what is known, what is not, and which
	// answer would change it. Known and Open are empty for other verdicts.
	Headline string     `json:"headline"`
	Known    []string   `json:"known"`
	Open     []openJSON `json:"open"`
	// Issue 13: with --matter, the reading of the records of all the
	// matter's victims added up by category (Art. 11).
	Matter *matterReadingJSON `json:"matter,omitempty"`
}

type matterReadingJSON struct {
	ID          int64              `json:"id"`
	Victims     int                `json:"victims"`
	WithRecords int                `json:"victims_with_records"`
	Categories  []matterCountsJSON `json:"categories"`
	Basis       string             `json:"counting_basis"`
	Summary     string             `json:"summary"`
}

type matterCountsJSON struct {
	Key     string            `json:"key"`
	Name    string            `json:"name"`
	Total   int64             `json:"total"`
	Victims []victimCountJSON `json:"victims"`
}

type victimCountJSON struct {
	Case   int64  `json:"case"`
	Victim string `json:"victim"`
	Count  int64  `json:"count"`
}

type openJSON struct {
	Key    string `json:"key"`
	What   string `json:"what"`
	Change string `json:"change"`
}

func (c *cli) cmdAssess(ctx context.Context, args []string) error {
	fs := c.flags("assess")
	caseFlag := fs.String("case", "", "")
	matterFlag := fs.String("matter", "", "")
	counts := countsFlag{}
	fs.Var(counts, "count", "")
	gains := fs.Float64("gains", 0, "")
	insider := fs.Bool("insider", false, "")
	prior := fs.Bool("prior-offence", false, "")
	usedForCrime := fs.Bool("used-for-crime", false, "")
	consequence := fs.String("consequence", "", "")
	majorLoss := fs.Bool("major-loss", false, "")
	asJSON := fs.Bool("json", false, "")
	id, err := c.parseCase(fs, args, caseFlag, false)
	if err != nil {
		return err
	}
	factors := false
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "count", "gains", "insider", "prior-offence", "used-for-crime", "consequence", "major-loss":
			factors = true
		}
	})
	var matterID int64
	if *matterFlag != "" {
		if matterID, err = c.matterID(*matterFlag); err != nil {
			return err
		}
	}
	switch {
	case matterID != 0 && (id != 0 || factors || len(counts) > 0):
		return c.usagef("--matter 不能与 --case、--count 等参数同时使用。", "--matter cannot be combined with --case, --count or the other factors")
	case matterID != 0:
		return c.assessMatter(ctx, matterID, *asJSON)
	case id != 0 && factors:
		return c.usagef("--case 不能与 --count 等参数同时使用：案件的数据来自案件本身。", "--case cannot be combined with --count and the other factors: a case's own data is used")
	case id == 0 && len(counts) == 0 && !factors:
		return c.usagef("请给出 --case ID，或至少一个 --count 类别=数量。", "give --case ID or at least one --count KEY=N")
	case *consequence != "" && *consequence != "severe":
		return c.usagef("--consequence 只接受 “severe”。", "--consequence accepts only \"severe\"")
	case *gains < 0:
		return c.usagef("--gains 不能是负数。", "--gains cannot be negative")
	}
	var res severity.Result
	if id != 0 {
		err = c.withService(func(svc *incident.Service) error {
			res, err = svc.Assess(ctx, id)
			return err
		})
	} else {
		res, err = severity.Assess(severity.Input{Counts: counts, GainsYuan: *gains, Insider: *insider,
			PriorOffence: *prior, UsedForCrime: *usedForCrime, SevereConsequence: *consequence == "severe", MajorLoss: *majorLoss})
		if err != nil {
			return c.usagef("%v", "%v", err)
		}
	}
	if err != nil {
		return err
	}
	return c.printReading(res, id, nil, *asJSON)
}

// assessMatter prints the matter's reading: the same calculator on the
// records of every victim added up by category.
func (c *cli) assessMatter(ctx context.Context, id int64, asJSON bool) error {
	return c.withService(func(svc *incident.Service) error {
		r, err := svc.MatterAssess(ctx, id)
		if err != nil {
			return err
		}
		mj := &matterReadingJSON{ID: id, Victims: r.Victims, WithRecords: r.WithRecords, Categories: []matterCountsJSON{},
			Basis: c.t(r.BasisZH, r.BasisEN), Summary: r.Summary(c.t("zh", "en"))}
		for _, ct := range r.Categories {
			mc := matterCountsJSON{Key: ct.Key, Name: c.t(ct.NameZH, ct.NameEN), Total: ct.Total}
			for _, p := range ct.Parts {
				mc.Victims = append(mc.Victims, victimCountJSON{Case: p.CaseID, Victim: p.Victim, Count: p.Count})
			}
			mj.Categories = append(mj.Categories, mc)
		}
		if !asJSON {
			c.printf("%s\n\n", mj.Summary)
		}
		return c.printReading(r.Result, 0, mj, asJSON)
	})
}

func (c *cli) printReading(res severity.Result, id int64, mj *matterReadingJSON, asJSON bool) error {
	out := assessJSON{Verdict: string(res.Verdict), Ratio: res.Ratio, Trigger: res.Trigger, Matter: mj,
		TriggerText: c.t(res.TriggerZH, res.TriggerEN), Basis: c.t(res.BasisZH, res.BasisEN),
		Explanation: c.t(res.ExplanationZH, res.ExplanationEN), Case: id,
		Headline: c.t(res.HeadlineZH, res.HeadlineEN), Known: []string{}, Open: []openJSON{}}
	if c.t("zh", "en") == "en" {
		out.Known = append(out.Known, res.KnownEN...)
	} else {
		out.Known = append(out.Known, res.KnownZH...)
	}
	for _, o := range res.Open {
		out.Open = append(out.Open, openJSON{Key: o.Key, What: c.t(o.WhatZH, o.WhatEN), Change: c.t(o.ChangeZH, o.ChangeEN)})
	}
	if asJSON {
		return c.writeJSON(out)
	}
	c.printf("%s %s\n", c.t("参考结论：", "Reference reading:"), c.t(res.HeadlineZH, res.HeadlineEN))
	c.printf("%s %.3g\n", c.t("按数量折算比例：", "Proportional sum of counts:"), res.Ratio)
	if out.TriggerText != "" {
		c.printf("%s %s\n", c.t("依据的情形：", "Triggered by:"), out.TriggerText)
	}
	if out.Basis != "" {
		c.printf("%s %s\n", c.t("法律依据：", "Legal basis:"), out.Basis)
	}
	c.printf("\n%s\n", out.Explanation)
	return nil
}

func (c *cli) cmdVerify(ctx context.Context, args []string) error {
	fs := c.flags("verify")
	caseFlag := fs.String("case", "", "")
	id, err := c.parseCase(fs, args, caseFlag, false)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		rep, err := svc.Verify(ctx, id)
		if err != nil {
			return err
		}
		if rep.OK() {
			c.printf(c.t("校验通过：%d 个案件，%d 条历史记录，%d 份证据，均未被改动。\n",
				"OK: %d cases, %d events, %d exhibits checked; nothing was changed.\n"), rep.Cases, rep.Events, rep.Exhibits)
			return nil
		}
		for _, p := range rep.Problems {
			c.printf("%s\n", c.t(p.ZH, p.EN))
		}
		return incident.Errorf(incident.CodeDamaged,
			fmt.Sprintf("校验失败：发现 %d 处问题（见上）。", len(rep.Problems)),
			fmt.Sprintf("Verification failed: %d problem(s), listed above.", len(rep.Problems)), nil)
	})
}

// cmdCaseDelete deletes a case the way the app does: hidden at once and
// undoable (case undelete) for incident.UndoWindow, then purged from the
// store and from every backup at the next start after that. --now purges
// at once, backups included, with no undo.
func (c *cli) cmdCaseDelete(ctx context.Context, args []string) error {
	fs := c.flags("case delete")
	caseFlag := fs.String("case", "", "")
	now := fs.Bool("now", false, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		if *now {
			if err := svc.PurgeCaseNow(ctx, id); err != nil {
				return err
			}
			c.printf("%s\n", c.t(
				fmt.Sprintf("案件 %d 已彻底删除，数据目录中的备份里也已清除，无法撤销。%s", id, deletionReachZH),
				fmt.Sprintf("Case %d is purged for good, from the data and from the backups in the data directory; this cannot be undone. %s", id, deletionReachEN)))
			return nil
		}
		if err := svc.DeleteCase(ctx, id); err != nil {
			return err
		}
		until := incident.FormatDateTime(svc.Now().Add(incident.UndoWindow), svc.Location(), c.lang)
		c.printf("%s\n", c.t(
			fmt.Sprintf("案件 %d 已删除。%s 之前可以用 “leakdesk case undelete --case %d” 撤销；之后 leakdesk 下次启动时会把它连同备份中的副本彻底清除。立即彻底清除请用 --now。", id, until, id),
			fmt.Sprintf("Case %d deleted. Until %s, \"leakdesk case undelete --case %d\" brings it back; after that, the next start of leakdesk purges it, from the backups too. To purge it now, use --now.", id, until, id)))
		return nil
	})
}

// What deletion reaches, said after a purge (the GUI says the same in its
// delete dialog).
const (
	deletionReachZH = "您自己另存的副本（backup --out、导出的文件、案件包）不受影响。硬盘如果没有开启全盘加密，磁盘上仍可能残留痕迹。"
	deletionReachEN = "Copies you saved yourself (backup --out, exports, bundles) are not touched. On a disk without full-disk encryption, traces may remain on the disk."
)

func (c *cli) cmdCaseUndelete(ctx context.Context, args []string) error {
	fs := c.flags("case undelete")
	caseFlag := fs.String("case", "", "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		if err := svc.UndoDeleteCase(ctx, id); err != nil {
			return err
		}
		c.printf("%s\n", c.t(fmt.Sprintf("案件 %d 已恢复。", id), fmt.Sprintf("Case %d is back.", id)))
		return nil
	})
}
