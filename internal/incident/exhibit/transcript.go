package exhibit

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// TranscriptLine is one passage of a recording's 文字整理稿: when in the
// recording it starts, who speaks, what is said.
type TranscriptLine struct {
	Offset  time.Duration
	Speaker string
	Text    string
}

type transcriptLineJSON struct {
	OffsetMS int64  `json:"offset_ms"`
	Speaker  string `json:"speaker,omitempty"`
	Text     string `json:"text"`
}

// MarshalJSON writes {"offset_ms":…,"speaker":…,"text":…} (case export,
// store).
func (l TranscriptLine) MarshalJSON() ([]byte, error) {
	return json.Marshal(transcriptLineJSON{l.Offset.Milliseconds(), l.Speaker, l.Text})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (l *TranscriptLine) UnmarshalJSON(b []byte) error {
	var j transcriptLineJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*l = TranscriptLine{time.Duration(j.OffsetMS) * time.Millisecond, j.Speaker, j.Text}
	return nil
}

// Bounds for a transcript typed or imported by the user.
const (
	MaxTranscriptLines = 5000
	MaxTranscriptBytes = 1 << 20
	maxSpeakerRunes    = 40
)

// TranscriptError says which line of a transcript text is wrong and why,
// in both languages.
type TranscriptError struct {
	Line   int
	ZH, EN string
}

func (e *TranscriptError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.EN) }

// ParseTranscript reads the plain-text transcript format (docs/transcript.md):
//
//	[00:05] 我：你好，哪位？
//	[00:07] 对方：我是某某银行的客服……
//	[1:02:03] 对方: text (hours are optional; a half-width colon works too)
//
// A line without a time continues the passage above it. Blank lines are
// ignored. The speaker is whatever precedes the first "：" or ":" (at most
// 40 characters); a passage may have no speaker.
func ParseTranscript(s string) ([]TranscriptLine, error) {
	if len(s) > MaxTranscriptBytes {
		return nil, &TranscriptError{ZH: "文字整理稿太长（超过 1 MB）。", EN: "The transcript is too long (over 1 MB)."}
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	if !utf8.ValidString(s) {
		return nil, &TranscriptError{ZH: "文字整理稿不是 UTF-8 文本，请另存为 UTF-8 后再导入。", EN: "The transcript is not UTF-8 text; save it as UTF-8 and import it again."}
	}
	var out []TranscriptLine
	for i, ln := range strings.Split(normalizeText(s), "\n") {
		ln = strings.TrimSpace(ln)
		if ln == "" {
			continue
		}
		if !strings.HasPrefix(ln, "[") {
			if len(out) == 0 {
				return nil, &TranscriptError{Line: i + 1,
					ZH: fmt.Sprintf("第 %d 行缺少时间标记，应以 [分:秒] 开头，如 [01:23]。", i+1),
					EN: fmt.Sprintf("Line %d has no time mark; start it with [mm:ss], e.g. [01:23].", i+1)}
			}
			out[len(out)-1].Text += "\n" + ln
			continue
		}
		end := strings.IndexByte(ln, ']')
		if end < 0 {
			return nil, &TranscriptError{Line: i + 1,
				ZH: fmt.Sprintf("第 %d 行的时间标记没有结束的“]”。", i+1),
				EN: fmt.Sprintf("Line %d: the time mark has no closing \"]\".", i+1)}
		}
		off, ok := parseOffset(ln[1:end])
		if !ok {
			return nil, &TranscriptError{Line: i + 1,
				ZH: fmt.Sprintf("第 %d 行的时间“%s”看不懂，应写成 分:秒 或 时:分:秒，如 01:23。", i+1, ln[1:end]),
				EN: fmt.Sprintf("Line %d: cannot read the time \"%s\"; write mm:ss or h:mm:ss, e.g. 01:23.", i+1, ln[1:end])}
		}
		l := TranscriptLine{Offset: off, Text: strings.TrimSpace(ln[end+1:])}
		if j := strings.IndexAny(l.Text, "：:"); j > 0 && utf8.RuneCountInString(l.Text[:j]) <= maxSpeakerRunes {
			l.Speaker = strings.TrimSpace(l.Text[:j])
			_, w := utf8.DecodeRuneInString(l.Text[j:])
			l.Text = strings.TrimSpace(l.Text[j+w:])
		}
		if len(out) >= MaxTranscriptLines {
			return nil, &TranscriptError{Line: i + 1,
				ZH: fmt.Sprintf("文字整理稿超过 %d 段。", MaxTranscriptLines),
				EN: fmt.Sprintf("The transcript has more than %d passages.", MaxTranscriptLines)}
		}
		out = append(out, l)
	}
	return out, nil
}

// parseOffset reads mm:ss or h:mm:ss (seconds may carry a fraction).
func parseOffset(s string) (time.Duration, bool) {
	parts := strings.Split(strings.TrimSpace(strings.ReplaceAll(s, "：", ":")), ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var total float64
	for i, p := range parts {
		if p == "" || len(p) > 6 {
			return 0, false
		}
		last := i == len(parts)-1
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v < 0 || (!last && strings.Contains(p, ".")) {
			return 0, false
		}
		if i > 0 && v >= 60 {
			return 0, false
		}
		total = total*60 + v
	}
	if total > 100*3600 {
		return 0, false
	}
	return time.Duration(total * float64(time.Second)).Round(time.Millisecond), true
}

// FormatOffset writes an offset as the transcript format does: mm:ss, or
// h:mm:ss from an hour on.
func FormatOffset(d time.Duration) string {
	s := int64(d / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// FormatTranscript writes lines in the format ParseTranscript reads.
func FormatTranscript(lines []TranscriptLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("[" + FormatOffset(l.Offset) + "] ")
		if l.Speaker != "" {
			b.WriteString(l.Speaker + "：")
		}
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// FormatDuration is how a recording's length is shown and printed:
// "3分25秒", "1小时2分3秒" (zh) or "3:25" (other).
func FormatDuration(d time.Duration, lang string) string {
	s := int64((d + time.Second/2) / time.Second)
	if !strings.HasPrefix(lang, "zh") {
		if s >= 3600 {
			return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
		}
		return fmt.Sprintf("%d:%02d", s/60, s%60)
	}
	switch {
	case s >= 3600:
		return fmt.Sprintf("%d小时%d分%d秒", s/3600, s/60%60, s%60)
	case s >= 60:
		return fmt.Sprintf("%d分%d秒", s/60, s%60)
	}
	return fmt.Sprintf("%d秒", s)
}
