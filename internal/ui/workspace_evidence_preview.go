// The preview pane: a decoded image or the text of an exhibit, prepared off
// the UI goroutine and drawn on it.

package ui

import (
	"context"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/simplifiedchinese"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/exhibit"
)

// loadPreview reads the exhibit off the UI goroutine and shows what fits
// its type; anything else shows its description only.
func (e *wsEvidence) loadPreview(x incident.Exhibit) {
	svc, ctx := e.w.svc(), e.w.ctx
	e.w.jobs.add(func() {
		obj := buildPreview(svc, ctx, x)
		e.w.u.do(func() {
			if e.selected != x.ID {
				return
			}
			e.preview.Objects = []fyne.CanvasObject{obj()}
			e.preview.Refresh()
		})
	}, true)
}

// buildPreview does the slow part (reading, decoding) and returns a function
// that builds the widgets on the UI goroutine. Every text is looked up in
// that function too: a language switch replaces Fyne's translations on the
// UI goroutine, and lang has no lock (issue 11 §4).
func buildPreview(svc *incident.Service, ctx context.Context, x incident.Exhibit) func() fyne.CanvasObject {
	cannot := func(why func() string) func() fyne.CanvasObject {
		return func() fyne.CanvasObject {
			return container.NewVBox(&widget.Label{Text: lang.L("Cannot preview"), TextStyle: fyne.TextStyle{Bold: true}},
				&widget.Label{Text: why(), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
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
	if isRecording(x) {
		return recordingPreview(x)
	}
	if exhibit.IsMHTML(ct) || exhibit.IsHTML(ct) || exhibit.IsDOCX(ct) || exhibit.IsSMSBackup(ct) {
		r, err := svc.OpenExhibit(ctx, x.ID)
		if err != nil {
			return cannot(func() string { return lang.L("The stored file could not be read.") })
		}
		defer r.Close()
		b, _ := io.ReadAll(io.LimitReader(r, exhibit.MaxWebPageBytes))
		if f, ok := printTextPreview(b, ct); ok {
			return f
		}
	}
	switch {
	case exhibit.IsImage(ct):
		if !exhibit.Decodable(ct) {
			return cannot(func() string {
				return lang.L("This image format is stored and fingerprinted, but the app cannot show it.")
			})
		}
		img, err := decodeExhibitImage(svc, ctx, x.ID, previewPx)
		if errors.Is(err, exhibit.ErrTooManyPixels) {
			return cannot(func() string {
				return lang.L("The image declares more pixels than the app will decode safely. It is stored and fingerprinted unchanged.")
			})
		}
		if err != nil {
			logError("previewing exhibit", err)
			return cannot(func() string {
				return lang.L("The image is damaged or cannot be decoded. It is stored and fingerprinted unchanged.")
			})
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
			return cannot(func() string { return lang.L("The stored file could not be read.") })
		}
		defer r.Close()
		em, err := exhibit.ParseEmail(r, 0)
		if err != nil {
			return cannot(func() string { return lang.L("This does not read as an e-mail.") })
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
			return cannot(func() string { return lang.L("The stored file could not be read.") })
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
