// Package workdays counts PRC working days from the State Council's yearly
// holiday notices (国务院办公厅关于部分节假日安排的通知).
//
// The schedule is data, not code: holidays.tsv is a copy of
// shared/legal/cn-holidays.tsv (date, off|work, name). A new year is added by
// appending its lines there; the known years are derived from the data. For a
// year without a published notice only the weekend rule is used and results
// are flagged as estimates, because the 调休 make-up days cannot be guessed.
package workdays

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

//go:embed holidays.tsv
var holidaysTSV []byte

// dayKind is how the notice treats one calendar date.
type dayKind int8

const (
	dayOff  dayKind = iota + 1 // 放假: a day off even if it is a weekday
	dayWork                    // 调休上班: a weekend day that is worked
)

// civilDate is a calendar date without a location, so that a time's date is
// read in the caller's own location (a deadline is a date in China, not an
// instant).
type civilDate struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) civilDate {
	y, m, d := t.Date()
	return civilDate{y, m, d}
}

type schedule struct {
	days  map[civilDate]dayKind
	years []int // sorted
}

// loadSchedule is computed once; the result is never modified afterwards.
var loadSchedule = sync.OnceValue(func() schedule {
	s, err := parseSchedule(holidaysTSV)
	if err != nil {
		// The data is embedded at build time and checked by the tests, so a
		// failure here is a programming error, not a runtime condition.
		panic(err)
	}
	return s
})

func parseSchedule(data []byte) (schedule, error) {
	s := schedule{days: map[civilDate]dayKind{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) < 2 {
			return schedule{}, fmt.Errorf("workdays: holidays.tsv line %d: want date<TAB>off|work<TAB>name, got %q", line, text)
		}
		t, err := time.Parse(time.DateOnly, cols[0])
		if err != nil {
			return schedule{}, fmt.Errorf("workdays: holidays.tsv line %d: %w", line, err)
		}
		var k dayKind
		switch cols[1] {
		case "off":
			k = dayOff
		case "work":
			k = dayWork
		default:
			return schedule{}, fmt.Errorf("workdays: holidays.tsv line %d: kind %q is neither off nor work", line, cols[1])
		}
		d := dateOf(t)
		if _, dup := s.days[d]; dup {
			return schedule{}, fmt.Errorf("workdays: holidays.tsv line %d: %s listed twice", line, cols[0])
		}
		s.days[d] = k
		if !slices.Contains(s.years, d.y) {
			s.years = append(s.years, d.y)
		}
	}
	if err := sc.Err(); err != nil {
		return schedule{}, err
	}
	slices.Sort(s.years)
	return s, nil
}

// KnownYears lists the years whose holiday notice is in the data, ascending.
func KnownYears() []int {
	return slices.Clone(loadSchedule().years)
}

// IsWorkingDay reports whether d (its calendar date, in d's location) is a PRC
// working day; known is false when d's year is not in the data (then the
// weekends-only rule is used).
func IsWorkingDay(d time.Time) (working, known bool) {
	s := loadSchedule()
	return s.isWorking(dateOf(d), d.Weekday())
}

func (s schedule) isWorking(d civilDate, wd time.Weekday) (working, known bool) {
	known = slices.Contains(s.years, d.y)
	switch s.days[d] {
	case dayOff:
		return false, known
	case dayWork:
		return true, known
	}
	return wd != time.Saturday && wd != time.Sunday, known
}

// AddWorkingDays returns the date n working days after from (n>=0; from
// itself not counted; result at 00:00 in from's location). estimate is true
// when any day examined lies outside the known years. A negative n is treated
// as 0, because a deadline never runs backwards.
func AddWorkingDays(from time.Time, n int) (due time.Time, estimate bool) {
	s := loadSchedule()
	y, m, d := from.Date()
	loc := from.Location()
	for counted, i := 0, 1; counted < n; i++ {
		// time.Date normalises d+i across month and year ends and avoids
		// the 23/25-hour days that adding 24h would trip over.
		day := time.Date(y, m, d+i, 0, 0, 0, 0, loc)
		working, known := s.isWorking(dateOf(day), day.Weekday())
		if !known {
			estimate = true
		}
		if working {
			counted++
		}
		if counted == n {
			return day, estimate
		}
	}
	return time.Date(y, m, d, 0, 0, 0, 0, loc), estimate
}

// AddDays adds n calendar days (for deadlines stated in natural days) and
// returns that date at 00:00 in from's location, matching AddWorkingDays so
// that both kinds of due date compare as dates. Such deadlines need no
// holiday data, so there is no estimate flag.
func AddDays(from time.Time, n int) time.Time {
	y, m, d := from.Date()
	return time.Date(y, m, d+n, 0, 0, 0, 0, from.Location())
}

// RollToWorkingDay is d, or the first working day after it when d is a
// weekend day or a holiday of the calendar (at 00:00 in d's location): the
// roll-over of a period whose last day falls on a holiday (刑事诉讼法 Art.
// 105 para 4, the register's rule.holiday-rollover; a make-up working
// Saturday is a working day and ends the period). estimate is true when a
// day examined lies outside the known years.
func RollToWorkingDay(d time.Time) (due time.Time, estimate bool) {
	s := loadSchedule()
	y, m, day := d.Date()
	for i := 0; ; i++ {
		t := time.Date(y, m, day+i, 0, 0, 0, 0, d.Location())
		working, known := s.isWorking(dateOf(t), t.Weekday())
		if !known {
			estimate = true
		}
		if working {
			return t, estimate
		}
	}
}
