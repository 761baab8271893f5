package stance

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sample draws n claims of K labels: scores uniform in [-4, 4] and true
// labels drawn from softmax(scale·score + bias).
func sample(n, K int, scale float64, bias []float64, seed uint64) ([][]float64, []int) {
	rng := rand.New(rand.NewPCG(seed, 0))
	scores := make([][]float64, n)
	truth := make([]int, n)
	z := make([]float64, K)
	for i := range scores {
		scores[i] = make([]float64, K)
		for c := range K {
			scores[i][c] = rng.Float64()*8 - 4
			z[c] = scale*scores[i][c] + bias[c]
		}
		lse := logSumExp(z)
		u := rng.Float64()
		for c := range K {
			u -= math.Exp(z[c] - lse)
			if u <= 0 || c == K-1 {
				truth[i] = c
				break
			}
		}
	}
	return scores, truth
}

func TestFitScale(t *testing.T) {
	for _, want := range []float64{0.3, 1, 2.5} {
		scores, truth := sample(4000, 3, want, []float64{0, 0, 0}, 1)
		assert.InDelta(t, want, fitScale(scores, truth, 3), want*0.1, "scale %v", want)
	}
}

func TestSearchBiases(t *testing.T) {
	// Label 2 is rare unless its score is far ahead: a bias against it
	// raises macro-F1 over the plain argmax.
	scores, truth := sample(2000, 3, 1, []float64{0, 0, -2}, 2)
	b := searchBiases(scores, truth, 3)
	assert.Less(t, b[2]-b[0], 0.0, "biases %v", b)
	assert.Equal(t, b, searchBiases(scores, truth, 3), "deterministic")
	// Biases are found in steps of biasStep within ±biasRange.
	for _, x := range b {
		assert.LessOrEqual(t, math.Abs(x), biasRange)
		assert.InDelta(t, 0, math.Mod(x, biasStep), 1e-9)
	}
}

func TestTopLabelCalibration(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 0))
	for range 1000 {
		K := 2 + rng.IntN(4)
		p := make([]float64, K)
		var sum float64
		for c := range p {
			p[c] = rng.Float64()
			sum += p[c]
		}
		best := 0
		for c := range p {
			p[c] /= sum
			if p[c] > p[best] {
				best = c
			}
		}
		cal := calibration{Scale: 1, Bias: make([]float64, K), Slope: rng.Float64() * 3, Offset: rng.Float64()*6 - 3}
		cal.top(p, best)
		sum = 0
		for c, x := range p {
			sum += x
			assert.LessOrEqual(t, x, p[best]+1e-12, "the chosen label stays the most probable: %v", p)
			assert.GreaterOrEqual(t, x, 0.0, "label %d", c)
		}
		assert.InDelta(t, 1, sum, 1e-9)
	}
	// The identity changes nothing.
	p := []float64{0.2, 0.5, 0.3}
	id := identity(3)
	id.top(p, 1)
	assert.Equal(t, []float64{0.2, 0.5, 0.3}, p)
}

func TestFitPlatt(t *testing.T) {
	// Confidences that are right a fixed 60% of the time, whatever they
	// say: the slope goes toward 0 and the offset toward logit(0.6).
	rng := rand.New(rand.NewPCG(4, 0))
	x := make([]float64, 3000)
	y := make([]bool, len(x))
	for i := range x {
		x[i] = logit(0.5 + 0.5*rng.Float64())
		y[i] = rng.Float64() < 0.6
	}
	slope, offset := fitPlatt(x, y)
	assert.InDelta(t, 0, slope, 0.1)
	assert.InDelta(t, logit(0.6), offset, 0.15)
}

// searchBiasesBrute is searchBiases the plain way: every grid point of
// every label tried on every claim.
func searchBiasesBrute(scores [][]float64, truth []int, K int) []float64 {
	b := make([]float64, K)
	conf := make([]int, K*K)
	macro := func() float64 {
		clear(conf)
		for i, s := range scores {
			conf[truth[i]*K+argmax(s, b)]++
		}
		return macroF1(conf, K)
	}
	present := make([]bool, K)
	for _, t := range truth {
		present[t] = true
	}
	for c := range K {
		if !present[c] {
			b[c] = math.Inf(-1)
		}
	}
	best := macro()
	for range biasRounds {
		changed := false
		for c := range K {
			if !present[c] {
				continue
			}
			keep := b[c]
			bestX := keep
			for k := -int(biasRange / biasStep); k <= int(biasRange/biasStep); k++ {
				x := float64(k) * biasStep
				b[c] = x
				f := macro()
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

func TestSearchBiasesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 200 {
		K := 1 + rng.IntN(5)
		n := 1 + rng.IntN(120)
		scores := make([][]float64, n)
		truth := make([]int, n)
		skip := -1
		if K > 2 && trial%3 == 0 {
			skip = rng.IntN(K) // a label no claim has
		}
		for i := range scores {
			scores[i] = make([]float64, K)
			for c := range K {
				x := rng.NormFloat64() * 4
				if trial%2 == 0 {
					x = math.Round(x*4) / 4 // on the grid: many ties
				}
				scores[i][c] = x
			}
			truth[i] = rng.IntN(K)
			if truth[i] == skip {
				truth[i] = (skip + 1) % K
			}
		}
		require.Equal(t, searchBiasesBrute(scores, truth, K), searchBiases(scores, truth, K), "trial %d: K=%d n=%d", trial, K, n)
	}
}
