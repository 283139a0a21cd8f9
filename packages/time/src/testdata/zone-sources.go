// Prints what Go's LoadLocation answers for each name on stdin (one JSON
// string a line), under the ZONEINFO of its environment, and what Local is
// under its TZ: "ok <zone name> <an instant in it>" or "err <message>" (for
// zoneinfo-sources.test.ts; testdata/zone-sources-child.mjs prints ours).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

func main() {
	at := time.Unix(1700000000, 0)
	fmt.Printf("Local %s %s\n", time.Local, at.In(time.Local).Format(time.RFC3339+" MST"))
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		var name string
		if err := json.Unmarshal(sc.Bytes(), &name); err != nil {
			panic(err)
		}
		loc, err := time.LoadLocation(name)
		if err != nil {
			fmt.Printf("err %s\n", err)
			continue
		}
		fmt.Printf("ok %s %s\n", loc, at.In(loc).Format(time.RFC3339+" MST"))
	}
}
