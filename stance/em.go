package stance

import (
	"fmt"
	"slices"

	"github.com/stancekit/stancekit/corpus"
)

// UnlabeledSource is the Source of the claims that semi-supervised
// training ([WithUnlabeled]) labels itself. Like the written claims of the
// corpus, they train but are never held out to fit the calibration.
const UnlabeledSource = "unlabeled"

// EM settings of [WithUnlabeled].
const (
	// EMRounds is the number of rounds of labeling and retraining.
	EMRounds = 3
	// EMConfidence is the calibrated probability a claim's label must
	// reach for the claim to join the training set.
	EMConfidence = 0.9
	// MaxUnlabeled bounds the number of unlabeled texts.
	MaxUnlabeled = 1 << 20
)

// WithUnlabeled adds semi-supervised training on unlabeled texts (after
// Nigam et al., 2000, with hard assignments): Train trains on the labeled
// claims, labels the texts, adds those it labels with a calibrated
// probability of at least [EMConfidence], and trains again, for
// [EMRounds] rounds. It helps where the texts hold many claims like the
// labeled ones and the labeled ones are few; the README's learning curve
// measures it. The texts are not saved with the model. The default is
// none.
func WithUnlabeled(texts []string) Option {
	return func(c *config) error {
		if len(texts) > MaxUnlabeled {
			return fmt.Errorf("stance: %d unlabeled texts, at most %d", len(texts), MaxUnlabeled)
		}
		c.unlabeled = texts
		return nil
	}
}

// trainEM runs the rounds of [WithUnlabeled] from the model m trained on
// claims and returns the last model.
func trainEM(m *Model, claims []corpus.Claim, cfg config) (*Model, error) {
	texts := cfg.unlabeled
	cfg.unlabeled = nil
	for range EMRounds {
		all := slices.Clip(claims)
		for _, t := range texts {
			p := m.Classify(t)
			if !p.Unknown && p.Probabilities[p.Label] >= EMConfidence {
				all = append(all, corpus.Claim{Source: UnlabeledSource, Text: t, Label: p.Label})
			}
		}
		next, err := trainWith(all, cfg)
		if err != nil {
			return nil, err
		}
		m = next
	}
	return m, nil
}
