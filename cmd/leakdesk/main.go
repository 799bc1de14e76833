// Command leakdesk is the desktop app and its command line. With no
// subcommand (or "gui") it starts the app; every other subcommand works on
// the same data directory without a display and without the network.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"

	// Before Fyne's initialisers read the locale (see the package comment):
	// keeps every command quiet under LANG=C.UTF-8.
	_ "leakdesk/internal/clocale"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/caseformat"
	"leakdesk/internal/platform"
	"leakdesk/internal/report/pdf"
)

// version is set at link time (-X main.version=...) by the Makefile.
var version = "dev"

// Exit codes are a contract for scripts: 2 for a wrong command line, 1 for
// anything that failed while doing the work.
const (
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	// First of all: when this process was started as the PDF checker (the
	// export imports PDF exhibits in a child copy of this binary, so that a
	// hostile PDF can only kill the child), check the PDF on stdin and exit
	// here, before any command is parsed and long before the GUI could
	// start. Without this call every PDF exhibit is listed as unprintable.
	pdf.RunCheckerIfRequested()
	stopProfile := startCPUProfile(os.Getenv, os.Stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	stopProfile()
	os.Exit(exitCode(err))
}

// run is the whole program minus the process: tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runEnv(ctx, args, os.Getenv, stdout, stderr)
}

// runEnv is run with the environment passed in, so tests can pick the
// language and data directory without touching the process environment.
func runEnv(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c := &cli{stdout: stdout, stderr: stderr, getenv: getenv, lang: langFrom(getenv)}
	err := c.dispatch(ctx, args)
	if err != nil {
		c.report(err)
	}
	return err
}

// exitCode maps run's error to the process exit status.
func exitCode(err error) int {
	var u *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		return exitUsage
	default:
		return exitFailure
	}
}

// cli holds what every command needs; one per run, so nothing is shared
// between runs (tests run many in parallel).
type cli struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	lang           string // "zh" or "en"
	dataFlag       string // --data as given
	passFile       string // --passphrase-file as given
	verbose        bool
}

// usageError is a wrong command line: exit 2 and a hint to read the help.
type usageError struct{ zh, en string }

func (e *usageError) Error() string { return e.en }

func (c *cli) usagef(zh, en string, a ...any) error {
	return &usageError{zh: fmt.Sprintf(zh, a...), en: fmt.Sprintf(en, a...)}
}

// fail builds a domain error so that report shows the user text in the
// right language and keeps the cause for --verbose.
func fail(zh, en string, cause error) error {
	return incident.Errorf(incident.CodeInternal, zh, en, cause)
}

// t picks the text for the user's language.
// warnIntegrity tells, on stderr, that a case does not match the state
// leakdesk last saved (rows put back from an older backup, issue 17 F14);
// the command goes on, since the content is still readable.
func (c *cli) warnIntegrity(cf *incident.CaseFile) {
	if cf.Integrity != nil {
		fmt.Fprintf(c.stderr, "leakdesk: %s\n", incident.UserMessage(cf.Integrity, c.lang))
	}
}

func (c *cli) t(zh, en string) string {
	if c.lang == "en" {
		return en
	}
	return zh
}

func (c *cli) printf(format string, a ...any) {
	fmt.Fprintf(c.stdout, format, a...)
}

// report prints a failed run's message: translated for the user, with the
// cause only when asked for, since causes may hold paths and SQL details.
func (c *cli) report(err error) {
	var u *usageError
	var list caseformat.Errors
	switch {
	case errors.As(err, &u):
		fmt.Fprintf(c.stderr, "leakdesk: %s\n%s\n", c.t(u.zh, u.en), c.t("运行 “leakdesk help” 查看用法。", "Run \"leakdesk help\" for usage."))
		return
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintf(c.stderr, "leakdesk: %s\n", incident.UserMessage(e, c.lang))
		}
	default:
		fmt.Fprintf(c.stderr, "leakdesk: %s\n", incident.UserMessage(err, c.lang))
	}
	if c.verbose {
		fmt.Fprintf(c.stderr, "leakdesk: cause: %v\n", err)
	}
}

// langFrom follows POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG.
// Where none is set (Windows, normally) the system's display language
// decides: Chinese for every zh-* (zh-CN, zh-TW, zh-Hans-CN, ...).
func langFrom(getenv func(string) string) string {
	return langFromEnv(getenv, platform.UILanguages())
}

func langFromEnv(getenv func(string) string, system []string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	if len(system) > 0 && strings.HasPrefix(strings.ToLower(system[0]), "zh") {
		return "zh"
	}
	return "en"
}

// dataDir resolves --data, then LEAKDESK_DATA, then the platform default:
// on Linux and other Unix systems $XDG_DATA_HOME/leakdesk (default
// ~/.local/share/leakdesk), because cases are data, not configuration; on
// macOS os.UserConfigDir()/leakdesk (Application Support), where it expects
// an app's own files; on Windows %LOCALAPPDATA%\leakdesk (docs/windows.md).
func (c *cli) dataDir() (string, error) {
	if c.dataFlag != "" {
		return filepath.Abs(c.dataFlag)
	}
	if v := c.getenv("LEAKDESK_DATA"); v != "" {
		return filepath.Abs(v)
	}
	return defaultDataDir(runtime.GOOS, c.getenv)
}

func defaultDataDir(goos string, getenv func(string) string) (string, error) {
	switch goos {
	case "windows":
		// Local, not the roaming %APPDATA%: a roaming profile is copied to
		// the organisation's server at every sign-out, and the cases must
		// stay on this computer. The profile folder's ACL already keeps
		// other users out (docs/windows.md).
		local := getenv("LOCALAPPDATA")
		if local == "" {
			p := getenv("USERPROFILE")
			if p == "" {
				return "", errors.New("neither LOCALAPPDATA nor USERPROFILE is set")
			}
			local = filepath.Join(p, "AppData", "Local")
		}
		return filepath.Join(local, "leakdesk"), nil
	case "darwin", "ios":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "leakdesk"), nil
	}
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "leakdesk"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(home, ".local", "share", "leakdesk"), nil
}

// flags returns a subcommand's flag set with the options every command
// takes. Errors are returned, not printed, so they follow the user's language.
func (c *cli) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.dataFlag, "data", c.dataFlag, "data directory")
	fs.BoolVar(&c.verbose, "verbose", c.verbose, "print error causes")
	fs.StringVar(&c.passFile, "passphrase-file", c.passFile, "unlock with the passphrase in this file")
	return fs
}

// parse parses flags and positional arguments in any order (Go's flag
// package stops at the first positional, but "evidence add --case 1 a.png
// --title T" should work). Everything after "--" is positional.
func (c *cli) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for i, a := range args {
		if a == "--" {
			rest = args[i+1:]
			args = args[:i]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, &helpRequest{name: fs.Name()}
			}
			return nil, c.usagef("%s：%v", "%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return append(pos, rest...), nil
}

// dispatch runs the subcommand named by args.
func (c *cli) dispatch(ctx context.Context, args []string) error {
	global := c.flags("leakdesk")
	// Global flags come before the subcommand (every subcommand takes them
	// too).
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.usage(c.stdout)
			return nil
		}
		return c.usagef("%v", "%v", err)
	}
	args = global.Args()
	if len(args) == 0 {
		return c.gui()
	}
	cmd, args := args[0], args[1:]
	type handler func(context.Context, []string) error
	commands := map[string]handler{
		"gui":        func(context.Context, []string) error { return c.gui() },
		"demo":       c.cmdDemo,
		"cases":      c.cmdCases,
		"case":       c.cmdCase,
		"plan":       c.cmdPlan,
		"assess":     c.cmdAssess,
		"verify":     c.cmdVerify,
		"backup":     c.cmdBackup,
		"restore":    c.cmdRestore,
		"version":    c.cmdVersion,
		"evidence":   c.cmdEvidence,
		"export":     c.cmdExport,
		"passphrase": c.cmdPassphrase,
		"bundle":     c.cmdBundle,
		"key":        c.cmdKey,
		// issue 18: the order and refusal that 刑法第二百八十六条之一 needs
		"correction-order": c.cmdCorrectionOrder,
		// issue 13: several victims, one respondent
		"matter":        c.cmdMatter,
		"agent":         c.cmdAgent,
		"authorisation": c.cmdAuthorisation,
		// issue 12: replies and the escalation ladders
		"reply": c.cmdReply,
		"next":  c.cmdNext,
		// issue 12: what the leak cost
		"expense": c.cmdExpense,
	}
	switch cmd {
	case "help", "-h", "--help":
		c.usage(c.stdout)
		return nil
	}
	h, ok := commands[cmd]
	if !ok {
		return c.usagef("未知的命令 “%s”。", "unknown command %q", cmd)
	}
	if len(args) > 0 && isHelpFlag(args[0]) {
		// "expense --help": the group's usage (its subcommands come first,
		// before any flag set is made).
		return c.commandUsage(cmd)
	}
	err := h(ctx, args)
	var help *helpRequest
	if errors.As(err, &help) {
		return c.commandUsage(help.name)
	}
	if errors.Is(err, flag.ErrHelp) {
		c.usage(c.stdout)
		return nil
	}
	return err
}

// helpRequest is a subcommand's -h or --help: dispatch prints that
// subcommand's usage and exits 0.
type helpRequest struct{ name string }

func (h *helpRequest) Error() string { return "help requested" }
func (h *helpRequest) Unwrap() error { return flag.ErrHelp }

func isHelpFlag(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// commandUsage prints the usage of one command ("expense add") or group
// ("expense"): its lines of the general help, which stays the one text
// that documents every command, with their indented continuation lines.
func (c *cli) commandUsage(name string) error {
	text := usageEN
	if c.lang == "zh" {
		text = usageZH
	}
	lines := commandLines(text, name)
	if len(lines) == 0 {
		// "passphrase set" and the like are listed under their group.
		if group, _, ok := strings.Cut(name, " "); ok {
			lines = commandLines(text, group)
		}
	}
	if len(lines) == 0 {
		c.usage(c.stdout)
		return nil
	}
	c.printf("%s\n%s\n%s\n", c.t("用法：", "Usage:"), strings.Join(lines, "\n"),
		c.t("所有命令都接受 --data、--passphrase-file 和 --verbose；退出码：0 成功，1 失败，2 用法错误。完整说明见 “leakdesk help”。",
			"Every command takes --data, --passphrase-file and --verbose; exit status 0 success, 1 failure, 2 wrong usage. All commands: \"leakdesk help\"."))
	return nil
}

// commandLines are the lines of the help text that document name: each
// entry "  name …" with the lines indented under it.
func commandLines(text, name string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(text, "\n") {
		indent := len(l) - len(strings.TrimLeft(l, " "))
		switch {
		case indent == 2 && (strings.HasPrefix(l[2:], name+" ") || l[2:] == name):
			in = true
		case indent <= 2:
			in = false
		}
		if in {
			out = append(out, l)
		}
	}
	return out
}

func (c *cli) gui() error {
	dir, err := c.dataDir()
	if err != nil {
		return fail("找不到数据目录，请用 --data 指定。", "Cannot find the data directory; give one with --data.", err)
	}
	if err := runGUI(dir, c.lang, c.stderr); err != nil {
		return fail("无法启动图形界面："+err.Error(), "Cannot start the desktop app: "+err.Error(), err)
	}
	return nil
}

func (c *cli) usage(w io.Writer) {
	if c.lang == "zh" {
		fmt.Fprint(w, usageZH)
		return
	}
	fmt.Fprint(w, usageEN)
}

const usageEN = `leakdesk — organise your response to a personal-information leak.

Usage: leakdesk [--data DIR] [--passphrase-file FILE] [--verbose] [COMMAND [ARGS]]

With no command, or "gui", the desktop app starts.

Cases
  demo                                    create a demo case (Chinese) and print its ID
  cases [--json]                          list cases
  case new --answers FILE.json           create a case from intake answers ("-" for stdin) and
                                          plan it as the app's questions do; prints the new ID.
                                          FILE: the case format's "intake" object plus "title",
                                          "victim", "discovered_at", "narrative", "source_addr".
                                          Several suspects: "suspects": [{"kind":"courier",
                                          "name":"…","addr":"…","grounds":["customer"]}, …],
                                          the first being the main one. For the civil claim:
                                          "source_code" and "source_rep" (the main suspect's
                                          unified social credit code and legal representative),
                                          a suspect's "code" and "rep"; blanks when absent
  case export --case ID [--out FILE]      write a case as JSON (docs/case-format.md)
  case import FILE                        import a case file ("-" for stdin); prints the new ID
  case delete --case ID [--now]           delete a case: undoable for a day, then purged with its
                                          backups; --now purges at once (no undo)
  case undelete --case ID                 bring a deleted case back before it is purged
  plan --case ID [--json] [--consumer ROUTE]
                                          steps with status and follow-up dates; where the plan offers
                                          both a consumer complaint and the consumer association's
                                          mediation, it lists the choice with each ROUTE and
                                          --consumer ROUTE chooses one of them or both
  reply --case ID --step N --outcome accepted|refused|partial|none [--ref R] [--date YYYY-MM-DD] [--evidence N]
                                          record what came back on step N (the "#" of plan):
                                          the step is done, evidence N (the reply document) is
                                          linked to it, and unless accepted the route's next
                                          rung joins the plan with its time limit
  reply --case ID --step N --delivery ems|post|email|online|in-person [--ref TRACKING] [--date YYYY-MM-DD] [--evidence N]
                                          record how what step N sent reached its recipient: the
                                          tracking number, the day it arrived (or was e-mailed or
                                          filed online) and evidence N, the postal receipt or
                                          screenshot; the waiting period counts from that day, and
                                          the regulator complaint, the civil claim and the credit
                                          complaint cite it
  next --case ID [--json]                 every open route (police, the company, telecom, credit,
                                          consumer complaint): where it stands and the next rung with its date
  expense add --case ID --category C (--amount YUAN | --hours H) [--date YYYY-MM-DD] [--note T] [--receipt N]
                                          log what the leak cost: C is time, transport, postage, phone,
                                          printing, notary, lost-income or other; N is the receipt's
                                          evidence number; prints the entry number
  expense list --case ID [--json]         the log with totals per category
  expense remove --case ID --entry N      take an entry out of the log (the history keeps it)
  assess (--case ID | --matter ID | --count KEY=N ... [--gains YUAN] [--insider]
          [--prior-offence] [--used-for-crime] [--consequence severe]
          [--major-loss]) [--json]        reference severity reading (not legal advice);
                                          --matter: the records of all its victims added up by category
  verify [--case ID]                      re-hash evidence, check the history chain
  correction-order --case ID --authority TEXT --date YYYY-MM-DD [--ref NO] [--ignored-since YYYY-MM-DD]
          [--continued TEXT] [--exhibit N] [--online[=false]]
                                          record a regulator's written order to the source (a network
                                          service provider) to correct, and since when it has ignored
                                          it; prints which elements of the crime of refusing it are
                                          recorded. Only with the order and the refusal does the
                                          police packet name that crime. --continued: what went on
                                          after the order; --exhibit: the order's exhibit number (0:
                                          none); --online: a bank, hospital, school or government
                                          office served you online. These three keep their value when
                                          not given; the others are replaced each time.

Matters (a volunteer helping several victims of one respondent)
  matter new --title T --respondent NAME [--address A] [--kind KIND] [--contact C ...]
                                          a matter; prints its ID. The respondent is written into
                                          every case that joins (KIND: a source kind, e.g. realestate)
  matter edit --matter ID [--title T] [--respondent NAME] [--address A] [--kind KIND] [--contact C ...]
                                          change it; prints the cases the change was written into
  matter list [--json]                    matters with their number of cases
  matter show --matter ID [--json]        each victim's progress and what is still missing
  matter add-case --matter ID --case ID   a victim's case joins (a case is in one matter at most)
  matter remove-case --matter ID --case ID
                                          the case leaves and keeps everything it holds
  matter consent --case ID [--withdraw]   the victim agrees to be named in the joint documents
  matter delete --matter ID               remove the matter; its cases stay
  agent set --name NAME [--org ORG] [--phone PHONE] [--id-number ID]
                                          your own details as the victims' agent (代理人), set once
  agent show [--json]
  authorisation --case ID --out FILE.pdf [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--instructions]
                                          the victim's 授权委托书 naming you as agent; recorded on the
                                          case with its term (default: a year from today)
  authorisation --case ID --signed YYYY-MM-DD
                                          record that the victim signed it; only then, and within its
                                          term, do the joint documents and her own packets (police,
                                          complaints, deletion letter) name you as her agent
  export --matter ID --packet joint-police|joint-consumer --out FILE.pdf [--mask | --no-mask]
         [--no-exhibits] [--dry-run [--json]]
                                          the joint document of the victims whose consent is recorded;
                                          the others are listed on stderr, never in the document
  export --matter ID --all --out DIR      the joint documents and a folder per victim with her own
                                          police, consumer, regulator and provider packets

Evidence
  evidence add --case ID FILE... [--title T] [--source S] [--proves P] [--captured RFC3339]
         --proves: what the file shows (证明目的); --captured: when it was made;
         without it, a photo's EXIF time or else the file's time, which the
         packets mark as such ("（取自文件时间）") until you give one
  evidence note --case ID --kind call|sms|web|note --text T [--at RFC3339] [--number N] [--url U]
  evidence list --case ID [--json]
  evidence get --case ID --exhibit N --out FILE
  evidence transcript --case ID --exhibit N (--file F | --text T | --clear) [--place P] [--speakers S] [--recorded RFC3339] [--confirm]
  evidence import-sms --case ID FILE [--from NUMBER ...]

Packets
  export --case ID --packet police|consumer|association|regulator|provider|full|reconsideration|review|supervision|civil|credit --out FILE.pdf
         [--mask | --no-mask] [--no-exhibits] [--attach | --no-attach] [--police-form report|accusation]
         [--delivered YYYY-MM-DD] [--source N] [--field KEY=VALUE ...]
         --source N: which suspected organisation a consumer, regulator or
         provider packet is about (1 = the first, the default; each suspect
         gets its own); the police packet names them all.
         police-form: an accusation (控告) names whom you suspect and asks for
         prosecution, and only an accuser is told why a case is not opened and
         may seek reconsideration; a report (报案) names no suspect. Default:
         accusation when the case names a suspected source.
         --attach embeds each exhibit's original file in the PDF (default for "full")
         association: complaint and mediation request to a consumer association;
         --field recipient=WHICH ASSOCIATION, --field asks=delete,explain,apologise,compensate
         (what to mediate about besides the mediation itself; default: all but
         compensate, which is added when money was lost). No deadline is printed.
         reconsideration: 复议申请书 to the police unit that declined to open a case, from the
         reply recorded on the police step (reply --outcome refused); --field recipient=THE UNIT,
         --field reasons=WHY YOU DISAGREE
         review: 复核申请书 to the next-level police after a 复议 decision that keeps the refusal
         (reply on the 复议 step --outcome refused); same fields
         supervision: 立案监督申请书 to the procuratorate, from the replies recorded on the police
         steps (a refusal, or no decision by a date); same fields
         civil: 民事起诉状 draft against the organisation that leaked (--source N picks which);
         damages only from the loss entered and the time and expense log; --field recipient=COURT
         credit: complaint to the local PBoC branch about a credit objection, from the delivery and
         reply recorded on the credit-objection step; --field recipient=WHICH BRANCH,
         --field respondent=WHOM YOU OBJECTED TO (the credit bureau or the lender)
  export --case ID --packet KIND --dry-run [--json] [...]
                                          what the document will state, each
                                          statement with where it comes from

Hand-off (encrypted case files for a colleague)
  bundle export --case ID --out FILE.leakcase (--to AGE-PUBLIC-KEY | --bundle-passphrase-file F)
  bundle import FILE [--bundle-passphrase-file F]   check the whole file, then import; prints the new ID
  key show                                this install's public key, for colleagues to send bundles to

Encryption
  passphrase set [--new-passphrase-file F]                      encrypt all data; prints the recovery key once
  passphrase change [--passphrase-file F] [--new-passphrase-file F]
                                          new key for the data and backups; prints a new recovery key
  passphrase new-recovery-key [--passphrase-file F]             replace the recovery key (printed once)
  passphrase remove [--passphrase-file F]                       decrypt all data again

Store
  backup --out FILE                       write a checked snapshot of all data (as encrypted as the store)
  restore FILE                            replace the data with a backup (the current data is backed up first)
  version

Every command takes --data DIR (or LEAKDESK_DATA); the default is
$XDG_DATA_HOME/leakdesk (~/.local/share/leakdesk) on Linux,
%LOCALAPPDATA%\leakdesk on Windows and the user config directory on macOS.
--verbose prints error causes.
When a passphrase is set, --passphrase-file FILE unlocks for one command; on
a terminal the command asks; otherwise it fails with "the store is locked".
Messages are in Chinese when LC_ALL, LC_MESSAGES or LANG starts with "zh"
(if none is set, when the Windows display language is Chinese).
Exit status: 0 success, 1 failure, 2 wrong usage.
COMMAND --help (or -h) prints that command's usage.
`

const usageZH = `leakdesk — 个人信息泄露应对助手。

用法：leakdesk [--data 目录] [--passphrase-file 文件] [--verbose] [命令 [参数]]

不带命令（或使用 “gui”）时启动桌面程序。

案件
  demo                                    创建一个示例案件并输出其编号
  cases [--json]                          列出案件
  case new --answers 文件.json           按问卷答案新建案件（“-” 表示标准输入）并生成计划，输出新编号。
                                          文件：案件格式中的 “intake” 对象，加上 “title”、“victim”、
                                          “discovered_at”、“narrative”、“source_addr”。
                                          怀疑多个单位时：“suspects”: [{"kind":"courier",
                                          "name":"…","addr":"…","grounds":["customer"]}, …]，第一个为主要怀疑对象。
                                          起诉状需要时：“source_code”“source_rep”为主要怀疑对象的统一社会信用代码
                                          和法定代表人，其他单位写在各自的 “code”“rep”；没有填写的，起诉状留空
  case export --case ID [--out 文件]      以 JSON 导出案件（见 docs/case-format.md）
  case import 文件                        导入案件文件（“-” 表示标准输入），输出新编号
  case delete --case ID [--now]           删除案件：一天内可撤销，之后连同备份中的副本彻底清除；
                                          --now 立即彻底清除（不可撤销）
  case undelete --case ID                 在彻底清除之前恢复已删除的案件
  plan --case ID [--json] [--consumer ROUTE]
                                          应对步骤、状态和跟进日期；计划同时建议消费投诉和调解时，会列出
                                          可选的 ROUTE，--consumer ROUTE 选择其中一个或两个都要
  reply --case ID --step N --outcome accepted|refused|partial|none [--ref 编号] [--date YYYY-MM-DD] [--evidence N]
                                          登记第 N 步（plan 的 # 列）收到的答复：已受理、被拒绝、部分答复、
                                          到期未答复；该步完成，第 N 号证据（答复文书）与它关联；
                                          除已受理外，这条途径的下一步连同期限加入计划
  reply --case ID --step N --delivery ems|post|email|online|in-person [--ref 邮件号] [--date YYYY-MM-DD] [--evidence N]
                                          登记第 N 步寄出的材料怎样、哪天送达对方：邮件号，对方收到的日期
                                          （电子邮件、网上提交为发送或提交的日期），第 N 号证据为寄件凭证
                                          或截图；等待答复的期限从这一天算起，投诉举报材料、起诉状和
                                          征信投诉书会写明送达情况
  next --case ID [--json]                 每条进行中的途径（报案、泄露方、电信、征信、消费者投诉）走到哪一步，
                                          下一步是什么、日期是哪天
  expense add --case ID --category 类别 (--amount 元 | --hours 小时) [--date YYYY-MM-DD] [--note 说明] [--receipt N]
                                          记录这件事花费的时间和费用：类别为 time（时间）、transport（交通）、
                                          postage（邮寄）、phone（通讯）、printing（打印复印）、notary（公证、时间戳）、
                                          lost-income（误工）或 other；N 为票据的证据编号；输出记录编号
  expense list --case ID [--json]         时间和费用记录，以及各类合计
  expense remove --case ID --entry N      删除一条记录（历史记录中仍保留）
  assess (--case ID | --matter ID | --count 类别=数量 ... [--gains 元] [--insider]
          [--prior-offence] [--used-for-crime] [--consequence severe]
          [--major-loss]) [--json]        情节严重程度参考（不是法律意见）；
                                          --matter：把共同事项中所有受害人的信息条数按类别合计
  verify [--case ID]                      重新校验证据哈希和历史记录链
  correction-order --case ID --authority 机关 --date YYYY-MM-DD [--ref 文号] [--ignored-since YYYY-MM-DD]
          [--continued 文字] [--exhibit 序号] [--online[=false]]
                                          记录监管部门书面责令泄露者（网络服务提供者）改正的通知，以及它
                                          从哪天起拒不改正；输出拒不履行信息网络安全管理义务罪的要件中
                                          已记录的和还缺的。记录了通知和拒不改正，报案材料才写这一罪名。
                                          --continued：通知之后仍在发生的情况；--exhibit：通知本身的证据
                                          序号（0 表示不关联）；--online：银行、医院、学校或政府部门通过
                                          网络向你提供服务。这三项没有给出时保留原来记录的内容，其他选项每次
                                          都会替换。

共同事项（志愿者代理同一被投诉方的多名受害人）
  matter new --title 名称 --respondent 被投诉方 [--address 地址] [--kind 类型] [--contact 联系方式 ...]
                                          新建共同事项，输出编号。被投诉方信息会写入每个加入的案件
                                          （类型：泄露者类型，如 realestate）
  matter edit --matter ID [--title 名称] [--respondent 被投诉方] [--address 地址] [--kind 类型] [--contact 联系方式 ...]
                                          修改，并输出改动写入了哪些案件
  matter list [--json]                    共同事项及其案件数
  matter show --matter ID [--json]        每位受害人的进度和尚缺的材料
  matter add-case --matter ID --case ID   把一名受害人的案件加入（每个案件最多属于一个共同事项）
  matter remove-case --matter ID --case ID
                                          移出案件，案件的全部内容保留
  matter consent --case ID [--withdraw]   受害人同意列入联名材料（--withdraw 撤回）
  matter delete --matter ID               删除共同事项，其中的案件保留
  agent set --name 姓名 [--org 单位] [--phone 电话] [--id-number 身份证号]
                                          填写你自己作为代理人的信息（只需填写一次）
  agent show [--json]
  authorisation --case ID --out 文件.pdf [--from 开始日期] [--until 结束日期] [--instructions]
                                          生成受害人委托你为代理人的授权委托书，并在案件中登记委托期限
                                          （默认自今天起一年）
  authorisation --case ID --signed YYYY-MM-DD
                                          登记受害人已签署；登记签署且在委托期限内，联名材料和她本人的材料
                                          （报案、投诉、删除请求函）才写明你是代理人
  export --matter ID --packet joint-police|joint-consumer --out 文件.pdf [--mask | --no-mask]
         [--no-exhibits] [--dry-run [--json]]
                                          只列入已登记同意的受害人的联名材料；未列入的人输出到标准错误，不写进材料
  export --matter ID --all --out 文件夹   联名材料，以及每位受害人一个文件夹，内有其本人的报案、投诉、
                                          投诉举报和删除请求材料

证据
  evidence add --case ID 文件... [--title 名称] [--source 来源] [--proves 证明目的] [--captured RFC3339时间]
         --proves：这份证据说明什么；--captured：它形成的时间。不填时取照片
         自带的拍摄时间，没有则取文件时间，材料中会注明（如“（取自文件时间）”），
         直到你填写为止
  evidence note --case ID --kind call|sms|web|note --text 内容 [--at RFC3339时间] [--number 号码] [--url 网址]
  evidence list --case ID [--json]
  evidence get --case ID --exhibit 序号 --out 文件
  evidence transcript --case ID --exhibit 序号 (--file 文件 | --text 内容 | --clear) [--place 地点] [--speakers 说话人] [--recorded RFC3339时间] [--confirm 确认由本人根据录音整理]
  evidence import-sms --case ID 文件 [--from 号码 ...]

材料
  export --case ID --packet police|consumer|association|regulator|provider|full|reconsideration|review|supervision|civil|credit --out 文件.pdf
         [--mask | --no-mask] [--no-exhibits] [--attach | --no-attach] [--police-form report|accusation]
         [--delivered 送达日期] [--source 序号] [--field 键=值 ...]
         --source：投诉书、投诉举报材料和删除请求函针对第几个怀疑的单位（默认 1，
         即第一个；每个单位各出一份）；报案材料会写明所有怀疑的单位。
         police-form：控告是指明怀疑的单位或个人并要求追究刑事责任，不立案时控告人
         会被告知理由并可以申请复议；报案不指明嫌疑人。默认：案件写明了可能的泄露者时为控告。
         --attach 在 PDF 中附带每份证据的原始文件（“full” 默认附带）
         association：投诉及调解申请书（交当地消协）；--field recipient=哪一个消协，
         --field asks=delete,explain,apologise,compensate（除调解外请求的事项：删除、说明、
         道歉、赔偿；默认除赔偿外都请求，有经济损失时加上赔偿）。材料不写答复期限。
         reconsideration：复议申请书（交作出不予立案决定的公安机关），依据报警步骤登记的答复
         （reply --outcome refused）；--field recipient=该公安机关，--field reasons=你不同意的理由
         review：复核申请书（复议决定仍不予立案时申请复核），依据复议步骤登记的答复（复议决定）；字段同上
         supervision：立案监督申请书，依据报警等步骤登记的答复（不予立案，或到期没有决定）；字段同上
         civil：民事起诉状草稿（被告为泄露方，--source N 选择哪一个）；赔偿金额只来自损失金额和
         时间费用记录；--field recipient=法院
         credit：征信异议投诉书（交当地人民银行分支机构），依据征信异议步骤登记的送达和答复；
         --field recipient=哪一个分支机构，--field respondent=提出异议的对象（征信中心或放贷机构）
  export --case ID --packet 类型 --dry-run [--json] [...]
                                          这份材料将写明的事实，以及每条事实的依据

移交（给同事的加密案件文件）
  bundle export --case ID --out 文件.leakcase (--to 对方公钥 | --bundle-passphrase-file 文件)
  bundle import 文件 [--bundle-passphrase-file 文件]   先完整校验，再导入，输出新编号
  key show                                本机公钥，供同事向本机发送案件包

加密
  passphrase set [--new-passphrase-file 文件]                       加密全部数据，只显示一次恢复密钥
  passphrase change [--passphrase-file 文件] [--new-passphrase-file 文件]
                                          数据和备份换新钥匙，输出新的恢复密钥
  passphrase new-recovery-key [--passphrase-file 文件]              更换恢复密钥（只显示一次）
  passphrase remove [--passphrase-file 文件]                        解除加密

数据
  backup --out 文件                       备份全部数据（经过校验的快照，与数据本身同样加密）
  restore 文件                            用备份替换当前数据（会先备份当前数据）
  version

所有命令都接受 --data 目录（或环境变量 LEAKDESK_DATA）；默认位置：Linux 为
$XDG_DATA_HOME/leakdesk（~/.local/share/leakdesk），Windows 为 %LOCALAPPDATA%\leakdesk，
macOS 为用户配置目录。
--verbose 输出错误原因。设置口令后，--passphrase-file 文件 可为单条命令解锁；在终端中
会提示输入口令；否则命令失败并提示“数据已锁定”。退出码：0 成功，1 失败，2 用法错误。
命令 --help（或 -h）输出该命令的用法。
`
