// vs-go runs, with testing.Benchmark, the operations bench/vs-go.mjs times in @gostd/time, on the same
// inputs, and is built with @gostd/testing's vs-go-main.go, which runs the benchmark its argument names.
package main

import (
	"testing"
	"time"
)

// The inputs of bench/vs-go.mjs.
var (
	single    = []string{"5s", "300ms", "2h", "1.5m", "45m", "100ms"}
	multi     = []string{"1h2m3.5s", "2h45m", "1m30s", "4h5m6s7ms", "10m0.5s", "3h30m"}
	durations = []time.Duration{
		1500 * time.Millisecond,
		72*time.Hour + 3*time.Minute + time.Second/2,
		1234,
		-90 * time.Second,
		987_654_321,
	}
)

// Sinks, so the compiler keeps every call.
var (
	sinkD time.Duration
	sinkS string
	sinkT time.Time
)

var benchmarks = map[string]func(b *testing.B){
	"ParseDurationSingle": func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sinkD, _ = time.ParseDuration(single[i%len(single)])
		}
	},
	"ParseDurationMulti": func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sinkD, _ = time.ParseDuration(multi[i%len(multi)])
		}
	},
	"DurationString": func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sinkS = durations[i%len(durations)].String()
		}
	},
	"Now": func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sinkT = time.Now()
		}
	},
}
