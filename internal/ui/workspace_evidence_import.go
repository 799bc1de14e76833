// Adding files: the file dialog and drops, the import job with its progress
// bar and cancel button, and the summary afterwards.

package ui

import (
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"leakdesk/internal/incident"
)

func (e *wsEvidence) onAddFiles() {
	e.w.flushEdits()
	e.w.u.chooseEvidence(e.addPaths)
}

// importResult is what happened to one file of an import.
type importResult struct {
	name string
	id   int64 // the exhibit added, 0 when none
	err  error
}

// addPaths imports files one after another off the UI goroutine, with a
// progress bar over all their bytes and a cancel button. Each file is its
// own transaction: cancelling keeps the files already added and stores
// nothing of the one in flight.
func (e *wsEvidence) addPaths(paths []string) {
	if len(paths) == 0 {
		return
	}
	if e.importing {
		e.w.u.notify(lang.L("Files are still being added; wait for them or cancel first."))
		return
	}
	e.importing = true
	e.cancel = make(chan struct{})
	cancel := e.cancel
	var total int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			total += fi.Size()
		}
	}
	e.addBtn.Disable()
	e.progress.SetValue(0)
	e.progLabel.SetText(lang.L("Adding {{.N}} file(s)…", map[string]any{"N": len(paths)}))
	e.cancelBtn.Enable()
	e.progBox.Show()

	svc, ctx, caseID := e.w.svc(), e.w.ctx, e.w.caseID
	e.w.jobs.add(func() {
		var results []importResult
		var before int64
		shown := 0.0
		for i, p := range paths {
			name := fileBase(p)
			e.w.u.do(func() {
				e.progLabel.SetText(lang.L("Adding {{.I}} of {{.N}}: {{.Name}}", map[string]any{"I": i + 1, "N": len(paths), "Name": name}))
			})
			opt := incident.ImportOptions{Cancel: cancel, Progress: func(done int64) {
				if total <= 0 {
					return
				}
				v := float64(before+done) / float64(total)
				if v-shown >= progressStep {
					shown = v
					e.w.u.do(func() { e.progress.SetValue(min(v, 1)) })
				}
			}}
			x, err := svc.AddExhibitPath(ctx, caseID, p, opt)
			if fi, serr := os.Stat(p); serr == nil && fi.Mode().IsRegular() {
				before += fi.Size()
			}
			r := importResult{name: name, err: err}
			if err == nil {
				r.id = x.ID
			}
			results = append(results, r)
			if incident.ErrorCode(err) == incident.CodeCancelled {
				break
			}
		}
		e.w.u.do(func() { e.importDone(paths, results) })
	}, false)
}

func fileBase(p string) string {
	p = strings.TrimRight(p, `/\`)
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func (e *wsEvidence) onCancelImport() {
	if e.cancel != nil {
		close(e.cancel)
		e.cancel = nil
		e.cancelBtn.Disable()
		e.progLabel.SetText(lang.L("Cancelling…"))
	}
}

// importDone reports the import: the count added and, in one dialog, why
// any file was not.
func (e *wsEvidence) importDone(paths []string, results []importResult) {
	e.importing = false
	e.cancel = nil
	e.addBtn.Enable()
	e.progBox.Hide()
	added := 0
	var problems []string
	cancelled := false
	for _, r := range results {
		switch {
		case r.err == nil:
			added++
		case incident.ErrorCode(r.err) == incident.CodeCancelled:
			cancelled = true
		default:
			if incident.ErrorCode(r.err) == incident.CodeInternal {
				logError("adding evidence", r.err)
			}
			problems = append(problems, r.name+": "+incident.UserMessage(r.err, e.w.u.lang()))
		}
	}
	if e.w.closed {
		return
	}
	e.w.reload(nil)
	if added > 0 {
		last := e.w.cf.Exhibits[len(e.w.cf.Exhibits)-1]
		e.selected = last.ID
		e.selectInList()
	}
	msg := lang.L("{{.N}} file(s) added as evidence.", map[string]any{"N": added})
	if cancelled {
		msg = lang.L("Cancelled: {{.N}} file(s) were added before; nothing of the file in progress was stored.", map[string]any{"N": added})
	}
	e.w.u.notify(msg)
	if len(problems) > 0 {
		e.w.u.showMessage(lang.L("Some files were not added"), strings.Join(problems, "\n\n"), theme.WarningIcon())
		return
	}
	var ids []int64
	for _, r := range results {
		if r.id != 0 {
			ids = append(ids, r.id)
		}
	}
	e.describeAdded(ids)
}
