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
	if len(cfg.unlabeled) > 0 {
		texts := cfg.unlabeled
		cfg.unlabeled = nil
		m, err := trainWith(claims, cfg)
		if err != nil {
			return nil, err
		}
		cfg.unlabeled = texts
		return trainEM(m, claims, cfg)
	}
	return trainWith(claims, cfg)
}

// trainWith is Train with its options applied.
func trainWith(claims []corpus.Claim, cfg config) (*Model, error) {
	if len(claims) == 0 {
		return nil, ErrNoClaims
	}
	labels, claims, err := labelsOf(claims)
	if err != nil {
		return nil, err
	}
	if len(labels) < 2 {
		return nil, fmt.Errorf("%w: only %q", ErrOneLabel, labels)
	}
	m := newModel(cfg, labels)
	if !cfg.Calibrate {
		m.add(claims, nil)
		m.prepare()
		return m, nil
	}
	// Remember what each claim added, so that calibration can take any
	// claims back out.
	added := make([][]int32, len(claims)) // pairs of label, feature
	m.add(claims, func(i, c, f int) { added[i] = append(added[i], int32(c), int32(f)) })
	m.prepare()
	m.calibrate(claims, added)
	m.prepare()
	return m, nil
}

// Update returns a new model trained on the model's claims plus claims,
// which may bring new labels; m is unchanged. Its counts are those that
// Train would give on all the claims together, and without calibration
// ([WithCalibration]) so is the model. Calibration needs the claims
// themselves, so Update keeps m's (a new label starts with no bias):
// train afresh when the new claims change the picture.
func (m *Model) Update(claims []corpus.Claim) (*Model, error) {
	extra, claims, err := labelsOf(claims)
	if err != nil {
		return nil, err
	}
	all := union(m.labels, extra)
	if err := checkLabels(all); err != nil {
		return nil, err
	}
	n := m.relabel(all)
	n.add(claims, nil)
	n.prepare()
	return n, nil
}

// Merge returns the model trained on the claims of both a and b: merging
// models trained on two halves of a data set gives the counts of the
// model trained on all of it (and, without calibration, that model).
// Both must have been trained with the same options; the result keeps
// a's calibration, as [Model.Update] does.
func Merge(a, b *Model) (*Model, error) {
	if a == nil || b == nil {
		return nil, errNilModels
	}
	if !sameConfig(a, b) {
		return nil, ErrIncompat
	}
	all := union(a.labels, b.labels)
	if err := checkLabels(all); err != nil {
		return nil, err
	}
	n := a.relabel(all)
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
// every claim has a text and a valid label, and the claims with their
// labels normalised by [corpus.NormalizeLabel] (a copy, if that changed
// any). Labels that differ only in case are an error naming both claims.
func labelsOf(claims []corpus.Claim) ([]string, []corpus.Claim, error) {
	var labels []string
	first := make(map[string]int)     // claim index of each label's first use
	byKey := make(map[string]int)     // the same, by corpus.LabelKey
	normal := make(map[string]string) // label as given → normalised
	copied := false
	for i, c := range claims {
		if strings.TrimSpace(c.Text) == "" || strings.TrimSpace(c.Label) == "" {
			return nil, nil, fmt.Errorf("%w: claim %d (id %q)", ErrBadClaim, i+1, c.ID)
		}
		l, ok := normal[c.Label]
		if !ok {
			var err error
			if l, err = corpus.NormalizeLabel(c.Label); err != nil {
				return nil, nil, fmt.Errorf("%w: claim %d (id %q): %w", ErrBadClaim, i+1, c.ID, err)
			}
			normal[c.Label] = l
		}
		if l != c.Label {
			if !copied {
				claims, copied = slices.Clone(claims), true
			}
			claims[i].Label = l
		}
		if _, ok := first[l]; ok {
			continue
		}
		key := corpus.LabelKey(l)
		if j, ok := byKey[key]; ok {
			return nil, nil, fmt.Errorf("%w: %q (claim %d, id %q) and %q (claim %d, id %q)",
				corpus.ErrLabelCollision, claims[j].Label, j+1, claims[j].ID, l, i+1, c.ID)
		}
		if len(labels) == MaxLabels {
			return nil, nil, fmt.Errorf("%w: more than %d labels", ErrTooLarge, MaxLabels)
		}
		first[l], byKey[key] = i, i
		labels = append(labels, l)
	}
	slices.Sort(labels)
	return labels, claims, nil
}

// checkLabels checks a sorted label list for labels that differ only in
// case, and for more than MaxLabels labels.
func checkLabels(labels []string) error {
	if len(labels) > MaxLabels {
		return fmt.Errorf("%w: more than %d labels", ErrTooLarge, MaxLabels)
	}
	seen := make(map[string]string, len(labels))
	for _, l := range labels {
		key := corpus.LabelKey(l)
		if other, ok := seen[key]; ok {
			return fmt.Errorf("%w: %q and %q", corpus.ErrLabelCollision, other, l)
		}
		seen[key] = l
	}
	return nil
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
	vec := src.Settings()
	cfg.vectorizer = vec
	return &Model{
		cfg: cfg, vec: vec, labels: labels, neutral: slices.Index(labels, Neutral),
		docs: make([]int64, len(labels)), cal: identity(len(labels)),
	}
}

// relabel returns a copy of m's counts under a wider label set.
func (m *Model) relabel(labels []string) *Model {
	n := newModel(m.cfg, labels)
	n.cal.Scale, n.cal.Slope, n.cal.Offset = m.cal.Scale, m.cal.Slope, m.cal.Offset
	n.vec = m.vec.Clone()
	n.cfg.vectorizer = n.vec
	K, mK := len(labels), len(m.labels)
	n.counts = make([]int64, n.vec.Len()*K)
	for c, l := range m.labels {
		j := n.label(l)
		n.docs[j] = m.docs[c]
		n.cal.Bias[j] = m.cal.Bias[c]
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

// add counts the features of claims, whose labels m must have. With
// actor swapping on, a claim blaming one side also counts, with the
// actors swapped, for the label blaming the other. If record is not nil,
// record(i, c, f) is called for every count added: claim i, label c,
// feature f.
func (m *Model) add(claims []corpus.Claim, record func(i, c, f int)) {
	K := len(m.labels)
	var idx []int
	var swapped map[int]int // feature → its twin with the actors swapped
	count := func(i, c int, feats []int) {
		m.docs[c]++
		if need := m.vec.Len() * K; need > len(m.counts) {
			m.counts = append(m.counts, make([]int64, need-len(m.counts))...)
		}
		for _, f := range feats {
			m.counts[f*K+c]++
			if record != nil {
				record(i, c, f)
			}
		}
	}
	for i, cl := range claims {
		c := m.label(cl.Label)
		idx = m.vec.FitIndices(idx[:0], cl.Text)
		n := len(idx)
		if tw := m.twin(cl.Label); tw >= 0 {
			if swapped == nil {
				swapped = make(map[int]int)
			}
			for _, f := range idx[:n] {
				g, ok := swapped[f]
				if !ok {
					g = m.vec.Index(swapActors(m.vec.Term(f)))
					swapped[f] = g
				}
				idx = append(idx, g)
			}
			count(i, tw, idx[n:])
		}
		count(i, c, idx[:n])
	}
}

// twin returns the label index of the actor-swapped twin of a claim
// labeled label, or -1 if it has none (see [WithSwap]).
func (m *Model) twin(label string) int {
	if !m.cfg.Swap {
		return -1
	}
	switch label {
	case BlameRussia:
		return m.label(BlameJapan)
	case BlameJapan:
		return m.label(BlameRussia)
	}
	if m.cfg.SwapAll {
		return m.label(label)
	}
	return -1
}

// swapActors returns feature f with Russia and Japan swapped.
func swapActors(f string) string {
	if !strings.Contains(f, "@") {
		return f
	}
	return actorSwapper.Replace(f)
}

var actorSwapper = strings.NewReplacer(features.ActorRussia, features.ActorJapan, features.ActorJapan, features.ActorRussia)

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
	for len(m.weak) < V {
		m.weak = append(m.weak, m.vec.Weak(m.vec.Term(len(m.weak))))
	}
	scale := m.labelScales()
	total := make([]float64, V*K)
	// Class totals from exact sums (integer counts, lexicon weights of
	// whole pseudo-counts), so that the order of the features, which
	// Load changes, cannot change the weights.
	counts, lexSum := make([]int64, K), make([]float64, K)
	for i := range total {
		total[i] = float64(m.counts[i])*scale[i%K] + lex[i]
		counts[i%K] += m.counts[i]
		lexSum[i%K] += lex[i]
	}
	classTotal := make([]float64, K)
	for c := range K {
		classTotal[c] = float64(counts[c])*scale[c] + lexSum[c]
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
		if rowSum < float64(m.cfg.MinCount) || m.weak[f] {
			continue // too rare, or a date or title alone: no weight
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
	// Calibrate: the weights and biases become those of the calibrated
	// logits Scale·score + Bias, so that classification and evidence
	// use the calibrated numbers directly.
	for i := range m.push {
		m.push[i] *= m.cal.Scale
	}
	for c := range m.bias {
		m.bias[c] = m.cal.Scale*m.bias[c] + m.cal.Bias[c]
	}
	if len(m.nameRank) != V {
		m.nameRank = nameRanks(m.vec)
	}
}

// nameRanks returns the position of each feature of vec's vocabulary in
// the order of their names.
func nameRanks(vec *features.Vectorizer) []uint32 {
	order := make([]int32, vec.Len())
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(vec.Term(int(a)), vec.Term(int(b))) })
	rank := make([]uint32, len(order))
	for r, f := range order {
		rank[f] = uint32(r)
	}
	return rank
}

// labelScales returns the factor each label's counts are multiplied by
// before the weights are computed (see [WithBalance]): a label whose
// claims hold less than a quarter of the feature occurrences of the
// median label is scaled up toward it, by (median/mass)^Balance, at most
// maxBalanceScale.
func (m *Model) labelScales() []float64 {
	K := len(m.labels)
	// Integer sums, so that the order of the features (which Load
	// changes) cannot change the result.
	sums := make([]int64, K)
	for i, n := range m.counts {
		sums[i%K] += n
	}
	mass := make([]float64, K)
	for c, n := range sums {
		mass[c] = float64(n)
	}
	scale := make([]float64, K)
	sorted := slices.Clone(mass)
	slices.Sort(sorted)
	median := sorted[K/2]
	for c := range K {
		scale[c] = 1
		if m.cfg.Balance > 0 && mass[c] > 0 && mass[c] < median*balanceBelow {
			scale[c] = min(math.Pow(median/mass[c], m.cfg.Balance), maxBalanceScale)
		}
	}
	return scale
}

// maxBalanceScale bounds the factor of labelScales, and balanceBelow is
// the share of the median mass under which a label counts as known from
// few claims: labels of comparable size are left as they are.
const (
	maxBalanceScale = 64
	balanceBelow    = 0.25
)

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
			tw := m.twin(e.Label)
			for _, f := range feats {
				hits = append(hits, hit{m.vec.Index(f), c})
				if tw >= 0 {
					hits = append(hits, hit{m.vec.Index(swapActors(f)), tw})
				}
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
		x.Swap == y.Swap && x.SwapAll == y.SwapAll && x.Calibrate == y.Calibrate && x.MinCount == y.MinCount &&
		x.Balance == y.Balance &&
		x.LexWeight == y.LexWeight && slices.Equal(x.Lexicon, y.Lexicon) &&
		va.NGram == vb.NGram && va.Negation == vb.Negation && va.Numbers == vb.Numbers &&
		va.Spelling == vb.Spelling && va.Direction == vb.Direction && mapsEqual(va.FunctionWords, vb.FunctionWords) &&
		mapsEqual(va.WeakWords, vb.WeakWords) &&
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
