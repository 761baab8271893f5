package stance_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// fixed is a Classifier that answers from a table.
type fixed map[string]string

func (f fixed) Classify(s string) stance.Prediction { return stance.Prediction{Text: s, Label: f[s]} }

func TestReportByHand(t *testing.T) {
	// Truth: a a a b b c; predictions: a a b b c c.
	truth := []string{"a", "a", "a", "b", "b", "c"}
	pred := []string{"a", "a", "b", "b", "c", "c"}
	var claims []corpus.Claim
	table := fixed{}
	for i := range truth {
		text := fmt.Sprint("claim ", i)
		claims = append(claims, corpus.Claim{Text: text, Label: truth[i], Source: fmt.Sprint("s", i%2)})
		table[text] = pred[i]
	}
	cv := stance.CV{BySource: true, Train: func([]corpus.Claim) (stance.Classifier, error) { return table, nil }}
	r, err := stance.CrossValidate(claims, cv)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c"}, r.Labels)
	assert.Equal(t, [][]int{{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}, r.Confusion)
	assert.InDelta(t, 4.0/6, r.Accuracy, 1e-12)
	// a: P 1, R 2/3, F1 .8; b: P 1/2, R 1/2, F1 .5; c: P 1/2, R 1, F1 2/3.
	assert.InDelta(t, 0.8, r.PerLabel["a"].F1, 1e-12)
	assert.InDelta(t, 0.5, r.PerLabel["b"].Precision, 1e-12)
	assert.InDelta(t, 1.0, r.PerLabel["c"].Recall, 1e-12)
	assert.Equal(t, 3, r.PerLabel["a"].Support)
	assert.InDelta(t, (0.8+0.5+2.0/3)/3, r.MacroF1, 1e-12)
	assert.Contains(t, r.String(), "macro-F1  0.656")
}

func TestStratifiedFolds(t *testing.T) {
	claims := corpus.ArticleClaims()
	var sizes []int
	seen := map[string]int{}
	train := func(c []corpus.Claim) (stance.Classifier, error) {
		sizes = append(sizes, len(claims)-len(c))
		counts := map[string]int{}
		for _, x := range c {
			counts[x.Label]++
		}
		// Every training set holds 9/10 of each label, within one claim.
		for _, l := range []string{stance.BlameJapan, stance.Compromise} {
			if counts[l] < 12 || counts[l] > 13 {
				return nil, fmt.Errorf("label %s: %d claims in a training set", l, counts[l])
			}
		}
		for _, x := range c {
			seen[x.ID]++
		}
		return stance.Train(c)
	}
	_, err := stance.CrossValidate(claims, stance.CV{Folds: 10, Seed: 7, Train: train})
	require.NoError(t, err)
	require.Len(t, sizes, 10)
	for _, s := range sizes {
		assert.InDelta(t, 26, s, 1)
	}
	for _, c := range claims {
		assert.Equal(t, 9, seen[c.ID], "claim %s should train in 9 of 10 folds", c.ID)
	}
}

func TestCrossValidateDeterministic(t *testing.T) {
	cv := stance.CV{Folds: 5, Repeats: 2, Seed: 3, Extra: corpus.ExtraClaims()}
	a, err := stance.CrossValidate(corpus.ArticleClaims(), cv)
	require.NoError(t, err)
	b, err := stance.CrossValidate(corpus.ArticleClaims(), cv)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	cv.Seed = 4
	c, err := stance.CrossValidate(corpus.ArticleClaims(), cv)
	require.NoError(t, err)
	assert.NotEqual(t, a.Confusion, c.Confusion, "another seed should give other folds")
}

func TestCrossValidateErrors(t *testing.T) {
	claims := corpus.ArticleClaims()[:5]
	_, err := stance.CrossValidate(claims, stance.CV{Folds: 10})
	assert.ErrorIs(t, err, stance.ErrFolds)
	_, err = stance.CrossValidate(claims[:1], stance.CV{BySource: true})
	assert.ErrorIs(t, err, stance.ErrFolds)
	_, err = stance.CrossValidate(claims, stance.CV{Folds: 2, Repeats: -1})
	assert.ErrorIs(t, err, stance.ErrFolds)
}

func dropLabel(claims []corpus.Claim, label string) []corpus.Claim {
	var out []corpus.Claim
	for _, c := range claims {
		if c.Label != label {
			out = append(out, c)
		}
	}
	return out
}

// TestQualityFloors guards the default model's cross-validated scores on
// the article sentences, with the extra claims used only for training.
// The floors sit just under the measured figures in the README.
func TestQualityFloors(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus-wide cross-validation")
	}
	art, extra := corpus.ArticleClaims(), corpus.ExtraClaims()
	kfold := stance.CV{Folds: 10, Repeats: 5, Seed: 1, Extra: extra}
	loso := stance.CV{BySource: true, Extra: extra}
	run := func(claims []corpus.Claim, cv stance.CV) float64 {
		r, err := stance.CrossValidate(claims, cv)
		require.NoError(t, err)
		return r.MacroF1
	}
	cv4 := run(art, kfold)
	assert.GreaterOrEqual(t, cv4, 0.45, "4 labels, 10-fold × 5")
	assert.GreaterOrEqual(t, run(art, loso), 0.35, "4 labels, leave-one-article-out")
	kfold3 := kfold
	kfold3.Extra = dropLabel(extra, stance.Neutral)
	assert.GreaterOrEqual(t, run(dropLabel(art, stance.Neutral), kfold3), 0.70, "3 labels, 10-fold × 5")

	goml := kfold
	goml.Train = stance.GomlBaseline
	assert.GreaterOrEqual(t, cv4-run(art, goml), 0.15, "margin over goml on the same folds")
}
