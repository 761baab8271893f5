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

// stemCache maps tokens to stems. Reads are lock-free: they look up an
// immutable snapshot. Misses go to a small locked map that is folded into
// a new snapshot every stemBatch entries, so the copying is amortised and
// a warm cache costs a plain map lookup.
var stemCache = newStemCache()

// stemBatch is the number of new stems collected before the snapshot is
// rebuilt.
const stemBatch = 512

type boundedCache struct {
	snap atomic.Pointer[map[string]string]
	mu   sync.Mutex
	next map[string]string // new entries not yet in snap
}

func newStemCache() *boundedCache {
	c := &boundedCache{next: make(map[string]string)}
	c.snap.Store(&map[string]string{})
	return c
}

func (c *boundedCache) get(k string) (string, bool) {
	if v, ok := (*c.snap.Load())[k]; ok {
		return v, true
	}
	c.mu.Lock()
	v, ok := c.next[k]
	c.mu.Unlock()
	return v, ok
}

func (c *boundedCache) getBytes(k []byte) (string, bool) {
	// The conversions are only used as keys, so they do not allocate.
	if v, ok := (*c.snap.Load())[string(k)]; ok {
		return v, true
	}
	c.mu.Lock()
	v, ok := c.next[string(k)]
	c.mu.Unlock()
	return v, ok
}

func (c *boundedCache) put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next[k] = v
	if len(c.next) < stemBatch {
		return
	}
	old := *c.snap.Load()
	size := len(old) + len(c.next)
	if size > MaxStemCache {
		old, size = nil, len(c.next) // full: start afresh
	}
	snap := make(map[string]string, size)
	for k, v := range old {
		snap[k] = v
	}
	for k, v := range c.next {
		snap[k] = v
	}
	c.snap.Store(&snap)
	c.next = make(map[string]string)
}
