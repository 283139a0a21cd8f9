// Command linearizability checks concurrent histories with porcupine, the checker etcd runs on its own
// histories, against a sequential model written here. It is the oracle of src/linearizability.test.ts.
//
// Standard input holds one history per line, as JSON:
//
//	{"name": "w4-17", "model": "syncmap", "ops": [{"c": 0, "op": "store", "in": ["i1", "2"], "out": [], "call": 5, "ret": 8}, ...]}
//
// c is the worker that made the call; call and ret are the times, on one clock shared by every worker, at
// which the operation was called and returned; in and out are its arguments and results as strings. For
// each history it prints one line, "NAME ok", "NAME illegal" or "NAME unknown" (the check timed out), and
// for an illegal history with -viz DIR it writes porcupine's HTML visualization to DIR/NAME.html. A model
// is a porcupine.Model that reads those strings (models, below): sync.Map's (syncmap.go), sync.Mutex's
// (mutex.go), sync.RWMutex's (rwmutex.go), sync.WaitGroup's (waitgroup.go) and sync.Once's (once.go).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/anishathalye/porcupine"
)

// op is one operation of a history as the recorder writes it.
type op struct {
	Client int      `json:"c"`
	Op     string   `json:"op"`
	In     []string `json:"in"`
	Out    []string `json:"out"`
	Call   int64    `json:"call"`
	Ret    int64    `json:"ret"`
}

// describeOp is the DescribeOperation of the models whose operations read as calls:
// "CLIENT: OP(IN...) -> OUT...".
func describeOp(input, output interface{}) string {
	in := input.(op)
	return fmt.Sprintf("%d: %s(%s) -> %s", in.Client, in.Op, strings.Join(in.In, ", "), strings.Join(output.([]string), " "))
}

// history is one line of input.
type history struct {
	Name  string `json:"name"`
	Model string `json:"model"`
	Ops   []op   `json:"ops"`
}

// models are the sequential specifications a history can be checked against, by name.
var models = map[string]porcupine.Model{
	"syncmap":   syncMapModel,
	"mutex":     mutexModel,
	"rwmutex":   rwMutexModel,
	"waitgroup": waitGroupModel,
	"once":      onceModel,
}

func main() {
	timeout := flag.Duration("timeout", 10*time.Second, "the longest one history may take to check")
	viz := flag.String("viz", "", "a directory for the visualization of every illegal history")
	flag.Parse()
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<28)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var h history
		if err := json.Unmarshal(in.Bytes(), &h); err != nil {
			fmt.Fprintln(os.Stderr, "linearizability:", err)
			os.Exit(2)
		}
		model, ok := models[h.Model]
		if !ok {
			fmt.Fprintf(os.Stderr, "linearizability: %s: no model %q\n", h.Name, h.Model)
			os.Exit(2)
		}
		ops := make([]porcupine.Operation, len(h.Ops))
		for i, o := range h.Ops {
			ops[i] = porcupine.Operation{ClientId: o.Client, Input: o, Call: o.Call, Output: o.Out, Return: o.Ret}
		}
		res, info := porcupine.CheckOperationsVerbose(model, ops, *timeout)
		switch res {
		case porcupine.Ok:
			fmt.Fprintln(out, h.Name, "ok")
		case porcupine.Illegal:
			fmt.Fprintln(out, h.Name, "illegal")
			if *viz != "" {
				file := filepath.Join(*viz, h.Name+".html")
				if err := porcupine.VisualizePath(model, info, file); err != nil {
					fmt.Fprintln(os.Stderr, "linearizability:", err)
				}
			}
		default:
			fmt.Fprintln(out, h.Name, "unknown")
		}
		out.Flush()
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "linearizability:", err)
		os.Exit(2)
	}
}
