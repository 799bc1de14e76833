package ui

import (
	"testing"
	"time"
)

// fakeTimers records what restWatch schedules, for the test to fire.
type fakeTimers struct{ pending []func() }

func (f *fakeTimers) after(d time.Duration, fn func()) { f.pending = append(f.pending, fn) }

// fire runs every scheduled check, as the event loop would when they end.
func (f *fakeTimers) fire() {
	p := f.pending
	f.pending = nil
	for _, fn := range p {
		fn()
	}
}

// AtRest runs once background work has stayed quiet for restDelay: not
// while a job runs, not for a quiet moment a newer job interrupted, and
// once per quiet moment.
func TestRestAfterWorkGoesQuiet(t *testing.T) {
	tk := newQueuedTasks()
	rested := make(chan struct{}, 10)
	r := newRestWatch(tk, func() { rested <- struct{}{} })
	timers := &fakeTimers{}
	r.after = timers.after
	count := func() int {
		// atRest runs on its own goroutine; give it a moment to report.
		n := 0
		deadline := time.After(200 * time.Millisecond)
		for {
			select {
			case <-rested:
				n++
			case <-deadline:
				return n
			}
		}
	}

	tk.run(func() error { return nil }, func(error) {})
	tk.settle()
	if len(timers.pending) != 1 {
		t.Fatalf("%d checks scheduled after the job ended, want 1", len(timers.pending))
	}
	// A job starts before the check fires: not at rest yet.
	release := make(chan struct{})
	tk.run(func() error { <-release; return nil }, func(error) {})
	timers.fire()
	if n := count(); n != 0 {
		t.Fatalf("at rest %d times while a job ran", n)
	}
	close(release)
	tk.settle()
	// The first quiet moment's check was spent; the second one's fires.
	if len(timers.pending) != 1 {
		t.Fatalf("%d checks scheduled after the second job, want 1", len(timers.pending))
	}
	timers.fire()
	if n := count(); n != 1 {
		t.Fatalf("at rest %d times after a quiet moment, want 1", n)
	}
	// Two quiet moments in a row: only the newer check counts.
	tk.run(func() error { return nil }, func(error) {})
	tk.settle()
	tk.run(func() error { return nil }, func(error) {})
	tk.settle()
	timers.fire()
	if n := count(); n != 1 {
		t.Fatalf("at rest %d times for two quiet moments back to back, want 1", n)
	}
}
