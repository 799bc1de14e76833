package caseformat

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"leakdesk/internal/incident"
)

// MaxFile bounds a case file on import: the whole document is held in
// memory while it is checked, so a larger file is refused with a message
// rather than exhausting memory.
const MaxFile = 512 << 20

// ImportFile is the "import a case file" workflow of the window and the
// command line: read and check the file at path ("-" reads r instead,
// recorded as stdin), then store it as a new case in one transaction whose
// history names only the file's base name (local paths can name the user).
// Errors: CodeInvalid (unreadable or not a case file), CodeTooLarge, and
// ImportCase's.
func ImportFile(ctx context.Context, svc *incident.Service, path string, stdin io.Reader) (int64, error) {
	r, origin := stdin, "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return 0, incident.Errorf(incident.CodeInvalid, fmt.Sprintf("无法读取“%s”：文件不存在或没有权限。", path),
				fmt.Sprintf("Cannot read \"%s\": it does not exist or is not readable.", path), err)
		}
		defer f.Close()
		r, origin = f, BaseName(path)
	}
	cf, contents, err := Decode(r, MaxFile)
	if err != nil {
		return 0, err
	}
	return svc.ImportCase(ctx, cf, contents.Open, "case-file:"+origin)
}

// BaseName is the file name without its folders, on any platform's
// separators: local paths (which may name the user) stay out of the history.
func BaseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
