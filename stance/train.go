package stance

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
)

// Errors returned (wrapped) by Train, Update and Merge.
var (
	ErrNoClaims  = errors.New("stance: no training claims")
	ErrOneLabel  = errors.New("stance: training needs at least two labels")
	ErrBadClaim  = errors.New("stance: claim without text or label")
	ErrIncompat  = errors.New("stance: models trained with different options")
	ErrTooLarge  = errors.New("stance: model too large")
	errNilModels = errors.New("stance: nil model")
)

// MaxLabels is the largest number of labels a model may have.
const MaxLabels = 1000

// Train builds a model from labeled claims. The labels are those the
// claims hold; there must be at least two. Training is a pure function of
// the claims and options: the same input always gives a model that saves
// to the same bytes.
func Train(claims []corpus.Claim, opts ...Option) (*Model, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if len(claims) == 0 {
		return nil, ErrNoClaims
	}
	labels, err := labelsOf(claims)
	if err != nil {
		return nil, err
	}
	if len(labels) < 2 {
		return nil, fmt.Errorf("%w: only %q", ErrOneLabel, labels)
	}
	m := newModel(cfg, labels)
	m.add(claims)
	m.prepare()
	return m, nil
}

// Update returns a new model trained on the model's claims plus claims,
// which may bring new labels. The result is the model that Train would
// give on all the claims together; m is unchanged.
func (m *Model) Update(claims []corpus.Claim) (*Model, error) {
	extra, err := labelsOf(claims)
	if err != nil {
		return nil, err
	}
	n := m.relabel(union(m.labels, extra))
	n.add(claims)
	n.prepare()
	return n, nil
}

// Merge returns the model trained on the claims of both a and b: merging
// models trained on two halves of a data set gives the model trained on
// all of it. Both must have been trained with the same options.
func Merge(a, b *Model) (*Model, error) {
	if a == nil || b == nil {
		return nil, errNilModels
	}
	if !sameConfig(a, b) {
		return nil, ErrIncompat
	}
	n := a.relabel(union(a.labels, b.labels))
	K, bK := len(n.labels), len(b.labels)
	for c, l := range b.labels {
		n.docs[n.label(l)] += b.docs[c]
	}
	for f, feat := range b.vec.Vocabulary() {
		row := b.counts[f*bK : (f+1)*bK]
		if isZero(row) {
			continue // a lexicon feature without data
		}
		i := n.index(feat)
		for c, l := range b.labels {
			n.counts[i*K+n.label(l)] += row[c]
		}
	}
	n.prepare()
	return n, nil
}

// labelsOf returns the sorted distinct labels of claims, checking that
// every claim has a text and a label.
func labelsOf(claims []corpus.Claim) ([]string, error) {
	var labels []string
	for i, c := range claims {
		if strings.TrimSpace(c.Text) == "" || strings.TrimSpace(c.Label) == "" {
			return nil, fmt.Errorf("%w: claim %d (id %q)", ErrBadClaim, i+1, c.ID)
		}
		if !slices.Contains(labels, c.Label) {
			if len(labels) == MaxLabels {
				return nil, fmt.Errorf("%w: more than %d labels", ErrTooLarge, MaxLabels)
			}
			labels = append(labels, c.Label)
		}
	}
	slices.Sort(labels)
	return labels, nil
}

// union returns the sorted union of two sorted label lists.
func union(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// newModel returns an empty model with the given configuration and labels.
func newModel(cfg config, labels []string) *Model {
	src := cfg.vectorizer
	if src == nil {
		src = DefaultVectorizer()
	}
	vec := &features.Vectorizer{
		NGram: src.NGram, Negation: src.Negation, Numbers: src.Numbers,
		Actors: src.Actors, StopWords: src.StopWords,
	}
	cfg.vectorizer = vec
	return &Model{cfg: cfg, vec: vec, labels: labels, docs: make([]int64, len(labels))}
}

// relabel returns a copy of m's counts under a wider label set.
func (m *Model) relabel(labels []string) *Model {
	n := newModel(m.cfg, labels)
	n.vec = m.vec.Clone()
	n.cfg.vectorizer = n.vec
	K, mK := len(labels), len(m.labels)
	n.counts = make([]int64, n.vec.Len()*K)
	for c, l := range m.labels {
		j := n.label(l)
		n.docs[j] = m.docs[c]
		for f := range m.vec.Len() {
			n.counts[f*K+j] = m.counts[f*mK+c]
		}
	}
	return n
}

// index returns the index of feature f, growing the count table when f
// is new.
func (m *Model) index(f string) int {
	i := m.vec.Index(f)
	if need := (i + 1) * len(m.labels); need > len(m.counts) {
		m.counts = append(m.counts, make([]int64, need-len(m.counts))...)
	}
	return i
}

// add counts the features of claims, whose labels m must have.
func (m *Model) add(claims []corpus.Claim) {
	K := len(m.labels)
	var idx []int
	for _, cl := range claims {
		c := m.label(cl.Label)
		m.docs[c]++
		idx = m.vec.FitIndices(idx[:0], cl.Text)
		if need := m.vec.Len() * K; need > len(m.counts) {
			m.counts = append(m.counts, make([]int64, need-len(m.counts))...)
		}
		for _, i := range idx {
			m.counts[i*K+c]++
		}
	}
}

// prepare computes the classification weights from the counts and the
// lexicon. With total counts C[f][c] = counts + lexicon pseudo-counts,
// α the smoothing constant and V the vocabulary size:
//
//	multinomial: w[f][c] = log((C[f][c] + α) / (C[c] + αV))
//	complement:  w[f][c] = -log((C[f][¬c] + α) / (C[¬c] + αV))
//
// where ¬c sums over all labels but c. The score of label c for a claim
// with feature counts n[f] is bias[c] + Σ n[f]·w[f][c].
func (m *Model) prepare() {
	K := len(m.labels)
	// The lexicon's features join the vocabulary, so that cues unseen in
	// training still count as evidence.
	lex := m.lexiconCounts()
	V := m.vec.Len()
	if len(m.counts) < V*K {
		m.counts = append(m.counts, make([]int64, V*K-len(m.counts))...)
	}
	total := make([]float64, V*K)
	classTotal := make([]float64, K)
	for i := range total {
		total[i] = float64(m.counts[i]) + lex[i]
		classTotal[i%K] += total[i]
	}
	var all float64
	for _, t := range classTotal {
		all += t
	}
	a, av := m.cfg.Alpha, m.cfg.Alpha*float64(V)
	m.push = make([]float64, V*K)
	for f := range V {
		row := total[f*K : (f+1)*K]
		var rowSum float64
		for _, x := range row {
			rowSum += x
		}
		for c := range K {
			if m.cfg.Complement {
				m.push[f*K+c] = -math.Log((rowSum - row[c] + a) / (all - classTotal[c] + av))
			} else {
				m.push[f*K+c] = math.Log((row[c] + a) / (classTotal[c] + av))
			}
		}
	}
	for f := range V {
		w := m.push[f*K : (f+1)*K]
		var mean float64
		for _, x := range w {
			mean += x
		}
		mean /= float64(K)
		for c := range w {
			w[c] -= mean
		}
	}
	m.bias = make([]float64, K)
	if m.cfg.Prior == PriorEmpirical {
		var n int64
		for _, d := range m.docs {
			n += d
		}
		for c, d := range m.docs {
			// Lidstone-smoothed so that a label known only from a merge
			// or a lexicon still has a finite prior.
			m.bias[c] = math.Log((float64(d) + 1) / (float64(n) + float64(K)))
		}
	}
}

// lexiconCounts adds the lexicon's features to the vocabulary and returns
// their pseudo-counts, laid out like m.counts.
func (m *Model) lexiconCounts() []float64 {
	K := len(m.labels)
	type hit struct{ f, c int }
	var hits []hit
	if m.cfg.LexWeight > 0 {
		var feats []string
		for _, e := range m.cfg.Lexicon {
			c := m.label(e.Label)
			if c < 0 {
				continue
			}
			feats = m.vec.AppendFeatures(feats[:0], e.Text)
			for _, f := range feats {
				hits = append(hits, hit{m.vec.Index(f), c})
			}
		}
	}
	lex := make([]float64, m.vec.Len()*K)
	for _, h := range hits {
		lex[h.f*K+h.c] += m.cfg.LexWeight
	}
	return lex
}

// sameConfig reports whether a and b were trained with the same options.
func sameConfig(a, b *Model) bool {
	x, y := a.cfg, b.cfg
	va, vb := a.vec, b.vec
	return x.Alpha == y.Alpha && x.Complement == y.Complement && x.Prior == y.Prior &&
		x.LexWeight == y.LexWeight && slices.Equal(x.Lexicon, y.Lexicon) &&
		va.NGram == vb.NGram && va.Negation == vb.Negation && va.Numbers == vb.Numbers &&
		mapsEqual(va.Actors, vb.Actors) && mapsEqual(va.StopWords, vb.StopWords)
}

func mapsEqual[V comparable](a, b map[string]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func isZero(row []int64) bool {
	for _, x := range row {
		if x != 0 {
			return false
		}
	}
	return true
}
