package ui

import (
	"time"
)

// restDelay is how long background work must stay quiet before the app
// counts as at rest: long enough that the loads a screen starts one after
// another (the case list, then the deadlines) finish first, short enough
// that memory comes back while the user reads.
const restDelay = 2 * time.Second

// restWatch runs atRest once background work has been quiet for restDelay
// after it last ran. The tasks tracker reports each time its count of jobs
// falls to zero; a job started meanwhile postpones the call to the next
// quiet moment. atRest runs on its own goroutine and is not a counted job,
// so it neither holds up tests that wait for work nor wakes itself again.
type restWatch struct {
	t      *tasks
	atRest func()
	// after is the timer (tests inject one); its f runs on the UI goroutine.
	after func(d time.Duration, f func())
	gen   int
}

func newRestWatch(t *tasks, atRest func()) *restWatch {
	r := &restWatch{t: t, atRest: atRest}
	r.after = func(d time.Duration, f func()) { time.AfterFunc(d, func() { t.do(f) }) }
	t.onIdle = r.quiet
	return r
}

// quiet is called on the UI goroutine when the last running job has
// finished.
func (r *restWatch) quiet() {
	r.gen++
	gen := r.gen
	r.after(restDelay, func() {
		if gen != r.gen || r.t.busy() {
			return // more work came; its end arms a newer check
		}
		go r.atRest()
	})
}
