package stance

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSoftmax holds softmax to exp(x − logSumExp(x)), the formula it
// replaces, on ordinary, large, tied and very unequal scores.
func TestSoftmax(t *testing.T) {
	tests := []struct {
		name string
		x    []float64
	}{
		{"ordinary", []float64{-1.2, 0.3, 2.5, -0.7}},
		{"large", []float64{900, 901, 899.5, 850}},
		{"tied", []float64{1, 1, 1, 1}},
		{"far apart", []float64{-800, 0, 12, -3}},
		{"one label", []float64{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := append([]float64(nil), tt.x...)
			softmax(got)
			lse := logSumExp(tt.x)
			sum := 0.0
			for i, v := range tt.x {
				assert.InDelta(t, math.Exp(v-lse), got[i], 1e-12, "label %d", i) // the old formula loses bits at large scores
				sum += got[i]
			}
			assert.InDelta(t, 1, sum, 1e-15)
		})
	}
}
