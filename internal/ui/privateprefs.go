package ui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// lastFolderKey is where Fyne's file dialog remembers the folder it was
// last in (fyne.io/fyne/v2/dialog, lastFolderKey). Fyne writes it, in the
// clear, to preferences.json in the user's config folder: the folder of
// the last evidence imported or document saved, whose name often names
// the victim (issue 17, F12). The app keeps it in memory only, so the
// dialogs still open where the user last was during a session.
const lastFolderKey = "fyne:fileDialogLastFolder"

// memoryOnlyKeys are the preferences that never reach the disk.
var memoryOnlyKeys = map[string]bool{lastFolderKey: true}

// privateApp is the app with preferences that keep memoryOnlyKeys in
// memory. It becomes fyne.CurrentApp, which is where the file dialog
// looks its preferences up.
type privateApp struct {
	fyne.App
	prefs *privatePrefs
}

func (a *privateApp) Preferences() fyne.Preferences { return a.prefs }

type privatePrefs struct {
	fyne.Preferences
	mu  sync.Mutex
	mem map[string]string
}

// keepFoldersInMemory makes a (and fyne.CurrentApp) keep the file
// dialog's last folder in memory, and removes one an earlier version
// stored.
func keepFoldersInMemory(a fyne.App) fyne.App {
	if p, ok := a.(*privateApp); ok {
		return p
	}
	under := a.Preferences()
	for k := range memoryOnlyKeys {
		if under.String(k) != "" {
			under.RemoveValue(k)
		}
	}
	p := &privateApp{App: a, prefs: &privatePrefs{Preferences: under, mem: map[string]string{}}}
	fyne.SetCurrentApp(p)
	return p
}

func (p *privatePrefs) String(key string) string { return p.StringWithFallback(key, "") }

func (p *privatePrefs) StringWithFallback(key, fallback string) string {
	if !memoryOnlyKeys[key] {
		return p.Preferences.StringWithFallback(key, fallback)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.mem[key]; ok {
		return v
	}
	return fallback
}

func (p *privatePrefs) SetString(key, value string) {
	if !memoryOnlyKeys[key] {
		p.Preferences.SetString(key, value)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.mem[key] = value
}

func (p *privatePrefs) RemoveValue(key string) {
	if !memoryOnlyKeys[key] {
		p.Preferences.RemoveValue(key)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.mem, key)
}
