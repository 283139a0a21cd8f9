// Prints what Go's Local is under the TZ of its environment: its name, and
// a few instants in it, one per line (for local.test.ts).
package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println(time.Local.String())
	for _, sec := range []int64{0, 1257894000, 1700000000, 2500000000, -2500000000} {
		fmt.Println(time.Unix(sec, 0).String())
	}
}
