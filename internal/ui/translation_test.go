package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Every string the shell shows through lang.L has a Chinese and an English
// entry, so a missing translation fails here rather than showing English
// to a Chinese reader. (The workspace checks its own files.)
func TestTranslationsComplete(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	keys := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasPrefix(f, "workspace") || strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "L" {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok {
				t.Errorf("%s: lang.L with a computed key", fset.Position(call.Pos()))
				return true
			}
			k, _ := strconv.Unquote(lit.Value)
			keys[k] = fset.Position(call.Pos()).String()
			return true
		})
	}
	for _, name := range []string{"zh-Hans.json", "en.json"} {
		b, err := translations.ReadFile("translation/app/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, pos := range keys {
			if strings.TrimSpace(m[k]) == "" {
				t.Errorf("%s has no entry for %q (%s)", name, k, pos)
			}
		}
		for k := range m {
			if _, ok := keys[k]; !ok {
				t.Errorf("%s has an unused entry %q", name, k)
			}
		}
	}
}
