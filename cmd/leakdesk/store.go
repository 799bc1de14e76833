package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"

	"leakdesk/internal/incident"
	"leakdesk/internal/platform"
)

// open opens the store in the data directory. The caller closes it; a
// second leakdesk on the same directory gets the store's CodeBusy message.
// An encrypted store is unlocked for the command (see unlock) unless
// locked is set: a backup copies sealed bytes and needs no key.
func (c *cli) open(locked bool) (*incident.Service, func(), error) {
	st, err := c.openStore()
	if err != nil {
		return nil, nil, err
	}
	if !locked {
		if err := c.unlock(st); err != nil {
			st.Close()
			return nil, nil, err
		}
	}
	return incident.NewService(st, nil), func() { st.Close() }, nil
}

// withService runs fn with an open, unlocked store.
func (c *cli) withService(fn func(svc *incident.Service) error) error {
	svc, closeFn, err := c.open(false)
	if err != nil {
		return err
	}
	defer closeFn()
	return fn(svc)
}

// withLockedService runs fn with an open store left locked.
func (c *cli) withLockedService(fn func(svc *incident.Service) error) error {
	svc, closeFn, err := c.open(true)
	if err != nil {
		return err
	}
	defer closeFn()
	return fn(svc)
}

// caseID parses a --case value; 0 means it was not given.
func (c *cli) caseID(v string, required bool) (int64, error) {
	if v == "" {
		if required {
			return 0, c.usagef("缺少 --case 案件编号。", "--case ID is required")
		}
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, c.usagef("--case 应为案件编号（正整数），而不是 “%s”。", "--case wants a case ID (a positive number), not %q", v)
	}
	return id, nil
}

func (c *cli) noArgs(cmd string, args []string) error {
	if len(args) > 0 {
		return c.usagef("%s 不接受参数 “%s”。", "%s takes no argument %q", cmd, args[0])
	}
	return nil
}

func (c *cli) writeJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// atomicWrite is platform.WriteFileAtomic: no partial file at path, ever.
func atomicWrite(path string, write func(f *os.File) error) error {
	return platform.WriteFileAtomic(path, write)
}

func writeFailed(path string, err error) error {
	return fail(fmt.Sprintf("无法写入“%s”，没有生成文件。", path),
		fmt.Sprintf("Cannot write \"%s\"; no file was created.", path), err)
}

// contextErr turns a cancelled run into the domain's cancelled error.
func contextErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return incident.ErrCancelled
	}
	return err
}

// parseCase parses a command that takes flags, no positional arguments and
// a --case ID (required or not); the ID is 0 when it is optional and absent.
func (c *cli) parseCase(fs *flag.FlagSet, args []string, caseFlag *string, required bool) (int64, error) {
	args, err := c.parse(fs, args)
	if err != nil {
		return 0, err
	}
	if err := c.noArgs(fs.Name(), args); err != nil {
		return 0, err
	}
	return c.caseID(*caseFlag, required)
}

// withCase is the preamble of the commands that work on one case (reply,
// next, expense, evidence list): open the store, read the case file, warn
// on stderr when it does not match what leakdesk last saved, then run fn.
func (c *cli) withCase(ctx context.Context, id int64, fn func(*incident.Service, *incident.CaseFile) error) error {
	return c.withService(func(svc *incident.Service) error {
		cf, err := svc.CaseFile(ctx, id)
		if err != nil {
			return err
		}
		c.warnIntegrity(cf)
		return fn(svc, cf)
	})
}

// exhibitNumbered is the ID of the case's evidence number n (its number in
// `leakdesk evidence list`), or a not-found error naming it.
func exhibitNumbered(cf *incident.CaseFile, n int) (int64, error) {
	for _, e := range cf.Exhibits {
		if e.Number == n {
			return e.ID, nil
		}
	}
	return 0, incident.Errorf(incident.CodeNotFound, "这个案件没有第 "+strconv.Itoa(n)+" 号证据（见 leakdesk evidence list）。",
		"This case has no evidence "+strconv.Itoa(n)+" (see leakdesk evidence list).", nil)
}
