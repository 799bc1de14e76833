package pdf

import "leakdesk/internal/textwrap"

// measureFunc returns the width of s in the current font.
type measureFunc = textwrap.MeasureFunc

// breakLines is the one line breaker (package textwrap), which the window
// uses too.
func breakLines(text string, width, indent float64, measure measureFunc) []string {
	return textwrap.Lines(text, width, indent, measure)
}
