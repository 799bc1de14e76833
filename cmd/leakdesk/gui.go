package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"leakdesk/assets"
	"leakdesk/internal/incident"
	"leakdesk/internal/incident/caseformat"
	"leakdesk/internal/incident/demo"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/report/export"
	"leakdesk/internal/ui"
	"leakdesk/internal/ui/filechooser"
	"leakdesk/internal/ui/session"
)

// appID matches FyneApp.toml; Fyne keys its preferences and the desktop
// file by it.
const appID = "org.leakdesk.app"

// runGUI starts the desktop app on dataDir and returns when its window
// closes. A store that cannot be opened (damaged, or open in another copy)
// still gets a window, which explains and offers restore or quit.
func runGUI(dataDir string, lang string, stderr io.Writer) error {
	start := time.Now()
	ensureUTF8Locale()
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	w := a.NewWindow("leakdesk")
	w.Resize(fyne.NewSize(1100, 720))

	g := &guiStore{dir: dataDir}
	defer g.close()
	// The store opens in the background once the window shows (ui.Build,
	// through Reopen); the language chosen in settings comes from a copy in
	// the preferences until then.
	if v := a.Preferences().String("ui.lang"); v != "" {
		lang = v
	}
	var started func()
	if os.Getenv("LEAKDESK_TRACE_START") != "" {
		// For the start-up measurements (scripts/measure-startup.sh): the
		// first frame is drawn by the time the event loop runs callbacks.
		started = func() {
			fyne.Do(func() {
				fmt.Fprintf(stderr, "leakdesk: first frame at %d (%v after runGUI)\n", time.Now().UnixNano(), time.Since(start))
			})
		}
	}
	ui.Build(a, w, ui.Deps{
		Started: started,
		DataDir: dataDir,
		Version: version,
		Lang:    lang,
		Backup: func(ctx context.Context, path string) error {
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return err
			}
			svc, err := g.service()
			if err != nil {
				return err
			}
			return svc.Backup(ctx, path)
		},
		// Once background work has gone quiet, give back what the start-up
		// or the last burst of work held on to.
		AtRest: func() {
			g.releaseMemory()
			if os.Getenv("LEAKDESK_TRACE_START") != "" {
				fmt.Fprintf(stderr, "leakdesk: at rest at %d (%v after runGUI)\n", time.Now().UnixNano(), time.Since(start))
			}
			if path := os.Getenv("LEAKDESK_HEAP_PROFILE"); path != "" {
				writeHeapProfile(path, stderr)
			}
		},
		Restore:          g.restore,
		RestoreEncrypted: g.restoreEncrypted,
		Reopen:           g.open,
		// Lock when the machine goes to sleep or the screen is locked.
		WatchSession: session.Watch,
		// The desktop's own file dialog where it has one (Linux: the XDG
		// portal); LEAKDESK_FILE_DIALOG=fyne keeps Fyne's, for the window
		// tests, which click Fyne's dialog by position.
		AskFiles: nativeFileDialog(),
		// Asked once, at the first start: protect the cases with a passphrase?
		OfferPassphrase: true,
		Backups: func() ([]ui.BackupFile, error) {
			list, err := sqlite.Backups(dataDir)
			out := make([]ui.BackupFile, 0, len(list))
			for _, b := range list {
				out = append(out, ui.BackupFile{Path: b.Path, At: b.Time, Size: b.Size})
			}
			return out, err
		},
		Demo: func(ctx context.Context) (int64, error) {
			svc, err := g.service()
			if err != nil {
				return 0, err
			}
			return demo.Create(ctx, svc)
		},
		ImportCase: func(ctx context.Context, path string) (int64, error) {
			svc, err := g.service()
			if err != nil {
				return 0, err
			}
			return caseformat.ImportFile(ctx, svc, path, nil)
		},
		// The export tab runs the same workflow as `leakdesk export`.
		Export:          g.export,
		MatterExport:    g.matterExport(lang),
		MatterExportAll: g.matterExportAll(lang),
		Authorisation:   g.authorisation,
		OpenFolder: func(path string) error {
			return a.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)})
		},
	})
	w.ShowAndRun()
	return nil
}

// guiStore keeps the open store so it can be closed for a restore and
// opened again. The window's background work (backups, imports, exports)
// reads it from other goroutines while a restore closes it on the UI
// goroutine, hence the lock.
type guiStore struct {
	dir string
	mu  sync.Mutex
	st  *sqlite.Store
	svc *incident.Service
}

// errStoreClosed answers work that arrives while a restore has the store
// closed; the window reopens it right after.
var errStoreClosed = incident.Errorf(incident.CodeBusy, "数据正在恢复，这一步没有执行；请稍后再试。",
	"Your data is being restored, so this was not done; try again in a moment.", nil)

// service is the open store's service, or errStoreClosed.
func (g *guiStore) service() (*incident.Service, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.svc == nil {
		return nil, errStoreClosed
	}
	return g.svc, nil
}

func (g *guiStore) open() (*incident.Service, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.st != nil {
		return g.svc, nil
	}
	st, err := sqlite.Open(g.dir, sqlite.Options{})
	if err != nil {
		return nil, err
	}
	g.st, g.svc = st, incident.NewService(st, nil)
	return g.svc, nil
}

// releaseMemory gives back the store's caches and the Go heap's free pages
// to the system. Opening a large store and listing its cases peaks far
// above what the window then keeps (10,000 cases: SQLite's page caches
// about 30 MB, the heap's free pages about 10 MB more), and neither comes
// back on its own soon: SQLite keeps its cache for the connection's life,
// the Go scavenger returns pages slowly.
func (g *guiStore) releaseMemory() {
	g.mu.Lock()
	st := g.st
	if st != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		if err := st.ReleaseMemory(ctx); err != nil && ctx.Err() == nil {
			fyne.LogError("releasing the store's caches", err)
		}
		cancel()
	}
	g.mu.Unlock()
	debug.FreeOSMemory()
}

func (g *guiStore) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.st != nil {
		if err := g.st.Close(); err != nil {
			fyne.LogError("closing the store", err)
		}
		g.st, g.svc = nil, nil
	}
}

// restore closes the store (Restore needs the directory to itself) and
// swaps in the backup; the UI reopens the store afterwards either way.
func (g *guiStore) restore(ctx context.Context, path string, progress func(float64)) error {
	g.close()
	return sqlite.RestoreContext(ctx, g.dir, path, sqlite.RestoreOptions{Progress: progress})
}

// restoreEncrypted restores a backup that is not encrypted into encrypted
// data, encrypting it with the current passphrase first (as "leakdesk
// restore" does); it returns the new recovery key.
func (g *guiStore) restoreEncrypted(path string, passphrase []byte) (string, error) {
	g.close()
	return sqlite.RestoreEncrypted(g.dir, path, passphrase, sqlite.Options{})
}

// export is the window's exporter: the export workflow with the window's
// choices and a progress bar fed as the exhibits are read.
func (g *guiStore) export(ctx context.Context, caseID int64, req ui.ExportRequest, progress func(float64)) (string, error) {
	svc, err := g.service()
	if err != nil {
		return "", err
	}
	mask, attach := req.Masking, req.Attach
	_, err = exportPacket(ctx, svc, caseID, packetRequest{Kind: req.Packet, Path: req.Path, Mask: &mask, Attach: &attach,
		Exhibits: req.Exhibits == nil || len(req.Exhibits) > 0, Only: req.Exhibits, Fields: req.Fields,
		Instructions: req.Instructions}, progress)
	if err != nil {
		return "", err
	}
	return req.Path, nil
}

// matterExport and matterExportAll are the matter view's exporters: the
// workflows of `leakdesk export --matter` (issue 13).
func (g *guiStore) matterExport(lang string) ui.MatterExportFunc {
	return func(ctx context.Context, matterID int64, kind, path string, progress func(float64)) ([]string, []string, error) {
		svc, err := g.service()
		if err != nil {
			return nil, nil, err
		}
		res, err := export.Joint(ctx, svc, matterID, export.Request{Kind: kind, Path: path, IncludeExhibits: true}, lang, renderPDF, progress)
		return res.Excluded, res.Warnings, err
	}
}

func (g *guiStore) matterExportAll(lang string) ui.MatterExportAllFunc {
	return func(ctx context.Context, matterID int64, dir string, progress func(done, total int, name string)) ([]string, error) {
		svc, err := g.service()
		if err != nil {
			return nil, err
		}
		res, err := export.All(ctx, svc, matterID, dir, lang, renderPDF, progress)
		return res.Files, err
	}
}

// authorisation is the matter view's 授权委托书: the workflow of
// `leakdesk authorisation --case ID --out F.pdf --instructions`.
func (g *guiStore) authorisation(ctx context.Context, caseID int64, path string) error {
	svc, err := g.service()
	if err != nil {
		return err
	}
	_, err = export.Authorisation(ctx, svc, caseID, time.Time{}, time.Time{}, path, true, renderPDF)
	return err
}

// ensureUTF8Locale makes the character locale UTF-8 before the toolkit
// starts: with a C or POSIX locale an input method shows its candidates but
// the committed Chinese text is silently lost (docs/architecture.md, "Pitfalls").
func ensureUTF8Locale() {
	utf8 := func(v string) bool {
		v = strings.ToLower(v)
		return strings.Contains(v, "utf-8") || strings.Contains(v, "utf8")
	}
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		if utf8(v) {
			return
		}
		if k == "LC_ALL" {
			// LC_ALL overrides LC_CTYPE, so it is the one to change.
			os.Setenv("LC_ALL", "C.UTF-8")
			return
		}
		break
	}
	os.Setenv("LC_CTYPE", "C.UTF-8")
}

// nativeFileDialog is the desktop's file dialog, or nil for Fyne's.
func nativeFileDialog() func(context.Context, filechooser.Request) ([]string, error) {
	if os.Getenv("LEAKDESK_FILE_DIALOG") == "fyne" {
		return nil
	}
	return filechooser.Ask
}

// writeHeapProfile writes a heap profile of the window at rest, and the
// runtime's memory figures, for the memory-at-rest measurement
// (scripts/measure-startup.sh with LEAKDESK_HEAP_PROFILE set; issue 11 §7).
func writeHeapProfile(path string, stderr io.Writer) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(stderr, "leakdesk: at rest: Go heap in use %d MB, kept idle %d MB, released %d MB, runtime total %d MB\n",
		m.HeapInuse>>20, (m.HeapIdle-m.HeapReleased)>>20, m.HeapReleased>>20, m.Sys>>20)
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(stderr, "leakdesk: heap profile:", err)
		return
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		fmt.Fprintln(stderr, "leakdesk: heap profile:", err)
	}
}
