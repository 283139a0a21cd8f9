// Command marshal prints, for each map it reads, what `go env -json` prints
// for it: json.MarshalIndent(m, "", "\t") and a newline.
//
// Input: one map per line, entries separated by spaces, each entry
// hex(key)=hex(value); an empty line is an empty map. Output: one line per
// map, the hex of the JSON. Hex carries any bytes, valid UTF-8 or not.
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		m := map[string]string{}
		for _, e := range strings.Fields(in.Text()) {
			k, v, _ := strings.Cut(e, "=")
			kb, err := hex.DecodeString(k)
			check(err)
			vb, err := hex.DecodeString(v)
			check(err)
			m[string(kb)] = string(vb)
		}
		b, err := json.MarshalIndent(m, "", "\t")
		check(err)
		fmt.Fprintln(out, hex.EncodeToString(append(b, '\n')))
	}
	check(in.Err())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
