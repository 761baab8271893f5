package features_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/features"
)

func TestFeatures(t *testing.T) {
	tests := []struct {
		name  string
		setup func(v *features.Vectorizer)
		in    string
		want  []string
	}{
		{
			name:  "unigrams only, no normalisation",
			setup: func(v *features.Vectorizer) { *v = features.Vectorizer{NGram: 1} },
			in:    "Moscow refuses talks.",
			want:  []string{"moscow", "refus", "talk"},
		},
		{
			name:  "bigrams do not cross punctuation",
			setup: func(v *features.Vectorizer) { *v = features.Vectorizer{NGram: 2} },
			in:    "Moscow refuses, Tokyo waits",
			want:  []string{"moscow", "moscow refus", "refus", "tokyo", "tokyo wait", "wait"},
		},
		{
			name:  "negation scope ends at punctuation",
			setup: func(v *features.Vectorizer) { *v = features.Vectorizer{NGram: 1, Negation: true} },
			in:    "Russia is not at fault, Japan is.",
			want:  []string{"russia", "is", "not", "not_at", "not_fault", "japan", "is"},
		},
		{
			name:  "compound part does not negate",
			setup: func(v *features.Vectorizer) { *v = features.Vectorizer{NGram: 1, Negation: true} },
			in:    "a never-ending quest",
			want:  []string{"a", "never", "end", "quest"},
		},
		{
			name:  "contracted negation",
			setup: func(v *features.Vectorizer) { *v = features.Vectorizer{NGram: 1, Negation: true} },
			in:    "Tokyo won't compromise",
			want:  []string{"tokyo", "will", "not", "not_compromis"},
		},
		{
			name: "actors and numbers",
			setup: func(v *features.Vectorizer) {
				*v = features.Vectorizer{NGram: 1, Numbers: true, Actors: features.DefaultActors()}
			},
			in:   "The Kremlin and Lavrov told Abe in 2018.",
			want: []string{"the", features.ActorRussia, "and", features.ActorRussia, "told", features.ActorJapan, "in", features.NumberFeature},
		},
		{
			name: "actors are not negated",
			setup: func(v *features.Vectorizer) {
				*v = features.Vectorizer{NGram: 1, Negation: true, Actors: features.DefaultActors()}
			},
			in:   "not Moscow but",
			want: []string{"not", features.ActorRussia, "not_but"},
		},
		{
			name: "stop words keep negations",
			setup: func(v *features.Vectorizer) {
				*v = features.Vectorizer{NGram: 1, StopWords: features.DefaultStopWords()}
			},
			in:   "The issue is not only for both of them",
			want: []string{"issu", "not", "only", "both"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v features.Vectorizer
			tt.setup(&v)
			assert.Equal(t, tt.want, v.Features(tt.in))
		})
	}
}

func TestVectorizerDeterministic(t *testing.T) {
	texts := []string{"Moscow refuses to meet Tokyo.", "Tokyo waits for Moscow.", "Both sides could compromise."}
	a, b := features.NewVectorizer(), features.NewVectorizer()
	va, err := a.FitTransform(texts)
	require.NoError(t, err)
	vb, err := b.FitTransform(texts)
	require.NoError(t, err)
	assert.Equal(t, a.Vocabulary(), b.Vocabulary())
	assert.Equal(t, va, vb)

	// "@russia" appears once in the first text and once in the second.
	i, ok := a.Lookup(features.ActorRussia)
	require.True(t, ok)
	assert.Equal(t, 0, i, "first feature of the first text gets index 0")
	// Known: "@russia" (twice), "refus", "@russia refus", "blame→@russia".
	v := a.Transform("Moscow and the Kremlin refuses, unknownword")
	blame, ok := a.Lookup(features.BlameFeature + features.ActorRussia)
	require.True(t, ok)
	require.Len(t, v.Indices, 4, "Transform keeps only known features: %v", v)
	assert.Equal(t, []int{0, 1, 2, blame}, v.Indices)
	assert.Equal(t, []float64{2, 1, 1, 1}, v.Values)
	for k := 1; k < len(v.Indices); k++ {
		assert.Less(t, v.Indices[k-1], v.Indices[k])
	}
}

func TestVectorizerSaveLoad(t *testing.T) {
	v := features.NewVectorizer()
	v.NGram = 3
	v.StopWords = map[string]bool{"the": true}
	require.NoError(t, v.Fit([]string{"The Kremlin refuses to meet Tokyo halfway."}))
	var buf bytes.Buffer
	require.NoError(t, v.Save(&buf))

	var w features.Vectorizer
	require.NoError(t, w.Load(bytes.NewReader(buf.Bytes())))
	assert.Equal(t, v.Vocabulary(), w.Vocabulary())
	const probe = "The Kremlin refuses to meet Tokyo, again."
	assert.Equal(t, v.Features(probe), w.Features(probe))
	assert.Equal(t, v.Transform(probe), w.Transform(probe))

	var again bytes.Buffer
	require.NoError(t, w.Save(&again))
	assert.Equal(t, buf.String(), again.String(), "save → load → save changes bytes")
}

func TestVectorizerLoadErrors(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"truncated", `{"format":"stancekit/vectorizer","version":1,"ngram":2,"vocab`},
		{"not json", "hello"},
		{"other format", `{"format":"other","version":1,"ngram":2,"vocabulary":[]}`},
		{"other version", `{"format":"stancekit/vectorizer","version":99,"ngram":2,"vocabulary":[]}`},
		{"bad ngram", `{"format":"stancekit/vectorizer","version":1,"ngram":0,"vocabulary":[]}`},
		{"duplicate feature", `{"format":"stancekit/vectorizer","version":1,"ngram":1,"vocabulary":["a","a"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v features.Vectorizer
			err := v.Load(strings.NewReader(tt.in))
			require.Error(t, err)
			assert.True(t, errors.Is(err, features.ErrFormat), "%v does not wrap ErrFormat", err)
		})
	}
}

// indicesOf looks up the features of text one by one: the reference for
// AppendIndices.
func indicesOf(v *features.Vectorizer, text string) []int {
	var out []int
	for _, f := range v.Features(text) {
		if i, ok := v.Lookup(f); ok {
			out = append(out, i)
		}
	}
	return out
}

func TestAppendIndices(t *testing.T) {
	train := []string{
		"Moscow refuses to meet Tokyo halfway.", "Tokyo waits, and Moscow refuses again.",
		"Both sides could build trust step by step.", "Russia is not at fault, Lavrov says.",
	}
	probes := append(train, "Moscow refuses to build trust.", "unknown words, step by step by step", "", "not at fault at all")
	tests := []struct {
		name string
		v    *features.Vectorizer
	}{
		{"default", features.NewVectorizer()},
		{"trigrams", &features.Vectorizer{NGram: 3, Negation: true}},
		{"unigrams", &features.Vectorizer{NGram: 1}},
		{"stop words", &features.Vectorizer{NGram: 3, StopWords: features.DefaultStopWords(), Actors: features.DefaultActors(), Numbers: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.v.Fit(train))
			fit := *tt.v
			fit.Reset()
			for _, p := range train {
				got := fit.FitIndices(nil, p)
				assert.Equal(t, indicesOf(&fit, p), got, "FitIndices(%q)", p)
			}
			assert.Equal(t, tt.v.Vocabulary(), fit.Vocabulary(), "FitIndices and Fit build the same vocabulary")
			for _, p := range probes {
				assert.Equal(t, indicesOf(tt.v, p), tt.v.AppendIndices(nil, p), "%q", p)
			}
			// An n-gram whose parts are not in the vocabulary takes the
			// slow path and must still be found.
			k := tt.v.Index("zzz yyy")
			got := tt.v.AppendIndices(nil, "zzz yyy")
			if tt.v.NGram >= 2 {
				assert.Contains(t, got, k)
			}
			for _, p := range probes {
				assert.Equal(t, indicesOf(tt.v, p), tt.v.AppendIndices(nil, p), "%q after Index", p)
			}
			var buf bytes.Buffer
			require.NoError(t, tt.v.Save(&buf))
			var w features.Vectorizer
			require.NoError(t, w.Load(&buf))
			c := tt.v.Clone()
			for _, p := range probes {
				assert.Equal(t, indicesOf(tt.v, p), w.AppendIndices(nil, p), "%q after Load", p)
				assert.Equal(t, indicesOf(tt.v, p), c.AppendIndices(nil, p), "%q after Clone", p)
			}
		})
	}
}

func TestMaxClaimBytes(t *testing.T) {
	v := features.NewVectorizer()
	head := strings.Repeat("moscow refuses ", features.MaxClaimBytes/len("moscow refuses "))
	long := head + strings.Repeat("tokyo waits ", 100_000)
	feats := v.Features(long)
	assert.NotContains(t, feats, "@japan", "text past MaxClaimBytes was read")
	assert.Contains(t, feats, features.ActorRussia)
	// A cut inside a multi-byte character drops the whole character.
	s := strings.Repeat("a", features.MaxClaimBytes-1) + "я"
	for _, f := range v.Features(s) {
		assert.True(t, utf8.ValidString(f), "%q", f)
	}
}
