// Differential oracle for @gostd/time: reads a JSON request on stdin and
// answers with what real Go's package time computes for each case.
package main

import (
	"encoding/json"
	"os"
	"strconv"
	"time"
)

type request struct {
	Durations [][2]string `json:"durations"` // [d, m]
	Parse     []string    `json:"parse"`
	Times     [][5]string `json:"times"` // [sec, nsec, sec2, nsec2, d]
}

type durationOut struct {
	String, Round, Truncate, Abs            string
	Hours, Minutes, Seconds                 string
	Milliseconds, Microseconds, Nanoseconds string
}

type parseOut struct {
	D   string `json:"d"`
	Err string `json:"err"`
}

type timeOut struct {
	String, Add, Sub, Round, Truncate    string
	Unix, UnixMilli, UnixMicro, UnixNano string
	Before, After, Equal, IsZero         bool
}

func i64(s string) int64 {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return v
}

func f64(x float64) string       { return strconv.FormatFloat(x, 'g', -1, 64) }
func d64(d time.Duration) string { return strconv.FormatInt(int64(d), 10) }

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		panic(err)
	}
	var out struct {
		Durations []durationOut `json:"durations"`
		Parse     []parseOut    `json:"parse"`
		Times     []timeOut     `json:"times"`
	}
	for _, c := range req.Durations {
		d, m := time.Duration(i64(c[0])), time.Duration(i64(c[1]))
		out.Durations = append(out.Durations, durationOut{
			d.String(), d64(d.Round(m)), d64(d.Truncate(m)), d64(d.Abs()),
			f64(d.Hours()), f64(d.Minutes()), f64(d.Seconds()),
			strconv.FormatInt(d.Milliseconds(), 10), strconv.FormatInt(d.Microseconds(), 10),
			strconv.FormatInt(d.Nanoseconds(), 10),
		})
	}
	for _, s := range req.Parse {
		d, err := time.ParseDuration(s)
		o := parseOut{D: d64(d)}
		if err != nil {
			o.Err = err.Error()
		}
		out.Parse = append(out.Parse, o)
	}
	for _, c := range req.Times {
		t := time.Unix(i64(c[0]), i64(c[1])).UTC()
		u := time.Unix(i64(c[2]), i64(c[3])).UTC()
		d := time.Duration(i64(c[4]))
		out.Times = append(out.Times, timeOut{
			t.String(), t.Add(d).String(), d64(t.Sub(u)), t.Round(d).String(), t.Truncate(d).String(),
			strconv.FormatInt(t.Unix(), 10), strconv.FormatInt(t.UnixMilli(), 10),
			strconv.FormatInt(t.UnixMicro(), 10), strconv.FormatInt(t.UnixNano(), 10),
			t.Before(u), t.After(u), t.Equal(u), t.IsZero(),
		})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
