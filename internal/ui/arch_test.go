package ui

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

type goPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// listPackages runs `go list -json` and decodes its stream of packages.
func listPackages(t *testing.T, args ...string) []goPackage {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not on PATH")
	}
	cmd := exec.Command("go", append([]string{"list", "-json"}, args...)...)
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go list: %v\n%s", err, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []goPackage
	for {
		var p goPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// The arrows of docs/architecture.md: the domain never knows the toolkit, and
// the UI reaches the data only through the domain (export arrives as a
// function), so the store and the PDF library can change under it.
func TestArchitecture(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, p := range listPackages(t, "-deps=false", "leakdesk/internal/incident/...") {
		for _, d := range listPackages(t, "-deps", p.ImportPath) {
			if strings.HasPrefix(d.ImportPath, "fyne.io/") {
				t.Errorf("%s depends on %s: the domain must not know the UI toolkit", p.ImportPath, d.ImportPath)
				break
			}
		}
	}
	forbidden := []string{"database/sql", "modernc.org/sqlite", "leakdesk/internal/incident/sqlite",
		"github.com/jung-kurt/gofpdf", "codeberg.org/go-pdf/fpdf", "github.com/go-pdf/fpdf", "leakdesk/internal/report/pdf"}
	for _, d := range listPackages(t, "-deps", "leakdesk/internal/ui") {
		for _, f := range forbidden {
			if d.ImportPath == f || strings.HasPrefix(d.ImportPath, f+"/") {
				t.Errorf("internal/ui depends on %s (through its imports); it must go through internal/incident", d.ImportPath)
			}
		}
	}
}
