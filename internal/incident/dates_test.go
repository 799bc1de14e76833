package incident

import (
	"testing"
	"time"
)

// Issue 15 item 9: every date field accepts what the app shows, in both
// languages, and ISO; nonsense and impossible dates are refused.
func TestDatesRoundTrip(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	for _, day := range []time.Time{
		time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
	} {
		for _, lang := range []string{"zh", "en"} {
			shown := FormatDate(day, lang)
			got, err := ParseDate(shown)
			if err != nil || !got.Equal(day) {
				t.Errorf("%s: ParseDate(%q) = %v, %v; want %v", lang, shown, got, err, day)
			}
			at := time.Date(day.Year(), day.Month(), day.Day(), 14, 2, 0, 0, sh)
			shownAt := FormatDateTime(at.UTC(), sh, lang)
			gotAt, err := ParseDateTime(shownAt, sh)
			if err != nil || !gotAt.Equal(at) {
				t.Errorf("%s: ParseDateTime(%q) = %v, %v; want %v", lang, shownAt, gotAt, err, at)
			}
		}
	}
	if got := FormatDate(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), "zh"); got != "2026年12月5日" {
		t.Errorf("zh date = %q", got)
	}
	if got := FormatMonth(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), "zh"); got != "2026年12月" {
		t.Errorf("zh month = %q", got)
	}
}

func TestParseDateForms(t *testing.T) {
	want := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2026-03-05", "2026-3-5", "2026/3/5", "2026.03.05", "2026年3月5日", "2026年03月05日", " 2026 年 3 月 5 日 ", "２０２６－０３－０５", "5 Mar 2026"} {
		got, err := ParseDate(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "05/03/2026", "28.11.2026", "2026-02-30", "2026-13-01", "明天", "2026-03-05 14:00"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		} else if e, ok := err.(*Error); !ok || e.Code != CodeInvalid || e.ZH == "" {
			t.Errorf("ParseDate(%q): %v is not a clear invalid-input error", s, err)
		}
	}
	if _, err := ParseDateTime("2026-03-05", time.UTC); err == nil {
		t.Error("a date-time without a time was accepted")
	}
	if _, err := ParseDateTime("2026-03-05 24:00", time.UTC); err == nil {
		t.Error("24:00 accepted")
	}
}
