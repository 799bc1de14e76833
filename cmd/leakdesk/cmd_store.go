package main

import (
	"context"
	"errors"
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
	err = sqlite.Restore(dir, args[0], c.storeOptions().Clock)
	if errors.Is(err, sqlite.ErrClearRestore) {
		// A clear backup into encrypted data: the current passphrase is
		// the confirmation, and the restored data is encrypted with it
		// before it replaces anything (issue 17, F9).
		pass, perr := c.passphrase(c.passFile, c.t("这个备份没有加密。输入当前口令，恢复后用它重新加密：", "This backup is not encrypted. Current passphrase, to encrypt it again after restoring: "))
		if perr != nil {
			return err
		}
		defer clear(pass)
		recovery, rerr := sqlite.RestoreEncrypted(dir, args[0], pass, c.storeOptions())
		if rerr != nil {
			return rerr
		}
		c.printf("%s\n%s\n", c.t("已恢复，并用当前口令重新加密。恢复前的数据已备份到数据目录的 backups 文件夹。新的恢复密钥（只显示这一次，请抄写或打印后妥善保存）：",
			"Restored and encrypted again with the current passphrase. The data as it was before is kept in the backups folder of the data directory. New recovery key (shown only this once; write it down or print it and keep it safe):"), recovery)
		return nil
	}
	if err != nil {
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
