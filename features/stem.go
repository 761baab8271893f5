package features

import (
	"sync"

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

// MaxStemCache is the number of stems the cache of [Stem] holds at most.
// When it is full, the cache starts afresh.
const MaxStemCache = 1 << 16

// stemCache maps tokens to stems. Reads take a shared lock, so parallel
// classification scales; the cache is reset when full, which bounds its
// memory without the bookkeeping of an LRU list.
var stemCache = &boundedCache{m: make(map[string]string)}

type boundedCache struct {
	mu sync.RWMutex
	m  map[string]string
}

func (c *boundedCache) get(k string) (string, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

func (c *boundedCache) put(k, v string) {
	c.mu.Lock()
	if len(c.m) >= MaxStemCache {
		c.m = make(map[string]string)
	}
	c.m[k] = v
	c.mu.Unlock()
}
