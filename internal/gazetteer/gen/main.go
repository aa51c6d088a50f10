// Command gen derives jic's embedded gazetteer from the GeoNames and country
// data under ../shared/data/gazetteer and writes it, gzip-compressed, to
// internal/gazetteer/gazetteer.bin.gz, which package gazetteer embeds.
//
// Run from the module root:
//
//	go run ./internal/gazetteer/gen -data ../shared/data -out internal/gazetteer/gazetteer.bin.gz
//
// It keeps every country and first-level division, every city of at least
// -minpop inhabitants, every capital and division seat, and every smaller
// place that has a name in Arabic, Persian, Russian, Turkish or French in the
// localized lists (the places news in those languages mentions). Names: the
// GeoNames name and ASCII name, the localized names in the six languages,
// country names and translations, demonyms, and the alternate names in
// Latin, Cyrillic and Arabic script that pass the filters in names.go. Word
// statistics mark the names that are also common words ("Nice", "Mobile")
// and the words that are usually given names or surnames. They are read
// only from the news corpora whose licence lets jic ship what is derived
// from them (shipCorpora in stats.go: English, French and Russian Wikinews,
// Global Voices, the ANT Arabic corpus), with hand-made lists for Persian
// and Turkish (handwords.go); the corpora marked "tests only" serve the
// generator's tests as a yardstick, never its output. The output is
// deterministic.
//
// The population floor trades size for recall (measured on GeoWebNews,
// TR-News and GeoVirus, overlap F1, with the word statistics of the
// shippable corpora): 1,000 gives 7.3 MB and F1 .855/.872/.890; 5,000, the
// default, 4.7 MB and .854/.871/.892; 15,000, 3.5 MB and .857/.872/.893.
// Recall of small places rises below 5,000, precision falls as much.
package main

import (
	"bytes"
	"flag"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/jic-center/jic/internal/gazetteer/internal/gazdata"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data directory")
	out := flag.String("out", "internal/gazetteer/gazetteer.bin.gz", "the file to write")
	minPop := flag.Int("minpop", 5000, "smallest population of a city kept without a localized name")
	stats := flag.Bool("stats", true, "read the shippable news corpora for word statistics")
	dump := flag.String("dumpwords", "", "also write the word statistics to this TSV file")
	flag.Parse()
	log.SetFlags(0)
	start := time.Now()
	if err := run(*data, *out, *minPop, *stats, *dump); err != nil {
		log.Fatal(err)
	}
	log.Printf("done in %s", time.Since(start).Round(time.Millisecond))
}

func run(data, out string, minPop int, withStats bool, dump string) error {
	gz := filepath.Join(data, "gazetteer")
	src, err := readSources(gz)
	if err != nil {
		return err
	}
	var ws *wordStats
	if withStats {
		ws, err = readWordStats(data, shipCorpora, placeWords(src))
		if err != nil {
			return err
		}
	} else {
		ws = newWordStats()
	}
	if dump != "" {
		if err := ws.dump(dump); err != nil {
			return err
		}
	}
	b := newBuilder(src, ws, minPop)
	f := b.build()
	var buf bytes.Buffer
	if err := gazdata.Write(&buf, f); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	postings := 0
	for _, n := range f.Names {
		postings += len(n.Postings)
	}
	log.Printf("places %d (countries %d, admin1 %d, cities %d), keys %d, postings %d, words %d: %s, %d bytes",
		len(f.Places), b.count[gazdata.KindCountry], b.count[gazdata.KindAdmin1], b.count[gazdata.KindCity],
		len(f.Names), postings, len(f.Words), out, buf.Len())
	for _, line := range b.report() {
		log.Print(line)
	}
	return nil
}
