package textfeat

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Class is one language the model scores: one of the six, or an other
// language (a UDHR language in one script) that competes with them.
type Class struct {
	Name   string `json:"name"`   // "ar", or an other language's "deu/Latin"
	Lang   string `json:"lang"`   // "ar", "fa", "ru", "en", "fr", "tr" or "other"
	Script Script `json:"script"` // the script its n-grams are in
}

// Model is the trained language model as stored, a naive Bayes model whose
// weights are relative to the best class and floored: for every feature
// key, the classes that use it, each with a weight Q, 1..255, that stands
// for log P(feature|class) - max over classes of log P(feature|class') -
// LogU[class][order] = Q*Step. A class without an entry for a known feature
// of order n scores LogU[class][n], its floor.
type Model struct {
	Classes []Class            `json:"classes"`
	Step    float64            `json:"step"`
	LogU    [][8]float64       `json:"logu"`   // per class, per order`
	Params  map[string]float64 `json:"params"` // decision thresholds, see package lang
	Info    map[string]string  `json:"info"`   // how the model was made

	Keys []uint32 `json:"-"` // sorted
	Off  []uint32 `json:"-"` // entries of Keys[i] are Ent[Off[i]:Off[i+1]]
	Ent  []uint32 `json:"-"` // class<<8 | Q, classes ascending within a key
}

const magic = "jic-langid-1\n"

// Encode writes m in its compressed file form.
func (m *Model) Encode(w io.Writer) error {
	if len(m.Off) != len(m.Keys)+1 {
		return errors.New("textfeat: model offsets do not match keys")
	}
	hdr, err := json.Marshal(m)
	if err != nil {
		return err
	}
	var raw bytes.Buffer
	raw.WriteString(magic)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(v uint64) { raw.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	uv(uint64(len(hdr)))
	raw.Write(hdr)
	uv(uint64(len(m.Keys)))
	prev := uint32(0)
	for i, k := range m.Keys {
		if i > 0 && k <= prev {
			return errors.New("textfeat: model keys not sorted")
		}
		uv(uint64(k - prev))
		prev = k
	}
	// Entries in two streams, counts and classes first, then the weights:
	// similar values next to each other compress better.
	for i := range m.Keys {
		uv(uint64(m.Off[i+1] - m.Off[i]))
	}
	for i := range m.Keys {
		pc := uint32(0)
		for _, e := range m.Ent[m.Off[i]:m.Off[i+1]] {
			uv(uint64(e>>8 - pc))
			pc = e >> 8
		}
	}
	for _, e := range m.Ent {
		raw.WriteByte(byte(e))
	}
	fw, err := flate.NewWriter(w, flate.BestCompression)
	if err != nil {
		return err
	}
	if _, err := fw.Write(raw.Bytes()); err != nil {
		return err
	}
	return fw.Close()
}

// Decode reads a model written by Encode.
func Decode(r io.Reader) (*Model, error) {
	br := bufio.NewReaderSize(flate.NewReader(r), 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("textfeat: not a language model")
	}
	var err error
	uv := func() uint64 {
		if err != nil {
			return 0
		}
		var v uint64
		v, err = binary.ReadUvarint(br)
		return v
	}
	n := uv()
	if err != nil || n > 1<<24 {
		return nil, fmt.Errorf("textfeat: bad model header")
	}
	hdr := make([]byte, n)
	if _, err := io.ReadFull(br, hdr); err != nil {
		return nil, fmt.Errorf("textfeat: read model header: %w", err)
	}
	m := new(Model)
	if err := json.Unmarshal(hdr, m); err != nil {
		return nil, fmt.Errorf("textfeat: model header: %w", err)
	}
	if len(m.LogU) != len(m.Classes) || len(m.Classes) == 0 || len(m.Classes) > 1<<16 || m.Step <= 0 {
		return nil, fmt.Errorf("textfeat: bad model classes")
	}
	nk := uv()
	if err != nil || nk > 1<<26 {
		return nil, fmt.Errorf("textfeat: bad key count")
	}
	m.Keys = make([]uint32, nk)
	prev := uint64(0)
	for i := range m.Keys {
		prev += uv()
		m.Keys[i] = uint32(prev)
	}
	m.Off = make([]uint32, nk+1)
	for i := range m.Keys {
		n := uv()
		if n >= 1<<10 {
			err = fmt.Errorf("%d entries for one key", n)
		}
		m.Off[i+1] = m.Off[i] + uint32(n)
	}
	if err != nil || m.Off[nk] >= 1<<22 {
		return nil, fmt.Errorf("textfeat: bad model entries: %v", err)
	}
	m.Ent = make([]uint32, m.Off[nk])
	for i := range m.Keys {
		pc := uint64(0)
		for j := m.Off[i]; j < m.Off[i+1]; j++ {
			pc += uv()
			if pc >= uint64(len(m.Classes)) {
				return nil, fmt.Errorf("textfeat: bad class in model")
			}
			m.Ent[j] = uint32(pc) << 8
		}
	}
	if err != nil {
		return nil, fmt.Errorf("textfeat: read model: %w", err)
	}
	for j := range m.Ent {
		b, err := br.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("textfeat: read model weights: %w", err)
		}
		m.Ent[j] |= uint32(b)
	}
	return m, nil
}

// SortEntries puts the entries of every key in ascending class order.
func (m *Model) SortEntries() {
	for i := range m.Keys {
		e := m.Ent[m.Off[i]:m.Off[i+1]]
		sort.Slice(e, func(a, b int) bool { return e[a] < e[b] })
	}
}
