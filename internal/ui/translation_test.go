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
	var shell []string
	for _, f := range files {
		if !strings.HasPrefix(f, "workspace") {
			shell = append(shell, f)
		}
	}
	keys, computed, _ := langCalls(t, shell)
	for _, pos := range computed {
		t.Errorf("%s: lang.L with a computed key", pos)
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

// langCalls reads the non-test Go files srcs and returns every key passed
// to lang.L as a literal (with where it is used), where lang.L gets a
// computed key, and how many literal calls there are.
func langCalls(t *testing.T, srcs []string) (keys map[string]string, computed []string, calls int) {
	t.Helper()
	keys = map[string]string{}
	fset := token.NewFileSet()
	for _, src := range srcs {
		if strings.HasSuffix(src, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, src, nil, 0)
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
			pos := fset.Position(call.Pos()).String()
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok {
				computed = append(computed, pos)
				return true
			}
			k, _ := strconv.Unquote(lit.Value)
			keys[k] = pos
			calls++
			return true
		})
	}
	return keys, computed, calls
}

// Issue 15 item 12: one word for the passphrase. Chinese text for the app's
// passphrase says 口令; 密码 is kept for the victim's account passwords.
func TestOnePassphraseWord(t *testing.T) {
	for _, dir := range []string{"app", "workspace"} {
		b, err := translations.ReadFile("translation/" + dir + "/zh-Hans.json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			lk := strings.ToLower(k)
			if strings.Contains(lk, "passphrase") && strings.Contains(v, "密码") {
				t.Errorf("%s: %q is translated with 密码: %q", dir, k, v)
			}
			if strings.Contains(v, "密码") && !strings.Contains(lk, "password") {
				t.Errorf("%s: %q says 密码 but is not about an account password: %q", dir, k, v)
			}
		}
	}
}

// fyneKeys are the message IDs of Fyne's own translations
// (fyne.io/fyne/v2/lang/translations/base.*.json, v2.7.1). The app's files
// are loaded into the same namespace: an app key equal to one of these
// replaces Fyne's wording in Fyne's own widgets. "Open", a case status
// here, turned the file dialog's title and button into 进行中 (issue 15
// item 6).
var fyneKeys = []string{"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename", "Error",
	"Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo", "Save", "Select all",
	"Show Hidden Files", "Undo", "Yes", "file.name", "file.parent",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// Keys the app shares with Fyne on purpose: the same meaning, and Fyne's
// own Chinese wording except 撤销, the standard form of Fyne's 撤消, which
// the entries' context menu then uses too.
var sharedWithFyne = map[string]string{"Cancel": "取消", "Copy": "复制", "Save": "保存", "Quit": "退出", "Undo": "撤销"}

func TestAppKeysStayOutOfFynesNamespace(t *testing.T) {
	for _, dir := range []string{"app", "workspace"} {
		b, err := translations.ReadFile("translation/" + dir + "/zh-Hans.json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range fyneKeys {
			v, ok := m[k]
			if !ok {
				continue
			}
			if want, shared := sharedWithFyne[k]; !shared || v != want {
				t.Errorf("%s: key %q (%q) overrides Fyne's own translation; give the app's text its own key", dir, k, v)
			}
		}
	}
}
