package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/handoff"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/vault"
)

// testKDF is set only by this package's tests (vault_test.go): when it
// says yes, new passphrases get a tiny Argon2id cost so the suite runs in
// seconds. A release binary has no switch for it at all, neither flag nor
// environment variable (issue 17, F10: the release binary honoured
// LEAKDESK_INSECURE_TEST_KDF).
var testKDF func(getenv func(string) string) bool

// maxPassphraseFile bounds what is read from a passphrase file.
const maxPassphraseFile = 4096

func (c *cli) storeOptions() sqlite.Options {
	opts := sqlite.Options{}
	if c.verbose {
		opts.Logf = func(format string, args ...any) { fmt.Fprintf(c.stderr, "leakdesk: "+format+"\n", args...) }
	}
	if testKDF != nil && testKDF(c.getenv) {
		opts.KDF = vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}
	}
	return opts
}

// unlock opens an encrypted store for this one command: from
// --passphrase-file, or by asking on a terminal; otherwise it says the
// store is locked.
func (c *cli) unlock(st *sqlite.Store) error {
	if !st.Locked() {
		return nil
	}
	pass, err := c.passphrase(c.passFile, c.t("口令：", "Passphrase: "))
	if err != nil {
		return err
	}
	defer clear(pass)
	return st.Unlock(pass)
}

// errLockedCLI is the answer when no passphrase can be had.
func errLockedCLI() error {
	return incident.Errorf(incident.CodeLocked,
		"数据已锁定（设置了口令）。请用 --passphrase-file 文件 提供口令，或在终端中运行以输入口令。",
		"The store is locked (a passphrase is set). Give it with --passphrase-file FILE, or run the command in a terminal to type it.", nil)
}

// passphrase reads a passphrase from file, or asks on the terminal when
// file is empty. A file's final line break is not part of it.
func (c *cli) passphrase(file, prompt string) ([]byte, error) {
	if file != "" {
		return readPassphraseFile(file)
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		return nil, errLockedCLI()
	}
	fmt.Fprint(c.stderr, prompt)
	p, err := term.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(c.stderr)
	if err != nil {
		return nil, fail("无法读取口令。", "Cannot read the passphrase.", err)
	}
	return p, nil
}

func readPassphraseFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, incident.Errorf(incident.CodeInvalid, fmt.Sprintf("无法读取口令文件“%s”。", name),
			fmt.Sprintf("Cannot read the passphrase file \"%s\".", name), err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxPassphraseFile+1))
	if err != nil || len(b) > maxPassphraseFile {
		return nil, incident.Errorf(incident.CodeInvalid, fmt.Sprintf("口令文件“%s”无法读取或太大。", name),
			fmt.Sprintf("The passphrase file \"%s\" cannot be read or is too large.", name), err)
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	return b, nil
}

// newPassphrase reads a new passphrase from file, or asks twice on the
// terminal.
func (c *cli) newPassphrase(file string) ([]byte, error) {
	if file != "" {
		return readPassphraseFile(file)
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		return nil, c.usagef("请用 --new-passphrase-file 文件 提供新口令，或在终端中运行。",
			"give the new passphrase with --new-passphrase-file FILE, or run in a terminal")
	}
	p, err := c.passphrase("", c.t("新口令：", "New passphrase: "))
	if err != nil {
		return nil, err
	}
	again, err := c.passphrase("", c.t("再输入一次：", "Again: "))
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(p, again) {
		return nil, incident.Errorf(incident.CodeInvalid, "两次输入的口令不一致。", "The two passphrases differ.", nil)
	}
	return p, nil
}

// openStore opens the store without unlocking it (passphrase, backup).
func (c *cli) openStore() (*sqlite.Store, error) {
	dir, err := c.dataDir()
	if err != nil {
		return nil, fail("找不到数据目录，请用 --data 指定。", "Cannot find the data directory; give one with --data.", err)
	}
	return sqlite.Open(dir, c.storeOptions())
}

func (c *cli) cmdPassphrase(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return c.usagef("passphrase 需要子命令：set、change、new-recovery-key 或 remove。", "passphrase needs a subcommand: set, change, new-recovery-key or remove")
	}
	sub := args[0]
	fs := c.flags("passphrase " + sub)
	newFile := fs.String("new-passphrase-file", "", "")
	rest, err := c.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if err := c.noArgs("passphrase "+sub, rest); err != nil {
		return err
	}
	switch sub {
	case "set", "change", "remove", "new-recovery-key":
	default:
		return c.usagef("未知的 passphrase 子命令 “%s”。", "unknown passphrase subcommand %q", sub)
	}
	st, err := c.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "set":
		if st.Encrypted() {
			return incident.Errorf(incident.CodeInvalid, "已经设置了口令；要修改请用 “passphrase change”。",
				"A passphrase is already set; use \"passphrase change\" to change it.", nil)
		}
		pass, err := c.newPassphrase(*newFile)
		if err != nil {
			return err
		}
		defer clear(pass)
		recovery, err := st.EnableEncryption(ctx, pass)
		if err != nil {
			return err
		}
		c.printf("%s\n%s\n", c.t("已设置口令，全部个人数据已加密。恢复密钥（只显示这一次，请抄写或打印后妥善保存）：",
			"Passphrase set; all personal data is now encrypted. Recovery key (shown only this once; write it down or print it and keep it safe):"), recovery)
		return nil
	case "change":
		old, err := c.passphrase(c.passFile, c.t("当前口令：", "Current passphrase: "))
		if err != nil {
			return err
		}
		defer clear(old)
		pass, err := c.newPassphrase(*newFile)
		if err != nil {
			return err
		}
		defer clear(pass)
		recovery, err := st.ChangePassphrase(ctx, old, pass)
		if err != nil {
			return err
		}
		c.printf("%s\n%s\n", c.t("口令已修改，数据和备份都换了新钥匙：旧口令和旧恢复密钥都已失效。新的恢复密钥（只显示这一次，请抄写或打印后妥善保存）：",
			"Passphrase changed; the data and its backups are under a new key, and the old passphrase and the old recovery key no longer open them. New recovery key (shown only this once; write it down or print it and keep it safe):"), recovery)
		return nil
	case "new-recovery-key":
		pass, err := c.passphrase(c.passFile, c.t("当前口令：", "Current passphrase: "))
		if err != nil {
			return err
		}
		defer clear(pass)
		recovery, err := st.NewRecoveryKey(ctx, pass)
		if err != nil {
			return err
		}
		c.printf("%s\n%s\n", c.t("已更换恢复密钥，旧的恢复密钥（备份中也一样）已失效，口令不变。新的恢复密钥（只显示这一次，请抄写或打印后妥善保存）：",
			"Recovery key replaced; the old one no longer opens the data or its backups. The passphrase is unchanged. New recovery key (shown only this once; write it down or print it and keep it safe):"), recovery)
		return nil
	default: // remove
		pass, err := c.passphrase(c.passFile, c.t("当前口令：", "Current passphrase: "))
		if err != nil {
			return err
		}
		defer clear(pass)
		if err := st.DisableEncryption(ctx, pass); err != nil {
			return err
		}
		c.printf("%s\n", c.t("口令已移除：数据不再加密，任何能读取这台电脑文件的人都能看到案件内容。",
			"Passphrase removed: the data is no longer encrypted; anyone who can read this computer's files can read the cases."))
		return nil
	}
}

func (c *cli) cmdBundle(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return c.usagef("bundle 需要子命令：export 或 import。", "bundle needs a subcommand: export or import")
	}
	switch args[0] {
	case "export":
		return c.cmdBundleExport(ctx, args[1:])
	case "import":
		return c.cmdBundleImport(ctx, args[1:])
	}
	return c.usagef("未知的 bundle 子命令 “%s”。", "unknown bundle subcommand %q", args[0])
}

func (c *cli) cmdBundleExport(ctx context.Context, args []string) error {
	fs := c.flags("bundle export")
	caseFlag := fs.String("case", "", "")
	out := fs.String("out", "", "")
	to := fs.String("to", "", "")
	passFile := fs.String("bundle-passphrase-file", "", "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	if *out == "" {
		return c.usagef("缺少 --out 文件.leakcase。", "--out FILE.leakcase is required")
	}
	if (*to == "") == (*passFile == "") {
		return c.usagef("请给出 --to 接收方公钥 或 --bundle-passphrase-file 文件（二选一）。",
			"give either --to AGE-PUBLIC-KEY or --bundle-passphrase-file FILE")
	}
	var rcpt handoff.Recipient
	if *to != "" {
		rcpt, err = handoff.ToKey(*to)
	} else {
		var p []byte
		if p, err = readPassphraseFile(*passFile); err == nil {
			rcpt, err = handoff.ToPassphrase(string(p))
		}
	}
	if err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		if err := handoff.ExportFile(ctx, svc, id, *out, rcpt); err != nil {
			return err
		}
		c.printf("%s\n", *out)
		return nil
	})
}

func (c *cli) cmdBundleImport(ctx context.Context, args []string) error {
	fs := c.flags("bundle import")
	passFile := fs.String("bundle-passphrase-file", "", "")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return c.usagef("bundle import 需要一个 .leakcase 文件。", "bundle import wants one .leakcase FILE")
	}
	var pass *string
	if *passFile != "" {
		p, err := readPassphraseFile(*passFile)
		if err != nil {
			return err
		}
		text := string(p)
		pass = &text
	}
	return c.withService(func(svc *incident.Service) error {
		newID, err := handoff.ImportFile(ctx, svc, args[0], pass)
		if err != nil {
			return err
		}
		c.printf("%d\n", newID)
		return c.noteImportedMatter(ctx, svc, newID)
	})
}

func (c *cli) cmdKey(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "show" {
		return c.usagef("key 需要子命令：show。", "key needs a subcommand: show")
	}
	fs := c.flags("key show")
	rest, err := c.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if err := c.noArgs("key show", rest); err != nil {
		return err
	}
	return c.withService(func(svc *incident.Service) error {
		_, public, err := handoff.InstallIdentity(ctx, svc)
		if err != nil {
			return err
		}
		c.printf("%s\n", strings.TrimSpace(public))
		return nil
	})
}
