package backup_test

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/backup"
)

func write(t testing.TB, rows map[string][][]any) []byte {
	var buf bytes.Buffer
	w, err := backup.NewWriter(&buf, backup.Header{Jic: "test", Created: time.Unix(0, 0).UTC(), Dialect: "sqlite", Schema: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"members", "report_raw"} {
		if err := w.Table(table, []string{"a", "b"}); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[table] {
			if err := w.Row(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var sample = map[string][][]any{
	"members":    {{int64(1), "Alpha"}, {int64(2), nil}},
	"report_raw": {{int64(1), []byte{0, 0xff, '"'}}, {int64(-7), 2.5}},
}

func readAll(data []byte) (map[string][][]any, error) {
	r, err := backup.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	got := map[string][][]any{}
	for {
		table, _, vals, err := r.Next()
		if errors.Is(err, io.EOF) {
			return got, nil
		}
		if err != nil {
			return nil, err
		}
		got[table] = append(got[table], vals)
	}
}

func TestRoundTrip(t *testing.T) {
	got, err := readAll(write(t, sample))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sample, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestRefuses(t *testing.T) {
	good := write(t, sample)
	for name, data := range map[string][]byte{
		"empty":    nil,
		"text":     []byte("hello"),
		"cut":      good[:len(good)-10],
		"trailing": append(append([]byte{}, good...), good...),
	} {
		if _, err := readAll(data); jic.ErrorCode(err) != jic.EINVALID {
			t.Errorf("%s: error %v, want invalid", name, err)
		}
	}
}

func FuzzReader(f *testing.F) {
	f.Add(write(f, sample))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := readAll(data)
		if err != nil && jic.ErrorCode(err) != jic.EINVALID {
			t.Errorf("error %v, want nil or EINVALID", err)
		}
	})
}
