package stance_test

import (
	"bytes"
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
