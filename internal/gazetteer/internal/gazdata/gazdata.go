// Package gazdata is the file format of the embedded gazetteer: the
// generator (gazetteer/gen) writes it and package gazetteer reads it.
//
// The file is gzip-compressed. Inside, after the magic line, come three
// sections, every integer an unsigned or zig-zag varint and every string its
// length then its bytes:
//
//	places:  count, then per place: GeoNames id as a delta from the previous
//	         place's, kind, feature code, country, admin1 and admin2 codes, latitude and
//	         longitude in 1e-4 degrees, population, English name, and the
//	         display names in the six languages (empty when unknown)
//	names:   count, then per key (sorted): bytes shared with the previous
//	         key, the rest of the key, the number of postings and per posting
//	         the place index as a delta from the previous posting's and its
//	         flags
//	words:   count, then per word (sorted): the word and its class bits
package gazdata

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Magic starts every gazetteer file; the digit is the format version.
const Magic = "jic-gazetteer 1\n"

// Langs are the languages display names are kept in, in file order.
var Langs = [NumLangs]string{"en", "ar", "fa", "ru", "fr", "tr"}

// NumLangs is the number of display-name languages.
const NumLangs = 6

// Kinds of place.
const (
	KindCountry = 1
	KindAdmin1  = 2
	KindCity    = 3
	KindRegion  = 4 // a continent, sea or region such as the Middle East
	KindAdmin2  = 5
)

// Posting flags: how a key names a place.
const (
	// FlagMain: the key is the place's own name, ASCII name or a display name
	// in one of the six languages; otherwise it is an alternate name.
	FlagMain = 1 << iota
	// FlagStem: the key is the analyzer stem of a name or demonym and
	// matches only a stemmed word.
	FlagStem
	// FlagDemonym: the key is a demonym or adjective of the place ("Iraqi").
	FlagDemonym
	// FlagAcronym: the key is an abbreviation ("US", "UAE") and matches only
	// a word written in capitals.
	FlagAcronym
	// FlagDerived: the key was derived from a name by dropping an article or
	// a generic word ("Al Anbar" → "Anbar", "Diyala Province" → "Diyala").
	FlagDerived
	// FlagCommon: the key is also a common word of news text ("Nice",
	// "Mobile", "Of"); a match needs context.
	FlagCommon
	// FlagLower: the key may match a word written in lower case (French and
	// Russian adjectives: "irakien", "иракский").
	FlagLower
	// FlagAbbrev: the key is an abbreviation that matches only when a full
	// stop follows it ("Calif.", "N.M.").
	FlagAbbrev
)

// Word class bits of the words section: what news text says about a word
// that is not (only) a place name. Latin and Cyrillic words only.
const (
	// WordCommon: mostly written in lower case in news text.
	WordCommon = 1 << iota
	// WordPersonal: capitalized and usually next to another capitalized
	// word that is not a place: a given name or a surname.
	WordPersonal
)

// Place is one place record.
type Place struct {
	GeoID      uint32
	Kind       uint8
	FCode      string
	Country    string
	Admin1     string
	Admin2     string
	Lat, Lon   float64
	Population uint32
	Name       string
	Local      [NumLangs]string
}

// Posting is one place named by a key.
type Posting struct {
	Place uint32
	Flags uint8
}

// Name is one key and the places it names.
type Name struct {
	Key      string
	Postings []Posting
}

// Word is one word of the words section.
type Word struct {
	Word  string
	Class uint8
}

// File is the whole content of a gazetteer file.
type File struct {
	Places []Place
	Names  []Name // sorted by Key
	Words  []Word // sorted by Word
}

// Write writes f to w, gzip-compressed at the best compression.
func Write(w io.Writer, f *File) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	e := &encoder{w: bw}
	e.raw(Magic)
	e.uint(uint64(len(f.Places)))
	prev := uint32(0)
	for i := range f.Places {
		p := &f.Places[i]
		e.int(int64(p.GeoID) - int64(prev))
		prev = p.GeoID
		e.uint(uint64(p.Kind))
		e.str(p.FCode)
		e.str(p.Country)
		e.str(p.Admin1)
		e.str(p.Admin2)
		e.int(int64(math.Round(p.Lat * 1e4)))
		e.int(int64(math.Round(p.Lon * 1e4)))
		e.uint(uint64(p.Population))
		e.str(p.Name)
		for _, s := range p.Local {
			e.str(s)
		}
	}
	e.uint(uint64(len(f.Names)))
	last := ""
	for _, n := range f.Names {
		if n.Key <= last && last != "" {
			return fmt.Errorf("names not sorted: %q after %q", n.Key, last)
		}
		c := common(last, n.Key)
		e.uint(uint64(c))
		e.str(n.Key[c:])
		last = n.Key
		e.uint(uint64(len(n.Postings)))
		pp := int64(0)
		for _, p := range n.Postings {
			e.int(int64(p.Place) - pp)
			pp = int64(p.Place)
			e.uint(uint64(p.Flags))
		}
	}
	e.uint(uint64(len(f.Words)))
	for _, wd := range f.Words {
		e.str(wd.Word)
		e.uint(uint64(wd.Class))
	}
	if e.err != nil {
		return e.err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func common(a, b string) int {
	n := min(len(a), len(b), 255)
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

func (e *encoder) raw(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *encoder) uint(v uint64) {
	if e.err == nil {
		n := binary.PutUvarint(e.buf[:], v)
		_, e.err = e.w.Write(e.buf[:n])
	}
}

func (e *encoder) int(v int64) {
	if e.err == nil {
		n := binary.PutVarint(e.buf[:], v)
		_, e.err = e.w.Write(e.buf[:n])
	}
}

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.raw(s)
}

// Limits that keep a corrupt file from making the reader allocate without
// bound.
const (
	maxCount  = 1 << 24
	maxString = 1 << 12
)

// Reader decodes a gazetteer file section by section, so that the caller
// can build its own compact structures without holding a File.
type Reader struct {
	r   *bufio.Reader
	err error
	buf []byte
}

// NewReader starts reading a gzip-compressed gazetteer file.
func NewReader(r io.Reader) (*Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer file: %w", err)
	}
	rd := &Reader{r: bufio.NewReaderSize(zr, 1<<16)}
	magic := make([]byte, len(Magic))
	if _, err := io.ReadFull(rd.r, magic); err != nil || string(magic) != Magic {
		return nil, errors.New("gazetteer file: bad magic")
	}
	return rd, nil
}

// Err returns the first error the reader met.
func (rd *Reader) Err() error { return rd.err }

func (rd *Reader) fail(err error) {
	if rd.err == nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		rd.err = fmt.Errorf("gazetteer file: %w", err)
	}
}

// Uint reads an unsigned varint.
func (rd *Reader) Uint() uint64 {
	if rd.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(rd.r)
	if err != nil {
		rd.fail(err)
	}
	return v
}

// Int reads a zig-zag varint.
func (rd *Reader) Int() int64 {
	if rd.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(rd.r)
	if err != nil {
		rd.fail(err)
	}
	return v
}

// Count reads a section or list length.
func (rd *Reader) Count() int {
	n := rd.Uint()
	if n > maxCount {
		rd.fail(fmt.Errorf("count %d too large", n))
		return 0
	}
	return int(n)
}

// Bytes reads a string into a buffer that the next call reuses.
func (rd *Reader) Bytes() []byte {
	n := rd.Uint()
	if rd.err != nil {
		return nil
	}
	if n > maxString {
		rd.fail(fmt.Errorf("string of %d bytes too long", n))
		return nil
	}
	if cap(rd.buf) < int(n) {
		rd.buf = make([]byte, n, max(int(n), 64))
	}
	rd.buf = rd.buf[:n]
	if _, err := io.ReadFull(rd.r, rd.buf); err != nil {
		rd.fail(err)
		return nil
	}
	return rd.buf
}

// String reads a string.
func (rd *Reader) String() string { return string(rd.Bytes()) }

// Place reads one place record; prevID is the GeoNames id of the place
// before it.
func (rd *Reader) Place(prevID uint32, p *Place) {
	p.GeoID = uint32(int64(prevID) + rd.Int())
	p.Kind = uint8(rd.Uint())
	p.FCode = rd.String()
	p.Country = rd.String()
	p.Admin1 = rd.String()
	p.Admin2 = rd.String()
	p.Lat = float64(rd.Int()) / 1e4
	p.Lon = float64(rd.Int()) / 1e4
	p.Population = uint32(rd.Uint())
	p.Name = rd.String()
	for i := range p.Local {
		p.Local[i] = rd.String()
	}
}

// Read decodes a whole file; the generator's tests and tools use it, the
// runtime reads section by section.
func Read(r io.Reader) (*File, error) {
	rd, err := NewReader(r)
	if err != nil {
		return nil, err
	}
	f := &File{}
	n := rd.Count()
	f.Places = make([]Place, n)
	prev := uint32(0)
	for i := range f.Places {
		rd.Place(prev, &f.Places[i])
		prev = f.Places[i].GeoID
	}
	n = rd.Count()
	f.Names = make([]Name, 0, n)
	var key []byte
	for range n {
		c := int(rd.Uint())
		rest := rd.Bytes()
		if c > len(key) {
			rd.fail(errors.New("bad key prefix"))
			break
		}
		key = append(key[:c], rest...)
		np := rd.Count()
		ps := make([]Posting, np)
		pp := int64(0)
		for j := range ps {
			pp += rd.Int()
			ps[j] = Posting{Place: uint32(pp), Flags: uint8(rd.Uint())}
		}
		f.Names = append(f.Names, Name{Key: string(key), Postings: ps})
		if rd.err != nil {
			break
		}
	}
	n = rd.Count()
	for range n {
		w := rd.String()
		f.Words = append(f.Words, Word{Word: w, Class: uint8(rd.Uint())})
		if rd.err != nil {
			break
		}
	}
	return f, rd.Err()
}
