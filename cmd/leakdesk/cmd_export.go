package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
	"leakdesk/internal/report/export"
)

// packetRequest is one packet export, from the command line or the app.
type packetRequest struct {
	Kind     string // report.Kinds()
	Path     string
	Mask     *report.Masking // nil: report.DefaultMasking for the recipient
	Exhibits bool            // reproduce the exhibits after the evidence list
	Only     []int64         // exhibit IDs to include; nil for the packet's default
	Fields   map[string]string
	// Instructions adds the first page for the user (not to be submitted).
	Instructions bool
	// Attach embeds the original files; nil: the packet's default.
	Attach *bool
}

// exportPacket runs the export workflow (build, render to req.Path through a
// temporary file and rename, record the export with the PDF's SHA-256 in the
// case history). The app's export tab runs the same workflow, so both
// paths leave the same trace and print the same packet for the same choices.
func exportPacket(ctx context.Context, svc *incident.Service, caseID int64, req packetRequest, progress func(float64)) (sha string, err error) {
	res, err := export.Packet(ctx, svc, caseID, exportRequest(req), renderPDF, progress)
	if err != nil {
		if incident.ErrorCode(err) != incident.CodeInternal {
			return "", err
		}
		return "", writeFailed(req.Path, contextErr(ctx, err))
	}
	return res.SHA256, nil
}

func (c *cli) cmdExport(ctx context.Context, args []string) error {
	fs := c.flags("export")
	caseFlag := fs.String("case", "", "")
	kind := fs.String("packet", "", "")
	out := fs.String("out", "", "")
	mask := fs.Bool("mask", false, "")
	noMask := fs.Bool("no-mask", false, "")
	noExhibits := fs.Bool("no-exhibits", false, "")
	form := fs.String("police-form", "", "")
	delivered := fs.String("delivered", "", "")
	dryRun := fs.Bool("dry-run", false, "")
	asJSON := fs.Bool("json", false, "")
	var set []string
	fs.Func("field", "", func(v string) error {
		if !strings.Contains(v, "=") {
			return fmt.Errorf("want KEY=VALUE")
		}
		set = append(set, v)
		return nil
	})
	suspect := fs.Int("source", 0, "")
	attach := fs.Bool("attach", false, "")
	noAttach := fs.Bool("no-attach", false, "")
	matterFlag := fs.String("matter", "", "")
	all := fs.Bool("all", false, "")
	id, err := c.parseCase(fs, args, caseFlag, false)
	if err != nil {
		return err
	}
	if *matterFlag != "" || *all {
		if id != 0 {
			return c.usagef("--case 和 --matter 只能选一个。", "--case and --matter cannot be used together")
		}
		return c.exportMatter(ctx, *matterFlag, *kind, *out, *all, *mask, *noMask, *noExhibits, *dryRun, *asJSON)
	}
	if id == 0 {
		return c.usagef("缺少 --case 案件编号。", "--case ID is required")
	}
	if !slices.Contains(report.Kinds(), *kind) {
		return c.usagef("--packet 应为 %s 之一。", "--packet must be one of %s", strings.Join(report.Kinds(), ", "))
	}
	if *form != "" && *form != report.FormReport && *form != report.FormAccusation {
		return c.usagef("--police-form 应为 report（报案）或 accusation（控告）。", "--police-form must be report or accusation")
	}
	if *suspect != 0 && !report.PerSuspect(*kind) {
		return c.usagef("--source 只用于 consumer、regulator 和 provider：报案材料会写明所有怀疑的单位。",
			"--source goes with consumer, regulator or provider; the police packet names every suspect")
	}
	if *suspect < 0 {
		return c.usagef("--source 应为从 1 开始的序号：1 是第一个怀疑的单位。", "--source N counts from 1: 1 is the first suspected organisation")
	}
	if *asJSON && !*dryRun {
		return c.usagef("--json 只用于 --dry-run。", "--json goes with --dry-run")
	}
	if *out == "" && !*dryRun {
		return c.usagef("缺少 --out 文件。", "--out FILE.pdf is required")
	}
	if *mask && *noMask {
		return c.usagef("--mask 和 --no-mask 只能选一个。", "--mask and --no-mask cannot be used together")
	}
	if !*dryRun {
		if fi, err := os.Stat(filepath.Dir(*out)); err != nil || !fi.IsDir() {
			return incident.Errorf(incident.CodeInvalid, fmt.Sprintf("文件夹“%s”不存在。", filepath.Dir(*out)),
				fmt.Sprintf("The folder \"%s\" does not exist.", filepath.Dir(*out)), err)
		}
	}
	req := packetRequest{Kind: *kind, Path: *out, Exhibits: !*noExhibits, Fields: map[string]string{}}
	for _, kv := range set {
		k, v, _ := strings.Cut(kv, "=")
		req.Fields[k] = v
	}
	if v, ok := req.Fields[report.FieldAsks]; ok {
		if _, known := report.ParseAsks(v); !known {
			return c.usagef("asks 应为 %s 中的一个或几个，用逗号分隔。", "asks must be one or more of %s, separated by commas",
				strings.Join(report.AssociationAsks(), ","))
		}
	}
	if *form != "" {
		req.Fields[report.FieldPoliceForm] = *form
	}
	if *delivered != "" {
		req.Fields[report.FieldDelivered] = *delivered
	}
	if *suspect > 0 {
		req.Fields[report.FieldSuspect] = strconv.Itoa(*suspect)
	}
	if *attach && *noAttach {
		return c.usagef("--attach 和 --no-attach 只能选一个。", "--attach and --no-attach cannot be used together")
	}
	switch {
	case *attach, *noAttach:
		req.Attach = attach // --no-attach: *attach is false
	}
	switch {
	case *mask:
		req.Mask = &report.Masking{ID: true, Phone: true, Card: true}
	case *noMask:
		req.Mask = &report.Masking{}
	}
	return c.withService(func(svc *incident.Service) error {
		c0, err := svc.Case(ctx, id)
		if err != nil {
			return err
		}
		list := c0.SuspectList()
		if *suspect > 1 && *suspect > len(list) {
			return noSuspect(*suspect, list)
		}
		var about *suspectJSON
		if n := max(*suspect, 1); report.PerSuspect(*kind) && n <= len(list) {
			about = &suspectJSON{N: n, Kind: string(list[n-1].Kind), Name: list[n-1].Label()}
		}
		if *dryRun {
			cf, err := svc.CaseFile(ctx, id)
			if err != nil {
				return err
			}
			c.warnIntegrity(cf)
			p, err := buildPacket(ctx, svc, cf, req)
			if err != nil {
				return err
			}
			return c.printStatements(p, about, *asJSON)
		}
		sha, err := exportPacket(ctx, svc, id, req, nil)
		if err != nil {
			return err
		}
		c.printf("%s\nSHA-256 %s\n", *out, sha)
		return nil
	})
}

// statementJSON is one line of `export --dry-run --json`.
type statementJSON struct {
	Section string             `json:"section"`
	Text    string             `json:"text"`
	Basis   []statementBasisJS `json:"basis"`
}

type statementBasisJS struct {
	Kind  string `json:"kind"`
	Key   string `json:"key"`
	Label string `json:"label"`
	Where string `json:"where,omitempty"`
}

// printStatements shows what the document will state, each statement with
// where it comes from: the CLI's side of the Export tab's preview.
// suspectJSON names the suspected organisation a per-suspect packet is
// about (--source N).
type suspectJSON struct {
	N    int    `json:"n"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

func (c *cli) printStatements(p report.Packet, about *suspectJSON, asJSON bool) error {
	label := func(s report.Source) string {
		zh, en := s.Label()
		if c.lang == "zh" {
			return zh
		}
		return en
	}
	if asJSON {
		out := struct {
			Packet     string          `json:"packet"`
			Title      string          `json:"title"`
			PoliceForm string          `json:"police_form,omitempty"`
			Source     *suspectJSON    `json:"source,omitempty"`
			Statements []statementJSON `json:"statements"`
		}{Packet: p.Kind, Title: p.Title, PoliceForm: p.PoliceForm, Source: about, Statements: []statementJSON{}}
		for _, st := range p.Statements {
			j := statementJSON{Section: st.Section, Text: st.Text, Basis: []statementBasisJS{}}
			for _, b := range st.Basis {
				j.Basis = append(j.Basis, statementBasisJS{Kind: b.Kind, Key: b.Key, Label: label(b), Where: b.Where()})
			}
			out.Statements = append(out.Statements, j)
		}
		return c.writeJSON(out)
	}
	c.printf("%s\n", p.Title)
	if about != nil {
		c.printf("%s\n", c.msg(fmt.Sprintf("针对：第 %d 个怀疑的单位，%s", about.N, about.Name),
			fmt.Sprintf("About: suspected organisation %d, %s", about.N, about.Name)))
	}
	if len(p.Statements) == 0 {
		c.printf("%s\n", c.msg("（除身份信息外，这份材料没有写明关于本案的事实。）", "(Beyond your details, this document states no facts about the case.)"))
	}
	for i, st := range p.Statements {
		var from []string
		for _, b := range st.Basis {
			from = append(from, label(b))
		}
		c.printf("%d. %s\n   %s%s\n", i+1, st.Text, c.msg("依据：", "from: "), strings.Join(from, c.msg("；", "; ")))
	}
	return nil
}

// msg picks the user's language.
func (c *cli) msg(zh, en string) string {
	if c.lang == "zh" {
		return zh
	}
	return en
}

// noSuspect says that the case has no suspect n, and which it has.
func noSuspect(n int, list []incident.Suspect) error {
	var zh, en []string
	for i, s := range list {
		zh = append(zh, fmt.Sprintf("%d=%s", i+1, s.Label()))
		en = append(en, fmt.Sprintf("%d=%s", i+1, s.Label()))
	}
	if len(list) == 0 {
		return incident.Errorf(incident.CodeInvalid, fmt.Sprintf("这个案件没有列出怀疑的单位，没有第 %d 个。", n),
			fmt.Sprintf("The case lists no suspected organisation, so there is no number %d.", n), nil)
	}
	return incident.Errorf(incident.CodeInvalid,
		fmt.Sprintf("这个案件只列出了 %d 个怀疑的单位（%s），没有第 %d 个。", len(list), strings.Join(zh, "，"), n),
		fmt.Sprintf("The case lists %d suspected organisation(s) (%s); there is no number %d.", len(list), strings.Join(en, ", "), n), nil)
}
