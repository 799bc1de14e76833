package main

import (
	"context"
	"fmt"
	"os"
	"runtime"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/sqlite"
)

func (c *cli) cmdBackup(ctx context.Context, args []string) error {
	fs := c.flags("backup")
	out := fs.String("out", "", "")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := c.noArgs("backup", args); err != nil {
		return err
	}
	if *out == "" {
		return c.usagef("缺少 --out 备份文件。", "--out FILE is required")
	}
	return c.withLockedService(func(svc *incident.Service) error {
		// The store snapshots to a temporary file and renames it into
		// place, so an existing file at --out is replaced only by a
		// complete, checked backup.
		if err := svc.Backup(ctx, *out); err != nil {
			if incident.ErrorCode(err) != incident.CodeInternal {
				return err
			}
			return writeFailed(*out, contextErr(ctx, err))
		}
		c.printf("%s\n", *out)
		return nil
	})
}

func (c *cli) cmdRestore(ctx context.Context, args []string) error {
	fs := c.flags("restore")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return c.usagef("restore 需要一个备份文件。", "restore wants one backup FILE")
	}
	fi, err := os.Stat(args[0])
	if err != nil || !fi.Mode().IsRegular() {
		return incident.Errorf(incident.CodeInvalid, fmt.Sprintf("无法读取备份文件“%s”。", args[0]),
			fmt.Sprintf("Cannot read the backup file \"%s\".", args[0]), err)
	}
	dir, err := c.dataDir()
	if err != nil {
		return fail("找不到数据目录，请用 --data 指定。", "Cannot find the data directory; give one with --data.", err)
	}
	if err := sqlite.Restore(dir, args[0]); err != nil {
		if incident.ErrorCode(err) != incident.CodeInternal {
			return err
		}
		return fail("恢复失败，当前数据没有改变。", "The restore failed; the current data is unchanged.", err)
	}
	c.printf("%s\n", c.t("已恢复。恢复前的数据已备份到数据目录的 backups 文件夹。",
		"Restored. The data as it was before is kept in the backups folder of the data directory."))
	return nil
}

func (c *cli) cmdVersion(_ context.Context, args []string) error {
	fs := c.flags("version")
	args, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := c.noArgs("version", args); err != nil {
		return err
	}
	c.printf("leakdesk %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
