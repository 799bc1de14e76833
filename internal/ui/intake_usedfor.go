package ui

import (
	"maps"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leakdesk/internal/incident/playbook"
)

// usedForView asks, under "What has happened", what each item ticked on the
// first screen was used for (playbook.UsedForQuestion). It is optional:
// nothing ticked means not answered, and the documents then say nothing
// about it. With no item ticked there is nothing to ask.
func (w *intakeWizard) usedForView() fyne.CanvasObject {
	q := playbook.UsedForQuestion()
	code := w.u.lang()
	box := container.NewVBox()
	for _, item := range w.leakedOptions() {
		key := item.Key
		checks := container.NewGridWithColumns(3)
		for _, o := range q.Options {
			use := o.Key
			chk := w.newCheck(o.Label.In(code), slices.Contains(w.answers.UsedFor[key], use))
			chk.OnChanged = func(on bool) { w.setUsedFor(key, use, on) }
			checks.Add(chk)
		}
		box.Add(&widget.Label{Text: item.Label.In(code), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
		box.Add(checks)
	}
	if len(box.Objects) == 0 {
		return box
	}
	head := container.NewVBox(widget.NewSeparator(),
		&widget.Label{Text: q.Prompt.In(code), SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: q.Help.In(code), Wrapping: fyne.TextWrapWord})
	return container.NewVBox(head, box)
}

// leakedOptions are the "leaked" options the user ticked, in the
// question's order.
func (w *intakeWizard) leakedOptions() []playbook.Option {
	var out []playbook.Option
	for _, q := range w.questions {
		if q.Key != "leaked" {
			continue
		}
		for _, o := range q.Options {
			if slices.Contains(w.answers.Leaked, o.Key) {
				out = append(out, o)
			}
		}
	}
	return out
}

func (w *intakeWizard) setUsedFor(item, use string, on bool) {
	m := maps.Clone(w.answers.UsedFor)
	if m == nil {
		m = map[string][]string{}
	}
	list := slices.DeleteFunc(slices.Clone(m[item]), func(s string) bool { return s == use })
	if on {
		list = append(list, use)
	}
	if len(list) == 0 {
		delete(m, item)
	} else {
		m[item] = list
	}
	if len(m) == 0 {
		m = nil
	}
	w.answers.UsedFor = m
	w.saveDraft()
}

// usedForAnswers are the uses of the items still ticked as leaked: an
// item unticked after its use was given takes its use with it.
func (w *intakeWizard) usedForAnswers() map[string][]string {
	var out map[string][]string
	for item, uses := range w.answers.UsedFor {
		if len(uses) == 0 || !slices.Contains(w.answers.Leaked, item) {
			continue
		}
		if out == nil {
			out = map[string][]string{}
		}
		out[item] = slices.Clone(uses)
	}
	return out
}
