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

// The ten instants of bench/format.bench.ts, in UTC, and their RFC 3339 text.
var times, rfc3339 = func() ([]time.Time, []string) {
	var ts []time.Time
	var ss []string
	for i := 0; i < 10; i++ {
		t := time.Date(1990+i*3, time.Month(1+i), 1+i*2, i*2, i*5, i*7, i*123456789, time.UTC)
		ts = append(ts, t)
		ss = append(ss, t.Format(time.RFC3339))
	}
	return ts, ss
}()

const custom = "Mon Jan _2 15:04:05.000 2006"

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
	"FormatRFC3339": func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sinkS = times[i%len(times)].Format(time.RFC3339)
		}
	},
	"FormatCustom": func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sinkS = times[i%len(times)].Format(custom)
		}
	},
	"ParseRFC3339": func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sinkT, _ = time.Parse(time.RFC3339, rfc3339[i%len(rfc3339)])
		}
	},
	"Now": func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sinkT = time.Now()
		}
	},
}
