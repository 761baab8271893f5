package features

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"sync/atomic"
)

// tokenSeed seeds the hash of the token tables, so that no input can be
// made to collide on purpose. Hash values never leave the process, so
// the seed changes no result.
var tokenSeed = rand.Uint64()

// generations numbers the states of every Vectorizer's vocabulary, so
// that a token table filled for one state is never read for another.
var generations atomic.Uint64

// nextGeneration returns a generation number never returned before.
func nextGeneration() uint64 { return generations.Add(1) }

// maxTokenTable is the number of tokens a token table holds at most;
// when it is full, it starts afresh.
const maxTokenTable = 1 << 14

// maxTokenArena bounds the bytes of a token table's arena, and
// maxCachedToken the tokens it holds: longer ones (a URL, a run of
// letters without spaces) are looked up afresh each time, so that no
// input can make a table large.
const (
	maxTokenArena  = 1 << 20
	maxCachedToken = 64
)

// A tokenTable maps tokens to what the fast path of AppendIndices needs
// to know of them, for one generation of one Vectorizer. Each table
// belongs to one scratch, and so to one goroutine at a time: lookups
// take no lock and share nothing. It is open addressing with linear
// probing; the token bytes live in one arena.
type tokenTable struct {
	gen   uint64
	slots []tokenSlot // len is a power of two, or 0
	arena []byte
	n     int
}

type tokenSlot struct {
	hash uint32 // 0: empty
	len  uint32
	head uint64 // the token's first 8 bytes (see tokenKey)
	off  uint32 // the bytes after the first 8 are arena[off : off+len-8]
	info tokInfo
}

// tokenKey returns the first 8 bytes of tok as an integer (little
// endian, zero-padded) and the table hash of tok, never 0. Most tokens
// are 8 bytes or shorter: for them the head is the whole token, and one
// comparison of integers finds it.
func tokenKey(tok []byte) (head uint64, hash uint32) {
	n := len(tok)
	switch {
	case n >= 8:
		head = binary.LittleEndian.Uint64(tok)
	case cap(tok) >= 8:
		// The bytes past the token are in its buffer (scan keeps 8
		// bytes of room): read a word and keep the token's bytes.
		head = binary.LittleEndian.Uint64(tok[:8]) & (1<<(8*n) - 1)
	default:
		for i := n - 1; i >= 0; i-- {
			head = head<<8 | uint64(tok[i])
		}
	}
	x := (head ^ tokenSeed) * 0x9e3779b97f4a7c15
	x ^= uint64(n)
	for i := 8; i < n; i += 8 {
		var w uint64
		switch {
		case i+8 <= n:
			w = binary.LittleEndian.Uint64(tok[i:])
		case cap(tok) >= i+8:
			w = binary.LittleEndian.Uint64(tok[i:i+8]) & (1<<(8*(n-i)) - 1)
		default:
			for j := n - 1; j >= i; j-- {
				w = w<<8 | uint64(tok[j])
			}
		}
		x = bits.RotateLeft64(x, 29) ^ w
		x *= 0xff51afd7ed558ccd
	}
	x ^= x >> 32
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 29
	return head, uint32(x) | 1
}

// reset empties the table for generation gen.
func (t *tokenTable) reset(gen uint64) {
	t.gen, t.n = gen, 0
	t.arena = t.arena[:0]
	if len(t.slots) > 1024 {
		t.slots = nil // start small again: a table for another model
	}
	clear(t.slots)
}

// get returns the entry of tok, whose head and hash tokenKey gave.
func (t *tokenTable) get(tok []byte, head uint64, h uint32) (tokInfo, bool) {
	if len(t.slots) == 0 {
		return tokInfo{}, false
	}
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.hash == 0 {
			return tokInfo{}, false
		}
		if s.hash == h && s.head == head && int(s.len) == len(tok) &&
			(len(tok) <= 8 || string(t.arena[s.off:s.off+s.len-8]) == string(tok[8:])) {
			return s.info, true
		}
	}
}

// put adds tok, whose head and hash tokenKey gave and which is not in
// the table.
func (t *tokenTable) put(tok []byte, head uint64, h uint32, info tokInfo) {
	if t.n >= maxTokenTable || len(t.arena)+len(tok) > maxTokenArena {
		t.reset(t.gen)
	}
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	mask := uint32(len(t.slots) - 1)
	i := h & mask
	for t.slots[i].hash != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = tokenSlot{hash: h, len: uint32(len(tok)), head: head, off: uint32(len(t.arena)), info: info}
	if len(tok) > 8 {
		t.arena = append(t.arena, tok[8:]...)
	}
	t.n++
}

// grow doubles the number of slots (to 256 at first) and re-inserts the
// entries.
func (t *tokenTable) grow() {
	old := t.slots
	t.slots = make([]tokenSlot, max(256, 2*len(old)))
	mask := uint32(len(t.slots) - 1)
	for _, s := range old {
		if s.hash == 0 {
			continue
		}
		i := s.hash & mask
		for t.slots[i].hash != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// A gramTable maps the key of an n-gram's parts (gramKey) to the
// n-gram's index: a read-mostly open-addressing table of integers,
// written only while the vocabulary grows. A key and its value share a
// slot, so a probe reads one cache line; the table is kept at most half
// full, because most lookups of a claim's pairs miss, and a miss probes
// up to the next free slot.
type gramTable struct {
	slots []gramSlot // emptyGram keys mark free slots; len is a power of two, or 0
	n     int
	shift uint8
}

type gramSlot struct {
	key uint64
	val int32
}

// emptyGram is a key no n-gram has: gramKey's halves are non-negative
// 32-bit indices.
const emptyGram = ^uint64(0)

// slot returns where key's probe sequence starts.
func (g *gramTable) slot(key uint64) uint64 { return (key * 0x9e3779b97f4a7c15) >> g.shift }

// get returns the index of the n-gram with key.
func (g *gramTable) get(key uint64) (int, bool) {
	if g.n == 0 {
		return 0, false
	}
	mask := uint64(len(g.slots) - 1)
	for i := g.slot(key); ; i = (i + 1) & mask {
		switch s := &g.slots[i]; s.key {
		case key:
			return int(s.val), true
		case emptyGram:
			return 0, false
		}
	}
}

// put sets the index of the n-gram with key.
func (g *gramTable) put(key uint64, val int) {
	if 2*(g.n+1) > len(g.slots) {
		g.grow()
	}
	mask := uint64(len(g.slots) - 1)
	i := g.slot(key)
	for g.slots[i].key != emptyGram && g.slots[i].key != key {
		i = (i + 1) & mask
	}
	if g.slots[i].key == emptyGram {
		g.n++
	}
	g.slots[i] = gramSlot{key: key, val: int32(val)}
}

// grow doubles the table (to 64 slots at first) and re-inserts the
// entries.
func (g *gramTable) grow() {
	old := g.slots
	size := max(64, 2*len(old))
	g.slots = make([]gramSlot, size)
	for i := range g.slots {
		g.slots[i].key = emptyGram
	}
	g.shift = uint8(64 - bits.Len(uint(size-1)))
	mask := uint64(size - 1)
	for _, s := range old {
		if s.key == emptyGram {
			continue
		}
		i := g.slot(s.key)
		for g.slots[i].key != emptyGram {
			i = (i + 1) & mask
		}
		g.slots[i] = s
	}
}
