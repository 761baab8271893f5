package features

import (
	"sync"
	"sync/atomic"

	"github.com/kljensen/snowball/english"
)

// Stem returns the Snowball English stem of a lower-case token:
// "policies" → "polici", "refusing" → "refus". Snowball's English stop
// words ("does", "being", "only") and tokens of one or two letters are
// returned whole, so function words keep a recognisable spelling.
//
// Stem keeps a bounded cache of recent results and is safe for
// concurrent use.
func Stem(token string) string {
	if s, ok := stemCache.get(token); ok {
		return s
	}
	s := english.Stem(token, false)
	stemCache.put(token, s)
	return s
}

// stemBytes is Stem for a token held in a byte slice; it allocates only
// when the token is not in the cache.
func stemBytes(token []byte) string {
	if s, ok := stemCache.getBytes(token); ok {
		return s
	}
	return Stem(string(token))
}

// MaxStemCache is the number of stems the cache of [Stem] holds at most.
// When it is full, the cache starts afresh.
const MaxStemCache = 1 << 16

// stemCache maps tokens to stems.
var stemCache = newCache[string](MaxStemCache)

// cache is a bounded map from strings that is safe for concurrent use.
// Reads are lock-free: they look up an immutable snapshot. New entries go
// to a small locked map that is folded into a new snapshot every
// cacheBatch entries, so the copying is amortised and a warm cache costs
// a plain map lookup. When full, the cache starts afresh.
type cache[V any] struct {
	snap atomic.Pointer[map[string]V]
	mu   sync.Mutex
	next map[string]V // new entries not yet in snap
	max  int
}

// cacheBatch is the smallest number of new entries collected before the
// snapshot is rebuilt.
const cacheBatch = 512

func newCache[V any](max int) *cache[V] {
	c := &cache[V]{next: make(map[string]V), max: max}
	c.snap.Store(&map[string]V{})
	return c
}

func (c *cache[V]) get(k string) (V, bool) {
	if v, ok := (*c.snap.Load())[k]; ok {
		return v, true
	}
	c.mu.Lock()
	v, ok := c.next[k]
	c.mu.Unlock()
	return v, ok
}

func (c *cache[V]) getBytes(k []byte) (V, bool) {
	// The conversions are only used as keys, so they do not allocate.
	if v, ok := (*c.snap.Load())[string(k)]; ok {
		return v, true
	}
	c.mu.Lock()
	v, ok := c.next[string(k)]
	c.mu.Unlock()
	return v, ok
}

func (c *cache[V]) put(k string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next[k] = v
	old := *c.snap.Load()
	// Rebuild once the new entries are a quarter of the snapshot: the
	// copying stays proportional to the entries added, even when every
	// token is new (random text, a large vocabulary being read).
	if len(c.next) < max(cacheBatch, len(old)/4) {
		return
	}
	size := len(old) + len(c.next)
	if size > c.max {
		old, size = nil, len(c.next) // full: start afresh
	}
	snap := make(map[string]V, size)
	for k, v := range old {
		snap[k] = v
	}
	for k, v := range c.next {
		snap[k] = v
	}
	c.snap.Store(&snap)
	c.next = make(map[string]V)
}
