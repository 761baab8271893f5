package stance

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cdipaolo/goml/base"
	"github.com/cdipaolo/goml/text"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
)

// GomlBaseline trains github.com/cdipaolo/goml's text.NaiveBayes on the
// same Snowball stems that stancekit uses, for comparison in
// [CrossValidate]. goml's progress output is discarded.
//
// goml scores a word with (n_wc+1)/(n_w+|V|), where n_w is the word's
// count over all classes: the denominator is the same for every class, so
// there is no per-class length normalisation and the largest class tends
// to win. It also skips tokens shorter than three bytes in training
// ("no"). Both are kept here, since the point is to measure goml as it is.
func GomlBaseline(claims []corpus.Claim) (Classifier, error) {
	labels, claims, err := labelsOf(claims)
	if err != nil {
		return nil, err
	}
	if len(labels) > 255 {
		return nil, fmt.Errorf("%w: goml handles at most 255 labels", ErrTooLarge)
	}
	stream := make(chan base.TextDatapoint, 64)
	keep := func(rune) bool { return false } // stems are already clean
	nb := text.NewNaiveBayes(stream, uint8(len(labels)), keep)
	nb.Output = io.Discard
	errs := make(chan error)
	go nb.OnlineLearn(errs)
	go func() {
		for _, c := range claims {
			stream <- base.TextDatapoint{X: stemLine(c.Text), Y: uint8(slices.Index(labels, c.Label))}
		}
		close(stream)
	}()
	var first error
	for err := range errs { // closed when learning ends
		if first == nil {
			first = err
		}
	}
	if first != nil {
		return nil, fmt.Errorf("stance: goml: %w", first)
	}
	return &gomlModel{nb: nb, labels: labels}, nil
}

// gomlModel adapts text.NaiveBayes to Classifier.
type gomlModel struct {
	nb     *text.NaiveBayes
	labels []string
}

// Classify returns goml's label with probability 1; goml's own
// Probability method underflows on longer claims.
func (g *gomlModel) Classify(s string) Prediction {
	l := g.labels[g.nb.Predict(stemLine(s))]
	p := Prediction{Text: s, Label: l, Probabilities: make(map[string]float64, len(g.labels))}
	for _, x := range g.labels {
		p.Probabilities[x] = 0
	}
	p.Probabilities[l] = 1
	return p
}

// stemLine returns the Snowball stems of s separated by spaces.
func stemLine(s string) string {
	toks := features.Tokenize(s)
	for i, t := range toks {
		toks[i] = features.Stem(t)
	}
	return strings.Join(toks, " ")
}
