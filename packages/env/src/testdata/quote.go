// Command quote prints strconv.Quote (the %q verb) of each string it reads.
//
// Input: one hex-encoded string per line. Output: one line per string, the
// hex of its quoted form.
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		b, err := hex.DecodeString(in.Text())
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Fprintln(out, hex.EncodeToString([]byte(strconv.Quote(string(b)))))
	}
}
