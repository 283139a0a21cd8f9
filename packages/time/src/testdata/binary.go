// Oracle for src/binary-go.test.ts: reads {"times": [{"unix", "nsec", "zone"}], "blobs": ["hex"]} on
// stdin and prints, for each time, Go's MarshalBinary (hex or error), AppendBinary after a prefix byte,
// AppendText after a prefix, GoString and GobEncode; for each blob, what UnmarshalBinary and GobDecode make
// of it.
package main

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"time"
)

type in struct {
	Times []struct {
		Unix int64  `json:"unix"`
		Nsec int64  `json:"nsec"`
		Zone string `json:"zone"`
	} `json:"times"`
	Blobs []string `json:"blobs"`
}

type timeOut struct {
	Bin      string `json:"bin"`
	Append   string `json:"append"`
	Text     string `json:"text"`
	GoString string `json:"goString"`
	Gob      string `json:"gob"`
}

type blobOut struct {
	String   string `json:"string"`
	Location string `json:"location"`
	Err      string `json:"err"`
	Gob      string `json:"gob"`
}

func loc(zone string) *time.Location {
	switch {
	case zone == "UTC":
		return time.UTC
	case zone == "Local":
		return time.Local
	case strings.HasPrefix(zone, "fixed:"):
		parts := strings.SplitN(zone[len("fixed:"):], ":", 2)
		off, _ := strconv.Atoi(parts[0])
		return time.FixedZone(parts[1], off)
	}
	l, err := time.LoadLocation(zone)
	if err != nil {
		panic(err)
	}
	return l
}

func main() {
	var req in
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		panic(err)
	}
	var times []timeOut
	for _, x := range req.Times {
		t := time.Unix(x.Unix, x.Nsec).In(loc(x.Zone))
		var o timeOut
		if b, err := t.MarshalBinary(); err != nil {
			o.Bin = "error: " + err.Error()
		} else {
			o.Bin = hex.EncodeToString(b)
		}
		if b, err := t.AppendBinary([]byte{7}); err != nil {
			o.Append = "error: " + err.Error()
		} else {
			o.Append = hex.EncodeToString(b)
		}
		if b, err := t.AppendText([]byte("at ")); err != nil {
			o.Text = "error: " + err.Error()
		} else {
			o.Text = string(b)
		}
		if b, err := t.GobEncode(); err != nil {
			o.Gob = "error: " + err.Error()
		} else {
			o.Gob = hex.EncodeToString(b)
		}
		o.GoString = t.GoString()
		times = append(times, o)
	}
	var blobs []blobOut
	for _, h := range req.Blobs {
		data, _ := hex.DecodeString(h)
		var t time.Time
		var o blobOut
		if err := t.UnmarshalBinary(data); err != nil {
			o.Err = err.Error()
		} else {
			o.String = t.String()
			o.Location = t.Location().String()
		}
		var g time.Time
		if err := g.GobDecode(data); err != nil {
			o.Gob = "error: " + err.Error()
		} else {
			o.Gob = g.String()
		}
		blobs = append(blobs, o)
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{"times": times, "blobs": blobs})
}
