package features

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tableTokens returns n distinct tokens of 1 to 40 bytes, among them
// tokens that share their first 8 bytes and their length.
func tableTokens(n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range []string{"a", "ab", "ab\x00", "negotiat", "negotiati", "negotiation", "negotiatioM", "réunion", "переговоры", strings.Repeat("x", 16), strings.Repeat("x", 17)} {
		add(s)
	}
	for len(out) < n {
		b := make([]byte, 1+r.IntN(40))
		for i := range b {
			b[i] = byte('a' + r.IntN(4)) // a small alphabet: many shared heads
		}
		add(string(b))
	}
	return out
}

func TestTokenTable(t *testing.T) {
	tests := []struct {
		name string
		hash func(tok []byte) (uint64, uint32)
	}{
		{"tokenKey", tokenKey},
		// Every token in one probe chain: the heads, lengths and arena
		// bytes alone must tell them apart.
		{"one hash", func(tok []byte) (uint64, uint32) { h, _ := tokenKey(tok); return h, 7 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 5000
			if tt.name == "one hash" {
				n = 600
			}
			toks := tableTokens(n)
			var tab tokenTable
			tab.reset(1)
			for i, s := range toks {
				head, h := tt.hash([]byte(s))
				_, ok := tab.get([]byte(s), head, h)
				require.False(t, ok, "%q found before it was put", s)
				tab.put([]byte(s), head, h, tokInfo{id: int32(i), actor: -1})
			}
			assert.Equal(t, len(toks), tab.n)
			for i, s := range toks {
				head, h := tt.hash([]byte(s))
				info, ok := tab.get([]byte(s), head, h)
				if assert.True(t, ok, "%q", s) {
					assert.Equal(t, int32(i), info.id, "%q", s)
				}
			}
			for _, s := range []string{"zz", "negotiatioN", "negotiation!", strings.Repeat("x", 18), ""} {
				head, h := tt.hash([]byte(s))
				_, ok := tab.get([]byte(s), head, h)
				assert.False(t, ok, "%q was never put", s)
			}
			tab.reset(2)
			assert.Equal(t, uint64(2), tab.gen)
			head, h := tt.hash([]byte(toks[0]))
			_, ok := tab.get([]byte(toks[0]), head, h)
			assert.False(t, ok, "found after reset")
		})
	}
}

func TestTokenTableFull(t *testing.T) {
	var tab tokenTable
	tab.reset(1)
	for i := range maxTokenTable {
		tok := []byte(fmt.Sprintf("t%d", i))
		head, h := tokenKey(tok)
		tab.put(tok, head, h, tokInfo{id: int32(i)})
	}
	require.Equal(t, maxTokenTable, tab.n)
	tok := []byte("one more")
	head, h := tokenKey(tok)
	tab.put(tok, head, h, tokInfo{id: 1})
	assert.Equal(t, 1, tab.n, "a full table starts afresh")
	info, ok := tab.get(tok, head, h)
	assert.True(t, ok)
	assert.Equal(t, int32(1), info.id)
	old := []byte("t5")
	head, h = tokenKey(old)
	_, ok = tab.get(old, head, h)
	assert.False(t, ok)
}

func TestTokenKey(t *testing.T) {
	seen := map[uint32]string{}
	collisions := 0
	for _, s := range tableTokens(20000) {
		head, h := tokenKey([]byte(s))
		assert.NotZero(t, h, "%q", s)
		if len(s) <= 8 {
			var want uint64
			for i := len(s) - 1; i >= 0; i-- {
				want = want<<8 | uint64(s[i])
			}
			assert.Equal(t, want, head, "%q", s)
		}
		if _, ok := seen[h]; ok {
			collisions++
		}
		seen[h] = s
	}
	// 20,000 tokens in 2^31 hashes: a collision or two at most.
	assert.LessOrEqual(t, collisions, 2)
	_, h1 := tokenKey([]byte("ab"))
	_, h2 := tokenKey([]byte("ab\x00"))
	assert.NotEqual(t, h1, h2, "the length is part of the hash")
}

func TestGramTable(t *testing.T) {
	var g gramTable
	_, ok := g.get(42)
	assert.False(t, ok, "an empty table finds nothing")
	r := rand.New(rand.NewPCG(3, 4))
	want := map[uint64]int{}
	for i := range 20000 {
		key := uint64(r.IntN(3000))<<32 | uint64(r.IntN(3000))
		if i%10 == 0 {
			key = uint64(i) // small keys: neighbouring slots
		}
		want[key] = i
		g.put(key, i)
	}
	assert.Equal(t, len(want), g.n, "a key put twice is counted once")
	for key, v := range want {
		got, ok := g.get(key)
		if assert.True(t, ok, "key %#x", key) {
			assert.Equal(t, v, got, "key %#x", key)
		}
	}
	for range 1000 {
		key := uint64(3000+r.IntN(1000))<<32 | uint64(r.IntN(1000))
		_, ok := g.get(key)
		assert.False(t, ok, "key %#x was never put", key)
	}
}

// TestTokenTableRestart checks that the vectorizer gives the same indices
// before and after its token table fills up and starts afresh.
func TestTokenTableRestart(t *testing.T) {
	v := NewVectorizer()
	probes := []string{"Moscow refuses to walk away from the talks.", "Japan, not Russia, is the obstacle.", "Both sides should compromise."}
	require.NoError(t, v.Fit(probes))
	before := make([][]int, len(probes))
	for i, p := range probes {
		before[i] = v.AppendIndices(nil, p)
	}
	var b strings.Builder
	for i := range maxTokenTable + 100 {
		fmt.Fprintf(&b, "w%d ", i)
		if i%1000 == 999 {
			v.AppendIndices(nil, b.String())
			b.Reset()
		}
	}
	v.AppendIndices(nil, b.String())
	for i, p := range probes {
		assert.Equal(t, before[i], v.AppendIndices(nil, p), "%q", p)
	}
}

// TestTokenTableBounded checks that no input makes a token table hold
// more than maxTokenTable tokens or maxTokenArena bytes.
func TestTokenTableBounded(t *testing.T) {
	var tab tokenTable
	tab.reset(1)
	for i := range 3 * maxTokenTable {
		tok := []byte(fmt.Sprintf("%0*d", maxCachedToken, i))
		head, h := tokenKey(tok)
		tab.put(tok, head, h, tokInfo{id: int32(i)})
		require.LessOrEqual(t, tab.n, maxTokenTable)
		require.LessOrEqual(t, len(tab.arena), maxTokenArena)
	}
	// A vectorizer reading long tokens caches none of them and finds
	// the same indices as the slow path.
	v := NewVectorizer()
	v.Negation = false
	long := strings.Repeat("negotiation", 10)
	require.NoError(t, v.Fit([]string{"Moscow refuses " + long, "Tokyo waits"}))
	want := indicesSlow(v, "Moscow refuses "+long)
	for range 3 {
		assert.Equal(t, want, v.AppendIndices(nil, "Moscow refuses "+long))
	}
}

// indicesSlow returns the indices of text by the slow path.
func indicesSlow(v *Vectorizer, text string) []int {
	sc := new(scratch)
	sc.terms = v.appendTerms(sc.terms[:0], sc, text)
	dst := v.appendIndicesSlow(nil, sc, max(v.NGram, 1))
	return v.appendDirections(dst, sc)
}
