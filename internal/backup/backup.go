// Package backup reads and writes jic's backup format: a gzip stream of JSON
// lines holding every table's rows, the same for every backend, so that a
// backup of SQLite restores into PostgreSQL and back. A trailer holds the row
// counts and a SHA-256 of everything before it; a reader refuses a file that
// is truncated, altered or not a jic backup before anything is committed.
//
//	{"format":"jic-backup","version":1,"jic":"0.1.0","created":"...","dialect":"sqlite","schema":1}
//	{"table":"members","columns":["id","name",...]}
//	[1,"Center",...]
//	...
//	{"end":true,"rows":{"members":3,...},"sha256":"..."}
package backup

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"time"

	"github.com/jic-center/jic"
)

// Format and FormatVersion identify the file; a reader accepts only them.
const (
	Format        = "jic-backup"
	FormatVersion = 1
	maxLine       = 64 << 20 // a row holds at most a few 10 MiB fields
)

// Header opens a backup.
type Header struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Jic     string    `json:"jic"`
	Created time.Time `json:"created"`
	Dialect string    `json:"dialect"`
	Schema  int64     `json:"schema"` // the schema version the rows fit
}

type tableLine struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
}

type trailer struct {
	End    bool             `json:"end"`
	Rows   map[string]int64 `json:"rows"`
	SHA256 string           `json:"sha256"`
}

// Writer writes a backup. Values are int64, float64, string, []byte or nil.
type Writer struct {
	gz    *gzip.Writer
	buf   *bufio.Writer
	sum   hash.Hash
	table string
	rows  map[string]int64
}

// NewWriter starts a backup on w with h (Format and Version are set).
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	gz := gzip.NewWriter(w)
	bw := &Writer{gz: gz, buf: bufio.NewWriterSize(gz, 1<<16), sum: sha256.New(), rows: map[string]int64{}}
	h.Format, h.Version = Format, FormatVersion
	return bw, bw.line(h)
}

func (w *Writer) line(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	w.sum.Write(b)
	_, err = w.buf.Write(b)
	return err
}

// Table starts the rows of a table.
func (w *Writer) Table(name string, columns []string) error {
	w.table = name
	w.rows[name] = 0
	return w.line(tableLine{Table: name, Columns: columns})
}

// Row writes one row of the current table.
func (w *Writer) Row(values []any) error {
	enc := make([]any, len(values))
	for i, v := range values {
		switch x := v.(type) {
		case []byte:
			enc[i] = map[string]string{"b": base64.StdEncoding.EncodeToString(x)}
		case int64, float64, string, nil:
			enc[i] = x
		case int:
			enc[i] = int64(x)
		case int32:
			enc[i] = int64(x)
		default:
			return fmt.Errorf("backup: table %s: unsupported value type %T", w.table, v)
		}
	}
	w.rows[w.table]++
	return w.line(enc)
}

// Close writes the trailer and flushes; the backup is complete only if it
// returns nil.
func (w *Writer) Close() error {
	t := trailer{End: true, Rows: w.rows, SHA256: hex.EncodeToString(w.sum.Sum(nil))}
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	if _, err := w.buf.Write(append(b, '\n')); err != nil {
		return err
	}
	if err := w.buf.Flush(); err != nil {
		return err
	}
	return w.gz.Close()
}

// Reader reads a backup written by Writer.
type Reader struct {
	br      *bufio.Reader
	sum     hash.Hash
	Header  Header
	table   string
	columns []string
	rows    map[string]int64
	done    bool
}

func invalid(format string, args ...any) error {
	return &jic.Error{Code: jic.EINVALID, Field: "backup", Message: fmt.Sprintf(format, args...)}
}

// NewReader opens a backup and reads its header. It returns EINVALID if r is
// not a jic backup of a version this jic reads.
func NewReader(r io.Reader) (*Reader, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, invalid("not a jic backup (not gzip data: %v)", err)
	}
	br := &Reader{br: bufio.NewReaderSize(gz, 1<<16), sum: sha256.New(), rows: map[string]int64{}}
	line, err := br.readLine()
	if err != nil {
		return nil, invalid("not a jic backup (no header: %v)", err)
	}
	br.sum.Write(line)
	if err := json.Unmarshal(line, &br.Header); err != nil || br.Header.Format != Format {
		return nil, invalid("not a jic backup (the first line is not a jic-backup header)")
	}
	if br.Header.Version != FormatVersion {
		return nil, invalid("backup format version %d; this jic reads version %d", br.Header.Version, FormatVersion)
	}
	return br, nil
}

func (r *Reader) readLine() ([]byte, error) {
	var line []byte
	for {
		part, err := r.br.ReadSlice('\n')
		line = append(line, part...)
		if len(line) > maxLine {
			return nil, invalid("a line is longer than %d bytes", maxLine)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, invalid("the backup is truncated (no trailer)")
			}
			return nil, invalid("cannot read the backup: %v", err)
		}
		return line, nil
	}
}

// Next returns the next row: the table it belongs to, its columns and
// values (int64, float64, string, []byte or nil). At the end it verifies the
// trailer and returns io.EOF; a bad trailer or checksum is EINVALID.
func (r *Reader) Next() (table string, columns []string, values []any, err error) {
	for !r.done {
		line, err := r.readLine()
		if err != nil {
			return "", nil, nil, err
		}
		if len(line) > 0 && line[0] == '[' {
			r.sum.Write(line)
			if r.table == "" {
				return "", nil, nil, invalid("a row before any table")
			}
			vals, err := decodeRow(line, len(r.columns))
			if err != nil {
				return "", nil, nil, invalid("table %s row %d: %v", r.table, r.rows[r.table]+1, err)
			}
			r.rows[r.table]++
			return r.table, r.columns, vals, nil
		}
		var probe struct {
			End   *bool    `json:"end"`
			Table string   `json:"table"`
			Cols  []string `json:"columns"`
		}
		if err := json.Unmarshal(line, &probe); err != nil {
			return "", nil, nil, invalid("malformed line after table %s: %v", r.table, err)
		}
		if probe.End != nil {
			return "", nil, nil, r.finish(line)
		}
		if probe.Table == "" || len(probe.Cols) == 0 {
			return "", nil, nil, invalid("malformed table line")
		}
		r.sum.Write(line)
		r.table, r.columns = probe.Table, probe.Cols
		r.rows[r.table] = 0
	}
	return "", nil, nil, io.EOF
}

func (r *Reader) finish(line []byte) error {
	var t trailer
	if err := json.Unmarshal(line, &t); err != nil || !t.End {
		return invalid("malformed trailer")
	}
	if got := hex.EncodeToString(r.sum.Sum(nil)); got != t.SHA256 {
		return invalid("checksum mismatch: the backup was altered or damaged")
	}
	for table, n := range t.Rows {
		if r.rows[table] != n {
			return invalid("table %s has %d rows, the trailer says %d", table, r.rows[table], n)
		}
	}
	// gzip verifies its own checksum only when it reaches the end.
	if extra, err := r.br.ReadByte(); err == nil {
		return invalid("data after the trailer (byte %#x)", extra)
	} else if !errors.Is(err, io.EOF) {
		return invalid("the backup is damaged: %v", err)
	}
	r.done = true
	return io.EOF
}

func decodeRow(line []byte, n int) ([]any, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return nil, err
	}
	if len(raw) != n {
		return nil, fmt.Errorf("%d values for %d columns", len(raw), n)
	}
	vals := make([]any, n)
	for i, m := range raw {
		v, err := decodeValue(m)
		if err != nil {
			return nil, fmt.Errorf("column %d: %v", i+1, err)
		}
		vals[i] = v
	}
	return vals, nil
}

func decodeValue(m json.RawMessage) (any, error) {
	if len(m) == 0 {
		return nil, errors.New("empty value")
	}
	switch m[0] {
	case 'n':
		return nil, nil
	case '"':
		var s string
		err := json.Unmarshal(m, &s)
		return s, err
	case '{':
		var b struct {
			B *string `json:"b"`
		}
		if err := json.Unmarshal(m, &b); err != nil || b.B == nil {
			return nil, errors.New("an object that is not a byte string")
		}
		return base64.StdEncoding.DecodeString(*b.B)
	default:
		var num json.Number
		if err := json.Unmarshal(m, &num); err != nil {
			return nil, err
		}
		if i, err := num.Int64(); err == nil {
			return i, nil
		}
		return num.Float64()
	}
}
