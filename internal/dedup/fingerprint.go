package dedup

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"sync"

	"github.com/jic-center/jic/internal/textindex"
)

// Version changes whenever Fingerprint computes different prints for the
// same input (normalization, boilerplate, shingles, hash functions, band
// layout). Stores record it beside the prints; prints of another version
// must be recomputed before they are compared. It includes the analyzer's
// version because the signature is built from textindex terms.
const Version = 1*100 + textindex.Version

// The shape of a print. SigSize MinHash values of 16 bits each; LSH splits
// them into Bands bands of Rows rows (Bands*Rows ≤ SigSize).
const (
	SigSize     = 128 // MinHash values in a print (a multiple of 4: see minHash)
	Bands       = 64  // LSH bands: band keys per report
	Rows        = 2   // MinHash values per band
	ShingleSize = 3   // analyzer terms per shingle
	NumSketch   = 12  // hashes of the text's numbers kept in a print
	// ShortText is the number of words below which a text is too short to
	// identify an article by itself ("Qtly div 10 cts vs 10 cts prior"):
	// the title is then fingerprinted with it.
	ShortText = 25
)

// Hash is the exact hash of a report's normalized text: the first 16 bytes
// of its SHA-256.
type Hash [16]byte

// Print is a report's fingerprint: the exact hash and the near-duplicate
// signature. It is a plain value of fixed size; MarshalBinary gives the
// PrintBytes bytes a store keeps.
type Print struct {
	Exact    Hash            // zero when the report has no words
	Shingles uint32          // distinct shingles behind Sig; 0 = nothing to compare
	Sig      [SigSize]uint16 // b-bit MinHash: 16 low bits of each minimum
	// Numbers counts the distinct numbers of two digits or more in the
	// text; NumHash holds the NumSketch smallest of their 16-bit hashes,
	// ascending (a bottom-k sketch), 0xffff in unused places. Copies keep
	// their original's figures; a template filled with other figures (a
	// daily market report, a filing, a missile interception at another
	// hour) does not.
	Numbers uint16
	NumHash [NumSketch]uint16
}

// PrintBytes is the length of a marshaled Print.
const PrintBytes = 1 + 16 + 4 + 2*SigSize + 2 + 2*NumSketch

// Empty reports whether the print was computed from a report without words;
// an empty print is never a duplicate of anything.
func (p *Print) Empty() bool { return p.Exact == Hash{} }

// Fingerprint computes the print of a report from its title, text and
// language (a BCP 47 tag or ISO 639 code, "" if unknown; see
// textindex.Lang). Boilerplate lines are left out (see boilerplateText).
// The title counts only when the text has fewer than ShortText words, so
// a re-headlined copy keeps its original's print. It is deterministic, safe
// for concurrent use, and never fails: any input gives a print, possibly
// Empty.
func Fingerprint(title, text, lang string) Print {
	c := contents.Get().(*content)
	c.fill(title, text, lang)
	p := c.print()
	if cap(c.words) <= 1<<16 { // an outsized text's arrays are not worth keeping
		clear(c.words) // nothing of the text is kept
		clear(c.terms)
		contents.Put(c)
	}
	return p
}

// contents keeps the arrays of Fingerprint's contents between calls.
var contents = sync.Pool{New: func() any { return new(content) }}

// content is a report reduced to what fingerprints see: its normalized
// words for the exact hash and its analyzer terms for the signature.
type content struct {
	words []string // normalized words, boilerplate lines removed
	terms []string // textindex terms of the same lines
}

func newContent(title, text, lang string) content {
	var c content
	c.fill(title, text, lang)
	return c
}

// fill makes c the content of a report, reusing its arrays.
func (c *content) fill(title, text, lang string) {
	c.words, c.terms = c.words[:0], c.terms[:0]
	c.add(text, lang)
	if len(c.words) < ShortText && title != "" {
		var t content
		t.add(title, lang)
		c.words = append(t.words, c.words...)
		c.terms = append(t.terms, c.terms...)
	}
}

// add appends the words and terms of text's lines that are not boilerplate.
func (c *content) add(text, lang string) {
	var words []string
	splitLines(text, func(line string) {
		words = lineWords(words[:0], line)
		if len(words) == 0 || rules.isBoilerplate(line, words) {
			return
		}
		c.words = append(c.words, words...)
		textindex.Analyze(line, lang, func(t textindex.Token) { c.terms = append(c.terms, t.Term) })
	})
}

func (c *content) print() Print {
	var p Print
	if len(c.words) == 0 {
		return p
	}
	h := sha256.New()
	for i, w := range c.words {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(w))
	}
	var sum [sha256.Size]byte
	copy(p.Exact[:], h.Sum(sum[:0]))
	set := shingles(c.terms, ShingleSize)
	p.Shingles = uint32(len(set))
	p.Sig = minHash(set)
	p.Numbers, p.NumHash = numberSketch(c.words)
	return p
}

// numberSketch counts the distinct numbers among words (all digits, two or
// more, not all zeros) and returns the bottom-k sketch of their hashes.
func numberSketch(words []string) (n uint16, sketch [NumSketch]uint16) {
	for i := range sketch {
		sketch[i] = 0xffff
	}
	seen := map[uint16]bool{}
	for _, w := range words {
		if !isNumber(w) {
			continue
		}
		h := uint16(mix(termHash(strings.TrimLeft(w, "0"))) % 0xffff)
		if seen[h] {
			continue
		}
		seen[h] = true
		if n < 0xffff {
			n++
		}
		if h < sketch[NumSketch-1] { // insert in order
			k := NumSketch - 1
			for k > 0 && sketch[k-1] > h {
				sketch[k] = sketch[k-1]
				k--
			}
			sketch[k] = h
		}
	}
	return n, sketch
}

func isNumber(w string) bool {
	if len(w) < 2 {
		return false
	}
	zeros := true
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
		zeros = zeros && w[i] == '0'
	}
	return !zeros
}

// numberShare estimates the share of the numbers of the print with fewer
// numbers that the other has too, from the bottom-k sketches: exact when
// both have at most NumSketch numbers. It is 1 when either has fewer than
// two: no evidence.
func numberShare(na, nb int, ha, hb []uint16) float64 {
	if na < 2 || nb < 2 {
		return 1
	}
	// The k smallest hashes of the union, and how many of them both have.
	i, j, k, both := 0, 0, 0, 0
	for k < NumSketch && (i < min(na, NumSketch) || j < min(nb, NumSketch)) {
		x, y := uint16(0xffff), uint16(0xffff)
		if i < min(na, NumSketch) {
			x = ha[i]
		}
		if j < min(nb, NumSketch) {
			y = hb[j]
		}
		switch {
		case x == y:
			both++
			i++
			j++
		case x < y:
			i++
		default:
			j++
		}
		k++
	}
	if na <= NumSketch && nb <= NumSketch {
		return float64(both) / float64(min(na, nb)) // the sketches are the sets
	}
	jac := float64(both) / float64(k)
	inter := jac * float64(na+nb) / (1 + jac)
	return min(inter/float64(min(na, nb)), 1)
}

// shingles returns the distinct hashes of the runs of k consecutive terms
// (one shingle of all terms when there are fewer than k).
func shingles(terms []string, k int) []uint64 {
	th := make([]uint64, len(terms))
	for i, t := range terms {
		th[i] = termHash(t)
	}
	return shinglesOfHashes(th, k)
}

// shinglesOfHashes is shingles of terms given by their termHash.
func shinglesOfHashes(th []uint64, k int) []uint64 {
	if len(th) == 0 {
		return nil
	}
	if len(th) < k {
		k = len(th)
	}
	seen := make(map[uint64]struct{}, len(th))
	out := make([]uint64, 0, len(th))
	for i := 0; i+k <= len(th); i++ {
		h := uint64(k)
		for _, t := range th[i : i+k] {
			h = mix(h ^ t)
		}
		if _, ok := seen[h]; !ok {
			seen[h] = struct{}{}
			out = append(out, h)
		}
	}
	return out
}

// termHash is 64-bit FNV-1a: fixed forever, unlike hash/maphash, because
// prints are stored.
func termHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix is the splitmix64 finalizer: a bijection that spreads every input bit.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// perm holds the SigSize hash functions h_i(x) = a_i·x + b_i mod 2⁶⁴ with
// odd a_i, drawn from splitmix64 with a fixed seed. It is never changed.
var perm = func() (p [SigSize][2]uint64) {
	s := uint64(0x6a09e667f3bcc908) // fixed: prints are stored
	for i := range p {
		s += 0x9e3779b97f4a7c15
		p[i][0] = mix(s) | 1
		s += 0x9e3779b97f4a7c15
		p[i][1] = mix(s)
	}
	return p
}()

// minHash computes the b-bit MinHash of a set of shingle hashes: for each
// hash function the minimum over the set, of which 16 bits are kept (Li and
// König's b-bit minwise hashing: two sets agree on a value with probability
// J + (1−J)/2¹⁶, J their Jaccard similarity).
func minHash(set []uint64) [SigSize]uint16 {
	var sig [SigSize]uint16
	if len(set) == 0 {
		return sig
	}
	var mins [SigSize]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	for _, x := range set {
		// Four functions at a time, branch-free: a third faster than one
		// at a time with a comparison.
		for i := 0; i < SigSize; i += 4 {
			p, m := (*[4][2]uint64)(perm[i:i+4]), (*[4]uint64)(mins[i:i+4])
			m[0] = min(m[0], p[0][0]*x+p[0][1])
			m[1] = min(m[1], p[1][0]*x+p[1][1])
			m[2] = min(m[2], p[2][0]*x+p[2][1])
			m[3] = min(m[3], p[3][0]*x+p[3][1])
		}
	}
	for i, m := range mins {
		sig[i] = uint16(mix(m))
	}
	return sig
}

// BandKeys returns the print's Bands LSH band keys: band b's key hashes b
// and the Rows MinHash values of the band. Two prints with Jaccard
// similarity J share at least one key with probability 1−(1−J^Rows)^Bands.
// A store keeps them in a (band_key, report_id) table and finds candidates
// by equality. An empty print has no keys.
func (p *Print) BandKeys() []uint64 {
	if p.Empty() || p.Shingles == 0 {
		return nil
	}
	keys := make([]uint64, Bands)
	for b := range keys {
		h := mix(uint64(b) + 1)
		for _, v := range p.Sig[b*Rows : (b+1)*Rows] {
			h = mix(h ^ uint64(v))
		}
		keys[b] = h
	}
	return keys
}

// Similarity estimates how much two prints' shingle sets overlap: Jaccard
// is |A∩B|/|A∪B|; Containment is |A∩B|/min(|A|,|B|), the share of the
// shorter text found in the longer (1 for a copy trimmed at the end).
type Similarity struct {
	Jaccard     float64
	Containment float64
	// Numbers is the share of the figures of the text with fewer figures
	// that the other has too (1 when either has fewer than two).
	Numbers float64
}

// Compare estimates the similarity of two prints from their signatures and
// sizes. Empty prints have zero similarity with everything.
func Compare(a, b *Print) Similarity {
	if a.Shingles == 0 || b.Shingles == 0 || a.Empty() || b.Empty() {
		return Similarity{}
	}
	same := 0
	for i := range a.Sig {
		if a.Sig[i] == b.Sig[i] {
			same++
		}
	}
	s := similarity(same, SigSize, 1.0/65536, a.Shingles, b.Shingles)
	s.Numbers = numberShare(int(a.Numbers), int(b.Numbers), a.NumHash[:], b.NumHash[:])
	return s
}

// similarity turns agreeing values of a b-bit signature into a Similarity:
// chance is the probability that values of unrelated sets agree.
func similarity(same, n int, chance float64, sa, sb uint32) Similarity {
	j := (float64(same)/float64(n) - chance) / (1 - chance)
	j = min(max(j, 0), 1)
	inter := j * float64(sa+sb) / (1 + j)
	c := min(inter/float64(min(sa, sb)), 1)
	return Similarity{Jaccard: j, Containment: c, Numbers: 1}
}

// MarshalBinary encodes the print in PrintBytes bytes: a format byte, the
// exact hash, the shingle count, the signature, the count of numbers and
// their sketch, little-endian.
func (p Print) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, PrintBytes)
	b = append(b, printFormat)
	b = append(b, p.Exact[:]...)
	b = binary.LittleEndian.AppendUint32(b, p.Shingles)
	for _, v := range p.Sig {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	b = binary.LittleEndian.AppendUint16(b, p.Numbers)
	for _, v := range p.NumHash {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	return b, nil
}

// printFormat is the first byte of a marshaled print.
const printFormat = 1

// ErrPrintFormat is returned by UnmarshalBinary for bytes that are not a
// marshaled print of this format.
var ErrPrintFormat = errors.New("dedup: not a print of this format")

// UnmarshalBinary decodes what MarshalBinary encoded. It returns an error
// wrapping ErrPrintFormat for any other bytes.
func (p *Print) UnmarshalBinary(b []byte) error {
	if len(b) != PrintBytes || b[0] != printFormat {
		return fmt.Errorf("%w: %d bytes, first %v", ErrPrintFormat, len(b), firstByte(b))
	}
	copy(p.Exact[:], b[1:17])
	p.Shingles = binary.LittleEndian.Uint32(b[17:21])
	for i := range p.Sig {
		p.Sig[i] = binary.LittleEndian.Uint16(b[21+2*i:])
	}
	b = b[21+2*SigSize:]
	p.Numbers = binary.LittleEndian.Uint16(b)
	for i := range p.NumHash {
		p.NumHash[i] = binary.LittleEndian.Uint16(b[2+2*i:])
	}
	return nil
}

func firstByte(b []byte) any {
	if len(b) == 0 {
		return "none"
	}
	return b[0]
}

// simHash is Charikar's 64-bit SimHash of a set of shingle hashes, each of
// weight one. It is not part of a print: Evaluate measures it against
// MinHash (see the design notes in doc.go).
func simHash(set []uint64) uint64 {
	var acc [64]int32
	for _, x := range set {
		x = mix(x)
		for i := range acc {
			if x>>uint(i)&1 == 1 {
				acc[i]++
			} else {
				acc[i]--
			}
		}
	}
	var h uint64
	for i, v := range acc {
		if v > 0 {
			h |= 1 << uint(i)
		}
	}
	return h
}

// simHashDistance is the Hamming distance of two SimHashes.
func simHashDistance(a, b uint64) int { return bits.OnesCount64(a ^ b) }
