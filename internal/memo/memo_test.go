package memo

import (
	"strconv"
	"sync"
	"testing"
)

func TestCache(t *testing.T) {
	c := New[string](100)
	if len(c.slots) != 128 {
		t.Fatalf("%d slots, want 128", len(c.slots))
	}
	if _, ok := c.Get("word", "en"); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Put("word", "en", "w")
	if v, ok := c.Get("word", "en"); !ok || v != "w" {
		t.Fatalf("Get = %q, %v", v, ok)
	}
	if _, ok := c.Get("word", "fr"); ok {
		t.Fatal("a hit under another tag")
	}
	// Many keys in few slots: whatever is found is the value of its key.
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10000 {
				k := strconv.Itoa((i * (g + 1)) % 997)
				if v, ok := c.Get(k, "x"); ok && v != "v"+k {
					t.Errorf("Get(%q) = %q", k, v)
					return
				}
				c.Put(k, "x", "v"+k)
			}
		}()
	}
	wg.Wait()
}
