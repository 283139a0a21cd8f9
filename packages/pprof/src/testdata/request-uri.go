// request-uri parses request targets as Go's HTTP server does, for the
// differential test of parseRequestTarget (src/request-target.test.ts).
// Input: one JSON string per line. Output: one JSON object per line,
// {"err": Go's error or "", "path": r.URL.Path, "opaque": true when there is no path}.
// Go 1.26's default for a module (GOPATH mode would pick the lenient old one).
//go:debug urlstrictcolons=1
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"net/url"
	"os"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var target string
		if err := json.Unmarshal(in.Bytes(), &target); err != nil {
			panic(err)
		}
		row := struct {
			Err    string `json:"err"`
			Path   []byte `json:"path"`
			Opaque bool   `json:"opaque"`
		}{}
		u, err := url.ParseRequestURI(target)
		if err != nil {
			var ue *url.Error
			if errors.As(err, &ue) {
				err = ue.Err
			}
			row.Err = err.Error()
		} else {
			row.Path = []byte(u.Path)
			row.Opaque = u.Opaque != "" || target == "*"
		}
		if err := out.Encode(row); err != nil {
			panic(err)
		}
	}
}
