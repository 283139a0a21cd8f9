// The main of every bench/vs-go.go program, built together with it by vsGo (vs-go.mjs): the program
// declares `var benchmarks = map[string]func(b *testing.B){...}`, and this runs the one its argument
// names with testing.Benchmark -count times, each for -benchtime, and prints the least ns/op (the run
// least disturbed by other processes): `vs-go -benchtime 2ms -count 40 Name`.
package main

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

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
