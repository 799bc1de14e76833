package main

import (
	"errors"
	"io"
)

// runGUI is a placeholder until the desktop app lands; the UI engineer owns
// this file and replaces it.
func runGUI(dataDir string, lang string, stderr io.Writer) error {
	return errors.New("GUI not built yet")
}
