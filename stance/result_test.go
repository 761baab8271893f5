package stance

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
)

// naiveEvidence is the evidence of label c for text computed the plain
// way: every feature that pushes toward c, with its count, all sorted.
func naiveEvidence(m *Model, text string, c, k int) []Evidence {
	K := len(m.labels)
	counts := map[int]int{}
	for _, f := range m.vec.AppendIndices(nil, text) {
		if m.push[f*K+c] > 0 {
			counts[f]++
		}
	}
	var ev []Evidence
	for f, n := range counts {
		ev = append(ev, Evidence{Feature: m.vec.Term(f), Count: n, Contribution: float64(n) * m.push[f*K+c]})
	}
	sortEvidence(ev)
	return ev[:min(k, len(ev))]
}

func TestClassifyResult(t *testing.T) {
	m, err := Train(corpus.Claims())
	require.NoError(t, err)
	texts := []string{"", "zzz qqq", "Moscow refuses, refuses and refuses again to meet Tokyo halfway.", "Both sides should compromise on the islands."}
	for _, c := range corpus.Claims()[:300] {
		texts = append(texts, c.Text)
	}
	var r Result
	for _, text := range texts {
		p := m.Classify(text)
		for _, k := range []int{0, 1, 3, MaxEvidence, MaxEvidence + 5} {
			m.ClassifyResult(&r, text, k)
			require.Equal(t, p.Label, m.Labels()[r.Label], "%q", text)
			assert.Equal(t, p.Unknown, r.Unknown, "%q", text)
			for c, l := range m.Labels() {
				assert.Equal(t, p.Probabilities[l], r.Probabilities[c], "%q %s", text, l)
			}
			want := naiveEvidence(m, text, r.Label, min(k, MaxEvidence))
			got := make([]Evidence, 0, len(r.Evidence))
			for _, e := range r.Evidence {
				got = append(got, Evidence{Feature: m.Feature(e.Feature), Count: e.Count, Contribution: e.Contribution})
			}
			if len(want) == 0 {
				assert.Empty(t, got, "%q k=%d", text, k)
			} else {
				assert.Equal(t, want, got, "%q k=%d", text, k)
			}
			if k == MaxEvidence {
				assert.Equal(t, p.Evidence, got, "%q: ClassifyResult and Classify differ", text)
			}
		}
	}
	if !raceEnabled {
		allocs := testing.AllocsPerRun(100, func() { m.ClassifyResult(&r, texts[2], MaxEvidence) })
		assert.Zero(t, allocs, "ClassifyResult into a Result with room")
	}
}

// TestEvidenceTies checks that features with the same contribution are
// listed by name, whatever their indices.
func TestEvidenceTies(t *testing.T) {
	claims := []corpus.Claim{
		{Text: "zeta beta alpha", Label: "a"},
		{Text: "gamma delta omega", Label: "b"},
	}
	m, err := Train(claims, WithLexicon(nil, 0), WithCalibration(false), WithMinCount(1))
	require.NoError(t, err)
	p := m.Classify("zeta beta alpha")
	require.Equal(t, "a", p.Label)
	var names []string
	for _, e := range p.Evidence {
		names = append(names, e.Feature)
	}
	require.Len(t, names, 5) // three words, two bigrams
	assert.True(t, slices.IsSorted(names), "tied evidence not in name order: %q", names)
	for _, e := range p.Evidence[1:] {
		assert.Equal(t, p.Evidence[0].Contribution, e.Contribution, "the features should tie")
	}
}
