package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
	"leakdesk/internal/report/export"
)

// Issue 13: the volunteer's details, the victims' 授权委托书 and the
// matter's joint documents.

func (c *cli) cmdAgent(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return c.usagef("agent 需要子命令：set 或 show。", "agent needs a subcommand: set or show")
	}
	switch args[0] {
	case "set":
		fs := c.flags("agent set")
		name := fs.String("name", "", "")
		org := fs.String("org", "", "")
		phone := fs.String("phone", "", "")
		idn := fs.String("id-number", "", "")
		rest, err := c.parse(fs, args[1:])
		if err != nil {
			return err
		}
		if err := c.noArgs("agent set", rest); err != nil {
			return err
		}
		if *name == "" {
			return c.usagef("agent set 需要 --name 姓名。", "agent set needs --name NAME")
		}
		return c.withService(func(svc *incident.Service) error {
			return svc.SetAgent(ctx, incident.Agent{Name: *name, Org: *org, Phone: *phone, IDNumber: *idn})
		})
	case "show":
		fs := c.flags("agent show")
		asJSON := fs.Bool("json", false, "")
		rest, err := c.parse(fs, args[1:])
		if err != nil {
			return err
		}
		if err := c.noArgs("agent show", rest); err != nil {
			return err
		}
		return c.withService(func(svc *incident.Service) error {
			a, ok, err := svc.Agent(ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				return c.writeJSON(a)
			}
			if !ok {
				c.printf("%s\n", c.t("还没有填写代理人（你自己）的信息。用 “leakdesk agent set --name 姓名 --org 单位 --phone 电话” 填写。",
					"Your own details (the agent's) are not set. \"leakdesk agent set --name NAME --org ORG --phone PHONE\" sets them."))
				return nil
			}
			c.printf("%s%s\n%s%s\n%s%s\n", c.t("姓名：", "Name: "), a.Name, c.t("单位：", "Organisation: "), dash(a.Org), c.t("电话：", "Phone: "), dash(a.Phone))
			return nil
		})
	}
	return c.usagef("未知的 agent 子命令 “%s”。", "unknown agent subcommand %q", args[0])
}

// cmdAuthorisation makes a victim's 授权委托书 (--out) and records it with
// its term, or records that she signed it (--signed DATE).
func (c *cli) cmdAuthorisation(ctx context.Context, args []string) error {
	fs := c.flags("authorisation")
	caseFlag := fs.String("case", "", "")
	out := fs.String("out", "", "")
	from := fs.String("from", "", "")
	until := fs.String("until", "", "")
	signed := fs.String("signed", "", "")
	instructions := fs.Bool("instructions", false, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	if (*out == "") == (*signed == "") {
		return c.usagef("authorisation 需要 --out 文件.pdf（生成）或 --signed 日期（登记签署），二者选一。",
			"authorisation needs either --out FILE.pdf (make one) or --signed YYYY-MM-DD (record the signature)")
	}
	if *signed != "" {
		if *from != "" || *until != "" || *instructions {
			return c.usagef("--signed 不能与 --from、--until、--instructions 同时使用。", "--signed cannot be combined with --from, --until or --instructions")
		}
		day, err := c.dateFlag("signed", *signed)
		if err != nil {
			return err
		}
		return c.withService(func(svc *incident.Service) error { return svc.MarkAuthorisationSigned(ctx, id, day) })
	}
	var f, u time.Time
	if *from != "" {
		if f, err = c.dateFlag("from", *from); err != nil {
			return err
		}
	}
	if *until != "" {
		if u, err = c.dateFlag("until", *until); err != nil {
			return err
		}
	}
	if err := c.outDir(*out); err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		res, err := export.Authorisation(ctx, svc, id, f, u, *out, *instructions, renderPDF)
		if err != nil {
			if incident.ErrorCode(err) != incident.CodeInternal {
				return err
			}
			return writeFailed(*out, contextErr(ctx, err))
		}
		c.printf("%s\nSHA-256 %s\n", *out, res.SHA256)
		cs, err := svc.Case(ctx, id)
		if err == nil && cs.Authorisation != nil {
			fmt.Fprintf(c.stderr, "leakdesk: %s\n", c.t("请委托人签名后用 --signed 日期 登记签署；委托期限至"+incident.FormatDate(cs.Authorisation.Until, "zh")+"。",
				"Once signed, record it with --signed DATE; the term ends on "+incident.FormatDate(cs.Authorisation.Until, "en")+"."))
		}
		return nil
	})
}

func (c *cli) outDir(out string) error {
	if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
		return incident.Errorf(incident.CodeInvalid, fmt.Sprintf("文件夹“%s”不存在。", filepath.Dir(out)),
			fmt.Sprintf("The folder \"%s\" does not exist.", filepath.Dir(out)), err)
	}
	return nil
}

// exportMatter is export --matter: a joint document (--packet) or, with
// --all, every document of the matter into a folder.
func (c *cli) exportMatter(ctx context.Context, matterFlag, kind, out string, all, mask, noMask, noExhibits, dryRun, asJSON bool) error {
	id, err := c.matterID(matterFlag)
	if err != nil {
		return err
	}
	if all && kind != "" {
		return c.usagef("--all 不能与 --packet 同时使用。", "--all cannot be combined with --packet")
	}
	if !all && !slices.Contains(report.MatterKinds(), kind) {
		return c.usagef("与 --matter 一起时，--packet 应为 %s 之一（或用 --all）。", "with --matter, --packet must be one of %s (or use --all)",
			strings.Join(report.MatterKinds(), ", "))
	}
	if out == "" && !dryRun {
		return c.usagef("缺少 --out。", "--out is required")
	}
	if asJSON && !dryRun {
		return c.usagef("--json 只用于 --dry-run。", "--json goes with --dry-run")
	}
	if mask && noMask {
		return c.usagef("--mask 和 --no-mask 只能选一个。", "--mask and --no-mask cannot be used together")
	}
	if all {
		if dryRun {
			return c.usagef("--all 不能与 --dry-run 同时使用。", "--all cannot be combined with --dry-run")
		}
		if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
			return incident.Errorf(incident.CodeInvalid, fmt.Sprintf("文件夹“%s”不存在。", out), fmt.Sprintf("The folder \"%s\" does not exist.", out), err)
		}
		return c.withService(func(svc *incident.Service) error {
			res, err := export.All(ctx, svc, id, out, c.lang, renderPDF, func(done, total int, name string) {
				if name != "" {
					fmt.Fprintf(c.stderr, "[%d/%d] %s\n", done+1, total, name)
				}
			})
			c.printMatterNotes(res.Excluded, res.Warnings)
			for _, f := range res.Files {
				c.printf("%s\n", f)
			}
			return err
		})
	}
	req := export.Request{Kind: kind, Path: out, IncludeExhibits: !noExhibits}
	switch {
	case mask:
		req.Mask = &report.Masking{ID: true, Phone: true, Card: true}
	case noMask:
		req.Mask = &report.Masking{}
	}
	if !dryRun {
		if err := c.outDir(out); err != nil {
			return err
		}
	}
	return c.withService(func(svc *incident.Service) error {
		if dryRun {
			p, res, err := export.JointDocument(ctx, svc, id, req, c.lang)
			if err != nil {
				return err
			}
			c.printMatterNotes(res.Excluded, res.Warnings)
			return c.printStatements(p, nil, asJSON)
		}
		res, err := export.Joint(ctx, svc, id, req, c.lang, renderPDF, nil)
		c.printMatterNotes(res.Excluded, res.Warnings)
		if err != nil {
			if incident.ErrorCode(err) != incident.CodeInternal {
				return err
			}
			return writeFailed(out, contextErr(ctx, err))
		}
		c.printf("%s\nSHA-256 %s\n", out, res.SHA256)
		return nil
	})
}

// printMatterNotes tells the volunteer (on stderr, never in the document)
// who was left out of the joint documents and whose authorisation is not
// in order.
func (c *cli) printMatterNotes(excluded, warnings []string) {
	if len(excluded) > 0 {
		fmt.Fprintf(c.stderr, "leakdesk: %s%s\n", c.t("未列入联名材料（未登记同意）：", "not included in the joint documents (no consent recorded): "),
			strings.Join(excluded, c.t("、", ", ")))
	}
	for _, w := range warnings {
		fmt.Fprintf(c.stderr, "leakdesk: %s\n", w)
	}
}
