package gazetteer

import (
	"errors"
	"math/bits"
	"sort"
	"strings"

	"github.com/jic-center/jic/internal/gazetteer/internal/gazdata"
)

// index maps name keys to postings with an open-addressing hash table over
// one string of all keys: about 20 bytes a key and 4 a posting, against the
// 100 or more a Go map of slices would take, and lookups by a []byte window
// without allocating.
type index struct {
	keys    string   // all keys, concatenated
	keyEnd  []uint32 // key i is keys[keyEnd[i-1]:keyEnd[i]]
	postEnd []uint32 // postings of key i are posts[postEnd[i-1]:postEnd[i]]
	posts   []uint32 // place<<8 | flags
	table   []uint32 // tag<<idxBits | key index + 1; 0 is empty
	idxBits uint     // the low bits of a table entry that hold the key index + 1
	// longest is, for each key, the most words of a key that starts with
	// it as its first word (1 when none does): a window longer than that
	// cannot match, so most windows are never looked up. First words that
	// are no key of their own are added as keys without postings.
	longest []uint8
}

func (x *index) read(rd *gazdata.Reader, places uint32) error {
	n := rd.Count()
	x.keyEnd = make([]uint32, n)
	x.postEnd = make([]uint32, n)
	var keys strings.Builder
	var key []byte
	for i := range n {
		c := int(rd.Uint())
		rest := rd.Bytes()
		if rd.Err() != nil {
			return rd.Err()
		}
		if c > len(key) {
			return errors.New("gazetteer file: bad key prefix")
		}
		key = append(key[:c], rest...)
		keys.Write(key)
		x.keyEnd[i] = uint32(keys.Len())
		np := rd.Count()
		p := int64(0)
		for range np {
			p += rd.Int()
			flags := rd.Uint()
			if p < 0 || p >= int64(places) || flags > 0xff {
				return errors.New("gazetteer file: bad posting")
			}
			x.posts = append(x.posts, uint32(p)<<8|uint32(flags))
		}
		x.postEnd[i] = uint32(len(x.posts))
		if rd.Err() != nil {
			return rd.Err()
		}
	}
	longest := map[string]uint8{}
	for i := range n {
		k := keys.String()[:x.keyEnd[i]]
		if i > 0 {
			k = k[x.keyEnd[i-1]:]
		}
		first, _, ok := strings.Cut(k, " ")
		if !ok {
			continue
		}
		if w := uint8(min(strings.Count(k, " ")+1, 255)); w > longest[first] {
			longest[first] = w
		}
	}
	x.keys = keys.String()
	known := map[string]bool{}
	for i := range n {
		if _, ok := longest[x.key(i)]; ok {
			known[x.key(i)] = true
		}
	}
	firsts := make([]string, 0, len(longest))
	for k := range longest {
		if !known[k] {
			firsts = append(firsts, k)
		}
	}
	sort.Strings(firsts) // the same layout on every load
	for _, k := range firsts {
		keys.WriteString(k)
		x.keyEnd = append(x.keyEnd, uint32(keys.Len()))
		x.postEnd = append(x.postEnd, uint32(len(x.posts)))
	}
	x.keys = keys.String()
	n = len(x.keyEnd)
	x.longest = make([]uint8, n)
	for i := range n {
		x.longest[i] = max(1, longest[x.key(i)])
	}
	size := 1
	for size < 2*n+1 {
		size <<= 1
	}
	x.table = make([]uint32, size)
	x.idxBits = uint(bits.Len(uint(n + 1)))
	if x.idxBits > 24 {
		return errors.New("gazetteer file: too many keys")
	}
	mask := uint64(size - 1)
	for i := range n {
		hk := hashString(x.key(i))
		h := hk & mask
		for x.table[h] != 0 {
			h = (h + 1) & mask
		}
		x.table[h] = x.tag(hk)<<x.idxBits | uint32(i+1)
	}
	return nil
}

// tag returns the bits of a key's hash kept in its table entry beside the
// key's index: a probe compares them first and reads the key itself (from
// memory far away) only when they agree.
func (x *index) tag(h uint64) uint32 {
	return uint32(h>>32) & (1<<(32-x.idxBits) - 1)
}

func (x *index) key(i int) string {
	start := uint32(0)
	if i > 0 {
		start = x.keyEnd[i-1]
	}
	return x.keys[start:x.keyEnd[i]]
}

// find returns the index of key k, or -1.
func (x *index) find(k []byte) int {
	if len(x.table) == 0 {
		return -1
	}
	mask := uint64(len(x.table) - 1)
	hk := hashBytes(k)
	tag, idxMask := x.tag(hk), uint32(1)<<x.idxBits-1
	for h := hk & mask; ; h = (h + 1) & mask {
		e := x.table[h]
		if e == 0 {
			return -1
		}
		if e>>x.idxBits == tag && x.key(int(e&idxMask-1)) == string(k) {
			return int(e&idxMask - 1)
		}
	}
}

// postings returns the postings of key i.
func (x *index) postings(i int) []uint32 {
	start := uint32(0)
	if i > 0 {
		start = x.postEnd[i-1]
	}
	return x.posts[start:x.postEnd[i]]
}

// each calls fn for each posting of key k.
func (x *index) each(k string, fn func(place uint32, flags uint8)) {
	i := x.find([]byte(k))
	if i < 0 {
		return
	}
	for _, p := range x.postings(i) {
		fn(p>>8, uint8(p))
	}
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}
