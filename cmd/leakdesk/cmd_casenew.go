package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/caseformat"
	"leakdesk/internal/incident/playbook"
)

// answersFile is the input of `case new --answers`: the case-format's
// intake object (docs/case-format.md, case.intake) with the case's title,
// victim and source fields beside it, so that a volunteer's form maps to
// one flat object.
type answersFile struct {
	caseformat.Intake
	Title        string             `json:"title"`
	Victim       *caseformat.Victim `json:"victim"`
	DiscoveredAt string             `json:"discovered_at"`
	Narrative    string             `json:"narrative"`
	SourceAddr   string             `json:"source_addr"`
}

// maxAnswers bounds the answers file: it holds text, not evidence.
const maxAnswers = 1 << 20

func (c *cli) cmdCaseNew(ctx context.Context, args []string) error {
	fs := c.flags("case new")
	answers := fs.String("answers", "", "")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := c.noArgs(fs.Name(), args); err != nil {
		return err
	}
	if *answers == "" {
		return c.usagef("case new 需要 --answers 文件（“-” 表示标准输入）。", "case new wants --answers FILE.json (\"-\" for standard input)")
	}
	var r io.Reader = os.Stdin
	if *answers != "-" {
		f, err := os.Open(*answers)
		if err != nil {
			return incident.Errorf(incident.CodeInvalid, fmt.Sprintf("无法读取“%s”：文件不存在或没有权限。", *answers),
				fmt.Sprintf("Cannot read \"%s\": it does not exist or is not readable.", *answers), err)
		}
		defer f.Close()
		r = f
	}
	cs, in, err := decodeAnswers(r)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		id, _, err := svc.StartCase(ctx, cs, in)
		if err != nil {
			return err
		}
		c.printf("%d\n", id)
		// A doubtful ID number is kept as typed, as in the window; say why
		// it looks wrong so a typo is caught before a packet prints it.
		if w := incident.IDNumberWarning(cs.Victim.IDNumber); w != nil {
			fmt.Fprintf(c.stderr, "leakdesk: %s%s\n", c.t("注意：", "warning: "), w.Message(c.lang))
		}
		return nil
	})
}

// badAnswer names the JSON path of a bad answer (the error's Field, which
// the CLI prints before the message).
func badAnswer(path, zh, en string) error {
	return &incident.Error{Code: incident.CodeInvalid, Field: path, ZH: zh, EN: en}
}

// decodeAnswers reads and checks the answers, naming the JSON path of the
// first problem.
func decodeAnswers(r io.Reader) (incident.Case, incident.Intake, error) {
	var cs incident.Case
	var in incident.Intake
	data, err := io.ReadAll(io.LimitReader(r, maxAnswers+1))
	if err != nil {
		return cs, in, incident.Errorf(incident.CodeInvalid, "无法读取答案文件。", "Cannot read the answers.", err)
	}
	if len(data) > maxAnswers {
		return cs, in, badAnswer("$", "文件太大（最多 1 MB）。", "the file is too large (1 MB at most).")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var a answersFile
	if err := dec.Decode(&a); err != nil {
		var te *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch {
		case errors.As(err, &te):
			return cs, in, badAnswer(strings.TrimPrefix(te.Field, "Intake."), "类型不对（应为 "+te.Type.String()+"）。", "wrong type (want "+te.Type.String()+").")
		case errors.As(err, &se):
			return cs, in, badAnswer(fmt.Sprintf("@%d", se.Offset), "不是有效的 JSON。", "not valid JSON: "+se.Error())
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return cs, in, badAnswer(name, "没有这个字段。", "unknown field.")
		}
		return cs, in, badAnswer("$", "不是有效的 JSON。", "not valid JSON: "+err.Error())
	}
	if dec.More() {
		return cs, in, badAnswer("$", "只能有一个 JSON 对象。", "only one JSON object is allowed.")
	}
	options := func(q string) []string {
		for _, qq := range playbook.Questions() {
			if qq.Key == q {
				var keys []string
				for _, o := range qq.Options {
					keys = append(keys, o.Key)
				}
				return keys
			}
		}
		return nil
	}
	for _, l := range []struct {
		path, question string
		answers        []string
	}{{"leaked", "leaked", a.Leaked}, {"happened", "happened", a.Happened}, {"grounds", "grounds", a.Grounds}} {
		valid := options(l.question)
		for i, k := range l.answers {
			if !slices.Contains(valid, k) {
				return cs, in, badAnswer(fmt.Sprintf("%s[%d]", l.path, i), fmt.Sprintf("没有这个选项“%s”（可选：%s）。", k, strings.Join(valid, ", ")),
					fmt.Sprintf("unknown answer %q (one of %s).", k, strings.Join(valid, ", ")))
			}
		}
	}
	for _, one := range []struct{ path, question, v string }{{"source_kind", "source-kind", a.SourceKind}, {"insider", "insider", a.Insider}} {
		if valid := options(one.question); one.v != "" && !slices.Contains(valid, one.v) {
			return cs, in, badAnswer(one.path, fmt.Sprintf("没有这个选项“%s”（可选：%s）。", one.v, strings.Join(valid, ", ")),
				fmt.Sprintf("unknown answer %q (one of %s).", one.v, strings.Join(valid, ", ")))
		}
	}
	// used_for: each key a leaked answer, each value a use (the question
	// asked on the intake's "happened" screen).
	uses := playbook.UsedForQuestion()
	var useKeys []string
	for _, o := range uses.Options {
		useKeys = append(useKeys, o.Key)
	}
	items := make([]string, 0, len(a.UsedFor))
	for k := range a.UsedFor {
		items = append(items, k)
	}
	slices.Sort(items)
	for _, item := range items {
		if !slices.Contains(a.Leaked, item) {
			return cs, in, badAnswer("used_for."+item, fmt.Sprintf("“%s”不在 leaked 的答案中（可选：%s）。", item, strings.Join(a.Leaked, ", ")),
				fmt.Sprintf("%q is not one of the leaked answers (%s).", item, strings.Join(a.Leaked, ", ")))
		}
		for i, u := range a.UsedFor[item] {
			if !slices.Contains(useKeys, u) {
				return cs, in, badAnswer(fmt.Sprintf("used_for.%s[%d]", item, i), fmt.Sprintf("没有这个选项“%s”（可选：%s）。", u, strings.Join(useKeys, ", ")),
					fmt.Sprintf("unknown answer %q (one of %s).", u, strings.Join(useKeys, ", ")))
			}
		}
	}
	for _, n := range []struct {
		path string
		v    float64
	}{{"loss_yuan", a.LossYuan}, {"gains_yuan", a.GainsYuan}} {
		if n.v < 0 {
			return cs, in, badAnswer(n.path, "不能是负数。", "cannot be negative.")
		}
	}
	for i, s := range a.Suspects {
		if valid := options("source-kind"); !slices.Contains(valid, s.Kind) {
			return cs, in, badAnswer(fmt.Sprintf("suspects[%d].kind", i), fmt.Sprintf("没有这个选项“%s”（可选：%s）。", s.Kind, strings.Join(valid, ", ")),
				fmt.Sprintf("unknown answer %q (one of %s).", s.Kind, strings.Join(valid, ", ")))
		}
		for j, g := range s.Grounds {
			if valid := options("grounds"); !slices.Contains(valid, g) {
				return cs, in, badAnswer(fmt.Sprintf("suspects[%d].grounds[%d]", i, j), fmt.Sprintf("没有这个选项“%s”（可选：%s）。", g, strings.Join(valid, ", ")),
					fmt.Sprintf("unknown answer %q (one of %s).", g, strings.Join(valid, ", ")))
			}
		}
	}
	in = incident.Intake{Leaked: a.Leaked, Happened: a.Happened, SourceKind: a.SourceKind, SourceOrg: a.SourceOrg,
		Insider: a.Insider, Grounds: a.Grounds, UsedFor: a.UsedFor, Suspects: caseformat.Suspects(a.Suspects), SourceCode: a.SourceCode, SourceRep: a.SourceRep, LossYuan: a.LossYuan, GainsYuan: a.GainsYuan, PriorOffence: a.PriorOffence,
		UsedForCrime: a.UsedForCrime, SevereConsequence: a.SevereConsequence, MajorLoss: a.MajorLoss}
	cs = incident.Case{Title: strings.TrimSpace(a.Title), Narrative: a.Narrative, SourceOrg: a.SourceOrg, SourceAddr: a.SourceAddr}
	if a.Victim != nil {
		cs.Victim = incident.Victim{Name: a.Victim.Name, IDNumber: a.Victim.IDNumber, Phone: a.Victim.Phone, Address: a.Victim.Address}
	}
	if a.DiscoveredAt != "" {
		d, err := time.Parse("2006-01-02", a.DiscoveredAt)
		if err != nil {
			return cs, in, badAnswer("discovered_at", "日期应写成 2026-03-05 这样的格式。", "write the date as YYYY-MM-DD.")
		}
		cs.DiscoveredAt = d
	}
	if cs.Title == "" {
		return cs, in, badAnswer("title", "缺少案件标题。", "a title is required.")
	}
	// The case's own checks (lengths, characters), with
	// their field named as the JSON path it came from.
	check := cs
	check.Status, check.SourceKind = incident.CaseOpen, incident.SourceUnknown
	if err := check.Validate(time.Time{}); err != nil {
		var de *incident.Error
		if errors.As(err, &de) && de.Field != "" {
			return cs, in, badAnswer(de.Field, de.ZH, de.EN)
		}
		return cs, in, err
	}
	return cs, in, nil
}
