package main

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/playbook"
)

// cmdReply records what came back on a step (issue 12):
//
//	leakdesk reply --case ID --step N --outcome accepted|refused|partial|none [--ref R] [--date D] [--evidence N]
//	leakdesk reply --case ID --step N --delivery ems|post|email|online|in-person [--ref TRACKING] [--date D] [--evidence N]
//
// The second form records how what the step sent reached its recipient
// (RecordDelivery): the tracking number, the day it arrived and the proof.
// N is the step's number in `leakdesk plan` (its "#" column) and the
// evidence's number in `leakdesk evidence list`. The workflow is the
// service's (RecordReply); this prints what it did and the route's next rung.
func (c *cli) cmdReply(ctx context.Context, args []string) error {
	fs := c.flags("reply")
	caseFlag := fs.String("case", "", "")
	stepFlag := fs.Int("step", 0, "")
	outcome := fs.String("outcome", "", "")
	delivery := fs.String("delivery", "", "")
	ref := fs.String("ref", "", "")
	dateStr := fs.String("date", "", "")
	evidence := fs.Int("evidence", 0, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	if *stepFlag <= 0 {
		return c.usagef("缺少 --step（步骤编号，见 leakdesk plan 的 # 列）。", "--step N (the step's number in \"leakdesk plan\") is required")
	}
	if *delivery != "" && *outcome != "" {
		return c.usagef("--outcome 和 --delivery 只能选一个：一次登记答复或者送达。", "give --outcome or --delivery, not both: one records a reply, the other a delivery")
	}
	if *delivery != "" && !slices.Contains(incident.DeliveryMethodKeys(), *delivery) {
		return c.usagef("--delivery 只能是 %s。", "--delivery must be one of %s", strings.Join(incident.DeliveryMethodKeys(), "|"))
	}
	if *delivery == "" && !slices.Contains(playbook.ReplyOutcomes(), *outcome) {
		return c.usagef("--outcome 只能是 %s。", "--outcome must be one of %s", strings.Join(playbook.ReplyOutcomes(), "|"))
	}
	if *evidence < 0 {
		return c.usagef("--evidence 应为证据编号。", "--evidence wants an evidence number")
	}
	on, err := c.dateFlag("date", *dateStr)
	if err != nil {
		return err
	}
	return c.withCase(ctx, id, func(svc *incident.Service, cf *incident.CaseFile) error {
		var step *incident.Step
		for i := range cf.Steps {
			if cf.Steps[i].Position == *stepFlag {
				step = &cf.Steps[i]
			}
		}
		if step == nil {
			return incident.Errorf(incident.CodeNotFound, "这个案件没有第 "+strconv.Itoa(*stepFlag)+" 步（见 leakdesk plan）。",
				"This case has no step "+strconv.Itoa(*stepFlag)+" (see leakdesk plan).", nil)
		}
		r := incident.Reply{Outcome: *outcome, Reference: *ref, On: on}
		if *evidence > 0 {
			if r.ExhibitID, err = exhibitNumbered(cf, *evidence); err != nil {
				return err
			}
		}
		if *delivery != "" {
			d, st, err := svc.RecordDelivery(ctx, step.ID, incident.Delivery{Method: *delivery, Tracking: *ref, On: on, ExhibitID: r.ExhibitID})
			if err != nil {
				return err
			}
			c.printf("%s\n", c.t("已登记送达：", "Delivery recorded: ")+"#"+strconv.Itoa(st.Position)+" — "+incident.DeliveryLabel(d.Method, c.lang)+
				c.t("（", " (")+incident.FormatDate(d.On, c.lang)+c.t("）", ")"))
			if !st.FollowUp.IsZero() && !st.Status.Finished() {
				c.printf("%s\n", c.t("等待答复至 ", "Waiting for an answer until ")+incident.FormatDate(st.FollowUp, c.lang))
			}
			return nil
		}
		res, err := svc.RecordReply(ctx, step.ID, r)
		if err != nil {
			return err
		}
		// The plan's titles, tailored to the case as `plan` prints them.
		rows, err := svc.Plan(ctx, id, c.lang)
		if err != nil {
			return err
		}
		title := func(st incident.Step) string {
			for _, r := range rows {
				if r.ID == st.ID {
					return r.Title
				}
			}
			return incident.StepTitle(st, nil, c.lang)
		}
		c.printf("%s\n", c.t("已登记答复：", "Reply recorded: ")+title(*res.Step)+" — "+playbook.ReplyOutcomeLabel(res.Reply.Outcome, c.lang)+
			c.t("（", " (")+incident.FormatDate(res.Reply.On, c.lang)+c.t("）", ")"))
		if res.Next == nil {
			c.printf("%s\n", c.t("这条途径到此结束。", "This route ends here."))
			return nil
		}
		line := c.t("下一步：", "Next: ") + "#" + strconv.Itoa(res.Next.Position) + " " + title(*res.Next)
		if !res.Reply.NextDue.IsZero() {
			line += c.t("，期限至 ", ", by ") + incident.FormatDate(res.Reply.NextDue, c.lang)
		}
		c.printf("%s\n", line)
		return nil
	})
}

// nextJSON is one route of `leakdesk next --json`.
type nextJSON struct {
	Route      string `json:"route"`
	RouteTitle string `json:"route_title"`
	// Current is the rung the route stands on.
	CurrentKind   string `json:"current_kind"`
	CurrentTitle  string `json:"current_title"`
	CurrentStatus string `json:"current_status"`
	CurrentStep   int    `json:"current_step"` // its number in `leakdesk plan`
	Waiting       bool   `json:"waiting"`
	NextKind      string `json:"next_kind,omitempty"`
	NextTitle     string `json:"next_title,omitempty"`
	NextStep      int    `json:"next_step,omitempty"` // 0: not in the plan yet
	Date          string `json:"date,omitempty"`
	Deadline      bool   `json:"deadline"`
	Estimate      bool   `json:"estimate,omitempty"`
	Overdue       bool   `json:"overdue"`
	Limit         string `json:"limit,omitempty"`
	Basis         string `json:"basis,omitempty"`
	LastReply     string `json:"last_reply,omitempty"`
}

// cmdNext lists the next rung of every open route of a case with its date:
//
//	leakdesk next --case ID [--json]
func (c *cli) cmdNext(ctx context.Context, args []string) error {
	fs := c.flags("next")
	caseFlag := fs.String("case", "", "")
	asJSON := fs.Bool("json", false, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	return c.withCase(ctx, id, func(svc *incident.Service, cf *incident.CaseFile) error {
		pos := map[int64]int{}
		for _, st := range cf.Steps {
			pos[st.ID] = st.Position
		}
		routes := svc.NextOf(cf, c.lang)
		out := make([]nextJSON, 0, len(routes))
		for _, r := range routes {
			cur := r.Rungs[r.Current]
			j := nextJSON{Route: r.Route, RouteTitle: r.RouteTitle, CurrentKind: cur.Kind, CurrentTitle: cur.Title,
				CurrentStatus: string(cur.Status), CurrentStep: pos[cur.StepID], Waiting: r.Waiting,
				NextKind: r.NextKind, NextTitle: r.NextTitle, NextStep: pos[r.NextStepID], Date: date(r.Date),
				Deadline: r.Deadline, Estimate: r.Estimate, Overdue: r.Overdue, Limit: r.Limit, Basis: r.Basis}
			for i := r.Current - 1; i >= 0 && j.LastReply == ""; i-- {
				if rp := r.Rungs[i].Reply; rp != nil {
					j.LastReply = rp.Outcome
				}
			}
			out = append(out, j)
		}
		if *asJSON {
			return c.writeJSON(map[string]any{"case": id, "routes": out})
		}
		c.printf("%s  %s\n", cf.Case.CaseNumber(), cf.Case.Title)
		if len(out) == 0 {
			c.printf("%s\n", c.t("没有进行中的途径。", "No open routes."))
			return nil
		}
		for i, j := range out {
			r := routes[i]
			c.printf("\n%s\n", j.RouteTitle)
			var ladder []string
			for k, rs := range r.Rungs {
				t := rs.Title
				if k == r.Current {
					t = "[" + t + "]"
				}
				ladder = append(ladder, t)
			}
			c.printf("  %s\n", strings.Join(ladder, " → "))
			when := incident.FormatDate(r.Date, c.lang)
			if r.Estimate && when != "" {
				when += c.t("（估算）", " (estimate)")
			}
			if r.Overdue {
				when += c.t("（已逾期）", " (overdue)")
			}
			switch {
			case r.Waiting && r.NextKind != "":
				c.printf("  %s\n", c.t("等待答复", "Waiting for an answer")+dateSuffix(c, when, "，到 ", ", until "))
				c.printf("  %s%s\n", c.t("到期未答复时：", "If none comes: "), stepRef(c, j.NextStep, r.NextTitle))
			case r.Waiting:
				c.printf("  %s\n", c.t("等待答复", "Waiting for an answer")+dateSuffix(c, when, "，到 ", ", until "))
			default:
				c.printf("  %s%s%s\n", c.t("下一步：", "Next: "), stepRef(c, j.NextStep, r.NextTitle),
					dateSuffix(c, when, map[bool]string{true: "，期限至 ", false: "，跟进日期 "}[r.Deadline], map[bool]string{true: ", by ", false: ", follow up on "}[r.Deadline]))
			}
			if r.Limit != "" {
				c.printf("  %s%s\n", c.t("期限：", "Time limit: "), r.Limit)
			}
			if r.Basis != "" {
				c.printf("  %s\n", r.Basis)
			}
		}
		return nil
	})
}

func dateSuffix(c *cli, when, zh, en string) string {
	if when == "" {
		return ""
	}
	return c.t(zh, en) + when
}

func stepRef(c *cli, pos int, title string) string {
	if pos == 0 {
		return title + c.t("（登记答复后加入计划）", " (joins the plan when a reply is recorded)")
	}
	return "#" + strconv.Itoa(pos) + " " + title
}
