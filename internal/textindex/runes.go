package textindex

import (
	"unicode"

	"github.com/jic-center/jic/internal/namekey"
)

func isWordRune(r rune) bool { return namekey.IsWordRune(r) || namekey.IsMark(r) }

func isMn(r rune) bool { return namekey.IsMn(r) }

func isCJK(r rune) bool {
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
