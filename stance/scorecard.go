package stance

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stancekit/stancekit/corpus"
)

// A Scorecard holds the standard measures of a training configuration:
// macro-F1 and calibration error by stratified k-fold and by
// leave-one-source-out cross-validation, with all labels and without
// [Neutral] ("3 labels" for the built-in ones), and a behavioral suite
// run on the model trained on everything.
type Scorecard struct {
	KFold    *Report `json:"kfold"`
	BySource *Report `json:"by_source,omitempty"`
	// KFold3 and BySource3 leave out the claims labeled Neutral; nil
	// when there are none, or fewer than two other labels.
	KFold3    *Report `json:"kfold_3,omitempty"`
	BySource3 *Report `json:"by_source_3,omitempty"`
	// Behavior is nil when no cases were given or the model lacks a
	// label the cases expect.
	Behavior *BehaviorReport `json:"behavior,omitempty"`
}

// NewScorecard cross-validates claims as cv describes (its BySource
// field is ignored: both methods are run) and, if cases are given, runs
// them on the classifier trained on claims plus cv.Extra. By-source
// cross-validation needs claims from two or more sources; with fewer,
// BySource and BySource3 are nil.
func NewScorecard(claims []corpus.Claim, cv CV, cases []corpus.Case) (*Scorecard, error) {
	var sc Scorecard
	kfold, bySource := cv, cv
	kfold.BySource, bySource.BySource = false, true
	var err error
	if sc.KFold, err = CrossValidate(claims, kfold); err != nil {
		return nil, err
	}
	sources := len(uniq(sourceList(claims)))
	if sources >= 2 {
		if sc.BySource, err = CrossValidate(claims, bySource); err != nil {
			return nil, err
		}
	}
	if rest := withoutLabel(claims, Neutral); len(rest) < len(claims) && len(uniq(labelList(rest))) >= 2 {
		kfold.Extra, bySource.Extra = withoutLabel(cv.Extra, Neutral), withoutLabel(cv.Extra, Neutral)
		if sc.KFold3, err = CrossValidate(rest, kfold); err != nil {
			return nil, err
		}
		if sources >= 2 && len(uniq(sourceList(rest))) >= 2 {
			if sc.BySource3, err = CrossValidate(rest, bySource); err != nil {
				return nil, err
			}
		}
	}
	if len(cases) == 0 {
		return &sc, nil
	}
	train := cv.Train
	if train == nil {
		train = func(c []corpus.Claim) (Classifier, error) { return Train(c, cv.Options...) }
	}
	m, err := train(slices.Concat(claims, cv.Extra))
	if err != nil {
		return nil, err
	}
	if mm, ok := m.(*Model); ok {
		for _, c := range cases {
			if mm.label(c.Label) < 0 || c.SwapLabel != "" && mm.label(c.SwapLabel) < 0 {
				return &sc, nil
			}
		}
	}
	sc.Behavior = EvaluateBehavior(m, cases)
	return &sc, nil
}

func withoutLabel(claims []corpus.Claim, label string) []corpus.Claim {
	var out []corpus.Claim
	for _, c := range claims {
		if c.Label != label {
			out = append(out, c)
		}
	}
	return out
}

func sourceList(claims []corpus.Claim) []string {
	out := make([]string, len(claims))
	for i, c := range claims {
		out[i] = c.Source
	}
	return out
}

func labelList(claims []corpus.Claim) []string {
	out := make([]string, len(claims))
	for i, c := range claims {
		out[i] = c.Label
	}
	return out
}

// String formats the scorecard: a table of macro-F1 and calibration
// error by method, then the behavioral suite.
func (s *Scorecard) String() string {
	var b strings.Builder
	three := func(r *Report) string {
		if r == nil {
			return "     -"
		}
		return fmt.Sprintf("%6.3f", r.MacroF1)
	}
	fmt.Fprintf(&b, "%-36s  %8s  %8s  %8s  %8s\n", "method", "macro-F1", "3 labels", "accuracy", "ECE")
	fmt.Fprintf(&b, "%-36s  %8.3f  %8s  %8.3f  %8.3f\n", s.KFold.Method, s.KFold.MacroF1, three(s.KFold3), s.KFold.Accuracy, s.KFold.ECE)
	if s.BySource != nil {
		fmt.Fprintf(&b, "%-36s  %8.3f  %8s  %8.3f  %8.3f\n", s.BySource.Method, s.BySource.MacroF1, three(s.BySource3), s.BySource.Accuracy, s.BySource.ECE)
	}
	if s.Behavior != nil {
		fmt.Fprintf(&b, "\nbehavioral suite\n%s", s.Behavior)
	}
	return b.String()
}
