package exhibit

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

// PrintText is the text a packet prints for a saved web page, a Word
// document or an SMS backup, in Chinese (documents are in Chinese); ok is
// false for any other content type. Times are shown in loc. The renderer
// typesets the result like any text exhibit; nothing here runs a script or
// fetches anything.
func PrintText(ct string, data []byte, loc *time.Location) (string, bool) {
	switch {
	case IsMHTML(ct), IsHTML(ct):
		return webPageText(ct, data, loc), true
	case IsDOCX(ct):
		d, err := DocxText(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return "本应用无法读取这份 Word 文档中的文字（文件可能已损坏或超出安全限制）；原文件以电子形式另行提交。", true
		}
		s := "（以下为 Word 文档中的文字，不含图片、页眉页脚和格式。）\n\n" + d.Text
		if d.Truncated {
			s += "\n\n（文档较长，以上只是开头部分；完整内容见原文件。）"
		}
		return s, true
	case IsSMSBackup(ct):
		return smsBackupText(data, loc), true
	}
	return "", false
}

func zhTime(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	t = t.In(loc)
	return fmt.Sprintf("%d年%d月%d日 %02d:%02d", t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute())
}

func webPageText(ct string, data []byte, loc *time.Location) string {
	p, err := ParseWebPage(bytes.NewReader(data), ct, int64(len(data)))
	if err != nil {
		return "本应用无法读取这个网页文件；原文件以电子形式另行提交。"
	}
	var b strings.Builder
	b.WriteString("网址：" + orText(p.URL, "文件中未记载") + "\n")
	if p.Saved.IsZero() {
		b.WriteString("保存时间：文件中未记载（见上方的获取时间，即文件的修改时间）\n")
	} else {
		b.WriteString("保存时间：" + zhTime(p.Saved, loc) + "（网页存档中记载的时间）\n")
	}
	b.WriteString("网页标题：" + orText(p.Title, "无") + "\n\n")
	b.WriteString("（以下为网页上显示的文字，不含图片、脚本和样式；打开文件时没有运行脚本，也没有联网获取任何内容。）\n\n")
	b.WriteString(p.Text)
	if p.Truncated {
		b.WriteString("\n\n（网页较长，以上只是开头部分；完整内容见原文件。）")
	}
	return b.String()
}

func smsBackupText(data []byte, loc *time.Location) string {
	bk, err := ParseSMSBackup(bytes.NewReader(data))
	if err != nil {
		return "本应用无法读取这个短信备份文件；原文件以电子形式另行提交。"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "短信备份文件（SMS Backup & Restore 导出），共 %d 条短信：\n\n", len(bk.Messages))
	for _, m := range bk.Messages {
		dir := "收到"
		if m.Sent {
			dir = "发出"
		}
		who := m.Number
		if m.Contact != "" {
			who = m.Contact + "（" + m.Number + "）"
		}
		fmt.Fprintf(&b, "%s　%s　%s\n%s\n\n", zhTime(m.At, loc), dir, who, m.Text)
		if b.Len() > MaxEmailText {
			b.WriteString("（短信较多，以上只是开头部分；完整内容见原文件。）")
			break
		}
	}
	return strings.TrimSpace(b.String())
}

func orText(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}
