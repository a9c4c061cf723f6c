package web

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestEveryErrorHasEnglish fails naming every message of a user error in the module's Go
// source that has no English, so that an English reader never gets a Vietnamese error, and
// every message that is not a literal, whose English cannot be checked.
func TestEveryErrorHasEnglish(t *testing.T) {
	keys, dynamic := errorKeys(t, filepath.Join("..", ".."))
	for _, pos := range dynamic {
		t.Errorf("%s: the message of the error is not a literal, so its English cannot be checked", pos)
	}
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for key, pos := range keys {
		en, ok := english[key]
		switch {
		case !ok && strings.IndexFunc(key, unicode.IsLetter) >= 0 && strings.Trim(key, "%sdvq: .") != "":
			t.Errorf("%s: no English for %q", pos, key)
		case ok && !slices.Equal(verbs.FindAllString(key, -1), verbs.FindAllString(en, -1)):
			// The arguments come in the key's order, so the English takes the same verbs.
			t.Errorf("%s: the English of %q has other verbs: %q", pos, key, en)
		}
	}
}

// errorMakers are the functions of the root package that make a user error from a format,
// with the index of the format among their arguments.
var errorMakers = map[string]int{"Errorf": 1, "FieldError": 1}

// errorKeys parses the non-test Go files under root and returns the message keys of the
// user errors they make, each with a position where it is written, and the positions of
// messages that are not literals. A message is the format of a call of tuyengiao.Errorf or
// FieldError, or of a function of the same package that passes its own format parameter on
// to one of them, or the Key of a tuyengiao.Error literal.
func errorKeys(t *testing.T, root string) (map[string]string, []string) {
	fset := gotoken.NewFileSet()
	packages := map[string][]*ast.File{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err == nil {
			packages[filepath.Dir(path)] = append(packages[filepath.Dir(path)], f)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	keys, dynamic := map[string]string{}, []string(nil)
	for dir, files := range packages {
		makers := map[string]int{}
		if dir == root {
			makers = errorMakers
		}
		wrappers := formatWrappers(files, makers)
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				format := messageOf(n, wrappers, f)
				if format == nil {
					return true
				}
				if id, ok := format.(*ast.Ident); ok && id.Name == "format" {
					return true
				}
				lit, ok := format.(*ast.BasicLit)
				if !ok || lit.Kind != gotoken.STRING {
					dynamic = append(dynamic, fset.Position(format.Pos()).String())
					return true
				}
				key, _ := strconv.Unquote(lit.Value)
				keys[key] = fset.Position(lit.Pos()).String()
				return true
			})
		}
	}
	return keys, dynamic
}

// formatWrappers returns the error makers a package calls by their bare names: makers, and
// its functions (declared or assigned to a name) that take a parameter format and pass it
// on as the message of an error.
func formatWrappers(files []*ast.File, makers map[string]int) map[string]int {
	wrappers := map[string]int{}
	for name, i := range makers {
		wrappers[name] = i
	}
	for grew := true; grew; {
		grew = false
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				name, fn := namedFunc(n)
				if fn == nil {
					return true
				}
				if _, known := wrappers[name]; known {
					return true
				}
				if i := formatParam(fn.Type); i >= 0 && passesFormat(fn.Body, wrappers, f) {
					wrappers[name], grew = i, true
				}
				return true
			})
		}
	}
	return wrappers
}

// namedFunc returns the name and the function of a declaration or of a function literal
// assigned to a name.
func namedFunc(n ast.Node) (string, *ast.FuncLit) {
	switch n := n.(type) {
	case *ast.FuncDecl:
		if n.Body != nil {
			return n.Name.Name, &ast.FuncLit{Type: n.Type, Body: n.Body}
		}
	case *ast.AssignStmt:
		if id, ok := n.Lhs[0].(*ast.Ident); ok && len(n.Lhs) == 1 {
			if fn, ok := n.Rhs[0].(*ast.FuncLit); ok {
				return id.Name, fn
			}
		}
	}
	return "", nil
}

// formatParam returns the index of the parameter named format, -1 when there is none.
func formatParam(ft *ast.FuncType) int {
	i := 0
	for _, field := range ft.Params.List {
		for _, name := range field.Names {
			if name.Name == "format" {
				return i
			}
			i++
		}
	}
	return -1
}

// passesFormat reports whether body makes an error whose message is the parameter format.
func passesFormat(body *ast.BlockStmt, wrappers map[string]int, f *ast.File) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := messageOf(n, wrappers, f).(*ast.Ident); ok && id.Name == "format" {
			found = true
		}
		return !found
	})
	return found
}

// messageOf returns the expression of the message of the error n makes: the format of a
// call of an error maker or wrapper, the Key of an Error literal; nil when n makes none.
func messageOf(n ast.Node, wrappers map[string]int, f *ast.File) ast.Expr {
	switch n := n.(type) {
	case *ast.CallExpr:
		name, i := calledMaker(n.Fun, wrappers, f)
		if name != "" && i < len(n.Args) {
			return n.Args[i]
		}
	case *ast.CompositeLit:
		if !isErrorType(n.Type) {
			return nil
		}
		for _, el := range n.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Key" {
					return kv.Value
				}
			}
		}
	}
	return nil
}

// calledMaker returns the name of the error maker or wrapper that fun names, with the index
// of its format; "" when fun is something else.
func calledMaker(fun ast.Expr, wrappers map[string]int, f *ast.File) (string, int) {
	switch fun := fun.(type) {
	case *ast.Ident:
		if i, ok := wrappers[fun.Name]; ok {
			return fun.Name, i
		}
	case *ast.SelectorExpr:
		x, _ := fun.X.(*ast.Ident)
		if x != nil && x.Name == "tuyengiao" {
			if i, ok := errorMakers[fun.Sel.Name]; ok {
				return fun.Sel.Name, i
			}
			return "", 0
		}
		if i, ok := wrappers[fun.Sel.Name]; ok && (x == nil || !imports(f, x.Name)) {
			return fun.Sel.Name, i
		}
	}
	return "", 0
}

// isErrorType reports whether t names the type tuyengiao.Error (Error in the root package).
func isErrorType(t ast.Expr) bool {
	switch t := t.(type) {
	case *ast.SelectorExpr:
		x, ok := t.X.(*ast.Ident)
		return ok && x.Name == "tuyengiao" && t.Sel.Name == "Error"
	case *ast.Ident:
		return t.Name == "Error"
	}
	return false
}

// imports reports whether f imports a package under the name.
func imports(f *ast.File, name string) bool {
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if imp.Name != nil && imp.Name.Name == name || imp.Name == nil && filepath.Base(path) == name {
			return true
		}
	}
	return false
}
