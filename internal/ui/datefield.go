package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// dateField is a calendar date typed or picked. It shows the app's one date
// format and accepts it back, with ISO and the other numeric forms
// (incident.FormatDate / ParseDate); its calendar's header and weekdays are
// in the UI's language. Fyne's DateEntry shows the system's DD/MM/YYYY,
// demands exactly that, and heads its calendar "December 2026" (issue 15
// item 9).
type dateField struct {
	widget.BaseWidget
	u         *appUI
	entry     *imeEntry
	pick      *widget.Button
	date      *time.Time // midnight UTC, or nil when empty
	OnChanged func(*time.Time)

	popUp *widget.PopUp
	month time.Time // the month the calendar shows
	head  *widget.Label
	days  *fyne.Container
}

func newDateField(u *appUI, d *time.Time) *dateField {
	f := &dateField{u: u, entry: newEntry()}
	// An example, worded as one: a bare date would read as a value.
	f.entry.SetPlaceHolder(lang.L("not set — type e.g. {{.Example}}", map[string]any{"Example": incident.FormatDate(time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), u.lang())}))
	if d != nil && !d.IsZero() {
		day := civilDay(*d)
		f.date = &day
		f.entry.SetText(incident.FormatDate(day, u.lang()))
	}
	f.entry.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if _, err := incident.ParseDate(s); err != nil {
			return errorText(incident.UserMessage(err, u.code))
		}
		return nil
	}
	f.entry.OnChanged = f.typed
	f.entry.OnSubmitted = func(string) { f.typed(f.entry.Text) }
	f.pick = &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance, OnTapped: f.openCalendar}
	f.ExtendBaseWidget(f)
	return f
}

type errorText string

func (e errorText) Error() string { return string(e) }

func civilDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func (f *dateField) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, f.pick, f.entry))
}

// SetDate shows d (nil empties the field) without reporting a change.
func (f *dateField) SetDate(d *time.Time) {
	f.date = nil
	text := ""
	if d != nil && !d.IsZero() {
		day := civilDay(*d)
		f.date, text = &day, incident.FormatDate(day, f.u.lang())
	}
	f.entry.OnChanged = nil
	f.entry.SetText(text)
	f.entry.OnChanged = f.typed
}

// Date is the date shown, nil when the field is empty.
func (f *dateField) Date() *time.Time { return f.date }

// Text is what the field shows.
func (f *dateField) Text() string { return f.entry.Text }

// typed reports a complete date (or an emptied field) to OnChanged; a
// half-typed date waits, marked by the validator.
func (f *dateField) typed(s string) {
	if strings.TrimSpace(s) == "" {
		if f.date != nil {
			f.date = nil
			f.changed()
		}
		return
	}
	d, err := incident.ParseDate(s)
	if err != nil || f.date != nil && f.date.Equal(d) {
		return
	}
	f.date = &d
	f.changed()
}

func (f *dateField) changed() {
	if f.OnChanged != nil {
		f.OnChanged(f.date)
	}
}

// setDate is a pick from the calendar: shown in the one format, reported.
func (f *dateField) setDate(d time.Time) {
	d = civilDay(d)
	f.date = &d
	f.entry.OnChanged = nil // one report, not one per keystroke of SetText
	f.entry.SetText(incident.FormatDate(d, f.u.lang()))
	f.entry.OnChanged = f.typed
	f.changed()
}

func (f *dateField) openCalendar() {
	f.month = f.u.deps.Service.Today()
	if f.date != nil {
		f.month = *f.date
	}
	f.month = time.Date(f.month.Year(), f.month.Month(), 1, 0, 0, 0, 0, time.UTC)
	f.head = &widget.Label{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}}
	f.days = container.NewGridWithColumns(7)
	prev := &widget.Button{Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: func() { f.showMonth(-1) }}
	next := &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance, OnTapped: func() { f.showMonth(1) }}
	body := container.NewBorder(container.NewBorder(nil, nil, prev, next, f.head), nil, nil, nil, f.days)
	f.showMonth(0)
	c := fyne.CurrentApp().Driver().CanvasForObject(f)
	if c == nil {
		c = f.u.win.Canvas()
	}
	f.popUp = widget.NewPopUp(body, c)
	f.popUp.ShowAtRelativePosition(fyne.NewPos(0, f.Size().Height+theme.Padding()), f)
}

// showMonth moves the calendar by delta months and draws it: the header in
// the one format ("2026年12月"), weeks from Monday as calendars in China do.
func (f *dateField) showMonth(delta int) {
	f.month = f.month.AddDate(0, delta, 0)
	code := f.u.lang()
	f.head.SetText(incident.FormatMonth(f.month, code))
	var cells []fyne.CanvasObject
	for i := 1; i <= 7; i++ {
		cells = append(cells, &widget.Label{Text: incident.WeekdayShort(time.Weekday(i%7), code), Alignment: fyne.TextAlignCenter})
	}
	lead := (int(f.month.Weekday()) + 6) % 7 // Monday first
	for i := 0; i < lead; i++ {
		cells = append(cells, widget.NewLabel(""))
	}
	for d := f.month; d.Month() == f.month.Month(); d = d.AddDate(0, 0, 1) {
		day := d
		b := &widget.Button{Text: strconv.Itoa(d.Day()), Importance: widget.LowImportance, OnTapped: func() {
			f.setDate(day)
			f.popUp.Hide()
		}}
		if f.date != nil && f.date.Equal(day) {
			b.Importance = widget.HighImportance
		}
		cells = append(cells, b)
	}
	f.days.Objects = cells
	f.days.Refresh()
}
