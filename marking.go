package jic

import "strings"

// Marking is a Traffic Light Protocol 2.0 label. It decides who may see an
// item; the stores enforce it in their queries (see Viewer).
type Marking string

// The five TLP 2.0 levels, from most to least shareable.
const (
	TLPClear       Marking = "CLEAR"        // anyone, including anonymous readers when the operator publishes
	TLPGreen       Marking = "GREEN"        // every member of the center
	TLPAmber       Marking = "AMBER"        // the owner member and the members it names
	TLPAmberStrict Marking = "AMBER+STRICT" // the owner member only
	TLPRed         Marking = "RED"          // the named users only
)

// Markings lists the levels in order from least to most restrictive.
var Markings = []Marking{TLPClear, TLPGreen, TLPAmber, TLPAmberStrict, TLPRed}

// ParseMarking accepts a TLP 2.0 level in any case, with or without a "TLP:"
// prefix ("tlp:amber+strict"), and returns EINVALID for anything else.
func ParseMarking(s string) (Marking, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	u = strings.TrimPrefix(u, "TLP:")
	if u == "WHITE" { // TLP 1.0's name for CLEAR, still common in feeds
		u = string(TLPClear)
	}
	for _, m := range Markings {
		if string(m) == u {
			return m, nil
		}
	}
	return "", FieldErrorf(EINVALID, "marking", "%q is not a TLP 2.0 marking (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)", s)
}

// Valid reports whether m is one of the five levels.
func (m Marking) Valid() bool {
	_, err := ParseMarking(string(m))
	return err == nil && strings.ToUpper(string(m)) == string(m)
}

// String returns the label as written in TLP 2.0 ("TLP:AMBER+STRICT").
func (m Marking) String() string { return "TLP:" + string(m) }
