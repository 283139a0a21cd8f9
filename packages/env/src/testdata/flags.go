// Oracle for flags.test.ts: Go's flag package parsing the command line of `go env`, whose flags are the
// booleans -json, -changed, -u and -w (cmd/go/internal/envcmd). Each input line is a JSON array of
// arguments; each output line is a JSON object: {"help":true} for flag.ErrHelp, {"err":"..."} for another
// error (the message Go prints before the usage), else {"set":{...},"args":[...]}.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
)

type result struct {
	Help bool            `json:"help,omitempty"`
	Err  string          `json:"err,omitempty"`
	Set  map[string]bool `json:"set,omitempty"`
	Args []string        `json:"args,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var argv []string
		if err := json.Unmarshal(in.Bytes(), &argv); err != nil {
			panic(err)
		}
		fs := flag.NewFlagSet("env", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		set := map[string]*bool{}
		for _, name := range []string{"json", "changed", "u", "w"} {
			set[name] = fs.Bool(name, false, "")
		}
		var r result
		switch err := fs.Parse(argv); {
		case errors.Is(err, flag.ErrHelp):
			r.Help = true
		case err != nil:
			r.Err = err.Error()
		default:
			r.Set = map[string]bool{}
			for name, v := range set {
				r.Set[name] = *v
			}
			r.Args = fs.Args()
		}
		if err := enc.Encode(r); err != nil {
			panic(err)
		}
	}
}
