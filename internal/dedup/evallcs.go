package dedup

import "math/bits"

// lcsLen returns the length of the longest common subsequence of two word
// sequences, by the bit-vector algorithm of Crochemore, Iliopoulos, Pinzon
// and Reid (2001): O(|a|·|b|/64). The evaluation uses it as its judge of
// copying, a word-level diff that shares nothing with the fingerprints.
func lcsLen(a, b []uint32) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := (len(a) + 63) / 64
	masks := map[uint32][]uint64{}
	for i, s := range a {
		m := masks[s]
		if m == nil {
			m = make([]uint64, n)
			masks[s] = m
		}
		m[i/64] |= 1 << uint(i%64)
	}
	v := make([]uint64, n)
	for i := range v {
		v[i] = ^uint64(0)
	}
	for _, s := range b {
		m := masks[s]
		if m == nil {
			continue
		}
		var carry uint64
		for i := range v {
			u := v[i] & m[i]
			sum, c := bits.Add64(v[i], u, carry)
			carry = c
			v[i] = sum | (v[i] &^ m[i])
		}
	}
	zeros := 0
	for i := range v {
		w := v[i]
		if i == n-1 && len(a)%64 != 0 {
			w |= ^uint64(0) << uint(len(a)%64)
		}
		zeros += 64 - bits.OnesCount64(w)
	}
	return zeros
}
