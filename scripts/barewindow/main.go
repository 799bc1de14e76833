// Command barewindow is the yardstick for leakdesk's start-up: a Fyne
// window with one label, the same size, timed the same way
// (scripts/measure-startup.sh).
package main

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("org.leakdesk.barewindow")
	w := a.NewWindow("bare")
	w.Resize(fyne.NewSize(1100, 720))
	w.SetContent(widget.NewLabel("leakdesk"))
	a.Lifecycle().SetOnStarted(func() {
		fyne.Do(func() {
			fmt.Fprintf(os.Stderr, "leakdesk: first frame at %d\n", time.Now().UnixNano())
		})
	})
	w.ShowAndRun()
}
