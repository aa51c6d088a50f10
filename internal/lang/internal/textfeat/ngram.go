package textfeat

// MinN and MaxN are the shortest and longest character n-grams, counting
// the word-boundary spaces. Single letters and pairs are left out: almost
// every language has them, so they would cost a score update for each of
// hundreds of classes per letter and tell little that trigrams do not.
const (
	MinN = 3
	MaxN = 5
)

// WordOrder is the order of the whole-word features: words of four to
// MaxWord letters, hashed whole (shorter words already are n-grams).
const (
	WordOrder = 6
	MaxWord   = 24
)

// Order is the n-gram order a feature key was made from: 1..MaxN, or
// WordOrder for whole words.
func Order(key uint32) int { return int(key & 7) }

// AppendFeatures appends to dst the feature keys of s, a normalized rune
// stream that starts and ends with a space (see Normalize): for every word,
// its 3- to 5-grams padded with the boundary spaces (" de ", " l'e",
// "tion ") and, for words of 4 to MaxWord letters, the whole word. A key
// carries its order in its low three bits.
func AppendFeatures(dst []uint32, s []rune) []uint32 {
	start := -1
	for i, r := range s {
		if r != ' ' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			dst = appendWord(dst, s[start-1:i+1])
			start = -1
		}
	}
	return dst
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// mix finishes a hash so that its low bits are usable.
func mix(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// appendWord appends the features of one word padded with a space on each
// side (p = " word ").
func appendWord(dst []uint32, p []rune) []uint32 {
	for i := range p {
		h := uint32(fnvOffset)
		for n := 1; n <= MaxN && i+n <= len(p); n++ {
			h = (h ^ uint32(p[i+n-1])) * fnvPrime
			if n < MinN {
				continue
			}
			dst = append(dst, mix(h+uint32(n))&^7|uint32(n))
		}
	}
	if l := len(p) - 2; l >= 4 && l <= MaxWord {
		h := uint32(fnvOffset) ^ 0x5bd1e995
		for _, r := range p {
			h = (h ^ uint32(r)) * fnvPrime
		}
		dst = append(dst, mix(h)&^7|WordOrder)
	}
	return dst
}
