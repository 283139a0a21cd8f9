// vs-go runs, with testing.Benchmark, the math/bits calls bench/vs-go.mjs times in @gostd/math-bits, on
// the same 1024 seeded inputs, and is built with @gostd/testing's vs-go-main.go, which runs the benchmark
// its argument names.
package main

import (
	"fmt"
	"math/bits"
	"os"
	"testing"
)

const n = 1024

// The inputs of bench/vs-go.mjs: xorshift32 from the same seed, drawn in the same order.
var seed = uint32(0x2545f491)

func rand32() uint32 {
	seed ^= seed << 13
	seed ^= seed >> 17
	seed ^= seed << 5
	return seed
}

func rand64() uint64 { return uint64(rand32())<<32 | uint64(rand32()) }

var x32, k32 [n]uint32
var x64, y64 [n]uint64
var k64 [n]int

func init() {
	for i := range x32 {
		x32[i] = rand32() >> (rand32() % 32)
	}
	for i := range x64 {
		x64[i] = rand64() >> (rand32() % 64)
	}
	for i := range y64 {
		y64[i] = rand64() | 1
	}
	for i := range k64 {
		k64[i] = int(rand32() % 64)
	}
}

var sink uint64

var benchmarks = map[string]func(b *testing.B){
	"LeadingZeros32": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.LeadingZeros32(x32[i&(n-1)]))
		}
		sink += s
	},
	"TrailingZeros32": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.TrailingZeros32(x32[i&(n-1)]))
		}
		sink += s
	},
	"OnesCount32": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.OnesCount32(x32[i&(n-1)]))
		}
		sink += s
	},
	"Len32": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.Len32(x32[i&(n-1)]))
		}
		sink += s
	},
	"Reverse32": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.Reverse32(x32[i&(n-1)]))
		}
		sink += s
	},
	"ReverseBytes32": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.ReverseBytes32(x32[i&(n-1)]))
		}
		sink += s
	},
	"RotateLeft32": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.RotateLeft32(x32[i&(n-1)], k64[i&(n-1)]))
		}
		sink += s
	},
	"LeadingZeros64": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.LeadingZeros64(x64[i&(n-1)]))
		}
		sink += s
	},
	"TrailingZeros64": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.TrailingZeros64(x64[i&(n-1)]))
		}
		sink += s
	},
	"OnesCount64": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.OnesCount64(x64[i&(n-1)]))
		}
		sink += s
	},
	"Len64": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.Len64(x64[i&(n-1)]))
		}
		sink += s
	},
	"Reverse64": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.Reverse64(x64[i&(n-1)]))
		}
		sink += s
	},
	"ReverseBytes64": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += uint64(bits.ReverseBytes64(x64[i&(n-1)]))
		}
		sink += s
	},
	"RotateLeft64": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			s += bits.RotateLeft64(x64[i&(n-1)], k64[i&(n-1)])
		}
		sink += s
	},
	"Add64": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			lo, c := bits.Add64(x64[i&(n-1)], y64[i&(n-1)], 0)
			s += lo + c
		}
		sink += s
	},
	"Mul64": func(b *testing.B) {
		s := uint64(0)
		for i := 0; i < b.N; i++ {
			hi, lo := bits.Mul64(x64[i&(n-1)], y64[i&(n-1)])
			s += hi ^ lo
		}
		sink += s
	},
}

// init answers `vs-go inputs` with a checksum of the inputs, for bench/vs-go.mjs to check that both sides
// see the same ones.
func init() {
	if len(os.Args) == 2 && os.Args[1] == "inputs" {
		s := uint64(0)
		for i := 0; i < n; i++ {
			s += uint64(x32[i]) ^ x64[i] ^ y64[i] ^ uint64(k64[i])
		}
		fmt.Println(s)
		os.Exit(0)
	}
}
