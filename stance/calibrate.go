package stance

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/stancekit/stancekit/corpus"
)

// calibration maps a claim's naive-Bayes scores s to calibrated logits
// Scale·s[c] + Bias[c]: temperature scaling (Guo et al., 2017; Scale is
// 1/T) with a bias per label, which corrects both the over-confidence of
// naive Bayes and its label rates on real text.
//
// The probability of the chosen label is then recalibrated on its own
// (top-label calibration, Gupta and Ramdas, 2022): logit(p') =
// Slope·logit(p) + Offset, the other labels sharing the rest in
// proportion.
type calibration struct {
	Scale  float64   `json:"scale"`
	Bias   []float64 `json:"bias"` // per label, in the order of the model's labels
	Slope  float64   `json:"slope"`
	Offset float64   `json:"offset"`
}

// identity returns the calibration that changes nothing, for K labels.
func identity(K int) calibration {
	return calibration{Scale: 1, Bias: make([]float64, K), Slope: 1}
}

// top recalibrates the probabilities p, whose largest is p[best], in
// place.
func (c *calibration) top(p []float64, best int) {
	if c.Slope == 1 && c.Offset == 0 || len(p) < 2 {
		return
	}
	pm := p[best]
	rest := 1 - pm
	second := 0.0
	for i, x := range p {
		if i != best {
			second = max(second, x)
		}
	}
	q := sigmoid(c.Slope*logit(pm) + c.Offset)
	if rest > 0 {
		// Keep the chosen label the most probable.
		r := second / rest
		q = max(q, r/(1+r))
	}
	for i := range p {
		switch {
		case i == best:
			p[i] = q
		case rest > 0:
			p[i] *= (1 - q) / rest
		default:
			p[i] = (1 - q) / float64(len(p)-1)
		}
	}
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// logit returns log(p/(1-p)), with p kept away from 0 and 1.
func logit(p float64) float64 {
	p = min(max(p, 1e-9), 1-1e-9)
	return math.Log(p / (1 - p))
}

// Calibration settings.
const (
	// calibrationFolds is the number of folds of the out-of-fold scores
	// when the claims do not come from enough sources to hold one out
	// at a time.
	calibrationFolds = 5
	// minCalibration is the fewest claims calibration is fitted on.
	minCalibration = 20
)

// written reports whether a claim was written to teach the model rather
// than taken from real text: such claims are cleaner than real text, so
// they train every fold of the calibration but are not scored.
func written(c corpus.Claim) bool {
	return c.Source == corpus.ExtraSource || c.Source == corpus.ChallengeSource || c.Source == UnlabeledSource
}

// calibrate fits m's calibration on out-of-fold scores of the claims it
// was trained on; added[i] lists the (label, feature) counts that claim i
// added to m. Claims from real text (not [written]) are held out in
// turn: one source at a time when they come from three or more sources
// that each hold several labels (the closest thing to a source the model
// never saw), otherwise in stratified folds. Each held-out part is scored
// by m with that part's counts taken out: the model trained on all the
// other claims, but for a vocabulary that still lists the held-out
// claims' features, with no counts.
func (m *Model) calibrate(claims []corpus.Claim, added [][]int32) {
	held := heldOut(claims)
	if len(held) < minCalibration {
		held = held[:0]
		for i := range claims {
			held = append(held, i)
		}
	}
	if len(held) < minCalibration {
		return // too few claims: keep the identity
	}
	// Labels the held-out texts lack are known from lists of examples:
	// score those too, to set their biases.
	present := make([]bool, len(m.labels))
	inHeld := make(map[int]bool, len(held))
	for _, i := range held {
		present[m.label(claims[i].Label)] = true
		inHeld[i] = true
	}
	nHeld := len(held)
	for i, c := range claims {
		if !inHeld[i] && !written(c) && !present[m.label(c.Label)] {
			held = append(held, i)
		}
	}
	fold := m.calibrationFolds(claims, held)
	K := len(m.labels)
	scores := make([][]float64, len(held))
	truth := make([]int, len(held))
	nf := slices.Max(fold) + 1
	for f := range nf {
		fm := *m
		fm.cal = identity(K)
		fm.counts = slices.Clone(m.counts)
		fm.docs = slices.Clone(m.docs)
		for k, i := range held {
			if fold[k] != f {
				continue
			}
			pairs := added[i]
			for p := 0; p < len(pairs); p += 2 {
				fm.counts[int(pairs[p+1])*K+int(pairs[p])]--
			}
			fm.docs[m.label(claims[i].Label)]--
			if tw := m.twin(claims[i].Label); tw >= 0 {
				fm.docs[tw]--
			}
		}
		fm.prepare()
		for k, i := range held {
			if fold[k] == f {
				scores[k] = fm.rawScores(claims[i].Text, make([]float64, K))
				truth[k] = m.label(claims[i].Label)
			}
		}
	}
	m.cal = fitCalibration(scores[:nHeld], truth[:nHeld], K, scores[nHeld:], truth[nHeld:])
}

// heldOut returns the indices of the claims calibration is fitted on:
// the claims of real texts — those with a source that holds two or more
// labels, as an annotated article does — and not [written]. A list of
// examples of one label, or claims with no source, train every fold but
// are not scored: the label rates of such a list say nothing of real
// text. Without enough such claims it falls back to every claim that is
// not written.
func heldOut(claims []corpus.Claim) []int {
	labels := map[string]map[string]bool{}
	for _, c := range claims {
		if c.Source == "" || written(c) {
			continue
		}
		if labels[c.Source] == nil {
			labels[c.Source] = map[string]bool{}
		}
		labels[c.Source][c.Label] = true
	}
	var held []int
	for i, c := range claims {
		if len(labels[c.Source]) >= 2 {
			held = append(held, i)
		}
	}
	if len(held) >= minCalibration {
		return held
	}
	held = held[:0]
	for i, c := range claims {
		if !written(c) {
			held = append(held, i)
		}
	}
	return held
}

// calibrationFolds assigns each held-out claim (claims[held[k]]) a fold.
func (m *Model) calibrationFolds(claims []corpus.Claim, held []int) []int {
	fold := make([]int, len(held))
	// One source at a time, if there are enough sources with several
	// labels each.
	var sources []string
	labels := map[string]map[string]bool{}
	for _, i := range held {
		s := claims[i].Source
		if labels[s] == nil {
			labels[s] = map[string]bool{}
			sources = append(sources, s)
		}
		labels[s][claims[i].Label] = true
	}
	bySource := len(sources) >= 3
	for _, s := range sources {
		if len(labels[s]) < 2 {
			bySource = false
		}
	}
	if bySource {
		slices.Sort(sources)
		for k, i := range held {
			fold[k] = slices.Index(sources, claims[i].Source)
		}
		return fold
	}
	// Stratified folds: each label's claims, shuffled with a fixed seed,
	// dealt round the folds.
	rng := rand.New(rand.NewPCG(1, 2))
	next := 0
	for _, l := range m.labels {
		var ks []int
		for k, i := range held {
			if claims[i].Label == l {
				ks = append(ks, k)
			}
		}
		rng.Shuffle(len(ks), func(a, b int) { ks[a], ks[b] = ks[b], ks[a] })
		for _, k := range ks {
			fold[k] = next % calibrationFolds
			next++
		}
	}
	return fold
}

// fitCalibration returns the calibration fitted on out-of-fold scores
// and true labels. It has two steps:
//
//  1. decision: a bias per label, in score units, chosen by coordinate
//     search to maximise the macro-F1 of the out-of-fold labels (naive
//     Bayes scores are skewed toward some labels, and real text holds
//     far more neutral claims than training sets do);
//  2. confidence: one scale, the inverse of a temperature, fitted to
//     minimise the negative log-likelihood of the true labels under
//     softmax(scale·(score + bias)), which keeps the decision and makes
//     the probabilities honest.
//
// The result depends only on the scores and labels.
func fitCalibration(scores [][]float64, truth []int, K int, examples [][]float64, exampleTruth []int) calibration {
	delta := make([]float64, K)
	if K <= maxSearchLabels {
		delta = baggedBiases(scores, truth, K)
		delta = exampleBiases(delta, scores, examples, exampleTruth)
	}
	shifted := make([][]float64, len(scores))
	for i, s := range scores {
		shifted[i] = make([]float64, K)
		for c := range K {
			shifted[i][c] = s[c] + delta[c]
		}
	}
	a := fitScale(shifted, truth, K)
	bias := make([]float64, K)
	for c := range K {
		bias[c] = a * delta[c]
	}
	// The top label's confidence against whether it was right.
	x := make([]float64, len(scores))
	y := make([]bool, len(scores))
	z := make([]float64, K)
	for i, s := range shifted {
		best := 0
		for c := range K {
			z[c] = a * s[c]
			if z[c] > z[best] {
				best = c
			}
		}
		x[i] = logit(math.Exp(z[best] - logSumExp(z)))
		y[i] = best == truth[i]
	}
	slope, offset := fitPlatt(x, y)
	return calibration{Scale: a, Bias: bias, Slope: slope, Offset: offset}
}

// exampleBiases sets the bias of each label known only from lists of
// examples (examples, of labels truth; none of them in the real texts'
// scores): the largest bias at which the label is given to at most
// maxFalseAlarm of the real texts' claims, the other biases fixed. The
// examples say what the label is, not how often real text holds it, so
// its bias is bounded by what it would cost the labels of real text.
func exampleBiases(b []float64, scores, examples [][]float64, truth []int) []float64 {
	labels := slices.Clone(truth)
	slices.Sort(labels)
	allowed := int(maxFalseAlarm * float64(len(scores)))
	for _, c := range slices.Compact(labels) {
		for k := int(biasRange / biasStep); k >= -int(biasRange/biasStep); k-- {
			b[c] = float64(k) * biasStep
			alarms := 0
			for _, s := range scores {
				if argmax(s, b) == c {
					alarms++
				}
			}
			if alarms <= allowed {
				break
			}
		}
	}
	return b
}

// maxFalseAlarm is the share of real-text claims that a label known only
// from examples may take (see exampleBiases).
const maxFalseAlarm = 0.05

// argmax returns the label of the largest s[c] + b[c], the first on a tie.
func argmax(s, b []float64) int {
	best := 0
	for c := 1; c < len(s); c++ {
		if s[c]+b[c] > s[best]+b[best] {
			best = c
		}
	}
	return best
}

// fitPlatt returns the slope and offset of the logistic regression of y
// on x (Platt scaling), by Newton's method with a small ridge toward
// slope 1 and offset 0.
func fitPlatt(x []float64, y []bool) (slope, offset float64) {
	const ridge = 1.0
	slope = 1
	loss := func(s, o float64) float64 {
		var l float64
		for i := range x {
			z := s*x[i] + o
			// -log σ(z) or -log(1-σ(z)), stably.
			if y[i] {
				l += softplus(-z)
			} else {
				l += softplus(z)
			}
		}
		return l + ridge/2*((s-1)*(s-1)+o*o)
	}
	cur := loss(slope, offset)
	for range 100 {
		var gs, go_, hss, hso, hoo float64
		for i := range x {
			p := sigmoid(slope*x[i] + offset)
			t := 0.0
			if y[i] {
				t = 1
			}
			gs += (p - t) * x[i]
			go_ += p - t
			w := p * (1 - p)
			hss += w * x[i] * x[i]
			hso += w * x[i]
			hoo += w
		}
		gs += ridge * (slope - 1)
		go_ += ridge * offset
		hss += ridge
		hoo += ridge
		det := hss*hoo - hso*hso
		if det <= 0 {
			break
		}
		ds := (hoo*gs - hso*go_) / det
		do := (hss*go_ - hso*gs) / det
		t := 1.0
		moved := false
		for range 40 {
			ns, no := slope-t*ds, offset-t*do
			if l := loss(ns, no); l < cur {
				moved = cur-l > 1e-12*math.Max(1, cur)
				slope, offset, cur = ns, no, l
				break
			}
			t /= 2
		}
		if !moved {
			break
		}
	}
	return slope, offset
}

// softplus returns log(1 + e^x) without overflow.
func softplus(x float64) float64 {
	if x > 30 {
		return x
	}
	return math.Log1p(math.Exp(x))
}

// Bias search settings: the grid of biases tried for each label, and the
// largest number of labels searched (the search costs K² passes).
const (
	biasStep        = 0.25
	biasRange       = 16.0
	biasRounds      = 4
	maxSearchLabels = 32
)

// biasBags is the number of bootstrap samples whose searched biases are
// averaged: macro-F1 on a few hundred claims is a noisy target, and the
// average of the biases that suit each resample is steadier than the
// biases that suit the one sample best.
const biasBags = 64

// baggedBiases returns the mean over biasBags bootstrap resamples (drawn
// with a fixed seed) of the biases searchBiases finds on each. The
// resamples are drawn in order and searched on all cores, and the mean
// is summed in resample order: the result does not depend on the number
// of cores.
func baggedBiases(scores [][]float64, truth []int, K int) []float64 {
	rng := rand.New(rand.NewPCG(3, 4))
	mean := make([]float64, K)
	workers := max(1, min(runtime.GOMAXPROCS(0), biasBags))
	type bag struct {
		scores [][]float64
		truth  []int
		biases []float64
	}
	bags := make([]bag, workers)
	for i := range bags {
		bags[i] = bag{make([][]float64, len(scores)), make([]int, len(scores)), nil}
	}
	for done := 0; done < biasBags; done += workers {
		n := min(workers, biasBags-done)
		for _, bg := range bags[:n] {
			for i := range bg.scores {
				j := rng.IntN(len(scores))
				bg.scores[i], bg.truth[i] = scores[j], truth[j]
			}
		}
		var wg sync.WaitGroup
		for i := range bags[:n] {
			wg.Go(func() { bags[i].biases = searchBiases(bags[i].scores, bags[i].truth, K) })
		}
		wg.Wait()
		for _, bg := range bags[:n] {
			for c, x := range bg.biases {
				mean[c] += x / biasBags
			}
		}
	}
	return mean
}

// searchBiases returns per-label biases that maximise the macro-F1 of
// argmax(score + bias) over the claims, by coordinate search on a grid;
// among equal scores the smallest bias wins, so that without evidence
// for a change the biases stay zero.
//
// Trying every point of a label's grid on every claim would cost
// O(grid × claims × K); instead each claim's prediction is worked out
// once per label: as the label's bias grows, the claim goes to the label
// from some grid point on and stays there (a threshold, found by binary
// search), and until then it goes where the other labels send it. The
// confusion matrix at each grid point follows by a sweep, and the result
// is exactly that of trying every point (see TestSearchBiasesExact).
func searchBiases(scores [][]float64, truth []int, K int) []float64 {
	b := make([]float64, K)
	conf := make([]int, K*K)
	// A label no claim here has is left out of the contest: its bias is
	// set from its examples afterwards (exampleBiases).
	present := make([]bool, K)
	for _, t := range truth {
		present[t] = true
	}
	for c := range K {
		if !present[c] {
			b[c] = math.Inf(-1)
		}
	}
	clear(conf)
	for i, s := range scores {
		conf[truth[i]*K+argmax(s, b)]++
	}
	best := macroF1(conf, K)
	const lo, hi = -int(biasRange / biasStep), int(biasRange / biasStep)
	grid := hi - lo + 1
	// moves[(k*K+t)*K+o] counts the claims of truth t that the other
	// labels send to o and that go to c from grid point k on.
	moves := make([]int, (grid+1)*K*K)
	for range biasRounds {
		changed := false
		for c := range K {
			if !present[c] {
				continue
			}
			clear(moves)
			for i, s := range scores {
				o := argmaxExcept(s, b, c)
				if o < 0 {
					o = c // the only label
				}
				k := sort.Search(grid, func(k int) bool {
					return wins(s, b, c, o, float64(k+lo)*biasStep)
				})
				moves[(k*K+truth[i])*K+o]++
			}
			// At the first grid point, every claim with threshold 0 is
			// at c; the others are where the other labels send them.
			clear(conf)
			for k := range grid + 1 {
				for t := range K {
					for o := range K {
						if n := moves[(k*K+t)*K+o]; n > 0 {
							if k == 0 {
								conf[t*K+c] += n
							} else {
								conf[t*K+o] += n
							}
						}
					}
				}
			}
			keep := b[c]
			bestX := keep
			for k := range grid {
				if k > 0 {
					for t := range K {
						for o := range K {
							n := moves[(k*K+t)*K+o]
							conf[t*K+o] -= n
							conf[t*K+c] += n
						}
					}
				}
				x := float64(k+lo) * biasStep
				f := macroF1(conf, K)
				if f > best+1e-12 || f > best-1e-12 && math.Abs(x) < math.Abs(bestX) {
					if f > best+1e-12 {
						best = f
					}
					bestX = x
				}
			}
			b[c] = bestX
			changed = changed || bestX != keep
		}
		if !changed {
			break
		}
	}
	for c := range K {
		if !present[c] {
			b[c] = 0
		}
	}
	return b
}

// argmaxExcept is argmax(s, b) among the labels other than c: the first
// of them with the largest s[j] + b[j].
func argmaxExcept(s, b []float64, c int) int {
	best := -1
	for j := range s {
		if j == c {
			continue
		}
		if best < 0 || s[j]+b[j] > s[best]+b[best] {
			best = j
		}
	}
	return best
}

// wins reports whether argmax(s, b) is c when b[c] is x, given o, the
// argmax among the other labels (c itself if there are none): argmax
// takes the first label with the largest s + b.
func wins(s, b []float64, c, o int, x float64) bool {
	if o == c {
		return true
	}
	v, w := s[c]+x, s[o]+b[o]
	return v > w || v == w && c < o
}

// macroF1 returns the macro-F1 of the K×K confusion matrix conf (rows:
// truth; columns: prediction).
func macroF1(conf []int, K int) float64 {
	var f1 float64
	for c := range K {
		tp, predicted, actual := conf[c*K+c], 0, 0
		for j := range K {
			predicted += conf[j*K+c]
			actual += conf[c*K+j]
		}
		if tp > 0 {
			f1 += 2 * float64(tp) / float64(predicted+actual)
		}
	}
	return f1 / float64(K)
}

// fitScale returns the scale a > 0 that minimises the negative
// log-likelihood of the true labels under softmax(a·score), by Newton's
// method on the convex loss.
func fitScale(scores [][]float64, truth []int, K int) float64 {
	z := make([]float64, K)
	// derivatives returns the loss and its first two derivatives in a.
	derivatives := func(a float64) (l, d1, d2 float64) {
		for i, s := range scores {
			for c := range K {
				z[c] = a * s[c]
			}
			lse := logSumExp(z)
			var m1, m2 float64
			for c := range K {
				p := math.Exp(z[c] - lse)
				m1 += p * s[c]
				m2 += p * s[c] * s[c]
			}
			l += lse - z[truth[i]]
			d1 += m1 - s[truth[i]]
			d2 += m2 - m1*m1
		}
		return l, d1, d2
	}
	a := 1.0
	l, d1, d2 := derivatives(a)
	for range 100 {
		if d2 <= 0 || math.Abs(d1) < 1e-9 {
			break
		}
		step := d1 / d2
		t := 1.0
		moved := false
		for range 40 {
			next := a - t*step
			if next > 0 {
				if nl, nd1, nd2 := derivatives(next); nl < l {
					moved = l-nl > 1e-12*math.Max(1, l)
					a, l, d1, d2 = next, nl, nd1, nd2
					break
				}
			}
			t /= 2
		}
		if !moved {
			break
		}
	}
	return a
}
