package stance_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

func TestSuggest(t *testing.T) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	texts := []string{
		"Moscow refuses every concession and blocks the talks.",
		"Abe visited Moscow in May.",
		"Officials met and talked about the islands and the talks.",
		"Officials met and talked about the islands and the talks again.",
		"zzyzx qwertyuiop",
		"Both sides could develop the islands jointly.",
	}
	s := m.Suggest(texts, 10)
	var idx []int
	for i, x := range s {
		idx = append(idx, x.Index)
		if i > 0 {
			assert.LessOrEqual(t, s[i-1].Score, x.Score, "smallest margin first")
		}
		assert.NotEmpty(t, x.Probabilities)
	}
	assert.NotContains(t, idx, 4, "a claim without known features")
	assert.False(t, contains(idx, 2) && contains(idx, 3), "near-duplicates: %v", idx)
	assert.Equal(t, s, m.Suggest(texts, 10), "deterministic")
	assert.Len(t, m.Suggest(texts, 2), 2)
	assert.Empty(t, m.Suggest(texts, 0))

	l := m.Likely(texts, stance.BlameRussia, 1)
	require.Len(t, l, 1)
	assert.Equal(t, 0, l[0].Index)
	assert.Equal(t, stance.BlameRussia, l[0].Label)
	assert.Nil(t, m.Likely(texts, "no_such_label", 3))
}

func contains(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
