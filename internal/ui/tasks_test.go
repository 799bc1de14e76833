package ui

import (
	"errors"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
)

// testBuild is Build as the tests drive it: background work runs on real
// goroutines and its results wait for u.settle, which runs them on the
// test's goroutine (the tests' UI goroutine); the event loop counts as
// started; and what the app loads at start has been applied.
func testBuild(tb testing.TB, a fyne.App, w fyne.Window, d Deps) *appUI {
	tb.Helper()
	u := build(a, w, d, newQueuedTasks())
	// Registered after the caller's store, so it runs before the store closes.
	tb.Cleanup(func() {
		u.stop()
		u.settle()
	})
	u.onStarted()
	u.settle()
	return u
}

// settle waits for all background work and applies its results.
func (u *appUI) settle() { u.tasks.settle() }

// Results come back in the order they were posted, on the goroutine that
// settles, and settle waits for work that results start.
func TestTasksSettle(t *testing.T) {
	tk := newQueuedTasks()
	var order []string // touched only on the settling goroutine
	var onWorker atomic.Int32
	release := make(chan struct{})
	tk.run(func() error {
		<-release
		onWorker.Add(1)
		return errors.New("first")
	}, func(err error) {
		order = append(order, err.Error())
		tk.run(func() error { return nil }, func(error) { order = append(order, "second") })
	})
	if !tk.busy() {
		t.Fatal("not busy with a job running")
	}
	if len(order) != 0 {
		t.Fatal("a result ran before settle")
	}
	close(release)
	tk.settle()
	if got := onWorker.Load(); got != 1 {
		t.Fatalf("work ran %d times", got)
	}
	if len(order) != 2 || order[0] != "first" || order[1] != "second" {
		t.Fatalf("results ran as %v", order)
	}
	if tk.busy() {
		t.Fatal("busy after settle")
	}
}

// With an event loop, results go to it and the job counts until its result
// has been applied.
func TestTasksPostToEventLoop(t *testing.T) {
	posted := make(chan func(), 1)
	tk := newTasks(func(fn func()) { posted <- fn })
	ran := false
	tk.run(func() error { return nil }, func(error) { ran = true })
	fn := <-posted
	if !tk.busy() || ran {
		t.Fatal("job finished before its result was applied")
	}
	fn()
	if tk.busy() || !ran {
		t.Fatal("job not finished after its result was applied")
	}
}
