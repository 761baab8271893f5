package features_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/features"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"possessive curly", "Moscow’s policy", []string{"moscow", "policy"}},
		{"possessive straight", "Tokyo's policy", []string{"tokyo", "policy"}},
		{"plural possessive", "the countries’ leaders", []string{"the", "countries", "leaders"}},
		{"negation clitic", "Russia doesn't care", []string{"russia", "does", "not", "care"}},
		{"can't won't", "can’t and won't", []string{"can", "not", "and", "will", "not"}},
		{"other clitics dropped", "it's they're we've", []string{"it", "they", "we"}},
		{"negations kept", "no, not, nor, never, against", []string{"no", "not", "nor", "never", "against"}},
		{"short words kept", "a US ok", []string{"a", "us", "ok"}},
		{"hyphenated compound", "one-sided Sino-Russian", []string{"one", "sided", "sino", "russian"}},
		{"decimals and thousands", "USD 18.5 billion, 1,000 ships.", []string{"usd", "18.5", "billion", "1,000", "ships"}},
		{"initialisms", "The U.S. and U.N., e.g. now", []string{"the", "u.s.", "and", "u.n.", "e.g.", "now"}},
		{"initial before a name", "J.Fergusson", []string{"j", "fergusson"}},
		{"quotes", `"Soviet-like" ‘Northern Territories'`, []string{"soviet", "like", "northern", "territories"}},
		{"name with apostrophe", "O'Neill", []string{"o'neill"}},
		{"dashes", "2016–2017 — done", []string{"2016", "2017", "done"}},
		{"cyrillic", "Россия и Япония", []string{"россия", "и", "япония"}},
		{"cjk run", "日本 ロシア", []string{"日本", "ロシア"}},
		{"emoji dropped", "peace 🕊 now", []string{"peace", "now"}},
		{"invalid utf-8 separates", "x\xffy", []string{"x", "y"}},
		{"control characters separate", "a\x00b\x07c", []string{"a", "b", "c"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, features.Tokenize(tt.in))
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"policies", "polici"},
		{"refusing", "refus"},
		{"refuses", "refus"},
		{"russians", "russian"},
		{"not", "not"},
		{"against", "against"},
		{"does", "does"},
		{"18.5", "18.5"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, features.Stem(tt.in))
			assert.Equal(t, tt.want, features.Stem(tt.in), "cached result differs")
		})
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"Moscow’s never-ending quest", "don't", "U.S.", "18.5", "x\xffy", "'", "’s",
		"n't", "-", "a-", "日本", "e.g.", "A.b.C", "1,2,3.", "\u0301",
	} {
		f.Add(s)
	}
	v := features.NewVectorizer()
	v.NGram = 3
	v.Negation = true
	fast := features.NewVectorizer() // no negation: the cached fast path
	fast.StopWords = features.DefaultStopWords()
	train := []string{"Moscow refuses to meet Tokyo halfway, not at fault.", "x\xffy don't U.S. 18.5", "the Kremlin, the talks"}
	require.NoError(f, v.Fit(train))
	require.NoError(f, fast.Fit(train))
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []*features.Vectorizer{v, fast} {
			var want []int
			for _, feat := range v.Features(s) {
				if i, ok := v.Lookup(feat); ok {
					want = append(want, i)
				}
			}
			if got := v.AppendIndices(nil, s); !slices.Equal(got, want) {
				t.Fatalf("AppendIndices(%q) = %v, want %v", s, got, want)
			}
		}
		for _, tok := range features.Tokenize(s) {
			if tok == "" || !utf8.ValidString(tok) {
				t.Fatalf("bad token %q from %q", tok, s)
			}
		}
		for _, feat := range v.Features(s) {
			if feat == "" || !utf8.ValidString(feat) {
				t.Fatalf("bad feature %q from %q", feat, s)
			}
		}
	})
}

func BenchmarkTokenizeStem(b *testing.B) {
	text, err := os.ReadFile("../corpus/articles/003_6583139472fcbe27.txt")
	require.NoError(b, err)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		for _, tok := range features.Tokenize(string(text)) {
			features.Stem(tok)
		}
	}
}

func BenchmarkFeatures(b *testing.B) {
	const claim = "Thus, Russia refuses to meet Japan halfway or even part way with regard to China, Korea, energy or the Kurile Islands."
	v := features.NewVectorizer()
	var dst []string
	b.ReportAllocs()
	for b.Loop() {
		dst = v.AppendFeatures(dst[:0], claim)
	}
}

func TestScanTokens(t *testing.T) {
	for _, s := range []string{
		"", "Moscow’s stance isn't one-sided, says the U.S.", "  \t\n", "Ça va? Токио и Москва — 2018 год.",
		"can't won't shan't", "\xff\xfebad utf-8\x00here", strings.Repeat("long word ", 200),
	} {
		var got []string
		buf := features.ScanTokens(s, nil, func(tok []byte) { got = append(got, string(tok)) })
		assert.Equal(t, features.Tokenize(s), got, "%q", s)
		// Reusing the buffer gives the same tokens.
		var again []string
		features.ScanTokens(s, buf, func(tok []byte) { again = append(again, string(tok)) })
		assert.Equal(t, got, again, "%q with a reused buffer", s)
	}
	buf := make([]byte, 0, 64)
	allocs := testing.AllocsPerRun(100, func() {
		buf = features.ScanTokens("Tokyo did not walk away; Moscow did.", buf, func([]byte) {})
	})
	assert.Zero(t, allocs)
}
