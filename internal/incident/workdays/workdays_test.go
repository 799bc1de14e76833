package workdays

import (
	"slices"
	"testing"
	"time"
)

// cst is China Standard Time as a fixed zone so the tests need no tzdata.
var cst = time.FixedZone("CST", 8*60*60)

func day(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, cst)
	if err != nil {
		panic(err)
	}
	return t
}

func TestKnownYears(t *testing.T) {
	if got, want := KnownYears(), []int{2025, 2026}; !slices.Equal(got, want) {
		t.Fatalf("KnownYears() = %v, want %v", got, want)
	}
	// The caller's copy must not alias the schedule.
	KnownYears()[0] = 1999
	if KnownYears()[0] != 2025 {
		t.Fatal("KnownYears returned a slice that aliases package data")
	}
}

func TestIsWorkingDay(t *testing.T) {
	tests := []struct {
		date          string
		working, know bool
		why           string
	}{
		{"2025-01-01", false, true, "元旦 2025 (Wednesday, off)"},
		{"2025-01-26", true, true, "春节 2025 make-up Sunday"},
		{"2025-01-28", false, true, "除夕 2025, first day of 春节"},
		{"2025-02-04", false, true, "last day of 春节 2025 (Tuesday)"},
		{"2025-02-05", true, true, "first weekday after 春节 2025"},
		{"2025-02-08", true, true, "春节 2025 make-up Saturday"},
		{"2025-02-09", false, true, "ordinary Sunday"},
		{"2025-03-07", true, true, "ordinary Friday"},
		{"2025-03-08", false, true, "ordinary Saturday"},
		{"2025-09-28", true, true, "国庆 2025 make-up Sunday"},
		{"2025-10-08", false, true, "last day of 国庆/中秋 2025 (Wednesday)"},
		{"2025-10-11", true, true, "国庆 2025 make-up Saturday"},
		{"2026-01-04", true, true, "元旦 2026 make-up Sunday"},
		{"2026-02-23", false, true, "last day of 春节 2026 (Monday)"},
		{"2026-02-28", true, true, "春节 2026 make-up Saturday"},
		{"2026-05-09", true, true, "劳动节 2026 make-up Saturday"},
		{"2026-09-25", false, true, "中秋 2026 (Friday, off)"},
		{"2026-10-10", true, true, "国庆 2026 make-up Saturday"},
		{"2024-10-01", true, false, "2024 not in data: weekend rule only, so a Tuesday counts"},
		{"2027-01-02", false, false, "2027 not in data: Saturday"},
		{"2027-01-04", true, false, "2027 not in data: Monday"},
	}
	for _, tt := range tests {
		w, k := IsWorkingDay(day(tt.date))
		if w != tt.working || k != tt.know {
			t.Errorf("IsWorkingDay(%s) = (%v, %v), want (%v, %v): %s", tt.date, w, k, tt.working, tt.know, tt.why)
		}
	}
}

func TestIsWorkingDayUsesCallersLocation(t *testing.T) {
	// 2025-09-30 20:00 UTC is already 2025-10-01 (国庆) in China.
	utc := time.Date(2025, 9, 30, 20, 0, 0, 0, time.UTC)
	if w, _ := IsWorkingDay(utc); !w {
		t.Error("2025-09-30 in UTC should be a working day")
	}
	if w, _ := IsWorkingDay(utc.In(cst)); w {
		t.Error("2025-10-01 in CST should be a holiday")
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		from     string
		n        int
		want     string
		estimate bool
		why      string
	}{
		{"2025-03-07", 1, "2025-03-10", false, "Friday + 1 skips the weekend"},
		{"2025-03-08", 1, "2025-03-10", false, "from a Saturday, Monday is the first working day"},
		{"2025-03-03", 5, "2025-03-10", false, "Monday + 5 is next Monday"},
		{"2025-01-24", 1, "2025-01-26", false, "春节 2025: the make-up Sunday counts"},
		{"2025-01-24", 2, "2025-01-27", false, "春节 2025: Monday before 除夕"},
		{"2025-01-24", 3, "2025-02-05", false, "春节 2025: 8 days off are skipped"},
		{"2025-01-24", 6, "2025-02-08", false, "春节 2025: make-up Saturday 02-08 counts"},
		{"2025-01-24", 7, "2025-02-10", false, "春节 2025: then Sunday is skipped"},
		{"2025-09-26", 1, "2025-09-28", false, "国庆 2025: make-up Sunday 09-28 counts"},
		{"2025-09-30", 1, "2025-10-09", false, "国庆 2025: 10-01..10-08 skipped"},
		{"2025-09-30", 3, "2025-10-11", false, "国庆 2025: make-up Saturday 10-11 counts"},
		{"2025-09-30", 7, "2025-10-16", false, "12315's 7 working days across 国庆 2025"},
		{"2025-09-30", 15, "2025-10-28", false, "a 15-working-day benchmark across 国庆 2025"},
		{"2025-12-31", 1, "2026-01-04", false, "元旦 2026: 01-01..01-03 off, make-up Sunday 01-04 counts"},
		{"2026-02-13", 1, "2026-02-14", false, "春节 2026: make-up Saturday 02-14 counts"},
		{"2026-02-13", 2, "2026-02-24", false, "春节 2026: 02-15..02-23 skipped"},
		{"2026-02-13", 6, "2026-02-28", false, "春节 2026: make-up Saturday 02-28 counts"},
		{"2026-02-13", 7, "2026-03-02", false, "春节 2026: then Sunday is skipped"},
		{"2026-09-24", 1, "2026-09-28", false, "中秋 2026: Friday 09-25 off, weekend skipped"},
		{"2026-09-30", 1, "2026-10-08", false, "国庆 2026: 10-01..10-07 skipped"},
		{"2026-09-30", 3, "2026-10-10", false, "国庆 2026: make-up Saturday 10-10 counts"},
		{"2026-09-30", 4, "2026-10-12", false, "国庆 2026: then Sunday is skipped"},
		{"2026-12-30", 1, "2026-12-31", false, "last known day: no estimate"},
		{"2026-12-30", 2, "2027-01-01", true, "2027 not in data: weekend rule, estimate"},
		{"2024-12-30", 2, "2025-01-02", true, "starts in 2024 (not in data): estimate even though it ends in 2025"},
		{"2025-10-03", 0, "2025-10-03", false, "n = 0 returns the start date itself"},
		{"2025-10-03", -2, "2025-10-03", false, "negative n is treated as 0"},
	}
	for _, tt := range tests {
		got, est := AddWorkingDays(day(tt.from), tt.n)
		if !got.Equal(day(tt.want)) || est != tt.estimate {
			t.Errorf("AddWorkingDays(%s, %d) = (%s, %v), want (%s, %v): %s",
				tt.from, tt.n, got.Format(time.DateOnly), est, tt.want, tt.estimate, tt.why)
		}
	}
}

func TestAddWorkingDaysMidnightInFromLocation(t *testing.T) {
	from := time.Date(2025, 9, 30, 18, 45, 12, 5, cst)
	got, _ := AddWorkingDays(from, 1)
	want := time.Date(2025, 10, 9, 0, 0, 0, 0, cst)
	if !got.Equal(want) || got.Location() != cst {
		t.Fatalf("AddWorkingDays = %v, want %v in %v", got, want, cst)
	}
}

func TestAddDays(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2025-09-30", 7, "2025-10-07"},  // holidays do not matter for natural days
		{"2025-12-20", 20, "2026-01-09"}, // across a year end
		{"2026-02-13", 15, "2026-02-28"},
		{"2027-06-01", 30, "2027-07-01"}, // outside the data: no estimate needed
		{"2025-05-05", 0, "2025-05-05"},
	}
	for _, tt := range tests {
		from := day(tt.from).Add(15*time.Hour + 30*time.Minute)
		if got := AddDays(from, tt.n); !got.Equal(day(tt.want)) {
			t.Errorf("AddDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestEmbeddedDataIsConsistent(t *testing.T) {
	s, err := parseSchedule(holidaysTSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.days) != 72 {
		t.Errorf("holidays.tsv has %d dates, want 72 (the 2025 and 2026 notices)", len(s.days))
	}
	for d, k := range s.days {
		wd := time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC).Weekday()
		if k == dayWork && wd != time.Saturday && wd != time.Sunday {
			t.Errorf("%v is a make-up working day but a %v", d, wd)
		}
	}
}

func TestParseScheduleRejectsBadData(t *testing.T) {
	bad := []string{
		"2025-01-01\tholiday\t元旦\n",
		"2025-13-01\toff\t元旦\n",
		"2025-01-01\n",
		"2025-01-01\toff\t元旦\n2025-01-01\twork\t元旦\n",
	}
	for _, data := range bad {
		if _, err := parseSchedule([]byte(data)); err == nil {
			t.Errorf("parseSchedule(%q) succeeded, want an error", data)
		}
	}
	s, err := parseSchedule([]byte("# comment\n\n2030-10-01\toff\t国庆节\n"))
	if err != nil || !slices.Equal(s.years, []int{2030}) {
		t.Errorf("adding a year must be data-only: got years %v, err %v", s.years, err)
	}
}

// RollToWorkingDay: a day off moves to the first working day after it; a
// working day (make-up Saturdays included) stays; past the calendar the
// weekend rule is an estimate.
func TestRollToWorkingDay(t *testing.T) {
	for _, c := range []struct {
		in, want string
		est      bool
	}{
		{"2026-10-07", "2026-10-08", false}, // last day of 国庆
		{"2026-10-01", "2026-10-08", false},
		{"2026-02-15", "2026-02-24", false}, // 春节
		{"2026-02-14", "2026-02-14", false}, // make-up Saturday
		{"2026-01-01", "2026-01-04", false}, // 元旦 → make-up Sunday
		{"2026-03-14", "2026-03-16", false}, // plain weekend
		{"2026-03-16", "2026-03-16", false}, // a Monday
		{"2027-01-02", "2027-01-04", true},  // outside the calendar
	} {
		got, est := RollToWorkingDay(day(c.in))
		if got.Format("2006-01-02") != c.want || est != c.est {
			t.Errorf("%s: %s (estimate %v), want %s (%v)", c.in, got.Format("2006-01-02"), est, c.want, c.est)
		}
	}
}
