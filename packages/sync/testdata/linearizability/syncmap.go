package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/anishathalye/porcupine"
)

// entry is the state of one key of a sync.Map: whether it is present, and its value.
type entry struct {
	present bool
	value   string
}

// syncMapModel is the sequential specification of sync.Map's single-key operations, as Go's documentation
// states them (sync/map.go), on one key: histories are partitioned by key, which is sound because every
// operation but Clear touches one key. Values are compared as strings, as CompareAndSwap compares them with
// ==. Operations, with in = [key, args...] and out = results:
//
//	load K -> V ok | store K V | loadOrStore K V -> actual loaded | loadAndDelete K -> V loaded | delete K
//	swap K V -> previous loaded | compareAndSwap K OLD NEW -> swapped | compareAndDelete K OLD -> deleted
//	clear
//
// A missing value is "nil". clear is checked as what SharedMap documents: every key is deleted at some
// moment of the call (Go's Clear swaps the whole map at once; README, Deviations): it becomes a delete of
// each key of the history, with the clear's call and return times.
var syncMapModel = porcupine.Model{
	Partition: func(history []porcupine.Operation) [][]porcupine.Operation {
		byKey := map[string][]porcupine.Operation{}
		var clears []porcupine.Operation
		for _, o := range history {
			in := o.Input.(op)
			if in.Op == "clear" {
				clears = append(clears, o)
				continue
			}
			byKey[in.In[0]] = append(byKey[in.In[0]], o)
		}
		keys := make([]string, 0, len(byKey))
		for k := range byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([][]porcupine.Operation, 0, len(keys))
		for _, k := range keys {
			part := byKey[k]
			for _, c := range clears {
				d := c
				in := c.Input.(op)
				d.Input = op{Client: in.Client, Op: "delete", In: []string{k}, Call: in.Call, Ret: in.Ret}
				part = append(part, d)
			}
			parts = append(parts, part)
		}
		return parts
	},
	Init: func() interface{} { return entry{} },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		s := state.(entry)
		in := input.(op)
		out := output.([]string)
		if in.Op == "delete" || in.Op == "clear" {
			return true, entry{}
		}
		// The value s holds and whether it is there, as Load reports them.
		cur := []string{"nil", "false"}
		if s.present {
			cur = []string{s.value, "true"}
		}
		switch in.Op {
		case "load":
			return same(out, cur...), s
		case "store":
			return true, entry{true, in.In[1]}
		case "loadOrStore":
			if s.present {
				return same(out, s.value, "true"), s
			}
			return same(out, in.In[1], "false"), entry{true, in.In[1]}
		case "loadAndDelete":
			return same(out, cur...), entry{}
		case "swap":
			return same(out, cur...), entry{true, in.In[1]}
		case "compareAndSwap":
			if s.present && s.value == in.In[1] {
				return same(out, "true"), entry{true, in.In[2]}
			}
			return same(out, "false"), s
		case "compareAndDelete":
			if s.present && s.value == in.In[1] {
				return same(out, "true"), entry{}
			}
			return same(out, "false"), s
		}
		panic("syncmap: unknown operation " + in.Op)
	},
	DescribeOperation: func(input, output interface{}) string {
		in := input.(op)
		return fmt.Sprintf("%s(%s) -> %s", in.Op, strings.Join(in.In, ", "), strings.Join(output.([]string), " "))
	},
	DescribeState: func(state interface{}) string {
		if s := state.(entry); s.present {
			return s.value
		}
		return "(absent)"
	},
}

// same reports whether got holds exactly want.
func same(got []string, want ...string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}
