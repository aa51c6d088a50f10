package dedup

// bandTable maps the band keys of one LSH band (their low 32 bits) to a
// value: open addressing with linear probing in slots of 8 bytes (the key
// in the high half, value+1 in the low half, 0 for an empty slot), 10 to
// 18 bytes per key as the load goes from 7/8 to 7/16, where a Go map takes
// about 20. It is split into 256 parts by the key's top byte, so that a
// part grows, and rehashes, on its own: an Add never waits for a whole
// band to be copied. Nothing is deleted.
type bandTable struct {
	parts [256][]uint64
	used  [256]int32
}

// get returns the value of key.
func (t *bandTable) get(key uint32) (uint32, bool) {
	p := t.parts[key>>24]
	if len(p) == 0 {
		return 0, false
	}
	mask := len(p) - 1
	for i := int(key) & mask; ; i = (i + 1) & mask {
		switch s := p[i]; {
		case s == 0:
			return 0, false
		case uint32(s>>32) == key:
			return uint32(s) - 1, true
		}
	}
}

// set sets the value of key; val must be below 1<<32 - 1.
func (t *bandTable) set(key, val uint32) {
	part := key >> 24
	p := t.parts[part]
	if int(t.used[part]+1)*8 > len(p)*7 {
		p = t.grow(part)
	}
	mask := len(p) - 1
	for i := int(key) & mask; ; i = (i + 1) & mask {
		if s := p[i]; s == 0 || uint32(s>>32) == key {
			if s == 0 {
				t.used[part]++
			}
			p[i] = uint64(key)<<32 | uint64(val+1)
			return
		}
	}
}

// grow doubles a part (8 slots to start) and moves its keys.
func (t *bandTable) grow(part uint32) []uint64 {
	old := t.parts[part]
	p := make([]uint64, max(8, 2*len(old)))
	mask := len(p) - 1
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := int(uint32(s>>32)) & mask
		for p[i] != 0 {
			i = (i + 1) & mask
		}
		p[i] = s
	}
	t.parts[part] = p
	return p
}
