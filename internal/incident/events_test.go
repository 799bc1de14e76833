package incident

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Every event kind has a label in both languages, once.
func TestEventKindsLabelled(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range EventKinds() {
		if seen[k.Kind] {
			t.Errorf("%s listed twice", k.Kind)
		}
		seen[k.Kind] = true
		if k.ZH == "" || k.EN == "" || k.ZH == k.Kind || k.EN == k.Kind {
			t.Errorf("%s: labels %q / %q", k.Kind, k.ZH, k.EN)
		}
		for _, lang := range []string{"zh", "en"} {
			if l, ok := EventLabel(k.Kind, lang); !ok || l == k.Kind {
				t.Errorf("EventLabel(%s, %s) = %q, %v", k.Kind, lang, l, ok)
			}
		}
	}
	if l, ok := EventLabel("future.kind", "zh"); ok || l != "future.kind" {
		t.Errorf("unknown kind: %q, %v", l, ok)
	}
}

// Every kind the service records has a label: the service code names kinds
// only by the Event* constants (checked here from the source), and the
// generic child records ("leaked", "account", ...) have a label for each verb.
// txn.record also refuses an unlabelled kind at run time.
func TestEveryRecordedKindHasALabel(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	consts := map[string]string{}
	var calls []*ast.CallExpr
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.ValueSpec:
				for i, id := range x.Names {
					if strings.HasPrefix(id.Name, "Event") && i < len(x.Values) {
						if lit, ok := x.Values[i].(*ast.BasicLit); ok {
							consts[id.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			case *ast.CallExpr:
				calls = append(calls, x)
			}
			return true
		})
	}
	if len(consts) != len(EventKinds()) {
		t.Errorf("%d Event* constants, %d labelled kinds", len(consts), len(EventKinds()))
	}
	for _, v := range consts {
		if !knownEventKind(v) {
			t.Errorf("constant %q has no label", v)
		}
	}
	records := 0
	for _, c := range calls {
		sel, ok := c.Fun.(*ast.SelectorExpr)
		if !ok {
			continue
		}
		switch sel.Sel.Name {
		case "record":
			records++
			switch k := c.Args[1].(type) {
			case *ast.Ident:
				if _, ok := consts[k.Name]; !ok && k.Name != "kind" {
					t.Errorf("%s: record(%s): not an Event* constant", fset.Position(c.Pos()), k.Name)
				}
			case *ast.BinaryExpr: // saveChild/deleteChild: noun + verb, checked below
			default:
				t.Errorf("%s: record with a kind that is not an Event* constant", fset.Position(c.Pos()))
			}
		case "saveChild", "deleteChild":
			arg := c.Args[2]
			if sel.Sel.Name == "deleteChild" {
				arg = c.Args[1]
			}
			lit, ok := arg.(*ast.BasicLit)
			if !ok {
				t.Errorf("%s: %s without a literal noun", fset.Position(c.Pos()), sel.Sel.Name)
				continue
			}
			noun, _ := strconv.Unquote(lit.Value)
			verbs := []string{".added", ".updated"}
			if sel.Sel.Name == "deleteChild" {
				verbs = []string{".deleted"}
			}
			for _, v := range verbs {
				if !knownEventKind(noun + v) {
					t.Errorf("%s: %s%s has no label", fset.Position(c.Pos()), noun, v)
				}
			}
		}
	}
	if records < 10 {
		t.Fatalf("found only %d record calls; the scan is broken", records)
	}
}
