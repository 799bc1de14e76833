package ui

import (
	"bytes"
	"errors"
	"io"
	"os"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/encoding/simplifiedchinese"

	"leakdesk/internal/incident"
)

// maxTextImport bounds a narrative read from a file: the store takes
// 100,000 characters, at most 4 bytes each.
const maxTextImport = 400_000

// decodeStory reads a text file written on a Chinese system: UTF-8 (with or
// without a byte-order mark), else GB18030, the superset of GBK and GB2312
// that Windows Notepad in Chinese has long saved.
func decodeStory(b []byte) (string, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if utf8.Valid(b) {
		return incident.NormalizeNewlines(string(b)), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil || !utf8.Valid(out) {
		return "", errors.New("neither UTF-8 nor GB18030")
	}
	// Notepad's CRLF would show as stray characters in the field.
	return incident.NormalizeNewlines(string(out)), nil
}

// importTextInto lets the user pick a .txt file and appends its text to e,
// for stories written elsewhere (or where typing Chinese is hard).
func importTextInto(u *appUI, e *imeEntry) {
	u.filesOpen(startDocuments, []string{".txt", ".text", ".md"}, false, func(paths []string) {
		r, err := os.Open(paths[0])
		if err != nil {
			u.showError(fileDialogError(err))
			return
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, maxTextImport+1))
		if err == nil && len(b) > maxTextImport {
			err = incident.Errorf(incident.CodeTooLarge, "这个文本文件太大了（最多约 10 万字）。", "The text file is too large (about 100,000 characters at most).", nil)
		}
		var text string
		if err == nil {
			text, err = decodeStory(b)
			if err != nil {
				err = incident.Errorf(incident.CodeInvalid, "无法读取这个文件的文字。请把它另存为 UTF-8 编码的 .txt 文件再试。",
					"Cannot read the text in this file. Save it as a UTF-8 .txt file and try again.", err)
			}
		}
		if err != nil {
			u.showError(err)
			return
		}
		if e.Text != "" {
			text = e.Text + "\n\n" + text
		}
		e.SetText(text)
		u.notify(lang.L("Text imported. Check it, then continue."))
	})
}
