package stance_test

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/stance"
)

// plain returns options for hand-checkable models: unigram stems only,
// no lexicon, no actor swapping, no minimum count, no calibration, no
// label balance.
func plain(opts ...stance.Option) []stance.Option {
	return append([]stance.Option{
		stance.WithVectorizer(&features.Vectorizer{NGram: 1}),
		stance.WithLexicon(nil, 0),
		stance.WithAlpha(1),
		stance.WithSwap(false, false),
		stance.WithMinCount(0),
		stance.WithCalibration(false),
		stance.WithBalance(0),
	}, opts...)
}

// tiny is a three-label corpus small enough to score by hand:
// x: a×2; y: b×1; z: a×1, c×1. Vocabulary {a, b, c}.
var tiny = []corpus.Claim{
	{Text: "a a", Label: "x"},
	{Text: "b", Label: "y"},
	{Text: "a c", Label: "z"},
}

func TestScoresByHand(t *testing.T) {
	tests := []struct {
		name  string
		opts  []stance.Option
		claim string
		want  map[string]float64
	}{
		{
			// θ[a] = (n[a]+1)/(n+3): x 3/5, y 1/4, z 2/5; priors (1+1)/(3+3) equal.
			name: "multinomial, empirical prior", claim: "a",
			opts: plain(stance.WithComplement(false), stance.WithPrior(stance.PriorEmpirical)),
			want: map[string]float64{"x": 0.6 / 1.25, "y": 0.25 / 1.25, "z": 0.4 / 1.25},
		},
		{
			// Complement of x: a1 b1 c1, so θ̃x[a] = 2/6; of y: a3 c1, θ̃y[a] = 4/7;
			// of z: a2 b1, θ̃z[a] = 3/6. Weights are 1/θ̃: 3, 7/4, 2.
			name: "complement, uniform prior", claim: "a",
			opts: plain(stance.WithComplement(true), stance.WithPrior(stance.PriorUniform)),
			want: map[string]float64{"x": 3 / 6.75, "y": 1.75 / 6.75, "z": 2 / 6.75},
		},
		{
			// θ̃x[b] = 2/6, θ̃y[b] = 1/7, θ̃z[b] = 2/6 → weights 3, 7, 3.
			name: "complement, unseen word ignored", claim: "b zzz",
			opts: plain(stance.WithComplement(true)),
			want: map[string]float64{"x": 3.0 / 13, "y": 7.0 / 13, "z": 3.0 / 13},
		},
		{
			// Lidstone α = 0.5: θ[c] = (n[c]+.5)/(n+1.5): x .5/3.5, y .5/2.5, z 1.5/3.5.
			name: "multinomial, alpha 0.5, uniform", claim: "c",
			opts: plain(stance.WithComplement(false), stance.WithAlpha(0.5)),
			want: map[string]float64{"x": (1 / 7.0) / (1/7.0 + 0.2 + 3/7.0), "y": 0.2 / (1/7.0 + 0.2 + 3/7.0), "z": (3 / 7.0) / (1/7.0 + 0.2 + 3/7.0)},
		},
		{
			// The lexicon cue "b" for x adds 2 pseudo-counts: x a2 b2 (4),
			// y b1 (1), z a1 c1 (2). θ[b] = x 3/7, y 2/4, z 1/5.
			name: "lexicon as informative prior", claim: "b",
			opts: plain(stance.WithComplement(false), stance.WithLexicon([]corpus.Claim{{Text: "b", Label: "x"}}, 2)),
			want: map[string]float64{"x": (3 / 7.0) / (3/7.0 + 0.5 + 0.2), "y": 0.5 / (3/7.0 + 0.5 + 0.2), "z": 0.2 / (3/7.0 + 0.5 + 0.2)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := stance.Train(tiny, tt.opts...)
			require.NoError(t, err)
			p := m.Classify(tt.claim)
			require.Len(t, p.Probabilities, len(tt.want))
			best, bestP := "", -1.0
			for l, want := range tt.want {
				assert.InDelta(t, want, p.Probabilities[l], 1e-12, "P(%s)", l)
				if want > bestP {
					best, bestP = l, want
				}
			}
			assert.Equal(t, best, p.Label)
		})
	}
}

func TestEvidenceByHand(t *testing.T) {
	m, err := stance.Train(tiny, plain(stance.WithComplement(true))...)
	require.NoError(t, err)
	p := m.Classify("a a b")
	// Weights (log 1/θ̃): a: x ln3, y ln(7/4), z ln2; b: x ln3, y ln7, z ln3.
	// Score x = 2ln3+ln3 = ln27; y = 2ln1.75+ln7 = ln21.4375; z = 2ln2+ln3 = ln12.
	assert.Equal(t, "x", p.Label)
	meanA := (math.Log(3) + math.Log(1.75) + math.Log(2)) / 3
	require.Len(t, p.Evidence, 1, "b pushes away from x: %+v", p.Evidence)
	assert.Equal(t, "a", p.Evidence[0].Feature)
	assert.Equal(t, 2, p.Evidence[0].Count)
	assert.InDelta(t, 2*(math.Log(3)-meanA), p.Evidence[0].Contribution, 1e-12)
	assert.InDelta(t, 27/(27+21.4375+12), p.Probabilities["x"], 1e-12)
}

func TestProbabilitiesLongClaim(t *testing.T) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	long := strings.Repeat("Moscow refuses to meet Tokyo halfway on the islands. ", 5000)
	p := m.Classify(long)
	var sum float64
	for l, x := range p.Probabilities {
		require.False(t, math.IsNaN(x) || math.IsInf(x, 0), "P(%s) = %v", l, x)
		sum += x
	}
	assert.InDelta(t, 1, sum, 1e-9)
	assert.Equal(t, stance.BlameRussia, p.Label)
	assert.LessOrEqual(t, len(p.Evidence), stance.MaxEvidence)
}

func TestClassifyEmbedded(t *testing.T) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	assert.Equal(t, []string{stance.BlameJapan, stance.BlameRussia, stance.Compromise, stance.Neutral}, m.Labels())
	tests := []struct{ claim, want string }{
		{"Moscow refuses to meet Tokyo even part way on the islands.", stance.BlameRussia},
		{"Russian bombers keep violating Japanese airspace.", stance.BlameRussia},
		{"Tokyo keeps reviving the territorial issue for domestic political gain.", stance.BlameJapan},
		{"Both sides could demilitarise the islands and develop joint economic projects there.", stance.Compromise},
		{"Abe visited Moscow on May 26 and held talks with Putin.", stance.Neutral},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			p := m.Classify(tt.claim)
			assert.Equal(t, tt.want, p.Label, "%q: %v", tt.claim, p.Probabilities)
			require.NotEmpty(t, p.Evidence)
			for i, e := range p.Evidence {
				assert.Positive(t, e.Contribution)
				if i > 0 {
					assert.GreaterOrEqual(t, p.Evidence[i-1].Contribution, e.Contribution)
				}
			}
		})
	}
}

func TestEmptyClaimGetsPrior(t *testing.T) {
	m, err := stance.Train(tiny, plain()...)
	require.NoError(t, err)
	for _, s := range []string{"", "   ", "\xff\xfe", "unknown words only"} {
		p := m.Classify(s)
		for _, x := range p.Probabilities {
			assert.InDelta(t, 1.0/3, x, 1e-12, "claim %q", s)
		}
		assert.Empty(t, p.Evidence)
	}
}

func TestUserLabels(t *testing.T) {
	claims := corpus.Claims()
	for i := range 12 {
		claims = append(claims, corpus.Claim{
			Text:  fmt.Sprintf("Washington pressures Tokyo to keep its distance from Moscow, case %d.", i),
			Label: "blame_us",
		})
	}
	m, err := stance.Train(claims)
	require.NoError(t, err)
	assert.Contains(t, m.Labels(), "blame_us")
	p := m.Classify("Washington keeps pressuring Tokyo to stay away from Moscow.")
	assert.Equal(t, "blame_us", p.Label, "%v", p.Probabilities)
}

func TestTrainErrors(t *testing.T) {
	tests := []struct {
		name   string
		claims []corpus.Claim
		opts   []stance.Option
		want   error
	}{
		{"no claims", nil, nil, stance.ErrNoClaims},
		{"one label", []corpus.Claim{{Text: "a", Label: "x"}, {Text: "b", Label: "x"}}, nil, stance.ErrOneLabel},
		{"empty text", []corpus.Claim{{Text: "a", Label: "x"}, {Text: " ", Label: "y"}}, nil, stance.ErrBadClaim},
		{"empty label", []corpus.Claim{{Text: "a", Label: "x"}, {Text: "b"}}, nil, stance.ErrBadClaim},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := stance.Train(tt.claims, tt.opts...)
			assert.ErrorIs(t, err, tt.want)
		})
	}
	for _, o := range []stance.Option{stance.WithAlpha(0), stance.WithAlpha(math.NaN()), stance.WithPrior("other"), stance.WithLexicon(nil, -1), stance.WithVectorizer(nil)} {
		_, err := stance.Train(tiny, o)
		assert.Error(t, err)
	}
}

// save returns the saved bytes of m.
func save(t *testing.T, m *stance.Model) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	return buf.Bytes()
}

func TestIncrementalAndMerge(t *testing.T) {
	claims := corpus.Claims()
	half := len(claims) / 2
	uncalibrated := stance.WithCalibration(false)
	all, err := stance.Train(claims, uncalibrated)
	require.NoError(t, err)
	want := save(t, all)

	first, err := stance.Train(claims[:half], uncalibrated)
	require.NoError(t, err)
	firstBytes := save(t, first)
	updated, err := first.Update(claims[half:])
	require.NoError(t, err)
	assert.Equal(t, string(want), string(save(t, updated)), "Update differs from training on everything")
	assert.Equal(t, string(firstBytes), string(save(t, first)), "Update changed its receiver")

	// A calibrated model keeps its calibration through Update.
	calibrated, err := stance.Train(claims)
	require.NoError(t, err)
	same, err := calibrated.Update(nil)
	require.NoError(t, err)
	assert.Equal(t, string(save(t, calibrated)), string(save(t, same)), "Update with no claims changed the model")

	second, err := stance.Train(claims[half:], uncalibrated)
	require.NoError(t, err)
	merged, err := stance.Merge(first, second)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(save(t, merged)), "Merge differs from training on everything")

	// New labels arrive through Update.
	more, err := all.Update([]corpus.Claim{{Text: "Washington divides them.", Label: "blame_us"}})
	require.NoError(t, err)
	assert.Contains(t, more.Labels(), "blame_us")

	other, err := stance.Train(claims[half:], uncalibrated, stance.WithAlpha(0.3))
	require.NoError(t, err)
	_, err = stance.Merge(first, other)
	assert.ErrorIs(t, err, stance.ErrIncompat)
}

func TestConcurrentClassify(t *testing.T) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	claims := corpus.ArticleClaims()
	want := make([]stance.Prediction, len(claims))
	for i, c := range claims {
		want[i] = m.Classify(c.Text)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range claims {
				i := (k + g*31) % len(claims)
				got := m.Classify(claims[i].Text)
				if got.Label != want[i].Label || got.Probabilities[got.Label] != want[i].Probabilities[got.Label] || len(got.Evidence) != len(want[i].Evidence) {
					errs <- fmt.Sprintf("claim %s: concurrent result differs", claims[i].ID)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestClassifyText(t *testing.T) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	a := corpus.Articles()[1]
	s := m.ClassifyText(a.Text)
	require.Len(t, s.Claims, len(features.Sentences(a.Text)))
	var total float64
	n := 0
	for _, l := range m.Labels() {
		total += s.Shares[l]
		n += s.Counts[l]
		assert.InDelta(t, float64(s.Counts[l])/float64(len(s.Claims)), s.Shares[l], 1e-12)
	}
	assert.InDelta(t, 1, total, 1e-9)
	assert.Equal(t, len(s.Claims), n)
	assert.Greater(t, s.Shares[stance.BlameRussia], s.Shares[stance.BlameJapan], "article 001 mostly blames Russia")

	paged := m.ClassifyText(a.Title + "\n\nBy Jane Roe\nMay 2, 2017\n\n" + a.Text + "\n\nShare this article\n")
	assert.Equal(t, s.Claims, paged.Claims, "the title, byline, dateline and widget are not claims")

	empty := m.ClassifyText("")
	assert.Empty(t, empty.Claims)
	assert.Len(t, empty.Shares, 4)
}

func TestTop(t *testing.T) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	top := m.Top(5)
	require.Len(t, top, 4)
	for l, ev := range top {
		require.Len(t, ev, 5, l)
		for i := 1; i < len(ev); i++ {
			assert.GreaterOrEqual(t, ev[i-1].Contribution, ev[i].Contribution)
		}
	}
}

// TestLexiconIsNotFromTheArticles checks that no cue of three or more
// words appears in an article sentence: the lexicon must not leak the
// evaluation data.
func TestLexiconIsNotFromTheArticles(t *testing.T) {
	lex := stance.DefaultLexicon()
	require.NotEmpty(t, lex)
	norm := func(s string) string { return " " + strings.Join(features.Tokenize(s), " ") + " " }
	var sentences []string
	for _, c := range corpus.ArticleClaims() {
		sentences = append(sentences, norm(c.Text))
	}
	labels := map[string]bool{stance.BlameRussia: true, stance.BlameJapan: true, stance.Compromise: true, stance.Neutral: true}
	for _, cue := range lex {
		assert.True(t, labels[cue.Label], "cue %q has label %q", cue.Text, cue.Label)
		if len(features.Tokenize(cue.Text)) < 3 {
			continue
		}
		for _, s := range sentences {
			assert.NotContains(t, s, norm(cue.Text), "lexicon cue %q appears in an article", cue.Text)
		}
	}
}

func TestUnknownClaims(t *testing.T) {
	m, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	for _, s := range []string{"", "   ", "\xff\xfe", "zzyzx qwertyuiop", "April 2018."} {
		p := m.Classify(s)
		assert.True(t, p.Unknown, "claim %q", s)
		assert.Equal(t, stance.Neutral, p.Label, "claim %q", s)
		assert.Empty(t, p.Evidence, "claim %q", s)
		var sum float64
		for l, x := range p.Probabilities {
			sum += x
			assert.LessOrEqual(t, x, p.Probabilities[stance.Neutral], "claim %q, label %s", s, l)
		}
		assert.InDelta(t, 1, sum, 1e-9)
	}
	assert.False(t, m.Classify("Moscow refuses to negotiate.").Unknown)
}
