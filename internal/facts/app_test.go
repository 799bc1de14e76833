package facts

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The app's wording lives in Go string literals and in the UI translation
// files. §6 of issue 9: a legal reference (article, document number,
// hotline, address, statute or regulator name) is written only in the
// register; the wording holds {placeholders}. These tests read the source
// as written, so they also cover texts no other test happens to render.

// scannedDirs are the packages whose literals are wording. internal/report
// is scanned at run time instead (its generated packets, in its own tests)
// while its statement table moves its citations to placeholders.
var scannedDirs = []string{
	"../incident", "../incident/playbook", "../incident/severity", "../incident/source",
	"../ui", "../../cmd/leakdesk", "../report", "../report/export", "../report/pdf",
}

// literalAllowed are literals that are keys, not wording: the playbook's
// channel keys (each a registered hotline, checked in the playbook tests).
func literalAllowed(s string) bool {
	if f, ok := byTextExact(s); ok && f.Printable() && strings.HasPrefix(f.ID, "hotline.") {
		return true
	}
	return false
}

func byTextExact(s string) (Fact, bool) {
	for _, id := range order {
		if f := byID[id]; f.ZH == s {
			return f, true
		}
	}
	return Fact{}, false
}

func TestGoLiteralsCiteOnlyTheRegister(t *testing.T) {
	n := 0
	for _, dir := range scannedDirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			af, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(af, func(nd ast.Node) bool {
				lit, ok := nd.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil || literalAllowed(s) {
					return true
				}
				n++
				for _, p := range CheckSource(s) {
					t.Errorf("%s: %q: %s", fset.Position(lit.Pos()), p.Text, p.Reason)
				}
				return true
			})
		}
	}
	if n < 500 {
		t.Errorf("scanned only %d literals; the scan is broken", n)
	}
}

func TestTranslationsCiteOnlyTheRegister(t *testing.T) {
	files, _ := filepath.Glob("../ui/translation/*/*.json")
	if len(files) < 4 {
		t.Fatalf("found %d translation files", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			for _, s := range []string{k, m[k]} {
				for _, p := range CheckSource(s) {
					t.Errorf("%s: %q: %q: %s", f, k, p.Text, p.Reason)
				}
			}
		}
	}
}
