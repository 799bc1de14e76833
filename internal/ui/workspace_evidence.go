package ui

import (
	"context"
	"fmt"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
	smsBtn    *widget.Button
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
	e.smsBtn = &widget.Button{Text: lang.L("Import SMS backup…"), Icon: theme.MailAttachmentIcon(), OnTapped: e.onImportSMS}
	e.progress = &widget.ProgressBar{}
	e.progLabel = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	e.cancelBtn = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: e.onCancelImport}
	e.progBox = container.NewBorder(nil, nil, nil, e.cancelBtn, container.NewVBox(e.progLabel, e.progress))
	e.progBox.Hide()
	hint := &widget.Label{Text: lang.L("Tip: drop files anywhere on this window to add them."), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	left := container.NewBorder(container.NewVBox(container.NewHBox(e.addBtn, e.recordBtn, e.smsBtn), hint, e.progBox), nil, nil, nil, e.list)
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
		e.w.u.formatDateTime(x.CapturedAt), e.formatLabel(x), exhibit.FormatSize(x.Size), x.ShortHash()}, " · "))
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
	svc, ctx := e.w.svc(), e.w.ctx
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
		e.w.u.do(func() {
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

func (e *wsEvidence) selectInList() {
	for i, x := range e.w.cf.Exhibits {
		if x.ID == e.selected {
			e.list.Select(i)
			e.list.ScrollTo(i)
		}
	}
}
