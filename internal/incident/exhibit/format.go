package exhibit

import (
	"fmt"
	"strings"
)

// EvidenceForm is the 证据形式 an exhibit is listed under in a 证据清单
// (../shared/legal/cn-documents.md §5.2–5.3): 书证, 电子数据 or 视听资料.
type EvidenceForm string

// The three forms this app assigns.
//
// Why these: 证据规定 Art. 14 lists documents, images, audio and video stored
// as data among 电子数据, and 民诉解释 Art. 116 treats stored audio and video as
// electronic data too; practice nevertheless lists recordings and videos as
// 视听资料, for which Art. 15 asks for the original carrier — the form an
// officer expects to see next to a 文字整理稿. So: recordings and videos are
// 视听资料; every other file a phone or computer produced (screenshots, PDFs,
// e-mails, saved pages, documents, SMS) is 电子数据; a conversation note the
// user writes down is a written statement, 书证.
const (
	FormDocumentary EvidenceForm = "书证"
	FormElectronic  EvidenceForm = "电子数据"
	FormAudioVisual EvidenceForm = "视听资料"
)

// EN is the form's English label.
func (f EvidenceForm) EN() string {
	switch f {
	case FormDocumentary:
		return "Documentary evidence"
	case FormAudioVisual:
		return "Audio-visual material"
	}
	return "Electronic data"
}

// Format is one kind of evidence as users see it: never a MIME type, always
// a plain label in both languages. Key is stable (CLI JSON, case export).
type Format struct {
	Key  string
	ZH   string
	EN   string
	Form EvidenceForm
	// Recording marks audio whose duration the app reads and for which a
	// transcript (文字整理稿) can be kept.
	Recording bool
	// Printed tells whether the packet reproduces the content on paper;
	// when false, NoPrintZH/EN say why and the file is handed over
	// electronically (以电子形式另行提交).
	Printed              bool
	NoPrintZH, NoPrintEN string
}

// Label returns the label in the language ("zh" or anything else for English).
func (f Format) Label(lang string) string {
	if strings.HasPrefix(lang, "zh") {
		return f.ZH
	}
	return f.EN
}

const (
	noPrintAudioZH  = "音频无法打印；原文件以电子形式另行提交，可附文字整理稿。"
	noPrintAudioEN  = "Audio cannot be printed; the original is handed over electronically, with a transcript if you add one."
	noPrintVideoZH  = "视频无法打印；原文件以电子形式另行提交。"
	noPrintVideoEN  = "Video cannot be printed; the original is handed over electronically."
	noPrintOfficeZH = "本应用不能读取这种文件的文字；请用 WPS 或 Office 另存为 PDF 或 .docx 后再添加，原文件以电子形式另行提交。"
	noPrintOfficeEN = "The app cannot read the text of this kind of file; save it as PDF or .docx in WPS or Office and add that too. The original is handed over electronically."
	noPrintOtherZH  = "这种文件无法打印；原文件以电子形式另行提交，可凭哈希值核对。"
	noPrintOtherEN  = "This kind of file cannot be printed; the original is handed over electronically and can be checked by its hash."
	noPrintImageZH  = "本应用无法显示这种图片格式（如 HEIC）；请在手机上另存为 JPG 或截图后添加，原文件以电子形式另行提交。"
	noPrintImageEN  = "The app cannot show this image format (e.g. HEIC); export it as JPG or take a screenshot and add that. The original is handed over electronically."
)

func recording(key, zh, en string) Format {
	return Format{Key: key, ZH: zh, EN: en, Form: FormAudioVisual, Recording: true, NoPrintZH: noPrintAudioZH, NoPrintEN: noPrintAudioEN}
}

func printed(key, zh, en string, form EvidenceForm) Format {
	return Format{Key: key, ZH: zh, EN: en, Form: form, Printed: true}
}

func office(key, zh, en string) Format {
	return Format{Key: key, ZH: zh, EN: en, Form: FormElectronic, NoPrintZH: noPrintOfficeZH, NoPrintEN: noPrintOfficeEN}
}

// formats is the one list of evidence formats; GUI, CLI, packets and the
// case export all read it through FormatOf, FormatOfRecord and Formats.
var formats = []Format{
	recording("amr-recording", "通话录音（AMR）", "Call recording (AMR)"),
	recording("mp3-recording", "录音（MP3）", "Recording (MP3)"),
	recording("m4a-recording", "录音（M4A/AAC）", "Recording (M4A/AAC)"),
	recording("wav-recording", "录音（WAV）", "Recording (WAV)"),
	recording("silk-voice", "微信语音（SILK）", "WeChat voice message (SILK)"),
	{Key: "audio", ZH: "音频", EN: "Audio", Form: FormAudioVisual, NoPrintZH: noPrintAudioZH, NoPrintEN: noPrintAudioEN},
	{Key: "video", ZH: "视频", EN: "Video", Form: FormAudioVisual, NoPrintZH: noPrintVideoZH, NoPrintEN: noPrintVideoEN},
	printed("image", "图片", "Image", FormElectronic),
	{Key: "image-other", ZH: "图片（无法显示的格式）", EN: "Image (format the app cannot show)", Form: FormElectronic, NoPrintZH: noPrintImageZH, NoPrintEN: noPrintImageEN},
	printed("pdf", "PDF 文件", "PDF document", FormElectronic),
	printed("email", "电子邮件", "E-mail", FormElectronic),
	printed("mhtml-page", "网页存档（MHTML）", "Saved web page (MHTML)", FormElectronic),
	printed("html-page", "网页文件（HTML）", "Saved web page (HTML)", FormElectronic),
	printed("docx", "Word 文档", "Word document", FormElectronic),
	office("doc", "Word 文档（旧版 .doc）", "Word document (old .doc)"),
	office("spreadsheet", "电子表格", "Spreadsheet"),
	office("presentation", "演示文稿", "Presentation"),
	office("office-other", "办公文档", "Office document"),
	printed("sms-backup", "短信备份（XML）", "SMS backup (XML)", FormElectronic),
	printed("text", "文本文件", "Text file", FormElectronic),
	{Key: "archive", ZH: "压缩包", EN: "Archive", Form: FormElectronic, NoPrintZH: noPrintOtherZH, NoPrintEN: noPrintOtherEN},
	{Key: "file", ZH: "其他文件", EN: "Other file", Form: FormElectronic, NoPrintZH: noPrintOtherZH, NoPrintEN: noPrintOtherEN},
	// Typed records: the user types what a call, SMS, page or conversation
	// said; the stored bytes are that text.
	printed("call-record", "通话记录", "Call record", FormElectronic),
	printed("sms-record", "短信记录", "SMS record", FormElectronic),
	printed("web-record", "网页记录", "Web page record", FormElectronic),
	printed("note-record", "谈话记录", "Conversation note", FormDocumentary),
}

// Formats returns every format, in the order above.
func Formats() []Format { return append([]Format(nil), formats...) }

// FormatByKey finds a format; ok is false for an unknown key.
func FormatByKey(key string) (Format, bool) {
	for _, f := range formats {
		if f.Key == key {
			return f, true
		}
	}
	return Format{}, false
}

func mustFormat(key string) Format {
	f, ok := FormatByKey(key)
	if !ok {
		panic("exhibit: no format " + key)
	}
	return f
}

// FormatOfRecord is the format of a typed record of kind "call", "sms",
// "web" or "note"; ok is false for any other kind (a file).
func FormatOfRecord(kind string) (Format, bool) {
	switch kind {
	case "call", "sms", "web", "note":
		return mustFormat(kind + "-record"), true
	}
	return Format{}, false
}

// FormatOf is the format of a file with this content type (as Sniff
// returned it).
func FormatOf(ct string) Format {
	b := baseType(ct)
	switch b {
	case "audio/amr", "audio/amr-wb":
		return mustFormat("amr-recording")
	case "audio/mpeg":
		return mustFormat("mp3-recording")
	case "audio/mp4", "audio/aac":
		return mustFormat("m4a-recording")
	case "audio/wav":
		return mustFormat("wav-recording")
	case "audio/silk":
		return mustFormat("silk-voice")
	case TypeMHTML:
		return mustFormat("mhtml-page")
	case TypeHTML:
		return mustFormat("html-page")
	case TypeDOCX:
		return mustFormat("docx")
	case TypeSMSBackup:
		return mustFormat("sms-backup")
	case "application/msword", "application/vnd.ms-works", "application/vnd.wordperfect", "application/rtf", "text/rtf":
		return mustFormat("doc")
	case "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"application/vnd.oasis.opendocument.spreadsheet", "text/csv":
		return mustFormat("spreadsheet")
	case "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
		"application/vnd.oasis.opendocument.presentation":
		return mustFormat("presentation")
	case "application/zip", "application/x-7z-compressed", "application/x-rar-compressed", "application/vnd.rar",
		"application/gzip", "application/x-tar", "application/x-bzip2", "application/x-xz", "application/zstd":
		return mustFormat("archive")
	}
	switch {
	case strings.HasPrefix(b, "application/vnd.oasis.opendocument."), b == "application/x-ole-storage",
		strings.HasPrefix(b, "application/vnd.ms-"):
		return mustFormat("office-other")
	case IsImage(b) && Decodable(b):
		return mustFormat("image")
	case IsImage(b):
		return mustFormat("image-other")
	case IsPDF(b):
		return mustFormat("pdf")
	case IsEmail(b):
		return mustFormat("email")
	case IsText(b):
		return mustFormat("text")
	case mediaType(b) == "audio":
		return mustFormat("audio")
	case mediaType(b) == "video":
		return mustFormat("video")
	}
	return mustFormat("file")
}

// FormatSize is a file's size as the window and the packets show it: bytes,
// KB or MB with one decimal, in units of 1024 and never "KiB" (issue 15
// item 12: a victim reads "KB", not a unit she has never seen).
func FormatSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
