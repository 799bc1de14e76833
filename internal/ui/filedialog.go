package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident"
	"leakdesk/internal/ui/filechooser"
)

// The app's file dialogs (issue 15 item 6). The desktop's own comes first
// where there is one (the XDG portal on Linux, the common dialog on
// Windows: nativedialog.go, package filechooser); Fyne's is
// the fallback, opened the way a first-time user needs: big
// enough to show a page of files, in the folder used last in this session
// (kept in memory only: Fyne's preferences would record, unencrypted, where
// the evidence lives) or else in the folder such files usually are, and
// with a failed save explained instead of "本次改动没有保存".

// Where a dialog starts when nothing was picked yet this session.
var (
	startPictures  = []string{"Pictures", "图片"}
	startDocuments = []string{"Documents", "文档"}
	startDownloads = []string{"Downloads", "下载"}
)

// dialogSize shows about fifteen rows in list view.
var dialogSize = fyne.NewSize(860, 600)

// startFolder is the folder a file dialog opens in.
func (u *appUI) startFolder(prefer ...[]string) fyne.ListableURI {
	try := func(dir string) fyne.ListableURI {
		if dir == "" {
			return nil
		}
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil
		}
		l, err := storage.ListerForURI(storage.NewFileURI(dir))
		if err != nil {
			return nil
		}
		return l
	}
	if l := try(u.lastDir); l != nil {
		return l
	}
	home, _ := os.UserHomeDir()
	for _, names := range append(prefer, startDocuments, startDownloads) {
		for _, n := range names {
			if l := try(filepath.Join(home, n)); l != nil {
				return l
			}
		}
	}
	return try(home)
}

// filesOpen asks for files to read: several at once when multiple is set
// and the desktop's own dialog is there (Fyne's takes one). done gets at
// least one path.
func (u *appUI) filesOpen(prefer []string, exts []string, multiple bool, done func(paths []string)) {
	start := u.startFolder(prefer)
	r := filechooser.Request{Title: lang.L("Choose files"), Multiple: multiple, Filters: chooserFilters(exts)}
	if !multiple {
		r.Title = lang.L("Choose a file")
	}
	u.askNative(r, start, done, func() {
		d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
			if err != nil {
				u.showError(fileDialogError(err))
				return
			}
			if rc == nil {
				return
			}
			path := rc.URI().Path()
			rc.Close()
			u.lastDir = filepath.Dir(path)
			done([]string{path})
		}, u.win)
		if len(exts) > 0 {
			d.SetFilter(storage.NewExtensionFileFilter(exts))
		}
		u.showFileDialog(d, start)
	})
}

// chooserFilters offers the extensions as one filter of the desktop's
// dialog ("*.pdf"), and everything else as a second.
func chooserFilters(exts []string) []filechooser.Filter {
	if len(exts) == 0 {
		return nil
	}
	var pats []string
	for _, e := range exts {
		pats = append(pats, "*"+e)
	}
	return []filechooser.Filter{{Name: strings.Join(pats, " "), Patterns: pats}, {Name: lang.L("All files"), Patterns: []string{"*"}}}
}

// fileSave asks where to write a new file named name; done gets the path.
// The file Fyne's dialog creates is closed at once: every writer here
// writes a temporary file and renames it over this path.
func (u *appUI) fileSave(name string, exts []string, done func(path string)) {
	start := u.startFolder(startDocuments)
	r := filechooser.Request{Title: lang.L("Save as"), Save: true, Name: name, Filters: chooserFilters(exts)}
	u.askNative(r, start, func(paths []string) { done(paths[0]) }, func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil {
				u.showError(fileDialogError(err))
				return
			}
			if w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			u.lastDir = filepath.Dir(path)
			done(path)
		}, u.win)
		d.SetFileName(name)
		if len(exts) > 0 {
			d.SetFilter(storage.NewExtensionFileFilter(exts))
		}
		u.showFileDialog(d, start)
	})
}

// folderOpen asks for a folder to write into; done gets its path.
func (u *appUI) folderOpen(done func(dir string)) {
	start := u.startFolder(startDocuments)
	r := filechooser.Request{Title: lang.L("Choose a folder"), Directory: true}
	u.askNative(r, start, func(paths []string) { done(paths[0]) }, func() {
		d := dialog.NewFolderOpen(func(uri fyne.ListableURI, err error) {
			if err != nil {
				u.showError(fileDialogError(err))
				return
			}
			if uri == nil {
				return
			}
			u.lastDir = uri.Path()
			done(uri.Path())
		}, u.win)
		u.showFileDialog(d, start)
	})
}

// showFileDialog shows Fyne's dialog d at the size that shows a page of
// files, opened in start, with its sidebar in the app's language.
func (u *appUI) showFileDialog(d *dialog.FileDialog, start fyne.ListableURI) {
	d.SetLocation(start)
	d.Resize(dialogSize)
	d.Show()
	u.translatePlaces()
}

// placeName is a place in the sidebar of Fyne's file dialog in the app's
// language (issue 15 item 6); ok is false for anything else. Fyne sets
// those names with no translation at all (dialog/file.go writes locName as
// is; lang never sees them), so supplying Fyne's own keys could not help:
// the app puts its words on the labels itself, under its own keys, outside
// Fyne's namespace.
func placeName(name string) (string, bool) {
	switch name {
	case "Home":
		return lang.L("Place: Home"), true
	case "Computer":
		return lang.L("Place: Computer"), true
	case "Desktop":
		return lang.L("Place: Desktop"), true
	case "Documents":
		return lang.L("Place: Documents"), true
	case "Downloads":
		return lang.L("Place: Downloads"), true
	case "Music":
		return lang.L("Place: Music"), true
	case "Pictures":
		return lang.L("Place: Pictures"), true
	case "Videos":
		return lang.L("Place: Videos"), true
	case "Movies":
		return lang.L("Place: Movies"), true
	case "App Files":
		return lang.L("Place: App Files"), true
	}
	return "", false
}

// translatePlaces finds the sidebar list of the file dialog on top of the
// window and has every row it draws show the place in the app's language.
func (u *appUI) translatePlaces() {
	pop, ok := u.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return
	}
	walkObjects(pop.Content, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.List)
		if !ok || l.UpdateItem == nil {
			return
		}
		orig := l.UpdateItem
		l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			orig(id, item)
			// A sidebar row is an icon and a label; file rows are not.
			if c, ok := item.(*fyne.Container); ok && len(c.Objects) == 2 {
				if lb, ok := c.Objects[1].(*widget.Label); ok {
					if name, ok := placeName(lb.Text); ok {
						lb.SetText(name)
					}
				}
			}
		}
		l.Refresh()
	})
}

// walkObjects visits o and what it holds through the public fields of
// containers, splits, scrolls and pop-ups.
func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, visit)
		}
	case *container.Split:
		walkObjects(x.Leading, visit)
		walkObjects(x.Trailing, visit)
	case *container.Scroll:
		walkObjects(x.Content, visit)
	case *widget.PopUp:
		walkObjects(x.Content, visit)
	}
}

// fileDialogError says why a file could not be opened or created. Fyne's
// save dialog joins whatever is typed as the name onto the folder shown,
// so a typed path ends in a file that cannot be created.
func fileDialogError(err error) error {
	if errors.Is(err, os.ErrPermission) {
		return incident.Errorf(incident.CodeInvalid, "没有权限在这个文件夹里读写文件。请换一个文件夹，例如“文档”。",
			"You may not read or write files in this folder. Choose another one, such as Documents.", err)
	}
	return incident.Errorf(incident.CodeInvalid, "无法打开或创建这个文件。请在对话框中先进入要用的文件夹，“文件名”框里只写文件名，不写路径（不要有 / 或 \\）。",
		"The file cannot be opened or created. Go to the folder in the dialog first, and type only a name in the file name box, not a path (no / or \\).", err)
}

// chooseEvidence asks for the files to add as evidence. The desktop's own
// dialog takes several at once, so where there is one it opens straight
// away (a screen and two clicks fewer); otherwise pickFiles's box, where
// paths can be pasted and Fyne's dialog browsed once per file. Files can
// also be dropped on the window.
func (u *appUI) chooseEvidence(done func(paths []string)) {
	if u.deps.AskFiles == nil {
		u.pickFiles(done)
		return
	}
	start := u.startFolder(startPictures)
	r := filechooser.Request{Title: lang.L("Add files"), Multiple: true}
	u.askNative(r, start, done, func() { u.pickFiles(done) })
}

// pickFiles asks for the files to add as evidence: paths typed or pasted
// one a line (a path box, several files at once), or chosen one after
// another with the file dialog, which opens in Pictures. done gets the
// paths that exist; the others are named in the dialog.
func (u *appUI) pickFiles(done func(paths []string)) dialog.Dialog {
	box := newMultiLineEntry()
	box.SetMinRowsVisible(6)
	box.SetPlaceHolder(lang.L("One file a line: paste paths here, or use Browse… as often as you like."))
	problem := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	browse := &widget.Button{Text: lang.L("Browse…"), Icon: theme.FolderOpenIcon(), OnTapped: func() {
		u.filesOpen(startPictures, nil, true, func(paths []string) {
			text := strings.TrimRight(box.Text, "\n")
			if text != "" {
				text += "\n"
			}
			box.SetText(text + strings.Join(paths, "\n"))
		})
	}}
	body := container.NewBorder(nil, container.NewVBox(container.NewHBox(browse), problem), nil, nil, box)
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(lang.L("Add files"), lang.L("Add these files"), lang.L("Cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		var paths, missing []string
		for _, line := range strings.Split(box.Text, "\n") {
			p := strings.Trim(strings.TrimSpace(line), `"'`)
			if p == "" {
				continue
			}
			if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
				missing = append(missing, p)
				continue
			}
			paths = append(paths, p)
		}
		if len(missing) > 0 {
			problem.SetText(lang.L("Not found or not a file: {{.Paths}}", map[string]any{"Paths": strings.Join(missing, "、")}))
			d.Show() // keep what was typed; fix the lines and add again
			return
		}
		if len(paths) > 0 {
			u.lastDir = filepath.Dir(paths[len(paths)-1])
			done(paths)
		}
	}, u.win)
	d.Resize(fyne.NewSize(720, 420))
	d.Show()
	u.win.Canvas().Focus(box)
	return d
}
