package stance_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// genReader yields prefix, piece(0), …, piece(n-1) and suffix without
// holding them in memory: hostile inputs of hundreds of megabytes.
type genReader struct {
	prefix, suffix string
	n              int
	piece          func(i int) string
	i              int
	buf            []byte
	done           bool
}

func generate(prefix string, n int, piece func(i int) string, suffix string) *genReader {
	return &genReader{prefix: prefix, suffix: suffix, n: n, piece: piece, buf: []byte(prefix)}
}

func (g *genReader) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && !g.done {
		if g.i < g.n {
			g.buf = append(g.buf, g.piece(g.i)...)
			g.i++
		} else {
			g.buf, g.done = append(g.buf, g.suffix...), true
		}
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	return n, nil
}

// lexiconBomb is a small model file with labels labels and a lexicon of
// about size bytes of distinct cue words: every cue feature costs a
// weight per label.
func lexiconBomb(labels, size int) string {
	words := 8 + size/(100<<10) // longer cues for larger files, within MaxLexiconEntries
	var b strings.Builder
	b.WriteString(`{"format":"stancekit/model","version":1,"options":{"alpha":1,"complement":true,"prior":"uniform","lexicon_weight":1,"lexicon":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"label":"l%d","text":"`, i%labels)
		for w := range words {
			fmt.Fprintf(&b, "w%dx%d ", i, w)
		}
		b.WriteString(`"}`)
	}
	b.WriteString(`]},"vectorizer":{"format":"stancekit/vectorizer","version":1,"ngram":2,"negation":false,"numbers":false,"vocabulary":[]},"labels":[`)
	names := make([]string, labels)
	for i := range names {
		names[i] = fmt.Sprintf("l%d", i)
	}
	// Labels must be sorted; "l10" sorts before "l2".
	sortStrings(names)
	for i, l := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q", l)
	}
	b.WriteString(`],"claims":[`)
	for i := range labels {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('1')
	}
	b.WriteString(`],"counts":{}}`)
	return b.String()
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// allocated returns the bytes f allocates and the time it takes.
func allocated(f func()) (uint64, time.Duration) {
	runtime.GC()
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc, d
}

// TestLoadHostile feeds Load the hostile model files of a careless or
// malicious sender: each must be refused with an error wrapping ErrModel,
// quickly, allocating at most a bounded multiple of what Load reads.
func TestLoadHostile(t *testing.T) {
	m, err := stance.Train(tiny, plain()...)
	require.NoError(t, err)
	good := string(save(t, m))
	replace := func(old, new string) string {
		require.Contains(t, good, old)
		return strings.Replace(good, old, new, 1)
	}
	str := func(s string) func() io.Reader { return func() io.Reader { return strings.NewReader(s) } }
	const MB = 1 << 20
	tests := []struct {
		name     string
		in       func() io.Reader
		maxAlloc uint64 // bytes Load may allocate
		msg      string // part of the error message
	}{
		{"1000 labels × 77 KB lexicon", str(lexiconBomb(1000, 77<<10)), 16 * MB, "weights allowed"},
		{"1000 labels × 270 KB lexicon", str(lexiconBomb(1000, 270<<10)), 24 * MB, "weights allowed"},
		{"1000 labels × 2.5 MB lexicon", str(lexiconBomb(1000, 2500<<10)), 24 * MB, "weights allowed"},
		{"4 labels × 2.5 MB lexicon", str(lexiconBomb(4, 2500<<10)), 160 * MB, "weights allowed"},
		{"1000 labels, 2.5 MB of rows", func() io.Reader {
			return generate(strings.TrimSuffix(lexiconBomb(1000, 0), "}}")+`"f":[`, 1_249_999, func(i int) string {
				if i%1000 == 999 {
					return fmt.Sprintf(`1],"f%d":[`, i)
				}
				return "1,"
			}, "1]}}")
		}, 48 * MB, "weights allowed"},
		{"10M features, 169 MB", func() io.Reader {
			return generate(`{"format":"stancekit/model","version":1,"counts":{`, 10_000_000, func(i int) string {
				return fmt.Sprintf(`"feature%07d":[1,0],`, i)
			}, `"z":[0,0]}}`)
		}, 128 * MB, "larger than"}, // the generator's own formatting included
		{"200 MB claims array", func() io.Reader {
			return generate(`{"claims":[`, 100_000_000, func(int) string { return "0," }, "0]}")
		}, 80 * MB, "larger than"},
		{"1 GiB of white space", func() io.Reader {
			return generate("", 1<<20, func(int) string { return strings.Repeat(" ", 1024) }, "")
		}, 80 * MB, "larger than"},
		{"1 MB label", str(replace(`"labels":["x","y","z"]`, `"labels":["x","y","`+strings.Repeat("z", MB)+`"]`)), 8 * MB, "not a valid label"},
		{"labels differing in case", str(replace(`"labels":["x","y","z"]`, `"labels":["X","x","z"]`)), MB, "differ only in case"},
		{"zero-width space in a label", str(replace(`"labels":["x","y","z"]`, `"labels":["x","y","z\u200b"]`)), MB, "not a valid label"},
		{"trailing garbage", str(good + "garbage"), MB, "invalid character"},
		{"two models", str(good + good), MB, "invalid character"},
		{"duplicate key", str(replace(`"labels":["x","y","z"]`, `"labels":["a","b","c"],"labels":["x","y","z"]`)), MB, "duplicate"},
		{"case-variant key", str(replace(`"labels":["x","y","z"]`, `"labels":["x","y","z"],"LABELS":["a","b","c"]`)), MB, "unknown"},
		{"case-variant option", str(replace(`"alpha":1`, `"alpha":1,"Alpha":2`)), MB, "unknown"},
		{"case-variant vectorizer key", str(replace(`"ngram":1`, `"ngram":1,"NGram":5`)), MB, "unknown"},
		{"duplicate feature", str(replace(`"a":[2,0,1]`, `"a":[2,0,1],"a":[0,0,9]`)), MB, "duplicate"},
		{"unknown key", str(replace(`"version":2`, `"version":2,"extra":[1]`)), MB, "unknown"},
		{"count with exponent", str(replace(`"a":[2,0,1]`, `"a":[2e0,0,1]`)), MB, "not a count"},
		{"count out of range", str(replace(`"a":[2,0,1]`, `"a":[99999999999999999999,0,1]`)), MB, "not a count"},
		{"vocabulary in the vectorizer", str(replace(`"vocabulary":[]`, `"vocabulary":["a","b"]`)), MB, "settings only"},
		{"huge vectorizer settings", func() io.Reader {
			return generate(strings.SplitAfter(good, `"vectorizer":{`)[0]+`"actors":{`, 200_000, func(i int) string {
				return fmt.Sprintf(`"a%d":"x",`, i)
			}, `"b":"x"},`+strings.SplitAfter(good, `"vectorizer":{`)[1])
		}, 48 * MB, "vectorizer settings"},
		{"too many lexicon cues", func() io.Reader {
			head, tail, _ := strings.Cut(good, `"lexicon_weight":0`)
			return generate(head+`"lexicon_weight":1,"lexicon":[`, stance.MaxLexiconEntries+1, func(int) string {
				return `{"label":"x","text":"a"},`
			}, `{"label":"x","text":"a"}]`+tail)
		}, 16 * MB, "lexicon cues"},
		{"alpha below MinAlpha", str(replace(`"alpha":1`, `"alpha":5e-324`)), MB, "alpha"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			alloc, took := allocated(func() { _, err = stance.Load(tt.in()) })
			require.Error(t, err)
			assert.ErrorIs(t, err, stance.ErrModel)
			assert.Contains(t, err.Error(), tt.msg)
			assert.Less(t, len(err.Error()), 400, "the message must not echo the input")
			t.Logf("%v; %.1f MB allocated in %v", err, float64(alloc)/MB, took)
			assert.LessOrEqual(t, alloc, tt.maxAlloc, "allocated %.1f MB", float64(alloc)/MB)
			assert.Less(t, took, 10*time.Second*raceSlowdown)
		})
	}
}

// TestLoadLargestModel loads a model at the limits, MaxFeatures rows
// within MaxModelBytes, and checks what it costs: the bound the README
// gives for Load.
func TestLoadLargestModel(t *testing.T) {
	if testing.Short() {
		t.Skip("a 12 MB model")
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	w.WriteString(`{"format":"stancekit/model","version":1,"options":{"alpha":1,"complement":true,"prior":"uniform","lexicon_weight":0},` +
		`"vectorizer":{"format":"stancekit/vectorizer","version":1,"ngram":2,"negation":false,"numbers":false,"vocabulary":[]},` +
		`"labels":["a","b","c","d"],"claims":[1,1,1,1],"counts":{`)
	for i := range stance.MaxFeatures {
		if i > 0 {
			w.WriteByte(',')
		}
		fmt.Fprintf(w, `"f%x":[%d,0,1,0]`, i, i%7)
	}
	w.WriteString("}}")
	require.NoError(t, w.Flush())
	require.LessOrEqual(t, b.Len(), stance.MaxModelBytes)
	path := filepath.Join(t.TempDir(), "m.json")
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
	n := b.Len()
	b = bytes.Buffer{}
	var m *stance.Model
	var err error
	alloc, took := allocated(func() {
		f, ferr := os.Open(path)
		require.NoError(t, ferr)
		defer f.Close()
		m, err = stance.Load(f)
	})
	require.NoError(t, err)
	t.Logf("%d bytes: %.1f MB allocated in %v", n, float64(alloc)/(1<<20), took)
	assert.Less(t, alloc, uint64(160<<20))
	assert.Less(t, took, 5*time.Second*raceSlowdown)
	p := m.Classify("f1 f2")
	assert.InDelta(t, 1, p.Probabilities["a"]+p.Probabilities["b"]+p.Probabilities["c"]+p.Probabilities["d"], 1e-9)

	// One more feature is refused.
	big := strings.Replace(string(mustRead(t, path)), `"f0":[0,0,1,0]`, `"e":[1,1,1,1],"f0":[0,0,1,0]`, 1)
	_, err = stance.Load(strings.NewReader(big))
	assert.ErrorIs(t, err, stance.ErrModel)
	assert.Contains(t, err.Error(), "more than 262144 features")
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// TestLoadFileTooLarge checks that Load refuses an over-large file by its
// size, without reading it.
func TestLoadFileTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(1<<30)) // 1 GiB, sparse
	require.NoError(t, f.Close())
	f, err = os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	alloc, took := allocated(func() { _, err = stance.Load(f) })
	assert.ErrorIs(t, err, stance.ErrModel)
	assert.Contains(t, err.Error(), "larger than 16777216 bytes")
	assert.Less(t, alloc, uint64(1<<20))
	assert.Less(t, took, time.Second*raceSlowdown)
}

// TestAlphaBound checks the smoothing constant at its lower bound: the
// weights stay finite for the largest counts a model may hold, and
// below the bound the option is refused.
func TestAlphaBound(t *testing.T) {
	_, err := stance.Train(tiny, stance.WithAlpha(5e-324))
	require.Error(t, err)
	_, err = stance.Train(tiny, stance.WithAlpha(math.Nextafter(stance.MinAlpha, 0)))
	require.Error(t, err)

	m, err := stance.Train(corpus.Claims(), stance.WithAlpha(stance.MinAlpha))
	require.NoError(t, err)
	checkFinite(t, m)
	_, err = stance.Load(bytes.NewReader(save(t, m)))
	require.NoError(t, err, "a model trained at the bound must load")

	// The largest counts: 2⁶³-1 in every cell of a table as large as a
	// file of this size may ask for, with two labels.
	var b strings.Builder
	b.WriteString(`{"format":"stancekit/model","version":1,"options":{"alpha":1e-9,"complement":false,"prior":"empirical","lexicon_weight":0},` +
		`"vectorizer":{"format":"stancekit/vectorizer","version":1,"ngram":1,"negation":false,"numbers":false,"vocabulary":[]},` +
		`"labels":["a","b"],"claims":[9223372036854775807,0],"counts":{`)
	for i := range 20000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"f%d":[9223372036854775807,0]`, i)
	}
	b.WriteString("}}")
	for _, complement := range []string{"false", "true"} {
		in := strings.Replace(b.String(), `"complement":false`, `"complement":`+complement, 1)
		m, err := stance.Load(strings.NewReader(in))
		if err != nil {
			// Refusing is allowed, as an ErrModel; weights that are not
			// finite are not.
			require.ErrorIs(t, err, stance.ErrModel)
			continue
		}
		checkFinite(t, m)
	}
}

// checkFinite checks that m gives finite probabilities summing to 1.
func checkFinite(t *testing.T, m *stance.Model) {
	t.Helper()
	for _, text := range []string{"f1 f2 f3", "Moscow refuses to meet Tokyo halfway.", "unknown words only", ""} {
		p := m.Classify(text)
		var sum float64
		for l, x := range p.Probabilities {
			require.False(t, math.IsNaN(x) || math.IsInf(x, 0), "%q: P(%s) = %v", text, l, x)
			sum += x
		}
		require.InDelta(t, 1, sum, 1e-9, text)
	}
}
