package incident

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The one way dates and times are written for people (issue 15 item 9):
// the window, the packets and the command line's tables all call these, and
// every date field accepts what they print (and ISO, which scripts use).
// Machine formats (JSON, the store, file names) stay ISO 8601 and are not
// governed here.

// FormatDate writes a calendar date: "2026年12月5日" in Chinese, "5 Dec 2026"
// in English. The date is taken as it is, without a zone shift: callers pass
// a civil date, or an instant already put in the case's zone.
func FormatDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	if lang == "en" {
		return t.Format("2 Jan 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// FormatDateTime writes an instant in loc to the minute: "2026年12月5日 14:02".
func FormatDateTime(t time.Time, loc *time.Location, lang string) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	return fmt.Sprintf("%s %02d:%02d", FormatDate(t, lang), t.Hour(), t.Minute())
}

// FormatMonth writes a month for a calendar's header: "2026年12月", "December 2026".
func FormatMonth(t time.Time, lang string) string {
	if lang == "en" {
		return t.Format("January 2006")
	}
	return fmt.Sprintf("%d年%d月", t.Year(), int(t.Month()))
}

// dateRE reads year, month and day written as 2026年12月5日, 2026-12-05,
// 2026/12/5 or 2026.12.5 (full-width digits and separators are folded first),
// with an optional time 14:02 after a space or "T".
var dateRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[T ]\s*(\d{1,2})\s*[:：]\s*(\d{2}))?$`)

var fullWidth = strings.NewReplacer("０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"－", "-", "／", "/", "．", ".", "　", " ")

// ParseDate reads a calendar date as FormatDate writes it in either
// language's numeric form, or as ISO 8601. It returns midnight UTC (civil
// dates are stored that way). Errors: CodeInvalid, with an example.
func ParseDate(s string) (time.Time, error) {
	t, hasTime, err := parseDateTime(s, time.UTC)
	if err == nil && hasTime {
		err = badDate(s)
	}
	return t, err
}

// ParseDateTime reads a date with a time in loc ("2026年12月5日 14:02",
// "2026-12-05 14:02"). Errors: CodeInvalid, with an example.
func ParseDateTime(s string, loc *time.Location) (time.Time, error) {
	t, hasTime, err := parseDateTime(s, loc)
	if err == nil && !hasTime {
		return time.Time{}, Errorf(CodeInvalid, fmt.Sprintf("“%s”缺少时间，请写成 2026年3月5日 14:30 或 2026-03-05 14:30。", s),
			fmt.Sprintf("%q has no time; write it like 2026-03-05 14:30.", s), nil)
	}
	return t, err
}

func parseDateTime(s string, loc *time.Location) (time.Time, bool, error) {
	in := strings.TrimSpace(fullWidth.Replace(s))
	m := dateRE.FindStringSubmatch(in)
	if m == nil {
		// The English window shows "5 Dec 2026": accept it back.
		if t, err := time.ParseInLocation("2 Jan 2006 15:04", in, loc); err == nil {
			return t, true, nil
		}
		if t, err := time.ParseInLocation("2 Jan 2006", in, loc); err == nil {
			return t, false, nil
		}
		return time.Time{}, false, badDate(s)
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	y, mo, d := n(1), n(2), n(3)
	h, mi := 0, 0
	hasTime := m[4] != ""
	if hasTime {
		h, mi = n(4), n(5)
	}
	t := time.Date(y, time.Month(mo), d, h, mi, 0, 0, loc)
	// time.Date normalises 2月30日 to 3月2日: refuse instead.
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || h > 23 || mi > 59 {
		return time.Time{}, false, badDate(s)
	}
	return t, hasTime, nil
}

func badDate(s string) error {
	return Errorf(CodeInvalid, fmt.Sprintf("看不懂日期“%s”，请写成 2026年3月5日 或 2026-03-05。", s),
		fmt.Sprintf("%q is not a date; write it like 2026-03-05.", s), nil)
}

// WeekdayShort is a weekday's one-character (zh) or two-letter (en) name
// for a calendar's column heads.
func WeekdayShort(d time.Weekday, lang string) string {
	if lang == "en" {
		return d.String()[:2]
	}
	return [...]string{"日", "一", "二", "三", "四", "五", "六"}[d]
}
