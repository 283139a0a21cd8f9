package main

import (
	"fmt"
	"strconv"

	"github.com/anishathalye/porcupine"
)

// rwMutexState is a reader/writer lock and the register its critical sections use: writer is the client
// that holds the write lock (-1: nobody), readers the set of clients holding a read lock (bit c for client
// c; the harness runs at most 8 workers), value what the register holds.
type rwMutexState struct {
	writer  int
	readers uint64
	value   string
}

// rwMutexModel is the sequential specification of sync.RWMutex as Go's documentation states it
// (sync/rwmutex.go): the lock can be held by an arbitrary number of readers or a single writer. Lock
// returns only while nobody holds the lock, RLock only while no writer does; TryLock and TryRLock that
// report true took the lock under the same conditions. The register is a plain word that the writer reads
// and writes and readers only read, so every read sees the last write of the last writer before it. Both
// Try forms may report false at any moment: Go's TryLock fails when the writers' mutex is held or
// starving, and TryRLock while a writer is waiting, which a history does not show. A writer blocks new
// readers while it waits (writer preference); that is a rule about waiting, not about states, and this
// model does not check it. Operations, with in and out as strings:
//
//	lock MODE (lockSync or lock) | tryLock -> true|false | unlock
//	rLock MODE (rLockSync or rLock) | tryRLock -> true|false | rUnlock
//	read -> V (a holder) | write V (the writer)
var rwMutexModel = porcupine.Model{
	Init: func() interface{} { return rwMutexState{writer: -1, value: "0"} },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		s := state.(rwMutexState)
		in := input.(op)
		out := output.([]string)
		me := uint64(1) << uint(in.Client)
		free := s.writer == -1 && s.readers == 0
		switch in.Op {
		case "lock":
			if !free || len(out) != 0 {
				return false, s
			}
			return true, rwMutexState{in.Client, 0, s.value}
		case "tryLock":
			if same(out, "false") {
				return true, s
			}
			if !free || !same(out, "true") {
				return false, s
			}
			return true, rwMutexState{in.Client, 0, s.value}
		case "rLock":
			if s.writer != -1 || s.readers&me != 0 || len(out) != 0 {
				return false, s
			}
			return true, rwMutexState{-1, s.readers | me, s.value}
		case "tryRLock":
			if same(out, "false") {
				return true, s
			}
			if s.writer != -1 || s.readers&me != 0 || !same(out, "true") {
				return false, s
			}
			return true, rwMutexState{-1, s.readers | me, s.value}
		case "unlock":
			return s.writer == in.Client && len(out) == 0, rwMutexState{-1, s.readers, s.value}
		case "rUnlock":
			return s.readers&me != 0 && len(out) == 0, rwMutexState{s.writer, s.readers &^ me, s.value}
		case "read":
			return (s.writer == in.Client || s.readers&me != 0) && same(out, s.value), s
		case "write":
			return s.writer == in.Client, rwMutexState{s.writer, s.readers, in.In[0]}
		}
		panic("rwmutex: unknown operation " + in.Op)
	},
	DescribeOperation: describeOp,
	DescribeState: func(state interface{}) string {
		s := state.(rwMutexState)
		switch {
		case s.writer != -1:
			return "written by " + strconv.Itoa(s.writer) + ", register " + s.value
		case s.readers != 0:
			return fmt.Sprintf("read by %b, register %s", s.readers, s.value)
		}
		return "unlocked, register " + s.value
	},
}
