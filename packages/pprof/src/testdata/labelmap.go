// Prints, for each JSON array of strings on stdin (alternating keys and values),
// the label map Go's runtime/pprof would build from pprof.Labels(args...) as
// labelMap.String formats it: %q:%q pairs, sorted, joined by ", " in braces.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var args []string
		if err := json.Unmarshal(in.Bytes(), &args); err != nil {
			panic(err)
		}
		m := map[string]string{}
		for i := 0; i+1 < len(args); i += 2 {
			m[args[i]] = args[i+1]
		}
		kv := make([]string, 0, len(m))
		for k, v := range m {
			kv = append(kv, fmt.Sprintf("%q:%q", k, v))
		}
		sort.Strings(kv)
		b, _ := json.Marshal(map[string]interface{}{"s": "{" + strings.Join(kv, ", ") + "}"})
		fmt.Fprintln(out, string(b))
	}
}
