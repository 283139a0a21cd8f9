// The operations of bench/format.bench.ts in Go, for the README's ratios:
// prints ns/op of Format(RFC3339), Format of the custom layout and
// Parse(RFC3339, s), over the same ten instants in UTC.
//
//	go run bench/testdata/format.go
package main

import (
	"fmt"
	"testing"
	"time"
)

// Sinks of the results' own types, so the compiler keeps every call and nothing is boxed into an
// interface (a `sink any` allocates for each Time, which made Go's Parse and Format look slower).
var (
	sinkS string
	sinkT time.Time
)

func main() {
	var times []time.Time
	for i := 0; i < 10; i++ {
		times = append(times, time.Date(1990+i*3, time.Month(1+i), 1+i*2, i*2, i*5, i*7, i*123456789, time.UTC))
	}
	var strs []string
	for _, t := range times {
		strs = append(strs, t.Format(time.RFC3339))
	}
	const custom = "Mon Jan _2 15:04:05.000 2006"
	report := func(name string, f func()) {
		r := testing.Benchmark(func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				f()
			}
		})
		fmt.Printf("%-32s %8.1f ns/op\n", name, float64(r.T.Nanoseconds())/float64(r.N)/10)
	}
	report("Format(RFC3339)", func() {
		for _, t := range times {
			sinkS = t.Format(time.RFC3339)
		}
	})
	report("Format(custom)", func() {
		for _, t := range times {
			sinkS = t.Format(custom)
		}
	})
	report("Parse(RFC3339, s)", func() {
		for _, s := range strs {
			sinkT, _ = time.Parse(time.RFC3339, s)
		}
	})
}
