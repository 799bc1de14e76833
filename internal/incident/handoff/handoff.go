// Package handoff moves one case between installs as a .leakcase bundle:
// the case in the JSON case format with its evidence beside it, encrypted
// with age to a colleague's public key or to a passphrase (package bundle).
// Export and import are events in the case's history.
package handoff

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"

	"leakdesk/internal/bundle"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/caseformat"
	"leakdesk/internal/platform"
)

// InstallIdentity returns this install's age key pair for receiving
// bundles, made on first use and kept in the store (the secret sealed by the
// vault when a passphrase is set). Errors: CodeLocked.
func InstallIdentity(ctx context.Context, svc *incident.Service) (secret, public string, err error) {
	return svc.AgeIdentity(ctx, bundle.GenerateIdentity, bundle.PublicKeyOf)
}

// Export writes case caseID as a bundle for recipient to w and records a
// "bundle.exported" event with the file's SHA-256 and whom it is for. w
// should be a temporary file the caller renames once Export returns nil:
// on error what reached w is not a valid bundle.
// Errors: CodeNotFound, CodeLocked, CodeDamaged (evidence that no longer
// matches its hash).
func Export(ctx context.Context, svc *incident.Service, caseID int64, w io.Writer, recipient Recipient) error {
	cf, err := svc.ExportCaseFile(ctx, caseID)
	if err != nil {
		return err
	}
	var cj bytes.Buffer
	if err := caseformat.Encode(&cj, cf, nil, false); err != nil {
		return err
	}
	entries := make([]bundle.Entry, len(cf.Exhibits))
	for i, e := range cf.Exhibits {
		entries[i] = bundle.Entry{Name: entryName(i), Size: e.Size, SHA256: e.SHA256,
			Open: func() (io.ReadCloser, error) { return stream(ctx, svc, e.ID), nil }}
	}
	h := sha256.New()
	if err := bundle.Write(io.MultiWriter(w, h), recipient.r, &cj, entries); err != nil {
		if errors.Is(err, bundle.ErrTooLarge) {
			return incident.Errorf(incident.CodeTooLarge, "案件数据太大，无法打包。", "The case is too large for a bundle.", err)
		}
		var de *incident.Error
		if errors.As(err, &de) {
			return err
		}
		if ctx.Err() != nil {
			return incident.ErrCancelled
		}
		return incident.Errorf(incident.CodeDamaged,
			"导出时发现证据内容与记录的 SHA-256 不符，已停止。请运行 “leakdesk verify” 检查。",
			"While exporting, evidence did not match its recorded SHA-256; the export was stopped. Run \"leakdesk verify\".", err)
	}
	return svc.RecordBundleExport(ctx, caseID, incident.BundleExport{SHA256: hex.EncodeToString(h.Sum(nil)),
		To: recipient.kind, Recipient: recipient.publicKey, Exhibits: len(cf.Exhibits)})
}

// Recipient is whom a bundle is encrypted to, with what the history says
// about it.
type Recipient struct {
	r         bundle.Recipient
	kind      string // "age-key" or "passphrase"
	publicKey string // for "age-key"
}

// ToKey makes a recipient of a colleague's age public key ("age1...").
// Errors: CodeInvalid.
func ToKey(publicKey string) (Recipient, error) {
	r, err := bundle.X25519Recipient(publicKey)
	if err != nil {
		return Recipient{}, incident.Errorf(incident.CodeInvalid,
			"这不是有效的接收方公钥（应以 age1 开头）。", "That is not a valid recipient public key (it starts with age1).", err)
	}
	return Recipient{r: r, kind: "age-key", publicKey: strings.TrimSpace(publicKey)}, nil
}

// ToPassphrase makes a passphrase recipient; the passphrase has to reach
// the colleague another way than the file. Errors: CodeInvalid.
func ToPassphrase(passphrase string) (Recipient, error) {
	// The same floor as the store's: the bundle may be intercepted and
	// attacked offline (issue 17, F10).
	if err := incident.CheckNewPassphrase([]byte(passphrase)); err != nil {
		return Recipient{}, err
	}
	r, err := bundle.PassphraseRecipient(passphrase)
	if err != nil {
		return Recipient{}, incident.Errorf(incident.CodeInvalid, "无法使用这个口令。", "This passphrase cannot be used.", err)
	}
	return Recipient{r: r, kind: "passphrase"}, nil
}

func entryName(i int) string { return fmt.Sprintf("evidence/%04d", i+1) }

// stream pipes an exhibit's bytes from the store without a temporary file,
// which could leave evidence in the clear on disk.
func stream(ctx context.Context, svc *incident.Service, id int64) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		_, err := svc.WriteExhibitContent(ctx, id, pw)
		pw.CloseWithError(err)
	}()
	return pr
}

// Import reads a whole bundle from r with identity, checks all of it
// (authentication, manifest hashes and sizes, names, limits; then the case
// document field by field and every exhibit against the manifest) and only
// then stores the case, in one transaction, with a "bundle.imported" event.
// Errors: CodeInvalid with a message naming what is wrong with the file
// (wrong key, damaged, incomplete, too large, not a bundle), CodeLocked.
func Import(ctx context.Context, svc *incident.Service, r io.Reader, identity bundle.Identity, limits bundle.Limits) (int64, error) {
	h := sha256.New()
	contents, err := bundle.Read(io.TeeReader(r, h), identity, limits)
	if err != nil {
		return 0, readErr(err)
	}
	defer contents.Close()
	sum := drainHash(r, h)
	rc, err := contents.CaseJSON()
	if err != nil {
		return 0, err
	}
	cf, _, err := caseformat.Decode(rc, max(contents.Manifest.Case.Size, 1))
	rc.Close()
	if err != nil {
		return 0, err
	}
	ev := contents.Manifest.Evidence
	if len(ev) != len(cf.Exhibits) {
		return 0, tampered(fmt.Errorf("%d evidence entries for %d exhibits", len(ev), len(cf.Exhibits)))
	}
	for i, e := range cf.Exhibits {
		if ev[i].Name != entryName(i) || ev[i].Size != e.Size || ev[i].SHA256 != e.SHA256 {
			return 0, tampered(fmt.Errorf("evidence entry %d does not match exhibit %d", i, e.Number))
		}
	}
	content := func(i int) (io.ReadCloser, error) { return contents.Evidence(entryName(i)) }
	return svc.ImportBundle(ctx, cf, content, sum)
}

// drainHash finishes hashing the file: Read stops at the end of the age
// stream, which is the end of a well-formed file.
func drainHash(r io.Reader, h hash.Hash) string {
	_, _ = io.Copy(h, r)
	return hex.EncodeToString(h.Sum(nil))
}

func tampered(err error) error {
	return incident.Errorf(incident.CodeInvalid,
		"案件包已损坏或被改动过，没有导入任何内容。", "The case bundle is damaged or was altered; nothing was imported.",
		fmt.Errorf("%w: %v", bundle.ErrTampered, err))
}

// readErr turns the bundle reader's errors into one clear message each.
func readErr(err error) error {
	var zh, en string
	code := incident.CodeInvalid
	switch {
	case errors.Is(err, bundle.ErrWrongKey):
		zh, en = "这个案件包不是发给本机密钥或这个口令的，无法打开。", "This case bundle is not for this install's key or this passphrase; it cannot be opened."
	case errors.Is(err, bundle.ErrTruncated):
		zh, en = "案件包不完整（复制或下载中断），没有导入任何内容。", "The case bundle is incomplete (an interrupted copy or download); nothing was imported."
	case errors.Is(err, bundle.ErrTampered), errors.Is(err, bundle.ErrBadName):
		zh, en = "案件包已损坏或被改动过，没有导入任何内容。", "The case bundle is damaged or was altered; nothing was imported."
	case errors.Is(err, bundle.ErrTooLarge):
		code = incident.CodeTooLarge
		zh, en = "案件包超出允许的大小，没有导入。", "The case bundle is larger than allowed; nothing was imported."
	case errors.Is(err, bundle.ErrVersion):
		zh, en = "案件包由更新版本的 leakdesk 生成，请先升级。", "The case bundle was made by a newer leakdesk; update leakdesk first."
	case errors.Is(err, bundle.ErrNotBundle):
		zh, en = "这不是 leakdesk 案件包（.leakcase）。", "This is not a leakdesk case bundle (.leakcase)."
	default:
		code = incident.CodeInternal
		zh, en = "无法读取案件包，没有导入任何内容。", "Cannot read the case bundle; nothing was imported."
	}
	return incident.Errorf(code, zh, en, err)
}

// ExportFile is the hand-over workflow of the window and of `leakdesk
// bundle export`: the case as a bundle for recipient at path, written to a
// temporary file beside it and renamed, so a failure leaves no partial
// bundle and never damages a file already there.
// Errors: Export's; CodeInternal "cannot write" when the file cannot be
// written, CodeDiskFull, CodeCancelled.
func ExportFile(ctx context.Context, svc *incident.Service, caseID int64, path string, recipient Recipient) error {
	err := platform.WriteFileAtomic(path, func(f *os.File) error { return Export(ctx, svc, caseID, f, recipient) })
	if err == nil || incident.ErrorCode(err) != incident.CodeInternal {
		return err
	}
	if ctx.Err() != nil {
		return incident.ErrCancelled
	}
	return incident.Errorf(incident.CodeInternal, fmt.Sprintf("无法写入“%s”，没有生成文件。", path),
		fmt.Sprintf("Cannot write \"%s\"; no file was created.", path), err)
}

// ImportFile is the receiving workflow of the window and of `leakdesk
// bundle import`: the bundle at path becomes a new case. passphrase nil
// opens it with this install's key; otherwise with the passphrase given.
// Errors: CodeInvalid (unreadable file, unusable passphrase, and Import's),
// CodeLocked.
func ImportFile(ctx context.Context, svc *incident.Service, path string, passphrase *string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, incident.Errorf(incident.CodeInvalid, fmt.Sprintf("无法读取“%s”：文件不存在或没有权限。", path),
			fmt.Sprintf("Cannot read \"%s\": it does not exist or is not readable.", path), err)
	}
	defer f.Close()
	var id bundle.Identity
	if passphrase != nil {
		if id, err = bundle.PassphraseIdentity(*passphrase); err != nil {
			return 0, incident.Errorf(incident.CodeInvalid, "无法使用这个口令。", "This passphrase cannot be used.", err)
		}
	} else {
		secret, _, err := InstallIdentity(ctx, svc)
		if err != nil {
			return 0, err
		}
		if id, err = bundle.X25519Identity(secret); err != nil {
			return 0, err
		}
	}
	return Import(ctx, svc, f, id, bundle.Limits{})
}

// NeedsPassphrase reports whether the bundle at path is encrypted to a
// passphrase (ask for it) rather than to a key.
// Errors: CodeInvalid when the file cannot be read.
func NeedsPassphrase(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, incident.Errorf(incident.CodeInvalid, fmt.Sprintf("无法读取“%s”：文件不存在或没有权限。", path),
			fmt.Sprintf("Cannot read \"%s\": it does not exist or is not readable.", path), err)
	}
	defer f.Close()
	ok, err := bundle.NeedsPassphrase(f)
	if err != nil {
		return false, incident.Errorf(incident.CodeInvalid, "无法读取这个文件。", "Cannot read the file.", err)
	}
	return ok, nil
}
