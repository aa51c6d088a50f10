// Package memo is a small bounded cache for the results of pure functions
// of a word or a name, shared by the goroutines that process reports: news
// repeats its words and names, and analyzing one is much dearer than
// looking it up. Each slot holds one entry, replaced by the next key that
// hashes to it, so memory is fixed and there is no lock; entries are
// swapped whole, so a reader never sees half of one.
package memo

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
)

// Cache maps a key and a tag (such as a language) to a value.
type Cache[V any] struct {
	slots []atomic.Pointer[entry[V]]
	seed  maphash.Seed
}

type entry[V any] struct {
	key, tag string
	v        V
}

// New returns a cache of size slots, rounded up to a power of two.
func New[V any](size int) *Cache[V] {
	n := 1
	for n < size {
		n <<= 1
	}
	return &Cache[V]{slots: make([]atomic.Pointer[entry[V]], n), seed: maphash.MakeSeed()}
}

func (c *Cache[V]) slot(key, tag string) *atomic.Pointer[entry[V]] {
	h := maphash.String(c.seed, key) ^ maphash.String(c.seed, tag)*0x9e3779b97f4a7c15
	return &c.slots[h&uint64(len(c.slots)-1)]
}

// Get returns the value stored for key and tag, if it is still there.
func (c *Cache[V]) Get(key, tag string) (V, bool) {
	if e := c.slot(key, tag).Load(); e != nil && e.key == key && e.tag == tag {
		return e.v, true
	}
	var zero V
	return zero, false
}

// Put stores v for key and tag. The key is copied: it is often a slice of
// a long text the cache must not keep alive.
func (c *Cache[V]) Put(key, tag string, v V) {
	c.slot(key, tag).Store(&entry[V]{key: strings.Clone(key), tag: strings.Clone(tag), v: v})
}
