package main

import (
	"io"
	"strings"
	"testing"

	"github.com/stancekit/stancekit/corpus"
)

// BenchmarkClassifyLines measures 'stance classify -lines' end to end on
// the article sentences, repeated: b.N claims per op batch.
func BenchmarkClassifyLines(b *testing.B) {
	var sb strings.Builder
	claims := corpus.ArticleClaims()
	for i := range 20000 {
		sb.WriteString(claims[i%len(claims)].Text)
		sb.WriteByte('\n')
	}
	input := sb.String()
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		if st := run([]string{"classify", "-lines"}, env{strings.NewReader(input), io.Discard, io.Discard}); st != 0 {
			b.Fatal("status", st)
		}
	}
	b.ReportMetric(float64(20000*b.N)/b.Elapsed().Seconds(), "claims/s")
}
