package main

import (
	"strconv"

	"github.com/anishathalye/porcupine"
)

// waitGroupModel is the sequential specification of sync.WaitGroup as Go's documentation states it
// (sync/waitgroup.go): Add adds delta to the counter, Done is Add(-1), a counter that goes negative is a
// fatal error, and Wait blocks until the counter is zero. So a wait is linearizable only at a moment of its
// call when the counter is zero: it may not return before the Done that brought the counter to zero was
// called. The state is the counter. Operations, with in and out as strings:
//
//	add N -> (nothing, or the error it threw) | done -> (the same) | wait
//
// The recorded workload follows Go's rule for reuse (positive Adds at a zero counter happen before any Wait
// of that phase), so a fatal error is never legal here.
var waitGroupModel = porcupine.Model{
	Init: func() interface{} { return 0 },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		n := state.(int)
		in := input.(op)
		out := output.([]string)
		switch in.Op {
		case "add", "done":
			d := -1
			if in.Op == "add" {
				var err error
				if d, err = strconv.Atoi(in.In[0]); err != nil {
					panic("waitgroup: add " + in.In[0])
				}
			}
			return n+d >= 0 && len(out) == 0, n + d
		case "wait":
			return n == 0 && len(out) == 0, n
		}
		panic("waitgroup: unknown operation " + in.Op)
	},
	DescribeOperation: describeOp,
	DescribeState:     func(state interface{}) string { return "counter " + strconv.Itoa(state.(int)) },
}
