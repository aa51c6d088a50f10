// Command gen turns the Natural Earth countries at 1:110m, as TopoJSON from
// world-atlas, into the GeoJSON basemap the web UI embeds
// (static/vendor/basemap/countries.json): one feature per country, coordinates rounded to
// 0.01°, so that the map page draws without a tile server.
//
//	go run ./internal/server/web/gen ../shared/data/gazetteer/natural-earth/countries-110m.json > internal/server/web/static/vendor/basemap/countries.json
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
)

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string            `json:"type"`
			Arcs       json.RawMessage   `json:"arcs"`
			Properties map[string]string `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen countries-110m.json > basemap.json")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return err
	}
	arcs := decodeArcs(t)
	type feature struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Geometry   any               `json:"geometry"`
	}
	var out struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}
	out.Type = "FeatureCollection"
	for _, g := range t.Objects["countries"].Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return err
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return err
			}
		default:
			continue
		}
		var coords [][][][2]float64
		for _, p := range polys {
			var rings [][][2]float64
			for _, ring := range p {
				rings = append(rings, stitch(arcs, ring))
			}
			coords = append(coords, rings)
		}
		out.Features = append(out.Features, feature{Type: "Feature", Properties: map[string]string{"name": g.Properties["name"]},
			Geometry: map[string]any{"type": "MultiPolygon", "coordinates": coords}})
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}

// decodeArcs undoes the quantization and delta encoding of the arcs.
func decodeArcs(t topology) [][][2]float64 {
	out := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		for _, p := range arc {
			x, y = x+p[0], y+p[1]
			out[i] = append(out[i], [2]float64{
				round(x*t.Transform.Scale[0] + t.Transform.Translate[0]),
				round(y*t.Transform.Scale[1] + t.Transform.Translate[1]),
			})
		}
	}
	return out
}

// stitch joins a ring's arcs; a negative index ~i is arc i reversed.
func stitch(arcs [][][2]float64, ring []int) [][2]float64 {
	var out [][2]float64
	for _, i := range ring {
		a := arcs[max(i, ^i)]
		if i < 0 {
			r := make([][2]float64, len(a))
			for j := range a {
				r[j] = a[len(a)-1-j]
			}
			a = r
		}
		if len(out) > 0 {
			a = a[1:] // the first point repeats the previous arc's last
		}
		out = append(out, a...)
	}
	return out
}

func round(f float64) float64 { return math.Round(f*100) / 100 }
