// Package audit is the hash chain behind jic's audit log: every change and
// every release appends an event that carries the SHA-256 of the event
// before it, so that an edit made behind jic's back shows up as the first
// event whose hash does not match. The stores append events in the same
// transaction as the change they record.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/jic-center/jic"
)

// Hash returns the hex SHA-256 of e's fields and e.PrevHash (not e.Hash).
// Fields are hashed as one JSON array, which has one encoding for given
// values, so no two different events share an input.
func Hash(e jic.AuditEvent) string {
	b, err := json.Marshal([]any{e.Seq, e.At.UnixMilli(), e.UserID, e.MemberID, e.Action, e.Object, e.Detail, e.PrevHash})
	if err != nil {
		panic(err) // ints and strings always encode
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Verifier walks a chain in order. Feed it every event with Next; the first
// error names the first event that does not fit.
type Verifier struct {
	prevSeq  int64
	prevHash string
	Count    int64
}

// Next checks e against the event before it.
func (v *Verifier) Next(e jic.AuditEvent) error {
	switch {
	case e.Seq != v.prevSeq+1:
		return fmt.Errorf("event %d: expected event %d next (an event was removed or reordered)", e.Seq, v.prevSeq+1)
	case e.PrevHash != v.prevHash:
		return fmt.Errorf("event %d: prev_hash %.12s… does not match the hash of event %d (%.12s…)", e.Seq, e.PrevHash, v.prevSeq, v.prevHash)
	case Hash(e) != e.Hash:
		return fmt.Errorf("event %d: its hash does not match its contents (the event was edited)", e.Seq)
	}
	v.prevSeq, v.prevHash = e.Seq, e.Hash
	v.Count++
	return nil
}

// End checks that the chain reaches the head the store records, so that
// events cut from its end are noticed too.
func (v *Verifier) End(headSeq int64, headHash string) error {
	if headSeq != v.prevSeq || headHash != v.prevHash {
		return fmt.Errorf("the chain ends at event %d but the head records event %d (events were removed from the end)", v.prevSeq, headSeq)
	}
	return nil
}
