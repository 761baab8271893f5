package stance

import (
	"cmp"
	"slices"
)

// A Suggestion is a claim worth labeling, as ranked by [Model.Suggest]
// or [Model.Likely].
type Suggestion struct {
	// Index is the claim's position in the texts given.
	Index int `json:"index"`
	// Prediction is the model's decision on the claim: its Label is the
	// suggested label.
	Prediction
	// Score is what the claims were ranked by: the margin between the
	// two most probable labels for Suggest (lower first), the
	// probability of the label for Likely (higher first).
	Score float64 `json:"score"`
}

// NearDuplicate is the share of features two claims must share (Jaccard
// similarity of their feature sets) for Suggest and Likely to treat the
// later one as a near-duplicate of the earlier and skip it.
const NearDuplicate = 0.7

// Suggest returns the n claims of texts whose labels would teach the
// model most: those it is least sure of, by the margin between the
// calibrated probabilities of its two most probable labels (uncertainty
// sampling), smallest margin first. A claim whose features are nearly
// those of a claim ranked before it (see [NearDuplicate]) is skipped, as
// is one without any feature the model knows. Ties go to the earlier
// claim, so the ranking depends only on the model and texts.
func (m *Model) Suggest(texts []string, n int) []Suggestion {
	return m.rank(texts, n, func(p *Prediction) float64 {
		first, second := 0.0, 0.0
		for _, x := range p.Probabilities {
			if x > first {
				first, second = x, first
			} else if x > second {
				second = x
			}
		}
		return first - second
	})
}

// Likely returns the n claims of texts most likely to have label, by its
// calibrated probability, highest first, near-duplicates skipped as by
// [Model.Suggest]: the claims to review when a new label arrives, such as
// the built-in claims that may belong to it. The suggestions' Label is
// label. Likely returns nil if the model does not know label.
func (m *Model) Likely(texts []string, label string, n int) []Suggestion {
	if m.label(label) < 0 {
		return nil
	}
	s := m.rank(texts, n, func(p *Prediction) float64 { return -p.Probabilities[label] })
	for i := range s {
		s[i].Score = -s[i].Score
		s[i].Label = label
	}
	return s
}

// rank classifies texts and returns the n lowest by score, skipping
// near-duplicates and claims without known features.
func (m *Model) rank(texts []string, n int, score func(*Prediction) float64) []Suggestion {
	if n <= 0 {
		return nil
	}
	all := make([]Suggestion, 0, len(texts))
	for i, t := range texts {
		p := m.Classify(t)
		if p.Unknown {
			continue
		}
		all = append(all, Suggestion{Index: i, Prediction: p, Score: score(&p)})
	}
	slices.SortStableFunc(all, func(a, b Suggestion) int { return cmp.Compare(a.Score, b.Score) })
	var out []Suggestion
	var kept [][]int // sorted feature sets of the suggestions so far
	for _, s := range all {
		if len(out) == n {
			break
		}
		set := m.featureSet(s.Text)
		if slices.ContainsFunc(kept, func(k []int) bool { return jaccard(k, set) >= NearDuplicate }) {
			continue
		}
		kept = append(kept, set)
		out = append(out, s)
	}
	return out
}

// featureSet returns the sorted distinct vocabulary indices of text.
func (m *Model) featureSet(text string) []int {
	set := m.vec.AppendIndices(nil, text)
	slices.Sort(set)
	return slices.Compact(set)
}

// jaccard returns |a ∩ b| / |a ∪ b| of two sorted sets.
func jaccard(a, b []int) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}
