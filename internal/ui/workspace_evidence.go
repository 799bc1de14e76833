package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/dustin/go-humanize"
	"golang.org/x/text/encoding/simplifiedchinese"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/exhibit"
)

// Preview sizes: a list thumbnail, and the preview pane's image, which is
// downscaled so a 40 MP photo never sits in memory at full size twice.
const (
	thumbPx   = 96
	previewPx = 1024
	// previewText bounds the text shown of a text exhibit.
	previewText = 64 << 10
	// progressStep is the least change of the import bar worth a redraw.
	progressStep = 0.01
)

// thumb is a list thumbnail: an image, or a reason there is none.
type thumb struct {
	img    image.Image
	failed bool
}

// wsEvidence is the evidence locker of the case: the numbered exhibits,
// a preview and the exhibit's description.
type wsEvidence struct {
	w *workspace
	// state
	selected  int64 // exhibit ID, 0 for none
	thumbs    map[int64]thumb
	importing bool
	cancel    chan struct{}

	// widgets
	root      *container.Split
	list      *widget.List
	addBtn    *widget.Button
	recordBtn *widget.Button
	progress  *widget.ProgressBar
	progLabel *widget.Label
	cancelBtn *widget.Button
	progBox   *fyne.Container
	preview   *fyne.Container
	meta      *fyne.Container
}

func newWsEvidence(w *workspace) *wsEvidence {
	e := &wsEvidence{w: w, thumbs: map[int64]thumb{}}
	e.list = &widget.List{
		Length:     func() int { return len(e.w.cf.Exhibits) },
		CreateItem: newExhibitRow,
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) { e.updateRow(e.w.cf.Exhibits[i], o.(*fyne.Container)) },
		OnSelected: func(i widget.ListItemID) {
			if i < len(e.w.cf.Exhibits) {
				e.w.flushEdits()
				e.selected = e.w.cf.Exhibits[i].ID
				e.showSelected()
			}
		},
	}
	e.addBtn = &widget.Button{Text: lang.L("Add files…"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: e.onAddFiles}
	e.recordBtn = &widget.Button{Text: lang.L("Write down a call, SMS or web page…"), Icon: theme.DocumentCreateIcon(), OnTapped: e.onAddRecord}
	e.progress = &widget.ProgressBar{}
	e.progLabel = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	e.cancelBtn = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: e.onCancelImport}
	e.progBox = container.NewBorder(nil, nil, nil, e.cancelBtn, container.NewVBox(e.progLabel, e.progress))
	e.progBox.Hide()
	hint := &widget.Label{Text: lang.L("Tip: drop files anywhere on this window to add them."), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	left := container.NewBorder(container.NewVBox(container.NewHBox(e.addBtn, e.recordBtn), hint, e.progBox), nil, nil, nil, e.list)
	e.preview = container.NewStack()
	e.meta = container.NewVBox()
	right := container.NewVScroll(container.NewPadded(container.NewVBox(e.meta, widget.NewSeparator(), e.preview)))
	e.root = container.NewHSplit(left, right)
	e.root.Offset = 0.45
	return e
}

func newExhibitRow() fyne.CanvasObject {
	img := &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleFastest}
	img.SetMinSize(fyne.NewSize(48, 48))
	icon := widget.NewIcon(theme.FileIcon())
	pic := container.NewStack(icon, img)
	title := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	sub := &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	return container.NewBorder(nil, nil, pic, nil, container.NewVBox(title, sub))
}

func (e *wsEvidence) updateRow(x incident.Exhibit, c *fyne.Container) {
	body, pic := c.Objects[0].(*fyne.Container), c.Objects[1].(*fyne.Container)
	icon, img := pic.Objects[0].(*widget.Icon), pic.Objects[1].(*canvas.Image)
	body.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d. %s", x.Number, x.Title))
	body.Objects[1].(*widget.Label).SetText(strings.Join([]string{
		e.w.u.formatDateTime(x.CapturedAt), kindLabel(x), humanize.IBytes(uint64(x.Size)), x.ShortHash()}, " · "))
	if t, ok := e.thumbs[x.ID]; ok && t.img != nil {
		img.Image = t.img
		img.Show()
		icon.Hide()
	} else {
		img.Image = nil
		img.Hide()
		icon.SetResource(kindIcon(x))
		icon.Show()
	}
	img.Refresh()
}

// kindLabel names what an exhibit is, from its sniffed type or record kind.
func kindLabel(x incident.Exhibit) string {
	switch x.Kind {
	case incident.ExhibitCall:
		return lang.L("call record")
	case incident.ExhibitSMS:
		return lang.L("SMS record")
	case incident.ExhibitWeb:
		return lang.L("web page record")
	case incident.ExhibitNote:
		return lang.L("conversation note")
	}
	switch exhibit.Category(x.ContentType) {
	case "image":
		return lang.L("image")
	case "pdf":
		return lang.L("PDF document")
	case "email":
		return lang.L("e-mail")
	case "text":
		return lang.L("text")
	case "audio":
		return lang.L("audio")
	case "video":
		return lang.L("video")
	}
	return lang.L("file")
}

func kindIcon(x incident.Exhibit) fyne.Resource {
	if x.Kind != incident.ExhibitFile {
		return theme.DocumentCreateIcon()
	}
	switch exhibit.Category(x.ContentType) {
	case "image":
		return theme.FileImageIcon()
	case "email":
		return theme.MailComposeIcon()
	case "text", "pdf":
		return theme.FileTextIcon()
	case "audio":
		return theme.FileAudioIcon()
	case "video":
		return theme.FileVideoIcon()
	}
	return theme.FileIcon()
}

func (e *wsEvidence) exhibitByID(id int64) (incident.Exhibit, bool) {
	for _, x := range e.w.cf.Exhibits {
		if x.ID == id {
			return x, true
		}
	}
	return incident.Exhibit{}, false
}

func (e *wsEvidence) refresh() {
	if _, ok := e.exhibitByID(e.selected); !ok {
		e.selected = 0
	}
	e.list.Refresh()
	e.loadThumbs()
	e.showSelected()
}

// loadThumbs decodes missing thumbnails off the UI goroutine, one job for
// all of them, so a slow image never blocks the window.
func (e *wsEvidence) loadThumbs() {
	var todo []incident.Exhibit
	for _, x := range e.w.cf.Exhibits {
		if _, ok := e.thumbs[x.ID]; !ok && x.Kind == incident.ExhibitFile && exhibit.Decodable(x.ContentType) {
			todo = append(todo, x)
			e.thumbs[x.ID] = thumb{} // loading: not started twice
		}
	}
	if len(todo) == 0 {
		return
	}
	svc, ctx := e.w.svc(), e.w.u.ctx
	e.w.jobs.add(func() {
		got := map[int64]thumb{}
		for _, x := range todo {
			img, err := decodeExhibitImage(svc, ctx, x.ID, thumbPx)
			if err != nil {
				got[x.ID] = thumb{failed: true}
				continue
			}
			got[x.ID] = thumb{img: img}
		}
		fyne.Do(func() {
			for id, t := range got {
				e.thumbs[id] = t
			}
			e.list.Refresh()
		})
	}, false)
}

func decodeExhibitImage(svc *incident.Service, ctx context.Context, id int64, px int) (image.Image, error) {
	r, err := svc.OpenExhibit(ctx, id)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return exhibit.Thumbnail(r, px, 0)
}

// showSelected fills the description and the preview of the chosen exhibit.
func (e *wsEvidence) showSelected() {
	x, ok := e.exhibitByID(e.selected)
	e.meta.Objects = nil
	e.preview.Objects = nil
	if !ok {
		msg := lang.L("Select an exhibit to see it here.")
		if len(e.w.cf.Exhibits) == 0 {
			msg = lang.L("No evidence yet. Add screenshots of scam messages, call logs, e-mails, letters and receipts. Each file is fingerprinted (SHA-256) when it is added and never changed.")
		}
		e.meta.Add(wrapped(msg))
		e.meta.Refresh()
		e.preview.Refresh()
		return
	}
	e.meta.Add(e.metaForm(x))
	e.meta.Refresh()
	e.preview.Add(&widget.Label{Text: lang.L("Loading preview…"), Importance: widget.LowImportance})
	e.preview.Refresh()
	e.loadPreview(x)
}

func (e *wsEvidence) metaForm(x incident.Exhibit) fyne.CanvasObject {
	id, w := x.ID, e.w
	title := w.textField(fmt.Sprintf("ex:%d:title", id), x.Title, false, func(s string) { e.save(id, func(y *incident.Exhibit) { y.Title = strings.TrimSpace(s) }) })
	source := w.textField(fmt.Sprintf("ex:%d:source", id), x.Source, false, func(s string) { e.save(id, func(y *incident.Exhibit) { y.Source = strings.TrimSpace(s) }) })
	source.SetPlaceHolder(lang.L("who or where it came from, e.g. my phone, the courier's e-mail"))
	proves := w.textField(fmt.Sprintf("ex:%d:proves", id), x.Proves, true, func(s string) { e.save(id, func(y *incident.Exhibit) { y.Proves = s }) })
	proves.SetPlaceHolder(lang.L("what it proves, e.g. the caller knew my order number"))
	proves.SetMinRowsVisible(2)
	captured := w.textField(fmt.Sprintf("ex:%d:captured", id), x.CapturedAt.In(time.Local).Format(timeLayout), false, func(s string) {
		t, err := time.ParseInLocation(timeLayout, strings.TrimSpace(s), time.Local)
		if err != nil {
			return // the validator shows the expected form
		}
		e.save(id, func(y *incident.Exhibit) { y.CapturedAt = t.UTC() })
	})
	captured.Validator = func(s string) error {
		if _, err := time.ParseInLocation(timeLayout, strings.TrimSpace(s), time.Local); err != nil {
			return errors.New(timeLayout)
		}
		return nil
	}
	facts := fmt.Sprintf("%s · %s · %s", kindLabel(x), humanize.IBytes(uint64(x.Size)), x.ContentType)
	if x.FileName != "" {
		facts = x.FileName + " · " + facts
	}
	hash := &widget.Label{Text: "SHA-256 " + x.SHA256, Wrapping: fyne.TextWrapBreak, Selectable: true, Importance: widget.LowImportance}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Title"), title),
		widget.NewFormItem(lang.L("Source"), source),
		widget.NewFormItem(lang.L("What it proves"), proves),
		widget.NewFormItem(lang.L("Captured at"), captured),
	)
	links := e.linkSummary(x)
	actions := container.NewGridWrap(fyne.NewSize(44, 36),
		&widget.Button{Icon: theme.MoveUpIcon(), OnTapped: func() { e.onMove(id, -1) }},
		&widget.Button{Icon: theme.MoveDownIcon(), OnTapped: func() { e.onMove(id, 1) }},
	)
	buttons := container.NewHBox(actions,
		&widget.Button{Text: lang.L("Save original as…"), Icon: theme.DownloadIcon(), OnTapped: func() { e.onSaveOriginal(id) }},
		&widget.Button{Text: lang.L("Link…"), Icon: theme.ContentCopyIcon(), OnTapped: func() { e.onLink(id) }},
		&widget.Button{Text: lang.L("Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: func() { e.onDelete(id) }},
	)
	head := heading(lang.L("Exhibit {{.N}}", map[string]any{"N": x.Number}))
	return container.NewVBox(head, &widget.Label{Text: facts, Wrapping: fyne.TextWrapWord}, hash,
		&widget.Label{Text: lang.L("Added {{.When}}", map[string]any{"When": e.w.u.formatDateTime(x.ImportedAt)}), Importance: widget.LowImportance},
		form, links, buttons)
}

func (e *wsEvidence) linkSummary(x incident.Exhibit) fyne.CanvasObject {
	var names []string
	for _, id := range x.StepIDs {
		if st, ok := e.w.stepByID(id); ok {
			names = append(names, e.w.plan.stepTitle(st))
		}
	}
	for _, id := range x.CommIDs {
		for _, c := range e.w.cf.Communications {
			if c.ID == id {
				names = append(names, e.w.u.formatDateTime(c.At)+" "+c.Counterpart)
			}
		}
	}
	if len(names) == 0 {
		return &widget.Label{Text: lang.L("Not linked to any step or contact."), Importance: widget.LowImportance}
	}
	return &widget.Label{Text: lang.L("Supports: {{.List}}", map[string]any{"List": strings.Join(names, "; ")}), Wrapping: fyne.TextWrapWord}
}

// loadPreview reads the exhibit off the UI goroutine and shows what fits
// its type; anything else shows its description only.
func (e *wsEvidence) loadPreview(x incident.Exhibit) {
	svc, ctx := e.w.svc(), e.w.u.ctx
	e.w.jobs.add(func() {
		obj := buildPreview(svc, ctx, x)
		fyne.Do(func() {
			if e.selected != x.ID {
				return
			}
			e.preview.Objects = []fyne.CanvasObject{obj()}
			e.preview.Refresh()
		})
	}, true)
}

// buildPreview does the slow part (reading, decoding) and returns a function
// that builds the widgets on the UI goroutine.
func buildPreview(svc *incident.Service, ctx context.Context, x incident.Exhibit) func() fyne.CanvasObject {
	cannot := func(why string) func() fyne.CanvasObject {
		return func() fyne.CanvasObject {
			return container.NewVBox(&widget.Label{Text: lang.L("Cannot preview"), TextStyle: fyne.TextStyle{Bold: true}},
				&widget.Label{Text: why, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
		}
	}
	if x.Kind != incident.ExhibitFile {
		return func() fyne.CanvasObject {
			form := widget.NewForm()
			if x.RecordNumber != "" {
				form.Append(lang.L("Number"), &widget.Label{Text: x.RecordNumber, Selectable: true})
			}
			if x.RecordURL != "" {
				form.Append(lang.L("Web address"), &widget.Label{Text: x.RecordURL, Wrapping: fyne.TextWrapBreak, Selectable: true})
			}
			form.Append(lang.L("Content"), &widget.Label{Text: x.RecordText, Wrapping: fyne.TextWrapWord, Selectable: true})
			return form
		}
	}
	ct := x.ContentType
	switch {
	case exhibit.IsImage(ct):
		if !exhibit.Decodable(ct) {
			return cannot(lang.L("This image format is stored and fingerprinted, but the app cannot show it."))
		}
		img, err := decodeExhibitImage(svc, ctx, x.ID, previewPx)
		if errors.Is(err, exhibit.ErrTooManyPixels) {
			return cannot(lang.L("The image declares more pixels than the app will decode safely. It is stored and fingerprinted unchanged."))
		}
		if err != nil {
			fyne.LogError("previewing exhibit", err)
			return cannot(lang.L("The image is damaged or cannot be decoded. It is stored and fingerprinted unchanged."))
		}
		return func() fyne.CanvasObject {
			ci := &canvas.Image{Image: img, FillMode: canvas.ImageFillContain}
			b := img.Bounds()
			scale := min(1, 480/float32(max(b.Dx(), b.Dy(), 1)))
			ci.SetMinSize(fyne.NewSize(float32(b.Dx())*scale, float32(b.Dy())*scale))
			return ci
		}
	case exhibit.IsEmail(ct):
		r, err := svc.OpenExhibit(ctx, x.ID)
		if err != nil {
			return cannot(lang.L("The stored file could not be read."))
		}
		defer r.Close()
		em, err := exhibit.ParseEmail(r, 0)
		if err != nil {
			return cannot(lang.L("This does not read as an e-mail."))
		}
		return func() fyne.CanvasObject {
			form := widget.NewForm()
			for _, kv := range [][2]string{{lang.L("From"), em.From}, {lang.L("To"), em.To}, {lang.L("Cc"), em.Cc}, {lang.L("Date"), em.Date}, {lang.L("Subject"), em.Subject}} {
				if kv[1] != "" {
					form.Append(kv[0], &widget.Label{Text: kv[1], Wrapping: fyne.TextWrapWord, Selectable: true})
				}
			}
			if len(em.Attachments) > 0 {
				form.Append(lang.L("Attachments"), &widget.Label{Text: strings.Join(em.Attachments, ", "), Wrapping: fyne.TextWrapWord})
			}
			box := container.NewVBox(form, widget.NewSeparator(), &widget.Label{Text: em.Text, Wrapping: fyne.TextWrapWord, Selectable: true})
			if em.Truncated {
				box.Add(&widget.Label{Text: lang.L("(shortened for the preview; the stored original is complete)"), Importance: widget.LowImportance})
			}
			return box
		}
	case exhibit.IsText(ct):
		r, err := svc.OpenExhibit(ctx, x.ID)
		if err != nil {
			return cannot(lang.L("The stored file could not be read."))
		}
		defer r.Close()
		b, _ := io.ReadAll(io.LimitReader(r, previewText))
		text := decodeText(b)
		return func() fyne.CanvasObject {
			box := container.NewVBox(&widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Selectable: true})
			if x.Size > previewText {
				box.Add(&widget.Label{Text: lang.L("(shortened for the preview; the stored original is complete)"), Importance: widget.LowImportance})
			}
			return box
		}
	}
	return func() fyne.CanvasObject {
		return &widget.Label{Text: lang.L("No preview for this kind of file. It is stored and fingerprinted unchanged; use \"Save original as…\" to open it with another program."),
			Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	}
}

// decodeText shows UTF-8 as is and anything else as GB18030, the usual
// encoding of Chinese text files; a cut at the preview limit may split the
// last character, which is dropped.
func decodeText(b []byte) string {
	if utf8.Valid(b) || utf8.Valid(trimPartialRune(b)) {
		return strings.ToValidUTF8(string(b), "")
	}
	if out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b); err == nil {
		return strings.ToValidUTF8(string(out), "")
	}
	return strings.ToValidUTF8(string(b), "�")
}

func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}

func (e *wsEvidence) save(id int64, change func(*incident.Exhibit)) {
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	change(&x)
	if err := e.w.svc().UpdateExhibit(e.w.u.ctx, x); err != nil {
		e.w.u.showError(err)
		return
	}
	e.w.reload(e)
	e.list.Refresh()
}

func (e *wsEvidence) onMove(id int64, delta int) {
	e.w.flushEdits()
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	if err := e.w.svc().MoveExhibit(e.w.u.ctx, id, x.Number+delta); err != nil {
		e.w.u.showError(err)
	}
	e.w.reload(nil)
	e.selectInList()
}

func (e *wsEvidence) selectInList() {
	for i, x := range e.w.cf.Exhibits {
		if x.ID == e.selected {
			e.list.Select(i)
			e.list.ScrollTo(i)
		}
	}
}

func (e *wsEvidence) onDelete(id int64) {
	e.w.flushEdits()
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	msg := lang.L("Exhibit {{.N}} \"{{.Title}}\" and its stored bytes will be deleted. Its fingerprint stays in the case history. This cannot be undone: keep your own copy first if you may need it.",
		map[string]any{"N": x.Number, "Title": x.Title})
	d := dialog.NewConfirm(lang.L("Delete this exhibit?"), msg, func(yes bool) {
		if !yes {
			return
		}
		if err := e.w.svc().DeleteExhibit(e.w.u.ctx, id); err != nil {
			e.w.u.showError(err)
			return
		}
		delete(e.thumbs, id)
		e.selected = 0
		e.list.UnselectAll()
		e.w.reload(nil)
		e.w.u.notify(lang.L("Exhibit deleted; the later exhibits moved up one number."))
	}, e.w.u.win)
	d.SetConfirmText(lang.L("Delete"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// onSaveOriginal writes the stored bytes, unchanged, where the user says.
func (e *wsEvidence) onSaveOriginal(id int64) {
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	fd := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			e.w.u.showError(err)
			return
		}
		if wc == nil {
			return
		}
		svc, ctx := e.w.svc(), e.w.u.ctx
		e.w.jobs.add(func() {
			_, err := svc.WriteExhibitContent(ctx, id, wc)
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
			fyne.Do(func() {
				if err != nil {
					e.w.u.showError(err)
					return
				}
				e.w.u.notify(lang.L("Saved an exact copy of exhibit {{.N}} to {{.Path}}.", map[string]any{"N": x.Number, "Path": wc.URI().Path()}))
			})
		}, true)
	}, e.w.u.win)
	fd.SetFileName(originalName(x))
	fd.Show()
}

func originalName(x incident.Exhibit) string {
	if x.FileName != "" {
		return x.FileName
	}
	return fmt.Sprintf("exhibit-%d.txt", x.Number)
}

// onLink attaches the exhibit to steps and contacts it supports.
func (e *wsEvidence) onLink(id int64) {
	e.w.flushEdits()
	x, ok := e.exhibitByID(id)
	if !ok {
		return
	}
	var stepOpts, commOpts []string
	var stepIDs, commIDs []int64
	var stepSel, commSel []string
	for _, st := range e.w.cf.Steps {
		label := e.w.plan.stepTitle(st)
		stepOpts, stepIDs = append(stepOpts, label), append(stepIDs, st.ID)
		if slices.Contains(x.StepIDs, st.ID) {
			stepSel = append(stepSel, label)
		}
	}
	for _, c := range e.w.cf.Communications {
		label := e.w.u.formatDateTime(c.At) + " · " + channelLabel(c.Channel) + " · " + c.Counterpart
		commOpts, commIDs = append(commOpts, label), append(commIDs, c.ID)
		if slices.Contains(x.CommIDs, c.ID) {
			commSel = append(commSel, label)
		}
	}
	steps := &widget.CheckGroup{Options: stepOpts, Selected: stepSel}
	comms := &widget.CheckGroup{Options: commOpts, Selected: commSel}
	body := container.NewVBox(heading(lang.L("Plan steps")), steps, heading(lang.L("Contacts")), comms)
	if len(commOpts) == 0 {
		body.Add(&widget.Label{Text: lang.L("No contacts logged yet."), Importance: widget.LowImportance})
	}
	d := dialog.NewCustomConfirm(lang.L("What does exhibit {{.N}} support?", map[string]any{"N": x.Number}), lang.L("Save links"), lang.L("Cancel"),
		container.NewVScroll(body), func(ok bool) {
			if !ok {
				return
			}
			pick := func(opts, sel []string, ids []int64) []int64 {
				var out []int64
				for i, o := range opts {
					if slices.Contains(sel, o) {
						out = append(out, ids[i])
					}
				}
				return out
			}
			if err := e.w.svc().SetExhibitLinks(e.w.u.ctx, id, pick(stepOpts, steps.Selected, stepIDs), pick(commOpts, comms.Selected, commIDs)); err != nil {
				e.w.u.showError(err)
				return
			}
			e.w.reload(nil)
		}, e.w.u.win)
	d.Resize(fyne.NewSize(600, 500))
	d.Show()
}

func (e *wsEvidence) onAddFiles() {
	e.w.flushEdits()
	// Fyne's file dialog picks one file at a time; several files come
	// at once by dropping them on the window.
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			e.w.u.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		e.addPaths([]string{path})
	}, e.w.u.win)
}

// importResult is what happened to one file of an import.
type importResult struct {
	name string
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

	svc, ctx, caseID := e.w.svc(), e.w.u.ctx, e.w.caseID
	e.w.jobs.add(func() {
		var results []importResult
		var before int64
		shown := 0.0
		for i, p := range paths {
			name := fileBase(p)
			fyne.Do(func() {
				e.progLabel.SetText(lang.L("Adding {{.I}} of {{.N}}: {{.Name}}", map[string]any{"I": i + 1, "N": len(paths), "Name": name}))
			})
			opt := incident.ImportOptions{Cancel: cancel, Progress: func(done int64) {
				if total <= 0 {
					return
				}
				v := float64(before+done) / float64(total)
				if v-shown >= progressStep {
					shown = v
					fyne.Do(func() { e.progress.SetValue(min(v, 1)) })
				}
			}}
			_, err := svc.AddExhibitPath(ctx, caseID, p, opt)
			if fi, serr := os.Stat(p); serr == nil && fi.Mode().IsRegular() {
				before += fi.Size()
			}
			results = append(results, importResult{name: name, err: err})
			if incident.ErrorCode(err) == incident.CodeCancelled {
				break
			}
		}
		fyne.Do(func() { e.importDone(paths, results) })
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
				fyne.LogError("adding evidence "+r.name, r.err)
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
		dialog.ShowInformation(lang.L("Some files were not added"), strings.Join(problems, "\n\n"), e.w.u.win)
	}
}

// recordKinds are the typed records, in the order the form offers them.
var recordKinds = []incident.ExhibitKind{incident.ExhibitCall, incident.ExhibitSMS, incident.ExhibitWeb, incident.ExhibitNote}

func recordKindLabel(k incident.ExhibitKind) string {
	switch k {
	case incident.ExhibitCall:
		return lang.L("Phone call")
	case incident.ExhibitSMS:
		return lang.L("SMS / message")
	case incident.ExhibitWeb:
		return lang.L("Web page")
	}
	return lang.L("Conversation note")
}

// onAddRecord writes down a call, SMS, web page or conversation as an
// exhibit; the form stays open when something is missing.
func (e *wsEvidence) onAddRecord() {
	e.w.flushEdits()
	var kinds []string
	for _, k := range recordKinds {
		kinds = append(kinds, recordKindLabel(k))
	}
	kind := &widget.Select{Options: kinds, Selected: kinds[0]}
	at := newEntry()
	at.SetText(e.w.svc().Now().In(time.Local).Format(timeLayout))
	number, url, title, source, proves := newEntry(), newEntry(), newEntry(), newEntry(), newMultiLineEntry()
	number.SetPlaceHolder(lang.L("the caller's or sender's number"))
	url.SetPlaceHolder("https://")
	text := newMultiLineEntry()
	text.SetMinRowsVisible(5)
	text.SetPlaceHolder(lang.L("word for word, as far as you can: what the message said or the caller told you"))
	title.SetPlaceHolder(lang.L("optional: a short name for the list"))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Kind"), kind),
		widget.NewFormItem(lang.L("When"), at),
		widget.NewFormItem(lang.L("Number"), number),
		widget.NewFormItem(lang.L("Web address"), url),
		widget.NewFormItem(lang.L("Content"), text),
		widget.NewFormItem(lang.L("Title"), title),
		widget.NewFormItem(lang.L("Source"), source),
		widget.NewFormItem(lang.L("What it proves"), proves),
	)
	var d *dialog.CustomDialog
	add := func() {
		t, err := time.ParseInLocation(timeLayout, strings.TrimSpace(at.Text), time.Local)
		if err != nil {
			dialog.ShowInformation(lang.L("Check the time"), lang.L("Write the time as {{.Layout}}, for example {{.Example}}.",
				map[string]any{"Layout": timeLayout, "Example": e.w.svc().Now().In(time.Local).Format(timeLayout)}), e.w.u.win)
			return
		}
		x := incident.Exhibit{CaseID: e.w.caseID, Kind: recordKinds[max(0, kind.SelectedIndex())], CapturedAt: t.UTC(),
			RecordNumber: strings.TrimSpace(number.Text), RecordURL: strings.TrimSpace(url.Text), RecordText: text.Text,
			Title: strings.TrimSpace(title.Text), Source: strings.TrimSpace(source.Text), Proves: proves.Text}
		got, err := e.w.svc().AddRecord(e.w.u.ctx, x)
		if err != nil {
			e.w.u.showError(err)
			return
		}
		d.Hide()
		e.selected = got.ID
		e.w.reload(nil)
		e.selectInList()
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Write down a record"), container.NewVScroll(form), e.w.u.win)
	d.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: d.Hide},
		&widget.Button{Text: lang.L("Add as evidence"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: add},
	})
	d.Resize(fyne.NewSize(640, 600))
	d.Show()
	e.w.u.win.Canvas().Focus(text)
}
