package main

import (
	"strconv"

	"github.com/anishathalye/porcupine"
)

// mutexState is a lock and the register its critical sections read and write: owner is the client that
// holds the lock (-1: nobody), value what the register holds.
type mutexState struct {
	owner int
	value string
}

// mutexModel is the sequential specification of sync.Mutex as Go's documentation states it
// (sync/mutex.go): Lock blocks until the lock is available, so a Lock returns only while nobody holds the
// mutex and then its caller does; TryLock that reports true took a free mutex; Unlock of an unlocked mutex
// is a fatal error. The register is a plain (non-atomic) word that only the holder reads and writes, so
// every read sees the holder's last write before it or, without one, the previous holder's last write:
// the mutex makes the critical sections atomic. Operations, with in and out as strings:
//
//	lock MODE (lockSync or lock) | tryLock -> true|false | unlock -> (nothing, or the error it threw)
//	read -> V | write V
//
// A TryLock that reports false is legal at any moment: Go's TryLock (internal/sync/mutex.go) also fails
// when its compare-and-swap loses to a change of the waiter count, or while the mutex is starving and
// unlocked, and this package's tryLock does the same.
var mutexModel = porcupine.Model{
	Init: func() interface{} { return mutexState{owner: -1, value: "0"} },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		s := state.(mutexState)
		in := input.(op)
		out := output.([]string)
		switch in.Op {
		case "lock":
			if s.owner != -1 || len(out) != 0 {
				return false, s
			}
			return true, mutexState{in.Client, s.value}
		case "tryLock":
			if same(out, "false") {
				return true, s
			}
			if s.owner != -1 || !same(out, "true") {
				return false, s
			}
			return true, mutexState{in.Client, s.value}
		case "unlock":
			return s.owner == in.Client && len(out) == 0, mutexState{-1, s.value}
		case "read":
			return s.owner == in.Client && same(out, s.value), s
		case "write":
			return s.owner == in.Client, mutexState{s.owner, in.In[0]}
		}
		panic("mutex: unknown operation " + in.Op)
	},
	DescribeOperation: describeOp,
	DescribeState: func(state interface{}) string {
		s := state.(mutexState)
		if s.owner == -1 {
			return "unlocked, register " + s.value
		}
		return "held by " + strconv.Itoa(s.owner) + ", register " + s.value
	},
}
