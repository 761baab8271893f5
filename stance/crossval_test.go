package stance_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
// the article sentences, with the written claims used only for training.
// The floors sit just under the measured figures in the README; the
// leave-one-article-out floors are those of the model's stated targets.
func TestQualityFloors(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus-wide cross-validation")
	}
	art, extra := corpus.ArticleClaims(), corpus.ExtraClaims()
	kfold := stance.CV{Folds: 10, Repeats: 5, Seed: 1, Extra: extra}
	loso := stance.CV{BySource: true, Extra: extra}
	run := func(claims []corpus.Claim, cv stance.CV) *stance.Report {
		r, err := stance.CrossValidate(claims, cv)
		require.NoError(t, err)
		return r
	}
	cv4 := run(art, kfold).MacroF1
	assert.GreaterOrEqual(t, cv4, 0.54, "4 labels, 10-fold × 5")
	l4 := run(art, loso)
	assert.GreaterOrEqual(t, l4.MacroF1, 0.55, "4 labels, leave-one-article-out")
	assert.LessOrEqual(t, l4.ECE, 0.05, "expected calibration error, leave-one-article-out")
	kfold3, loso3 := kfold, loso
	kfold3.Extra, loso3.Extra = dropLabel(extra, stance.Neutral), dropLabel(extra, stance.Neutral)
	assert.GreaterOrEqual(t, run(dropLabel(art, stance.Neutral), kfold3).MacroF1, 0.70, "3 labels, 10-fold × 5")
	assert.GreaterOrEqual(t, run(dropLabel(art, stance.Neutral), loso3).MacroF1, 0.70, "3 labels, leave-one-article-out")

	goml := kfold
	goml.Train = stance.GomlBaseline
	assert.GreaterOrEqual(t, cv4-run(art, goml).MacroF1, 0.15, "margin over goml on the same folds")
}

// TestBehaviorFloors runs the built-in behavioral suite on the default
// model and guards its pass rates: overall, per type, and per test.
func TestBehaviorFloors(t *testing.T) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	r := stance.EvaluateBehavior(m, corpus.Behavior())
	require.GreaterOrEqual(t, r.Sentences, 150, "the suite holds at least 150 sentences")
	assert.GreaterOrEqual(t, r.PassRate(), 0.82, "all cases")
	assert.GreaterOrEqual(t, r.TypeRate("DIR"), 0.90, "actor swaps")
	assert.GreaterOrEqual(t, r.TypeRate("INV"), 0.75, "invariance")
	assert.GreaterOrEqual(t, r.TypeRate("MFT"), 0.80, "minimum functionality")
	floors := map[string]float64{
		"MFT: blames Russia":                             0.90,
		"MFT: blames Japan":                              0.85,
		"MFT: proposes compromise":                       0.80,
		"MFT: neutral facts":                             0.90,
		"MFT: neutral with loaded words":                 0.70,
		"MFT: blame of third parties is neutral":         0.90,
		"MFT: hawkish self-criticism is neutral":         0.50,
		"MFT: hope without a path is neutral":            0.90,
		"MFT: denial of fault blames the other side":     0.55,
		"MFT: a denial verb blames the other side":       0.50,
		"MFT: contrast":                                  0.90,
		"MFT: reported speech is labeled by its content": 0.80,
		"MFT: pronoun subjects":                          0.50,
		"INV: actor naming":                              0.60,
		"INV: spelling":                                  1.00,
		"INV: neutral wording":                           0.80,
		"DIR: actor swap":                                0.90,
	}
	for _, test := range r.Tests {
		floor, ok := floors[test.Name]
		if !assert.True(t, ok, "test %q has no floor", test.Name) {
			continue
		}
		assert.GreaterOrEqual(t, test.PassRate(), floor, "%s: failures %q", test.Name, test.Failures)
	}
	assert.Len(t, r.Tests, len(floors))
}

// readTestdata reads a label file of testdata/newlabels.
func readTestdata(t *testing.T, name string) []corpus.Claim {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "newlabels", name))
	require.NoError(t, err)
	defer f.Close()
	c, err := corpus.ReadJSONL(f)
	require.NoError(t, err)
	return c
}

// truthMacroF1 is the mean F1 of the labels the truth holds: predictions
// of other labels count only as errors.
func truthMacroF1(r *stance.Report) float64 {
	var sum float64
	n := 0
	for _, l := range r.Labels {
		if s := r.PerLabel[l]; s.Support > 0 {
			sum += s.F1
			n++
		}
	}
	return sum / float64(n)
}

// TestNewLabel checks that a label a user adds with 20 claims next to the
// built-in corpus is learned — recall of at least 0.7 on claims written
// to be unlike its training claims — without costing the built-in labels
// more than 0.02 of leave-one-article-out macro-F1.
func TestNewLabel(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus-wide cross-validation")
	}
	train := readTestdata(t, "blame_china_train.jsonl")[:20]
	test := readTestdata(t, "blame_china_test.jsonl")
	m, err := stance.Train(append(corpus.Claims(), train...))
	require.NoError(t, err)
	r, err := stance.Evaluate(m, test)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, r.PerLabel["blame_china"].Recall, 0.7, "recall of the new label")

	loso := stance.CV{BySource: true, Extra: corpus.ExtraClaims()}
	before, err := stance.CrossValidate(corpus.ArticleClaims(), loso)
	require.NoError(t, err)
	loso.Extra = append(loso.Extra, train...)
	after, err := stance.CrossValidate(corpus.ArticleClaims(), loso)
	require.NoError(t, err)
	assert.LessOrEqual(t, truthMacroF1(before)-truthMacroF1(after), 0.02, "built-in labels, leave-one-article-out")
}

// TestRelabelBuiltin checks that moving built-in claims to a new label by
// id trains a model that gives it to them.
func TestRelabelBuiltin(t *testing.T) {
	base := corpus.Claims()
	var overrides []corpus.Claim
	for _, c := range base {
		if c.Source == corpus.ChallengeSource && strings.Contains(c.Text, "Beijing") {
			overrides = append(overrides, corpus.Claim{ID: c.ID, Label: "blame_china"})
		}
	}
	require.NotEmpty(t, overrides)
	claims, st, err := corpus.Merge(base, overrides)
	require.NoError(t, err)
	assert.Equal(t, len(overrides), st.Relabeled)
	m, err := stance.Train(claims)
	require.NoError(t, err)
	assert.Contains(t, m.Labels(), "blame_china")
	likely := m.Likely([]string{"Beijing's pressure keeps Moscow and Tokyo apart.", "Abe visited Moscow in May."}, "blame_china", 1)
	require.Len(t, likely, 1)
	assert.Equal(t, 0, likely[0].Index)
}
