package stance_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

func TestSaveDeterministic(t *testing.T) {
	a, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	b, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	assert.Equal(t, string(save(t, a)), string(save(t, b)))
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	data := save(t, m)
	got, err := stance.Load(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Equal(t, string(data), string(save(t, got)), "save → load → save changes bytes")
	assert.Equal(t, m.Labels(), got.Labels())
	for _, c := range corpus.ArticleClaims() {
		assert.Equal(t, m.Classify(c.Text), got.Classify(c.Text), "claim %s", c.ID)
	}
	// Unseen text, to exercise lexicon features.
	const probe = "The Kremlin shows no flexibility and demands that Tokyo give up its claim."
	assert.Equal(t, m.Classify(probe), got.Classify(probe))
}

func TestLoadErrors(t *testing.T) {
	m, err := stance.Train(tiny, plain()...)
	require.NoError(t, err)
	good := string(save(t, m))
	replace := func(old, new string) string {
		require.Contains(t, good, old)
		return strings.Replace(good, old, new, 1)
	}
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"truncated", good[:len(good)/2]},
		{"not json", "\x00\x01garbage"},
		{"other format", replace(`"format":"stancekit/model"`, `"format":"other"`)},
		{"other version", replace(`"version":1,"options"`, `"version":2,"options"`)},
		{"negative count", replace(`"a":[2,0,1]`, `"a":[2,-1,1]`)},
		{"fractional count", replace(`"a":[2,0,1]`, `"a":[2,0.5,1]`)},
		{"NaN count", replace(`"a":[2,0,1]`, `"a":[2,NaN,1]`)},
		{"row shorter than labels", replace(`"a":[2,0,1]`, `"a":[2,0]`)},
		{"labels disagree with claims", replace(`"labels":["x","y","z"]`, `"labels":["x","y"]`)},
		{"labels unsorted", replace(`"labels":["x","y","z"]`, `"labels":["y","x","z"]`)},
		{"duplicate labels", replace(`"labels":["x","y","z"]`, `"labels":["x","x","z"]`)},
		{"negative claims", replace(`"claims":[1,1,1]`, `"claims":[1,-1,1]`)},
		{"zero alpha", replace(`"alpha":1`, `"alpha":0`)},
		{"huge alpha", replace(`"alpha":1`, `"alpha":1e308`)},
		{"bad prior", replace(`"prior":"uniform"`, `"prior":"x"`)},
		{"bad vectorizer", replace(`"ngram":1`, `"ngram":0`)},
		{"missing vectorizer", replace(`"vectorizer":{`, `"vectorizerX":{`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := stance.Load(strings.NewReader(tt.in))
			require.Error(t, err)
			assert.ErrorIs(t, err, stance.ErrModel)
		})
	}
}

func FuzzLoad(f *testing.F) {
	m, err := stance.Train(tiny, plain()...)
	require.NoError(f, err)
	var buf bytes.Buffer
	require.NoError(f, m.Save(&buf))
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"stancekit/model","version":1}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := stance.Load(bytes.NewReader(b))
		if err != nil {
			return
		}
		// A model that loads must classify, with finite probabilities
		// that sum to 1, and save.
		p := m.Classify("a b c x y")
		var sum float64
		for _, x := range p.Probabilities {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("probability %v", x)
			}
			sum += x
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Fatalf("probabilities sum to %v", sum)
		}
		var out bytes.Buffer
		if err := m.Save(&out); err != nil {
			t.Fatal(err)
		}
	})
}
