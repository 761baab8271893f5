package stance_test

import (
	"bytes"
	"errors"
	"math"
	"runtime"
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
		{"other version", replace(`"version":2,"options"`, `"version":3,"options"`)},
		{"calibration scale zero", replace(`"scale":1`, `"scale":0`)},
		{"calibration biases disagree with labels", replace(`"bias":[0,0,0]`, `"bias":[0,0]`)},
		{"calibration bias not finite", replace(`"bias":[0,0,0]`, `"bias":[0,1e308,0]`)},
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
	f.Add([]byte(lexiconBomb(50, 2<<10)))
	f.Add(bytes.Replace(buf.Bytes(), []byte(`"labels"`), []byte(`"Labels"`), 1))
	f.Fuzz(func(t *testing.T, b []byte) {
		var m *stance.Model
		var err error
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m, err = stance.Load(bytes.NewReader(b))
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		// The memory ceiling: a floor for the tables of any small model,
		// plus a bounded multiple of the bytes read.
		if ceiling := uint64(48<<20 + 64*len(b)); alloc > ceiling {
			t.Fatalf("Load of %d bytes allocated %d bytes, over %d", len(b), alloc, ceiling)
		}
		if err != nil {
			if !errors.Is(err, stance.ErrModel) {
				t.Fatalf("error %v does not wrap ErrModel", err)
			}
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
		// Save∘Load is stable: what Load accepted saves to bytes that
		// load to a model saving to the same bytes.
		var once, twice bytes.Buffer
		if err := m.Save(&once); err != nil {
			t.Fatal(err)
		}
		m2, err := stance.Load(bytes.NewReader(once.Bytes()))
		if err != nil {
			t.Fatalf("a saved model does not load: %v", err)
		}
		if err := m2.Save(&twice); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("Save∘Load changes the bytes:\n%s\n%s", once.Bytes(), twice.Bytes())
		}
	})
}
