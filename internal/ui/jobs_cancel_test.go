package ui

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
)

// runQueued applies the results already posted, without waiting for the
// jobs still running (settle would): a test looks at the window while a
// job is half done.
func (t *tasks) runQueued() {
	for {
		t.mu.Lock()
		if len(t.queue) == 0 {
			t.mu.Unlock()
			return
		}
		fn := t.queue[0]
		t.queue = t.queue[1:]
		t.mu.Unlock()
		fn()
	}
}

// blockingJob stands in for a slow export or restore: it reports once it
// runs, then waits for its context to end (or for release) and says which.
type blockingJob struct {
	started  chan struct{}
	release  chan struct{}
	stopped  chan error // ctx.Err() when the context ended it, nil when released
	progress float64
}

func newBlockingJob() *blockingJob {
	return &blockingJob{started: make(chan struct{}), release: make(chan struct{}), stopped: make(chan error, 1)}
}

func (j *blockingJob) run(ctx context.Context, progress func(float64)) error {
	if progress != nil {
		progress(j.progress)
	}
	close(j.started)
	select {
	case <-ctx.Done():
		j.stopped <- ctx.Err()
		return incident.ErrCancelled
	case <-j.release:
		j.stopped <- nil
		return nil
	case <-time.After(time.Minute):
		j.stopped <- errors.New("neither cancelled nor released")
		return errors.New("timeout")
	}
}

func (j *blockingJob) waitStarted(t *testing.T) {
	t.Helper()
	select {
	case <-j.started:
	case <-time.After(30 * time.Second):
		t.Fatal("the job did not start")
	}
}

// An export started from a case stops when the case closes, and the
// window says no packet was saved.
func TestExportStopsWhenTheCaseCloses(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, canary)
	job := newBlockingJob()
	f.u.deps.Export = func(ctx context.Context, _ int64, _ ExportRequest, progress func(float64)) (string, error) {
		return "", job.run(ctx, progress)
	}
	f.u.openCase(f.caseID)
	f.u.settle()
	f.u.ws.export.exportTo(filepath.Join(t.TempDir(), "police.pdf"))
	job.waitStarted(t)
	f.u.goHome()
	f.u.settle()
	if err := <-job.stopped; !errors.Is(err, context.Canceled) {
		t.Fatalf("the export was not stopped by closing the case: %v", err)
	}
	if !f.u.notice.Visible() || f.u.noticeText.Text != "The export stopped when the case closed; no packet was saved." {
		t.Errorf("notice %q (shown %v)", f.u.noticeText.Text, f.u.notice.Visible())
	}
}

// Locking (here the idle lock, on the test's clock) stops an export
// started from the open case and a restore started from settings; the
// stopped restore reopens the data as it was, behind the unlock screen.
func TestLockStopsExportAndRestore(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, canary)
	f.enable()
	idleLock := func() {
		f.now = f.now.Add(defaultIdleMinutes * time.Minute)
		f.pending()
		if !f.locker().Locked() {
			t.Fatal("the idle lock did not lock")
		}
	}
	unlock := func() {
		test.Type(find(f.w.Content(), func(e *imeEntry) bool { return e.Password }), goodPass)
		test.Tap(f.button(f.w.Content(), "Unlock"))
		f.u.settle()
	}

	export := newBlockingJob()
	f.u.deps.Export = func(ctx context.Context, _ int64, _ ExportRequest, progress func(float64)) (string, error) {
		return "", export.run(ctx, progress)
	}
	f.u.openCase(f.caseID)
	f.u.settle()
	f.u.ws.export.exportTo(filepath.Join(t.TempDir(), "police.pdf"))
	export.waitStarted(t)
	idleLock()
	f.u.settle()
	if err := <-export.stopped; !errors.Is(err, context.Canceled) {
		t.Fatalf("the export was not stopped by the lock: %v", err)
	}
	if f.shows(canary) {
		t.Fatal("the case shows after the stopped export")
	}
	unlock()

	restore := newBlockingJob()
	reopened := 0
	f.u.deps.Restore = func(ctx context.Context, _ string, progress func(float64)) error {
		return restore.run(ctx, progress)
	}
	f.u.deps.Reopen = func() (*incident.Service, error) { reopened++; return f.svc, nil }
	f.u.showSettings()
	f.u.restoreBackup(BackupFile{Path: "backup.db", At: testNow})
	restore.waitStarted(t)
	idleLock()
	f.u.settle()
	if err := <-restore.stopped; !errors.Is(err, context.Canceled) {
		t.Fatalf("the restore was not stopped by the lock: %v", err)
	}
	if reopened != 1 {
		t.Fatalf("the data was reopened %d times after the stopped restore, want 1", reopened)
	}
	if find(f.w.Content(), func(e *imeEntry) bool { return e.Password }) == nil {
		t.Fatal("no unlock screen after the stopped restore")
	}
	if top := f.w.Canvas().Overlays().Top(); top != nil {
		t.Fatal("a dialog is left over the unlock screen")
	}
	unlock()
	if f.u.screen != screenSettings {
		t.Errorf("screen %q after unlocking, want settings", f.u.screen)
	}
}

// A restore runs off the UI goroutine behind a progress dialog that
// follows it; when it ends, the data is reopened and the notice says so.
func TestRestoreRunsInTheBackgroundWithProgress(t *testing.T) {
	a := test.NewTempApp(t)
	f := newLockFixture(t, a, canary)
	job := newBlockingJob()
	job.progress = 0.6
	reopened := 0
	f.u.deps.Restore = func(ctx context.Context, _ string, progress func(float64)) error {
		return job.run(ctx, progress)
	}
	f.u.deps.Reopen = func() (*incident.Service, error) { reopened++; return f.svc, nil }
	f.u.showSettings()
	// restoreBackup returns while the restore is still running: were it on
	// the UI goroutine (here the test's), it would wait for release forever.
	f.u.restoreBackup(BackupFile{Path: "backup.db", At: testNow})
	job.waitStarted(t)
	f.u.tasks.runQueued()
	dlg := f.w.Canvas().Overlays().Top()
	if dlg == nil || !labelContains(dlg, "replaced by the backup from") {
		t.Fatal("no progress dialog while restoring")
	}
	bar := find(dlg, func(*widget.ProgressBar) bool { return true })
	if bar == nil || bar.Value != 0.6 {
		t.Fatalf("progress bar %v, want 0.6", bar)
	}
	close(job.release)
	f.u.settle()
	if err := <-job.stopped; err != nil {
		t.Fatalf("the restore ended with %v", err)
	}
	if reopened != 1 {
		t.Fatalf("reopened %d times, want 1", reopened)
	}
	if f.w.Canvas().Overlays().Top() != nil {
		t.Error("the progress dialog stays after the restore")
	}
	if want := "Backup from"; !f.u.notice.Visible() || !labelContains(f.u.notice, want) {
		t.Errorf("notice %q", f.u.noticeText.Text)
	}
}
