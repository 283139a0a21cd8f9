// mapops applies operations read from stdin to a sync.Map and prints each result, for the differential test
// in map.go.test.ts. One operation per line:
//
//	load K | store K V | loadOrStore K V | loadAndDelete K | delete K | swap K V
//	compareAndSwap K OLD NEW | compareAndDelete K OLD | clear | range | reset
//
// Keys are strings; a value is an integer or "nil". Swap, CompareAndSwap, CompareAndDelete (Go 1.20) and
// Clear (Go 1.23) need Go >= 1.23, which @gostd/testing's requireGo checks before this program is built.
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
)

func parseValue(s string) any {
	if s == "nil" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}

func show(v any) string {
	if v == nil {
		return "nil"
	}
	return fmt.Sprint(v)
}

func main() {
	m := new(sync.Map)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		f := strings.Fields(in.Text())
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "reset":
			m = new(sync.Map)
			fmt.Fprintln(out, "-")
		case "load":
			v, ok := m.Load(f[1])
			fmt.Fprintln(out, show(v), ok)
		case "store":
			m.Store(f[1], parseValue(f[2]))
			fmt.Fprintln(out, "-")
		case "loadOrStore":
			v, ok := m.LoadOrStore(f[1], parseValue(f[2]))
			fmt.Fprintln(out, show(v), ok)
		case "loadAndDelete":
			v, ok := m.LoadAndDelete(f[1])
			fmt.Fprintln(out, show(v), ok)
		case "delete":
			m.Delete(f[1])
			fmt.Fprintln(out, "-")
		case "swap":
			v, ok := m.Swap(f[1], parseValue(f[2]))
			fmt.Fprintln(out, show(v), ok)
		case "compareAndSwap":
			fmt.Fprintln(out, m.CompareAndSwap(f[1], parseValue(f[2]), parseValue(f[3])))
		case "compareAndDelete":
			fmt.Fprintln(out, m.CompareAndDelete(f[1], parseValue(f[2])))
		case "clear":
			m.Clear()
			fmt.Fprintln(out, "-")
		case "range":
			var kv []string
			m.Range(func(k, v any) bool {
				kv = append(kv, k.(string)+"="+show(v))
				return true
			})
			sort.Strings(kv)
			fmt.Fprintln(out, "range", strings.Join(kv, ","))
		default:
			panic("unknown op " + f[0])
		}
	}
	if err := in.Err(); err != nil {
		panic(err)
	}
}
