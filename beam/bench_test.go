package beam

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/stancekit/stancekit/corpus"
)

// BenchmarkPipeline reads 20,000 claims from a file, one a line,
// classifies them and writes the records to 10 shards, on the runner of
// the tests (Prism): the pipeline of 'stancebeam --lines'.
func BenchmarkPipeline(b *testing.B) {
	const n = 20000
	dir := b.TempDir()
	var sb strings.Builder
	claims := corpus.ArticleClaims()
	for i := range n {
		sb.WriteString(claims[i%len(claims)].Text)
		sb.WriteByte('\n')
	}
	in := filepath.Join(dir, "claims.txt")
	if err := os.WriteFile(in, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, s := beam.NewPipelineWithRoot()
		records, _ := Classify(s, Model{}, ReadClaims(s, in, true))
		Write(s, filepath.Join(dir, "output"), 10, records)
		if err := ptest.Run(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "claims/s")
}
