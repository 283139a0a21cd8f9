// The Go side of bench/mutex.bench.ts: 2 goroutines on 2 threads (GOMAXPROCS 2) each take and release one
// sync.Mutex n times around an increment of a shared counter, as the JavaScript workers do. It prints one
// JSON line per repetition: wall-clock ns per operation of both goroutines (Go's RunParallel way of counting).
package main

import (
	"encoding/json"
	"flag"
	"os"
	"runtime"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 1000000, "lock/unlock pairs per goroutine")
	reps := flag.Int("reps", 7, "repetitions")
	flag.Parse()
	runtime.GOMAXPROCS(2)
	enc := json.NewEncoder(os.Stdout)
	for r := 0; r < *reps; r++ {
		var mu sync.Mutex
		counter := 0
		var wg sync.WaitGroup
		start := time.Now()
		for g := 0; g < 2; g++ {
			wg.Go(func() {
				for i := 0; i < *n; i++ {
					mu.Lock()
					counter++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		if counter != 2**n {
			panic("lost updates")
		}
		enc.Encode(map[string]any{"nsPerOp": float64(elapsed.Nanoseconds()) / float64(2**n)})
	}
}
