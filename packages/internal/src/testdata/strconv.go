// Command strconv answers for Go's strconv in the differential tests of @gostd/internal.
//
//	strconv quote     reads one hex-encoded string per line and prints the hex of strconv.Quote of it
//	strconv isprint   prints strconv.IsPrint of every code point 0..unicode.MaxRune as one line of 0s and 1s
//	strconv tables GOROOT  prints, as JSON, Go's own test tables quotetests (src/strconv/quote_test.go)
//	                       and atobtests (src/strconv/number_test.go) under GOROOT, each string in hex
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"unicode"
)

func main() {
	switch os.Args[1] {
	case "quote":
		in := bufio.NewScanner(os.Stdin)
		in.Buffer(make([]byte, 1<<20), 1<<26)
		out := bufio.NewWriter(os.Stdout)
		defer out.Flush()
		for in.Scan() {
			b, err := hex.DecodeString(in.Text())
			check(err)
			fmt.Fprintln(out, hex.EncodeToString([]byte(strconv.Quote(string(b)))))
		}
	case "isprint":
		b := make([]byte, unicode.MaxRune+1)
		for r := range b {
			b[r] = '0'
			if strconv.IsPrint(rune(r)) {
				b[r] = '1'
			}
		}
		os.Stdout.Write(b)
	case "tables":
		dir := filepath.Join(os.Args[2], "src", "strconv")
		out := map[string][][]string{
			"quotetests": table(filepath.Join(dir, "quote_test.go"), "quotetests"),
			"atobtests":  table(filepath.Join(dir, "number_test.go"), "atobtests"),
		}
		check(json.NewEncoder(os.Stdout).Encode(out))
	}
}

// table returns the rows of the composite literal `var name = []T{...}` in the Go file, each field as
// the hex of a string literal's value, or the source text of any other expression (true, nil, ErrSyntax).
func table(file, name string) [][]string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	check(err)
	var rows [][]string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != name {
			return true
		}
		for _, elt := range vs.Values[0].(*ast.CompositeLit).Elts {
			var row []string
			for _, field := range elt.(*ast.CompositeLit).Elts {
				if lit, ok := field.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, err := strconv.Unquote(lit.Value)
					check(err)
					row = append(row, hex.EncodeToString([]byte(s)))
				} else {
					row = append(row, fmt.Sprint(field))
				}
			}
			rows = append(rows, row)
		}
		return false
	})
	if rows == nil {
		check(fmt.Errorf("%s: no table %s", file, name))
	}
	return rows
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
