package stance_test

import (
	"bufio"
	"os"
	"testing"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

func BenchmarkClassifySynthetic(b *testing.B) {
	f, err := os.Open("/tmp/perf/claims.txt")
	if err != nil {
		b.Skip(err)
	}
	defer f.Close()
	var claims []string
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(claims) < 100000 {
		claims = append(claims, sc.Text())
	}
	m, _ := stance.Train(corpus.Claims())
	var p stance.Prediction
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.ClassifyTo(&p, claims[i%len(claims)])
	}
}
