package main

import (
	"fmt"
	"strings"

	"github.com/anishathalye/porcupine"
)

// onceState is one sync.Once: whether f has run, and the value the f that ran wrote.
type onceState struct {
	done  bool
	value string
}

// onceModel is the sequential specification of sync.Once as Go's documentation states it (sync/once.go):
// Do calls f if and only if Do is being called for the first time for this Once, and "no call to Do returns
// until the one call to f returns". Each f writes its caller's own value into plain shared memory, and after
// Do returns its caller reads that memory back. So, at the moment a Do takes effect, either nobody's f has
// run and this call's f runs to completion (ran true, and it reads back its own value), or one f has
// completed before (ran false, and it reads that f's value). Several Onces share a history, one per id:
//
//	do ID MINE -> RAN SEEN
var onceModel = porcupine.Model{
	Partition: func(history []porcupine.Operation) [][]porcupine.Operation {
		ids, byID, _ := byFirstInput(history, "")
		parts := make([][]porcupine.Operation, 0, len(ids))
		for _, id := range ids {
			parts = append(parts, byID[id])
		}
		return parts
	},
	Init: func() interface{} { return onceState{} },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		s := state.(onceState)
		in := input.(op)
		out := output.([]string)
		if in.Op != "do" {
			panic("once: unknown operation " + in.Op)
		}
		if !s.done {
			return same(out, "true", in.In[1]), onceState{true, in.In[1]}
		}
		return same(out, "false", s.value), s
	},
	DescribeOperation: func(input, output interface{}) string {
		in := input.(op)
		return fmt.Sprintf("%d: do(%s) -> ran %s", in.Client, strings.Join(in.In, ", "), strings.Join(output.([]string), ", saw "))
	},
	DescribeState: func(state interface{}) string {
		if s := state.(onceState); s.done {
			return "done, f wrote " + s.value
		}
		return "f not run"
	},
}
