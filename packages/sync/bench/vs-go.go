// vs-go runs, with testing.Benchmark, the lookups bench/vs-go.mjs times in @gostd/sync, on the same keys,
// and prints ns/op of the one named by its argument, the least of -count runs (the run least disturbed by
// other processes): `vs-go -benchtime 2ms -count 40 MapLoad`.
package main

import (
	"flag"
	"fmt"
	"os"
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

func main() {
	testing.Init()
	benchtime := flag.String("benchtime", "1s", "how long each benchmark runs")
	count := flag.Int("count", 1, "how many times it runs")
	flag.Parse()
	f, ok := benchmarks[flag.Arg(0)]
	if !ok {
		fmt.Fprintf(os.Stderr, "vs-go: no benchmark %q\n", flag.Arg(0))
		os.Exit(2)
	}
	flag.Set("test.benchtime", *benchtime)
	least := 0.0
	for i := 0; i < *count; i++ {
		r := testing.Benchmark(f)
		if ns := float64(r.T.Nanoseconds()) / float64(r.N); i == 0 || ns < least {
			least = ns
		}
	}
	fmt.Printf("%.4f\n", least)
}
