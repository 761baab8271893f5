package stance

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/stancekit/stancekit/page"
)

// MaxEvidence is the number of features a [Prediction] lists at most.
const MaxEvidence = 10

// A Prediction is the model's decision on one claim.
type Prediction struct {
	// Text is the claim that was classified.
	Text string `json:"text"`
	// Label is the most probable label.
	Label string `json:"label"`
	// Probabilities holds the probability of every label of the model;
	// they sum to 1.
	Probabilities map[string]float64 `json:"probabilities"`
	// Evidence lists the features that pushed the claim toward Label,
	// strongest first, at most MaxEvidence of them.
	Evidence []Evidence `json:"evidence"`
	// Unknown reports that the claim has no feature the model knows: its
	// Label is [Neutral] if the model has that label (otherwise the
	// label the calibration favours) and its Probabilities are the
	// model's base rates. Such a label says nothing about the claim.
	Unknown bool `json:"unknown,omitempty"`
}

// Evidence is one feature's part in a decision.
type Evidence struct {
	// Feature is the feature: a stem ("refus"), a pair of stems
	// ("refus meet"), an actor ("@russia") or a negated stem
	// ("not_fault").
	Feature string `json:"feature"`
	// Count is how often the feature occurs in the claim (in Top: in
	// the training claims of the label).
	Count int `json:"count"`
	// Contribution is the feature's push toward the label in log-odds
	// units: Count × (its weight for the label − its mean weight over
	// all labels). The contributions of all features of a claim, plus
	// the label's prior term, add up to the label's score minus the mean
	// score, so the evidence explains exactly the decision made.
	Contribution float64 `json:"contribution"`
}

// A Result is the model's decision on one claim in indexed form: labels
// and features by their index in [Model.Labels] and [Model.Feature]. It
// is what [Model.ClassifyResult] computes without building strings or
// maps, for programs that classify at speed; [Model.Classify] gives the
// same decision as a [Prediction].
type Result struct {
	// Label is the index of the most probable label.
	Label int
	// Probabilities holds the probability of every label, by index;
	// they sum to 1.
	Probabilities []float64
	// Evidence lists the features that pushed the claim toward Label,
	// strongest first, as [Prediction.Evidence] does.
	Evidence []FeatureEvidence
	// Unknown is [Prediction.Unknown].
	Unknown bool
}

// FeatureEvidence is [Evidence] with the feature given by its index:
// [Model.Feature] names it.
type FeatureEvidence struct {
	Feature      int
	Count        int
	Contribution float64
}

// scratch holds the per-call buffers of Classify.
type scratch struct {
	idx []int
	top []candidate
	r   Result
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Classify labels one claim. Features the model has never seen are
// ignored; a claim without known features gets the prior. Classify is
// safe for concurrent use.
func (m *Model) Classify(text string) Prediction {
	var p Prediction
	m.ClassifyTo(&p, text)
	return p
}

// ClassifyTo is [Model.Classify] writing into p, reusing the storage of
// its Probabilities map and Evidence slice: classifying many claims into
// the same Prediction allocates almost nothing.
func (m *Model) ClassifyTo(p *Prediction, text string) {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	r := &s.r
	m.classify(r, s, text, MaxEvidence)
	p.Text, p.Label, p.Unknown = text, m.labels[r.Label], r.Unknown
	if p.Probabilities == nil {
		p.Probabilities = make(map[string]float64, len(m.labels))
	} else {
		clear(p.Probabilities)
	}
	for c, l := range m.labels {
		p.Probabilities[l] = r.Probabilities[c]
	}
	if p.Evidence == nil {
		p.Evidence = make([]Evidence, 0, MaxEvidence)
	}
	p.Evidence = p.Evidence[:0]
	for _, e := range r.Evidence {
		p.Evidence = append(p.Evidence, Evidence{Feature: m.vec.Term(e.Feature), Count: e.Count, Contribution: e.Contribution})
	}
}

// ClassifyResult is [Model.ClassifyTo] in indexed form: it writes the
// decision on text into r, reusing r's storage, and lists at most
// evidence features of evidence (none for 0; [MaxEvidence] at most). It
// allocates nothing once r has room, and computes no evidence when
// evidence is 0. ClassifyResult is safe for concurrent use with other
// Results.
func (m *Model) ClassifyResult(r *Result, text string, evidence int) {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	m.classify(r, s, text, evidence)
}

// classify is ClassifyResult with the scratch space given.
func (m *Model) classify(r *Result, s *scratch, text string, evidence int) {
	K := len(m.labels)
	s.idx = m.vec.AppendIndices(s.idx[:0], text)
	if cap(r.Probabilities) < K {
		r.Probabilities = make([]float64, K)
	}
	score := r.Probabilities[:K]
	copy(score, m.bias)
	known := false
	for _, i := range s.idx {
		w := m.push[i*K : (i+1)*K]
		known = known || !m.weak[i] && w[0] != 0
		for c := range K {
			score[c] += w[c]
		}
	}
	best := 0
	for c := range K {
		if score[c] > score[best] {
			best = c
		}
	}
	r.Unknown = !known
	if r.Unknown && m.neutral >= 0 {
		best = m.neutral
	}
	r.Label = best
	softmax(score)
	m.cal.top(score, best)
	r.Probabilities = score
	r.Evidence, s.top = m.evidence(r.Evidence[:0], s.idx, best, min(evidence, MaxEvidence), s.top)
}

// rawScores sets dst to the uncalibrated scores of text (bias plus the
// weights of its features) and returns it. Only for models whose
// calibration is the identity.
func (m *Model) rawScores(text string, dst []float64) []float64 {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	K := len(m.labels)
	s.idx = m.vec.AppendIndices(s.idx[:0], text)
	copy(dst, m.bias)
	for _, i := range s.idx {
		w := m.push[i*K : (i+1)*K]
		for c := range K {
			dst[c] += w[c]
		}
	}
	return dst
}

// softmax turns the scores x into probabilities in place: exp(x[i] −
// max) over their sum. The largest score's term is exactly 1, so the sum
// is at least 1 and no exponential of it is taken.
func softmax(x []float64) {
	hi := math.Inf(-1)
	for _, v := range x {
		hi = max(hi, v)
	}
	var sum float64
	for i, v := range x {
		e := 1.0
		if v != hi {
			e = math.Exp(v - hi)
		}
		x[i] = e
		sum += e
	}
	for i := range x {
		x[i] /= sum
	}
}

// logSumExp returns log Σ exp(x[i]) without overflow or underflow.
func logSumExp(x []float64) float64 {
	hi := math.Inf(-1)
	for _, v := range x {
		hi = max(hi, v)
	}
	var sum float64
	for _, v := range x {
		sum += math.Exp(v - hi)
	}
	return hi + math.Log(sum)
}

// evidence appends to ev the features among idx (with repeats) that push
// toward label c, strongest first, at most k of them. It uses top as
// scratch space and returns it for reuse.
func (m *Model) evidence(ev []FeatureEvidence, idx []int, c, k int, top []candidate) ([]FeatureEvidence, []candidate) {
	if k <= 0 {
		return ev, top
	}
	K := len(m.labels)
	// Keep the features that push toward c. Every feature is written,
	// and the count of those kept grows by the test: no branch to
	// mispredict on the half or so of the features that push away.
	kept := slices.Grow(top[:0], len(idx))
	pushing := keepPushing(kept, idx, m.push[c:], K)
	// Count repeats. A bitmap of feature indices (modulo its size)
	// finds new features without a search; only a feature whose bit is
	// already set is looked for among those counted.
	var seen [16]uint64
	uniq := kept[:0]
	for _, e := range kept[:pushing] {
		b := uint(e.f) & 1023
		if seen[b/64]&(1<<(b%64)) != 0 {
			if j := slices.IndexFunc(uniq, func(u candidate) bool { return u.f == e.f }); j >= 0 {
				uniq[j].n++
				continue
			}
		}
		seen[b/64] |= 1 << (b % 64)
		uniq = append(uniq, e)
	}
	// Keep the k strongest, in order, by insertion into the front of the
	// same slice: uniq[:n] is the sorted selection so far. Ties go by
	// feature name, through the rank of each feature's name.
	rank := m.nameRank
	n := 0
	for _, e := range uniq {
		e.contribution *= float64(e.n) // Count × push, as documented
		if n == k && !e.before(uniq[k-1], rank) {
			continue // the common case once the selection is full
		}
		j := n
		for j > 0 && e.before(uniq[j-1], rank) {
			j--
		}
		if n < k {
			n++
		}
		copy(uniq[j+1:n], uniq[j:n-1])
		uniq[j] = e
	}
	top = uniq[:n]
	for _, e := range top {
		ev = append(ev, FeatureEvidence{Feature: int(e.f), Count: int(e.n), Contribution: e.contribution})
	}
	return ev, top
}

// keepPushing writes to kept, which has the capacity for them all, the features
// of idx whose weight in push (the label's column: weight f at push[f*K])
// is positive or NaN, in order, and returns their number.
func keepPushing(kept []candidate, idx []int, push []float64, K int) int {
	kept = kept[:len(idx)]
	n := 0
	for _, f := range idx {
		d := push[f*K]
		kept[n] = candidate{f: int32(f), n: 1, contribution: d}
		if !(d <= 0) {
			n++ // compiled without a branch
		}
	}
	return n
}

// candidate is a feature on its way into the evidence of a prediction.
type candidate struct {
	f, n         int32
	contribution float64
}

// before reports whether a ranks before b in the evidence: larger
// contribution first, then feature name, by its rank among the names.
func (a candidate) before(b candidate, rank []uint32) bool {
	if a.contribution != b.contribution {
		return a.contribution > b.contribution
	}
	return rank[a.f] < rank[b.f]
}

// Feature returns the name of the feature with index i, as
// [FeatureEvidence] gives it: a stem, an n-gram, an actor or a direction
// feature. It panics if i is not below [Model.NumFeatures].
func (m *Model) Feature(i int) string { return m.vec.Term(i) }

// NumFeatures returns the number of features the model knows.
func (m *Model) NumFeatures() int { return m.vec.Len() }

// sortEvidence orders evidence by contribution, then feature.
func sortEvidence(ev []Evidence) {
	slices.SortFunc(ev, func(a, b Evidence) int {
		if c := cmp.Compare(b.Contribution, a.Contribution); c != 0 {
			return c
		}
		return cmp.Compare(a.Feature, b.Feature)
	})
}

// Top returns, for every label, the n features that push hardest toward
// it, with their counts in that label's training claims.
func (m *Model) Top(n int) map[string][]Evidence {
	K := len(m.labels)
	out := make(map[string][]Evidence, K)
	for c, l := range m.labels {
		var ev []Evidence
		for f := range m.vec.Len() {
			if d := m.push[f*K+c]; d > 0 {
				ev = append(ev, Evidence{Feature: m.vec.Term(f), Count: int(m.counts[f*K+c]), Contribution: d})
			}
		}
		sortEvidence(ev)
		out[l] = ev[:min(n, len(ev))]
	}
	return out
}

// Summary is the stance profile of a whole text.
type Summary struct {
	// Claims holds the prediction for each claim, in reading order.
	Claims []Prediction `json:"claims"`
	// Counts holds the number of claims given each label of the model.
	Counts map[string]int `json:"counts"`
	// Shares holds each label's share of the claims (0 for a text
	// without claims).
	Shares map[string]float64 `json:"shares"`
}

// ClassifyText splits plain text into claims with [page.Claims] — its
// sentences, without the titles, headings, bylines, captions, menus and
// other lines of a page that are not claims — classifies each, and
// summarises the share of each label. To read a saved HTML page, pass
// the text of [page.Read].
func (m *Model) ClassifyText(text string) Summary {
	return m.Summarize(page.Claims(text))
}

// Summarize classifies each claim and summarises the share of each label.
func (m *Model) Summarize(claims []string) Summary {
	s := Summary{Counts: make(map[string]int), Shares: make(map[string]float64)}
	for _, l := range m.labels {
		s.Counts[l] = 0
		s.Shares[l] = 0
	}
	for _, c := range claims {
		p := m.Classify(c)
		s.Claims = append(s.Claims, p)
		s.Counts[p.Label]++
	}
	if len(claims) > 0 {
		for l, n := range s.Counts {
			s.Shares[l] = float64(n) / float64(len(claims))
		}
	}
	return s
}

// ClassifyBatch classifies texts with up to workers goroutines (all
// available processors if workers < 1) and returns the predictions in the
// order of texts. It reuses the storage of out, which may be nil, like
// [Model.ClassifyTo]: passing the previous result back in keeps memory
// flat across batches. It returns when every text is classified.
func (m *Model) ClassifyBatch(out []Prediction, texts []string, workers int) []Prediction {
	if cap(out) < len(texts) {
		out = append(out[:cap(out)], make([]Prediction, len(texts)-cap(out))...)
	}
	out = out[:len(texts)]
	parallel(len(texts), workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			m.ClassifyTo(&out[i], texts[i])
		}
	})
	return out
}

// parallel calls fn on consecutive chunks of [0, n) from up to workers
// goroutines and waits for them.
func parallel(n, workers int, fn func(lo, hi int)) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { fn(lo, hi) })
	}
	wg.Wait()
}
