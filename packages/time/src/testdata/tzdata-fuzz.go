// Reads TZif blobs, one base64 line each, on stdin and prints what Go's
// LoadLocationFromTZData makes of each (for tzif-fuzz.test.ts): "err <message>",
// "panic <value>", or "ok" and, for each of a fixed set of instants, the zone
// name, offset and isDST there and the bounds of that zone.
package main

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"time"
)

var instants = []int64{
	-1 << 63, -1 << 62, -62135596800, -5000000000, -2208988800, -1000000000, -1, 0, 1, 300000000,
	946684800, 1000000000, 1300000000, 1700000000, 1711846800, 1729990800, 2000000000, 2147483647,
	2147483648, 4102444800, 7258118400, 13000000000, 1 << 40, 1<<62 + 12345, 1<<63 - 1,
}

func describe(name string, data []byte) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = fmt.Sprintf("panic %v", r)
		}
	}()
	loc, err := time.LoadLocationFromTZData(name, data)
	if err != nil {
		return "err " + err.Error()
	}
	var b strings.Builder
	b.WriteString("ok")
	for _, sec := range instants {
		t := time.Unix(sec, 0).In(loc)
		zname, off := t.Zone()
		start, end := t.ZoneBounds()
		fmt.Fprintf(&b, " | %x %d %v %d/%v %d/%v", zname, off, t.IsDST(), start.Unix(), start.IsZero(), end.Unix(), end.IsZero())
	}
	return b.String()
}

func main() {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for sc.Scan() {
		data, err := base64.StdEncoding.DecodeString(sc.Text())
		if err != nil {
			panic(err)
		}
		fmt.Fprintln(w, describe("Fuzz/Zone", data))
	}
}
