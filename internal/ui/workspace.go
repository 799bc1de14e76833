package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// workspace is a placeholder until the case workspace lands; the workspace
// engineer owns this file from here on.
type workspace struct {
	u      *appUI
	caseID int64
}

func newWorkspace(u *appUI, caseID int64) (*workspace, fyne.CanvasObject) {
	w := &workspace{u: u, caseID: caseID}
	return w, widget.NewLabel(fmt.Sprintf("%s #%d", lang.L("Case"), caseID))
}
