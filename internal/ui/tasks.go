package ui

import (
	"fmt"
	"sync"
	"time"
)

// tasks is the app's one record of background work: every job started off
// the UI goroutine (store reads, imports, previews, exports, backups) is
// counted from start until its result has been applied, and every result
// goes back to the UI goroutine through post.
//
// The app posts with fyne.Do. Tests post into a queue that settle drains
// on the test's goroutine, which there plays the UI goroutine: the work
// itself runs on real goroutines, as in the app, so `go test -race` sees
// the paths users run (Fyne's test driver would otherwise run fyne.Do on
// the worker's goroutine, beside the test; issue 11 §4).
type tasks struct {
	post func(func()) // nil: queue for settle

	// onIdle, when set, is posted to the UI goroutine each time the last
	// job in flight has finished (restWatch).
	onIdle func()

	mu      sync.Mutex
	running int      // jobs started and not yet finished
	queue   []func() // results waiting for settle (tests)
	wake    chan struct{}
}

// newTasks delivers results with post (fyne.Do in the app).
func newTasks(post func(func())) *tasks { return &tasks{post: post, wake: make(chan struct{}, 1)} }

// newQueuedTasks holds results until settle runs them: for tests, which
// stand in for the event loop.
func newQueuedTasks() *tasks { return newTasks(nil) }

// do runs fn on the UI goroutine.
func (t *tasks) do(fn func()) {
	if t.post != nil {
		t.post(fn)
		return
	}
	t.mu.Lock()
	t.queue = append(t.queue, fn)
	t.mu.Unlock()
	t.signal()
}

func (t *tasks) start() {
	t.mu.Lock()
	t.running++
	t.mu.Unlock()
}

// finish ends a job (on the UI goroutine after its result, or on the
// worker for the workspace's queued saves).
func (t *tasks) finish() {
	t.mu.Lock()
	t.running--
	idle := t.running == 0
	t.mu.Unlock()
	t.signal()
	if idle && t.onIdle != nil {
		t.do(t.onIdle)
	}
}

func (t *tasks) signal() {
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// busy reports whether background work is still in flight.
func (t *tasks) busy() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.running > 0 || len(t.queue) > 0
}

// run runs work off the UI goroutine and then done on it; the job counts
// as running until done has returned.
func (t *tasks) run(work func() error, done func(error)) {
	t.start()
	go func() {
		err := work()
		t.do(func() {
			defer t.finish()
			done(err)
		})
	}()
}

// settleTimeout bounds settle: a job that never ends is a bug to report,
// not a test to hang (race-enabled runs on a loaded machine are slow).
const settleTimeout = 5 * time.Minute

// settle runs queued results on the calling goroutine until no work is in
// flight and none is waiting; results may start more work, which is waited
// for too. Only for queued tasks (tests).
func (t *tasks) settle() {
	if t.post != nil {
		panic("tasks.settle: results go to the event loop, not to a queue")
	}
	deadline := time.NewTimer(settleTimeout)
	defer deadline.Stop()
	for {
		t.mu.Lock()
		if len(t.queue) > 0 {
			fn := t.queue[0]
			t.queue = t.queue[1:]
			t.mu.Unlock()
			fn()
			continue
		}
		idle := t.running == 0
		n := t.running
		t.mu.Unlock()
		if idle {
			return
		}
		select {
		case <-t.wake:
		case <-deadline.C:
			panic(fmt.Sprintf("tasks.settle: %d background jobs still running after %v", n, settleTimeout))
		}
	}
}
