package incident

import (
	"context"
	"strings"
	"sync"
	"time"

	// The zone database travels with the binary: Windows has none, and a
	// missing Asia/Shanghai must not silently become UTC.
	_ "time/tzdata"
)

// One clock and one zone decide "today" for every deadline, list and
// document: a case's deadlines belong to its jurisdiction (China), not to the
// laptop's zone. Without this, between 00:00 and 08:00 Beijing time an item
// due yesterday was not overdue, and west of UTC an item was overdue on its due
// day. docs/architecture.md, "One today".

// DefaultZone is the zone deadlines are counted in unless the user chooses
// another: China's working days and offices.
const DefaultZone = "Asia/Shanghai"

// SettingZone names the setting that holds the user's zone (an IANA name);
// unset means DefaultZone.
const SettingZone = "case.zone"

// Location is the default zone (China's). Prefer Service.Location, which
// honours the user's choice.
func Location() *time.Location {
	if loc, err := time.LoadLocation(DefaultZone); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// DateOf is the civil date of t in loc, as the store keeps dates: midnight
// UTC of that day. Follow-up dates are such values, so comparing them with
// DateOf(now, loc) compares calendar days, not instants.
func DateOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysBetween counts calendar days from the date from to the date to (both
// as DateOf returns them, or any times whose Y-M-D are the days meant).
func DaysBetween(from, to time.Time) int {
	a := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// zoneCache remembers the zone read from the settings, so drawing a list of
// dates does not read the store once per row.
type zoneCache struct {
	mu  sync.Mutex
	loc *time.Location
}

// Location is the zone the service counts days and shows times in: the
// user's choice (SettingZone), else DefaultZone. A store that cannot be read
// (locked) gives the default until it can.
func (s *Service) Location() *time.Location {
	s.zone.mu.Lock()
	defer s.zone.mu.Unlock()
	if s.zone.loc != nil {
		return s.zone.loc
	}
	name, err := s.Setting(context.Background(), SettingZone, "")
	if err != nil {
		return Location()
	}
	loc := Location()
	if name = strings.TrimSpace(name); name != "" {
		if l, err := time.LoadLocation(name); err == nil {
			loc = l
		}
	}
	s.zone.loc = loc
	return loc
}

// SetZone stores the user's zone; "" returns to DefaultZone.
// Errors: CodeInvalid (not a known zone name).
func (s *Service) SetZone(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if name != "" {
		if _, err := time.LoadLocation(name); err != nil || name == "Local" {
			return &Error{Code: CodeInvalid, Field: "zone",
				ZH: "时区名称无法识别（例如 Asia/Shanghai）。", EN: "Unknown time zone name (for example Asia/Shanghai).", Err: err}
		}
	}
	if err := s.SetSetting(ctx, SettingZone, name); err != nil {
		return err
	}
	s.zone.mu.Lock()
	s.zone.loc = nil
	s.zone.mu.Unlock()
	return nil
}

// Today is the current civil date in the service's zone, as DateOf returns it.
func (s *Service) Today() time.Time { return DateOf(s.clock.Now(), s.Location()) }

// pastDay is the civil date of on for something that has already
// happened (a reply, a delivery, an expense): today when on is zero, an
// invalid-date error saying zh or en when it is after today.
func (s *Service) pastDay(on time.Time, zh, en string) (time.Time, error) {
	today := s.Today()
	if on.IsZero() {
		return today, nil
	}
	on = time.Date(on.Year(), on.Month(), on.Day(), 0, 0, 0, 0, time.UTC)
	if DaysBetween(today, on) > 0 {
		return on, invalid("date", zh, en)
	}
	return on, nil
}

// DaysUntil counts calendar days from today to the date d: 0 today, -1
// yesterday (overdue by a day).
func (s *Service) DaysUntil(d time.Time) int { return DaysBetween(s.Today(), d) }

// IsOverdue reports whether a follow-up date has passed: it is due on its
// day and overdue from the next.
func (s *Service) IsOverdue(due time.Time) bool { return !due.IsZero() && s.DaysUntil(due) < 0 }

// InZone shows an instant in the service's zone, for display and for reading
// what the user types: a time entered as 14:02 is printed as 14:02.
func (s *Service) InZone(t time.Time) time.Time { return t.In(s.Location()) }

// Zone is a zone the user may count a case's days in.
type Zone struct {
	Name   string // IANA name, as stored in SettingZone
	ZH, EN string
}

// Zones are the zones offered: the jurisdictions whose offices a case may
// deal with. China's (the default) comes first.
func Zones() []Zone {
	return []Zone{
		{DefaultZone, "北京时间（中国大陆）", "Beijing time (mainland China)"},
		{"Asia/Hong_Kong", "香港时间", "Hong Kong time"},
		{"Asia/Macau", "澳门时间", "Macau time"},
		{"Asia/Taipei", "台北时间", "Taipei time"},
	}
}
