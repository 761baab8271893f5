package stance_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

const benchClaim = "Thus, Russia refuses to meet Japan halfway or even part way with regard to China, Korea, energy or the Kurile Islands."

func BenchmarkClassify(b *testing.B) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		m.Classify(benchClaim)
	}
}

func BenchmarkTrain(b *testing.B) {
	claims := corpus.Claims()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := stance.Train(claims); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(b, err)
	var buf bytes.Buffer
	require.NoError(b, m.Save(&buf))
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := stance.Load(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefault measures stance.Default, the stored default model:
// compare with BenchmarkTrain, which builds the same model.
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := stance.Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClassifyResult is BenchmarkClassify in indexed form, with the
// full evidence and without any.
func BenchmarkClassifyResult(b *testing.B) {
	m, err := stance.Default()
	require.NoError(b, err)
	for _, k := range []int{stance.MaxEvidence, 0} {
		b.Run(fmt.Sprintf("evidence=%d", k), func(b *testing.B) {
			var r stance.Result
			b.ReportAllocs()
			for b.Loop() {
				m.ClassifyResult(&r, benchClaim, k)
			}
		})
	}
}

// synthetic returns n claims recombined from the corpus sentences, with
// their labels, as tools/benchgen makes them.
func synthetic(n int) []corpus.Claim {
	src := corpus.Claims()
	rng := rand.New(rand.NewPCG(1, 0))
	out := make([]corpus.Claim, n)
	for i := range out {
		a, b := src[rng.IntN(len(src))], src[rng.IntN(len(src))]
		wa, wb := strings.Fields(a.Text), strings.Fields(b.Text)
		text := strings.Join(append(wa[:len(wa)/2:len(wa)/2], wb[len(wb)/2:]...), " ")
		out[i] = corpus.Claim{Text: text, Label: a.Label}
	}
	return out
}

func BenchmarkTrain100k(b *testing.B) {
	claims := synthetic(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := stance.Train(claims); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassifyBatch(b *testing.B) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(b, err)
	claims := synthetic(10_000)
	texts := make([]string, len(claims))
	for i, c := range claims {
		texts[i] = c.Text
	}
	var out []stance.Prediction
	b.ReportAllocs()
	for b.Loop() {
		out = m.ClassifyBatch(out, texts, 0)
	}
	b.ReportMetric(float64(len(texts)*b.N)/b.Elapsed().Seconds(), "claims/s")
}
