package incident

import (
	"errors"
	"fmt"
	"syscall"
)

// Code classifies an error so callers can react without parsing text.
type Code string

const (
	CodeInvalid   Code = "invalid"   // input fails validation
	CodeNotFound  Code = "not-found" // the record does not exist
	CodeConflict  Code = "conflict"  // e.g. a duplicate exhibit
	CodeTooLarge  Code = "too-large" // a file over the size cap
	CodeDamaged   Code = "damaged"   // the store or a record failed an integrity check
	CodeBusy      Code = "busy"      // the data is open in another copy of the app
	CodeLocked    Code = "locked"    // the vault is locked
	CodeDiskFull  Code = "disk-full" // the disk ran out of space
	CodeCancelled Code = "cancelled" // the user stopped a long operation
	CodeInternal  Code = "internal"  // anything else; details go to the log
)

// Error is the domain error: a code, a message for the user in both
// languages, and the underlying cause for the log.
type Error struct {
	Code  Code
	ZH    string
	EN    string
	Field string // JSON path or field name, when the error is about one field
	Err   error
}

func (e *Error) Error() string {
	msg := e.EN
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Message returns the user-facing message in lang ("en" or anything else for Chinese).
func (e *Error) Message(lang string) string {
	msg := e.ZH
	if lang == "en" {
		msg = e.EN
	}
	if e.Field != "" {
		return e.Field + ": " + msg
	}
	return msg
}

// Errorf builds a domain error.
func Errorf(code Code, zh, en string, cause error) *Error {
	return &Error{Code: code, ZH: zh, EN: en, Err: cause}
}

func invalid(field, zh, en string) *Error {
	return &Error{Code: CodeInvalid, Field: field, ZH: zh, EN: en}
}

// NotFound reports a missing record of the given kind.
func NotFound(kind string, id int64) *Error {
	return &Error{Code: CodeNotFound,
		ZH: fmt.Sprintf("找不到%s（编号 %d），可能已被删除。", kindZH(kind), id),
		EN: fmt.Sprintf("%s %d was not found; it may have been deleted.", kind, id)}
}

func kindZH(kind string) string {
	switch kind {
	case "case":
		return "案件"
	case "step":
		return "步骤"
	case "account":
		return "账户"
	case "communication":
		return "沟通记录"
	case "exhibit":
		return "证据"
	case "leaked data":
		return "泄露信息"
	case "suspect":
		return "怀疑的单位"
	case "matter":
		return "共同事项"
	}
	return kind
}

// ErrorCode returns the code of a domain error, or CodeInternal.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if errors.Is(err, errCancelled) {
		return CodeCancelled
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return CodeDiskFull
	}
	return CodeInternal
}

// UserMessage returns a message fit for the user in lang; causes of
// non-domain errors stay out of it (they belong in the log).
func UserMessage(err error, lang string) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message(lang)
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return ErrDiskFull.Message(lang)
	}
	if lang == "en" {
		return "Something went wrong. Nothing was saved from this action; details are in the log."
	}
	return "操作未能完成，本次改动没有保存。详细原因已写入日志。"
}

var errCancelled = errors.New("cancelled")

// ErrDiskFull says a write ran out of space; whatever was being written was
// not kept, and nothing saved earlier is touched.
var ErrDiskFull = &Error{Code: CodeDiskFull,
	ZH: "磁盘空间不足，这次没有保存任何内容，之前保存的数据没有受影响。请腾出空间后再试。",
	EN: "The disk is full; nothing was written this time and earlier data is untouched. Free some space and try again."}

// ErrCancelled is returned when the user stops a long operation.
var ErrCancelled = &Error{Code: CodeCancelled, ZH: "已取消，没有保存任何内容。", EN: "Cancelled; nothing was saved.", Err: errCancelled}

// ErrClearRestore: a backup that is not encrypted was to replace data that
// is. Restoring it as it is would turn encryption off; the store refuses,
// and the command line and the window ask for the current passphrase to
// restore it encrypted (issue 17, F9).
var ErrClearRestore = Errorf(CodeConflict,
	"这个备份没有加密，而当前数据设置了口令。直接恢复会关闭加密，因此没有恢复。要恢复它并用当前口令重新加密，请提供当前口令（会生成新的恢复密钥）。",
	"This backup is not encrypted, but the current data is. Restoring it as it is would turn encryption off, so nothing was restored. To restore it and encrypt it again with the current passphrase, give that passphrase (a new recovery key is made).", nil)
