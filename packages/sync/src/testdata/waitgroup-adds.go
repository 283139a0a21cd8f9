// The oracle of waitgroup.go.test.ts: sequences of WaitGroup.Add on Go's sync.WaitGroup. Each stdin line is
// "reset" (a new WaitGroup) or "add N" (N a decimal int); for each it prints "-" for reset, "ok" for an Add
// that returned, or the panic's text.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
)

func add(wg *sync.WaitGroup, delta int) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = fmt.Sprint(r)
		}
	}()
	wg.Add(delta)
	return "ok"
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	wg := new(sync.WaitGroup)
	for in.Scan() {
		line := in.Text()
		if line == "reset" {
			wg = new(sync.WaitGroup)
			fmt.Fprintln(out, "-")
			continue
		}
		n, err := strconv.Atoi(strings.TrimPrefix(line, "add "))
		if err != nil {
			panic(err)
		}
		fmt.Fprintln(out, add(wg, n))
	}
}
