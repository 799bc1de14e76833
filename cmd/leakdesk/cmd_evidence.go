package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/exhibit"
)

func (c *cli) cmdEvidence(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return c.usagef("evidence 需要子命令：add、note、list、get、transcript 或 import-sms。",
			"evidence needs a subcommand: add, note, list, get, transcript or import-sms")
	}
	sub := map[string]func(context.Context, []string) error{
		"add": c.cmdEvidenceAdd, "note": c.cmdEvidenceNote, "list": c.cmdEvidenceList, "get": c.cmdEvidenceGet,
		"transcript": c.cmdEvidenceTranscript, "import-sms": c.cmdEvidenceImportSMS,
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		c.usage(c.stdout)
		return nil
	}
	h, ok := sub[args[0]]
	if !ok {
		return c.usagef("未知的 evidence 子命令 “%s”。", "unknown evidence subcommand %q", args[0])
	}
	return h(ctx, args[1:])
}

// timeFlag parses an RFC 3339 flag value; zero when not given.
func (c *cli) timeFlag(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, c.usagef("--%s 应为 RFC 3339 时间，例如 2025-11-03T14:20:00+08:00。",
			"--%s wants an RFC 3339 time such as 2025-11-03T14:20:00+08:00", name)
	}
	return t.UTC().Truncate(time.Second), nil
}

func (c *cli) cmdEvidenceAdd(ctx context.Context, args []string) error {
	fs := c.flags("evidence add")
	caseFlag := fs.String("case", "", "")
	title := fs.String("title", "", "")
	source := fs.String("source", "", "")
	proves := fs.String("proves", "", "")
	captured := fs.String("captured", "", "")
	files, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	id, err := c.caseID(*caseFlag, true)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return c.usagef("请给出至少一个要添加的文件。", "give at least one FILE to add")
	}
	at, err := c.timeFlag("captured", *captured)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		// Each file is its own transaction: one refused file (too large,
		// a duplicate) does not undo the others, and the numbers printed
		// are exactly the exhibits that were stored.
		var failed []error
		for _, f := range files {
			e, err := svc.AddExhibitPath(ctx, id, f, incident.ImportOptions{Title: *title, Source: *source,
				Proves: *proves, CapturedAt: at, Cancel: ctx.Done()})
			if err != nil {
				if incident.IsNotFound(err) {
					return err // the case itself is missing: nothing else will work
				}
				fmt.Fprintf(c.stderr, "leakdesk: %s\n", incident.UserMessage(err, c.lang))
				if c.verbose {
					fmt.Fprintf(c.stderr, "leakdesk: cause: %v\n", err)
				}
				failed = append(failed, err)
				if ctx.Err() != nil {
					break
				}
				continue
			}
			c.printf("%d\n", e.Number)
		}
		if len(failed) > 0 {
			// Each reason was printed as it happened; the summary closes the run.
			return incident.Errorf(incident.ErrorCode(failed[0]),
				fmt.Sprintf("%d 个文件没有添加（原因见上）。", len(failed)),
				fmt.Sprintf("%d file(s) were not added (see above).", len(failed)), errors.Join(failed...))
		}
		return nil
	})
}

func (c *cli) cmdEvidenceNote(ctx context.Context, args []string) error {
	fs := c.flags("evidence note")
	caseFlag := fs.String("case", "", "")
	kind := fs.String("kind", "", "")
	text := fs.String("text", "", "")
	atFlag := fs.String("at", "", "")
	number := fs.String("number", "", "")
	url := fs.String("url", "", "")
	title := fs.String("title", "", "")
	source := fs.String("source", "", "")
	proves := fs.String("proves", "", "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	k := incident.ExhibitKind(*kind)
	switch k {
	case incident.ExhibitCall, incident.ExhibitSMS, incident.ExhibitWeb, incident.ExhibitNote:
	default:
		return c.usagef("--kind 应为 call、sms、web 或 note。", "--kind must be call, sms, web or note")
	}
	if *text == "" {
		return c.usagef("缺少 --text 记录内容。", "--text is required")
	}
	if k == incident.ExhibitWeb && *url == "" {
		return c.usagef("网页记录需要 --url。", "a web record needs --url")
	}
	at, err := c.timeFlag("at", *atFlag)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		e, err := svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: k, Title: *title, Source: *source,
			Proves: *proves, CapturedAt: at, RecordNumber: *number, RecordURL: *url, RecordText: *text})
		if err != nil {
			return err
		}
		c.printf("%d\n", e.Number)
		return nil
	})
}

type exhibitJSON struct {
	Number     int    `json:"number"`
	Title      string `json:"title"`
	Kind       string `json:"kind"`
	Type       string `json:"type"`
	Size       int64  `json:"size"`
	SHA256     string `json:"sha256"`
	FileName   string `json:"file_name"`
	Source     string `json:"source"`
	Proves     string `json:"proves"`
	CapturedAt string `json:"captured_at"`
	// CapturedFrom is "" when the user gave captured_at, else where the
	// default came from: exif, file or import.
	CapturedFrom string  `json:"captured_from"`
	ImportedAt   string  `json:"imported_at"`
	RecordNumber string  `json:"record_number,omitempty"`
	URL          string  `json:"record_url,omitempty"`
	Text         string  `json:"record_text,omitempty"`
	StepIDs      []int64 `json:"step_ids"`
	CommIDs      []int64 `json:"communication_ids"`
	ID           int64   `json:"id"`
	// Format is the key of the plain label (e.g. amr-recording); DurationS
	// the length of a recording in seconds, when known.
	Format    string   `json:"format"`
	DurationS *float64 `json:"duration_s,omitempty"`
}

func (c *cli) cmdEvidenceList(ctx context.Context, args []string) error {
	fs := c.flags("evidence list")
	caseFlag := fs.String("case", "", "")
	asJSON := fs.Bool("json", false, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	return c.withCase(ctx, id, func(svc *incident.Service, cf *incident.CaseFile) error {
		if *asJSON {
			out := make([]exhibitJSON, 0, len(cf.Exhibits))
			for _, e := range cf.Exhibits {
				out = append(out, exhibitJSON{ID: e.ID, Number: e.Number, Title: e.Title, Kind: string(e.Kind),
					Type: e.ContentType, Size: e.Size, SHA256: e.SHA256, FileName: e.FileName, Source: e.Source,
					Proves: e.Proves, CapturedAt: stamp(e.CapturedAt), CapturedFrom: string(e.CapturedFrom), ImportedAt: stamp(e.ImportedAt),
					RecordNumber: e.RecordNumber, URL: e.RecordURL, Text: e.RecordText,
					StepIDs: nonNil(e.StepIDs), CommIDs: nonNil(e.CommIDs), Format: incident.FormatOf(e).Key})
				if e.Duration > 0 {
					d := e.Duration.Seconds()
					out[len(out)-1].DurationS = &d
				}
			}
			return c.writeJSON(out)
		}
		if len(cf.Exhibits) == 0 {
			c.printf("%s\n", c.t("这个案件还没有证据。", "The case has no evidence yet."))
			return nil
		}
		tw := &table{}
		tw.row(split(c.t("序号\t获取时间\t类型\t大小\tSHA-256\t名称", "NO.\tCAPTURED\tTYPE\tSIZE\tSHA-256\tTITLE"))...)
		for _, e := range cf.Exhibits {
			// Users see the plain label, never a MIME type.
			typ := incident.FormatOf(e).Label(c.lang)
			if e.Duration > 0 {
				typ += " " + exhibit.FormatDuration(e.Duration, c.lang)
			}
			tw.row(strconv.Itoa(e.Number), incident.FormatDateTime(e.CapturedAt, svc.Location(), c.lang)+incident.CaptureSourceLabel(e.CapturedFrom, c.lang), typ,
				strconv.FormatInt(e.Size, 10), e.ShortHash(), e.Title)
		}
		return tw.write(c.stdout)
	})
}

func nonNil(s []int64) []int64 {
	if s == nil {
		return []int64{}
	}
	return s
}

func (c *cli) cmdEvidenceGet(ctx context.Context, args []string) error {
	fs := c.flags("evidence get")
	caseFlag := fs.String("case", "", "")
	num := fs.String("exhibit", "", "")
	out := fs.String("out", "", "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(*num)
	if err != nil || n <= 0 {
		return c.usagef("--exhibit 应为证据序号（正整数）。", "--exhibit wants an exhibit number (a positive number)")
	}
	if *out == "" {
		return c.usagef("缺少 --out 文件。", "--out FILE is required")
	}
	return c.withService(func(svc *incident.Service) error {
		e, err := svc.ExhibitByNumber(ctx, id, n)
		if err != nil {
			return err
		}
		err = atomicWrite(*out, func(f *os.File) error {
			h := sha256.New()
			if _, err := svc.WriteExhibitContent(ctx, e.ID, io.MultiWriter(f, h)); err != nil {
				return err
			}
			// The copy is checked before it is put in place: a damaged
			// store must not produce a file that looks like the original.
			if hex.EncodeToString(h.Sum(nil)) != e.SHA256 {
				return incident.Errorf(incident.CodeDamaged,
					fmt.Sprintf("证据 %d 的内容与记录的 SHA-256 不符，没有导出。请运行 “leakdesk verify”。", e.Number),
					fmt.Sprintf("Exhibit %d does not match its recorded SHA-256 and was not written. Run \"leakdesk verify\".", e.Number), nil)
			}
			return nil
		})
		if err != nil {
			if incident.ErrorCode(err) != incident.CodeInternal {
				return err
			}
			return writeFailed(*out, contextErr(ctx, err))
		}
		c.printf("%s\n", *out)
		return nil
	})
}

// stringsFlag collects a repeatable flag; commas separate values too.
type stringsFlag []string

func (s *stringsFlag) String() string { return strings.Join(*s, ",") }

func (s *stringsFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*s = append(*s, p)
		}
	}
	return nil
}

func (c *cli) cmdEvidenceTranscript(ctx context.Context, args []string) error {
	fs := c.flags("evidence transcript")
	caseFlag := fs.String("case", "", "")
	num := fs.String("exhibit", "", "")
	file := fs.String("file", "", "")
	text := fs.String("text", "", "")
	place := fs.String("place", "", "")
	speakers := fs.String("speakers", "", "")
	recorded := fs.String("recorded", "", "")
	confirm := fs.Bool("confirm", false, "")
	clear := fs.Bool("clear", false, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(*num)
	if err != nil || n <= 0 {
		return c.usagef("--exhibit 应为证据序号（正整数）。", "--exhibit wants an exhibit number (a positive number)")
	}
	given := 0
	for _, v := range []bool{*file != "", *text != "", *clear} {
		if v {
			given++
		}
	}
	if given != 1 {
		return c.usagef("请给出 --file 文件 或 --text 内容（或 --clear 删除），三者选一。",
			"give exactly one of --file FILE, --text T or --clear")
	}
	at, err := c.timeFlag("recorded", *recorded)
	if err != nil {
		return err
	}
	var tr *incident.Transcript
	if !*clear {
		body := *text
		if *file != "" {
			b, err := readSmallFile(*file, exhibit.MaxTranscriptBytes)
			if err != nil {
				return err
			}
			body = b
		}
		lines, err := incident.ParseTranscript(body)
		if err != nil {
			return err
		}
		tr = &incident.Transcript{RecordedAt: at, Place: *place, Speakers: *speakers, Lines: lines, Confirmed: *confirm}
	}
	return c.withService(func(svc *incident.Service) error {
		e, err := svc.ExhibitByNumber(ctx, id, n)
		if err != nil {
			return err
		}
		if err := svc.SetTranscript(ctx, e.ID, tr); err != nil {
			return err
		}
		if tr == nil {
			c.printf("%s\n", c.t(fmt.Sprintf("已删除证据 %d 的文字整理稿。", n), fmt.Sprintf("Removed the transcript of exhibit %d.", n)))
			return nil
		}
		c.printf("%s\n", c.t(fmt.Sprintf("证据 %d 的文字整理稿已保存（%d 段）。", n, len(tr.Lines)),
			fmt.Sprintf("Saved the transcript of exhibit %d (%d passages).", n, len(tr.Lines))))
		return nil
	})
}

// readSmallFile reads a text file the user names, refusing one over max.
func readSmallFile(path string, max int) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", incident.Errorf(incident.CodeInvalid, fmt.Sprintf("无法读取“%s”。", path), fmt.Sprintf("Cannot read \"%s\".", path), err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return "", incident.Errorf(incident.CodeInvalid, fmt.Sprintf("读取“%s”时出错。", path), fmt.Sprintf("Reading \"%s\" failed.", path), err)
	}
	if len(b) > max {
		return "", incident.Errorf(incident.CodeInvalid, fmt.Sprintf("“%s”太大了。", path), fmt.Sprintf("\"%s\" is too large.", path), nil)
	}
	return string(b), nil
}

func (c *cli) cmdEvidenceImportSMS(ctx context.Context, args []string) error {
	fs := c.flags("evidence import-sms")
	caseFlag := fs.String("case", "", "")
	var from stringsFlag
	fs.Var(&from, "from", "")
	files, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	id, err := c.caseID(*caseFlag, true)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return c.usagef("请给出一个短信备份（XML）文件。", "give one SMS backup (XML) FILE")
	}
	f, err := os.Open(files[0])
	if err != nil {
		return incident.Errorf(incident.CodeInvalid, fmt.Sprintf("无法读取“%s”。", files[0]), fmt.Sprintf("Cannot read \"%s\".", files[0]), err)
	}
	defer f.Close()
	backup, err := incident.ReadSMSBackup(f)
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		res, err := svc.ImportSMS(ctx, id, backup, incident.SMSImportOptions{From: from})
		if err != nil {
			return err
		}
		for _, e := range res.Added {
			c.printf("%d\n", e.Number)
		}
		fmt.Fprintf(c.stderr, "leakdesk: %s\n", c.t(
			fmt.Sprintf("导入 %d 条短信；%d 条已在案件中，%d 条未选中，%d 条无法读取。", len(res.Added), res.Duplicates, res.NotChosen, res.Unreadable),
			fmt.Sprintf("imported %d message(s); %d already in the case, %d not chosen, %d unreadable.", len(res.Added), res.Duplicates, res.NotChosen, res.Unreadable)))
		return nil
	})
}
