// Command bits answers math/bits questions for the differential test
// (../go-differential.test.ts): each input line is a function name and its
// decimal arguments; each output line is the results, space-separated, or
// "panic: <message>" when the call panics. Arguments of the 8-, 16- and 32-bit
// forms are read as int64 and converted with uint8(v), uint16(v), uint32(v),
// so the test also checks that out-of-range inputs wrap like Go conversions.
package main

import (
	"bufio"
	"fmt"
	"math/bits"
	"os"
	"strconv"
	"strings"
)

func i64(s string) int64 {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		fail(err)
	}
	return v
}

func u64(s string) uint64 {
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		fail(err)
	}
	return v
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bits:", err)
	os.Exit(2)
}

func u8(s string) uint8   { return uint8(i64(s)) }
func u16(s string) uint16 { return uint16(i64(s)) }
func u32(s string) uint32 { return uint32(i64(s)) }
func k(s string) int      { return int(i64(s)) }
func u(s string) uint     { return uint(u64(s)) }

func eval(f string, a []string) (out string) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				out = "panic: " + e.Error()
			} else {
				out = fmt.Sprint("panic: ", r)
			}
		}
	}()
	two := func(x, y interface{}) string { return fmt.Sprint(x, " ", y) }
	switch f {
	case "UintSize":
		return fmt.Sprint(bits.UintSize)
	case "LeadingZeros":
		return fmt.Sprint(bits.LeadingZeros(u(a[0])))
	case "LeadingZeros8":
		return fmt.Sprint(bits.LeadingZeros8(u8(a[0])))
	case "LeadingZeros16":
		return fmt.Sprint(bits.LeadingZeros16(u16(a[0])))
	case "LeadingZeros32":
		return fmt.Sprint(bits.LeadingZeros32(u32(a[0])))
	case "LeadingZeros64":
		return fmt.Sprint(bits.LeadingZeros64(u64(a[0])))
	case "TrailingZeros":
		return fmt.Sprint(bits.TrailingZeros(u(a[0])))
	case "TrailingZeros8":
		return fmt.Sprint(bits.TrailingZeros8(u8(a[0])))
	case "TrailingZeros16":
		return fmt.Sprint(bits.TrailingZeros16(u16(a[0])))
	case "TrailingZeros32":
		return fmt.Sprint(bits.TrailingZeros32(u32(a[0])))
	case "TrailingZeros64":
		return fmt.Sprint(bits.TrailingZeros64(u64(a[0])))
	case "OnesCount":
		return fmt.Sprint(bits.OnesCount(u(a[0])))
	case "OnesCount8":
		return fmt.Sprint(bits.OnesCount8(u8(a[0])))
	case "OnesCount16":
		return fmt.Sprint(bits.OnesCount16(u16(a[0])))
	case "OnesCount32":
		return fmt.Sprint(bits.OnesCount32(u32(a[0])))
	case "OnesCount64":
		return fmt.Sprint(bits.OnesCount64(u64(a[0])))
	case "RotateLeft":
		return fmt.Sprint(bits.RotateLeft(u(a[0]), k(a[1])))
	case "RotateLeft8":
		return fmt.Sprint(bits.RotateLeft8(u8(a[0]), k(a[1])))
	case "RotateLeft16":
		return fmt.Sprint(bits.RotateLeft16(u16(a[0]), k(a[1])))
	case "RotateLeft32":
		return fmt.Sprint(bits.RotateLeft32(u32(a[0]), k(a[1])))
	case "RotateLeft64":
		return fmt.Sprint(bits.RotateLeft64(u64(a[0]), k(a[1])))
	case "Reverse":
		return fmt.Sprint(bits.Reverse(u(a[0])))
	case "Reverse8":
		return fmt.Sprint(bits.Reverse8(u8(a[0])))
	case "Reverse16":
		return fmt.Sprint(bits.Reverse16(u16(a[0])))
	case "Reverse32":
		return fmt.Sprint(bits.Reverse32(u32(a[0])))
	case "Reverse64":
		return fmt.Sprint(bits.Reverse64(u64(a[0])))
	case "ReverseBytes":
		return fmt.Sprint(bits.ReverseBytes(u(a[0])))
	case "ReverseBytes16":
		return fmt.Sprint(bits.ReverseBytes16(u16(a[0])))
	case "ReverseBytes32":
		return fmt.Sprint(bits.ReverseBytes32(u32(a[0])))
	case "ReverseBytes64":
		return fmt.Sprint(bits.ReverseBytes64(u64(a[0])))
	case "Len":
		return fmt.Sprint(bits.Len(u(a[0])))
	case "Len8":
		return fmt.Sprint(bits.Len8(u8(a[0])))
	case "Len16":
		return fmt.Sprint(bits.Len16(u16(a[0])))
	case "Len32":
		return fmt.Sprint(bits.Len32(u32(a[0])))
	case "Len64":
		return fmt.Sprint(bits.Len64(u64(a[0])))
	case "Add":
		return two(bits.Add(u(a[0]), u(a[1]), u(a[2])))
	case "Add32":
		return two(bits.Add32(u32(a[0]), u32(a[1]), u32(a[2])))
	case "Add64":
		return two(bits.Add64(u64(a[0]), u64(a[1]), u64(a[2])))
	case "Sub":
		return two(bits.Sub(u(a[0]), u(a[1]), u(a[2])))
	case "Sub32":
		return two(bits.Sub32(u32(a[0]), u32(a[1]), u32(a[2])))
	case "Sub64":
		return two(bits.Sub64(u64(a[0]), u64(a[1]), u64(a[2])))
	case "Mul":
		return two(bits.Mul(u(a[0]), u(a[1])))
	case "Mul32":
		return two(bits.Mul32(u32(a[0]), u32(a[1])))
	case "Mul64":
		return two(bits.Mul64(u64(a[0]), u64(a[1])))
	case "Div":
		return two(bits.Div(u(a[0]), u(a[1]), u(a[2])))
	case "Div32":
		return two(bits.Div32(u32(a[0]), u32(a[1]), u32(a[2])))
	case "Div64":
		return two(bits.Div64(u64(a[0]), u64(a[1]), u64(a[2])))
	case "Rem":
		return fmt.Sprint(bits.Rem(u(a[0]), u(a[1]), u(a[2])))
	case "Rem32":
		return fmt.Sprint(bits.Rem32(u32(a[0]), u32(a[1]), u32(a[2])))
	case "Rem64":
		return fmt.Sprint(bits.Rem64(u64(a[0]), u64(a[1]), u64(a[2])))
	}
	fail(fmt.Errorf("unknown function %q", f))
	return ""
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		fields := strings.Fields(in.Text())
		if len(fields) == 0 {
			continue
		}
		fmt.Fprintln(out, eval(fields[0], fields[1:]))
	}
	if err := in.Err(); err != nil {
		fail(err)
	}
}
