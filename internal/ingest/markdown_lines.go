package ingest

import (
	"strings"
)

// The Markdown line classifiers below take a line without its leading
// indentation and trailing space.

// isFence reports whether a line opens a fenced code block: three or more
// backticks or tildes.
func isFence(s string) bool {
	n := fenceLen(s)
	return n >= 3 && !(s[0] == '`' && strings.Contains(s[n:], "`"))
}

func fenceLen(s string) int {
	if s == "" || s[0] != '`' && s[0] != '~' {
		return 0
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return n
}

// atxLevel returns the level of an ATX heading ("## Title"), 0 if s is not one.
func atxLevel(s string) int {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n < len(s) && s[n] != ' ' {
		return 0
	}
	return n
}

// atxText returns the text of an ATX heading without the opening and
// optional closing run of '#'.
func atxText(s string) string {
	s = strings.TrimSpace(strings.TrimLeft(s, "#"))
	if t := strings.TrimRight(s, "#"); t == "" || strings.HasSuffix(t, " ") {
		s = strings.TrimSpace(t)
	}
	return s
}

// isSetextLine reports whether s underlines the paragraph above it as a
// heading: "===" or "---".
func isSetextLine(s string) bool {
	return s != "" && (strings.Trim(s, "=") == "" || len(s) >= 2 && strings.Trim(s, "-") == "")
}

// isBreak reports whether s is a thematic break: three or more of one of
// "*", "-", "_", optionally spaced.
func isBreak(s string) bool {
	c := s[0]
	if c != '*' && c != '-' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			n++
		case ' ':
		default:
			return false
		}
	}
	return n >= 3
}

// isLinkDefinition reports whether s defines a reference link target
// ("[id]: http://example.org"), which has no text to keep.
func isLinkDefinition(s string) bool {
	if !strings.HasPrefix(s, "[") {
		return false
	}
	i := strings.Index(s, "]:")
	return i > 1 && !strings.ContainsAny(s[1:i], "[]") && strings.TrimSpace(s[i+2:]) != ""
}

// isTableRule reports whether s is the line under a table header:
// "|---|:--:|".
func isTableRule(s string) bool {
	if !strings.Contains(s, "-") || !strings.ContainsAny(s, "|") {
		return false
	}
	return strings.Trim(s, "|-: ") == ""
}

// tableRow turns "| a | b |" into "a\tb".
func tableRow(s string) string {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "|"), "|")
	cells := strings.Split(s, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return strings.Join(cells, "\t")
}

// listItem returns the text of a list item line, with a bullet for an
// unordered item and its number for an ordered one, and without a task
// list box.
func listItem(s string) (string, bool) {
	var marker, rest string
	switch {
	case len(s) >= 2 && strings.ContainsRune("-*+", rune(s[0])) && s[1] == ' ':
		marker, rest = "•", s[2:]
	default:
		n := 0
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n+1 >= len(s) || s[n] != '.' && s[n] != ')' || s[n+1] != ' ' {
			return "", false
		}
		marker, rest = s[:n]+".", s[n+2:]
	}
	rest = strings.TrimSpace(rest)
	for _, box := range []string{"[ ] ", "[x] ", "[X] "} {
		rest = strings.TrimPrefix(rest, box)
	}
	return marker + " " + rest, true
}
