// vs-go runs, with testing.Benchmark, the lookups bench/vs-go.mjs times in @gostd/sync, on the same keys,
// and is built with @gostd/testing's vs-go-main.go, which runs the benchmark its argument names.
package main

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

const keySpace = 1 << 16

// keys holds the pseudo-random keys of bench/vs-go.mjs: xorshift32 from the same seed, modulo keySpace.
var keys = func() []int {
	out := make([]int, 1<<16)
	x := uint32(0x9e3779b9)
	for i := range out {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		out[i] = int(x % keySpace)
	}
	return out
}()

// m maps every key in [0, keySpace) to itself, as the maps of bench/vs-go.mjs.
var m = func() *sync.Map {
	m := new(sync.Map)
	for k := 0; k < keySpace; k++ {
		m.Store(k, k)
	}
	return m
}()

var sink atomic.Int64

var benchmarks = map[string]func(b *testing.B){
	// MapLoad is sync.Map.Load on one goroutine.
	"MapLoad": func(b *testing.B) {
		s := 0
		for i := 0; i < b.N; i++ {
			v, _ := m.Load(keys[i&(len(keys)-1)])
			s += v.(int)
		}
		sink.Add(int64(s))
	},
	// MapLoad2 is sync.Map.Load from 2 goroutines at once (GOMAXPROCS 2, RunParallel's ns/op: wall time
	// over the operations of both).
	"MapLoad2": func(b *testing.B) {
		runtime.GOMAXPROCS(2)
		var next atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			i := int(next.Add(1) * 7919)
			s := 0
			for pb.Next() {
				v, _ := m.Load(keys[i&(len(keys)-1)])
				s += v.(int)
				i++
			}
			sink.Add(int64(s))
		})
	},
}
