// Differential oracle for @gostd/time's calendar, zones, Format and Parse:
// reads a JSON request on stdin and answers with what real Go's package time
// computes for each case, with the zones of this machine's tz database.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"
)

type timeCase struct {
	Sec    string `json:"sec"`
	Nsec   int64  `json:"nsec"`
	Zone   string `json:"zone"`
	Layout string `json:"layout"`
	Value  string `json:"value"` // parsed with Layout in Zone (and with Parse)
	Years  int    `json:"years"`
	Months int    `json:"months"`
	Days   int    `json:"days"`
}

type dateCase struct {
	Args [7]int `json:"args"`
	Zone string `json:"zone"`
}

type request struct {
	Times []timeCase `json:"times"`
	Dates []dateCase `json:"dates"`
}

func zone(name string) *time.Location {
	if len(name) > 6 && name[:6] == "fixed:" {
		off, _ := strconv.Atoi(name[6:])
		return time.FixedZone("", off)
	}
	if name == "Local" {
		return time.Local
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// describe gives every field of t as one string.
func describe(t time.Time) string {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	name, off := t.Zone()
	iy, iw := t.ISOWeek()
	start, end := t.ZoneBounds()
	return fmt.Sprintf("%d %d %d %d:%d:%d.%d wd=%d yd=%d iso=%d-%d zone=%s/%d dst=%t unix=%d bounds=%d,%t/%d,%t str=%s",
		y, mo, d, h, mi, s, t.Nanosecond(), t.Weekday(), t.YearDay(), iy, iw, name, off, t.IsDST(), t.Unix(),
		start.Unix(), start.IsZero(), end.Unix(), end.IsZero(), t.String())
}

func parseResult(t time.Time, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	name, off := t.Zone()
	return fmt.Sprintf("%d.%09d %s %d %s", t.Unix(), t.Nanosecond(), name, off, t.Location())
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		panic(err)
	}
	out := map[string][]map[string]string{}
	for _, c := range req.Times {
		sec, _ := strconv.ParseInt(c.Sec, 10, 64)
		loc := zone(c.Zone)
		t := time.Unix(sec, c.Nsec).In(loc)
		json, jerr := t.MarshalJSON()
		js := string(json)
		if jerr != nil {
			js = "error: " + jerr.Error()
		}
		out["times"] = append(out["times"], map[string]string{
			"describe":        describe(t),
			"format":          t.Format(c.Layout),
			"parseInLocation": parseResult(time.ParseInLocation(c.Layout, c.Value, loc)),
			"parse":           parseResult(time.Parse(c.Layout, c.Value)),
			"addDate":         describe(t.AddDate(c.Years, c.Months, c.Days)),
			"json":            js,
		})
	}
	for _, c := range req.Dates {
		a := c.Args
		t := time.Date(a[0], time.Month(a[1]), a[2], a[3], a[4], a[5], a[6], zone(c.Zone))
		out["dates"] = append(out["dates"], map[string]string{"describe": describe(t)})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
