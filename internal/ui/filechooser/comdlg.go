package filechooser

import (
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// The Windows common dialog's strings, kept free of build tags so every
// platform's tests check them.

// comdlgFilter is lpstrFilter: pairs of "label\0patterns\0", patterns
// joined by ";", and a final NUL.
func comdlgFilter(fs []Filter) string {
	if len(fs) == 0 {
		return ""
	}
	var b strings.Builder
	for _, f := range fs {
		pats := strings.Join(f.Patterns, ";")
		b.WriteString(f.Name)
		if f.Name != pats {
			b.WriteString(" (" + pats + ")")
		}
		b.WriteString("\x00" + pats + "\x00")
	}
	return b.String() + "\x00"
}

// comdlgPaths reads the file buffer the dialog filled: one full path, or
// with several files chosen (OFN_ALLOWMULTISELECT|OFN_EXPLORER) the folder
// and then each name, NUL-separated, ending in an empty string.
func comdlgPaths(buf []string) []string {
	var parts []string
	for _, p := range buf {
		if p == "" {
			break
		}
		parts = append(parts, p)
	}
	switch len(parts) {
	case 0:
		return nil
	case 1:
		return parts
	}
	out := make([]string, 0, len(parts)-1)
	for _, name := range parts[1:] {
		out = append(out, filepath.Join(parts[0], name))
	}
	return out
}

// splitNUL cuts the dialog's UTF-16 buffer at each NUL, up to the double
// NUL.
func splitNUL(buf []uint16) []string {
	var out []string
	start := 0
	for i, c := range buf {
		if c != 0 {
			continue
		}
		s := string(utf16.Decode(buf[start:i]))
		out = append(out, s)
		if s == "" {
			break
		}
		start = i + 1
	}
	return out
}
